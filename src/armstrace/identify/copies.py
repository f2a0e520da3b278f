"""Copies and workshops: what a copy or craft piece is a copy of and where its workshop is (`Darra copy of`,
`local copy`, `Khyber Pass`), and a design name read as copied rather than as its maker.
"""

from __future__ import annotations

from typing import NamedTuple

from .craft_cues import SERVICE_WORDS, clause_ids, craft_cue
from .misreadings import redigit
from .placement import COPY_WORDS, user_span
from .places import gazetteer
from .scan import Scan
from .text import Hit
from .words import (
    COPY_AFTER,
    COPY_BEFORE,
    COPY_VERBS,
    CRAFT_CENTRES,
    DESIGN_TYPE_WORDS,
    WORKSHOP_TOWNS,
)

__all__ = ["CraftOrigin", "brand_on_craft", "copied_design", "copy_origin", "craft_origin"]


_COPY_FILLER = frozenset({"A", "AN", "THE", "CRAFT", "LOCAL", "LOCALLY", "HOMEMADE", "ARTISANAL", "ILLICIT", "MADE"})


def copy_origin(scan: Scan) -> tuple[str, str] | None:
    """(country, words) when the text says where a copy was made: "a Pakistani copy", "Danao City craft copy",
    "copy made in Darra". Craft copies carry a brand and a false MADE IN; the copy's own origin is the truth.

    A country after "copy of (the)" is the copied design's ("a copy of the Soviet TT-33") and does not count.
    """
    for i, word in enumerate(scan.words):
        if word not in COPY_WORDS:
            continue
        line = scan.tokens[i].line
        j = i - 1  # "Pakistani copy", "Danao City craft copy"
        while j >= 0 and scan.words[j] in _COPY_FILLER and scan.tokens[j].line == line:
            j -= 1
        after = scan.words[i + 1 : i + 3]
        spans: list[tuple[int, int]] = []
        if j >= 0 and scan.tokens[j].line == line:
            spans += [
                (j - size + 1, j + 1)
                for size in (3, 2, 1)
                if j - size + 1 >= 0 and "MADE" not in scan.words[max(0, j - size - 1) : j + 1]
            ]  # "MADE IN USA, a copy from Munger": the country marked, not the copy's
        if after[:2] in (["MADE", "IN"], ["PRODUCED", "IN"], ["FROM", "THE"]) or after[:1] == ["FROM"]:
            k = i + 1 + (2 if after[:2] != ["FROM"] and len(after) > 1 and after[1] in {"IN", "THE"} else 1)
            spans += [(k, k + size) for size in (3, 2, 1) if k + size <= len(scan.words)]
        for a, b in spans:
            for payload in scan.ix.countries.get(" ".join(scan.words[a:b])):
                code = payload[1] if isinstance(payload, tuple) else str(payload)
                if code:
                    return code, " ".join(scan.words[a:b])
    if (workshop := _workshop_origin(scan)) is not None:
        return workshop
    # a craft-gunmaking centre named as where the item comes from: its workshops stamp foreign brands and a false
    # MADE IN on what they make ("AK-47 'Made in USSR' Darra Adam Khel", "Khyber Pass made, stamped Norinco")
    for i in range(len(scan.words)):
        for size in (4, 3, 2, 1):
            place = " ".join(scan.words[i : i + size])
            if place in CRAFT_CENTRES and not user_span(scan) & set(range(i, i + size)):
                return CRAFT_CENTRES[place], place
    return None


# A workshop, in the languages the engine reads: where a craft copy was made, named in the text ("made in a workshop
# in Peshawar", "a Pakistani gunsmith's workshop", "taller artesanal en Colombia", "atelier clandestin au Mali").
_WORKSHOP_WORDS = frozenset(
    {"WORKSHOP", "WORKSHOPS", "GUNSMITH", "GUNSMITHS", "GUNSMITHY", "TALLER", "ATELIER", "ATELIERS", "WERKSTATT"}
    | {"BENGKEL", "KARKHANA", "OFICINA"}
)


_WORKSHOP_FILLER = _COPY_FILLER | {
    "SMALL",
    "ILLEGAL",
    "UNLICENSED",
    "CLANDESTINE",
    "BACKYARD",
    "VILLAGE",
    "GUNSMITHS",
    "GUNSMITH",
    "ARTESANAL",
    "CLANDESTIN",
    "ARTISANAL",
    "PRIVATE",
    "FAMILY",
    "ARTISAN",
    "S",
}


