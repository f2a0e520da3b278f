"""The kind an item noun names in any of its declined or compounded forms (Russian `мину`, `миной`, Polish
`pocisku`, German `Gewehrpatronen`), read by stem and ending rather than form by form.

A word list written form by form misses most of a Slavic noun's twelve forms and every German compound; the
endings are regular, so a stem with one of its language's case endings is the noun. Each noun says one of:
`ordnance` (a shell, mortar bomb, mine, rocket or grenade, or an adjective only ordnance takes: `artyleryjski`,
`минометный`), `ammunition` (a cartridge, its case or its bullet), `projectile` (a word for both a bullet and a
shell, as Polish `pocisk`, Spanish `proyectil`, Turkish `mermi`: its qualifier or a bore of 20 mm or more decides)
or `dud` (unexploded ordnance: `niewybuch`, `Blindgänger`, 不発弾).

Sources: the forms of гильза in Zaliznyak's grammatical dictionary
(https://xn--80aeiahiwlcn5a1e.xn--p1ai/%D0%B3/%D0%B3%D0%B8%D0%BB%D1%8C%D0%B7%D0%B0), the Bulgarian гилза
(https://rbe.chitanka.info/?q=%D0%93%D0%98%D0%9B%D0%97%D0%90), снаряд (https://www.verborus.com/word/cannonball),
the Polish niewybuch, pocisk and pociski (https://pl.m.wikipedia.org/wiki/Niewybuch,
https://sierakowice.pl/strona-235-niewypaly_niewybuchy.html), the German Blindgänger
(https://www.wikizero.org/wiki/de/Blindg%C3%A4nger), the Japanese 不発弾 (https://www.weblio.jp/content/%E4%B8%8D%E7%99%BA%E5%BC%BE)
and 銃弾, a gun's bullet as against 砲弾, a cannon's (https://dictionary.goo.ne.jp/thsrs/7788/meaning/m0u/%E7%A0%B2%E4%B8%B8/),
the Turkish mermi, "what is thrown" (https://www.nisanyansozluk.com/?k=mersi). The other stems (мина, міна, пуля,
куля, łuska, the adjectives) and every case ending follow the languages' declension tables (citation to be checked).
"""

from __future__ import annotations

import functools

from .text import normalise

__all__ = ["CJK_NOUNS", "noun_kinds", "word_kind"]

# Case endings (upper case, accents folded as `normalise` folds them); "" is the bare nominative.
_RU_FEM = ("А", "У", "Ы", "Е", "ОЙ", "ОЮ", "АМ", "АМИ", "АХ")  # мина, ракета, граната, гильза
_RU_FEM_SOFT = ("Я", "Ю", "И", "Е", "ЕЙ", "ЕЮ", "ЯМ", "ЯМИ", "ЯХ")  # пуля
_UK_FEM = ("А", "У", "И", "І", "ОЮ", "АМ", "АМИ", "АХ")  # міна, ракета, гільза
_UK_FEM_SOFT = ("Я", "Ю", "І", "ЕЮ", "ЯМ", "ЯМИ", "ЯХ")  # куля
_BG_FEM = ("А", "И", "АТА", "ИТЕ")  # гилза, мина
_RU_MASC = ("", "А", "У", "Е", "ОМ", "Ы", "ОВ", "АМ", "АМИ", "АХ")  # снаряд, патрон
_UK_MASC = ("", "А", "У", "І", "ОМ", "И", "ІВ", "АМ", "АМИ", "АХ")  # снаряд, патрон
_RU_ADJ = ("ЫЙ", "ИЙ", "АЯ", "ОЕ", "ОГО", "ОЙ", "ОМУ", "УЮ", "ЫМ", "ОМ", "ЫЕ", "ЫХ", "ЫМИ", "ИЕ", "ИХ", "ИМИ")
_UK_ADJ = ("ИЙ", "А", "Е", "ОГО", "ІЙ", "ОМУ", "У", "ОЮ", "ИМ", "ІМ", "І", "ИХ", "ИМИ")
_BG_ADJ = ("И", "А", "О", "ИЯ", "ИЯТ", "АТА", "ОТО", "ИТЕ")
_SR_ADJ = ("А", "И", "Е", "О", "ОГ", "ОМ", "У", "ИХ", "ИМ", "ИМА")
_PL_MASC = ("", "U", "I", "OW", "OM", "AMI", "ACH", "IEM", "A")  # pocisk, pocisku, pociski, pocisków
_PL_FEM = ("A", "I", "E", "Ę", "Ą", "OM", "AMI", "ACH")  # łuska, łuski, łuskę
_PL_ADJ = ("I", "A", "E", "IEGO", "IEJ", "IM", "IEMU", "Ą", "ICH", "IMI", "Y", "EGO", "EJ", "YM", "YCH", "YMI")
_CS_ADJ = ("Y", "A", "E", "EHO", "EMU", "EM", "YM", "YCH", "YMI", "OU", "I")
_TR = ("", "SI", "LER", "LERI", "LERİ", "Sİ")

