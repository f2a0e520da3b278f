"""Standard names for values recorded elsewhere (a registry's make, model, calibre), how closely two
recorded values agree, and the identification of a whole record for import.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any

from armstrace.reference import Reference, load_reference

from .engine import identify
from .renderings import PLANT_WORDS
from .scan import Indexes, indexes
from .text import compact, normalise
from .words import PERSONAL_NAMES

__all__ = ["identify_record", "related", "standard_name"]


def standard_name(
    field: str, value: str | None, reference: Reference | None = None, context: str | None = None
) -> str | None:
    """The standard name of a manufacturer, model or calibre as recorded anywhere, or None if unknown.

    `standard_name("manufacturer", "COLT'S MFG CO")` → "Colt's Manufacturing Company". `context` is the rest of
    the record (its model, markings): given one (identify_record), a maker's partial name that is also a person's
    (`Smith`) needs its support; without one (linkage, evaluation) the partial name names its maker as before.
    """
    if not value or not value.strip():
        return None
    ix = indexes(reference or load_reference())
    if field == "manufacturer":
        for m in ix.ref.manufacturers:
            if m.name.lower() == value.strip().lower():
                return m.name
        ids = ix.makers.get(value)
        if len(ids) == 1:
            row = ix.ref.manufacturer(str(ids[0]))
            return row.name if row else None
        found = identify(value, ix.ref).manufacturer
        if found is None and (mid := _first_words(ix.ref).get(compact(value))):
            if context is not None and compact(value) in PERSONAL_NAMES and not _supports(ix, mid, context):
                return None  # "Smith" alone is a person as often as Smith & Wesson
            row = ix.ref.manufacturer(mid)  # "Sellier" for Sellier & Bellot: a company known by its first word
            return row.name if row else None
        return found
    if field == "model":
        rows = ix.models.get(value)
        if rows:
            model: str | None = rows[0].model
            return model
        return identify(value, ix.ref).model
    if field == "calibre":
        rows = ix.calibres.get(value)
        if rows:
            calibre: str | None = rows[0].calibre
            return calibre
        return identify(value, ix.ref).calibre
    raise ValueError(f"standard_name: unknown field {field!r}; use manufacturer, model or calibre")


def _supports(ix: Indexes, mid: str, context: str | None) -> bool:
    """Whether the rest of a record supports a maker read from a partial name: the model it names is that maker's
    (its row's maker or one of its makers), or the maker itself is identified there."""
    if not context or not context.strip():
        return False
    found = identify(context, ix.ref)
    if found.manufacturer_id == mid:
        return True
    rows = ix.models.get(found.model) if found.model else []
    return any(mid in (r.manufacturer_id, *r.makers) for r in rows)


@functools.lru_cache(maxsize=4)
def _first_words(ref: Reference) -> dict[str, str]:
    """First word of a maker's name (five letters or more, not a plant or place word, not a country) → its id,
    where exactly one maker's name starts with it: registries write "Sellier", "Palmetto", "Knight's"."""
    seen: dict[str, set[str]] = {}
    for m in ref.manufacturers:
        words = normalise(re.sub(r"\(.*?\)", " ", m.name)).split()
        if words:
            seen.setdefault(compact(words[0]), set()).add(m.manufacturer_id)
    ix = indexes(ref)
    return {
        word: next(iter(ids))
        for word, ids in seen.items()
        if len(ids) == 1
        and len(word) >= 5
        and word.isalpha()
        and word not in PLANT_WORDS | _NOT_A_NAME
        and not ix.countries.get(word)
    }


# First words of makers' names that are descriptions, not names.
_NOT_A_NAME = frozenset(
    str.split(
        "ROYAL STATE NATIONAL GENERAL UNITED INDUSTRIAS MILITARY DEFENCE DEFENSE ORDNANCE AMMUNITION RIFLE SMALL "
        "FIRST NORTH SOUTH MECHANICAL UZINA DIRECCION CENTRAL FEDERAL AMERICAN BRITISH SOCIETE COMPANIA COMPANHIA "
        "HELLENIC GREEK UNION GOVERNMENT IMPERIAL ADVANCED SPECIAL INTERNATIONAL SILVER PHOENIX MAGNUM UNIVERSAL "
        "MASTERPIECE SHOOTERS ETABLISSEMENTS TWIN LAKE"
    )
)


def _family(value: str, ix: Indexes) -> str | None:
    rows = ix.models.get(value)
    if rows:
        return rows[0].family or None
    key = compact(value)
    for mod in ix.ref.models:
        fam = compact(mod.family) if mod.family else ""
        if fam and fam in key:
            return mod.family
    found = identify(value, ix.ref)
    return found.family


def related(field: str, a: str | None, b: str | None, reference: Reference | None = None) -> float | None:
    """How closely two recorded values agree: 1.0 the same, 0.5 the same family, 0.0 different, None unknown.

    `related("model", "Type 56", "AK-pattern 7.62x39mm")` → 0.5; `related("manufacturer",
    "COLT'S MFG CO", "Colt")` → 1.0.
    """
    ref = reference or load_reference()
    sa, sb = standard_name(field, a, ref), standard_name(field, b, ref)
    if field == "model":
        if sa and sb and sa == sb:
            return 1.0
        ix = indexes(ref)
        fa, fb = (_family(a, ix) if a else None), (_family(b, ix) if b else None)
        if fa and fb:
            return 0.5 if fa == fb else 0.0
        if sa and sb:
            return 0.0
        return None
    if sa is None or sb is None:
        return None
    return 1.0 if sa == sb else 0.0


_RECORD_FIELDS = ("manufacturer", "model", "calibre", "markings", "importer")


def identify_record(fields: Mapping[str, Any], reference: Reference | None = None) -> dict[str, Any]:
    """Standardise a recovery's or registry record's make, model and calibre from all it says.

    The recorded fields are read first (one line each), then the markings; the raw values stay in the
    record, this returns the standard ones (None where unknown) and an `identification` summary.
    """
    lines = [str(fields[k]).strip() for k in _RECORD_FIELDS if fields.get(k) and str(fields[k]).strip()]
    result = identify("\n".join(lines), reference)
    recorded_country = str(fields.get("country") or "").strip().upper() or None
    maker = result.manufacturer
    if maker is None and fields.get("manufacturer"):
        # "Smith" recorded as the make of a "Model 10": a partial name the rest of the record supports
        rest = "\n".join(str(fields[k]).strip() for k in _RECORD_FIELDS if k != "manufacturer" and fields.get(k))
        maker = standard_name("manufacturer", str(fields["manufacturer"]), reference, context=rest)
    return {
        "manufacturer": maker,
        "model": result.model,
        "calibre": result.calibre,
        "country": result.country or recorded_country,
        "year": result.year,
        "weapon_type": result.weapon_type,
        "kind": result.kind,
        "importer": result.importer,
        "import_country": result.import_country,
        "family": result.family,
        "identification": {
            "confidence": result.confidence,
            "field_confidence": result.field_confidence,
            "evidence": [
                f"{e.field}: {e.text!r} → {e.value or e.row} ({e.note})" for e in result.evidence if e.weight > 0
            ],
            "serial_in_markings": result.serial,
            "nsn": result.nsn,
        },
    }
