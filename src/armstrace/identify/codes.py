"""Codes that name a maker or a country without words: factory numbers in a triangle or oval (in several
languages' descriptions too), German 1940-45 maker codes, cartridge headstamps, and NATO stock numbers.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from .result import Evidence, Identification
from .scan import Scan
from .text import GAP, NATO_WORDS, Hit, fold_digits, full_year, longest, normalise
from .words import AMMO_WORDS, CASE_HEAD_WORDS, COUNTRY_WORDS, DEMONYMS, FIREARM_WORDS, MONTHS, ORDNANCE_WORDS
from .words.formats import word_set

__all__ = [
    "BARE_STAMP_NOTE",
    "CASE_MARK",
    "FSC_KIND",
    "LotMark",
    "bare_stamp",
    "clock_positions",
    "factory_codes",
    "headstamp_makers",
    "lot_maker",
    "mark_counts",
    "nato_cross",
    "read_lot",
    "read_nsn",
    "split_stamp",
]


_NSN = re.compile(r"\b(\d{4})[-\s]?(\d{2})[-\s]?(\d{3})[-\s]?(\d{4})\b")


FSC_KIND = {
    "1005": "firearm",
    "1010": "firearm",
    "1015": "firearm",
    "1095": "firearm",
    "1305": "ammunition",
    "1310": "ordnance",  # ammunition over 30 mm up to 75 mm (40 mm grenades, 60 mm mortar bombs)
    "1315": "ordnance",
    "1320": "ordnance",
    "1330": "ordnance",  # grenades
    "1340": "ordnance",  # rockets
    "1345": "ordnance",  # land mines
    "1390": "ordnance",  # fuzes and primers
    "1375": "explosive",
    "1376": "explosive",
    "1377": "explosive",
    "8140": "packaging",
}


def read_nsn(scan: Scan, result: Identification, conf: dict[str, float]) -> tuple[str, str] | None:
    match = _NSN.search(scan.text)
    if not match:
        return None
    fsc, ncb = match.group(1), match.group(2)
    result.nsn = "-".join(match.groups())
    row = next((r for r in scan.ix.ref.nsn_countries if r.code == ncb), None)
    for i, tok in enumerate(scan.tokens):  # the NSN's digits are not a serial or a year
        if tok.text in match.groups():
            scan.used.add(i)
    country = row.country if row else ""
    result.evidence.append(
        Evidence(
            "nsn",
            match.group(0),
            "nsn_countries",
            ncb,
            country,
            0.4,
            f"NATO stock number: supply class {fsc}, codification bureau {ncb}"
            + (f" ({row.country_name})" if row else " (bureau not in table)"),
        )
    )
    return fsc, country


_SHAPE = (
    "TRIANGLE|OVAL|CIRCLE|DIAMOND|RHOMBUS|CARTOUCHE|ELLIPSE|SQUARE|"
    "DREIECK|KREIS|RAUTE|CERCLE|TRIÁNGULO|TRIANGULO|CÍRCULO|CIRCULO|ÓVALO|OVALO|ТРЕУГОЛЬНИК|КРУГ|ОВАЛ"
)


_SHAPE_EN = {
    "dreieck": "triangle",
    "kreis": "circle",
    "raute": "diamond",
    "cercle": "circle",
    "triángulo": "triangle",
    "triangulo": "triangle",
    "círculo": "circle",
    "circulo": "circle",
    "óvalo": "oval",
    "ovalo": "oval",
    "треугольник": "triangle",
    "круг": "circle",
    "овал": "oval",
}


# Numbering systems whose plants are written with a qualifier ("Military Factory 18"): a bare "factory 18" never
# reads as one of them.
_QUALIFIED_SYSTEMS = frozenset({"egyptian_factory"})
_MILITARY_BEFORE = re.compile(r"(?:MILITARY|MIL\.?|STATE)\s*$")

_FACTORY_PATTERNS = [
    (re.compile(r"/\s*(\d{1,4})\s*\\"), "triangle"),
    (re.compile(r"[△▲∆Δ⊿◬]\s*(\d{1,4})|(\d{1,4})\s*[△▲∆Δ⊿◬]"), "triangle"),
    (re.compile(r"[⬭⬯◯○]\s*(\d{1,4})"), "oval"),
    (
        re.compile(
            rf"(\d{{1,4}})['\"’”]?\s*,?\s*(?:IS\s+)?(?:IN|INSIDE|WITHIN|FRAMED\s+(?:IN|BY)|ENCLOSED\s+(?:IN|BY)"
            rf"|SURROUNDED\s+BY)\s+(?:AN?\s+|THE\s+|TWO\s+)?(?:SMALL\s+|INVERTED\s+|DOUBLE\s+|CONCENTRIC\s+)?({_SHAPE})"
        ),
        "",
    ),
    (
        re.compile(
            rf"({_SHAPE})\S*\s+(?:WITH|CONTAINING|ENCLOSING|AROUND|MARK(?:ED)?|CODE|[^\W\d]+)?\s*(?:NO\.?\s*)?"
            rf"['\"]?(\d{{1,4}})\b"
        ),
        "",
    ),
    (
        re.compile(
            r"(?:FACTORY|ARSENAL|PLANT|ZAVOD|ЗАВОД|(?<!\d)工厂|(?<![\d工])厂)\s*(?:NO\.?|#|NUMBER|CODE)?\s*(\d{1,4})"
        ),
        "factory",
    ),
    # 26厂, 第26厂, 第二十六兵工厂 (read as digits): a Chinese state factory by its number
    (re.compile(r"(?<!\d)(\d{1,4})\s*(?:号|號)?\s*(?:兵\s*)?(?:工\s*)?(?:厂|廠)"), "chinese_factory"),
    (re.compile(r"\(\s*(\d{2,4})\s*\)|<\s*(\d{2,4})\s*>|\[\s*(\d{2,4})\s*\]"), "bracket"),
    (re.compile(r"['\"“”]?(\d{1,4})['\"“”]?\s+(?:FACTORY|ARSENAL)\s+(?:MARK|CODE|STAMP|NUMBER)"), "factory"),
]


# An arrow and a triangle named within a few words of each other, in the languages transcriptions come in: the
# Izhevsk arsenal mark (and Cugir's) described rather than drawn. Several words apart, either order.
_ARROW = (
    r"(?:(?<![A-ZÀ-ÿА-Я])(?:ARROW|PFEIL|FLECHE|FLÈCHE|FLECHA|FRECCIA|PANAH|СТРЕЛК\w*|СТРЕЛ\w*)|矢印|矢|箭头|箭頭|箭)"
)
_TRI = r"(?:(?<![A-ZÀ-ÿА-Я])(?:TRIANGLE\w*|DREIECK\w*|TRIÁNGULO|TRIANGULO|TRIANGOLO|SEGITIGA|ТРЕУГОЛЬН\w*)|三角形?)"
_ARROW_TRIANGLE = re.compile(
    rf"{_ARROW}(?:[\s\-]*[^\s\d]*){{0,4}}?[\s\-]*{_TRI}|{_TRI}(?:[\s\-]*[^\s\d]*){{0,5}}?[\s\-]*{_ARROW}"
)

_STAR = r"(?:(?<![A-ZÀ-ÿА-Я])(?:STAR|STERN|ETOILE|ÉTOILE|ESTRELLA|STELLA|BINTANG|ЗВЕЗД\w*)|星)"
_SHIELD = r"(?:(?<![A-ZÀ-ÿА-Я])(?:SHIELD|SCHILD|BOUCLIER|ESCUDO|SCUDO|PERISAI|ЩИТ\w*)|盾)"
# Tula's mark: a five-pointed star in a shield (a star alone is too common a symbol to name a maker)
_STAR_SHIELD = re.compile(
    rf"{_STAR}(?:[\s\-]*[^\s\d]*){{0,4}}?[\s\-]*{_SHIELD}|{_SHIELD}(?:[\s\-]*[^\s\d]*){{0,5}}?[\s\-]*{_STAR}"
)
_DESCRIBED_MARKS = ((_ARROW_TRIANGLE, "ARROW IN TRIANGLE"), (_STAR_SHIELD, "STAR"))


_GERMAN_CODE = re.compile(r"(?<![\w])([A-Za-z]{2,3})\s?/?\s?(?:\d{1,2}|19[34]\d)(?![\d\w])")
_QUOTED_CODE = re.compile(r"[‘'\"“]\s?([a-z]{2,3})\.?\s?[’'\"”]")


def factory_codes(scan: Scan) -> list[tuple[Any, str, str]]:
    found: list[tuple[Any, str, str]] = []
    # `+ in a circle` is the NATO cross, not a number in a circle
    upper = NATO_WORDS.sub(" NATO CROSS ", fold_digits(scan.text)).upper()
    for pattern, how in _FACTORY_PATTERNS:
        for m in pattern.finditer(upper):
            digits = next((g for g in m.groups() if g and g.isdigit()), None)
            shape = next((g.lower() for g in m.groups() if g and not g.isdigit()), how)
            shape = _SHAPE_EN.get(shape, shape)
            if digits is None:
                continue
            rows = scan.ix.factory_numbers.get(str(int(digits)), [])
            if how == "factory" and not _MILITARY_BEFORE.search(upper, 0, m.start()):
                # Egypt numbers its plants "Military Factory 18": a bare "factory 18" is any industry's
                # ("Aircraft Factory 18 in Voronezh", "workers at factory 270 went on strike")
                rows = [r for r in rows if r.system not in _QUALIFIED_SYSTEMS]
            if how == "chinese_factory":  # 厂 says the system: China's numbered state factories
                rows = [r for r in rows if r.system == "chinese_factory"]
                stamps = [h for h in scan.ix.headstamps.get(digits) if h.country == "CN"]
                if not rows:
                    rows = [_StampAsCode(stamps[0])] if stamps else [_CN_FACTORY]
                shape = "厂"
            if shape == "triangle":
                # a number in a triangle is the Chinese state-factory convention; another system's number (an
                # Egyptian factory 54) is not framed so, and an unlisted number still names a Chinese factory
                rows = [
                    r for r in rows if r.system == "chinese_factory" or "triangle" in (r.marking_form or "").lower()
                ]
                if not rows:
                    rows = [_TRIANGLE]
            if len(rows) > 1:
                rows = [r for r in rows if shape in (r.marking_form or "").lower()] or rows[:1]
            if not rows and how == "factory":  # "Factory 945": a numbered cartridge plant of one country
                stamps = [h for h in scan.ix.headstamps.get(digits) if h.country]
                if stamps and len({h.country for h in stamps}) == 1:
                    result_rows = [s for s in stamps if s.manufacturer_id] or stamps
                    found += [(_StampAsCode(result_rows[0]), f"factory {digits}", m.group(0))]
            found += [(r, f"{digits} {shape}".strip(), m.group(0)) for r in rows[:1]]
            for i, tok in enumerate(scan.tokens):
                if tok.text == digits:
                    scan.used.add(i)
    for described, code in _DESCRIBED_MARKS:
        # "a triangle with an arrow inside", "треугольник со стрелкой": an arsenal mark described in words
        matched = described.search(upper)
        if matched is None or any(f[0].code == code for f in found):
            continue
        rows = [r for r in scan.ix.ref.factory_codes if r.code == code]
        how = "mark described in words" + (", shared by several makers" if len(rows) > 1 else "")
        found += [(r, how, matched.group(0)) for r in rows]
    for hit in longest(scan.find(scan.ix.factory_words)):
        if any(hit.inside(m) for m in scan.model_hits):
            continue  # "M47 Dragon": letters and digits inside a designation are the designation, not a code
        # ARROW IN TRIANGLE is both Izhevsk's and Cugir's: every maker of the mark is a candidate, sharing it
        found += [
            (r, "marking" if len(hit.payloads) == 1 else "marking shared by several makers", scan.raw(hit))
            for r in hit.payloads
        ]
    for m in _GERMAN_CODE.finditer(scan.text):  # byf 43, ac 44: German 1940-45 maker codes before the year
        row = scan.ix.german_codes.get(m.group(1).lower())
        if row is not None and (m.group(1).islower() or len(m.group(1)) == 3):
            found.append((row, "German maker code before a year", m.group(0)))
    for m in _QUOTED_CODE.finditer(scan.text):  # "the 'bnz.' inscription": a lower-case code quoted as marked
        row = scan.ix.german_codes.get(m.group(1))
        if row is not None:
            found.append((row, "German maker code, quoted as marked", m.group(0)))
    seen: set[tuple[str, str]] = set()
    unique = []
    for f in found:
        key = (f[0].code, str(getattr(f[0], "manufacturer_id", "")))
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique


@dataclass(frozen=True)
class _Unlisted:
    """A framed factory number that no row lists: the frame alone says which country's convention it is."""

    code: str
    system: str
    country: str
    manufacturer_id: str = ""
    marking_form: str = ""


