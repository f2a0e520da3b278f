"""A Latin name written in Arabic, Persian or Devanagari letters (`«مصاف»` = Masaf, `شركة كاراكال` = Caracal,
`«بازالت»` = Bazalt, `कंपनी टिसास` = TISAS), read by its consonants: the spelling of a foreign name in those scripts
keeps the name's consonants and drops or changes its vowels, so both spellings reduce to one skeleton (M-S-F,
K-R-K-L, B-Z-L-T).

A table of spellings per name (`script_names.csv`) covers the names someone listed; the skeleton reads any one-word
name of the tables. It is read only where the text names something: inside quotation marks or guillemets, or right
after a word for a company, model or make (شركة, طراز, ماركة, نوع). Devanagari (`कंपनी टिसास` = TISAS,
`ज़िगाना पिस्टल`, after कंपनी or before a weapon noun) writes its vowels: stripped of them, everyday Hindi words take
a name's skeleton (`कंपनी मालिक`, the company's owner, is no Malyuk), so a Devanagari word is read only when its
vowels agree with the name's too, in five letters or more. A skeleton of fewer than three consonants, or one that
several names of the tables share, reads nothing; a two-consonant one only a name spelt alike, vowels and all.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

from rapidfuzz.distance import Levenshtein

__all__ = ["prime_skeletons", "skeleton", "spell_arabic_names"]

# Arabic and Persian letters by consonant class; long vowels, weak consonants and the glottal stop are dropped,
# as the vowels, Y, W, V and H are on the Latin side
_ARABIC_CLASS = {
    **dict.fromkeys("بپ", "B"),
    **dict.fromkeys("تط", "T"),
    **dict.fromkeys("ثسصش", "S"),
    **dict.fromkeys("دض", "D"),
    **dict.fromkeys("ذزظژ", "Z"),
    "ر": "R",
    "ل": "L",
    "م": "M",
    "ن": "N",
    "ف": "F",
    **dict.fromkeys("قكکخچ", "K"),
    **dict.fromkeys("غجگ", "G"),
}
# Devanagari consonants by the same classes (a dot below, nukta, makes ज़ Z and फ़ F); vowel signs, य, व and ह dropped
_DEVANAGARI_CLASS = {
    **dict.fromkeys("कखक़ख़", "K"),
    **dict.fromkeys("गघजझग़", "G"),
    "ज़": "Z",
    **dict.fromkeys("टठतथ", "T"),
    **dict.fromkeys("डढदधड़ढ़", "D"),
    **dict.fromkeys("नणञङ", "N"),
    **dict.fromkeys("पबभ", "B"),
    **dict.fromkeys("फफ़", "F"),
    "म": "M",
    "र": "R",
    "ल": "L",
    **dict.fromkeys("शषस", "S"),
}
_DEVANAGARI_WORD = re.compile(r"[\u0900-\u097f]+")
_DEVANAGARI_VOWELS = {**dict.fromkeys("अआा", "A"), **dict.fromkeys("इईिी", "I"), **dict.fromkeys("उऊुू", "U")}
_DEVANAGARI_VOWELS |= {**dict.fromkeys("एऐेै", "I"), **dict.fromkeys("ओऔोौ", "U")}
# Hindi: a name after कंपनी (company) or before a weapon noun (`ज़िगाना पिस्टल`)
_DEVANAGARI_NAME = re.compile(
    r"(?:(?:कंपनी|कम्पनी)\s+([\u0900-\u097f]+))|(?:([\u0900-\u097f]+)\s+(?:\S+\s+)?(?:पिस्टल|पिस्तौल|राइफल|बंदूक|रिवॉल्वर))"
)
_LATIN_DIGRAPHS = (("SH", "S"), ("KH", "K"), ("CH", "K"), ("GH", "G"), ("TH", "T"), ("PH", "F"), ("CK", "K"))
_LATIN_CLASS = {**dict.fromkeys("BP", "B"), **dict.fromkeys("CKQ", "K"), **dict.fromkeys("GJ", "G"), "X": "KS"}
_LATIN_DROPPED = frozenset("AEIOUYWVH")
_ARABIC_WORD = re.compile(r"[\u0621-\u064a\u0671-\u06d3]+")
# where a name stands: in quotes or guillemets, or after a word for a company, model, make or type
_QUOTED = re.compile(r"[«\"“”„]\s*([\u0621-\u064a\u0671-\u06d3]+)\s*[»\"“”]")
_AFTER_NOUN = re.compile(r"(?:شركة|شرکت|طراز|ماركة|مارکة|نوع|مدل|ماركه)\s+([\u0621-\u064a\u0671-\u06d3]+)")


def _devanagari(word: str, vowels: bool) -> str:
    """The classes of a Devanagari word's letters (a consonant with its nukta read together)."""
    word = unicodedata.normalize("NFC", word)
    out = []
    for i, ch in enumerate(word):
        if ch == "\u093c":
            continue  # the nukta, read with the consonant before it
        pair = ch + "\u093c" if i + 1 < len(word) and word[i + 1] == "\u093c" else ch
        out.append(
            _DEVANAGARI_CLASS.get(pair)
            or _DEVANAGARI_CLASS.get(ch)
            or (_DEVANAGARI_VOWELS.get(ch, "") if vowels else "")
        )
    return re.sub(r"(.)\1+", r"\1", "".join(out))


