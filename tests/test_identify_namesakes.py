"""A design's namesake (`Mauser`) named beside another factory: the factory made the item (identY2, issue 14)."""

from __future__ import annotations

from armstrace.identify import identify


def test_namesake_beside_a_factory_town_of_its_family_gives_way_to_that_factory() -> None:
    r = identify("Mauser rifle M1899/07, Kragujevac")
    assert (r.manufacturer_id, r.country) == ("zastava", "RS")
    assert any("namesake of the Mauser 98 family" in e.note for e in r.evidence)


def test_namesake_beside_a_state_arsenal_named_by_name_gives_way_to_the_arsenal() -> None:
    r = identify("Mauser carbine, Fabryka Karabinów Spandau, 1916")
    assert r.manufacturer_id == "german_state_arsenals"


def test_national_designation_of_the_namesakes_family_names_its_own_factory() -> None:
    r = identify("Yugoslav M48 rifle with its Mauser action")
    assert (r.manufacturer_id, r.country) == ("zastava", "RS")


def test_a_town_where_the_item_was_found_does_not_set_the_namesake_aside() -> None:
    assert identify("Mauser rifle found in a field near Kragujevac").manufacturer_id == "mauser"


def test_another_brand_of_designs_named_beside_it_does_not_set_the_namesake_aside() -> None:
    assert identify("Winchester rifle, Colt holster").manufacturer_id == "winchester"


def test_a_reworked_namesake_keeps_its_maker() -> None:
    r = identify("Mauser rifle rebarrelled at Kragujevac, 1925")
    assert r.manufacturer_id == "mauser"
