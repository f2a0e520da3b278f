"""Two bare two-digit numbers on a case head (identZ3): the plant's code comes first, the year after it."""

from __future__ import annotations

import pytest

from armstrace.identify import identify


@pytest.mark.parametrize(("text", "year"), [("7.62x39 headstamp 07 79", 1979), ("headstamp 11 82", 1982)])
def test_unknown_code_then_year(text: str, year: int) -> None:
    result = identify(text)
    assert result.year == year
    assert any("a plant's code, then its year" in e.note for e in result.evidence)


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("7.62x39 cartridge, headstamp 17 85", 1985),  # a known code: read by the code rules
        ("LC 07 cartridge", 2007),  # a letter code and its year
        ("headstamp 07 79 12", 2007),  # three numbers: no pair to read
    ],
)
def test_other_heads_are_left_to_the_other_rules(text: str, year: int) -> None:
    assert identify(text).year == year
