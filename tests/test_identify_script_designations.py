"""Latin initials of a designation written as their letter names in another script (identify.letternames)."""

from __future__ import annotations

import pytest

from armstrace.identify import identify
from armstrace.identify.letternames import spell_letter_names
from armstrace.identify.skeletons import skeleton, spell_arabic_names
from armstrace.identify.text import normalise
from armstrace.reference import load_reference


@pytest.mark.parametrize(
    ("text", "latin"),
    [
        ("ایم 14", "M 14"),  # Urdu
        ("إم بي تي - 76", "MPT - 76"),  # Arabic, a run of three names
        ("أر بي غي - 7", "RPG - 7"),
        ("एम16", "M16"),  # Hindi, written against the number
        ("エム16", "M16"),  # katakana
        ("케이2", "K2"),  # hangul
    ],
)
def test_letter_names_before_a_number_are_read_as_latin(text: str, latin: str) -> None:
    assert " ".join(spell_letter_names(text).split()) == latin


@pytest.mark.parametrize("text", ["امریکا 14", "في 14 يوما", "पिस्टल के 15 कारतूस", "ایم ون"])
def test_words_that_only_contain_or_resemble_letter_names_stay_words(text: str) -> None:
    # a letter name inside a longer word, a common word left out of the table, or no number after it
    assert spell_letter_names(text) == text


def test_urdu_m14_is_the_designation() -> None:
    assert "M14" in normalise("ایک ایم ۱۴ رائفل برآمد").replace(" ", "")
    assert identify("ایک عدد ایم 14 رائفل برآمد").model == "M14"


def test_arabic_initials_name_the_turkish_rifle_and_its_maker() -> None:
    r = identify('بندقية "إم بي تي - 76" التركية')
    assert r.model == "MPT-76"
    assert r.country == "TR"


def test_consonant_skeleton_of_a_name_in_arabic_letters() -> None:
    assert skeleton("كاراكال") == skeleton("Caracal") == "KRKL"
    assert skeleton("بازالت") == skeleton("Bazalt")


def test_a_quoted_or_company_named_arabic_name_reads_as_the_tables_latin_name() -> None:
    ref = load_reference()
    _, read = spell_arabic_names("مسدس من إنتاج شركة كاراكال", ref)
    assert read == [("كاراكال", "CARACAL")]  # nearer Caracal than Kırıkkale, which shares the skeleton
    assert spell_arabic_names("كاراكال في المعرض", ref)[1] == []  # not in a naming position
    r = identify("بندقية «مصاف» الإيرانية")
    assert r.model == "Masaf"
    assert r.country == "IR"


def test_the_makers_own_nationality_beside_it_outweighs_a_partner_country() -> None:
    r = identify("قاذفة صواريخ من شركة «بازالت» الروسية بالتعاون مع الأردن")
    assert r.manufacturer_id == "bazalt"
    assert r.country == "RU"


def test_a_hindi_company_or_weapon_name_reads_as_the_tables_latin_name() -> None:
    ref = load_reference()
    assert spell_arabic_names("तुर्की की कंपनी टिसास ने बनाई", ref)[1] == [("टिसास", "TISAS")]
    assert spell_arabic_names("ज़िगाना पिस्टल बरामद", ref)[1] == [("ज़िगाना", "ZIGANA")]
    r = identify("ज़िगाना पिस्टल बरामद")
    assert r.manufacturer_id == "tisas"
    assert any("Devanagari letters" in e.note for e in r.evidence)


def test_a_hindi_word_read_by_its_skeleton_needs_its_vowels_to_agree() -> None:
    # Devanagari writes its vowels: stripped of them, everyday words take a name's skeleton (मालिक, owner: Malyuk)
    assert spell_arabic_names("कंपनी मालिक के घर से राइफल बरामद।", load_reference())[1] == []
