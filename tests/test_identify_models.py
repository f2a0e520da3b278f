"""Firearm model designations of issue 14's identK pass: a commercial or national designation named without its
maker still gives maker and country, because models.csv now holds it (data, not a rule).

Each case below failed before the rows were added (the engine had no row for the designation); the guards check
that a new short alias does not claim a different maker's designation. `tests/data/markings_dev_firearms.yaml`
holds the development cases, each with its public source.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from armstrace.identify import identify
from armstrace.identify.evaluation import evaluate, load_cases

DEV = Path(__file__).parent / "data" / "markings_dev_firearms.yaml"


@pytest.mark.parametrize(
    ("text", "maker", "country", "model"),
    [
        ("TP9 ELITE SC pistol 9x19", "Canik (Samsun Yurt Savunma)", "TR", "Canik TP9 Elite SC"),
        ("MC P35 pistol", "Girsan", "TR", "Girsan MC P35"),
        ("ZORAKI M2906 blank pistol", "Atak Arms (Zoraki)", "TR", "Zoraki M2906"),
        ("PT840 pistol .40", "Taurus Armas", "BR", "Taurus PT840"),
        ("TPR9 pistol", "Bersa", "AR", "Bersa TPR9"),
        ("SF19 pistol", "HS Produkt", "HR", "HS Produkt SF19"),
        ("MP-133 shotgun", "Izhevsk Mechanical Plant (Baikal)", "RU", "Baikal MP-133"),
        ("FORT-221 rifle", "RPC Fort", "UA", "Fort-221"),
        ("K100 pistol", "Grand Power", "SK", "Grand Power K100"),
    ],
)
def test_a_designation_alone_gives_its_maker_and_country(text: str, maker: str, country: str, model: str) -> None:
    r = identify(text)
    assert (r.manufacturer, r.country, r.model) == (maker, country, model)


def test_guard_a_bare_model_number_is_not_read_as_a_revolver_of_one_maker() -> None:
    # "MODEL 37" is an Ithaca shotgun as much as a Smith & Wesson revolver: no bare "MODEL nn" alias was added.
    assert identify("MODEL 37 shotgun 12 gauge").manufacturer != "Smith & Wesson"


def test_the_development_set_is_whole() -> None:
    report = evaluate(load_cases(DEV))
    assert report.checked["model"] >= 40
    assert report.correct.get("model", 0) == report.checked["model"]
    assert report.correct.get("country", 0) == report.checked["country"]
