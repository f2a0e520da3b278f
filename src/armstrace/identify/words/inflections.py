"""The grammar that inflects an adjective of origin or a country's name: one function per language family, each
taking the dictionary form (`chinese`-type lemma, or the country's name) and giving every form a text may write.

A table written form by form always misses some (the Spanish masculine but not its feminine, the German `-isch`
but not `-ischen`); the endings of each language are regular, so they are applied by rule. Forms come back as
written (accents kept); the phrase index folds case and Latin accents when it reads them.
"""

from __future__ import annotations

__all__ = [
    "amharic_place",
    "amharic_prefixed",
    "arabic_nisba",
    "bcs",
    "bcs_cyrillic",
    "bulgarian",
    "czech",
    "dutch",
    "french",
    "german",
    "hausa",
    "hungarian_cases",
    "hungarian_inessive",
    "hungarian_origin",
    "italian",
    "persian_nisba",
    "polish",
    "portuguese",
    "romanian",
    "russian",
    "slovak",
    "somali_definite",
    "spanish",
    "swahili",
    "turkish_cases",
    "turkish_locative",
    "turkish_origin",
    "ukrainian",
]

_ACUTE = str.maketrans("áéíóú", "aeiou")


def _unstress(stem: str) -> str:
    """The written accent of a last stressed syllable goes when an ending adds one (alemán → alemana)."""
    for i in range(len(stem) - 1, -1, -1):
        if stem[i] in "áéíóú":
            return stem[:i] + stem[i].translate(_ACUTE) + stem[i + 1 :]
    return stem


# -- Romance: gender and number endings ----------------------------------------------------------------------


def italian(lemma: str) -> tuple[str, ...]:
    """Italian: -o/-a/-i/-e (russo, russa, russi, russe); -e/-i (cinese, cinesi); -a/-i/-e (belga, belgi, belghe).
    A stem in -c or -g has both plurals a speaker uses (tedeschi, austriaci) and -che/-ghe in the feminine."""
    stem, end = lemma[:-1], lemma[-1]
    if end == "o":
        masc = [stem + "i"] if stem[-1] not in "cg" else [stem + "i", stem + "hi"]
        fem = stem + ("he" if stem[-1] in "cg" else "e")
        return (lemma, stem + "a", *masc, fem)
    if end == "e":
        return (lemma, stem + "i")
    if end == "a":
        return (lemma, stem + "i", stem + ("he" if stem[-1] in "cg" else "e"))
    return (lemma,)


def spanish(lemma: str) -> tuple[str, ...]:
    """Spanish: -o/-a/-os/-as (ruso, rusa, rusos, rusas); -e and -a add -s (canadiense, belgas); -í adds -es
    (iraní, iraníes); a consonant adds -a/-es/-as and loses its written accent (alemán, alemana, alemanes)."""
    stem, end = lemma[:-1], lemma[-1]
    if end == "o":
        return (lemma, stem + "a", stem + "os", stem + "as")
    if end in "ea":
        return (lemma, lemma + "s")
    if end == "í":
        return (lemma, lemma + "es", lemma + "s")
    base = _unstress(lemma)
    return (lemma, base + "a", base + "es", base + "as")


def portuguese(lemma: str) -> tuple[str, ...]:
    """Portuguese: -o/-a/-os/-as (russo); -ês/-esa/-eses/-esas (chinês, chinesa); -ão/-ã/-ães/-ãs (alemão, alemã);
    -ol/-ola/-óis/-olas (espanhol); -e, -a and -i add -s (canadense, belga, azeri)."""
    if lemma.endswith("ês"):
        stem = lemma[:-2]
        return (lemma, stem + "esa", stem + "eses", stem + "esas")
    if lemma.endswith("ão"):
        stem = lemma[:-2]
        return (lemma, stem + "ã", stem + "ães", stem + "ãs")
    if lemma.endswith("ol"):
        stem = lemma[:-2]
        return (lemma, stem + "ola", stem + "óis", stem + "olas")
    stem, end = lemma[:-1], lemma[-1]
    if end == "o":
        return (lemma, stem + "a", stem + "os", stem + "as")
    if end in "eai":
        return (lemma, lemma + "s")
    if end == "z":
        return (lemma, lemma + "es")
    return (lemma,)


