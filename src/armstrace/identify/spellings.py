"""Names as people write them: a maker's, a design's or a nation's name with a letter slipped (`BERRETA`, `GLOK`,
`RUSSAIN`, `ISREALI`), doubled or undoubled (`WESON`, `SAUERR`), or in another language's transliteration of a
Russian name (`DEGTIAREV`, `DEGTJAREV`, `IJMASH`, `KALACHNIKOV`, `MAKAROF`), read back as the name of the tables.

Each word is compared in a loose form that folds the spellings one sound has (doubled letters, `CK`/`K`, `PH`/`F`,
`SH`/`SCH`/`SZ`/`CH`, `ZH`/`J`/`Y`, `W`/`V`, a final `-OF`/`-OFF` for `-OV`), then by optimal string alignment
(one substitution, insertion, deletion or swap of two neighbours is one slip): a word of four letters or more is
read as a name only when their loose forms agree (four-letter words only before a number: `GLOK 17`), seven or
more with one slip, ten or more with two, and a slip only as a whole one-word maker's or nation's name with its
first letter kept. Guards: a word any table or word list holds (`POLISH`, `INDIANA`), or one of the ordinary words
found near a name (`WALTER`, `SALVAGE`), is never read as another; a word written in small letters in a text with
capitals is an ordinary word, not a name; and only a word that fits exactly one name is read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import OSA

__all__ = ["ORDINARY_NEAR_NAMES", "Spellings", "loose"]

# Spellings of one sound, longest first: German, Polish, French and English renderings of Russian letters (Ш SCH
# SZ CH SH, Ч TSCH TCH CZ CH, Ж ZH J, Й/Я/Ю Y J I, Х KH H), and the English spellings of K and F.
_FOLDS = (
    ("TSCH", "$"),
    ("SHCH", "$"),
    ("SCH", "$"),
    ("RUSSIAN", ""),  # here the French and English spellings, in a word with a Russian ending
    ("SH", "$"),
    ("SZ", "$"),
    ("ZH", "J"),
    ("KH", "H"),
    ("CK", "K"),
    ("PH", "F"),
    ("W", "V"),
    ("Y", "J"),
)
# French and English spell Ш as CH and У as OU too (KALACHNIKOV, GORIOUNOV), but in English words CH and OU are
# their own sounds (MATCHER, POUCH, LOUNGE): folded only in a word with a Russian ending
_RUSSIAN_FOLDS = (("TCH", "$"), ("CZ", "$"), ("CH", "$"), ("OU", "U"))
_RUSSIAN_ENDING = re.compile(r"(?:OV|EV|OW|EW|OF|OFF|EFF|OVA|OWA|EVA|EWA)$")
_VOWEL_AFTER_I = re.compile(r"(?<=[^AEIOU])I(?=[AEOU])")  # DEGTIAREV: I before a vowel is the Russian Я's J
_RUSSIAN_F = re.compile(r"(?<=[OE])F+$")  # MAKAROF, KALASHNIKOFF: the -ОВ ending in French and English
_DOUBLED = re.compile(r"(.)\1+")

# Ordinary words of English, French, Spanish and German one slip or one spelling from a name of the tables (a
# maker's, a design's, a nation's), found by reading the project's own texts: in capitals on a marking or at the head
# of a sentence they would otherwise be read as the name.
ORDINARY_NEAR_NAMES = frozenset(
    {"STUDIES", "SALVAGE", "PELICAN", "MALTESE", "GERMANIC", "CARACAS", "PERSANE", "CREATES", "CREATE", "AUSLAND"}
    | {"COLONIA", "COLOGNE", "MEXICALI", "KENDALI", "FINISH", "MAPPED", "DENSE", "SPANS", "ALWAYS", "WALTER"}
    | {"PRUSSIAN", "PRUSSIA", "INDIANA", "STATUS", "RANDOM", "TRENCH", "BAYONET", "RANKING", "GARRISON"}
)


def loose(word: str) -> str:
    """A word's loose form: the spellings of one sound folded, doubled letters single (`DEGTIAREV`, `DEGTJAREV` and
    `DEGTYAREV` → `DEGTJAREV`; `BERRETA` and `BERETTA` → `BERETA`; `GLOK` and `GLOCK` → `GLOK`)."""
    w = word.upper()
    russian = bool(_RUSSIAN_ENDING.search(w))
    w = _RUSSIAN_F.sub("V", w)
    w = _VOWEL_AFTER_I.sub("J", w)
    for spelt, sound in _FOLDS:
        if spelt != "RUSSIAN":
            w = w.replace(spelt, sound)
        elif russian:
            for r_spelt, r_sound in _RUSSIAN_FOLDS:
                w = w.replace(r_spelt, r_sound)
    return _DOUBLED.sub(r"\1", w)


def _plain(word: str) -> str:
    """A word with doubled letters single: what a slip is counted on (`RUSSAIN` is one swap from `RUSSIAN`)."""
    return _DOUBLED.sub(r"\1", word)


def _limit(length: int) -> int:
    """Slips a word of this many letters may have and still be read as a name: seven
    letters for one, as six-letter English words are one slip from a name too often (RANDOM: Radom; TRENCH: French;
    ENDIAN: Indian), ten for two."""
    return 2 if length >= 10 else 1 if length >= 7 else 0


def _letters(word: str) -> bool:
    return word.isascii() and word.isalpha()


def _index(phrases: Iterable[str], form: Callable[[str], str]) -> dict[str, str]:
    """A form of each word of the phrases (four letters or more) → the one word of that form, "" when two names
    share it (KALASHNIKOV and KALASCHNIKOW are one name, and the first is kept)."""
    out: dict[str, str] = {}
    words = dict.fromkeys(w for phrase in phrases for w in phrase.split() if len(w) >= 4 and _letters(w))
    for word in words:
        key = form(word)
        if not _same_name(out.setdefault(key, word), word):
            out[key] = ""
    return out


@dataclass
class Spellings:
    """The names of the tables a slipped or otherwise spelt word may be read as, and every word the tables and
    word lists know (never read as another)."""

    known: frozenset[str]
    by_loose: dict[str, str]  # loose form → the one name word (makers', designs', nations') of that form
    by_plain: dict[str, str]  # doubled letters single → the one maker's or nation's word: what a slip is read as
    by_length: dict[int, list[str]] = field(default_factory=dict)  # `by_plain` keys by length
    _memo: dict[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, names: Iterable[str], slip_names: Iterable[str], known: Iterable[str]) -> Spellings:
        """Phrases in capitals, without accents. `names`: every name a word spelt otherwise may be read as;
        `slip_names`: those a slip may be read as (makers' and nations' one-word names: a design's name is too often
        an ordinary word, PATTERN, TARGET, MARKER); `known`: every phrase a table or word list holds."""
        names, slip_names = list(names), list(slip_names)
        known_words = {w for phrase in (*known, *names) for w in phrase.split()} | ORDINARY_NEAR_NAMES
        by_plain = _index(slip_names, _plain)
        by_length: dict[int, list[str]] = {}
        for key in by_plain:
            by_length.setdefault(len(key), []).append(key)
        return cls(frozenset(known_words), _index(names, loose), by_plain, by_length)

    def read(self, word: str) -> str:
        """The one name `word` is a slip or another spelling of, or "" (a known word, a digit, too short, no name
        near it, or several names equally near)."""
        if word in self._memo:
            return self._memo[word]
        found = self._read(word)
        if len(self._memo) < 50_000:
            self._memo[word] = found
        return found

    def _read(self, word: str) -> str:
        if len(word) < 4 or not _letters(word) or word in self.known:
            return ""
        if (key := loose(word)) in self.by_loose:
            return self.by_loose[key]
        plain = _plain(word)
        limit = _limit(len(word))
        if not limit:
            return ""
        near = [k for size in range(len(plain) - limit, len(plain) + limit + 1) for k in self.by_length.get(size, ())]
        found = process.extract(plain, near, scorer=OSA.distance, score_cutoff=limit, limit=3)
        if not found:
            return ""
        found = [f for f in found if f[0][0] == plain[0]]  # a name's first letter is the one least often slipped
        if not found:
            return ""
        best = min(f[1] for f in found)
        names = {self.by_plain[f[0]] for f in found if f[1] == best}
        return names.pop() if len(names) == 1 and "" not in names else ""

    def mend(self, words: list[str], text: str) -> list[str]:
        """The words with each slipped name read as the name (`BERRETA 92` → `BERETTA 92`). In a text with capitals
        and small letters, a word written only in small letters there is an ordinary word and stays; a word of four
        letters is read only before a number, as a design's name (`GLOK 17`: PUSH, ROOK are no Puch, Rock)."""
        small: set[str] = set()
        if text.upper() != text and text.lower() != text:
            written = _WORD.findall(text)
            small = {w.upper() for w in written if w[0].islower()} - {w.upper() for w in written if w[0].isupper()}
        out = []
        for i, word in enumerate(words):
            short = len(word) == 4 and not any(ch.isdigit() for ch in "".join(words[i + 1 : i + 2]))
            out.append(word if word in small or short else self.read(word) or word)
        return out


_WORD = re.compile(r"[^\W\d_]+")


def _same_name(a: str, b: str) -> bool:
    """True when two table words are one name in two renderings (KALASHNIKOV, KALASCHNIKOW)."""
    return a == b or (loose(a) == loose(b) and a[:3] == b[:3])
