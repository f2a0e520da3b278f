"""Factory marks that name a maker without words: numbers in a triangle or oval (described in several languages
too), numbered factories (`Factory 18`, 26厂), arsenal marks described in words, and German 1940-45 maker codes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .scan import Scan
from .stamp_words import case_head_word
from .text import NATO_WORDS, fold_digits, longest, normalise

__all__ = [
    "factory_codes",
]


_SHAPE = (
    "TRIANGLE|OVAL|CIRCLE|DIAMOND|RHOMBUS|CARTOUCHE|ELLIPSE|SQUARE|"
    "DREIECK|KREIS|RAUTE|CERCLE|TRIÁNGULO|TRIANGULO|CÍRCULO|CIRCULO|ÓVALO|OVALO|ТРЕУГОЛЬНИК|КРУГ|ОВАЛ"
)


_SHAPE_EN = {
    "dreieck": "triangle",
    "kreis": "circle",
    "raute": "diamond",
    "cercle": "circle",
    "triángulo": "triangle",
    "triangulo": "triangle",
    "círculo": "circle",
    "circulo": "circle",
    "óvalo": "oval",
    "ovalo": "oval",
    "треугольник": "triangle",
    "круг": "circle",
    "овал": "oval",
}


# Numbering systems whose plants are written with a qualifier ("Military Factory 18"): a bare "factory 18" never
# reads as one of them.
_QUALIFIED_SYSTEMS = frozenset({"egyptian_factory"})
_MILITARY_BEFORE = re.compile(r"(?:MILITARY|MIL\.?|STATE)\s*$")

_FACTORY_PATTERNS = [
    (re.compile(r"/\s*(\d{1,4})\s*\\"), "triangle"),
    (re.compile(r"[△▲∆Δ⊿◬]\s*(\d{1,4})|(\d{1,4})\s*[△▲∆Δ⊿◬]"), "triangle"),
    (re.compile(r"[⬭⬯◯○]\s*(\d{1,4})"), "oval"),
    (
        re.compile(
            rf"(\d{{1,4}})['\"’”]?\s*,?\s*(?:IS\s+)?(?:IN|INSIDE|WITHIN|FRAMED\s+(?:IN|BY)|ENCLOSED\s+(?:IN|BY)"
            rf"|SURROUNDED\s+BY)\s+(?:AN?\s+|THE\s+|TWO\s+)?(?:SMALL\s+|INVERTED\s+|DOUBLE\s+|CONCENTRIC\s+)?({_SHAPE})"
        ),
        "",
    ),
    (
        re.compile(
            rf"({_SHAPE})\S*\s+(?:WITH|CONTAINING|ENCLOSING|AROUND|MARK(?:ED)?|CODE|[^\W\d]+)?\s*(?:NO\.?\s*)?"
            rf"['\"]?(\d{{1,4}})\b"
        ),
        "",
    ),
    # `завода № 188`, `на заводе N 3`, `ZAVODA No. 17`: a numbered plant in any case of the word
    (
        re.compile(
            r"(?:FACTORY|ARSENAL|PLANT|ZAVOD[A-Z]{0,3}|ЗАВОД[А-ЯІЇЄ]{0,3}|(?<!\d)工厂|(?<![\d工])厂)"
            r"\s*(?:NO\.?|N|№|#|NUMBER|CODE|НОМЕР|НОМ\.)?\s*(\d{1,4})"
        ),
        "factory",
    ),
    # 26厂, 第26厂, 第二十六兵工厂 (read as digits): a Chinese state factory by its number
    (re.compile(r"(?<!\d)(\d{1,4})\s*(?:号|號)?\s*(?:兵\s*)?(?:工\s*)?(?:厂|廠)"), "chinese_factory"),
    (re.compile(r"\(\s*(\d{2,4})\s*\)|<\s*(\d{2,4})\s*>|\[\s*(\d{2,4})\s*\]"), "bracket"),
    (re.compile(r"['\"“”]?(\d{1,4})['\"“”]?\s+(?:FACTORY|ARSENAL)\s+(?:MARK|CODE|STAMP|NUMBER)"), "factory"),
]


# An arrow and a triangle named within a few words of each other, in the languages transcriptions come in: the
# Izhevsk arsenal mark (and Cugir's) described rather than drawn. Several words apart, either order.
_ARROW = (
    r"(?:(?<![A-ZÀ-ÿА-Я])(?:ARROW|PFEIL|FLECHE|FLÈCHE|FLECHA|FRECCIA|PANAH|СТРЕЛК\w*|СТРЕЛ\w*)|矢印|矢|箭头|箭頭|箭)"
)
_TRI = r"(?:(?<![A-ZÀ-ÿА-Я])(?:TRIANGLE\w*|DREIECK\w*|TRIÁNGULO|TRIANGULO|TRIANGOLO|SEGITIGA|ТРЕУГОЛЬН\w*)|三角形?)"
_ARROW_TRIANGLE = re.compile(
    rf"{_ARROW}(?:[\s\-]*[^\s\d]*){{0,4}}?[\s\-]*{_TRI}|{_TRI}(?:[\s\-]*[^\s\d]*){{0,5}}?[\s\-]*{_ARROW}"
)

_STAR = r"(?:(?<![A-ZÀ-ÿА-Я])(?:STAR|STERN|ETOILE|ÉTOILE|ESTRELLA|STELLA|BINTANG|ЗВЕЗД\w*)|星)"
_SHIELD = r"(?:(?<![A-ZÀ-ÿА-Я])(?:SHIELD|SCHILD|BOUCLIER|ESCUDO|SCUDO|PERISAI|ЩИТ\w*)|盾)"
# Tula's mark: a five-pointed star in a shield (a star alone is too common a symbol to name a maker)
_STAR_SHIELD = re.compile(
    rf"{_STAR}(?:[\s\-]*[^\s\d]*){{0,4}}?[\s\-]*{_SHIELD}|{_SHIELD}(?:[\s\-]*[^\s\d]*){{0,5}}?[\s\-]*{_STAR}"
)
_DESCRIBED_MARKS = ((_ARROW_TRIANGLE, "ARROW IN TRIANGLE"), (_STAR_SHIELD, "STAR"))


_GERMAN_CODE = re.compile(r"(?<![\w])([A-Za-z]{2,3})\s?/?\s?(?:\d{1,2}|19[34]\d)(?![\d\w])")
# German codes that are also ordinary words of the languages reports are written in (German `kam`, came; English
# `dot`; French `aux`, `ce`, `ch` for horsepower; `ar`, `ac`, `wa`): read only beside a word that labels a marking
# (`Headstamp kam 44`, `receiver marked dot 44`), never from prose (`Die Pistole kam 1943 in den Besitz`).
_WORD_CODES = frozenset({"kam", "dot", "aux", "ar", "ce", "ch", "wa", "ac", "dou"})
_CODE_LABELS = frozenset(
    {
        "CODE",
        "CODED",
        "CODES",
        "KENNZEICHEN",
        "HERSTELLERKENNZEICHEN",
        "FERTIGUNGSKENNZEICHEN",
        "RECEIVER",
        "RECEIVERS",
        "STAMPED",
        "GESTEMPELT",
        "GESTEMPELTE",
        "STEMPEL",
        "MARKIERT",
        "MARKIERUNG",
        "BESCHRIFTUNG",
        "SYSTEMHULSE",
        "SYSTEMHUELSE",
        "CARTRIDGE",
        "CARTRIDGES",
        "PATRONE",
        "PATRONEN",
        "MARQUE",
        "MARQUEE",
        "MARQUAGE",
        "POINCON",
        "POINÇON",
    }
)
_WORD = re.compile(r"[^\W\d_]+")


def _labelled(text: str, start: int, end: int) -> bool:
    """True when a word labelling a marking stands within three words before the code or two after its year."""
    before = _WORD.findall(text[max(0, start - 60) : start])[-3:]
    after = _WORD.findall(text[end : end + 40])[:2]
    return any(case_head_word(w) or normalise(w).strip() in _CODE_LABELS for w in before + after)


def _bare(text: str, m: re.Match[str]) -> bool:
    """True when the text is a marking alone (`kam 44`, `dou 43 7,92 mm`): no word but the code beyond two letters
    that is not written in capitals, as stamped."""
    rest = text[: m.start()] + " " + text[m.end() :]
    return all(len(w) <= 2 or w.isupper() for w in _WORD.findall(rest))


_QUOTED_CODE = re.compile(r"[‘'\"“]\s?([a-z]{2,3})\.?\s?[’'\"”]")


def factory_codes(scan: Scan) -> list[tuple[Any, str, str]]:
    found: list[tuple[Any, str, str]] = []
    # `+ in a circle` is the NATO cross, not a number in a circle
    upper = NATO_WORDS.sub(" NATO CROSS ", fold_digits(scan.text)).upper()
    for pattern, how in _FACTORY_PATTERNS:
        for m in pattern.finditer(upper):
            digits = next((g for g in m.groups() if g and g.isdigit()), None)
            shape = next((g.lower() for g in m.groups() if g and not g.isdigit()), how)
            shape = _SHAPE_EN.get(shape, shape)
            if digits is None:
                continue
            rows = scan.ix.factory_numbers.get(str(int(digits)), [])
            if how == "factory" and not _MILITARY_BEFORE.search(upper, 0, m.start()):
                # Egypt numbers its plants "Military Factory 18": a bare "factory 18" is any industry's
                # ("Aircraft Factory 18 in Voronezh", "workers at factory 270 went on strike")
                rows = [r for r in rows if r.system not in _QUALIFIED_SYSTEMS]
            if how == "chinese_factory":  # 厂 says the system: China's numbered state factories
                rows = [r for r in rows if r.system == "chinese_factory"]
                stamps = [h for h in scan.ix.headstamps.get(digits) if h.country == "CN"]
                if not rows:
                    rows = [_StampAsCode(stamps[0])] if stamps else [_CN_FACTORY]
                shape = "厂"
            if shape == "triangle":
                # a number in a triangle is the Chinese state-factory convention; another system's number (an
                # Egyptian factory 54) is not framed so, and an unlisted number still names a Chinese factory
                rows = [
                    r for r in rows if r.system == "chinese_factory" or "triangle" in (r.marking_form or "").lower()
                ]
                if not rows:
                    rows = [_TRIANGLE]
            if len(rows) > 1:
                rows = [r for r in rows if shape in (r.marking_form or "").lower()] or rows[:1]
            if not rows and how == "factory":  # "Factory 945": a numbered cartridge plant of one country
                stamps = [h for h in scan.ix.headstamps.get(digits) if h.country]
                if stamps and len({h.country for h in stamps}) == 1:
                    result_rows = [s for s in stamps if s.manufacturer_id] or stamps
                    found += [(_StampAsCode(result_rows[0]), f"factory {digits}", m.group(0))]
            found += [(r, f"{digits} {shape}".strip(), m.group(0)) for r in rows[:1]]
            if how == "bracket" and not rows:
                continue  # `270 (1979)`: a bracketed number no plant has is the text's own aside (a year), left free
            for i, tok in enumerate(scan.tokens):
                if tok.text == digits:
                    scan.used.add(i)
    for described, code in _DESCRIBED_MARKS:
        # "a triangle with an arrow inside", "треугольник со стрелкой": an arsenal mark described in words
        matched = described.search(upper)
        if matched is None or any(f[0].code == code for f in found):
            continue
        rows = [r for r in scan.ix.ref.factory_codes if r.code == code]
        how = "mark described in words" + (", shared by several makers" if len(rows) > 1 else "")
        found += [(r, how, matched.group(0)) for r in rows]
    for hit in longest(scan.find(scan.ix.factory_words)):
        if any(hit.inside(m) for m in scan.model_hits):
            continue  # "M47 Dragon": letters and digits inside a designation are the designation, not a code
        # ARROW IN TRIANGLE is both Izhevsk's and Cugir's: every maker of the mark is a candidate, sharing it
        found += [
            (r, "marking" if len(hit.payloads) == 1 else "marking shared by several makers", scan.raw(hit))
            for r in hit.payloads
        ]
    for m in _GERMAN_CODE.finditer(scan.text):  # byf 43, ac 44: German 1940-45 maker codes before the year
        row = scan.ix.german_codes.get(m.group(1).lower())
        if row is not None and (m.group(1).islower() or len(m.group(1)) == 3):
            if m.group(1).lower() in _WORD_CODES and not (
                _labelled(scan.text, m.start(), m.end()) or _bare(scan.text, m)
            ):
                continue  # `Die Pistole kam 1943`: a word of the sentence, not a maker's code
            found.append((row, "German maker code before a year", m.group(0)))
    for m in _QUOTED_CODE.finditer(scan.text):  # "the 'bnz.' inscription": a lower-case code quoted as marked
        row = scan.ix.german_codes.get(m.group(1))
        if row is not None:
            found.append((row, "German maker code, quoted as marked", m.group(0)))
    seen: set[tuple[str, str]] = set()
    unique = []
    for f in found:
        key = (f[0].code, str(getattr(f[0], "manufacturer_id", "")))
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique


@dataclass(frozen=True)
class _Unlisted:
    """A framed factory number that no row lists: the frame alone says which country's convention it is."""

    code: str
    system: str
    country: str
    manufacturer_id: str = ""
    marking_form: str = ""


_TRIANGLE = _Unlisted("number in a triangle", "chinese_factory", "CN", "", "a state-factory number in a triangle")
_CN_FACTORY = _Unlisted("number before 厂", "chinese_factory", "CN", "", "a numbered Chinese state factory (厂)")


@dataclass(frozen=True)
class _StampAsCode:
    """A headstamp row standing in for a factory code when the text says "Factory 945"."""

    stamp: Any

    @property
    def code(self) -> str:
        return str(self.stamp.code)

    @property
    def manufacturer_id(self) -> str:
        return str(self.stamp.manufacturer_id or "")

    @property
    def country(self) -> str:
        return str(self.stamp.country)

    @property
    def system(self) -> str:
        return "cartridge plant number"
