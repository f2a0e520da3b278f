"""Country names in the cases of Bengali, Marathi, Malayalam and Odia, the usual names CLDR leaves out (America,
Turkey before its rename, the loan China), Malayalam written before the atomic chillu letters, and the words of
making that go with them; a locative with no word of making stays a place of recovery."""

from __future__ import annotations

import pytest

from armstrace.identify import identify
from armstrace.identify.chillu import old_chillu
from armstrace.identify.text import normalise
from armstrace.identify.words.indic_cases import demonym_forms, name_forms, place_forms


@pytest.mark.parametrize(
    ("lang", "name", "forms"),
    [
        ("bn", "চীন", {"চীনের"}),
        ("bn", "রাশিয়া", {"রাশিয়ার"}),
        ("mr", "अमेरिका", {"अमेरिकेच्या", "अमेरिकेचे"}),
        ("mr", "भारत", {"भारताच्या"}),
        ("ml", "പാക്കിസ്ഥാൻ", {"പാക്കിസ്ഥാന്റെ"}),
        ("ml", "ചൈന", {"ചൈനയുടെ"}),
        ("ml", "ബംഗ്ലാദേശ്", {"ബംഗ്ലാദേശിന്റെ"}),
        ("or", "ଚୀନ୍\u200c", {"ଚୀନର"}),
    ],
)
def test_genitives_are_built_by_each_languages_ending(lang: str, name: str, forms: set[str]) -> None:
    assert forms <= set(name_forms(lang, name))


def test_locatives_and_adjectives() -> None:
    assert set(place_forms("bn", "ইরান")) == {"ইরানে"}
    assert {"রাশিয়ায়", "রাশিয়াতে"} <= set(place_forms("bn", "রাশিয়া"))
    assert {"अमेरिकेत", "अमेरिकेतच"} <= set(place_forms("mr", "अमेरिका"))
    assert demonym_forms("bn", "ইরান") == ("ইরানীয়",)
    assert demonym_forms("or", "ଆମେରିକା") == ("ଆମେରିକୀୟ",)
    assert name_forms("bn", "মার্কিন যুক্তরাষ্ট্র") == ()  # names of several words are not declined


def test_old_chillu_spellings_read_as_the_atomic_letters() -> None:
    assert old_chillu("ഇറാന്\u200d") == "ഇറാൻ"
    assert old_chillu("ഇറാന് ") == "ഇറാൻ "
    assert old_chillu("ന്റെ") == "ന്റെ"  # a conjunct inside a word is no chillu
    assert normalise("ജപ്പാന്\u200d") == normalise("ജപ്പാൻ")


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("পিস্তলটি ইরানের তৈরি বলে জানা গেছে", "IR"),  # Bengali: made by Iran
        ("উদ্ধার করা রাইফেল আমেরিকায় তৈরী", "US"),  # Bengali locative with a word of making
        ("জব্দ করা গ্রেনেডগুলো ভারতীয়", "IN"),  # Bengali adjective of origin
        ("हे पिस्तूल इटलीत बनवलेले आहे", "IT"),  # Marathi locative and participle
        ("जप्त केलेली रायफल अमेरिकेतच बनवली गेली", "US"),  # Marathi emphatic locative, feminine participle
        ("ही बंदूक रशियाच्या बनावटीची आहे", "RU"),  # Marathi genitive before "of make"
        ("പിടിച്ചെടുത്ത തോക്ക് റഷ്യയുടെ നിർമ്മിതിയാണ്", "RU"),  # Malayalam genitive
        ("ജപ്പാന്\u200d നിര്‍മ്മിത തോക്ക്", "JP"),  # Malayalam in the old chillu spelling
        ("ചൈനാ നിർമിത പിസ്റ്റൾ", "CN"),  # the Malayalam press's spelling of China
        ("ఈ తుపాకీ టర్కీలో తయారైంది", "TR"),  # Telugu: Turkey by its usual name, locative with "was made"
        ("ଏହି ବନ୍ଧୁକ ଆମେରିକୀୟ", "US"),  # Odia adjective of origin on the usual name
        ("यह बंदूक चाइना मेड है", "CN"),  # Hindi: the English loans China and made
    ],
)
def test_origin_read_from_the_cases(text: str, country: str) -> None:
    assert identify(text).country == country


def test_a_locative_without_a_word_of_making_is_where_the_item_was_found() -> None:
    # Bengali: an Iranian rifle found in India; Marathi: a pistol seized in America
    assert identify("ভারতে উদ্ধার হওয়া ইরানের তৈরি রাইফেল").country == "IR"
    assert identify("अमेरिकेत जप्त केलेले पिस्तूल").country is None


def test_the_evidence_quotes_the_inflected_word() -> None:
    result = identify("রাইফেলটি চীনের তৈরি")
    quoted = [e.text for e in result.evidence if e.field == "country" and e.value == "CN"]
    assert quoted and "চীনের" in quoted[0]