_TRIANGLE = _Unlisted("number in a triangle", "chinese_factory", "CN", "", "a state-factory number in a triangle")
_CN_FACTORY = _Unlisted("number before 厂", "chinese_factory", "CN", "", "a numbered Chinese state factory (厂)")


@dataclass(frozen=True)
class _StampAsCode:
    """A headstamp row standing in for a factory code when the text says "Factory 945"."""

    stamp: Any

    @property
    def code(self) -> str:
        return str(self.stamp.code)

    @property
    def manufacturer_id(self) -> str:
        return str(self.stamp.manufacturer_id or "")

    @property
    def country(self) -> str:
        return str(self.stamp.country)

    @property
    def system(self) -> str:
        return "cartridge plant number"


_FACTORY_WORDS = frozenset({"FACTORY", "PLANT", "ARSENAL", "ZAVOD", "ЗАВОД", "厂", "工厂", "CODE"})


# Countries whose cartridge plants never stamped the NATO cross (not NATO members or qualified suppliers).
_NEVER_NATO = frozenset({"CN", "RU", "SU", "KP", "IR", "KG", "BY", "VN", "BA", "EG", "SD", "IQ"})


def nato_cross(scan: Scan) -> bool:
    """True when the marking carries the NATO cross (⊕, `NATO cross`, `+ in a circle`): a NATO-standard round."""
    return any(w == "NATO" and scan.words[i + 1 : i + 2] == ["CROSS"] for i, w in enumerate(scan.words))


