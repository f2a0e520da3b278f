"""Which country a maker's evidence points to: plant numbers, brands made elsewhere, named countries and
"made in" marks weighed against the makers found, and the groups and alternatives a decision leaves open.
"""

from __future__ import annotations

import re
from typing import Any

from .agencies import compared_or_user, made_in_codes
from .result import Alternative, Evidence, Identification
from .scan import Scan
from .text import Hit, compact

__all__ = [
    "alternatives",
    "brand_only",
    "brand_plant",
    "component_makers",
    "countries_named",
    "country_cues",
    "groups_named_with_members",
    "made_in_decides",
    "names_a_country",
    "plant_numbers_of_other_countries",
    "shared_name_by_country",
    "state_exporter",
]


# words that may stand beside a plant's number in its mark (`FACTORY 10`, `10 in a double circle`, `lot 3-88-10`)
_NUMBER_MARK_WORDS = frozenset(
    re.split(
        r"\s+",
        "FACTORY PLANT WORKS NO NR N IN A AN THE TRIANGLE OVAL CIRCLE CIRCLES DOUBLE TWO CONCENTRIC FRAMED LOT MARK "
        "ZAVOD ЗАВОД FABRIKA MASNA مصنع",
    )
)


def _number_mark(text: str) -> bool:
    """A plant's number with at most the words of a numbered mark: `FACTORY 10`, `(66)`, `10-88-57`."""
    words = re.findall(r"[^\W\d_]+", text.upper())
    return any(c.isdigit() for c in text) and all(w in _NUMBER_MARK_WORDS for w in words)


def plant_numbers_of_other_countries(
    scan: Scan,
    importer_hits: list[Hit],
    scores: dict[str, float],
    ev: dict[str, list[Evidence]],
    result: Identification,
) -> None:
    """A maker found only by a plant number (`factory 10`, a framed code, a lot mark) when the text names the item's
    country as another: state plants of several countries use the same numbers (Egypt's factories, Bulgaria's
    Arsenal 10), so the number is read as the named country's plant, and this maker is not taken."""
    numbered = []
    for mid in scores:
        row = scan.ix.ref.manufacturer(mid)
        marks = [e for e in ev.get(mid, []) if e.weight > 0]
        if row is not None and marks and all(_number_mark(e.text) for e in marks):
            numbered.append((mid, row, marks[0].text))
    if not numbered:
        return
    lines = {scan.line_of(h) for h in importer_hits}
    named: set[str] = set(made_in_codes(scan))
    for hit in scan.find(scan.ix.countries):
        if compared_or_user(scan, hit) or scan.line_of(hit) in lines:
            continue  # a user's or a place's country, or an importer's address (GEORGIA VT)
        for p in hit.payloads:
            if isinstance(p, str):
                named.add(p)
            elif isinstance(p, tuple) and p[0] in {"made_in", "demonym"}:
                named.add(p[1])
    for mid, row, text in numbered:
        if not named or row.country in named:
            continue
        scores.pop(mid)
        where = "/".join(sorted(named))
        result.evidence.append(
            Evidence(
                "manufacturer",
                text,
                "manufacturers",
                mid,
                "",
                0.0,
                f"a plant number of {row.name} ({row.country}), but the text names {where}: "
                "plants of several countries use the same numbers; not taken",
            )
        )


def countries_named(scan: Scan) -> set[str]:
    """Countries the text names as this item's (made in, a country's name or demonym), not a user's or a place's."""
    named = set(made_in_codes(scan))
    for hit in scan.find(scan.ix.countries):
        if compared_or_user(scan, hit):
            continue
        for p in hit.payloads:
            if isinstance(p, str):
                named.add(p)
            elif isinstance(p, tuple) and p[0] in {"made_in", "demonym"}:
                named.add(p[1])
    return named


def country_cues(scan: Scan, scores: dict[str, float]) -> set[str]:
    """Countries the text names (made in, a country's name or demonym) or whose makers it names."""
    cues = set(made_in_codes(scan))
    for hit in scan.find(scan.ix.countries):
        for p in hit.payloads:
            if isinstance(p, str):
                cues.add(p)
            elif isinstance(p, tuple) and p[0] in {"made_in", "demonym"}:
                cues.add(p[1])
    for mid in scores:
        row = scan.ix.ref.manufacturer(mid)
        if row is not None:
            cues.add(row.country)
    return cues


_EXPORTER_NOTE = re.compile(r"\bstate (?:arms )?export(?:er|ing| company)\b", re.IGNORECASE)


