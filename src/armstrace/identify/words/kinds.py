"""The words naming each weapon type (`WEAPON_TYPE_WORDS`, keyed by the `weapon_type` values of models.csv), put
together from the firearm, ordnance, ammunition and explosive lists and the languages' type words, and the country
a type word of a one-country language hints at.
"""

from __future__ import annotations

from ..languages import LANGUAGE_TYPE_WORDS
from .ammunition import CARTRIDGE_TYPE_WORDS
from .explosives import EXPLOSIVE_TYPE_WORDS
from .firearms import FIREARM_TYPE_WORDS
from .ordnance import MORE_ORDNANCE_TYPE_WORDS, ORDNANCE_TYPE_WORDS

__all__ = ["LANGUAGE_COUNTRY_WORDS", "WEAPON_TYPE_WORDS"]

# Words naming a weapon type, keyed by the `weapon_type` values of models.csv (normalised, upper case): each type's
# first words, then the languages' words for it, then the words the ordnance and explosive passes added (the order
# of the words is the order they are read in).
WEAPON_TYPE_WORDS: dict[str, tuple[str, ...]] = {
    **FIREARM_TYPE_WORDS,
    **ORDNANCE_TYPE_WORDS,
    "cartridge": CARTRIDGE_TYPE_WORDS,
}
for _kind, _code, _word in LANGUAGE_TYPE_WORDS:
    if _kind != "firearm":  # `firearm`: a gun of no type said (拳銃 is a pistol, 銃 only a gun)
        WEAPON_TYPE_WORDS[_kind] = (*WEAPON_TYPE_WORDS.get(_kind, ()), _word)  # `bomb`: the ordnance pass's type
for _kind, _more in (MORE_ORDNANCE_TYPE_WORDS | EXPLOSIVE_TYPE_WORDS).items():
    WEAPON_TYPE_WORDS[_kind] = WEAPON_TYPE_WORDS.get(_kind, ()) + _more
# A type word of a language spoken in one country: that country, as weak evidence as its script (Hungarian
# gépkarabély → HU); none for the languages of several countries.
LANGUAGE_COUNTRY_WORDS: dict[str, str] = {word: code for _kind, code, word in LANGUAGE_TYPE_WORDS if code != "--"}