_DATE_WORDS = frozenset({"DATE", "DATED", "YEAR", "MARK", "ГОД"})


def _next_to_month(scan: Scan, hit: Hit) -> bool:
    around = scan.words[max(0, hit.start - 1) : hit.start] + scan.words[hit.end : hit.end + 1]
    return bool(MONTHS & set(around))


def _designation_number(scan: Scan, hit: Hit) -> bool:
    """The number of this hit is written joined to letters by a hyphen (`VOG-17`), found by its place among the
    same number's occurrences in the text (`VOG-17 round 17 85`: the second 17 is a plant's)."""
    number = scan.words[hit.start]
    nth = sum(1 for w in scan.words[: hit.start] if w == number)
    found = list(re.finditer(rf"(?<![\d.]){re.escape(number)}(?![\d.])", scan.text))
    if nth >= len(found):
        return False
    before = scan.text[: found[nth].start()]
    return re.search(r"(?<![\w-])[^\W\d_]{1,4}-$", before) is not None


def headstamp_makers(scan: Scan, add: Any, result: Identification) -> None:
    # digits already read as something else (an era year, 民国10年; an NSN) are not a headstamp code
    # a maker's short mark that is also its headstamp code (KF, PS, IK) is read as the code on a case head
    taken = {(m.start, m.end) for m in scan.makers_taken}
    # a maker's town that is also a commercial headstamp (`TULA 5.45x39`: Tula Cartridge Works, not TOZ by its town)
    taken |= {(h.start, h.end) for h in scan.find(scan.ix.locations)}
    found = scan.find(scan.ix.headstamps) + _zero_led(scan)
    hits = [
        h
        # digits apart are two numbers: `3 43` is a code and a year, never the one code 343
        for h in longest([h for h in found if not (h.key.isdigit() and h.end - h.start > 1)])
        if not set(range(h.start, h.end)) <= scan.used or (h.start, h.end) in taken
    ]
    # "Factory 41 ... date mark '10'": the number named as a factory is the code, one named as a date is not
    labelled = [h for h in hits if h.start and scan.words[h.start - 1] in _FACTORY_WORDS]
    hits = labelled or [h for h in hits if not (_DATE_WORDS & set(scan.words[max(0, h.start - 3) : h.start]))]
    hits = [h for h in hits if not _next_to_month(scan, h)]  # "3 December 1967" is a date, not a code
    # `VOG-17 round`, `ZU-23`: a number joined to letters by a hyphen is a designation's, not a plant's code
    hits = [h for h in hits if not (h.key.isdigit() and _designation_number(scan, h))]
    # a Cyrillic code is its own stamp: ПС is not Poongsan's PS read in Latin letters
    hits = [h for h in hits if not (h.key.isascii() and not scan.raw(h).isascii())]
    if nato_cross(scan):
        # the NATO cross is stamped by plants qualified to NATO standard: the numbers of Chinese, Soviet and other
        # plants that never were are the year beside it (`⊕ 81`), not their code
        hits = [h for h in hits if not (h.key.isdigit() and all(s.country in _NEVER_NATO for s in h.payloads))]
    # "71 over 10", "71 / 10": a Chinese code stands over its year, so the number below is the year
    hits = [
        h
        for h in hits
        if not (
            h.start > 1 and scan.words[h.start - 1] in {"OVER", "ABOVE"} and any(o.end == h.start - 1 for o in hits)
        )
    ]
    # "711 81", "945 05", "711 / 81": a numeric headstamp is a plant number and a two-digit year; a two-digit
    # number right after another numeric code is the year, even when it is also some other plant's number (81, 05)
    hits = [
        h
        for h in hits
        if not (
            h.end - h.start == 1
            and len(scan.words[h.start]) == 2
            and scan.words[h.start].isdigit()
            # "711 / 81": next line too; "3 и 81", "04 und 78": across a word joining the two
            and any(o.end - 1 == _beside(scan, h.start - 1, -1) and scan.words[o.start].isdigit() for o in hits)
        )
    ]
    hits = _stamp_hits(scan, hits)
    if bare_stamp(scan, scan.calibre_hits):
        _stamp_factory_numbers(scan, add, result, hits)
    for hit in hits:
        stamps = _fitting_stamps(scan, hit, hits)
        for stamp in stamps:
            w = 0.75 / len(stamps)
            mid = stamp.manufacturer_id
            used = f", used {stamp.years}" if stamp.years else ""
            note = f"headstamp code {stamp.code}: {stamp.manufacturer_name or stamp.country}{used}"
            if mid:
                add(mid, w, Evidence("manufacturer", scan.raw(hit), "headstamps", stamp.code, "", round(w, 2), note))
            elif stamp.country:
                result.evidence.append(
                    Evidence("country", scan.raw(hit), "headstamps", stamp.code, stamp.country, round(w, 2), note)
                )
        scan.mark(hit)


