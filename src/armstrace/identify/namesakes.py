"""A design's namesake named beside another factory: `Mauser M1880/1907, Kragujevac`, `Karabin Mauser wz. 1898 —
Fabryka Karabinów Spandau`, `Yugoslav M48 ... Mauser action`. The family carries the designer's name and many
factories made it; the factory the text names made this one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from armstrace.reference import Model

from .licences import family_makers
from .placement import user_span
from .result import Evidence
from .scan import Scan
from .text import compact

__all__ = ["namesake_beside_factory"]


# Words of rework: a factory named beside them may have converted, rebarrelled or repaired the namesake's own item
# (`ASFA ANKARA on a Turkish 1893 Mauser rebarrelled/rebored`), so the namesake is not set aside.
_REWORK = ("REBARREL", "REBOR", "RECHAMBER", "CONVER", "REFURBISH", "OVERHAUL", "REBUIL", "REPAIR", "RECONDITION")


def namesake_beside_factory(
    scan: Scan,
    namesakes: dict[str, list[str]],
    model: Model | None,
    model_maker: str,
    scores: dict[str, float],
    parts: dict[str, dict[tuple[str, str], list[float]]],
    ev: dict[str, list[Evidence]],
    add: Callable[[str, float, Evidence], None],
) -> None:
    """A design's namesake (`Mauser`) named beside another factory (`Kragujevac`, `Spandau`): that factory made
    it. The namesake falls to a design's weak reading (0.45, as `Mauser Karabiner 98k` does); the factory, when
    the tables list it among the family's makers, gains the family's support. A national designation of that
    family named with it (`Puška M48A ... Mauser action`) names its own factory the same way.

    Only when the item is of the namesake's family (or no design is read: `Mauser M1880/1907, Kragujevac`), and
    the other factory is named by its own name or, by its town alone, makes the family (a town is as often where
    the item was found: `Mauser ... Peshawar workshop`); never against the namesake's own brand owner or plant.
    """
    ix = scan.ix
    if not namesakes or any(w.startswith(_REWORK) for w in scan.words):
        return
    places = user_span(scan)
    related = {(r.manufacturer_id, r.related_id) for r in ix.ref.maker_relations}
    for mid, families in namesakes.items():
        if mid not in scores or (model is not None and model.family and model.family not in families):
            continue

        others = [
            m
            for m in scores
            if m != mid
            and m not in namesakes
            and scores[m] >= 0.45
            and (m, mid) not in related
            and (mid, m) not in related
            and _fits(scan, m, families, ev[m], places)
        ]
        by_design = model is not None and model_maker not in ("", mid) and (model_maker, mid) not in related
        if not (others or by_design):
            continue
        row = ix.ref.manufacturer(mid)
        name = row.name if row is not None else mid
        for key, ws in parts[mid].items():
            parts[mid][key] = [min(w, 0.45) for w in ws]
        acc = 1.0
        for ws in parts[mid].values():
            acc *= 1 - max(ws)
        scores[mid] = 1 - acc
        why = f"the name of a design ({', '.join(families)}) that other factories made too, beside another factory"
        ev[mid].append(Evidence("manufacturer", name, "models", families[0], "", 0.45, why + ": weak"))
        for other in others:
            for f in _made_families(scan, other, families)[:1]:
                why = f"named beside {name}, the namesake of the {f} family, which it makes (models table)"
                add(other, 0.3, Evidence("manufacturer", name, "models", f, "", 0.3, why))


def _design_house(ix: Any, mid: str) -> bool:
    """True when the tables list a design of this maker's own that bears its name (`Colt Python`): a brand of
    designs, not only a factory of others' (a state arsenal)."""
    ref = ix.ref
    row = ref.manufacturer(mid)
    first = compact(row.name.split()[0]) if row is not None and row.name else ""
    return bool(first) and any(
        m.manufacturer_id == mid and (compact(m.model).startswith(first) or compact(m.family).startswith(first))
        for m in ref.models
    )


def _made_families(scan: Scan, mid: str, families: list[str]) -> list[str]:
    """Of the namesake's families, those the tables say this maker makes."""
    of_family = family_makers(scan.ix.ref)[0]
    return [f for f in families if any(mid in mk for mk in of_family.get(f, {}).values())]


def _fits(scan: Scan, mid: str, families: list[str], evidence: list[Evidence], places: set[int]) -> bool:
    """Whether another maker is named as a factory the namesake gives way to: by its town, only a factory of the
    family, and not a town after "in", "near" (where the item was found); by its name, a factory of the family or
    one with no designs of its own name (a state arsenal), not another brand (`Winchester rifle, Colt holster`)."""
    makes = bool(_made_families(scan, mid, families))
    if any(e.weight > 0 and e.table == "manufacturers" and e.note != "maker's location" for e in evidence):
        return makes or not _design_house(scan.ix, mid)
    return makes and any(
        mid in map(str, h.payloads) and not set(range(h.start, h.end)) & places for h in scan.find(scan.ix.locations)
    )