def skeleton(word: str) -> str:
    """The consonant skeleton of a Latin, Arabic-script or Devanagari word (`Caracal` and `كاراكال` → `KRKL`)."""
    if _DEVANAGARI_WORD.fullmatch(word):
        return _devanagari(word, vowels=False)
    if _ARABIC_WORD.fullmatch(word):
        if word.startswith("ال") and len(word) > 4:
            word = word[2:]  # the article
        return "".join(_ARABIC_CLASS.get(ch, "") for ch in word)
    upper = word.upper()
    for digraph, letter in _LATIN_DIGRAPHS:
        upper = upper.replace(digraph, letter)
    out = "".join(_LATIN_CLASS.get(ch, ch) for ch in upper if ch.isalpha() and ch not in _LATIN_DROPPED)
    return re.sub(r"(.)\1+", r"\1", out)  # a doubled letter is one consonant (Bazzalt, Negevv)


_ARABIC_VOWELS = {**dict.fromkeys("اآأإ", "A"), "و": "U", **dict.fromkeys("يیى", "I")}
_LATIN_VOWELS = {"E": "I", "O": "U", "Y": "I", "W": "U", "V": "U"}


def _rough(word: str) -> str:
    """The word with its vowels kept roughly (a, i, u) and its consonants by class: what tells apart two names of
    one skeleton (`كاراكال` is KARAKAL, nearer Caracal than Kırıkkale)."""
    if _DEVANAGARI_WORD.fullmatch(word):
        return _devanagari(word, vowels=True)
    if _ARABIC_WORD.fullmatch(word):
        if word.startswith("ال") and len(word) > 4:
            word = word[2:]
        return "".join(_ARABIC_VOWELS.get(ch) or _ARABIC_CLASS.get(ch, "") for ch in word)
    upper = word.upper()
    for digraph, letter in _LATIN_DIGRAPHS:
        upper = upper.replace(digraph, letter)
    out = "".join(_LATIN_VOWELS.get(ch) or _LATIN_CLASS.get(ch, ch) for ch in upper if ch.isalpha() and ch != "H")
    return re.sub(r"(.)\1+", r"\1", out)


def _nearest(word: str, found: frozenset[str]) -> str:
    """The one name of a shared skeleton nearest the word's rough spelling, by a clear margin; else ""."""
    rough = _rough(word)
    ranked = sorted((Levenshtein.distance(rough, _rough(n)), n) for n in found)
    best = ranked[0]
    if best[0] > max(1, len(rough) // 3) or (len(ranked) > 1 and ranked[1][0] - best[0] < 2):
        return ""
    return best[1]


@functools.lru_cache(maxsize=4)
def _names(ref: Any) -> dict[str, frozenset[str]]:
    """Skeleton → the one-word Latin names (models' and makers' names and aliases) that have it."""
    out: dict[str, set[str]] = {}
    for m in ref.models:
        for name in (m.model, *m.aliases):
            _add(out, name)
    for row in ref.manufacturers:
        for name in (row.name, *row.aliases, *row.variants):
            _add(out, name)
    return {k: frozenset(v) for k, v in out.items()}


def prime_skeletons(ref: Any) -> None:
    """Build the skeleton index at start-up, so that no marking pays for it."""
    _names(ref)


def _add(out: dict[str, set[str]], name: str) -> None:
    name = name.strip()
    if name.isascii() and name.isalpha() and len(name) >= 4:
        key = skeleton(name)
        if len(key) >= 2:
            out.setdefault(key, set()).add(name.upper())


def spell_arabic_names(text: str, ref: Any) -> tuple[str, list[tuple[str, str]]]:
    """The text with each Arabic-script name in a naming position that reads as exactly one Latin name of the
    tables written in Latin letters beside it, and the (Arabic, Latin) pairs read."""
    if not _ARABIC_WORD.search(text) and not _DEVANAGARI_WORD.search(text):
        return text, []
    names = _names(ref)
    read: list[tuple[str, str]] = []
    for pattern in (_QUOTED, _AFTER_NOUN, _DEVANAGARI_NAME):
        for m in pattern.finditer(text):
            word = next(g for g in m.groups() if g)
            key = skeleton(word)
            found = names.get(key, frozenset()) if len(key) >= 2 else frozenset()
            if pattern is _DEVANAGARI_NAME:
                # Devanagari writes its vowels: a name is read only when they agree too, in five letters or more
                # (`टिसास` is TISAS; `कंपनी मालिक`, the company's owner, is no Malyuk)
                found = frozenset(n for n in found if _rough(n) == _rough(word) and len(_rough(n)) >= 5)
            elif len(key) == 2:  # two consonants (TISAS): only a name spelt the same, vowels and all, of five letters
                found = frozenset(n for n in found if _rough(n) == _rough(word) and len(_rough(n)) >= 5)
            latin = _nearest(word, found) if found else ""
            if latin and (word, latin) not in read:
                read.append((word, latin))
    for word, latin in read:
        text = re.sub(
            rf"(?<![\u0600-\u06ff\u0900-\u097f]){re.escape(word)}(?![\u0600-\u06ff\u0900-\u097f])", f" {latin} ", text
        )
    return text, read
