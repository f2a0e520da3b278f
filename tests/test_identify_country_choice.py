"""Which country, when a text names several: the state that ordered, held or traded the item and a place and date
of recovery are not its origin; a design the item is based on or upgrades is the copied one's, not the item's."""

from __future__ import annotations

import pytest

from armstrace.identify import identify
from armstrace.identify.recovery_places import _undated


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("AK-47 rifle, Mali 2013", "AK-47 rifle, Mali"),
        ("G3 rifle, Tel Aviv, Israel, 3 March 1990 (museum)", "G3 rifle, Tel Aviv, Israel"),
        ("Type 56, Chad, 12/2008", "Type 56, Chad"),
        ("Model 1909 (Argentine)", "Model 1909"),
        ("Mauser Model 1909", "Mauser Model 1909"),
        ("AKM, Iraq, Basra 2004", "AKM, Iraq, Basra"),
    ],
)
def test_a_closing_date_and_bracketed_note_are_set_aside(line: str, kept: str) -> None:
    assert _undated(line) == kept


def test_a_word_before_the_year_goes_only_when_it_names_a_month() -> None:
    assert _undated("rifle, Somalia 1993") == "rifle, Somalia"
    assert _undated("rifle, Somalia June 1993") == "rifle, Somalia"
    assert _undated("Mauser Modelo 1909").startswith("Mauser Modelo")


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Zastava M70 rifle, Somalia 2012", "RS"),
        ("Heckler & Koch G3 rifle, Yemen, 4 March 2015", "DE"),
        ("Beretta 92 pistol, Colombia (2019)", "IT"),
    ],
)
def test_a_country_ending_an_account_before_its_date_is_where_the_item_was_found(text: str, country: str) -> None:
    result = identify(text)
    assert result.country == country
    assert any(e.weight == 0 and "named last" in e.note for e in result.evidence if e.field == "country")


@pytest.mark.parametrize(
    ("text", "country", "user"),
    [
        ("pistolet CZ 75 de Česká zbrojovka, commande de l'Irak", "CZ", "IQ"),
        ("pistola Beretta 92, pedido de Venezuela", "IT", "VE"),
        ("تفنگ ژ-۳ هکلر و کخ، ارتش ایران", "DE", "IR"),
        ("Norinco Type 56 rifle offered on the Yemeni arms market", "CN", "YE"),
        ("Glock 17 pistol carried by a Kenyan soldier", "AT", "KE"),
    ],
)
def test_a_buyer_holder_or_market_is_not_the_origin(text: str, country: str, user: str) -> None:
    result = identify(text)
    assert result.country == country
    assert any(e.value == user and e.weight == 0 for e in result.evidence if e.field == "country")


@pytest.mark.parametrize(
    ("text", "country", "copied"),
    [
        ("XK-9, a Chinese upgrade of the Russian SVD Dragunov rifle", "CN", "RU"),
        ("Iranian rifle based on the Russian SVD", "IR", "RU"),
        ("fusil d'assaut chinois, basé sur l'AKM soviétique", "CN", None),
        ("fusil iraní basado en el AKM soviético", "IR", None),
        ("Гранатомет, клон советского РПГ-7, производство налажено в Иране", "IR", "RU"),
    ],
)
def test_the_design_an_item_is_based_on_is_not_its_origin(text: str, country: str, copied: str | None) -> None:
    result = identify(text)
    assert result.country == country
    if copied:
        notes = [e.note for e in result.evidence if e.field == "country" and e.value == copied]
        assert notes and all("copies or resembles" in n for n in notes)


def test_the_first_word_of_a_lineage_cue_alone_is_no_cue() -> None:
    # "based in" a town is a company's seat: the design after it is the item's own
    result = identify("rifle made by Norinco, based in Beijing, Type 56")
    assert (result.country, result.model) == ("CN", "Type 56")


def test_a_place_inside_the_closing_brackets_is_still_the_place_of_recovery() -> None:
    result = identify("Zastava M70 rifle in a display case (museum, Somalia)")
    assert result.country == "RS"
