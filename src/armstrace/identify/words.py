"""The word lists of marking identification: country names, demonyms, gunmaking towns, "made in"
phrases, and the words that say what kind of item a marking is on.

Kept apart from the engine so that the lists can grow without touching the logic. Country tables are
written one country per line (`CC: WORD | WORD …`, words as marked, normalised when indexed).
"""

from __future__ import annotations

import unicodedata

from .exonyms import cldr_country_names
from .languages import LANGUAGE_TYPE_WORDS

__all__ = [
    "AMMO_WORDS",
    "BULK_EXPLOSIVE_WORDS",
    "CASE_HEAD_WORDS",
    "CLDR_COUNTRY_WORDS",
    "COPY_AFTER",
    "COPY_BEFORE",
    "COPY_VERBS",
    "COUNTRY_WORDS",
    "CRAFT_CENTRES",
    "DEMONYMS",
    "DESIGNER_GIVEN_NAMES",
    "DESIGN_TYPE_WORDS",
    "EXPLOSIVE_WORDS",
    "FIREARM_CONTEXT_AMMO_WORDS",
    "FIREARM_WORDS",
    "GENERIC_MAKER_WORDS",
    "GUNMAKING_PLACES",
    "LANGUAGE_COUNTRY_WORDS",
    "LANGUAGE_TYPE_WORDS",
    "MADE_AFTER",
    "MADE_IN",
    "MADE_IN_COUNTRY",
    "MADE_OPENS",
    "MADE_POSTPOSITIONS",
    "MINE_NOUNS",
    "MONTHS",
    "ORDINARY_WORD_NAMES",
    "ORDNANCE_WORDS",
    "PACKAGING_WORDS",
    "PERSONAL_NAMES",
    "PERSONAL_TITLES",
    "PLACE_WORDS",
    "PROPELLANT_PHRASES",
    "SERIAL_LABELS",
    "USER_AFTER",
    "USER_CUES",
    "WEAK_AMMO_WORDS",
    "WEAPON_TYPE_WORDS",
    "WORD_DESIGNATIONS",
    "WORKSHOP_TOWNS",
    "YEAR_LABELS",
]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _table(text: str) -> dict[str, str]:
    """`CC: WORD | WORD` lines → {WORD: CC}."""
    out: dict[str, str] = {}
    for line in text.strip().splitlines():
        code, _, words = line.partition(":")
        for word in words.split("|"):
            out[word.strip()] = code.strip()
    return out


def _phrases(text: str) -> tuple[str, ...]:
    """`PHRASE | PHRASE` lines → the phrases in order."""
    return tuple(p.strip() for p in text.replace("\n", "|").split("|") if p.strip())