_FRENCH_FEMININE = {"grec": "grecque", "turc": "turque"}


def french(lemma: str) -> tuple[str, ...]:
    """French: -ien/-éen double the n (iranien, iranienne, iraniens, iraniennes); a final -e adds -s (belge, belges);
    -s and -x keep their plural (français, françaises); -c is -que in the feminine (turc, turque, grec, grecque);
    any other ending adds -e, -s, -es (allemand, allemande, allemands, allemandes)."""
    if lemma.endswith("en"):
        return (lemma, lemma + "ne", lemma + "s", lemma + "nes")
    if lemma.endswith("e"):
        return (lemma, lemma + "s")
    if lemma.endswith(("s", "x")):
        return (lemma, lemma + "e", lemma + "es")
    fem = _FRENCH_FEMININE.get(lemma, lemma[:-1] + "que" if lemma.endswith("c") else lemma + "e")
    return (lemma, fem, lemma + "s", fem + "s")


def romanian(lemma: str) -> tuple[str, ...]:
    """Romanian: feminine -ă, masculine plural -i, feminine plural -e and the definite feminine -a (rus, rusă, ruși,
    ruse, rusa); -ian/-ean close to -ieni/-iene and -eni/-ene (italian, italieni; ucrainean, ucraineni); s and t
    soften before the plural -i (ruși, ...ți)."""
    if lemma.endswith(("ian", "ean")):
        stem = lemma[:-2] if lemma.endswith("ean") else lemma[:-3] + "ie"
        return (lemma, lemma + "ă", lemma + "a", stem + "ni", stem + "ne")
    plural = lemma[:-1] + {"s": "ș", "t": "ț"}.get(lemma[-1], lemma[-1]) + "i"
    return (lemma, lemma + "ă", lemma + "a", plural, lemma + "e", lemma + "ul")


# -- Germanic: adjective endings -----------------------------------------------------------------------------


def german(lemma: str) -> tuple[str, ...]:
    """German: the strong and weak adjective endings -e, -en, -er, -es, -em (chinesisch, chinesischen)."""
    return (lemma, *(lemma + end for end in ("e", "en", "er", "es", "em")))


def dutch(lemma: str) -> tuple[str, ...]:
    """Dutch: the attributive -e; a long vowel written double before one final consonant is written single in the
    open syllable (Chinees, Chinese; Portugees, Portugese), otherwise the lemma adds -e (Russisch, Russische; Duits,
    Duitse)."""
    if len(lemma) > 3 and lemma[-3] == lemma[-2] and lemma[-2] in "aeou" and lemma[-1] not in "aeiou":
        return (lemma, lemma[:-2] + lemma[-1] + "e")
    return (lemma, lemma + "e")


# -- Slavic: adjective declension ----------------------------------------------------------------------------

_RU_SOFT = ("ий", "ая", "ое", "ие", "ого", "ой", "ом", "ую", "их", "им")
_RU_HARD = ("ый", "ая", "ое", "ые", "ого", "ой", "ом", "ую", "ых", "ым")


def russian(lemma: str) -> tuple[str, ...]:
    """Russian: the declension of an adjective in -ий/-ый (китайский, китайского, китайской...); after к, г, х, ж, ш,
    ч, щ the spelling rule writes и for ы (китайских, not китайскых). The dative and the instrumental plural, which
    texts of origin hardly use, are left out of every Slavic rule (each form costs start-up time)."""
    stem = lemma[:-2]
    ends = _RU_SOFT if stem[-1] in "кгхжшчщ" else _RU_HARD
    return tuple(stem + e for e in ends)


def ukrainian(lemma: str) -> tuple[str, ...]:
    """Ukrainian: the declension of an adjective in -ий (китайський, китайська, китайське, китайські, китайського,
    китайської, китайській, китайським, китайською, китайську, китайських)."""
    stem = lemma[:-2]
    ends = ("ий", "а", "е", "і", "ого", "ої", "ій", "им", "ою", "у", "их")
    return tuple(stem + e for e in ends)


