"""Who made the item and whose design it follows, read from how a sentence is built around a maker's name in the
languages reports are written in: a word of making before the name (Russian `производства Ижмаш`, `выпускается
заводом Молот`, Arabic `من إنتاج شركة المعادي`, `وتنتجها شركة`, Chinese `由 ... 生产`) or after it (Turkish `MKEK
tarafından üretilen`, Hindi `... द्वारा निर्मित`, Urdu `... کی تیار کردہ`, Japanese `ミネベアが製造`, `グロック社製`,
Chinese `北方工业生产的`, Korean `풍산이 생산한`); and a design's noun that makes the name the design's, not the
maker's (`на базе разработки Ижмаш`, `a partir do projeto da FN Herstal`, `من تصميم شركة بيريتا`, `ग्लॉक के
डिज़ाइन पर आधारित`, `ベレッタの設計`, `콜트의 설계`, `طراحی شده توسط`).

No table row holds these phrases: they are the grammar of "made by" and "designed by", so that a maker named in
prose is the maker whatever its name, and a designer named beside it does not outweigh it. Words are as the index
reads them (upper case, Latin accents folded; Chinese, Japanese and Korean one character a word).
"""

from __future__ import annotations

from .scan import Scan
from .text import Hit
from .words import GENERIC_MAKER_WORDS

__all__ = ["design_owner", "made_by_words"]