# Country names as marked (normalised when indexed; English, national languages and short forms seen in
# transcriptions). GEORGIA is left out on purpose: it is far more often the US state in an importer's
# address (CAI GEORGIA VT).
COUNTRY_WORDS: dict[str, str] = _table(
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
# Demonyms, as catalogue transcriptions write them ("Chinese characters", "Soviet proof", "Russian-made"), in
# English, Italian, Spanish, French and German as police and press reports write them. They describe rather
# than mark, so they are weaker than a country name: they never override the maker's country, except in
# "Russian-made" / "made in the Soviet Union" phrasing.
DEMONYMS: dict[str, str] = _table(
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
    _table(
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
"""
    )
)
DEMONYMS.update(
    _table(
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
# Arabic and Persian (and Urdu) names of the countries whose arms are recovered in the Middle East, Africa and
# South Asia, and their demonyms with the Arabic article and feminine endings (صيني, الصينية; Persian چینی): a
# Persian text naming another country (ساخت شوروی, made in the USSR) is not Iranian by its script.
COUNTRY_WORDS.update(
    _table(
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
DEMONYMS.update(
    _table(
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
# Gunmaking towns as marked on barrels and locks (LIEGE, SUHL, EIBAR, GARDONE V.T.): weak country evidence
# when no maker is identified. Ambiguous names (BIRMINGHAM, LONDON, SPRINGFIELD) are left out.
GUNMAKING_PLACES: dict[str, str] = _table(
    """
BE: LIEGE | HERSTAL
DE: SUHL | ZELLA-MEHLIS | ZELLA MEHLIS | OBERNDORF | ERFURT | SPANDAU | ULM
ES: EIBAR | GUERNICA | ELGOIBAR | OVIEDO
IT: GARDONE | GARDONE V T | GARDONE VAL TROMPIA | BRESCIA | TERNI
AT: FERLACH | STEYR
FR: ST ETIENNE | SAINT ETIENNE | ST ETTIENNE | CHATELLERAULT | TULLE
GB: EDINBURGH | ENFIELD LOCK
RU: TULA | ТУЛА | IZHEVSK | ИЖЕВСК | KOVROV | SESTRORETSK
RS: KRAGUJEVAC
RO: CUGIR
BG: KAZANLAK | KAZANLUK | SOPOT
PK: DARRA | DARRA ADAM KHEL | DARA ADAM KHEL | DARRA ADAMKHEL | KHYBER PASS | درہ آدم خیل | درہ آدمخیل
PH: DANAO | DANAO CITY
IQ: ISKANDARIYA
RS: UZICE | UŽICE | VALJEVO | CACAK | ČAČAK
PL: RADOM
CZ: UHERSKY BROD | BRNO | VSETIN
HU: BUDAPEST
SE: ESKILSTUNA | HUSKVARNA
NO: KONGSBERG
FI: RIIHIMAKI | JYVASKYLA
US: HARTFORD CONN | ILION NY | NEW HAVEN CONN | SPRINGFIELD MASS
PK: WAH CANTT
TR: KIRIKKALE | ANKARA
IN: ISHAPORE
AU: LITHGOW
JP: KOKURA | NAGOYA | KOISHIKAWA
CN: HANYANG | MUKDEN
"""
)
# Words that, after a country name or demonym, say it is the country of manufacture ("Russian-made").
MADE_AFTER = frozenset({"MADE", "MFD", "MANUFACTURED", "PRODUCED", "BUILT", "MANUFACTURE", "PRODUCTION"})
# Words that, right after "MADE", open a phrase of their own ("Saudi Arabia, made by FN", "Kenya, made in
# Serbia"): the country before is then not "X-made".
MADE_OPENS = frozenset({"BY", "IN", "FOR", "UNDER", "AT", "FROM", "WITH", "THE"})
# Craft-gunmaking centres whose workshops copy foreign arms and stamp their brands and a false MADE IN: named as
# where an item comes from, their country is its origin, reported against the marks as a conflict.
CRAFT_CENTRES: dict[str, str] = _table(
    """
PK: DARRA | DARRA ADAM KHEL | DARA ADAM KHEL | DARRA ADAMKHEL | ADAM KHEL | KHYBER PASS | KHYBER | درہ آدم خیل | درہ
PH: DANAO | DANAO CITY
IN: MUNGER | MONGHYR
"""
)
# Munger (Bihar): illegal workshops copy foreign pistols etched 'Made in Italy', 'Made in USA' (IANS, Business
# Standard 2014-06-10, https://business-standard.com/amp/article/news-ians/made-in-munger-a-bihar-cottage-industry-
# trusted-by-criminals-ians-special-114061000808_1.html).
# Towns of a craft-gunmaking region, read as an origin only after a workshop word ("a workshop in Peshawar"): alone
# they are ordinary places. Darra Adam Khel's workshops lie between Peshawar and Kohat
# (http://www.khyber.org/places/2009/Replica_Factories_of_Darra_Ada.shtml; https://www.dawn.com/news/1023240/wild-wild-adam-khel).
WORKSHOP_TOWNS: dict[str, str] = _table(
    """
PK: PESHAWAR | KOHAT
"""
)
# Words that, before a country word, say the country is where the item was made.
MADE_IN: tuple[str, ...] = _phrases(
    """
MADE IN | MADE IN THE | MFD IN | MFG IN | MANUFACTURED IN | PRODUCT OF | PRODUCED IN | FABRIQUE EN
MANUFACTURE IN | MANUFACTURE IN THE | PRODUCTION IN | ASSEMBLED IN THE
FABRIQUÉ EN | HECHO EN | FABRICADO EN | INDUSTRIA | СДЕЛАНО В | ИЗГОТОВЛЕНО В | MADE | ASSEMBLED IN
FABBRICAZIONE | DI FABBRICAZIONE | FABBRICATO IN | PRODUZIONE | DI PRODUZIONE | FABRICACION
FABRICACIÓN | DE FABRICACION | DE FABRICACIÓN | FABRICATION | DE FABRICATION | HERGESTELLT IN
HERSTELLUNG | MANUFACTURED IN THE | PRODUCED IN THE | BUILT IN | BUILT IN THE | FABRICATED IN | MFD IN THE
PRODOTTO IN | PRODOTTA IN | PRODOTTE IN | PRODOTTI IN | FABRICADO EN LA | FABRIQUÉ AU | FABRIQUE AU
صنع في | صنع | ساخت | ساخت کشور | تولید | ИЗГОТОВЛЕНО | ПРОИЗВЕДЕНО В | ВИРОБЛЕНО В
SDELANO V | SDELANO VO | IZGOTOVLENO V | PROIZVEDENO V | НАПРАВЕНО В | ПРОИЗВЕДЕНО У | ИЗРАЂЕНО У | PROIZVEDENO U
إنتاج | انتاج | صناعة | من صنع | ساخته شده در | تولید شده در
СДЕЛАН В | СДЕЛАНА В | СДЕЛАНЫ В | ИЗГОТОВЛЕН В | ИЗГОТОВЛЕНА В | ПРОИЗВЕДЕН В | ПРОИЗВЕДЕНА В | ПРОИЗВОДСТВА
"""
)
# Phrases that both say "made in" and name the country.
MADE_IN_COUNTRY: dict[str, str] = _table(
    """
CN: 中国制造 | 中 国 制 造 | 中国製 | 中國製
RU: ソ連製 | ソビエト製 | ロシア製
KP: 北朝鮮製
US: アメリカ製 | 米国製
DE: ドイツ製
CZ: チェコ製 | チェコスロバキア製
BE: ベルギー製
IL: イスラエル製
IR: イラン製
PK: パキスタン製
BG: ブルガリア製
RS: ユーゴスラビア製 | セルビア製
RO: ルーマニア製
PL: ポーランド製
HU: ハンガリー製
EG: エジプト製
IQ: イラク製
AT: オーストリア製
IT: イタリア製
FR: フランス製
GB: イギリス製 | 英国製
JP: 日本製
IR: 이란제 | 이란산
IN: 인도제 | 인도산
SD: 수단제 | 수단산
RU: СДЕЛАНО В СССР | СДЕЛАНО В РОССИИ | ИЗГОТОВЛЕНО В РОССИИ
AR: INDUSTRIA ARGENTINA
US: MADE IN U S A
"""
)

FIREARM_WORDS = _words(
    "RIFLE CARBINE PISTOL REVOLVER SHOTGUN SMG SUBMACHINE GUN MACHINE LAUNCHER RECEIVER BARREL SLIDE "
    "FRAME SELECTOR SAFE SEMI AUTO FIRE BOLT SERIAL SN ВИНТОВКА ПИСТОЛЕТ АВТОМАТ ПУЛЕМЕТ КАРАБИН "
    # Arabic, Persian and Urdu: rifle, pistol, machine gun
    "بندقية بندقيه تفنگ رائفل مسدس تپانچه پستول رشاش تیربار "
    # fixO: black-powder guns, so `black powder musket` names a gun, not a bulk propellant
    # (https://en.wikipedia.org/wiki/Muzzleloader, https://ru.wikipedia.org/wiki/Ружьё)
    "MUSKET MUSKETS MUZZLELOADER MUZZLELOADERS MUZZLE-LOADER FLINTLOCK FLINTLOCKS MATCHLOCK VORDERLADER "
    "РУЖЬЁ РУЖЬЕ РУЖЬЯ РУЖЬЮ РУЖЬЁМ РУЖЬЕМ РУЖЬЯМИ"
)
# Names of designs in other scripts that are also ordinary words of the language (Arabic الغليل, "the thirst" or
# "the rancour", as in شفاء الغليل): read as the design only beside a weapon word or the design's Latin name.
ORDINARY_WORD_NAMES = _words("الغليل ТЭН")  # ТЭН: PETN, and the everyday word for a heating element (fixO)
# Latin-script designations spelt as one word that is also an ordinary English word, a person's name or a place
# (the Egyptian Rasheed carbine and Colonel Rashid, the Iraqi Tabuk and the Saudi town, the Makarov PM and 5 PM,
# the HOT missile): in prose they name the design only beside a weapon word, calibre, maker or nationality.
# An explicit list (fixQ): a designation that is no ordinary word (Dragunov, RPK, SKS, Skorpion) needs no support.
WORD_DESIGNATIONS = _words(
    "RASHID RASHEED POLK TABUK PM HOT BONUS SPIKE GRAIL COUGAR CHEETAH BOBCAT PYTHON ANACONDA RHINO HELLCAT TOMCAT "
    "STINGER VANGUARD WRANGLER PEACEMAKER THUMPER SIGMA BRIGADIER MATADOR TARIQ HASHIM NADER RAMI RAMON KAREEN SANI "
    "MISR AL-QUDS KHAYBAR MASADA GRAD MILAN MISTRAL BLACKHAWK SUPERNOVA TOW REDEYE SPIGOT BARAK STERLING SPANDREL "
    "SCAR MINX NEGEV JERICHO GALATZ CORDOVA BANGALORE KIRIKKALE ZIGANA YAVUZ KANUNI ASTROS CHIRON BERYL RAAD ARASH "
    "METIS FAGOT ERYX ARMBRUST BLOWPIPE COPPERHEAD DRAGONTOOTH AMELI SNIDER AUSTEN LANCHESTER"
)
# Titles before a name: `Colonel Rashid` is a person even beside `rifles`.
PERSONAL_TITLES = _words(
    "COLONEL COL GENERAL GEN MR MRS MS DR SHEIKH SHAIKH SHEIK CAPTAIN CAPT LIEUTENANT LT SERGEANT SGT CORPORAL "
    "PRESIDENT MINISTER PRINCE SIR BROTHER MRS. MR. DR. COMMANDER CMDR BRIGADIER-GENERAL MAJOR-GENERAL IMAM HAJJI"
)
# CTG / CARTRIDGE alone are not enough: revolver barrels are marked ".38 SPECIAL CTG".
WEAK_AMMO_WORDS = _words("CTG CTGS CARTRIDGE CARTRIDGES CART")
AMMO_WORDS = _words(
    "BALL TRACER ROUNDS RDS AMMUNITION AMMO HEADSTAMP BULLET BULLETS "
    "PRIMER LINKED CLIPS ПАТРОН ПАТРОНЫ ПАТРОНОВ ЛПС ПС БЗ Т45 弹 枪弹 "
    "MUNIZIONI MUNIZIONE CARTUCCE CARTUCCIA BOSSOLO BOSSOLI MUNITION MUNITIONS CARTOUCHE CARTOUCHES MUNICION "
    "MUNICIONES CARTUCHO CARTUCHOS MUNITIONEN PATRONE PATRONEN HÜLSE BODENSTEMPEL БОЕПРИПАСЫ ГИЛЬЗА "
    # Arabic and Persian: cartridge, round, ammunition (فشنگ, طلقة, ذخيرة, مهمات)
    "فشنگ فشنگهای طلقة طلقات ذخيرة ذخائر خرطوش مهمات"
)
# Words for a cartridge case and its head in the languages recoveries are described in (identN): without one, a code
# and year written beside them (`на донце гильзы 270 и 88`, `marquage du culot : 539 84`) were read in no ammunition
# context, so no headstamp was read at all. `CASE` and `SHELL` are left out (a carrying case, an artillery shell).
CASE_HEAD_WORDS = _words(
    "CASING CASINGS HEADSTAMPED HEADSTAMPS ГИЛЬЗЫ ГИЛЬЗ ГИЛЬЗЕ ГИЛЬЗАХ ДОНЦЕ ДОНЫШКО ГІЛЬЗА ГІЛЬЗИ "
    "HULSE HULSEN HULSENBODEN HUELSENBODEN BODENPRAGUNG CULOT CULOTS DOUILLE DOUILLES CULOTE VAINA VAINAS "
    "CASQUILLO CASQUILLOS FONDELLO FONDELLI ESTOJO ESTOJOS LUSKA LUSKI CAURA CAURE ЧАУРА ЧАУРЕ KOVAN KOVANI پوکه 壳 "
    # Czech and Slovak nábojnice, Indonesian and Malay selongsong, Japanese 薬莢 (read character by character)
    "NABOJNICE NABOJNICA NABOJNIC SELONGSONG 莢"
)
AMMO_WORDS = AMMO_WORDS | CASE_HEAD_WORDS
# The ammunition words a gun's own description uses too ("fed all rounds, from 9x18 ball to hollow points"):
# with a weapon type named and no headstamp code, they do not make the item ammunition.
FIREARM_CONTEXT_AMMO_WORDS = _words("BALL TRACER ROUNDS RDS BULLET BULLETS PRIMER LINKED CLIPS")
EXPLOSIVE_WORDS = _words(
    "GRENADE GRENADES TNT RDX HMX PETN SEMTEX EXPLOSIVE EXPLOSIVES DETONATOR DETONATORS FUZE MINE MINES "
    "CLAYMORE DEMOLITION WARHEAD HEAT FRAG FRAGMENTATION MORTAR COMPOSITION ГРАНАТА ТРОТИЛ "
    "ВЗРЫВЧАТОЕ МИНА 手榴弹 炸药"
)
# Munitions that are not small-arms cartridges (rockets, grenades, mortar bombs, fuzes, mines, missiles):
# the `ordnance` kind. Bulk explosives, charges and detonators stay `explosive`.
ORDNANCE_WORDS = _words(
    "GRENADE GRENADES FUZE FUZES LANDMINE LANDMINES CLAYMORE WARHEAD HEDP FRAG "
    "FRAGMENTATION MORTAR ROCKET ROCKETS MISSILE MISSILES ATGM MANPADS RPG RECOILLESS "
    "ГРАНАТА ГРАНАТЫ МИНА ВЗРЫВАТЕЛЬ ЗАПАЛ РАКЕТА ВЫСТРЕЛ 手榴弹 火箭弹 迫击炮弹 引信 地雷 导弹 قذيفة صاروخ "
    "قنبلة نارنجک موشک خمپاره هاون لغم مین راکت"
)
BULK_EXPLOSIVE_WORDS = _words(
    "TNT RDX HMX PETN SEMTEX EXPLOSIVE EXPLOSIVES DETONATOR DETONATORS DEMOLITION COMPOSITION C4 ANFO "
    "DYNAMITE ТРОТИЛ ВЗРЫВЧАТОЕ 炸药 متفجرات"
)
PACKAGING_WORDS = _words(
    "BOX CRATE CARTON CAN CONTAINER PACKAGE PACKING PACKED QTY QUANTITY PCS PIECES GROSS NET WT WEIGHT ЯЩИК КОЛ ШТ 箱"
)
# Words naming a weapon type, keyed by the `weapon_type` values of models.csv (normalised, upper case).
WEAPON_TYPE_WORDS: dict[str, tuple[str, ...]] = {
    "pistol": ("PISTOL", "PISTOLS", "ПИСТОЛЕТ", "手枪", "مسدس", "تپانچه", "پستول"),
    "revolver": ("REVOLVER", "REVOLVERS", "РЕВОЛЬВЕР"),
    "carbine": ("CARBINE", "CARBINES", "КАРАБИН"),
    "rifle": ("RIFLE", "RIFLES", "ASSAULT RIFLE", "ВИНТОВКА", "АВТОМАТ", "步枪", "بندقية", "بندقيه", "تفنگ", "رائفل"),
    "machine_gun": ("MACHINE GUN", "MACHINEGUN", "LMG", "HMG", "GPMG", "ПУЛЕМЕТ", "ПУЛЕМЁТ", "机枪", "رشاش", "تیربار"),
    "submachine_gun": ("SUBMACHINE GUN", "SUB MACHINE GUN", "SMG", "MACHINE PISTOL", "冲锋枪"),
    "shotgun": ("SHOTGUN", "SHOT GUN", "GAUGE", "GA"),
    "launcher": ("LAUNCHER", "ROCKET LAUNCHER", "GRENADE LAUNCHER", "ГРАНАТОМЕТ", "ГРАНАТОМЁТ", "火箭筒", "榴弹发射器"),
    "grenade": ("GRENADE", "HAND GRENADE", "RIFLE GRENADE", "ГРАНАТА", "手榴弹", "枪榴弹", "نارنجک", "قنبلة يدوية"),
    "mortar": ("MORTAR", "МИНОМЕТ", "МИНОМЁТ", "迫击炮", "هاون", "خمپاره"),
    "mortar_bomb": ("MORTAR BOMB", "MORTAR ROUND", "MORTAR SHELL", "MORTAR BOMBS", "МИНА", "迫击炮弹"),
    "rocket": ("ROCKET", "ROCKETS", "RPG ROUND", "HEAT ROCKET", "РЕАКТИВНАЯ ГРАНАТА", "ВЫСТРЕЛ", "火箭弹", "صاروخ"),
    "missile": ("MISSILE", "MISSILES", "ATGM", "MANPADS", "РАКЕТА", "ПТУР", "导弹", "موشک"),
    "fuze": ("FUZE", "FUZES", "FUSE", "ВЗРЫВАТЕЛЬ", "ЗАПАЛ", "引信"),
    "mine": (
        "LANDMINE",
        "LAND MINE",
        "ANTI PERSONNEL MINE",
        "ANTIPERSONNEL MINE",
        "ANTI TANK MINE",
        "AT MINE",
        "AP MINE",
        "地雷",
    ),
    "recoilless": ("RECOILLESS", "RECOILLESS RIFLE", "RECOILLESS GUN", "RCL"),
    "cartridge": ("CARTRIDGE", "CARTRIDGES", "BALL", "ROUND", "ROUNDS", "AMMUNITION", "HEADSTAMP", "ПАТРОН", "枪弹"),
}
# Chinese, Russian and Persian words for the semi-automatic carbine (the SKS is "56式半自动步枪", the AK "56式
# 自动步枪"): the type of the same number tells the two apart.
WEAPON_TYPE_WORDS["carbine"] += ("半自动步枪", "СКС", "SEMI AUTOMATIC CARBINE")
# Serbian, Croatian and Bosnian ordnance words in Latin script, accents off (`ručni bacač` → RUCNI BACAC): RBR is
# the hand rocket launcher (`RBR M79 Osa`), a minobacač a mortar, a ručna bomba a hand grenade, a tromblon a rifle
# grenade, a raketa a rocket
WEAPON_TYPE_WORDS["launcher"] += ("BACAC", "RUCNI BACAC", "RBR", "BACAC RAKETA")
WEAPON_TYPE_WORDS["mortar"] += ("MINOBACAC",)
WEAPON_TYPE_WORDS["mortar_bomb"] += ("MINOBACACKA MINA", "MINOBACACKE MINE")
WEAPON_TYPE_WORDS["grenade"] += ("RUCNA BOMBA", "TROMBLON", "TROMBLONSKA MINA")
WEAPON_TYPE_WORDS["rocket"] += ("RAKETA", "RAKETE")
ORDNANCE_WORDS = ORDNANCE_WORDS | _words("BACAC MINOBACAC TROMBLON RAKETA RAKETE RBR")
# Korean (North and South): pistol, rifle (보총 in the North, 소총 in the South), machine gun, grenade, mortar
for _kind, _korean in (
    ("pistol", ("권총",)),
    ("rifle", ("보총", "소총", "자동보총", "자동소총")),
    ("machine_gun", ("기관총", "경기관총")),
    ("grenade", ("수류탄",)),
    ("mortar", ("박격포",)),
):
    WEAPON_TYPE_WORDS[_kind] += _korean
# Maker names that are also ordinary words or place names in prose ("the Izhevsk arsenal", "a star",
# "federal"): alone they are weak evidence and need a second mark (a location, a model, a code).
# KALASHNIKOV and BROWNING are also designers' names and the names of whole families of designs ("the Iraqi
# version of the Kalashnikov", "Browning Hi-Power", "John Browning's design").
GENERIC_MAKER_WORDS = frozenset(
    {"ARSENAL", "STAR", "FORT", "FEDERAL", "SAVAGE", "STERLING", "MOLOT", "BAIKAL", "KALASHNIKOV", "BROWNING"}
)
# Given names that, right before a maker's one-word name, make it a person (the designer or founder: "John
# Browning", "Mikhail Kalashnikov", "Gaston Glock"), which is weak evidence of who made this item.
DESIGNER_GIVEN_NAMES = frozenset(
    {
        "JOHN",
        "MIKHAIL",
        "MICHAIL",
        "MIKHAEL",
        "FEDOR",
        "FYODOR",
        "FEODOR",
        "NIKOLAY",
        "NIKOLAI",
        "HUGO",
        "GASTON",
        "PETER",
        "PAUL",
        "WILHELM",
        "DIEUDONNE",
        "SERGEI",
        "SERGEY",
        "VASILY",
        "GEORG",
        "UZIEL",
        "HORACE",
        "DANIEL",
        "SAMUEL",
        "ELIPHALET",
        "OLIVER",
        "EUGENE",
        "BILL",
        "WILLIAM",
        "ERNST",
        "FERDINAND",
        "JAMES",
        "LUIGI",
        "MOSES",
    }
)
SERIAL_LABELS = frozenset({"SN", "SERIAL", "SER", "SERNO", "SERIALNO", "NO", "NR", "NUMBER", "№", "НОМЕР", "#"})
YEAR_LABELS = frozenset({"YEAR", "YR", "MFD", "MANUFACTURED", "DATE", "ГОД", "MFG", "DATED", "سال", "سنة", "ГОДИНА"})
# Words that make the next design or maker named (within a few words) the one the item copies or resembles,
# not the item itself: "a copy of the Walther PP", "copia civile della Walther PP", "was not an M-16".
COPY_BEFORE = _words(
    "COPY COPIES COPYING COPIED CLONE CLONES KNOCKOFF KNOCKOFFS IMITATION IMITATIONS REPLICA LOOKALIKE "
    "IDENTICAL SIMILAR RESEMBLES RESEMBLING NOT COPIA COPIE COPIARE COPIATO COPIATA KOPIE NACHBAU CLON COPIE "
    "MIMIC MIMICS MIMICKING MIMICKED IMITATES IMITATING VERSION VARIANT DERIVATIVE DERIVED INSPIRED INFLUENCED "
    "MODELED MODELLED PATTERNED EMULATES DOPPELGANGER VORBILD DERIVATA ISPIRATA ISPIRATO INSPIRE INSPIREE"
)
# Words that, right after a design's name, say the item only copies it: "an M-16 knockoff".
COPY_AFTER = _words("KNOCKOFF KNOCKOFFS COPY CLONE LOOKALIKE COPIES CLONES KLON KLONE KOPIE NACHBAU CLONI CLONE")
# Words that, right after a one-word maker's name and not before a number, make it a design family: "a
# Mauser-type rifle", "a Kalashnikov-pattern rifle", "Browning system" (but "NORINCO TYPE 56" is a maker and model).
DESIGN_TYPE_WORDS = _words("TYPE STYLE PATTERN SYSTEM DESIGN DESIGNED TIPO SYSTEME SYSTEMS BAUART")
# Verbs that, after a design's name and "that it" / "which it", say the item copies it: "the Walther PPK that it
# mimics".
COPY_VERBS = _words("MIMICS MIMIC COPIES COPY RESEMBLES IMITATES CLONES REPLICATES EMULATES FOLLOWS")
# Words before a country or nationality that make it a user or destination, not where the item was made:
# "captured by Finland", "supplied to Afghan forces", "exported to an American dealer", "in service with".
USER_CUES: tuple[str, ...] = _phrases(
    """
CAPTURED BY | CAPTURED FROM | PURCHASED BY | BOUGHT BY | ISSUED TO | SUPPLIED TO | EXPORTED TO | SOLD TO
DELIVERED TO | SHIPPED TO | SENT TO | TRANSFERRED TO | GIVEN TO | GIFTED TO | PROVIDED TO | BOUND FOR | USED BY
IN SERVICE WITH | ADOPTED BY | ORDERED BY | SMUGGLED TO | SMUGGLED INTO | DESTINED FOR | LEFT BEHIND BY
ANNEXED BY | OCCUPIED BY | INVADED BY | SEIZED BY | RECOVERED BY | CONFISCATED BY | SUPPLIED BY | PROVIDED BY
DONATED BY | GIVEN BY | RECOVERED IN | RECOVERED NEAR | RECOVERED AT | RECOVERED FROM | FOUND IN | FOUND NEAR
FOUND AT | SEIZED IN | SEIZED AT | SEIZED NEAR | SEIZED FROM | CAPTURED IN | CAPTURED AT | CONFISCATED IN
DOCUMENTED IN | OBSERVED IN | PHOTOGRAPHED IN | INTERCEPTED IN | INTERCEPTED OFF | USED IN | FIRED IN
RECOVERED ON | SEIZED ON | FOUND ON | TAKEN FROM | LOOTED FROM | STOLEN FROM | DIVERTED TO | TRACED IN
SICHERGESTELLT IN | SICHERGESTELLT BEI | BESCHLAGNAHMT IN | GEFUNDEN IN | ERBEUTET IN | ERBEUTET VON
VERWENDET VON | BENUTZT VON | GELIEFERT AN | EINGESETZT IN | AUFGEFUNDEN IN
RECUPERE AU | RECUPERE EN | RECUPERE A | RECUPERE DANS | RECUPEREE AU | RECUPEREE EN | SAISI AU | SAISI EN
SAISI A | SAISIE AU | SAISIE EN | SAISIE A | SAISI PAR | CAPTURE AU | CAPTURE EN | CAPTURE PAR | TROUVE AU
TROUVE EN | TROUVE A | UTILISE PAR | UTILISE AU | UTILISE EN | LIVRE A | LIVRE AU | FOURNI A | FOURNI AU
INCAUTADO EN | INCAUTADA EN | INCAUTADO A | DECOMISADO EN | DECOMISADA EN | RECUPERADO EN | RECUPERADA EN
CAPTURADO EN | CAPTURADO POR | HALLADO EN | HALLADA EN | ENCONTRADO EN | ENCONTRADA EN | USADO POR
UTILIZADO POR | UTILIZADO EN | APREENDIDO EM | APREENDIDO NO | APREENDIDO NA | APREENDIDA EM | APREENDIDA NO
APREENDIDA NA | ENCONTRADO NO | ENCONTRADO NA | RECUPERADO NO | RECUPERADO NA | SEQUESTRATO IN | SEQUESTRATA IN
RECUPERATO IN | TROVATO IN | TROVATA IN | CATTURATO IN | USATO DA | UTILIZZATO DA | RINVENUTO IN
ИЗЪЯТ В | ИЗЪЯТО В | НАЙДЕН В | НАЙДЕНО В | ЗАХВАЧЕН В | ЗАХВАЧЕНО В | ОБНАРУЖЕН В | ОБНАРУЖЕНО В
ИСПОЛЬЗОВАЛСЯ В | ТРОФЕЙ ИЗ
PROPERTY OF | CONTRACT | CONTRACT FOR | CONTRACT MARKING | CONTRACT MARK | MADE FOR | PRODUCED FOR | ORDER OF
FOR THE ARMY OF | FOR THE GOVERNMENT OF | GOVERNMENT OF | MINISTRY OF DEFENCE OF | MINISTRY OF INTERIOR OF
ARMED FORCES OF | CREST OF | COAT OF ARMS OF | PROPRIETE DE | PROPIEDAD DE | PROPRIETA DI | EIGENTUM VON
ضبط في | ضبطت في | تم ضبطه في | تم ضبطها في | عثر عليه في | عثر عليها في | استخدم في | استخدمت في
مصادرة في | صودر في | غنيمة من | ضبط من
LOCATION | RECOVERY LOCATION | SEIZURE LOCATION | LOCATION OF RECOVERY | LOCATION OF SEIZURE | PLACE OF RECOVERY
PLACE OF SEIZURE | PLACE OF CAPTURE | COUNTRY OF RECOVERY | COUNTRY OF SEIZURE | COUNTRY OF CAPTURE | RECOVERY SITE
SEIZURE SITE | PROVENANCE | IN USE IN | IN THE POSSESSION OF | IN THE HANDS OF | DISPLAYED AT | DISPLAYED IN
ON DISPLAY IN | ON DISPLAY AT | STOCKPILES OF | STOCKPILE OF | STOCKS OF | DEPOTS OF | INVENTORY OF
"""
)
# Words that, right after a country or demonym (a word or two between), make it the buyer or owner, not the
# maker: "Egyptian Army contract", "Portuguese contract", "Venezuela contract", "Iraqi police".
USER_AFTER = _words(
    "CONTRACT CONTRACTS ARMY POLICE GENDARMERIE FORCES STOCKS STOCKPILE STOCKPILES DEPOT DEPOTS INVENTORY "
    "INVENTORIES ARMOURIES ARMORIES"
)  # not MILITARY: "Iranian military ammunition"
# Month names (English, German, French, Italian, Spanish): a number next to one is a date, not a code.
MONTHS = _words(
    "JANUARY FEBRUARY MARCH APRIL MAY JUNE JULY AUGUST SEPTEMBER OCTOBER NOVEMBER DECEMBER JAN FEB MAR APR JUN "
    "JUL AUG SEP SEPT OCT NOV DEC JANUAR FEBRUAR MARZ MAI JUNI JULI OKTOBER DEZEMBER JANVIER FEVRIER MARS AVRIL "
    "JUIN JUILLET AOUT SEPTEMBRE OCTOBRE NOVEMBRE DECEMBRE GENNAIO FEBBRAIO MARZO APRILE MAGGIO GIUGNO LUGLIO "
    "AGOSTO SETTEMBRE OTTOBRE DICEMBRE ENERO FEBRERO ABRIL MAYO JUNIO JULIO SEPTIEMBRE OCTUBRE NOVIEMBRE DICIEMBRE"
)


for _kind, _code, _word in LANGUAGE_TYPE_WORDS:
    if _kind != "firearm":  # `firearm`: a gun of no type said (拳銃 is a pistol, 銃 only a gun)
        WEAPON_TYPE_WORDS[_kind] += (_word,)
# A type word of a language spoken in one country: that country, as weak evidence as its script (Hungarian
# gépkarabély → HU); none for the languages of several countries.
LANGUAGE_COUNTRY_WORDS: dict[str, str] = {word: code for _kind, code, word in LANGUAGE_TYPE_WORDS if code != "--"}


# --- ordnance (identG, issue 14): kind words for mines, cluster munitions, MANPADS, riot-control munitions, grenades
# and launchers (ORDNANCE_WORDS are compared as normalised: accents folded), so that an ordnance word outranks the
# firearm default; and the phrases of manufacture ordnance texts use in Polish, Italian, Portuguese and Russian.
# Sources: the English Wiktionary translation tables of https://en.wiktionary.org/wiki/landmine,
# https://en.wiktionary.org/wiki/cluster_bomb,
# https://en.wiktionary.org/wiki/tear_gas, https://en.wiktionary.org/wiki/submunition, and the ordnance articles of
# each language's Wikipedia (https://pl.wikipedia.org/wiki/Mina_przeciwpiechotna,
# https://it.wikipedia.org/wiki/Mina_antiuomo, https://pt.wikipedia.org/wiki/G%C3%A1s_lacrimog%C3%AAneo,
# https://ru.wikipedia.org/wiki/%D0%9A%D0%B0%D1%81%D1%81%D0%B5%D1%82%D0%BD%D0%B0%D1%8F_%D0%B1%D0%BE%D0%BC%D0%B1%D0%B0).
# A grenade launcher (under-barrel, stand-alone or automatic) is ordnance, as docs/identify.md's kind vocabulary says:
# its words are launcher words, and a rifle named with it keeps the rifle a firearm (its accessory).
WEAPON_TYPE_WORDS["mine"] += (
    "BLAST MINE",
    "BOUNDING MINE",
    "FRAGMENTATION MINE",
    "DIRECTIONAL MINE",
    "SCATTERABLE MINE",
    "BUTTERFLY MINE",
    "BOX MINE",
    "STAKE MINE",
    "BAR MINE",
    "ANTI VEHICLE MINE",
    "ANTIVEHICLE MINE",
    "ANTITANK MINE",
    "PRACTICE MINE",
    "TRAINING MINE",
    "MINE FUZE",
    "MINA PRZECIWPIECHOTNA",
    "MINA PRZECIWPANCERNA",
    "MINY PRZECIWPIECHOTNE",
    "MINA ANTIUOMO",
    "MINA ANTICARRO",
    "MINE ANTIUOMO",
    "MINA ANTIPERSONAL",
    "MINA ANTITANQUE",
    "MINA ANTIPESSOAL",
    "MINA TERRESTRE",
    "MINE ANTIPERSONNEL",
    "MINE ANTICHAR",
    "MINE TERRESTRE",
    "PROTIPĚCHOTNÍ MINA",
    "PROTITANKOVÁ MINA",
    "PROTIPJEŠADNA MINA",
    "PROTUOKLOPNA MINA",
    "ПРОТИВОПЕХОТНАЯ МИНА",
    "ПРОТИВОТАНКОВАЯ МИНА",
    "ПРОТИВОПЕХОТНЫЕ МИНЫ",
    "ПРОТИВПЕШАДИЈСКА МИНА",
    "ПРОТИВТЕНКОВСКА МИНА",
    "SCHÜTZENMINE",
    "PANZERMINE",
    "TRETMINE",
    "GYALOGSÁGI AKNA",
)
WEAPON_TYPE_WORDS["bomb"] = (
    "CLUSTER BOMB",
    "CLUSTER BOMBS",
    "CLUSTER MUNITION",
    "CLUSTER MUNITIONS",
    "AIRCRAFT BOMB",
    "AERIAL BOMB",
    "AIR DROPPED BOMB",
    "GENERAL PURPOSE BOMB",
    "BOMB CASSETTE",
    "КАССЕТНАЯ БОМБА",
    "КАССЕТНАЯ АВИАБОМБА",
    "АВИАБОМБА",
    "АВИАЦИОННАЯ БОМБА",
    "BOMBA KASETOWA",
    "BOMBA LOTNICZA",
    "BOMBA A GRAPPOLO",
    "BOMBA DE RACIMO",
    "BOMBA DE FRAGMENTAÇÃO",
    "BOMBA CLUSTER",
    "BOMBE À SOUS MUNITIONS",
    "STREUBOMBE",
    "KAZETTÁS BOMBA",
    "قنبلة عنقودية",
    "القنابل العنقودية",
)
WEAPON_TYPE_WORDS["submunition"] = (
    "SUBMUNITION",
    "SUBMUNITIONS",
    "BOMBLET",
    "BOMBLETS",
    "DPICM",
    "CLUSTER BOMBLET",
    "СУББОЕПРИПАС",
    "СУББОЕПРИПАСЫ",
    "SUBAMUNICJA",
    "SUBMUNIZIONE",
    "SUBMUNIZIONI",
    "SUBMUNICIÓN",
    "SUBMUNIÇÃO",
    "SOUS MUNITION",
    "SOUS MUNITIONS",
    "SUBMUNITION GRENADE",
    "ذخيرة صغيرة",
)
WEAPON_TYPE_WORDS["missile"] += (
    "SURFACE TO AIR MISSILE",
    "ANTI AIRCRAFT MISSILE",
    "ПЗРК",
    "ЗЕНИТНАЯ РАКЕТА",
    "PRZECIWLOTNICZY ZESTAW RAKIETOWY",
    "ZESTAW RAKIETOWY",
    "LÉGVÉDELMI RAKÉTA",
    "VÁLLRÓL INDÍTHATÓ",
    "MISSILE SOL AIR",
    "MISSILE ANTIAEREO",
    "MÍSSIL ANTIAÉREO",
    "MISIL ANTIAEREO",
)
WEAPON_TYPE_WORDS["launcher"] += (
    "UNDER BARREL GRENADE LAUNCHER",
    "UNDERBARREL GRENADE LAUNCHER",
    "UNDERSLUNG GRENADE LAUNCHER",
    "UBGL",
    "UGL",
    "AUTOMATIC GRENADE LAUNCHER",
    "AGL",
    "PODSTAWOWY GRANATNIK",
    "GRANATNIK PODLUFOWY",
    "LANCIAGRANATE SOTTOCANNA",
    "LANÇA GRANADAS",
    "ПОДСТВОЛЬНЫЙ ГРАНАТОМЁТ",
    "ПОДСТВОЛЬНЫЙ ГРАНАТОМЕТ",
    "GRÁNÁTVETŐ",
)
WEAPON_TYPE_WORDS["grenade"] += (
    "TEAR GAS",
    "TEAR GAS CANISTER",
    "TEAR GAS SHELL",
    "TEARGAS",
    "CS GAS",
    "CS CANISTER",
    "CS GRENADE",
    "OC GRENADE",
    "OC CANISTER",
    "GAS CANISTER",
    "GAS GRENADE",
    "LACHRYMATORY",
    "PRACTICE GRENADE",
    "TRAINING GRENADE",
    "ANTI TANK GRENADE",
    "GRANAT RĘCZNY",
    "GRANAT",
    "GRANATU",
    "GRANATA",
    "GRANADA",
    "GRANADAS",
    "GRANATE",
    "GRÁNÁT",
    "LACRIMOGÊNEO",
    "LACRIMOGÊNIO",
    "LACRIMÓGENO",
    "LACRIMOGENO",
    "LACRIMOGENA",
    "LACRYMOGÈNE",
    "GAS LACRIMÓGENO",
    "GÁS LACRIMOGÊNEO",
    "GAZ ŁZAWIĄCY",
    "ŁZAWIĄCY",
    "TRÄNENGAS",
    "СЛЕЗОТОЧИВЫЙ",
    "СЛЕЗОТОЧИВЫЙ ГАЗ",
    "غاز مسيل للدموع",
    "قنبلة غاز",
)
WEAPON_TYPE_WORDS["fuze"] += ("ZAPALNIK", "SPOLETTA", "ESPOLETA", "FUSÉE")
WEAPON_TYPE_WORDS["rocket"] += ("RAKIETA", "RAKIETY", "RAZZO")
ORDNANCE_WORDS = ORDNANCE_WORDS | _words(
    "BOMBLET BOMBLETS SUBMUNITION SUBMUNITIONS DPICM UBGL MINA MINY МИНЫ GRANAT GRANATU GRANATA GRANATY GRANADA "
    "GRANADAS TEARGAS LACHRYMATORY LACRIMOGENO LACRIMOGENA LACRIMOGENEO LACRYMOGENE TRANENGAS "
    "ZAPALNIK SPOLETTA ESPOLETA RAKIETA RAKIETY СУББОЕПРИПАС ПЗРК"
)
# The nouns of a mine: a packaging word right before one describes the mine's own case (`PMD-6 wooden box mine`,
# `box-type mine`), not a box the item was packed in.
MINE_NOUNS = frozenset({"MINE", "MINES", "MINA", "MINY", "МИНА", "МИНЫ", "LANDMINE", "LANDMINES"})
# Words that, right before a country's name, make it a place of recovery (`Kandahar province, Afghanistan`), not
# where the item was made.
PLACE_WORDS = _words(
    "PROVINCE DISTRICT GOVERNORATE OBLAST REGION PREFECTURE COUNTY MUNICIPALITY VILLAGE WILAYA VILAYET RAION RAYON "
    "PROVINCIA PROVINCE DEPARTEMENT DEPARTAMENTO DISTRITO ОБЛАСТЬ РАЙОН محافظة ولاية"
)
# Manufacture in Polish (`produkcji niemieckiej`, `wyprodukowano w`), Portuguese (`de fabricação brasileira`) and
# Russian (`армянского производства`): made-in words and the demonyms they are followed or preceded by.
MADE_IN = MADE_IN + _phrases(
    """
PRODUKCJI | PRODUKCJA | WYPRODUKOWANO W | WYPRODUKOWANY W | WYPRODUKOWANA W | WYPRODUKOWANE W
FABRICAÇÃO | DE FABRICAÇÃO | FABRICACAO | DE FABRICACAO | PRODUÇÃO | DE PRODUÇÃO | FABRICADO NO | FABRICADA NO
FABRICADO NA | FABRICADA NA | FABRICADO EM | FABRICADA EM | FABBRICATA IN | FABBRICATE IN | FABBRICATI IN
"""
)
MADE_AFTER = MADE_AFTER | frozenset({"ПРОИЗВОДСТВА", "ПРОИЗВОДСТВО"})
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
    _table(
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
# --- identI: country names, demonyms and "made in" in the other languages and scripts the engine reads ---
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
        for word, code in _table(
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
# Demonyms and adjectives of origin. Hindi (https://en.wiktionary.org/wiki/पोलिश, …/रूसी, …/चीनी, …/इज़राइली); Arabic
# masculine and feminine, with and without the article (https://en.wiktionary.org/wiki/نمساوي, …/فرنسي, …/إيطالي,
# …/بريطاني); Persian and Urdu in -ی (https://en.wiktionary.org/wiki/اتریشی).
DEMONYMS.update(
    {
        word: code
        for word, code in _table(
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
_ARABIC_DEMONYM_STEMS = _table(
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
    _table(
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
"""
    )
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
    return "".join(ch for ch in unicodedata.normalize("NFKD", word.upper()) if ch.isalnum())


_READ = {_key(w) for table in (COUNTRY_WORDS, DEMONYMS, GUNMAKING_PLACES, MADE_IN_COUNTRY) for w in table}
CLDR_COUNTRY_WORDS: dict[str, str] = {
    name: code for name, code in cldr_country_names().items() if _key(name) not in _READ
}
COUNTRY_WORDS.update(CLDR_COUNTRY_WORDS)
for _word, _code in list(COUNTRY_WORDS.items()):
    if "\u0621" <= _word[:1] <= "\u064a" and " " not in _word and len(_word) >= 4:  # Arabic letters, one word
        for _form in _clitic_forms(_word):
            COUNTRY_WORDS.setdefault(_form, _code)
# Words after a country's name that make it where the item was made: Japanese 製 (`ポーランド製`), Chinese
# 制/製/产/產 (`波兰制造`, `中国产`), Korean 제/산 (`폴란드제`, `중국산`), Arabic الصنع (`تركي الصنع`), Hindi निर्मित/बना
# (`जर्मनी निर्मित`), Urdu ساختہ. https://en.wiktionary.org/wiki/製, https://en.wiktionary.org/wiki/-제,
# https://en.wiktionary.org/wiki/الصنع, https://en.wiktionary.org/wiki/निर्मित
MADE_AFTER = MADE_AFTER | frozenset(
    {"製", "制", "产", "產", "제", "산", "الصنع", "صنع", "निर्मित", "बना", "बनी", "बने", "ساختہ", "ساخت", "ПРОИЗВОДСТВА"}
)
# Postpositions between the country and the made word (`पोलैंड में बनी`, `इजरायल की बनी`, `ドイツで製造`,
# `불가리아에서 생산`).
MADE_POSTPOSITIONS = frozenset({"में", "की", "के", "का", "で", "에", "서", "에서"})
MADE_AFTER = MADE_AFTER | frozenset({"生", "생"})  # 生产/生產, 생산: produced

# identO: explosives, detonators, fuzes and primers in the languages the engine reads. A detonator, blasting cap,
# detonating cord or bulk explosive is the `explosive` kind; a fuze or an artillery primer tube is ordnance.
# Sources: https://en.wikipedia.org/wiki/Detonator, https://de.wikipedia.org/wiki/Sprengkapsel,
# https://fr.wikipedia.org/wiki/Cordeau_d%C3%A9tonant, https://es.wikipedia.org/wiki/Detonador,
# https://ru.wikipedia.org/wiki/Капсюль-детонатор, https://zh.wikipedia.org/wiki/雷管, https://ar.wikipedia.org/wiki/مفجر
WEAPON_TYPE_WORDS["detonator"] = (
    "DETONATOR",
    "DETONATORS",
    "BLASTING CAP",
    "BLASTING CAPS",
    "ELECTRIC DETONATOR",
    "SHOCK TUBE",
    "DÉTONATEUR",
    "DÉTONATEURS",
    "DETONADOR",
    "DETONADORES",
    "DETONATORE",
    "DETONATORI",
    "SPRENGKAPSEL",
    "SPRENGKAPSELN",
    "ROZBUŠKA",
    "ROZBUSKA",
    "SPŁONKA DETONUJĄCA",
    "SPŁONKA ELEKTRYCZNA",
    "SPŁONKI DETONUJĄCE",
    "SPŁONKI ELEKTRYCZNE",
    "DETONATÖR",
    "ДЕТОНАТОР",
    "ДЕТОНАТОРЫ",
    "ЭЛЕКТРОДЕТОНАТОР",
    "ЭЛЕКТРОДЕТОНАТОРЫ",
    "КАПСЮЛЬ ДЕТОНАТОР",
    "КАПСЮЛИ ДЕТОНАТОРЫ",
    "ДЕТОНАТОРИ",
    "ЕЛЕКТРОДЕТОНАТОР",
    "ЕЛЕКТРОДЕТОНАТОРИ",
    "КАПСУЛЬ ДЕТОНАТОР",
    "雷管",
    "电雷管",
    "電雷管",
    "뇌관",
    "صاعق تفجير",
    "صواعق",
    "مفجر",
    "مفجرات",
    "چاشنی انفجاری",
    "چاشنی الکتریکی",
    "डेटोनेटर",
)
WEAPON_TYPE_WORDS["charge"] = (
    "DETONATING CORD",
    "DET CORD",
    "DETCORD",
    "PLASTIC EXPLOSIVE",
    "DEMOLITION CHARGE",
    "DEMOLITION BLOCK",
    "CAST BOOSTER",
    "EMULSION EXPLOSIVE",
    "CORDEAU DÉTONANT",
    "CORDÓN DETONANTE",
    "MICCIA DETONANTE",
    "SPRENGSCHNUR",
    "SPRENGSTOFF",
    "SPRENGLADUNG",
    "PLASTISCHER SPRENGSTOFF",
    "EXPLOSIFS",
    "EXPLOSIVOS",
    "ESPLOSIVI",
    # the singular adjectives only in phrases (`proyectil explosivo` is a bullet): fixO
    "MATIÈRE EXPLOSIVE",
    "EXPLOSIF PLASTIQUE",
    "MATERIAL EXPLOSIVO",
    "EXPLOSIVO PLÁSTICO",
    "ARTEFACTO EXPLOSIVO",
    "MATERIALE ESPLOSIVO",
    "ESPLOSIVO PLASTICO",
    "TRHAVINA",
    "TRHAVINY",
    "PLASTICKÁ TRHAVINA",
    "MATERIAŁ WYBUCHOWY",
    "PATLAYICI",
    "PATLAYICI MADDE",
    "EKSPLOZIV",
    "ЕКСПЛОЗИВ",
    "ДЕТОНИРУЮЩИЙ ШНУР",
    "ДЕТОНИРУЮЩИЙ",
    "ДЕТОНУЮЧИЙ ШНУР",
    "ВИБУХОВА РЕЧОВИНА",
    "ТРОТИЛОВА ШАШКА",
    "ТРОТИЛОВАЯ ШАШКА",
    "ТРОТИЛОВАЯ",
    "ТРОТИЛОВЫЕ",
    "ВЗРЫВЧАТКА",
    "ВЗРЫВЧАТОЕ ВЕЩЕСТВО",
    "ПЛАСТИТ",
    "ВЗРИВНО ВЕЩЕСТВО",
    "导爆索",
    "炸药",
    "炸藥",
    "爆薬",
    "폭약",
    "مواد منفجره",
    "منفجره",
    "متفجرة",
    "عبوة ناسفة",
    "विस्फोटक",
)
# Fuzes and primer tubes: German, Serbo-Croatian, Bulgarian, Romanian, Arabic and Persian fuze words
# (https://de.wikipedia.org/wiki/Zünder, https://sh.wikipedia.org/wiki/Upaljač), the Russian primer tube
# (капсюльная втулка, https://ru.wikipedia.org/wiki/Капсюльная_втулка).
WEAPON_TYPE_WORDS["fuze"] += (
    "ZÜNDER",
    "AUFSCHLAGZÜNDER",
    "ZEITZÜNDER",
    "ABSTANDSZÜNDER",
    "ZÜNDSCHRAUBE",
    "UPALJAČ",
    "УПАЉАЧ",
    "ВЗРИВАТЕЛ",
    "ПІДРИВНИК",
    "FOCOS",
    "صمامة",
    "ماسوره",
    "PRIMER TUBE",
    "КАПСЮЛЬНАЯ ВТУЛКА",
    "КАПСЮЛЬ ВТУЛКА",
)
# Propellant powders (https://en.wikipedia.org/wiki/Smokeless_powder, https://ru.wikipedia.org/wiki/Порох): bulk
# explosive when no cartridge or gun is named (`7.62x39 cartridges, smokeless powder` stays ammunition).
PROPELLANT_PHRASES: tuple[str, ...] = (
    "SMOKELESS POWDER",
    "BLACK POWDER",
    "GUNPOWDER",
    "GUN POWDER",
    "PROPELLANT POWDER",
    "ПОРОХ",
    "ПОРОХА",
    "ПОРОХИ",
    "ДЫМНЫЙ ПОРОХ",
    "БАРУТ",
    "PULBERE",
    "PULBERI",
    "PROCH CZARNY",
    "PROCH BEZDYMNY",
    "POUDRE NOIRE",
    "POUDRE SANS FUMÉE",
    "PÓLVORA",
    "POLVERE NERA",
    "SCHWARZPULVER",
    "TREIBLADUNGSPULVER",
    "火药",
    "火藥",
    "باروت",
)

# Common surnames and given names (English, German, Italian, Spanish) that also begin makers' names (Smith & Wesson):
# alone in a record, such a word names a person as often as a maker. Surnames that are a maker's own brand (Henry,
# Daniel, Wilson, Anderson, Harrington, Parker, Davis, Hopkins, Lewis) are left out (fixQ).
PERSONAL_NAMES = _words(
    "SMITH JOHNSON WILLIAMS JONES BROWN MILLER MOORE TAYLOR THOMAS JACKSON WHITE HARRIS "
    "MARTIN THOMPSON GARCIA MARTINEZ ROBINSON CLARK RODRIGUEZ LEE WALKER HALL ALLEN YOUNG KING WRIGHT SCOTT "
    "GREEN BAKER ADAMS NELSON HILL CAMPBELL MITCHELL ROBERTS CARTER PHILLIPS EVANS TURNER COLLINS EDWARDS "
    "STEWART MORRIS MURPHY COOK ROGERS MORGAN COOPER PETERSON REED BAILEY BELL KELLY HOWARD WARD COX RICHARDSON "
    "WOOD WATSON BROOKS BENNETT GRAY HUGHES PRICE SANDERS MYERS LONG ROSS FOSTER STEVENS "
    "WESSON CHARLES JAMES GEORGE WILLIAM JOSEPH EDWARD RICHARD ROBERT DAVID PETER PAUL MICHAEL "
    "HERMANN HERMAN KARL CARL JOHANN FRIEDRICH WILHELM HEINRICH MULLER MUELLER SCHMIDT SCHNEIDER FISCHER WEBER "
    "MEYER WAGNER BECKER SCHULZ HOFFMANN KOCH RICHTER KLEIN WOLF PIETRO GIUSEPPE ANTONIO LUIGI GIOVANNI JOSE JUAN "
    "CARLOS MANUEL FRANCISCO"
)
