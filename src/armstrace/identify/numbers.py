"""The numbers of a marking that are not codes: the year of manufacture and the serial number."""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata

from .alphabets import persian_text
from .result import Evidence, Identification
from .scan import Scan
from .text import fold_digits, full_year
from .words import COUNTRY_WORDS, SERIAL_LABELS, YEAR_LABELS

__all__ = ["decide_serial", "decide_year", "era_year", "gregorian", "mark_era_digits"]


_YEAR = re.compile(r"^(1[89]\d\d|20[0-3]\d)(?:Г|G)?$")
# Iranian marks date by the Solar Hijri calendar (1310 = 1931, 1403 = 2024); Arabic ones sometimes by the lunar
# Hijri (1400 AH = 1979/80). A year in those ranges is read as one only with a cue: Persian or Arabic script,
# or a calendar mark (SH, AP, ش, AH, هـ).
_HIJRI = re.compile(r"^(1[34]\d\d)(?:ش|SH|AP|AH|هـ|ه)?$")
_SOLAR_CUES = frozenset({"SH", "AP", "ش", "HS", "ه ش", "هش", "SOLAR", "SHAMSI", "شمسی", "JALALI", "PERSIAN", "IRANIAN"})
_LUNAR_CUES = frozenset({"AH", "هـ", "ه", "ق", "هق", "HIJRI", "HEGIRA", "LUNAR", "QAMARI", "قمری", "ISLAMIC"})


def gregorian(year: int, calendar: str) -> int:
    """The Gregorian year a Solar Hijri (`solar`) or lunar Hijri (`lunar`) year mostly falls in."""
    if calendar == "solar":
        return year + 621
    return round(year * 0.970229 + 621.5643)


def _script_cues(scan: Scan) -> tuple[bool, bool]:
    """(Persian or Iranian, Arabic script) for the whole text: computed once per text, not per number."""
    persian = persian_text(scan.text)
    arabic = bool(re.search(r"[\u0600-\u06FF]", scan.text))
    # Iran dates by the solar calendar, whatever the script names it in (ایران, Arabic ايران / إيران, IRAN)
    iranian = any(w in {"IRANIAN", "PERSIAN", "FARSI"} or COUNTRY_WORDS.get(w) == "IR" for w in scan.words)
    return persian or iranian, arabic


def _hijri_year(scan: Scan, i: int, cues: list[tuple[bool, bool]]) -> tuple[int, str] | None:
    """(Gregorian year, note) when token i is a Hijri year by its script or calendar mark, else None.

    `cues` caches the text's script cues (empty until the first Hijri-shaped number), so a long text with many
    numbers is read once rather than once per number.
    """
    m = _HIJRI.match(scan.tokens[i].text)
    if not m:
        return None
    year = int(m.group(1))
    tail = scan.tokens[i].text[len(m.group(1)) :]
    near = set(scan.words[max(0, i - 4) : i + 3]) | ({tail} if tail else set())  # "Solar Hijri date 1388"
    if not cues:
        cues.append(_script_cues(scan))
    persian, arabic = cues[0]
    if near & _SOLAR_CUES or (persian and not near & _LUNAR_CUES and 1300 <= year <= 1420):
        return gregorian(year, "solar"), _calendar_note(year, "solar")
    if near & _LUNAR_CUES or (arabic and 1300 <= year <= 1450):
        return gregorian(year, "lunar"), _calendar_note(year, "lunar")
    return None


def _iranian_digits(scan: Scan) -> bool:
    """Persian digits (۰-۹) in Persian or unlabelled text, not Urdu (Pakistan dates by the Gregorian calendar)."""
    text = scan.text
    return (
        bool(re.search(r"[۰-۹]", text))
        and not re.search(r"[ٹڈڑںےۓہھ]", text)
        and "PK" not in {COUNTRY_WORDS.get(w) for w in scan.words}
    )


