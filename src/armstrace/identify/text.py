"""Marking text as the engine reads it: normalisation, tokens on lines, and the phrase index that finds
reference phrases on token boundaries (which alphabet a marking is written in: `alphabets`).

Everything here is about *how markings are written*; facts about makers, models and codes live in
the reference tables (`armstrace.reference`), and the word lists in `armstrace.identify.words`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from .chillu import old_chillu
from .letternames import spell_letter_names
from .unspaced import UNSPACED, on_register, segment

__all__ = [
    "GAP",
    "NATO_WORDS",
    "Hit",
    "PhraseIndex",
    "Token",
    "compact",
    "fold_digits",
    "fold_key",
    "full_year",
    "gaps",
    "longest",
    "normalise",
    "split_lines",
    "tokenise",
]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


@dataclass(frozen=True)
class Token:
    """One word of a marking after normalisation; `raw` is the original text it came from."""

    text: str
    line: int
    index: int  # position in the whole token list
    raw: str


_LINE_SPLIT = re.compile(r"\r?\n|\s+/\s+|\s*\|\s*|\s*;\s*")
_CJK = re.compile(r"([\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af])")
_TIMES = re.compile(r"(?<=\d)\s*[X×ХxхЧ*]\s*(?=\d)")
_DECIMAL_COMMA = re.compile(r"(?<=\d),(?=\d)")
_APOSTROPHE = re.compile(r"['’‘`´ʼ]")
# French and Italian elision: the article or preposition is a word of its own (`l'arsenal` is `L ARSENAL`, never a
# slip of ARSENAL read as LARSENAL; `d'Armes`)
_ELISION = re.compile(r"(?<![^\W\d_])(L|D|QU)['’](?=[^\W\d_])", re.IGNORECASE)
_ABBREV_DOT = re.compile(r"(?<![^\W\d_])([^\W\d_])\.(?=[^\W\d_](?![^\W\d_]))")
_LETTER_DOT_DIGIT = re.compile(r"(?<=[^\W\d_])\.(?=\d)")
_LEADING_DOT = re.compile(r"(?<![\w.])\.(?=\d)")
_SN = re.compile(r"\bS\s*/\s*N\b")
# Indic vowel signs and viramas are combining marks, not word characters to `\w`: kept, or पाकिस्तान falls apart.
# The vowel signs and viramas of the Indic and South-East Asian scripts (Tamil, Telugu, Sinhala, Thai, Lao, Burmese,
# Khmer...) are marks, not `\w`: kept, so that `துப்பாக்கி` stays one word, not letters (identC).
_OTHER = re.compile(
    r"[^\w.&/\s\u0900-\u0963\u0980-\u09e3\u0a00-\u0d7f\u0d81-\u0df4\u0e00-\u0e4e\u0e80-\u0ecd\u1000-\u1049\u1050-\u109f\u1780-\u17d3]"
    r"|_|(?<!\d)\.|\.(?!\d)|(?<!\d)/|/(?!\d)"
)


def split_lines(text: str) -> list[str]:
    """The lines of a transcription: newlines, ` / `, `|` and `;` separate lines of a marking."""
    return [line for line in _LINE_SPLIT.split(text) if line.strip()]


_LATIN_EXTRA = {"Ł": "L", "Ø": "O", "Đ": "D", "Ħ": "H", "Ŀ": "L", "Œ": "OE", "Æ": "AE", "Þ": "TH", "ẞ": "SS"}


def _fold_latin(text: str) -> str:
    """Accents off Latin and Greek letters (GEVÄRSFAKTORI = GEVARSFAKTORI, TÜRKİYE = TURKIYE, ΒΙΟΜΗΧΑΝΊΑ =
    ΒΙΟΜΗΧΑΝΙΑ: the tonos of lower-case Greek text stays on its capital); other scripts kept."""
    if text.isascii():
        return text
    out = []
    for ch in text:
        if "\u0386" <= ch <= "\u03b0" and not "\u0391" <= ch <= "\u03a9":  # Ά Έ Ή Ί Ό Ύ Ώ Ϊ Ϋ
            out.append(unicodedata.normalize("NFD", ch)[0])
        elif "\u00c0" <= ch <= "\u024f" or "\u1e00" <= ch <= "\u1eff":
            base = unicodedata.normalize("NFD", ch)[0]
            out.append(_LATIN_EXTRA.get(ch, base if base.isascii() else ch))
        else:
            out.append(ch)
    return "".join(out)


# Eastern Arabic (٠-٩) and Persian (۰-۹) digits: Iranian, Iraqi, Egyptian and Sudanese marks use them; NFKC
# leaves them alone, so `٢٧` would never meet the code `27`.
# Devanagari (०-९) and Bengali (০-৯) digits likewise on Indian, Nepali and Bangladeshi marks and documents.
_DIGITS = str.maketrans(
    {chr(base + i): str(i) for base in (0x0660, 0x06F0, 0x0966, 0x09E6) for i in range(10)}
    | {chr(0x0640): None}  # the Arabic tatweel only stretches a word
    | {"\u066b": ".", "\u066c": None}  # Arabic decimal (٧٫٦٢ = 7.62) and thousands separators
    | {chr(c): None for c in (*range(0x064B, 0x0660), 0x0670)}  # Arabic vowel signs: not part of the spelling
)
# An illegible stretch as transcribers write it: `[..]`, `[...]`, `[?]`, `[illegible]`, `…`, `(?)`.
# Inside a word, `?` and `*` stand for letters that could not be read too (`NOR?NCO`, `KALASHN*KOV`, `NORIN*`,
# `4?21` in a serial); a star after a Roman numeral is a mark of pattern (`SMLE Mk III*`);
# a `?` ending a word is a question and a `*` between digits a multiplication (`7.62*39`), so neither counts.
GAP = re.compile(
    r"\[\s*(?:\.{2,}|…|\?+|ILLEGIBLE|UNREADABLE|UNCLEAR|X+)\s*\]|\(\s*\?+\s*\)|(?<=\w)…|…(?=\w)"
    r"|(?<=[^\W\d_])\[\s*\.\s*\](?=[^\W\d_])|\[\s*[1-9]\s*(?:LETTERS?|CHARS?|CHARACTERS?|\?)\s*\]"
    r"|\[\s*[1-9]\s*\](?=[^\W\d_])"
    r"|(?<=[^\W\d_])[?*]+(?=[^\W\d_])|(?<=[^\W_])\?+(?=[^\W_])|(?<=[^\W\d_]{3})(?<![IVX]{3})(?<![ivx]{3})\*+(?![\w*])",
    re.IGNORECASE,
)
# The NATO cross (a circle with a cross) on NATO-standard ammunition, written as a symbol or described: it says
# the round was made to NATO standard, not where (NATO CROSS stays two words the engine reads, never a country).
_NATO_SYMBOL = re.compile(r"[⊕⨁⊗✠⌖]")
NATO_WORDS = re.compile(
    r"\bNATO\s+(?:CROSS|SYMBOL|MARK)\b|\(\s*\+\s*\)|\+\s+(?:IN|INSIDE|WITHIN)\s+(?:A\s+)?CIRCLE\b"
    r"|\bCROSS\s+(?:IN|INSIDE|WITHIN)\s+(?:A\s+)?CIRCLE\b|\bCIRCLED\s+CROSS\b",
    re.IGNORECASE,
)
_ARABIC_LETTER = re.compile(r"[\u0600-\u06ff]")
# Korean writes the type word 式 as 식 (and 型 as 형): 68식 보총 is the Type 68 rifle, as 68式 is.
_KOREAN_TYPE = re.compile(r"(?<=\d)\s*[식형]")
# A lower-case l inside a word of capitals is a capital I misread (CHlNA, NORlNCO): a capital L would be capital.
_LOWER_L = re.compile(r"\b(?=(?:[A-Zl]*[A-Z]){2})[A-Zl]*l[A-Zl]*\b")
# Persian names the letter G "zhe" (ژ), after French: the Iranian G3 is written ژ۳ / ژ-۳.
_PERSIAN_G = re.compile(r"ژ(?=\s*-?\s*\d)")
# Designations written in Arabic or Persian letters, as Arabic and Persian texts spell them: Latin initials by
# their letter names (آر بي جي = RPG; Arabic بي is both B and P, and P is what arms initials need), and the
# Russian and Western names in transliteration. The Latin spelling is what the tables hold.
_ARABIC_NAMES = {
    "RPG": ("آر بي جي", "ار بي جي", "آر.بي.جي", "آربي جي", "آربيجي", "آر پی جی", "ار پی جی", "آرپی\u200cجی", "آرپیجی"),
    "SPG": ("إس بي جي", "اس بي جي", "اس پی جی"),
    "PKM": ("بي كي إم", "بي كي ام", "بيكيام", "پی کی ام"),
    "PK": ("بي كي", "بيكي", "پی کی"),
    "SVD": ("إس في دي", "اس في دي", "اس وی دی"),
    "DSHK": ("دوشكا", "دوشکا", "دوشاكا"),
    "DRAGUNOV": ("دراغونوف", "دراجونوف", "دراگونوف", "دراگانوف"),
    "MAKAROV": ("ماكاروف", "ماکاروف"),
    "TOKAREV": ("توكاريف", "توکارف", "توکارو"),
    "SKS": ("سيمونوف", "سیمونوف"),
    "GRAD": ("غراد", "گراد"),
    "STRELA 2": ("ستريلا", "استرلا"),
    "KORNET": ("كورنيت", "کورنت"),
    "KONKURS": ("كونكورس", "کونکورس"),
    "FAGOT": ("فاغوت", "فاگوت"),
    "MALYUTKA": ("ماليوتكا", "مالیوتکا"),
    "GORYUNOV": ("غريونوف", "جرينوف", "گوریونف"),
    "FN FAL": ("إف إن فال", "اف ان فال"),
}
# A name stands alone, or with the conjunction و/ف written onto it (`وكونكورس`, and Konkurs), before a space or
# Arabic punctuation (، ؛ ؟ are in the Arabic block but are no letters): `قذيفة كونكورس،` is Konkurs.
_ARABIC_NAME = re.compile(
    r"(?<![\u0621-\u064a\u0671-\u06d3])[وف]?("
    + "|".join(sorted((re.escape(v) for vs in _ARABIC_NAMES.values() for v in vs), key=len, reverse=True))
    + r")(?![\u0621-\u064a\u0671-\u06d3])"
)
_ARABIC_LATIN = {v: k for k, vs in _ARABIC_NAMES.items() for v in vs}
# A Chinese factory number in characters before 厂/廠 (factory): 二六厂 = 26, 第二十六兵工厂 = 26.
_CN_FACTORY = re.compile(r"([〇零一二三四五六七八九十百]{1,6})(?=\s*(?:号|號)?\s*(?:兵\s*)?(?:工\s*)?[厂廠])")


# Chinese numerals in a designation (`五六式` is `56式`, Type 56; `五四型` Type 54): read digit by digit, as
# designations are, only right before 式/型 so that other words keep their characters.
_CN_DIGITS = dict(zip("〇零一二三四五六七八九", "00123456789", strict=True))
_CN_DESIGNATION = re.compile(r"([〇零一二三四五六七八九]{2,3})(?=\s*[式型])")


# Japanese army types named by the year of adoption with 年 (`三十年式` = Type 30 of Meiji 30, `三八年式`, `38年式`),
# as Chinese and Japanese texts write them: the number, read as a count when 十 is in it, then 式 (identZ2;
# https://ja.wikipedia.org/wiki/三十年式歩兵銃 https://ja.wikipedia.org/wiki/三八式歩兵銃).
_YEAR_TYPE = re.compile(r"(?<![0-9〇零一二三四五六七八九十])([0-9]{1,2}|[〇零一二三四五六七八九十]{1,3})年(?=式)")


def _year_type(m: re.Match[str]) -> str:
    chars = m.group(1)
    if chars.isdigit():
        return chars
    return _cn_factory_number(chars) if "十" in chars else "".join(_CN_DIGITS[c] for c in chars)


def _chinese_designation_digits(text: str) -> str:
    if "年" in text:
        text = _YEAR_TYPE.sub(_year_type, text)
    text = _CN_DESIGNATION.sub(lambda m: "".join(_CN_DIGITS[c] for c in m.group(1)), text)
    return _CN_FACTORY.sub(lambda m: _cn_factory_number(m.group(1)), text)


def fold_digits(text: str) -> str:
    """The text with other scripts' digits as ASCII digits (`٥٤` → `54`, `二六厂` → `26厂`), nothing else changed."""
    return _chinese_designation_digits(text.translate(_DIGITS))


