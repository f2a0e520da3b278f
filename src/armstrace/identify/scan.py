"""One marking as scanned: its tokens, the phrase indexes built once per reference, and the queries on
them that several fields share (where an "IMPORTED BY" name runs, what is marked "made in", what is near).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from armstrace.reference import Reference

from .letternames import letter_named
from .text import Hit, PhraseIndex, Token, compact, longest, normalise, tokenise, transliterate
from .transliterations import script_names
from .words import (
    AGENCY_FILLERS,
    COPY_AFTER,
    COPY_BEFORE,
    COPY_VERBS,
    COUNTRY_WORDS,
    CRAFT_CENTRES,
    DEMONYMS,
    DESIGN_TYPE_WORDS,
    GENERATED_PLACE_FORMS,
    GUNMAKING_PLACES,
    HOMOGRAPH_FORMS,
    MADE_AFTER,
    MADE_IN,
    MADE_IN_COUNTRY,
    MADE_OPENS,
    MADE_POSTPOSITIONS,
    NAME_OPENERS,
    PLACE_WORDS,
    SERIAL_LABELS,
    USER_AFTER,
    USER_BEFORE,
    USER_CUES,
    USER_OF,
    WORKSHOP_TOWNS,
    made_with_case,
)

__all__ = [
    "Indexes",
    "Scan",
    "compared_or_user",
    "copied_design",
    "copy_origin",
    "deocr",
    "imported_by_span",
    "indexes",
    "inside_word",
    "made_after",
    "made_before",
    "made_in_codes",
    "made_slips",
    "near",
    "person_named",
    "phrase_weight",
    "place_case",
    "recovered_after",
    "redigit",
    "unrn",
    "user_span",
]


_HOMOGRAPHS = frozenset(normalise(w) for w in HOMOGRAPH_FORMS)


@dataclass
class Indexes:
    ref: Reference
    makers: PhraseIndex
    locations: PhraseIndex
    importers: PhraseIndex
    import_locations: PhraseIndex
    models: PhraseIndex
    calibres: PhraseIndex
    countries: PhraseIndex
    made_in: PhraseIndex
    properties: PhraseIndex
    headstamps: PhraseIndex
    factory_words: PhraseIndex
    factory_numbers: dict[str, list[Any]]
    fuzzy_keys: dict[int, list[tuple[str, str]]]  # by length: a slip changes the length by one or two at most
    german_codes: dict[str, Any]
    user_cues: PhraseIndex


def phrase_weight(key: str) -> float:
    # two letters (FN, HK, CZ, IK) are as often a serial prefix as a maker: weak until a second mark agrees
    return 0.92 if len(key) >= 5 else 0.75 if len(key) >= 3 else 0.45


@functools.lru_cache(maxsize=4)
def indexes(ref: Reference) -> Indexes:
    makers, locations = PhraseIndex(max_words=24), PhraseIndex()  # カラシニコフ・コンツェルン: a token per character
    for m in ref.manufacturers:
        for phrase in (m.name, *m.variants, *m.aliases):
            makers.add(phrase, m.manufacturer_id)
        for place in m.locations:
            locations.add(place, m.manufacturer_id, min_chars=4)
    by_model = {m.model: m for m in ref.models}
    for other in script_names():  # ネゲヴ, 글록, نيغيف: the rows' names in other scripts
        if other.table == "manufacturer" and ref.manufacturer(other.target):
            makers.add(other.name, other.target)
        elif other.table == "location" and ref.manufacturer(other.target):
            locations.add(other.name, other.target, min_chars=2)
    importers, import_locations = PhraseIndex(), PhraseIndex()
    for imp in ref.import_marks:
        for phrase in (imp.importer, *imp.variants):
            importers.add(phrase, imp)
        for place in imp.locations:
            import_locations.add(place, imp, min_chars=4)
    models = PhraseIndex(max_words=24)
    for mod in ref.models:
        phrases = (mod.model, *mod.aliases)
        for phrase in phrases:
            models.add(phrase, mod)
        if mod.country in _TYPE_SHIKI_COUNTRIES:  # `TYPE 69` is written `69式` in Chinese and Japanese
            for phrase in phrases:
                number = _TYPE_NUMBER_ALIAS.fullmatch(phrase.upper())
                if number and f"{number.group(1)}式" not in phrases:
                    models.add(f"{number.group(1)}式", mod)
    for other in script_names():
        # `जी-3` is letter names and a number: read by the letter-name rule, which knows जी 3 दिन is no G3
        if other.table == "model" and other.target in by_model and not letter_named(other.name):
            models.add(other.name, by_model[other.target])
    calibres = PhraseIndex()
    for cal in ref.calibres:
        for phrase in (cal.calibre, *cal.aliases):
            calibres.add(phrase, cal, min_chars=2)
    countries, made_in = PhraseIndex(max_words=24), PhraseIndex()  # チェコスロバキア製: one token per character
    for word, iso in COUNTRY_WORDS.items():
        countries.add(word, iso)
    for word, iso in DEMONYMS.items():
        countries.add(word, ("demonym", iso))
    for word, iso in GUNMAKING_PLACES.items():
        countries.add(word, ("place", iso))
    for phrase in MADE_IN:
        made_in.add(phrase, phrase)
    for phrase, iso in MADE_IN_COUNTRY.items():
        countries.add(phrase, ("made_in", iso))
    properties = PhraseIndex()
    for prop in ref.property_marks:
        properties.add(prop.pattern, prop)
    headstamps = PhraseIndex()
    for stamp in ref.headstamps:
        headstamps.add(stamp.code, stamp, min_chars=1)
    factory_words, numbers, german = PhraseIndex(), dict[str, list[Any]](), dict[str, Any]()
    for code in ref.factory_codes:
        digits = code.code.strip()
        if code.system == "german_ordnance":
            german[digits.lower()] = code
        elif digits.isdigit() and code.system != "ordnance_lot":  # a lot mark's plant number, not a framed code
            numbers.setdefault(str(int(digits)), []).append(code)
        else:
            factory_words.add(code.code, code, min_chars=3)
    fuzzy: dict[int, list[tuple[str, str]]] = {}
    other_scripts = {compact(o.name) for o in script_names()}  # ネゲヴ, 글록: no transcriber's slips of Latin letters
    for key in makers.phrases():  # no digits: FACTORY 41 is not a slip of FACTORY 416
        if (
            key not in other_scripts
            and len(key) >= 7
            and not any(ch.isdigit() for ch in key)
            and len(ids := makers.get(key)) == 1
        ):
            fuzzy.setdefault(len(key), []).append((key, str(ids[0])))
    user_cues = PhraseIndex()
    for phrase in USER_CUES:
        user_cues.add(phrase, phrase)
    return Indexes(
        ref,
        makers,
        locations,
        importers,
        import_locations,
        models,
        calibres,
        countries,
        made_in,
        properties,
        headstamps,
        factory_words,
        numbers,
        fuzzy,
        german,
        user_cues,
    )


class Scan:
    """Everything found in one marking, before the fields are decided."""

    def __init__(self, text: str, ix: Indexes) -> None:
        self.text = text
        self.ix = ix
        self.tokens: list[Token] = tokenise(text)
        self.words = made_slips([t.text for t in self.tokens], self.tokens, ix.countries)
        # a Cyrillic word that is an ordinary word of its language is not another language's adjective in Latin
        self.translit = [w if w in _HOMOGRAPHS else transliterate(w) for w in self.words]
        self.used: set[int] = set()
        self.maker_hits: list[Hit] = []
        self.makers_taken: list[Hit] = []  # maker phrases taken as evidence (not blocked)
        self.model_is_copy = False  # the only model named is a design the item copies
        self.copied: set[int] = set()  # tokens naming a design the item copies ("a copy of the Walther PP")
        self.lot: Any = None  # a lot-year-factory mark (codes.LotMark) on ordnance or ammunition
        self.calibre_hits: list[Hit] = []  # calibre names: a country or maker inside one (.303 British) is not origin
        self.model_hits: list[Hit] = []  # model phrases named in the text (the item's own and compared ones)
        self.chosen_model: str | None = None  # the item's model once decided
        self.chosen_family: str | None = None
        self.stamp_span: tuple[int, int] | None = None  # years of use of the headstamp code read (dates its year)

    def find(
        self, index: PhraseIndex, ocr: bool = False, across: bool = False, digits: bool = False, loose: bool = False
    ) -> list[Hit]:
        if ocr:  # CO1T, NOR1NCO, HECKLER & K0CH: digits read for letters inside words (1 as L, then as I)
            out: list[Hit] = []
            for table in (_OCR_DIGITS, _OCR_DIGITS_I):
                fixed = [deocr(w, table) for w in self.words]
                if fixed != self.words:
                    seen = {(h.start, h.end) for h in out}
                    out += [h for h in index.scan(self.tokens, fixed) if (h.start, h.end) not in seen]
            # IZHRNASH: the m of a worn or photographed stamp read as rn. A last resort: only when the words as
            # written and the digit slips name nothing of the table, and only to a long name (seven letters or
            # more, as for a fuzzy maker) read in full: BURNAR, ARNBERG, GARNI, PARNAS are names of people and
            # places that a short name (BUMAR, AMBERG, GAMI, PAMAS) would otherwise take.
            fixed = [unrn(w) for w in self.words]
            if fixed != self.words and not out and not self.find(index):
                out = [
                    h
                    for h in index.scan(self.tokens, fixed)
                    if fixed[h.start : h.end] != self.words[h.start : h.end]
                    and all(
                        len(f) >= _RN_MIN
                        for f, w in zip(fixed[h.start : h.end], self.words[h.start : h.end], strict=True)
                        if f != w
                    )
                ]
            return out
        if digits:  # M7O, M16Al, TYPE 5G: letters read for digits inside designations that have digits
            fixed = [redigit(w) for w in self.words]
            return index.scan(self.tokens, fixed) if fixed != self.words else []
        if loose:  # TYPE S6, VZ 5B, P22G: S, B, G, Z read for 5, 8, 6, 2; only one designation may fit
            # never a word after a serial or number label (SN M1G 4821, NO 3G): that is the serial, not a design
            fixed = [w if self.after_serial_label(i) else redigit(w, loose=True) for i, w in enumerate(self.words)]
            if fixed == self.words:
                return []
            hits = [h for h in index.scan(self.tokens, fixed) if fixed[h.start : h.end] != self.words[h.start : h.end]]
            return hits if len({h.key for h in longest(hits)}) == 1 else []
        if across:  # NEW ENGLAND / WESTINGHOUSE / COMPANY: one stamped name transcribed on several lines
            flat = [Token(t.text, 0, t.index, t.raw) for t in self.tokens]
            return [
                h
                for h in index.scan(flat, self.words)
                if self.tokens[h.start].line != self.tokens[h.end - 1].line and len(h.key) >= 10
            ]
        hits = index.scan(self.tokens, self.words)
        if self.translit != self.words:
            seen = {(h.start, h.end) for h in hits}
            # a Cyrillic mark of two or three letters is not the Latin code it spells (ПС is not Poongsan's PS)
            hits += [
                h
                for h in index.scan(self.tokens, self.translit)
                if (h.start, h.end) not in seen and (len(h.key) > 3 or self.words[h.start : h.end] == [h.key])
            ]
        return hits

    def after_serial_label(self, i: int) -> bool:
        """True when word i follows a serial or number label on its line (SN, SERIAL, NO, №), and not a model's
        own (`MODEL NO G3`)."""
        k = i - 1
        if k < 0 or self.tokens[k].line != self.tokens[i].line or self.words[k] not in SERIAL_LABELS:
            return False
        return not (k >= 1 and self.words[k - 1] in {"MODEL", "MOD", "TYPE"})

    def raw(self, hit: Hit) -> str:
        return " ".join(self.words[hit.start : hit.end])

    def line_of(self, hit: Hit) -> int:
        return self.tokens[hit.start].line

    def mark(self, hit: Hit) -> None:
        self.used.update(range(hit.start, hit.end))


def imported_by_span(scan: Scan) -> set[int]:
    """Tokens after IMPORTED BY / IMP BY on the same line: an importer's name, whatever else it matches."""
    out: set[int] = set()
    for i, tok in enumerate(scan.tokens):
        nxt = scan.words[i + 1] if i + 1 < len(scan.words) else ""
        by = tok.text in {"IMPORTED", "IMP", "DIST", "DISTRIBUTED", "IMPORTE", "IMPORTADO"} and nxt in {
            "BY",
            "PAR",
            "POR",
        }
        if by or tok.text in {"IMPORTER", "IMPORTERS", "IMPORTADOR", "IMPORTATEUR"}:
            # "Action Arms-imported IMI UZI": only "imported BY" or an importer label names the importer
            j = i + 1
            while j < len(scan.tokens) and scan.tokens[j].line == tok.line:
                out.add(j)
                j += 1
    return out


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
        return "names a user or destination of the item, not where it was made"
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
        and any(
            w in USER_AFTER
            and (k < 2 or all(v in AGENCY_FILLERS for v in after[:k]))  # `Uganda People's Defence Force`
            and all(t.line == scan.tokens[hit.start].line for t in scan.tokens[hit.end : hit.end + k + 1])
            for k, w in enumerate(after)
        )
    ):  # the owner's word on the country's line (what follows it may be on the next: "Turkish crescent; ...")
        return "names the buyer or owner (a contract, an army, a police force, its crest), not where the item was made"
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
_COPY_WORDS = frozenset(
    # KOPIA, COPIA, КОПИЯ: Polish, Italian/Spanish/Portuguese and Russian (`chińska kopia`, `copia cinese`)
    {"COPY", "COPIES", "CLONE", "CLONES", "KNOCKOFF", "REPLICA", "IMITATION", "COUNTERFEIT", "KOPIA", "COPIA", "КОПИЯ"}
)
_COPY_FILLER = frozenset({"A", "AN", "THE", "CRAFT", "LOCAL", "LOCALLY", "HOMEMADE", "ARTISANAL", "ILLICIT", "MADE"})