# Words of making right before the maker's name, in the genitive or instrumental the language puts the name in
# (https://en.wiktionary.org/wiki/производство, https://en.wiktionary.org/wiki/выпускать,
# https://en.wiktionary.org/wiki/виробництво, https://en.wiktionary.org/wiki/proizvodnja,
# https://en.wiktionary.org/wiki/produkcja, https://en.wiktionary.org/wiki/إنتاج, https://en.wiktionary.org/wiki/صنع,
# https://en.wiktionary.org/wiki/ساخت, https://en.wiktionary.org/wiki/תוצרת, https://en.wiktionary.org/wiki/由).
_MADE_BEFORE = frozenset(
    {"ПРОИЗВОДСТВА", "ПРОИЗВОДИТСЯ", "ПРОИЗВОДИЛСЯ", "ПРОИЗВОДИЛИСЬ", "ПРОИЗВОДЯТСЯ", "ВЫПУСКАЕТСЯ", "ВЫПУСКАЛСЯ"}
    | {"ВЫПУСКАЛИСЬ", "ИЗГОТОВЛЕН", "ИЗГОТОВЛЕННЫЙ", "ИЗГОТОВЛЕННЫЕ", "ИЗГОТОВЛЕННАЯ", "ПРОИЗВЕДЕН", "ПРОИЗВЕДЁН"}
    | {"ПРОИЗВЕДЕННЫЙ", "ПРОИЗВЕДЁННЫЙ", "ВЫПУЩЕН", "ВЫПУЩЕННЫЙ", "ВЫПУЩЕННЫЕ", "ИЗГОТОВИТЕЛЬ", "ПРОИЗВОДИТЕЛЬ"}
    | {"ВИРОБНИЦТВА", "ВИРОБЛЕНИЙ", "ВИРОБЛЕНА", "ВИРОБЛЕНІ", "ВИГОТОВЛЕНИЙ", "ВИГОТОВЛЕНА", "ВИГОТОВЛЕНІ"}
    | {
        "ВИПУСКАЄТЬСЯ",
        "ВИРОБЛЯЄТЬСЯ",
        "ВИРОБНИК",
        "ПРОИЗВОДЊЕ",
        "PROIZVODNJE",
        "ПРОИЗВЕДЕН",
        "PROIZVEDEN",
        "PROIZVODAC",
    }
    | {"ПРОИЗВОЂАЧ", "PRODUKCJI", "PRODUCENT", "VYROBCE", "VYROBENA", "VYROBENY", "VYROBENE", "URETICI", "FABRICANTE"}
    | {"إنتاج", "انتاج", "صنع", "تصنيع", "صناعة", "تنتجه", "تنتجها", "ينتجه", "ينتجها", "أنتجته", "أنتجتها"}
    | {"انتجته", "انتجتها", "صنعته", "صنعتها", "تصنعه", "تصنعها", "يصنعه", "يصنعها", "المصنعة", "المنتجة"}
    | {"تنتج", "ينتج", "أنتجت", "انتجت", "صنعت", "تصنع", "يصنع"}
    | {"ساخت", "تولید", "توليد", "تولیدی", "تولیدات", "ساخته", "תוצרת", "מתוצרת", "ייצור", "מייצור", "由"}
)
# Company and plant words between a word of making and the name (`выпускается заводом Молот`, `من إنتاج شركة
# المعادي`, `ساخت شرکت`, `production de la société`).
_FILLERS = frozenset(
    {"ЗАВОДОМ", "ЗАВОДА", "ЗАВОД", "КОНЦЕРНОМ", "КОНЦЕРНА", "КОМПАНИЕЙ", "КОМПАНИИ", "ПРЕДПРИЯТИЕМ", "ПРЕДПРИЯТИЯ"}
    | {"ФИРМОЙ", "ФИРМЫ", "НА", "ЗАВОДІ", "КОМПАНІЄЮ", "КОМПАНІЇ", "КОНЦЕРНУ", "ФАБРИКЕ", "FABRIKE", "FIRMY", "FIRMOU"}
    | {"شركة", "الشركة", "مصنع", "مصانع", "مؤسسة", "شرکت", "کارخانه", "کارخانجات", "חברת", "של", "THE", "DE", "LA"}
    | {"SOCIETE", "FIRMA", "DA", "DO", "DI", "DELLA", "DEL"}
)
# Postpositions and words of making after the name: Turkish `tarafından`, Hindi `द्वारा`, Bengali `দ্বারা`,
# Gujarati `દ્વારા`, Urdu `کی تیار کردہ` / `نے تیار`, Tamil `நிறுவனம் தயாரித்த`
# (https://en.wiktionary.org/wiki/taraf%C4%B1ndan, https://en.wiktionary.org/wiki/%E0%A4%A6%E0%A5%8D%E0%A4%B5%E0%A4%BE%E0%A4%B0%E0%A4%BE,
# https://en.wiktionary.org/wiki/%D8%AA%DB%8C%D8%A7%D8%B1).
_MADE_AFTER_WORDS = frozenset(
    {"TARAFINDAN", "द्वारा", "দ্বারা", "દ્વારા", "ਦੁਆਰਾ", "தயாரித்த", "தயாரிக்கப்பட்ட", "URETIMI", "IMALATI"}
)
# A verb of making right after the name, as its subject ("Zastava makes the M70", "Indumil fabrica el Galil",
# "Молот выпускает", "MKE üretiyor"): not before IN or UNDER ("GLOCK MADE IN AUSTRIA" names the country), nor
# after a maker's name that is also an ordinary word ("arsenal-built").
_MAKES = frozenset(
    {"MAKES", "MADE", "PRODUCES", "PRODUCED", "MANUFACTURES", "MANUFACTURED", "BUILDS", "BUILT", "FABRICA"}
    | {"FABRICO", "PRODUCE", "PRODUJO", "PRODUZ", "PRODUZIU", "FABRIQUE", "PRODUIT", "FERTIGT", "PRODUZIERT"}
    | {"ВЫПУСКАЕТ", "ВЫПУСКАЛ", "ВЫПУСТИЛ", "ПРОИЗВОДИТ", "ПРОИЗВОДИЛ", "ИЗГОТАВЛИВАЕТ", "ВИРОБЛЯЄ", "ВИПУСКАЄ"}
    | {"URETIYOR", "URETTI", "URETMEKTEDIR", "PRODUKUJE", "VYRABI", "PROIZVODI", "ПРОИЗВОДИ"}
)
_NOT_AFTER_MAKES = frozenset({"IN", "UNDER", "FOR", "BY", "EN", "IM", "В", "У", "W", "V", "U"})
_MADE_AFTER_PHRASES = (
    ("کی", "تیار"),
    ("نے", "تیار"),
    ("کے", "تیار"),
    ("की", "बनी"),
    ("का", "बना"),
    ("के", "बने"),
    ("कंपनी", "द्वारा"),
    ("নির্মিত",),
    ("কোম্পানির", "তৈরি"),
    ("এর", "তৈরি"),
    ("কંપની",),
    ("કંપની", "દ્વારા"),
    ("நிறுவனம்", "தயாரித்த"),
    ("நிறுவனத்தின்", "தயாரிப்பு"),
)
# Chinese, Japanese and Korean, one character a word: `北方工业生产`, `ミネベアが製造`, `グロック社製`, `풍산이 생산한`
# (https://en.wiktionary.org/wiki/生产, https://en.wiktionary.org/wiki/製造, https://en.wiktionary.org/wiki/생산).
_CJK_MADE_AFTER = (
    ("生", "产"),
    ("生", "產"),
    ("制", "造"),
    ("製", "造"),
    ("出", "品"),
    ("製",),
    ("社", "製"),
    ("公", "司", "生", "产"),
    ("公", "司", "生", "產"),
    ("公", "司", "制", "造"),
    ("公", "司", "製", "造"),
    ("が", "製", "造"),
    ("が", "生", "産"),
    ("が", "開", "発", "・", "製", "造"),
    ("社", "が", "製", "造"),
    ("가", "생", "산"),
    ("이", "생", "산"),
    ("가", "제", "조"),
    ("이", "제", "조"),
    ("가", "제", "작"),
    ("이", "제", "작"),
    ("가", "만", "든"),
    ("이", "만", "든"),
    ("사", "가", "생", "산"),
    ("사", "가", "제", "조"),
    ("사", "가", "만", "든"),
    ("에", "서", "생", "산"),
)

