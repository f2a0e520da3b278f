"""The word lists of marking identification: country names, demonyms, gunmaking towns, "made in"
phrases, and the words that say what kind of item a marking is on.

Kept apart from the engine so that the lists can grow without touching the logic. Country tables are
written one country per line (`CC: WORD | WORD …`, words as marked, normalised when indexed; `formats`).
One concept per module: `countries` (country names, CLDR's merged last), `demonyms`, `manufacture` ("made in"
words), `places` (gunmaking towns, craft centres, place-of-recovery words), `users` (user and owner cues),
`copies` (copy and design-family cues), `crafts` (one country's local names of craft guns),
`names` (names that are also ordinary words, persons' names),
`labels` (serial, year, month and packaging words), and the kinds of item: `firearms`, `ammunition`,
`ordnance`, `explosives`, and `kinds` (the words of each weapon type, all put together).
"""

from __future__ import annotations

from ..languages import LANGUAGE_TYPE_WORDS
from ..unspaced import register
from .ammunition import AMMO_WORDS, CASE_HEAD_WORDS, FIREARM_CONTEXT_AMMO_WORDS, WEAK_AMMO_WORDS
from .copies import COPY_AFTER, COPY_BEFORE, COPY_VERBS, DESIGN_TYPE_WORDS
from .countries import CLDR_COUNTRY_WORDS, COUNTRY_WORDS
from .crafts import CROSS_BORDER_CRAFT_WORDS, LOCAL_CRAFT_WORDS
from .demonyms import DEMONYMS
from .explosives import BULK_EXPLOSIVE_WORDS, EXPLOSIVE_WORDS, PROPELLANT_PHRASES
from .firearms import FIREARM_WORDS
from .kinds import LANGUAGE_COUNTRY_WORDS, WEAPON_TYPE_WORDS
from .labels import MONTHS, PACKAGING_FOR, PACKAGING_WORDS, SERIAL_LABELS, YEAR_LABELS
from .manufacture import (
    MADE_AFTER,
    MADE_IN,
    MADE_IN_COUNTRY,
    MADE_OPENS,
    MADE_POSTPOSITIONS,
    MADE_WITH_CASE,
    made_with_case,
)
from .names import (
    DESIGNER_GIVEN_NAMES,
    GENERIC_MAKER_WORDS,
    NAME_OPENERS,
    ORDINARY_WORD_NAMES,
    PERSONAL_NAMES,
    PERSONAL_TITLES,
    WORD_DESIGNATION_NAMES,
    WORD_DESIGNATIONS,
)
from .ordnance import MINE_NOUNS, ORDNANCE_WORDS, SHELL_PHRASES
from .origins import GENERATED_PLACE_FORMS, HOMOGRAPH_FORMS
from .places import CRAFT_CENTRES, GUNMAKING_PLACES, PLACE_WORDS, WORKSHOP_TOWNS
from .users import AGENCY_FILLERS, USER_AFTER, USER_BEFORE, USER_CUES, USER_OF

__all__ = [
    "AGENCY_FILLERS",
    "AMMO_WORDS",
    "BULK_EXPLOSIVE_WORDS",
    "CASE_HEAD_WORDS",
    "CLDR_COUNTRY_WORDS",
    "COPY_AFTER",
    "COPY_BEFORE",
    "COPY_VERBS",
    "COUNTRY_WORDS",
    "CRAFT_CENTRES",
    "CROSS_BORDER_CRAFT_WORDS",
    "DEMONYMS",
    "DESIGNER_GIVEN_NAMES",
    "DESIGN_TYPE_WORDS",
    "EXPLOSIVE_WORDS",
    "FIREARM_CONTEXT_AMMO_WORDS",
    "FIREARM_WORDS",
    "GENERATED_PLACE_FORMS",
    "GENERIC_MAKER_WORDS",
    "GUNMAKING_PLACES",
    "HOMOGRAPH_FORMS",
    "LANGUAGE_COUNTRY_WORDS",
    "LANGUAGE_TYPE_WORDS",
    "LOCAL_CRAFT_WORDS",
    "MADE_AFTER",
    "MADE_IN",
    "MADE_IN_COUNTRY",
    "MADE_OPENS",
    "MADE_POSTPOSITIONS",
    "MADE_WITH_CASE",
    "MINE_NOUNS",
    "MONTHS",
    "NAME_OPENERS",
    "ORDINARY_WORD_NAMES",
    "ORDNANCE_WORDS",
    "PACKAGING_FOR",
    "PACKAGING_WORDS",
    "PERSONAL_NAMES",
    "PERSONAL_TITLES",
    "PLACE_WORDS",
    "PROPELLANT_PHRASES",
    "SERIAL_LABELS",
    "SHELL_PHRASES",
    "USER_AFTER",
    "USER_BEFORE",
    "USER_CUES",
    "USER_OF",
    "WEAK_AMMO_WORDS",
    "WEAPON_TYPE_WORDS",
    "WORD_DESIGNATIONS",
    "WORD_DESIGNATION_NAMES",
    "WORKSHOP_TOWNS",
    "YEAR_LABELS",
    "made_with_case",
]

# The words of the tables written in scripts without spaces (Thai, Lao, Burmese, Khmer) are the segmenter's
# dictionary: `ปืนไทยประดิษฐ์` is read as `ปืน ไทย ประดิษฐ์` (unspaced.py).
register(
    [w for _k, _c, w in LANGUAGE_TYPE_WORDS]
    + list(COUNTRY_WORDS)
    + list(DEMONYMS)
    + list(MADE_IN)
    + list(MADE_IN_COUNTRY)
    + list(LOCAL_CRAFT_WORDS)
)
