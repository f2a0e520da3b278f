"""A made-in phrase that opens with its making word is said of the design before it, not the one after."""

from __future__ import annotations

from armstrace.identify import identify


def test_persian_made_in_after_the_design_is_its_origin_though_another_design_follows() -> None:
    r = identify("تفنگ M16 ساخت امریکا، جایگزین کلاشینکف")
    assert r.country == "US"
    assert not any("qualifies another design" in e.note for e in r.evidence)


def test_english_country_made_still_qualifies_the_next_design() -> None:
    r = identify("a Tavor, rival of the classic American-made M-16")
    assert not any(e.value == "US" and e.weight >= 0.9 for e in r.evidence if e.field == "country")


def test_an_origin_the_item_is_doctored_to_appear_of_is_not_its_origin() -> None:
    r = identify("Type 81 rifle, serial altered to appear of Soviet manufacture")
    assert r.country == "CN"
    assert any("made to appear of" in e.note for e in r.evidence)


def test_french_elision_keeps_the_article_apart() -> None:
    r = identify("revolver fabriqué par l'arsenal d'État soviétique en 1931")
    assert r.manufacturer_id != "arsenal_bg"
    assert r.country == "RU"


def test_a_style_is_no_origin_and_made_for_export_is_a_made_phrase() -> None:
    r = identify("5.56 mm cartridges, British-style headstamp, steel case (Chinese-made for export)")
    assert r.country == "CN"
    assert any("names a style" in e.note for e in r.evidence)
    assert any("country of manufacture" in e.note for e in r.evidence if e.field == "country")


def test_a_states_crest_names_the_buyer_not_the_origin() -> None:
    r = identify("Gewehr 98 made at Oberndorf, Turkish crescent; bolt mismatched")
    assert r.country == "DE"
    assert any("buyer or owner" in e.note for e in r.evidence)