def _calendar_note(year: int, calendar: str) -> str:
    """The conversion spelled out: which Gregorian years the Hijri year spans and which one is reported."""
    if calendar == "solar":  # the Solar Hijri year begins at Nowruz (21 March): 1365 = March 1986 - March 1987
        g = year + 621
        return f"Solar Hijri year {year} (Iranian calendar, +621) = 21 March {g} - 20 March {g + 1}; reported as {g}"
    start = year * 0.970229 + 621.5643  # the lunar year (354 days) begins about 11 days earlier each year
    first, last = int(start), int(start + 0.970229)
    span = f"{first}" if first == last else f"{first}-{last}"
    return f"lunar Hijri year {year} AH (354-day years from 622) = {span}; reported as {gregorian(year, 'lunar')}"


_SERIAL = re.compile(r"^(?=.*\d)[A-Z\u0400-\u04FF]{0,4}\d{3,}[A-Z\u0400-\u04FF]{0,3}$|^\d+[A-Z]{1,3}\d{2,}$")


_PATENT = ("PAT", "PATENT", "PATENTED", "PATD", "PATS")


# Years counted from an era rather than from Christ: the Republic of China (民国 26年 = 1937, still used on
# Taiwan) and the Japanese reign names (昭和 = Shōwa from 1926, 大正 = Taishō from 1912, 明治 = Meiji from 1868),
# as Chinese and Japanese arsenals stamped them. Year 1 of each era is the offset plus one.
_ERAS = {"民国": 1911, "民國": 1911, "中華民國": 1911, "中华民国": 1911, "昭和": 1925, "大正": 1911, "明治": 1867}
_ERAS |= {"주체": 1911}  # the North Korean Juche calendar: Juche 1 = 1912 (주체75년 = 1986)
# the later Japanese reigns (平成 = Heisei from 1989, 令和 = Reiwa from 2019; the Self-Defense Forces' stamps and
# documents date by them) and the imperial year (皇紀 2600 = 1940, the count the army's type numbers come from)
_ERAS |= {"平成": 1988, "令和": 2018, "皇紀": -660}
# the last Qing reigns, as the imperial arsenals (Jiangnan, Hanyang) and the arms bought abroad for them were dated
# (光绪二十九年 = 1903; 同治 from 1862, 光绪 from 1875, 宣统 from 1909) and the Korean Empire's (光武 from 1897, 隆熙
# from 1907), https://en.wikipedia.org/wiki/Guangxu_Emperor https://en.wikipedia.org/wiki/Chinese_era_name
# https://en.wikipedia.org/wiki/Korean_Empire
_ERAS |= {"同治": 1861, "光绪": 1874, "光緒": 1874, "宣统": 1908, "宣統": 1908, "光武": 1896, "隆熙": 1906}
# the last year of each Japanese era (a reign ends, the count stops: 平成45年 is no date); 令和 and 皇紀 run on
_ERA_LAST = {"明治": 45, "大正": 15, "昭和": 64, "平成": 31}
_ERA_LAST |= {"同治": 13, "光绪": 34, "光緒": 34, "宣统": 3, "宣統": 3, "光武": 11, "隆熙": 4}
# the counts from 1912 that run on today (the Republic of China in Taiwan, Juche in North Korea): past year 100
_OPEN_ERAS = frozenset({"民国", "民國", "中華民國", "中华民国", "주체"})
_ERA_NAMES = "|".join(sorted(_ERAS, key=len, reverse=True))
# not an era year followed by 式 (type): `大正十一年式`, `明治三十年式` name the type by the year of its adoption, not
# the year the item was made (https://ikazuchisen.wordpress.com/deciphering-japanese-model-type-numbers/)
_ERA_YEAR = re.compile(r"(" + _ERA_NAMES + r")\s*([0-9〇零一二三四五六七八九十廿卅元]{1,5})\s*(?:年|년)(?!\s*式)")
_CN_UNITS = dict(zip("〇一二三四五六七八九", range(10), strict=True)) | {"零": 0, "元": 1}


