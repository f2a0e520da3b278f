"""One vocabulary: the canonical maker, model, calibre and country that identification produces, for a value
recorded anywhere (a registry's make column, a seizure report, an import file).

The matcher compares recorded descriptions with these names, so the Type 56 identified from a marking and
the "TYPE 56 7.62" typed in a registry meet on the same words. Lookups go through the phrase indexes first
(exact spellings, aliases, transliterations: cheap) and fall back to identifying the value as a marking.
Names are stable: they are the reference rows' `name`, `model` and `calibre` cells, which are never renamed
(README.md in `armstrace/reference`).
"""

from __future__ import annotations

import functools

from armstrace.reference import Reference, load_reference

from .engine import identify
from .scan import indexes
from .text import compact
from .words import COUNTRY_WORDS, DEMONYMS

__all__ = ["FIELDS", "canonical", "canonical_calibre", "canonical_country", "canonical_maker", "canonical_model"]

FIELDS = ("manufacturer", "model", "calibre", "country")


def canonical(field: str, value: str | None, reference: Reference | None = None) -> str | None:
    """The canonical name of a recorded `field` value (manufacturer, model, calibre, country), or None.

    `canonical("manufacturer", "IZHMASH")` → "Izhmash (Kalashnikov Concern)"; `canonical("calibre", "7,62x39")`
    → "7.62x39mm"; `canonical("country", "Yugoslavia")` → "RS"; unknown values give None.
    """
    if not value or not str(value).strip():
        return None
    ref = reference or load_reference()
    name = "manufacturer" if field in {"maker", "make", "manufacturer"} else field
    if name not in FIELDS:
        raise ValueError(f"canonical: unknown field {field!r}; use one of {', '.join(FIELDS)}")
    return _canonical(name, str(value).strip(), ref)


@functools.lru_cache(maxsize=65536)
def _canonical(field: str, value: str, ref: Reference) -> str | None:
    ix = indexes(ref)
    if field == "country":
        return canonical_country(value)
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


def canonical_maker(value: str | None, reference: Reference | None = None) -> str | None:
    """The standard maker name (`COLT'S MFG CO` → "Colt's Manufacturing Company"), or None."""
    return canonical("manufacturer", value, reference)


def canonical_model(value: str | None, reference: Reference | None = None) -> str | None:
    """The standard model name (`AK 47` → "AK-47", `56式` → "Type 56"), or None."""
    return canonical("model", value, reference)


def canonical_calibre(value: str | None, reference: Reference | None = None) -> str | None:
    """The standard calibre name (`7,62x39` → "7.62x39mm", `.308 WIN` → "7.62x51mm NATO"), or None."""
    return canonical("calibre", value, reference)


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
