"""A report's sentence, not a stamp: where it says the item was made outweighs where it was found, packed, used
or carried; a maker's name written as a word of the sentence names the maker; a code said to be inscribed on
cartridge cases is a headstamp's."""

from __future__ import annotations

import pytest

from armstrace.identify import identify


@pytest.mark.parametrize(
    ("text", "origin", "place"),
    [
        ("ammunition of Iranian origin seized off Yemen", "IR", "YE"),
        ("fusiles de origen ruso decomisados en Colombia", "RU", "CO"),
        ("munições de origem chinesa apreendidas, Moçambique", "CN", "MZ"),
        ("автоматы китайского происхождения, Судан", "CN", "SD"),
        ("صواريخ إيرانية المنشأ في اليمن", "IR", "YE"),
        ("Rus menşeli tüfek Suriye'de ele geçirildi", "RU", "TR"),
        ("rockets seized in Helmand; the markings showed they were from Iran", "IR", None),
        ("mortar bombs, Chinese-made, in Kenyan army crates, Darfur", "CN", "KE"),
        ("Bulgarian-made rifles, in Saudi-marked crates, Yemen", "BG", "SA"),
    ],
)
def test_a_stated_origin_outweighs_the_places_named_with_it(text: str, origin: str, place: str | None) -> None:
    r = identify(text)
    assert r.country == origin
    assert r.country != place


def test_a_made_in_town_names_the_country_of_its_makers() -> None:
    assert identify("hand grenades made in Birmingham, dug up in Kenya").country == "GB"
    # a town after "found in" is where it was found, whatever its makers
    assert identify("grenade found in Birmingham").country is None


def test_a_bare_from_stays_a_route_and_the_copula_needs_from() -> None:
    assert identify("AK rifle from Libya").country != "LY"  # a route or a place of recovery
    assert identify("rifles that were seized in Libya").country != "LY"


def test_a_maker_said_to_have_made_part_of_a_list_keeps_its_country() -> None:
    r = identify("4 el bombası: 2'si MKE yapımı, 2'si Alman yapımı, Trabzon")
    assert r.country == "TR"
    assert r.manufacturer_id == "mkek"


@pytest.mark.parametrize(
    ("text", "maker"),
    [
        ("Baikal handguns seized in Calais", "izhmekh"),
        ("a Molot rifle found near Donetsk", "molot"),
        ("10 Russian-made Baikal pistols with silencers", "izhmekh"),
        ("two Austrian-made Glocks seized at the border", "glock"),
        ("three Berettas recovered in a raid in Lagos", "beretta"),
        ("pistol cartridges made at the Vinnytsya Fort plant", "fort_vinnytsia"),
    ],
)
def test_a_maker_written_as_a_word_of_the_sentence_is_the_maker(text: str, maker: str) -> None:
    assert identify(text).manufacturer_id == maker


@pytest.mark.parametrize(
    "text",
    [
        "rifles recovered near Lake Baikal",  # a lake, before no arm
        "the Fort Worth police seized two rifles",  # a town
        "a Kalashnikov rifle recovered in Somalia",  # a design's name, whoever made it
        "rifles stored at the Arsenal factory",  # a word before a plant word
    ],
)
def test_a_place_person_or_design_before_an_arm_is_no_maker(text: str) -> None:
    assert identify(text).manufacturer_id is None


def test_a_code_said_to_be_inscribed_on_cases_is_a_headstamp() -> None:
    r = identify("cases with the inscription LC 19")
    assert r.manufacturer_id == "lake_city_aap"
    assert r.country == "US"
    r = identify('casquillos con la inscripción "LC" seguida de "19", "22" y "23"')
    assert r.manufacturer_id == "lake_city_aap"  # 22 and 23 follow the code: its years, not plants' numbers


def test_a_code_inscribed_on_a_gun_is_no_headstamp() -> None:
    r = identify("a rifle with the inscription LC on the stock")
    assert r.manufacturer_id != "lake_city_aap"


def test_a_town_where_the_item_was_found_is_no_makers_town() -> None:
    r = identify("grenade found in Hyderabad")  # Bharat Dynamics' town, here where it was found
    assert r.manufacturer_id is None
    assert r.country is None
    assert identify("hunting rifle made in Izhevsk, seized in Kenya").country == "RU"  # where it was made


def test_a_maker_the_sentence_says_made_it_outweighs_a_makers_town() -> None:
    r = identify("rockets manufactured by Amin Explosives, found in Hyderabad")
    assert r.manufacturer == "Amin Explosives"
    assert r.manufacturer_id is None  # no row holds it: reported as named, not replaced by the town's maker
    r = identify("explosive manufactured by Amin Explosives — Hyderabad blasts, 2007")  # the town alone, no cue
    assert r.manufacturer == "Amin Explosives"
    assert any("a maker's town only" in e.note for e in r.evidence)
    r = identify("pistol imported by Kassnar, made by Fegyver of Budapest")
    assert r.manufacturer_id == "feg"  # the town's own maker, named in part, stays


def test_a_country_after_made_by_is_no_maker() -> None:
    r = identify("pistol made by Russia")
    assert r.manufacturer is None


def test_a_holder_after_a_recovery_cue_is_no_property_mark() -> None:
    assert identify("rifles seized by U.S. forces in Iraq").country is None  # the captor, not the owner's mark
    assert identify("rifle marked U.S. PROPERTY, seized by police in Kenya").country == "US"  # the mark itself
