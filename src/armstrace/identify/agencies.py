"""Names that are not the item's origin: the user or agency a marking names (`Property of`, `Policía
Nacional de`), a comparison (`Mauser-style`, `resembles`), a person's name, a place named in a grammatical case,
and what a "made in" mark names once those are set aside.
"""

from __future__ import annotations

import re

from .placement import bought_after, made_before, user_span
from .provenance import bound_before, opens_made_in
from .scan import Scan
from .text import Hit, normalise
from .words import (
    AGENCY_FILLERS,
    COUNTRY_WORDS,
    DEMONYMS,
    GENERATED_PLACE_FORMS,
    NAME_OPENERS,
    PLACE_WORDS,
    USER_AFTER,
    USER_BEFORE,
    USER_OF,
    made_with_case,
)

__all__ = ["USER_WHY", "compared_or_user", "made_in_codes", "person_named", "place_case"]


#: why a country named as the item's user or destination is no origin (`captured by Finland`, `supplied to`)
USER_WHY = "names a user or destination of the item, not where it was made"


_NATIONAL = frozenset({"NACIONAL", "NATIONALE", "NAZIONALE", "NACIONALE", "NATIONAL"})


# the adjectives an agency's name puts between its noun and "of" (`Forces armées de la RDC`, `Fuerza Aérea de`)
_AGENCY_ADJECTIVES = _NATIONAL | frozenset(
    {"ARMEES", "ARMADAS", "ARMATE", "ARMADOS", "AEREA", "AERIENNE", "FEDERAL", "FEDERALE", "MILITAR", "MILITAIRE"}
)


_OF = frozenset({"OF", "DE", "DU", "DEL", "DA", "DO", "DI", "DES", "D", "DELLA", "DELLE", "VON", "DER"})


_ARTICLES = frozenset({"THE", "LA", "L", "EL", "LE", "LES", "A", "O", "IL"})


def user_before(scan: Scan, hit: Hit) -> bool:
    """True when an army or police noun stands right before the country's adjective (`Ejército Mexicano`), or
    with only "national" between (`Policía Nacional Colombiana`), or an agency's noun owns the country through
    "of" (`Police nationale du Niger`, `Policía Nacional de Colombia`, `Customs Service of Nigeria`). Two words
    back with anything between would take the item's own origin: `Ejército: pistola checa`, `Police recovered
    Serbian grenades`."""
    line = scan.tokens[hit.start].line
    k = hit.start - 1

    def at(words: frozenset[str]) -> bool:
        return k >= 0 and scan.tokens[k].line == line and scan.words[k] in words

    if at(_ARTICLES):
        k -= 1
    of = at(_OF)
    if of:
        k -= 1
    elif k != hit.start - 1:
        return False  # an article alone is no agency's "of"
    if at(_AGENCY_ADJECTIVES if of else _NATIONAL):
        k -= 1
    if of and at(_AGENCY_ADJECTIVES):
        k -= 1
    return at(USER_OF if of else USER_BEFORE)


