"""Demonyms and adjectives of origin (`Chinese`, `Soviet`, `китайского`, `produkcji niemieckiej`, `الصينية`), each
→ the ISO code of its country.

They describe rather than mark, so they are weaker evidence than a country's name. Written as tables, and
generated where a language inflects a stem (Russian and Polish adjective endings, Arabic feminine and article);
the forms of every language's grammar (`origins`, `inflections`) are merged last, where no table says otherwise.
"""

from __future__ import annotations

from .formats import word_table
from .nationalities import MORE_DEMONYMS
from .origins import GENERATED_DEMONYMS, fold

__all__ = ["DEMONYMS"]

# Demonyms, as catalogue transcriptions write them ("Chinese characters", "Soviet proof", "Russian-made"), in
# English, Italian, Spanish, French and German as police and press reports write them. They describe rather
# than mark, so they are weaker than a country name: they never override the maker's country, except in
# "Russian-made" / "made in the Soviet Union" phrasing.
DEMONYMS: dict[str, str] = word_table(
    """
CN: CHINESE | КИТАЙСКИЙ | 中国制 | CINESE | CHINO | CHINOIS | CHINESISCH | CHINESISCHE
RU: SOVIET | SOVIETS | RUSSIAN | СОВЕТСКИЙ | РОССИЙСКИЙ | RUSSO | RUSO | RUSSE | RUSSISCH | RUSSISCHE | SOVIETICO
RU: SOVIÉTICO | SOVIÉTIQUE | SOVIETIQUE | SOWJETISCH | SOWJETISCHE
BG: BULGARIAN | BULGARO | BULGARE | BULGARISCH
HU: HUNGARIAN | UNGHERESE | HUNGARO | HÚNGARO | HONGROIS | UNGARISCH | UNGARISCHE | ВЕНГЕРСКИЙ
RS: YUGOSLAV | YUGOSLAVIAN | SERBIAN | JUGOSLAVO | YUGOSLAVO | YOUGOSLAVE | JUGOSLAWISCH | YUGO
HR: CROATIAN
RO: ROMANIAN | RUMANIAN | ROMENO | RUMANO | ROUMAIN | RUMÄNISCH
PL: POLISH
CZ: CESKOSLOVENSKA | ČESKOSLOVENSKÁ | CESKOSLOVENSKY | ČESKOSLOVENSKÝ
CZ: CZECH | CZECHOSLOVAK | CZECHOSLOVAKIAN | CECO | CHECO | TCHÈQUE | TSCHECHISCH
SK: SLOVAK
AL: ALBANIAN
UA: UKRAINIAN
DE: EAST GERMAN | WEST GERMAN | GERMAN | TEDESCO | ALEMAN | ALEMÁN | ALLEMAND | DEUTSCH | DEUTSCHE
AT: AUSTRIAN | AUSTRIACO | AUSTRÍACO | AUTRICHIEN | ÖSTERREICHISCH
CH: SWISS | SVIZZERO | SUIZO | SCHWEIZERISCH
BE: BELGIAN | BELGA | BELGE | BELGISCH | BELGISCHE
NL: DUTCH
FR: FRENCH | FRANCESE | FRANCÉS | FRANÇAIS | FRANZÖSISCH
IT: ITALIAN | ITALIANO | ITALIEN | ITALIENISCH | ITALIENISCHE
ES: SPANISH | SPAGNOLO | ESPAÑOL | ESPAGNOL | SPANISCH
PT: PORTUGUESE
GB: BRITISH | BRITANNICO | BRITÁNICO | BRITANNIQUE | BRITISCH
FI: FINNISH
SE: SWEDISH | SCHWEDISCH | SCHWEDISCHE | SWEDE
NO: NORWEGIAN
DK: DANISH
GR: GREEK
TR: TURKISH | TURCO | TURC | TÜRKISCH | TÜRKISCHE
IL: ISRAELI | ISRAELIANO | ISRAELÍ | ISRAÉLIEN
IR: IRANIAN
IQ: IRAQI
EG: EGYPTIAN
PK: PAKISTANI
IN: INDIAN
KP: NORTH KOREAN
KR: SOUTH KOREAN
JP: JAPANESE
JP: 日军 | 日軍 | 侵华日军 | 侵華日軍 | 日伪 | 日偽 | 日寇 | 일제 | 일본군
TW: TAIWANESE
VN: VIETNAMESE
SG: SINGAPOREAN
ID: INDONESIAN
PH: FILIPINO
US: AMERICAN | AMERICANO | AMERICAIN | AMÉRICAIN | AMERIKANISCH | AMERIKANISCHE
CA: CANADIAN
AU: AUSTRALIAN
BR: BRAZILIAN | BRASILIANO | BRASILEÑO | BRÉSILIEN | BRASILIANISCH
AR: ARGENTINE | ARGENTINIAN
MX: MEXICAN
CO: COLOMBIAN
ZA: SOUTH AFRICAN
NG: NIGERIAN
SD: SUDANESE
ET: ETHIOPIAN
SA: SAUDI
VE: VENEZUELAN
IR: FARSI | IRANISCHER | IRANISCHEN
PK: PAKISTANAISE | PAKISTANISCHER | PAKISTANISCHEN
EG: ÉGYPTIENNE | EGYPTIENNE | ÄGYPTISCHER
IQ: IRAKIENNE | IRAKISCHER
CL: CHILEAN
MY: MALAYSIAN
TH: THAI
"""
)
# Inflected forms as police, press and collector texts write them: Italian, Spanish and French feminine and
# plural forms, German adjective endings, and Russian adjectives (a stem with its endings, generated below).
# Demonyms of the other states with an arms or ammunition industry (or craft production: Ghana), as the
# field reports write them ("a Bosnian-made mortar bomb", "Kazakh NSV", "Ghanaian craft shotgun").
DEMONYMS.update(
    word_table(
        """
BA: BOSNIAN | BOSNIAK | HERZEGOVINIAN
SI: SLOVENIAN | SLOVENE
ME: MONTENEGRIN
MK: MACEDONIAN
KZ: KAZAKH | KAZAKHSTANI
UZ: UZBEK
AM: ARMENIAN
AZ: AZERBAIJANI | AZERI
BD: BANGLADESHI
MM: BURMESE | MYANMAR MADE
LK: SRI LANKAN
KE: KENYAN
ZW: ZIMBABWEAN | RHODESIAN
TZ: TANZANIAN
SY: SYRIAN
JO: JORDANIAN
AE: EMIRATI
PE: PERUVIAN
CU: CUBAN
DZ: ALGERIAN
MA: MOROCCAN
LY: LIBYAN
YE: YEMENI
LT: LITHUANIAN
EE: ESTONIAN
LV: LATVIAN
IE: IRISH
GH: GHANAIAN
UG: UGANDAN
EC: ECUADORIAN | ECUADOREAN
BO: BOLIVIAN
PY: PARAGUAYAN
UY: URUGUAYAN
GT: GUATEMALAN
HN: HONDURAN
SV: SALVADORAN | SALVADOREAN
NI: NICARAGUAN
PA: PANAMANIAN
LB: LEBANESE
TN: TUNISIAN
AF: AFGHAN
SO: SOMALI
TD: CHADIAN
ML: MALIAN
CM: CAMEROONIAN
SN: SENEGALESE
CI: IVORIAN
AO: ANGOLAN
MZ: MOZAMBICAN
RW: RWANDAN
LR: LIBERIAN
ER: ERITREAN
SS: SOUTH SUDANESE
NP: NEPALI | NEPALESE
BY: BELARUSIAN | BYELORUSSIAN
MD: MOLDOVAN
MN: MONGOLIAN
QA: QATARI
KW: KUWAITI
OM: OMANI
ZM: ZAMBIAN
"""
    )
)
DEMONYMS.update(
    word_table(
        """
CN: CINESI | CHINOS | CHINAS | CHINOISE | CHINOISES | CHINESISCHEN | CHINESISCHER | SINO SOVIET
RU: RUSSA | RUSSI | RUSSE | RUSA | RUSOS | RUSAS | RUSSES | SOVIETICA | SOVIETICI | SOVIETICHE | SOVIÉTICA
RU: SOVIETICA | SOWJETISCHEN | SOWJETISCHER | RUSSISCHEN | RUSSISCHER | RUSSKI | RUSSKIE
BG: BULGARA | BULGARI | BULGARE | BULGAROS | BULGARISCHE | BULGARISCHEN
HU: UNGHERESI | HUNGARA | HÚNGARA | HONGROISE | UNGARISCHEN | UNGARISCHER
RS: JUGOSLAVA | JUGOSLAVI | YUGOSLAVA | YOUGOSLAVES | JUGOSLAWISCHE | JUGOSLAWISCHEN
RO: RUMENA | RUMENI | ROMENA | ROMENI | RUMANA | ROUMAINE | RUMÄNISCHE | RUMÄNISCHEN
PL: POLACCO | POLACCA | POLACCHI | POLACO | POLACA | POLONAIS | POLONAISE | POLNISCH | POLNISCHE | POLNISCHEN
CZ: CECA | CECOSLOVACCO | CECOSLOVACCA | CHECA | CHECOSLOVACO | TCHÉCOSLOVAQUE | TSCHECHISCHE | TSCHECHOSLOWAKISCH
DE: TEDESCA | TEDESCHI | ALEMANA | ALLEMANDE | DEUTSCHEN | DEUTSCHER | OSTDEUTSCH | OSTDEUTSCHE | OSTDEUTSCHEN
AT: AUSTRIACA | AUSTRÍACA | AUTRICHIENNE | ÖSTERREICHISCHE | ÖSTERREICHISCHEN
CH: SVIZZERA | SUIZA | SCHWEIZER
BE: BELGI | BELGHE | BELGISCHEN
FR: FRANCESI | FRANCESA | FRANÇAISE | FRANZÖSISCHE | FRANZÖSISCHEN
IT: ITALIANA | ITALIANI | ITALIENNE | ITALIENISCHEN
ES: SPAGNOLA | ESPAÑOLA | ESPAGNOLE | SPANISCHE | SPANISCHEN
GB: BRITANNICA | BRITÁNICA | BRITISCHE | BRITISCHEN | INGLESE | INGLÉS | ANGLAIS | ENGLISCH | ENGLISCHE
FI: FINLANDESE | FINLANDÉS | FINLANDAIS | FINNISCH | FINNISCHE
SE: SVEDESE | SUECO | SUÉDOIS
TR: TURCA | TURCHI | TURQUE | TÜRKISCHEN
IL: ISRAELIANA | ISRAELIANI | ISRAÉLIENNE | ISRAELISCH | ISRAELISCHE
IR: IRANIANO | IRANIANA | IRANÍ | IRANIEN | IRANIENNE | IRANISCH | IRANISCHE
IQ: IRACHENO | IRAQUÍ | IRAKIEN | IRAKISCH | IRAKISCHE
PK: PAKISTANO | PAKISTANÍ | PAKISTANAIS | PAKISTANISCH | PAKISTANISCHE
EG: EGIZIANO | EGIPCIO | ÉGYPTIEN | ÄGYPTISCH | ÄGYPTISCHE
KP: NORDCOREANO | NORCOREANO | NORD CORÉEN | NORDKOREANISCH | NORDKOREANISCHE
US: AMERICANA | AMERICANI | AMERICAINE | AMÉRICAINE | AMERIKANISCHEN | STATUNITENSE | ESTADOUNIDENSE
"""
    )
)
# Arabic and Persian (and Urdu) demonyms with the Arabic article and feminine endings (صيني, الصينية; Persian چینی).
DEMONYMS.update(
    word_table(
        """
CN: صيني | صينية | الصيني | الصينية | چینی
RU: روسي | روسية | الروسي | الروسية | سوفيتي | سوفيتية | السوفيتي | السوفيتية | سوفياتي | سوفياتية | روسی
RU: السوفياتي | السوفياتية
EG: مصري | مصرية | المصري | المصرية | مصری
IQ: عراقي | عراقية | العراقي | العراقية | عراقی
IR: إيراني | إيرانية | ايراني | ايرانية | الإيراني | الإيرانية | الايراني | الايرانية | ایرانی
SD: سوداني | سودانية | السوداني | السودانية
BG: بلغاري | بلغارية | البلغاري | البلغارية | بلغاری
RS: يوغوسلافي | يوغوسلافية | اليوغوسلافي | اليوغوسلافية | صربي | صربية
RO: روماني | رومانية | الروماني | الرومانية | رومانیایی
PK: باكستاني | باكستانية | الباكستاني | الباكستانية | پاکستانی
KP: كوري شمالي | كورية شمالية | الكوري الشمالي | الكورية الشمالية
TR: تركي | تركية | التركي | التركية | ترکیه‌ای
US: أمريكي | أمريكية | الأمريكي | الأمريكية | امريكي | امريكية | آمریکایی
BE: بلجيكي | بلجيكية | البلجيكي | البلجيكية
DE: ألماني | ألمانية | الألماني | الألمانية | آلمانی
CZ: تشيكي | تشيكية | تشيكوسلوفاكي | تشيكوسلوفاكية | چکی
HU: مجري | مجرية
PL: بولندي | بولندية | لهستانی
IL: إسرائيلي | إسرائيلية | اسرائيلي | اسرائيلية | اسرائیلی
IN: هندي | هندية | هندی | بھارتی
"""
    )
)
# Russian adjectives: stems, each with the usual endings (китайский, китайская, китайского...).
_RU_ENDINGS = ("ИЙ", "АЯ", "ОЕ", "ИЕ", "ОГО", "ОЙ", "ОМ", "ИХ", "ИМ", "ИМИ", "ОМУ", "УЮ", "ЫЙ", "ЫЕ", "ЫХ")
for _code, _stem in (
    ("CN", "КИТАЙСК"),
    ("RU", "СОВЕТСК"),
    ("RU", "РОССИЙСК"),
    ("RU", "РУССК"),
    ("RO", "РУМЫНСК"),
    ("HU", "ВЕНГЕРСК"),
    ("BG", "БОЛГАРСК"),
    ("PL", "ПОЛЬСК"),
    ("CZ", "ЧЕШСК"),
    ("CZ", "ЧЕХОСЛОВАЦК"),
    ("RS", "ЮГОСЛАВСК"),
    ("DE", "НЕМЕЦК"),
    ("DE", "ГЕРМАНСК"),
    ("US", "АМЕРИКАНСК"),
    ("IR", "ИРАНСК"),
    ("PK", "ПАКИСТАНСК"),
    ("TR", "ТУРЕЦК"),
    ("IL", "ИЗРАИЛЬСК"),
    ("KP", "СЕВЕРОКОРЕЙСК"),
    ("FI", "ФИНСК"),
    ("BE", "БЕЛЬГИЙСК"),
    ("AT", "АВСТРИЙСК"),
    ("IT", "ИТАЛЬЯНСК"),
    ("FR", "ФРАНЦУЗСК"),
    ("GB", "БРИТАНСК"),
    ("EG", "ЕГИПЕТСК"),
    ("IQ", "ИРАКСК"),
    ("UA", "УКРАИНСК"),
    ("BY", "БЕЛОРУССК"),
    ("JP", "ЯПОНСК"),
):
    for _end in _RU_ENDINGS:
        DEMONYMS.setdefault(_stem + _end, _code)
