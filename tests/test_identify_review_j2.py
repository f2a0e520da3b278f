"""Review J (findings 4, 5, 7): a mark on a craft gun named by its local word, Qing reign years before a singular
noun, and a maker's kind from its note. The probes are the review's (/tmp/reviewJ/report.md)."""

from __future__ import annotations

import pytest

from armstrace.identify import identify
from armstrace.identify.words.makes import note_kinds


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("Kuang Hsu 22 Mauser rifle", 1896),
        ("Guangxu 21 rifle made at Hanyang", 1895),
        ("Hsuan Tung 2 Hanyang rifle", 1910),
        ("Rifle marked Kuang Hsu 22 This rifle was made at Jiangnan", 1896),
    ],
)
def test_a_qing_reign_number_before_a_singular_noun_or_pronoun_is_a_year(text: str, year: int) -> None:
    assert identify(text).year == year


@pytest.mark.parametrize(
    "text", ["In the reign of Guangxu 21 Mauser rifles were ordered", "Tung Chih 3 cannon", "Guangxu 21 rifles"]
)
def test_a_qing_reign_number_before_a_plural_count_stays_a_count(text: str) -> None:
    # guard: the review I counts still give no year
    assert identify(text).year is None


@pytest.mark.parametrize(
    "text",
    [
        'A katta stamped "Made in USA" was recovered in Uttar Pradesh',
        "A katta with Beretta markings was recovered in Bihar",
        "A katta engraved Glock recovered in Bihar",
    ],
)
def test_a_mark_on_a_katta_is_the_craft_guns_and_its_place_gives_the_country(text: str) -> None:
    result = identify(text)
    assert (result.country, result.manufacturer) == ("IN", None)


@pytest.mark.parametrize("text", ["The katta stamped with the mill name held wheat", "गोदाम से 50 कट्टा गेहूं"])
def test_a_marked_sack_is_no_craft_gun(text: str) -> None:
    # guard: a marking word after the word binds a mark, it does not make a sack a weapon without a weapon mark
    assert identify(text).kind != "firearm"


def test_a_plant_whose_note_names_weapons_and_ammunition_gives_no_kind() -> None:
    # "the army's weapons and ammunition": `weapons` names no kind beside ammunition, so the kind stays open
    assert identify("Military Factory 270").kind is None


def test_a_note_naming_weapons_alone_still_reads_as_guns() -> None:
    # guard: `weapons` with no other kind is read as guns, as before
    assert note_kinds("state maker of weapons") == frozenset({"firearm"})
    assert note_kinds("maker of weapons and ammunition") == frozenset({"ammunition", "weapons"})
