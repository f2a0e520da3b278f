"""Makers and places named in a report's sentence in an inflecting language or another script: Slavic case endings
(`производства Ижевского машиностроительного завода`, `в Туле`, `u Zastavi`), numbered plants in any case
(`завода № 2`), Arabic clitics and article (`وبالصين`, `الكلاشنكوف`) and the two spellings of Persian letters
(`روسيه`/`روسیه`); and every origin the text gives stated as a conflict when they disagree.

Each case is written for its rule, not taken from any test set; each failed before the rule existed.
"""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from armstrace.identify import identify
from armstrace.identify.endings import LATIN_SLAVIC_COUNTRIES, bare_arabic, stem, stem_keys
from armstrace.identify.text import PhraseIndex, compact
from armstrace.reference import load_reference

# -- Slavic case endings -----------------------------------------------------------------------------------------


def test_every_case_of_a_word_has_one_stem() -> None:
    assert {stem(w) for w in ("ЗАВОД", "ЗАВОДА", "ЗАВОДУ", "ЗАВОДОМ", "ЗАВОДЕ", "ЗАВОДІ")} == {"ЗАВОД"}
    assert {stem(w) for w in ("ТУЛЬСКИЙ", "ТУЛЬСКОГО", "ТУЛЬСКОМУ", "ТУЛЬСКИМ", "ТУЛЬСКОМ")} == {"ТУЛЬСК"}
    assert {stem(w) for w in ("ЗАСТАВА", "ЗАСТАВЕ", "ЗАСТАВИ", "ЗАСТАВУ", "ЗАСТАВОМ", "ЗАСТАВОЈ")} == {"ЗАСТАВ"}
    assert {stem(w) for w in ("ZBROJOVKA", "ZBROJOVKY", "ZBROJOVKOU")} == {"ZBROJOVK"}
    assert stem("ТОЗ") == "ТОЗ" and stem("M16") == "M16"  # abbreviations and designations are never declined


def test_a_name_of_one_short_word_is_not_declined() -> None:
    assert stem_keys("ТОЗ") == set()  # an abbreviation
    assert stem_keys("FORTE", latin=True) >= {"FORTE"}
    assert "FORT" not in stem_keys("FORTE", latin=True)  # FORT is a maker's name; FORTE no case of it
    assert stem_keys("ZASTAVA ARMS") == set()  # a Latin name of a country that does not decline it


def test_no_two_makers_meet_on_a_declined_name() -> None:
    """A stem shared by two makers must come from a phrase both rows already hold as written (ARSENAL): the endings
    never merge makers the tables tell apart."""
    ref = load_reference()
    by_stem: dict[str, set[str]] = defaultdict(set)
    sources: dict[str, set[str]] = defaultdict(set)
    exact: dict[str, set[str]] = defaultdict(set)
    for m in ref.manufacturers:
        for phrase in (m.name, *m.variants, *m.aliases):
            exact[compact(phrase)].add(m.manufacturer_id)
            for key in stem_keys(phrase, m.country in LATIN_SLAVIC_COUNTRIES):
                by_stem[compact(key)].add(m.manufacturer_id)
                sources[compact(key)].add(compact(phrase))
    assert len(by_stem) > 300  # the Cyrillic and Central European names are all there
    merged = {
        key: ids for key, ids in by_stem.items() if len(ids) > 1 and not any(exact[src] >= ids for src in sources[key])
    }
    assert merged == {}
    # nor does a declined name meet another maker's name as written
    taken = {key: ids for key, ids in by_stem.items() if exact.get(key, ids) - ids}
    assert taken == {}


_ADJECTIVE_PLANT = re.compile(r"^((?:[А-Я]+[ЫИ]Й )+)ЗАВОД$")


def _oblique(nominative: str) -> tuple[str, str]:
    """The genitive and prepositional of `<adjectives> ЗАВОД` by the Russian declension (a test's own rule)."""
    adjectives = nominative.split()[:-1]
    gen = " ".join(a[:-2] + "ОГО" for a in adjectives) + " ЗАВОДА"
    prep = " ".join(a[:-2] + "ОМ" for a in adjectives) + " ЗАВОДЕ"
    return gen.lower(), prep.lower()


def test_every_russian_plant_name_is_found_in_the_genitive_and_prepositional() -> None:
    ref = load_reference()
    plants = [(m.manufacturer_id, v) for m in ref.manufacturers for v in m.variants if _ADJECTIVE_PLANT.match(v)]
    assert len(plants) >= 8
    for mid, name in plants:
        gen, prep = _oblique(name)
        assert identify(f"Патроны производства {gen}").manufacturer_id == mid, gen
        assert identify(f"Изготовлено на {prep}").manufacturer_id == mid, prep


