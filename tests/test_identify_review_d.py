"""Defects review D found in the identQ/identP/identN fixes (issue 14): a maker's prefix in a design's name that
dropped the stated licensee country, a former state's name read word by word, maker aliases shared by two rows,
era years past 100 and a case-head pair not read after a quote or before the case-head word.

Each case is written for its rule (no case of any held-out set) and failed before the fix, except the guards
marked as such.
"""

from __future__ import annotations

import datetime as dt

import pytest

from armstrace.identify import identify


@pytest.mark.parametrize(
    ("text", "maker", "country"),
    [
        ("FN FAL, Argentina", "Fabricaciones Militares (FM)", "AR"),  # the licensee in the stated country
        ("HK G3, Pakistan", "Pakistan Ordnance Factories", "PK"),
        ("SIG P226, USA", "SIG Sauer Inc.", "US"),  # the design maker's own group in that country
        ("HK MP5, Iran", None, "IR"),  # never the licensor with a country that contradicts it
        ("CZ 75, Israel", "Česká zbrojovka Uherský Brod", "IL"),  # guard: no row of the CZ 75 itself in Israel
        ("G3, Pakistan", "Pakistan Ordnance Factories", "PK"),  # guard
    ],
)
def test_a_makers_prefix_keeps_the_stated_countrys_licensee(text: str, maker: str | None, country: str) -> None:
    result = identify(text)
    assert (result.manufacturer, result.country) == (maker, country)


@pytest.mark.parametrize(
    ("text", "maker"),
    [
        ("Recovered in east Ukraine: AKM, Germany", None),  # EAST and GERMANY apart are no state's name
        ("АКМ, ГДР", "VEB Geräte- und Werkzeugbau Wiesa"),
        ("AKM, NRD", "VEB Geräte- und Werkzeugbau Wiesa"),
        ("AKM, east Germany", "VEB Geräte- und Werkzeugbau Wiesa"),  # guard
    ],
)
def test_a_former_state_is_read_as_one_phrase_in_any_script(text: str, maker: str | None) -> None:
    result = identify(text)
    assert (result.manufacturer, result.country) == (maker, "DE")


@pytest.mark.parametrize(
    ("text", "maker"),
    [
        ("Kahr Arms CW9", "Kahr Arms"),  # Auto-Ordnance had its owner's name as an alias
        ("KAHR ARMS\nWORCESTER, MA", "Kahr Arms"),
        ("UM Polican AK-47", "Uzina Mekanike Poliçan"),  # the Gramsh factory had Poliçan's name as an alias
        ("MBDA", "MBDA"),
        ("Jimenez Arms JA-22", "Jimenez Arms"),  # guard
    ],
)
def test_a_makers_own_name_is_no_other_rows_alias(text: str, maker: str) -> None:
    assert identify(text).manufacturer == maker


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("中華民國105年\n國造", 2016),  # the Republic of China's count is past 100 since 2011
        ("주체105년", 2016),  # so is Juche's
        ("昭和65年 昭和40年", 1965),  # the first is past the Shōwa era's end; the second is a date
        ("中華民國200年", None),  # guard: a year not yet come
        ("豊和工業\n昭和65年", None),  # guard
    ],
)
def test_every_era_year_is_read_and_open_eras_run_past_100(text: str, year: int | None) -> None:
    assert identify(text).year == year


@pytest.mark.parametrize(
    "text",
    [
        "Headstamp '17/85'",  # a quoted pair after the label
        "17/85 on the headstamp",  # a pair right before the case-head word
        "Hülsenboden 17/85",  # the German case head, with its umlaut
        "гильза 7,62х39, маркировка донца 17/85",  # the case head's genitive
    ],
)
def test_a_slashed_pair_by_a_case_head_word_is_a_code_and_year(text: str) -> None:
    result = identify(text)
    assert (result.manufacturer, result.year) == ("Barnaul Cartridge Plant", 1985)


@pytest.mark.parametrize(
    "text",
    ["casings, report 17/85", "exhibit 3/12 on the table", "report 17/85 of the casings"],  # guards
)
def test_a_document_number_by_a_case_head_word_is_no_stamp(text: str) -> None:
    assert identify(text).manufacturer is None


def test_a_four_digit_number_after_this_year_is_no_year() -> None:
    next_year = dt.date.today().year + 1
    assert identify(f"Glock 17, {next_year}").year is None  # a year no maker has stamped yet
    assert identify(f"Glock 17, {next_year - 2}").year == next_year - 2  # guard
