"""Country names in the cases of the Dravidian languages' press that write the case onto the name: Tamil genitive
`சீனாவின்` (China's) and ablative `ரஷ்யாவிலிருந்து` (from Russia), Telugu dative-genitive `చైనాకు` (`చైనాకు చెందిన`,
belonging to China) and ablative `చైనానుంచి`, Kannada genitive `ಪಾಕಿಸ್ತಾನದ`, locative `ಚೀನಾದಲ್ಲಿ` and ablative
`ರಷ್ಯಾದಿಂದ`, Malayalam ablative `ചൈനയിൽനിന്ന്` (and `ചൈനയിൽ നിന്ന്` in two words).

A genitive or "from" form names the country as its bare name does (a gun of China's, brought from Russia); a
locative ("in") is a place unless a word of making goes with it, as the other languages' locatives are
(`locatives`, `indic_cases`). The Tamil, Telugu and Malayalam names are CLDR's (`reference/country_names.csv`) and
`indic_cases.USUAL_NAMES`; CLDR's table here has no Kannada, whose names are in KANNADA_NAMES.
Grammar: Tamil https://learntamil.in/pages/grammar/cases.html (genitive -இன், ablative -இலிருந்து, locative -இல்;
a final -ம் gives -த்த்- before a case, https://www.learntamil.com/part2/ch05/thamil-cases/), Telugu
https://prlearninglab-learntelugu.blogspot.com/2022/03/about-prepositions-postpositions-in.html (-కి, -కు),
https://vemurione.blogspot.com/2020/04/26-telugu-grammar-post-positions.html (a one-syllable case is written onto the
word, a longer one apart), Kannada https://kannadakalike.org/grammar/cases (ಮರದಲ್ಲಿ, ಮರದಿಂದ, ಕವಿಯಲ್ಲಿ, ಕವಿಯಿಂದ,
ಊರಿನಿಂದ) and https://yogish.com/blog/tulu/tulu-lessons/cases-in-tulu-and-kannada (genitive ಮರದ).
"""

from __future__ import annotations

from collections.abc import Callable

from .indic_cases import case_forms

__all__ = ["KANNADA_MADE_STEMS", "KANNADA_NAMES", "LANGUAGES", "demonym_forms", "name_forms", "place_forms"]

# (name, country): the Kannada names of the arms-making states, as the Kannada locale of a CLDR-derived table gives
# them (https://github.com/KarpelesLab/countrydb, countrynames/lng-kn.go: ಚೈನಾ, ಪಾಕಿಸ್ತಾನ್, ಭಾರತ, ಇಸ್ರೇಲ್, ಇಟಲಿ,
# ಜರ್ಮನಿ, ಬೆಲ್ಜಿಯಂ, ಬಲ್ಗೇರಿಯಾ, ಜಪಾನ್, ಫ್ರಾನ್ಸ್, ಇರಾಕ್, ಸರ್ಬಿಯಾ, ಆಸ್ಟ್ರಿಯ, ಸ್ಪೇನ್) and the press's usual forms beside them
# (ಚೀನಾ, ಪಾಕಿಸ್ತಾನ, ರಷ್ಯಾ, ಅಮೆರಿಕ, ಇರಾನ್, ಟರ್ಕಿ, ಉಕ್ರೇನ್, ಆಸ್ಟ್ರಿಯಾ: citation to be checked).
KANNADA_NAMES: tuple[tuple[str, str], ...] = (
    ("ಚೈನಾ", "CN"),
    ("ಚೀನಾ", "CN"),
    ("ಪಾಕಿಸ್ತಾನ್", "PK"),
    ("ಪಾಕಿಸ್ತಾನ", "PK"),
    ("ಭಾರತ", "IN"),
    ("ರಷ್ಯಾ", "RU"),
    ("ಅಮೆರಿಕ", "US"),
    ("ಅಮೇರಿಕಾ", "US"),
    ("ಇಸ್ರೇಲ್", "IL"),
    ("ಇರಾನ್", "IR"),
    ("ಇರಾಕ್", "IQ"),
    ("ಇಟಲಿ", "IT"),
    ("ಜರ್ಮನಿ", "DE"),
    ("ಬೆಲ್ಜಿಯಂ", "BE"),
    ("ಬಲ್ಗೇರಿಯಾ", "BG"),
    ("ಸರ್ಬಿಯಾ", "RS"),
    ("ಜಪಾನ್", "JP"),
    ("ಫ್ರಾನ್ಸ್", "FR"),
    ("ಸ್ಪೇನ್", "ES"),
    ("ಆಸ್ಟ್ರಿಯ", "AT"),
    ("ಆಸ್ಟ್ರಿಯಾ", "AT"),
    ("ಟರ್ಕಿ", "TR"),
    ("ಉಕ್ರೇನ್", "UA"),
)