# Polish adjectives of origin (`produkcji niemieckiej`), with and without their diacritics, and more Russian stems
# (`армянского производства`).
_PL_ENDINGS = ("I", "A", "IE", "IEJ", "IEGO", "IM", "ICH", "Ą", "IEMU")
_PL_FOLD = str.maketrans("ĄĆĘŁŃÓŚŹŻ", "ACELNOSZZ")
for _code, _stem in (
    ("RU", "RADZIECK"),
    ("RU", "ROSYJSK"),
    ("RU", "SOWIECK"),
    ("DE", "NIEMIECK"),
    ("CN", "CHIŃSK"),
    ("US", "AMERYKAŃSK"),
    ("BG", "BUŁGARSK"),
    ("RO", "RUMUŃSK"),
    ("HU", "WĘGIERSK"),
    ("RS", "JUGOSŁOWIAŃSK"),
    ("RS", "SERBSK"),
    ("CZ", "CZESK"),
    ("CZ", "CZECHOSŁOWACK"),
    ("IR", "IRAŃSK"),
    ("PK", "PAKISTAŃSK"),
    ("IL", "IZRAELSK"),
    ("IT", "WŁOSK"),
    ("FR", "FRANCUSK"),
    ("GB", "BRYTYJSK"),
    ("UA", "UKRAIŃSK"),
    ("BE", "BELGIJSK"),
    ("SE", "SZWEDZK"),
    ("TR", "TURECK"),
    ("EG", "EGIPSK"),
    ("KP", "PÓŁNOCNOKOREAŃSK"),
    ("AM", "ARMEŃSK"),
    ("BR", "BRAZYLIJSK"),
):
    for _end in _PL_ENDINGS:
        DEMONYMS.setdefault(_stem + _end, _code)
        DEMONYMS.setdefault((_stem + _end).translate(_PL_FOLD), _code)
