"""Names that look like a designation and are not one in this text: the start of a serial or part number (`K15
04471`), an ordinary word or a person's or place's name (`الغليل`, `Colonel Rashid`, `at 5 PM`), a city after MADE
IN, or an ordnance design in a text naming only firearms. Each guard says True when the hit should be dropped.
"""

from __future__ import annotations

import functools
import re
import weakref

from armstrace.reference import Model, Reference

from .designations import (
    ORDNANCE_TYPES,
    _family_keys,
    _family_names,
    _types_named,
    weapon_types_named,
)
from .scan import Scan
from .text import Hit
from .words import (
    BULK_EXPLOSIVE_WORDS,
    COUNTRY_WORDS,
    FIREARM_WORDS,
    MONTHS,
    ORDINARY_WORD_NAMES,
    ORDNANCE_WORDS,
    PERSONAL_TITLES,
    SERIAL_LABELS,
    WEAPON_TYPE_WORDS,
    WORD_DESIGNATION_NAMES,
    WORD_DESIGNATIONS,
)

__all__ = [
    "ordinary_word",
    "place_or_wrong_type",
    "serial_like",
    "spaced_code_alone",
    "word_alias_alone",
]


# A bare letter-and-digits designation (K15, T93, SP5, P17, M4) is also how serial and part numbers begin.
_SHORT_ALIAS = re.compile(r"^[A-Z]{1,2}\d{1,3}$")
_PART_LABELS = frozenset({"PART", "PN", "P/N", "LOT", "BATCH", "REF", "CAT", "CATALOGUE", "CATALOG", "ITEM"})
_DIGIT_RUN = re.compile(r"^\d{3,}$")


def serial_like(scan: Scan, hit: Hit, calibre_hits: list[Hit]) -> bool:
    """True when a bare letter-and-digits designation reads as the start of a serial or part number: after a
    serial or part label (`serial K15 4471`, `part no. SP5 1123`), or followed by a run of digits with no weapon
    word, maker or calibre in the text to say a design is named (`K15 04471`). `K15 light machine gun`,
    `K2 rifle`, `CAL 5.56 K2 ...` keep their design."""
    if hit.end - hit.start != 1 or not _SHORT_ALIAS.match(scan.words[hit.start]):
        return False
    line = scan.tokens[hit.start].line
    k = hit.start - 1
    if k >= 0 and scan.tokens[k].line == line and (scan.words[k] in SERIAL_LABELS or scan.words[k] in _PART_LABELS):
        # the label right before it, and not a model's own ("MODEL NO G3")
        return not (k >= 1 and scan.words[k - 1] in {"MODEL", "MOD", "TYPE"})
    nxt = hit.end
    if nxt >= len(scan.words) or scan.tokens[nxt].line != line or not _DIGIT_RUN.match(scan.words[nxt]):
        return False
    if len(scan.words[nxt]) == 4 and 1870 <= int(scan.words[nxt]) <= 2039:
        return False  # "G3 1985": a year of making after the design
    if hit.key in _family_keys(scan.ix.ref):
        return False  # G3, AK74, MP5, M16 followed by a serial: a family or a row named, a design all the same
    supported = calibre_hits or weapon_types_named(scan) or scan.find(scan.ix.makers) or scan.find(scan.ix.countries)
    return not supported


# Ordnance designations written as a letter group and a number apart (MW 1, RS 82, AB 500, 3 O 23, B 1 E, POM 1)
# or a bare number (358) are also how stamps, lot marks and serials read: such an alias names the design only with
# a word of its kind beside it (MW 1 dispenser, RS 82 rocket, POM 1 mine), as NO 1 GRENADE carries its own.
_SPACED_PART = re.compile(r"^(?:[A-Z]{1,3}|\d{1,3})$")
_KIND_SPAN = 4
_ORDNANCE_KIND_WORDS = frozenset(
    str.split(
        "BOMB BOMBS BOMBE BOMBEN DISPENSER CONTAINER CANISTER PROJECTILE PROJECTILES SHELL SHELLS WARHEAD MUNITION "
        "MUNITIONS ORDNANCE UXO FLYING SAM ZUNDER ZUENDER GRANATE GRANATEN MINE MINES MINEN CARGO ROUND ROUNDS "
        "BOMBKAPSEL ABWURFBEHALTER SPRENGBOMBE BRANDBOMBE INCENDIARY RAKETE RAKETEN LAUNCHER BOMBLET BOMBLETS "
        "HOWITZER HOWITZERS CANNON CANNONS ARTILLERY HAUBITZE KANONE OBUSIER OBUS CANON CANONES ПУШКА ГАУБИЦА "
        "مدفع مدافع"
    )
)
_BIG_BORE = re.compile(r"^(?:[2-9]\d|[1-9]\d\d)(?:MM)?$")  # 20 mm or more: a gun, rocket or bomb's bore