def _zero_led(scan: Scan) -> list[Hit]:
    """`03 43`, `017 85`: a plant number transcribed with a leading zero is the listed number without it (Ulyanovsk's
    3, Barnaul's 17), unless the table lists the number with its zero as stamped (East German `04`, `05`)."""
    out = []
    for i, w in enumerate(scan.words):
        if len(w) > 1 and w.startswith("0") and w.isdigit() and int(w) and not scan.ix.headstamps.get(w):
            rows = scan.ix.headstamps.get(str(int(w)))
            if rows:
                out.append(Hit(i, i + 1, str(int(w)), w, tuple(rows)))
    return out


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


def _stamp_hits(scan: Scan, hits: list[Hit]) -> list[Hit]:
    """The code hits a case head's layout allows.

    Digits apart are two numbers (`3 43` is Ulyanovsk's 3 and the year 43, never Mesko's 343); a two-digit number
    beside a letter code (`RL 38`, `B 38`, `K 41`) is the year, not another plant's number; a one-letter code
    (`B`, `U`, `A`) is read only in capitals beside a number, as stamped (`a 1943 case` is an article).
    """
    letter_codes = [h for h in hits if not scan.words[h.start].isdigit()]
    out = []
    for h in hits:
        if h.key.isdigit() and len(scan.words[h.start]) == 2 and h.end - h.start == 1:
            left, right = _beside(scan, h.start - 1, -1), _beside(scan, h.end, 1)
            if any(o.end - 1 == left or o.start == right for o in letter_codes):
                continue  # `RL 38`, `top: RG, bottom: 05`: the number beside a letter code is its year
            if len(scan.tokens) <= 4 and any(_letter_code(scan, j) for j in (h.start - 1, h.end)):
                continue  # `K 41`, `Т 41`: an unlisted letter code (Latin or Cyrillic) and its year
        if len(h.key) == 1 and h.key.isalpha():
            capital = re.search(rf"(?<![^\W\d_]){h.key}(?![^\W\d_])", scan.text) is not None
            beside = [scan.words[j] for j in (h.start - 1, h.end) if 0 <= j < len(scan.words)]
            if not capital or not any(_STAMP_YEAR.match(b) for b in beside):
                continue
        out.append(h)
    return out