def copy_origin(scan: Scan) -> tuple[str, str] | None:
    """(country, words) when the text says where a copy was made: "a Pakistani copy", "Danao City craft copy",
    "copy made in Darra". Craft copies carry a brand and a false MADE IN; the copy's own origin is the truth.

    A country after "copy of (the)" is the copied design's ("a copy of the Soviet TT-33") and does not count.
    """
    for i, word in enumerate(scan.words):
        if word not in _COPY_WORDS:
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


# letters an OCR engine or a worn stamp confuses, as (read, meant): MAOE, NADE, MAD3 IN CHINA are MADE IN CHINA
_MADE_SLIPS = frozenset({("O", "D"), ("0", "D"), ("N", "M"), ("F", "E"), ("3", "E"), ("4", "A")})


def made_slips(words: list[str], tokens: list[Token], countries: PhraseIndex) -> list[str]:
    """The words with MADE read with one confused letter (`MAOE IN CHINA`, `NADE IN`) put right, when IN and a
    country name follow it on its line; other words as they are."""
    out = list(words)
    for i, word in enumerate(words[:-2]):
        if len(word) != 4 or word == "MADE" or words[i + 1] != "IN" or tokens[i + 2].line != tokens[i].line:
            continue
        diff = [(a, b) for a, b in zip(word, "MADE", strict=True) if a != b]
        if len(diff) == 1 and diff[0] in _MADE_SLIPS and countries.scan(tokens[i + 2 : i + 6], words[i + 2 : i + 6]):
            out[i] = "MADE"
    return out


