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
matcher compares), `result` (the result types), `evaluation` (accuracy on a test set).
"""

from __future__ import annotations

from .engine import identify
from .names import identify_record, related, standard_name
from .result import Alternative, Evidence, Identification
from .vocabulary import canonical, canonical_calibre, canonical_country, canonical_maker, canonical_model

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
