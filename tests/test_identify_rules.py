"""The general rules of issue 14: scripts and digits, calendars, licence relations, one maker, calibre
consistency, conflicts, illegible gaps, OCR slips, ordnance, the canonical vocabulary, and tables at scale.

Each case is written for a rule, not taken from a test set; most failed before the rule existed.
"""

from __future__ import annotations

import json

from armstrace.cli import run
from armstrace.identify import (
    canonical,
    canonical_calibre,
    canonical_country,
    canonical_maker,
    canonical_model,
    identify,
)
from armstrace.identify.alphabets import cyrillic_variant, script_country
from armstrace.identify.numbers import gregorian
from armstrace.identify.text import normalise
from armstrace.reference import load_reference


def test_eastern_arabic_and_persian_digits_read_as_digits() -> None:
    assert normalise("٢٧ ۱۳۶۵") == "27 1365"
    r = identify("headstamp ٢٧ ١٩٨٥")
    assert (r.country, r.year, r.kind) == ("EG", 1985, "ammunition")


def test_solar_hijri_year_with_persian_text_becomes_gregorian() -> None:
    r = identify("ساخت ایران ۱۳۶۵")
    assert (r.country, r.year) == ("IR", 1986)
    assert identify("MADE IN IRAN 1365 SH").year == 1986
    assert gregorian(1310, "solar") == 1931
    assert identify("RIFLE 1365 SERIAL 4455").year is None  # no calendar cue: not a year


def test_national_cyrillic_alphabets_are_told_apart() -> None:
    assert cyrillic_variant("ЗАВОДИ ЦРВЕНА ЗАСТАВА КРАГУЈЕВАЦ") == ("RS", cyrillic_variant("Ј")[1])  # type: ignore[index]
    assert (script_country("БЪЛГАРИЯ КАЗАНЛЪК") or ("",))[0] == "BG"
    assert (script_country("ЗАВОД ЛЫСЬВА") or ("",))[0] == "RU"
    assert (script_country("ساخت کشور") or ("",))[0] == "IR"


def test_licensed_national_designation_gives_country_maker_and_relation() -> None:
    r = identify("ASH-78 TIP-1 7.62")
    assert (r.country, r.manufacturer, r.family) == ("AL", "Uzina Mekanike Gramsh", "AK-pattern")
    r = identify("G3P4 rifle")
    assert (r.country, r.manufacturer, r.relation, r.based_on) == (
        "PK",
        "Pakistan Ordnance Factories",
        "licence",
        "HK G3",
    )


def test_a_model_with_one_known_maker_names_it() -> None:
    r = identify("SVD 7.62x54R 1985")
    assert (r.manufacturer, r.country) == ("Izhmash (Kalashnikov Concern)", "RU")
    assert any(e.note == "model made by one maker" for e in r.evidence)


def test_marked_calibre_chooses_between_models_of_one_designation() -> None:
    big = identify("M79 90 mm anti-tank launcher")
    assert (big.model, big.calibre, big.country, big.kind) == ("Zastava M79 Osa", "90mm", "RS", "ordnance")
    small = identify("M79 grenade launcher 40mm")
    assert (small.model, small.country) == ("M79", "US")


def test_brand_against_made_in_another_country_is_a_conflict_with_both_readings() -> None:
    r = identify("GLOCK 17 AUSTRIA / MADE IN PAKISTAN")
    assert (r.country, r.manufacturer) == ("PK", None)
    assert r.conflicts and "Glock" in r.conflicts[0]
    readings = {(a.field, a.value) for a in r.alternatives}
    assert {("manufacturer", "Glock"), ("country", "AT"), ("country", "PK")} <= readings
    # a maker with its own subsidiary in the marked country is no conflict
    assert identify("GLOCK 19 MADE IN USA").manufacturer == "Glock"


def test_illegible_gap_read_as_the_one_word_that_fits_and_reported() -> None:
    r = identify("NOR[..]CO / TYPE 56S / MADE IN CH[..]A")
    assert (r.manufacturer, r.country, r.model) == ("Norinco", "CN", "Type 56S")
    assert r.unread == ["NOR[..]CO (read as NORINCO)", "CH[..]A (read as CHINA)"]
    assert identify("NOR[..]X 1234").unread == ["NOR[..]X"]  # nothing fits: left as it is, reported


def test_letters_read_for_digits_in_a_designation() -> None:
    assert identify("ZASTAVA M7O 7.62X39").model == "Zastava M70"
    assert identify("COLT M16Al").model == "M16A1"


def test_nato_cross_and_code_only_headstamps() -> None:
    r = identify("LC 11 ⊕")
    assert (r.kind, r.manufacturer, r.year) == ("ammunition", "Lake City Army Ammunition Plant", 2011)
    assert identify("ППУ 82").manufacturer == "Prvi Partizan"


def test_chinese_type_words_tell_the_carbine_from_the_rifle() -> None:
    assert identify("56式半自动步枪 26 in triangle").model == "Type 56 carbine"


def test_a_number_in_a_triangle_is_a_chinese_factory_whatever_other_tables_say() -> None:
    assert identify("/54\\ 12345").country == "CN"  # 54 is also Egypt's Maadi factory, never in a triangle
    assert identify("Receiver marked with 412 in a triangle").country == "CN"


