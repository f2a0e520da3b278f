"""A maker the tables do not hold, read from how the text names it: a company named as the one that made the item
("fabriqués sous licence par la société Neitron", "produite sous licence par Khenchela", "Turkish maker:
Ucyildiz Silah Sanayi"), a company-shaped name ("SME Ordnance Sdn Bhd", "National Security Industries") or a
plant-shaped one ("Fábrica Militar de Braço de Prata", "fábrica boliviana de munición").

The tables will never list every licensee and state plant of the field; the text often says who made the item in
words whose shape is unmistakable. Such a name is reported as the maker (with no table row) only when no maker of
the tables is read, and its country when the name holds a demonym or the text places it right after the name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .renderings import PLANT_WORDS, QUALIFIER_WORDS
from .text import normalise
from .words import AMMO_WORDS, FIREARM_WORDS, ORDNANCE_WORDS

__all__ = ["Producer", "made_by_before", "named_producer"]


@dataclass(frozen=True)
class Producer:
    name: str  # as written
    how: str  # which shape of naming it was read from
    country: str  # ISO code, or "" when the text does not say
    country_text: str
    start: int  # character offsets of the name in the text
    end: int


# a capitalised word; a full stop inside it (`A.Ş.`, `S.p.A.`) but one before a space ends the name: a name never
# runs across a sentence's end (`Manufacturer: Not Known. Rifle`)
_CAP = r"[A-Z0-9À-ÖØ-Þ](?:[\w&'’-]|\.(?=\w))*"
_CAPS = rf"{_CAP}(?:[ \t]+(?:&[ \t]+)?{_CAP}){{0,3}}"
# a company word: "par la société X", "by the company X", "por la empresa X", "PT X" (Indonesian), "Turkish maker: X"
_COMPANY_NOUN = re.compile(
    r"(?i:\b(?:soci[ée]t[ée]|societ[àa]|company|firm|firma|empresa|companhia|compa[ñn][íi]a|entreprise|"
    r"[şs]irketi)\s+)" + rf"({_CAPS})"
)
# a label's value that says no maker is known or marked, in the languages the engine reads: "Manufacturer: Not
# Known", "Hersteller: Unbekannt", "Fabricant : inconnu", "Manufacturer: See Annex 3"
_NO_MAKER = frozenset(
    {"NOT", "NO", "NONE", "NIL", "N/A", "NA", "UNKNOWN", "UNK", "ILLEGIBLE", "UNREADABLE", "UNMARKED", "UNCLEAR"}
    | {"UNIDENTIFIED", "UNDETERMINED", "UNSPECIFIED", "UNSTATED", "VARIOUS", "SEE", "REFER", "TBD", "TBC", "BLANK"}
    | {"UNBEKANNT", "UNLESERLICH", "UNLESBAR", "KEIN", "KEINE", "SIEHE", "OHNE", "INCONNU", "INCONNUE", "ILLISIBLE"}
    | {"AUCUN", "AUCUNE", "VOIR", "SANS", "NON", "DESCONOCIDO", "DESCONOCIDA", "ILEGIBLE", "NINGUNO", "VER", "SIN"}
    | {"DESCONHECIDO", "DESCONHECIDA", "NENHUM", "SEM", "SCONOSCIUTO", "ILLEGGIBILE", "NESSUNO", "VEDI", "IGNOTO"}
    | {"NIEZNANY", "NIECZYTELNY", "BRAK", "ZOBACZ", "ONBEKEND", "ONLEESBAAR", "GEEN", "ZIE", "BILINMIYOR", "YOK"}
    | {"OKAND", "OKÄND", "NEZNAMY", "NEZNÁMÝ", "NECITELNY", "TIDAK", "ANONYMOUS", "GENERIC", "PENDING"}
)
_LABEL = re.compile(
    r"(?i:\b(?:maker|manufacturer|fabricant|fabricante|fabbricante|hersteller|producent)\s*:\s*)" + rf"({_CAPS})"
)
# "produite sous licence par Khenchela", "built under licence by X", "producido bajo licencia por X"
_LICENSEE = re.compile(
    r"(?i:\b(?:licen[cs]\w*|lizenz\w*|licenza|licencia|lisensi|lisans\w*)\W+(?:\w+\W+){0,2}?"
    r"(?:par|by|por|pela|pelo|da|presso|von|durch|przez|oleh|at)\s+(?:(?:la|le|l'|the|el|il|a|o)\s+)?)" + rf"({_CAPS})"
)
# a word of making before a name binds it to the item: "made by", "manufactured by", "produite ... par", "Hersteller"
_MAKING = re.compile(
    r"(?i)(?<!\w)(?:made|mak(?:ers?|ing)|manufactur\w*|produ\w*|prodott\w*|built|assembl\w*|fabri\w*|"
    r"fabbric\w*|hergestellt|herstell\w*|gebaut|gefertigt|lizenzbau|wyprodukow\w*|vyroben\w*|[üu]ret\w*|"
    r"diproduksi|dibuat|buatan|tillverk\w*|gemaakt|vervaardigd|costruit\w*|construid\w*|prodh\w*|proizv\w*|izrađ\w*|произв\w*|изготов\w*|"
    r"gy[áa]rt\w*|valmist\w*)(?!\w)"
)
# arms, munitions or defence words inside a name: a company so named makes such things ("SME Ordnance Sdn Bhd",
# "Harambee Defence Industries", "Sahyadri Blasting Industries"); a bare capitalised name ("Kenya Power Ltd",
# "Security Industries Ltd") is no maker unless a word of making binds it to the item
_ARMS_NAME = (
    frozenset(w for w in QUALIFIER_WORDS if w not in {"MECHANICAL", "MACHINES", "MACHINE-BUILDING", "SMALL"})
    | {"DEFENCE", "DEFENSE", "DEFENSA", "DEFESA", "DIFESA", "DEFENSIVE", "SAVUNMA", "VERTEIDIGUNG", "OBRONA"}
    | {"ARMAMENT", "ARMAMENTS", "ARMAMENTOS", "ARMEMENT", "ARMEMENTS", "WEAPONRY", "ARSENAL", "ARSENALS", "ARMORY"}
    | {"EXPLOSIVE", "EXPLOSIVO", "EXPLOSIF", "PYROTECHNIC", "DETONATOR", "PROPELLANTS", "POWDER", "DYNAMITE"}
    | {"ARMOURY", "EXPLOSIVES", "EXPLOSIVOS", "EXPLOSIFS", "BLASTING", "DETONATORS", "PYROTECHNICS", "MISSILE"}
    | {"MISSILES", "ROCKET", "ROCKETS", "AEROSPACE", "FIREARMS", "GUNWORKS", "GUNMAKERS", "MUHIMMAT", "MUHIMMATI"}
    | {"ZBROJOVKA", "ZBROJOVKY", "WAFFENWERKE", "POLVORA", "POLVORAS", "AMMO", "BALLISTICS", "TACTICAL"}
)


# a legal form or an industry word ends a company's name: the name runs up to the first one
_COMPANY_END = re.compile(
    r"\b(?:Industries|Industrie|Industry|Industrias|Indústrias|Industria|Sanayi|Sanayii|Sdn\.? Bhd\.?|Pvt\.? Ltd\.?|"
    r"Ltd\.?|Limited|Inc\.?|GmbH|Corporation|Corp\.?|(?<!\.)S\.A\.(?!\w)|S\.p\.A\.|A\.Ş\.)(?!\w)"
)
# words a company name never starts with: the name starts after them
_NOT_NAME = frozenset({"THE", "A", "AN", "LA", "LE", "EL", "IL", "DER", "DIE", "DAS", "OF", "DE", "DU", "AND", "BY"})
_GENERIC = frozenset(
    {"INDUSTRIES", "INDUSTRY", "INDUSTRIE", "INDUSTRIA", "INDUSTRIAS", "SANAYI", "SANAYII", "LTD", "INC", "CORP"}
    | {"CORPORATION", "GMBH", "LIMITED", "SDN", "BHD", "PVT", "SA", "SPA", "COMPANY", "CO", "MILITARY", "DEFENCE"}
    | {"DEFENSE", "STATE"}
)
_PLACE_PREPOSITIONS = frozenset({"IN", "AT", "NEAR", "EN", "A", "PRES", "BEI", "W", "V", "NA", "EM", "U"})
_FILLER = frozenset({"DE", "DI", "DU", "DES", "DEL", "DELLA", "DA", "DO", "OF", "LA", "D", "L", "THE", "E", "I"})


def named_producer(text: str, countries: Any, ordinary: frozenset[str]) -> Producer | None:
    """The first maker-shaped name the text gives, or None. `countries` is the engine's index of country words
    and demonyms (`get(phrase)` → payloads); `ordinary` the words the engine reads as descriptions, which a
    name made only of them is not."""
    for how, pattern in (
        ("named by a company word", _COMPANY_NOUN),
        ("named as the licensee", _LICENSEE),
        ("named as the maker", _LABEL),
        ("named as the one that made it", _MADE_BY),
    ):
        for m in pattern.finditer(text):
            name = _trim(m.group(1))
            if not name or not _proper(name, ordinary):
                continue
            if pattern is _LABEL and normalise(name).split()[0] in _NO_MAKER:
                continue  # "Manufacturer: Not Known", "Hersteller: Unbekannt": no maker is named
            if pattern is _LICENSEE and not _MAKING.search(text, max(0, m.start() - 60), m.start(1)):
                continue  # "held under licence by", "licence issued by": a licence, not licensed production
            if pattern is _COMPANY_NOUN and not _bound(text, m.start(), name, m.start(1)):
                continue  # "confiscated by the firm Deloitte": a company, not the item's maker
            if pattern is _MADE_BY and countries.get(normalise(name)):
                continue  # "made by Russia": a country, read as the country of manufacture
            start = m.start(1)
            return _with_country(text, name, how, start, start + len(name), countries)
    for m in _COMPANY_END.finditer(text):
        name, start = _company_before(text, m.start(), m.end())
        if name and _proper(name, ordinary) and _bound(text, start, name):
            return _with_country(text, name, "a company-shaped name", start, m.end(), countries)
    return _plant_shaped(text, countries)


def _bound(text: str, start: int, name: str, name_start: int = -1) -> bool:
    """True when the name holds an arms, munitions or defence word (or its continuation does: `Compañía Anónima
    Venezolana de la Industria Militar`), a word of making stands just before it on its line ("made by",
    "manufactured by the company", "Turkish maker:"), or it stands in a list after the item it made
    ("5.56 mm AR-15-type assault rifle, National Security Industries, Ruiru, Kenya")."""
    if any(w in _ARMS_NAME for w in normalise(name).split()):
        return True
    end = (name_start if name_start >= 0 else start) + len(name)
    tail = _CONTINUATION.match(text, end, end + 120)
    if tail and any(w in _ARMS_NAME for w in normalise(tail.group(1)).split()):
        return True
    line_start = text.rfind("\n", max(0, start - 200), start) + 1
    if _MAKING.search(text, max(line_start, start - 60), start) is not None:
        return True
    return _listed_after_item(text, max(line_start, start - 200), start)


# the rest of a name joined by "de la", "of the" (`... de la Industria Militar`)
_CONTINUATION = re.compile(rf"[^\S\n]+(?:de|del|of|di|da|do|du|des)[^\S\n]+(?:(?:la|the|los|las|l')[^\S\n]+)?({_CAPS})")
_LIST_BREAK = re.compile(r"(?:,|;|\s[-–—]|\()\s*(?:[A-ZÀ-Þ]\S*\s+){0,2}$")
_ITEM_WORDS = FIREARM_WORDS | AMMO_WORDS | ORDNANCE_WORDS


def _listed_after_item(text: str, line_start: int, start: int) -> bool:
    """True when the name opens a part of a list (after a comma, dash or bracket, two capitalised words at most
    before it: `Tehničko-remontni zavod`) whose sentence names an item before it: a weapon, munition or explosive
    word, or a calibre in mm."""
    before = text[line_start:start]
    brk = _LIST_BREAK.search(before)
    if brk is None:
        return False
    head = before[: brk.start()]
    head = head[max(head.rfind(". "), head.rfind("? "), head.rfind("! ")) + 1 :]  # the name's own sentence
    return bool(re.search(r"\d\s*mm\b", head, re.I)) or any(w in _ITEM_WORDS for w in normalise(head).split())


def _trim(name: str) -> str:
    """The name without a trailing full stop or a legal form after its industry word."""
    name = name.rstrip(".’'")
    end = _COMPANY_END.search(name)
    return name[: end.end()].rstrip(".") if end and end.end() < len(name) else name


def _proper(name: str, ordinary: frozenset[str]) -> bool:
    """True when a word of the name is neither a company or industry word nor a word of description."""
    words = normalise(name).split()
    return any(w not in _GENERIC and w not in ordinary and not w.isdigit() and len(w) > 1 for w in words)


_WORD = re.compile(r"\S+")
# what a name's word starts with: a capital (Latin-1 ones too: Öztürk, Élan) or a digit
_NAME_START = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") | frozenset(map(chr, range(0xC0, 0xDF))) - {"×"}
_NAME_BREAK = frozenset(",;:()[]—–")


def _company_before(text: str, start: int, end: int) -> tuple[str, int]:
    """The capitalised words (at most four) right before a company word on its line, and where they start."""
    line_start = text.rfind("\n", max(0, start - 160), start) + 1  # bounded: linear in the text's length
    line_start = max(line_start, start - 160)  # four words at most are taken
    taken: list[re.Match[str]] = []
    for w in reversed(list(_WORD.finditer(text, line_start, start))):
        token = w.group(0)
        if token[0] not in _NAME_START or token[-1] in _NAME_BREAK or len(taken) == 4:
            break
        taken.append(w)
    while taken and normalise(taken[-1].group(0)) in _NOT_NAME:
        taken.pop()
    if not taken:
        return "", start
    first = taken[-1].start()
    return text[first:end].rstrip(".").strip(), first


_PLANT_HEAD = re.compile(
    r"(?i)\b(f[áa]brica|fabrique|fabbrica|fabryka|entreprise|usine|factory|kombinat\w*|zavod|stabilimento)\b"
)


def _plant_shaped(text: str, countries: Any) -> Producer | None:
    """A plant word followed by what it makes, of what country or town: `Fábrica Militar de Braço de Prata`,
    `fábrica boliviana de munición`, `entreprise de constructions mécaniques de Khenchela`."""
    for m in _PLANT_HEAD.finditer(text):
        rest = text[m.end() : m.end() + 300]  # seven words at most: a bounded slice keeps this linear
        stop = re.search(r"[\n,;:()\[\]—–]|\s[-–—]\s", rest)
        words = list(re.finditer(r"\S+", rest[: stop.start()] if stop else rest))[:7]
        end, proper, demonym, unknown, arms = 0, False, "", 0, False
        for w in words:
            token = w.group(0).rstrip(".")
            key = normalise(token)
            if not key:
                break
            if key in _PLACE_PREPOSITIONS:
                break  # "fabbrica X in Venezuela": where the plant is, said after its name
            if key in _FILLER or key.replace("'", "") in _FILLER:
                continue
            if key in QUALIFIER_WORDS or key in PLANT_WORDS:
                end, arms = w.end(), arms or key in _ARMS_NAME
                continue
            code = _country_code(countries, key)
            if code:
                demonym, end = code, w.end()
                continue
            if token[:1].isupper():
                proper, end = True, w.end()
                continue
            unknown += 1
            if unknown > 1:
                break
        if not end or not (proper or demonym):
            continue
        line_start = text.rfind("\n", max(0, m.start() - 200), m.start()) + 1
        first = m.start()
        lead = re.search(r"(?:(?<=\s)|^)(\S+)\s+$", text[max(line_start, first - 40) : first])
        if lead and normalise(lead.group(1)) in _ARMS_NAME:  # "Ordnance Factory Tiruchi": the arms word before
            arms, first = True, max(line_start, first - 40) + lead.start(1)
        if not (
            arms
            or _MAKING.search(text, max(line_start, first - 60), first)
            or _listed_after_item(text, max(line_start, first - 200), first)
        ):
            continue  # "Fabrica de Cemento Portland", "Factory Road": a plant of no arms, and no word of making
        name = text[first : m.end() + end].strip()
        if demonym:
            return Producer(name, "a plant-shaped name", demonym, name, first, m.end() + end)
        return _with_country(text, name, "a plant-shaped name", first, m.end() + end, countries)
    return None


def _country_code(countries: Any, key: str) -> str:
    """The country a word names (a country, demonym or town); a Romance demonym (`boliviana`, `argentina` as an
    adjective) is read as its masculine form or the country's name it is made from."""
    forms = [key] + ([key[:-1] + "O", key[:-1]] if key.endswith("A") and len(key) > 5 else [])
    forms += [key[:-2]] if key.endswith(("ANA", "ANO")) and len(key) > 6 else []  # boliviana: Bolivia
    for form in forms:
        for p in countries.get(form):
            if isinstance(p, str):
                return p
            if isinstance(p, tuple) and p[0] in {"demonym", "place"}:
                return str(p[1])
    return ""


