"""Latin initials of a designation written as their letter names in another script (Urdu ایم 14 = M14, Arabic
إم بي تي - 76 = MPT-76, Hindi एम16 = M16, Japanese エム16, Korean 케이2 = K2), read as the Latin letters.

Texts in Arabic, Persian, Urdu, Hindi, Japanese and Korean spell Western and Russian designations by saying each
initial: the letters' names are a closed table per script, so one rule reads every designation of that shape
instead of a spelling per design. A run of letter names is read only when a number follows it (the shape of a
designation), so that the same syllables elsewhere stay words. Names that are also common words before a number
are left out: Arabic في (in), ان (that), ال (the); Urdu اس (this), کی and کے (of); Persian سی (thirty); Hindi के and
की (of). Arabic بي is both B and P; P is what arms initials need (RPG, PK, MPT).

Other names are ordinary words before a number too: Arabic أم/ام (mother; "or"), إن (that), كي (so that), دي
(Egyptian "this"), Persian این (this), دی (the month Dey; Urdu "gave"), زد (hit), بی (without), Urdu جی/جي (an
honorific), وی; Hindi पी (drank), जी (an honorific), सी (like), ए (hey); Korean 피 (blood), 알 (egg), 티, 엔 (yen).
Such a name is read alone only when it is written against its number (ام16, जी-3; `पी 5`, `जी 3 दिन` stay) or
a weapon noun or a quotation mark stands right beside the designation; within a run of two or more names it is
read. Katakana and hangul also join the names into one word (`エーケー47`, `에이케이-47`): two or more names
making up a whole word before a number are read too.
"""

from __future__ import annotations

import re

__all__ = ["letter_name_readings", "letter_named", "spell_letter_names"]

_NAMES: dict[str, tuple[str, ...]] = {
    # Arabic, Persian and Urdu (ی/ي and ک/ك both written)
    "A": ("إيه", "ايه"),
    "B": ("بی",),
    "C": ("سي",),
    "D": ("دي", "دی", "ڈی"),
    "F": ("إف", "اف", "ایف"),
    "G": ("جي", "جی", "غي"),
    "H": ("إتش", "اتش", "ایچ"),
    "K": ("كي", "کي", "كى"),
    "L": ("إل", "ایل"),
    "M": ("إم", "ام", "اِم", "ایم", "أم"),
    "N": ("إن", "این"),
    "P": ("بي", "پی", "پي"),
    "R": ("آر", "أر", "ار"),
    "S": ("إس", "ایس"),
    "T": ("تي", "تی", "ٹی"),
    "V": ("وی",),
    "X": ("إكس", "اكس", "اکس", "ایکس"),
    "Z": ("زد", "زیڈ"),
}
_DEVANAGARI: dict[str, tuple[str, ...]] = {
    "A": ("ए",),
    "B": ("बी",),
    "C": ("सी",),
    "D": ("डी",),
    "F": ("एफ",),
    "G": ("जी",),
    "H": ("एच",),
    "L": ("एल",),
    "M": ("एम",),
    "N": ("एन",),
    "P": ("पी",),
    "Q": ("क्यू",),
    "R": ("आर",),
    "S": ("एस",),
    "T": ("टी",),
    "V": ("वी",),
    "X": ("एक्स",),
    "Z": ("जेड", "ज़ेड"),
}
_KATAKANA: dict[str, tuple[str, ...]] = {
    "A": ("エー", "エイ"),
    "B": ("ビー",),
    "C": ("シー",),
    "D": ("ディー",),
    "F": ("エフ",),
    "G": ("ジー",),
    "H": ("エイチ", "エッチ"),
    "K": ("ケー", "ケイ"),
    "L": ("エル",),
    "M": ("エム",),
    "N": ("エヌ",),
    "P": ("ピー",),
    "R": ("アール",),
    "S": ("エス",),
    "T": ("ティー",),
    "V": ("ブイ",),
    "X": ("エックス",),
}
_HANGUL: dict[str, tuple[str, ...]] = {
    "A": ("에이",),
    "F": ("에프",),
    "H": ("에이치",),
    "K": ("케이",),
    "L": ("엘",),
    "M": ("엠",),
    "N": ("엔",),
    "P": ("피",),
    "R": ("알",),
    "S": ("에스",),
    "T": ("티",),
    "X": ("엑스",),
}
# letter names that are also everyday words before a number (see the module's docstring)
_AMBIGUOUS = frozenset(
    {"أم", "ام", "إن", "كي", "کي", "كى", "دي", "دی", "این", "زد", "بی", "جی", "جي", "وی", "پی", "پي", "تی", "تي"}
    | {"पी", "जी", "सी", "ए", "बी", "टी", "वी"}
    | {"피", "알", "티", "엔", "엘"}
)
# weapon nouns that may stand right beside a designation: Arabic, Persian, Urdu, Hindi, Korean, Japanese
_WEAPON_NOUN = (
    "بندقية|بندقيه|رشاش|مسدس|قاذف|قاذفة|مدفع|صاروخ|قنبلة|لغم|سلاح|تفنگ|کلاشینکف|اسلحه|رائفل|بندوق|پستول|"
    "राइफल|राइफ़ल|रायफल|पिस्टल|पिस्तौल|बंदूक|रिवॉल्वर|소총|권총|기관총|박격포|저격총|小銃|拳銃|銃|自動小銃|機関銃"
)
_QUOTES = "«»\"“”„'‘’「」『』"
# the letters of each script: a letter name is a whole word, not the start or end of a longer one
_SCRIPTS = (
    (_NAMES, "\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff"),
    (_DEVANAGARI, "\u0900-\u097f"),
    (_KATAKANA, "\u30a0-\u30ff"),
    (_HANGUL, "\uac00-\ud7a3"),
)