# The Kannada stems of making that turn a locative into where the item was made (`ಚೀನಾದಲ್ಲಿ ತಯಾರಾದ`, made in China):
# ತಯಾರ- (ತಯಾರಾದ, ತಯಾರಿಸಿದ; ತಯಾರಕ, maker) and ಉತ್ಪಾದ- (ಉತ್ಪಾದನೆ, manufacture), as
# https://www.coatedsteelcoil.com/kn/Which-is-correct-manufacture-or-manufacturer-id49299326.html writes them, and the
# Sanskrit ನಿರ್ಮಿತ (made), the Kannada spelling of the Indic निर्मित that `manufacture` already reads.
KANNADA_MADE_STEMS: tuple[str, ...] = ("ತಯಾರ", "ಉತ್ಪಾದ", "ನಿರ್ಮಿತ")

_TA_VIRAMA = "\u0bcd"
_TA_FRONT = ("ி", "ீ", "ெ", "ே", "ை")


def _tamil_stems(name: str) -> tuple[str, ...]:
    """The stem a Tamil case is written on, up to the case's vowel: பாகிஸ்தான் → பாகிஸ்தான (+ இன் = பாகிஸ்தானின்),
    சீனா → சீனாவ (+ இன் = சீனாவின்), இத்தாலி → இத்தாலிய, பெல்ஜியம் → பெல்ஜியத்த."""
    if name.endswith("ம" + _TA_VIRAMA):
        return (name[:-2] + "த்த",)
    if name.endswith(_TA_VIRAMA):
        return (name[:-1],)
    if name.endswith(_TA_FRONT):
        return (name + "ய",)
    return (name + "வ",)


def _tamil_names(name: str) -> tuple[str, ...]:
    """Genitive -இன் and ablative -இலிருந்து (one word, or the locative and இருந்து apart)."""
    out: list[str] = []
    for stem in _tamil_stems(name):
        out += [stem + "ின்", stem + "ிலிருந்து", stem + "ில் இருந்து", stem + "ினுடைய"]
    return tuple(out)


def _tamil_places(name: str) -> tuple[str, ...]:
    """The locative of a name in -ம் (பெல்ஜியத்தில்), which `locatives` does not build."""
    return (name[:-2] + "த்தில்",) if name.endswith("ம" + _TA_VIRAMA) else ()


_TE_VIRAMA = "\u0c4d"


def _telugu_names(name: str) -> tuple[str, ...]:
    """Dative-genitive -కు/-కి (`చైనాకు చెందిన`, of China) and ablative -నుంచి/-నుండి written onto the name; a
    final consonant takes -ు before them (పాకిస్తాన్ → పాకిస్తానుకు) or keeps its virama."""
    if name.endswith("ం"):
        return ()  # భారతదేశం: its oblique (భారతదేశానికి) is no suffix on the name
    stems = (name[:-1] + "ు", name) if name.endswith(_TE_VIRAMA) else (name,)
    return tuple(s + e for s in stems for e in ("కు", "కి", "నుంచి", "నుండి"))


_KN_VIRAMA = "\u0ccd"
_KN_FRONT = ("ಿ", "ೀ", "ೆ", "ೇ", "ೈ")


def _kannada_stems(name: str) -> tuple[str, ...]:
    """The stem a Kannada case is written on: ಚೀನಾ → ಚೀನಾದ-, ಭಾರತ → ಭಾರತದ-, ಇಟಲಿ → ಇಟಲಿಯ-, ಇಸ್ರೇಲ್ → ಇಸ್ರೇಲಿನ-
    (the genitive itself), ಬೆಲ್ಜಿಯಂ → ಬೆಲ್ಜಿಯಂನ-."""
    if name.endswith(_KN_VIRAMA):
        return (name[:-1] + "ಿನ",)
    if name.endswith("ಂ"):
        return (name + "ನ",)
    if name.endswith(_KN_FRONT):
        return (name + "ಯ",)
    return (name + "ದ",)


def _kannada_names(name: str) -> tuple[str, ...]:
    """Genitive (ಪಾಕಿಸ್ತಾನದ) and ablative (ರಷ್ಯಾದಿಂದ, ಇಸ್ರೇಲಿನಿಂದ): the ablative replaces the genitive's final -a."""
    return tuple(g for s in _kannada_stems(name) for g in (s, s + "ಿಂದ"))


