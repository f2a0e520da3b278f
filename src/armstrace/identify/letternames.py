"""Latin initials of a designation written as their letter names in another script (Urdu ایم 14 = M14, Arabic
إم بي تي - 76 = MPT-76, Hindi एम16 = M16, Japanese エム16, Korean 케이2 = K2), read as the Latin letters.

Texts in Arabic, Persian, Urdu, Hindi, Japanese and Korean spell Western and Russian designations by saying each
initial: the letters' names are a closed table per script, so one rule reads every designation of that shape
instead of a spelling per design. A run of letter names is read only when a number follows it (the shape of a
designation), so that the same syllables elsewhere stay words. Names that are also common words before a number
are left out: Arabic في (in), ان (that), ال (the); Urdu اس (this), کی and کے (of); Persian سی (thirty); Hindi के and
की (of). Arabic بي is both B and P; P is what arms initials need (RPG, PK, MPT).
"""

from __future__ import annotations

import re

__all__ = ["spell_letter_names"]

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


_RUNS = tuple(_compile(table, letters) for table, letters in _SCRIPTS)


def spell_letter_names(text: str) -> str:
    """The text with every run of letter names before a number written in Latin letters (`ایم 14` → `M 14`).
    Digits must already be ASCII (the caller folds other scripts' digits first)."""
    for run, name, latin in _RUNS:
        if run.search(text):

            def spell(m: re.Match[str], name: re.Pattern[str] = name, latin: dict[str, str] = latin) -> str:
                return " " + "".join(latin[x] for x in name.findall(m.group(0)))

            text = run.sub(spell, text)
    return text
