"""What a text is about when it names a container or both a gun and its cartridges: the item first named decides.

A container is the answer only when nothing it holds is named (`ammunition box`, `crate for mortar bombs`); `a crate
containing six grenades` is about the grenades. A gun named first with cartridges after it (`a revolver loaded with
three rounds`, `pistola con un cargador con 10 cartuchos`) is about the gun; cartridges named first, or a gun named
only to qualify them (`rifle cartridges`, `cartouches pour fusil`, `патроны ... к автомату`), are about the
cartridges.
"""

from __future__ import annotations

import re

from .designations import FIREARM_TYPES, _types_named
from .head_final import cartridge_after_gun
from .item_nouns import word_kind
from .scan import Scan
from .words import (
    AMMO_WORDS,
    BULK_EXPLOSIVE_WORDS,
    FIREARM_WORDS,
    MINE_NOUNS,
    ORDNANCE_WORDS,
    PACKAGING_FOR,
    PACKAGING_WORDS,
    WEAK_AMMO_WORDS,
)

__all__ = ["package_only", "small_arms_bulk", "subject_kind"]


def _mine_case(words: list[str], i: int) -> bool:
    """The packaging word at `i` describes a mine's own case (`wooden box mine`, `box-type AP mine`), not a box
    holding mines (`crate of landmines`)."""
    for w in words[i + 1 : i + 4]:
        if w in MINE_NOUNS:
            return True
        if w in {"OF", "WITH", "FOR", "CONTAINING", "AND", "HOLDING"}:
            return False
    return False


# the words that name an item a container could hold
_ITEM_WORDS = AMMO_WORDS | WEAK_AMMO_WORDS | ORDNANCE_WORDS | BULK_EXPLOSIVE_WORDS | MINE_NOUNS | FIREARM_WORDS


def _item_token(scan: Scan, i: int) -> bool:
    """The word at `i` names an item: an item word, or part of a model's or a calibre's name."""
    return scan.words[i] in _ITEM_WORDS or any(h.start <= i < h.end for h in (*scan.model_hits, *scan.calibre_hits))


def _cjk(word: str) -> bool:
    return len(word) == 1 and "\u3400" <= word <= "\u9fff"


def package_only(scan: Scan) -> bool:
    """A container is what the text describes, with no item named as held: its item words only qualify it
    (`ammunition box`, `7.62x39 ammo can`, `手榴弹箱`) or say what it is made for (`crate for 82mm mortar bombs`,
    `ящик для патронов`). A container the item was in (`a crate containing six grenades`, `a carton of 20
    cartridges`, `grenades in a postal box`) leaves the kind to the item."""
    words = scan.words
    spans: set[int] = set()
    for i, w in enumerate(words):
        if w not in PACKAGING_WORDS or _mine_case(words, i):
            continue
        if w == "CAN" and not (i and _item_token(scan, i - 1)):
            continue  # the verb (`which can be fired`); an ammunition can is named as one
        spans.add(i)
        j = i - 1  # the words before it that qualify it: `7.62x39 ammunition crate`, 手榴弹箱
        while j >= 0 and (_item_token(scan, j) or (_cjk(w) and _cjk(words[j]) and i - j <= 4)):
            spans.add(j)
            j -= 1
        k = i + 1  # `box for cartridges`, `caja para cartuchos`: what it is made for
        if k < len(words) and words[k] in PACKAGING_FOR:
            spans.update(range(k, min(k + 5, len(words))))
    if not spans:
        return False
    rest = tuple(w for i, w in enumerate(words) if i not in spans)
    outside = [h for h in scan.model_hits if not set(range(h.start, h.end)) <= spans]
    return not (set(rest) & _ITEM_WORDS or _types_named(rest) or outside)


# words that join two guns qualifying one cartridge noun (`rifle and carbine cartridges`)
_AND = frozenset({"AND", "&", "Y", "ET", "UND", "E", "I", "И", "OR"})
_BREAKS = frozenset(",;:()[]—–")
# the singular cartridge words a barrel's chambering ends with (`.38 SPECIAL CTG`)
_CHAMBERING = frozenset({"CTG", "CART", "CARTRIDGE"})


