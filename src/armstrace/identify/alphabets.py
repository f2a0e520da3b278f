"""Which alphabet, and which national variant of it, a marking is written in: Serbian, Ukrainian or Russian
Cyrillic, Persian rather than Arabic letters, Greek read in Latin letters, and the scripts that tell a country by
themselves (Japanese kana and kanji, North Korean words, Ge'ez, Greek, Georgian, Armenian, Burmese) or by a
description of the marks ("Farsi inscriptions")."""

from __future__ import annotations

import re

__all__ = [
    "central_european_renderings",
    "cyrillic_latin_forms",
    "cyrillic_variant",
    "persian_text",
    "script_country",
    "transliterate",
]


_CYRILLIC = {
    "А": "A",
    "Б": "B",
    "В": "V",
    "Г": "G",
    "Д": "D",
    "Е": "E",
    "Ё": "E",
    "Ж": "ZH",
    "З": "Z",
    "И": "I",
    "Й": "Y",
    "К": "K",
    "Л": "L",
    "М": "M",
    "Н": "N",
    "О": "O",
    "П": "P",
    "Р": "R",
    "С": "S",
    "Т": "T",
    "У": "U",
    "Ф": "F",
    "Х": "KH",
    "Ц": "TS",
    "Ч": "CH",
    "Ш": "SH",
    "Щ": "SHCH",
    "Ъ": "",
    "Ы": "Y",
    "Ь": "",
    "Э": "E",
    "Ю": "YU",
    "Я": "YA",
    "І": "I",
    "Ї": "YI",
    "Є": "YE",
    "Ґ": "G",
    "Ј": "J",
    "Љ": "LJ",
    "Њ": "NJ",
    "Ћ": "C",
    "Ђ": "DJ",
    "Џ": "DZ",
}


_SERBIAN = frozenset("ЈЉЊЋЂЏ")
_UKRAINIAN = frozenset("ЄІЇҐ")
_RUSSIAN_ONLY = frozenset("ЫЭЁ")


def cyrillic_variant(text: str) -> tuple[str, str] | None:
    """Which national Cyrillic a text is in, by the letters only that alphabet has, with the reason.

    Serbian (Ј Љ Њ Ћ Ђ Џ), Ukrainian (Є І Ї Ґ), Belarusian (Ў), Macedonian (Ѓ Ќ Ѕ), Bulgarian (Ъ inside a word,
    and neither Ы nor Э, which Bulgarian does not have), Russian (Ы Э Ё). None when the letters do not tell.
    """
    up = text.upper()
    letters = set(up)
    if letters & _SERBIAN:
        return "RS", "Serbian Cyrillic letters (Ј Љ Њ Ћ Ђ Џ) in the marking"
    if letters & set("ЃЌЅ"):
        return "MK", "Macedonian Cyrillic letters (Ѓ Ќ Ѕ) in the marking"
    if "Ў" in letters:
        return "BY", "Belarusian Cyrillic letter Ў in the marking"
    if letters & _UKRAINIAN:
        return "UA", "Ukrainian Cyrillic letters (Є І Ї Ґ) in the marking"
    if re.search(r"Ъ(?=[А-ДЖ-Э])", up) and not letters & _RUSSIAN_ONLY:
        return "BG", "Bulgarian Cyrillic (Ъ as a vowel inside words, no Ы or Э) in the marking"
    if letters & _RUSSIAN_ONLY:
        return "RU", "Russian Cyrillic letters (Ы Э Ё) in the marking"
    words = re.findall(r"[\u0400-\u04ff]+", up)
    if any(w.startswith("НАПРАВЕН") for w in words):
        return "BG", "Bulgarian word НАПРАВЕНО (made; Russian СДЕЛАНО) in the marking"
    if re.search(r"ПРОИЗВЕДЕН[OОА]?\s+У\b", up) or any(_SYLLABIC_R.search(w) and "КОНТР" not in w for w in words):
        return "RS", "Serbian Cyrillic words (syllabic Р as in ПРВИ, ЦРВЕНА; ПРОИЗВЕДЕНО У) in the marking"
    return None