def compared_or_user(scan: Scan, hit: Hit, made: bool = False) -> str:
    """Why a country named in a made-in phrase is not this item's country, or "" when it is.

    "giving the classic American-made M-16 ... a run for their money" (in a text about the Tavor): the phrase
    qualifies another design named right after it; "captured by Finland": a user; "a copy of the Soviet TT-33".
    """
    span = set(range(hit.start, hit.end))
    if scan.copied & span:
        return "names the design the item copies or resembles"
    line = scan.tokens[hit.start].line
    if any(_false_cue(scan, k) and scan.tokens[k].line == line for k in range(max(0, hit.start - 4), hit.start)):
        return "names an origin the item is made to appear of (a false or doctored mark), not where it was made"
    if any(w in _STYLE_WORDS for w in scan.words[hit.end : hit.end + 2]) and all(
        t.line == line for t in scan.tokens[hit.end : hit.end + 2]
    ):
        return "names a style the item follows (`British-issue style`), not where it was made"
    if user_span(scan) & span:
        return USER_WHY
    if not made and bought_after(scan, hit):  # `委内瑞拉订购的`, `インドが採用した`, `이란이 주문한`
        return "names the buyer, user or market (an order, a purchase, an adoption), not where the item was made"
    if not made and person_named(scan, hit):
        return "part of a person's name (after a title, a role, Abu or al-), not where the item was made"
    if not made and place_case(scan, hit):
        return "names a place (a country's name in the locative: Irak'ta, Szíriában, በየመን), not where it was made"
    if not made and hit.start > 0 and scan.words[hit.start - 1] in PLACE_WORDS and not made_before(scan, hit.start, 5):
        # "PMN mine, Kandahar province, Afghanistan": a country after a province or district is where it was found
        # (but "made in Kirov oblast, Russia" names the region where it was made, and its country)
        return "names the place (a province, district or town) where the item was, not where it was made"
    after = scan.words[hit.end : hit.end + 3]
    if (
        not made
        and not _state_plant(scan, hit)  # `Royal Thai Army War Arsenal`: the state's own plant, not its buyer
        and any(
            w in USER_AFTER
            and (k < 2 or all(v in AGENCY_FILLERS for v in after[:k]))  # `Uganda People's Defence Force`
            and all(t.line == scan.tokens[hit.start].line for t in scan.tokens[hit.end : hit.end + k + 1])
            for k, w in enumerate(after)
        )
    ):  # the owner's word on the country's line (what follows it may be on the next: "Turkish crescent; ...")
        return "names the buyer or owner (a contract, an army, a police force, its crest), not where the item was made"
    imports = [hit.end + k + 1 for k, w in enumerate(after[:2]) if w in _IMPORT_WORDS]
    if (
        not made
        and imports
        and scan.words[imports[0] : imports[0] + 1] in (["OF"], ["FROM"])
        and any(w in DEMONYMS or w in COUNTRY_WORDS for w in scan.words[imports[0] + 1 : imports[0] + 3])
    ):
        # "Ethiopian surplus imports of Czech rifles": the country that imports them, the origin named after `of`
        return "names the country that imports the arms (imports of, from), not where they were made"
    if not made and user_before(scan, hit):
        # "Ejército Mexicano", "Policía Nacional Colombiana": the noun comes first in Romance languages
        return "names the buyer or owner (an army, a police force), not where the item was made"
    noun = scan.words[hit.end : hit.end + 1] in (["MANUFACTURE"], ["PRODUCTION"])  # "of Iranian manufacture"
    # only a made-in phrase ending in its country ("Russian-made") qualifies the next word; one that opens with its
    # making word ("M16 ساخت امریکا", "AK made in Russia") is said of the design before it
    opens = made_before(scan, hit.start, 2) or any(hit.start in (m.start, m.end) for m in scan.find(scan.ix.made_in))
    if made and scan.chosen_model and not noun and not opens:
        for m in scan.model_hits:
            if hit.end <= m.start <= hit.end + 2 and scan.tokens[m.start].line == scan.tokens[hit.start].line:
                names = {getattr(p, "model", "") for p in m.payloads} | {getattr(p, "family", "") for p in m.payloads}
                if not names & {scan.chosen_model, scan.chosen_family}:
                    return "qualifies another design named next to it, not the item"
    return ""


_IMPORT_WORDS = frozenset({"IMPORT", "IMPORTS", "IMPORTED"})


# Words that make the origin named right after them a false one: "falsely marked MADE IN USA", "fake German proofs";
# "appear" only when the mark was made to appear so ("doctored to appear of Russian manufacture"): "appears to be
# Russian-made" is an observer's reading of the true origin
_FALSE_CUES = frozenset(
    {"FAKE", "FAKED", "FALSE", "FALSELY", "FALSIFIED", "FORGED", "DOCTORED"}
    | {"DISGUISED", "MASQUERADING", "PASSED", "SPURIOUS", "BOGUS", "COUNTERFEITED"}
)


_APPEAR = frozenset({"APPEAR", "APPEARS", "APPEARING", "APPEARANCE", "RESEMBLE", "RESEMBLING"})


# what makes a mark appear so: "made to appear", "doctored to appear", "altered to resemble", "disguised to appear"
_MADE_TO = frozenset(
    {"MADE", "DOCTORED", "ALTERED", "MODIFIED", "DISGUISED", "RE-MARKED", "REMARKED", "MARKED", "STAMPED", "ENGRAVED"}
    | {"DESIGNED", "INTENDED", "MEANT", "FINISHED", "REFINISHED", "PAINTED", "DRESSED", "FAKED", "FORGED", "DOCTOR"}
)


def _false_cue(scan: Scan, k: int) -> bool:
    """True when the word at `k` says the origin after it is false: a false-mark word, or "appear" after "made
    to", "doctored to" (never a bare "appears to be", said of a true origin)."""
    word = scan.words[k]
    if word in _FALSE_CUES:
        return True
    return word in _APPEAR and k >= 2 and scan.words[k - 1] == "TO" and scan.words[k - 2] in _MADE_TO


_STYLE_WORDS = frozenset({"STYLE", "STYLED", "LOOKING", "LOOKALIKE"})


def made_in_codes(scan: Scan) -> set[str]:
    """Countries the text marks as the country of manufacture (MADE IN X, 中国制造, Russian-made)."""
    made_hits = scan.find(scan.ix.made_in)
    # a long text's made-in hits, looked up per country; not `Chinese-made, in Kenyan crate`'s MADE IN
    made_ends = {m.end for m in made_hits if m.start < m.end and opens_made_in(scan, m)}
    codes: set[str] = set()
    for hit in scan.find(scan.ix.countries):
        if compared_or_user(scan, hit, made=True):
            continue
        for p in hit.payloads:
            if isinstance(p, tuple) and p[0] == "made_in":
                codes.add(p[1])
            elif hit.start in made_ends or bound_before(scan, hit):
                codes.add(p[1] if isinstance(p, tuple) else str(p))
    return codes


