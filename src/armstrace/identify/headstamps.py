"""Cartridge headstamps: a plant's code and a year on a case head, read against the headstamp table, narrowed by
the calibre and the year, and a bare stamp (`945 05`, `LXX 85`) recognised as one.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .mentions import followed_numbers
from .numbers import era_year
from .result import Evidence, Identification
from .scan import Scan
from .stamp_words import case_head_word
from .text import GAP, Hit, longest
from .words import AMMO_WORDS, COUNTRY_WORDS, DEMONYMS, FIREARM_WORDS, MONTHS, ORDNANCE_WORDS, USER_BEFORE, USER_OF

__all__ = [
    "BARE_STAMP_NOTE",
    "CASE_MARK",
    "bare_stamp",
    "bound_digits",
    "clock_positions",
    "headstamp_makers",
    "nato_cross",
    "stamp_plant",
]


_MAX_DIGITS = 64
_LONG_DIGITS = re.compile(rf"\d{{{_MAX_DIGITS + 1},}}")


def bound_digits(text: str) -> str:
    """A run of digits longer than any code, serial or year on a weapon (64) is cut to its first 64: the rules read
    digits as numbers, and Python refuses to read a number of more than 4,300 digits."""
    return _LONG_DIGITS.sub(lambda m: m.group(0)[:_MAX_DIGITS], text)


_FACTORY_WORDS = frozenset({"FACTORY", "PLANT", "ARSENAL", "ZAVOD", "ЗАВОД", "厂", "工厂", "CODE"})


# Countries whose cartridge plants never stamped the NATO cross (not NATO members or qualified suppliers).
_NEVER_NATO = frozenset({"CN", "RU", "SU", "KP", "IR", "KG", "BY", "VN", "BA", "EG", "SD", "IQ"})


def nato_cross(scan: Scan) -> bool:
    """True when the marking carries the NATO cross (⊕, `NATO cross`, `+ in a circle`): a NATO-standard round."""
    return any(w == "NATO" and scan.words[i + 1 : i + 2] == ["CROSS"] for i, w in enumerate(scan.words))


_AGENCY_NOUNS = USER_BEFORE | USER_OF


def _prose_word(scan: Scan, hit: Hit) -> bool:
    """A letter code written in lower case within prose that capitalises its words (`propriedade da Polícia`: the
    Portuguese `da`, not Dominion Arsenal's DA): a case head is stamped, and transcribed, in capitals. A table's own
    lower-case code (`bxn`) and a text written all in lower case are left to the other rules."""
    key = hit.key
    if not key.isalpha() or hit.end - hit.start != 1 or any(s.code != s.code.upper() for s in hit.payloads):
        return False
    if re.search(rf"(?<![^\W\d_]){re.escape(key)}(?![^\W\d_])", scan.text):
        return False  # written in capitals somewhere, as stamped
    beside = [scan.words[j] for j in (hit.start - 1, hit.end) if 0 <= j < len(scan.words)]
    if any(_STAMP_YEAR.match(b) for b in beside):
        return False  # `lc 68`: a code beside its year is a case head's, however transcribed
    lower = re.search(rf"(?<![^\W\d_]){re.escape(key.lower())}(?![^\W\d_])", scan.text)
    return lower is not None and len(scan.tokens) > 4 and any(c.isupper() for c in scan.text)


def _brand_word(scan: Scan, hit: Hit) -> bool:
    """A brand stamped as a word (`PETERS`, `BLAZER`, `MDRP`) that the text writes as a name or a word (`Sgt Peters`,
    `Blazer jacket`) or as an acronym of prose (`MDRP programme`), with no headstamp or case-head word anywhere and
    no calibre right after it: the stamp is read in capitals, as stamped, or before its calibre, or wherever a case
    head is named."""
    letters = hit.key.replace("-", "")
    if hit.end - hit.start != 1 or len(letters) < 4 or not letters.isalpha():
        return False
    if any(case_head_word(w) for w in scan.words) or any(c.start == hit.end for c in scan.calibre_hits):
        return False  # on a case head, or before its calibre (`Manucam 7.62x51`), as stamped
    caps = list(re.finditer(rf"(?<![^\W\d_]){re.escape(hit.key)}(?![^\W\d_])", scan.text))
    return not caps or all(re.match(r"\s+[^\W\d_]*[a-z]", scan.text[m.end() :]) for m in caps)


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
    # `Polícia Federal`, `Police nationale`: a word after an agency's noun is the agency's name (Federal Cartridge's
    # FEDERAL), not a plant's code
    hits = [h for h in hits if not (h.start and scan.words[h.start - 1] in _AGENCY_NOUNS)]
    hits = [h for h in hits if not _prose_word(scan, h) and not _brand_word(scan, h)]
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
    years = followed_numbers(scan)  # "LC followed by 19, 22 and 23": the code's years, not plants' numbers
    hits = _stamp_hits(scan, [h for h in hits if h.start not in years])
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
    """The next word from j in the direction of step that is not a position word (`top:`, `at the bottom`, `at 12
    o'clock`)."""
    while 0 <= j < len(scan.words) and (scan.words[j] in _SIDE_WORDS | _JOINERS or _clock_word(scan, j)):
        j += step
    return j


def _clock_word(scan: Scan, j: int) -> bool:
    """Word j places a mark on the dial (`12 o'clock`): the hour or its `o'clock`, neither a code nor a year."""
    words = scan.words
    if words[j] in {"OCLOCK", "CLOCK"}:
        return True
    if words[j] == "O" and words[j + 1 : j + 2] == ["CLOCK"]:
        return True
    return words[j].isdigit() and 1 <= int(words[j]) <= 12 and words[j + 1 : j + 2] in (["OCLOCK"], ["O"], ["H"])


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


def _founded(scan: Scan, stamp: Any) -> int:
    """The year the stamp's maker was founded (its manufacturers row), 0 when unknown."""
    row = scan.ix.ref.manufacturer(stamp.manufacturer_id) if stamp.manufacturer_id else None
    m = re.match(r"\d{4}", row.founded if row else "")
    return int(m.group(0)) if m else 0


_MODERN = (1900, 2000)


def _fits(span: tuple[int, int] | None, year: str, centuries: tuple[int, ...] = (1800, *_MODERN)) -> bool:
    if span is None:
        return True
    if len(year) == 4:
        return span[0] <= int(year) <= span[1]
    return any(span[0] <= c + int(year) <= span[1] for c in centuries)


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
    # a case made before its plant existed is not that plant's (`PS 1933`: Poongsan was founded in 1968)
    year = _stamp_year(scan, hit, hits)
    stamps = [s for s in stamps if not (year and len(year) == 4 and int(year) < _founded(scan, s))]
    other_calibre = bool(calibres) and all(s.calibres and not calibres & set(s.calibres) for s in stamps)
    if calibres and len(stamps) > 1:
        stamps = [s for s in stamps if calibres & set(s.calibres)] or stamps
    if year is not None:
        # a two-digit year is read in the 1900s or 2000s before the 1800s: `38 52` is Yuryuzan's 1952, not Tula's
        # plant 38 in 1852 (its row ends in 1941, so only the 1800s would fit it); `П 98` still reads 1898
        fitting = [s for s in stamps if _fits(_span(s.years), year, _MODERN)]
        fitting = fitting or [s for s in stamps if _fits(_span(s.years), year)]
        if not fitting and other_calibre:
            # `.303 … U44`: neither the cartridge nor the year is one the code's rows list (Utah Ordnance Plant's U
            # is on US cartridges of 1942-43): another plant's code of the same letters, which the table lacks
            return []
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
    if era_year(scan.text) is not None:
        return False  # `Shōwa 17`, `B.E. 2510`: an era's name and its year, not a plant code and a year
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


def stamp_plant(scan: Scan, result: Identification, conf: dict[str, float]) -> None:
    """No maker decided, and the case head's code is one plant's that no manufacturers row holds (`SL 43`: the St.
    Louis Ordnance Plant, `DC 40`: the Dominion Cartridge Company): that plant, as the headstamp table names it, is
    the maker, reported with no row. A code shared by several plants names none of them."""
    if result.manufacturer is not None:
        return
    plants: dict[str, Evidence] = {}
    for e in result.evidence:
        if e.field != "country" or e.table != "headstamps" or e.weight <= 0 or e.row.isdigit():
            continue  # a number's row names a numbered state plant (`71`), described rather than named
        for s in scan.ix.headstamps.get(e.row):
            name = s.manufacturer_name
            if (
                name
                and not s.manufacturer_id
                and s.country == e.value
                and e.note.startswith(f"headstamp code {s.code}: {name}")
            ):
                plants.setdefault(name, e)
    if len(plants) != 1:
        return
    name, read = next(iter(plants.items()))
    result.manufacturer, result.manufacturer_id = name, None
    conf["manufacturer"] = 0.6
    why = f"headstamp code {read.row}: the plant the headstamp table names ({name}); no maker row holds it"
    result.evidence.append(Evidence("manufacturer", read.text, "headstamps", read.row, name, 0.6, why))