def made_in_codes(scan: Scan) -> set[str]:
    """Countries the text marks as the country of manufacture (MADE IN X, 中国制造, Russian-made)."""
    made_hits = scan.find(scan.ix.made_in)
    codes: set[str] = set()
    for hit in scan.find(scan.ix.countries):
        if compared_or_user(scan, hit, made=True):
            continue
        for p in hit.payloads:
            if isinstance(p, tuple) and p[0] == "made_in":
                codes.add(p[1])
            elif any(m.end == hit.start and m.start < hit.start for m in made_hits) or made_after(scan, hit):
                codes.add(p[1] if isinstance(p, tuple) else str(p))
    return codes


def made_after(scan: Scan, hit: Hit) -> bool:
    """True when a made word follows the country on its line ("Russian-made", `ポーランド製`, `تركي الصنع`), with at
    most two postposition tokens between (`पोलैंड में बनी`, `불가리아에서 생산`); not when MADE opens a phrase of its own
    ("Kenya, made in Serbia")."""
    end, line = hit.end, scan.tokens[hit.start].line
    while end < len(scan.words) and end - hit.end < 2 and scan.words[end] in MADE_POSTPOSITIONS:
        end += 1
    return (
        end < len(scan.words)
        and scan.words[end] in MADE_AFTER
        and scan.tokens[end].line == line
        and (
            end + 1 >= len(scan.words)
            or scan.words[end + 1] not in MADE_OPENS
            or scan.words[end + 1 : end + 3] in (["FOR", "EXPORT"], ["FOR", "EXPORTS"])  # a purpose, no other party
        )
    )


