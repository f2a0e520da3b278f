"""Country names as marked and written: English, national languages, other scripts, former states, and the Unicode
CLDR names merged last, each name → its ISO code.

The strongest country word of a marking (`MADE IN CHINA`, `ЮГОСЛАВИЈА`): the table is built in steps whose order
matters (possessives of the English names, then the other scripts, then CLDR where nothing above says it, then the
Arabic clitic forms of every one-word Arabic name).
"""

from __future__ import annotations

import csv
import re
import unicodedata

from armstrace.reference import reference_dir

from ..exonyms import cldr_country_names
from .demonyms import DEMONYMS
from .formats import word_table
from .locatives import BELARUSIAN_MADE_IN, belarusian_locative
from .manufacture import MADE_IN, MADE_IN_COUNTRY
from .names import DESIGNER_GIVEN_NAMES, ORDINARY_WORD_NAMES, PERSONAL_NAMES
from .origins import GENERATED_COUNTRY_FORMS
from .places import GUNMAKING_PLACES

__all__ = ["CLDR_COUNTRY_WORDS", "COUNTRY_WORDS"]

# Country names as marked (normalised when indexed; English, national languages and short forms seen in
# transcriptions). GEORGIA is left out on purpose: it is far more often the US state in an importer's
# address (CAI GEORGIA VT).
COUNTRY_WORDS: dict[str, str] = word_table(
    """
US: USA | US A | UNITED STATES | UNITED STATES OF AMERICA
CN: CHINA | PRC | P R CHINA | PR CHINA | PEOPLES REPUBLIC OF CHINA | 中国 | 中 国 | 中华人民共和国
CN: MADE IN CHINA | КИТАЙ
RU: RUSSIA | RUSSIAN FEDERATION | USSR | CCCP | СССР | РОССИЯ | SOVIET UNION | U S S R | C C C P | РОССИИ
RU: РОССИЙСКАЯ ФЕДЕРАЦИЯ
RO: ROMANIA | RUMANIA | ROMÂNIA
BG: BULGARIA | БЪЛГАРИЯ
HU: HUNGARY | MAGYARORSZÁG | MAGYARORSZAG
PL: POLAND | POLSKA
UA: UKRAINE | УКРАЇНА | УКРАИНА
BY: BELARUS
RS: YUGOSLAVIA | SERBIA | ЈУГОСЛАВИЈА | ЮГОСЛАВИЯ | СРБИЈА | SRBIJA | JUGOSLAVIJA
HR: CROATIA | HRVATSKA
BA: BOSNIA | BOSNIA AND HERZEGOVINA
CZ: CZECHOSLOVAKIA | CZECH REPUBLIC | CZECHIA | ČSSR | CSSR | ČESKOSLOVENSKO | CESKOSLOVENSKO
SK: SLOVAKIA
AL: ALBANIA
DE: GERMANY | W GERMANY | WEST GERMANY | W GERMAN | EAST GERMANY | DEUTSCHLAND | GDR | DDR
DE: ГДР | NRD
CZ: ЧССР | ЧЕХОСЛОВАКИЯ
RS: СФРЮ | СФРЈ | SFRJ
BE: BELGIUM | BELGIQUE
IT: ITALY | ITALIA
AT: AUSTRIA | ÖSTERREICH | OSTERREICH
CH: SWITZERLAND | SUISSE | SCHWEIZ
FR: FRANCE
ES: SPAIN | ESPANA | ESPAÑA
PT: PORTUGAL
GB: ENGLAND | GREAT BRITAIN | BRITAIN | UNITED KINGDOM | SCOTLAND | MADE IN ENGLAND | U K | UK
FI: FINLAND | SUOMI
SE: SWEDEN | SVERIGE
NO: NORWAY | NORGE
DK: DENMARK
GR: GREECE | HELLAS
TR: TURKEY | TURKIYE | TÜRKIYE | TÜRKİYE
IL: ISRAEL
IR: IRAN | IRAN ISLAMIC REPUBLIC
IQ: IRAQ
PK: PAKISTAN
IN: INDIA
EG: EGYPT
SD: SUDAN
SS: SOUTH SUDAN | REPUBLIC OF SOUTH SUDAN
ET: ETHIOPIA
NG: NIGERIA
ZA: SOUTH AFRICA | RSA
KR: KOREA | REPUBLIC OF KOREA | SOUTH KOREA | S KOREA | ROK | 大韩民国 | 대한민국
KP: NORTH KOREA | DPRK | D P R K | DPR KOREA | D P R KOREA | DEMOCRATIC PEOPLES REPUBLIC OF KOREA | 조선
JP: JAPAN | NIPPON | 日本
TW: TAIWAN
SG: SINGAPORE
PH: PHILIPPINES
VN: VIETNAM | VIET NAM | NORTH VIETNAM
ID: INDONESIA
MY: MALAYSIA
TH: THAILAND
MM: MYANMAR | BURMA
BR: BRAZIL | BRASIL
AR: ARGENTINA
MX: MEXICO
CO: COLOMBIA
CL: CHILE
CA: CANADA
AU: AUSTRALIA
SA: SAUDI ARABIA
AE: UAE | UNITED ARAB EMIRATES
JO: JORDAN
SY: SYRIA
NL: HOLLAND | NETHERLANDS
ZW: RHODESIA | ZIMBABWE
KE: KENYA
TZ: TANZANIA
SO: SOMALIA
LY: LIBYA
DZ: ALGERIA
MA: MOROCCO
TN: TUNISIA
LB: LEBANON
YE: YEMEN
AF: AFGHANISTAN
BD: BANGLADESH
LK: SRI LANKA
NP: NEPAL
VE: VENEZUELA
GH: GHANA
GE: REPUBLIC OF GEORGIA | SAKARTVELO
CY: CYPRUS
IR: ایران | إيران | ايران | جمهوری اسلامی ایران
IQ: العراق | عراق
EG: مصر | جمهورية مصر العربية
SY: سوريا | سورية
SA: السعودية | المملكة العربية السعودية
SD: السودان
JO: الأردن | الاردن
LY: ليبيا
PK: پاکستان | پاكستان | باكستان
AF: افغانستان | أفغانستان
YE: اليمن
AE: الإمارات
RU: روسيا | روسیه
CN: الصين | چین
KP: كوريا الشمالية
US: أمريكا | امریکا | الولايات المتحدة
TR: ترکیه | تركيا
IN: भारत | हिंदुस्तान | ভারত | بھارت | ভারতে
PK: पाकिस्तान | পাকিস্তান | পাকিস্তানে
CN: चीन | চীন | 中华人民共和国 | চীনে
RU: रूस | রাশিয়া | СССР
US: अमेरिका | আমেরিকা
BD: বাংলাদেশ | बांग्लादेश | বাংলাদেশে
NP: नेपाल
IR: ईरान | ইরান
PE: PERU
EC: ECUADOR
BO: BOLIVIA
UY: URUGUAY
PY: PARAGUAY
CU: CUBA
NZ: NEW ZEALAND
IE: IRELAND
LU: LUXEMBOURG
SI: SLOVENIA
ME: MONTENEGRO
MK: NORTH MACEDONIA | MACEDONIA
LT: LITHUANIA
LV: LATVIA
EE: ESTONIA
MD: MOLDOVA
KZ: KAZAKHSTAN
UZ: UZBEKISTAN
KG: KYRGYZSTAN
AM: ARMENIA
AZ: AZERBAIJAN
"""
)
COUNTRY_WORDS.update(
    {
        word + "S": code
        for word, code in list(COUNTRY_WORDS.items())
        if word.isascii() and word[-1].isalpha() and not word.endswith("S") and " " not in word and len(word) > 3
    }
)  # "Russia's solution", "China's factories": the apostrophe goes, the possessive S stays
# Arabic and Persian (and Urdu) names of the countries whose arms are recovered in the Middle East, Africa and
# South Asia (their demonyms are in `demonyms`): a Persian text naming another country (ساخت شوروی, made in the
# USSR) is not Iranian by its script.
COUNTRY_WORDS.update(
    word_table(
        """
RU: SSSR | S S S R
RU: الاتحاد السوفيتي | الاتحاد السوفياتي | الإتحاد السوفيتي | روسيا الاتحادية | شوروی | اتحاد شوروی | روس
RU: اتحاد جماهیر شوروی
BG: بلغاريا | بلغارستان
RS: يوغوسلافيا | يوغسلافيا | صربيا | یوگسلاوی | یوگوسلاوی | صربستان
RO: رومانيا | رومانی
BE: بلجيكا | بلژیک
DE: ألمانيا | المانيا | آلمان
CZ: تشيكوسلوفاكيا | التشيك | چکسلواکی
HU: المجر | مجارستان
PL: بولندا | لهستان
KP: كوريا الديمقراطية | کره شمالی
KR: كوريا الجنوبية | کره جنوبی
IL: إسرائيل | اسرائيل | اسرائیل
IN: الهند | هند
AL: ألبانيا | آلبانی
IT: إيطاليا | ايطاليا | ایتالیا
FR: فرنسا | فرانسه
GB: بريطانيا | المملكة المتحدة | انجلترا | انگلستان | بریتانیا
AT: النمسا | اتریش
US: آمریکا | ایالات متحده
UA: أوكرانيا | اوكرانيا | اوکراین
BY: بيلاروسيا | بلاروس
VN: فيتنام | ویتنام
JP: اليابان | ژاپن
SD: سودان
SY: سوریه
LY: لیبی
YE: یمن
LB: لبنان
SA: عربستان سعودی
"""
    )
)
# identI: country names in the other languages and scripts the engine reads.
# Names that CLDR's one name per language leaves out: former states (ソ連, 苏联, 소련, सोवियत संघ), the short and
# usual forms (アメリカ, 米国, 台灣, 북조선, 터키, तुर्की) and the official ones of the two Koreas and two Chinas.
# Sources: each
# language's Wikipedia article of the state (https://ja.wikipedia.org/wiki/ソビエト連邦,
# https://zh.wikipedia.org/wiki/苏联, https://ko.wikipedia.org/wiki/소련, https://hi.wikipedia.org/wiki/सोवियत_संघ,
# https://ja.wikipedia.org/wiki/ユーゴスラビア, https://zh.wikipedia.org/wiki/南斯拉夫社会主义联邦共和国,
# https://ko.wikipedia.org/wiki/조선민주주의인민공화국, https://zh.wikipedia.org/wiki/中華民國, https://hi.wikipedia.org/wiki/तुर्की).
COUNTRY_WORDS.update(
    {
        word: code
        for word, code in word_table(
            """
RU: ソ連 | ソビエト連邦 | ソビエト | ソヴィエト連邦 | 苏联 | 蘇聯 | 俄国 | 俄國
RU: 소련 | 소비에트 연방 | सोवियत संघ | सोवियत रूस
RU: রাশিয়া | সোভিয়েত ইউনিয়ন | روس
RS: ユーゴスラビア | 南斯拉夫 | 유고슬라비아 | यूगोस्लाविया
CZ: チェコスロバキア | 捷克斯洛伐克 | 체코슬로바키아 | चेकोस्लोवाकिया
DE: 東ドイツ | 西ドイツ | 东德 | 東德 | 西德 | 동독 | 서독 | 독일민주공화국 | पूर्वी जर्मनी
US: アメリカ | 米国 | 美國 | 美利坚合众国 | 미국 | 아메리카 합중국 | अमेरिका | संयुक्त राज्य अमेरिका
GB: 英国 | 英國 | 영국
TW: 中華民国 | 中華民國 | 中华民国 | 台湾 | 台灣 | 臺灣 | 대만 | 타이완 | ताइवान
CN: 中華人民共和国 | 中华人民共和国 | 中國 | 중화인민공화국 | 중국
KP: 朝鮮民主主義人民共和国 | 朝鲜民主主义人民共和国 | 北朝鲜 | 北韓 | 북한 | 북조선
KP: 조선민주주의인민공화국 | उत्तर कोरिया
KR: 大韓民国 | 韓国 | 南韓 | 韩国 | 한국 | 남한 | दक्षिण कोरिया
TR: 터키 | 튀르키예 | तुर्की | トルコ共和国
IL: इज़राइल | इजराइल | इसराइल | इस्राइल | इजरायल
DE: जर्मनी
AT: ऑस्ट्रिया
"""
        ).items()
        if word not in COUNTRY_WORDS
    }
)

