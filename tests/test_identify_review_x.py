"""False readings independent reviewers found (issue 14): a country inside the name of the agency that holds,
seized or issued the item read as its origin; a number beside a word of age or count read as a plant's code; and
the year reader rebuilding a line's words for every token of a long text.

Each case is written for its rule (no case of any held-out set) and failed before the fix, except the guards
marked as such.
"""

from __future__ import annotations

from typing import Any

import pytest

from armstrace.identify import identify
from armstrace.identify.numbers import decide_year
from armstrace.identify.result import Identification
from armstrace.identify.scan import Scan, indexes
from armstrace.reference import load_reference


@pytest.mark.parametrize(
    "text",
    [
        "Glock 17 pistol held under licence by Nigeria Customs Service.",
        "Glock 17 pistol of the Uganda People's Defence Force.",
        "Glock 17 pistol held by the Ghana Immigration Service",
        "Glock 17 pistol, Customs Service of Nigeria",
        "Pistola Glock 17 de la Policía Nacional de Colombia.",
        "Pistolet Glock 17, Forces armées de la République démocratique du Congo",  # guard
        "مسدس غلوك 17 لدى جمارك نيجيريا",
        "Pistolet Glock 17 de la Police nationale du Niger.",  # guard: read right before too
        "Glock 17 pistol issued to Kenya Police.",  # guard
    ],
)
def test_a_country_in_an_agencys_name_is_its_user_not_the_origin(text: str) -> None:
    result = identify(text)
    assert (result.manufacturer, result.country) == ("Glock", "AT")


def test_an_agency_noun_after_its_country_in_arabic_makes_it_the_user() -> None:
    # "a rifle held by the Kenyan police": no maker is named, so no country either
    assert identify("بندقية لدى الشرطة الكينية").country is None


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Pistol, made in Nigeria, seized by customs", "NG"),  # a made-in phrase still names the origin
        ("Rifle marked Colombia, Indumil", "CO"),
        ("Fusil FAMAE SG 540 de Chile", "CL"),  # "de" alone (no agency noun) still names the origin
        ("Rifle, butt and trigger guard of Russian origin", "RU"),  # a trigger guard is no agency
    ],
)
def test_the_agency_rule_leaves_plain_origins_alone(text: str, country: str) -> None:
    # guards
    assert identify(text).country == country


@pytest.mark.parametrize(
    "text",
    [
        "ام 60 عاما قتلت برصاصة",
        "A man of 60 years was killed by a bullet",
        "60 people were killed by bullets",
        "Victim aged 60, killed by a bullet",
    ],
)
def test_a_number_beside_a_word_of_age_or_count_is_no_code_or_year(text: str) -> None:
    result = identify(text)
    assert (result.manufacturer, result.country, result.year) == (None, None, None)


def test_a_headstamp_number_without_such_words_is_still_read() -> None:
    # guard
    result = identify("Cartridge case headstamp 60 84")
    assert (result.country, result.year) == ("KG", 1984)


class _CountingTokens(list[Any]):
    """A token list that counts how often it is walked from the start."""

    walks = 0

    def __iter__(self) -> Any:
        type(self).walks += 1
        return super().__iter__()


def test_the_year_reader_walks_the_tokens_a_fixed_number_of_times() -> None:
    # it built a set of each line's words for every token: quadratic in a long one-line report
    ix = indexes(load_reference())
    scan = Scan("The suspect was seen near the gate with a rifle. " * 40 + "1985", ix)
    scan.tokens = _CountingTokens(scan.tokens)
    _CountingTokens.walks = 0
    result = Identification(text=scan.text)
    decide_year(scan, False, result, {})
    assert result.year == 1985
    assert _CountingTokens.walks <= 3
