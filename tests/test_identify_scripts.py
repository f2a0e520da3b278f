"""General rules of the sixth pass on issue 14: scripts (Arabic, Persian, Serbian and Bulgarian Cyrillic, Chinese
factory numbers), headstamps (the NATO cross, Cyrillic codes, code-only stamps), conflicts and illegible marks,
and what `identify --json` says it could not read or decide.

Each case is written for its rule (no case of any test set) and failed before the rule or row existed, except the
guards marked as such. `tests/data/markings_dev_scripts.yaml` holds the development cases, each with its source.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from armstrace.identify import identify
from armstrace.identify.alphabets import cyrillic_variant
from armstrace.identify.evaluation import evaluate, load_cases
from armstrace.identify.text import normalise

DEV = Path(__file__).parent / "data" / "markings_dev_scripts.yaml"


# --- digits, calendars and Arabic/Persian words ---


def test_the_arabic_decimal_sign_is_a_decimal_point() -> None:
    assert normalise("٧٫٦٢ × ٥٤") == "7.62X54"  # read as 7 and 62 before: calibre 62x54
    r = identify("خرطوش ٧٫٦٢ × ٥٤ ١٩٧٩")
    assert r.calibre == "7.62x54mmR"
    assert r.kind == "ammunition"  # خرطوش: cartridge


def test_a_solar_hijri_year_states_its_conversion() -> None:
    r = identify("ساخت ایران ۱۳۷۰")
    assert r.year == 1991
    note = next(e.note for e in r.evidence if e.field == "year")
    assert "Solar Hijri" in note and "+621" in note and "1991" in note and "1992" in note


def test_a_lunar_hijri_year_states_the_years_it_spans() -> None:
    r = identify("صنع في العراق ١٤٠٨ هـ")
    assert r.year == 1988
    note = next(e.note for e in r.evidence if e.field == "year")
    assert "lunar Hijri" in note and "1987-1988" in note


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("صنع في الاتحاد السوفيتي", "RU"),
        ("ساخت شوروی", "RU"),  # Persian script, Soviet make: not Iranian by its script
        ("صنع في يوغوسلافيا", "RS"),
        ("صنع في رومانيا", "RO"),
        ("ساخت بلغارستان", "BG"),
        ("رشاش صيني", "CN"),
        ("تفنگ چینی", "CN"),
        ("قنبلة عراقية", "IQ"),
    ],
)
def test_arabic_and_persian_country_names_and_demonyms(text: str, country: str) -> None:
    assert identify(text).country == country


@pytest.mark.parametrize(
    ("text", "model"),
    [
        ("قاذف ار بي جي 7", "RPG-7"),
        ("آرپی‌جی ۷", "RPG-7"),
        ("رشاش بي كي", "PK"),
        ("رشاش بي كي إم", "PKM"),
        ("رشاش دوشكا", "DShK"),
        ("بندقية دراغونوف", "SVD"),
        ("مسدس ماكاروف", "Makarov PM"),
        ("بندقية إم 16", "M16"),
        ("تفنگ ژ-۳", "HK G3"),  # Persian names G "zhe"
    ],
)
def test_designations_spelled_in_arabic_or_persian_letters(text: str, model: str) -> None:
    assert identify(text).model == model


@pytest.mark.parametrize(
    ("text", "country"),
    [("SDELANO V SSSR", "RU"), ("НАПРАВЕНО В БЪЛГАРИЯ", "BG"), ("إنتاج مصر", "EG"), ("ساخته شده در ایران", "IR")],
)
def test_made_in_in_transliteration_and_other_languages(text: str, country: str) -> None:
    r = identify(text)
    assert r.country == country
    assert any(e.note == "marked as the country of manufacture" for e in r.evidence)


def test_a_preposition_is_not_read_as_a_letter_name() -> None:  # guard: في (in) is also the name of V
    r = identify("صنع في الصين")
    assert r.country == "CN" and r.model is None


@pytest.mark.parametrize(
    "text",
    ["AK-pattern rifle with Farsi markings", "rifle, markings in Persian", "RPG-7 round, Persian script markings"],
)
def test_markings_described_as_farsi_hint_at_iran(text: str) -> None:
    r = identify(text)
    assert r.country == "IR"
    # the hint is the country's evidence, or names the maker (Iran's one maker of the family, for an AK pattern)
    assert any("described as" in e.note or "FARSI" in e.text.upper() for e in r.evidence)


def test_a_two_digit_headstamp_year_in_persian_digits_is_solar_hijri() -> None:
    r = identify("headstamp: ۷٫۶۲ ۶۸")
    assert r.year == 1989  # 1368 SH, not 1968
    assert "Solar Hijri year 1368" in next(e.note for e in r.evidence if e.field == "year")
    assert identify("headstamp ٢٧ ٨٥").year == 1985  # guard: Arabic-Indic digits (Egypt) are Gregorian


def test_a_year_named_solar_hijri_in_words_is_converted() -> None:
    r = identify("PG-7 rocket, Solar Hijri date 1388")
    assert r.year == 2009 and r.serial is None  # 1388 was taken for a serial
    assert identify("mortar bomb, Hijri year 1405").year == 1985


# --- Cyrillic: Serbian and Bulgarian are not Russian ---


@pytest.mark.parametrize(("text", "country"), [("ጋፋት 1985", "ET"), ("ΕΛΛΗΝΙΚΗ ΒΙΟΜΗΧΑΝΙΑ ΟΠΛΩΝ", "GR")])
def test_a_national_script_hints_at_its_country(text: str, country: str) -> None:
    assert identify(text).country == country
    assert identify("Δ66").country == "CN"  # guard: one Greek letter is the triangle of a factory mark


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("ПРВА ПАРТИЈА", "RS"),  # guard: Ј
        ("ЦРВЕНА ПУШКА", "RS"),  # syllabic Р
        ("ПРОИЗВЕДЕНО У ФАБРИЦИ", "RS"),  # У, not Russian В
        ("НАПРАВЕНО В ЗАВОДА", "BG"),
        ("ПЕРВЫЙ ЗАВОД", "RU"),  # guard: Ы
    ],
)
def test_the_cyrillic_variant_is_read_from_letters_and_words(text: str, country: str) -> None:
    found = cyrillic_variant(text)
    assert found is not None and found[0] == country


def test_russian_words_with_contr_are_not_serbian() -> None:  # guard
    assert cyrillic_variant("КОНТРНАСТУПЛЕНИЕ") is None


# --- Chinese factory numbers and two models of one number ---


@pytest.mark.parametrize("text", ["26厂 56式半自动步枪", "第二十六厂 56式半自动步枪", "二六厂 56式半自动步枪"])
def test_a_chinese_factory_number_before_chang_names_the_factory(text: str) -> None:
    r = identify(text)
    assert r.manufacturer == "Jianshe Industries (Factory 26)"
    assert r.model == "Type 56 carbine"


def test_an_unlisted_factory_number_before_chang_is_still_chinese() -> None:
    r = identify("第九九七厂 7.62")
    assert r.country == "CN" and r.manufacturer is None
    assert any("997 厂" in e.note for e in r.evidence if e.field == "country")  # not the script alone


def test_a_bare_type_number_lists_the_other_weapons_of_that_number() -> None:
    r = identify("54式")
    assert r.model == "Type 54 pistol"
    others = {a.value for a in r.alternatives if a.field == "model"}
    assert "Type 54 heavy machine gun" in others
    assert identify("54式手枪").alternatives == []  # the type named decides: nothing left open


def test_a_year_after_a_factory_number_is_the_year() -> None:
    r = identify("国营第九四四厂 1975")  # 厂 1975 was read as factory 1975
    assert (r.country, r.year) == ("CN", 1975)


@pytest.mark.parametrize(("text", "model"), [("58식 보총", "Type 58"), ("88식보총", "Type 88 (North Korea)")])
def test_korean_type_words_and_north_korean_usage(text: str, model: str) -> None:
    r = identify(text)
    assert (r.model, r.country, r.kind) == (model, "KP", "firearm")


def test_the_juche_year_and_north_korean_words_say_dprk() -> None:
    r = identify("주체75년 보총")
    assert (r.year, r.country) == (1986, "KP")
    assert identify("대한민국 K2 소총").country == "KR"  # guard: the South's words


# --- headstamps ---


@pytest.mark.parametrize("mark", ["⊕", "NATO cross", "+ in a circle", "cross within a circle", "(+)"])
def test_the_nato_cross_is_a_standard_not_a_country_nor_a_code(mark: str) -> None:
    r = identify(f"{mark} 7.62 NATO 71")  # 71 is Chinese factory 71 elsewhere; beside the NATO cross, the year
    assert r.kind == "ammunition"
    assert r.country is None and r.manufacturer is None
    assert r.year == 1971
    assert any("NATO cross" in e.note for e in r.evidence)


def test_a_nato_cross_keeps_a_nato_plant_code() -> None:  # guard
    r = identify("headstamp: + in a circle, MEN 88")
    assert (r.manufacturer, r.country, r.year) == ("Metallwerk Elisenhütte Nassau (MEN)", "DE", 1988)


def test_the_nato_symbol_named_in_words_is_the_nato_cross() -> None:
    r = identify("headstamp bearing the NATO symbol and 'POF 07'")
    assert any("NATO cross" in e.note for e in r.evidence)
    assert (r.country, r.year) == ("PK", 2007)


def test_a_capital_code_on_a_case_head_that_no_table_lists_is_unread() -> None:
    assert identify("cartridge with a headstamp of '⊕ 91 QZX'").unread == ["QZX"]
    assert identify("headstamp of the case: LC 85").unread == []  # guard: prose words are not codes


def test_a_cyrillic_code_is_not_the_latin_code_it_spells() -> None:
    r = identify("ПС 9x18 79")  # PS is Poongsan's Latin headstamp; ПС is a Soviet bullet type
    assert r.manufacturer is None
    assert not any(a.value == "Poongsan Corporation" for a in r.alternatives)
    assert r.year == 1979


def test_a_headstamp_number_no_table_lists_is_reported_unread() -> None:
    r = identify("headstamp 997 85")
    assert r.kind == "ammunition" and r.year == 1985
    assert "997" in r.unread


# --- conflicts, gaps and slips ---


@pytest.mark.parametrize(
    ("text", "reading"),
    [("KALASHN?KOV", "KALASHNIKOV"), ("ZASTA*A", "ZASTAVA"), ("ZAST**", "ZASTAVA"), ("ZAS?AVA M70", "ZASTAVA")],
)
def test_question_marks_and_stars_inside_words_are_gaps(text: str, reading: str) -> None:
    r = identify(text)
    assert any(reading in u and ("?" in u or "*" in u) for u in r.unread)


@pytest.mark.parametrize(
    "text", ["7.62*39", "Is this a Norinco?", "*Norinco* Type 56", "LITHGOW SMLE III* 1941"]
)  # guards
def test_a_product_a_question_and_emphasis_are_not_gaps(text: str) -> None:
    assert identify(text).unread == []


def test_a_lower_case_l_among_capitals_is_a_capital_i() -> None:
    assert normalise("MADE IN CHlNA lZHMASH") == "MADE IN CHINA IZHMASH"
    assert identify("MADE IN CHlNA").country == "CN"
    assert normalise("Colt all M16Al") == "COLT ALL M16AL"  # guard: mixed case and designations untouched


@pytest.mark.parametrize(("text", "pattern"), [("SN 12[..]4 NORINCO", "12*4"), ("SERIAL NO. 4?21", "4?21")])
def test_a_serial_with_a_gap_is_not_its_fragment_but_a_search_pattern(text: str, pattern: str) -> None:
    r = identify(text)
    assert r.serial is None  # was 12 and 4: the digits before the gap
    assert any(e.value == pattern for e in r.evidence if e.field == "serial")
    assert any(pattern.replace("*", "[..]") in u or pattern in u for u in r.unread)


def test_a_maker_name_shared_by_two_countries_is_read_by_the_country_named() -> None:
    iraq = identify("هيئة التصنيع الحربي، جمهورية العراق")
    assert (iraq.manufacturer, iraq.country) == ("Military Industrialization Commission (Iraq)", "IQ")
    alone = identify("هيئة التصنيع الحربي")  # no country: left open, both listed
    assert alone.manufacturer is None
    assert {a.value for a in alone.alternatives if a.field == "country"} == {"IQ", "SD"}


def test_the_brands_own_design_does_not_explain_a_foreign_made_in() -> None:
    r = identify("BERETTA 92 MADE IN ITALY, Danao craft copy")  # the model names the brand again
    assert (r.manufacturer, r.country) == (None, "PH")
    assert any(a.value == "Beretta" for a in r.alternatives if a.field == "manufacturer")


@pytest.mark.parametrize(
    ("text", "maker", "country"),
    [("COLT M4 CARBINE MADE IN CANADA", "Colt Canada", "CA"), ("BERETTA 92FS MADE IN USA", "Beretta USA", "US")],
)
def test_a_brand_made_in_the_country_of_its_own_plant_is_that_plants(text: str, maker: str, country: str) -> None:
    r = identify(text)
    assert (r.manufacturer, r.country, r.conflicts) == (maker, country, [])


def test_a_maker_against_another_country_marked_is_a_stated_conflict() -> None:
    r = identify("GLOCK 17 PAKISTAN")
    assert r.conflicts and "Glock" in r.conflicts[0]
    assert {a.value for a in r.alternatives if a.field == "country"} == {"AT", "PK"}
    assert identify("IGMAN YUGOSLAVIA 7.62").conflicts == []  # guard: one federation then


def test_json_says_kind_alternatives_conflicts_and_what_was_not_read() -> None:  # guard
    r = json.loads(json.dumps(identify("GL[..]CK 19 MADE IN PAKISTAN / SN AB12C").to_dict()))
    assert r["kind"] == "firearm" and r["country"] == "PK" and r["manufacturer"] is None
    assert {"field": "manufacturer", "value": "Glock"}.items() <= next(
        a for a in r["alternatives"] if a["field"] == "manufacturer"
    ).items()
    assert r["conflicts"] and "GL[..]CK (read as GLOCK)" in r["unread"]


def test_the_development_set_loads_and_passes() -> None:
    cases = load_cases(DEV)
    assert len(cases) >= 40 and all(c.source.startswith("https://") for c in cases)
    result = evaluate(cases)
    assert result.misses == []
