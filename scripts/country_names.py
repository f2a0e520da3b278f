"""Write src/armstrace/reference/country_names.csv: the names of the arms-making countries in the languages and
scripts identification reads, from the Unicode CLDR territory names as Babel ships them.

A marking or a description in Japanese, Hindi, Korean, Arabic or Chinese names a foreign country of manufacture in
its own script (ポーランド, तुर्की, 불가리아); without these names the script or language of the text was the only country
evidence left. CLDR is the standard, versioned source of such names. Needs Babel (`pip install babel` in a throwaway
virtual environment: it is not a dependency of armstrace, and nothing reads Babel at run time); run from the
repository root: `python scripts/country_names.py`. Rows are sorted, so a new CLDR version shows as a plain diff.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

__all__ = ["ADDED_LANGUAGES", "COUNTRIES", "LANGUAGES", "MORE_LANGUAGES", "main"]

# The ~90 states with an arms, ammunition or ordnance industry (or craft production) whose items are traced
# (Small Arms Survey, CAR), plus the former-state successors the tables use.
_COUNTRY_CODES = """
    US RU CN DE FR GB IT BE AT CH CZ SK PL HU RO BG RS HR BA SI ME MK AL UA BY LT LV EE FI SE NO DK NL ES PT GR
    TR CY IL IR IQ SY JO LB SA AE YE EG SD LY DZ MA TN ET KE TZ UG NG GH ZA ZW NA PK IN BD LK NP AF MM TH VN KH
    MY SG ID PH TW KP KR JP AU NZ CA MX BR AR CL CO PE VE EC BO UY CU KZ UZ KG AZ AM GE MD SO IE
