"""Reference rows corrected after an independent review (reviewD): the plain sentences it found misread.

Each sentence is the review's own: a town, a district, another company, a bare plant number or an ordinary word
read as a maker or a model, or a munition read as a different one. They read no maker now, or the right item.
"""

from __future__ import annotations

import pytest

from armstrace.identify import identify
from armstrace.reference import load_reference


@pytest.mark.parametrize(
    "text",
    [
        "We drove through Harpers Ferry on the way to the museum.",
        "The Nobel explosives prize money was paid out.",
        "Onex Corporation bought the airline.",
        "The order was handled by Emco Ltd, a plumbing supplier.",
        "She lived in Motovilikha district of Perm.",
        "Aircraft Factory 18 in Voronezh built the Il-2.",
        "The old high explosives factory was demolished.",
        "Contact the GIDS helpdesk.",
        "Al Tariq Street in Dubai",
        "Mr Smith bought a rifle",
    ],
)
def test_a_place_a_company_or_a_word_reads_no_maker(text: str) -> None:
    r = identify(text)
    assert (r.manufacturer_id, r.country) == (None, None)


def test_a_bare_factory_number_is_not_an_egyptian_military_factory() -> None:
    r = identify("Workers at factory 270 went on strike.")
    assert r.manufacturer_id != "qaha_chemical_eg"
    assert r.country != "EG"


@pytest.mark.parametrize(
    ("text", "maker"),
    [
        ("MILITARY FACTORY 18 propellant", "abu_zaabal_chemicals"),
        ("مصنع 18 الحربي", "abu_zaabal_chemicals"),
        ("Military Factory 270 Qaha", "qaha_chemical_eg"),
        ("HIGH EXPLOSIVES FACTORY KIRKEE", "hemrl_kirkee"),
        ("AL TARIQ PGM kit on a Mk 82 bomb", "al_tariq_uae"),
        ("Thales Belgium FZ 70 mm rocket", "forges_zeebrugge"),
        ("PRETORIA WEST METAL PRESSINGS .303", "pmp"),
        ("EMKO 122mm rocket", "emco_bg"),
    ],
)
def test_the_specific_forms_still_read_their_maker(text: str, maker: str) -> None:
    assert identify(text).manufacturer_id == maker


@pytest.mark.parametrize(
    "text",
    ["Kooryong tennis courts in Melbourne.", "Manufactured Aug 1985", "Bor river crossing"],
)
def test_a_suburb_a_month_or_a_town_reads_no_model(text: str) -> None:
    assert identify(text).model is None


@pytest.mark.parametrize(
    ("text", "model", "country"),
    [
        ("A KM-8 Gran 120 mm mortar round", "KM-8 Gran", "RU"),
        ("9M729 cruise missile canister", "9M729", "RU"),
        ("Brimstone missile debris", "Brimstone missile", "GB"),
        ("Paveway IV guided bomb tail kit", "Paveway IV", "GB"),
        ("STEYR AUG 5.56", "Steyr AUG", "AT"),
    ],
)
def test_the_right_item_and_country(text: str, model: str, country: str) -> None:
    r = identify(text)
    assert (r.model, r.country) == (model, country)


def test_merged_makers_keep_the_older_id() -> None:
    ref = load_reference()
    ids = {m.manufacturer_id for m in ref.manufacturers}
    assert {"forges_zeebrugge", "pmp"} <= ids
    assert not {"thales_belgium", "pretoria_metal_pressings"} & ids
    relations = {(r.manufacturer_id, r.related_id, r.relation) for r in ref.maker_relations}
    assert ("forges_zeebrugge", "thales_group", "subsidiary_of") in relations
    assert ("raytheon_uk", "raytheon", "subsidiary_of") in relations