# Recovery words after a place and its postposition (`アフガニスタンで回収`, `아프가니스탄에서 압수`, `भारत में बरामद`):
# where an item was recovered, seized or found, in the languages that put the verb after the place.
_RECOVERED_AFTER = (
    ("回", "収"),
    ("押", "収"),
    ("発", "見"),
    ("鹵", "獲"),
    ("缴", "获"),
    ("繳", "獲"),
    ("查", "获"),
    ("회", "수"),
    ("압", "수"),
    ("발", "견"),
    ("노", "획"),
    ("बरामद",),
    ("जब्त",),
)


def recovered_after(scan: Scan, hit: Hit) -> bool:
    """True when the place is followed (after a postposition) by a word saying the item was recovered there."""
    end = hit.end
    while end < len(scan.words) and end - hit.end < 2 and scan.words[end] in MADE_POSTPOSITIONS:
        end += 1
    return end > hit.end and any(tuple(scan.words[end : end + len(w)]) == w for w in _RECOVERED_AFTER)


_GENERALS = frozenset({"GEN", "GENERAL"})  # also "general purpose", "Gen 4" (a pistol's generation)
_ROLE_VERBS = frozenset(
    {"SEIZED", "RECOVERED", "FOUND", "CAPTURED", "CONFISCATED", "HANDED", "REPORTED", "SURRENDERED"}
)
_WORDS = re.compile(r"[^\W\d_]+")