def _cn_number(text: str) -> int | None:
    """A year number in Chinese numerals or digits: 二十六 = 26, 十 = 10, 廿七 = 27, 元 = 1 (the first year)."""
    if text.isdigit():
        return int(text)
    text = text.replace("廿", "二十").replace("卅", "三十")  # 廿 = 20 and 卅 = 30, common on stamps
    if "十" not in text:
        return int("".join(str(_CN_UNITS[c]) for c in text)) if all(c in _CN_UNITS for c in text) else None
    tens, _, units = text.partition("十")
    if not all(c in _CN_UNITS for c in tens + units):
        return None
    return (_CN_UNITS[tens] if tens else 1) * 10 + (_CN_UNITS[units] if units else 0)


# The same eras written in Latin letters, as collectors and catalogues transcribe them (`Showa 17`, `Shōwa 17`,
# `Taisho 14`, `Meiji 38`, `Minguo 30`, `Juche 89`): the name, then the year's number. Matched on the text folded to
# ASCII upper case, so macrons and case do not matter.
_LATIN_ERAS = {
    "SHOWA": "昭和",
    "SHOUWA": "昭和",
    "SYOWA": "昭和",
    "TAISHO": "大正",
    "TAISYO": "大正",
    "MEIJI": "明治",
    "HEISEI": "平成",
    "REIWA": "令和",
    "MINGUO": "民国",
    "MIN GUO": "民国",
    "MIN-KUO": "民国",
    "MINKUO": "民国",
    "JUCHE": "주체",
    "KOKI": "皇紀",
    "GUANGXU": "光绪",
    "KUANG HSU": "光绪",
    "KUANG-HSU": "光绪",
    "KUANGHSU": "光绪",
    "XUANTONG": "宣统",
    "HSUAN TUNG": "宣统",
    "HSUAN-TUNG": "宣统",
    "TONGZHI": "同治",
    "TUNG CHIH": "同治",
}
_LATIN_ERA_YEAR = re.compile(
    r"(?<![A-Za-z])(" + "|".join(sorted(_LATIN_ERAS, key=len, reverse=True)) + r")[\s.:,-]*(?:YEAR\s*)?(\d{1,4})(?!\d)",
    re.IGNORECASE,
)
# Other calendars stamped with their own mark: the Buddhist Era of Thailand (พ.ศ. 2510, B.E. 2510 = 1967, 543 years
# ahead), and the Ottoman Rumi (fiscal) calendar, a Julian count from 1840 whose years begin in March (1329 Rumi =
# March 1913 - February 1914, +584), marked R., Rumi or رومي beside the year. Matched on the text as written (accents
# off): `B.E.` with its dots, `พ.ศ.` or `Buddhist Era` name the era; a bare `BE` (Belgium's code, a serial's prefix,
# `BE2510`) only in a Thai text and apart from its digits; `R.` in capitals (`1300 r. fired` is rounds).
_BUDDHIST_YEAR = re.compile(
    r"(?:พ\s*\.?\s*ศ\s*\.?|(?<![A-Za-z])B\.\s?E\.|(?<![A-Za-z])(BE)\s|(?i:BUDDHIST\s+ERA))\s*(2[45]\d\d)(?![\w])"
)
_THAI_CONTEXT = re.compile(r"(?i:\bTHAI|\bSIAM)|[\u0e00-\u0e7f]")
_RUMI_YEAR = re.compile(
    r"(?<!\d)(1[23]\d\d)\s*(?:R\.|(?i:RUMI|ROUMI)|رومي|رومى|روميه)(?![A-Za-z])"
    r"|(?<![A-Za-z])(?:(?i:RUMI|ROUMI)|رومي|رومى)\s*(1[23]\d\d)(?!\d)"
)
# After an era's or a calendar's number, a word that makes it a count or an age (`Mr. Meiji 25 years old`, `Rumi 1300
# fighters`, `1329 rounds`); before the era's name, a person's title (`Mr. Meiji`, `Commander Rumi`): no date
_NOT_A_DATE_AFTER = re.compile(
    r"\s*(?i:(?:YEARS?|YRS?)\s+OLD|OLD|AGED|ROUNDS?|RDS|FIGHTERS|MEN|PEOPLE|PERSONS|SOLDIERS|TROOPS|RIFLES|WEAPONS|"
    r"CARTRIDGES|PIECES|UNITS|ITEMS|KM|M|METRES|METERS|PAGES)\b"
)
_TITLE_BEFORE = re.compile(
    r"(?i:\b(?:MR|MRS|MS|MISS|DR|HERR|FRAU|SIR|SGT|CPL|CAPT|CAPTAIN|COMMANDER|CMDR|GENERAL|GEN|COLONEL|COL|MAJOR|"
    r"LT|OFFICER|ABDUL|ABU|IBN|BIN|MOHAMMED|MUHAMMAD)\.?\s*)$"
)
_MARKING_CONTEXT = re.compile(
    r"(?i:MARK|STAMP|HEADSTAMP|DATED|DATE|YEAR|TUGHRA|OTTOMAN|TURKISH|CREST|CASE|CARTRIDGE|RECEIVER|ENGRAV)"
)


