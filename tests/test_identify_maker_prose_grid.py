"""Makers named in prose by the sentence's construction (possessive, a word of making before or after the name,
a designer named beside the maker), in the languages reports are written in: a grid of sentences of our own making
(tests/data/identify_maker_prose_grid.yaml), its share right, each row the engine reads right asserted, and the
rules that read the constructions.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from armstrace.identify import identify
from armstrace.identify.possessives import owner_words
from armstrace.identify.text import tokenise

GRID = yaml.safe_load((Path(__file__).parent / "data" / "identify_maker_prose_grid.yaml").read_text(encoding="utf-8"))
READ = [row for row in GRID if not row.get("known_miss")]


def test_grid_rows_are_unique_and_sourced() -> None:
    assert len({row["id"] for row in GRID}) == len(GRID)
    assert len({row["text"] for row in GRID}) == len(GRID)
    assert all(row["source"].startswith("http") for row in GRID)


def test_grid_share_right() -> None:
    right = sum(identify(row["text"]).manufacturer_id == row["manufacturer_id"] for row in GRID)
    share = right / len(GRID)
    print(f"maker prose grid: {right}/{len(GRID)} ({share:.0%})")
    assert right >= len(READ)  # no row read right when the grid was measured is lost


@pytest.mark.parametrize("row", READ, ids=[row["id"] for row in READ])
def test_grid_row(row: dict[str, str]) -> None:
    assert identify(row["text"]).manufacturer_id == row["manufacturer_id"]


def _owners(text: str) -> list[str]:
    return owner_words(text, [t.text for t in tokenise(text)])


def test_possessive_and_turkish_suffixes_come_off_names() -> None:
    assert _owners("Glock's compact pistols") == ["GLOCK", "COMPACT", "PISTOLS"]
    assert _owners("Zastava’s rifles")[0] == "ZASTAVA"
    assert _owners("Canik'in tabancası")[0] == "CANIK"
    assert _owners("Sarsılmaz'ın")[0] == "SARSILMAZ"


def test_a_place_keeps_its_case_ending_where_a_maker_loses_it() -> None:
    words = [t.text for t in tokenise("Rusya'dan gelen tabanca")]
    assert owner_words("Rusya'dan gelen tabanca", words, possessive_only=True)[0] == words[0]  # from Russia
    assert (
        owner_words("Russia's rifles", [t.text for t in tokenise("Russia's rifles")], possessive_only=True)[0]
        == "RUSSIA"
    )
    # pistols to be shipped to a country (Turkish dative) were not made there
    assert identify("limanda ele geçirilen tabancalar Libya'ya gönderilmek üzere paketlenmişti").country != "LY"


def test_contractions_and_elisions_are_left_alone() -> None:
    assert _owners("it's a rifle")[0] == "ITS"
    assert _owners("Manufacture d'Armes") == [t.text for t in tokenise("Manufacture d'Armes")]


def test_possessive_copies_are_the_owners_own() -> None:
    # "X's copies" names who made the copies; "a copy of X" names the design copied
    assert identify("Norinco's copies of the pistol were sold abroad").manufacturer_id == "norinco"
    assert identify("a Turkish copy of the Glock pistol").manufacturer_id != "glock"


def test_designer_named_beside_the_maker_gives_way() -> None:
    assert identify("создан на базе разработки Ижмаш, производится заводом Молот").manufacturer_id == "molot"
    assert identify("ベレッタの設計をもとにミネベアが製造した拳銃").manufacturer_id == "minebea"
    assert identify("콜트의 설계를 바탕으로 S&T모티브가 생산한 소총").manufacturer_id == "snt_motiv"


def test_maker_as_subject_of_a_verb_of_making() -> None:
    assert identify("Zastava makes the rifles for the Serbian army").manufacturer_id == "zastava"
    result = identify("GLOCK MADE IN AUSTRIA")
    assert result.manufacturer_id == "glock" and result.country == "AT"
