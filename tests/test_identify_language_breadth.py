"""Country of manufacture and kind in the languages of the breadth pass: the Indic scripts (Marathi, Odia, Tamil,
Telugu, Malayalam, Gujarati, Punjabi, Nepali, Sinhala), the unspaced scripts (Thai, Burmese), Georgian, Armenian,
Hebrew, Greek, Belarusian, Kazakh, Uzbek, the Baltic languages; and a place of recovery in those languages that
must not become the country of manufacture."""

from __future__ import annotations

import csv

import pytest

from armstrace.identify import identify
from armstrace.identify.text import normalise
from armstrace.identify.words import COUNTRY_WORDS, DEMONYMS
from armstrace.identify.words.locatives import belarusian_locative, name_forms, place_forms
from armstrace.reference import reference_dir


@pytest.mark.parametrize(
    "word",
    ["पिस्तूल", "ପିସ୍ତଲ", "தயாரிக்கப்பட்ட", "తుపాకీ", "നിർമ്മിച്ച", "પિસ્તોલ", "ਪਿਸਤੌਲ", "නිෂ්පාදිත", "ჩინეთში", "ատրճանակ", "אקדח"],
)
def test_words_of_the_added_scripts_stay_one_token(word: str) -> None:
    assert len(normalise(word).split()) == 1


