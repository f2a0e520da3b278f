"""False readings and misses an independent review found in the identification rules (issue 14, reviewI): a
comma after a German participle, a trafficking route read as the origin, made-in phrases with locative country
names, a generic alias of an ordnance row, an exporter named as the maker, and a traceback on a long run of digits.

Each case is the review's probe or one of its kind, and failed before its fix, except two guards (the Dutch
participles, the surplus import that keeps "<design> from <country>" as the origin).
"""

from __future__ import annotations

import pytest

from armstrace.identify import identify


@pytest.mark.parametrize("digits", ["9" * 4301, "0" + "9" * 5000, "٩" * 4301 + " o'clock", "AK-47 No. " + "1" * 9000])
def test_a_long_run_of_digits_is_read_without_a_traceback(digits: str) -> None:
    result = identify(digits)
    assert result.text == digits


@pytest.mark.parametrize(
    ("text", "country", "maker"),
    [
        ("Pistole, in Kroatien hergestellt, in Österreich sichergestellt", "HR", None),
        ("Glock pistol, in Österreich hergestellt, in Frankreich beschlagnahmt", "AT", "glock"),
        ("Pistool, in België vervaardigd, in Nederland in beslag genomen", "BE", None),
    ],
)
def test_a_place_before_a_participle_of_seizure_is_where_it_was_recovered(
    text: str, country: str, maker: str | None
) -> None:
    result = identify(text)
    assert (result.country, result.manufacturer_id) == (country, maker)


@pytest.mark.parametrize("text", ["AK-47 from Bulgaria seized in Yemen", "AK-47 from Iraq"])
def test_a_design_from_a_country_in_prose_is_a_route_not_the_origin(text: str) -> None:
    result = identify(text)
    assert (result.country, result.manufacturer_id) == (None, None)


def test_a_surplus_import_from_a_country_that_makes_the_design_is_its_origin() -> None:
    result = identify("Tokarev TT-33 from Romania, imported as surplus, 7.62x25mm")
    assert result.country == "RO"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("автомат виготовлено в Болгарії, вилучено в Україні", "BG"),
        ("пістолет виготовлений в Чехії", "CZ"),
        ("karabin wyprodukowany w Czechach znaleziony w Polsce", "CZ"),
        ("karabin wyprodukowany w Rosji", "RU"),
        ("ປືນ AK-47 ຜະລິດຢູ່ຈີນ", "CN"),
        ("កាំភ្លើង AK-47 ផលិតនៅប្រទេសចិន", "CN"),
    ],
)
def test_a_made_in_phrase_with_a_locative_or_unspaced_country_name_is_read(text: str, country: str) -> None:
    assert identify(text).country == country


def test_a_generic_alias_of_an_ordnance_row_needs_its_ordnance_word() -> None:
    result = identify("PC 1000 laptop and a Glock pistol")
    assert (result.kind, result.model, result.manufacturer_id) == ("firearm", None, "glock")
    assert identify("PC 1000 Bombe").model == "PC 1000 bomb"


@pytest.mark.parametrize(
    "text", ["AK-103 rifles delivered to Venezuela by Rosoboronexport", "AK-103 rifles supplied by Rosoboronexport"]
)
def test_a_state_exporter_is_not_the_maker_of_a_design_others_make(text: str) -> None:
    result = identify(text)
    assert result.manufacturer_id is None
    assert "Rosoboronexport" in [a.value for a in result.alternatives]


@pytest.mark.parametrize(
    ("text", "maker", "country"),
    [
        ("Pistol supplied by Beretta", "beretta", "IT"),  # a maker supplying its own make is still its maker
        ("M16A4 rifles supplied by Colt", "colt", "US"),
        ("FAL rifles supplied by FN Herstal to Nigeria", "fn_herstal", "BE"),  # "to Nigeria": the receiver
        ("rifles delivered by Zastava to Iraq", "zastava", "RS"),
    ],
)
def test_a_maker_that_supplies_stays_the_maker_and_the_receiver_is_no_origin(
    text: str, maker: str, country: str
) -> None:
    result = identify(text)
    assert (result.manufacturer_id, result.country) == (maker, country)