def _kind_words() -> frozenset[str]:
    firearms = {"pistol", "revolver", "carbine", "rifle", "machine_gun", "submachine_gun", "shotgun", "cartridge"}
    words = {w for kind, ws in WEAPON_TYPE_WORDS.items() if kind not in firearms for w in ws if " " not in w}
    return frozenset(words) | ORDNANCE_WORDS | _ORDNANCE_KIND_WORDS | _FIRING_WORDS


def spaced_code_alone(scan: Scan, hit: Hit) -> bool:
    """True when an ordnance designation written as a letter group and a number apart, or as a bare number, has no
    word of an ordnance kind within four words of it on its line (`Browning Auto-5 shotgun, 1958, MW 1 stamp`,
    `ammunition box marked RS 82 LOT 1`, `3 O 23 on the case`): a stamp or lot mark, not the design."""
    words = scan.words[hit.start : hit.end]
    numbers = [w for w in words if w.isdigit()]
    if not _ordnance_only(hit) or not numbers or not all(_SPACED_PART.match(w) for w in words):
        return False
    if len(words) == 1 and not words[0].isdigit():
        return False
    spaced = r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)"
    if len(words) > 1 and not re.search(spaced, scan.text, re.IGNORECASE):
        return False  # written as one designation (RS-82, MW-1, RGD-5): the design's own spelling
    line = scan.tokens[hit.start].line
    kinds = _KIND_WORDS
    near = [
        scan.words[j]
        for j in range(max(0, hit.start - _KIND_SPAN), min(len(scan.words), hit.end + _KIND_SPAN))
        if not hit.start <= j < hit.end and scan.tokens[j].line == line
    ]
    bores = any(
        _BIG_BORE.match(scan.words[j])
        and (scan.words[j].endswith("MM") or scan.words[j + 1 : j + 2] in (["MM"], ["ملم"]))
        for j in range(max(0, hit.start - _KIND_SPAN), min(len(scan.words), hit.end + _KIND_SPAN))
        if not hit.start <= j < hit.end and scan.tokens[j].line == line
    )  # "«D 30» ذات الـ 120 ملم": a bore of 20 mm or more beside it says what it is
    return not kinds & set(near) and not bores


def ordinary_word(scan: Scan, hit: Hit, hits: list[Hit]) -> bool:
    """True when a design's name is also an ordinary word of its language (ORDINARY_WORD_NAMES) and nothing says a
    weapon is meant: no weapon word right before or after it on its line (`بندقية الغليل`, the Galil rifle), and no
    other name of the same design in the text (GALIL). `صنع في مصر شفاء الغليل` is a phrase, not a rifle."""
    if " ".join(scan.words[hit.start : hit.end]) not in ORDINARY_WORD_NAMES:
        return False
    line = scan.tokens[hit.start].line
    beside = [j for j in (hit.start - 1, hit.end) if 0 <= j < len(scan.words) and scan.tokens[j].line == line]
    weapon_words = FIREARM_WORDS | {w for words in WEAPON_TYPE_WORDS.values() for w in words}
    weapon_words = weapon_words | BULK_EXPLOSIVE_WORDS | {"ВЗРЫВЧАТКА", "ВВ"}  # `ТЭН, взрывчатое вещество`
    if any(scan.words[j] in weapon_words for j in beside):
        return False
    rows = set(map(id, hit.payloads))
    return not any(h is not hit and not h.overlaps(hit) and rows & set(map(id, h.payloads)) for h in hits)


