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
