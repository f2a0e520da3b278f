"""The local names of craft guns that belong to one country's speech: a `katta` is an Indian workshop's gun, a
`klosasa` a Ghanaian blacksmith's, a `paltik` a Filipino one. Named without a place, such a word is itself where
the gun was made (a craft gun is made near where it is sold and used); a place named with it still comes first.

One line per country (`CC: WORD | WORD`, words as written, normalised when indexed), each line's source above it.
Words of several countries' speech (`hechizo`: Colombia, Mexico, Argentina; `dane gun`: all West Africa) are left
out: they say craft, not where.
"""

from __future__ import annotations

from .formats import word_table

__all__ = ["CROSS_BORDER_CRAFT_WORDS", "LOCAL_CRAFT_WORDS"]

LOCAL_CRAFT_WORDS: dict[str, str] = word_table(
    """
IN: KATTA | KATTAS | DESI KATTA | DESI KATTAS | TAMANCHA | TAMANCHAS | कट्टा | देसी कट्टा | तमंचा | तमंचे
PH: PALTIK | PALTIKS | PALTIK NA BARIL
GH: KLOSASA | TUKPUI
EG: الطفشجية | طفشجية | الطفشجي | طفشجي | TAFASHGI | TAFASHGIA | فرد خرطوش | الفرد الخرطوش
TH: ปืนไทยประดิษฐ์ | ไทยประดิษฐ์ | ปืนประดิษฐ์
"""
)
# Sources, by line: IN: "Known locally as Kattas or tamanchas, these crude handmade pistols" (Gun Policy News N680,
# https://www.gunpolicy.org/firearms/citation/news/680) and "Tamanchas (also known as desi katta, a locally made
# gun)" (Mint, https://www.livemint.com/Politics/49glAPNZcuYLvTMI6L4tiK/Uttar-Pradesh-the-land-of-la-tamancha.html);
# PH: https://en.wikipedia.org/wiki/Paltik; GH: "pistols (locally known by their nicknames 'Klosasa' or 'Tukpui')",
# Small Arms Survey, Ghana craft production, Volta region
# (https://9dok.net/article/mapping-ghanaian-craft-production-volta-region-kpando-atome.y4wr54e5); EG: the
# `طفشجي`, the Egyptian craftsman who turns a gun's small parts (https://atharmasr.blogspot.com/2015/03/blog-post_6.html)
# and the `فرد خرطوش`, the workshops' shotgun pistol (https://www.masress.com/gom/1402031902); TH: `ปืนไทยประดิษฐ์`
# ("Thai-invented gun"), the Thai police's and press's name for a home-made gun
# (https://th.wikipedia.org/wiki/ปืนไทยประดิษฐ์).
# The words above said across borders: `katta` and `tamancha` are Hindi-Urdu, said in Pakistan as in
# India ("Rawalpindi police recovered a 30 bore tamancha"); `فرد خرطوش` is Arabic, said in Gaza as in Egypt. Alone
# they give no country, only a weak alternative; the others are one country's speech (Tagalog, Ewe, Thai,
# Egyptian Arabic's `طفشجي`).
CROSS_BORDER_CRAFT_WORDS = frozenset(
    {"KATTA", "KATTAS", "DESI KATTA", "DESI KATTAS", "TAMANCHA", "TAMANCHAS", "कट्टा", "देसी कट्टा", "तमंचा", "तमंचे"}
    | {"فرد خرطوش", "الفرد الخرطوش"}
)
