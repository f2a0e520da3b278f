"""Review J's probes of the placement rules: a made-in country is not a place of recovery, and the made-in phrases
of Polish, Ukrainian, Lao and Dutch that the review found missed."""

from __future__ import annotations

import pytest

from armstrace.identify import identify


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Auf dem Schlitten wurde die Aufschrift MADE IN AUSTRIA gefunden", "AT"),
        ("Auf dem Lauf wurde die Prägung Made in Italy gefunden", "IT"),
        ("Op de slede werd de tekst Made in Belgium aangetroffen", "BE"),
        ("Made in Germany erbeutet in Syrien", "DE"),
        ("Pistole hergestellt in Tschechien, gefunden in Polen", "CZ"),
    ],
)
def test_a_made_in_country_is_not_a_place_of_recovery(text: str, country: str) -> None:
    assert identify(text).country == country


def test_a_bare_place_before_a_seizure_participle_is_still_the_recovery_place() -> None:
    assert identify("Pistole, in Österreich sichergestellt").country is None
    assert identify("in Kroatien hergestellt, in Österreich sichergestellt").country == "HR"


def test_the_recovery_place_is_not_the_made_in_country_in_evidence() -> None:
    result = identify("Pistole hergestellt in Tschechien, gefunden in Polen")
    assert not any("TSCHECHIEN" in e.text.upper() and e.note == "place of recovery" for e in result.evidence)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("karabin wyprodukowany we Włoszech", "IT"),
        ("pistolet wyprodukowany we Francji", "FR"),
        ("pistolet wyprodukowany w Izraelu", "IL"),
        ("автомат виготовлений у Китаї", "CN"),
        ("гвинтівка вироблена в США", "US"),
        ("ປືນຜະລິດຢູ່ໄທ", "TH"),
        ("Pistool gemaakt in België gevonden in Nederland", "BE"),
        ("Pistool, vervaardigd in België, in beslag genomen in Nederland", "BE"),
    ],
)
def test_made_in_phrases_review_j_found_missed(text: str, country: str) -> None:
    assert identify(text).country == country


def test_a_country_after_a_polish_made_in_phrase_is_no_maker() -> None:
    assert identify("pistolet wyprodukowany we Francji").manufacturer is None