"""
COUNTRIES = tuple(_COUNTRY_CODES.split())
# Languages (CLDR locale ids) the engine reads, by script: Arabic script, Indic, CJK, Cyrillic, Latin, Ethiopic.
_LOCALES = "ar fa ur hi bn ko ja zh_Hans zh_Hant ru uk bg sr hr pl cs hu ro tr id de fr es pt it sv fi am"
LANGUAGES = tuple(_LOCALES.split())
# Added later (identU, issue 14), written after the rows above so the file only grows: Swahili, Hausa and Somali
# (East and West Africa, the Horn), Pashto, Dari (`fa_AF`) and Kurdish (Kurmanji Latin, Sorani Arabic script),
# Malay, Tagalog and Vietnamese, and the European languages of arms-making states the first list lacked (Dutch,
# Slovak, Serbian in Latin script, Bosnian, Macedonian, Albanian). Thai, Burmese and Tamil are left out: the
# tokeniser drops their vowel signs, so their names would be matched as fragments inside other words.
_ADDED_LOCALES = "sw ha so ps fa_AF ku ckb ms fil vi nl sk sr_Latn bs mk sq"
ADDED_LANGUAGES = tuple(_ADDED_LOCALES.split())
# Added after those (identL, issue 14), appended again: the languages of South and South-East Asia (Marathi, Odia,
# Tamil, Telugu, Malayalam, Gujarati, Punjabi in Gurmukhi and Shahmukhi, Nepali, Sinhala, Burmese, Thai, Khmer, Lao),
# the Caucasus and Central Asia (Georgian, Armenian, Azerbaijani, Kazakh, Uzbek, Tajik, Kyrgyz, Mongolian), Belarusian,
# Tigrinya, Hebrew, Greek, Africa's Afrikaans, Zulu, Yoruba, Igbo and Malagasy, and the European languages of
# arms-making and transit states (Slovenian, Lithuanian, Latvian, Estonian, Danish, Norwegian). The tokeniser keeps
# the vowel signs of the Indic and South-East Asian scripts, and the segmenter (identify/unspaced.py) cuts the
# unspaced scripts at these names once the words tables register them.
_MORE_LOCALES = "mr or ta te ml gu pa pa_Arab ne si my th km lo be ka hy az kk uz tg ky mn ti he el af zu yo ig mg"
_MORE_LOCALES += " sl lt lv et da nb"
MORE_LANGUAGES = tuple(_MORE_LOCALES.split())
# Names that are also ordinary words, or sit inside other words of their script, in the texts read: left out.
# Korean 이란 is also a particle (`~이란`, "called ~"), 인도 a common noun (sidewalk, handover); Japanese タイ is inside
# タイプ (type) and ネクタイ; Arabic قطر is also "diameter" (calibres). Latin names of three letters or fewer (Çin,
# Irã) are too short to tell from abbreviations.
# Korean 가나 (Ghana) and 수단 (Sudan; also "means") are common syllables and nouns; Chinese 黑山 (Montenegro) is "black
# mountain"; Georgia (GE) is also the US state in every script that spells it so (ジョージア, 조지아, 喬治亞, Georgia),
# the state of an importer's address; Columbia, Chili (French for Chile) and Gana (Spanish "wins") are English or
# Spanish words.
EXCLUDED = frozenset(
    {"이란", "인도", "タイ", "قطر", "عمان", "مالي", "가나", "수단", "黑山", "ジョージア", "조지아", "喬治亞", "Georgia"}
    | {"Columbia", "Chili", "Gana"}
    # Short names of the languages added later that are also names or fragments elsewhere: Albanian Siri (Syria;
    # the assistant, a given name), Kili and Indi, Somali Jili, Vietnamese Ấn Độ and Na Uy (two short words each).
    | {"Siri", "Kili", "Indi", "Jili", "Ấn Độ", "Na Uy"}
    # Single Latin words of those languages that are common given names, surnames or nisbas and would read as a
    # country marked on the item, stronger than its maker: Hausa Rasha (Russia; an Arabic given name), Holan
    # (Netherlands) and Polan (Poland; surnames), Albanian Libi (Libya) and Swahili Misri (Egypt; the nisbas al-Libi,
    # al-Misri), Somali Masar (Egypt; a surname); and Hausa Sham (Syria; the English word "sham").
    | {"Rasha", "Holan", "Polan", "Libi", "Misri", "Masar", "Sham"}
    # The later languages' names that are ordinary words, names or fragments elsewhere: Afrikaans Pole (Poland; the
    # English noun) and Indië (folds to INDIE), Azerbaijani Qana (Ghana; Qana in Lebanon) and Çili (CILI, Malay
    # "chili"), Malagasy Sina and Indy, Yoruba Jámánì (JAMANI, a Swahili interjection), Irani (a surname), Nepa (an
    # acronym), Ṣílè and Ṣáínà (SILE, SAINA), Uzbek Eron (a given name) and Misr (an Egyptian maker's name),
    # Mongolian Дани (Russian "tribute"), Франц (Franz) and Сири, Hebrew פרו (Peru; "pro-"),
    # Thai เช็ก and Khmer ឆែក (Czechia; both also "check"),
    # Khmer ស៊ីប and Burmese ဂရိ (short runs of unspaced scripts, found inside other words),
    # and the Thai, Lao and Khmer names of Thailand (ไทย, ໄທ, ថៃ: "Thai", the people and the language,
    # in nearly every Thai text; `ประเทศไทย` is read).
    | {"Pole", "Indië", "Qana", "Çili", "Sina", "Indy", "Jámánì", "Irani", "Nepa", "Ṣílè", "Ṣáínà", "Eron", "Misr"}
    | {"Дани", "Франц", "Сири", "פרו", "เช็ก", "ឆែក", "ស៊ីប", "ဂရိ", "ไทย", "ໄທ", "ថៃ"}
)

OUT = Path(__file__).resolve().parent.parent / "src" / "armstrace" / "reference" / "country_names.csv"


# Unicode blocks of the scripts the later languages add (first letter found decides).
_BLOCKS = (
    (0x0370, 0x03FF, "Grek"),
    (0x0530, 0x058F, "Armn"),
    (0x0590, 0x05FF, "Hebr"),
    (0x0A00, 0x0A7F, "Guru"),
    (0x0A80, 0x0AFF, "Gujr"),
    (0x0B00, 0x0B7F, "Orya"),
    (0x0B80, 0x0BFF, "Taml"),
    (0x0C00, 0x0C7F, "Telu"),
    (0x0D00, 0x0D7F, "Mlym"),
    (0x0D80, 0x0DFF, "Sinh"),
    (0x0E00, 0x0E7F, "Thai"),
    (0x0E80, 0x0EFF, "Laoo"),
    (0x1000, 0x109F, "Mymr"),
    (0x10A0, 0x10FF, "Geor"),
    (0x1780, 0x17FF, "Khmr"),
)


def _script(name: str) -> str:
    for ch in name:
        o = ord(ch)
        for low, high, code in _BLOCKS:
            if low <= o <= high:
                return code
        if 0x0600 <= o <= 0x06FF:
            return "Arab"
        if 0x0900 <= o <= 0x097F:
            return "Deva"
        if 0x0980 <= o <= 0x09FF:
            return "Beng"
        if 0xAC00 <= o <= 0xD7AF:
            return "Hang"
        if 0x3040 <= o <= 0x30FF:
            return "Kana"
        if 0x4E00 <= o <= 0x9FFF:
            return "Hani"
        if 0x0400 <= o <= 0x04FF:
            return "Cyrl"
        if 0x1200 <= o <= 0x137F:
            return "Ethi"
    return "Latn"


def rows(languages: tuple[str, ...] = LANGUAGES) -> list[dict[str, str]]:
    """One row per (country, language, name) from CLDR, names excluded above left out."""
    import babel  # optional: generation only
    from babel import Locale

    version = babel.core.get_cldr_version()
    source = f"Unicode CLDR {version} territory names (Babel {babel.__version__}), https://cldr.unicode.org/"
    out: dict[tuple[str, str, str], dict[str, str]] = {}
    for lang in languages:
        names = Locale.parse(lang).territories
        for code in COUNTRIES:
            # Hausa gives two names in one ("Sham, Siriya", "Burma, Miyamar"): each is a name of its own
            for name in (n.strip() for n in names.get(code, "").split(", ")):
                _add(out, code, lang, name, source)
    return [out[k] for k in sorted(out)]


def _add(out: dict[tuple[str, str, str], dict[str, str]], code: str, lang: str, name: str, source: str) -> None:
    """One row, unless the name is excluded above or a Latin name of three letters or fewer."""
    script = _script(name)
    if not name or name in EXCLUDED or (script == "Latn" and len(name) <= 3):
        return
    out[(code, lang, name)] = {
        "country": code,
        "language": lang,
        "script": script,
        "name": name,
        "source": source,
    }


def main() -> int:
    data = rows()
    seen = {(r["country"], r["name"]) for r in data}
    for row in rows(ADDED_LANGUAGES):  # appended: a name another language already gives is not repeated
        if (row["country"], row["name"]) not in seen:
            seen.add((row["country"], row["name"]))
            data.append(row)
    # Appended after those: every name of the later languages, and those of the languages added before that another
    # language already gave (Dutch `Pakistan`, Marathi `चीन`), so each language has its whole list: the case forms
    # of `identify/words/locatives.py` are built on a language's own names.
    written = {(r["country"], r["language"], r["name"]) for r in data}
    for row in [*rows(ADDED_LANGUAGES), *rows(MORE_LANGUAGES)]:
        if (row["country"], row["language"], row["name"]) not in written:
            written.add((row["country"], row["language"], row["name"]))
            data.append(row)
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["country", "language", "script", "name", "source"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(data)
    print(f"{len(data)} names written to {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