def _cn_factory_number(chars: str) -> str:
    """二六六 → 266 (digit by digit, as factory numbers are said), 二十六 → 26, 三百五十一 → 351; else unchanged."""
    if not set(chars) & set("十百"):
        return "".join(_CN_DIGITS[c] for c in chars)
    total, unit = 0, 0
    for ch in chars:
        if ch in "十百":
            total += (unit or 1) * (10 if ch == "十" else 100)
            unit = 0
        else:
            unit = int(_CN_DIGITS[ch])
    return str(total + unit)


def gaps(text: str) -> list[str]:
    """The illegible stretches of a transcription, with the letters either side (`NOR[..]CO`)."""
    return [m.group(0) for m in re.finditer(r"\S*(?:" + GAP.pattern + r")\S*", text, re.IGNORECASE)]


_MILLIMETRE = re.compile(r"(\d)\s*(?:ملم|مم|میلی\u200cمتری|میلیمتری|میلیمتر|ММ)(?![^\W\d_])")


# Words of Latin and Cyrillic letters only (no digit, mark, punctuation or other script): every rule of `normalise`
# but case and accent folding leaves them as they are, so they take the short way (the phrase indexes hold some
# twenty thousand such words, and building them is most of identification's start-up).
_PLAIN_LETTERS = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff\u0400-\u04ff ]+")