def test_every_added_locale_has_its_whole_list_of_names() -> None:
    with (reference_dir() / "country_names.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    by_language: dict[str, set[str]] = {}
    for row in rows:
        by_language.setdefault(row["language"], set()).add(row["country"])
    for lang in ("mr", "or", "ta", "te", "ml", "gu", "pa", "ne", "si", "my", "th", "ka", "hy", "he", "el", "be", "lt"):
        assert {"CN", "RU", "US", "IR"} <= by_language[lang], lang
    # Marathi shares Hindi's चीन: the name is written for Marathi too, so its case forms can be built on it
    assert any(r["language"] == "mr" and r["name"] == "चीन" for r in rows)
    scripts = {r["language"]: r["script"] for r in rows if r["country"] == "CN"}
    assert (scripts["ka"], scripts["el"], scripts["he"], scripts["th"], scripts["ta"]) == (
        "Geor",
        "Grek",
        "Hebr",
        "Thai",
        "Taml",
    )


def test_case_forms_are_built_by_each_languages_ending() -> None:
    assert place_forms("ka", "ჩინეთი") == ("ჩინეთში",)
    assert place_forms("mr", "चीन") == ("चीनमध्ये",)
    assert place_forms("ta", "ஈரான்") == ("ஈரானில்",)
    assert place_forms("ta", "சீனா") == ("சீனாவில்",)
    assert place_forms("ml", "ഇറാൻ") == ("ഇറാനിൽ",)
    assert place_forms("kk", "Қытай") == ("Қытайда",)
    assert place_forms("lt", "Kinija") == ("Kinijoje",)
    assert place_forms("ka", "სამხრეთ კორეა") == ()  # names of several words are left as they are
    assert name_forms("el", "Κίνα") == ("Κίνας",)
    assert name_forms("lt", "Kinija") == ("Kinijos",)
    assert belarusian_locative("Кітай") == "КІТАІ"
    assert belarusian_locative("Расія") == "РАСІІ"


def test_names_that_are_other_words_are_left_out() -> None:
    for word in ("POLE", "SINA", "ไทย", "פרו", "ДАНИ"):
        assert word not in COUNTRY_WORDS


@pytest.mark.parametrize(
    ("text", "country", "kind"),
    [
        ("चीनमध्ये बनवलेले पिस्तूल", "CN", "firearm"),  # Marathi: made in China, pistol
        ("ଚୀନ୍‌ରେ ତିଆରି ପିସ୍ତଲ", "CN", "firearm"),  # Odia
        ("சீனாவில் தயாரிக்கப்பட்ட துப்பாக்கி", "CN", "firearm"),  # Tamil
        ("చైనాలో తయారైన తుపాకీ", "CN", "firearm"),  # Telugu
        ("ചൈനയിൽ നിർമ്മിച്ച തോക്ക്", "CN", "firearm"),  # Malayalam
        ("ચીનમાં બનાવેલ પિસ્તોલ", "CN", "firearm"),  # Gujarati
        ("ਚੀਨ ਵਿੱਚ ਬਣੀ ਪਿਸਤੌਲ", "CN", "firearm"),  # Punjabi
        ("चीनमा बनेको पेस्तोल", "CN", "firearm"),  # Nepali
        ("චීනයේ නිෂ්පාදිත පිස්තෝලය", "CN", "firearm"),  # Sinhala
        ("ปืนพกผลิตในประเทศจีน", "CN", "firearm"),  # Thai, unspaced
        ("ရုရှားနိုင်ငံတွင် ထုတ်လုပ်သော သေနတ်", "RU", "firearm"),  # Burmese
        ("ჩინეთში დამზადებული პისტოლეტი", "CN", "firearm"),  # Georgian
        ("Չինաստանում արտադրված ատրճանակ", "CN", "firearm"),  # Armenian
        ("אקדח תוצרת סין", "CN", "firearm"),  # Hebrew
        ("πιστόλι κατασκευασμένο στην Κίνα", "CN", "firearm"),  # Greek
        ("νάρκη κατασκευασμένη στην Ιταλία", "IT", "ordnance"),  # Greek: a mine
        ("τουφέκι ρωσικής κατασκευής", "RU", "firearm"),  # Greek: of Russian make
        ("пісталет зроблены ў Кітаі", "CN", "firearm"),  # Belarusian
        ("кітайскай вытворчасці пісталет", "CN", "firearm"),  # Belarusian: of Chinese production
        ("Қытайда жасалған тапанша", "CN", "firearm"),  # Kazakh
        ("Kinijoje pagamintas pistoletas", "CN", "firearm"),  # Lithuanian
        ("Kinijos gamybos šautuvas", "CN", "firearm"),  # Lithuanian: of China's production
        ("ჩინური ავტომატი", "CN", "firearm"),  # Georgian: Chinese assault rifle
    ],
)
def test_made_in_a_country_and_a_kind_in_the_added_languages(text: str, country: str, kind: str) -> None:
    result = identify(text)
    assert (result.country, result.kind) == (country, kind)


@pytest.mark.parametrize(
    "text",
    [
        "चीनमध्ये सापडलेले पिस्तूल",  # Marathi: a pistol found in China
        "ჩინეთში ნაპოვნი პისტოლეტი",  # Georgian: found in China
        "Қытайда табылған тапанша",  # Kazakh: found in China
        "Kinijoje rastas pistoletas",  # Lithuanian: found in China
        "נמצא בסין אקדח",  # Hebrew: found in China
    ],
)
def test_a_place_of_recovery_in_the_added_languages_is_not_where_the_item_was_made(text: str) -> None:
    assert identify(text).country != "CN"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("ΧΕΙΡΟΒΟΜΒΙΔΑ", "ordnance"),
        ("βλήμα όλμου", "ordnance"),
        ("КУЛЯМЁТ", "firearm"),
        ("ტყვიამფრქვევი", "firearm"),
        ("കുഴിബോംബ്", "ordnance"),
        ("SPROGMENYS", "explosive"),
        ("ΕΚΡΗΚΤΙΚΑ", "explosive"),
    ],
)
def test_kind_words_of_the_added_languages(text: str, kind: str) -> None:
    assert identify(text).kind == kind


def test_adjectives_of_origin_of_the_added_languages_are_demonyms() -> None:
    assert DEMONYMS["ΚΙΝΕΖΙΚΗΣ"] == "CN"
    assert DEMONYMS["КІТАЙСКАЙ"] == "CN"
    assert DEMONYMS["ჩინური".upper()] == "CN"
