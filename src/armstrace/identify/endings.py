"""Case endings of Slavic names: a maker or town named in a report's sentence is declined (`производства Ижевского
машиностроительного завода`, `на Тульском оружейном заводе`, `в Туле`, `продукція заводу`, `Заставе Оружја`,
`České zbrojovky`), while the tables hold the nominative as stamped. Both sides are read without their ending,
so every case of the name meets its row, in Russian, Ukrainian, Belarusian, Serbian, Macedonian and Bulgarian
(Cyrillic) and in Serbian, Croatian, Bosnian, Slovene, Czech, Slovak and Polish (Latin).

Endings are stripped, not generated: a declension table per language would have to tell adjectives from nouns
and genders apart; the longest ending off each word gives one stem to every case of it. A word whose stem would
be under three letters is left whole, and a name of one word needs a longer stem (`FORTE` is no case of `FORT`),
so abbreviations (`ТОЗ`, `ИК`) and short ordinary words are never declined.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .text import normalise

__all__ = [
    "ARABIC_LETTER",
    "LATIN_SLAVIC_COUNTRIES",
    "PLACE_PREPOSITIONS",
    "bare_arabic",
    "east_slavic",
    "stem",
    "stem_keys",
    "stems",
    "unarticled",
]

# Russian, Ukrainian and Belarusian adjective and noun endings; Serbian and Macedonian ones (-ог, -ој, -има);
# the Bulgarian article (-ът, -ия, -ият, -ата, -ото, -ите). Upper case: the phrase index compares normalised words.
_RUSSIAN = str.split("ОГО ЕГО ОМУ ЕМУ ЫМИ ИМИ ЫЙ ИЙ ОЙ ЕЙ АЯ ЯЯ ОЕ ЕЕ УЮ ЮЮ ЫМ ИМ ОМ ЕМ ЫХ ИХ ЫЕ ИЕ ОЮ ЕЮ")
_UKRAINIAN = str.split("ІЙ ОЇ ЄЇ ІМ ІХ ІЄ Ї І Є")
_SERBIAN = str.split("ОГ ОГА ОМЕ ОЈ ЕЈ ИМА АМА ЕГ")
_BULGARIAN = str.split("ИЯТ ИЯ ИТЕ АТА ОТО ЪТ ЯТ")
_NOUNS = str.split("ОВ ЕВ АМ ЯМ АМИ ЯМИ АХ ЯХ ИЕМ ИИ ИЮ ЬЮ ЬЯ А Я У Ю Е О Ы И")
_CYRILLIC_ENDINGS = tuple(sorted({*_RUSSIAN, *_UKRAINIAN, *_SERBIAN, *_BULGARIAN, *_NOUNS}, key=len, reverse=True))
# Serbian, Croatian, Bosnian, Slovene, Czech, Slovak and Polish, after accents are folded (ČESKÉ → CESKE)
_LATIN = str.split("OGA OMU EMU IMA AMA EHO YCH ICH ACH AMI EGO OM EM OG OJ IH IM OU YM OW EJ IE A E I O U Y")
_LATIN_ENDINGS = tuple(sorted(set(_LATIN), key=len, reverse=True))
#: countries whose languages write their makers' names in Latin letters and decline them
LATIN_SLAVIC_COUNTRIES = frozenset({"RS", "HR", "BA", "ME", "SI", "CZ", "SK", "PL"})

# A town's name declined alone is read as the town only after a preposition of place or origin (`в Туле`, `из
# Барнаула`, `u Kragujevcu`, `z Radomia`, `в г. Туле`): a word that merely begins like a town (`біля Луганське`, the
# village Luhanske, is no case of Luhansk) is left alone.
PLACE_PREPOSITIONS = frozenset(str.split("В ВО У НА ИЗ ІЗ З ЗІ ОД ОТ ВЪВ Г U IZ OD V VE W WE Z ZE NA"))

_MIN_STEM = 3  # a shorter stem would merge unrelated words (ТУЛ of ТУЛА is the shortest kept)
_MIN_ALONE = 5  # a Latin name of one word: ZASTAV of ZASTAVA, never FORT of FORTE
_CYRILLIC = re.compile("[\u0400-\u04ff]")


# Arabic writes its conjunctions (و and, ف so) and prepositions (ب in/by, ل for, ك as) onto the next word, and ل
# merges with the article (لل). https://en.wiktionary.org/wiki/وـ, https://en.wiktionary.org/wiki/بـ
ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3]")
_ARTICLE_CLITICS = ("وبال", "فبال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل")
_CONJUNCTIONS = ("و", "ف")
_PREPOSITIONS = ("ب", "ل")


def bare_arabic(word: str) -> str:
    """An Arabic word without the conjunction and preposition written onto it (`وبالصين` → `الصين`, `للعراق` →
    `العراق`, `وبمصر` → `مصر`, `ونورينكو` → `نورينكو`); the word itself when three letters would not remain. A word
    that only looks prefixed (`بلغاريا`, `لبنان`) keeps its reading: the bare form is only tried where the word as
    written names nothing."""
    if not ARABIC_LETTER.match(word):
        return word
    for clitic in _ARTICLE_CLITICS:
        if word.startswith(clitic) and len(word) - len(clitic) >= 3:
            return "ال" + word[len(clitic) :]
    rest = word
    if rest[:1] in _CONJUNCTIONS and len(rest) > 4:
        rest = rest[1:]
    if rest[:1] in _PREPOSITIONS and len(rest) > 4:
        rest = rest[1:]
    return rest


def unarticled(word: str) -> str:
    """An Arabic word without its article (`الكلاشنكوف` → `كلاشنكوف`), tried after the word as written and without
    its clitics: a name that keeps its article (`الجزائر`) is found with it first."""
    if word.startswith("ال") and len(word) >= 6:
        return word[2:]
    return word


# Ukrainian and Belarusian spell the stem of a Russian name with other letters: the adjective suffix -ськ-/-цьк-
# for -ск-/-цк- (`Барнаульського` of `Барнаульский`), И for Ы and І for И (`Іжевський`, `Ижевский`). A stem is
# compared with these folded, so a Russian plant named in a Ukrainian sentence meets its Russian row.
# https://en.wiktionary.org/wiki/-ський https://en.wiktionary.org/wiki/і
_EAST_SLAVIC_FOLDS = (("СЬК", "СК"), ("ЦЬК", "ЦК"), ("Ы", "И"), ("І", "И"), ("Ї", "И"))


def east_slavic(word: str) -> str:
    """A Cyrillic stem with Ukrainian and Belarusian spellings folded to the Russian ones (`БАРНАУЛЬСЬК` →
    `БАРНАУЛЬСК`, `ПАТРОННИ` and `ПАТРОННЫ` → `ПАТРОННИ`); other words unchanged."""
    if not _CYRILLIC.search(word):
        return word
    for spelt, folded in _EAST_SLAVIC_FOLDS:
        word = word.replace(spelt, folded)
    return word


def stem(word: str) -> str:
    """The word without its longest case ending (`ЗАВОДА` → `ЗАВОД`, `ТУЛЬСКОМ` → `ТУЛЬСК`, `ZASTAVE` → `ZASTAV`);
    a normalised word of letters in, the word itself when no ending leaves three letters or it has a digit. A
    Cyrillic stem has its Ukrainian and Belarusian spellings folded (`east_slavic`)."""
    if len(word) <= _MIN_STEM or not word.isalpha():
        return word
    endings = _CYRILLIC_ENDINGS if _CYRILLIC.search(word) else _LATIN_ENDINGS if word.isascii() else ()
    for end in endings:
        if word.endswith(end) and len(word) - len(end) >= _MIN_STEM:
            return east_slavic(word[: -len(end)])
    return east_slavic(word)


def stems(words: Iterable[str]) -> list[str]:
    """Each word of a marking without its ending: the words a stem index is scanned with."""
    return [stem(w) for w in words]


def stem_keys(phrase: str, latin: bool = False) -> set[str]:
    """The phrases a table phrase is found by in any case: per word its stem, and the nominative itself (`КОВРОВ`
    strips to `КОВР`, but `КОВРОВЕ` to `КОВРОВ`), words apart as the phrase index takes them.

    Cyrillic phrases always; Latin ones only when `latin` (a maker of a country in ``LATIN_SLAVIC_COUNTRIES``:
    English words are not declined). No key for a phrase with nothing to decline.
    """
    words = normalise(phrase).split()
    if not words or not (latin or any(_CYRILLIC.search(w) for w in words)):
        return set()
    options: list[set[str]] = []
    for w in words:
        s = stem(w)
        alts = {s, east_slavic(w)} if len(w) > _MIN_STEM else {w}
        if w[-1:] in {"Й", "Ь"} and len(w) > _MIN_STEM + 1:  # АНТЕЙ, АНТЕЯ: the stem is before the soft letter
            alts.add(east_slavic(w[:-1]))
        options.append(alts)
    if all(len(w) <= _MIN_STEM for w in words):
        return set()  # abbreviations and short words: nothing is declined
    keys = {""}
    for alts in options:
        keys = {f"{k} {a}".strip() for k in keys for a in alts}
    if len(words) == 1:
        short = _MIN_STEM if _CYRILLIC.search(words[0]) else _MIN_ALONE
        keys = {k for k in keys if len(k) >= short}
    return keys
