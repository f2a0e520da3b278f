"""Country names in the cases of the South Asian, Caucasian, Central Asian, Baltic, Greek and Hebrew texts that name
a country by ending or prefix, not by a separate word: Marathi `चीनमध्ये` (in China), Georgian `ჩინეთში` (in China)
and `ჩინეთის` (China's), Tamil `ஈரானில்`, Kazakh `Қытайда`, Lithuanian `Kinijoje`, Hebrew `בסין`, Greek `της Κίνας`.

Built on the CLDR names of `reference/country_names.csv`, one-word names only, by each language's regular ending:
Marathi -मध्ये, Nepali -मा, Gujarati -માં, Odia -ରେ, Tamil -இல் (-வில், -யில்), Telugu -లో, Malayalam -ിൽ (-യിൽ),
Sinhala -යේ, Georgian -ში and genitive -ის, Armenian -ում and genitive -ի, Azerbaijani -da/-də, Kazakh and Kyrgyz
-да/-де/-та/-те, Uzbek -da, Mongolian -д, Lithuanian -oje/-e/-yje, Estonian -s/-l, Hebrew ב (in) and מ (from)
(https://en.wiktionary.org/wiki/%E0%A4%AE%E0%A4%A7%E0%A5%8D%E0%A4%AF%E0%A5%87,
https://en.wiktionary.org/wiki/-%E1%83%A8%E1%83%98, https://en.wiktionary.org/wiki/-%E1%83%98%E1%83%A1,
https://en.wiktionary.org/wiki/-%D5%B8%D6%82%D5%B4, https://en.wiktionary.org/wiki/-da#Azerbaijani,
https://en.wiktionary.org/wiki/-%D0%B4%D0%B0#Kazakh, https://en.wiktionary.org/wiki/Appendix:Lithuanian_nouns,
https://en.wiktionary.org/wiki/Appendix:Estonian_nominals, https://en.wiktionary.org/wiki/%D7%91%D6%BE,
https://en.wiktionary.org/wiki/%D7%9E%D6%BE). A locative ("in") is where an item was found unless a word of making goes
with it (`manufacture.made_with_case`), as the Turkish and Hungarian locatives are; a genitive or "from" form names
the country as its bare name does. The Belarusian locatives are read only after a made-in phrase of the language
(`зроблена ў Кітаі`), as the Ukrainian and Polish ones are (`countries`).
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["BELARUSIAN_MADE_IN", "belarusian_locative", "name_forms", "place_forms"]

_VIRAMA = "\u094d\u0acd\u0b4d\u0bcd\u0c4d\u0d4d\u0dca"
_BACK = set("aıouAIOU")
_KK_BACK = set("аоұыуяАОҰЫУЯ")
_VOICELESS_CYRL = set("кқпстфхцчшщКҚПСТФХЦЧШЩ")


def _last_vowel(name: str, vowels: str) -> str:
    return next((ch for ch in reversed(name.lower()) if ch in vowels), "")


def _tamil(name: str) -> tuple[str, ...]:
    if name.endswith("\u0bcd"):  # a final consonant: ஈரான் → ஈரானில்
        return (name[:-1] + "ில்",)
    if name.endswith(("ி", "ீ", "ெ", "ே", "ை")):  # front vowels glide with ய: இத்தாலி → இத்தாலியில்
        return (name + "யில்",)
    return (name + "வில்",)  # சீனா → சீனாவில்


def _telugu(name: str) -> tuple[str, ...]:
    return (name[:-1] + "ులో",) if name.endswith("\u0c4d") else (name + "లో",)


_ML_CHILLU = {"ൻ": "നിൽ", "ൽ": "ലിൽ", "ർ": "റിൽ", "ൾ": "ളിൽ", "ൺ": "ണിൽ"}


def _malayalam(name: str) -> tuple[str, ...]:
    if name[-1] in _ML_CHILLU:  # ഇറാൻ → ഇറാനിൽ
        return (name[:-1] + _ML_CHILLU[name[-1]],)
    if name.endswith("\u0d4d"):
        return (name[:-1] + "ിൽ",)
    return (name + "യിൽ",)  # ചൈന → ചൈനയിൽ, റഷ്യ → റഷ്യയിൽ


def _odia(name: str) -> tuple[str, ...]:
    base = name.rstrip("\u200c")
    return (base.removesuffix("\u0b4d") + "ରେ",)  # ଚୀନ୍ → ଚୀନରେ


def _georgian(name: str) -> tuple[str, ...]:
    stem = name[:-1] if name.endswith("ი") else name  # ჩინეთი → ჩინეთში; ამერიკა → ამერიკაში
    return (stem + "ში",)


def _georgian_genitive(name: str) -> tuple[str, ...]:
    stem = name[:-1] if name.endswith(("ი", "ა")) else name  # ჩინეთი → ჩინეთის, ამერიკა → ამერიკის
    return (stem + "ის",)


def _armenian(name: str) -> tuple[str, ...]:
    return (name + "յում",) if name.endswith(("ա", "ո")) else (name + "ում",)  # Չինաստանում, Ամերիկայում


def _armenian_genitive(name: str) -> tuple[str, ...]:
    return (name + "յի",) if name.endswith(("ա", "ո")) else (name + "ի",)


def _azerbaijani(name: str) -> tuple[str, ...]:
    return (name + ("da" if _last_vowel(name, "aıoueəiöü") in _BACK else "də"),)  # İranda, Rusiyada, Türkiyədə


def _kazakh(name: str) -> tuple[str, ...]:
    d = "т" if name[-1] in _VOICELESS_CYRL else "д"
    vowel = "а" if _last_vowel(name, "аоұыуяеәіөүиэю") in _KK_BACK else "е"
    return (name + d + vowel,)  # Қытайда, Ресейде


def _kyrgyz(name: str) -> tuple[str, ...]:
    d = "т" if name[-1] in _VOICELESS_CYRL else "д"
    v = _last_vowel(name, "аыоуеиөүя")
    return (name + d + {"о": "о", "у": "о", "ө": "ө", "ү": "ө", "е": "е", "и": "е"}.get(v, "а"),)


def _mongolian(name: str) -> tuple[str, ...]:
    if name[-1].lower() in "аэоөуүиы":
        return (name + "д",)
    v = _last_vowel(name, "аэоөуүи")
    return (name + {"о": "од", "ө": "өд", "э": "эд", "ү": "эд", "и": "эд"}.get(v, "ад"),)  # Хятадад, Оросод


def _lithuanian(name: str) -> tuple[str, ...]:
    if name.endswith("a"):
        return (name[:-1] + "oje",)  # Kinija → Kinijoje
    if name.endswith("as"):
        return (name[:-2] + "e",)  # Iranas → Irane
    if name.endswith("is"):
        return (name[:-2] + "yje",)
    return ()


def _estonian(name: str) -> tuple[str, ...]:
    if name.endswith("maa"):
        return (name + "l",)  # Venemaa → Venemaal (the -maa names take the adessive)
    return (name + "s",) if name[-1] in "aeiouõäöü" else ()  # Hiina → Hiinas


def _genitive(*endings: tuple[str, str]) -> Callable[[str], tuple[str, ...]]:
    def rule(name: str) -> tuple[str, ...]:
        for ending, form in endings:
            if name.endswith(ending):
                return (name[: -len(ending)] + form,)
        return ()

    return rule


# Lithuanian Kinija → Kinijos, Iranas → Irano; Latvian Ķīna → Ķīnas (`Kinijos gamybos`, of China's production)
_LITHUANIAN_GENITIVE = _genitive(("as", "o"), ("is", "io"), ("a", "os"), ("ė", "ės"))
_LATVIAN_GENITIVE = _genitive(("a", "as"), ("e", "es"))


def _greek_genitive(name: str) -> tuple[str, ...]:
    return (name + "ς",) if name[-1] in "αάηή" else ()  # Κίνα → Κίνας, Ρωσία → Ρωσίας


def _suffix(ending: str) -> Callable[[str], tuple[str, ...]]:
    """The ending written onto the name (a final virama, and the joiner after it, give way to it)."""

    def rule(name: str) -> tuple[str, ...]:
        base = name.rstrip("\u200c")
        return ((base[:-1] if base[-1] in _VIRAMA else base) + ending,)

    return rule


# Locatives ("in" the country), by CLDR language id.
_PLACE_RULES: dict[str, Callable[[str], tuple[str, ...]]] = {
    "mr": _suffix("मध्ये"),
    "ne": _suffix("मा"),
    "gu": _suffix("માં"),
    "or": _odia,
    "ta": _tamil,
    "te": _telugu,
    "ml": _malayalam,
    "si": lambda n: (n + "ේ",) if n.endswith("ය") else (),
    "ka": _georgian,
    "hy": _armenian,
    "az": _azerbaijani,
    "kk": _kazakh,
    "ky": _kyrgyz,
    "uz": lambda n: (n + "da",),
    "mn": _mongolian,
    "lt": _lithuanian,
    "et": _estonian,
    "he": lambda n: ("ב" + n,),
}
# Forms that name the country as its bare name does: genitives ("China's production") and "from".
_NAME_RULES: dict[str, Callable[[str], tuple[str, ...]]] = {
    "ka": _georgian_genitive,
    "hy": _armenian_genitive,
    "el": _greek_genitive,
    "lt": _LITHUANIAN_GENITIVE,
    "lv": _LATVIAN_GENITIVE,
    "he": lambda n: ("מ" + n,),
}


def place_forms(lang: str, name: str) -> tuple[str, ...]:
    """The locatives of a one-word CLDR name in language `lang` (none for a name of several words)."""
    rule = _PLACE_RULES.get(lang)
    return rule(name) if rule and " " not in name and "-" not in name and len(name) >= 3 else ()


def name_forms(lang: str, name: str) -> tuple[str, ...]:
    """The genitive and "from" forms of a one-word CLDR name in language `lang`."""
    rule = _NAME_RULES.get(lang)
    return rule(name) if rule and " " not in name and "-" not in name and len(name) >= 3 else ()


# Belarusian "made in", every gender and number of `зроблены` and `выраблены`, with ў and у
# (https://en.wiktionary.org/wiki/%D0%B7%D1%80%D0%BE%D0%B1%D0%BB%D0%B5%D0%BD%D1%8B,
# https://en.wiktionary.org/wiki/%D1%9E): the locative after it is where the item was made.
BELARUSIAN_MADE_IN = tuple(
    f"{stem}{ending} {prep}"
    for stem in ("ЗРОБЛЕН", "ВЫРАБЛЕН", "ВЫГАТОЎЛЕН")
    for ending in ("Ы", "А", "АЯ", "АЕ", "ЫЯ", "О")
    for prep in ("Ў", "У")
)
_BE_ENDINGS = (("ІЯ", "ІІ"), ("ЫЯ", "ЫІ"), ("Й", "І"), ("КА", "ЦЫ"), ("ША", "ШЫ"), ("ЧА", "ЧЫ"), ("А", "Е"))


def belarusian_locative(name: str) -> str | None:
    """Кітай → Кітаі, Расія → Расіі, Германія → Германіі, Польшча → Польшчы, Іран → Іране (one-word names)."""
    upper = name.upper()
    if " " in upper or "-" in upper or len(upper) < 4:
        return None
    for ending, form in _BE_ENDINGS:
        if upper.endswith(ending):
            return upper[: -len(ending)] + form
    return upper + "Е" if upper[-1] in "БВГДЗКЛМНПРСТФХ" else None
