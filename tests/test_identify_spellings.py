"""Names as people write them: slips, doubled letters, other transliterations, `and` for `&`, designations typed
in Cyrillic or in another case and spacing, and a maker's trade name (`identify.spellings`, `scan`)."""

from __future__ import annotations

import pytest

from armstrace.identify import identify
from armstrace.identify.alphabets import cyrillic_latin_forms
from armstrace.identify.scan import indexes
from armstrace.identify.spellings import Spellings, loose
from armstrace.identify.text import normalise
from armstrace.reference import load_reference


@pytest.fixture(scope="module")
def spellings() -> Spellings:
    return indexes(load_reference()).spellings


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("DEGTIAREV", "DEGTYAREV"),  # French Я as IA
        ("DEGTJAREV", "DEGTYAREV"),  # German Я as JA
        ("IJMASH", "IZHMASH"),  # French Ж as J
        ("KALACHNIKOV", "KALASHNIKOV"),  # French Ш as CH
        ("KALASCHNIKOW", "KALASHNIKOV"),  # German Ш as SCH, В as W
        ("MAKAROF", "MAKAROV"),  # -ОВ as -OF
        ("BERRETA", "BERETTA"),  # a doubled letter moved
        ("WESON", "WESSON"),
        ("GLOK", "GLOCK"),  # CK as K
    ],
)
def test_one_name_in_its_spellings_has_one_loose_form(written: str, name: str) -> None:
    assert loose(written) == loose(name)


@pytest.mark.parametrize(("english", "name"), [("MATCHER", "MASHER"), ("POUCH", "PUCH"), ("LOUNGE", "LUNGE")])
def test_russian_spellings_fold_only_in_words_with_a_russian_ending(english: str, name: str) -> None:
    assert loose(english) != loose(name)


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("BERRETA", "BERETTA"),
        ("KALASHNIKOF", "KALASHNIKOV"),
        ("SAUERR", "SAUER"),
        ("RUSSAIN", "RUSSIAN"),  # two neighbours swapped: one slip
        ("ISREALI", "ISRAELI"),
        ("PAKISTNI", "PAKISTANI"),  # a letter left out
        ("ZASTAWA", "ZASTAVA"),
    ],
)
def test_a_slipped_name_is_read_as_the_one_name_it_fits(spellings: Spellings, written: str, name: str) -> None:
    assert spellings.read(written) == name


def test_no_word_of_a_makers_name_is_read_as_another_name(spellings: Spellings) -> None:
    ref = load_reference()
    for row in ref.manufacturers:
        for phrase in (row.name, *row.variants, *row.aliases):
            words = normalise(phrase).split()
            assert spellings.mend(words, phrase.upper()) == words, (row.manufacturer_id, phrase)


def test_no_makers_one_word_name_is_a_slip_of_another_makers(spellings: Spellings) -> None:
    """The slip rule itself, without the known-word guard: a maker's one-word name, read as if unknown, is never
    another maker's name (only its own, or none)."""
    ref = load_reference()
    own: dict[str, set[str]] = {}
    for row in ref.manufacturers:
        for phrase in (row.name, *row.variants, *row.aliases):
            words = normalise(phrase).split()
            if len(words) == 1 and words[0].isascii() and words[0].isalpha():
                own.setdefault(words[0], set()).add(row.manufacturer_id)
    bare = Spellings(frozenset(), spellings.by_loose, spellings.by_plain, spellings.by_length)
    makers = indexes(ref).makers
    for word, ids in own.items():
        read = bare.read(word)
        if read and read != word:
            others = {str(m) for m in makers.get(read)}
            assert not others or others & ids, (word, read, others)


_ENGLISH = "FINISH RANDOM TRENCH CREATE CREATES MATCHER CHECK PUSH POUCH LOUNGE SALVAGE STUDIES MAPPED DENSE ALWAYS"
_ENGLISH += " TRACING SECONDS MEMBERS FOLDING CHANGING RANKING GARRISON BAYONET PELICAN ROOK SOME CORE SPANS WALTER"
_ENGLISH += " STATUS PARENT MARKET RATHER DRIVER SETTING SHORTER PROPER SUPPORT LOCKED AROUND"
_SPANISH = "COLONIA SOLDADOS ARMAS PISTOLA FUSILES POLICIA CIUDAD ENCONTRADO MUNICIONES"
_FRENCH = "FUSILS ARMES COLOGNE PERSANE SAISIE TROUVE GENDARMERIE CARTOUCHES"
ORDINARY = [w for words in (_ENGLISH, _SPANISH, _FRENCH) for w in words.split()]