# Serbian (and Macedonian) R between consonants is a vowel (ПРВИ, ЦРВЕНА, СРБИЈА); Russian and Bulgarian put a
# vowel there (ПЕРВЫЙ, ПЪРВИ, КРАСНАЯ, ЧЕРВЕНА).
_SYLLABIC_R = re.compile(r"(?:^|[БВГДЖЗКЛМНПСТФХЦЧШЩ])Р[БВГДЖЗКЛМНПСТФХЦЧШЩ](?=.*[АЕИОУ])")


def persian_text(text: str) -> bool:
    """True when Arabic-script text is Persian: letters Arabic does not use (پ چ ژ گ ک ی) or Persian digits."""
    return bool(re.search(r"[پچژگکی۰-۹]", text))


# Greek capitals in Latin (ELOT 743 / ISO 843, as the Greek makers' own Latin names spell them: ELLINIKI
# VIOMICHANIA OPLON, PYRKAL), digraphs first. https://en.wikipedia.org/wiki/Romanization_of_Greek
_GREEK_DIGRAPHS = (("ΟΥ", "OU"), ("ΑΥ", "AV"), ("ΕΥ", "EV"), ("ΓΓ", "NG"), ("ΓΚ", "GK"), ("ΓΧ", "NCH"), ("ΓΞ", "NX"))
_GREEK = str.maketrans(
    {
        "Α": "A", "Β": "V", "Γ": "G", "Δ": "D", "Ε": "E", "Ζ": "Z", "Η": "I", "Θ": "TH", "Ι": "I", "Κ": "K", "Λ": "L",
        "Μ": "M", "Ν": "N", "Ξ": "X", "Ο": "O", "Π": "P", "Ρ": "R", "Σ": "S", "Τ": "T", "Υ": "Y", "Φ": "F", "Χ": "CH",
        "Ψ": "PS", "Ω": "O",
    }
)  # fmt: skip


def transliterate(word: str) -> str:
    """Latin transliteration of a Cyrillic or Greek word (`ИЖМАШ` → `IZHMASH`, `ΟΠΛΩΝ` → `OPLON`); other words
    unchanged."""
    if word.isascii():
        return word
    if not any("\u0400" <= ch <= "\u04ff" for ch in word):
        if any("\u0391" <= ch <= "\u03a9" for ch in word):
            for pair, latin in _GREEK_DIGRAPHS:
                word = word.replace(pair, latin)
            return word.translate(_GREEK)
        return word
    if re.search(r"Ъ(?=[А-ДЖ-Э])", word):  # Bulgarian Ъ is a vowel before a consonant (КАЗАНЛЪК = KAZANLAK)
        word = re.sub(r"Ъ(?=[А-ДЖ-Э])", "A", word)
    return "".join(_CYRILLIC.get(ch, ch) for ch in word)


# Kanji used in Japan for arms words where Chinese writes another character: 銃 (gun; 枪/槍 in Chinese), the
# shinjitai 歩 (步) and 弾 (弹/彈). 造兵廠 (army arsenal) is Japanese usage; Chinese says 兵工厂/兵工廠.
_JAPANESE_KANJI = frozenset("銃歩弾")


# Japanese era names before a year (昭和十七年, 平成3年, 皇紀2600年): only Japan dates by them; Chinese marks use 民国
# years or the Gregorian year. https://ja.wikipedia.org/wiki/元号一覧_(日本), https://ja.wikipedia.org/wiki/皇紀
_JAPANESE_ERA = re.compile(r"(?:明治|大正|昭和|平成|令和|皇紀)\s*[0-9〇零一二三四五六七八九十廿卅元]{1,4}\s*年")


