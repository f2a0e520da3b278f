"""Where a design is made: a model row's country, its family's origin and producing countries (a former state as
its successor), and whether a designation is one country's only (Type 56) or copied everywhere (AK-47).
"""

from __future__ import annotations

import functools
import re

from armstrace.reference import Model, Reference

from .places import gazetteer
from .scan import (
    Indexes,
    Scan,
    near,
)
from .text import Hit, compact

__all__ = [
    "FORMER_STATES",
    "design_countries",
    "designator_numbers",
    "family_makers_countries",
    "family_producer",
    "models_by_name",
    "munition_designator",
    "national_country",
    "ordnance_type_countries",
    "prime",
    "type_number_country",
]


def type_number_country(scan: Scan) -> tuple[str, str] | None:
    """(country, `Type 79`) for a TYPE-number designation marked alone when every table row of that number is
    of one country (the Type 79 submachine gun and sniper rifle are both Chinese): the model stays open."""
    for i in range(len(scan.words) - 1):
        if scan.words[i] in {"TYPE", "ТИП"} and _TYPE_NUMBER.match(scan.words[i + 1]):
            number = scan.words[i + 1]
        elif _TYPE_NUMBER.match(scan.words[i]) and scan.words[i + 1] in {"式", "型"}:
            number = scan.words[i]
        else:
            continue
        stem = "TYPE" + number
        countries = {
            FORMER_STATES.get(m.country, m.country)
            for key, m in _designations(scan.ix.ref)
            if key.startswith(stem) and not key[len(stem) : len(stem) + 1].isdigit()
        }
        return (countries.pop(), " ".join(scan.words[i : i + 2])) if len(countries) == 1 else None
    return None


_TYPE_NUMBER = re.compile(r"^\d{2,3}(?:-\d)?$")


# The US armed forces' munitions designators, two letters of the item's kind and U for unit, then a number (BLU-97/B
# bomb live unit, CBU-58 cluster bomb, GBU-12 guided bomb, SUU-30 dispenser, MAU-169 computer group, BDU-33 practice
# bomb, FMU-139 fuze, CDU, DSU, KMU): a designation of that system is the US's, as `Type 56` is China's
# (http://www.aerospaceweb.org/question/weapons/q0166.shtml, https://en.wikipedia.org/wiki/CBU-58).
_US_DESIGNATOR = re.compile(r"(?<![A-Za-z0-9])(BLU|CBU|GBU|SUU|MAU|BDU|FMU|CDU|DSU|KMU)[-‐–]?(\d{1,3})(?![0-9])")


def munition_designator(scan: Scan) -> str:
    """The US munitions designator in the marking with its number, written in capitals and joined to it (`CBU-58`,
    `BLU46`), else "": `the MAU 12 team` and `Mau-12` are no designator."""
    m = _US_DESIGNATOR.search(scan.text)
    return f"{m.group(1)}-{m.group(2)}" if m else ""


def designator_numbers(scan: Scan) -> set[int]:
    """The tokens holding the number of a US munitions designator written apart from its letters (`CBU-58A/B`: the
    `58A`): taken by the designator, so no model row reads them alone (Type 58A, a North Korean rifle)."""
    found = {(m.group(1), m.group(2)) for m in _US_DESIGNATOR.finditer(scan.text)}
    return {
        i + 1
        for i, w in enumerate(scan.words[:-1])
        for letters, number in found
        if w == letters and re.match(rf"{number}(?!\d)", scan.words[i + 1])
    }


@functools.lru_cache(maxsize=4)
def _designations(ref: Reference) -> tuple[tuple[str, Model], ...]:
    """The TYPE-number names of the models table, compacted (the others never start with TYPE)."""
    names = ((name, m) for m in ref.models for name in (m.model, *m.aliases))
    return tuple((compact(name), m) for name, m in names if name[:4].upper() == "TYPE")


FORMER_STATES = {"SU": "RU", "DD": "DE", "YU": "RS", "CS": "CZ"}