def _beside(scan: Scan, j: int, step: int) -> int:
    """The next word from j in the direction of step that is not a position word (`top:`, `at the bottom`)."""
    while 0 <= j < len(scan.words) and scan.words[j] in _SIDE_WORDS | _JOINERS:
        j += step
    return j


def _letter_code(scan: Scan, j: int) -> bool:
    """Word j is a letter code as stamped: one to three capital letters of any script (`K`, `RL`, Cyrillic `Т`),
    written in capitals (`and`, `top` are words), and no label or position word."""
    if not 0 <= j < len(scan.words):
        return False
    word = scan.words[j]
    if not (1 <= len(word) <= 3 and word.isalpha()) or word in _NOT_STAMP_CODES | _JOINERS | _SIDE_WORDS:
        return False
    return re.search(rf"(?<![^\W\d_]){re.escape(word)}(?![^\W\d_])", scan.text) is not None  # in capitals


_SPAN = re.compile(r"^(\d{4})?\s*-\s*(\d{4})?$|^(\d{4})$")


def _span(years: str) -> tuple[int, int] | None:
    """`1941-`, `-1977`, `1942-1945`, `1935` as (first, last) years; None when the row gives none."""
    m = _SPAN.match(years.strip())
    if not m or not years.strip():
        return None
    if m.group(3):
        return int(m.group(3)), int(m.group(3))
    return int(m.group(1) or 1800), int(m.group(2) or dt.date.today().year)  # an open span ends today


def _stamp_year(scan: Scan, hit: Hit, hits: list[Hit]) -> str | None:
    """The year beside a code on a case head: a two- or four-digit number near the code that no code hit covers."""
    covered = {i for h in hits for i in range(h.start, h.end)}
    near = range(max(0, hit.start - 3), min(len(scan.words), hit.end + 3))
    for i in near:
        w = scan.words[i]
        if i not in covered and i not in scan.used and _STAMP_YEAR.match(w):
            return w
    return None


def _fits(span: tuple[int, int] | None, year: str) -> bool:
    if span is None:
        return True
    if len(year) == 4:
        return span[0] <= int(year) <= span[1]
    return any(span[0] <= c + int(year) <= span[1] for c in (1800, 1900, 2000))


def _fitting_stamps(scan: Scan, hit: Hit, hits: list[Hit]) -> list[Any]:
    """The rows of a code that fit the stamp: a code shared by plants (`B`: Bologna and Birmingham Metals; `RL`)
    is narrowed by the calibre marked with it and by the year, where the rows give their calibres and years of use.
    What is left stays a shared reading (each row in part). The span of the rows kept dates a two-digit year
    (`GB 16` is 1916: Greenwood & Batley stamped no cartridges in 2016)."""
    stamps, seen = [], set()
    for s in hit.payloads:  # one plant listed twice (its code in two periods) counts once
        key = s.manufacturer_id or f"{s.manufacturer_name}|{s.country}"
        if key not in seen:
            seen.add(key)
            stamps.append(s)
    calibres = {str(p.calibre) for h in scan.calibre_hits for p in h.payloads}
    if calibres and len(stamps) > 1:
        stamps = [s for s in stamps if calibres & set(s.calibres)] or stamps
    year = _stamp_year(scan, hit, hits)
    if year is not None:
        fitting = [s for s in stamps if _fits(_span(s.years), year)]
        stamps = fitting or stamps
        spans = [_span(s.years) for s in stamps]
        if spans and all(spans):
            known = [sp for sp in spans if sp]
            last = max(sp[1] for sp in known)
            scan.stamp_span = (min(sp[0] for sp in known), min(last, dt.date.today().year))
    return stamps


