"""National designation systems read as grammars (`identify.nomenclature`): a designation no model row lists is
read for what its form says (the nation, and the kind where the system fixes it), never with a maker; look-alikes
(serials, NSNs, radio valves, addresses, other nations' rows) are not taken.

The designations are real ones of each system, chosen because the tables have no row for them; each read no model
and (except where the words alone said it) no country before the grammar.
"""

from __future__ import annotations

import pytest

from armstrace.identify import identify
from armstrace.identify.nomenclature import SYSTEMS, TABLE, read_designations
from armstrace.identify.scan import Scan, indexes
from armstrace.reference import load_reference

_MAKERS_NAMED = {"ЗАСТАВА", "FEG"}


def _system(text: str) -> str | None:
    r = identify(text)
    return next((e.row for e in r.evidence if e.field == "model" and e.table == TABLE), None)


@pytest.mark.parametrize(
    ("text", "model", "country", "kind", "weapon_type", "system"),
    [
        ("3VOF22 122mm", "3VOF22", "RU", "ordnance", None, "GRAU index"),
        ("6P20 5.45", "6P20", "RU", "firearm", None, "GRAU index"),
        ("L98A2 CADET RIFLE", "L98A2", "GB", "firearm", None, "UK L-series"),
        ("QBU-191", "QBU-191", "CN", "firearm", "rifle", "PLA light weapon"),
        ("QSZ-193 9mm", "QSZ-193", "CN", "firearm", "pistol", "PLA light weapon"),  # QSW-06 is a row now
        ("QLU-11 35mm", "QLU-11", "CN", "ordnance", "launcher", "PLA light weapon"),
        ("Stgw 17", "Stgw 17", "CH", "firearm", "rifle", "Swiss Army"),
        ("M92 ЗАСТАВА", "M92", "RS", "firearm", None, "Yugoslav M-year"),
        ("Mk 21 Mod 2", "Mk 21 Mod 2", "US", None, None, "US Navy Mk/Mod"),
        ("wz. 1988", "wz. 1988", "PL", None, None, "Polish wz."),
        ("OHG92 GRENADE", "OHG92", "CH", "ordnance", "grenade", "Swiss Army"),
        ("Х-58 ракета", "Kh-58", "RU", "ordnance", "missile", "Soviet Kh missile"),
        ("OBUS MODELE 1877/1914", "Mle 1877/1914", "FR", None, None, "French Mle"),
        ("GYALOGSAGI PUSKA 1935 M FEG", "35.M", "HU", "firearm", None, "Hungarian minta"),
        ("ODAB-500PM", "ODAB-500PM", "RU", "ordnance", "bomb", "Soviet ordnance initials"),
        ("AGS-57", "AGS-57", "RU", "ordnance", "launcher", "Soviet ordnance initials"),
        ("Kpist m/45B", "Kpist m/45B", "SE", "firearm", "submachine_gun", "Swedish m/"),
        ("Pistol md. 2000", "md. 2000", "RO", "firearm", None, "Romanian md."),
    ],
)
def test_a_designation_of_a_system_is_read_by_its_form(
    text: str, model: str, country: str, kind: str | None, weapon_type: str | None, system: str
) -> None:
    r = identify(text)
    assert (r.model, r.country, r.weapon_type) == (model, country, weapon_type), text
    if kind is not None:
        assert r.kind == kind, text
    if not set(text.split()) & _MAKERS_NAMED:
        assert r.manufacturer is None, text  # a grammar never names a maker; only a maker named in the text is one
    assert _system(text) == system
    assert SYSTEMS[system] == country
    note = next(e.note for e in r.evidence if e.table == TABLE)
    assert f"{system} designation" in note


def test_a_system_that_names_every_kind_leaves_the_kind_to_the_words() -> None:
    # DM numbers name cartridges, grenades and mines alike: the mine's word decides, not a firearm by default
    r = identify("DM31 Panzerabwehrmine")
    # identC: Panzerabwehrmine is now a mine word, so the DM31 mine's own row is read, not the bare designation
    assert (r.model, r.country) == ("DM31 mine", "DE")
    assert r.kind != "firearm"


