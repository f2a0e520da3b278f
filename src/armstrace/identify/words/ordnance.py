"""The words that make an item ordnance (grenades, rockets, mortar bombs, fuzes, mines, missiles, bombs and
submunitions, launchers) in the languages the engine reads, and the words naming each ordnance type.

The type words come in two parts, as `kinds.WEAPON_TYPE_WORDS` reads them: the first words of each type
(`ORDNANCE_TYPE_WORDS`), which the languages' type words follow, then those the ordnance passes added
(`MORE_ORDNANCE_TYPE_WORDS`).
"""

from __future__ import annotations

from ..type_words import SHELL_WORDS
from .formats import word_set

__all__ = ["MINE_NOUNS", "MORE_ORDNANCE_TYPE_WORDS", "ORDNANCE_TYPE_WORDS", "ORDNANCE_WORDS", "SHELL_PHRASES"]

# Munitions that are not small-arms cartridges (rockets, grenades, mortar bombs, fuzes, mines, missiles):
# the `ordnance` kind. Bulk explosives, charges and detonators stay `explosive`.
ORDNANCE_WORDS = word_set(
    "GRENADE GRENADES FUZE FUZES LANDMINE LANDMINES CLAYMORE WARHEAD HEDP FRAG "
    "FRAGMENTATION MORTAR ROCKET ROCKETS MISSILE MISSILES ATGM MANPADS RPG RECOILLESS "
    "ГРАНАТА ГРАНАТЫ МИНА ВЗРЫВАТЕЛЬ ЗАПАЛ РАКЕТА ВЫСТРЕЛ 手榴弹 火箭弹 迫击炮弹 引信 地雷 导弹 قذيفة صاروخ "
    "قنبلة نارنجک موشک خمپاره هاون لغم مین راکت"
)
# Words naming each ordnance type, keyed by the `weapon_type` values of models.csv (normalised, upper case).
ORDNANCE_TYPE_WORDS: dict[str, tuple[str, ...]] = {
    "launcher": ("LAUNCHER", "ROCKET LAUNCHER", "GRENADE LAUNCHER", "ГРАНАТОМЕТ", "ГРАНАТОМЁТ", "火箭筒", "榴弹发射器"),
    "grenade": ("GRENADE", "HAND GRENADE", "RIFLE GRENADE", "ГРАНАТА", "手榴弹", "枪榴弹", "نارنجک", "قنبلة يدوية"),
    "mortar": ("MORTAR", "МИНОМЕТ", "МИНОМЁТ", "迫击炮", "هاون", "خمپاره"),
    "mortar_bomb": ("MORTAR BOMB", "MORTAR ROUND", "MORTAR SHELL", "MORTAR BOMBS", "МИНА", "迫击炮弹"),
    "rocket": ("ROCKET", "ROCKETS", "RPG ROUND", "HEAT ROCKET", "РЕАКТИВНАЯ ГРАНАТА", "ВЫСТРЕЛ", "火箭弹", "صاروخ"),
    "missile": ("MISSILE", "MISSILES", "ATGM", "MANPADS", "РАКЕТА", "ПТУР", "导弹", "موشک"),
    "fuze": ("FUZE", "FUZES", "FUSE", "ВЗРЫВАТЕЛЬ", "ЗАПАЛ", "引信"),
    "mine": (
        "LANDMINE",
        "LAND MINE",
        "ANTI PERSONNEL MINE",
        "ANTIPERSONNEL MINE",
        "ANTI TANK MINE",
        "AT MINE",
        "AP MINE",
        "地雷",
    ),
    "recoilless": ("RECOILLESS", "RECOILLESS RIFLE", "RECOILLESS GUN", "RCL"),
}
# Serbian, Croatian and Bosnian ordnance words in Latin script, accents off (`ručni bacač` → RUCNI BACAC): RBR is
# the hand rocket launcher (`RBR M79 Osa`), a minobacač a mortar, a ručna bomba a hand grenade, a tromblon a rifle
# grenade, a raketa a rocket
ORDNANCE_TYPE_WORDS["launcher"] += ("BACAC", "RUCNI BACAC", "RBR", "BACAC RAKETA")
ORDNANCE_TYPE_WORDS["mortar"] += ("MINOBACAC",)
ORDNANCE_TYPE_WORDS["mortar_bomb"] += ("MINOBACACKA MINA", "MINOBACACKE MINE")
ORDNANCE_TYPE_WORDS["grenade"] += ("RUCNA BOMBA", "TROMBLON", "TROMBLONSKA MINA")
ORDNANCE_TYPE_WORDS["rocket"] += ("RAKETA", "RAKETE")
ORDNANCE_WORDS = ORDNANCE_WORDS | word_set("BACAC MINOBACAC TROMBLON RAKETA RAKETE RBR")
# Korean (North and South): grenade, mortar
for _kind, _korean in (
    ("grenade", ("수류탄",)),
    ("mortar", ("박격포",)),
):
    ORDNANCE_TYPE_WORDS[_kind] += _korean

