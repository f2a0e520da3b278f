"""General rules of the seventh pass on issue 14: the words for weapon types in the languages and scripts recovered
items are described in (Arabic, Persian, Urdu, Hindi, Korean, Japanese, Chinese, Turkish, Indonesian, Hungarian,
Swedish, Finnish, Polish, Czech, Romanian, Slavic Cyrillic, Romance and German, Amharic) give the kind, and the
words of a language spoken in one country a weak hint of that country.

Each case is written for its rule (no case of any test set) and failed before the rule or words existed, except the
guards marked as such. `tests/data/markings_dev_languages.yaml` holds the development cases, each with its source.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from armstrace.identify import identify
from armstrace.identify.evaluation import evaluate, load_cases
from armstrace.identify.script_origin import language_country, language_words
from armstrace.identify.text import normalise

DEV = Path(__file__).parent / "data" / "markings_dev_languages.yaml"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("gépkarabély 7,62 mm", "firearm"),  # Hungarian assault rifle
        ("kulsprutepistol 9 mm", "firearm"),  # Swedish submachine gun
        ("konepistooli 9 mm", "firearm"),  # Finnish submachine gun
        ("pistolet maszynowy 9 mm", "firearm"),  # Polish submachine gun
        ("kulomet ráže 7,62", "firearm"),  # Czech machine gun
        ("makineli tüfek 7,62 mm", "firearm"),  # Turkish machine gun
        ("senapan mesin 7,62 mm", "firearm"),  # Indonesian machine gun
        ("पिस्तौल 9 मिमी", "firearm"),  # Hindi pistol
        ("기관단총 9mm", "firearm"),  # Korean submachine gun
        ("자동보총 7.62mm", "firearm"),  # North Korean automatic rifle: the word was listed, yet gave no kind
        ("短機関銃 9mm", "firearm"),  # Japanese submachine gun
        ("左輪手槍 .38", "firearm"),  # Chinese (traditional) revolver
        ("كاربين عيار 7.62", "firearm"),  # Arabic carbine
        ("هفت‌تیر کالیبر ۳۸", "firearm"),  # Persian revolver (with the zero-width non-joiner)
        ("مشین گن 7.62", "firearm"),  # Urdu machine gun
        ("кулемет 7,62 мм", "firearm"),  # Ukrainian machine gun
        ("картечница 7,62 мм", "firearm"),  # Bulgarian machine gun
        ("metralhadora .50", "firearm"),  # Portuguese machine gun
        ("Maschinenpistole 9 mm", "firearm"),  # German submachine gun
        ("መትረየስ 7.62", "firearm"),  # Amharic machine gun
        ("kézigránát", "ordnance"),  # Hungarian hand grenade
        ("granatkastare", "ordnance"),  # Swedish mortar
        ("kranaatinheitin", "ordnance"),  # Finnish mortar
        ("대인지뢰", "ordnance"),  # Korean anti-personnel mine
        ("迫撃砲", "ordnance"),  # Japanese mortar
    ],
)
def test_a_weapon_type_in_another_language_gives_the_kind(text: str, kind: str) -> None:
    assert identify(text).kind == kind


def test_a_gun_named_without_its_type_is_still_a_firearm() -> None:
    assert identify("سلاح ناري عيار 7.62").kind == "firearm"  # Arabic: firearm
    assert identify("lőfegyver 9 mm").kind == "firearm"  # Hungarian: firearm
    assert identify("senjata api rakitan").kind == "firearm"  # Indonesian: (home-made) firearm
    assert identify("총기 5.56").kind == "firearm"  # Korean: firearm


def test_inflected_and_prefixed_forms_are_found() -> None:
    kinds = {k for k, _c, _t in language_words(normalise("kiväärit ja винтовку, والبندقية").split())}
    assert kinds == {"rifle"}  # Finnish plural, Russian accusative, Arabic "and the rifle"
    assert identify("снайперской винтовки 7,62").kind == "firearm"
    assert identify("tabancası 9 mm").kind == "firearm"


def test_a_one_country_language_is_a_weak_country_hint() -> None:
    r = identify("géppisztoly 9 mm")
    assert r.country == "HU"
    ev = next(e for e in r.evidence if e.field == "country")
    assert ev.weight <= 0.3 and "one country" in ev.note
    assert identify("samopal 7,62").country == "CZ"
    assert identify("tüfek 7,62").country == "TR"


def test_guard_a_language_of_several_countries_names_none() -> None:  # guard: passed before (no hint at all)
    assert identify("fusil de asalto 7,62 mm").country is None  # Spanish: many countries
    assert identify("بندقية قنص 7.62").country is None  # Arabic: many countries
    assert identify("SENAPANG 7,62").country is None  # Malay (MY, SG, BN), not Indonesian SENAPAN
    assert language_country(normalise("gépkarabély és automatkarbin").split()) is None  # two countries' words


def test_guard_what_the_marks_say_beats_the_language() -> None:  # guard: passed before
    assert identify("gépkarabély, made in China").country == "CN"
    assert identify("tüfek, made in Russia").country == "RU"


def test_guard_a_shell_gauge_is_not_a_gun() -> None:  # guard: passed before
    assert identify("cartridge case 12 GA, 1985").kind == "ammunition"
    assert identify("12 GA 2 3/4 IN 1985").kind != "firearm"


def test_the_language_development_set_passes() -> None:
    report = evaluate(load_cases(DEV))
    assert not report.misses, report.misses
