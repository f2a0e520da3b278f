"""Worn maker names (`Ernst Th[..]mann, Suh[..]`): read with a worn neighbour when enough letters are legible
(identY2, issue 14)."""

from __future__ import annotations

from armstrace.identify import identify


def test_two_worn_words_of_one_maker_name_are_read_together() -> None:
    r = identify("pistol, Ernst Th[..]mann, Suh[..]")
    assert r.manufacturer_id == "ddr_ernst_thaelmann"
    assert r.country == "DE"


def test_two_short_worn_words_make_no_maker_name() -> None:
    r = identify("crate lid, N[..]A Y[..]K")
    assert r.manufacturer is None