def names_a_country(ix: Any, phrase: str) -> bool:
    """A country's name or demonym ("Chinese arsenal" names no plant); a town (Izhevsk) is not one."""
    return any(
        isinstance(p, str) or (isinstance(p, tuple) and p[0] == "demonym") for p in ix.countries.get(compact(phrase))
    )


def state_exporter(ix: Any, mid: str) -> bool:
    """A state arms exporter (its row's notes say so: `state arms exporter`, `state export company`)."""
    row = ix.ref.manufacturer(mid)
    return row is not None and bool(_EXPORTER_NOTE.search(row.notes))


# a component named with its own maker: "fuze by Burkan", "primer: CBC", "the rocket motor made by Roxel"
_COMPONENT_WORDS = frozenset(
    {"FUZE", "FUZES", "FUSE", "FUSES", "PRIMER", "PRIMERS", "DETONATOR", "DETONATORS", "PROPELLANT", "POWDER"}
    | {"MOTOR", "SEEKER", "WARHEAD", "COMPONENT", "COMPONENTS", "IGNITER", "BOOSTER", "CHARGE", "CASE", "CASES"}
    | {"SUBCONTRACTOR", "SUPPLIER", "ZUNDER", "ZUENDER", "FUSEE", "ESPOLETA", "SPOLETTA", "ZAPALNIK", "TAPA"}
)


def component_makers(scan: Scan) -> set[str]:
    """The makers every naming of which follows a component's word within three words ("fuze by Burkan
    Munitions"): a component's maker, not the item's plant."""
    named: dict[str, bool] = {}
    for h in scan.maker_hits:
        line = scan.tokens[h.start].line
        before = [scan.words[k] for k in range(max(0, h.start - 3), h.start) if scan.tokens[k].line == line]
        component = any(w in _COMPONENT_WORDS for w in before)
        for mid in h.payloads:
            named[str(mid)] = named.get(str(mid), True) and component
    return {mid for mid, only in named.items() if only}


def groups_named_with_members(
    ix: Any, scores: dict[str, float], ev: dict[str, list[Evidence]], components: set[str]
) -> dict[str, list[str]]:
    """Each defence group or holding (its row's notes say so: `defence group`, `holding`, `conglomerate`, `group
    of`) found together with members of its own (`part_of`, `subsidiary_of` in maker_relations.csv) that were
    found by a mark of their own (a name or a code the group does not share, not only a design the member
    makes), and those of its members that are not groups themselves. A holding is an owner, not a factory:
    tracing goes to the plant."""
    found: dict[str, list[str]] = {}
    for rel in ix.ref.maker_relations:
        member, group = rel.manufacturer_id, rel.related_id
        if rel.relation not in {"part_of", "subsidiary_of"} or group not in scores or scores.get(member, 0.0) < 0.3:
            continue
        if member in components:
            continue  # "by Edge Group, fuze by Burkan": the member made a component, the group stays the maker
        row = ix.ref.manufacturer(group)
        group_marks = {compact(e.text) for e in ev.get(group, [])}  # ROMARM marks Cugir's products and the group's
        own_mark = any(
            e.table != "models" and e.weight > 0 and compact(e.text) not in group_marks for e in ev.get(member, [])
        )
        if row is not None and _GROUP_NOTE.search(row.notes) and own_mark and member not in found.get(group, []):
            found.setdefault(group, []).append(member)
    return {g: [m for m in ms if m not in found] for g, ms in found.items()}


_GROUP_NOTE = re.compile(
    r"\b(?:defen[cs]e (?:group|holding|concern)|holding|conglomerate|group of|directorate over)\b", re.I
)


def alternatives(
    ix: Any, mids: list[str], scores: dict[str, float], ev: dict[str, list[Evidence]], result: Identification
) -> None:
    """The makers left open, each with its score and the marks behind it, and their countries."""
    for mid in mids:
        row = ix.ref.manufacturer(mid)
        if row is None:
            continue
        marks = tuple(f"{e.text or e.row}: {e.note}" for e in ev.get(mid, []) if e.weight > 0)
        result.alternatives.append(Alternative("manufacturer", row.name, round(scores[mid], 2), marks))
        result.alternatives.append(
            Alternative("country", row.country, round(scores[mid], 2), (f"factory of {row.name}",))
        )