for _code, _stem in (
    ("AM", "АРМЯНСК"),
    ("AZ", "АЗЕРБАЙДЖАНСК"),
    ("RS", "СЕРБСК"),
    ("KZ", "КАЗАХСТАНСК"),
    ("BR", "БРАЗИЛЬСК"),
    ("SE", "ШВЕДСК"),
    ("CH", "ШВЕЙЦАРСК"),
    ("ES", "ИСПАНСК"),
    ("KR", "ЮЖНОКОРЕЙСК"),
    ("SY", "СИРИЙСК"),
    ("SD", "СУДАНСК"),
    ("IN", "ИНДИЙСК"),
    ("ZA", "ЮАРСК"),
):
    for _end in _RU_ENDINGS:
        DEMONYMS.setdefault(_stem + _end, _code)
# Italian and Portuguese feminine and plural forms (`fabbricazione ucraina`, `fabricação brasileira`)
DEMONYMS.update(
    word_table(
        """
UA: UCRAINA | UCRAINO | UCRAINI | UCRAINE | UCRANIANO | UCRANIANA | UCRANIANOS
AM: ARMENA | ARMENO | ARMENI | ARMENE | ARMENIO
RS: SERBA | SERBO | SERBI | SERBE | SERVIO | SÉRVIO
BR: BRASILEIRA | BRASILEIRO | BRASILEIRAS | BRASILEIROS | BRASILIANA | BRASILIANI
CN: CHINESA | CHINESAS | CHINÊS | CHINESES
DE: ALEMÃ | ALEMÃO | ALEMÃES | ALEMÃS
IL: ISRAELENSE | ISRAELENSES
US: NORTE AMERICANA | NORTE AMERICANO | ESTADUNIDENSE
"""
    )
)
# Demonyms and adjectives of origin. Hindi (https://en.wiktionary.org/wiki/पोलिश, …/रूसी, …/चीनी, …/इज़राइली); Arabic
# masculine and feminine, with and without the article (https://en.wiktionary.org/wiki/نمساوي, …/فرنسي, …/إيطالي,
# …/بريطاني); Persian and Urdu in -ی (https://en.wiktionary.org/wiki/اتریشی).
DEMONYMS.update(
    {
        word: code
        for word, code in word_table(
            """
PL: पोलिश | पोलैंड का
TR: तुर्की | तुर्क
BG: बुल्गारियाई | बल्गेरियाई | बुल्गारियन
RU: रूसी | सोवियत
CN: चीनी
IL: इज़राइली | इजराइली | इसराइली | इस्राइली | इजरायली
US: अमेरिकी | अमरीकी
DE: जर्मन
GB: ब्रिटिश
IR: ईरानी
PK: पाकिस्तानी
IN: भारतीय
IT: इतालवी
FR: फ्रांसीसी | फ़्रांसीसी
BE: बेल्जियम का
AT: ऑस्ट्रियाई
CH: स्विस
RS: यूगोस्लाव | सर्बियाई
RO: रोमानियाई
HU: हंगेरियन | हंगरी का
KP: उत्तर कोरियाई
KR: दक्षिण कोरियाई
JP: जापानी
UA: यूक्रेनी
CZ: चेकोस्लोवाकियाई
"""
        ).items()
    }
)
_ARABIC_DEMONYM_STEMS = word_table(
    """
AT: نمساوي
CH: سويسري
FR: فرنسي
IT: إيطالي | ايطالي
GB: بريطاني | إنجليزي | انجليزي
JP: ياباني
KR: كوري جنوبي
UA: أوكراني | اوكراني
BY: بيلاروسي
HR: كرواتي
SK: سلوفاكي
FI: فنلندي
SE: سويدي
ES: إسباني | اسباني
PT: برتغالي
BR: برازيلي
ZA: جنوب أفريقي
SG: سنغافوري
TW: تايواني
VN: فيتنامي
JO: أردني | اردني
SY: سوري
SA: سعودي
AE: إماراتي | اماراتي
LY: ليبي
DZ: جزائري
MA: مغربي
GR: يوناني
NL: هولندي
AL: ألباني | الباني
IN: هندي
YU: يوغسلافي
"""
)
for _word, _code in _ARABIC_DEMONYM_STEMS.items():
    _parts = _word.split()
    for _fem in (False, True):
        _forms = [p + "ة" if _fem and p.endswith("ي") else p for p in _parts]
        for _form in (" ".join(_forms), " ".join("ال" + p for p in _forms)):
            DEMONYMS.setdefault(_form, "RS" if _code == "YU" else _code)