# North Korean usage: 보총 (rifle; the South says 소총), 주체 years, the state's and its army's names
# (조선인민군), and the KPA's names for weapon classes the South names otherwise: 대대기관총/중대기관총
# (battalion/company machine gun) and 화전통 (火箭筒, rocket tube: RPG-2, RPG-7; 발사관, launch tube, is both Koreas').
# https://ko.wikipedia.org/wiki/조선인민군, https://tcatmon.com/wiki/백두산_자동권총 (KPA arms, DPRK names)
_DPRK_WORDS = ("보총", "주체", "조선민주주의인민공화국", "조선인민군", "대대기관총", "중대기관총", "화전통")


#: Cyrillic with no letter or word of one national alphabet: Bulgaria, Serbia, Ukraine, Belarus and Kazakhstan stamp
#: in it too, so the Soviet/Russian reading is an alternative, never the answer
PLAIN_CYRILLIC = "Cyrillic script in the marking (Soviet/Russian usage assumed; also used in BG, RS, UA, BY)"


def script_country(text: str) -> tuple[str, str] | None:
    """A country suggested by the script alone, with the reason; weak evidence, used last."""
    counts = {"cyrillic": 0, "han": 0, "hangul": 0, "kana": 0, "arabic": 0, "hebrew": 0}
    for ch in text:
        o = ord(ch)
        if 0x0400 <= o <= 0x04FF:
            counts["cyrillic"] += 1
        elif 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF:
            counts["han"] += 1
        elif 0xAC00 <= o <= 0xD7AF:
            counts["hangul"] += 1
        elif 0x3040 <= o <= 0x30FF:
            counts["kana"] += 1
        elif 0x0600 <= o <= 0x06FF:
            counts["arabic"] += 1
        elif 0x0590 <= o <= 0x05FF:
            counts["hebrew"] += 1
    if counts["hangul"]:
        if any(w in text for w in _DPRK_WORDS):
            return "KP", "North Korean usage in Korean script (보총 for rifle, 주체 years, 조선)"
        return "KR", "Korean (Hangul) script in the marking"
    if counts["kana"]:
        # hiragana (の, は, で, された) is the grammar of prose, which describes an item in Japanese; stamped marks
        # are kanji and katakana, so only they make the script evidence of Japanese manufacture
        if any(0x3040 <= ord(ch) <= 0x309F for ch in text):
            return None
        return "JP", "Japanese kana in the marking"
    if counts["han"] >= 2 and (_JAPANESE_KANJI & set(text) or "造兵廠" in text):
        return "JP", "Japanese character forms (銃, 歩, 弾, 造兵廠) in the marking, not Chinese ones (枪, 步, 弹)"
    if counts["han"] >= 2 and (era := _JAPANESE_ERA.search(text)):
        return "JP", f"a year of a Japanese era ({era.group(0)}) in the marking, not a Chinese date"
    if counts["han"] >= 2:
        return "CN", "Chinese characters in the marking"
    if counts["hebrew"] >= 2:
        return "IL", "Hebrew script in the marking"
    if counts["cyrillic"] >= 2:
        return cyrillic_variant(text) or ("RU", PLAIN_CYRILLIC)
    if counts["arabic"] >= 2 and re.search(r"[ٹڈڑںےۓہھ]", text):
        return "PK", "Urdu script (letters Persian and Arabic do not use) in the marking; Urdu is also written in India"
    if counts["arabic"] >= 2 and persian_text(text):
        return "IR", "Persian script (letters or digits Arabic does not use) in the marking"
    for name, (low, high, code, least) in _NATIONAL_SCRIPTS.items():
        if sum(low <= ord(ch) <= high for ch in text) >= least:
            return code, f"{name} script in the marking (used by one country's arms makers; weak)"
    described = _DESCRIBED_SCRIPT.search(text)
    if described:  # "Farsi markings", "marked in Hebrew": the script named in words, as weak as the script itself
        word = next(g for g in described.groups() if g)
        code = {"F": "IR", "P": "IR", "H": "IL", "U": "PK"}[word[0].upper()]
        return code, f"the markings are described as {word} ({code}'s script; weak)"
    return None


