"""Words around a headstamp's numbers: a slashed code and year written as one token (`71/81`), split when a
case-head word labels it, and the counts, ages and sizes beside a number that make it neither a code nor a year.
"""

from __future__ import annotations

import re

from .scan import Scan
from .text import normalise
from .words import CASE_HEAD_WORDS
from .words.formats import word_set

__all__ = [
    "case_head_word",
    "mark_counts",
    "split_stamp",
]


_SLASHED_STAMP = re.compile(r"\s*([^\W_]{1,4})\s*/\s*(\d{2}|\d{4})\s*")


def split_stamp(text: str) -> str:
    """`71/81` (a Chinese code over its year, written on one line): the whole text is a code and a year joined by a
    slash, which the tokeniser would keep as one serial-like token; written apart (`71 / 81`), as `711 / 81` is."""
    m = _SLASHED_STAMP.fullmatch(text)
    if m:
        return f"{m.group(1)} / {m.group(2)}"
    text = _JOINED_STAMP.sub(
        lambda m: f"{m[1]} {m[2]}{m[3] or ''}" if m[3] or _stamp_word(text[: m.start()]) else m[0], text
    )
    # `headstamp 17/85`, `casings marked 270/88`, `Headstamp '17/85'`: right after a case-head word or a stamp's
    # label (quoted or not), or right before a case-head word (`17/85 on the headstamp`), a number and a two-digit
    # number joined by a slash are the code and the year, not one serial-like token; after any other word
    # (`exhibit 17/21`, `evidence bag 41/10`, `акт 3/12`, `протокол 12/19`) they are a document's number
    return _SLASHED_NUMBERS.sub(
        lambda m: f"{m[1]} / {m[2]}" if _stamp_word(text[: m.start()]) or _case_head_after(text[m.end() :]) else m[0],
        text,
    )


# `K35 VII`, `U44 VIIZ`, `headstamp DI43`: a Commonwealth case head's letter code joined to its two-digit year, before
# the cartridge's Mark in Roman numerals (and Z, nitrocellulose) or right after a stamp's label; in capitals as stamped.
# Elsewhere letters and two digits joined are a designation or a serial's (`MP40`, `AK47`, `G36`).
_JOINED_STAMP = re.compile(
    r"(?<![\w./-])([A-Z]{1,3})(\d{2})(?![\w./-])(\s+(?:I{1,3}|IV|VI{0,3}|IX|X)Z?(?![\w./-])|\s+Z(?![\w./-]))?"
)
_SLASHED_NUMBERS = re.compile(r"(?<![\w./-])(\d{1,4})/(\d{2})(?![\w./-])")
_LAST_WORD = re.compile(r"([^\W\d_]+)[\s:,\-'\"‘’“”«»„]*$")
# `17/85 on the headstamp`, `17/85 headstamp`, `17/85 на донце`: a case-head word next, or after on (the); not
# after a comma (`exhibit 3/12, headstamp 17/85`, where the label is the next pair's)
_NEXT_WORDS = re.compile(r"^[\s'\"‘’“”«»]*((?:[^\W\d_]+\s*){1,3})")
_LINKS = frozenset({"ON", "THE", "ITS", "НА", "AUF", "DEM", "SUR", "LE", "EN", "EL"})
# Labels of what a case head reads (`marked`, `reads`, `клеймо`, `маркировка донца`), by prefix so their
# inflections are labels too.
_STAMP_WORD_PREFIXES = ("HEADSTAMP", "MARKED", "STAMP", "READ", "СТАМП", "КЛЕЙМ", "МАРКИР", "MARKING", "ДОНЦ")


def _stamp_word(before: str) -> bool:
    """True when the word just before a slashed pair is a case-head word or a stamp's label."""
    m = _LAST_WORD.search(before)
    return case_head_word(m[1]) if m else False


def case_head_word(raw: str) -> bool:
    """A case-head word or a stamp's label, in any case and with or without its accents (`Hülsenboden`)."""
    word = normalise(raw).strip()
    return word in CASE_HEAD_WORDS or word.startswith(_STAMP_WORD_PREFIXES)


def _case_head_after(after: str) -> bool:
    """True when a case-head word follows a slashed pair, directly or after on (the) (`17/85 on the headstamp`)."""
    m = _NEXT_WORDS.match(after)
    for word in m[1].split() if m else ():
        if case_head_word(word) and not word.upper().startswith(("READ", "MARKED", "MARKING")):
            return True
        if word.upper() not in _LINKS:
            return False
    return False


# Chinese and Japanese measure words and units after a number (`3枚`, `31厘米`, `5公斤`, `2発`): a count or a size
_CJK_MEASURES = frozenset("枚发發颗顆个個支把件箱厘公克粒発挺门門具")


