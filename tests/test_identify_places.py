"""General rules of the identL pass on issue 14: a place of recovery at the end of a text (a town or province and
its country) is not the country of manufacture, for every kind of item; Korean prose is no hint at Korea; a short
letter-and-digits alias read as the start of a serial or part number is no design.

Each case is written for its rule (no case of any test set); each failed before the rule, except the guards marked.
"""

from __future__ import annotations

from armstrace.identify import identify
from armstrace.identify.places import gazetteer
from armstrace.reference import load_reference


def test_a_country_after_one_of_its_towns_is_where_the_item_was_found() -> None:
    # the country named after Kunar, Mogadishu, Misrata was taken as the maker's country (AF, SO, LY)
    r = identify("Colt M16A1 rifle, Kunar, Afghanistan")
    assert (r.country, r.manufacturer) == ("US", "Colt's Manufacturing Company")
    assert identify("Zastava M70 rifle, Mogadishu, Somalia").country == "RS"
    assert identify("FN FAL rifle, Misrata, Libya").country == "BE"
    assert identify("Glock 19 pistol, Culiacán, Sinaloa, Mexico").country == "AT"
    # a design of no single country: the place gives nothing (it was AF, UA)
    assert identify("AK-47 rifle, Kandahar, Afghanistan").country is None
    assert identify("AK-47, Donetsk, Ukraine").country is None
    r = identify("Beretta 92 pistol, Tripoli, Libya")
    assert r.country == "IT"
    assert any(e.value == "LY" and "place of recovery" in e.note for e in r.evidence)


def test_a_state_word_between_the_town_and_its_country_is_skipped() -> None:
    # `Borno State` and `South Sudan` (the latter read as Sudan before)
    assert identify("Zastava M70AB2, Juba, South Sudan").country == "RS"
    assert identify("G3 rifle by Heckler & Koch, Bangui, Central African Republic").country == "DE"
    assert identify("HK G3 rifle, Maiduguri, Borno State, Nigeria").country == "DE"


def test_made_in_a_town_and_its_country_is_still_the_origin() -> None:
    # guards: a making word before the town makes the town and its country where the item was made
    assert identify("pistol made in Karachi, Pakistan").country == "PK"
    assert identify("pistol produced in Kharkiv, Ukraine").country == "UA"
    # guards: a demonym of manufacture and a copying country stand as before
    assert identify("Chinese Type 56, Syria").country == "CN"
    assert identify("Type 56 rifle, Iran").country == "IR"


def test_the_gazetteer_rows_cite_their_sources_and_name_countries() -> None:
    # the places table is one of the checked reference tables (sources and country codes checked on load)
    rows = load_reference().places
    assert len(rows) > 400
    assert all(r.source.startswith("https://") and len(r.country) == 2 for r in rows)
    places = gazetteer(load_reference())
    assert "AF" in places["KANDAHAR"] and "MX" in places["CULIACAN"]
    assert {"LY", "LB"} <= places["TRIPOLI"]  # one name, two countries: the country named after it decides


def test_korean_prose_is_no_hint_at_korea() -> None:
    # "a Stinger missile was found", "an M2 heavy machine gun was seized": the Hangul script gave KR
    assert identify("스팅어 미사일이 발견되었다").country is None
    assert identify("M2 중기관총이 압수되었다").country is None
    assert identify("7.62mm 탄약 상자가 발견되었다").country is None
    # guards: a Korean design in prose, and Korean marks that are not prose
    assert identify("K2 소총이 발견되었다").country == "KR"
    assert identify("M2 중기관총").country == "KR"
    assert identify("대한민국 국방부 소총").country == "KR"


def test_a_short_alias_read_as_a_serial_is_no_design() -> None:
    # K15, T93, P17 after a serial label or followed by a digit run with nothing else named were taken as designs
    assert (identify("pistol, serial K15 4471").model, identify("pistol, serial K15 4471").country) == (None, None)
    assert identify("rifle SN P17 3391").model is None
    assert identify("serial T93 0152").country is None
    assert identify("K15 04471").model is None
    assert identify("SP5 12345").model is None
    # guards: beside a weapon word or a maker, and a year after the design
    assert identify("K15 light machine gun").model == "Daewoo K15"
    assert identify("HK SP5 pistol").model == "HK SP5"
    assert identify("G3 1985").country == "DE"
    assert identify("Glock 19, part no. SP5 1123").model == "Glock 19"


def test_a_country_named_last_after_a_comma_is_where_the_item_was_found() -> None:
    # a bare country ending the text, of no factory making the design or the maker's arms, was the origin
    assert identify("Zastava M70 rifle, Somalia").country == "RS"
    assert identify("Beretta 92, Colombia").country == "IT"
    assert identify("Colt M4, Iraq").country == "US"
    assert identify("AK-47 rifle, Afghanistan").country is None  # was AF
    assert identify("SKS carbine, Yemen").country is None  # was YE
    # guards: a country whose factories make the family may have made it; the maker's own country stands
    assert identify("G3 rifle, Iran").country == "IR"
    assert identify("Type 56 rifle, Iran").country == "IR"
    assert identify("COLT M16A1, USA").country == "US"
    assert identify("SIG SAUER P226, W. GERMANY").country == "DE"