# The Qing reigns written in Latin letters read as a date only with a year word (`Guangxu year 21`, `光绪21年`) or no
# counted noun after the number: `In the reign of Guangxu 21 Mauser rifles were ordered`, `Tung Chih 3 cannon` are
# counts.
_QING_ERAS = frozenset({"光绪", "宣统", "同治"})
# A count needs a number above one and a PLURAL noun (`rifles`, `cannon` counted) right after it or after one
# qualifier (`21 Mauser rifles`); a singular weapon noun, a maker and a pronoun after the number make it a dated item
# (`Kuang Hsu 22 Mauser rifle`, `Hsuan Tung 2 Hanyang rifle`, `Kuang Hsu 22 This rifle`: review J).
_NOT_PLURAL = r"(?:THIS|HIS|ITS|HAS|WAS|IS|AS|US|THUS|LESS|ALSO|PLUS|YES|ARSENAL|ARMS)\b"
_QING_SINGULAR = r"(?:THIS|THE|THAT|A|AN|RIFLE|GUN|PISTOL|CANNON|PIECE|CARBINE|MUSKET)\b"
_QING_COUNTED = re.compile(rf"\s+(?i:(?!{_QING_SINGULAR})[A-Za-z]+\s+)?(?i:(?!{_NOT_PLURAL})[A-Za-z]{{2,}}S|CANNON)\b")


def _qing_count(folded: str, m: re.Match[str]) -> bool:
    """True when a Latin-lettered Qing reign's number is a count: no year word, a number above one and a plural noun
    after it."""
    if "YEAR" in m.group(0).upper() or folded[m.end() : m.end() + 2].strip().startswith("年"):
        return False
    return int(m.group(2)) > 1 and _QING_COUNTED.match(folded, m.end()) is not None


_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def _fold(text: str) -> str:
    """The text with the accents off (`Shōwa` → `Showa`) and other scripts' digits as ASCII digits, in the case it is
    written in: a mark's case says what it is (`R.` beside a year is Rumi, `r.` is rounds)."""
    decomposed = unicodedata.normalize("NFKD", fold_digits(text).translate(_THAI_DIGITS))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _a_count_or_name(text: str, m: re.Match[str]) -> bool:
    """True when the number of an era or calendar match is a count or an age, or the era's name a person's."""
    return _NOT_A_DATE_AFTER.match(text, m.end()) is not None or _TITLE_BEFORE.search(text, 0, m.start()) is not None


