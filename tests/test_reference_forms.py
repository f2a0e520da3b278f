"""Reference tables: no maker variant or model alias is a place, a bare plant number or an ordinary word.

A review of one data round (reviewD) found variants that read makers out of plain prose: a town (`HARPERS FERRY`,
"we drove through Harpers Ferry"), a district (`MOTOVILIKHA`), another company's name (`ONEX`, `EMCO LTD`,
`NOBEL EXPLOSIVES`), a bare `FACTORY 18` ("Aircraft Factory 18 in Voronezh"), a suburb as a rocket launcher's
alias (`KOORYONG`). These guards keep the next round from adding such forms: a form that names a place needs a
word of making beside it (`HARPERS FERRY ARMORY`), a plant number its qualifier (`MILITARY FACTORY 18`), and an
ordinary word is no form at all. Designations that are such words are read only with support beside them
(WORD_DESIGNATIONS) and may stay.
"""

from __future__ import annotations

import re

from armstrace.identify.text import compact
from armstrace.identify.words import COUNTRY_WORDS, MONTHS, PACKAGING_WORDS, PLACE_WORDS
from armstrace.identify.words.names import ORDINARY_WORD_NAMES, PERSONAL_TITLES, WORD_DESIGNATIONS
from armstrace.reference import Reference, load_reference

# A word of making: with it a place's name is a plant's name (`ENFIELD` no, `RSAF ENFIELD` or `ERFURT ARSENAL` yes).
MAKING = re.compile(
    r"FACTOR|FACTORIES|ARSENAL|WORKS|ARMOR|ARMOUR|PLANT|ZAVOD|ЗАВОД|FABRI|FÁBRI|FABBRI|FABRYK|WERK|MANUFACT|\bARMS\b"
    r"|\bAAP\b|ZBROJ|GEVÆR|GEVAER|مصنع|厂|工廠|工厂|ARMERIA|ARMAS",
    re.IGNORECASE,
)
# A plant's number with nothing to say whose (`FACTORY 18`, `Plant No. 539`, `مصنع 18`): any industry's.
BARE_NUMBER = re.compile(r"^\s*(?:FACTORY|PLANT|مصنع)\s*(?:NO\.?|N°|#)?\s*\d+\s*$", re.IGNORECASE)
# Words of plain language the engine keeps lists of: a form equal to one reads a maker out of any sentence.
ORDINARY = frozenset(
    compact(w) for w in (*ORDINARY_WORD_NAMES, *PERSONAL_TITLES, *MONTHS, *PACKAGING_WORDS, *PLACE_WORDS)
)

# Designations that are also words or places, which the engine reads only with a weapon word, calibre or maker
# beside them (`Tabuk rifle`, `ТЭН, взрывчатое вещество`): they may stay as aliases.
READ_WITH_SUPPORT = WORD_DESIGNATIONS | ORDINARY_WORD_NAMES

# Town names that ARE the maker's mark as struck on the arms of an old row (Steyr's `STEYR`, Enfield's `ENFIELD`,
# `SPANDAU` on a Gewehr 98, `TERNI` on a Carcano): read alone they are the mark, and markings.yaml measures them.
# A new form joins this list only with such a mark cited; everything else takes a word of making.
STRUCK_TOWN_MARKS = frozenset(
    {
        ("lithgow", "LITHGOW"),
        ("barnaul_cartridge", "BARNAUL"),
        ("sestroretsk", "SESTRORETSK"),
        ("sestroretsk", "СЕСТРОРЕЦК"),
        ("steyr", "STEYR"),
        ("steyr", "Steyr"),
        ("rsaf_enfield", "ENFIELD"),
        ("rsaf_enfield", "Enfield"),
        ("rof_radway_green", "RADWAY GREEN"),
        ("tikkakoski", "TIKKAKOSKI"),
        ("kongsberg", "KONGSBERG"),
        ("kongsberg", "Kongsberg"),
        ("nammo", "RAUFOSS"),
        ("nammo", "LAPUA"),
        ("zbrojovka_brno", "BRNO"),
        ("lucznik", "Radom"),
        ("cugir", "CUGIR"),
        ("darra_workshops", "DARRA ADAM KHEL"),
        ("darra_workshops", "DARRA"),
        ("helwan_egypt", "HELWAN"),
        ("ofb_rfi", "ISHAPORE"),
        ("german_state_arsenals", "SPANDAU"),
        ("german_state_arsenals", "ERFURT"),
        ("german_state_arsenals", "DANZIG"),
        ("german_state_arsenals", "AMBERG"),
        ("terni", "TERNI"),
        ("koishikawa_arsenal", "KOISHIKAWA"),
        ("kokura_arsenal", "KOKURA"),
        ("hanyang_arsenal", "HANYANG"),
        ("um_polican", "POLIÇAN"),
        ("lapua", "LAPUA"),
        ("raufoss", "RAUFOSS"),
        ("abu_zaabal", "ABU ZAABAL"),
        ("huglu", "HUGLU"),
        ("rof_maltby", "MALTBY"),
        ("torre_annunziata", "TORRE ANNUNZIATA"),
        ("ithaca", "ITHACA"),
        ("ithaca", "Ithaca"),
        ("long_branch", "LONG BRANCH"),
    }
)


