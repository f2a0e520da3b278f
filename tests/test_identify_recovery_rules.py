"""Rules drawn from the recovery grid, each for a class of phrasing (examples of our own making): a maker's name,
a word for "model" and its designation; Russian plants named in a Ukrainian sentence; a service designation whose
listed makers are all in one country; the designer's name as the common noun for an AK-pattern rifle."""

from __future__ import annotations

from collections import defaultdict

import pytest

from armstrace.identify import identify
from armstrace.identify.endings import east_slavic, stem_keys
from armstrace.reference import load_reference


@pytest.mark.parametrize(
    ("text", "model"),
    [
        ("pistola Beretta modelo 92 calibre 9 mm", "Beretta 92"),  # es
        ("pistolet Glock modèle 19 saisi", "Glock 19"),  # fr
        ("Walther Modell PP 7,65 mm", "Walther PP"),  # de
        ("a Colt model 1911 pistol in .45", "M1911"),  # en
    ],
)
def test_maker_model_word_and_designation(text: str, model: str) -> None:
    assert identify(text).model == model


def test_model_word_never_takes_another_makers_design() -> None:
    # the Beretta 92 is no Glock's: the model word joins only a design of the maker named before it
    assert identify("pistola Glock modelo 92").model != "Beretta 92"


@pytest.mark.parametrize(
    ("text", "maker"),
    [
        ("набої виробництва Барнаульського патронного заводу", "barnaul_cartridge"),
        ("гільзи Новосибірського заводу", None),  # no such row: the fold names nothing it should not
    ],
)
def test_russian_plant_in_a_ukrainian_sentence(text: str, maker: str | None) -> None:
    assert identify(text).manufacturer_id == maker


def test_east_slavic_fold() -> None:
    assert east_slavic("БАРНАУЛЬСЬК") == east_slavic("БАРНАУЛЬСК")
    assert east_slavic("ІЖЕВСЬК") == east_slavic("ИЖЕВСК")
    assert east_slavic("ZASTAVA") == "ZASTAVA"


def test_folded_names_of_two_countries_makers_do_not_meet() -> None:
    """No phrase key of a maker's Cyrillic name (two words or more) is shared with a maker of another country."""
    ref = load_reference()
    owners: dict[str, set[str]] = defaultdict(set)
    for m in ref.manufacturers:
        for name in (m.name, *m.variants):
            for key in stem_keys(name):
                if " " in key:
                    owners[key].add(m.country)
    assert not {k: c for k, c in owners.items() if len(c) > 1}


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("M16A4 rifle recovered from the militants", "US"),  # Colt and FN America, both in the US
        ("AKM rifle recovered from the militants", None),  # a design copied everywhere, no maker listed
    ],
)
def test_service_designation_made_at_home_only(text: str, country: str | None) -> None:
    assert identify(text).country == country


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("une kalachnikov de fabrication chinoise", "firearm"),
        ("trois kalachnikovs et un pistolet", "firearm"),
        ("two Kalashnikovs and a pistol", "firearm"),
        ("Kalashnikov Concern 5.45x39 cartridges", "ammunition"),  # the maker's name stays the maker's
        ("des cartouches pour kalachnikov", "ammunition"),
    ],
)
def test_kalashnikov_as_the_rifles_noun(text: str, kind: str) -> None:
    assert identify(text).kind == kind