def _compile(
    table: dict[str, tuple[str, ...]], letters: str
) -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    latin = {name: letter for letter, names in table.items() for name in names}
    one = "|".join(sorted(map(re.escape, latin), key=len, reverse=True))
    name = rf"(?<![{letters}])(?:{one})(?![{letters}])"
    run = re.compile(rf"{name}(?:[\s.\-]*{name})*(?=[\s.\-]*\d)")
    return run, re.compile(name), latin


_NEXT = re.compile(rf"[\s.\-]*\d+[\w\-]*\s*(?:[{_QUOTES}]|(?:{_WEAPON_NOUN}))")
# a weapon noun right before, or with one word between (`المدفع العالمي دي 30`: the world cannon D-30)
_BEFORE = re.compile(rf"(?:[{_QUOTES}]|(?:{_WEAPON_NOUN})\S*(?:\s+\S+)?)\s*$")


def _read(text: str, m: re.Match[str], names: list[str]) -> bool:
    """False for one ambiguous name standing apart from its number with no weapon noun or quote beside it."""
    if len(names) > 1 or names[0] not in _AMBIGUOUS:
        return True
    if re.match(r"[.\-]?\d", text[m.end() : m.end() + 2]):
        return True  # written against its number: ام16, जी-3
    return bool(_NEXT.match(text, m.end()) or _BEFORE.search(text, max(0, m.start() - 40), m.start()))


_RUNS = tuple(_compile(table, letters) for table, letters in _SCRIPTS)


def _joined(table: dict[str, tuple[str, ...]], letters: str) -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    """Katakana and hangul write a designation's letter names as one word (`エーケー47`, `에이케이-47`): two or
    more names joined, the whole word nothing else, before a number."""
    latin = {name: letter for letter, names in table.items() for name in names}
    one = "|".join(sorted(map(re.escape, latin), key=len, reverse=True))
    run = re.compile(rf"(?<![{letters}])(?:{one}){{2,}}(?![{letters}])(?=[\s.\-]*\d)")
    return run, re.compile(one), latin


_RUNS += tuple(_joined(table, letters) for table, letters in _SCRIPTS[2:])


def spell_letter_names(text: str) -> str:
    """The text with every run of letter names before a number written in Latin letters (`ایم 14` → `M 14`).
    Digits must already be ASCII (the caller folds other scripts' digits first)."""
    runs = sorted(_runs(text))
    if not runs:
        return text
    parts, last = [], 0
    for start, end, latin in runs:
        if start < last:
            continue  # a joined run inside a spaced one of the same script: read once
        parts += [text[last:start], " " + latin]
        last = end
    return "".join(parts) + text[last:]


_OTHER_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹०१२३४५६७८९０１２３４５６７８９", "0123456789" * 4)
_NUMBER = re.compile(r"[\s.\-]*\d+")


def letter_named(name: str) -> bool:
    """True when a whole name is letter names and a number (`जी-3`, `ام 16`): the letter-name rule reads it, with
    its guard against ordinary words, so a table of spellings need not."""
    for run, _, _ in _RUNS:
        m = run.match(name.strip())
        if m and re.fullmatch(r"[\s.\-]*\d+", name.strip()[m.end() :]):
            return True
    return False


def letter_name_readings(text: str) -> list[tuple[str, str]]:
    """Each run of letter names read, with its number, as written (`أم 4`, `ایم ۱۴`), and the Latin letters and
    number it is read as (`M 4`, `M 14`), in the order of the text: what the evidence quotes."""
    folded = text.translate(_OTHER_DIGITS)  # one character for one: the offsets stay the text's
    out = []
    for start, end, latin in sorted(_runs(folded)):
        number = _NUMBER.match(folded, end)
        stop = number.end() if number else end
        out.append((text[start:stop].strip(), f"{latin} {folded[end:stop].strip(' .-')}".strip()))
    return out


def _runs(text: str) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for run, name, latin in _RUNS:
        if not run.search(text):
            continue
        for m in run.finditer(text):
            names = name.findall(m.group(0))
            if _read(text, m, names):
                out.append((m.start(), m.end(), "".join(latin[x] for x in names)))
    return out
