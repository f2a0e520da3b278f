"""Adjectives of origin in the languages of the breadth pass (Greek `κινεζικής κατασκευής`, Belarusian `кітайскай
вытворчасці`, Georgian `ჩინური`, Armenian `չինական`, Marathi `चिनी बनावटीचे`, Lithuanian `kinų gamybos`), for the
countries whose arms are traced most (CLDR has no demonyms).

Greek -ικός and Belarusian -скі adjectives are written as stems and given their case endings (the Greek feminine
genitive `-ικής` goes with κατασκευής, παραγωγής, προέλευσης: of Chinese make, production, origin); the others are
written whole. Sources: the English Wiktionary entries of each word (https://en.wiktionary.org/wiki/%CE%BA%CE%B9%CE%BD%CE%B5%CE%B6%CE%B9%CE%BA%CF%8C%CF%82,
https://en.wiktionary.org/wiki/%CF%81%CF%89%CF%83%CE%B9%CE%BA%CF%8C%CF%82, https://en.wiktionary.org/wiki/%D0%BA%D1%96%D1%82%D0%B0%D0%B9%D1%81%D0%BA%D1%96,
https://en.wiktionary.org/wiki/%E1%83%A9%E1%83%98%E1%83%9C%E1%83%A3%E1%83%A0%E1%83%98,
https://en.wiktionary.org/wiki/%D5%B9%D5%AB%D5%B6%D5%A1%D5%AF%D5%A1%D5%B6, https://en.wiktionary.org/wiki/%E0%A4%9A%E0%A4%BF%E0%A4%A8%E0%A5%80,
https://en.wiktionary.org/wiki/kin%C5%B3) and the "Adjectives" of their Wiktionary country entries.
"""

from __future__ import annotations

from .formats import word_table

__all__ = ["MORE_DEMONYMS"]

# Greek stems of the -ικός adjectives (upper case without accents, as the index reads Greek)
_GREEK_STEMS = {
    "CN": "ΚΙΝΕΖΙΚ",
    "RU": "ΡΩΣΙΚ",
    "US": "ΑΜΕΡΙΚΑΝΙΚ",
    "IR": "ΙΡΑΝΙΚ",
    "TR": "ΤΟΥΡΚΙΚ",
    "DE": "ΓΕΡΜΑΝΙΚ",
    "CZ": "ΤΣΕΧΙΚ",
    "BG": "ΒΟΥΛΓΑΡΙΚ",
    "RS": "ΣΕΡΒΙΚ",
    "BE": "ΒΕΛΓΙΚ",
    "IT": "ΙΤΑΛΙΚ",
    "FR": "ΓΑΛΛΙΚ",
    "GB": "ΒΡΕΤΑΝΙΚ",
    "UA": "ΟΥΚΡΑΝΙΚ",
    "PK": "ΠΑΚΙΣΤΑΝΙΚ",
}
_GREEK_MORE = {"RU": ("ΣΟΒΙΕΤΙΚ",), "RS": ("ΓΙΟΥΓΚΟΣΛΑΒΙΚ",), "KP": ("ΒΟΡΕΙΟΚΟΡΕΑΤΙΚ",), "AT": ("ΑΥΣΤΡΙΑΚ",)}
_GREEK_ENDINGS = ("ΟΣ", "Ο", "Η", "ΗΣ", "ΟΥ", "Α", "ΩΝ", "ΕΣ", "ΟΙ", "Ε")
# Belarusian stems of the -скі / -цкі adjectives
_BELARUSIAN_STEMS = {
    "CN": ("КІТАЙСК",),
    "RU": ("РАСІЙСК", "САВЕЦК"),
    "US": ("АМЕРЫКАНСК",),
    "IR": ("ІРАНСК",),
    "TR": ("ТУРЭЦК",),
    "DE": ("НЯМЕЦК",),
    "CZ": ("ЧЭШСК",),
    "BG": ("БАЛГАРСК",),
    "RS": ("СЕРБСК", "ЮГАСЛАЎСК"),
    "UA": ("УКРАІНСК",),
    "PL": ("ПОЛЬСК",),
}
_BELARUSIAN_ENDINGS = ("І", "АЯ", "АЕ", "ІЯ", "АЙ", "АГА", "ІХ")

MORE_DEMONYMS: dict[str, str] = {
    stem + ending: code
    for code, stem in [*_GREEK_STEMS.items(), *((c, s) for c, ss in _GREEK_MORE.items() for s in ss)]
    for ending in _GREEK_ENDINGS
}
MORE_DEMONYMS.update(
    {
        stem + ending: code
        for code, stems in _BELARUSIAN_STEMS.items()
        for stem in stems
        for ending in _BELARUSIAN_ENDINGS
    }
)
# Georgian (-ური / -ული), Armenian (-ական), Marathi, Lithuanian genitive plurals of the peoples (`kinų gamybos`,
# of Chinese production; folded as the index reads them: KINU) and Latvian ones (`ķīniešu`). Not those that fold to
# a name: Lithuanian turkų (Turku), serbų (Șerbu), čekų (Çeku); Marathi इराणी (the surname Irani).
MORE_DEMONYMS.update(
    {
        word.upper(): code
        for word, code in word_table(
            """
CN: ჩინური | չինական | चिनी | KINŲ | KINIŠKAS | ĶĪNIEŠU
RU: რუსული | საბჭოთა | ռուսական | խորհրդային | रशियन | सोव्हिएत | RUSŲ | RUSIŠKAS | SOVIETINIS | KRIEVU | PADOMJU
US: ამერიკული | ամերիկյան | अमेरिकन | AMERIKIEČIŲ | AMERIKĀŅU
IR: ირანული | իրանական | IRANO
TR: თურქული | թուրքական
IL: ისრაელური | իսրայելական | इस्रायली | IZRAELIO
DE: გერმანული | գերմանական | VOKIEČIŲ | VĀCU
CZ: ჩეხური | չեխական | ČEHU
BG: ბულგარული | բուլղարական | BULGARŲ
RS: სერბული
"""
        ).items()
    }
)
