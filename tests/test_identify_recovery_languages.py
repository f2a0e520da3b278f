"""Words of kind and of making in the languages of the regions where weapons are recovered (identC, issue 14):
Vietnamese, Hebrew, Swahili, Tamil, Bengali, Indonesian, Tagalog, Spanish, Georgian, Armenian; and the scripts whose
vowel signs the tokeniser used to drop (Tamil, Thai, Burmese, Khmer)."""

from __future__ import annotations

import pytest

from armstrace.identify import identify
from armstrace.identify.text import normalise


@pytest.mark.parametrize("word", ["துப்பாக்கி", "ปืนไรเฟิล", "သေနတ်", "កាំភ្លើង"])
def test_vowel_signs_of_south_and_south_east_asian_scripts_stay_in_the_word(word: str) -> None:
    assert normalise(word) == word


@pytest.mark.parametrize(
    ("text", "kind", "country"),
    [
        ("súng trường sản xuất tại Trung Quốc", "firearm", "CN"),
        ("פצצה תוצרת סין", "ordnance", "CN"),
        ("Bastola imetengenezwa nchini Marekani", "firearm", "US"),
        ("ஏவுகணைகள், ஈரானில் இருந்து", "ordnance", "IR"),
        ("rudal buatan Soviet", "ordnance", "RU"),
        ("protivtenkovske mine španske proizvodnje", "ordnance", "ES"),
        ("রাইফেল চীনে তৈরি", "firearm", "CN"),
    ],
)
def test_kind_and_country_of_making_in_the_languages_of_recovery(text: str, kind: str, country: str) -> None:
    result = identify(text)
    assert (result.kind, result.country) == (kind, country)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Misil anti tanque de 127 milímetros", "ordnance"),
        ("מחבל חמוש ברובה", "firearm"),
        ("tiểu liên K50M", "firearm"),
        ("lựu đạn", "ordnance"),
        ("sumpak", "firearm"),
        ("paltik", "firearm"),
        ("ავტომატი", "firearm"),
        ("ԻՆՔՆԱՁԻԳ", "firearm"),
    ],
)
def test_kind_words_of_more_languages(text: str, kind: str) -> None:
    assert identify(text).kind == kind


@pytest.mark.parametrize(
    "text",
    ["he sung a song", "wait 5 min", "Dan and Sam", "Feito do Brasil para o mundo", "bom dia"],
)
def test_words_folded_to_other_languages_words_stay_silent(text: str) -> None:
    result = identify(text)
    assert result.kind is None and result.manufacturer is None


def test_a_plant_word_of_hindi_and_urdu_names_the_plant_of_its_town() -> None:
    result = identify("Wah karkhana")
    assert (result.manufacturer, result.country) == ("Pakistan Ordnance Factories", "PK")
    assert identify("Wah").manufacturer is None  # the town alone names no plant


@pytest.mark.parametrize(
    ("text", "model"),
    [
        ("五六半", "Type 56 carbine"),
        ("56冲", "Type 56"),
        ("三八大盖", "Type 38 (Arisaka)"),
        ("汉阳造步枪", "Hanyang 88"),
    ],
)
def test_chinese_popular_names_of_designs(text: str, model: str) -> None:
    assert identify(text).model == model


@pytest.mark.parametrize(
    ("text", "kind", "country"),
    [
        ("quả lựu đạn, sản xuất tại Liên Xô", "ordnance", "RU"),
        ("ミサイル", "ordnance", "JP"),
        ("осколочно-фугасного снаряда, немецкого производства", "ordnance", "DE"),
    ],
)
def test_katakana_loanwords_shells_and_former_states(text: str, kind: str, country: str) -> None:
    result = identify(text)
    assert (result.kind, result.country) == (kind, country)


@pytest.mark.parametrize(
    "text",
    [
        "Zeitzünderhandgranate M.1914",
        "Nederlandse handgranaat",
        "bomba d'aereo di fabbricazione russa",
        "11 наступательных ручных гранат",
        "przenośna wyrzutnia rakiet",
    ],
)
def test_compounds_and_phrases_of_legacy_ordnance(text: str) -> None:
    assert identify(text).kind == "ordnance"


def test_a_polish_launcher_word_names_no_country() -> None:
    assert identify("przenośna wyrzutnia rakiet").country is None  # Polish reports describe foreign launchers


@pytest.mark.parametrize(
    "text", ["undetonated bomb, 250 kg", "laser-guided bomb remnant", "फ़ायर करने वाले मीज़ाइल", "ஏவுகணைகளை"]
)
def test_bombs_named_with_what_they_are_and_missile_spellings(text: str) -> None:
    assert identify(text).kind == "ordnance"


def test_the_flaming_bomb_mark_stays_a_mark() -> None:
    assert identify("flaming bomb on the receiver").kind == "firearm"