def test_ordnance_kind_and_numbers_on_ordnance_are_not_headstamps() -> None:
    assert identify("PG-7VM rocket").kind == "ordnance"
    r = identify("RGD-5 grenade 31 1978")
    assert (r.kind, r.manufacturer) == ("ordnance", None)  # 31 is not the Chinese cartridge plant
    assert identify("TNT demolition charge 200 g").kind == "explosive"


def test_shared_factory_mark_and_nationality_pick_the_maker() -> None:
    r = identify("Romanian PM md. 63 with arrow in triangle mark, 1974")
    assert (r.manufacturer, r.country) == ("Uzina Mecanică Cugir", "RO")


def test_type_number_with_the_weapon_type_named_and_accessories() -> None:
    assert identify("Type 80 general purpose machine gun").model == "Type 80 machine gun"
    assert identify("F1 hand grenade with UZRGM fuze").model == "F1 grenade"


def test_json_gives_kind_alternatives_conflicts_and_unread(capsys) -> None:  # type: ignore[no-untyped-def]
    assert run(["identify", "GLOCK 17 / MADE IN PAKISTAN / NOR[..]X", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["kind"] == "firearm"
    assert out["alternatives"] and out["conflicts"] and out["unread"] == ["NOR[..]X"]


def test_canonical_vocabulary_for_the_matcher() -> None:
    assert canonical_calibre("7,62x39") == "7.62x39mm"
    assert canonical_calibre(".308 WIN") == "7.62x51mm NATO"
    assert canonical_maker("IZHMASH") == "Izhmash (Kalashnikov Concern)"
    assert canonical_model("AK 47") == "AK-47"
    assert canonical_model("56式") == "Type 56"
    assert canonical_country("Yugoslavia") == "RS"
    assert canonical("maker", "") is None
    assert canonical("model", "no such gun at all") is None


def test_reference_tables_at_the_scale_of_the_field() -> None:
    ref = load_reference()
    counts = ref.counts()
    assert counts["models"] >= 1500
    assert counts["manufacturers"] + counts["factory_codes"] + counts["headstamps"] >= 600
    assert ref.check_links() == []
    kinds = {m.kind for m in ref.models}
    assert {"firearm", "ammunition", "ordnance"} <= kinds
    assert all(m.source for m in ref.models) and all(m.source for m in ref.manufacturers)


def test_chinese_headstamp_code_over_year() -> None:
    r = identify("7.62 × 39 mm cartridges with headstamp 71 over 10")
    assert (r.country, r.year, r.manufacturer) == ("CN", 2010, None)  # 10 below is the year, not Bulgaria's code


def test_weapon_type_named_chooses_between_models_of_one_designation() -> None:
    assert identify("M67 90mm recoilless rifle").model == "M67 recoilless rifle"
    assert identify("M67 grenade").model == "M67 grenade"


def test_a_bore_marked_alone_takes_the_designations_calibre() -> None:
    assert identify("B-10 recoilless rifle 82mm").calibre == "82mm recoilless"
    assert identify("Colt Government Model, cal. .455 Webley").calibre == ".455 Webley"  # inch calibres untouched


def test_demonyms_of_smaller_arms_producers() -> None:
    assert identify("Bosnian-made 82mm mortar bomb").country == "BA"
    assert identify("Kazakh NSV machine gun").country == "KZ"


def test_where_the_text_says_a_copy_was_made_beats_its_false_marks() -> None:
    r = identify("Smith & Wesson revolver, Danao City craft copy")
    assert (r.country, r.manufacturer) == ("PH", None)
    assert r.conflicts and {("manufacturer", "Smith & Wesson")} <= {(a.field, a.value) for a in r.alternatives}
    r = identify("MADE IN U.S.A. / COLT / copy made in Darra")
    assert r.country == "PK" and any("copy made in PK" in c for c in r.conflicts)
    assert identify("Chinese copy of the AK-47").country == "CN"


def test_chinese_numerals_in_a_designation() -> None:
    assert normalise("五六式 五四型") == "56 式 54 型"
    assert identify("五六式半自动步枪").model == "Type 56 carbine"
    assert identify("六四式手枪").model == "Type 64 pistol"


def test_iranian_context_dates_by_the_solar_calendar_and_plural_cartridges_are_ammunition() -> None:
    assert identify("Iranian DIO 7.62x39, 1390").year == 2011
    assert identify("Ethiopian Gafat 7.62x39 cartridges").kind == "ammunition"
    assert identify("COLT REVOLVER .38 SPECIAL CTG").kind == "firearm"


def test_an_undecided_country_lists_the_readings_set_aside() -> None:
    r = identify("a copy of the Soviet TT-33")
    assert r.country is None
    assert [(a.field, a.value) for a in r.alternatives] == [("country", "RU")]
    assert "copies" in r.alternatives[0].evidence[0]


def test_bulgarian_hard_sign_is_a_vowel_russian_one_a_separator() -> None:
    from armstrace.identify.alphabets import transliterate

    assert (transliterate("КАЗАНЛЪК"), transliterate("ОБЪЕКТ")) == ("KAZANLAK", "OBEKT")
    r = identify("АРСЕНАЛ КАЗАНЛЪК")
    assert (r.manufacturer, r.country) == ("Arsenal AD", "BG")
