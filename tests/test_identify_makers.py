"""Rules of issue 14, eighth pass (Latin-script makers): licence phrases in the languages the engine reads, worn
maker names with gaps, a maker's other English renderings and short names, craft workshops named in the text,
and the maker rows these need.

Each case is written for its rule (no case of any held-out set) and failed before it, except the guards marked as
such. Development cases with their public sources are in tests/data/markings_dev_makers.yaml.
"""

from __future__ import annotations

import pytest

from armstrace.identify import identify

HK, POF, INDEP, FN = (
    "Heckler & Koch",
    "Pakistan Ordnance Factories",
    "INDEP (Indústrias Nacionais de Defesa)",
    "FN Herstal",
)


def _why(text: str, row: str) -> list[str]:
    return [e.note for e in identify(text).evidence if e.row == row]


@pytest.mark.parametrize(
    ("text", "country", "maker", "licensor"),
    [
        ("Espingarda G3 fabricada em Portugal sob licença da Heckler & Koch", "PT", INDEP, "heckler_koch"),
        (
            "Fusil FAL fabricado en Argentina bajo licencia de FN Herstal",
            "AR",
            "Fabricaciones Militares (FM)",
            "",
        ),  # guard
        ("G3 tüfeği MKE tarafından HK lisansıyla üretilmiştir", "TR", "MKE (Makina ve Kimya Endüstrisi)", ""),  # guard
        ("Pistola fabricada no Brasil sob licença da Beretta pela Taurus", "BR", "Taurus Armas", "beretta"),
        ("G3 made under licence from Heckler & Koch in Pakistan", "PK", POF, "heckler_koch"),
    ],
)
def test_licence_phrase_names_the_licensee_and_the_licensor_is_evidence(
    text: str, country: str, maker: str, licensor: str
) -> None:
    r = identify(text)
    assert (r.country, r.manufacturer) == (country, maker)
    if licensor:
        assert any("licensor" in note for note in _why(text, licensor))


def test_licensor_alone_is_not_the_maker_and_its_town_is_not_a_location() -> None:
    # "na licencji FN Herstal": HERSTAL inside the licensor's name was read as FN's location before
    r = identify("Karabin wyprodukowany na licencji FN Herstal")
    assert r.manufacturer is None


def test_guard_maker_named_by_a_plain_made_by_is_kept() -> None:
    assert identify("Beryl made by FB Radom").manufacturer == "Fabryka Broni Łucznik-Radom"