# A case head transcribed bare (`9 78`, `LXX 85`, `PS XII`): a plant code and a year and nothing else. Two or three
# short tokens, one a year (two or four digits) or a Roman numeral (a month or era year), another a code: a number
# of one to four digits or a few letters that no model, maker name, country or kind word explains.
_STAMP_YEAR = re.compile(r"^(?:\d{2}|1[89]\d\d|20[0-4]\d)$")
_ROMAN = re.compile(r"^(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})$")
_STAMP_CODE = re.compile(r"^(?:\d{1,4}|[^\W\d_]{1,4})$")
_STAMP_MARKS = frozenset({"NATO", "CROSS", "+", "*", "★", "☆", "⊕", "STAR"})
# Marks a case head carries beside its code and year, never a year or a code: the cartridge's Mark in Roman numerals
# (`VII`), the nitrocellulose letter Z (`VIIZ`, `Z`), the broad arrow of government property.
CASE_MARK = re.compile(r"^(?:(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})Z|VI{1,3}|Z|↑|⇑|/\|\\)$")
# words that begin a designation or label a number: `MK II`, `NO 4`, `SN 85` are not a plant and a year
_NOT_STAMP_CODES = frozenset(
    str.split(
        "MK MARK MOD MODEL NO NR NUM TYPE TIP M P XM SERIES GEN PATTERN CAL SN SER SERIAL LOT BATCH YEAR DATE PAT "
        # quantities, units, labels and references written with a number on a box or a list, not a plant's code
        "QTY PCS PC KG G GR LB LBS OZ BOX BOXES PKG PK CASE ID REF NR RD RDS EA X US USA UK EU UN "
        # words placing or joining the marks of a case head (`top: 17, bottom: 85`, `'17' and '85'`)
        "TOP BOTTOM LEFT RIGHT AND AT THE ON OF"
    )
)
# factory-number systems whose numbers are also stamped on case heads (the plant's number, as on its ammunition)
_STAMP_SYSTEMS = frozenset({"warsaw_pact", "chinese_factory", "egyptian_factory", "ordnance_lot"})
BARE_STAMP_NOTE = "read as a headstamp: the text is only a code and a year"


_CLOCK_WORDS = frozenset({"OCLOCK", "CLOCK", "O", "AT", "H"})
_SIDE_WORDS = frozenset({"TOP", "BOTTOM", "LEFT", "RIGHT"})
# words between a case head's code and year in a description: position words and `and` in the recoveries' languages
_JOINERS = frozenset({"AT", "THE", "ON", "AND", "UND", "ET", "Y", "E", "I", "И", "І", "TA", "TE", "VE", "OG", "EN"})


def clock_positions(scan: Scan) -> set[int]:
    """The words placing a case head's marks on the dial (`DI at 12 o'clock, 43 at 6 o'clock`): the hour numbers and
    their `at`/`o'clock`, which are neither a code nor a year. Marked used, so nothing reads them as one."""
    out: set[int] = set()
    words = scan.words
    for i, w in enumerate(words):
        if w.isdigit() and 1 <= int(w) <= 12 and words[i + 1 : i + 2] in (["OCLOCK"], ["O"], ["H"]):
            out.add(i)
            out.update(j for j in (i - 1, i + 1, i + 2) if 0 <= j < len(words) and words[j] in _CLOCK_WORDS)
    sides = [i for i, w in enumerate(words) if w in _SIDE_WORDS]
    if len(sides) >= 2:  # `top: 17, bottom: 85`, `17 at the top, 85 at the bottom`: sides of the head, two or more
        out.update(sides)
        out.update(j for i in sides for j in (i - 2, i - 1) if j >= 0 and words[j] in {"AT", "THE", "ON"})
    at_hours = [i for i, w in enumerate(words) if w.isdigit() and 1 <= int(w) <= 12 and i and words[i - 1] == "AT"]
    if len(at_hours) >= 2:  # `R at 12, G at 3`: hours without o'clock, two or more of them
        out.update(at_hours)
        out.update(i - 1 for i in at_hours)
    scan.used.update(i for i in out if words[i].isdigit())
    return out


def bare_stamp(scan: Scan, calibre_hits: list[Hit]) -> bool:
    """True when the whole text is a case head's stamp: a plant code and a year (`945 05`, `LXX 85`, `PS XII`),
    perhaps with the calibre, the NATO cross, the cartridge's Mark and the clock positions of its marks, and no word
    saying what it is. A designation (`AK 47`, `G3 1985`, `MK II`), a maker's or country's name, or a serial label
    is not a plant code."""
    clock = clock_positions(scan)
    if scan.model_hits or len(scan.tokens) - len(clock) > 6 or GAP.search(scan.text):
        return False  # `NOR[..]X 1234`: a name partly illegible, not a code
    rest = [
        w
        for i, w in enumerate(scan.words)
        if not any(h.start <= i < h.end for h in calibre_hits) and w not in _STAMP_MARKS and i not in clock
    ]
    rest = _join_letters(scan, rest)
    marks = [w for w in rest if CASE_MARK.match(w)]
    if marks and any(_STAMP_YEAR.match(w) for w in rest) and len(rest) - len(marks) >= 2:
        rest = [w for w in rest if not CASE_MARK.match(w)]  # `DI 43 VII Z`: the Mark and the Z are marks
    if not 2 <= len(rest) <= 3 or any(not _STAMP_CODE.match(w) or w in _NOT_STAMP_CODES for w in rest):
        return False
    if any(w in COUNTRY_WORDS or w in DEMONYMS or w in FIREARM_WORDS or w in AMMO_WORDS for w in rest):
        return False
    if any(w in ORDNANCE_WORDS for w in rest):
        return False
    stamped = {i for i, w in enumerate(scan.words) if scan.ix.headstamps.get(w)}
    plants = {h.manufacturer_id for h in scan.ix.ref.headstamps if h.manufacturer_id}
    named = {
        i
        for h in scan.find(scan.ix.makers)
        if not all(str(p) in plants for p in h.payloads)  # `SB 85`: a cartridge maker's short name is its stamp
        for i in range(h.start, h.end)
    }
    if named - stamped:  # `HK 1985` on a gun: a gun maker's name, unless it is also a headstamp code
        return False
    years = [i for i, w in enumerate(rest) if _STAMP_YEAR.match(w) or _ROMAN.match(w)]
    codes = [i for i, w in enumerate(rest) if not _ROMAN.match(w) and (_listed(scan, w) or 2 <= len(w) <= 3)]
    codes += [i for i, w in enumerate(rest) if w.isdigit() and len(w) == 1]  # `9 78`: a one-digit plant number
    return any(c != y for y in years for c in codes)


