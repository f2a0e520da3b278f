"""False readings an independent review (reviewY) found in the craft-origin, maker-phrasing and address rules, the
words of kind and the ordnance aliases of the issue-14 round. Each probe failed before its fix; the fixes are general
rules (a craft word bound to the item, a making verb over a designing one, short or word-like place names needing a
joiner, a seller's address not a maker's, letter-group aliases needing a kind word)."""

from __future__ import annotations

import pytest

from armstrace.identify import identify
from armstrace.identify.places import gazetteer
from armstrace.reference import load_reference


def _craft(text: str) -> bool:
    return any(e.field == "country" and "craft weapon" in e.note for e in identify(text).evidence)


# 1. A craft word about another object, a part, a repair or another meaning does not take over the item.
@pytest.mark.parametrize(
    ("text", "country", "maker"),
    [
        ("Norinco Type 56 rifle seized in Kano alongside several locally made pistols", "CN", "Norinco"),
        ("Beretta pistol with a homemade suppressor, Trabzon", "IT", "Beretta"),
        ("Glock 17 pistol seized in Sinop, Turkey with a handmade silencer", "AT", "Glock"),
        ("Smith & Wesson revolver in a homemade holster, seized in Kano", "US", "Smith & Wesson"),
        ("Zastava M70 rifle, blacksmith repairs visible, Ashanti", "RS", "Zastava Arms"),
        ("Norinco Type 56 rifles seized aboard a local craft off Lamu", "CN", "Norinco"),
    ],
)
def test_a_craft_word_about_something_else_keeps_the_factory_maker(text: str, country: str, maker: str) -> None:
    r = identify(text)
    assert (r.country, r.manufacturer) == (country, maker)
    assert not _craft(text)


@pytest.mark.parametrize(
    "text",
    [
        "AK-47 with a locally made stock, seized in Kano",
        "AK-47 recovered; ammunition was locally made in Kano",
        "Local gunsmith repaired a Makarov pistol in Kano",
        "Type 56 rifle seized from an artisanal miner, Kayes region",
        "AK-47 seized at an artisanal gold mining site in Kayes",
        "사제 총기 아님, 미국산 콜트 권총",
        "自制力 54式手枪 中国制造",
        "مسدس غلوك نمساوي الصنع ضبط في ورشة لتصليح السيارات",
        "بندقية كلاشنكوف روسية الصنع ضبطتها الشرطة المحلية في الخليل",
        "Seized: Colt M4 carbine and two homemade pipe guns, Mindanao",
    ],
)
def test_no_craft_origin_from_a_part_a_repair_a_denial_or_another_meaning(text: str) -> None:
    assert not _craft(text)


def test_true_craft_weapons_still_take_the_place_named() -> None:  # guards (right before too)
    assert identify("Country made pistol recovered from accused at Gulbarga, Karnataka").country == "IN"
    assert identify("Arme artisanale saisie à Kayes").country == "ML"
    assert identify("Blacksmith-made dane gun, Ashanti Region").country == "GH"
    assert identify("pistola artesanal incautada en Tijuana").country == "MX"
    assert identify("Homemade firearm seized in Kano, the Colt brand was copied").country == "NG"


# 2. The name after a verb of making wins over a designer's; a refurbisher's or kit assembler's is not the maker.
@pytest.mark.parametrize(
    ("text", "country", "maker"),
    [
        ("Kalashnikov rifle developed by Izhmash, manufactured by Zastava", "RS", "Zastava Arms"),
        ("Makarov pistol developed by Izhevsk Mechanical Plant, made by Simson Suhl", "DE", "Simson"),
        ("Type 56 rifle marked Norinco, refurbished and assembled at Arsenal AD", "CN", "Norinco"),
        ("M16A1 rifle, developed by ArmaLite, marked COLT", "US", "Colt's Manufacturing Company"),
    ],
)
def test_a_making_verb_outranks_a_designing_or_servicing_one(text: str, country: str, maker: str) -> None:
    r = identify(text)
    assert (r.country, r.manufacturer) == (country, maker)


def test_a_kit_assembled_at_an_arsenal_names_no_maker() -> None:
    assert identify("Rifle assembled at Arsenal from Romarm parts kit by a hobbyist").manufacturer != "Arsenal AD"


def test_the_evidence_quotes_the_phrase_that_named_the_maker() -> None:
    r = identify("Beretta 92 pistol picked up by Taurus from a contract")
    assert any(e.field == "manufacturer" and "'picked up by'" in e.note for e in r.evidence)
    r = identify("Kalashnikov rifle developed by Izhmash, manufactured by Zastava")
    assert any(e.field == "manufacturer" and "'manufactured by'" in e.note for e in r.evidence)