# The phrase indexes normalise the tables' ~54,000 distinct phrases some 180,000 times while they are built: kept,
# a first identification takes 2 CPU s instead of 5 (and `index_store` keeps them between commands).
_NORMALISED: dict[str, str] = {}
_NORMALISED_MAX = 1 << 17


def normalise(text: str) -> str:
    """Upper case, compatibility forms folded, punctuation reduced so spellings of one mark agree.

    `COLT'S PT. F.A. MFG. CO.` → `COLTS PT FA MFG CO`; `7,62×39` → `7.62X39`; `CAL.45` → `CAL 45`;
    `U.S.` → `US`; CJK characters become separate words so `56式` can match `56 式`; `٢٧` → `27`;
    `⊕`, `NATO cross`, `+ in a circle` → `NATO CROSS`; `ژ۳` → `G3`; `二六厂` → `26厂`;
    an illegible gap `[..]` splits the words it stands in.
    """
    found = _NORMALISED.get(text)
    if found is None:
        found = _normalise(text)
        if len(_NORMALISED) < _NORMALISED_MAX:
            _NORMALISED[text] = found
    return found


def _normalise(text: str) -> str:
    if (
        "l" not in text
        and _PLAIN_LETTERS.fullmatch(text)
        # letters whose capital is a letter and a combining mark (ǰ → J̌, ẖ, ẗ, ẘ, ẙ) take the full rules
        and (upper := text.upper()).replace(" ", "").isalpha()
        and "NATO" not in upper
        and "CROSS" not in upper
        and unicodedata.is_normalized("NFKC", text)
    ):
        return " ".join(_fold_latin(upper).split())  # what the rules below give such words, without running them
    return _normalise_full(text)


