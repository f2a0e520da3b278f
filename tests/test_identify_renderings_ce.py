"""German and Polish spellings of Russian names (`Makarow`, `Dragunow`, `Kalaschnikow`) read as the rows' English
ones (identY2, issue 14)."""

from __future__ import annotations

from armstrace.identify import identify
from armstrace.identify.alphabets import central_european_renderings


def test_russian_endings_take_the_german_and_polish_w_and_sh() -> None:
    assert central_european_renderings("KALASHNIKOV") == ["KALASCHNIKOW", "KALASZNIKOW"]
    assert central_european_renderings("DEGTYAREV DP") == ["DEGTJAREW DP"]


def test_words_without_a_russian_ending_are_left_alone() -> None:
    assert central_european_renderings("GLOCK") == []
    assert central_european_renderings("KOV") == []  # too short to be a surname


def test_german_makarow_names_the_model() -> None:
    assert identify("Pistole Makarow, Kaliber 9 mm").model == "Makarov PM"


def test_a_polish_calibre_name_is_no_model() -> None:
    assert identify("nabój 9 mm Makarow, łuska stalowa").model is None