def test_a_korean_k_number_needs_korean_context() -> None:
    assert _system("K201 유탄발사기") == "South Korean K-number"
    assert identify("K201 유탄발사기").country == "KR"
    assert _system("K201") is None  # bare, it is any maker's catalogue number


def test_a_yugoslav_number_needs_its_suffix_or_a_yugoslav_word() -> None:
    assert _system("M92 ЗАСТАВА") == "Yugoslav M-year"
    assert _system("M92") is None  # M + two digits alone is as much a US designation


def test_japanese_type_number_needs_japanese_script() -> None:
    for text, wtype in (
        ("96式40mm自動てき弾銃", "launcher"),
        ("06式小銃てき弾", "grenade"),
        ("11式短距離地対空誘導弾", "missile"),
    ):
        r = identify(text)
        assert (r.country, r.weapon_type, _system(text)) == ("JP", wtype, "Japanese type number"), text
    # the Chinese gun and missile characters (枪, 导弹): a Chinese type number, not a Japanese designation
    for text in ("06式步枪", "06式导弹"):
        assert _system(text) is None and identify(text).country != "JP", text


@pytest.mark.parametrize(
    "text",
    [
        "SN L12A4 5521",  # a serial after its label
        "6P3S",  # a Soviet radio valve, not a GRAU small arm
        "6N2P valve",
        "NSN 1005-01-231-0973",  # a NATO stock number
        "DM 450",  # a Deutsche Mark sum: DM written apart from a number with no A/B suffix or ordnance word
        "DBP10 5.8x42",  # the cartridge's own calibre name
        "distance 1935 m",  # a year and metres, not a Hungarian minta
        "pușcă găsită pe str. Ismail 12, Chișinău, MD 2012",  # a Moldovan postcode, not the Romanian md.
        "Lot 7N12 crates found",  # a lot number, not a GRAU cartridge
        "FAB 2345 aircraft",  # a Brazilian Air Force serial: no bomb is made in that calibre
        "KH 12 license plate",  # no hyphen and no missile word: not the Kh index
        "DM 43",  # a headstamp: Des Moines, 1943
        "Dr. Smith MD 74",  # a doctor's title, not the Romanian md.
        "vz. 1309",  # a number after vz., no year of a pattern
    ],
)
def test_lookalikes_are_not_read_as_designations(text: str) -> None:
    assert _system(text) is None, text


def test_a_row_of_the_tables_wins_over_the_grammar() -> None:
    # L1A1 and 9K38 are rows: the grammar is never consulted, and the row's maker stays
    for text in ("L1A1", "9K38 Igla", "Stgw 90"):
        r = identify(text)
        assert _system(text) is None, text
        assert r.manufacturer is not None, text


def test_a_number_run_after_initials_is_a_document_number() -> None:
    # the grammar itself (a row, Tara TM-9, would take the whole text first): TM 9-1300-206 is a US technical
    # manual, TM-62 a Soviet anti-tank mine
    ix = indexes(load_reference())
    assert read_designations(Scan("TM 9-1300-206", ix)) == []
    assert [r.model for r in read_designations(Scan("TM-89 mine", ix))] == ["TM-89"]


@pytest.mark.parametrize(
    "text",
    [
        "Pistole, verkauft für DM 450",  # a Deutsche Mark price, not the Bundeswehr's DM450
        "Gewehr, Preis: DM 120",
        "Gewehr DM 350,-",
        "lovačka puška pronađena 30 m od kuće",  # BCS/Czech/Slovak puška and metres, not a Hungarian minta
        "puška nalezena 50 m od domu",
        "Mauser puška, 98 m",
        "105mm cartridge case M14B4 with primer M28B2",  # a US B modification, not a Yugoslav one
        "6V6 valve amplifier",  # an American octal valve, not a GRAU sniper rifle
        "6L6 tube",
    ],
)
def test_a_price_metres_a_us_suffix_or_a_valve_is_no_designation(text: str) -> None:
    assert _system(text) is None, text


