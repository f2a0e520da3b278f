"""General rules of the second pass on issue 14: Indic and Japanese scripts, era years, the place an item was
found or the buyer it was made for (in several languages) is not its origin, ordnance lot marks, calibre names
that hold a country or maker.

Each case is written for its rule, not taken from any test set; each failed before the rule existed.
"""

from __future__ import annotations

from armstrace.identify import identify
from armstrace.identify.alphabets import script_country
from armstrace.identify.numbers import era_year
from armstrace.identify.text import normalise


def test_devanagari_and_bengali_words_stay_whole_and_their_digits_read() -> None:
    assert normalise("पाकिस्तान ১৯৯৮ ०७") == "पाकिस्तान 1998 07"
    assert identify("पाकिस्तान में निर्मित").country == "PK"
    assert identify("भारत में निर्मित राइफल").country == "IN"


def test_arabic_vowel_signs_and_tatweel_do_not_split_a_word() -> None:
    assert normalise("مِصْر") == normalise("مصر")
    assert normalise("مـصـر") == normalise("مصر")


def test_iran_in_arabic_spelling_dates_by_the_solar_calendar() -> None:
    assert identify("صنع في ايران ١٣٩٠").year == 2011  # read as lunar Hijri (1970) before
    assert identify("صنع في العراق ١٤٠٠").year == 1980  # Iraq keeps the lunar reading


def test_era_years_of_the_chinese_republic_and_japanese_reigns() -> None:
    assert era_year("民国二十六年")[0] == 1937  # type: ignore[index]
    assert era_year("民國廿七年")[0] == 1938  # type: ignore[index]
    assert era_year("昭和十七年")[0] == 1942  # type: ignore[index]
    assert era_year("民国10年")[0] == 1921  # type: ignore[index]
    r = identify("中正式 民国二十四年 鞏縣兵工廠")
    assert (r.year, r.country, r.manufacturer) == (1935, "CN", "Gongxian Arsenal")
    assert identify("民国10年").manufacturer is None  # the era's 10 is not cartridge factory 10 (Arsenal, BG)


def test_japanese_kanji_forms_are_japanese_and_hiragana_prose_is_a_description() -> None:
    r = identify("九九式短小銃 名古屋造兵廠 昭和十七年")
    assert (r.country, r.manufacturer, r.model, r.year) == ("JP", "Nagoya Arsenal", "Arisaka Type 99", 1942)
    assert script_country("五六式自动步枪")[0] == "CN"  # type: ignore[index]
    assert identify("ソ連製 AK-47 の説明").country == "RU"  # "Soviet-made", described in Japanese
    assert identify("この小銃はアフガニスタンで回収された").country is None
    assert identify("北朝鮮製の小銃").country == "KP"


def test_place_found_or_seized_in_other_languages_is_not_origin() -> None:
    assert identify("sichergestellt in Deutschland, Pistole Makarov").country is None
    assert identify("ضبط في العراق بندقية كلاشنكوف").country is None
    assert identify("incautado en Venezuela, fusil AK-103").country is None
    assert identify("изъят в России пистолет Glock 17").country == "AT"
    assert identify("récupéré au Mali, fusil FN FAL").country == "BE"


def test_buyer_owner_and_made_by_after_a_country_are_not_origin() -> None:
    r = identify("property of Kingdom of Saudi Arabia, made by FN Herstal")
    assert (r.country, r.manufacturer) == ("BE", "FN Herstal")
    assert identify("contract marking: Republic of Kenya, made in Serbia by Zastava").country == "RS"
    assert identify("FN FAL, marked Venezuela contract").country == "BE"
    assert identify("Zastava M70 contract Republic of Iraq").country == "RS"
    assert identify("Russian made AK-74").country == "RU"  # the made-after phrase still counts


def test_a_calibre_name_holding_a_country_or_maker_is_not_origin() -> None:
    r = identify("headstamp 7.92 Mauser 1945")
    assert (r.calibre, r.manufacturer, r.country) == ("7.92x57mm Mauser", None, None)
    assert identify(".303 British ammunition").country is None
    assert identify("7.62x54R Russian cartridge").country is None
    assert identify("headstamp 7.62 NATO LC 85").country == "US"  # the maker's code still decides


def test_lot_year_factory_mark_on_ordnance() -> None:
    r = identify("PG-7V rocket 10-88-57")
    assert (r.kind, r.year) == ("ordnance", 1988)  # lot 10 of 1988; factory 57 is not in the tables
    r = identify("OG-7V 03-91-10")
    assert (r.year, r.manufacturer, r.country) == (1991, "Arsenal AD", "BG")  # factory 10: Arsenal, Kazanlak
    assert any("lot-year-factory" in e.note for e in r.evidence)
    assert identify("Glock 17 serial 12-05-85").year is None  # not ordnance, no lot: not read as a lot mark