@pytest.mark.parametrize("word", ORDINARY)
def test_ordinary_words_are_not_read_as_names(spellings: Spellings, word: str) -> None:
    assert spellings.mend([word, "WAS"], f"{word} WAS") == [word, "WAS"]


def test_ordinary_words_in_capitals_name_no_maker_or_country() -> None:
    result = identify("THE FINISH WAS RANDOM AND THE TRENCH WAS DENSE; SALVAGE STUDIES OF PELICAN CREATES")
    assert result.manufacturer is None and result.country is None


def test_a_word_in_small_letters_in_a_text_with_capitals_is_no_name() -> None:
    # the same slip written as a name is read ("Russain-made"); in small letters it is an ordinary word
    assert identify("Rifle, Russain-made").country == "RU"
    assert identify("Rifle, russain-made").country is None


def test_a_four_letter_word_is_read_only_before_a_number() -> None:
    assert identify("GLOK 17").manufacturer == identify("GLOCK 17").manufacturer == "Glock"
    assert identify("PUSH ROD").manufacturer is None


@pytest.mark.parametrize(
    ("slipped", "exact"),
    [
        ("Berreta 92 pistol", "Beretta 92 pistol"),
        ("Glok 17 pistol", "Glock 17 pistol"),
        ("Makarof pistol", "Makarov pistol"),
        ("Kalashnikof rifle", "Kalashnikov rifle"),
        ("Ijmash rifle", "Izhmash rifle"),
        ("Degtjarev plant", "Degtyarev plant"),
        ("Degtiarev plant", "Degtyarev plant"),
        ("Smith and Weson revolver", "Smith & Wesson revolver"),
        ("Heckler and Koch G3 rifle", "Heckler & Koch G3 rifle"),
        ("Sturm Ruger and Co rifle", "Sturm, Ruger & Co. rifle"),
        ("Ceska Zbrojovka pistol", "Česká zbrojovka pistol"),
        ("Isreali-made rifle", "Israeli-made rifle"),
        ("Russain-made rifle", "Russian-made rifle"),
    ],
)
def test_a_name_written_otherwise_identifies_as_the_name(slipped: str, exact: str) -> None:
    a, b = identify(slipped), identify(exact)
    assert (a.manufacturer, a.country, a.model) == (b.manufacturer, b.country, b.model)
    assert a.manufacturer or a.country or a.model


@pytest.mark.parametrize(
    ("written", "model"),
    [("92fs pistol", "92FS"), ("m4a1 carbine", "M4A1"), ("Ak-47 rifle", "AK-47"), ("G 3 rifle", "G3")],
)
def test_designations_in_any_case_and_spacing(written: str, model: str) -> None:
    assert identify(written).model == identify(f"{model} {written.split()[-1]}").model is not None


def test_a_latin_designation_typed_in_cyrillic_letters() -> None:
    assert cyrillic_latin_forms("ВХС") == ("VHS", "BXC")
    assert cyrillic_latin_forms("VHS") is None
    assert identify("ВХС-2 пушка").model == identify("VHS-2 rifle").model is not None
    # a Cyrillic designation the tables know is read as written, not by its letters' look (РПК is no PPK)
    assert identify("РПК пулемет").model == "RPK"


def test_a_makers_trade_name_names_the_maker_but_an_ordinary_escort_does_not() -> None:
    assert identify("Escort semi-automatic shotgun").manufacturer == "Hatsan Arms"
    assert identify("the arms were moved under police escort to the depot").manufacturer is None


def test_a_name_read_from_another_spelling_says_so_in_the_evidence() -> None:
    notes = [e.note for e in identify("BERRETA 92 PISTOL").evidence if e.field == "manufacturer" and e.weight > 0]
    assert "another spelling or a slip of BERETTA" in notes
    assert not any("slip" in e.note for e in identify("BERETTA 92 PISTOL").evidence)


def test_a_maker_read_from_a_slip_gives_way_to_the_country_the_text_states() -> None:
    # Tula's brand is TULAMMO; a brand spelt one letter off, said to be made in another former Soviet state, is not
    # Tula's (one federation in 1980 would otherwise keep the maker beside the stated country)
    alone = identify("7.62x39 cartridges, brand TULAAMO")
    assert alone.manufacturer == "Tula Cartridge Works"
    stated = identify("cartuchos 7.62x39 mm marca TULAAMO, munición fabricada en Kazajistán")
    assert stated.country == "KZ" and stated.manufacturer is None