_STEMS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    # Russian
    ("МИН", "ordnance", _RU_FEM),
    ("СНАРЯД", "ordnance", _RU_MASC),
    ("РАКЕТ", "ordnance", _RU_FEM),
    ("ГРАНАТ", "ordnance", _RU_FEM),
    ("МИНОМЕТН", "ordnance", _RU_ADJ),
    ("МИНОМЁТН", "ordnance", _RU_ADJ),
    ("АРТИЛЛЕРИЙСК", "ordnance", _RU_ADJ),
    ("ГИЛЬЗ", "ammunition", _RU_FEM),
    ("ПУЛ", "ammunition", _RU_FEM_SOFT),
    ("ПАТРОН", "ammunition", _RU_MASC),
    # Ukrainian
    ("МІН", "ordnance", _UK_FEM),
    ("СНАРЯД", "ordnance", _UK_MASC),
    ("РАКЕТ", "ordnance", _UK_FEM),
    ("ГРАНАТ", "ordnance", _UK_FEM),
    ("МІНОМЕТН", "ordnance", _UK_ADJ),
    ("АРТИЛЕРІЙСЬК", "ordnance", _UK_ADJ),
    ("ГІЛЬЗ", "ammunition", _UK_FEM),
    ("КУЛ", "ammunition", _UK_FEM_SOFT),
    # Bulgarian and Serbian (Cyrillic)
    ("ГИЛЗ", "ammunition", _BG_FEM),
    ("МИН", "ordnance", _BG_FEM),
    ("АРТИЛЕРИЙСК", "ordnance", _BG_ADJ),
    ("МИНОХВЪРГАЧН", "ordnance", _BG_ADJ),
    ("АРТИЉЕРИЈСК", "ordnance", _SR_ADJ),
    ("МИНОБАЦАЧК", "ordnance", _SR_ADJ),
    # Polish, Czech, Serbian and Croatian (Latin)
    ("POCISK", "projectile", _PL_MASC),
    ("POCISK", "projectile", ("OW",)),
    ("ARTYLERYJSK", "ordnance", _PL_ADJ),
    ("MOZDZIERZOW", "ordnance", _PL_ADJ),
    ("CZOLGOW", "ordnance", _PL_ADJ),
    ("LUSK", "ammunition", _PL_FEM),
    ("NIEWYBUCH", "dud", _PL_MASC),
    ("DELOSTRELECK", "ordnance", _CS_ADJ),
    ("MINOMETN", "ordnance", _CS_ADJ),
    ("ARTILJERIJSK", "ordnance", _SR_ADJ),
    ("MINOBACACK", "ordnance", _SR_ADJ),
    # Turkish: mermi is a bullet and a shell (its qualifier decides); havan (mortar) and top (cannon) qualify it
    ("MERMI", "projectile", _TR),
    ("ROKET", "ordnance", ("", "I", "LER", "LERI")),
)
# German compounds end with their head noun: `Mörsergranate`, `Panzergranate`, `Gewehrpatronen`, `Patronenhülsen`
_GERMAN_HEADS: tuple[tuple[str, str], ...] = (
    ("GRANATE", "ordnance"),
    ("GRANATEN", "ordnance"),
    ("PATRONE", "ammunition"),
    ("PATRONEN", "ammunition"),
    ("HULSE", "ammunition"),
    ("HULSEN", "ammunition"),
    ("BLINDGANGER", "dud"),
)
_STEMS += (("BLINDGANGER", "dud", ("", "N")),)
# Phrases of other languages read word by word (the folded forms the scan gives)
_PHRASES: tuple[tuple[str, str], ...] = (
    ("TANK SHELL", "ordnance"),
    ("TANK SHELLS", "ordnance"),
    ("TANK ROUND", "ordnance"),
    ("TANK ROUNDS", "ordnance"),
    ("TANK GUN", "ordnance"),
    ("CARTRIDGE CASE", "ammunition"),
    ("CARTRIDGE CASES", "ammunition"),
    ("TOPU MERMISI", "ordnance"),
    ("HAVAN MERMISI", "ordnance"),
    ("UNEXPLODED", "dud"),
    ("SIN EXPLOTAR", "dud"),
    ("NON EXPLOSE", "dud"),
    ("NAO EXPLODIDO", "dud"),
    ("INESPLOSO", "dud"),
    ("INESPLOSA", "dud"),
)
# Japanese and Chinese nouns read character by character: the unexploded shell 不発弾/未爆弹, the bullet 銃弾
CJK_NOUNS: tuple[tuple[str, str], ...] = (("不発弾", "dud"), ("未爆弹", "dud"), ("銃弾", "ammunition"))
# ... and the live cartridge 実包 and ammunition 弾薬 (https://en.wiktionary.org/wiki/%E5%AE%9F%E5%8C%85,
# https://en.wiktionary.org/wiki/%E5%BC%BE%E8%96%AC)
CJK_NOUNS += (("実包", "ammunition"), ("弾薬", "ammunition"))


