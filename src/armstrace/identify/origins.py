"""Every country the text gives as the item's origin, and a conflict stated when they disagree.

The country field takes one reading by rank (a `MADE IN` over the maker's factory over a headstamp's plant); the
others were dropped silently on most paths, while an investigator needs both to judge a copy, a licence, a
re-export or a mixed lot. So after the fields are decided, each origin reading is gathered (every made-in phrase, a
plant's code on a headstamp, a framed factory number or a lot mark) and any that disagrees with the country taken
is stated once, with its words, as a conflict and an alternative. The maker's factory against the country taken
is the engine's own rule (`engine._maker_against_country`), which knows a brand's plants abroad. Places of
recovery, users, calibres' and designs' names were set aside before: they are no origin. One federation at the
time (a Soviet plant marked `СССР`) is one origin.
"""

from __future__ import annotations

from armstrace.reference.states import country_at

from .result import Alternative, Identification
from .scan import Scan

__all__ = ["MADE_IN_MEMO", "origin_conflicts"]

#: the scan's memo key under which the country decision leaves every made-in reading: (country, words)
MADE_IN_MEMO = "made_in"

# country evidence of a plant's mark: the plant's country is an origin, as a maker's name is
_PLANT_TABLES = frozenset({"headstamps", "factory_codes"})


def origin_conflicts(scan: Scan, result: Identification) -> None:
    """State each origin the text gives that is not the country taken (nor its state then), unless a conflict
    already names it; list it as an alternative with the words behind it."""
    if result.country is None:
        return
    readings: dict[str, list[str]] = {}
    for code, words in scan.memo.get(MADE_IN_MEMO, ()):
        readings.setdefault(code, []).append(f"{words}: marked as made there")
    for e in result.evidence:
        if e.field == "country" and e.weight >= 0.5 and e.table in _PLANT_TABLES and len(e.value) == 2:
            readings.setdefault(e.value, []).append(f"{e.text}: {e.note}" if e.text else e.note)
    taken = result.country
    said = " ".join(result.conflicts)
    others = [
        code
        for code in readings
        if code != taken
        and country_at(code, result.year or 1980) != country_at(taken, result.year or 1980)
        and not (code in said and taken in said)
    ]
    if not others:
        return
    why = next((e.note for e in result.evidence if e.field == "country" and e.value == taken and e.weight), "")
    for code in others:
        reasons = readings[code]
        result.conflicts.append(
            f"the text gives two origins: {taken} ({why or 'taken'}) and {code} ({'; '.join(reasons)}): a copy, a "
            f"licence, a re-export or items of several origins; {taken} is taken, {code} is listed"
        )
        if not any(a.field == "country" and a.value == code for a in result.alternatives):
            result.alternatives.append(Alternative("country", code, 0.5, tuple(reasons)))