def _workshop_origin(scan: Scan) -> tuple[str, str] | None:
    """(country, words) when the text names the workshop a craft copy came from by its country or town: a demonym
    or country before the workshop word ("a Pakistani workshop"), or a place after it ("workshop in Peshawar",
    "atelier à Danao"). Such workshops stamp foreign brands and a false MADE IN; a workshop named where the item was
    seized or used ("seized from a workshop in Kenya") is the place of recovery and does not count."""
    users = user_span(scan, bare=False)  # "from a workshop in Danao" is where it was made: only the cues count
    for i, word in enumerate(scan.words):
        if word not in _WORKSHOP_WORDS or i in users:
            continue
        line = scan.tokens[i].line
        if any(scan.words[t] in SERVICE_WORDS and scan.tokens[t].line == line for t in range(max(0, i - 5), i)):
            continue
        j = i - 1
        while j >= 0 and scan.words[j] in _WORKSHOP_FILLER and scan.tokens[j].line == line:
            j -= 1
        spans: list[tuple[int, int]] = []
        if j >= 0 and scan.tokens[j].line == line:
            spans += [(j - size + 1, j + 1) for size in (3, 2, 1) if j - size + 1 >= 0]
        k = i + 1
        while k < len(scan.words) and scan.words[k] in _WORKSHOP_FILLER | {"S", "'S"}:
            k += 1
        if k < len(scan.words) and scan.words[k] in {"IN", "AT", "OF", "EN", "A", "AU", "EM", "NO", "NA", "DE", "DI"}:
            spans += [(k + 1, k + 1 + size) for size in (3, 2, 1) if k + 1 + size <= len(scan.words)]
        for a, b in spans:
            if users & set(range(a, b)) or any(scan.tokens[t].line != line for t in range(a, b)):
                continue
            place = " ".join(scan.words[a:b])
            if place in CRAFT_CENTRES or place in WORKSHOP_TOWNS:
                return {**WORKSHOP_TOWNS, **CRAFT_CENTRES}[place], place
            for payload in scan.ix.countries.get(place):
                code = payload[1] if isinstance(payload, tuple) else str(payload)
                if code:
                    return code, f"{place} {word}".strip()
    return None


# Two words that say the item descends from the design named after them: "based on the Soviet SVD", "a Chinese
# upgrade of the Russian SVD", French "basé sur", Spanish "basado en", German "basiert auf", Russian "на основе".
# The first word alone is no cue ("Norinco, based in Beijing, Type 56"; "the upgrade kit").
_LINEAGE = frozenset(
    {("BASED", "ON"), ("BASED", "UPON"), ("BASE", "SUR"), ("BASEE", "SUR"), ("BASES", "SUR"), ("BASADO", "EN")}
    | {("BASADA", "EN"), ("BASADOS", "EN"), ("BASEADO", "EM"), ("BASEADA", "EM"), ("BASEADO", "NO"), ("BASEADA", "NO")}
    | {("BASATO", "SU"), ("BASATA", "SU"), ("BASATO", "SUL"), ("BASATA", "SUL"), ("BASIERT", "AUF")}
    | {("UPGRADE", "OF"), ("UPGRADED", "FROM"), ("DEVELOPMENT", "OF"), ("DEVELOPED", "FROM"), ("DERIVED", "FROM")}
    | {("НА", "ОСНОВЕ"), ("НА", "ОСНОВІ")}
)


