"""An importer's mark names who brought a gun in, not who made it: neither its name nor its town gives the maker or the
country of manufacture, and the evidence says it is an import mark. Trade names and the makers of converted blank
pistols name their makers."""

from __future__ import annotations

import pytest

from armstrace.identify import identify


@pytest.mark.parametrize(
    ("text", "importer", "made_in"),
    [
        ("CHARLES DALY 12 GA MADE IN TURKEY", "Charles Daly", "TR"),
        ("TRISTAR ARMS N KANSAS CITY MO MADE IN TURKEY", "TriStar Arms", "TR"),
        ("GSG-16 MADE IN GERMANY ATI SUMMERVILLE SC", "American Tactical Imports", "DE"),
        ("LEGACY SPORTS 12 GA MADE IN TURKEY", "Legacy Sports International", "TR"),
        ("F.I.E. HIALEAH FL MADE IN ITALY", "F.I.E. (Firearms Import & Export)", "IT"),
    ],
)
def test_a_listed_importer_is_neither_the_maker_nor_the_country(text: str, importer: str, made_in: str) -> None:
    r = identify(text)
    assert r.importer == importer
    assert r.import_country == "US"
    assert r.country == made_in  # from the MADE IN mark, not the importer's state
    assert r.manufacturer is None
    assert any(e.field == "importer" and e.note == "import mark" for e in r.evidence)


def test_an_importer_alone_gives_no_country_of_manufacture() -> None:
    r = identify("F.I.E. CORP HIALEAH FLA")
    assert r.importer == "F.I.E. (Firearms Import & Export)"
    assert r.country is None and r.manufacturer is None


@pytest.mark.parametrize(
    ("text", "importer", "country"),
    [
        ("IMPORTED BY DELTA SPORTING GOODS HOUSTON TX", "DELTA SPORTING GOODS", None),
        ("IMP. BY NORTHERN ARMS CO, HARTFORD CT", "NORTHERN ARMS CO", None),
        ("IMPORTER: GULF RIFLES TRADING LLC DUBAI", "GULF RIFLES TRADING LLC", None),
        ("IMPORTED BY: ORION ARMS MIAMI FL MADE IN ITALY", "ORION ARMS", "IT"),
    ],
)
def test_a_firm_named_after_an_import_label_is_the_importer(text: str, importer: str, country: str | None) -> None:
    r = identify(text)
    assert r.importer == importer
    assert r.manufacturer is None  # the importer's town (Houston, Hartford, Miami) is no maker's town here
    assert r.country == country
    assert any(e.field == "importer" and "import label" in e.note for e in r.evidence)


def test_an_unlisted_importers_town_gives_the_import_country() -> None:
    r = identify("IMPORTED BY DELTA SPORTING GOODS HOUSTON TX")
    assert r.import_country == "US"


def test_a_maker_named_after_the_import_clause_stays_the_maker() -> None:
    r = identify("IMPORTED BY ORION ARMS, MADE BY FEGYVERGYAR BUDAPEST")
    assert r.manufacturer_id == "feg"
    assert r.country == "HU"


def test_prose_after_imported_by_names_no_importer() -> None:
    r = identify("the rifle was imported by a dealer in Texas in 1991")
    assert r.importer is None


@pytest.mark.parametrize(
    ("text", "maker", "country"),
    [
        ("SAR ARMS 9MM MADE IN TURKEY", "sarsilmaz", "TR"),
        ("KIMAR ITALY 9MM PAK", "kimar_it", "IT"),
        ("BLOW TR 14 9MM P.A.K.", "blow_tr", "TR"),
        ("UTAS UTS-15 12 GA", "utas_tr", "TR"),
        ("LANBER 12 GA MADE IN SPAIN", "lanber", "ES"),
    ],
)
def test_trade_names_and_blank_pistol_brands_name_their_makers(text: str, maker: str, country: str) -> None:
    r = identify(text)
    assert r.manufacturer_id == maker
    assert r.country == country


def test_a_brand_that_is_an_ordinary_word_needs_a_second_mark() -> None:
    assert identify("the raid dealt a heavy blow to the smuggling network").manufacturer is None
    assert identify("a converted Blow pistol was seized at the border").manufacturer_id == "blow_tr"
