"""Headstamp rules of issue 14, identN pass: the century of a two-digit year from the code's years of use, a code
read wherever a clock-face or top/bottom transcription puts it, codes with a leading zero or in Cyrillic letters, and
an unknown code that gives the calibre and kind but no country. Cases written for each rule from the public code
lists cited in tests/data/markings_dev_headstamps2.yaml; no case of any held-out set."""

from __future__ import annotations

import pytest

from armstrace.identify import identify


@pytest.mark.parametrize(
    "text",
    [
        "LC 35",  # Lake City opened in 1941: 35 is neither 1935 nor (in the future) 2035
        "SL 52",  # St. Louis Ordnance Plant stamped 1941-1945 only
        "EC 55",  # Evansville Chrysler stamped 1942-1944
    ],
)
def test_a_year_outside_the_codes_years_is_not_dated(text: str) -> None:
    result = identify(text)
    assert result.kind == "ammunition" and result.country == "US"
    assert result.year is None


def test_guard_a_year_inside_the_codes_years_is_dated() -> None:
    assert identify("LC 52").year == 1952
    assert identify("SL 43").year == 1943
    assert identify("LC 11").year == 2011


@pytest.mark.parametrize(
    "text",
    [
        "top: 17, bottom: 85",
        "17 at the top, 85 at the bottom",
        "headstamp '17' and '85'",
        "85 at 6 o'clock, 17 at 12 o'clock",
    ],
)
def test_code_read_in_any_position(text: str) -> None:
    result = identify(text)  # Barnaul's plant 17 and 1985, however the positions are written
    assert (result.kind, result.country, result.year) == ("ammunition", "RU", 1985)


@pytest.mark.parametrize(
    ("text", "country", "year"),
    [
        ("03 43", "RU", 1943),  # Ulyanovsk's 3 transcribed with a leading zero
        ("017 85", "RU", 1985),  # Barnaul's 17
        ("0270 89", "UA", 1989),  # Luhansk's 270
    ],
)
def test_numeric_code_with_a_leading_zero(text: str, country: str, year: int) -> None:
    result = identify(text)
    assert (result.country, result.year) == (country, year)
    assert result.unread == []


def test_guard_a_code_listed_with_its_zero_stays_itself() -> None:
    assert identify("04 85").country == "DE"  # East German 04 is listed as stamped, zero included
    assert identify("FC 03").year == 2003  # a year with a zero beside a letter code is still the year


def test_cyrillic_letter_code_beside_a_number_is_code_and_year() -> None:
    result = identify("Т 41")  # Cyrillic Т: Tula's letter with 1941, not Chinese factory 41
    assert (result.country, result.year) == ("RU", 1941)


def test_unlisted_cyrillic_letter_code_gives_the_year_and_no_country() -> None:
    result = identify("Ж 41")
    assert result.country is None and result.year == 1941


@pytest.mark.parametrize(
    ("text", "calibre"),
    [("XQZ 85 7.62x39mm", "7.62x39mm"), ("QQ 91 5.56x45mm", "5.56x45mm NATO"), ("ZZ 85 7.62x54R", "7.62x54mmR")],
)
def test_guard_unknown_code_gives_calibre_and_kind_but_no_country(text: str, calibre: str) -> None:
    result = identify(text)
    assert (result.kind, result.calibre, result.country, result.manufacturer) == ("ammunition", calibre, None, None)


@pytest.mark.parametrize(
    ("text", "country", "year"), [("top: RG, bottom: 05", "GB", 2005), ("top: ППУ, bottom: 81", "RS", 1981)]
)
def test_number_across_a_position_word_from_a_letter_code_is_its_year(text: str, country: str, year: int) -> None:
    result = identify(text)  # 05 and 81 are also plants' numbers (East German, Chinese), but here the year
    assert (result.country, result.year) == (country, year)


@pytest.mark.parametrize(
    ("text", "country", "year"),
    [
        ("маркировка на донце гильзы: 270 и 88", "UA", 1988),  # Russian: the case head's marking, 270 and 88
        ("на донце гильзы цифры 3 и 81", "RU", 1981),
        ("Bodenstempel: 04 und 78", "DE", 1978),
        ("Hülsenboden mit Kennzeichnung 711 83", "RU", 1983),
        ("marquage du culot : 539 84", "RU", 1984),
        ("spent casings marked '3' and '84'", "RU", 1984),
        ("estojos com marcação 17 81", "RU", 1981),
    ],
)
def test_case_head_described_in_other_languages(text: str, country: str, year: int) -> None:
    result = identify(text)
    assert (result.kind, result.country, result.year) == ("ammunition", country, year)
    assert result.unread == []  # `на`, `и` are Russian words, not unread codes