def _marked_calendar_year(text: str) -> tuple[int, str] | None:
    """(Gregorian year, note) of a Latin-lettered era year, a Buddhist Era year or a Rumi year, else None."""
    folded = _fold(text)
    for m in _LATIN_ERA_YEAR.finditer(folded):
        name = m.group(1).upper()
        era, n = _LATIN_ERAS[name], int(m.group(2))
        low, high = (2500, 2700) if era == "皇紀" else (0, 200 if era in _OPEN_ERAS else 100)
        if _a_count_or_name(folded, m) or (era in _QING_ERAS and _qing_count(folded, m)):
            continue
        if low < n < high and n <= _ERA_LAST.get(era, n) and (year := _ERAS[era] + n) <= dt.date.today().year:
            return year, f"{m.group(0).strip()}: year {n} of the {name.title()} era ({era}) = {year}"
    for b in _BUDDHIST_YEAR.finditer(folded):
        if b.group(1) and not _THAI_CONTEXT.search(text):
            continue  # a bare `BE 2499`: Belgium's code or a label's letters, unless the text is Thai
        if 1900 <= (year := int(b.group(2)) - 543) <= dt.date.today().year:
            return year, f"{b.group(0).strip()}: Buddhist Era year {b.group(2)} (Thai calendar, -543) = {year}"
    for r in _RUMI_YEAR.finditer(folded):
        n = int(r.group(1) or r.group(2))
        if _a_count_or_name(folded, r) or (r.group(2) and not _MARKING_CONTEXT.search(folded)):
            continue  # `Commander Rumi 1300 fighters`: a name and a count
        if 1256 <= n <= 1341:  # the Rumi calendar ran from 1840 (1256) to 1925 (1341)
            return n + 584, (
                f"{r.group(0).strip()}: Rumi (Ottoman fiscal) year {n} = March {n + 584} - February {n + 585}; "
                f"reported as {n + 584} (as a lunar Hijri year it would be {gregorian(n, 'lunar')})"
            )
    return None


@functools.lru_cache(maxsize=1024)
def era_year(text: str) -> tuple[int, str] | None:
    """(Gregorian year, note) for the first valid year of an era in the text (`民国二十六年` → 1937), else None.
    Every match is tried (`昭和65年 昭和40年`: the first is past the era's end); the Republic of China and Juche
    counts run past 100 (中華民國105年 = 2016), so only a year not yet come bounds them. An era written in Latin
    letters (`Showa 17`), a Buddhist Era year (`B.E. 2510`) and a Rumi year (`1329 Rumi`) are read after them."""
    for m in _ERA_YEAR.finditer(text):
        if (n := _cn_number(m.group(2))) is None:
            continue
        era = m.group(1)
        low, high = (2500, 2700) if era == "皇紀" else (0, 200 if era in _OPEN_ERAS else 100)
        if not low < n < high or n > _ERA_LAST.get(era, n):
            continue
        year = _ERAS[era] + n
        if year > dt.date.today().year:  # 令和50年, 皇紀2690年: a year not yet come is a misreading or no date
            continue
        return year, f"{m.group(0)}: year {n} of the {era} era = {year}"
    return _marked_calendar_year(text)


def mark_era_digits(scan: Scan) -> None:
    """Mark as used the digits of an era year (民国10年), so that no code or serial reading takes them."""
    era = era_year(scan.text)
    if era is None:
        return
    for i, tok in enumerate(scan.tokens[:-1]):
        if tok.text.isdigit() and scan.words[i + 1] in {"年", "년"}:
            scan.used.add(i)
    written = re.findall(r"\d+", _fold(era[1].partition(":")[0]))  # `Showa 17`, `B.E. 2510`, `1329 Rumi`
    scan.used.update(i for i, tok in enumerate(scan.tokens) if _fold(tok.text) in written)  # `พ.ศ. ๒๕๑๐` too


def _code_then_year(scan: Scan, short: list[tuple[int, int]], result: Identification) -> tuple[int, int] | None:
    """`07 79`, `11 82`: two bare two-digit numbers side by side on a head whose first is no known plant code. The
    Soviet and Warsaw Pact heads put the plant's number first and the year after it (`17 85`, `539 67`); military
    heads carry "the manufacturer's initials or code plus the last two numerals of the year"
    (https://www.bigwas.com/2012/08/headstamp.html), so the second is the year; with a maker read from a code
    already (`LC 07`), or a third number beside them, the reading is left to the other rules."""
    if len(short) != 2 or result.manufacturer_id or scan.stamp_span is not None:
        return None
    (_, a), (year, b) = short
    if b != a + 1 or scan.tokens[a].line != scan.tokens[b].line:
        return None
    near = scan.words[max(0, a - 1) : a] + scan.words[b + 1 : b + 2]
    if any(w.isdigit() for w in near):
        return None
    return year, b