def _title_cased(scan: Scan, word: str) -> bool:
    """True when the word is written as a name in the text (`Jan`, `János`: a capital, then small letters)."""
    return any(w[:1].isupper() and w[1:].islower() and normalise(w) == word for w in _WORDS.findall(scan.text))


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


_PLACE_CASES = frozenset(normalise(w) for w in GENERATED_PLACE_FORMS)


def place_case(scan: Scan, hit: Hit) -> bool:
    """True when the hit is a country's name in a case of place ("in", "for": Turkish Irak'ta, Hungarian
    Szíriában, Amharic በየመን) with no word of making within three words on its line (`Çin'de üretilmiş`, made in
    China): such a form says where the item was found or went, as "seized in" does in English."""
    if " ".join(scan.words[hit.start : hit.end]) not in _PLACE_CASES:
        return False
    line = scan.tokens[hit.start].line
    near_words = range(max(0, hit.start - 3), min(len(scan.words), hit.end + 3))
    return not any(made_with_case(scan.words[k]) for k in near_words if scan.tokens[k].line == line)


def _kana(word: str) -> bool:
    return len(word) == 1 and ("\u30a0" <= word <= "\u30ff" or word == "ー")


def inside_word(scan: Scan, hit: Hit) -> bool:
    """True when a name in katakana is part of a longer katakana word (`インド` in `ウインドウ`, window):
    Japanese writes no spaces, and its characters are tokens of their own, so the name's ends are checked."""
    first, last = scan.words[hit.start], scan.words[hit.end - 1]
    before = scan.words[hit.start - 1] if hit.start > 0 else ""
    after = scan.words[hit.end] if hit.end < len(scan.words) else ""
    return (_kana(first) and _kana(before)) or (_kana(last) and _kana(after))


_TYPE_NUMBER_ALIAS = re.compile(r"TYPE\s*(\d{1,3}(?:-\d{1,2})?)")
_TYPE_SHIKI_COUNTRIES = frozenset({"CN", "JP", "TW"})


_FILLER = frozenset({"THE", "A", "AN", "ITS", "THEIR", "OF"})


def user_span(scan: Scan, bare: bool = True) -> set[int]:
    """Tokens naming a user or destination: the words just after "captured by", "supplied to", "exported to".

    "captured or purchased by Finland", "supplied to the Afghan forces", "exported to an American online arms
    dealer": the country named there holds or received the item; it did not make it.
    """
    out: set[int] = set()
    for hit in scan.find(scan.ix.user_cues):
        if hit.start and scan.words[hit.start - 1] in _MAKER_PLACE:
            continue  # "factory location: Izhevsk, Russia" is where it was made
        j, taken = hit.end, 0
        while j < len(scan.tokens) and scan.tokens[j].line == scan.tokens[hit.start].line and taken < 3:
            if scan.words[j] in _ORIGIN_BEFORE:
                break  # "seized in Kenya, made in Bulgaria": the making begins
            out.add(j)
            if scan.words[j] not in _FILLER:
                taken += 1
            j += 1
        # "recovered from al-Shabaab in Somalia", "used by Houthi forces in Yemen": the holder's place after it
        # is the user's too
        k = hit.end
        while k < min(j + 1, len(scan.tokens)) and scan.tokens[k].line == scan.tokens[hit.start].line:
            if scan.words[k] in _ORIGIN_BEFORE:
                break
            if scan.words[k] in _PLACE_WORDS:
                out |= _place_after(scan, k)
                break
            k += 1
    return out | _place_span(scan) if bare else out  # bare: also the place after a bare "in"/"from"