def test_a_unit_and_ammunition_word_are_no_slip_of_a_makers_name() -> None:
    # `MM AMMUNITION` was read as a close spelling of Poongsan's `PMC AMMUNITION` (KR) and outweighed factory 945
    result = identify("Factory 945 7.62 × 54R mm ammunition manufactured in 2008")
    assert (result.country, result.manufacturer, result.year) == ("CN", None, 2008)


def test_guard_a_slip_in_a_long_name_is_still_read() -> None:
    assert identify("PMC AMMUNITION 5.56").country == "KR"


def test_labels_of_a_code_and_year_do_not_hide_the_case_head() -> None:
    result = identify("Plant code 60, dated 79")  # Frunze's plant 60 and 1979: `plant`, `code`, `dated` are labels
    assert (result.kind, result.country, result.year) == ("ammunition", "KG", 1979)


@pytest.mark.parametrize(
    ("text", "country", "year"),
    [
        ("薬莢底部の刻印 17 85", "RU", 1985),  # Japanese: the marking on the case's base
        ("ヘッドスタンプ 539 84", "RU", 1984),  # the Japanese loanword for headstamp; not Japanese by its script
        ("značení na dně nábojnice: bxn 52", "CZ", 1952),  # Czech
        ("tanda di dasar selongsong: 17 85", "RU", 1985),  # Indonesian
    ],
)
def test_case_head_words_of_more_languages(text: str, country: str, year: int) -> None:
    result = identify(text)
    assert (result.kind, result.country, result.year) == ("ammunition", country, year)


def test_a_stamps_two_digits_of_the_year_read_are_not_unread() -> None:
    result = identify("headstamp reads LC 68 (Lake City, 1968)")
    assert result.year == 1968 and result.unread == []


@pytest.mark.parametrize(
    ("text", "maker"),
    [
        ("TULA 5.45x39", "Tula Cartridge Works"),  # a commercial case head: the code and the cartridge only
        ("headstamp TULA 9mm Luger", "Tula Cartridge Works"),  # not the Tula Arms Plant by the town's name
    ],
)
def test_commercial_case_head_is_the_cartridge_plants(text: str, maker: str) -> None:
    result = identify(text)
    assert (result.kind, result.manufacturer) == ("ammunition", maker)


def test_guard_a_gun_makers_name_and_calibre_stay_a_gun() -> None:
    assert identify("GLOCK 9mm").kind == "firearm"  # no headstamp row lists GLOCK


@pytest.mark.parametrize(
    ("text", "country", "year"),
    [
        ("headstamp 17/85", "RU", 1985),  # code and year joined by a slash inside a description
        ("casings marked 270/88", "UA", 1988),
        ("date 81 code 711", "RU", 1981),  # the number a code label names is the code, even after a date label
    ],
)
def test_code_and_year_written_as_one_token_or_after_a_date_label(text: str, country: str, year: int) -> None:
    result = identify(text)
    assert (result.country, result.year) == (country, year)


@pytest.mark.parametrize(
    "text",
    [
        "12 casings recovered, exhibit 17/21",  # an exhibit number, and a count of casings, are no code or year
        "headstamp photos 3/12",
        "гильзы 7,62х39, акт 3/12",  # акт (a record's number)
        "изъято 5 гильз, протокол 12/19",
        "casings, 9mm, evidence bag 41/10",
    ],
)
def test_a_document_number_or_a_count_beside_casings_is_no_code_or_year(text: str) -> None:
    result = identify(text)
    assert result.kind == "ammunition"
    assert (result.manufacturer, result.year) == (None, None)


@pytest.mark.parametrize(
    ("text", "country", "year"),
    [
        ("headstamp: 17/85", "RU", 1985),  # after a stamp's label
        ("гильзы 270/88", "UA", 1988),  # right after the case-head word
        ("12 casings, headstamp 17/85", "RU", 1985),  # the count is no year; the stamp's is
    ],
)
def test_guard_a_slashed_pair_after_a_case_head_word_or_label_is_code_and_year(
    text: str, country: str, year: int
) -> None:
    result = identify(text)
    assert (result.country, result.year) == (country, year)


@pytest.mark.parametrize("text", ["Sako .308", "MKE 7.62x51", "POF 7.62x51", "IMI 9mm"])
def test_a_code_of_a_maker_of_guns_too_and_a_calibre_is_not_ammunition(text: str) -> None:
    assert identify(text).kind != "ammunition"  # each makes guns in that calibre: the text does not say which


@pytest.mark.parametrize(
    ("text", "maker"),
    [("MKE 7.62x51 ammunition", "MKE (Makina ve Kimya Endüstrisi)"), ("PPU 7.62x39", "Prvi Partizan")],
)
def test_guard_an_ammunition_word_or_a_cartridge_only_maker_is_still_ammunition(text: str, maker: str) -> None:
    result = identify(text)
    assert (result.kind, result.manufacturer) == ("ammunition", maker)