# Words after or before a two-digit number that make it a count of rounds or items, not a head's year: `50 นัด`
# (Thai: 50 rounds), `จำนวน 50` (amount 50), `20 rounds`, `qty 30`.
_COUNT_AFTER = frozenset(
    {"ROUNDS", "ROUND", "RDS", "RD", "CARTRIDGES", "SHELLS", "PCS", "PIECES", "UNITS", "NOS", "BULLETS", "CARTUCHOS"}
    | {"UNIDADES", "MUNITIONS", "PATRONEN", "ШТ", "ПАТРОНОВ", "นัด", "ลูก", "ชิ้น", "กระบอก", "طلقة", "طلقات"}
)
_COUNT_BEFORE = frozenset({"QTY", "QUANTITY", "COUNT", "จำนวน", "عدد"})
# the Mark of a British-system cartridge beside its head's code and year: VI, VII, VIIZ (not XII, a month or era)
_MARK_NUMERAL = re.compile(r"^VI{1,2}Z?$")


def decide_year(scan: Scan, ammo: bool, result: Identification, conf: dict[str, float]) -> None:
    era = era_year(scan.text)
    if era is not None:
        result.year = era[0]
        conf["year"] = 0.8
        result.evidence.append(Evidence("year", era[1].partition(":")[0], "", "", str(era[0]), 0.8, era[1]))
        return
    if scan.lot is not None:  # 10-88-57 on a rocket: lot 10, year 1988, factory 57
        result.year = scan.lot.year
        conf["year"] = 0.7
        note = f"{scan.lot.system} mark: lot {scan.lot.lot}, year {scan.lot.year}, factory {scan.lot.factory}"
        if scan.lot.system == "MIL-STD-1168":
            note = f"MIL-STD-1168 lot number: maker symbol {scan.lot.factory}, year {scan.lot.year}, lot {scan.lot.lot}"
        result.evidence.append(Evidence("year", scan.lot.text, "", "", str(scan.lot.year), 0.7, note))
        return
    labelled, suffixed, plain, short = [], [], [], []
    # the lines that name a patent, found once (a per-token set of its line's words made long texts quadratic)
    patent_lines = {t.line for t in scan.tokens if t.text in _PATENT}
    cues: list[tuple[bool, bool]] = []
    for i, tok in enumerate(scan.tokens):
        if i in scan.used:
            continue
        hijri = _hijri_year(scan, i, cues)
        if hijri is not None and scan.words[i - 1 if i else 0] not in SERIAL_LABELS:
            result.year = hijri[0]
            conf["year"] = 0.75
            scan.used.add(i)
            result.evidence.append(Evidence("year", scan.words[i], "", "", str(hijri[0]), 0.75, hijri[1]))
            return
        m = _YEAR.match(tok.text)
        prev = scan.words[i - 1] if i else ""
        if m:
            if prev in SERIAL_LABELS or tok.line in patent_lines or int(m.group(1)) > dt.date.today().year:
                continue  # a serial's digits, a patent's date, or a number no maker has stamped yet
            if prev in YEAR_LABELS:
                labelled.append((int(m.group(1)), i))
            elif tok.text.endswith(("Г", "G")):
                suffixed.append((int(m.group(1)), i))
            else:
                plain.append((int(m.group(1)), i))
        elif (
            ammo
            and re.fullmatch(r"\d{2}", tok.text)
            and scan.words[i + 1 : i + 2] not in (["式"], ["型"])
            and not _COUNT_AFTER & set(scan.words[i + 1 : i + 2])
            and not _COUNT_BEFORE & set(scan.words[max(0, i - 1) : i])
        ):
            short.append((int(tok.text), i))  # `จำนวน 50 นัด`, `50 rounds`: a count, not a year
    for found, c, note in (
        (labelled, 0.9, "year label"),
        (suffixed, 0.85, "year with г/year suffix"),
        (plain, 0.6, "four-digit year"),
        (short, 0.6, "two-digit year of a headstamp"),
    ):
        if found:
            year, i = found[0]
            if found is short and (pair := _code_then_year(scan, short, result)):
                year, i = pair
                note += " (the second of two numbers: a plant's code, then its year, as Warsaw Pact heads are read)"
            if found is short and _iranian_digits(scan):
                # ۶۵ on an Iranian case head is 1365 of the Solar Hijri calendar (1986), not 1965
                sh = year + (1300 if year >= 30 else 1400)
                year, note = sh + 621, f"two-digit headstamp year in Persian digits: {_calendar_note(sh, 'solar')}"
            elif found is short and scan.stamp_span is not None:
                # `GB 16`: the century in which the code's plant stamped (1916), not the nearest one (2016)
                lo, hi = scan.stamp_span
                fits = [c + year for c in (2000, 1900, 1800) if lo <= c + year <= hi]
                if not fits:
                    # `LC 35`: Lake City opened in 1941, so 35 is neither 1935 nor (in the future) 2035; the
                    # number is left undated rather than given a year its plant never stamped
                    return
                year = fits[0]
                note += f" (dated by the code's years of use, {lo}-{hi})"
            elif found is short and any(_MARK_NUMERAL.match(w) for w in scan.words):
                # `GB 16 VII`: a cartridge Mark in Roman numerals is the British system's (1890s-1970s), so 1916
                year, note = 1900 + year, note + " (a Roman-numeral cartridge Mark dates it to the 1900s)"
            elif found is short:
                year = full_year(year)
            result.year = year
            conf["year"] = c
            scan.used.add(i)
            if found is not short:  # `LC 68 (Lake City, 1968)`: the stamp's two digits are that year, read
                scan.used.update(j for j, w in enumerate(scan.words) if w == f"{year % 100:02d}" and j != i)
            result.evidence.append(Evidence("year", scan.words[i], "", "", str(year), c, note))
            return