def brand_only(ix: Any, row: Any, made_in: set[str], evidence: list[Evidence]) -> bool:
    """True when the maker was named by its brand only and has no related plant in the marked country.

    A maker with a plant or subsidiary there (FN Herstal and FN America, SIG Sauer GmbH and Inc., Colt and Colt
    Canada, Glock and its importer Glock Inc.: a maker or importer row of that country whose name starts with the
    same word) or named through a factory code or
    headstamp is not a conflict; nor is a model's maker inferred from a licensed designation. The brand's own
    design (BERETTA 92, GLOCK 17) names the brand again, so it does not explain a foreign MADE IN either.
    """
    if any(e.table in {"factory_codes", "headstamps"} for e in evidence):
        return False
    for e in evidence:
        if e.table == "models":
            model = next((m for m in ix.ref.models if m.model == e.row), None)
            if model is None or model.relation in {"licence", "copy", "derivative"}:
                return False

    def first(name: str) -> str:  # Colt's Manufacturing Company and Colt Canada share "colt"
        return name.split()[0].lower().removesuffix("'s").removesuffix("’s")

    related = [(m.country, m.name) for m in ix.ref.manufacturers] + [
        (i.country, i.importer) for i in ix.ref.import_marks
    ]
    if any(cc in made_in and first(name) == first(row.name) for cc, name in related):
        return False
    return _related_plant(ix, row, made_in) is None  # Browning MADE IN BELGIUM: its owner FN Herstal's plant


def made_in_decides(ix: Any, made_in: set[str], scores: dict[str, float], result: Identification) -> None:
    """A marked country of manufacture decides between makers: the FN Minimi "manufactured in the United
    States by FN Manufacturing LLC" is FN America's, not FN Herstal's; a PA-63 "made in Hungary" is FÉG's, not the
    Walther whose design it follows. Only when a maker of that country is itself a candidate: a maker with plants
    in several countries (Glock, SIG) keeps its name when no other candidate fits the marked country."""
    if not made_in:
        return
    rows = {mid: ix.ref.manufacturer(mid) for mid in scores}
    fits = [mid for mid, row in rows.items() if row is not None and row.country in made_in and scores[mid] >= 0.5]
    if not fits:
        return
    for mid, row in rows.items():
        if row is not None and row.country not in made_in and scores[mid] > 0:
            scores[mid] *= 0.5
            result.evidence.append(
                Evidence(
                    "manufacturer",
                    "",
                    "manufacturers",
                    mid,
                    "",
                    0.0,
                    f"weakened: its factory ({row.country}) is not the marked country of manufacture "
                    f"({'/'.join(sorted(made_in))}) and a maker there is named",
                )
            )


def shared_name_by_country(scan: Scan, scores: dict[str, float], result: Identification) -> None:
    """One name, makers in several countries (هيئة التصنيع الحربي is Iraq's and Sudan's military industry): when
    they tie and the text names the country of exactly one of them, the others are weakened."""
    if len(scores) < 2:
        return
    top = max(scores.values())
    tied = {mid: scan.ix.ref.manufacturer(mid) for mid, s in scores.items() if s >= top - 0.05}
    countries = {row.country for row in tied.values() if row is not None}
    if len(tied) < 2 or len(countries) < 2:
        return
    named = countries_named(scan) & countries
    if len(named) != 1:
        return
    where = next(iter(named))
    for mid, row in tied.items():
        if row is not None and row.country not in named:
            scores[mid] *= 0.5
            why = f"weakened: the name is shared by makers of several countries and the text names {where}"
            result.evidence.append(Evidence("manufacturer", "", "manufacturers", mid, "", 0.0, why))


def brand_plant(ix: Any, row: Any, made_in: set[str]) -> Any:
    """The one maker row of the marked country that shares the brand's first word (Colt Canada for COLT, Beretta
    U.S.A. for BERETTA), or None: a brand marked MADE IN a country where it has its own plant was made there."""
    first = row.name.split()[0].lower().removesuffix("'s")
    plants = [
        m
        for m in ix.ref.manufacturers
        if m.country in made_in and m.manufacturer_id != row.manufacturer_id and m.name.split()[0].lower() == first
    ]
    return plants[0] if len(plants) == 1 else _related_plant(ix, row, made_in)


def _related_plant(ix: Any, row: Any, made_in: set[str]) -> Any:
    """The brand's owner (`brand_of`) or the maker's subsidiary (`subsidiary_of`) in `maker_relations.csv` whose
    factory is in the marked country, or None: BROWNING ... MADE IN BELGIUM is FN Herstal's (Browning is FN's
    brand). A maker merely owned by a group (Sako, Beretta) is not its owner's brand: SAKO MADE IN ITALY stays a
    conflict."""
    mid = row.manufacturer_id
    owners = [r.related_id for r in ix.ref.maker_relations if r.manufacturer_id == mid and r.relation == "brand_of"]
    owners += [
        r.manufacturer_id for r in ix.ref.maker_relations if r.related_id == mid and r.relation == "subsidiary_of"
    ]
    plants = [m for o in owners if (m := ix.ref.manufacturer(o)) is not None and m.country in made_in]
    return plants[0] if len(plants) == 1 else None