def copied_design(scan: Scan, hit: Hit, window: int = 4) -> bool:
    """True when the text names `hit` as what the item copies or resembles, not as the item itself.

    "a copy of the Walther PP", "copia civile della Walther PP", "was not an M-16", "an M-16 knockoff": the
    named design and maker are a comparison. The words from the cue to the name (including a nationality:
    "a copy of the Soviet TT-33") are recorded in `scan.copied` so that they do not give the country either.
    """
    line = scan.tokens[hit.start].line
    if scan.copied & set(range(hit.start, hit.end)):
        return True  # a maker's name inside a design already named as copied ("the Walther PPK that it mimics")
    if hit.start - 1 in scan.copied and scan.tokens[hit.start - 1].line == line:
        # "similar to North China Industries (NORINCO)": a name's abbreviation right after it is compared too
        scan.copied.update(range(hit.start, hit.end))
        return True
    for j in range(hit.start - 1, max(-1, hit.start - 1 - window), -1):
        if scan.tokens[j].line != line:
            break
        if scan.words[j] in COPY_BEFORE or tuple(scan.words[j : j + 2]) in _LINEAGE:
            scan.copied.update(range(j, hit.end))
            return True
    after = hit.end
    # "Norinco's copies of the TT": the owner of the copies made them; only the bare name is the copied one
    owned = scan.owners[after - 1] != scan.words[after - 1]
    if after < len(scan.words) and scan.tokens[after].line == line and scan.words[after] in COPY_AFTER and not owned:
        scan.copied.update(range(hit.start, after + 1))
        return True
    nxt = scan.words[after + 1] if after + 1 < len(scan.words) else ""
    if (
        after < len(scan.words)
        and scan.tokens[after].line == line
        and scan.words[after] in DESIGN_TYPE_WORDS
        and not redigit(nxt, loose=True)[:1].isdigit()  # NORINCO TYPE S6: a type number read with a slip
        and hit.end - hit.start == 1
    ):  # "a Mauser-type rifle", "Kalashnikov-pattern": the design, not its maker ("NORINCO TYPE 56" is not)
        scan.copied.update(range(hit.start, after + 1))
        return True
    tail = scan.words[after : after + 3]  # "the Walther PPK that it mimics"
    if (
        len(tail) == 3
        and tail[0] in {"THAT", "WHICH"}
        and tail[1] in {"IT", "THEY"}
        and tail[2] in COPY_VERBS
        and scan.tokens[after + 2].line == line
    ):
        scan.copied.update(range(hit.start, after + 3))
        return True
    return False


# Place names that are ordinary words, names or syllables ("Delta", "Free State", "Hidalgo", "Acre", "Kars"): with
# names of three letters or fewer ("Wa", "Ho", "Imo", "Goa") they name a place only with a joiner (Delta State) or
# their country's name beside them (Hidalgo, Mexico). Distinctive four-letter names (Kano, Lamu, Gaza) stand alone.
_WORDLIKE_PLACES = frozenset(
    {"DELTA", "PLATEAU", "RIVERS", "LAKES", "UNITY", "VOLTA", "FREE STATE", "HIDALGO", "TABASCO", "CALDAS", "PALMA"}
    | {"UPPER EAST", "UPPER WEST", "WESTERN NORTH", "EXTREME NORTH", "SAMAR", "MOCHA", "BALKAN", "LYMAN", "GUERRERO"}
    | {"MORELOS", "SALADIN", "MARKA", "CHOCO", "NANDI", "BUCHA", "COLIMA", "DURANGO", "PUEBLA", "CAUCA", "EQUATORIA"}
    | {"MERU", "SINOP", "SONORA", "LEYTE", "KARAMAN", "TOKAT", "ZARIA", "CENTRAL", "WESTERN", "EASTERN", "NORTHERN"}
    | {"ACRE", "BONO", "KARS", "RIZE", "ENGA", "HELA", "MARY", "META", "MIDI", "SWAT", "TYRE", "GHAT", "KAYA", "BARI"}
    | {"AFAR", "FATA", "DORI", "BENI", "GAYA", "SHAN", "SOOL", "SUMY", "GEDO"}
)
_PLACE_JOINED = frozenset(
    {"STATE", "REGION", "DISTRICT", "COUNTY", "PROVINCE", "DIVISION", "GOVERNORATE", "OBLAST", "MUNICIPALITY"}
    | {"DEPARTMENT", "PREFECTURE", "TERRITORY", "ESTADO", "DEPARTAMENTO", "PROVINCIA", "REGION", "ILI", "WILAYA"}
)
# A place before a word of an agency is the agency's seat, not where the item was found or made ("Meru police").
_AGENCY_WORDS = frozenset(
    {"POLICE", "COMMAND", "CONSTABULARY", "PATROL", "SHERIFF", "GENDARMERIE", "CUSTOMS", "COURT", "CID", "POLIS"}
    | {"POLICIA", "AUTHORITIES", "PROSECUTOR", "PROSECUTORS", "DETECTIVES", "TASKFORCE", "UNIT", "ARMY", "BRIGADE"}
)


def _place_named(scan: Scan, a: int, b: int, country: str) -> bool:
    """True when words a..b read as the place: not before an agency word, and a short or word-like name only with a
    joiner after it or its country's name within four words."""
    words = scan.words
    if b < len(words) and words[b] in _AGENCY_WORDS:
        return False
    name = " ".join(words[a:b])
    if len(name.replace(" ", "")) > 3 and name not in _WORDLIKE_PLACES:
        return True
    if (b < len(words) and words[b] in _PLACE_JOINED | {"MAKE", "MADE"}) or words[max(0, a - 2) : a] == ["MADE", "IN"]:
        return True  # "Delta State", "of Ondo make", "made in Imo"
    for i in range(max(0, a - 4), min(len(words), b + 5)):
        for size in (3, 2, 1):
            if (i < a and i + size > a) or a <= i < b:
                continue
            codes = {
                p[1] if isinstance(p, tuple) else str(p) for p in scan.ix.countries.get(" ".join(words[i : i + size]))
            }
            if country in codes:
                return True
    return False