DEMONYMS.update(
    word_table(
        """
AT: اتریشی
FR: فرانسوی
IT: ایتالیایی
GB: انگلیسی | بریتانیایی
JP: ژاپنی
KR: کره‌ای | کره جنوبی
UA: اوکراینی
TR: ترکیه‌ای | ترک | ترکی
CN: چینی | چین کا
RU: روسی | سوویت
BE: بلژیکی
CZ: چک
SE: سوئدی
CH: سوئیسی
CN: จีน | อักษรจีน
US: อเมริกัน
RU: รัสเซีย
"""
    )
)
# Turkish names the nation with a bare noun before a word of making or origin (`Rus yapımı`, `Çin malı`, `Sovyet
# menşeli`): https://easy-turkish.de/en/2020/07/27/lesson-15/ (Rus = Russian, Çin = China, İngiliz = English).
DEMONYMS.update(
    word_table("""
RU: RUS | SOVYET
CN: ÇIN | ÇİN
GB: İNGILIZ | İNGİLİZ | INGILIZ
""")
)
# Arabic demonyms with the article too (الإسرائيلي, الإسرائيلية), as the adjective after a definite noun takes it.
DEMONYMS.update(
    {
        "ال" + word: code
        for word, code in list(DEMONYMS.items())
        if "\u0621" <= word[:1] <= "\u064a"
        and not word.startswith("ال")
        and " " not in word
        and "ال" + word not in DEMONYMS
    }
)
# The breadth pass's languages (`nationalities`: Greek, Belarusian, Georgian, Armenian, Marathi, Baltic).
DEMONYMS.update({_w: _c for _w, _c in MORE_DEMONYMS.items() if _w not in DEMONYMS})
# Merged last: the forms generated by each language's grammar (`origins`), where no line above already reads them.
_WRITTEN = {fold(w) for w in DEMONYMS}
for _word, _code in GENERATED_DEMONYMS.items():
    if fold(_word) not in _WRITTEN:
        DEMONYMS[_word] = _code
