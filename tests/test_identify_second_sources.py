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


@pytest.mark.parametrize("text", ["PG-7VS rocket", "OG-7V round for RPG-7", "HK33 rifle 5.56"])
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
    row = next(m for m in ref.models if m.model == "HK33")
    assert {"TH", "TR"} <= set(other_producers(ref, row))
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