# identC (issue 14): Hebrew and Tamil, which the CLDR table (country_names.csv) does not cover: the names of the
# arms-making states as each language's Wikipedia titles them (https://he.wikipedia.org/wiki/סין,
# https://he.wikipedia.org/wiki/איראן, https://he.wikipedia.org/wiki/ברית_המועצות, https://ta.wikipedia.org/wiki/ஈரான்,
# https://ta.wikipedia.org/wiki/சீனா), with the Hebrew clitic מ (from: `מסין`) and the Tamil locative -இல்
# (in: `ஈரானில்`) and adjective forms (`ஈரானிய`) the names take. Not Hebrew תורכיה/טורקיה's short form or names of
# three letters and fewer, which read inside other words. And the Vietnamese names of former states that CLDR's
# Vietnamese names leave out (https://vi.wikipedia.org/wiki/Li%C3%AAn_X%C3%B4, https://vi.wikipedia.org/wiki/Nam_T%C6%B0,
# https://vi.wikipedia.org/wiki/Ti%E1%BB%87p_Kh%E1%BA%AFc); not Mỹ (America), which folds to English "my".
COUNTRY_WORDS.update(
    {
        word: code
        for word, code in word_table(
            """
CN: סין | מסין | בסין | הסינית | סיני | סינית | சீனா | சீனாவில் | சீன | சீனத்
RU: רוסיה | מרוסיה | ברית המועצות | רוסי | רוסית | ரஷ்யா | ரஷ்யாவில் | ரஷ்ய | சோவியத் ஒன்றியம்
IR: איראן | מאיראן | באיראן | איראני | איראנית | ஈரான் | ஈரானில் | ஈரானிய | ஈரானியக்
US: ארצות הברית | ארה״ב | ארה"ב | אמריקאי | אמריקאית | அமெரிக்கா | அமெரிக்காவில் | அமெரிக்க
IL: ישראל | תוצרת ישראל | இஸ்ரேல் | இஸ்ரேலிய
DE: גרמניה | גרמני | גרמנית | ஜெர்மனி | ஜெர்மன்
CZ: צ׳כיה | צ'כיה | צ׳כוסלובקיה | צ'כוסלובקיה | செக் குடியரசு
BE: בלגיה | பெல்ஜியம்
AT: אוסטריה | ஆஸ்திரியா
IT: איטליה | איטלקי | இத்தாலி
FR: צרפת | צרפתי | பிரான்ஸ்
GB: בריטניה | אנגליה | בריטי | பிரிட்டன் | ஐக்கிய இராச்சியம்
TR: טורקיה | טורקי | துருக்கி
EG: מצרים | מצרי | எகிப்து
KP: צפון קוריאה | קוריאה הצפונית | வட கொரியா
KR: דרום קוריאה | தென் கொரியா
TH: ประเทศไทย | ราชอาณาจักรไทย
CN: ประเทศจีน
US: สหรัฐอเมริกา | ประเทศสหรัฐอเมริกา | สหรัฐฯ
MM: ประเทศพม่า | พม่า | မြန်မာ | မြန်မာနိုင်ငံ
KH: កម្ពុជា | ประเทศกัมพูชา | กัมพูชา
LA: ລາວ | ປະເທດລາວ | ประเทศลาว
RS: YOUGOSLAVIE | EX YOUGOSLAVIE | JUGOSLAVIA | EX JUGOSLAVIA | JUGOSLAWIEN | EHEMALIGES JUGOSLAWIEN
RS: IUGOSLÁVIA | IUGOSLAVIA | EX IUGOSLAVIA | ЮГОСЛАВІЯ | ЮГОСЛАВІЇ | ЮГОСЛАВИИ | EX YUGOSLAVIA
RU: URSS | EX URSS | ANCIENNE URSS | UDSSR | EHEMALIGE UDSSR | СРСР | ZSRR | SSSR | EX USSR | FORMER USSR
KP: ПІВНІЧНА КОРЕЯ | ПІВНІЧНОЇ КОРЕЇ | ПІВНІЧНІЙ КОРЕЇ | КНДР | СЕВЕРНАЯ КОРЕЯ | СЕВЕРНОЙ КОРЕЕ | СЕВЕРНОЙ КОРЕИ
PK: פקיסטן | பாகிஸ்தான் | பாகிஸ்தானில்
IN: הודו | இந்தியா | இந்தியாவில் | இந்திய
LK: இலங்கை | இலங்கையில் | இலங்கை இராணுவ
BG: בולגריה | பல்கேரியா
RO: רומניה | ருமேனியா
RS: יוגוסלביה | סרביה | யூகோஸ்லாவியா | செர்பியா
PL: פולין | போலந்து
HU: הונגריה | ஹங்கேரி
ES: ספרד | ஸ்பெயின்
BR: ברזיל | பிரேசில்
SY: סוריה | சிரியா
IQ: עיראק | ஈராக்
RU: LIÊN XÔ | LIÊN BANG XÔ VIẾT
RS: NAM TƯ
CZ: TIỆP KHẮC
DE: ĐÔNG ĐỨC | TÂY ĐỨC
KP: BẮC TRIỀU TIÊN | CHDCND TRIỀU TIÊN
"""
        ).items()
        if word not in COUNTRY_WORDS
    }
)


