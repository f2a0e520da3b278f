"""identI: country names, demonyms and made-in words in other languages and scripts, katakana word ends, and names
of designs and makers in other scripts (written for the rules; no case of any blind set). Each failed before."""

from __future__ import annotations

import pytest

from armstrace.identify import identify
from armstrace.identify.exonyms import cldr_country_names
from armstrace.identify.transliterations import script_names
from armstrace.reference import load_reference


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("ポーランドの拳銃", "PL"),  # a country named in Japanese prose, not Japan's
        ("トルコの企業が製造した自動拳銃", "TR"),
        ("波兰制造的手枪", "PL"),  # Chinese: not China by its script
        ("폴란드제 소총", "PL"),  # Korean X제: not South Korea by its script
        ("불가리아에서 생산된 돌격소총", "BG"),  # 에서 between the country and 생산
        ("पोलैंड में बनी राइफल", "PL"),  # Hindi: not India by its type word राइफल
        ("बुल्गारियाई शस्त्रागार द्वारा निर्मित राइफल", "BG"),
        ("بندقية فرنسية الصنع", "FR"),
        ("Пистолет сделан в Германии", "DE"),  # Russian oblique case
        ("пистолет производства Чехии", "CZ"),
        ("チェコスロバキア製の短機関銃", "CZ"),  # nine characters: longer than the old eight-token window
    ],
)
def test_a_country_named_in_the_text_outranks_the_language_and_script(text: str, country: str) -> None:
    assert identify(text).country == country


def test_the_language_hint_still_decides_alone() -> None:  # guard: no country named
    assert identify("राइफल").country == "IN"


def test_a_katakana_name_inside_a_longer_word_is_not_a_country() -> None:
    # インド (India) is inside ウインドウ (window): only the made-in mark names a country
    assert identify("ウインドウ付き 中国製 拳銃").country == "CN"


def test_designs_and_makers_in_other_scripts() -> None:
    negev = identify("以色列内格夫轻机枪")
    assert (negev.model, negev.country) == ("IWI Negev", "IL")
    assert identify("رشاش نيغيف الإسرائيلي").model == "IWI Negev"
    kbp = identify("مكتب تصميم الأجهزة في تولا")
    assert (kbp.manufacturer_id, kbp.country) == ("kbp", "RU")
    arsenal = identify("アーセナル社 カザンラク工場")
    assert (arsenal.manufacturer_id, arsenal.country) == ("arsenal_bg", "BG")


@pytest.mark.parametrize(
    ("text", "model", "country"),
    [
        ("북한 68식 권총", "Type 68 pistol (North Korea)", "KP"),
        ("백두산 권총", "Baek-Du-San", "KP"),
        ("88式狙击步枪", "QBU-88", "CN"),  # the Chinese sniper rifle, not the DPRK Type 88 rifle
        ("國造91式步槍", "T91 (Taiwan)", "TW"),
    ],
)
def test_korean_chinese_and_taiwanese_designations(text: str, model: str, country: str) -> None:
    result = identify(text)
    assert (result.model, result.country) == (model, country)


def test_every_script_name_names_a_row_and_cites_its_source() -> None:
    ref = load_reference()
    models = {m.model for m in ref.models}
    spellings = [(row.name, row.table, row.target) for row in script_names()]
    assert len(spellings) == len(set(spellings)), "a spelling is listed twice (merged branches append rows)"
    for row in script_names():
        assert row.source.startswith(("https://", "http://")), row
        if row.table == "model":
            assert row.target in models, row
        else:
            assert ref.manufacturer(row.target) is not None, row


def test_cldr_names_are_not_maker_or_model_names() -> None:
    """A country name that is also a maker's or a design's name would be read twice."""
    ref = load_reference()
    taken = {n.upper() for m in ref.manufacturers for n in (*m.variants, *m.aliases)}
    taken |= {n.upper() for m in ref.models for n in (m.model, *m.aliases)}
    assert not {name.upper() for name in cldr_country_names()} & taken


def test_a_place_of_recovery_before_the_verb_is_not_the_origin() -> None:
    # Japanese, Korean and Hindi put the verb after the place: recovered in Afghanistan, not made there
    assert identify("この小銃はアフガニスタンで回収された").country is None
    assert identify("아프가니스탄에서 압수된 소총").country != "AF"  # (Hangul itself still hints at KR, weakly)
    hindi = identify("अफ़गानिस्तान में बरामद राइफल")
    assert hindi.country == "IN" and not hindi.unread  # only the weak language hint is left; में is read
    assert identify("ポーランドで製造された拳銃").country == "PL"  # guard: made there


@pytest.mark.parametrize(
    ("text", "model", "country"),
    [
        ("58式轻机枪", "Type 58 machine gun", "CN"),  # the type named, not the DPRK rifle whose alias is 58式
        ("85式狙击步枪", "Type 85 sniper rifle", "CN"),  # not the Type 85 submachine gun
        ("朝鲜64式手枪", "Type 64 pistol (North Korea)", "KP"),  # the country named picks the row of that number
        ("北朝鮮の64式拳銃", "Type 64 pistol (North Korea)", "KP"),
    ],
)
def test_a_type_number_takes_the_row_of_the_type_or_country_named(text: str, model: str, country: str) -> None:
    result = identify(text)
    assert (result.model, result.country) == (model, country)


def test_a_type_number_alone_keeps_its_reading() -> None:  # guard
    assert identify("64式手枪").model == "Type 64 pistol"
    assert identify("85式冲锋枪").model == "Type 85 submachine gun"


@pytest.mark.parametrize("text", ["RPG-7 ロケットランチャー", "AK-47 カラシニコフ", "PKM 기관총"])
def test_a_foreign_design_named_in_japanese_or_korean_is_no_hint_at_japan_or_korea(text: str) -> None:
    result = identify(text)
    assert result.country is None
    assert any("made elsewhere only" in e.note for e in result.evidence)


def test_a_design_of_the_scripts_own_country_keeps_the_hint() -> None:  # guard
    assert identify("K2 소총").country == "KR"
    # plain Cyrillic (no letter of one national alphabet) is stamped in BG, RS, UA, BY too: a reading, not the answer
    r = identify("РПГ-7")
    assert r.country is None and any(a.field == "country" and a.value == "RU" for a in r.alternatives)


def test_arabic_clitics_on_a_country_name() -> None:
    assert identify("بندقية صنعت بألمانيا").country == "DE"  # ب (in) written onto ألمانيا
    assert identify("صنع بالصين").country == "CN"  # with the article: بالصين


def test_north_korean_army_words_make_hangul_dprk() -> None:
    assert identify("조선인민군 대대기관총").country == "KP"  # was KR by the script
    assert identify("대한민국 국군 기관총").country == "KR"  # guard


def test_the_soviet_suppressed_pistol_and_russian_designs_named_in_arabic() -> None:
    pb = identify("Пистолет ПБ (6П9)")
    assert (pb.model, pb.country) == ("PB (pistol)", "RU")
    assert identify("PB 9mm").model is None  # guard: the two letters alone are no designation
    gsh = identify("مسدس غي شا-18 من إنتاج مكتب تولا الروسي للتصاميم العسكرية")
    assert (gsh.model, gsh.manufacturer_id, gsh.country) == ("GSh-18", "kbp", "RU")


def test_korean_made_words_with_names_left_out_alone() -> None:
    assert identify("이란제 탄약").country == "IR"  # 이란 alone is a particle; 이란제 is "made in Iran"
    assert identify("소총이란 무엇인가").country != "IR"  # guard: "what is called a rifle"
