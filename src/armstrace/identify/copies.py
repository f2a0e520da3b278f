"""Copies and workshops: what a copy or craft piece is a copy of and where its workshop is (`Darra copy of`,
`local copy`, `Khyber Pass`), and a design name read as copied rather than as its maker.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .misreadings import redigit
from .placement import COPY_WORDS, user_span
from .places import gazetteer
from .scan import Scan
from .text import Hit, normalise, split_lines, tokenise
from .words import (
    COPY_AFTER,
    COPY_BEFORE,
    COPY_VERBS,
    CRAFT_CENTRES,
    CROSS_BORDER_CRAFT_WORDS,
    DESIGN_TYPE_WORDS,
    LOCAL_CRAFT_WORDS,
    WORKSHOP_TOWNS,
)

__all__ = [
    "CraftOrigin",
    "brand_on_craft",
    "copied_design",
    "copy_origin",
    "craft_cue",
    "craft_origin",
    "local_craft_word",
]


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


# A workshop that serviced the item ("overhauled at an army workshop in Kenya") is not where it was made.
_SERVICE_WORDS = frozenset(
    {"REPAIRED", "REPAIR", "REPAIRS", "REFURBISHED", "REFURBISHMENT", "OVERHAULED", "OVERHAUL", "REBUILT", "REBUILD"}
    | {"CONVERTED", "CONVERSION", "REBARRELLED", "REBARRELED", "SERVICED", "SERVICING", "RESTORED", "MODIFIED"}
    | {"MAINTAINED", "MAINTENANCE", "UPGRADED", "REPARE", "REPAREE", "REPARADO", "REPARADA", "REPARIERT", "UMGEBAUT"}
    | {"CLEANED", "REFINISHED", "REBLUED", "PARKERIZED", "RECONDITIONED", "INSPECTED", "CUSTOMIZED", "CUSTOMISED"}
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
        if any(scan.words[t] in _SERVICE_WORDS and scan.tokens[t].line == line for t in range(max(0, i - 5), i)):
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
        if scan.words[j] in COPY_BEFORE:
            scan.copied.update(range(j, hit.end))
            return True
    after = hit.end
    if after < len(scan.words) and scan.tokens[after].line == line and scan.words[after] in COPY_AFTER:
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


# Words saying a weapon was made by a craft or local producer, not a factory, in the languages of the field reports:
# "country-made pistol" (India), "locally fabricated revolver" and "blacksmith" (Nigeria, Ghana), "paltik"
# (Philippines), "hechiza" (Colombia, Argentina), "desi katta" (India), Arabic, Turkish, Japanese and Korean forms.
# Its origin is then the place the text names: such weapons are made near where they are found and sold.
_CRAFT_PHRASES = (
    "COUNTRY MADE|COUNTRYMADE|LOCALLY MADE|LOCALLY FABRICATED|LOCALLY MANUFACTURED|LOCALLY PRODUCED|LOCALLY ASSEMBLED"
    "|LOCAL MADE|LOCALLY CRAFTED|LOCAL GUNSMITH|LOCAL GUNSMITHS|LOCAL BLACKSMITH|LOCAL BLACKSMITHS"
    "|HOMEMADE|HOME MADE|HANDMADE|HAND MADE|CRAFT MADE|CRAFT PRODUCED|CRAFT PRODUCTION|CRAFTED BY|CRAFT WEAPON"
    "|CRAFT WEAPONS|CRAFT GUN|CRAFT GUNS|CRAFT PISTOL|CRAFT SHOTGUN|CRAFT COPY|BLACKSMITH|BLACKSMITHS|ILLEGAL FACTORY"
    "|ILLEGAL UNITS|ILLEGAL UNIT|ILLEGAL GUN FACTORY|ILLEGAL ARMS FACTORY|ILLEGAL GUN FACTORIES|MINI GUN FACTORY"
    "|DESI KATTA|KATTA|KATTAS|TAMANCHA|PALTIK|DANE GUN|DANE GUNS|HECHIZA|HECHIZAS|HECHIZO|HECHIZOS"
    "|FABRICACION CASERA|FABRICACION ARTESANAL|ARMA ARTESANAL|ARMAS ARTESANALES|ARMA CASERA|ARMAS CASERAS"
    "|FABRICATION ARTISANALE|FABRICATION LOCALE|ARME ARTISANALE|ARMES ARTISANALES|FAIT MAISON"
    "|EL YAPIMI|KENDI YAPIMI|SELBSTGEBAUT|SELBSTGEBAUTE|EIGENBAU|ARTESANAL|ARTESANALES|ARTISANALE"
    "|ARTISANALES|ARTIGIANALE|ARTIGIANALI|CASEIRA|CASEIRAS|CASEIRO|CASEIROS|FABRICO CASEIRO|PIPE GUN|PIPE GUNS"
    "|ZIP GUN|ZIP GUNS|SLAM GUN|SLAMFIRE|3D PRINTED|3D-PRINTED"
    "|محلية الصنع|محلي الصنع|الصناعات المحلية|محلية|يدوية الصنع|ورشة تصنيع"
    "|自家製|手製|手作り|密造|自制|土制|土造|사제|사제총"
)
# Phrases that name a craft weapon only beside a weapon word ("improvised pistol", not an improvised explosive device).
_CRAFT_WITH_WEAPON = ("IMPROVISED", "CRUDE", "RUDIMENTARY", "CRAFT", "IMPROVISADA", "IMPROVISADO", "RUDIMENTARIA")
_CRAFT_WEAPON_WORDS = frozenset(
    {"PISTOL", "PISTOLS", "GUN", "GUNS", "REVOLVER", "REVOLVERS", "RIFLE", "RIFLES", "SHOTGUN", "SHOTGUNS"}
    | {"FIREARM", "FIREARMS", "WEAPON", "WEAPONS", "CARBINE", "CARBINES", "MM", "BORE"}
)


def _phrases(text: str) -> dict[str, list[tuple[str, ...]]]:
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for phrase in text.split("|"):
        words = tuple(t.text for t in tokenise(phrase))
        if words:
            by_first.setdefault(words[0], []).append(words)
    return by_first


_CRAFT = _phrases(_CRAFT_PHRASES + "|" + "|".join(LOCAL_CRAFT_WORDS))  # and one country's local names (identZ2)
_LOCAL_CRAFT = {normalise(word): code for word, code in LOCAL_CRAFT_WORDS.items()}
_CROSS_BORDER = frozenset(normalise(word) for word in CROSS_BORDER_CRAFT_WORDS)
_CRAFT_IF_WEAPON = _phrases("|".join(_CRAFT_WITH_WEAPON))
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


# A cue binds to the noun it describes: a part, an accessory, a repair or the ammunition of another item is not the
# item ("Beretta pistol with a homemade suppressor", "AK-47 with a locally made stock", "blacksmith repairs").
_CRAFT_NOT_ITEM = _SERVICE_WORDS | {
    "SUPPRESSOR", "SUPPRESSORS", "SILENCER", "SILENCERS", "MODERATOR", "HOLSTER", "HOLSTERS", "STOCK", "STOCKS",
    "BUTTSTOCK", "GRIP", "GRIPS", "SLING", "SLINGS", "MAGAZINE", "MAGAZINES", "MAG", "MAGS", "SCOPE", "SIGHT",
    "SIGHTS", "BIPOD", "HANDGUARD", "FURNITURE", "PART", "PARTS", "SPRING", "TRIGGER", "CLIP", "CLIPS", "MOUNT",
    "ADAPTER", "ADAPTOR", "CASE", "BOX", "POUCH", "BAG", "SCABBARD", "BAYONET", "LASER", "TORCH", "FLASHLIGHT",
    "WORK", "JOB", "FIX", "FIXES", "PATCH", "WELD", "WELDS", "WELDING", "MINER", "MINERS", "MINING", "BOAT",
    "CANOE", "VESSEL", "GOLD", "SUPPLIES", "GOODS",
}  # fmt: skip
# The item nouns a cue may describe: the weapon words and the ammunition and ordnance an item may be.
_CRAFT_ITEM = _CRAFT_WEAPON_WORDS | {
    "AMMUNITION", "AMMO", "CARTRIDGE", "CARTRIDGES", "ROUNDS", "BULLETS", "GRENADE", "GRENADES", "BOMB", "BOMBS",
    "EXPLOSIVE", "EXPLOSIVES", "DEVICE", "DEVICES", "MINE", "MINES", "ARMA", "ARMAS", "ARME", "ARMES", "PISTOLA",
    "PISTOLAS", "ESCOPETA", "ESCOPETAS", "REVOLVER", "FUSIL", "FUSILS", "FUCILE", "TABANCA", "TUFEK", "WAFFE",
    "PISTOLE", "GEWEHR", "مسدس", "بندقية", "سلاح", "اسلحة", "أسلحة",
}  # fmt: skip
# Words that deny a cue before it ("not homemade", "غير محلية الصنع", "非自制"), and Korean denials after it, read
# as syllables ("사제 총기 아님": not a homemade gun).
_NEGATIONS = frozenset(
    {"NOT", "NO", "NON", "NEVER", "NOR", "NICHT", "KEIN", "KEINE", "PAS", "NAO", "NI", "غير", "ليس", "ليست"}
    | {"非", "不", "没", "無", "无", "안"}
)
_DENIED_AFTER = (("아", "님"), ("아", "닌"), ("아", "니"), ("DEGIL",))
# A CJK cue inside a longer word ("自制力", self-control) is not the cue.
_CJK_TAILS = frozenset({"力", "心"})
# "local" after a word of making a few words before it ("الصناعات القسامية المحلية", the Qassam local industries):
# alone it is any local thing ("الشرطة المحلية", the local police).
_LOCAL_AFTER_MAKING = {"المحلية": {"الصناعات", "صناعة", "الصنع", "تصنيع", "صنع"}, "المحلي": {"الصنع", "صنع", "التصنيع"}}
_CLAUSE_MARK = re.compile(r"(?<!\d)[,.](?!\d)|[:!?()—–]|\s-\s")


def clause_ids(scan: Scan) -> list[tuple[int, int]]:
    """(line, clause) of every token: commas, full stops, colons and brackets end a clause within a line. A line
    whose pieces do not tokenise as the whole does is one clause."""
    out: list[tuple[int, int]] = []
    for line_no, line in enumerate(split_lines(scan.text)):
        whole = len(normalise(line).split())
        pieces = [len(normalise(p).split()) for p in _CLAUSE_MARK.split(line)]
        if sum(pieces) != whole:
            pieces = [whole]
        out += [(line_no, c) for c, n in enumerate(pieces) for _ in range(n)]
    return out if len(out) == len(scan.words) else [(t.line, 0) for t in scan.tokens]


def _bound_noun(scan: Scan, start: int, end: int, clauses: list[tuple[int, int]]) -> tuple[int, str] | None:
    """The item or part noun a cue at tokens start..end describes in its clause: the first after it within five
    words, else the nearest before it within three, or None."""
    words = scan.words
    for k in range(end, min(len(words), end + 5)):
        if clauses[k] != clauses[end - 1]:
            break
        if words[k] in _CRAFT_NOT_ITEM or words[k] in _CRAFT_ITEM:
            return k, words[k]
    for k in range(start - 1, max(-1, start - 4), -1):
        if clauses[k] != clauses[start]:
            break
        if words[k] in _CRAFT_NOT_ITEM or words[k] in _CRAFT_ITEM:
            return k, words[k]
    return None


def _craft_cue_holds(scan: Scan, start: int, end: int, weapon: bool, clauses: list[tuple[int, int]]) -> bool:
    """True when a cue at tokens start..end describes the item: not denied, not part of a longer CJK word, not
    bound to a part, accessory or repair, and not bound to another item named after the item ("Norinco Type 56
    rifle seized alongside several locally made pistols")."""
    words = scan.words
    after = words[end : end + 6]
    if _NEGATIONS & set(words[max(0, start - 2) : start]) or any(
        tuple(after[k : k + len(d)]) == d for d in _DENIED_AFTER for k in range(len(after))
    ):
        return False
    if end < len(words) and words[end] in _CJK_TAILS:
        return False
    own = next((k for k in range(start, end) if words[k] in _CRAFT_ITEM), None)  # "pipe gun", "arme artisanale"
    bound = (own, words[own]) if own is not None else _bound_noun(scan, start, end, clauses)
    if weapon and (bound is None or bound[1] not in _CRAFT_WEAPON_WORDS):
        return False
    if bound is None:
        return True
    k, noun = bound
    if noun in _CRAFT_NOT_ITEM:
        return False
    first = min(
        [i for i in range(min(start, k)) if words[i] in _CRAFT_ITEM - {"MM", "BORE"}]
        + [h.start for h in scan.model_hits],
        default=len(words),
    )
    return first >= min(start, k)  # the item is the first named: a cue on a later noun is another item's


def craft_cue(scan: Scan) -> tuple[str, range]:
    """The words saying the item is craft or locally made, and the tokens they span, or ("", empty range)."""
    words = scan.words
    clauses: list[tuple[int, int]] = []
    for i, word in enumerate(words):
        if word in _LOCAL_AFTER_MAKING and _LOCAL_AFTER_MAKING[word] & set(words[max(0, i - 3) : i]):
            return word, range(i, i + 1)
        for table, weapon in ((_CRAFT, False), (_CRAFT_IF_WEAPON, True)):
            for cue in table.get(word, ()):
                end = i + len(cue)
                if tuple(words[i:end]) != cue:
                    continue
                clauses = clauses or clause_ids(scan)
                if not _craft_cue_holds(scan, i, end, weapon, clauses):
                    continue
                if " ".join(cue) in _LOCAL_CRAFT and len(cue) == 1 and not _local_word_is_weapon(scan, i, end):
                    continue
                return " ".join(cue), range(i, end)
    return "", range(0)


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
    calibres = {k for c in scan.calibre_hits for k in range(c.start, c.end)}  # `.303 British` is no place (identZ2)
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


def local_craft_word(scan: Scan) -> tuple[str, str] | None:
    """The country whose speech a local craft-gun word the text names belongs to, and the word, when the item is
    called by it and no place is named: only a weak alternative, since the words cross borders (`tamancha` and
    `katta` are Hindi-Urdu, said in Pakistan too; `فرد خرطوش` in Gaza as in Egypt)."""
    cue, _span = craft_cue(scan)
    if not cue:
        return None
    local = {_LOCAL_CRAFT[w]: w for n in (2, 1) for w in _windows(scan.words, n) if w in _LOCAL_CRAFT}
    return next(iter(local.items())) if len(local) == 1 else None


def one_country_craft_word(word: str) -> bool:
    """True when a local craft word is one country's speech only (`paltik`), not said across borders (`katta`)."""
    return word not in _CROSS_BORDER


# Words beside a one-word local craft name that make it the weapon: a seizure or an arms word next to it ("seized a
# katta", "अवैध तमंचा", "315 bore tamancha"), not anywhere in the text ("50 कट्टा गेहूं": fifty sacks of wheat).
_WEAPON_BESIDE = _CRAFT_ITEM | {
    "SEIZED", "SEIZE", "SEIZES", "SEIZING", "SEIZURE", "RECOVERED", "RECOVER", "RECOVERY", "CONFISCATED", "ILLEGAL",
    "ILLICIT", "LOADED", "FIRED", "ARMED", "WIELDING", "DESI", "COUNTRY", "LOCAL", "CRUDE", "LIVE", "CHAMBERED",
    "बरामद", "जब्त", "अवैध", "कारतूस", "पिस्तौल", "पिस्टल", "हथियार", "देसी", "बोर", "ضبط", "طبنجة", "مسدس",
}  # fmt: skip
# Words skipped when looking for the neighbour: articles, counts and Hindi postpositions ("315 बोर का तमंचा").
_BESIDE_FILLER = frozenset(
    {"A", "AN", "THE", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SOME", "AND", "OR", "WITH", "ALONG"}
    | {"एक", "दो", "तीन", "का", "की", "के", "व", "और", "के साथ"}
)
# Words before a one-word local name that make it a person's or pet's name ("Kumar alias Katta", "a cat named Katta").
_NAME_BEFORE = frozenset({"ALIAS", "NAMED", "CALLED", "URF", "AKA", "NICKNAMED", "उर्फ", "नामक"})


def _local_word_is_weapon(scan: Scan, start: int, end: int) -> bool:
    """True when a one-word local craft name at tokens start..end is the weapon: not a name after `alias` or
    `named`, and a seizure or arms word (or a calibre) its nearest neighbour on either side, in any script."""
    words = scan.words
    if _NAME_BEFORE & set(words[max(0, start - 2) : start]):
        return False
    if any(c.end == start or c.start == end for c in scan.calibre_hits):
        return True
    for step, k in ((-1, start - 1), (1, end)):
        while 0 <= k < len(words) and (words[k] in _BESIDE_FILLER or words[k].isdigit()):
            k += step
        if 0 <= k < len(words) and (words[k] in _WEAPON_BESIDE or words[k] in _CRAFT):
            return True
    return False


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


def _windows(words: list[str], n: int) -> list[str]:
    """The runs of `n` words of the text, joined by spaces."""
    return [" ".join(words[i : i + n]) for i in range(len(words) - n + 1)]