def bulgarian(lemma: str) -> tuple[str, ...]:
    """Bulgarian: gender and number (китайски, китайска, китайско) and the definite article (китайския, китайският,
    китайската, китайското, китайските); no case endings."""
    stem = lemma[:-1]
    return tuple(stem + e for e in ("и", "а", "о", "ия", "ият", "ата", "ото", "ите"))


_BCS_ENDS = ("i", "a", "o", "e", "og", "om", "oj", "im", "ih", "u")


def bcs(lemma: str) -> tuple[str, ...]:
    """Serbian, Croatian, Bosnian and Montenegrin (Latin): the definite adjective declension (kineski, kineska,
    kinesko, kineske, kineskog, kineskom, kineskoj, kineskim, kineskih, kinesku; the long -oga, -ome left out)."""
    stem = lemma[:-1]
    return tuple(stem + e for e in _BCS_ENDS)


_SR_CYRILLIC = {"lj": "љ", "nj": "њ", "dž": "џ"}
_SR_LETTERS = str.maketrans(
    "abvgdđežzijklmnoprstćufhcčš",
    "абвгдђежзијклмнопрстћуфхцчш",
)


def bcs_cyrillic(lemma: str) -> tuple[str, ...]:
    """Serbian Cyrillic: the Latin forms letter for letter (Vuk's alphabet maps one to one; lj, nj, dž are one
    letter each): kineski → кинески, nemački → немачки."""
    out = []
    for form in bcs(lemma):
        for digraph, letter in _SR_CYRILLIC.items():
            form = form.replace(digraph, letter)
        out.append(form.translate(_SR_LETTERS))
    return tuple(out)


_CS_ENDS = ("ý", "á", "é", "ého", "ém", "ým", "ou", "ých")
_ANIMATE_PLURAL = (("sk", "št"), ("ck", "čt"), ("ch", "š"), ("k", "c"), ("r", "ř"), ("h", "z"))


def czech(lemma: str) -> tuple[str, ...]:
    """Czech: the hard declension in -ý (čínský, čínská, čínské, čínského, čínském, čínským, čínskou, čínských)
    and the masculine animate plural -í, which softens the stem (čínští, američtí)."""
    stem = lemma[:-1]
    animate = stem
    for hard, soft in _ANIMATE_PLURAL:
        if stem.endswith(hard):
            animate = stem[: -len(hard)] + soft
            break
    return (*(stem + e for e in _CS_ENDS), animate + "í")


_SK_LONG = ("ý", "á", "é", "ého", "om", "ým", "ú", "í", "ých")
_SK_SHORT = ("y", "a", "e", "eho", "om", "ym", "u", "i", "ych")


def slovak(lemma: str) -> tuple[str, ...]:
    """Slovak: the declension in -ý, shortened after a long syllable by the rhythmic law (americký, amerického, but
    čínsky, čínskeho): the lemma says which (-ý long, -y short)."""
    stem = lemma[:-1]
    ends = _SK_SHORT if lemma.endswith("y") else _SK_LONG
    return tuple(stem + e for e in ends)


def polish(lemma: str) -> tuple[str, ...]:
    """Polish: the declension in -i (chiński, chińska, chińskie, chińskiej, chińskiego, chińskim, chińskich, chińską)
    and the masculine personal plural, -scy/-ccy (chińscy, radzieccy)."""
    stem = lemma[:-1]
    forms = [stem + e for e in ("i", "a", "ie", "iej", "iego", "im", "ich", "ą")]
    if stem.endswith(("sk", "ck")):
        forms.append(stem[:-1] + stem[-2] + "y" if stem.endswith("ck") else stem[:-2] + "scy")
    return tuple(forms)


# -- Turkish: vowel harmony and consonant assimilation -------------------------------------------------------

_BACK = frozenset("aıou")
_FRONT = frozenset("eiöü")
_VOICELESS = frozenset("çfhkpsşt")


def _last_vowel(word: str) -> str:
    for ch in reversed(word.lower().replace("i̇", "i")):
        if ch in _BACK or ch in _FRONT:
            return ch
    return "e"