_GENERALS = frozenset({"GEN", "GENERAL"})  # also "general purpose", "Gen 4" (a pistol's generation)


_ROLE_VERBS = frozenset(
    {"SEIZED", "RECOVERED", "FOUND", "CAPTURED", "CONFISCATED", "HANDED", "REPORTED", "SURRENDERED"}
)


_WORDS = re.compile(r"[^\W\d_]+")


def _title_cased(scan: Scan, word: str) -> bool:
    """True when the word is written as a name in the text (`Jan`, `János`: a capital, then small letters)."""
    # the text's names gathered once per scan: asked per word, reading the whole text each time grew as its square
    if (names := scan.memo.get("title_cased")) is None:
        found = {w for w in _WORDS.findall(scan.text) if w[:1].isupper() and w[1:].islower()}
        names = scan.memo["title_cased"] = frozenset(normalise(w) for w in found)
    return bool(word in names)


def _opens_name(scan: Scan, opener: str, following: str) -> bool:
    """True when `opener` (a title or role) opens a person's name whose next word is `following`: not across a
    colon or comma (`Owner: Turkish pistol`), not before a verb (`Officer seized Chinese rifle`), and GEN or
    GENERAL only with a dot or a capitalised name after it (`general purpose`, `Gen 4`)."""
    if opener not in NAME_OPENERS or following in _ROLE_VERBS:
        return False
    if re.search(rf"(?i)(?<![^\W\d_]){re.escape(opener)}\s*[:,;]", scan.text):
        return False
    if opener in _GENERALS:
        dotted = re.search(rf"(?i)(?<![^\W\d_]){re.escape(opener)}\.", scan.text)
        return bool(dotted) or _title_cased(scan, following)
    return True


def person_named(scan: Scan, hit: Hit) -> bool:
    """True when the hit is a surname or nisba: one or two words after a title or role on its line (`Sgt. Lengyel`,
    `owner Jan Holan`), or a single word in -i after AL or EL (`Abu Anas al-Libi`, `al-Misri`: the nisba of a name,
    not the country's name, al-Iraq)."""
    line = scan.tokens[hit.start].line
    before = [scan.words[k] for k in range(max(0, hit.start - 2), hit.start) if scan.tokens[k].line == line]
    if before[-1:] and _opens_name(scan, before[-1], scan.words[hit.start]):
        return True  # `Sgt. Lengyel`, `owner Rasha Khalil`
    if len(before) == 2 and _title_cased(scan, before[1]) and _opens_name(scan, before[0], before[1]):
        return True  # `owner Jan Holan`, `Sgt. János Török`: a given name between
    word = scan.words[hit.start]
    return hit.end - hit.start == 1 and before[-1:] in (["AL"], ["EL"]) and word.isascii() and word.endswith("I")


# A form that is also an adjective of the same country (Estonian inessive `Argentinas` is Spanish `argentinas`,
# `granadas argentinas`) is read as the adjective: field reports in Spanish far outnumber those in Estonian.
_PLACE_CASES = frozenset(normalise(w) for w, c in GENERATED_PLACE_FORMS.items() if DEMONYMS.get(w) != c)


def place_case(scan: Scan, hit: Hit) -> bool:
    """True when the hit is a country's name in a case of place ("in", "for": Turkish Irak'ta, Hungarian
    Szíriában, Amharic በየመን) with no word of making within three words on its line (`Çin'de üretilmiş`, made in
    China): such a form says where the item was found or went, as "seized in" does in English."""
    if " ".join(scan.words[hit.start : hit.end]) not in _PLACE_CASES:
        return False
    line = scan.tokens[hit.start].line
    near_words = range(max(0, hit.start - 3), min(len(scan.words), hit.end + 3))
    return not any(made_with_case(scan.words[k]) for k in near_words if scan.tokens[k].line == line)


# Words naming a state's own plant: an army's arsenal or factory made the item; the army is not only its buyer
_PLANT_WORDS = frozenset({"ARSENAL", "ARSENALS", "FACTORY", "FACTORIES", "WORKS", "WORKSHOPS", "ARMOURY", "ARMORY"})


def _state_plant(scan: Scan, hit: Hit) -> bool:
    """True when the agency named after a country ends in a plant word on its line (`Royal Thai Army War Arsenal`,
    `Army Ordnance Factory`): the state's own plant, which made the item."""
    line = scan.tokens[hit.start].line
    return any(t.line == line and t.text in _PLANT_WORDS for t in scan.tokens[hit.end : hit.end + 4])