# Arabic clitics written onto a country's name: و (and), ب (in, by), ل (for), and with the article بال, وال, لل
# (`بألمانيا`, `والصين`, `بالصين`, `للعراق`). https://en.wiktionary.org/wiki/بـ, https://en.wiktionary.org/wiki/وـ
_ARABIC_CLITICS = ("و", "ب", "ل")


def _clitic_forms(word: str) -> tuple[str, ...]:
    if word.startswith("ال"):
        return ("وال" + word[2:], "بال" + word[2:], "لل" + word[2:], "فال" + word[2:])
    return tuple(c + word for c in _ARABIC_CLITICS)


# Merged last: the Unicode CLDR names (exonyms.cldr_country_names), where no word above already says it (a name that
# is already another country's word, or a demonym, keeps its reading).
def _key(word: str) -> str:
    """A word compared without case, accents or punctuation (CLDR's `Swiss` is the demonym SWISS, already read)."""
    upper = word.upper()
    if upper.isascii() and upper.isalnum():
        return upper  # most words: nothing to decompose or remove
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKD", upper))


_NOT_ALNUM = re.compile(r"[\W_]+")  # `\w` is str.isalnum() and the underscore: what is not kept


_READ = {_key(w) for table in (COUNTRY_WORDS, DEMONYMS, GUNMAKING_PLACES, MADE_IN_COUNTRY) for w in table}
# A CLDR name that is also a person's name or an ordinary word on the lists of `names` is left out, as the generated
# forms are (`origins`).
_NAMES = {_key(w) for w in PERSONAL_NAMES | ORDINARY_WORD_NAMES | DESIGNER_GIVEN_NAMES}
_TAKEN = _READ | _NAMES
CLDR_COUNTRY_WORDS: dict[str, str] = {
    name: code for name, code in cldr_country_names().items() if _key(name) not in _TAKEN
}
COUNTRY_WORDS.update(CLDR_COUNTRY_WORDS)
# Country names inflected by their language's grammar (Turkish Rusya'da, İran'dan; Somali Ruushka): where no word
# above or demonym reads them already.
# Built on the CLDR names, they count as CLDR's: not names as marked, whose letters fill an illegible gap.
for _word, _code in GENERATED_COUNTRY_FORMS.items():
    if _key(_word) not in _READ and _word not in COUNTRY_WORDS:
        COUNTRY_WORDS[_word] = CLDR_COUNTRY_WORDS[_word] = _code
