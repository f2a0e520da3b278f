"""The words that make an item ammunition: cartridges, rounds, bullets, cartridge cases and their heads (the
headstamp's context), in the languages recoveries are described in, and the cartridge type's words.
"""

from __future__ import annotations

from .formats import word_set

__all__ = ["AMMO_WORDS", "CARTRIDGE_TYPE_WORDS", "CASE_HEAD_WORDS", "FIREARM_CONTEXT_AMMO_WORDS", "WEAK_AMMO_WORDS"]

# CTG / CARTRIDGE alone are not enough: revolver barrels are marked ".38 SPECIAL CTG".
WEAK_AMMO_WORDS = word_set("CTG CTGS CARTRIDGE CARTRIDGES CART")
AMMO_WORDS = word_set(
    "BALL TRACER ROUNDS RDS AMMUNITION AMMO HEADSTAMP BULLET BULLETS "
    "PRIMER LINKED CLIPS ПАТРОН ПАТРОНЫ ПАТРОНОВ ЛПС ПС БЗ Т45 弹 枪弹 "
    "MUNIZIONI MUNIZIONE CARTUCCE CARTUCCIA BOSSOLO BOSSOLI MUNITION MUNITIONS CARTOUCHE CARTOUCHES MUNICION "
    "MUNICIONES CARTUCHO CARTUCHOS MUNITIONEN PATRONE PATRONEN HÜLSE BODENSTEMPEL БОЕПРИПАСЫ ГИЛЬЗА "
    # Arabic and Persian: cartridge, round, ammunition (فشنگ, طلقة, ذخيرة, مهمات)
    "فشنگ فشنگهای طلقة طلقات ذخيرة ذخائر خرطوش مهمات"
)
# Words for a cartridge case and its head in the languages recoveries are described in (identN): without one, a code
# and year written beside them (`на донце гильзы 270 и 88`, `marquage du culot : 539 84`) were read in no ammunition
# context, so no headstamp was read at all. `CASE` and `SHELL` are left out (a carrying case, an artillery shell).
CASE_HEAD_WORDS = word_set(
    "CASING CASINGS HEADSTAMPED HEADSTAMPS ГИЛЬЗЫ ГИЛЬЗ ГИЛЬЗЕ ГИЛЬЗАХ ДОНЦЕ ДОНЫШКО ГІЛЬЗА ГІЛЬЗИ "
    "HULSE HULSEN HULSENBODEN HUELSENBODEN BODENPRAGUNG CULOT CULOTS DOUILLE DOUILLES CULOTE VAINA VAINAS "
    "CASQUILLO CASQUILLOS FONDELLO FONDELLI ESTOJO ESTOJOS LUSKA LUSKI CAURA CAURE ЧАУРА ЧАУРЕ KOVAN KOVANI پوکه 壳 "
    # Czech and Slovak nábojnice, Indonesian and Malay selongsong, Japanese 薬莢 (read character by character)
    "NABOJNICE NABOJNICA NABOJNIC SELONGSONG 莢"
)
AMMO_WORDS = AMMO_WORDS | CASE_HEAD_WORDS
# The bullet in Spanish, Portuguese and French, the word reports use for the cartridges themselves (`balas de 7,62
# mm`, `balles à blanc`): https://kaikki.org/dictionary/Portuguese/meaning/b/ba/bala.html,
# https://www.armes-ufa.com/spip.php?article2261
AMMO_WORDS = AMMO_WORDS | word_set("BALA BALAS BALLE BALLES")
# The ammunition words a gun's own description uses too ("fed all rounds, from 9x18 ball to hollow points"):
# with a weapon type named and no headstamp code, they do not make the item ammunition.
FIREARM_CONTEXT_AMMO_WORDS = word_set("BALL TRACER ROUNDS RDS BULLET BULLETS PRIMER LINKED CLIPS")
# Words naming the cartridge type (`weapon_type` cartridge).
CARTRIDGE_TYPE_WORDS: tuple[str, ...] = (
    "CARTRIDGE",
    "CARTRIDGES",
    "BALL",
    "ROUND",
    "ROUNDS",
    "AMMUNITION",
    "HEADSTAMP",
    "ПАТРОН",
    "枪弹",
)
