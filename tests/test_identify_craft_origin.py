"""A craft or locally made weapon is made where the text names it (identY, issue 14): "country-made pistol" in an
Indian district, a "locally fabricated revolver" in a Nigerian state, a "blacksmith" in a Ghanaian town. The place
comes from the gazetteer (places.csv, extended with the first-level divisions and towns of the countries where craft
production is documented); without a craft word a place of recovery never becomes the origin.

The texts are written for the rule (no case of any test set); each failed before it, except the guards marked.
"""

from __future__ import annotations

from armstrace.identify import identify
from armstrace.identify.places import gazetteer
from armstrace.reference import load_reference


def _craft_note(text: str) -> str:
    r = identify(text)
    return next((e.note for e in r.evidence if e.field == "country" and "craft" in e.note), "")


def test_a_country_made_pistol_is_from_the_indian_state_named() -> None:
    r = identify("two country-made pistols and five live rounds seized near Bhagalpur, Bihar")
    assert r.country == "IN"
    assert "craft weapon" in _craft_note("two country-made pistols and five live rounds seized near Bhagalpur, Bihar")


def test_locally_fabricated_and_blacksmith_weapons_in_several_languages() -> None:
    assert identify("locally fabricated single-barrel gun recovered at Onitsha, Anambra State").country == "NG"
    assert identify("blacksmith-made shotgun seized in Kumasi, Ashanti").country == "GH"
    assert identify("arma de fabricación casera incautada en Ibagué, Tolima").country == "CO"
    assert identify("el yapımı tabanca, Diyarbakır").country == "TR"
    assert identify("paltik .38 revolver confiscated in Cebu").country == "PH"


def test_a_craft_weapon_named_with_a_country_mark_is_reported_as_a_conflict() -> None:
    r = identify("locally made pistol stamped MADE IN USA, recovered in Kano")
    assert r.country == "NG"
    assert any("craft weapon" in c for c in r.conflicts)
    assert any(a.value == "US" for a in r.alternatives if a.field == "country")


def test_a_factory_made_weapon_found_at_a_place_keeps_its_makers_country() -> None:  # guard (right before too)
    assert identify("Glock 17 pistol recovered in Kano").country == "AT"
    assert identify("Taurus PT92 pistol seized in Diyarbakır").country == "BR"
    assert not _craft_note("Beretta 92 pistol recovered in Onitsha, Anambra State")


def test_no_craft_origin_from_an_explosive_device_or_from_places_of_two_countries() -> None:  # guards
    assert not _craft_note("improvised explosive device found in Kano")
    assert not _craft_note("locally made pistol carried from Kano to Kumasi")
    assert not _craft_note("locally made copy of a Soviet pistol")  # the copied design's country is not the origin


def test_the_new_divisions_are_read_from_places_csv() -> None:
    places = gazetteer(load_reference())
    assert places["KARNATAKA"] == {"IN"} and places["ANAMBRA"] == {"NG"} and places["TRABZON"] == {"TR"}
    assert places["WEST BANK"] == {"PS"} and places["NAKURU"] == {"KE"} and places["ASHANTI"] == {"GH"}


def test_the_brand_a_craft_weapon_carries_is_not_its_maker() -> None:
    r = identify("handmade pistol with Beretta markings, seized in Diyarbakır")
    assert (r.country, r.manufacturer) == ("TR", None)
    assert any(a.field == "manufacturer" and a.value == "Beretta" for a in r.alternatives)
    assert identify("Beretta 92 pistol seized in Diyarbakır").manufacturer == "Beretta"  # guard (right before too)


def test_craft_words_in_portuguese_spanish_and_english_slang() -> None:
    assert identify("arma caseira apreendida em Recife, Pernambuco").country == "BR"
    assert identify("pistola artesanal incautada en Tijuana").country == "MX"
    assert identify("crude pistol seized in Nakuru county").country == "KE"
    assert identify("homemade shotgun seized in Mount Hagen, Western Highlands").country == "PG"
    assert not _craft_note("crude oil tanker seized near Lagos")  # guard: 'crude' only beside a weapon word
