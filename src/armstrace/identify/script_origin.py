"""The weakest country hints: the script and the language of the weapon-type words, and when they say nothing
(a foreign design named in Japanese, Korean or Hindi; Korean prose describing an item).
"""

from __future__ import annotations

import functools
import re

from .design_origin import FORMER_STATES, family_makers_countries, models_by_name
from .scan import (
    Scan,
)
from .text import normalise
from .words import LANGUAGE_TYPE_WORDS

__all__ = [
    "PROSE_NOTE",
    "foreign_design",
    "korean_design",
    "korean_prose",
    "language_country",
    "language_words",
]


_DESCRIBING_SCRIPTS = frozenset({"JP", "KR", "IN"})  # kana, Hangul, Hindi: foreign names written in the script


def foreign_design(scan: Scan, model_name: str | None, code: str) -> str:
    """Why a Japanese, Korean or Hindi script or language hint says nothing of a design named in it (empty when it
    may): the design's family is made in other countries only, none of them the script's."""
    row = models_by_name(scan.ix.ref).get(model_name or "")
    if code not in _DESCRIBING_SCRIPTS or row is None or not row.family:
        return ""
    producers = family_makers_countries(scan.ix.ref).get(row.family, frozenset())
    if code in producers or FORMER_STATES.get(row.country, row.country) == code:
        return ""
    return (
        f"{code}'s script or language names {row.model}, a design of {row.family} made elsewhere only: "
        "a description, no hint at the country of manufacture"
    )


PROSE_NOTE = "Korean prose (sentence endings and particles) describes the item: its script is no hint at Korea"
# Sentence endings and particles of Korean prose (이다, 되었다, 습니다; 에서, 으로, 을/를, 은/는): stamped marks are
# nouns and designations (`K2 소총`, `대한민국`), prose is someone describing an item in Korean.
_KOREAN_ENDINGS = ("다", "니다", "에서", "으로", "에게", "를", "을", "는", "은", "된", "한")
_HANGUL_WORD = re.compile(r"[\uac00-\ud7af]{2,}")


def korean_prose(text: str) -> bool:
    """True when Hangul words carry sentence endings or particles in two places or more (one could be a noun)."""
    return sum(w.endswith(_KOREAN_ENDINGS) for w in _HANGUL_WORD.findall(text)) >= 2 or any(
        w.endswith(("었다", "였다", "이다", "했다", "습니다", "됐다")) for w in _HANGUL_WORD.findall(text)
    )


def korean_design(scan: Scan, model_name: str | None) -> bool:
    """True when the design named is one Korea's factories make (its row or one of its family's makers)."""
    row = models_by_name(scan.ix.ref).get(model_name or "")
    if row is None:
        return False
    if FORMER_STATES.get(row.country, row.country) == "KR":
        return True
    return bool(row.family) and "KR" in family_makers_countries(scan.ix.ref).get(row.family, frozenset())


_VOWELS = frozenset("AEIOUYАЕИОУЫЭЮЯЬІЇЄ")
_ARABIC_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ب")


@functools.lru_cache(maxsize=1)
def _language_index() -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    """The seventh pass's type words, normalised: {phrase: (type, country)} and {stem: (type, country)} of the
    one-word ones of five letters or more, their final vowel off (ВИНТОВКА → ВИНТОВК, finds ВИНТОВКИ)."""
    exact: dict[str, tuple[str, str]] = {}
    stems: dict[str, tuple[str, str]] = {}
    for kind, code, word in LANGUAGE_TYPE_WORDS:
        key = normalise(word)
        exact.setdefault(key, (kind, code))
        if " " not in key and len(key) >= 5 and key.isalpha() and key.isupper():  # Latin and Cyrillic only
            stems.setdefault(key[:-1] if len(key) >= 6 and key[-1] in _VOWELS else key, (kind, code))
    return exact, stems


def language_words(words: list[str] | tuple[str, ...]) -> list[tuple[str, str, str]]:
    """The seventh pass's type words found in the words (see `_language_words`), memoised per text."""
    return list(_language_words(tuple(words)))


@functools.lru_cache(maxsize=512)
def _language_words(words: tuple[str, ...]) -> tuple[tuple[str, str, str], ...]:
    """(type, country, text) of each weapon-type word of another language in the words: whole phrases as listed
    (`SENAPAN SERBU`, `돌 격 소 총`), a one-word entry inflected (`KIVAARIN`, `ВИНТОВКИ`: up to three letters more)
    and Arabic words with the article or a clitic before them (`والبندقية`)."""
    exact, stems = _language_index()
    joined = " " + " ".join(words) + " "
    out = [(k, c, key) for key, (k, c) in exact.items() if f" {key} " in joined]
    for w in dict.fromkeys(words):  # in the text's order: the evidence names the same word in every process
        if w in exact:
            continue
        if w.isalpha() and w.isupper() and len(w) >= 5:
            stem = next((w[:n] for n in range(len(w) - 1, max(len(w) - 4, 4), -1) if w[:n] in stems), None)
            if stem is not None:
                out.append((*stems[stem], w))
        elif "\u0600" <= w[:1] <= "\u06ff":
            bare = next((w[len(p) :] for p in _ARABIC_PREFIXES if w.startswith(p) and w[len(p) :] in exact), None)
            if bare is not None:
                out.append((*exact[bare], w))
    return tuple(out)


def language_country(words: list[str] | tuple[str, ...]) -> tuple[str, str] | None:
    """The one country whose language the text's weapon-type words are in (Hungarian GÉPKARABÉLY → HU), with the
    word; None when there is none or the words are of several countries' languages. A form found inflected that
    ends in S is a Romance or English plural of the same root (`revólveres`, `munições`, `munitions`), no form of
    the one country's word (`revolveri`, `munice`, `muniție`), which add no S: it names no country."""
    exact, _stems = _language_index()
    found = [(c, t) for _k, c, t in language_words(words) if c != "--" and (t in exact or not t.endswith("S"))]
    codes = {c for c, _t in found}
    return (found[0][0], found[0][1]) if len(codes) == 1 else None
