"""The country a text states for the item, and well-known items that name their country themselves.

A nationality qualifying the item beats the country a transfer sends it to; a Romance plural adjective is not read
as another language's locative; an original design named by its own name (not by a series copies share) gives its
country; a cartridge named alone by its service designation is that round; a plant's code beside a small-arms bore
in a sentence is a case head's; a user's country counts, weakly, only for that country's own design.

Each case is written for its rule, not taken from any test set.
"""

from __future__ import annotations

import pytest

from armstrace.identify import identify


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("the 2019 Bulgarian shipment of rockets to Kenya", "BG"),
        ("a Romanian delivery of rifles to Yemen", "RO"),
        ("the Czech export of pistols to Peru", "CZ"),
    ],
)
def test_a_transfer_noun_makes_the_country_after_to_the_recipient(text: str, country: str) -> None:
    assert identify(text).country == country


def test_a_country_after_to_without_a_transfer_stays_an_origin() -> None:
    # no transfer word: "to" alone does not make a destination
    assert identify("rifles similar to those of Peru").country != "CZ"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("cuatro granadas argentinas", "AR"),  # Estonian inessive `Argentinas` was read as a place
        ("minas antipersonales ecuatorianas", "EC"),
        ("munición boliviana", "BO"),
        ("grenades libanaises", "LB"),
        ("an Ecuadorian landmine", "EC"),
        ("a Lebanese-made rifle", "LB"),
    ],
)
def test_adjectives_of_origin_of_more_states(text: str, country: str) -> None:
    assert identify(text).country == country


def test_an_original_named_by_its_own_name_gives_its_country() -> None:
    # the Indian copy shares the number series (GRENADE NO 36), not the name
    assert identify("a Mills bomb").country == "GB"
    assert identify("an old potato masher grenade").country == "DE"
    # China's copy is `Model 24`: the number is shared, the name is not
    assert identify("an old Stielhandgranate 24").country == "DE"
    assert identify("a 9K32 gripstock").country == "RU"  # the Soviet index, which no copy's row carries


@pytest.mark.parametrize("text", ["a No. 36 grenade", "a Sztrela-2 launcher"])
def test_an_original_named_by_a_series_copies_share_stays_open(text: str) -> None:
    result = identify(text)
    assert result.country is None
    assert result.alternatives and any(a.field == "country" for a in result.alternatives)


def test_an_original_row_without_a_family_is_its_own_design() -> None:
    assert identify("an SRCM Mod. 35 grenade").country == "IT"


def test_a_cartridge_named_alone_by_its_service_designation() -> None:
    result = identify("two boxes of GP 11 cartridges")
    assert (result.model, result.country, result.kind) == ("GP 11", "CH", "ammunition")
    assert identify(".303 Mk VIIz ball rounds").country == "GB"


def test_a_cartridge_designation_beside_a_rifle_stays_the_calibre() -> None:
    result = identify("K31 carbine in GP 11")
    assert result.kind == "firearm"
    assert result.model != "GP 11"
    assert result.calibre == "7.5x55mm Swiss"


def test_a_plant_code_beside_a_small_arms_bore_in_a_sentence() -> None:
    result = identify("it was standard RG 7.62mm from 1979")
    assert (result.manufacturer, result.country, result.kind) == ("ROF Radway Green", "GB", "ammunition")


@pytest.mark.parametrize(
    "text",
    [
        "the RG representative said the order was late",  # no calibre
        "an RG 7.62mm rifle",  # a gun named: its marks are no case head
        "the Rg 7.62mm",  # not written as a stamp's capitals
    ],
)
def test_a_plant_code_in_prose_needs_a_small_arms_bore_and_capitals(text: str) -> None:
    assert identify(text).manufacturer != "ROF Radway Green"


def test_a_user_counts_only_for_its_own_states_design() -> None:
    assert identify("a Lee-Enfield used by the British Army").country == "GB"
    assert identify("a hand grenade used by the British Army").country is None
    assert identify("an AK-47 used by the Syrian Army").country is None


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Hungarian rifle grenades intercepted near Chad", "HU"),
        ("Romanian 60mm mortar bombs, Mali 2021", "RO"),
        ("Serbian hand grenades transited through Albania", "RS"),
        ("granadas rumanas, Venezuela", "RO"),
    ],
)
def test_a_nationality_qualifying_the_item_beats_a_place_named_bare(text: str, country: str) -> None:
    assert identify(text).country == country


def test_a_place_named_bare_still_counts_when_no_nationality_qualifies_the_item() -> None:
    # the nationality is the crew's, not the item's: nothing qualifies the grenades
    assert identify("grenades made in Bulgaria, left by a Hungarian crew").country == "BG"
