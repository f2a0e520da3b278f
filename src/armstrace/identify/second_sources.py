"""Second sources: designs the tables know more than one state to make under the same designation.

A bare designation of such a design (`PG-7VL`, `HK33`, `M193 ball`) does not say which state made the item: the
design's maker and country are its origin, an alternative with that evidence, never the answer. A design made by
one state only still names its maker.
"""

from __future__ import annotations

import functools
import re
from difflib import SequenceMatcher

from armstrace.reference import Model, Reference

from .design_origin import models_by_name
from .licences import FORMER_STATES
from .scan import Scan
from .text import compact

__all__ = ["licensees_only", "model_row", "other_producers"]


def other_producers(ref: Reference, model: Model | None, named: str = "") -> tuple[str, ...]:
    """The states other than the design's own that the tables say make it under its designation, sorted.

    Known from rows of the same family, or based on the design, of its type in another state whose name carries the
    same designation (`HK33 (Thailand)`, `PG-7 (Pakistan)` beside `PG-7VL`, `OG-7M` beside `OG-7V`: the series'
    letters and number), and from makers of other states listed on the design's row. A licence or copy under a name of
    its own (`Sakr-18`, `Pindad SS1`) says nothing of where an item marked with the original's name was made.

    `named`, the words the text named the design by: a state known only from a row sharing the design's series
    counts when those words carry that series, in any spelling (`No. 36 grenade` beside `GRENADE NO 36 (INDIA)`,
    `Strzała-2` beside `Strela-2 (Poland)`), not when they are a name or index of the original's that no copy's row
    carries (`Mills bomb`, `Stielhandgranate 24` beside China's `Model 24`, the Soviet index `9K32`).
    """
    if model is None or not model.country or model.kind not in _SHARED_DESIGNATIONS:
        return ()
    found = _other_producers(ref).get(model.model, {})
    said = m.group(0) if named and (m := _STEM.match(compact(_PARENTHESIS.sub("", named)))) else ""
    return tuple(
        sorted(
            state
            for state, stems in found.items()
            if not named or stems is None or (said and any(_same_series(said, st) for st in stems))
        )
    )


def licensees_only(ref: Reference, model: Model | None, states: tuple[str, ...]) -> bool:
    """True when every state of `states` (other_producers' answer) is known only from a maker listed on the design's
    own row, none from a row of its own: a licensee (India's BDL for the Konkurs, Pakistan's POF for the HJ-8) makes
    a share of what the licensor's plants made and exported, so the design's country stays the likelier origin."""
    found = _other_producers(ref).get(model.model, {}) if model is not None else {}
    return bool(states) and all(state in found and found[state] is None for state in states)


_SERIES = re.compile(r"(\d*[A-Z]+?)(\d+)$")


def _same_series(one: str, other: str) -> bool:
    """True when two series are one: the same number after letters that are one written with or without a noun
    before them (`NO36`, `GRENADENO36`) or in another language's spelling (`STRZALA2`, `STRELA2`)."""
    if one.endswith(other) or other.endswith(one):
        return True
    a, b = _SERIES.match(one), _SERIES.match(other)
    if not a or not b or a.group(2) != b.group(2):
        return False
    return SequenceMatcher(None, a.group(1), b.group(1)).ratio() >= _SPELLING


#: how alike two spellings of one name's letters are (`STRZALA`/`STRELA` 0.77, `STIELHANDGRANATE`/`MODEL` 0.19)
_SPELLING = 0.6


#: kinds whose designations other states keep when they make the design (Warsaw Pact, NATO and Chinese munitions
#: standards); a licensed gun is usually named by its licensee, and the family rules weigh the states named
_SHARED_DESIGNATIONS = frozenset({"ordnance", "ammunition"})


@functools.lru_cache(maxsize=4)
def _other_producers(ref: Reference) -> dict[str, dict[str, frozenset[str] | None]]:
    """{design: {other state: the series its rows share with the design's, or None for a maker on the row}}."""
    groups: dict[str, list[Model]] = {}
    for m in ref.models:
        for key in {m.family, m.based_on} - {""}:
            groups.setdefault(key, []).append(m)
    out: dict[str, dict[str, frozenset[str] | None]] = {}
    for m in (m for m in ref.models if m.relation in {"original", ""}):  # a licence's row names its licensee
        own = FORMER_STATES.get(m.country, m.country)
        got: dict[str, frozenset[str] | None] = {
            c: None for mid in m.makers if (row := ref.manufacturer(mid)) is not None for c in [row.country] if c
        }
        stems = _stems(m)
        for other in (o for key in {m.family, m.model} - {""} for o in groups.get(key, ())):
            made = FORMER_STATES.get(other.country, other.country)
            shared = stems & _stems(other)
            if made and made != own and other.weapon_type == m.weapon_type and shared and made not in got:
                got[made] = shared
            elif made in got and shared and (known := got[made]) is not None:
                got[made] = known | shared
        got.pop(own, None)
        got.pop("", None)
        if got:
            out[m.model] = got
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
