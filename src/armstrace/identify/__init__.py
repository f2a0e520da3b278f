"""Identification: a marking as transcribed → one standard description of the item, with its evidence.

A trace fails when the make is misread, a nickname taken for a model or an importer for the maker, so
the engine only reports what a reference row supports, says which words matched which row, and
leaves a field None rather than guess. Pipeline: normalise and tokenise (case, punctuation, lines,
Cyrillic, CJK) → find phrases of every reference table on token boundaries → drop maker phrases that
are really an importer's mark, a designer's name in a model or a calibre (`.38 S&W`) → combine the
evidence per field with a confidence.

    >>> r = identify("NORINCO MADE IN CHINA / CENTURY ARMS GEORGIA VT")
    >>> (r.manufacturer, r.country, r.importer, r.import_country)   # doctest: +SKIP
    ('Norinco', 'CN', 'Century Arms', 'US')

Modules, one concept each: `text` (normalisation, tokens, phrase index), `words` (country and kind
words), `scan` (one marking scanned against the indexes), `makers` (manufacturer and importer),
`codes` (factory codes, headstamps, NSN), `country` (country evidence and its ranking), `models`
(model, calibre, kind), `numbers` (year, serial, Hijri years), `illegible` (gaps in a transcription),
`engine` (the pipeline), `names` (standard names of recorded values), `vocabulary` (the canonical names the
matcher compares, kept), `canonical_names` (those names worked out), `result` (the result types), `evaluation`
(accuracy on a test set).

Names are loaded on first use, as ``armstrace``'s are: the matcher imports ``vocabulary``, whose kept answers
need none of the rules, so a batch whose registry was named before never loads them (~0.6 s a process).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "identify": "engine",
    "identify_record": "names",
    "related": "names",
    "standard_name": "names",
    "Alternative": "result",
    "Evidence": "result",
    "Identification": "result",
    "canonical": "vocabulary",
    "canonical_calibre": "vocabulary",
    "canonical_maker": "vocabulary",
    "canonical_model": "vocabulary",
    "canonical_country": "canonical_names",
    "work_out": "canonical_names",  # ``vocabulary``'s answer to a value it does not keep yet
}

__all__ = [
    "Alternative",
    "Evidence",
    "Identification",
    "canonical",
    "canonical_calibre",
    "canonical_country",
    "canonical_maker",
    "canonical_model",
    "identify",
    "identify_record",
    "related",
    "standard_name",
]

if TYPE_CHECKING:
    from .canonical_names import canonical_country
    from .canonical_names import work_out as work_out
    from .engine import identify
    from .names import identify_record, related, standard_name
    from .result import Alternative, Evidence, Identification
    from .vocabulary import canonical, canonical_calibre, canonical_maker, canonical_model


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