# One plain word (RASHID, POLK, TABUK, PM): WORD_DESIGNATIONS lists those also a person's name, a place or a word.
_WORD_ALIAS = re.compile(r"^[A-Z]{2,}(?:-[A-Z]{2,})?$")
_WORD_SUPPORT_SPAN = 3
_COUNTED = frozenset({"A", "AN", "ONE", "TWO", "THREE"})
_SEIZED = frozenset(str.split("SEIZED RECOVERED CONFISCATED SURRENDERED FOUND RECOVER SEIZE"))
_MODEL_LABELS = frozenset({"MODEL", "MOD", "MODELL", "MODELE", "MODELO", "TYPE", "TIP", "TIPO", "MARK", "MK"})
_GENERIC_WEAPON_WORDS = frozenset(
    str.split(
        "GUN GUNS WEAPON WEAPONS FIREARM FIREARMS ARMS ASSAULT SNIPER CAL CALIBRE CALIBER COPY COPIES CLONE KNOCKOFF "
        "VERSION VARIANT PATTERN LICENCE LICENSE MODEL MAGAZINE MAGAZINES HOLSTER"
    )
)

# Words of firing and striking: beside a listed ordnance design (`fired the Stinger`, `the Grad hit the town`) they
# say the weapon is meant, as a weapon word would.
_FIRING_WORDS = frozenset(
    str.split(
        "FIRED FIRE FIRES FIRING LAUNCHED LAUNCH LAUNCHES LAUNCHING SHOT SHOOT SHOOTS DOWNED SALVO SALVOS BARRAGE "
        "VOLLEY HIT HITS STRUCK STRIKE STRIKES SHELLED SHELLING SHELLS INTERCEPTED MISSILE MISSILES ROCKET ROCKETS"
    )
)


def _ordnance_only(hit: Hit) -> bool:
    """True when every row the hit names is ordnance (a missile, rocket, launcher), not a firearm."""
    rows = [p for p in hit.payloads if isinstance(p, Model)]
    return bool(rows) and all(r.kind == "ordnance" or r.weapon_type in ORDNANCE_TYPES for r in rows)


_KIND_WORDS = _kind_words()


def word_alias_alone(scan: Scan, hit: Hit, calibre_hits: list[Hit]) -> bool:
    """True when a designation spelt as one word that is also an ordinary word, a person's name or a place
    (WORD_DESIGNATIONS: `RASHID`, `POLK`, `TABUK`, `PM`) has no weapon word, model label, maker, calibre or
    nationality within three words of it, in a text written in prose (with lower-case letters): there it is a
    person, a place or a word (`He drove to Tabuk`, `at 5 PM`), not a design. For one that is also a person's name
    (WORD_DESIGNATION_NAMES) a title right before it (`Colonel Rashid inspected the rifles`) makes it a person
    unless a weapon word follows (`Sheikh Rashid carbine`), and a comma-apposition with no weapon word beside it
    (`The suspect, Rashid, carried`) a name; other words keep their design after a title or in a comma list
    (`Sergeant Negev`, `Pistol, PM, serial 1234`). Firing words (`fired`, `hit`, `salvo`) support an ordnance
    design (`He fired the Stinger`). A marking stamped in capitals (`TABUK`), a family's own name, the name alone, a
    text naming another design of its family, `Tabuk rifle`, `Iraqi Tabuk`, `Tabuk, Iraq` keep it. Designations
    that are no ordinary word (`a Dragunov`, `an SKS`) are never dropped here."""
    if hit.end - hit.start != 1:
        return False
    word = scan.words[hit.start]
    if not _WORD_ALIAS.match(word) or word not in WORD_DESIGNATIONS:
        return False  # titles and appositions below apply to listed words only (`Colonel Dragunov` stays SVD)
    if not any(c.islower() for c in scan.text):
        return False  # a stamped marking (capitals throughout)
    if hit.key in _family_names(scan.ix.ref) and word not in _places_and_months(scan.ix.ref):
        return False  # a family's own name (FAL, GALIL), unless it is also a month or a place (`Aug 1985`, `Bor`)
    weapon_words = FIREARM_WORDS | ORDNANCE_WORDS | _MODEL_LABELS | _GENERIC_WEAPON_WORDS
    named = word in WORD_DESIGNATION_NAMES
    if named and hit.start >= 1 and scan.words[hit.start - 1] in PERSONAL_TITLES:
        # `Colonel Rashid`, `General Tariq`: a person, unless a weapon word follows the name (`Sheikh Rashid carbine`)
        after = scan.words[hit.end] if hit.end < len(scan.words) else ""
        return not (after in weapon_words or _types_named((after,)))
    if len(scan.words) <= 2:
        return False  # the name alone
    lo, hi = max(0, hit.start - _WORD_SUPPORT_SPAN), min(len(scan.words), hit.end + _WORD_SUPPORT_SPAN)
    near_idx = [k for k in range(lo, hi) if k != hit.start]  # across a marking's lines (`…; TABUK`) too
    words = {scan.words[k] for k in near_idx}
    beside = {scan.words[k] for k in (hit.start - 1, hit.end) if 0 <= k < len(scan.words)}
    if named and not beside & weapon_words and re.search(rf",\s*{re.escape(scan.raw(hit))}\s*,", scan.text, re.I):
        return True  # `The suspect, Rashid, carried a pistol`: a name in apposition (`carbine, Rashid,` is not)
    if words & weapon_words:
        return False
    if _ordnance_only(hit) and words & _FIRING_WORDS:
        return False  # `He fired the Stinger`, `The Grad hit the town`: a missile or rocket is meant
    if _types_named(tuple(scan.words[k] for k in near_idx)):
        return False
    if hit.start >= 1 and scan.words[hit.start - 1] in _COUNTED and words & _SEIZED:
        return False  # `A PM was recovered`: a thing counted and seized
    around = set(near_idx)
    makers, models, countries = _support_hits(scan)
    for other in [*calibre_hits, *makers]:
        if not hit.overlaps(other) and around & set(range(other.start, other.end)):
            return False
    families = {p.family for p in hit.payloads if isinstance(p, Model) and p.family}
    for other in models:
        if not other.overlaps(hit) and any(isinstance(p, Model) and p.family in families for p in other.payloads):
            return False  # "The AK-47 is common here; this one was a Tabuk": a design of its family is named
    # a nationality right before it (`a Chinese CQ`), or the design's own country after it (`Tabuk, Iraq`); another
    # country after a place is its address (`Tabuk, Saudi Arabia`)
    own = {p.country for p in hit.payloads if isinstance(p, Model) and p.country}
    for c in countries:
        if c.end == hit.start:
            return False
        code = c.payloads[0] if c.payloads else None
        if c.start == hit.end and isinstance(code, str) and code in own:
            return False
    return True