# Words before a country's name that make it the copied design's, not the workshop's ("copy of a Soviet TT"), or
# a mark the craft copy carries ("stamped MADE IN USA"), which is false on such pieces.
_DESIGN_OF = frozenset(
    {"OF", "LIKE", "RESEMBLING", "IMITATION", "IMITATING", "COPY", "VERSION", "PATTERN", "STYLE"}
) | {
    "MADE",
    "STAMPED",
    "MARKED",
    "ENGRAVED",
    "ETCHED",
    "INSCRIBED",
}


class CraftOrigin(NamedTuple):
    """Where a craft weapon was made: the country, the place's words and the craft words."""

    country: str
    place: str
    cue: str


def craft_origin(scan: Scan) -> CraftOrigin | None:
    """The country of the place a craft or locally made weapon is named with (`country-made pistol, Gulbarga,
    Karnataka`; `locally fabricated revolver, Kano`; `blacksmith factory, Lagos`): a town, district or province of
    the gazetteer (places.csv and the first-level divisions), else a country named outside a user's span and not as
    the copied design's. Only the craft words let a place give the origin: a factory-made weapon found there is not
    made there. Names of several countries give none."""
    cue, span = craft_cue(scan)
    if not cue:
        return None
    places = gazetteer(scan.ix.ref)
    users = user_span(scan, bare=False)
    found: dict[str, str] = {}
    words = scan.words
    i = 0
    calibres = {k for c in scan.calibre_hits for k in range(c.start, c.end)}  # `.303 British` is no place
    while i < len(words):
        for size in (4, 3, 2, 1):
            name = " ".join(words[i : i + size])
            if i + size > len(words) or set(range(i, i + size)) & (set(span) | calibres):
                continue
            countries = places.get(name, frozenset()) | set(CRAFT_CENTRES.get(name, "").split())
            if len(countries) == 1 and (
                name in CRAFT_CENTRES or _place_named(scan, i, i + size, next(iter(countries)))
            ):
                found.setdefault(next(iter(countries)), name)
                i += size - 1
                break
            if i in users or _DESIGN_OF & set(words[max(0, i - 3) : i]):
                continue
            codes = {p[1] if isinstance(p, tuple) else str(p) for p in scan.ix.countries.get(name)} - {""}
            if len(codes) == 1:
                found.setdefault(next(iter(codes)), name)
                i += size - 1
                break
        i += 1
    if len(found) != 1:
        return None
    country, place = next(iter(found.items()))
    return CraftOrigin(country, place, cue)


# Words that end one item of a list and begin another ("a Glock 17 pistol and a desi katta"; Arabic `و` joined to
# the next word): a brand beyond one is another item's, not the craft weapon's.
_ITEM_JOINERS = frozenset({"AND", "PLUS", "ALSO", "ALONGSIDE", "BESIDES", "Y", "E", "ET", "UND", "और", "व", "و", "และ"})


# Words that open a new counted item of a list after a comma or colon ("..., one tamancha, 10 cartridges").
_LIST_COUNTS = frozenset({"ONE", "A", "AN", "TWO", "THREE", "FOUR", "FIVE", "एक", "दो"})


def brand_on_craft(scan: Scan, hit: Hit) -> bool:
    """True when a maker's words `hit` are on the craft weapon the craft cue names (`handmade pistol resembling
    Beretta`, `homemade firearm ..., the Colt brand was copied`), not on another item of a list: no list joiner
    between them (`a Glock 17 pistol and a desi katta`) and the later not a new counted item after a comma or colon
    (`one Beretta 92 pistol, one tamancha`)."""
    cue, span = craft_cue(scan)
    if not cue:
        return False
    words = scan.words
    a, b = (hit.end, span.start) if hit.end <= span.start else (span.stop, hit.start)
    if any(w in _ITEM_JOINERS or (w.startswith("و") and len(w) > 2) for w in words[a:b]):
        return False
    clauses = clause_ids(scan)
    later = max(hit.start, span.start)
    if clauses[min(hit.start, span.start)] == clauses[later]:
        return True
    first = min(k for k in range(later + 1) if clauses[k] == clauses[later])
    return not (words[first] in _LIST_COUNTS or words[first].isdigit())