def test_a_calibre_before_the_craft_word_is_not_another_item() -> None:  # guard: kept while binding the cue
    assert identify("7.65 bore country-made pistol, made in Munger, seized in a house").country == "IN"


# 3. A short or word-like place name decides only with a joiner or its country beside it; an agency's seat never.
@pytest.mark.parametrize(
    "text",
    [
        "Homemade gun in a 5 acre field",
        "Homemade gun found in Wa",
        "Homemade gun, Ho",
        "Locally made pistol in Imo",
        "Locally made pistol, Edo",
        "Locally made pistol, Delta",
        "Homemade rifle found in the Free State",
        "Homemade rifle, Tabasco",
        "Homemade rifle found in Hidalgo",
        "Homemade rifle seized by Meru police",
    ],
)
def test_a_short_or_word_like_place_alone_gives_no_craft_origin(text: str) -> None:
    assert not _craft(text)


def test_a_short_or_word_like_place_with_a_joiner_or_its_country_still_does() -> None:  # guards
    assert identify("Locally made pistol recovered in Delta State").country == "NG"
    assert identify("Homemade rifle found in Hidalgo, Mexico").country == "MX"
    assert identify("Local made gun of Ondo make").country == "NG"
    assert identify("Homemade rifle found in Chihuahua").country == "MX"


# 4. A seller's, supplier's, importer's or refurbisher's company and its town are not the maker and its country.
@pytest.mark.parametrize(
    "text",
    [
        "Pistol sold through Sahel Arms Trading Ltd., Kano",
        "Pistol, bought from Sahel Arms Trading Ltd., Kano",
        "Rifle, refurbished by Delta Arms Services Ltd., Lagos",
    ],
)
def test_a_traders_address_is_not_the_country_of_manufacture(text: str) -> None:
    r = identify(text)
    assert r.country is None and r.manufacturer is None


def test_a_makers_address_still_gives_its_country() -> None:  # guard (right before too)
    assert identify("Pistol made by Acme Tactical Ltd., Ibadan").country == "NG"


# 5. An ordnance alias written as a letter group and a number apart is a stamp or lot mark without a kind word.
@pytest.mark.parametrize(
    "text",
    ["Browning Auto-5 shotgun, FN, 1958, MW 1 stamp", "Ammunition box marked RS 82 LOT 1", "3 O 23 on the case"],
)
def test_a_spaced_ordnance_alias_without_a_kind_word_is_no_design(text: str) -> None:
    r = identify(text)
    assert r.model is None and r.kind != "ordnance"


def test_a_spaced_ordnance_alias_with_its_kind_word_is_read() -> None:  # guards (right before too)
    assert identify("MW 1 dispenser").model == "MW-1 dispenser"
    assert identify("RS 82 rocket").model == "RS-82"
    assert identify("POM 1 mine").model == "POM-1"
    assert identify("358 missile").model == "358 missile (Iran)"


# 6. One missile or rocket word of another language that is also a name or ordinary syllables needs a second cue.
def test_a_lone_foreign_missile_word_does_not_flip_the_kind() -> None:
    assert identify("Ruger pistol owned by Mr. Rudal").kind == "firearm"
    assert identify("Ten lua").kind != "ordnance"


def test_a_foreign_missile_word_with_a_second_cue_is_ordnance() -> None:  # guards (right before too)
    assert identify("Rudal missile").kind == "ordnance"
    assert identify("tên lửa vác vai Igla").kind == "ordnance"


# 7. Rows whose source does not say what they said: Mindanao is an island group; the Type 84 mine's maker unnamed.
def test_mindanao_is_an_island_group_and_the_type_84_mine_names_no_maker() -> None:
    ref = load_reference()
    assert {p.kind for p in ref.places if p.place == "Mindanao"} == {"island group"}
    assert gazetteer(ref)["MINDANAO"] == {"PH"}
    r = identify("Type 84 mine")
    assert (r.country, r.manufacturer) == ("CN", None)


def test_a_spaced_alias_beside_an_artillery_word_or_a_big_bore_is_read() -> None:  # guard: kept while fixing 5
    assert identify("مدفع «D 30» عيار 122 ملم").model == "D-30 howitzer"


def test_a_refurbisher_or_licensor_named_beside_the_maker_is_not_the_maker() -> None:  # pre-existing, reviewY 2
    assert (
        identify("M16A1 rifle refurbished by Arsenal AD, made by Colt").manufacturer == "Colt's Manufacturing Company"
    )
    assert identify("Zastava M70 rifle, licensed by Izhmash").country == "RS"
