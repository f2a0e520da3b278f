"""National and licensed firearm designations of issue 14's dataQ pass: the rows appended to models.csv (and the
Iranian army arms factory in manufacturers.csv) load with a source and known makers, and a plain marking of each
sampled designation names the design, its maker and the country of manufacture (data, not a rule).

Each sampled marking read no model before the rows were added; the prose guards check that the new rows' words
(Spanish "besa", the given name Berno, Italian "campo giro", the surname Chauchat) do not read a weapon.
`tests/data/markings_dev_designations.yaml` holds the development cases, each with its public source.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from armstrace.identify import identify
from armstrace.identify.evaluation import evaluate, load_cases
from armstrace.reference import load_reference

DEV = Path(__file__).parent / "data" / "markings_dev_designations.yaml"

# a sample of the appended rows: (designation, maker id or "", ISO country)
SAMPLE_ROWS = [
    ("Mauser Modelo Argentino 1909", "dwm", "DE"),
    ("vz. 98/29 (Persia)", "zbrojovka_brno", "CZ"),
    ("Berno kootah (Iran)", "iran_army_arms_factory", "IR"),
    ("Mosin-Nagant M/24 (Finland)", "", "FI"),
    ("Pistole 640(b)", "fn_herstal", "BE"),
    ("KP m/44 (Finland)", "tikkakoski", "FI"),
    ("Type I rifle", "", "IT"),
    ("Kongsberg Colt", "kongsberg", "NO"),
]


@pytest.mark.parametrize(("model", "maker", "country"), SAMPLE_ROWS)
def test_the_appended_rows_load_with_a_source_and_a_known_maker(model: str, maker: str, country: str) -> None:
    ref = load_reference()
    row = next(m for m in ref.models if m.model == model)
    makers = {m.manufacturer_id for m in ref.manufacturers}
    assert (row.manufacturer_id, row.country, row.kind) == (maker, country, "firearm")
    assert row.source.startswith(("http://", "https://"))
    assert all(mid in makers for mid in (row.manufacturer_id, *row.makers) if mid)


def test_the_iranian_army_arms_factory_is_a_maker_of_iran() -> None:
    ref = load_reference()
    row = next(m for m in ref.manufacturers if m.manufacturer_id == "iran_army_arms_factory")
    assert row.country == "IR" and "اسلحه سازی ارتش" in row.variants


@pytest.mark.parametrize(
    ("text", "model", "maker", "country"),
    [
        (
            "MAUSER MODELO ARGENTINO 1891 MANUFACTURA LOEWE BERLIN",
            "Mauser Modelo Argentino 1891",
            "Ludwig Loewe & Co.",
            "DE",
        ),
        (
            "FUSIL MAUSER MEXICANO MODELO 1902",
            "Mauser Modelo 1902 (Mexico)",
            "Deutsche Waffen- und Munitionsfabriken",
            "DE",
        ),
        ("Persian Berno rifle", "vz. 98/29 (Persia)", "Zbrojovka Brno", "CZ"),
        ("GEW. 24(t) rifle", "Gewehr 24(t)", "Zbrojovka Brno", "CZ"),
        ("P 39(t) pistol", "Pistole 39(t)", "Česká zbrojovka Strakonice", "CZ"),
        ("MG 26(t)", "MG 26(t)", "Zbrojovka Brno", "CZ"),
        ("Walam 48 pistol", "Walam 48", "FÉG", "HU"),
        ("Husqvarna m/40 pistol", "Husqvarna m/40", "Husqvarna Vapenfabrik", "SE"),
        ("Lithgow SMLE", "Lee-Enfield SMLE Mk III* (Lithgow)", "Lithgow Small Arms Factory", "AU"),
        ("Taurus MT-12 submachine gun", "Taurus MT-12", "Taurus Armas", "BR"),
    ],
)
def test_a_plain_marking_names_the_design_its_maker_and_country(
    text: str, model: str, maker: str, country: str
) -> None:
    r = identify(text)
    assert (r.model, r.manufacturer, r.country) == (model, maker, country)


@pytest.mark.parametrize(
    ("text", "model", "country"),
    [
        ("M/28-30 rifle", "Mosin-Nagant M/28-30 (Finland)", "FI"),
        ("Karabiner S carbine", "Karabiner-S (East Germany)", "DE"),
        ("Type 62 LMG", "Type 62 light machine gun (North Korea)", "KP"),
        ("K-50M submachine gun", "K-50M", "VN"),
        ("Dux 53 submachine gun", "Dux 53", "ES"),
    ],
)
def test_a_designation_without_a_maker_row_still_gives_its_country(text: str, model: str, country: str) -> None:
    r = identify(text)
    assert (r.model, r.country) == (model, country)


@pytest.mark.parametrize(
    "text",
    [
        "Ella besa a su hijo antes de salir de casa",  # guard: BESA, the Besa machine gun's bare name
        "Berno of Reichenau wrote on music theory",  # guard: BERNO, the Persian name of the Brno rifle
        "Il campo giro della città era chiuso",  # guard: CAMPO GIRO, the Spanish pistol
        "Louis Chauchat chaired the commission",  # guard: CHAUCHAT, the French machine rifle
    ],
)
def test_a_new_row_word_in_prose_reads_no_weapon(text: str) -> None:
    r = identify(text)
    assert r.model is None and r.manufacturer is None and r.country is None


def test_the_development_set_loads_cites_its_pages_and_reads_its_makers_and_countries() -> None:
    cases = load_cases(DEV)
    assert 20 <= len(cases) <= 40
    assert all(c.source.startswith(("http://", "https://")) for c in cases)
    report = evaluate(cases)
    assert report.correct.get("country", 0) == report.checked["country"]
    assert report.correct.get("manufacturer", 0) == report.checked["manufacturer"]


@pytest.mark.parametrize(
    "text", ["pistolet MAS Mle 1935S 7,65 Longue", "Modèle 1935A", "pistolet-mitrailleur MAS 38 7,65 long"]
)
def test_the_french_service_arms_of_the_1930s_fire_the_7_65_longue(text: str) -> None:
    """Not the .32 ACP of a 7.65 mm Browning pistol: the Longue is its own cartridge (review I, finding 16)."""
    assert identify(text).calibre == "7.65x20mm Longue"