for _word, _code in list(COUNTRY_WORDS.items()):
    if "\u0621" <= _word[:1] <= "\u064a" and " " not in _word and len(_word) >= 4:  # Arabic letters, one word
        for _form in _clitic_forms(_word):
            COUNTRY_WORDS.setdefault(_form, _code)
# Hausa names left out as given names or surnames (`origins._HAUSA_EXCLUDED`: Rasha, Holan, Polan) still name the
# country after a word of making or origin: `kirar Rasha` (made in Russia), `ta Rasha` (of), `daga Rasha` (from).
COUNTRY_WORDS.update(
    {
        f"{opener} {name}": code
        for name, code in (("RASHA", "RU"), ("HOLAN", "NL"), ("POLAN", "PL"))
        for opener in ("KIRAR", "TA", "DAGA")
    }
)


# fixD (issue 14, review I): the locative of a Ukrainian or Polish country name after a made-in phrase of its language
# (`виготовлено в Болгарії`, `wyprodukowany w Czechach`), generated by the regular endings from the CLDR names
# (https://en.wiktionary.org/wiki/Appendix:Ukrainian_declension, https://en.wiktionary.org/wiki/Appendix:Polish_nouns):
# Ukrainian -ія → -ії, -а → -і (ка → ці, га → зі, ха → сі), -й → -ї, -ь → -і, -и → -ах, a velar → +у, another
# consonant → +і; Polish -ia → -ii, -ja → -ji, -ka → -ce, -ga → -dze, -cha → -sze, -ta → -cie, -da → -dzie,
# -ra → -rze, -ła → -le, -a → -ie, -y/-i → -ach, a velar → +u, -t → -cie, -d → -dzie, -r → -rze, another consonant
# → +ie; and the irregular Polish plurals (Niemczech, Węgrzech, Włoszech, Stanach Zjednoczonych). Only with the
# made-in phrase: a bare locative is as often a place of recovery, and short ones are ordinary words (Малі, small).
_UK_ENDINGS = (
    ("ІЯ", "ІЇ"),
    ("ЇЯ", "ЇЇ"),
    ("КА", "ЦІ"),
    ("ГА", "ЗІ"),
    ("ХА", "СІ"),
    ("А", "І"),
    ("Й", "Ї"),
    ("Ь", "І"),
    ("И", "АХ"),
    ("К", "КУ"),
    ("Г", "ГУ"),
    ("Х", "ХУ"),
)
_PL_ENDINGS = (
    ("IA", "II"),
    ("JA", "JI"),
    ("KA", "CE"),
    ("GA", "DZE"),
    ("CHA", "SZE"),
    ("TA", "CIE"),
    ("DA", "DZIE"),
    ("RA", "RZE"),
    ("ŁA", "LE"),
    ("A", "IE"),
    ("Y", "ACH"),
    ("I", "ACH"),
    ("K", "KU"),
    ("G", "GU"),
    ("CH", "CHU"),
    ("L", "LU"),  # soft and functionally soft endings take -u: Izrael → Izraelu, Nepal → Nepalu, Urugwaj → Urugwaju
    ("J", "JU"),
    ("SZ", "SZU"),
    ("T", "CIE"),
    ("D", "DZIE"),
    ("R", "RZE"),
)
# Ukrainian abbreviations are not declined (`вироблено в США`, https://en.wiktionary.org/wiki/США)
_UK_UNDECLINED = {"США": "US", "КНР": "CN"}
_PL_IRREGULAR = {"NIEMCZECH": "DE", "WĘGRZECH": "HU", "WŁOSZECH": "IT", "STANACH ZJEDNOCZONYCH": "US"}


