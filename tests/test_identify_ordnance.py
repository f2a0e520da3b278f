"""General rules of the sixth pass on issue 14: ordnance — a calibre or a weapon type written beside a designation
picks the row it agrees with, a plant's number yields to the country the text names, makers tied within one
country still give that country, and the rows added for rockets, launchers and their makers.

Each case is written for its rule (no case of any test set); each failed before the rule or row existed, except
the guards marked as such.
"""

from __future__ import annotations

from armstrace.identify import identify


def test_a_calibre_beside_a_bare_designation_picks_the_row_it_agrees_with() -> None:
    # the rows are named with a type word (`M29 81MM MORTAR`, `TYPE 65 RCL`): the bare number matched nothing
    r = identify("M29 81mm")
    assert (r.model, r.country, r.kind) == ("M29 mortar", "US", "ordnance")
    assert identify("Type 65 82mm").model == "Type 65 recoilless rifle"
    assert identify("M19 60mm").model == "M19 mortar"
    # a calibre that agrees with several rows of the designation leaves the model open
    assert identify("Type 63 60mm").model is None


def test_a_marked_calibre_rules_out_a_row_without_one() -> None:
    r = identify("M75 120mm")  # was the M75 hand grenade, which has no calibre
    assert (r.model, r.country) == ("M75 mortar (Yugoslavia)", "RS")
    assert any("120mm mortar agrees with M75 mortar" in e.note for e in r.evidence if e.field == "model")
    assert identify("M67 90mm").model == "M67 recoilless rifle"  # not the M67 grenade
    assert identify("M67 grenade").model == "M67 grenade"  # guard: the type named keeps the grenade


def test_calibre_consistency_guards() -> None:
    # guards (held before): the bore decides between two launchers of one designation
    assert identify("M79 90 mm anti-tank launcher").model == "Zastava M79 Osa"
    assert identify("M79 40 mm grenade launcher").model == "M79"
    assert identify("M57 7.62mm").model == "Zastava M57"


def test_a_weapon_type_beside_a_bare_designation_picks_its_row() -> None:
    r = identify("M52 hand grenade")
    assert (r.model, r.country, r.kind) == ("M52 grenade", "RS", "ordnance")
    assert identify("M93 hand grenade").model == "M93 grenade"
    # a rifle grenade is not a hand grenade: the M84 stun grenade is not meant
    r = identify("M84 rifle grenade")
    assert (r.model, r.country) == (None, None)


def test_a_plant_number_yields_to_the_country_the_text_names() -> None:
    r = identify("82mm mortar bomb, Egypt, factory 10")  # was Arsenal (Bulgaria's factory 10) in Egypt
    assert (r.manufacturer, r.country) == (None, "EG")
    assert any("plant number of Arsenal AD" in e.note for e in r.evidence)
    assert identify("82mm mortar bomb, factory 10, Bulgaria").manufacturer == "Arsenal AD"  # guard: same country
    assert identify("82mm mortar bomb, factory 10").manufacturer == "Arsenal AD"  # guard: no country named
    # guard: an importer's address is not the item's country (GEORGIA VT)
    assert identify("Type 56 rifle /66\\ CENTURY ARMS GEORGIA VT").country == "CN"


def test_makers_tied_within_one_country_give_that_country() -> None:
    r = identify("ROMARM 60mm mortar bomb")  # Cugir and the Romarm group both mark ROMARM
    assert (r.manufacturer, r.country) == (None, "RO")


def test_a_widely_made_round_names_no_single_maker() -> None:
    r = identify("PG-7VM rocket, Bulgaria")  # was Bazalt, RU: the round is made in several countries
    assert (r.manufacturer, r.country, r.model) == (None, "BG", "PG-7VM")
    assert identify("PG-7V rocket, made in Pakistan").country == "PK"
    assert identify("OG-7 fragmentation round").model == "OG-7V"


def test_ordnance_rows_added() -> None:
    r = identify("TR-107 rocket, ROKETSAN")
    assert (r.model, r.manufacturer, r.country) == ("TR-107", "Roketsan", "TR")
    assert identify("122mm rocket TR-122").country == "TR"
    assert identify("HM20 rocket launcher").country == "IR"
    r = identify("120mm mortar bomb, UPS Dragomiresti")
    assert (r.manufacturer, r.country) == ("UPS Dragomirești", "RO")
    assert identify("BNT Novi Travnik 82 mm mortar").manufacturer == "Bratstvo Novi Travnik"


def test_a_design_named_after_for_is_what_the_item_serves() -> None:
    r = identify("OG-9 HE round for SPG-9, Bulgarian")  # was the SPG-9 (the longer name)
    assert (r.model, r.country) == ("OG-9V", "BG")
    assert any("named after `for`" in e.note for e in r.evidence)
    assert identify("PG-9 round for the SPG-9 recoilless gun").model == "PG-9V"
    assert identify("UZRGM fuze for F1 grenade").model == "UZRGM"  # guard: the fuze rule agrees
    assert identify("SPG-9 recoilless gun").model == "SPG-9"  # guard: named alone


def test_a_designation_two_weapons_share_is_read_by_the_rocket_or_the_country_named() -> None:
    r = identify("M79 rocket launcher")  # the US M79 fires 40 mm grenades; the Yugoslav M79 Osa is a rocket launcher
    assert (r.model, r.country) == ("Zastava M79 Osa", "RS")
    assert any("a rocket launcher is named" in e.note for e in r.evidence if e.field == "model")
    r = identify("M79 launcher, Yugoslavia")  # was the US M79 with the country RS
    assert (r.model, r.country) == ("Zastava M79 Osa", "RS")
    assert any("the country named (RS)" in e.note for e in r.evidence if e.field == "model")
    assert identify("M79 launcher").model == "M79"  # guard: nothing says otherwise
    assert identify("M79 40mm, Yugoslavia").model == "M79"  # guard: an agreeing calibre outweighs the country
    assert identify("M79 launcher recovered in Serbia").model == "M79"  # guard: a place of recovery is no origin


def test_south_slavic_ordnance_words() -> None:
    r = identify("RBR M79")  # ručni bacač raketa: the hand rocket launcher
    assert (r.model, r.kind) == ("Zastava M79 Osa", "ordnance")
    assert identify("ručni bacač M57").model == "Zastava M57 launcher"  # not the M57 pistol
    assert identify("tromblon M60").model == "M60 rifle grenade (Yugoslavia)"  # not the M60 machine gun
    assert identify("minobacač M69 82 mm").model == "M69 (Yugoslavia)"