def normalised() -> dict[str, str]:
    """The texts ``normalise`` has answered, with their answers (the live memo, not a copy)."""
    return _NORMALISED


def forget_normalised() -> None:
    """Answer every text again by the rules (a word the segmenter learnt splits runs differently)."""
    _NORMALISED.clear()


on_register(forget_normalised)  # a Thai, Lao, Burmese or Khmer word learnt splits runs differently


def _normalise_full(text: str) -> str:
    if "+" in text or "CROSS" in (upper := text.upper()) or "NATO" in upper:
        text = NATO_WORDS.sub(" NATO CROSS ", text)
    latin = text.isascii()
    if not latin:  # other scripts' digits, 五六式, the NATO symbol, Arabic and Persian spellings
        if UNSPACED.search(text):  # Thai, Lao, Burmese, Khmer: known words spaced apart (unspaced.py, identZ2)
            text = segment(text)
        text = _chinese_designation_digits(text.translate(_DIGITS))
        text = _NATO_SYMBOL.sub(" NATO CROSS ", text)
        if "식" in text or "형" in text:
            text = _KOREAN_TYPE.sub(lambda m: "式" if m.group(0).strip() == "식" else "型", text)
        if "\u0d4d" in text:  # Malayalam written before the atomic chillu letters (Unicode 5.1)
            text = old_chillu(text)
        if _ARABIC_LETTER.search(text):
            text = _PERSIAN_G.sub("G", text)
            text = _ARABIC_NAME.sub(lambda m: f" {_ARABIC_LATIN[m.group(1)]} ", text)
        # M16, M4, G3, MPT-76 with the initials' letter names before the number (إم 16, ایم ۱۴, एम16, エム16)
        text = spell_letter_names(text)
    text = GAP.sub(" ", text)
    if "l" in text:
        text = _LOWER_L.sub(lambda m: m.group(0).replace("l", "I"), text)
    text = _fold_latin(unicodedata.normalize("NFKC", text.replace("№", " NO ")).upper())
    text = _TIMES.sub("X", text)
    text = _MILLIMETRE.sub(r"\1MM", text)  # `٦٠ مم`, `۶۰ میلیمتری`, `7,62 мм`: millimetres in other scripts
    text = _DECIMAL_COMMA.sub(".", text)
    text = _ELISION.sub(r"\1 ", text)
    text = _APOSTROPHE.sub("", text)
    text = _SN.sub(" SN ", text)
    previous = None
    while previous != text:
        previous = text
        text = _ABBREV_DOT.sub(r"\1", text)
    text = _LETTER_DOT_DIGIT.sub(" ", text)
    text = _LEADING_DOT.sub("", text)
    text = _OTHER.sub(" ", text)
    text = _TIMES.sub("X", text)  # again: punctuation gone may leave `0X 0` (`0X{0`), which a second pass would join
    text = text.replace("&", " & ")
    text = _CJK.sub(r" \1 ", text)
    return " ".join(text.split())


