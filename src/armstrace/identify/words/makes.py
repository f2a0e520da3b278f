"""What a maker row's notes say the plant makes (`small-arms ammunition`, `artillery shells, TNT`), read as the
kinds of item it turns out: an arsenal or military factory named alone is no evidence of a gun when its own row
says it fills shells or loads cartridges.
"""

from __future__ import annotations

import functools
import re

__all__ = ["note_kinds"]

# Phrases of the notes column, by kind, as the rows write them (lower case, English). A firearm's words are looked
# for after the ammunition phrases are taken out (`small-arms ammunition` is a cartridge plant's, not a gun's).
_AMMUNITION = r"small[- ]arms? ammunition|ammunition|cartridges?|headstamps?|cases? heads?"
_ORDNANCE = r"shells?|rockets?|mortar bombs?|mortars?|grenades?|missiles?|fuzes?|fuses?|mines?|bombs?|artillery"
_EXPLOSIVE = r"explosives?|tnt|propellants?|powders?|detonators?"
_FIREARM = r"rifles?|pistols?|guns?|carbines?|revolvers?|firearms?|small arms|small-arms|machine guns?"
# `weapons` names no kind: alone it is read as guns, beside ammunition or shells (`the army's weapons and ammunition`)
# it is returned as itself, an unnamed kind that keeps the reading open.
_WEAPONS = r"weapons"


@functools.lru_cache(maxsize=4096)
def note_kinds(notes: str) -> frozenset[str]:
    """The kinds a maker's notes say it makes: `firearm`, `ammunition`, `ordnance`, `explosive`, and `weapons` for
    arms of no named kind beside another kind (none when the notes name no product)."""
    text = notes.lower()
    found: set[str] = set()
    for kind, pattern in (("ammunition", _AMMUNITION), ("ordnance", _ORDNANCE), ("explosive", _EXPLOSIVE)):
        if re.search(rf"\b(?:{pattern})\b", text):
            found.add(kind)
            if kind == "ammunition":
                text = re.sub(rf"\b(?:{pattern})\b", " ", text)
    if re.search(rf"\b(?:{_FIREARM})\b", text):
        found.add("firearm")
    elif re.search(rf"\b(?:{_WEAPONS})\b", text):
        found.add("weapons" if found else "firearm")
    return frozenset(found)