def _breaks(scan: Scan) -> set[int]:
    """The token indexes followed by punctuation in the text (`pistolet, cartouches`): a gun before one does not
    qualify the word after it."""
    text, pos, out = scan.text.casefold(), 0, set()
    ends: list[int | None] = []
    starts: list[int | None] = []
    for t in scan.tokens:
        at = text.find(t.raw.casefold(), pos)
        if at < 0:
            starts.append(None)
            ends.append(None)
            continue
        starts.append(at)
        ends.append(at + len(t.raw))
        pos = at + len(t.raw)
    for i in range(len(scan.tokens) - 1):
        end, nxt = ends[i], starts[i + 1]
        if end is not None and nxt is not None and any(c in _BREAKS for c in scan.text[end:nxt]):
            out.add(i)
    return out


def _gun_token(scan: Scan, i: int) -> bool:
    w = scan.words[i]
    if _types_named((w,)) & FIREARM_TYPES or w in {"GUN", "GUNS", "HANDGUN", "HANDGUNS"}:
        return True
    return any(
        h.start <= i < h.end and any(getattr(p, "weapon_type", "") in FIREARM_TYPES for p in h.payloads)
        for h in scan.model_hits
    )


def _ammo_token(scan: Scan, i: int) -> bool:
    w = scan.words[i]
    # `патронами`, `гильзу`, `Gewehrpatronen`: a cartridge noun in a declined or compound form
    return w in AMMO_WORDS or w in WEAK_AMMO_WORDS or "cartridge" in _types_named((w,)) or word_kind(w) == "ammunition"


def subject_kind(scan: Scan) -> str | None:
    """`firearm` or `ammunition`: which of the two the text names first, when it names both in words; a gun named
    right before a cartridge noun qualifies it (`Kalashnikov rifle cartridges`, `AK-47 7.62x39 ammunition`)."""
    if cartridge_after_gun(scan.text):  # `三八式歩兵銃の実包`: the noun a Japanese phrase ends with is its item
        return "ammunition"
    n = len(scan.words)
    guns = [i for i in range(n) if _gun_token(scan, i)]
    ammo = [i for i in range(n) if _ammo_token(scan, i)]
    if not guns or not ammo:
        return None
    named = [i for i in ammo if scan.words[i] not in _CHAMBERING]
    if named and named[0] < guns[0]:
        return "ammunition"  # `cartridge, 9mm, Glock 17 pistol`: a singular cartridge word first is a chambering's
    if ammo[0] < guns[0]:
        return None
    breaks = _breaks(scan)
    calibre = {i for h in scan.calibre_hits for i in range(h.start, h.end)}
    j, through_calibre = guns[0], False
    while j < n and j not in breaks:
        nxt = j + 1
        if nxt >= n:
            break
        if _ammo_token(scan, nxt):
            # `GP100 .38 S&W SPECIAL CTG`: a barrel's chambering, a calibre and the cartridge's word, says neither
            return None if through_calibre and scan.words[nxt] in _CHAMBERING else "ammunition"
        through_calibre = through_calibre or nxt in calibre
        joined = scan.words[nxt] in _AND and nxt + 1 < n and _gun_token(scan, nxt + 1)
        if not (_gun_token(scan, nxt) or nxt in calibre or joined):
            break
        j = nxt
    return "firearm"


_SMALL_ARMS_CALIBRES = frozenset({"rifle", "pistol", "machine gun", "shotgun"})


def small_arms_bulk(scan: Scan) -> bool:
    """The text lists cartridges of two or more small-arms calibres (up to 14.5 mm), more calibres than any of
    guns, mortars or rockets beside them, and names cartridges in words: a seizure whose bulk is small-arms
    ammunition (`3,000 rounds of 7.62x39, 500 of 12.7 mm and two 82 mm shells`)."""
    if not set(scan.words) & (AMMO_WORDS | WEAK_AMMO_WORDS):
        return False
    small: set[str] = set()
    other: set[str] = set()
    hit: set[int] = set()
    for h in scan.calibre_hits:
        hit.update(range(h.start, h.end))
        for p in h.payloads:
            (small if getattr(p, "kind", "") in _SMALL_ARMS_CALIBRES else other).add(str(getattr(p, "calibre", "")))
    words = scan.words
    for i, w in enumerate(words[:-1]):  # `12.7 mm`, `23 mm` read as no table's calibre: by the bore's size
        if i in hit or words[i + 1] not in {"MM", "ММ"} or not re.fullmatch(r"\d{1,3}(?:\.\d{1,2})?", w):
            continue
        (small if float(w) < 20 else other).add(f"{w}mm")
    return len(small) >= 2 and len(small) > len(other)