# Words of age or count: a number beside them is how old or how many, never a plant's code (`a man of 60 years`,
# `ام 60 عاما`, `aged 60`, `60 people`, `20 pieces`), in the languages the engine reads, as the index reads them
# (upper case, accents folded)
_COUNT_AFTER = word_set(
    "YEARS YEAR YRS YR OLD PEOPLE PERSONS PERSON MEN WOMEN CHILDREN VICTIMS PIECES PCS PIECE UNITS ITEMS "
    "ANS ANNEES PERSONNES PIECES ANOS PERSONAS PIEZAS UNIDADES PESSOAS PECAS ANNI PERSONE PEZZI "
    "JAHRE JAHREN JAHRIGE JAHRIGER JAHRIGEN ALT PERSONEN MENSCHEN STUCK STUECK "
    "ЛЕТ ЧЕЛОВЕК ШТУК ШТУКИ ЛЕТНИЙ YAS YASINDA YASINDAKI KISI ADET TANE "
    "عاما عام عاماً سنة سنوات سنه شخصا شخص أشخاص اشخاص قطعة قطع سال ساله نفر عدد "
    "साल वर्ष वर्षीय लोग 岁 歳 人 명 살 세"
)
_COUNT_BEFORE = word_set("AGED AGE EDAD AGEE AGES ALTER عمر عمره بعمر عمرها سن")


# Rounds counted in prose (`collected 12 rounds`, `30 cartouches`): read like `12 casings`, a count unless a code
# stands before it (`LC 68 rounds`)
_ROUND_COUNTS = word_set(
    "ROUNDS RDS CARTRIDGES CARTOUCHES CARTUCHOS CARTUCCE PATRONEN ПАТРОНОВ ПАТРОНА ПАТРОНЫ BALAS MUNICIONES"
)


def _age_or_count(scan: Scan, i: int) -> bool:
    """True when the number at `i` (three digits at most: `1968 года` is a year) stands beside a word of age or
    count on its line: an age or a tally, neither a plant's code nor a year."""
    if len(scan.words[i]) > 3:
        return False
    line = scan.tokens[i].line
    after = i + 1 < len(scan.words) and scan.tokens[i + 1].line == line and scan.words[i + 1] in _COUNT_AFTER
    return after or (i > 0 and scan.tokens[i - 1].line == line and scan.words[i - 1] in _COUNT_BEFORE)


# Words naming a bore: the numbers after them (`calibre 22, 32 o 38`, `Kaliber 9`) are calibres, listed or not
_CALIBRE_WORDS = word_set("CALIBRE CALIBER CALIBRES CALIBERS KALIBER CALIBRO CALIBROS KALIBR КАЛИБР КАЛІБР عيار BORE")
_LIST_JOINERS = word_set("O OR Y AND ET E OU UND ИЛИ И ALSO /")


def _calibre_numbers(scan: Scan) -> None:
    """`calibre 22, 32 o 38`: the numbers listed after a calibre word are bores, neither a plant's code nor a year."""
    for i, w in enumerate(scan.words):
        if w not in _CALIBRE_WORDS:
            continue
        j = i + 1
        while j < len(scan.words) and (scan.words[j].isdigit() or scan.words[j] in _LIST_JOINERS):
            if scan.words[j].isdigit():
                if len(scan.words[j]) > 3:
                    break  # `calibre 1943`: not a bore
                scan.used.add(j)
            j += 1


# Weapons counted in prose (`17 guns were found`, `21 country-made pistols`, `3 fusils`): the number before them is how
# many, never a plant's code (Barnaul's 17), unless it is a designation's (`Glock 17 pistols`, `AK 47 rifles`)
_WEAPON_COUNTS = word_set(
    "GUNS RIFLES PISTOLS REVOLVERS WEAPONS FIREARMS CARBINES SHOTGUNS GRENADES MINES ROCKETS BOMBS SHELLS "
    "ARMES FUSILS PISTOLETS ARMAS FUSILES PISTOLAS REVOLVERES GRANADAS FUCILI PISTOLE ARMI WAFFEN GEWEHRE PISTOLEN"
)


def _weapon_count(scan: Scan, i: int, designations: set[int]) -> bool:
    """The number at `i` counts the weapons named right after it on its line, and no designation holds it."""
    if i in designations or len(scan.words[i]) > 3 or i + 1 >= len(scan.words):
        return False
    return scan.words[i + 1] in _WEAPON_COUNTS and scan.tokens[i + 1].line == scan.tokens[i].line