def _kannada_places(name: str) -> tuple[str, ...]:
    """Locative -ಅಲ್ಲಿ on the genitive's stem: ಚೀನಾದಲ್ಲಿ, ಇಟಲಿಯಲ್ಲಿ, ಇಸ್ರೇಲಿನಲ್ಲಿ."""
    return tuple(s + "ಲ್ಲಿ" for s in _kannada_stems(name))


_ML_CHILLU = {"ൻ": "നി", "ൽ": "ലി", "ർ": "റി", "ൾ": "ളി", "ൺ": "ണി"}


def _malayalam_names(name: str) -> tuple[str, ...]:
    """Ablative: the locative with നിന്ന് ("from"), written onto it or apart (ചൈനയിൽനിന്ന്, ചൈനയിൽ നിന്ന്)."""
    if name[-1] in _ML_CHILLU:
        loc = name[:-1] + _ML_CHILLU[name[-1]] + "ൽ"
    elif name.endswith("\u0d4d"):
        loc = name[:-1] + "ിൽ"
    else:
        loc = name + "യിൽ"
    return (loc + "നിന്ന്", loc + " നിന്ന്", loc + "നിന്നും", loc + " നിന്നും")


# The adjectives of origin built on a name ending in a consonant: the -ī of Persian and Hindi nisbas the four
# languages share (Malayalam പാക്കിസ്ഥാനി, Telugu పాకిస్తానీ, Kannada ಪಾಕಿಸ್ತಾನಿ, Pakistani) and the Tamil -இய
# (பாகிஸ்தானிய, ஈரானிய; on a name in -ā the bare stem: சீனா → சீன, ரஷ்யா → ரஷ்ய), as the press writes them
# (citation to be checked). Weak evidence, as every demonym.
_ML_CHILLU_BASE = {"ൻ": "ന", "ൽ": "ല", "ർ": "റ", "ൾ": "ള", "ൺ": "ണ"}


def _malayalam_adjective(name: str) -> tuple[str, ...]:
    if name[-1] in _ML_CHILLU_BASE:
        return (name[:-1] + _ML_CHILLU_BASE[name[-1]] + "ി",)
    return (name[:-1] + "ി",) if name.endswith("\u0d4d") else ()


def _telugu_adjective(name: str) -> tuple[str, ...]:
    return (name[:-1] + "ీ", name[:-1] + "ి") if name.endswith(_TE_VIRAMA) else ()


def _kannada_adjective(name: str) -> tuple[str, ...]:
    if name.endswith(_KN_VIRAMA):
        return (name[:-1] + "ಿ",)
    return (name + "ಿ",) if "\u0c95" <= name[-1] <= "\u0cb9" else ()  # a final consonant with its inherent -a


def _tamil_adjective(name: str) -> tuple[str, ...]:
    if name.endswith("ம" + _TA_VIRAMA):
        return ()
    if name.endswith(_TA_VIRAMA):
        return (name[:-1] + "ிய", name[:-1] + "ி")
    if name.endswith("ா"):
        return (name[:-1],) if len(name) > 3 else ()
    return (name + "ய",) if name.endswith(("ி", "ீ")) else ()


_DEMONYM_RULES: dict[str, Callable[[str], tuple[str, ...]]] = {
    "ta": _tamil_adjective,
    "te": _telugu_adjective,
    "kn": _kannada_adjective,
    "ml": _malayalam_adjective,
}

_NAME_RULES: dict[str, Callable[[str], tuple[str, ...]]] = {
    "ta": _tamil_names,
    "te": _telugu_names,
    "kn": _kannada_names,
    "ml": _malayalam_names,
}
_PLACE_RULES: dict[str, Callable[[str], tuple[str, ...]]] = {"ta": _tamil_places, "kn": _kannada_places}

#: the languages whose cases are built here
LANGUAGES = frozenset(_NAME_RULES)


def name_forms(lang: str, name: str) -> tuple[str, ...]:
    """The genitives and ablatives of a one-word name in `lang`: they name the country as the name does."""
    return case_forms(_NAME_RULES, lang, name)


def place_forms(lang: str, name: str) -> tuple[str, ...]:
    """The locatives ("in" the country) of a one-word name in `lang` that `locatives` does not build."""
    return case_forms(_PLACE_RULES, lang, name)


def demonym_forms(lang: str, name: str) -> tuple[str, ...]:
    """The adjectives of origin of a one-word name in `lang` (weak, as every demonym)."""
    return case_forms(_DEMONYM_RULES, lang, name)
