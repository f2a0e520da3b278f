"""The fixed rules of marking identification: text normalisation, country words, kind words, patterns.

Kept apart from `armstrace.identify` (the engine) so the word lists can grow without touching the
logic. Everything here is about *how markings are written*, not about who made what: facts about
makers, models and codes live in the reference tables (`armstrace.reference`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

__all__ = [
    "AMMO_WORDS",
    "COUNTRY_WORDS",
    "DEMONYMS",
    "EXPLOSIVE_WORDS",
    "FIREARM_WORDS",
    "GENERIC_MAKER_WORDS",
    "GUNMAKING_PLACES",
    "MADE_AFTER",
    "MADE_IN",
    "PACKAGING_WORDS",
    "SERIAL_LABELS",
    "WEAK_AMMO_WORDS",
    "WEAPON_TYPE_WORDS",
    "YEAR_LABELS",
    "Hit",
    "PhraseIndex",
    "Token",
    "compact",
    "longest",
    "normalise",
    "script_country",
    "split_lines",
    "tokenise",
    "transliterate",
]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


@dataclass(frozen=True)
class Token:
    """One word of a marking after normalisation; `raw` is the original text it came from."""

    text: str
    line: int
    index: int  # position in the whole token list
    raw: str


_LINE_SPLIT = re.compile(r"\r?\n|\s+/\s+|\s*\|\s*|\s*;\s*")
_CJK = re.compile(r"([\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af])")
_TIMES = re.compile(r"(?<=\d)\s*[X×ХxхЧ*]\s*(?=\d)")
_DECIMAL_COMMA = re.compile(r"(?<=\d),(?=\d)")
_APOSTROPHE = re.compile(r"['’‘`´ʼ]")
_ABBREV_DOT = re.compile(r"(?<![^\W\d_])([^\W\d_])\.(?=[^\W\d_](?![^\W\d_]))")
_LETTER_DOT_DIGIT = re.compile(r"(?<=[^\W\d_])\.(?=\d)")
_LEADING_DOT = re.compile(r"(?<![\w.])\.(?=\d)")
_SLASH_KEEP = re.compile(r"(?<=\d)/(?=\d)")
_SN = re.compile(r"\bS\s*/\s*N\b")
_OTHER = re.compile(r"[^\w.&/\s]|_|(?<!\d)\.|\.(?!\d)|(?<!\d)/|/(?!\d)")


def split_lines(text: str) -> list[str]:
    """The lines of a transcription: newlines, ` / `, `|` and `;` separate lines of a marking."""
    return [line for line in _LINE_SPLIT.split(text) if line.strip()]


_LATIN_EXTRA = {"Ł": "L", "Ø": "O", "Đ": "D", "Ħ": "H", "Ŀ": "L", "Œ": "OE", "Æ": "AE", "Þ": "TH", "ẞ": "SS"}


def _fold_latin(text: str) -> str:
    """Accents off Latin letters (GEVÄRSFAKTORI = GEVARSFAKTORI, TÜRKİYE = TURKIYE); other scripts kept."""
    if text.isascii():
        return text
    out = []
    for ch in text:
        if "\u00c0" <= ch <= "\u024f" or "\u1e00" <= ch <= "\u1eff":
            base = unicodedata.normalize("NFD", ch)[0]
            out.append(_LATIN_EXTRA.get(ch, base if base.isascii() else ch))
        else:
            out.append(ch)
    return "".join(out)


def normalise(text: str) -> str:
    """Upper case, compatibility forms folded, punctuation reduced so spellings of one mark agree.

    `COLT'S PT. F.A. MFG. CO.` → `COLTS PT FA MFG CO`; `7,62×39` → `7.62X39`; `CAL.45` → `CAL 45`;
    `U.S.` → `US`; CJK characters become separate words so `56式` can match `56 式`.
    """
    text = _fold_latin(unicodedata.normalize("NFKC", text.replace("№", " NO ")).upper())
    text = _TIMES.sub("X", text)
    text = _DECIMAL_COMMA.sub(".", text)
    text = _APOSTROPHE.sub("", text)
    text = _SN.sub(" SN ", text)
    previous = None
    while previous != text:
        previous = text
        text = _ABBREV_DOT.sub(r"\1", text)
    text = _LETTER_DOT_DIGIT.sub(" ", text)
    text = _LEADING_DOT.sub("", text)
    text = _OTHER.sub(" ", text)
    text = text.replace("&", " & ")
    text = _CJK.sub(r" \1 ", text)
    return " ".join(text.split())


def compact(words: list[str] | tuple[str, ...] | str) -> str:
    """The lookup key of a phrase: its normalised words joined without spaces (`AK 47` = `AK47`)."""
    if isinstance(words, str):
        words = normalise(words).split()
    return "".join(words)


def tokenise(text: str) -> list[Token]:
    """Tokens of a whole transcription, each knowing its line."""
    tokens: list[Token] = []
    for line_no, line in enumerate(split_lines(text)):
        for word in normalise(line).split():
            tokens.append(Token(word, line_no, len(tokens), word))
    return tokens


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


def transliterate(word: str) -> str:
    """Latin transliteration of a Cyrillic word (`ИЖМАШ` → `IZHMASH`); other words unchanged."""
    if not any("\u0400" <= ch <= "\u04ff" for ch in word):
        return word
    return "".join(_CYRILLIC.get(ch, ch) for ch in word)


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
        return "KR", "Korean (Hangul) script in the marking"
    if counts["kana"]:
        return "JP", "Japanese kana in the marking"
    if counts["han"] >= 2:
        return "CN", "Chinese characters in the marking"
    if counts["hebrew"] >= 2:
        return "IL", "Hebrew script in the marking"
    if counts["cyrillic"] >= 2:
        return "RU", "Cyrillic script in the marking (Soviet/Russian usage assumed; also used in BG, RS, UA, BY)"
    return None


# Country names as marked (normalised), longest first is handled by the matcher. GEORGIA is left out on
# purpose: it is far more often the US state in an importer's address (CAI GEORGIA VT).
COUNTRY_WORDS: dict[str, str] = {
    "USA": "US",
    "US A": "US",
    "UNITED STATES": "US",
    "UNITED STATES OF AMERICA": "US",
    "CHINA": "CN",
    "PRC": "CN",
    "P R CHINA": "CN",
    "PR CHINA": "CN",
    "PEOPLES REPUBLIC OF CHINA": "CN",
    "中国": "CN",
    "中 国": "CN",
    "中华人民共和国": "CN",
    "RUSSIA": "RU",
    "RUSSIAN FEDERATION": "RU",
    "USSR": "RU",
    "CCCP": "RU",
    "СССР": "RU",
    "РОССИЯ": "RU",
    "SOVIET UNION": "RU",
    "ROMANIA": "RO",
    "RUMANIA": "RO",
    "BULGARIA": "BG",
    "HUNGARY": "HU",
    "POLAND": "PL",
    "POLSKA": "PL",
    "UKRAINE": "UA",
    "BELARUS": "BY",
    "YUGOSLAVIA": "RS",
    "SERBIA": "RS",
    "CROATIA": "HR",
    "BOSNIA": "BA",
    "BOSNIA AND HERZEGOVINA": "BA",
    "CZECHOSLOVAKIA": "CZ",
    "CZECH REPUBLIC": "CZ",
    "CZECHIA": "CZ",
    "SLOVAKIA": "SK",
    "ALBANIA": "AL",
    "GERMANY": "DE",
    "W GERMANY": "DE",
    "WEST GERMANY": "DE",
    "W GERMAN": "DE",
    "EAST GERMANY": "DE",
    "DEUTSCHLAND": "DE",
    "GDR": "DE",
    "DDR": "DE",
    "BELGIUM": "BE",
    "BELGIQUE": "BE",
    "ITALY": "IT",
    "ITALIA": "IT",
    "AUSTRIA": "AT",
    "SWITZERLAND": "CH",
    "SUISSE": "CH",
    "FRANCE": "FR",
    "SPAIN": "ES",
    "ESPANA": "ES",
    "ESPAÑA": "ES",
    "PORTUGAL": "PT",
    "ENGLAND": "GB",
    "GREAT BRITAIN": "GB",
    "BRITAIN": "GB",
    "UNITED KINGDOM": "GB",
    "SCOTLAND": "GB",
    "FINLAND": "FI",
    "SWEDEN": "SE",
    "NORWAY": "NO",
    "DENMARK": "DK",
    "GREECE": "GR",
    "HELLAS": "GR",
    "TURKEY": "TR",
    "TURKIYE": "TR",
    "TÜRKIYE": "TR",
    "TÜRKİYE": "TR",
    "ISRAEL": "IL",
    "IRAN": "IR",
    "IRAQ": "IQ",
    "PAKISTAN": "PK",
    "INDIA": "IN",
    "EGYPT": "EG",
    "SUDAN": "SD",
    "ETHIOPIA": "ET",
    "NIGERIA": "NG",
    "SOUTH AFRICA": "ZA",
    "RSA": "ZA",
    "KOREA": "KR",
    "REPUBLIC OF KOREA": "KR",
    "SOUTH KOREA": "KR",
    "S KOREA": "KR",
    "ROK": "KR",
    "NORTH KOREA": "KP",
    "DPRK": "KP",
    "JAPAN": "JP",
    "TAIWAN": "TW",
    "SINGAPORE": "SG",
    "PHILIPPINES": "PH",
    "VIETNAM": "VN",
    "VIET NAM": "VN",
    "INDONESIA": "ID",
    "MALAYSIA": "MY",
    "THAILAND": "TH",
    "MYANMAR": "MM",
    "BURMA": "MM",
    "BRAZIL": "BR",
    "BRASIL": "BR",
    "ARGENTINA": "AR",
    "MEXICO": "MX",
    "COLOMBIA": "CO",
    "CHILE": "CL",
    "CANADA": "CA",
    "AUSTRALIA": "AU",
    "SAUDI ARABIA": "SA",
    "UAE": "AE",
    "UNITED ARAB EMIRATES": "AE",
    "JORDAN": "JO",
    "SYRIA": "SY",
    "MADE IN CHINA": "CN",
}
# Demonyms, as catalogue transcriptions write them ("Chinese characters", "Soviet proof", "Russian-made").
# They describe rather than mark, so they are weaker than a country name: they never override the
# maker's country, except in "Russian-made" / "made in the Soviet Union" phrasing.
DEMONYMS: dict[str, str] = {
    "CHINESE": "CN",
    "SOVIET": "RU",
    "RUSSIAN": "RU",
    "BULGARIAN": "BG",
    "HUNGARIAN": "HU",
    "YUGOSLAV": "RS",
    "YUGOSLAVIAN": "RS",
    "SERBIAN": "RS",
    "CROATIAN": "HR",
    "ROMANIAN": "RO",
    "RUMANIAN": "RO",
    "POLISH": "PL",
    "CZECH": "CZ",
    "CZECHOSLOVAK": "CZ",
    "CZECHOSLOVAKIAN": "CZ",
    "SLOVAK": "SK",
    "ALBANIAN": "AL",
    "UKRAINIAN": "UA",
    "EAST GERMAN": "DE",
    "WEST GERMAN": "DE",
    "GERMAN": "DE",
    "AUSTRIAN": "AT",
    "SWISS": "CH",
    "BELGIAN": "BE",
    "DUTCH": "NL",
    "FRENCH": "FR",
    "ITALIAN": "IT",
    "SPANISH": "ES",
    "PORTUGUESE": "PT",
    "BRITISH": "GB",
    "FINNISH": "FI",
    "SWEDISH": "SE",
    "NORWEGIAN": "NO",
    "DANISH": "DK",
    "GREEK": "GR",
    "TURKISH": "TR",
    "ISRAELI": "IL",
    "IRANIAN": "IR",
    "IRAQI": "IQ",
    "EGYPTIAN": "EG",
    "PAKISTANI": "PK",
    "INDIAN": "IN",
    "NORTH KOREAN": "KP",
    "SOUTH KOREAN": "KR",
    "JAPANESE": "JP",
    "TAIWANESE": "TW",
    "VIETNAMESE": "VN",
    "SINGAPOREAN": "SG",
    "INDONESIAN": "ID",
    "FILIPINO": "PH",
    "AMERICAN": "US",
    "CANADIAN": "CA",
    "AUSTRALIAN": "AU",
    "BRAZILIAN": "BR",
    "ARGENTINE": "AR",
    "ARGENTINIAN": "AR",
    "MEXICAN": "MX",
    "COLOMBIAN": "CO",
    "SOUTH AFRICAN": "ZA",
    "NIGERIAN": "NG",
    "SUDANESE": "SD",
    "ETHIOPIAN": "ET",
    "SAUDI": "SA",
    "КИТАЙСКИЙ": "CN",
    "СОВЕТСКИЙ": "RU",
    "РОССИЙСКИЙ": "RU",
    "中国制": "CN",
    # Italian, Spanish, French and German forms, as police and press reports write them
    "CINESE": "CN",
    "CHINO": "CN",
    "CHINOIS": "CN",
    "CHINESISCH": "CN",
    "CHINESISCHE": "CN",
    "RUSSO": "RU",
    "RUSO": "RU",
    "RUSSE": "RU",
    "RUSSISCH": "RU",
    "RUSSISCHE": "RU",
    "SOVIETICO": "RU",
    "SOVIÉTICO": "RU",
    "SOVIÉTIQUE": "RU",
    "SOVIETIQUE": "RU",
    "SOWJETISCH": "RU",
    "SOWJETISCHE": "RU",
    "AMERICANO": "US",
    "AMERICAIN": "US",
    "AMÉRICAIN": "US",
    "AMERIKANISCH": "US",
    "AMERIKANISCHE": "US",
    "TEDESCO": "DE",
    "ALEMAN": "DE",
    "ALEMÁN": "DE",
    "ALLEMAND": "DE",
    "DEUTSCH": "DE",
    "DEUTSCHE": "DE",
    "BELGA": "BE",
    "BELGE": "BE",
    "BELGISCH": "BE",
    "BELGISCHE": "BE",
    "ITALIANO": "IT",
    "ITALIEN": "IT",
    "ITALIENISCH": "IT",
    "ITALIENISCHE": "IT",
    "JUGOSLAVO": "RS",
    "YUGOSLAVO": "RS",
    "YOUGOSLAVE": "RS",
    "JUGOSLAWISCH": "RS",
    "ROMENO": "RO",
    "RUMANO": "RO",
    "ROUMAIN": "RO",
    "RUMÄNISCH": "RO",
    "BULGARO": "BG",
    "BULGARE": "BG",
    "BULGARISCH": "BG",
    "CECO": "CZ",
    "CHECO": "CZ",
    "TCHÈQUE": "CZ",
    "TSCHECHISCH": "CZ",
    "TURCO": "TR",
    "TURC": "TR",
    "TÜRKISCH": "TR",
    "TÜRKISCHE": "TR",
    "SCHWEDISCH": "SE",
    "SCHWEDISCHE": "SE",
    "SWEDE": "SE",
    "YUGO": "RS",
    "ISRAELIANO": "IL",
    "ISRAELÍ": "IL",
    "ISRAÉLIEN": "IL",
    "AUSTRIACO": "AT",
    "AUSTRÍACO": "AT",
    "AUTRICHIEN": "AT",
    "ÖSTERREICHISCH": "AT",
    "BRITANNICO": "GB",
    "BRITÁNICO": "GB",
    "BRITANNIQUE": "GB",
    "BRITISCH": "GB",
    "FRANCESE": "FR",
    "FRANCÉS": "FR",
    "FRANÇAIS": "FR",
    "FRANZÖSISCH": "FR",
    "SPAGNOLO": "ES",
    "ESPAÑOL": "ES",
    "ESPAGNOL": "ES",
    "SPANISCH": "ES",
    "SVIZZERO": "CH",
    "SUIZO": "CH",
    "SCHWEIZERISCH": "CH",
    "BRASILIANO": "BR",
    "BRASILEÑO": "BR",
    "BRÉSILIEN": "BR",
    "BRASILIANISCH": "BR",
}
# Country names as marked in languages other than English, and short forms seen in transcriptions.
COUNTRY_WORDS.update(
    {
        "SOVIET UNION": "RU",
        "U S S R": "RU",
        "C C C P": "RU",
        "РОССИИ": "RU",
        "РОССИЙСКАЯ ФЕДЕРАЦИЯ": "RU",
        "КИТАЙ": "CN",
        "БЪЛГАРИЯ": "BG",
        "ЈУГОСЛАВИЈА": "RS",
        "ЮГОСЛАВИЯ": "RS",
        "СРБИЈА": "RS",
        "УКРАЇНА": "UA",
        "УКРАИНА": "UA",
        "MAGYARORSZÁG": "HU",
        "MAGYARORSZAG": "HU",
        "ROMÂNIA": "RO",
        "ČSSR": "CZ",
        "CSSR": "CZ",
        "ČESKOSLOVENSKO": "CZ",
        "CESKOSLOVENSKO": "CZ",
        "SUOMI": "FI",
        "SVERIGE": "SE",
        "NORGE": "NO",
        "ÖSTERREICH": "AT",
        "OSTERREICH": "AT",
        "SCHWEIZ": "CH",
        "HOLLAND": "NL",
        "NETHERLANDS": "NL",
        "MADE IN ENGLAND": "GB",
        "U K": "GB",
        "UK": "GB",
        "HRVATSKA": "HR",
        "SRBIJA": "RS",
        "JUGOSLAVIJA": "RS",
        "NIPPON": "JP",
        "日本": "JP",
        "大韩民国": "KR",
        "대한민국": "KR",
        "IRAN ISLAMIC REPUBLIC": "IR",
        "NORTH VIETNAM": "VN",
        "RHODESIA": "ZW",
        "ZIMBABWE": "ZW",
        "KENYA": "KE",
        "TANZANIA": "TZ",
        "SOMALIA": "SO",
        "LIBYA": "LY",
        "ALGERIA": "DZ",
        "MOROCCO": "MA",
        "TUNISIA": "TN",
        "LEBANON": "LB",
        "YEMEN": "YE",
        "AFGHANISTAN": "AF",
        "BANGLADESH": "BD",
        "SRI LANKA": "LK",
        "NEPAL": "NP",
        "VENEZUELA": "VE",
        "PERU": "PE",
        "ECUADOR": "EC",
        "BOLIVIA": "BO",
        "URUGUAY": "UY",
        "PARAGUAY": "PY",
        "CUBA": "CU",
        "NEW ZEALAND": "NZ",
        "IRELAND": "IE",
        "LUXEMBOURG": "LU",
        "SLOVENIA": "SI",
        "MONTENEGRO": "ME",
        "NORTH MACEDONIA": "MK",
        "MACEDONIA": "MK",
        "LITHUANIA": "LT",
        "LATVIA": "LV",
        "ESTONIA": "EE",
        "MOLDOVA": "MD",
        "KAZAKHSTAN": "KZ",
        "UZBEKISTAN": "UZ",
        "KYRGYZSTAN": "KG",
        "ARMENIA": "AM",
        "AZERBAIJAN": "AZ",
    }
)
# Gunmaking towns as marked on barrels and locks (LIEGE, SUHL, EIBAR, GARDONE V.T.): weak country evidence
# when no maker is identified. Ambiguous names (BIRMINGHAM, LONDON, SPRINGFIELD) are left out.
GUNMAKING_PLACES: dict[str, str] = {
    "LIEGE": "BE",
    "HERSTAL": "BE",
    "SUHL": "DE",
    "ZELLA-MEHLIS": "DE",
    "ZELLA MEHLIS": "DE",
    "OBERNDORF": "DE",
    "ERFURT": "DE",
    "SPANDAU": "DE",
    "ULM": "DE",
    "EIBAR": "ES",
    "GUERNICA": "ES",
    "ELGOIBAR": "ES",
    "OVIEDO": "ES",
    "GARDONE": "IT",
    "GARDONE V T": "IT",
    "GARDONE VAL TROMPIA": "IT",
    "BRESCIA": "IT",
    "TERNI": "IT",
    "FERLACH": "AT",
    "STEYR": "AT",
    "ST ETIENNE": "FR",
    "SAINT ETIENNE": "FR",
    "ST ETTIENNE": "FR",
    "CHATELLERAULT": "FR",
    "TULLE": "FR",
    "EDINBURGH": "GB",
    "ENFIELD LOCK": "GB",
    "TULA": "RU",
    "ТУЛА": "RU",
    "IZHEVSK": "RU",
    "ИЖЕВСК": "RU",
    "KOVROV": "RU",
    "SESTRORETSK": "RU",
    "KRAGUJEVAC": "RS",
    "CUGIR": "RO",
    "KAZANLAK": "BG",
    "KAZANLUK": "BG",
    "RADOM": "PL",
    "UHERSKY BROD": "CZ",
    "BRNO": "CZ",
    "VSETIN": "CZ",
    "BUDAPEST": "HU",
    "ESKILSTUNA": "SE",
    "HUSKVARNA": "SE",
    "KONGSBERG": "NO",
    "RIIHIMAKI": "FI",
    "JYVASKYLA": "FI",
    "HARTFORD CONN": "US",
    "ILION NY": "US",
    "NEW HAVEN CONN": "US",
    "SPRINGFIELD MASS": "US",
    "WAH CANTT": "PK",
    "KIRIKKALE": "TR",
    "ANKARA": "TR",
    "ISHAPORE": "IN",
    "LITHGOW": "AU",
    "KOKURA": "JP",
    "NAGOYA": "JP",
    "KOISHIKAWA": "JP",
    "HANYANG": "CN",
    "MUKDEN": "CN",
}
# Words that, after a country name or demonym, say it is the country of manufacture ("Russian-made").
MADE_AFTER = frozenset({"MADE", "MFD", "MANUFACTURED", "PRODUCED", "BUILT"})
# Words that, before a country word, say the country is where the item was made.
MADE_IN: tuple[str, ...] = (
    "MADE IN",
    "MADE IN THE",
    "MFD IN",
    "MFG IN",
    "MANUFACTURED IN",
    "PRODUCT OF",
    "PRODUCED IN",
    "FABRIQUE EN",
    "FABRIQUÉ EN",
    "HECHO EN",
    "FABRICADO EN",
    "INDUSTRIA",
    "СДЕЛАНО В",
    "ИЗГОТОВЛЕНО В",
    "MADE",
    "ASSEMBLED IN",
    "FABBRICAZIONE",
    "DI FABBRICAZIONE",
    "FABBRICATO IN",
    "PRODUZIONE",
    "DI PRODUZIONE",
    "FABRICACION",
    "FABRICACIÓN",
    "DE FABRICACION",
    "DE FABRICACIÓN",
    "FABRICATION",
    "DE FABRICATION",
    "HERGESTELLT IN",
    "HERSTELLUNG",
)
# Phrases that both say "made in" and name the country.
MADE_IN_COUNTRY: dict[str, str] = {
    "中国制造": "CN",
    "中 国 制 造": "CN",
    "СДЕЛАНО В СССР": "RU",
    "СДЕЛАНО В РОССИИ": "RU",
    "ИЗГОТОВЛЕНО В РОССИИ": "RU",
    "INDUSTRIA ARGENTINA": "AR",
    "MADE IN U S A": "US",
}

FIREARM_WORDS = _words(
    "RIFLE CARBINE PISTOL REVOLVER SHOTGUN SMG SUBMACHINE GUN MACHINE LAUNCHER RECEIVER BARREL SLIDE "
    "FRAME SELECTOR SAFE SEMI AUTO FIRE BOLT SERIAL SN ВИНТОВКА ПИСТОЛЕТ АВТОМАТ ПУЛЕМЕТ КАРАБИН"
)
# CTG / CARTRIDGE alone are not enough: revolver barrels are marked ".38 SPECIAL CTG".
WEAK_AMMO_WORDS = _words("CTG CTGS CARTRIDGE CARTRIDGES CART")
AMMO_WORDS = _words(
    "BALL TRACER ROUNDS RDS AMMUNITION AMMO HEADSTAMP BULLET BULLETS "
    "PRIMER LINKED CLIPS ПАТРОН ПАТРОНЫ ПАТРОНОВ ЛПС ПС БЗ Т45 弹 枪弹"
)
EXPLOSIVE_WORDS = _words(
    "GRENADE GRENADES TNT RDX HMX PETN SEMTEX EXPLOSIVE EXPLOSIVES DETONATOR DETONATORS FUZE MINE MINES "
    "CLAYMORE DEMOLITION WARHEAD PROJECTILE HEAT FRAG FRAGMENTATION MORTAR COMPOSITION ГРАНАТА ТРОТИЛ "
    "ВЗРЫВЧАТОЕ МИНА 手榴弹 炸药"
)
PACKAGING_WORDS = _words(
    "BOX CRATE CARTON CAN CONTAINER PACKAGE PACKING PACKED QTY QUANTITY PCS PIECES GROSS NET WT WEIGHT ЯЩИК КОЛ ШТ 箱"
)
# Words naming a weapon type, keyed by the `weapon_type` values of models.csv (normalised, upper case).
WEAPON_TYPE_WORDS: dict[str, tuple[str, ...]] = {
    "pistol": ("PISTOL", "PISTOLS", "ПИСТОЛЕТ", "手枪"),
    "revolver": ("REVOLVER", "REVOLVERS", "РЕВОЛЬВЕР"),
    "carbine": ("CARBINE", "CARBINES", "КАРАБИН"),
    "rifle": ("RIFLE", "RIFLES", "ASSAULT RIFLE", "ВИНТОВКА", "АВТОМАТ", "步枪"),
    "machine_gun": ("MACHINE GUN", "MACHINEGUN", "LMG", "HMG", "GPMG", "ПУЛЕМЕТ", "ПУЛЕМЁТ", "机枪"),
    "submachine_gun": ("SUBMACHINE GUN", "SUB MACHINE GUN", "SMG", "MACHINE PISTOL", "冲锋枪"),
    "shotgun": ("SHOTGUN", "SHOT GUN", "GAUGE", "GA"),
    "launcher": ("LAUNCHER", "ГРАНАТОМЕТ"),
    "grenade": ("GRENADE", "ГРАНАТА"),
    "mortar": ("MORTAR", "МИНОМЕТ"),
}
# Maker names that are also ordinary words or place names in prose ("the Izhevsk arsenal", "a star",
# "federal"): alone they are weak evidence and need a second mark (a location, a model, a code).
GENERIC_MAKER_WORDS = frozenset({"ARSENAL", "STAR", "FORT", "FEDERAL", "SAVAGE", "STERLING", "MOLOT", "BAIKAL"})
SERIAL_LABELS = frozenset({"SN", "SERIAL", "SER", "SERNO", "SERIALNO", "NO", "NR", "NUMBER", "№", "НОМЕР", "#"})
YEAR_LABELS = frozenset({"YEAR", "YR", "MFD", "MANUFACTURED", "DATE", "ГОД", "MFG", "DATED"})


@dataclass(frozen=True)
class Hit:
    """A phrase of the marking that matched a key of a PhraseIndex: tokens [start, end)."""

    start: int
    end: int
    key: str
    text: str  # the normalised words matched
    payloads: tuple[Any, ...]  # rows of the table the index was built from

    def overlaps(self, other: Hit) -> bool:
        return self.start < other.end and other.start < self.end

    def inside(self, other: Hit) -> bool:
        return other.start <= self.start and self.end <= other.end


class PhraseIndex:
    """Phrases (normalised, compared without spaces) → payloads; finds them on token boundaries only.

    Token-aligned windows are what keeps `US` from matching inside `RUSSIA`, and the space-free key
    is what lets `AK-47`, `AK 47` and `AK47` agree.
    """

    def __init__(self, max_words: int = 8) -> None:
        self._keys: dict[str, list[Any]] = {}
        self.max_words = 1
        self._cap = max_words

    def add(self, phrase: str, payload: object, min_chars: int = 2) -> None:
        words = normalise(phrase).split()
        key = "".join(words)
        if len(key) < min_chars or not words:
            return
        bucket = self._keys.setdefault(key, [])
        if payload not in bucket:
            bucket.append(payload)
        self.max_words = min(self._cap, max(self.max_words, len(words) + 2))

    def get(self, phrase: str) -> tuple[Any, ...]:
        return tuple(self._keys.get(compact(phrase), ()))

    def phrases(self) -> list[str]:
        return list(self._keys)

    def scan(self, tokens: list[Token], words: list[str] | None = None) -> list[Hit]:
        """Every window of tokens on one line whose joined words are a key (overlaps included)."""
        words = words if words is not None else [t.text for t in tokens]
        hits: list[Hit] = []
        n = len(tokens)
        for start in range(n):
            key = ""
            for end in range(start + 1, min(n, start + self.max_words) + 1):
                if tokens[end - 1].line != tokens[start].line:
                    break
                key += words[end - 1]
                found = self._keys.get(key)
                if found:
                    hits.append(Hit(start, end, key, " ".join(words[start:end]), tuple(found)))
        return hits


def longest(hits: list[Hit]) -> list[Hit]:
    """Non-overlapping hits, longest (in characters) first, then leftmost."""
    chosen: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (-len(h.key), -(h.end - h.start), h.start)):
        if not any(hit.overlaps(c) for c in chosen):
            chosen.append(hit)
    return sorted(chosen, key=lambda h: h.start)
