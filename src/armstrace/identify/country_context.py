"""What the words around a country's name say of it: a region of it (`eastern Afghanistan`), an importer's address,
a licensor's home, the trade's usage (`Russian surplus`), a maker's town beside it, a demonym beside the maker."""

from __future__ import annotations

import re

from .design_origin import FORMER_STATES
from .placement import made_before
from .result import Identification
from .scan import Scan
from .text import Hit, longest
from .words.kinds import WEAPON_TYPE_WORDS

__all__ = [
    "TIED_MAKERS",
    "bare_letters_in_prose",
    "in_address",
    "licensor_beside",
    "licensors_countries",
    "makers_town_named",
    "own_nationality_beside_maker",
    "region_before",
    "trade_usage",
]


# Compass words that make a country's name a region of it: "eastern Afghanistan", "south Lebanon", "Nord-Mali",
# "nord du Mali", "norte de Mozambique" (not NORTH KOREA or SOUTH AFRICA: their names are matched whole, before)
_REGION_WORDS = frozenset(
    str.split(
        "EASTERN WESTERN NORTHERN SOUTHERN CENTRAL NORTHEASTERN NORTHWESTERN SOUTHEASTERN SOUTHWESTERN NORTH SOUTH "
        "EAST WEST NORD SUD EST OUEST NORTE SUR OESTE ESTE NORDEN SUDEN OSTEN WESTEN"
    )
)
_REGION_LINKS = frozenset({"DU", "DE", "DEL", "DES", "DO", "DA", "OF", "VON", "DI"})


_TYPE_WORDS = frozenset(w for words in WEAPON_TYPE_WORDS.values() for w in words)
TIED_MAKERS = "the makers that fit equally are all of this country"


def bare_letters_in_prose(scan: Scan, rows: str) -> bool:
    """True when the tied makers (`fm_argentina`) are read only from marks of two letters or fewer, in a text that
    writes lower-case words (prose, not a stamp transcribed in capitals)."""
    ids = set(rows.split("|"))
    hits = [h for h in scan.maker_hits if {str(p) for p in h.payloads} & ids]
    if not hits or any(len(re.sub(r"[^\w]", "", scan.raw(h))) > 2 for h in hits):
        return False
    for h in hits:  # `FN Model 1930 carbine`, `casings stamped SB 89`: the letters mark the item beside them
        near = range(max(0, h.start - 3), h.end + 3)
        if any(scan.words[k] in _MARK_BOUND for k in near if k < len(scan.words)):
            return False
        if any(set(range(m.start, m.end)) & set(near) for m in (*scan.model_hits, *scan.calibre_hits)):
            return False
    return len(re.findall(r"(?<![^\W\d_])[^\W\d_]*[a-z][^\W\d_]*", scan.text)) >= 2


# Words beside two letters that make them a mark on the item: the item's type, "model", a verb of marking, the
# ammunition a headstamp is on (`casings marked FM 79` is Argentine; `the FM radio station` is no mark).
_MARK_BOUND = _TYPE_WORDS | {
    "MODEL", "MOD", "MARKED", "STAMPED", "ENGRAVED", "HEADSTAMP", "HEADSTAMPED", "HEADSTAMPS", "MARKING", "MARKINGS",
    "CASING", "CASINGS", "CASE", "CASES", "CARTRIDGE", "CARTRIDGES", "ROUND", "ROUNDS", "BULLET", "BULLETS",
    "SHELL", "SHELLS", "AMMUNITION", "AMMO",
}  # fmt: skip


def region_before(scan: Scan, hit: Hit) -> bool:
    """True when a compass word stands right before the country's name, or before `of`/`du` right before it, on its
    line, and no making word precedes it (`made in northern Italy` names where it was made)."""
    j = hit.start - 1
    if j >= 0 and scan.words[j] in _REGION_LINKS:
        j -= 1
    if j < 0 or scan.words[j] not in _REGION_WORDS or scan.tokens[j].line != scan.tokens[hit.start].line:
        return False
    # written in lower case, as a description is (`eastern Afghanistan`); a capital may begin a name the tables lack
    # (`East Timor`, `North Macedonia`, the state of `Western Australia`), which is left to the other rules
    lower = re.search(rf"(?<![^\W\d_]){re.escape(scan.words[j].lower())}(?![^\W\d_])", scan.text)
    return lower is not None and not made_before(scan, j)


def in_address(scan: Scan, hit: Hit, importer_hits: list[Hit], span: int = 8) -> bool:
    """True when a country name follows an importer's name on its line (CENTURY ARMS GEORGIA VT USA).

    A country named before the importer, or far after it on a long line of prose, is not its address:
    US import marks state the country of origin first (ROMANIA / CAI GEORGIA VT); and an address names
    countries, never demonyms ("... Delray Beach, FL, is offering Romanian TTC pistols").
    """
    return any(scan.line_of(i) == scan.line_of(hit) and 0 <= hit.start - i.end < span for i in importer_hits)


def licensors_countries(scan: Scan, result: Identification) -> set[str]:
    """The countries of the makers the text names as licensors ("under licence from Heckler & Koch"): the
    design's own country is then not where the item was made."""
    rows = [
        scan.ix.ref.manufacturer(e.row)
        for e in result.evidence
        if e.field == "manufacturer" and "named as the licensor" in e.note
    ]
    return {FORMER_STATES.get(r.country, r.country) for r in rows if r and r.country}


def own_nationality_beside_maker(scan: Scan, code: str) -> bool:
    """True when a demonym of the maker's own country stands right beside the maker's name (`شركة بازالت الحكومية
    الروسية`, `the Russian company Bazalt`): at most one word between, on its line."""
    for hit in longest(scan.find(scan.ix.countries)):
        p = hit.payloads[0]
        if not (isinstance(p, tuple) and p[0] == "demonym" and p[1] == code):
            continue
        for m in scan.makers_taken:
            if scan.tokens[m.start].line != scan.tokens[hit.start].line:
                continue
            if 0 <= hit.start - m.end <= 1 or 0 <= m.start - hit.end <= 2:
                return True
    return False


def licensor_beside(scan: Scan, hit: Hit, licensor_hits: list[Hit]) -> bool:
    """True when the country comes right after a licensor's name on its line (at most one word between) and is
    that licensor's country."""
    codes = {str(p[1] if isinstance(p, tuple) else p) for p in hit.payloads}
    for m in licensor_hits:
        if 0 <= hit.start - m.end <= 1 and scan.tokens[m.start].line == scan.tokens[hit.start].line:
            homes = {r.country for mid in m.payloads if (r := scan.ix.ref.manufacturer(str(mid))) is not None}
            if codes & homes:
                return True
    return False


def trade_usage(scan: Scan, text: str) -> str:
    """`Russian surplus`, `Chinese imports`: a demonym before SURPLUS or IMPORTS, the gun trade's name for where arms
    come from (not a holder, as `Russian troops` is); the words as written, or "" when the country has none."""
    m = re.search(rf"(?<!\w){re.escape(text)}\s+(?:SURPLUS|IMPORTS?)\b", scan.text, re.IGNORECASE)
    return m[0] if m else ""


def makers_town_named(scan: Scan, hit: Hit, code: str) -> bool:
    """True when the text names, beside the country, a town where one of its makers stands (`Eibar, northern
    Spain`): the region is where the maker is, and the country's name supports it, not a place of recovery."""
    for place in scan.find(scan.ix.locations):
        if place.overlaps(hit) or place.start == hit.start:
            continue
        for mid in place.payloads:
            row = scan.ix.ref.manufacturer(str(mid))
            if row is not None and row.country == code:
                return True
    return False
