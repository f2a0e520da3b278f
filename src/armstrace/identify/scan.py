"""One marking as scanned: its tokens, the phrase indexes built once per reference, and the few queries on
them every field shares (where an "IMPORTED BY" name runs, what is near, a hit inside a longer word).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from armstrace.reference import Reference

from . import index_store
from .alphabets import central_european_renderings, cyrillic_latin_forms, transliterate
from .endings import LATIN_SLAVIC_COUNTRIES, PLACE_PREPOSITIONS, bare_arabic, stem_keys, stems, unarticled
from .letternames import letter_named
from .misreadings import OCR_DIGITS, OCR_DIGITS_I, RN_MIN, deocr, made_slips, redigit, unrn
from .places import gazetteer
from .possessives import owner_words
from .spellings import Spellings
from .text import Hit, PhraseIndex, Token, compact, fold_key, longest, normalise, tokenise
from .transliterations import inflected, script_names
from .words import (
    AGENCY_FILLERS,
    AMMO_WORDS,
    CASE_HEAD_WORDS,
    CLDR_COUNTRY_WORDS,
    COPY_AFTER,
    COPY_BEFORE,
    COUNTRY_WORDS,
    DEMONYMS,
    DESIGNER_GIVEN_NAMES,
    EXPLOSIVE_WORDS,
    FIREARM_WORDS,
    GENERATED_PLACE_FORMS,
    GENERIC_MAKER_WORDS,
    GUNMAKING_PLACES,
    HOMOGRAPH_FORMS,
    LANGUAGE_COUNTRY_WORDS,
    MADE_IN,
    MADE_IN_COUNTRY,
    MONTHS,
    NAME_OPENERS,
    ORDNANCE_WORDS,
    PACKAGING_WORDS,
    PERSONAL_NAMES,
    PLACE_WORDS,
    SERIAL_LABELS,
    USER_AFTER,
    USER_BEFORE,
    USER_CUES,
    WORD_DESIGNATIONS,
)

__all__ = ["Indexes", "Scan", "imported_by_span", "indexes", "inside_word", "near", "phrase_weight"]


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
    #: the makers' and locations' names without their Slavic case endings, by the index they belong to
    declined: dict[PhraseIndex, PhraseIndex]
    #: the names a slipped or otherwise spelt word is read as (`BERRETA`, `DEGTJAREV`, `RUSSAIN`)
    spellings: Spellings


def phrase_weight(key: str) -> float:
    # two letters (FN, HK, CZ, IK) are as often a serial prefix as a maker: weak until a second mark agrees.
    # A hangul syllable writes a consonant, a vowel and often a final (글록 is Glock, 콜트 Colt): it counts as two
    # letters, so a Korean maker's name of two syllables is no serial prefix
    size = len(key) + sum(1 for ch in key if "\uac00" <= ch <= "\ud7a3")
    return 0.92 if size >= 5 else 0.75 if size >= 3 else 0.45


@functools.lru_cache(maxsize=4)
def indexes(ref: Reference) -> Indexes:
    """The phrase indexes of ``ref``'s tables and the word lists: read from the cache folder when kept there
    (identification writes them there once primed)."""
    kept = index_store.load(ref)
    return kept if isinstance(kept, Indexes) else _build(ref)


def _build(ref: Reference) -> Indexes:
    makers, locations = PhraseIndex(max_words=24), PhraseIndex()  # カラシニコフ・コンツェルン: a token per character
    # `Ижевского машиностроительного завода`, `в Туле`: a name in any case, found by its words' stems; a country
    # named as a maker's place is left to the country words (a location that is a country names no maker alone)
    declined_makers, declined_places = PhraseIndex(), PhraseIndex()
    country_keys = {compact(w) for w in (*COUNTRY_WORDS, *DEMONYMS)}
    for m in ref.manufacturers:
        latin = m.country in LATIN_SLAVIC_COUNTRIES
        for phrase in (m.name, *m.variants, *m.aliases):
            makers.add(phrase, m.manufacturer_id)
            for rendered in central_european_renderings(phrase):  # KALASHNIKOV CONCERN: Kalaschnikow-Konzern
                makers.add(rendered, m.manufacturer_id)
            for key in stem_keys(phrase, latin):
                declined_makers.add(key, m.manufacturer_id)
        for place in m.locations:
            locations.add(place, m.manufacturer_id, min_chars=4)
            if compact(place) not in country_keys:
                for key in stem_keys(place, latin):
                    declined_places.add(key, m.manufacturer_id, min_chars=3)
    by_model = {m.model: m for m in ref.models}
    for other in script_names():  # ネゲヴ, 글록, نيغيف: the rows' names in other scripts
        if other.table == "manufacturer" and ref.manufacturer(other.target):
            for form in (other.name, *inflected(other.name)):  # কালাশনিকভের: the name with its case ending
                makers.add(form, other.target)
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
            for rendered in central_european_renderings(phrase):  # MAKAROV: Pistole Makarow, pistolet Makarowa
                models.add(rendered, mod)
        if mod.country in _TYPE_SHIKI_COUNTRIES:  # `TYPE 69` is written `69式` in Chinese and Japanese
            for phrase in phrases:
                number = _TYPE_NUMBER_ALIAS.fullmatch(phrase.upper())
                if number and f"{number.group(1)}式" not in phrases:
                    models.add(f"{number.group(1)}式", mod)
    for other in script_names():
        # `जी-3` is letter names and a number: read by the letter-name rule, which knows जी 3 दिन is no G3
        if other.table == "model" and other.target in by_model and not letter_named(other.name):
            for form in (other.name, *inflected(other.name)):
                models.add(form, by_model[other.target])
    calibres = PhraseIndex()
    for cal in ref.calibres:
        for phrase in (cal.calibre, *cal.aliases):
            calibres.add(phrase, cal, min_chars=2)
            for rendered in central_european_renderings(phrase):  # 9 MM MAKAROV: `nabój 9 mm Makarow`
                calibres.add(rendered, cal, min_chars=2)
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
    other_scripts = {fold_key(compact(o.name)) for o in script_names()}  # ネゲヴ, 글록: no slips of Latin letters
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
        {makers: declined_makers, locations: declined_places},
        _spellings(ref),
    )


# every word list's words are words the engine knows: none is read as a slip of a name
_WORD_LISTS = (
    AGENCY_FILLERS, AMMO_WORDS, CASE_HEAD_WORDS, COPY_AFTER, COPY_BEFORE, DESIGNER_GIVEN_NAMES, EXPLOSIVE_WORDS,
    FIREARM_WORDS, GENERIC_MAKER_WORDS, LANGUAGE_COUNTRY_WORDS, MONTHS, NAME_OPENERS, ORDNANCE_WORDS, PACKAGING_WORDS,
    PERSONAL_NAMES, PLACE_WORDS, SERIAL_LABELS, USER_AFTER, USER_BEFORE, USER_CUES, WORD_DESIGNATIONS,
)  # fmt: skip


def _spellings(ref: Reference) -> Spellings:
    """Makers', designs' and nations' names as what a slipped word may be read as; every word of the tables and
    word lists as what is never read as another."""
    makers = [p for m in ref.manufacturers for p in (m.name, *m.variants, *m.aliases)]
    models = [p for m in ref.models for p in (m.model, *m.aliases)]
    nations = [*COUNTRY_WORDS, *DEMONYMS]
    known = [p for m in ref.manufacturers for p in m.locations]
    known += [p for imp in ref.import_marks for p in (imp.importer, *imp.variants, *imp.locations)]
    known += [p for cal in ref.calibres for p in (cal.calibre, *cal.aliases)]
    known += [*gazetteer(ref), *GUNMAKING_PLACES, *CLDR_COUNTRY_WORDS, *GENERATED_PLACE_FORMS, *MADE_IN]
    known += [w for words in _WORD_LISTS for w in words]
    # a headstamp or factory code written as one word (`FMMAP` for FM MAP) is a code, not a slipped name
    known += [c.code.replace(" ", "") for c in ref.headstamps] + [c.code.replace(" ", "") for c in ref.factory_codes]
    # a slip is read only as a whole one-word name (BERETTA, RUSSIAN), never as one word of a longer name: TRADING,
    # HOLDING and SPORTING are the ordinary words of many makers' names
    names = [_latin_words(p) for p in (*makers, *nations)]
    slip_names = [n for n in names if " " not in n]
    return Spellings.build([*names, *map(_latin_words, models)], slip_names, map(_latin_words, known))


def _latin_words(phrase: str) -> str:
    """A phrase's words of Latin letters, upper case and without accents (only such words are read as slips): a
    cheaper `normalise` for the tens of thousands of phrases of every table."""
    if not phrase.isascii():
        phrase = unicodedata.normalize("NFKD", phrase.upper().translate(_NO_ACCENT)).encode("ascii", "ignore").decode()
    return " ".join(_NOT_LETTERS.sub(" ", phrase.upper().replace("'", "")).split())


_NOT_LETTERS = re.compile(r"[^A-Z0-9&]+")
# Latin letters with no accent to take off (as `normalise` reads them)
_NO_ACCENT = str.maketrans(
    {"Ł": "L", "Ø": "O", "Đ": "D", "Ħ": "H", "Ŀ": "L", "Œ": "OE", "Æ": "AE", "Þ": "TH", "ẞ": "SS"}
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
        self.stems = stems(self.words)  # ЗАВОДА, ТУЛЕ: words without their case endings, for declined names
        self.bare = [bare_arabic(w) for w in self.words]  # وبالصين: the Arabic words without their clitics
        self.unarticled = [unarticled(w) for w in self.bare]  # الكلاشنكوف: and without the article
        # в Ижевске, в Коврове: a Cyrillic word without its ending, in Latin letters, meets a town's Latin name
        self.translit_stems = [
            transliterate(s) if s != w and not w.isascii() else w for s, w in zip(self.stems, self.words, strict=True)
        ]
        # BERRETA, DEGTJAREV, RUSSAIN: a slipped or otherwise spelt name read as the tables' name (spellings.py)
        self.mended = ix.spellings.mend(self.words, text)
        self.owners = owner_words(text, self.words)  # GLOCK'S, TISAŞ'IN: the name without its suffix
        self.possessors = owner_words(text, self.words, possessive_only=True)  # RUSSIA'S, never LIBYA'YA
        # ВХС-2, НК: a Latin designation typed in Cyrillic letters, read by their look or by Х as H (Serbian)
        self.latin_forms = [cyrillic_latin_forms(w) for w in self.words]
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
        # the plain hits of each index (words and tokens never change after this): a long text is asked for the
        # same table once per cue, and scanning it again each time grew with the square of the text
        self._found: dict[int, tuple[PhraseIndex, list[Hit]]] = {}
        self.memo: dict[object, Any] = {}  # results of pure functions of the scan (placement.user_span)

    def find(
        self, index: PhraseIndex, ocr: bool = False, across: bool = False, digits: bool = False, loose: bool = False
    ) -> list[Hit]:
        if ocr:  # CO1T, NOR1NCO, HECKLER & K0CH: digits read for letters inside words (1 as L, then as I)
            out: list[Hit] = []
            for table in (OCR_DIGITS, OCR_DIGITS_I):
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
                        len(f) >= RN_MIN
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
        cached = self._found.get(id(index))
        if cached is not None and cached[0] is index:
            return list(cached[1])
        hits = index.scan(self.tokens, self.words)
        if self.translit != self.words:
            seen = {(h.start, h.end) for h in hits}
            # a Cyrillic mark of two or three letters is not the Latin code it spells (ПС is not Poongsan's PS)
            hits += [
                h
                for h in index.scan(self.tokens, self.translit)
                if (h.start, h.end) not in seen and (len(h.key) > 3 or self.words[h.start : h.end] == [h.key])
            ]
        declined = self.ix.declined.get(index)
        tries = [(declined, self.stems, 0), (index, self.translit_stems, 4)] if declined is not None else []
        tries += [
            (index, self.bare, 4),
            (index, self.unarticled, 4),
            (index, self.owners if index is self.ix.makers else self.possessors, 2),
            (index, self.mended, 4),
        ]
        if index is self.ix.models and any(self.latin_forms):
            # only a designation with a digit (ВХС-2 is VHS-2): a Cyrillic word alone is a word of its language
            tries += [
                (index, [f[k] if f else w for f, w in zip(self.latin_forms, self.words, strict=True)], 3)
                for k in (0, 1)
            ]
        for phrases, words, least in tries:
            # a name in another case or with a clitic or article on it: only where a word was changed, never over
            # what the words as written name
            if words == self.words:
                continue
            seen = {(h.start, h.end) for h in hits}
            hits += [
                h
                for h in phrases.scan(self.tokens, words)
                if (h.start, h.end) not in seen
                and words[h.start : h.end] != self.words[h.start : h.end]
                and len(h.key) >= least
                and (least != 3 or any(ch.isdigit() for ch in h.key))
                and (index is not self.ix.locations or words is self.bare or self._after_preposition(h))
            ]
        self._found[id(index)] = (index, hits)
        return list(hits)

    def _after_preposition(self, hit: Hit) -> bool:
        """True when a declined town's name of one word follows a preposition of place on its line (`в Туле`)."""
        k = hit.start - 1
        return hit.end - hit.start > 1 or (
            k >= 0 and self.tokens[k].line == self.tokens[hit.start].line and self.words[k] in PLACE_PREPOSITIONS
        )

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
    if (kept := scan.memo.get("imported_by_span")) is None:  # asked per maker named
        kept = scan.memo["imported_by_span"] = frozenset(_imported_by_span(scan))
    return set(kept)


def _imported_by_span(scan: Scan) -> set[int]:
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


def near(scan: Scan, hit: Hit, others: list[Hit], gap: int = 6) -> bool:
    """True when `hit` is on the line of one of `others` and within `gap` words of it."""
    return any(
        scan.line_of(hit) == scan.line_of(o) and (0 <= hit.start - o.end <= gap or 0 <= o.start - hit.end <= gap)
        for o in others
    )