def turkish_cases(name: str) -> tuple[str, ...]:
    """Turkish case endings of a one-word country name, written after an apostrophe that the index drops
    (Rusya'da → RUSYADA): locative -da/-de, ablative -dan/-den (d → t after a voiceless consonant: Irak'ta,
    İsrail'den), genitive -ın/-in/-un/-ün (-nın... after a vowel: Rusya'nın) by vowel harmony."""
    if " " in name or "-" in name:
        return ()
    v = _last_vowel(name)
    low = "a" if v in _BACK else "e"
    high = {"a": "ı", "ı": "ı", "o": "u", "u": "u", "e": "i", "i": "i", "ö": "ü", "ü": "ü"}[v]
    last = name[-1].lower()
    d = "t" if last in _VOICELESS else "d"
    genitive = ("n" + high + "n") if last in _BACK | _FRONT else (high + "n")
    return tuple(name + "'" + end for end in (d + low, d + low + "n", genitive))


def turkish_locative(name: str) -> tuple[str, ...]:
    """The locative alone (Irak'ta, Suriye'de): "in" a country, where an item was found, not where it was made."""
    return turkish_cases(name)[:1]


def turkish_origin(name: str) -> tuple[str, ...]:
    """Turkish -lı/-li/-lu/-lü, "of" a country (İranlı, Iraklı, Amerikalı): by four-way vowel harmony."""
    if " " in name or "-" in name:
        return ()
    v = _last_vowel(name)
    high = {"a": "ı", "ı": "ı", "o": "u", "u": "u", "e": "i", "i": "i", "ö": "ü", "ü": "ü"}[v]
    return (name + "l" + high,)


# -- Arabic and Persian: the nisba adjective -----------------------------------------------------------------

_ARABIC_ARTICLE = "ال"


def arabic_nisba(name: str) -> tuple[str, ...]:
    """Arabic nisba from a one-word country name: the article goes (الصين → صيني), a final alif or tā' marbūṭa
    (with its yā') gives way to the -ī (روسيا → روسي, سنغافورة → سنغافوري, السعودية → سعودي), and the feminine adds
    ة (صينية); each with and without the article the adjective takes after a definite noun (الصيني, الصينية)."""
    if " " in name:
        return ()
    base = name[2:] if name.startswith(_ARABIC_ARTICLE) else name
    if base.endswith(("ية", "يا")):
        masc = base[:-1]
    elif base.endswith(("ا", "ة")):
        masc = base[:-1] + "ي"
    elif base.endswith("ي"):
        masc = base
    else:
        masc = base + "ي"
    fem = masc + "ة"
    return (masc, fem, _ARABIC_ARTICLE + masc, _ARABIC_ARTICLE + fem)


def persian_nisba(name: str) -> tuple[str, ...]:
    """Persian (and Dari, Urdu) -ī: چین → چینی; after -iye the ending replaces it (روسیه → روسی); after a silent -e it
    is written ‌ای (کره → کره‌ای); after a long vowel -yī (ایتالیا → ایتالیایی, رومانی → رومانیایی)."""
    if " " in name:
        return ()
    if name.endswith("یه"):
        return (name[:-2] + "ی",)
    if name.endswith("ه"):
        return (name + "\u200cای",)
    if name.endswith(("ا", "و")):
        return (name + "یی",)
    if name.endswith("ی"):
        return (name + "ایی",)
    return (name + "ی",)


# -- Swahili, Hausa, Somali: noun-class prefixes, ethnonyms, the definite article ----------------------------


def swahili(name: str) -> tuple[str, ...]:
    """Swahili: a country's name in U- (Urusi, Ujerumani) drops it for the class prefixes of its people and things:
    Ki- (manner, language: Kirusi, Kichina), M-/Mw- before a vowel (one person: Mrusi, Mwingereza), Wa- (people:
    Warusi); a name without U- (Marekani) takes them whole (Kimarekani, Mmarekani, Wamarekani)."""
    if " " in name:
        return ()
    stem = name[1:] if name[:1] == "U" and len(name) > 4 else name
    stem = stem[0].lower() + stem[1:]
    person = ("Mw" if stem[0] in "aeiou" else "M") + stem
    return ("Ki" + stem, person, "Wa" + stem)


