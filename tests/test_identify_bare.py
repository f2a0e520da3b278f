"""General rules of the seventh pass on issue 14: a text that is only a case head's stamp (a plant code and a
year, or a Roman numeral) is ammunition, its code read through the headstamp and factory-number tables; ordnance
named with a word that also names a firearm (rifle, gun, round, cartridge) is ordnance.

Each case is written for its rule (no case of any test set); each failed before the rule, except the guards
marked as such.
"""

from __future__ import annotations

import pytest

from armstrace.identify import identify


def _kind_note(text: str) -> str:
    r = identify(text)
    return " ".join(e.note for e in r.evidence if e.field == "kind")


def test_a_code_and_a_year_alone_are_a_case_head_listed_or_not() -> None:
    for text, year in (("9 78", 1978), ("525 83", 1983), ("ZV 52", 1952), ("LXX 85", 1985)):
        r = identify(text)
        assert (r.kind, r.year, r.country) == ("ammunition", year, None), text
        assert "read as a headstamp: the text is only a code and a year" in _kind_note(text)


def test_a_roman_numeral_beside_letters_is_a_stamp_date() -> None:
    r = identify("WRA XII")
    assert (r.kind, r.country) == ("ammunition", "US")


def test_a_cartridge_makers_short_name_alone_with_a_year_is_its_stamp() -> None:
    r = identify("SB 85")
    assert (r.kind, r.country, r.year) == ("ammunition", "CZ", 1985)


def test_a_number_only_the_factory_code_table_lists_is_read_as_that_plant() -> None:
    r = identify("54 85")  # the factory-code table's Egyptian factory 54; no headstamp row lists 54
    assert (r.kind, r.country, r.year) == ("ammunition", "EG", 1985)
    assert any("factory number 54" in e.note for e in r.evidence if e.field == "manufacturer")


def test_guard_designations_names_serials_and_gaps_are_not_stamps() -> None:
    assert identify("G3 1985").kind == "firearm"
    assert identify("AK 47").kind == "firearm"
    assert identify("56-1").kind == "firearm"
    assert identify("M16A1").kind == "firearm"
    assert identify("MK II").kind is None  # a designation's mark and numeral, not a plant and a date
    assert identify("No 4").kind is None
    assert identify("HK 1985").kind is None  # a gun maker's name and a year
    assert identify("CHINA 85").kind is None
    assert identify("NOR[..]X 1234").kind is None  # a name partly illegible
    assert identify("1984 5521").kind is None  # an unlisted four-digit number is a serial's, not a plant's
    assert identify("BREN 1942").kind is None  # an unlisted code is two or three letters; a name is longer


def test_of_two_unlisted_two_digit_numbers_the_later_is_the_year() -> None:
    r = identify("12 85")  # was 2012: the first number read as the year
    assert (r.kind, r.year, r.unread) == ("ammunition", 1985, ["12"])


def test_a_code_over_its_year_written_with_a_slash() -> None:
    r = identify("71/81")  # was one serial-like token: nothing read
    assert (r.kind, r.country, r.year) == ("ammunition", "CN", 1981)


def test_a_bore_of_twenty_mm_or_more_with_a_weapon_word_is_ordnance() -> None:
    for text in ("23mm gun", "85 mm gun", "30mm round", "30mm cartridge", "20mm cannon"):
        assert identify(text).kind == "ordnance", text
    # guards: below 20 mm, and a firearm whose own calibre is the one marked
    assert identify("12.7mm round").kind == "ammunition"
    assert identify("14.5mm machine gun").kind == "firearm"
    assert identify("NTW-20 20mm rifle").kind == "firearm"
    assert identify("M4 carbine with M203 40mm grenade launcher").kind == "firearm"  # its accessory's bore


def test_a_marked_bore_rules_out_a_firearm_of_the_same_designation() -> None:
    r = identify("M40 106mm rifle")  # was the M40 sniper rifle (7.62 mm)
    assert (r.model, r.kind, r.country) == ("M40 recoilless rifle", "ordnance", "US")


def test_ordnance_phrases_holding_a_firearm_word() -> None:
    assert identify("launch tube").kind == "ordnance"
    assert identify("point detonating fuse").kind == "ordnance"


def test_a_firearm_designation_followed_by_its_ordnance_names_the_ordnance() -> None:
    assert identify("Type 56 rifle grenade").kind == "ordnance"
    assert identify("Type 56 rifle").kind == "firearm"  # guard


def test_a_number_joined_to_a_designation_is_not_a_plant_code() -> None:
    r = identify("VOG-17 round")  # was Barnaul's headstamp 17 (RU)
    assert (r.kind, r.manufacturer) == ("ordnance", None)
    # guard: the same number standing alone on the head is the plant's (named by its calibre only: `VOG-17` is now
    # the grenade's own row, and a named grenade, like the VOG-30, takes no cartridge plant's headstamp)
    assert identify("30x29mm round 17 85").manufacturer == "Barnaul Cartridge Plant"


@pytest.mark.parametrize("text", ["US 30", "KG 25", "QTY 20", "PCS 50", "BOX 12", "ID 12"])
def test_a_unit_a_label_or_a_country_with_a_number_is_not_a_stamp(text: str) -> None:
    r = identify(text)
    assert r.kind != "ammunition" and r.year is None


def test_a_two_digit_year_is_never_in_the_future() -> None:
    # FC's row gives no years of use (LC's does, from 1941: `LC 30` is left undated, see test_identify_headstamps2)
    assert identify("FC 30").year == 1930 and identify("945 05").year == 2005


def test_one_weak_makers_word_does_not_set_the_country() -> None:
    assert identify("ARSENAL").country is None  # the word alone: Arsenal AD's name, and any arsenal's
    assert identify("STATE ARSENAL OF ROMANIA").country == "RO"  # the country named stands


@pytest.mark.parametrize(("text", "country"), [("FLB 85", "AR"), ("CIS 89", "SG"), ("ZW 15", "ZW")])
def test_stamps_of_the_headstamp_rows_added_last_are_read(text: str, country: str) -> None:
    r = identify(text)
    assert (r.kind, r.country) == ("ammunition", country)
