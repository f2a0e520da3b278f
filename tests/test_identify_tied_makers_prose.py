"""A two-letter maker mark within prose (identZ3): the tied makers' country is not read from an acronym."""

from __future__ import annotations

import pytest

from armstrace.identify import identify


@pytest.mark.parametrize("text", ["listening to FM radio in 1985", "we heard it on FM radio"])
def test_two_letter_mark_in_prose_gives_no_country(text: str) -> None:
    result = identify(text)
    assert result.country is None
    assert any("two-letter maker mark, within prose" in e.note for e in result.evidence)


@pytest.mark.parametrize("text", ["FM 1985", "Fusil FM FAL 1958", "Pistola FM Hi-Power 9mm"])
def test_stamped_or_named_maker_keeps_its_country(text: str) -> None:
    assert identify(text).country == "AR"


@pytest.mark.parametrize("text", ["FN Model 1930 carbine, Ethiopian crest", "an FN rifle in the 1970s"])
def test_two_letter_mark_beside_an_arm_keeps_its_country(text: str) -> None:
    assert identify(text).country == "BE"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("casings marked FM 79 were found", "AR"),  # the letters beside a word of marking: a headstamp
        ("spent shell casings stamped SB 89", "CZ"),
        ("The FM radio station was attacked with rifles", None),  # a weapon word elsewhere binds nothing
    ],
)
def test_two_letters_give_a_country_only_beside_what_they_mark(text: str, country: str | None) -> None:
    assert identify(text).country == country  # review J