_PLACE_WORDS = frozenset({"IN", "AT", "NEAR"})
_MAKER_PLACE = frozenset({"FACTORY", "PLANT", "MANUFACTURER", "MAKER", "MANUFACTURING", "PRODUCTION", "MANUFACTURE"})
# A bare "in", "at" or "from" before a country names where the item is or was (recovered, used, photographed),
# unless a word of making or origin comes just before it ("made in", "produced under licence in", "imported from").
_BARE_PLACE = frozenset({"IN", "AT", "FROM", "NEAR", "INSIDE"})
_ORIGIN_BEFORE = frozenset(
    {
        "MADE",
        "MANUFACTURED",
        "MANUFACTURE",
        "MFD",
        "MFG",
        "PRODUCED",
        "PRODUCTION",
        "BUILT",
        "BUILD",
        "ASSEMBLED",
        "FABRICATED",
        "FORGED",
        "CAST",
        "LICENCE",
        "LICENSE",
        "LICENSED",
        "LICENCED",
        "IMPORTED",
        "EXPORTED",
        "SHIPPED",
        "ORIGIN",
        "ORIGINATING",
        "ORIGINATED",
        "ORIGINALLY",
        "COMES",
        "CAME",
        "SOURCED",
        "DESIGNED",
        "DEVELOPED",
        "FACTORY",
        "ARSENAL",
        "PLANT",
        "WORKS",
        "STRUCK",
        "STAMPED",
        "PRINTED",
        "COPIED",
        "COPY",
        "NATIVE",
        # the same in the other languages transcriptions come in (German, French, Italian, Spanish, Portuguese)
        "HERGESTELLT",
        "GEFERTIGT",
        "PRODUZIERT",
        "GEBAUT",
        "FABRIQUE",
        "FABRIQUEE",
        "PRODUIT",
        "FABBRICATO",
        "FABBRICATA",
        "PRODOTTO",
        "PRODOTTA",
        "COSTRUITO",
        "COSTRUITA",
        "PRODUZIONE",
        "FABRICADO",
        "FABRICADA",
        "PRODUCIDO",
        "PRODUCIDA",
        "HECHO",
        "HECHA",
        "FABRICACION",
        "PRODUCAO",
        "LICENZA",
        "LICENCIA",
        "LIZENZ",
    }
)


def _place_span(scan: Scan) -> set[int]:
    """The words after a bare "in"/"at"/"from" that no making word precedes: "an AK-47 seized in Kenya",
    "AK rifle from Libya", "photographed in Yemen" — the place of recovery or use, not the origin."""
    out: set[int] = set()
    for i, word in enumerate(scan.words):
        if word not in _BARE_PLACE or i + 1 >= len(scan.words):
            continue
        line = scan.tokens[i].line
        before = [scan.words[k] for k in range(max(0, i - 4), i) if scan.tokens[k].line == line]
        if any(w in _ORIGIN_BEFORE or w in _COPY_WORDS for w in before):
            continue  # "made in", "a copy from Munger": where it was made
        licence = [scan.words[k] for k in range(max(0, i - 8), i) if scan.tokens[k].line == line]
        if any(w.startswith(("LICEN", "LIZENZ", "LISANS", "LISENSI")) for w in licence) and not _licensor_home(scan, i):
            continue  # "made under licence from Heckler & Koch in Pakistan": the licensee's country
        nxt = scan.words[i + 1]
        if any(isinstance(p, tuple) and p[0] == "demonym" for p in scan.ix.countries.get(nxt)):
            continue  # "an inscription in Bulgarian", "in Chinese characters": a language, not a place
        out |= _place_after(scan, i)
    return out


