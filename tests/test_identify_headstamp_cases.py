"""Case heads named by their case (`an old WRA .22 LR case`, `9mm brass marked LC`), two-digit years read in the
century a plant stamped them, and the 9 mm Parabellum codes of the IAA guide's plates, in the forms investigators
write them. Cases written for the reading rules from reference/headstamps.csv; no case of any held-out set."""

from __future__ import annotations

import pytest

from armstrace.identify import identify


@pytest.mark.parametrize(
    ("text", "country", "maker", "year"),
    [
        ("headstamp FME 82", "CL", "FAMAE", 1982),
        ("9 mm rounds headstamped FME 1981", "CL", "FAMAE", 1981),
        ("cases stamped مصر ٥٨", "EG", None, 1958),
        ("headstamp ДВФ 39", "BG", None, 1939),
        ("9mm cases marked oma 42", "CZ", None, 1942),
        ("headstamp ATS 1947", "FR", None, 1947),
        ("9 mm Parabellum with headstamp AEP 33", "BE", None, 1933),
        ("rounds with headstamp FMMAP 48", "AR", None, 1948),
    ],
)
def test_nine_mm_plate_codes(text: str, country: str, maker: str | None, year: int) -> None:
    result = identify(text)
    assert (result.kind, result.country, result.manufacturer, result.year) == ("ammunition", country, maker, year)


def test_two_digit_year_read_in_the_century_a_plant_stamped() -> None:
    # 38 was Tula's plant until 1941, then Yuryuzan's: 52 is 1952, Yuryuzan's, not 1852 within Tula's open span
    result = identify("headstamp 38 52")
    assert (result.country, result.manufacturer, result.year) == ("RU", "Yuryuzan Mechanical Plant", 1952)


def test_old_century_read_when_no_modern_one_fits() -> None:
    # the St. Petersburg works stamped until 1917: 98 can only be 1898
    result = identify("7.62x54R headstamp П 98")
    assert (result.country, result.year) == ("RU", 1898)


@pytest.mark.parametrize(
    ("text", "country", "maker"),
    [
        ("an old WRA .22 LR case", "US", "Winchester Repeating Arms Company"),
        ("WCC 68 on a 7.62x51 case", "US", "Winchester Repeating Arms Company"),
        ("9mm brass marked LC", "US", "Lake City Army Ammunition Plant"),
        ("brass stamped PPU", "RS", "Prvi Partizan"),
    ],
)
def test_case_named_by_its_case(text: str, country: str, maker: str) -> None:
    result = identify(text)
    assert (result.kind, result.country, result.manufacturer) == ("ammunition", country, maker)


@pytest.mark.parametrize("text", ["pistol case 9mm", "rifle case, 7.62x39, FN"])
def test_a_gun_case_is_no_cartridge_case(text: str) -> None:
    assert identify(text).kind != "ammunition"


def test_an_artillery_shell_is_no_cartridge_case() -> None:
    assert identify("155mm shell").kind == "ordnance"