def _places(ref: Reference) -> dict[str, str]:
    """Every place the tables know, by lookup key: places.csv, each maker's locations, the country names; a
    location written with its state or country after it (`HARPERS FERRY VA`) also names the bare town."""
    places: dict[str, str] = {}
    countries = {compact(w) for w in COUNTRY_WORDS}
    for p in ref.places:
        places.setdefault(compact(p.place), f"places.csv ({p.country})")
    for m in ref.manufacturers:
        for loc in m.locations:
            places.setdefault(compact(loc), f"a location of {m.manufacturer_id}")
            words = loc.split()
            if len(words) > 1 and (len(words[-1]) <= 3 or compact(words[-1]) in countries):
                places.setdefault(compact(" ".join(words[:-1])), f"a location of {m.manufacturer_id} ({loc})")
    for w in COUNTRY_WORDS:
        places.setdefault(compact(w), "a country name")
    return places


def form_problem(form: str, places: dict[str, str]) -> str:
    """Why a maker variant or model alias reads out of plain prose, or "" when it does not."""
    key = compact(form)
    if BARE_NUMBER.match(form):
        return "a bare plant number: any industry's (write it with its qualifier, `MILITARY FACTORY 18`)"
    if key in places and not MAKING.search(form):
        return f"a place ({places[key]}): needs a word of making (`… ARMORY`, `… ZAVOD`)"
    if key in ORDINARY:
        return "an ordinary word the engine lists"
    return ""


def test_no_maker_form_is_a_place_a_bare_number_or_an_ordinary_word() -> None:
    ref = load_reference()
    places = _places(ref)
    bad = [
        f"{m.manufacturer_id}: {form!r} is {why}"
        for m in ref.manufacturers
        for form in (*m.variants, *m.aliases)
        if (m.manufacturer_id, form) not in STRUCK_TOWN_MARKS and (why := form_problem(form, places))
    ]
    assert bad == []


def test_no_model_alias_is_a_place_a_bare_number_or_an_ordinary_word() -> None:
    ref = load_reference()
    places = _places(ref)
    bad = [
        f"{m.model}: {alias!r} is {why}"
        for m in ref.models
        for alias in m.aliases
        if compact(alias) not in READ_WITH_SUPPORT and (why := form_problem(alias, places))
    ]
    assert bad == []


def test_struck_town_marks_are_still_forms_of_their_rows() -> None:
    """The exception list names live forms only: a form dropped from its row leaves it too."""
    ref = load_reference()
    forms = {(m.manufacturer_id, f) for m in ref.manufacturers for f in (*m.variants, *m.aliases)}
    assert sorted(STRUCK_TOWN_MARKS - forms) == []


def test_the_guards_catch_the_forms_the_review_found() -> None:
    ref = load_reference()
    places = _places(ref) | {"HARPERSFERRY": "a location"}
    assert form_problem("FACTORY 18", places)
    assert form_problem("Plant No. 539", places)
    assert form_problem("مصنع 18", places)
    assert form_problem("MR", places)
    assert form_problem("HARPERS FERRY", places)
    assert not form_problem("MILITARY FACTORY 18", places)
    assert not form_problem("HARPERS FERRY ARMORY", places)
    assert not form_problem("ZAVOD 60", places)


def test_a_location_with_its_state_names_the_bare_town() -> None:
    places = _places(load_reference())
    assert "HARPERSFERRY" in places  # harpers_ferry's location `HARPERS FERRY VA`