def _join_letters(scan: Scan, words: list[str]) -> list[str]:
    """`K S 43`, `R G 43`: a listed letter code stamped (or transcribed) with its letters apart is one code."""
    out: list[str] = []
    for w in words:
        if out and len(w) == 1 and w.isalpha() and out[-1].isalpha() and scan.ix.headstamps.get(out[-1] + w):
            out[-1] += w
        else:
            out.append(w)
    return out


_SLASHED_STAMP = re.compile(r"\s*([^\W_]{1,4})\s*/\s*(\d{2}|\d{4})\s*")


def split_stamp(text: str) -> str:
    """`71/81` (a Chinese code over its year, written on one line): the whole text is a code and a year joined by a
    slash, which the tokeniser would keep as one serial-like token; written apart (`71 / 81`), as `711 / 81` is."""
    m = _SLASHED_STAMP.fullmatch(text)
    if m:
        return f"{m.group(1)} / {m.group(2)}"
    # `headstamp 17/85`, `casings marked 270/88`, `Headstamp '17/85'`: right after a case-head word or a stamp's
    # label (quoted or not), or right before a case-head word (`17/85 on the headstamp`), a number and a two-digit
    # number joined by a slash are the code and the year, not one serial-like token; after any other word
    # (`exhibit 17/21`, `evidence bag 41/10`, `акт 3/12`, `протокол 12/19`) they are a document's number
    return _SLASHED_NUMBERS.sub(
        lambda m: f"{m[1]} / {m[2]}" if _stamp_word(text[: m.start()]) or _case_head_after(text[m.end() :]) else m[0],
        text,
    )


_SLASHED_NUMBERS = re.compile(r"(?<![\w./-])(\d{1,4})/(\d{2})(?![\w./-])")
_LAST_WORD = re.compile(r"([^\W\d_]+)[\s:,\-'\"‘’“”«»„]*$")
# `17/85 on the headstamp`, `17/85 headstamp`, `17/85 на донце`: a case-head word next, or after on (the); not
# after a comma (`exhibit 3/12, headstamp 17/85`, where the label is the next pair's)
_NEXT_WORDS = re.compile(r"^[\s'\"‘’“”«»]*((?:[^\W\d_]+\s*){1,3})")
_LINKS = frozenset({"ON", "THE", "ITS", "НА", "AUF", "DEM", "SUR", "LE", "EN", "EL"})
# Labels of what a case head reads (`marked`, `reads`, `клеймо`, `маркировка донца`), by prefix so their
# inflections are labels too.
_STAMP_WORD_PREFIXES = ("HEADSTAMP", "MARKED", "STAMP", "READ", "СТАМП", "КЛЕЙМ", "МАРКИР", "MARKING", "ДОНЦ")


def _stamp_word(before: str) -> bool:
    """True when the word just before a slashed pair is a case-head word or a stamp's label."""
    m = _LAST_WORD.search(before)
    return _case_head(m[1]) if m else False


def _case_head(raw: str) -> bool:
    """A case-head word or a stamp's label, in any case and with or without its accents (`Hülsenboden`)."""
    word = normalise(raw).strip()
    return word in CASE_HEAD_WORDS or word.startswith(_STAMP_WORD_PREFIXES)


def _case_head_after(after: str) -> bool:
    """True when a case-head word follows a slashed pair, directly or after on (the) (`17/85 on the headstamp`)."""
    m = _NEXT_WORDS.match(after)
    for word in m[1].split() if m else ():
        if _case_head(word) and not word.upper().startswith(("READ", "MARKED", "MARKING")):
            return True
        if word.upper() not in _LINKS:
            return False
    return False


# Chinese and Japanese measure words and units after a number (`3枚`, `31厘米`, `5公斤`, `2発`): a count or a size
_CJK_MEASURES = frozenset("枚发發颗顆个個支把件箱厘公克粒発挺门門具")


