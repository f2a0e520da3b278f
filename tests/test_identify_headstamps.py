"""Headstamp rules of issue 14 (identH pass): case heads read as a plant code and a year, in any order, with the marks
a case head carries beside them. Cases written for each rule from the public code lists cited in
tests/data/markings_dev_headstamps.yaml; no case of any held-out set."""

from __future__ import annotations

import pytest

from armstrace.identify import identify


def _country_alternatives(text: str) -> set[str]:
    return {a.value for a in identify(text).alternatives if a.field == "country"}


@pytest.mark.parametrize(
    ("text", "country", "year"),
    [
        ("DI 43 VII Z", "CA", 1943),  # the Mark VII and the Z propellant letter are marks, not codes
        ("DAC 42 VIIZ", "CA", 1942),
        ("TR 44 VII", "CA", 1944),
    ],
)
def test_commonwealth_code_with_marks(text: str, country: str, year: int) -> None:
    result = identify(text)
    assert (result.kind, result.country, result.year) == ("ammunition", country, year)
    assert result.unread == []


def test_digits_apart_are_a_code_and_a_year() -> None:
    result = identify("3 43")  # Ulyanovsk's 3 and 1943, not Mesko's 343
    assert (result.country, result.year) == ("RU", 1943)


def test_number_beside_a_letter_code_is_the_year() -> None:
    result = identify("RL 38 VII")  # Royal Laboratory 1938, not also Yuryuzan's plant 38
    assert (result.country, result.year) == ("GB", 1938)
    assert _country_alternatives("RL 38 VII") <= {"GB"}


def test_unlisted_letter_code_gives_no_country() -> None:
    # 41 is the year beside an unlisted code, not Chinese factory 41 (K, once unlisted, is now Kynoch's listed code)
    result = identify("Q 41")
    assert result.country is None
    assert result.year == 1941


def test_years_of_use_date_a_two_digit_year() -> None:
    assert identify("DAL 18").year == 1918  # Lindsay stamped 1917-1921
    assert identify("DA 52").year == 1952


def test_roman_numeral_mark_dates_to_the_1900s() -> None:
    assert identify("GB 16 VII").year == 1916


@pytest.mark.parametrize(("text", "country"), [("B 38 6.5x52", "IT"), ("B 38 .303 British", "GB")])
def test_calibre_narrows_a_shared_code(text: str, country: str) -> None:
    assert identify(text).country == country


def test_shared_code_left_open_with_alternatives() -> None:
    result = identify("B 39")  # Bologna and Birmingham Metals & Munitions both stamped B with the year
    assert result.country is None
    assert _country_alternatives("B 39") >= {"GB", "IT"}


def test_one_letter_code_only_in_capitals_beside_a_year() -> None:
    assert identify("a 43").country is None  # an article, not Pretoria's A
    assert identify("A 43 VII").country == "ZA"


def test_guard_code_years_keep_modern_stamps_modern() -> None:
    assert identify("RG 05").year == 2005  # Radway Green still stamps: 1940- leaves 05 in this century


def test_clock_positions_are_not_codes_or_years() -> None:
    result = identify("DI at 12 o'clock, 43 at 6 o'clock")
    assert (result.kind, result.country, result.year) == ("ammunition", "CA", 1943)
    result = identify("R at 12, G at 3")  # hours without o'clock: 3 is not Ulyanovsk's plant, 12 not 2012
    assert result.country is None and result.year is None


def test_one_plant_listed_twice_still_names_its_maker() -> None:
    assert identify("539 over 67").manufacturer == "Tula Cartridge Works"


def test_letters_apart_are_one_listed_code() -> None:
    result = identify("K S 43")  # Kings Mills' KS with its letters transcribed apart
    assert (result.kind, result.country, result.year) == ("ammunition", "US", 1943)