def compact(words: list[str] | tuple[str, ...] | str) -> str:
    """The lookup key of a phrase: its normalised words joined without spaces (`AK 47` = `AK47`)."""
    if isinstance(words, str):
        words = normalise(words).split()
    return "".join(words)


def tokenise(text: str) -> list[Token]:
    """Tokens of a whole transcription, each knowing its line."""
    tokens: list[Token] = []
    for line_no, line in enumerate(split_lines(text)):
        for word in normalise(line).split():
            tokens.append(Token(word, line_no, len(tokens), word))
    return tokens


@dataclass(frozen=True)
class Hit:
    """A phrase of the marking that matched a key of a PhraseIndex: tokens [start, end)."""

    start: int
    end: int
    key: str
    text: str  # the normalised words matched
    payloads: tuple[Any, ...]  # rows of the table the index was built from

    def overlaps(self, other: Hit) -> bool:
        return self.start < other.end and other.start < self.end

    def inside(self, other: Hit) -> bool:
        return other.start <= self.start and self.end <= other.end


# Persian and Arabic spell the same letters two ways (ی/ي/ى, ک/ك: `روسيه` in a Persian text typed on an Arabic
# keyboard, Egyptian `روسى`): phrases are compared with one form of each.
_ARABIC_FOLD = str.maketrans({"\u06cc": "\u064a", "\u0649": "\u064a", "\u06a9": "\u0643"})