# A design's noun before the name, in its genitive (`the design of`, `на базе разработки`, `projeto da`, `من تصميم`,
# `طراحی شده توسط`): the name is the design's, not the maker's.
_DESIGN_BEFORE = frozenset(
    {"DESIGN", "DESIGNS", "DISENO", "PROYECTO", "PROJETO", "PROJECTO", "PROGETTO", "ENTWURF", "KONSTRUKTION"}
    | {"CONCEPTION", "PROJEKT", "PROJEKTU", "KONSTRUKCE", "KONSTRUKCJI", "РАЗРАБОТКИ", "РАЗРАБОТКА", "КОНСТРУКЦИИ"}
    | {"ПРОЕКТА", "РОЗРОБКИ", "КОНСТРУКЦІЇ", "ПРОЄКТУ", "تصميم", "طراحی", "طراحي", "طرح", "TASARIMI", "TASARIMINA"}
)
_DESIGN_BETWEEN = frozenset(
    {"OF", "THE", "DE", "DEL", "DA", "DO", "DELLA", "DU", "DES", "DER", "LA", "EL"}
    | {"شركة", "الشركة", "شرکت", "شده", "توسط", "من", "ФИРМЫ", "КОМПАНИИ", "КОНЦЕРНА", "ЗАВОДА"}
)
# A design's noun after the name and its genitive postposition (`ग्लॉक के डिज़ाइन`, `ベレッタの設計`, `콜트의 설계`,
# `伯莱塔的设计`, `Izhmash design`).
_DESIGN_AFTER = (
    ("के", "डिज़ाइन"),
    ("के", "डिजाइन"),
    ("की", "डिज़ाइन"),
    ("की", "डिजाइन"),
    ("এর", "নকশা"),
    ("এর", "ডিজাইন"),
    ("نا", "ڈیزائن"),
    ("کے", "ڈیزائن"),
    ("の", "設", "計"),
    ("社", "の", "設", "計"),
    ("의", "설", "계"),
    ("사", "의", "설", "계"),
    ("设", "计"),
    ("設", "計"),
    ("的", "设", "计"),
    ("的", "設", "計"),
    ("公", "司", "的", "设", "计"),
    ("DESIGN",),
    ("DESIGNS",),
)


def made_by_words(scan: Scan, hit: Hit) -> str:
    """The words that name `hit` as the item's maker by the sentence's construction, or ""."""
    words = scan.bare  # Arabic clitics off (`وتنتجها` is `تنتجها`)
    j = hit.start - 1
    line = scan.tokens[hit.start].line
    while j >= 0 and hit.start - j <= 3 and scan.tokens[j].line == line and words[j] in _FILLERS:
        j -= 1
    if j >= 0 and scan.tokens[j].line == line and words[j] in _MADE_BEFORE:
        return " ".join(scan.words[j : hit.start])
    after = tuple(scan.words[hit.end : hit.end + 6])
    if after[:1] and after[0] in _MADE_AFTER_WORDS:
        return after[0]
    if (
        after[:1]
        and after[0] in _MAKES
        and hit.key not in GENERIC_MAKER_WORDS  # "arsenal-built", "factory made": a word, not a maker's name
        and scan.tokens[hit.end].line == line
        and (len(after) < 2 or after[1] not in _NOT_AFTER_MAKES)
    ):
        return after[0]
    for phrase in (*_MADE_AFTER_PHRASES, *_CJK_MADE_AFTER):
        if after[: len(phrase)] == phrase:
            return " ".join(phrase)
    return ""


def design_owner(scan: Scan, hit: Hit) -> bool:
    """True when the sentence names `hit` as the owner of the design the item follows (`на базе разработки
    Ижмаш`, `من تصميم شركة بيريتا`, `ベレッタの設計`), not as its maker."""
    words = scan.bare
    line = scan.tokens[hit.start].line
    j = hit.start - 1
    while j >= 0 and hit.start - j <= 4 and scan.tokens[j].line == line and words[j] in _DESIGN_BETWEEN:
        j -= 1
    if j >= 0 and scan.tokens[j].line == line and words[j] in _DESIGN_BEFORE:
        return True
    after = tuple(scan.words[hit.end : hit.end + 5])
    return any(after[: len(phrase)] == phrase for phrase in _DESIGN_AFTER)