def _with_country(text: str, name: str, how: str, start: int, end: int, countries: Any) -> Producer:
    """The producer with its country: a demonym or country in its name, else a country or town named within
    three words after it on its line (`National Security Industries, Ruiru, Kenya`)."""
    for word in normalise(name).split():
        code = _country_code(countries, word)
        if code:
            return Producer(name, how, code, word, start, end)
    line_end = text.find("\n", end)
    after = normalise(text[end : line_end if line_end >= 0 else len(text)]).split()[:3]
    for i in range(len(after)):
        for n in (2, 1):
            phrase = " ".join(after[i : i + n])
            code = _country_code(countries, phrase) if len(after[i : i + n]) == n else ""
            if code:
                return Producer(name, how, code, phrase, start, end)
    return Producer(name, how, "", "", start, end)


# "manufactured by Amin Explosives", "fabriqué par Manurhin": a word of making, then "by", then the name
_MADE_BY = re.compile(
    "(?i:"
    + _MAKING.pattern[4:]
    + r"[^\S\n]+(?:by|par|por|pela|pelo|von|przez)[^\S\n]+(?:(?:the|la|le|el)[^\S\n]+)?)"
    + rf"({_CAPS})"
)


_MADE_BY_END = re.compile(
    _MAKING.pattern
    + r"\s+(?i:by|par|por|pela|pelo|da|von|przez)\s+(?:(?i:the|la|le|el|a|o)\s+)?"
    + r"(?:(?i:company|firm|soci[ée]t[ée]|empresa)\s+)?$"
)


def made_by_before(text: str, start: int) -> bool:
    """True when a word of making and "by" (or its like) stand right before the offset `start`: "manufactured by
    Amin Explosives", "fabriqué par X", "made by the company X"."""
    return _MADE_BY_END.search(text[max(0, start - 80) : start]) is not None
