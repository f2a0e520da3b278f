"""Markings an independent review wrote from general knowledge, each answered wrongly by a rule of this stop
before its fix: a rule must not take away what the marking plainly says."""

from __future__ import annotations

import pytest

from armstrace.identify import identify


@pytest.mark.parametrize(
    ("text", "maker", "country"),
    [
        # a workshop that serviced the item is not where it was made
        ("NORINCO TYPE 56 MADE IN CHINA REFURBISHED IN A WORKSHOP IN PAKISTAN", "Norinco", "CN"),
        ("BERETTA 92FS MADE IN ITALY OVERHAULED AT ARMY WORKSHOP IN KENYA", "Beretta", "IT"),
        ("GLOCK 17 AUSTRIA REPAIRED AT POLICE WORKSHOP IN PESHAWAR", "Glock", "AT"),
        # a craft centre after COPY FROM is where the copy was made (only a licensor's own town is dropped)
        ("TT PISTOL COPY FROM DARRA", "Darra Adam Khel workshops (artisanal)", "PK"),
    ],
)
def test_maker_and_country_the_marking_states_are_kept(text: str, maker: str, country: str) -> None:
    result = identify(text)
    assert (result.manufacturer, result.country) == (maker, country)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("NOR[...] MADE IN CHINA", "CN"),  # `[...]` is an unknown amount: NORWAY and NORINCO both fit, neither read
        ("IZH[...] USSR", "RU"),
        ("MFG [...] USA", "US"),  # a lost word, not a word with letters lost: no maker restored from USA
        ("THE [..] ARMS CO", None),
    ],
)
def test_an_ellipsis_or_a_lost_word_restores_nothing(text: str, country: str | None) -> None:
    result = identify(text)
    assert result.manufacturer is None and result.model is None and result.country == country


def test_a_word_with_letters_lost_is_still_read_with_its_neighbours() -> None:
    assert identify("HECKLER & K[..]H").manufacturer == "Heckler & Koch"


def test_an_ordinary_three_letter_word_is_not_a_rifle() -> None:
    result = identify("TAR 5.56")
    assert result.model is None and result.manufacturer is None


def test_the_licensors_own_country_is_not_where_a_licensed_copy_was_made() -> None:
    assert identify("G3 RIFLE MADE UNDER LICENCE FROM HECKLER & KOCH IN GERMANY").country is None
    assert identify("G3 RIFLE MADE UNDER LICENCE FROM HECKLER & KOCH IN PAKISTAN").country == "PK"


def test_a_region_named_after_made_in_is_where_it_was_made() -> None:
    assert identify("PISTOL MAKAROV MADE IN KIROV OBLAST RUSSIA").country == "RU"
    assert identify("PMN MINE, KANDAHAR PROVINCE, AFGHANISTAN").country != "AF"


@pytest.mark.parametrize(
    ("text", "model"),
    [
        # a family or a row's own name before a serial is still the design (second review)
        ("G3 123456", "HK G3"),
        ("MP5 54321", "HK MP5"),
        ("AK47 123456", "AK-47"),
        ("MODEL NO G3", "HK G3"),
        ("MADE IN KOREA K2 123456", "Daewoo K2"),
    ],
)
def test_a_design_before_a_serial_is_kept(text: str, model: str) -> None:
    assert identify(text).model == model


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Makarov pistol made in Kandahar, Afghanistan", "AF"),  # made there, not found there
        ("Pistol made by a gunsmith in Karachi, Pakistan", "PK"),
        ("RPG-7 LAUNCHER MAYAK KYIV UKRAINE", "UA"),  # a stamped address, no comma: the maker's town
        ("RPG-7 Khuzestan Iran", "IR"),
        ("MADE IN ITA[...]", "IT"),  # ITALY and ITALIA fit the gap: one country
    ],
)
def test_where_it_was_made_is_not_taken_for_where_it_was_found(text: str, country: str) -> None:
    assert identify(text).country == country


def test_a_gunsmith_who_cleaned_the_item_did_not_make_it() -> None:
    result = identify("Norinco Type 56 rifle, cleaned by a gunsmith in Kenya")
    assert (result.manufacturer, result.country) == ("Norinco", "CN")


@pytest.mark.parametrize(
    ("text", "model"),
    [
        ("PISTOL CAL 7.65 MADE IN MILAN ITALY", None),  # the city after MADE IN, not the anti-tank missile
        ("PISTOL HOT BARREL", None),  # a word beside a pistol, not the HOT missile
        ("MILAN ANTI-TANK MISSILE", "MILAN"),
        ("HOT missile", "HOT"),
    ],
)
def test_a_one_word_designation_of_the_wrong_kind_or_a_place_is_no_model(text: str, model: str | None) -> None:
    assert identify(text).model == model