# Scripts one country writes its arms marks in (Ge'ez: Ethiopia's Gafat and Homicho; Greek: EBO, PYRKAL), by
# Unicode block, with the letters needed (Greek three: Δ alone is a triangle).
_NATIONAL_SCRIPTS = {
    "Ethiopic (Ge'ez)": (0x1200, 0x137F, "ET", 2),
    "Greek": (0x0370, 0x03FF, "GR", 3),
    "Georgian": (0x10A0, 0x10FF, "GE", 2),
    "Armenian": (0x0530, 0x058F, "AM", 2),
    "Burmese": (0x1000, 0x109F, "MM", 2),
}  # Thai, Khmer and Sinhala marks are mostly armies' property marks on imported arms: left out
# A script named in a description of the marks (Farsi is Iran's; Urdu Pakistan's; Hebrew Israel's).
_DESCRIBED_SCRIPT = re.compile(
    r"\b(Farsi|Persian|Hebrew|Urdu)\s+(?:script|markings?|inscriptions?|letters|characters|digits|numerals|text)\b"
    r"|\b(?:in|with)\s+(Farsi|Persian|Hebrew|Urdu)\b|\b(Farsi)\b",
    re.IGNORECASE,
)


_RUSSIAN_END = re.compile(r"^(.{3,}[^AEIOUY])(OV|EV|OVA|EVA)$")


def central_european_renderings(phrase: str) -> list[str]:
    """German and Polish spellings of a Russian name written in English (`MAKAROV` is `Makarow`, `KALASHNIKOV` is
    `Kalaschnikow` and `Kałasznikow`, `DEGTYAREV` is `Degtjarew`): В at a word's end is W in both (Duden and
    Polish transliteration, https://de.wikipedia.org/wiki/Deutsche_Transkription_aus_dem_Kyrillischen,
    https://pl.wikipedia.org/wiki/Transkrypcja_j%C4%99zyka_rosyjskiego), Ш is SCH and SZ, Я/Ю/Ё after a consonant
    are JA/JU/JO. Only for a phrase with a word of Russian ending (-OV, -EV, -OVA), so no English word changes."""
    words = phrase.upper().split()
    if not any(_RUSSIAN_END.match(w) for w in words):
        return []
    out: list[str] = []
    for sh in ("SCH", "SZ"):
        rendered = []
        for w in words:
            m = _RUSSIAN_END.match(w)
            if m:
                w = m.group(1) + m.group(2).replace("V", "W")
                w = w.replace("SH", sh)
                w = re.sub(r"(?<=[^AEIOUY])Y(?=[AUO])", "J", w)
            rendered.append(w)
        form = " ".join(rendered)
        if form != phrase.upper() and form not in out:
            out.append(form)
    return out


# Cyrillic capitals that look like Latin ones: a Latin designation typed on a Cyrillic keyboard (`ВХС-2` for VHS-2,
# `НК` for HK) is these letters, not the sounds they stand for.
_LOOKALIKE = str.maketrans("АВЕКМНОРСТУХ", "ABEKMHOPCTYX")
# Serbian, Croatian and Ukrainian write Х in Latin letters as H, not KH (`ВХС` is the Croatian VHS).
_H_FOR_KH = str.maketrans({"Х": "H"})


def cyrillic_latin_forms(word: str) -> tuple[str, str] | None:
    """The Latin designation a Cyrillic word may be typed for: by Х as H (`ВХС` → VHS), and by the letters' look
    (`ВХС` → BXC); None for a word with no Cyrillic letter or whose forms are its transliteration."""
    if word.isascii() or not any("\u0400" <= ch <= "\u04ff" for ch in word):
        return None
    forms = (transliterate(word.translate(_H_FOR_KH)), word.translate(_LOOKALIKE))
    plain = transliterate(word)
    if all(f == plain or not f.isascii() for f in forms):
        return None
    return tuple(f if f.isascii() else plain for f in forms)  # type: ignore[return-value]
