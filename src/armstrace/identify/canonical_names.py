"""A recorded value's canonical name worked out from the reference: the phrase indexes first (exact spellings,
aliases, transliterations), then identification of the value as a marking.

Apart from ``vocabulary`` (which keeps these answers, in memory and on disk) so that a process whose answers
are all kept never loads identification's rules and word lists: the matcher's batch reads them back.
"""

from __future__ import annotations

import functools

from armstrace.reference import Reference

from .engine import identify
from .scan import indexes
from .text import compact
from .words import COUNTRY_WORDS, DEMONYMS

__all__ = ["canonical_country", "work_out"]


def work_out(field: str, value: str, ref: Reference) -> str | None:
    """The canonical name of ``value`` in ``field`` (manufacturer, model, calibre, country), or None, without
    the kept answers (``vocabulary.canonical`` keeps them)."""
    if field == "country":
        return canonical_country(value)
    ix = indexes(ref)
    if field == "manufacturer":
        for m in ref.manufacturers:
            if m.name.lower() == value.lower():
                return m.name
        ids = {str(i) for i in ix.makers.get(value)}
        if len(ids) == 1:
            row = ref.manufacturer(ids.pop())
            return row.name if row else None
        return identify(value, ref).manufacturer
    if field == "model":
        rows = ix.models.get(value)
        return rows[0].model if rows else identify(value, ref).model
    rows = ix.calibres.get(value)
    return rows[0].calibre if rows else identify(value, ref).calibre


@functools.lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    out = {compact(word): iso for word, iso in DEMONYMS.items()}
    out.update({compact(word): iso for word, iso in COUNTRY_WORDS.items()})
    return out


def canonical_country(value: str | None) -> str | None:
    """ISO 3166-1 alpha-2 code of a country name, demonym or code (`Yugoslavia` → "RS", `iranian` → "IR")."""
    if not value or not value.strip():
        return None
    text = value.strip()
    if len(text) == 2 and text.isalpha():
        return text.upper()
    return _countries().get(compact(text))