# --- ordnance (identG, issue 14): kind words for mines, cluster munitions, MANPADS, riot-control munitions, grenades
# and launchers (ORDNANCE_WORDS are compared as normalised: accents folded), so that an ordnance word outranks the
# firearm default (the phrases of manufacture this pass added are in `manufacture` and `demonyms`).
# Sources: the English Wiktionary translation tables of https://en.wiktionary.org/wiki/landmine,
# https://en.wiktionary.org/wiki/cluster_bomb,
# https://en.wiktionary.org/wiki/tear_gas, https://en.wiktionary.org/wiki/submunition, and the ordnance articles of
# each language's Wikipedia (https://pl.wikipedia.org/wiki/Mina_przeciwpiechotna,
# https://it.wikipedia.org/wiki/Mina_antiuomo, https://pt.wikipedia.org/wiki/G%C3%A1s_lacrimog%C3%AAneo,
# https://ru.wikipedia.org/wiki/%D0%9A%D0%B0%D1%81%D1%81%D0%B5%D1%82%D0%BD%D0%B0%D1%8F_%D0%B1%D0%BE%D0%BC%D0%B1%D0%B0).
# A grenade launcher (under-barrel, stand-alone or automatic) is ordnance, as docs/identify.md's kind vocabulary says:
# its words are launcher words, and a rifle named with it keeps the rifle a firearm (its accessory).
MORE_ORDNANCE_TYPE_WORDS: dict[str, tuple[str, ...]] = {}
MORE_ORDNANCE_TYPE_WORDS["mine"] = (
    "BLAST MINE",
    "BOUNDING MINE",
    "FRAGMENTATION MINE",
    "DIRECTIONAL MINE",
    "SCATTERABLE MINE",
    "BUTTERFLY MINE",
    "BOX MINE",
    "STAKE MINE",
    "BAR MINE",
    "ANTI VEHICLE MINE",
    "ANTIVEHICLE MINE",
    "ANTITANK MINE",
    "PRACTICE MINE",
    "TRAINING MINE",
    "MINE FUZE",
    "MINA PRZECIWPIECHOTNA",
    "MINA PRZECIWPANCERNA",
    "MINY PRZECIWPIECHOTNE",
    "MINA ANTIUOMO",
    "MINA ANTICARRO",
    "MINE ANTIUOMO",
    "MINA ANTIPERSONAL",
    "MINA ANTITANQUE",
    "MINA ANTIPESSOAL",
    "MINA TERRESTRE",
    "MINE ANTIPERSONNEL",
    "MINE ANTICHAR",
    "MINE TERRESTRE",
    "PROTIPĚCHOTNÍ MINA",
    "PROTITANKOVÁ MINA",
    "PROTIPJEŠADNA MINA",
    "PROTUOKLOPNA MINA",
    "ПРОТИВОПЕХОТНАЯ МИНА",
    "ПРОТИВОТАНКОВАЯ МИНА",
    "ПРОТИВОПЕХОТНЫЕ МИНЫ",
    "ПРОТИВПЕШАДИЈСКА МИНА",
    "ПРОТИВТЕНКОВСКА МИНА",
    "SCHÜTZENMINE",
    "PANZERMINE",
    "TRETMINE",
    "GYALOGSÁGI AKNA",
)
MORE_ORDNANCE_TYPE_WORDS["bomb"] = (
    "CLUSTER BOMB",
    "CLUSTER BOMBS",
    "CLUSTER MUNITION",
    "CLUSTER MUNITIONS",
    "AIRCRAFT BOMB",
    "AERIAL BOMB",
    "AIR DROPPED BOMB",
    "GENERAL PURPOSE BOMB",
    "BOMB CASSETTE",
    "КАССЕТНАЯ БОМБА",
    "КАССЕТНАЯ АВИАБОМБА",
    "АВИАБОМБА",
    "АВИАЦИОННАЯ БОМБА",
    "BOMBA KASETOWA",
    "BOMBA LOTNICZA",
    "BOMBA A GRAPPOLO",
    "BOMBA DE RACIMO",
    "BOMBA DE FRAGMENTAÇÃO",
    "BOMBA CLUSTER",
    "BOMBE À SOUS MUNITIONS",
    "STREUBOMBE",
    "KAZETTÁS BOMBA",
    "قنبلة عنقودية",
    "القنابل العنقودية",
)
MORE_ORDNANCE_TYPE_WORDS["submunition"] = (
    "SUBMUNITION",
    "SUBMUNITIONS",
    "BOMBLET",
    "BOMBLETS",
    "DPICM",
    "CLUSTER BOMBLET",
    "СУББОЕПРИПАС",
    "СУББОЕПРИПАСЫ",
    "SUBAMUNICJA",
    "SUBMUNIZIONE",
    "SUBMUNIZIONI",
    "SUBMUNICIÓN",
    "SUBMUNIÇÃO",
    "SOUS MUNITION",
    "SOUS MUNITIONS",
    "SUBMUNITION GRENADE",
    "ذخيرة صغيرة",
)
MORE_ORDNANCE_TYPE_WORDS["missile"] = (
    "SURFACE TO AIR MISSILE",
    "ANTI AIRCRAFT MISSILE",
    "ПЗРК",
    "ЗЕНИТНАЯ РАКЕТА",
    "PRZECIWLOTNICZY ZESTAW RAKIETOWY",
    "ZESTAW RAKIETOWY",
    "LÉGVÉDELMI RAKÉTA",
    "VÁLLRÓL INDÍTHATÓ",
    "MISSILE SOL AIR",
    "MISSILE ANTIAEREO",
    "MÍSSIL ANTIAÉREO",
    "MISIL ANTIAEREO",
)
MORE_ORDNANCE_TYPE_WORDS["launcher"] = (
    "UNDER BARREL GRENADE LAUNCHER",
    "UNDERBARREL GRENADE LAUNCHER",
    "UNDERSLUNG GRENADE LAUNCHER",
    "UBGL",
    "UGL",
    "AUTOMATIC GRENADE LAUNCHER",
    "AGL",
    "PODSTAWOWY GRANATNIK",
    "GRANATNIK PODLUFOWY",
    "LANCIAGRANATE SOTTOCANNA",
    "LANÇA GRANADAS",
    "ПОДСТВОЛЬНЫЙ ГРАНАТОМЁТ",
    "ПОДСТВОЛЬНЫЙ ГРАНАТОМЕТ",
    "GRÁNÁTVETŐ",
)
MORE_ORDNANCE_TYPE_WORDS["grenade"] = (
    "TEAR GAS",
    "TEAR GAS CANISTER",
    "TEAR GAS SHELL",
    "TEARGAS",
    "CS GAS",
    "CS CANISTER",
    "CS GRENADE",
    "OC GRENADE",
    "OC CANISTER",
    "GAS CANISTER",
    "GAS GRENADE",
    "LACHRYMATORY",
    "PRACTICE GRENADE",
    "TRAINING GRENADE",
    "ANTI TANK GRENADE",
    "GRANAT RĘCZNY",
    "GRANAT",
    "GRANATU",
    "GRANATA",
    "GRANADA",
    "GRANADAS",
    "GRANATE",
    "GRÁNÁT",
    "LACRIMOGÊNEO",
    "LACRIMOGÊNIO",
    "LACRIMÓGENO",
    "LACRIMOGENO",
    "LACRIMOGENA",
    "LACRYMOGÈNE",
    "GAS LACRIMÓGENO",
    "GÁS LACRIMOGÊNEO",
    "GAZ ŁZAWIĄCY",
    "ŁZAWIĄCY",
    "TRÄNENGAS",
    "СЛЕЗОТОЧИВЫЙ",
    "СЛЕЗОТОЧИВЫЙ ГАЗ",
    "غاز مسيل للدموع",
    "قنبلة غاز",
)
MORE_ORDNANCE_TYPE_WORDS["fuze"] = ("ZAPALNIK", "SPOLETTA", "ESPOLETA", "FUSÉE")
MORE_ORDNANCE_TYPE_WORDS["rocket"] = ("RAKIETA", "RAKIETY", "RAZZO")
# identO: fuzes and primer tubes (an artillery primer tube is ordnance): German, Serbo-Croatian, Bulgarian, Romanian,
# Arabic and Persian fuze words (https://de.wikipedia.org/wiki/Zünder, https://sh.wikipedia.org/wiki/Upaljač), the
# Russian primer tube (капсюльная втулка, https://ru.wikipedia.org/wiki/Капсюльная_втулка).
MORE_ORDNANCE_TYPE_WORDS["fuze"] += (
    "ZÜNDER",
    "AUFSCHLAGZÜNDER",
    "ZEITZÜNDER",
    "ABSTANDSZÜNDER",
    "ZÜNDSCHRAUBE",
    "UPALJAČ",
    "УПАЉАЧ",
    "ВЗРИВАТЕЛ",
    "ПІДРИВНИК",
    "FOCOS",
    "صمامة",
    "ماسوره",
    "PRIMER TUBE",
    "КАПСЮЛЬНАЯ ВТУЛКА",
    "КАПСЮЛЬ ВТУЛКА",
)
ORDNANCE_WORDS = ORDNANCE_WORDS | word_set(
    "BOMBLET BOMBLETS SUBMUNITION SUBMUNITIONS DPICM UBGL MINA MINY МИНЫ GRANAT GRANATU GRANATA GRANATY GRANADA "
    "GRANADAS TEARGAS LACHRYMATORY LACRIMOGENO LACRIMOGENA LACRIMOGENEO LACRYMOGENE TRANENGAS "
    "ZAPALNIK SPOLETTA ESPOLETA RAKIETA RAKIETY СУББОЕПРИПАС ПЗРК"
)
# The nouns of a mine: a packaging word right before one describes the mine's own case (`PMD-6 wooden box mine`,
# `box-type mine`), not a box the item was packed in.
MINE_NOUNS = frozenset({"MINE", "MINES", "MINA", "MINY", "МИНА", "МИНЫ", "LANDMINE", "LANDMINES"})
# identC (issue 14): artillery and tank shells, which are ordnance, in Russian, Ukrainian, Serbian, French, German
# and Vietnamese (https://ru.wikipedia.org/wiki/Артиллерийский_снаряд, https://fr.wikipedia.org/wiki/Obus,
# https://de.wikipedia.org/wiki/Haubitze, https://vi.wikipedia.org/wiki/%C4%90%E1%BA%A1n_ph%C3%A1o): not the German
# Geschoss or Spanish proyectil, which are bullets too.
ORDNANCE_WORDS = ORDNANCE_WORDS | word_set(
    "СНАРЯД СНАРЯДА СНАРЯДЫ СНАРЯДОВ СНАРЯДІВ ОБУС OBUS ARTILLERIEGESCHOSS ARTILLERIEGRANATE HAUBITZE"
)
# the shells of the breadth pass's languages (`type_words`: βλήμα, снарад, ჭურვი, sviedinys)
ORDNANCE_WORDS = ORDNANCE_WORDS | SHELL_WORDS
# An artillery, tank or aircraft shell or bomb named by a phrase of its own (no one weapon type): Chinese and Japanese,
# simplified and traditional (炮弹/炮彈/砲彈/砲弾, the aerial bomb 航弹/航彈, the illuminating round 照明弹/照明彈,
# https://wikipedia2007.classicistranieri.com/ja/%E7%A0%B2/%E5%BC%BE/_/%E7%A0%B2%E5%BC%BE.html: a round of 20 mm or
# more), the Turkish artillery round (top mermisi,
# http://www.geliboluyuanlamak.com/748_canakkale-mustahkem-mevkiiye-bagli-top-mermisi-cesitleri-bayram-akgun.html) and
# the Persian cannon's round (گلوله توپ, https://fa.wikipedia.org/wiki/%D8%AA%D9%88%D9%BE_(%D8%AC%D9%86%DA%AF%E2%80%8C%D8%A7%D9%81%D8%B2%D8%A7%D8%B1)).
# Their 弹/彈 or mermi would otherwise read as a small-arms cartridge's.
SHELL_PHRASES = (
    "炮弹", "炮彈", "砲弹", "砲彈", "砲弾", "航弹", "航彈", "照明弹", "照明彈", "迫擊炮彈", "迫擊砲彈",
    "迫击砲弹", "榴弹", "榴彈", "榴弾", "TOP MERMISI", "TOP MERMILERI", "گلوله توپ", "گلوله های توپ", "گلوله خمپاره",
)  # fmt: skip
# The Arabic plural of قذيفة (shell): https://en.wiktionary.org/wiki/%D9%82%D8%B0%D9%8A%D9%81%D8%A9 (citation to be
# checked)
ORDNANCE_WORDS = ORDNANCE_WORDS | word_set("قذائف")
