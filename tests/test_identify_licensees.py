"""Who made an item under licence, and makers no row holds named by the shape of their name."""

from __future__ import annotations

from armstrace.identify import identify
from armstrace.identify.producers import named_producer
from armstrace.identify.scan import indexes
from armstrace.reference import load_reference


def _producer(text: str):  # type: ignore[no-untyped-def]
    return named_producer(text, indexes(load_reference()).countries, frozenset())


def test_licensee_after_an_article_outranks_the_brand_and_the_design() -> None:
    r = identify("Pistola Helwan, calibro 9, prodotta su licenza presso la Maadi Industries")
    assert r.manufacturer_id == "maadi"
    assert any("made it under licence" in e.note for e in r.evidence)


def test_indonesian_lisensi_names_the_licensor_and_its_country_said_beside_it_is_not_the_origin() -> None:
    r = identify("SS1 — PT. Pindad, lisensi FN FNC (Fabrique Nationale, Belgia)")
    assert r.manufacturer_id == "pindad"
    assert r.country == "ID"
    assert any("licensor's country" in e.note for e in r.evidence)


def test_company_word_names_an_unlisted_licensee() -> None:
    r = identify("AK-103 fabriqués sous licence par la société Zorvatek, près d'Erevan (Arménie)")
    assert r.manufacturer == "Zorvatek"
    assert r.manufacturer_id is None
    assert r.country == "AM"
    assert any("no row of the tables holds it" in e.note for e in r.evidence)


def test_company_shaped_name_with_its_country_right_after_it() -> None:
    r = identify("7.62 mm rifle, Harambee Defence Industries, Nakuru, Kenya")
    assert r.manufacturer == "Harambee Defence Industries"
    assert r.country == "KE"


def test_company_name_ends_at_its_industry_word_and_usa_is_no_legal_form() -> None:
    found = _producer("detonators — Sahyadri Blasting Industries Pvt. Ltd., Pune")
    assert found is not None and found.name == "Sahyadri Blasting Industries"
    assert _producer('slide marked "PITTSBURG/MADE IN U.S.A."') is None


def test_plant_shaped_name() -> None:
    found = _producer("encomenda à Fábrica Militar de Alcochete (1970)")
    assert found is not None and found.name == "Fábrica Militar de Alcochete"
    assert _producer("made in a small factory of the region") is None


def test_maker_of_the_tables_is_not_replaced() -> None:
    r = identify("Glock 17, made under licence by the company Glock, Deutsch-Wagram")
    assert r.manufacturer_id == "glock"


def test_plant_named_by_a_romance_demonym_gives_its_country() -> None:
    r = identify("vainas 9 mm, marca FCM (fábrica colombiana de munición)")
    assert r.manufacturer == "fábrica colombiana de munición"
    assert r.country == "CO"


def test_unlisted_licensee_outranks_a_design_maker_of_another_country() -> None:
    r = identify("canon CS/LM5 (modèle China North Industries) produite sous licence par Tessala, Algérie")
    assert r.manufacturer == "Tessala"
    assert r.country == "DZ"
    assert not r.conflicts


def test_a_maker_of_the_country_given_outranks_the_designs_maker() -> None:
    r = identify("Steyr AUG rifles (Austrian design), assembled since 1991 by SME Ordnance Sdn Bhd, Malaysia")
    assert r.manufacturer_id == "sme_ordnance"
    assert any("the design's or licensor's maker" in e.note for e in r.evidence)


def test_a_plant_named_with_fillers_in_its_proper_name_beats_the_designs_one_maker() -> None:
    r = identify("contrato de espingardas G3 com a Fábrica Militar de Braço de Prata, 1968")
    assert r.manufacturer_id == "fbp_portugal"
    assert r.country == "PT"
