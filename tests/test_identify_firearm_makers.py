"""Rules of issue 14, identQ pass (firearm makers and designations): designations spelt as plain words, a maker's
partial name that is also a person's, a bare country after a design whose licensee there has a row, and the maker
and model rows these need.

Each case is written for its rule (no case of any held-out set) and failed before it, except the guards marked as
such. Development cases with their public sources are in tests/data/markings_dev_makers2.yaml.
"""

from __future__ import annotations

import pytest

from armstrace.identify import identify, identify_record
from armstrace.identify.lookalikes import word_alias_alone
from armstrace.identify.names import related, standard_name
from armstrace.identify.scan import Scan, indexes
from armstrace.reference import load_reference


@pytest.mark.parametrize(
    "text",
    [
        "Colonel Rashid inspected the unit",  # RASHID: the Egyptian Rasheed carbine's alias
        "The meeting ended at 5 PM",  # PM: the Makarov's Russian designation
        "He drove to Tabuk",  # the Iraqi Tabuk rifle, and a Saudi town
        "The POLK regiment was stationed near the border",  # the Serbian POLK missile
        "He flew from Tabuk, Saudi Arabia",  # a country after a place is its address, not a nationality
    ],
)
def test_a_plain_word_designation_alone_in_prose_is_no_model(text: str) -> None:
    r = identify(text)
    assert r.model is None and r.manufacturer is None and r.country is None


@pytest.mark.parametrize(
    ("text", "model"),
    [
        ("a Tabuk rifle", "Tabuk"),  # guard: a weapon word beside it
        ("TABUK", "Tabuk"),  # guard: a marking stamped in capitals
        ("POLK missile", "POLK"),  # guard: an ordnance word beside it
        ("PM 9x18", "Makarov PM"),  # guard: a calibre beside it
        ("the Galil was found", "IMI Galil"),  # guard: a family's own name
        ("It was a Chinese CQ, an M-16 knockoff", "CQ"),  # guard: a nationality right before it
        ("Argentine FAL 7.62", "FN FAL"),  # guard
    ],
)
def test_a_plain_word_designation_with_support_is_kept(text: str, model: str) -> None:
    assert identify(text).model == model


def test_a_maker_partial_name_that_is_a_person_needs_the_record() -> None:
    assert standard_name("manufacturer", "Smith", context="") is None  # fixQ: the rule needs a record
    assert standard_name("manufacturer", "Smith", context="Model 10 revolver .38 Special") == "Smith & Wesson"
    assert identify_record({"manufacturer": "Smith", "model": "Model 10"})["manufacturer"] == "Smith & Wesson"
    assert identify_record({"manufacturer": "Smith", "model": "Type 56"})["manufacturer"] is None


def test_a_first_word_that_is_no_person_still_names_its_maker() -> None:  # guard
    assert standard_name("manufacturer", "Sellier") == "Sellier & Bellot"
    assert standard_name("manufacturer", "Palmetto") == "Palmetto State Armory"


def test_a_bare_country_after_a_design_names_its_licensee_there() -> None:
    r = identify("Makarov pistol, Bulgaria")
    assert (r.country, r.manufacturer) == ("BG", "Arsenal AD")


def test_a_bare_country_with_two_licensees_gives_the_country_only() -> None:
    r = identify("M1 Garand, Italy")  # Beretta and Breda both made it under licence
    assert (r.country, r.manufacturer) == ("IT", None)


def test_a_bare_country_without_a_licence_row_of_that_design_names_no_maker() -> None:  # guard
    r = identify("AK-47, Iraq, 2003")  # the Tabuk is a licence of the AKM, not of the AK-47
    assert (r.country, r.manufacturer) == ("IQ", None)


@pytest.mark.parametrize(
    ("text", "maker", "country"),
    [
        ("RKM WZ. 28", "Państwowa Fabryka Karabinów (Warsaw)", "PL"),
        ("KB WZ. 98A", "Państwowa Fabryka Karabinów (Warsaw)", "PL"),
        ("NSV (Kazakhstan) 12.7mm, URALSK", "Metallist plant (Uralsk)", "KZ"),
        ("BUL CHEROKEE 9MM", "BUL Armory (BUL Transmark)", "IL"),
        ("Cristobal carbine .30", "Armería de San Cristóbal", "DO"),
        ("MENDOZA RM2 light machine gun", "Productos Mendoza", "MX"),
        ("FABRICA DE ARMAS OVIEDO 1918", "Fábrica de Armas de Oviedo", "ES"),
        ("Malyuk bullpup rifle", "Interproinvest (IPI)", "UA"),
        ("Istiglal anti-materiel rifle 14.5mm", "Ministry of Defence Industry of Azerbaijan", "AZ"),
        ("paltik .38 revolver made in Danao", "Danao gunsmiths (artisanal, Cebu)", "PH"),
        ("KRISS VECTOR .45 ACP", "Kriss USA", "US"),
    ],
)
def test_maker_rows_of_the_pass(text: str, maker: str, country: str) -> None:
    r = identify(text)
    assert (r.manufacturer, r.country) == (maker, country)


# fixQ: the reviewer's defects in the rules above


@pytest.mark.parametrize(
    ("text", "model"),
    [
        ("Recovered a Dragunov", "SVD"),
        ("recovered an RPK", "RPK"),
        ("An SKS was handed in", "SKS"),
        ("a Garand was recovered", "M1 Garand"),
        ("police recovered a Skorpion", "vz. 61 Skorpion"),
        ("Two men carried a Stechkin", "APS Stechkin"),
        ("found a Hakim in the attic", "Hakim rifle"),
        ("AKM, East Germany", "AKM"),
        ("A PM was recovered", "Makarov PM"),
        ("Tabuk, Iraq", "Tabuk"),
    ],
)
def test_a_designation_that_is_no_ordinary_word_needs_no_support(text: str, model: str) -> None:
    assert identify(text).model == model


