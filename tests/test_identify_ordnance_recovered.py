"""Ordnance investigators recover today (Ukraine, Sudan, Yemen, Gaza, Colombia, the DRC): grenade, rocket, missile,
mortar-bomb, mine, fuze and bomb designations written as a report or a stencil gives them are read to their row's
model, maker, country and kind; and a grenade's designation that is also the name of its calibre (`ВОГ-17М`) still
names the item.

The sentences are written for these rows (no case of any test set).
"""

from __future__ import annotations

import pytest

from armstrace.identify import identify
from armstrace.reference import load_reference

CASES = [
    # text, model, manufacturer_id (None: several makers or none named), country, kind
    ("9M22U rocket remnant found beside the school", "9M22U", "splav", "RU", "ordnance"),
    ("Fragments of a 9M22S incendiary rocket", "9M22S", None, "RU", "ordnance"),
    ("ВОГ-17 grenade dropped from a drone", "VOG-17", None, "RU", "ordnance"),
    ("30mm VOG-17V grenade, Ukrainian production", "VOG-17V", None, "UA", "ordnance"),
    ("Two ВОГ-17ИН rounds in the belt", "VOG-17IN", None, "UA", "ordnance"),
    ("AR-ROG hand grenade", "AR-ROG", "arcus", "BG", "ordnance"),
    ("9M133-1 Kornet missile tube recovered", "9M133-1", "kbp", "RU", "ordnance"),
    ("Launch tube of a 9M133F-1 thermobaric missile", "9M133F-1", "kbp", "RU", "ordnance"),
    ("PG-18V rocket, unfired", "PG-18V", "bazalt", "RU", "ordnance"),
    ("PG-26 HEAT rocket", "PG-26", "bazalt", "RU", "ordnance"),
    ("Remains of a G-2000 rocket motor", "G-2000 rocket", "krusik", "RS", "ordnance"),
    ("mortar bomb 120mm marked IRON STING", "Iron Sting", "elbit_systems", "IL", "ordnance"),
    ("GB50A guided bomb fragments in North Darfur", "GB50A", "norinco", "CN", "ordnance"),
    ("Unexploded ODAB-1500 bomb", "ODAB-1500", None, "RU", "ordnance"),
    ("МЛ-8 booby trap", "ML-8", None, "RU", "ordnance"),
    ("MZD-5 delayed-action mine", "MZD-5", None, "RU", "ordnance"),
    ("KTM-1 fuze on a 76mm shell", "KTM-1 fuze", None, "RU", "ordnance"),
    ("Tatucos launched at the police station", "Tatuco", None, "CO", "ordnance"),
    ("Shuwaz explosive device used in Jenin", "Shawaz-1", None, "PS", "ordnance"),
    ("Saqib-1 surface-to-air missile", "Saqib-1", None, "YE", "ordnance"),
    ("KN-25 rocket debris", "KN-25", None, "KP", "ordnance"),
    ("TRLG-230 rocket", "TRLG-230", "roketsan", "TR", "ordnance"),
    ("Wreckage of a Haj Qasem ballistic missile", "Haj Qasem missile", None, "IR", "ordnance"),
]


@pytest.mark.parametrize(("text", "model", "maker", "country", "kind"), CASES)
def test_a_report_sentence_reads_to_the_row(text: str, model: str, maker: str | None, country: str, kind: str) -> None:
    r = identify(text)
    assert (r.model, r.country, r.kind) == (model, country, kind)
    if maker is not None:
        assert r.manufacturer_id == maker


@pytest.mark.parametrize(
    ("text", "model", "calibre"),
    [
        ("ВОГ-17М", "VOG-17M", "30x29mm"),
        ("VOG-17M grenade", "VOG-17M", "30x29mm"),
        ("ВОГ-25П", "VOG-25P", "40mm VOG-25"),
    ],
)
def test_a_grenade_named_like_its_calibre_is_the_grenade(text: str, model: str, calibre: str) -> None:
    r = identify(text)
    assert (r.model, r.calibre, r.kind) == (model, calibre, "ordnance")
    assert r.country == "RU"


def test_grad_rockets_are_not_the_serbian_g2000() -> None:
    # the Serbian rocket is named by its own mark, never by the bare word Grad its launcher family shares
    assert identify("Grad rockets").model == "BM-21 Grad"


def test_a_designation_inside_a_calibre_name_is_still_no_design() -> None:
    # `M43` is the Soviet cartridge's name inside `7.62x39 M43`, not a model of its own
    r = identify("7.62x39 M43")
    assert r.model is None
    assert r.calibre == "7.62x39mm"


def test_a_cartridge_code_named_like_its_calibre_leaves_the_rifle() -> None:
    # the grenade rule is for ordnance: `DBP87` names the 5.8 mm cartridge's calibre, the rifle named stays the model
    r = identify("QBZ-03 rifle chambered for DBP87")
    assert (r.model, r.kind) == ("QBZ-03", "firearm")


def test_the_ukrainian_rounds_leave_the_soviet_designation_its_country() -> None:
    # VOG-17V and VOG-17IN are Ukrainian designations of their own; a bare VOG-17M stays Russian/Soviet
    ref = load_reference()
    rows = {m.model: m for m in ref.models}
    assert rows["VOG-17V"].country == "UA"
    assert rows["VOG-17V"].based_on != "VOG-17M"
    assert identify("VOG-17M").country == "RU"


def test_the_rows_load_with_sources_and_known_makers() -> None:
    ref = load_reference()
    rows = {m.model: m for m in ref.models}
    makers = {m.manufacturer_id for m in ref.manufacturers}
    for text, model, _maker, _country, kind in CASES:
        row = rows[model]
        assert row.source.startswith("http"), text
        assert row.kind == kind
        assert not row.manufacturer_id or row.manufacturer_id in makers
