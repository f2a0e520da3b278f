"""Provenance against the design's origin: craft copies whose marks name the design's country, a headstamp code
beside a cartridge's designation, and designs the tables know several states to make."""

from __future__ import annotations

import pytest

from armstrace.identify import identify
from armstrace.identify.second_sources import other_producers
from armstrace.reference import load_reference


@pytest.mark.parametrize(
    ("text", "place", "marked"),
    [
        ("TOKAREV CCCP 7.62 Darra Adam Khel", "PK", "RU"),  # a designer's name and a country word, no MADE IN
        ("AKM CCCP 7.62x39 Danao City", "PH", "RU"),
        ("MADE IN USSR AKM Darra Adam Khel", "PK", "RU"),  # the MADE IN phrasing reads the same
    ],
)
def test_craft_centre_beats_a_bare_country_word(text: str, place: str, marked: str) -> None:
    r = identify(text)
    assert r.country == place
    assert any(marked in c and place in c for c in r.conflicts)
    assert any(a.field == "country" and a.value == marked and a.score > 0 for a in r.alternatives)


def test_bare_country_word_without_a_craft_place_stays() -> None:
    r = identify("AKM 7.62x39 CCCP")
    assert r.country == "RU"
    assert not r.conflicts


def test_headstamp_code_beside_a_cartridge_designation_names_the_maker() -> None:
    r = identify("HP 81 5.56 M193")
    assert (r.country, r.manufacturer_id, r.year) == ("AT", "hirtenberger", 1981)
    assert r.model == "M193"


def test_cartridge_designation_alone_names_no_maker() -> None:
    assert identify("M193 ball 5.56").manufacturer is None


@pytest.mark.parametrize("text", ["PG-7VS rocket", "OG-7V round for RPG-7"])
def test_design_several_states_make_is_not_settled(text: str) -> None:
    r = identify(text)
    assert r.country is None and r.manufacturer is None
    origin = [a for a in r.alternatives if a.field in {"country", "manufacturer"}]
    assert origin and all(a.score > 0 for a in origin)


def test_maker_marked_on_a_design_several_states_make_decides() -> None:
    r = identify("PG-7VL 93 mm ВМЗ")
    assert (r.country, r.manufacturer_id) == ("BG", "vmz_sopot")


def test_design_one_state_makes_keeps_its_maker() -> None:
    ref = load_reference()
    row = next(m for m in ref.models if m.model == "PG-7VL")
    assert {"BG", "PK"} <= set(other_producers(ref, row))
    assert not other_producers(ref, next(m for m in ref.models if m.model == "TBG-7V"))
    assert identify("GLOCK 19 9x19").country == "AT"


def test_army_arsenal_named_is_the_maker_state() -> None:
    assert identify("HK33 5.56 Royal Thai Army War Arsenal").country == "TH"
    # an army named without its arsenal is the buyer: no country from it
    assert identify("G3 rifle, Royal Thai Army").country != "TH"


def test_w85_is_the_chinese_type_85_not_the_dshk_licence() -> None:
    r = identify("W85 heavy machine gun 12.7x108")
    assert r.model == "Type 85 heavy machine gun"


def test_code_and_year_apart_are_not_a_calibre() -> None:
    assert identify("headstamp 3 81").calibre is None
    assert identify("Browning .380 ACP").calibre == ".380 ACP"  # the calibre written as one number stays


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le"])
def test_utf16_read_as_bytes_is_decoded_not_guessed(codec: str) -> None:
    r = identify("AKM 7.62x39".encode(codec).decode("latin-1"))
    assert r.model == "AKM" and r.kind == "firearm"


def test_zero_width_characters_do_not_split_a_word() -> None:
    assert identify("A\u200bK\u200bM 7.62x39 NOR\u200dINCO").model == "AKM"


def test_maker_against_country_alternatives_carry_their_evidence_weight() -> None:
    r = identify("GLOCK 19 PAKISTAN")
    assert r.conflicts
    assert {a.value for a in r.alternatives if a.field == "country" and a.score > 0} >= {"AT", "PK"}


def test_plain_cyrillic_is_a_reading_not_the_country() -> None:
    r = identify("граната РГД-5 с запалом УЗРГМ")
    assert r.country is None
    assert any(a.field == "country" and a.value == "RU" and a.score > 0 for a in r.alternatives)
    # letters only one national alphabet has still tell the country
    assert identify("корпус гранаты РГД-5 с запалом").country == "RU"  # Ы: Russian