def test_craft_centre_beats_a_false_made_in_with_the_conflict_shown() -> None:
    r = identify('AK-47 "Made in USSR" Darra Adam Khel')
    assert r.country == "PK"
    assert any("RU" in c for c in r.conflicts)
    assert identify("Kalashnikov, Khyber pass made, stamped Norinco").country == "PK"


def test_a_producer_of_the_family_marked_next_to_a_foreign_design_is_the_copys_origin() -> None:
    r = identify("Type 56 Iran")
    assert r.country == "IR"  # Iran's factories make AK-pattern rifles (KLS): an Iranian copy of a Chinese design
    assert ("country", "CN") in [(a.field, a.value) for a in r.alternatives]
    assert r.conflicts
    assert identify("Type 56 Afghanistan").country == "CN"  # no AK-pattern factory listed there: a place
    assert identify("Type 56 rifle recovered in Iran").country == "CN"  # where it was found


def test_a_bore_marked_alone_takes_the_launchers_own_calibre() -> None:
    assert identify("RPG-7 40mm").calibre == "PG-7 (RPG-7)"  # the launcher's 40 mm tube, not the 40x46mm grenade
    assert identify("Type 69 40mm rocket, Norinco").calibre == "PG-7 (RPG-7)"
    assert identify("M79 grenade launcher 40 mm").calibre == "40x46mm"  # the US M79's own 40 mm
    assert identify("headstamp 40x46 M79").calibre == "40x46mm"  # dimensions marked are kept


def test_ammunition_plants_named_in_words_and_their_kind() -> None:
    r = identify("7.62x39 cartridges made by the Tula Cartridge Plant")
    assert (r.manufacturer, r.kind) == ("Tula Cartridge Works", "ammunition")  # not the Tula Arms Plant
    assert identify("Luhansk cartridge works 5.45").kind == "ammunition"  # a cartridge plant makes no guns
    assert identify("Sellier & Bellot Vlasim 7.62x39").kind == "ammunition"
    assert identify("Zastava M70").kind == "firearm"


def test_makers_and_places_in_arabic_persian_urdu_and_bengali() -> None:
    assert identify("شركة المعادي للصناعات الهندسية").manufacturer == "Maadi Company for Engineering Industries"
    assert identify("پاکستان آرڈیننس فیکٹریز واہ").manufacturer == "Pakistan Ordnance Factories"
    assert identify("کلاشنکوف درہ آدم خیل").country == "PK"  # Urdu is not Persian: read as IR before
    assert script_country("درہ آدم خیل")[0] == "PK"  # type: ignore[index]
    assert script_country("ساخت ایران")[0] == "IR"  # type: ignore[index]
    assert identify("ভারতে তৈরি").country == "IN"  # Bengali locative: "made in India"


def test_an_ordnance_type_named_after_a_gun_designation_rules_the_gun_out() -> None:
    r = identify("M57 anti-tank mine, Yugoslavia")
    assert (r.model, r.manufacturer, r.kind, r.country) == (None, None, "ordnance", "RS")  # not the M57 pistol
    assert identify("Zastava M57 pistol").model == "M57 (Serbia)"
    assert identify("M16 rifle with M203 grenade launcher").model == "M16"  # the launcher is an accessory


def test_a_two_digit_number_after_a_numeric_plant_code_is_the_year() -> None:
    r = identify("headstamp 711 81")  # 81 is also a Chinese plant's number
    assert (r.manufacturer, r.year) == ("Klimovsk Specialized Ammunition Plant", 1981)
    assert identify("headstamp: 711 / 81").year == 1981  # code over year, on two lines
    r = identify("Chinese headstamp 945 05")  # 05 is also an East German plant's number
    assert (r.country, r.year) == ("CN", 2005)
    assert identify("headstamp 10 84").manufacturer == "Arsenal AD"


def test_normalise_joins_dimensions_split_by_punctuation_in_one_pass() -> None:
    assert normalise("0X{0") == normalise(normalise("0X{0")) == "0X0"  # found by the idempotence property test


def test_a_chinese_designation_with_words_before_its_type() -> None:
    r = identify("67式木柄手榴弹")  # Type 67 wooden-handled hand grenade
    assert (r.model, r.kind, r.year) == ("Type 67 grenade", "ordnance", None)  # 67 is the type, not 1967
    assert identify("69式40毫米火箭筒").model == "Type 69 RPG"


def test_military_after_a_demonym_describes_the_item_not_a_buyer() -> None:
    assert identify("Iranian military ammunition 7.62x39").country == "IR"
    assert identify("Beretta 92 Egyptian Army contract").country == "IT"
