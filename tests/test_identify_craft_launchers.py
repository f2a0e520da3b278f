"""Launchers and projectiles made in insurgent workshops take their origin from the place named, as a craft gun
does; an improvised explosive device built from a factory's shell does not; the districts where India's Maoist
insurgency recovers craft arms are places the tables know."""

from __future__ import annotations

import pytest

from armstrace.identify import identify


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("crude mortar rounds cast from scrap pipe, Magway", "MM"),
        ("an improvised grenade launcher made in a village workshop, Sagaing", "MM"),
        ("crude rockets fired from Idlib", "SY"),
        ("an improvised mortar tube found near Kandahar", "AF"),
    ],
)
def test_a_craft_launcher_or_projectile_is_made_where_the_text_places_it(text: str, country: str) -> None:
    result = identify(text)
    assert result.country == country
    why = [e.note for e in result.evidence if e.field == "country" and e.value == country]
    assert why and "craft" in why[0]


def test_an_improvised_device_from_a_factory_shell_is_not_a_craft_item() -> None:
    result = identify("improvised explosive device built from a mortar bomb, found near Kandahar")
    assert result.country is None


@pytest.mark.parametrize("district", ["Sukma", "Gadchiroli", "Malkangiri", "West Singhbhum"])
def test_maoist_districts_place_craft_arms_in_india(district: str) -> None:
    assert identify(f"country-made pistols and locally made cartridges seized in {district}").country == "IN"


def test_a_factory_rifle_recovered_in_such_a_district_is_not_indian() -> None:
    assert identify("an AK-47 rifle recovered from Maoists in Sukma").country is None