def _licensor_home(scan: Scan, i: int) -> bool:
    """True when the country after the word at `i` is the home of a maker named just before it: "licence from
    Heckler & Koch in Germany" places the licensor, and says nothing of where the item was made."""
    line = scan.tokens[i].line
    homes = set()
    for hit in scan.find(scan.ix.makers):
        if max(0, i - 8) <= hit.start and hit.end <= i and scan.tokens[hit.start].line == line:
            homes |= {row.country for mid in hit.payloads if (row := scan.ix.ref.manufacturer(str(mid))) is not None}
    if not homes:
        return False
    for hit in scan.find(scan.ix.countries):
        if hit.start == i + 1:
            codes = {p[1] if isinstance(p, tuple) else str(p) for p in hit.payloads}
            return bool(codes) and codes <= homes
    return False


def made_before(scan: Scan, i: int, span: int = 3) -> bool:
    """True when a word of making or origin comes within `span` words before the word at `i` on its line
    ("made in Karachi, Pakistan": the town and its country are where the item was made)."""
    line = scan.tokens[i].line
    return any(
        scan.words[k] in _ORIGIN_BEFORE or scan.words[k] in _COPY_WORDS
        for k in range(max(0, i - span), i)
        if scan.tokens[k].line == line
    )


def _place_after(scan: Scan, i: int) -> set[int]:
    """The place named after the word at `i` (up to three words on its line), ending where a making word
    begins: "seized in Kenya, made in Bulgaria"."""
    out = {i}
    for k in range(i + 1, min(i + 4, len(scan.words))):
        if scan.tokens[k].line != scan.tokens[i].line or scan.words[k] in _ORIGIN_BEFORE | _PLACE_ENDS:
            break
        out.add(k)
    return out


_PLACE_ENDS = frozenset({"BY", "MARKED", "WITH", "AND", "BUT", "OF"})


def near(scan: Scan, hit: Hit, others: list[Hit], gap: int = 6) -> bool:
    """True when `hit` is on the line of one of `others` and within `gap` words of it."""
    return any(
        scan.line_of(hit) == scan.line_of(o) and (0 <= hit.start - o.end <= gap or 0 <= o.start - hit.end <= gap)
        for o in others
    )


_OCR_DIGITS = str.maketrans({"0": "O", "1": "L", "5": "S", "8": "B", "6": "G"})
_OCR_DIGITS_I = str.maketrans({"0": "O", "1": "I", "5": "S", "8": "B", "6": "G"})


_LETTER_DIGIT = {"O": "0", "I": "1", "L": "1"}
# letters a worn stamp or an OCR engine also gives for digits, tried only when nothing else was read: many real
# designations end in them (CZ 75B, M70B1, P226S), so they are the last resort and one designation must fit
_LOOSE_LETTER_DIGIT = _LETTER_DIGIT | {"S": "5", "B": "8", "G": "6", "Z": "2"}


def redigit(word: str, loose: bool = False) -> str:
    """A designation with O, I and L read as 0 and 1 where they touch a digit or end it (`M7O` → `M70`,
    `M16AL` → `M16A1`); with `loose`, S, B, G and Z too (`S6` → `56`, `5B` → `58`); words without digits are
    left alone."""
    if not any(ch.isdigit() for ch in word) or sum(ch.isalpha() for ch in word) > 4:
        return word
    table = _LOOSE_LETTER_DIGIT if loose else _LETTER_DIGIT
    chars = list(word)
    for i, ch in enumerate(chars):
        if ch in table:
            touches = (i and chars[i - 1].isdigit()) or (i + 1 < len(chars) and chars[i + 1].isdigit())
            if touches or (i == len(chars) - 1 and i and chars[i - 1].isalpha()):
                chars[i] = table[ch]
    return "".join(chars)


_RN_MIN = 7  # the shortest name an RN-for-M slip may be read as (IZHMASH, ARMALITE)
_RN = re.compile(r"(?<=[A-Z])RN(?=[A-Z])")


def unrn(word: str) -> str:
    """A word with RN inside it read as M (`IZHRNASH` → `IZHMASH`, `ARRNALITE` → `ARMALITE`), the commonest slip of
    optical reading; only for words of five letters or more, and looked up only as a slip (the word as written first).
    """
    if len(word) < 5 or not word.isalpha():
        return word
    return _RN.sub("M", word)


def deocr(word: str, table: dict[int, str] | None = None) -> str:
    """A word with digits read as the letters they are mistaken for, when it is mostly letters (CO1T)."""
    letters = sum(ch.isalpha() for ch in word)
    digits = sum(ch.isdigit() for ch in word)
    if letters < 2 or not digits or digits > 2 or digits * 2 > letters:
        return word
    return word.translate(table or _OCR_DIGITS)


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