def decide_serial(scan: Scan, importer_lines: set[int], result: Identification, conf: dict[str, float]) -> None:
    toks = scan.tokens
    for i, tok in enumerate(toks):
        if tok.text in SERIAL_LABELS or (tok.text == "NUMBER" and i and scan.words[i - 1] == "SERIAL"):
            j = i + 1
            while j < len(toks) and toks[j].text in SERIAL_LABELS | {"NUMBER", "NO"}:
                j += 1
            if j < len(toks) and toks[j].line == tok.line and any(ch.isdigit() for ch in toks[j].text):
                serial = toks[j].text
                if j > i + 1 or tok.text != "NO" or _SERIAL.match(serial):
                    result.serial = serial
                    conf["serial"] = 0.9
                    result.evidence.append(
                        Evidence("serial", f"{tok.text} {serial}", "", "", serial, 0.9, "labelled serial number")
                    )
                    scan.used.add(j)
                    return
    candidates = [
        i
        for i, t in enumerate(toks)
        if i not in scan.used
        and _SERIAL.match(t.text)
        and not (t.line in importer_lines and t.text.isdigit() and len(t.text) == 5)
    ]
    if not candidates:
        return
    best = max(candidates, key=lambda i: (any(c.isalpha() for c in toks[i].text), len(toks[i].text), -i))
    if toks[best].text.isdigit() and len(toks[best].text) < 4:
        return
    result.serial = toks[best].text
    conf["serial"] = 0.6
    result.evidence.append(
        Evidence(
            "serial",
            toks[best].text,
            "",
            "",
            toks[best].text,
            0.6,
            "looks like a serial number (letters and digits, not a model or calibre)",
        )
    )