def fold_key(key: str) -> str:
    """A phrase key with one form of each letter Persian and Arabic spell two ways."""
    return key if key.isascii() else key.translate(_ARABIC_FOLD)


class PhraseIndex:
    """Phrases (normalised, compared without spaces) → payloads; finds them on token boundaries only.

    Token-aligned windows are what keeps `US` from matching inside `RUSSIA`, and the space-free key
    is what lets `AK-47`, `AK 47` and `AK47` agree.
    """

    def __init__(self, max_words: int = 8) -> None:
        self._keys: dict[str, list[Any]] = {}
        self.max_words = 1
        self._cap = max_words
        # windows longer than this are only tried over one-character tokens (CJK: a token per character), so a
        # long Japanese name does not make every Latin text pay for windows no Latin phrase fills
        self._max_words_latin = 1

    def add(self, phrase: str, payload: object, min_chars: int = 2) -> None:
        words = normalise(phrase).split()
        key = fold_key("".join(words))
        if len(key) < min_chars or not words:
            return
        bucket = self._keys.setdefault(key, [])
        if payload not in bucket:
            bucket.append(payload)
        self.max_words = min(self._cap, max(self.max_words, len(words) + 2))
        if any(len(w) > 1 for w in words):
            self._max_words_latin = min(self._cap, max(self._max_words_latin, len(words) + 2))

    def get(self, phrase: str) -> tuple[Any, ...]:
        return tuple(self._keys.get(fold_key(compact(phrase)), ()))

    def phrases(self) -> list[str]:
        return list(self._keys)

    def scan(self, tokens: list[Token], words: list[str] | None = None) -> list[Hit]:
        """Every window of tokens on one line whose joined words are a key (overlaps included)."""
        given = words if words is not None else [t.text for t in tokens]
        words = [fold_key(w) for w in given]
        hits: list[Hit] = []
        n = len(tokens)
        for start in range(n):
            key = ""
            for end in range(start + 1, min(n, start + self.max_words) + 1):
                if tokens[end - 1].line != tokens[start].line:
                    break
                if end - start > self._max_words_latin and len(words[end - 1]) > 1:
                    break
                key += words[end - 1]
                found = self._keys.get(key)
                if found:
                    hits.append(Hit(start, end, key, " ".join(given[start:end]), tuple(found)))
        return hits


def longest(hits: list[Hit]) -> list[Hit]:
    """Non-overlapping hits, longest (in characters) first, then leftmost."""
    chosen: list[Hit] = []
    taken: set[int] = set()  # the tokens of the hits chosen: a long text's hundreds of hits, each checked in its span
    for hit in sorted(hits, key=lambda h: (-len(h.key), -(h.end - h.start), h.start)):
        span = range(hit.start, hit.end)
        if not (any(hit.overlaps(c) for c in chosen) if not span else any(k in taken for k in span)):
            chosen.append(hit)
            taken.update(span)
    return sorted(chosen, key=lambda h: h.start)


def full_year(yy: int) -> int:
    """A two-digit year of a mark in full: this century's while that is not after this year, else the last's (a stamp
    cannot be dated in the future: `29` is 1929 until 2029)."""
    this = dt.date.today().year
    return 2000 + yy if 2000 + yy <= this else 1900 + yy
