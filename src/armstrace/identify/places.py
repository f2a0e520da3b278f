"""Places of recovery: provinces, regions and towns of the conflict zones investigators work in, so that a
country named right after one of its own places (`AK-47, Kandahar, Afghanistan`; `Maiduguri, Borno State,
Nigeria`) is read as where the item was found, not where it was made.

The gazetteer is `reference/places.csv` (each row citing the Wikipedia list of the country's provinces, states or
cities) and the first-level divisions of the report's `admin1.geojson` (Natural Earth). A place counts only when the
country named after it is the place's own, so a name shared with an ordinary word or a gunmaking town elsewhere
("Delta", "Tula") never decides anything by itself.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

from armstrace import reference as _reference_package
from armstrace.reference import Reference

from .text import tokenise

__all__ = ["PLACE_JOINERS", "gazetteer", "place_before"]

_REPORT_DATA = Path(_reference_package.__file__).resolve().parent.parent / "report" / "data"
# Words between a place and its country: `Borno State, Nigeria`, `Kandahar city`, `Gao region, Mali`.
PLACE_JOINERS = frozenset(
    {"STATE", "CITY", "TOWN", "REGION", "PROVINCE", "DISTRICT", "GOVERNORATE", "OBLAST", "AREA", "OF", "NEAR"}
)


def _key(name: str) -> str:
    return " ".join(t.text for t in tokenise(name))


@functools.lru_cache(maxsize=4)
def gazetteer(ref: Reference) -> dict[str, frozenset[str]]:
    """Normalised place name → the countries it lies in (the reference's checked `places` table, then the map's
    first-level divisions)."""
    out: dict[str, set[str]] = {}
    for row in ref.places:
        out.setdefault(_key(row.place), set()).add(row.country)
    admin1 = _REPORT_DATA / "admin1.geojson"
    if admin1.exists():
        for feature in json.loads(admin1.read_text(encoding="utf-8"))["features"]:
            props = feature["properties"]
            if props.get("iso_a2") and props.get("name"):
                out.setdefault(_key(props["name"]), set()).add(props["iso_a2"])
    return {k: frozenset(v) for k, v in out.items() if k}


def place_before(ref: Reference, words: list[str], lines: list[int], start: int, country: str) -> tuple[str, int]:
    """The place of `country` named just before the word at `start` on its line (joiner words such as `State`
    skipped) and the index of its first word, or ("", -1): `Kandahar, Afghanistan` → ("KANDAHAR", i)."""
    places = gazetteer(ref)
    j = start - 1
    while j >= 0 and lines[j] == lines[start] and words[j] in PLACE_JOINERS:
        j -= 1
    for size in (4, 3, 2, 1):
        a = j - size + 1
        if a < 0 or any(lines[k] != lines[start] for k in range(a, j + 1)):
            continue
        name = " ".join(words[a : j + 1])
        if country in places.get(name, ()):
            return name, a
    return "", -1