_HAUSA_PALATAL = {"s": "sh", "t": "c", "z": "j"}


def hausa(name: str) -> tuple[str, ...]:
    """Hausa ethnonyms: the plural -awa on the stem without its last vowel (Rasha → Rashawa, Jamus → Jamusawa) and the
    singular Ba-...-e, whose -e palatalises s, t, z before it (Bajamushe, Bafaranshe, Barashe, Basine)."""
    if " " in name:
        return ()
    stem = name[:-1] if name[-1] in "aeiou" else name
    low = stem[0].lower() + stem[1:]
    last = low[-1]
    singular = "Ba" + (low[:-1] + _HAUSA_PALATAL[last] if last in _HAUSA_PALATAL else low) + "e"
    return (stem + "awa", singular)


def somali_definite(name: str) -> tuple[str, ...]:
    """Somali: a country's name takes the definite article as written in prose (Ruush → Ruushka, Turki → Turkiga,
    Shiina → Shiinaha): -ha after -a, -ga after another vowel, -ka after l, n, r, s, sh, b, d, m, t, f, j."""
    if " " in name or name.endswith(("ka", "ga", "ha", "ta", "da")):
        return ()
    last = name[-1].lower()
    if name.lower().endswith(("sh", "dh", "kh")):  # one sound each, written with two letters
        return (name + "ka",)
    if last == "a":
        return (name + "ha",)
    if last in "eiou":
        return (name + "ga",)
    if last in "lnrsbdmtfj":
        return (name + "ka",)
    return ()


# -- Hungarian: vowel harmony, the lengthened final vowel ----------------------------------------------------

_HU_BACK = frozenset("aáoóuú")
_HU_FRONT = frozenset("eéiíöőüű")


def hungarian_cases(name: str) -> tuple[str, ...]:
    """Hungarian inessive and elative of a one-word country name, "in" and "from" (Kínában gyártott, made in China;
    Oroszországból): -ban/-ból after a back last vowel, -ben/-ből after a front one (Izraelben); a final a or e is long
    before them (Kínában, Chilében)."""
    if " " in name or "-" in name:
        return ()
    # the last vowel sets the harmony; i and í are neutral, so the vowel before them does (Haiti → Haitiban)
    vowels = [ch for ch in name.lower() if (ch in _HU_BACK or ch in _HU_FRONT) and ch not in "ií"]
    back = bool(vowels) and vowels[-1] in _HU_BACK
    stem = name[:-1] + {"a": "á", "e": "é"}.get(name[-1], name[-1])
    return tuple(stem + end for end in (("ban", "ból") if back else ("ben", "ből")))


def hungarian_inessive(name: str) -> tuple[str, ...]:
    """The inessive alone (Szíriában, Jemenben): "in" a country, where an item was found, not where it was made."""
    return hungarian_cases(name)[:1]


def hungarian_origin(name: str) -> tuple[str, ...]:
    """Hungarian adjective of place in -i, lower case (Kína → kínai, Irán → iráni, Svájc → svájci, Oroszország →
    oroszországi); a name already ending in -i keeps it."""
    if " " in name or "-" in name:
        return ()
    low = name[0].lower() + name[1:]
    return (low if low.endswith("i") else low + "i",)


# -- Amharic: prepositions written onto the word -------------------------------------------------------------


def amharic_prefixed(name: str) -> tuple[str, ...]:
    """Amharic writes its prepositions onto the noun: የ (of: የቻይና, Chinese, of China), ከ (from), በ (in, by), ለ
    (for); a country's name so prefixed is no longer a word of its own to the index."""
    if " " in name:
        return ()
    return tuple(p + name for p in ("የ", "ከ", "በ", "ለ"))


def amharic_place(name: str) -> tuple[str, ...]:
    """The forms with በ (in) and ለ (for): where an item was or whom it was for, not where it was made."""
    return tuple(f for f in amharic_prefixed(name) if f[:1] in "በለ")
