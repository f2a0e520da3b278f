"""A state exporter of a design others make is no maker of it, but says where the item most likely came from when
the design's family has a factory in the exporter's country."""

from __future__ import annotations

import pytest

from armstrace.identify import identify


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Kintex AK-47", "BG"),
        ("AK-103 rifles delivered to Venezuela by Rosoboronexport", "RU"),
        ("Kintex Makarov pistol", "BG"),
        ("Poly Technologies AK-47", "CN"),
    ],
)
def test_exporters_country_when_the_family_has_a_factory_there(text: str, country: str) -> None:
    result = identify(text)
    assert result.manufacturer_id is None
    assert result.country == country
    assert any(e.field == "country" and e.value == country and "state exporter" in e.note for e in result.evidence)
    assert any(a.field == "manufacturer" for a in result.alternatives)


def test_exporter_of_a_country_without_a_factory_of_the_family_gives_no_country_of_its_own() -> None:
    result = identify("Kintex Galil rifle")
    assert result.manufacturer_id != "kintex"
    assert result.country != "BG"
    assert not any("state exporter" in e.note for e in result.evidence if e.field == "country")


def test_a_marked_country_of_manufacture_beats_the_exporters_country() -> None:
    result = identify("Kintex AK-47 made in China")
    assert result.country == "CN"