@pytest.mark.parametrize(
    ("text", "maker"),
    [
        ("Автомат АКМ производства Ижевского машиностроительного завода", "izhmash"),
        ("Пистолет изготовлен на Тульском оружейном заводе", "tula_arms"),
        ("винтовка Ижевского механического завода", "izhmekh"),
        ("продукція Павлоградського хімічного заводу", "pavlohrad_chemical"),  # Ukrainian
        ("снаряды Мотовилихинских заводов", "motovilikha"),  # plural
        ("боеприпасы Амурского патронного завода", "amursk_vympel"),
        ("порох Казанского порохового завода", "kazan_powder"),
        ("муниција Првог Партизана", "prvi_partizan"),  # Serbian Cyrillic
        ("експлозив Прве Искре", "prva_iskra"),
        ("municija Prvog Partizana", "prvi_partizan"),  # Serbian Latin
        ("minobacačke mine Krušika", "krusik"),
        ("пулемёт изготовлен в Коврове", "degtyarev"),  # a town in the locative, read in Latin letters
    ],
)
def test_a_maker_or_its_town_in_another_case(text: str, maker: str) -> None:
    assert identify(text).manufacturer_id == maker


def test_a_town_in_the_locative_is_the_town() -> None:
    assert identify("патрон произведен в Туле").manufacturer_id == identify("патрон произведен: Тула").manufacturer_id
    assert identify("патрон произведен в Туле").manufacturer_id is not None


def test_a_town_declined_alone_needs_a_preposition_of_place() -> None:
    assert identify("набої виготовлено в Луганську").manufacturer_id == "luhansk_cartridge"
    # the village Luhanske begins like Luhansk; `біля` (near) is no preposition of origin
    assert identify("протипіхотна міна, мінування біля Луганське").manufacturer_id is None


def test_persian_letters_spelt_the_arabic_way_keep_close_spellings() -> None:
    r = identify("پاکستان آرڈننس فیکٹری")  # Urdu yeh and kaf: a close spelling of the row's name
    assert r.manufacturer_id == "pof"


def test_a_numbered_plant_in_any_case_of_the_word() -> None:
    assert identify("пистолет завода № 2").manufacturer_id == "degtyarev"  # Завод № 2, its alias
    assert identify("гранаты завода номер 17").country == "RU"  # plant 17's (Barnaul) country
    assert identify("изготовлено на заводе N 17").manufacturer_id == identify("Factory 17").manufacturer_id


# -- Arabic and Persian ------------------------------------------------------------------------------------------


def test_clitics_come_off_an_arabic_word() -> None:
    assert bare_arabic("وبالصين") == "الصين"
    assert bare_arabic("للعراق") == "العراق"
    assert bare_arabic("ونورينكو") == "نورينكو"
    assert bare_arabic("بلغاريا") == "لغاريا"  # looks prefixed: only tried where the word as written names nothing
    assert identify("صنع في بلغاريا").country == "BG"


def test_arabic_clitics_and_article_on_names() -> None:
    assert identify("ذخائر وبالصين").country == "CN"
    assert identify("مسدس ونورينكو").manufacturer_id == "norinco"
    assert identify("بنادق الكلاشنكوف").model == "AK-47"


def test_persian_and_arabic_spellings_of_yeh_and_kaf_are_one() -> None:
    index = PhraseIndex()
    index.add("روسیه", "RU")  # Persian yeh
    assert index.get("روسيه") == ("RU",)  # Arabic yeh
    assert identify("ساخت روسيه").country == "RU"
    assert identify("ساخت چين").country == "CN"  # read as IR (Persian script) before
    assert identify("فشنگ ۷٫۶۲ ساخت چين").country == "CN"


# -- Conflicts -------------------------------------------------------------------------------------------------


def test_two_made_in_countries_are_both_reported() -> None:
    r = identify("AK-47 marked MADE IN ROMANIA and MADE IN HUNGARY")
    assert r.country == "RO"
    assert any("HU" in c and "RO" in c for c in r.conflicts)
    assert any(a.field == "country" and a.value == "HU" for a in r.alternatives)


def test_one_origin_is_no_conflict() -> None:
    assert identify("CUGIR MADE IN ROMANIA").conflicts == []
    assert identify("NORINCO MADE IN CHINA / CENTURY ARMS GEORGIA VT / 56S 1234567").conflicts == []
    assert identify("СДЕЛАНО В СССР / MADE IN RUSSIA").conflicts == []  # one state then


def test_a_conflict_already_stated_is_not_repeated() -> None:
    r = identify("GLOCK 17 MADE IN PAKISTAN")
    assert len(r.conflicts) == 1
