"""Makers' and designs' names in other scripts, read in short report sentences of the kind South Asian, Russian and
Korean police and news reports write; and the rules that read them (hangul weight, Bengali and Gujarati endings)."""

from __future__ import annotations

import pytest

from armstrace.identify import identify
from armstrace.identify.scan import phrase_weight
from armstrace.identify.transliterations import inflected

MAKERS = [
    ("경찰은 글록 권총을 압수했다", "glock"),  # Korean: two hangul syllables
    ("경찰은 콜트 리볼버를 압수했다", "colt"),
    ("경찰은 베레타를 압수했다", "beretta"),
    ("Полиция изъяла револьвер Кольт", "colt"),
    ("पुलिस ने ग्लाक पिस्टल बरामद की", "glock"),
    ("पुलिस ने ग्लॉक पिस्तौल बरामद की", "glock"),
    ("ऑर्डिनेंस फैक्ट्री बोर्ड की बनी राइफल बरामद", "ofb"),  # Hindi transliterations of the Board's name
    ("ऑर्डनेंस फैक्ट्री बोर्ड की बनी राइफल बरामद", "ofb"),
    ("आयुध निर्माणी बोर्ड की बनी राइफल बरामद", "ofb"),
    ("ओएफबी की बनी राइफल बरामद", "ofb"),
]
MODELS = [
    ("পুলিশ একটি একে-৪৭ রাইফেল উদ্ধার করেছে", "AK-47"),
    ("পুলিশ একে-৪৭এর দুটি ম্যাগাজিন উদ্ধার করেছে", "AK-47"),  # the genitive written onto the number
    ("পুলিশ একে-৪৭-এর গুলি উদ্ধার করেছে", "AK-47"),
    ("പോലീസ് ഇൻസാസ് റൈഫിൾ പിടിച്ചെടുത്തു", "INSAS"),
    ("പോലീസ് ഇന്സാസ് തോക്ക് കണ്ടെത്തി", "INSAS"),
    ("പോലീസ് എ കെ 47 തോക്ക് പിടിച്ചെടുത്തു", "AK-47"),
    ("ਪੁਲਿਸ ਨੇ ਇੰਸਾਸ ਰਾਈਫਲ ਬਰਾਮਦ ਕੀਤੀ", "INSAS"),
    ("पुलिस ने इनसास राइफल बरामद की", "INSAS"),
]


@pytest.mark.parametrize(("text", "maker"), MAKERS)
def test_maker_in_other_script(text: str, maker: str) -> None:
    assert identify(text).manufacturer_id == maker


@pytest.mark.parametrize(("text", "model"), MODELS)
def test_design_in_other_script(text: str, model: str) -> None:
    assert identify(text).model == model


def test_bengali_pronoun_is_no_design() -> None:
    # একে is also "this one" (objective): only the number makes it the AK-47
    assert identify("আমি একে চিনি না").model is None


def test_hangul_syllable_counts_as_two_letters() -> None:
    assert phrase_weight("글록") >= 0.75 > phrase_weight("HK")
    assert phrase_weight("베레타") > phrase_weight("글록")


def test_bengali_endings_follow_the_last_letter() -> None:
    assert "একে-৪৭এর" in inflected("একে-৪৭")  # after a digit, in full
    assert "বেরেটার" in inflected("বেরেটা")  # after a vowel sign, the bare র
    assert "কালাশনিকভের" in inflected("কালাশনিকভ")  # after a consonant, ের
    assert all(form.endswith(("র", "কে")) for form in inflected("গ্লক"))


def test_gujarati_endings_and_other_scripts() -> None:
    assert "ગ્લોકનું" in inflected("ગ્લોક")
    assert inflected("グロック") == ()
    assert inflected("Кольт") == ()
