"""Headstamp rules of identZ: a plant the headstamp table names without a maker row, a letter code joined to its
year before a cartridge Mark, rows ruled out by the case's own marks, and words that only look like codes."""

from __future__ import annotations

import pytest

from armstrace.identify import identify
from armstrace.identify.stamp_words import split_stamp


@pytest.mark.parametrize(
    ("text", "plant", "country"),
    [
        ("EW 43", "Eau Claire Ordnance Plant", "US"),
        ("KS 43", "Kings Mills Ordnance Plant", "US"),
        ("DI 43 Z", "Defence Industries Ltd", "CA"),
    ],
)
def test_a_plant_without_a_maker_row_is_named_as_the_table_names_it(text: str, plant: str, country: str) -> None:
    r = identify(text)
    assert (r.manufacturer, r.manufacturer_id, r.country) == (plant, None, country)
    assert any(e.field == "manufacturer" and e.table == "headstamps" and "no maker row" in e.note for e in r.evidence)


def test_a_shared_code_or_a_numbered_state_plant_names_no_plant() -> None:
    assert identify("B 39").manufacturer is None  # Birmingham Metals or Bologna: neither is taken
    assert identify("rifle cal. 7.62 headstamp 71 81").manufacturer is None  # `Chinese state factory 71`


def test_a_letter_code_joined_to_its_year_before_a_mark_is_split() -> None:
    assert split_stamp(".303 case stamped K35 VII") == ".303 case stamped K 35 VII"
    assert split_stamp("headstamp DI43") == "headstamp DI 43"
    r = identify(".303 case, head stamp GB16 VII")
    assert (r.manufacturer_id, r.country, r.year) == ("greenwood_batley", "GB", 1916)


@pytest.mark.parametrize("text", ["MP40 1943", "AK47 rifle", "exhibit AB12", "MP40 VIIth"])
def test_letters_and_digits_joined_elsewhere_stay_one_token(text: str) -> None:
    assert split_stamp(text) == text  # no Mark after them and no stamp's label before them: a designation


def test_a_code_whose_rows_fit_neither_the_cartridge_nor_the_year_is_not_read() -> None:
    # Utah Ordnance Plant's U is on US cartridges of 1942-43: a .303 case of 1944 stamped U is another plant's
    r = identify("U 44 VII .303 British headstamp")
    assert r.country != "US"
    assert not any(e.table == "headstamps" and e.weight > 0 for e in r.evidence)


def test_a_case_older_than_the_plant_is_not_the_plants() -> None:
    r = identify("PS 1933 headstamp")  # Poongsan was founded in 1968
    assert r.manufacturer_id != "poongsan"
    assert not any(e.table == "headstamps" and e.row == "PS" and e.weight > 0 for e in r.evidence)


@pytest.mark.parametrize(
    "text",
    [
        "dispara un solo cartucho calibre 22, 32 o 38",  # the bores listed after a calibre word
        "munições de propriedade da Polícia Federal, estojos",  # an agency's name, and the Portuguese `da`
        "cartuchos de propriedade da Polícia Militar",
        "EN ARGES Spl HG 64 7-93-003",  # a lot's sequence padded with zeros is no factory number
    ],
)
def test_words_and_numbers_that_only_look_like_codes_are_not_read(text: str) -> None:
    r = identify(text)
    assert not any(e.table == "headstamps" and e.weight > 0 for e in r.evidence), r.evidence
    assert r.manufacturer is None


def test_a_lower_case_code_beside_its_year_is_still_read() -> None:
    assert identify("Cartridge case lc 68 found near the Road").manufacturer_id == "lake_city_aap"