@functools.lru_cache(maxsize=1)
def _forms() -> dict[str, str]:
    forms: dict[str, str] = {}
    for stem, kind, endings in _STEMS:
        for e in endings:
            forms.setdefault(normalise(stem + e), kind)
    return forms


@functools.lru_cache(maxsize=1)
def _phrases() -> tuple[tuple[str, str], ...]:
    return tuple((f" {normalise(p)} ", k) for p, k in _PHRASES)


def word_kind(word: str) -> str:
    """The kind one word names by its stem or compound head, else ''."""
    kind = _forms().get(word, "")
    if kind or len(word) < 9:
        return kind
    return next((k for head, k in _GERMAN_HEADS if word.endswith(head) and len(word) > len(head) + 2), "")


def noun_kinds(words: list[str] | tuple[str, ...], text: str = "") -> dict[str, list[int]]:
    """Each kind the words name → the indexes of the words naming it (a phrase's first word)."""
    out: dict[str, list[int]] = {}
    for i, w in enumerate(words):
        if kind := word_kind(w):
            out.setdefault(kind, []).append(i)
    joined = " " + " ".join(words) + " "
    for phrase, kind in _phrases():
        at = joined.find(phrase)
        if at >= 0:
            out.setdefault(kind, []).append(joined[:at].count(" "))
    for noun, kind in CJK_NOUNS:
        at = text.find(noun)
        if at >= 0:
            chars = list(noun)
            for i in range(len(words) - len(chars) + 1):
                if list(words[i : i + len(chars)]) == chars:
                    out.setdefault(kind, []).append(i)
                    break
    return out