@functools.lru_cache(maxsize=4)
def _family_countries(ref: Reference) -> dict[str, tuple[str, bool]]:
    """Each model family's usual country (its most common row country, the design's origin) and
    whether all its rows share it."""
    counts: dict[str, dict[str, int]] = {}
    for mod in ref.models:
        if mod.family and mod.country:
            c = FORMER_STATES.get(mod.country, mod.country)
            counts.setdefault(mod.family, {}).setdefault(c, 0)
            counts[mod.family][c] += 1
    origin = {fam: max(cs, key=lambda k: cs[k]) for fam, cs in counts.items()}
    for mod in ref.models:  # the family's own design ("TT" of "TT-pattern") names its origin
        stem = compact(re.sub(r"[- ]PATTERN$", "", mod.family.upper())) if mod.family else ""
        if stem and mod.country and stem in {compact(mod.model), *(compact(a) for a in mod.aliases)}:
            origin[mod.family] = FORMER_STATES.get(mod.country, mod.country)
    return {fam: (origin[fam], len(cs) == 1) for fam, cs in counts.items()}


@functools.lru_cache(maxsize=4)
def prime(ref: Reference) -> bool:
    """Build this module's per-table lookups once, with the indexes, so that no marking pays for them later
    (``engine`` primes ``designations.designation_keys`` beside it: that module imports this one, not the reverse)."""
    _family_rows(ref)
    _family_name_countries(ref)
    models_by_name(ref)
    _family_countries(ref)
    ordnance_type_countries(ref)
    _designations(ref)
    family_makers_countries(ref)
    gazetteer(ref)  # the places of recovery (the places table and admin1.geojson), read once at start-up
    return True


def _shares_designation(ref: Reference, row: Model) -> bool:
    """True when another country's row carries the same name or alias (a copy made under the original's name)."""
    table = _family_name_countries(ref).get(row.family, {})
    return any(table.get(compact(n), frozenset()) - {row.country} for n in (row.model, *row.aliases))


def _licensed_only(ref: Reference, row: Model) -> bool:
    """True when the row is its family's own design (its name is the family's) and every row of the family made
    in another country is a licence row: a licensee is named by its own row, so the bare design's name stays the
    licensor's (`M1 Garand` is US; `M1 Garand (Italy)` needs Italy, Beretta or Breda named)."""
    if not row.family or compact(row.family.upper()) not in {compact(row.model.upper()), *map(compact, row.aliases)}:
        return False
    others = [m for m in _family_rows(ref).get(row.family, ()) if m.country != row.country]
    return bool(others) and all(m.relation == "licence" for m in others)


def _made_at_home_only(ref: Reference, row: Model) -> bool:
    """True when the row names its makers (its own and the `makers` column) and every one of them is in the row's
    country: a service designation of a copied family (`M16A4` of the AR-15 pattern) is made by the contractors
    its row lists, and copies abroad carry names of their own."""
    ids = [i for i in (row.manufacturer_id, *row.makers) if i]
    countries = {FORMER_STATES.get(m.country, m.country) for i in ids if (m := ref.manufacturer(i)) is not None}
    return bool(ids) and countries == {FORMER_STATES.get(row.country, row.country)}


@functools.lru_cache(maxsize=4)
def _family_name_countries(ref: Reference) -> dict[str, dict[str, frozenset[str]]]:
    """Each family's names and aliases (compacted) and the countries of the rows carrying them: built once, since
    a large family (landmines, some 90 rows) took tens of milliseconds to compare row by row on every marking."""
    out: dict[str, dict[str, set[str]]] = {}
    for m in ref.models:
        names = out.setdefault(m.family, {})
        for n in (m.model, *m.aliases):
            names.setdefault(compact(n), set()).add(m.country)
    return {fam: {n: frozenset(cs) for n, cs in names.items()} for fam, names in out.items()}


@functools.lru_cache(maxsize=4)
def _family_rows(ref: Reference) -> dict[str, tuple[Model, ...]]:
    out: dict[str, list[Model]] = {}
    for m in ref.models:
        out.setdefault(m.family, []).append(m)
    return {k: tuple(v) for k, v in out.items()}


@functools.lru_cache(maxsize=4)
def family_makers_countries(ref: Reference) -> dict[str, frozenset[str]]:
    """Each model family's producing countries: its rows' countries and their makers'."""
    out: dict[str, set[str]] = {}
    for m in ref.models:
        if m.family:
            out.setdefault(m.family, set()).update(_row_producers(ref, m))
    return {k: frozenset(v) for k, v in out.items()}