# Labels of a document's parts and of the people in it (`Exhibit K 12`, `Annex K 2019`, `Photo U 43`, `Ref K35 VII`,
# `Report SL 43 pages`, `Officer D.C. 43`, `pièce 12`, `Anlage B 3`, `фото 12`), in the languages the engine reads:
# the letters and number after one are the label's, never a plant's code and its year
_DOCUMENT_LABELS = word_set(
    "EXHIBIT EXHIBITS EXH EX ANNEX ANNEXE ANNEXES APPENDIX ATTACHMENT ENCLOSURE ITEM ITEMS PHOTO PHOTOS PHOTOGRAPH "
    "PHOTOGRAPHS PIC IMAGE IMG FIGURE FIG FIGS PLATE REF REFERENCE REPORT DOCUMENT DOC FILE FOLIO SECTION SECT PAGE "
    "PAGES PP PARA PARAGRAPH TABLE CHAPTER ARTICLE CLAUSE BAG TAG SAMPLE SPECIMEN OFFICER SGT SERGEANT CPL CORPORAL "
    "CONSTABLE INSPECTOR INSP DET DETECTIVE AGENT WITNESS "
    "PIECE PIECES SCELLE SCELLES ANNEXE FIGURE TABLEAU RAPPORT ARTICLE "
    "ANEXO ANEXOS FOTO FOTOS FIGURA TABLA INFORME PAGINA SECCION ARTICULO EVIDENCIA MUESTRA AGENTE OFICIAL "
    "ALLEGATO FOTOGRAFIA REPERTO REPERTI TABELLA PAGINA SEZIONE "
    "ANLAGE ANHANG ABBILDUNG ABB BILD SEITE TABELLE ABSCHNITT ASSERVAT BERICHT "
    "ПРИЛОЖЕНИЕ ФОТО РИС РИСУНОК ТАБЛИЦА СТР РАЗДЕЛ ПУНКТ ВЕЩДОК ОБЪЕКТ ОТЧЕТ"
)


def _label_numbers(scan: Scan) -> None:
    """The number a document's label carries, with the one to three letters before it (`Exhibit K 12`, `Item D 18`,
    `Ref K35 VII`, `Annex K 2019`), on the label's line: neither a plant's code nor a year."""
    words = scan.words
    for i, w in enumerate(words):
        if w not in _DOCUMENT_LABELS:
            continue
        line = scan.tokens[i].line
        j = i + 1
        if j + 1 < len(words) and words[j].isalpha() and len(words[j]) <= 3 and words[j + 1][:1].isdigit():
            j += 1  # `Exhibit K 12`: the label's letters
        elif j < len(words) and _LETTERED_NUMBER.fullmatch(words[j]):
            pass  # `Ref K35`: letters and number joined
        elif not (j < len(words) and words[j][:1].isdigit()):
            continue
        if scan.tokens[j].line != line:
            continue
        scan.used.update(range(i + 1, j + 1))


_LETTERED_NUMBER = re.compile(r"[^\W\d_]{1,3}\d{1,4}")


def _qualified_count(scan: Scan, i: int, counted: frozenset[str]) -> bool:
    """`3 stolen cartridges`, `12 live rounds`: one word written in lower case (no stamp's code) between the number
    and the word it counts."""
    if i + 2 >= len(scan.words) or scan.words[i + 2] not in counted:
        return False
    between = scan.words[i + 1]
    if not (between.isalpha() and len(between) > 2) or scan.ix.headstamps.get(between):
        return False
    return re.search(rf"(?<![^\W\d_]){re.escape(between.lower())}(?![^\W\d_])", scan.text) is not None


def mark_counts(scan: Scan) -> None:
    """`12 casings recovered`, `изъято 5 гильз`, `12 rounds`: a number just before a case-head word or a word for
    rounds counts them; it is
    neither a plant's code nor a year. Not after a code (`LC 68 casings`), where it is the stamp's year. A number
    before a Chinese or Japanese measure word or unit (`3枚`, `31厘米`) is a count or a size, wherever it stands, and
    one beside a word of age or count (`a man of 60 years`, `ام 60 عاما`, `aged 60`) an age or a tally; numbers listed
    after a calibre word (`calibre 22, 32 o 38`) are bores."""
    _calibre_numbers(scan)
    _label_numbers(scan)
    counted = any(w in _WEAPON_COUNTS for w in scan.words)  # the model search only when a weapon noun is there
    designations = {j for h in scan.find(scan.ix.models) for j in range(h.start, h.end)} if counted else set()
    for i, w in enumerate(scan.words):
        if w.isdigit() and (
            _age_or_count(scan, i) or _weapon_count(scan, i, designations)
        ):  # `a man of 60 years`, `ام 60 عاما`, `aged 60`, `20 pieces`
            scan.used.add(i)
            continue
        if i + 1 == len(scan.words):
            break
        if w.isdigit() and scan.words[i + 1] in _CJK_MEASURES:
            scan.used.add(i)
            continue
        tallied = CASE_HEAD_WORDS | _ROUND_COUNTS
        if not (w.isdigit() and len(w) <= 3 and (scan.words[i + 1] in tallied or _qualified_count(scan, i, tallied))):
            continue
        prev = scan.words[i - 1] if i else ""
        if not prev or not (prev[:1].isdigit() or scan.ix.headstamps.get(prev) or prev in CASE_HEAD_WORDS):
            scan.used.add(i)