# Words of age or count: a number beside them is how old or how many, never a plant's code (`a man of 60 years`,
# `ام 60 عاما`, `aged 60`, `60 people`, `20 pieces`), in the languages the engine reads, as the index reads them
# (upper case, accents folded)
_COUNT_AFTER = word_set(
    "YEARS YEAR YRS YR OLD PEOPLE PERSONS PERSON MEN WOMEN CHILDREN VICTIMS PIECES PCS PIECE UNITS ITEMS "
    "ANS ANNEES PERSONNES PIECES ANOS PERSONAS PIEZAS UNIDADES PESSOAS PECAS ANNI PERSONE PEZZI "
    "JAHRE JAHREN JAHRIGE JAHRIGER JAHRIGEN ALT PERSONEN MENSCHEN STUCK STUECK "
    "ЛЕТ ЧЕЛОВЕК ШТУК ШТУКИ ЛЕТНИЙ YAS YASINDA YASINDAKI KISI ADET TANE "
    "عاما عام عاماً سنة سنوات سنه شخصا شخص أشخاص اشخاص قطعة قطع سال ساله نفر عدد "
    "साल वर्ष वर्षीय लोग 岁 歳 人 명 살 세"
)
_COUNT_BEFORE = word_set("AGED AGE EDAD AGEE AGES ALTER عمر عمره بعمر عمرها سن")


def _age_or_count(scan: Scan, i: int) -> bool:
    """True when the number at `i` (three digits at most: `1968 года` is a year) stands beside a word of age or
    count on its line: an age or a tally, neither a plant's code nor a year."""
    if len(scan.words[i]) > 3:
        return False
    line = scan.tokens[i].line
    after = i + 1 < len(scan.words) and scan.tokens[i + 1].line == line and scan.words[i + 1] in _COUNT_AFTER
    return after or (i > 0 and scan.tokens[i - 1].line == line and scan.words[i - 1] in _COUNT_BEFORE)


def mark_counts(scan: Scan) -> None:
    """`12 casings recovered`, `изъято 5 гильз`: a number just before a case-head word counts the cases; it is
    neither a plant's code nor a year. Not after a code (`LC 68 casings`), where it is the stamp's year. A number
    before a Chinese or Japanese measure word or unit (`3枚`, `31厘米`) is a count or a size, wherever it stands, and
    one beside a word of age or count (`a man of 60 years`, `ام 60 عاما`, `aged 60`) an age or a tally."""
    for i, w in enumerate(scan.words):
        if w.isdigit() and _age_or_count(scan, i):  # `a man of 60 years`, `ام 60 عاما`, `aged 60`, `20 pieces`
            scan.used.add(i)
            continue
        if i + 1 == len(scan.words):
            break
        if w.isdigit() and scan.words[i + 1] in _CJK_MEASURES:
            scan.used.add(i)
            continue
        if not (w.isdigit() and len(w) <= 3 and scan.words[i + 1] in CASE_HEAD_WORDS):
            continue
        prev = scan.words[i - 1] if i else ""
        if not prev or not (prev[:1].isdigit() or scan.ix.headstamps.get(prev) or prev in CASE_HEAD_WORDS):
            scan.used.add(i)


def _listed(scan: Scan, code: str) -> bool:
    """A code the headstamp or factory-code tables list; an unlisted code is two or three characters (a four-digit
    number is a serial's, `BREN` a name's)."""
    if scan.ix.headstamps.get(code) or scan.ix.factory_words.get(code) or code.lower() in scan.ix.german_codes:
        return True
    if code.isdigit() and code.startswith("0") and int(code) and scan.ix.headstamps.get(str(int(code))):
        return True  # `0270`: a listed plant number with a leading zero
    return code.isdigit() and bool(scan.ix.factory_numbers.get(str(int(code))))


def _stamp_factory_numbers(scan: Scan, add: Any, result: Identification, hits: list[Hit]) -> None:
    """On a bare stamp, a number no headstamp row lists but a factory-code table gives as a plant's number (`54 85`:
    Egypt's factory 54) is read as that plant's code; the year is the other number (two-digit: the later one)."""
    if hits:
        return
    numbers = [(i, w) for i, w in enumerate(scan.words) if w.isdigit() and i not in scan.used]
    if len(numbers) < 2:
        return
    two_digit = all(len(w) == 2 for _, w in numbers)
    candidates = numbers[:-1] if two_digit else [(i, w) for i, w in numbers if not _STAMP_YEAR.match(w)]
    for i, w in candidates[:1]:
        rows = [r for r in scan.ix.factory_numbers.get(str(int(w)), []) if r.system in _STAMP_SYSTEMS]
        if not rows or len({r.country for r in rows}) != 1:
            if two_digit:  # `12 85`: the first is the unlisted plant's code, unread; the year is the later one
                scan.used.add(i)
                result.unread.append(w)
            continue
        note = f"factory number {w} ({rows[0].system}); {BARE_STAMP_NOTE}"
        makers = {r.manufacturer_id for r in rows if r.manufacturer_id}
        if len(makers) == 1:
            add(makers.pop(), 0.5, Evidence("manufacturer", w, "factory_codes", w, "", 0.5, note))
        else:
            result.evidence.append(Evidence("country", w, "factory_codes", w, rows[0].country, 0.5, note))
        scan.used.add(i)
