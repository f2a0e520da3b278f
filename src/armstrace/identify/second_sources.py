"""Second sources: designs the tables know more than one state to make under the same designation.

A bare designation of such a design (`PG-7VL`, `HK33`, `M193 ball`) does not say which state made the item: the
design's maker and country are its origin, an alternative with that evidence, never the answer. A design made by
one state only still names its maker.
"""

from __future__ import annotations

import functools
import re

from armstrace.reference import Model, Reference

from .design_origin import models_by_name
from .licences import FORMER_STATES
from .scan import Scan
from .text import compact

__all__ = ["model_row", "other_producers"]


def other_producers(ref: Reference, model: Model | None) -> tuple[str, ...]:
    """The states other than the design's own that the tables say make it under its designation, sorted.

    Known from rows of the same family, or based on the design, of its type in another state whose name carries the
    same designation (`HK33 (Thailand)`, `PG-7 (Pakistan)` beside `PG-7VL`, `OG-7M` beside `OG-7V`: the series'
    letters and number), and from makers of other states listed on the design's row. A licence or copy under a name of
    its own (`Sakr-18`, `Pindad SS1`) says nothing of where an item marked with the original's name was made.
    """
    if model is None or not model.country or model.kind not in _SHARED_DESIGNATIONS:
        return ()
    return _other_producers(ref).get(model.model, ())


#: kinds whose designations other states keep when they make the design (Warsaw Pact, NATO and Chinese munitions
#: standards); a licensed gun is usually named by its licensee, and the family rules weigh the states named
_SHARED_DESIGNATIONS = frozenset({"ordnance", "ammunition"})


@functools.lru_cache(maxsize=4)
def _other_producers(ref: Reference) -> dict[str, tuple[str, ...]]:
    groups: dict[str, list[Model]] = {}
    for m in ref.models:
        for key in {m.family, m.based_on} - {""}:
            groups.setdefault(key, []).append(m)
    out: dict[str, tuple[str, ...]] = {}
    for m in (m for m in ref.models if m.relation in {"original", ""}):  # a licence's row names its licensee
        own = FORMER_STATES.get(m.country, m.country)
        got = {c for mid in m.makers if (row := ref.manufacturer(mid)) is not None for c in [row.country] if c}
        stems = _stems(m)
        for other in (o for key in {m.family, m.model} - {""} for o in groups.get(key, ())):
            made = FORMER_STATES.get(other.country, other.country)
            if made and made != own and other.weapon_type == m.weapon_type and stems & _stems(other):
                got.add(made)
        got -= {own, ""}
        if got:
            out[m.model] = tuple(sorted(got))
    return out


_PARENTHESIS = re.compile(r"\s*\([^)]*\)")
_STEM = re.compile(r"\d*[A-Z]+\d+")


def _stems(m: Model) -> frozenset[str]:
    """A row's designation series: the letters and number its names start with (`PG7` of PG-7VL, `HK33` of HK33
    THAILAND, `9M22` of 9M22U), without a state's name in brackets; a name with no number has none."""
    out = set()
    for name in (m.model, *m.aliases):
        found = _STEM.match(compact(_PARENTHESIS.sub("", name)))
        if found:
            out.add(found.group(0))
    return frozenset(out)


def model_row(scan: Scan, name: str | None) -> Model | None:
    """The model row of the name decided, or None."""
    return models_by_name(scan.ix.ref).get(name) if name else None
