"""Calendars written in Latin letters or with their own mark, calibres named after a maker, weapons counted in
prose, and the regions, holders and surplus named beside an item (identZ): each read for what it is."""

from __future__ import annotations

import pytest

from armstrace.identify import identify
from armstrace.identify.numbers import era_year


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("Type 99 rifle, Showa 17", 1942),
        ("rifle dated Shōwa 17", 1942),
        ("Taisho 14 Type 38 rifle", 1925),
        ("Juche 89 rifle", 2000),
        ("rifle stamped B.E. 2510", 1967),
        ("ปืน พ.ศ. ๒๕๑๐", 1967),  # the Buddhist Era in Thai letters and digits
        ("Ottoman cartridge dated 1329 Rumi", 1913),
    ],
)
def test_marked_calendar_years_are_converted_stating_both(text: str, year: int) -> None:
    r = identify(text)
    assert r.year == year
    note = next(e.note for e in r.evidence if e.field == "year")
    assert str(year) in note and any(ch.isdigit() for ch in note.partition("=")[0])  # the year as marked, too


@pytest.mark.parametrize("text", ["Showa 70 rifle", "the showroom 17 guns", "BEST 2510 rifle", "Rumi 1500 cartridge"])
def test_no_calendar_year_where_none_is_marked(text: str) -> None:
    assert era_year(text) is None


def test_a_rumi_year_is_not_read_as_a_lunar_hijri_one() -> None:
    note = era_year("1329 Rumi")
    assert note is not None and note[0] == 1913 and "lunar Hijri year it would be 1911" in note[1]


def test_a_makers_name_completing_a_calibres_name_is_the_cartridge() -> None:
    r = identify("93 cartridge cases 7.65x53 Mauser, dated 1325-1329 (Islamic calendar)")
    assert r.manufacturer_id != "mauser" and r.country != "DE"
    assert identify("pistol 9mm Beretta").manufacturer_id == "beretta"  # no calibre is named `9mm Beretta`


def test_weapons_counted_in_prose_are_no_plant_code() -> None:
    r = identify("17 guns were found")  # not Barnaul's plant 17
    assert r.manufacturer is None and r.country is None
    assert identify("Glock 17 pistols seized").model == "Glock 17"


@pytest.mark.parametrize(
    "text",
    [
        "168 BM-12 rockets (107 mm) and an anti-tank mine, eastern Afghanistan",
        "AK-47 rifles, nord du Mali",
        "155 mm white phosphorus smoke round remnants, Dheira, south Lebanon",
    ],
)
def test_a_region_of_a_country_is_where_the_item_was_found(text: str) -> None:
    r = identify(text)
    assert r.country not in {"AF", "ML", "LB"}


def test_a_country_with_a_compass_word_in_its_name_or_after_made_in_stays_the_origin() -> None:
    assert identify("rifle, North Korea").country == "KP"
    assert identify("pistol marked SOUTH AFRICA").country == "ZA"
    assert identify("AK-47 rifle made in northern Italy").country == "IT"


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("Type 67 general-purpose machine gun 7.62x54mmR, Syrian opposition", "SY"),
        ("Berdan II rifles — Ethiopian surplus imports", "ET"),
        ("152mm artillery shells carried by Russian troops", "RU"),
    ],
)
def test_the_holders_of_an_item_are_not_its_makers(text: str, wrong: str) -> None:
    assert identify(text).country != wrong
