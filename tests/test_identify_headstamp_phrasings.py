"""Case heads as investigators write them in reports (`headstamp 539 / 85`, `cases stamped ППУ 7.62x39`, `rounds with
headstamp 71 08`): the plant, its country and the year are read whatever the phrasing around the stamp. Cases written
for the reading rules from the codes of reference/headstamps.csv; no case of any held-out set."""

from __future__ import annotations

import pytest

from armstrace.identify import identify


@pytest.mark.parametrize(
    ("text", "country", "maker", "year"),
    [
        ("headstamp 539 / 85", "RU", "Tula Cartridge Works", 1985),
        ("spent casings bearing the headstamp 17 / 91", "RU", "Barnaul Cartridge Plant", 1991),
        ("casings with headstamp 188-84", "RU", "Novosibirsk Low-Voltage Equipment Plant", 1984),
        ("cartridges bearing headstamp code 270 and date 88", "UA", "Luhansk Cartridge Works", 1988),
        ("cartridges with the headstamp ИК 86", "BA", "Igman", 1986),
        ("headstamp ٢٧ / ٨٧", "EG", "Shubra Company for Engineering Industries (Factory 27)", 1987),
        ("7.62x39 cases headstamped 60 81", "KG", "Frunze Machine-Building Plant", 1981),
    ],
)
def test_report_phrasing_reads_plant_and_year(text: str, country: str, maker: str, year: int) -> None:
    result = identify(text)
    assert (result.kind, result.country, result.manufacturer, result.year) == ("ammunition", country, maker, year)


@pytest.mark.parametrize(
    ("text", "country", "maker", "calibre"),
    [
        ("cases stamped ППУ 7.62x39", "RS", "Prvi Partizan", "7.62x39mm"),
        ("headstamp НПЗ 9x18", "RU", "Novosibirsk Low-Voltage Equipment Plant", "9x18mm Makarov"),
        ("НПЗ 7,62х39", "RU", "Novosibirsk Low-Voltage Equipment Plant", "7.62x39mm"),
    ],
)
def test_lettered_stamp_with_its_calibre(text: str, country: str, maker: str, calibre: str) -> None:
    result = identify(text)
    assert (result.kind, result.country, result.manufacturer, result.calibre) == (
        "ammunition",
        country,
        maker,
        calibre,
    )


@pytest.mark.parametrize(
    ("text", "year"),
    [("rounds with headstamp 71 08", 2008), ("7.62×39 mm cartridges headstamped ‘71’ and ‘08’", 2008)],
)
def test_chinese_plant_number_gives_its_country(text: str, year: int) -> None:
    result = identify(text)
    assert (result.kind, result.country, result.year) == ("ammunition", "CN", year)


@pytest.mark.parametrize(
    "text",
    [
        "case head: 539 (12 o'clock), 81 (6 o'clock)",
        "539 at 12 o'clock, 81 at 6 o'clock",
    ],
)
def test_year_placed_on_the_dial_is_not_another_plant(text: str) -> None:
    """`81` after the hour of its code's place is the stamp's year, not China's plant 81."""
    result = identify(text)
    assert (result.country, result.manufacturer, result.year) == ("RU", "Tula Cartridge Works", 1981)
    assert not any(e.table == "headstamps" and e.row == "81" for e in result.evidence)


def test_bracketed_year_is_not_a_framed_factory_number() -> None:
    """`(1979)` is the writer's aside, a year; a bracketed number is a framed code only when a plant has it."""
    result = identify("case headstamp 270 (1979)")
    assert (result.manufacturer, result.year) == ("Luhansk Cartridge Works", 1979)


def test_bracketed_listed_number_stays_a_framed_code() -> None:
    result = identify("headstamp (10) 52")
    assert (result.country, result.manufacturer, result.year) == ("BG", "Arsenal AD", 1952)
