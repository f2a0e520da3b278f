"""Ordnance and explosive designations investigators meet in today's conflicts (air-to-ground rocket warheads,
recoilless and Carl Gustaf rounds, Grad copies and regional rockets and missiles, mortars, mines, 40 mm grenades,
guided bombs, artillery projectiles, commercial explosives and detonators): written as a report would, each
sentence is read to its row's model, maker, country and kind, and a licensed or copied design keeps its licensor.

The sentences are written for these rows (no case of any test set).
"""

from __future__ import annotations

import pytest

from armstrace.identify import identify
from armstrace.reference import load_reference

CASES = [
    # text, model, manufacturer_id (None: several makers or unknown), country, kind
    ("Fragments of an M229 HE warhead found in the orchard", "M229 warhead", None, "US", "ordnance"),
    ("M156 WP warhead, Hydra 70 rocket, found unexploded", "M156 warhead", None, "US", "ordnance"),
    ("84mm ASM 509 round recovered near the bunker", "ASM 509", "saab_bofors", "SE", "ordnance"),
    ("BK-881 round for the B-10 recoilless rifle", "BK-881", None, "RU", "ordnance"),
    ("One PG-9VS round, SPG-9, in its tube", "PG-9VS", None, "RU", "ordnance"),
    ("106mm M344A1 HEAT cartridge, lot unknown", "M344A1 cartridge", None, "US", "ordnance"),
    ("Sakr-45 122mm rocket motor recovered after the strike", "Sakr-45", "sakr_eg", "EG", "ordnance"),
    ("Feniks-Z rocket for the Langusta launcher", "Feniks-Z", "mesko", "PL", "ordnance"),
    ("Remains of a Khaibar-1 302mm rocket", "Khaibar-1", None, "SY", "ordnance"),
    ("Debris of a Fateh-313 missile", "Fateh-313", None, "IR", "ordnance"),
    ("Toophan-3 missile in its launch tube", "Toophan-3", "aio_iran", "IR", "ordnance"),
    ("FN-16 MANPADS gripstock and tube", "FN-16", "casic", "CN", "ordnance"),
    ("QW-3 missile tube seized at the checkpoint", "QW-3", "cpmiec", "CN", "ordnance"),
    ("M120-15 Molot mortar", "M120-15 Molot", "mayak_ua", "UA", "ordnance"),
    ("60mm M768 mortar bomb, unfired", "M768 mortar bomb", None, "US", "ordnance"),
    ("KM18A1 Claymore mine with its firing device", "KM18A1", "hanwha", "KR", "ordnance"),
    ("Tail unit of a GBU-48 bomb", "GBU-48 Enhanced Paveway II", "raytheon", "US", "ordnance"),
    ("152mm OF-530 projectile, unexploded", "OF-530", None, "RU", "ordnance"),
    ("NHN detonator recovered from the device", "NHN detonator", "premier_explosives", "IN", "explosive"),
]


@pytest.mark.parametrize(("text", "model", "maker", "country", "kind"), CASES)
def test_a_report_sentence_reads_to_the_row(text: str, model: str, maker: str | None, country: str, kind: str) -> None:
    r = identify(text)
    assert (r.model, r.country, r.kind) == (model, country, kind)
    if maker is not None:
        assert r.manufacturer_id == maker


def test_a_maker_less_explosive_gives_its_kind_and_no_country() -> None:
    # commercial cartridge explosives named in seizure reports: no maker or country is claimed for them
    r = identify("25 sticks of Neogel 90 explosive")
    assert (r.model, r.kind, r.country) == ("Neogel 90", "explosive", None)
    r = identify("No. 8 detonator wired to a battery")
    assert (r.model, r.kind) == ("No. 8 detonator", "explosive")


def test_a_copy_or_licence_names_its_original() -> None:
    ref = load_reference()
    rows = {m.model: m for m in ref.models}
    for model, relation, based_on in [
        ("Khaibar-1", "derivative", "WS-1B"),
        ("KM18A1", "licence", "M18A1 Claymore"),
        ("Toophan-3", "copy", "BGM-71 TOW"),
        ("Type 36 recoilless rifle", "copy", "M18 recoilless rifle"),
        ("NMM 14", "copy", "M14 mine"),
    ]:
        row = rows[model]
        assert (row.relation, row.based_on) == (relation, based_on)
        assert based_on in rows  # the original is itself a row
    r = identify("Type 36 recoilless rifle")
    assert (r.country, r.relation, r.based_on) == ("CN", "copy", "M18 recoilless rifle")


def test_a_new_maker_is_read_from_its_mark() -> None:
    r = identify("Mortar bombs marked MECAR USA, Marshall TX")
    assert (r.manufacturer_id, r.country) == ("mecar_usa", "US")
    r = identify("Propellant charge, POBJEDA TECHNOLOGY GORAZDE")
    assert (r.manufacturer_id, r.country) == ("pobjeda_technology", "BA")
