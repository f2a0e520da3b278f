"""Wartime occupier forms naming the maker's country, and counts and sizes that are no codes or designations."""

from __future__ import annotations

import pytest

from armstrace.identify import identify


@pytest.mark.parametrize("text", ["侵华日军遗留的步枪一支", "日伪时期的手榴弹", "일제 소총 발견"])
def test_wartime_japanese_army_forms_name_japan(text: str) -> None:
    assert identify(text).country == "JP"


def test_a_number_before_a_chinese_measure_word_is_no_factory_code() -> None:
    r = identify("5枚炮弹，长约21厘米")
    assert r.manufacturer is None
    assert r.year is None


def test_a_unit_after_a_number_is_no_designation_letter() -> None:
    r = identify("grenade body, 1,200 g, 30 cm long")
    assert r.model is None
    assert identify("GLOCK G 30 .45 AUTO").model == "Glock 30"


def test_a_design_named_as_a_misidentification_is_not_the_item() -> None:
    r = identify("81式7.62mm自动步枪 (sometimes misidentified as Type 68)")
    assert r.country == "CN"
    assert r.model == "Type 81"
