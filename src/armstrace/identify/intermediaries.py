"""The intermediaries named beside a maker: a state exporter (Kintex, Rosoboronexport) marks what its country's
plants export, and a group (`ROMARM`, `PGZ`) what its member plants make; neither made the item, each stays a
second reading."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from armstrace.reference import Model

from .licences import FORMER_STATES, family_makers
from .maker_countries import component_makers, groups_named_with_members, state_exporter
from .result import Alternative, Evidence, Identification
from .scan import Scan

__all__ = ["exporters_named", "groups_named"]

Add = Callable[[str, float, Evidence], None]


def exporters_named(
    ix: Any,
    model: Model | None,
    made_in: set[str],
    scores: dict[str, float],
    ev: dict[str, list[Evidence]],
    add: Add,
    result: Identification,
) -> None:
    """Drops a state exporter from the makers: the plant of its country named beside it made the item, and an
    exporter of a design others make is no maker of it; the exporter stays an alternative."""
    # a state exporter's name (Kintex, Yugoimport, Poly Technologies) marks export ordnance and its packaging; a
    # plant named too (by name, code, lot mark or model) is the maker, and the exporter is a second reading
    for mid in [m for m in scores if state_exporter(ix, m)]:
        row = ix.ref.manufacturer(mid)
        assert row is not None
        plants = [
            m
            for m in scores
            if not state_exporter(ix, m)
            and scores[m] >= 0.3
            and getattr(ix.ref.manufacturer(m), "country", "") == row.country
        ]
        design_makers = _design_makers(ix, model)
        if not plants and design_makers and mid not in design_makers:
            # "AK-103 rifles delivered to Venezuela by Rosoboronexport": the exporter of a design others make
            why = f"a state exporter: not the maker of the {model.model if model else 'design'}"
            marks = tuple(f"{e.text or e.row}: {e.note}" for e in ev.get(mid, []) if e.weight > 0)
            result.alternatives.append(Alternative("manufacturer", row.name, round(scores[mid], 2), (why, *marks)))
            result.evidence.append(Evidence("manufacturer", row.name, "manufacturers", mid, "", 0.0, why))
            _exporters_country(ix, model, made_in, row, mid, result)
            scores.pop(mid)
            continue
        if not plants:
            continue  # a plant of another country against the exporter is left to the usual ranking
        for plant in plants:
            why = f"exported by {row.name}, the state exporter of the plant's country"
            add(plant, 0.3, Evidence("manufacturer", row.name, "manufacturers", mid, "", 0.3, why))
        marks = tuple(f"{e.text or e.row}: {e.note}" for e in ev.get(mid, []) if e.weight > 0)
        result.alternatives.append(
            Alternative("manufacturer", row.name, round(scores[mid], 2), ("state exporter, not the plant", *marks))
        )
        result.evidence.append(
            Evidence(
                "manufacturer",
                row.name,
                "manufacturers",
                mid,
                "",
                0.0,
                "a state exporter: the plant named is the maker",
            )
        )
        scores.pop(mid)


def groups_named(
    scan: Scan,
    scores: dict[str, float],
    ev: dict[str, list[Evidence]],
    add: Add,
    result: Identification,
) -> None:
    """Drops a group named with one of its member plants: the member made the item, the group is an alternative."""
    ix = scan.ix
    # a group named with one of its own plants or subsidiaries (`Mesko (PGZ)`, `Kupol, Almaz-Antey`, `ROMARM
    # CUGIR`): the member made the item, the group (`part_of`/`subsidiary_of`) is a second reading
    for group, members in groups_named_with_members(ix, scores, ev, component_makers(scan)).items():
        row = ix.ref.manufacturer(group)
        assert row is not None
        for member in [m for m in members if m in scores]:
            why = f"named with {row.name}, the group it belongs to"
            member_row = ix.ref.manufacturer(member)
            name = member_row.name if member_row is not None else member
            add(member, 0.2, Evidence("manufacturer", row.name, "maker_relations", member, name, 0.2, why))
        marks = tuple(f"{e.text or e.row}: {e.note}" for e in ev.get(group, []) if e.weight > 0)
        result.alternatives.append(
            Alternative("manufacturer", row.name, round(scores[group], 2), ("the group, not the plant", *marks))
        )
        result.evidence.append(
            Evidence(
                "manufacturer", row.name, "maker_relations", group, "", 0.0, "a group: its member named is the maker"
            )
        )
        scores.pop(group)


def _exporters_country(
    ix: Any, model: Model | None, made_in: set[str], row: Any, mid: str, result: Identification
) -> None:
    """An exporter of one country's arms (Kintex, Rosoboronexport) says where the item most likely came from when
    the design's family has a factory in that country (`Kintex AK-47`: Arsenal's Kalashnikovs); an exporter of a
    country with no factory of the family, or against a country marked as the maker's, says nothing of it."""
    if model is None or not model.family or not row.country:
        return
    home = FORMER_STATES.get(row.country, row.country)
    if made_in and home not in made_in:
        return  # "Kintex AK-47 made in China": the marked country of manufacture stands
    plants = {
        m
        for country, makers in family_makers(ix.ref)[0].get(model.family, {}).items()
        if FORMER_STATES.get(country, country) == home
        for m in makers
    }
    if not plants:
        return
    names = ", ".join(sorted(r.name for m in plants if (r := ix.ref.manufacturer(m)) is not None))
    why = f"the state exporter {row.name} is {home}'s, and the {model.family} family has a factory there ({names})"
    result.evidence.append(Evidence("country", row.name, "manufacturers", mid, home, 0.6, why))


def _design_makers(ix: Any, model: Model | None) -> set[str]:
    """The makers of the item's design: its row's, or else those of its family's rows (AK-103: Izhmash's family)."""
    if model is None:
        return set()
    own = {m for m in (model.manufacturer_id, *model.makers) if m}
    if own or not model.family:
        return own
    return {m for per in family_makers(ix.ref)[0].get(model.family, {}).values() for m in per}