def _locative(name: str, endings: tuple[tuple[str, str], ...], consonant: str) -> str | None:
    upper = name.upper()
    if " " in upper or "-" in upper or len(upper) < 4:
        return None  # a name of several words, or a short one that is also an ordinary word
    for ending, form in endings:
        if upper.endswith(ending):
            return upper[: -len(ending)] + form
    return upper + consonant if upper[-1].isalpha() and upper[-1] not in "AEIOUYАЕЄИІЇОУЮЯ" else None


def _made_in_locatives() -> dict[str, str]:
    names: dict[str, dict[str, str]] = {"uk": dict(_UK_UNDECLINED), "pl": dict(_PL_IRREGULAR), "be": {}}
    with (reference_dir() / "country_names.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            lang, code = row["language"], row["country"].strip()
            if lang == "be" and (be_form := belarusian_locative(row["name"].strip())):
                names["be"].setdefault(be_form, code)  # Belarusian: `зроблена ў Кітаі`
            elif lang in names:
                endings, consonant = (_UK_ENDINGS, "І") if lang == "uk" else (_PL_ENDINGS, "IE")
                form = _locative(row["name"].strip(), endings, consonant)
                if form:
                    names[lang].setdefault(form, code)
    openers = {
        "uk": [p for p in MADE_IN if p.startswith(("ВИРОБЛЕН", "ВИГОТОВЛЕН")) and p.endswith((" В", " У"))],
        "pl": [p for p in MADE_IN if p.startswith("WYPRODUKOWAN") and p.endswith((" W", " WE"))],
        "be": list(BELARUSIAN_MADE_IN),
    }
    return {f"{o} {form}": code for lang, forms in names.items() for o in openers[lang] for form, code in forms.items()}


for _phrase, _code in _made_in_locatives().items():
    MADE_IN_COUNTRY.setdefault(_phrase, _code)