def _row_producers(ref: Reference, m: Model) -> set[str]:
    """The countries a model row says make it: its own (a former state as its successor) and its makers'."""
    got = {FORMER_STATES.get(m.country, m.country)} if m.country else set()
    for mid in (m.manufacturer_id, *m.makers):
        row = ref.manufacturer(mid) if mid else None
        if row and row.country:
            got.add(row.country)
    return got


def family_producer(
    scan: Scan, model_name: str | None, bare: list[tuple[str, str, Hit]], design_country: str
) -> tuple[str, str] | None:
    """(country, text) of the first bare country, other than the design's, whose factories make its family,
    marked next to the design's name (within three words on its line: prose that mentions a country elsewhere,
    "the lack of CCCP on the grips", says nothing of where this one was made)."""
    row = models_by_name(scan.ix.ref).get(model_name or "")
    if row is None or not row.family:
        return None
    producers = family_makers_countries(scan.ix.ref).get(row.family, frozenset())
    for code, text, hit in bare:
        if code != design_country and code in producers and near(scan, hit, scan.model_hits, gap=3):
            return code, text
    return None


@functools.lru_cache(maxsize=4)
def ordnance_type_countries(ref: Reference) -> dict[str, frozenset[str]]:
    """Each ordnance weapon type's producing countries: the countries of its rows and of their makers."""
    out: dict[str, set[str]] = {}
    for m in ref.models:
        if m.kind == "ordnance" and m.weapon_type:
            out.setdefault(m.weapon_type, set()).update(_row_producers(ref, m))
    return {k: frozenset(v) for k, v in out.items()}


def design_countries(scan: Scan, model_name: str | None, maker_country: str | None, family: bool = True) -> set[str]:
    """The country of the design named (and, with `family`, of every maker of its family), and the maker's."""
    row = models_by_name(scan.ix.ref).get(model_name or "")
    out: set[str] = {maker_country} if maker_country else set()
    if row is not None:
        out.add(FORMER_STATES.get(row.country, row.country))
        if family and row.family:
            out |= family_makers_countries(scan.ix.ref).get(row.family, frozenset())
    return out


@functools.lru_cache(maxsize=4)
def models_by_name(ref: Reference) -> dict[str, Model]:
    return {m.model: m for m in ref.models}


def national_country(ix: Indexes, model_name: str | None) -> tuple[str, str, bool] | None:
    """(country, model, national) when the model says where it was made, else None.

    A family's own designs (AK-47, AKM) are copied everywhere, so their origin says nothing about where
    one rifle was made; a designation used by one country's factories only (its row country differs from
    the family's origin: Type 56, MPi-KM, PM md. 63) does (`national` True). A family made in one
    country only (M16A2, M4A1) is weaker evidence (`national` False): copies exist under other names.
    """
    if not model_name:
        return None
    row = models_by_name(ix.ref).get(model_name)
    if row is None or not row.country:
        return None
    country = FORMER_STATES.get(row.country, row.country)
    if row.relation in {"licence", "copy", "derivative"}:
        return country, row.model, True  # a national designation of a design from elsewhere (Type 56, Tabuk)
    if row.relation == "original" and not _shares_designation(ix.ref, row):
        # the original's own name: copies elsewhere carry other names (weak); a row with no family (`SRCM Mod. 35`)
        # is a family of its own
        return country, row.model, False
    if not row.relation and _licensed_only(ix.ref, row) and not _shares_designation(ix.ref, row):
        return country, row.model, False  # `M1 Garand`: the licensees' rows (Beretta, Breda) carry their own names
    if not row.relation and _made_at_home_only(ix.ref, row) and not _shares_designation(ix.ref, row):
        return (
            country,
            row.model,
            False,
        )  # `M16A4`: a service designation whose listed makers (Colt, FN America) are all home
    if not row.family:
        return None
    origin, single = _family_countries(ix.ref).get(row.family, ("", False))
    if origin and origin != country:
        return country, row.model, True
    if single and origin == country:
        return country, row.model, False
    return None