@pytest.mark.parametrize(
    "text", ["Colonel Rashid inspected the rifles", "The suspect, Rashid, carried a pistol", "General Tariq left"]
)
def test_a_title_or_an_apposition_makes_a_word_designation_a_name(text: str) -> None:
    assert identify(text).model is None


@pytest.mark.parametrize("text", ["AKM rifle, Germany", "AK-74, Germany", "RPK, Germany", "Makarov pistol, Germany"])
def test_a_former_states_licensee_needs_the_former_state_named(text: str) -> None:
    r = identify(text)
    assert r.manufacturer is None and r.country == "DE"


def test_a_former_states_licensee_when_it_is_named() -> None:
    assert identify("AKM, East Germany").manufacturer == "VEB Geräte- und Werkzeugbau Wiesa"


def test_a_bare_country_does_not_override_the_maker_the_design_names() -> None:
    assert identify("CZ 75, Israel").manufacturer == "Česká zbrojovka Uherský Brod"
    assert identify("G3 rifle, Pakistan").manufacturer == "Pakistan Ordnance Factories"  # guard


def test_a_brand_surname_names_its_maker_without_a_record() -> None:
    assert related("manufacturer", "Henry", "Henry Repeating Arms") == 1.0
    assert standard_name("manufacturer", "Daniel") == "Daniel Defense"
    assert standard_name("manufacturer", "Smith") == "Smith & Wesson"


@pytest.mark.parametrize(
    ("text", "maker"),
    [
        ("MANUFACTURE NATIONALE D'ARMES DE ST ETIENNE 1892", "Manufacture d'armes de Saint-Étienne"),
        ("Revolver Mle 1892 St Etienne", "Manufacture d'armes de Saint-Étienne"),
        ("the gang boss had a 9mm pistol", None),  # `boss` is a word; Boss & Co. is named BOSS & CO
        ("6.5 GRENDEL", None),  # a cartridge, not Grendel Inc.
        ("AR-15 upper in 6.5 Grendel", None),
        ("BOSS & CO LONDON", "Boss & Co."),  # guard
        ("GRENDEL INC P-12", "Grendel Inc."),  # guard
    ],
)
def test_maker_rows_do_not_take_words_or_towns_of_others(text: str, maker: str | None) -> None:
    assert identify(text).manufacturer == maker


def test_the_grendel_cartridge_is_a_calibre() -> None:
    assert identify("AR-15 upper in 6.5 Grendel").calibre == "6.5mm Grendel"


@pytest.mark.parametrize(
    ("text", "maker"),
    [
        ("Fabrica de Armas La Coruna M43", "Santa Bárbara Sistemas"),
        ("OVIEDO", "Santa Bárbara Sistemas"),
        ("CZ GROUP", "Česká zbrojovka Uherský Brod"),
        ("FORJAS TAURUS S.A.", "Taurus Armas"),
        ("FABRICA DE ARMAS OVIEDO 1918", "Fábrica de Armas de Oviedo"),  # guard
    ],
)
def test_a_new_maker_row_takes_no_name_of_an_old_one(text: str, maker: str) -> None:
    assert identify(text).manufacturer == maker


# --- review D (fixD2): titles, appositions and firing words around one-word designations; licence rows


@pytest.mark.parametrize(
    ("text", "model"),
    [
        ("Pistol, PM, serial 1234", "Makarov PM"),  # a comma list is no apposition for a word that is no name
        ("Sergeant Negev carried a rifle", "IWI Negev"),  # a title before a word that is no person's name
        ("Colonel Dragunov", "SVD"),  # not a listed word at all
        ("Sheikh Rashid carbine", "Rasheed carbine"),  # a weapon word right after the name wins over the title
    ],
)
def test_titles_and_appositions_apply_to_listed_personal_names_only(text: str, model: str) -> None:
    assert identify(text).model == model


@pytest.mark.parametrize(
    ("text", "model"),
    [("He fired the Stinger at the helicopter", "FIM-92 Stinger"), ("The Grad hit the town", "BM-21 Grad")],
)
def test_firing_words_support_a_listed_ordnance_design(text: str, model: str) -> None:
    assert identify(text).model == model


@pytest.mark.parametrize("text", ["The Grad was seen", "He fired at Colonel Rashid"])
def test_firing_words_do_not_make_a_person_or_a_bare_word_a_design(text: str) -> None:  # guard
    assert identify(text).model is None


def test_a_licence_row_leaves_the_bare_design_to_its_licensor() -> None:
    assert identify("M1 Garand").country == "US"
    for text in ("Beretta M1 Garand", "M1 Garand, Italy"):  # guard: the licensee when its maker or country is named
        r = identify(text)
        assert (r.model, r.country) == ("M1 Garand (Italy)", "IT")


def test_the_middle_of_a_comma_list_is_no_apposition() -> None:
    scan = Scan("Seized: TT, PM, APS and ammunition", indexes(load_reference()))
    pm = [h for h in scan.find(scan.ix.models) if scan.raw(h) == "PM"]
    assert pm and not word_alias_alone(scan, pm[0], [])


def test_a_fuzzy_read_beside_a_maker_is_that_makers_design() -> None:
    r = identify("RUGER\nP8S")  # P8S is a Sarsilmaz name; beside RUGER it is the P85 with 5 read as S
    assert (r.model, r.manufacturer_id) == ("Ruger P85", "ruger")
    assert identify("SARSILMAZ\nP8S").model == "Sarsilmaz P8L"  # guard: the exact name with its own maker