@pytest.mark.parametrize(
    ("text", "model", "kind"),
    [
        ("6V1 sniper rifle 7.62x54R", "6V1", "firearm"),  # the SVD's GRAU index: one digit, yet no valve
        ("6P6M machine gun", "6P6M", "firearm"),  # the PKM
        ("6G3 grenade launcher", "6G3", "ordnance"),
        ("6P1 rifle 7.62x39", "6P1", "firearm"),  # the AKM
    ],
)
def test_a_one_digit_grau_index_that_is_no_known_valve_is_read(text: str, model: str, kind: str) -> None:
    r = identify(text)
    assert (r.model, r.country, r.kind, _system(text)) == (model, "RU", kind, "GRAU index"), text


def test_a_dm_number_written_apart_needs_its_suffix_or_an_ordnance_word() -> None:
    assert _system("DM 51A3") == "Bundeswehr DM"
    ix = indexes(load_reference())
    # the grammar itself (rows name some DM numbers): a German ordnance word beside it, or none
    assert [r.model for r in read_designations(Scan("Handgranate DM 457", ix))] == ["DM457"]
    assert read_designations(Scan("DM 457", ix)) == []


def test_a_yugoslav_b_suffix_needs_yugoslav_context() -> None:
    ix = indexes(load_reference())
    assert [r.model for r in read_designations(Scan("M14B4 ЗАСТАВА", ix))] == ["M14B4"]
    assert read_designations(Scan("M14B4", ix)) == []
    assert [r.model for r in read_designations(Scan("M14AB1", ix))] == ["M14AB1"]  # AB stays distinctive


@pytest.mark.parametrize(
    ("text", "country", "system"),
    [
        ("Fusil Mle 1902 Belgique", "BE", "Belgian Mle"),  # FN and ABL name their models Mle too
        ("Fusil Mle 1902, Liège", "BE", "Belgian Mle"),
        ("Carabine Mle 1916 Armée belge", "BE", "Belgian Mle"),
        ("HG 77 hand grenade, Austria", "AT", "Austrian HG"),  # Arges names its grenades HG too
        ("HG 77 ARGES", "AT", "Austrian HG"),
        ("Fusil Mle 1902", "FR", "French Mle"),  # Mle 1889 is a row now (the Belgian Mauser)
        ("Pistolet Mle 1950, Gendarmerie nationale", "FR", "French Mle"),  # nationale alone is common French
        ("Fusil Mle 1936 saisi par la Police nationale", "FR", "French Mle"),
        ("Mle 1949 Fabrique Nationale d'Armes de Guerre", "BE", "Belgian Mle"),  # FN's name written out
        ("OHG92 GRENADE", "CH", "Swiss Army"),
    ],
)
def test_a_system_shared_by_two_nations_reads_the_one_the_text_names(text: str, country: str, system: str) -> None:
    assert (identify(text).country, _system(text)) == (country, system), text
    assert SYSTEMS[system] == country


def test_a_country_named_beside_a_systems_designation_is_where_it_was_found() -> None:
    # as for a model row used by one country's factories (OF-462): the designation names the nation
    assert identify("3VOF22 Syria").country == identify("OF-462 shell Syria").country == "RU"
    assert identify("QBU-191 Sudan").country == "CN"
    assert identify("L98A2 rifle, Kenya").country == "GB"


def test_the_kh_index_and_the_md_year_keep_their_written_forms() -> None:
    assert identify("Kh 31 missile").model == "Kh-31"  # a missile word beside it
    assert identify("Pistol md. 2000").model == "md. 2000"  # four digits with the dot
    assert identify("FAB 250 bomb").model == "FAB-250"  # a bomb's calibre
