"""Country names in the cases of the Indian subcontinent's news languages that write the case onto the name: Bengali
genitive `চীনের` (China's) and locative `চীনে` (in China), Marathi genitive `अमेरिकेच्या` and locative `अमेरिकेत`,
Malayalam genitive `പാക്കിസ്ഥാന്റെ`, Odia genitive `ଭାରତର`, and the adjectives of origin Bengali and Odia build with
-ীয় / -ୀୟ (`ভারতীয়`, Indian; `ଆମେରିକୀୟ`, American).

Reports in these languages say where a weapon was made with the genitive before a word of making (`চীনের তৈরি`, made
by China; `भारताच्या बनावटीची`) and where it was found with the locative, so the genitives name the country as its bare
name does and the locatives are places unless a word of making goes with them (`origins`). Built on the CLDR names
(`reference/country_names.csv`) and on the usual names those leave out: CLDR gives the United States by its official
name only (`মার্কিন যুক্তরাষ্ট্র`), while reports say America (`আমেরিকা`, `അമേരിക്ക`), and its 2022 rename of
Turkey (`తుర్కియె`) is not yet the reports' `టర్కీ`. Marathi adds -च for emphasis (`अमेरिकेतच`, only in America).
Grammar: https://en.wiktionary.org/wiki/-%E0%A6%8F%E0%A6%B0 (Bengali -এর),
https://en.wiktionary.org/wiki/Appendix:Marathi_nouns (Marathi oblique, -चा / -च्या, -त),
https://en.wiktionary.org/wiki/-%E0%B4%A8%E0%B5%8D%E0%B4%B1%E0%B5%86 (Malayalam -ന്റെ),
https://en.wiktionary.org/wiki/-%E0%A6%87%E0%A6%AF%E0%A6%BC (Bengali -ীয়).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

__all__ = ["LANGUAGES", "USUAL_NAMES", "case_forms", "demonym_forms", "name_forms", "place_forms"]

# (language, name, country): the usual names of the arms-making states that the CLDR names leave out, as each
# language's Wikipedia and press write them (America: https://bn.wikipedia.org/wiki/আমেরিকা,
# https://ml.wikipedia.org/wiki/അമേരിക്കൻ_ഐക്യനാടുകൾ, https://te.wikipedia.org/wiki/అమెరికా_సంయుక్త_రాష్ట్రాలు,
# https://mr.wikipedia.org/wiki/अमेरिकेची_संयुक्त_संस्थाने, https://or.wikipedia.org/wiki/ଆମେରିକା_ଯୁକ୍ତରାଷ୍ଟ୍ର;
# Turkey: https://te.wikipedia.org/wiki/టర్కీ, https://ml.wikipedia.org/wiki/തുർക്കി, https://mr.wikipedia.org/wiki/तुर्कस्तान),
# the Malayalam press's spellings of Pakistan beside CLDR's പാക്കിസ്ഥാൻ (https://toknews.com/news_details/2262,
# https://asianmetronews.com/2020/12/21/security-forces-seize-pak-made-grenades-in-jammu-and-kashmir) and of China
# beside ചൈന (https://wideo.ovh/video/x761tk8/),
# and the English loan China of Hindi and Bengali `मेड इन चाइना` / `মেড ইন চায়না`
# (https://satyahindi.com/opinion/delhi-high-court-says-cm-promises-are-enforceable-in-court-120461.html).
USUAL_NAMES: tuple[tuple[str, str, str], ...] = (
    ("bn", "আমেরিকা", "US"),
    ("mr", "अमेरिका", "US"),
    ("ml", "അമേരിക്ക", "US"),
    ("te", "అమెరికా", "US"),
    ("or", "ଆମେରିକା", "US"),
    ("gu", "અમેરિકા", "US"),
    ("te", "టర్కీ", "TR"),
    ("ml", "തുർക്കി", "TR"),
    ("ml", "പാകിസ്താൻ", "PK"),
    ("ml", "പാകിസ്ഥാൻ", "PK"),
    ("ml", "ചൈനാ", "CN"),
    ("mr", "तुर्कस्तान", "TR"),
    ("mr", "तुर्की", "TR"),
    ("hi", "चाइना", "CN"),
    ("mr", "चाइना", "CN"),
    ("bn", "চায়না", "CN"),
)

_BN_VOWEL_SIGNS = "\u09be\u09bf\u09c0\u09c1\u09c2\u09c3\u09c7\u09c8\u09cb\u09cc"
_BN_VOWELS = "\u0985\u0986\u0987\u0988\u0989\u098a\u098f\u0990\u0993\u0994"


def _bn_vowel_final(name: str) -> bool:
    return name[-1] in _BN_VOWEL_SIGNS or name[-1] in _BN_VOWELS


def _bengali_genitive(name: str) -> tuple[str, ...]:
    """চীন → চীনের, রাশিয়া → রাশিয়ার, ইতালি → ইতালির."""
    return (name + "র",) if _bn_vowel_final(name) else (name + "ের",)


def _bengali_locative(name: str) -> tuple[str, ...]:
    """চীন → চীনে, রাশিয়া → রাশিয়ায়, ইতালি → ইতালিতে."""
    return (name + "য়", name + "তে") if _bn_vowel_final(name) else (name + "ে",)


def _iya_adjective(vowel_a: str, suffix: str) -> Callable[[str], tuple[str, ...]]:
    """The Sanskrit adjective of origin -īya: ভারত → ভারতীয়, ଆମେରିକା → ଆମେରିକୀୟ (a final -ā gives way to it where
    `vowel_a` is given; Bengali says আমেরিকান, and its আমেরিকীয় would read as the locative আমেরিকায়)."""

    def rule(name: str) -> tuple[str, ...]:
        base = name[:-1] if vowel_a and name.endswith(vowel_a) else name
        return (base + suffix,) if base[-1:].isalpha() and not base.endswith(("\u09cd", "\u0b4d")) else ()

    return rule


_MR_A = "\u093e"  # ा


def _marathi_obliques(name: str) -> tuple[str, ...]:
    """The stems the Marathi cases are written on: a final -ā is -e in the oblique (अमेरिका → अमेरिके), though
    the press writes it unchanged too (रशियाच्या); a final consonant may take -ā (भारत → भारता)."""
    if name.endswith(_MR_A):
        return (name[:-1] + "\u0947", name)
    if name[-1] in "\u093f\u0940\u0941\u0942\u0947\u0948\u094b\u094c":
        return (name,)
    return (name, name + _MR_A)


def _marathi_genitive(name: str) -> tuple[str, ...]:
    """अमेरिका → अमेरिकेचा, अमेरिकेची, अमेरिकेचे, अमेरिकेच्या; भारत → भारताच्या, भारतच्या."""
    return tuple(o + e for o in _marathi_obliques(name) for e in ("चा", "ची", "चे", "च्या"))


def _marathi_locative(name: str) -> tuple[str, ...]:
    """अमेरिका → अमेरिकेत (and emphatic अमेरिकेतच); भारत → भारतात; only on a stem ending in a vowel."""
    forms = [o + "त" for o in _marathi_obliques(name) if o[-1] in "\u093e\u0947\u093f\u0940"]
    return tuple(f + c for f in forms for c in ("", "च"))


_ML_CHILLU_GENITIVE = {"ൻ": "ന്റെ", "ൽ": "ലിന്റെ", "ർ": "റിന്റെ", "ൾ": "ളിന്റെ", "ൺ": "ണിന്റെ"}


def _malayalam_genitive(name: str) -> tuple[str, ...]:
    """പാക്കിസ്ഥാൻ → പാക്കിസ്ഥാന്റെ, ബംഗ്ലാദേശ് → ബംഗ്ലാദേശിന്റെ, ചൈന → ചൈനയുടെ, ഇറ്റലി → ഇറ്റലിയുടെ."""
    if name[-1] in _ML_CHILLU_GENITIVE:
        return (name[:-1] + _ML_CHILLU_GENITIVE[name[-1]],)
    if name.endswith("\u0d4d"):
        return (name[:-1] + "ിന്റെ",)
    return (name + "യുടെ",)


def _odia_genitive(name: str) -> tuple[str, ...]:
    """ଭାରତ → ଭାରତର, ଚୀନ୍ → ଚୀନର, ଆମେରିକା → ଆମେରିକାର."""
    return (name.rstrip("\u200c").removesuffix("\u0b4d") + "ର",)


_NAME_RULES: dict[str, Callable[[str], tuple[str, ...]]] = {
    "bn": _bengali_genitive,
    "mr": _marathi_genitive,
    "ml": _malayalam_genitive,
    "or": _odia_genitive,
}
_PLACE_RULES: dict[str, Callable[[str], tuple[str, ...]]] = {"bn": _bengali_locative, "mr": _marathi_locative}
_DEMONYM_RULES: dict[str, Callable[[str], tuple[str, ...]]] = {
    "bn": _iya_adjective("", "ীয়"),
    "or": _iya_adjective("\u0b3e", "ୀୟ"),
}


#: the languages whose cases are built here
LANGUAGES = frozenset(_NAME_RULES) | frozenset(_PLACE_RULES) | frozenset(_DEMONYM_RULES)


def case_forms(rules: Mapping[str, Callable[[str], tuple[str, ...]]], lang: str, name: str) -> tuple[str, ...]:
    """The forms ``rules`` builds for a one-word name in `lang` (a name of several words keeps its case apart)."""
    rule = rules.get(lang)
    return rule(name) if rule and " " not in name and "-" not in name and len(name) >= 3 else ()


def name_forms(lang: str, name: str) -> tuple[str, ...]:
    """The genitives of a one-word name in `lang`: they name the country as the name does."""
    return case_forms(_NAME_RULES, lang, name)


def place_forms(lang: str, name: str) -> tuple[str, ...]:
    """The locatives ("in" the country) of a one-word name in `lang`."""
    return case_forms(_PLACE_RULES, lang, name)


def demonym_forms(lang: str, name: str) -> tuple[str, ...]:
    """The adjectives of origin of a one-word name in `lang` (weak, as every demonym)."""
    return case_forms(_DEMONYM_RULES, lang, name)
