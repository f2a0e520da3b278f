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

__all__ = ["Producer", "named_producer"]


@dataclass(frozen=True)
class Producer:
    name: str  # as written
    how: str  # which shape of naming it was read from
    country: str  # ISO code, or "" when the text does not say
    country_text: str
    start: int  # character offsets of the name in the text
    end: int


_CAP = r"[A-Z0-9À-ÖØ-Þ][\w&'’.-]*"
_CAPS = rf"{_CAP}(?:[ \t]+(?:&[ \t]+)?{_CAP}){{0,3}}"
# a company word: "par la société X", "by the company X", "por la empresa X", "PT X" (Indonesian), "Turkish maker: X"
_COMPANY_NOUN = re.compile(
    r"(?i:\b(?:soci[ée]t[ée]|societ[àa]|company|firm|firma|empresa|companhia|compa[ñn][íi]a|entreprise|"
    r"[şs]irketi)\s+)" + rf"({_CAPS})"
)
_LABEL = re.compile(
    r"(?i:\b(?:maker|manufacturer|fabricant|fabricante|fabbricante|hersteller|producent)\s*:\s*)" + rf"({_CAPS})"
)
# "produite sous licence par Khenchela", "built under licence by X", "producido bajo licencia por X"
_LICENSEE = re.compile(
    r"(?i:\b(?:licen[cs]\w*|lizenz\w*|licenza|licencia|lisensi|lisans\w*)\W+(?:\w+\W+){0,2}?"
    r"(?:par|by|por|pela|pelo|da|presso|von|durch|przez|oleh|at)\s+(?:(?:la|le|l'|the|el|il|a|o)\s+)?)" + rf"({_CAPS})"
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
    ):
        for m in pattern.finditer(text):
            name = _trim(m.group(1))
            if name and _proper(name, ordinary):
                start = m.start(1)
                return _with_country(text, name, how, start, start + len(name), countries)
    for m in _COMPANY_END.finditer(text):
        name, start = _company_before(text, m.start(), m.end())
        if name and _proper(name, ordinary):
            return _with_country(text, name, "a company-shaped name", start, m.end(), countries)
    return _plant_shaped(text, countries)


def _trim(name: str) -> str:
    """The name without a trailing full stop or a legal form after its industry word."""
    name = name.rstrip(".’'")
    end = _COMPANY_END.search(name)
    return name[: end.end()].rstrip(".") if end and end.end() < len(name) else name


def _proper(name: str, ordinary: frozenset[str]) -> bool:
    """True when a word of the name is neither a company or industry word nor a word of description."""
    words = normalise(name).split()
    return any(w not in _GENERIC and w not in ordinary and not w.isdigit() and len(w) > 1 for w in words)


def _company_before(text: str, start: int, end: int) -> tuple[str, int]:
    """The capitalised words (at most four) right before a company word on its line, and where they start."""
    line_start = text.rfind("\n", 0, start) + 1
    words = list(re.finditer(r"\S+", text[line_start:start]))
    taken: list[re.Match[str]] = []
    for w in reversed(words):
        token = w.group(0)
        if not re.match(r"[A-Z0-9ÀÖØ-Þ]", token) or re.search(r"[,;:()\[\]—–]$", token) or len(taken) == 4:
            break
        taken.append(w)
        if re.match(r"[(\[]", token):
            break
    while taken and normalise(taken[-1].group(0)) in _NOT_NAME:
        taken.pop()
    if not taken:
        return "", start
    first = line_start + taken[-1].start()
    return text[first:end].rstrip(".").strip(), first


_PLANT_HEAD = re.compile(
    r"(?i)\b(f[áa]brica|fabrique|fabbrica|fabryka|entreprise|usine|factory|kombinat\w*|zavod|stabilimento)\b"
)


def _plant_shaped(text: str, countries: Any) -> Producer | None:
    """A plant word followed by what it makes, of what country or town: `Fábrica Militar de Braço de Prata`,
    `fábrica boliviana de munición`, `entreprise de constructions mécaniques de Khenchela`."""
    for m in _PLANT_HEAD.finditer(text):
        rest = text[m.end() :]
        stop = re.search(r"[\n,;:()\[\]—–]|\s[-–—]\s", rest)
        words = list(re.finditer(r"\S+", rest[: stop.start()] if stop else rest))[:7]
        end, proper, demonym, unknown = 0, False, "", 0
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
                end = w.end()
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
        name = (m.group(0) + rest[:end]).strip()
        if demonym:
            return Producer(name, "a plant-shaped name", demonym, name, m.start(), m.end() + end)
        return _with_country(text, name, "a plant-shaped name", m.start(), m.end() + end, countries)
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
