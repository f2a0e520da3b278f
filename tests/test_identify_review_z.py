"""False readings an independent review found in identZ's, dataH's and identY's merged rules (issue 14, reviewZ):
a German maker code that is an ordinary word, brand words that are names, short codes after an exhibit's label,
a bare BE read as the Buddhist Era, Rumi and Japanese era years from a count or a surname, and the holder rule
dropping the origin that trade usage names (`Chinese imports`, `Russian surplus`).

Each case is written for its rule (no case of any held-out set) and failed before the fix, except the guards
marked as such.
"""

from __future__ import annotations

import pytest

from armstrace.identify import identify


@pytest.mark.parametrize(
    "text",
    [
        "Die Pistole kam 1943 in den Besitz der Polizei",
        "Die Lieferung kam 1939 per Bahn",
        "Die Munition kam 1944 aus dem Lager, 7,92 mm Patronen",
    ],
)
def test_a_german_code_that_is_a_word_is_not_read_from_prose(text: str) -> None:
    assert identify(text).manufacturer is None


@pytest.mark.parametrize(
    ("text", "maker"),
    [
        ("Headstamp kam 44, 7,92 mm", "Hugo Schneider AG (HASAG)"),  # guard
        ("K98k receiver marked dot 44", "Zbrojovka Brno"),  # guard
        ("Cartridge headstamp asb 43", "Deutsche Waffen- und Munitionsfabriken"),  # guard
    ],
)
def test_a_german_code_beside_a_marking_word_is_still_read(text: str, maker: str) -> None:
    assert identify(text).manufacturer == maker
