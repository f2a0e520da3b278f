"""General rules of the fourth pass on issue 14: ordnance and its factory marks — lot marks read as factory and
year, a design named with a country cue, a fuze named with its grenade, a designation shared by rows of different
kinds, and a state exporter against the plant.

Each case is written for its rule (no case of any test set); each failed before the rule or row existed, except
the guards marked as such.
"""

from __future__ import annotations

from armstrace.identify import identify


def test_a_fuze_named_with_its_grenade_is_a_component() -> None:
    r = identify("Ф-1 УЗРГМ")  # the longer name (the fuze) won before
    assert (r.model, r.kind) == ("F1 grenade", "ordnance")
    assert any("component" in e.note and e.row == "UZRGM" for e in r.evidence)
    assert identify("F1 hand grenade UZRGM fuze").model == "F1 grenade"
    assert identify("UZRGM fuze for F1 grenade").model == "UZRGM"  # the fuze is the item: `for` the grenade
    assert identify("UZRGM fuze").model == "UZRGM"


def test_a_designation_shared_by_kinds_takes_the_kind_the_text_names() -> None:
    r = identify("Type 68 40mm RPG")  # was the DPRK Type 68 rifle
    assert (r.model, r.kind, r.country) == ("RPG-7 (North Korea)", "ordnance", "KP")
    assert any("rules out Type 68" in e.note for e in r.evidence)
    assert identify("Type 68 rifle").model == "Type 68"  # guard: a firearm type named keeps the rifle
    assert identify("Type 68 grenade").model is None  # the launcher is not a grenade: no row of that kind
    assert identify("AK-47 with GP-25 grenade launcher").model == "GP-25"  # guard: unchanged
    # the cue must name this item: next to the designation, not another item across `and`/`with`
    assert identify("Type 56 with bayonet, found with grenades").model == "Type 56"
    assert identify("Norinco Type 56 and an RPG").model == "Type 56"


def test_a_bare_design_stays_without_country_and_a_cue_gives_it() -> None:
    # guards: a widely copied Soviet design alone names no country; the cue does
    assert identify("RPG-7").country is None
    assert identify("RGD-5 grenade, made in Bulgaria").country == "BG"
    assert identify("F1 grenade 中国制造").country == "CN"


def test_a_state_exporter_yields_to_the_plant_of_its_country() -> None:
    r = identify("OG-7 rocket, Yugoimport, Krusik")  # the exporter was the maker
    assert (r.manufacturer, r.country) == ("Krušik", "RS")
    assert any(a.field == "manufacturer" and a.value == "Yugoimport SDPR" for a in r.alternatives)
    assert identify("PG-7M rocket, Kintex, VMZ Sopot").manufacturer == "VMZ Sopot"
    assert identify("Yugoimport mortar bomb").manufacturer == "Yugoimport SDPR"  # alone it is all there is


def test_a_lot_factory_number_several_countries_stamp_is_read_by_the_country_named() -> None:
    r = identify("PG-7VM rocket, Kintex, 11-89-21")  # 21: a Bulgarian ordnance plant and Poland's Mesko
    assert (r.manufacturer, r.country, r.year) == ("VMZ Sopot", "BG", 1989)
    assert identify("PG-7 rocket 3-88-21").manufacturer is None  # no country named: both stay open
    assert identify("7.62x39 headstamp 21 85").manufacturer == "Mesko"  # guard: a case head is Mesko's


def test_lot_marks_factory_first_and_factory_year() -> None:
    r = identify("PG-7VM rocket 11-84-123")  # factory, year, three-digit lot
    assert (r.manufacturer, r.year) == ("VMZ Sopot", 1984)
    r = identify("RGD-5 grenade 10-85")  # factory and year, the kind ordnance
    assert (r.manufacturer, r.country, r.year) == ("Arsenal AD", "BG", 1985)
    assert identify("RGD-5 grenade 10-85-57").manufacturer is None  # lot-year-factory: 57 is not known
    r = identify("AKM rifle, receiver part 10-85")  # no ordnance: two numbers are not a lot mark
    assert not any("lot-year-factory" in e.note for e in r.evidence)
