"""Review I (findings 1-3): local craft-gun words (`katta`, `tamancha`, `فرد خرطوش`) in inventories, alone, and as
ordinary words. The probes are the review's (/tmp/reviewI/report.md)."""

from __future__ import annotations

import pytest

from armstrace.identify import identify


@pytest.mark.parametrize(
    ("text", "country", "maker"),
    [
        ("Police seized a Glock 17 pistol and a desi katta from the gang", "AT", "Glock"),
        ("Recovered: one Beretta 92 pistol, one tamancha, 10 cartridges 9mm", "IT", "Beretta"),
        ("Officers recovered a katta and a Norinco Type 54 pistol", "CN", "Norinco"),
        ("ضبط فرد خرطوش وطبنجة بيريتا في أسيوط", "IT", "Beretta"),
    ],
)
def test_a_craft_word_on_another_item_of_a_list_leaves_the_named_maker(text: str, country: str, maker: str) -> None:
    result = identify(text)
    assert (result.country, result.manufacturer) == (country, maker)


def test_the_craft_words_country_stays_an_alternative_with_its_evidence() -> None:
    result = identify("Police seized a Glock 17 pistol and a desi katta from the gang")
    alternative = next(a for a in result.alternatives if a.field == "country" and a.value == "IN")
    assert "katta" in " ".join(alternative.evidence)


def test_a_brand_on_the_craft_weapon_itself_is_still_set_aside() -> None:
    # guard: the brand a craft weapon carries (same item, no list joiner) is not its maker
    result = identify("handmade pistol resembling Beretta, Trabzon")
    assert result.country == "TR"
    assert result.manufacturer != "Beretta"


@pytest.mark.parametrize(
    "text",
    [
        "Rawalpindi police recovered a 30 bore tamancha from the accused",
        "Police in Peshawar seized a katta with two rounds",
        "ضبط فرد خرطوش في غزة",
        "Police seized a desi katta from the accused",
    ],
)
def test_a_craft_word_alone_gives_no_indian_or_egyptian_answer(text: str) -> None:
    result = identify(text)
    assert result.country not in {"IN", "EG"}


def test_a_craft_word_alone_is_a_weak_alternative_and_a_firearm() -> None:
    result = identify("Police seized a desi katta from the accused")
    assert (result.country, result.kind) == (None, "firearm")
    assert any(a.field == "country" and a.value == "IN" and a.score <= 0.3 for a in result.alternatives)


def test_a_place_named_with_a_craft_word_gives_its_country() -> None:
    assert identify("a 30 bore tamancha recovered in Rawalpindi").country == "PK"


@pytest.mark.parametrize(
    "text",
    [
        "गोदाम से 50 कट्टा गेहूं और 20 कट्टा चावल बरामद",  # कट्टा: a sack (50 sacks of wheat, 20 of rice)
        "The cat named Katta was found near the 9mm cartridge box",
        "Kumar alias Katta was arrested with a pistol",
    ],
)
def test_an_ordinary_word_or_a_name_is_no_craft_gun(text: str) -> None:
    result = identify(text)
    assert result.country is None
    assert not any(a.field == "country" and a.value == "IN" for a in result.alternatives)


def test_a_sack_of_wheat_is_no_firearm() -> None:
    assert identify("गोदाम से 50 कट्टा गेहूं और 20 कट्टा चावल बरामद").kind != "firearm"


def test_a_local_word_beside_a_seizure_word_in_hindi_is_a_craft_gun() -> None:
    # guard: `अवैध तमंचा` (an illegal tamancha) beside its seizure word is the weapon
    result = identify("आरोपी से एक अवैध तमंचा व दो कारतूस बरामद, मेरठ")
    assert result.kind == "firearm"


def test_a_us_designator_in_prose_does_not_outweigh_a_soviet_models_row() -> None:
    # review I, finding 6 (the brief's 6): the model row's country beats the designator's weak evidence
    assert identify("PTAB-2.5 bomblets found near CBU-97 dispenser").country == "RU"


def test_the_designator_evidence_is_listed_once() -> None:
    result = identify("FMU-139 fuze")
    lines = [e for e in result.evidence if e.field == "country" and e.text == "FMU-139"]
    assert result.country == "US"
    assert len(lines) == 1


def test_a_cross_border_word_alone_is_no_answer_but_one_countrys_word_is() -> None:
    # the split is the words' speech: `paltik` is Tagalog (the Philippines only), `tamancha` Hindi-Urdu
    assert identify("paltik revolver seized by police").country == "PH"
    assert identify("tamancha revolver seized by police").country is None


@pytest.mark.parametrize("text", ["ยึดกระสุนปืน 9 มม. จำนวน 50 นัด", "box of 9mm cartridges, 50 rounds"])
def test_a_count_of_rounds_is_no_headstamp_year(text: str) -> None:
    # review I, finding 7: `จำนวน 50 นัด` (amount 50 rounds) is a count, not 1950
    assert identify(text).year is None


def test_a_headstamps_two_digit_year_is_still_read() -> None:
    # guard: a head's code and year without a count word
    assert identify("WRA 43 .30-06").year == 1943


@pytest.mark.parametrize(
    "text",
    ["In the reign of Guangxu 21 Mauser rifles were ordered", "Tung Chih 3 cannon recovered", "Hsuan Tung 2 pistols"],
)
def test_a_count_after_a_qing_reign_is_no_year(text: str) -> None:
    # review I, finding 10 (the brief's 5)
    assert identify(text).year is None


@pytest.mark.parametrize(("text", "year"), [("KUANG HSU 21", 1895), ("Guangxu year 21 Mauser rifles", 1895)])
def test_a_qing_reign_year_is_still_read(text: str, year: int) -> None:
    assert identify(text).year == year


def test_the_mainland_rule_leaves_a_taiwanese_maker_alone() -> None:
    result = identify("中華民國三十八年 第二〇五兵工廠")
    assert result.country == "TW"
    assert identify("中華民國二十六年 步槍").country == "CN"  # guard: no maker, dated before 1949


@pytest.mark.parametrize(
    "text",
    [
        "ทหารพม่ายึดปืนกลมือได้",  # Burmese soldiers seized an SMG
        "ร้านอาหารจีนถูกปล้นด้วยปืนพก",  # a Chinese restaurant robbed with a pistol
        "นักท่องเที่ยวอเมริกันถูกยิงด้วยปืน .38",  # an American tourist shot with a .38
    ],
)
def test_a_thai_nationality_describing_people_or_a_place_is_no_origin(text: str) -> None:
    # review I, finding 6 (the brief's 4)
    assert identify(text).country is None


def test_a_thai_nationality_on_the_weapon_still_counts() -> None:
    # guard: `ผลิตในจีน` (made in China) after the weapon
    assert identify("ปืนเล็กยาวจู่โจม AK-47 ผลิตในจีน").country == "CN"
