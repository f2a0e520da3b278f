"""Lot marks: the Soviet-pattern lot-year-factory mark of ammunition and ordnance (`10-88-57`) and the US and
NATO lot number (MIL-STD-1168), read for the plant and the year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .result import Evidence, Identification
from .scan import Scan
from .text import full_year
from .words import ORDNANCE_WORDS

__all__ = [
    "LotMark",
    "lot_maker",
    "read_lot",
]


# Soviet-pattern ammunition and ordnance (Warsaw Pact, Yugoslav, Chinese, and the states that copied them) are
# stamped lot-year-factory: "10-88-57" is lot 10 of 1988 from factory 57. The factory number is the one the
# country's cartridge plants also stamp on headstamps (10 Arsenal Kazanlak, 21 Mesko...).
_LOT_MARK = re.compile(r"(?<![\d.\-/])(\d{1,3})\s*[-–]\s*(\d{2})\s*[-–]\s*(\d{1,3})(?![\d.\-/])")
_LOT_WORDS = frozenset({"LOT", "LOTS", "ПАРТИЯ", "PARTIJA", "PARTIA", "BATCH"})


@dataclass(frozen=True)
class LotMark:
    """A lot-year-factory mark as read: the year in full, the factory's number as stamped."""

    text: str
    lot: str
    year: int
    factory: str
    system: str = "lot-year-factory"


# US and NATO ammunition lot numbers (MIL-STD-1168): the maker's identification symbol (one to three letters), the
# year of production (two digits), the month (a letter A-M without I), the interfix number, a hyphen and the sequence
# number: `LOT MA-90C001-002`, `IOP88M002-003` (https://miscellaneousammunition.emilspec.com/MIL-STD-1168/page18.html,
# http://armymunitions.tpub.com/mm0145a/Lot-Number-8.htm).
_US_LOT = re.compile(
    r"\bLOT\s*(?:NO\.?\s*|NUMBER\s*|#\s*|:\s*)?([A-Z]{1,3})-?(\d{2})([A-HJ-M])(\d{3})\s*[-–]\s*(\d{3})(?![\d])"
)
_LOT_PAIR = re.compile(r"(?<![\d.\-/])(\d{1,3})\s*[-–]\s*(\d{2})(?![\d.\-/])")


def read_lot(scan: Scan, ordnance_model: bool) -> LotMark | None:
    """The lot-year-factory mark of an ordnance item or ammunition, or None.

    Read only where the text is about ordnance (its model or words) or says "lot": elsewhere three numbers
    joined by hyphens are as likely a date (12-05-85) or a part number. The year sits in the middle; the factory
    is the last number, or the first when only the first is a known ordnance plant and the last has three digits
    (`11-84-123`: factory, year, lot number).
    Two numbers (`10-05`) are a factory and a year only when the first is a known ordnance factory number.
    """
    us = _US_LOT.search(scan.text.upper())
    if us:  # `LOT IOP88M002-003`: the symbol's plant, 1988, interfix 002, sequence 003
        symbol, yy, _month, interfix, sequence = us.groups()
        for i, tok in enumerate(scan.tokens):
            if tok.text in us.group(0).replace("-", " ").split() or tok.text in (symbol + yy, interfix, sequence):
                scan.used.add(i)
        return LotMark(us.group(0), f"{interfix}-{sequence}", full_year(int(yy)), symbol, "MIL-STD-1168")
    if not (ordnance_model or (ORDNANCE_WORDS | _LOT_WORDS) & set(scan.words)):
        return None
    m = _LOT_MARK.search(scan.text)
    if m:
        lot, yy, factory = m.groups()
        if len(factory) == 3 and not _lot_factories(scan, factory) and _lot_factories(scan, lot, ordnance_only=True):
            lot, factory = factory, lot  # `11-84-123`: an ordnance plant first, a three-digit lot number last
    else:
        m = _LOT_PAIR.search(scan.text)
        if not m or not _lot_factories(scan, m.group(1), ordnance_only=True):
            return None
        factory, yy = m.groups()
        lot = ""
    year = full_year(int(yy))  # as two-digit headstamp years
    for i, tok in enumerate(scan.tokens):  # its numbers are not a serial, a year or a headstamp of their own
        if tok.text in m.groups():
            scan.used.add(i)
    return LotMark(m.group(0), lot, year, factory)


def _lot_factories(scan: Scan, number: str, ordnance_only: bool = False) -> list[tuple[str, str, str, str]]:
    """(code, manufacturer id, name or country, country) of each plant that stamps `number` in a lot mark: the
    ordnance plants of `factory_codes.csv` (system `ordnance_lot`) and, unless `ordnance_only`, the cartridge plants
    of the headstamp table (the same number on both in the Soviet-pattern states)."""
    keys = {number, str(int(number))} if number.isdigit() else {number}
    out = [
        (c.code, c.manufacturer_id, c.notes or c.country, c.country)
        for c in scan.ix.ref.factory_codes
        if c.system == "ordnance_lot" and c.code in keys and c.country
    ]
    if not ordnance_only:
        for key in sorted(keys):
            out += [
                (h.code, h.manufacturer_id, h.manufacturer_name or h.country, h.country)
                for h in scan.ix.headstamps.get(key)
                if h.country
            ]
            if out:
                break
    return out


def lot_maker(
    scan: Scan, lot: LotMark, add: Any, result: Identification, cues: frozenset[str] | set[str] = frozenset()
) -> None:
    """The maker (or only the country) of a lot mark's factory number, when the number is one country's, or
    one of the countries the text names otherwise (`PG-7 … Kintex 11-89-21`: the Bulgarian plant 21, not
    Poland's cartridge plant of that number)."""
    if lot.system != "lot-year-factory":
        return  # a MIL-STD-1168 symbol is no factory number; no table of those symbols is kept yet
    if len(lot.factory) == 3 and lot.factory.startswith("0"):
        return  # `7-93-003`: a number padded with zeros is a lot's sequence; plants' numbers are written unpadded
    plants = _lot_factories(scan, lot.factory)
    if len({p[3] for p in plants}) > 1:
        plants = [p for p in plants if p[3] in cues]
    if not plants or len({p[3] for p in plants}) != 1:
        return
    with_maker = [p for p in plants if p[1]]
    code, mid, name, country = with_maker[0] if len({p[1] for p in with_maker}) == 1 else plants[0]
    note = f"lot-year-factory mark {lot.text}: factory {lot.factory} ({name.split(';')[0]})"
    table = (
        "factory_codes"
        if any(c.code == code and c.system == "ordnance_lot" for c in scan.ix.ref.factory_codes)
        else "headstamps"
    )
    if mid and len({p[1] for p in with_maker}) == 1:
        add(mid, 0.7, Evidence("manufacturer", lot.text, table, code, "", 0.7, note))
    else:
        result.evidence.append(Evidence("country", lot.text, table, code, country, 0.6, note))