@functools.lru_cache(maxsize=4)
def _places_and_months(ref: Reference) -> frozenset[str]:
    """Months and the places the tables know (places.csv, makers' locations, country names), as one-word keys:
    a family named so (AUG, Bor) is read in prose only with support beside it, like any word designation."""
    places = [p.place for p in ref.places] + [loc for m in ref.manufacturers for loc in m.locations]
    return frozenset(w.upper() for w in (*places, *COUNTRY_WORDS) if " " not in w) | MONTHS


_SUPPORT: weakref.WeakKeyDictionary[Scan, tuple[list[Hit], list[Hit], list[Hit]]] = weakref.WeakKeyDictionary()


def _support_hits(scan: Scan) -> tuple[list[Hit], list[Hit], list[Hit]]:
    """The maker, model and country phrases of a text, found once per text for `word_alias_alone`."""
    got = _SUPPORT.get(scan)
    if got is None:
        got = _SUPPORT[scan] = (scan.find(scan.ix.makers), scan.find(scan.ix.models), scan.find(scan.ix.countries))
    return got


_MADE_THEN_PLACE = frozenset(
    {("MADE", "IN"), ("MANUFACTURED", "IN"), ("MFD", "IN"), ("PRODUCED", "IN"), ("MADE", "AT")}
)


def place_or_wrong_type(scan: Scan, hit: Hit) -> bool:
    """True when a one-word designation is a place or the wrong kind of weapon: right after MADE IN (`MADE IN MILAN
    ITALY` is the city, not the missile), or an ordnance design in a text that names only firearm types and no
    ordnance word (`PISTOL CAL 7.65 ... HOT`: a word, not the missile)."""
    if hit.end - hit.start != 1:
        return False
    if hit.start >= 2 and (scan.words[hit.start - 2], scan.words[hit.start - 1]) in _MADE_THEN_PLACE:
        return True
    rows = [p for p in hit.payloads if isinstance(p, Model)]
    if not rows or not all(r.kind == "ordnance" or r.weapon_type in ORDNANCE_TYPES for r in rows):
        return False
    said = weapon_types_named(scan)
    return bool(said) and not said & ORDNANCE_TYPES and not ORDNANCE_WORDS & set(scan.words)
