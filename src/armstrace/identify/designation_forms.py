"""The pieces every designation grammar shares: what a reading fixes, the Latin form of a Cyrillic designation
(`Х-59` is Kh-59), the words a designation may span (one line), and a pattern's year."""

from __future__ import annotations

from dataclasses import dataclass

from .scan import Scan
from .text import Hit

__all__ = ["Reading", "latin", "pattern_year", "span_hit", "window"]

_CYRILLIC = dict(zip("АБВГДЕЗИКЛМНОПРСТУФЫЭ", "ABVGDEZIKLMNOPRSTUFYE", strict=True)) | {
    "Ж": "ZH",
    "Х": "KH",
    "Ц": "TS",
    "Ч": "CH",
    "Ш": "SH",
    "Я": "YA",
    "Ю": "YU",
}


@dataclass(frozen=True)
class Reading:
    """A designation read by a system's grammar: the words it spans and what the form fixes."""

    hit: Hit
    model: str
    country: str
    system: str
    kind: str = ""
    weapon_type: str = ""
    weight: float = 0.55


def latin(word: str) -> str:
    return "".join(_CYRILLIC.get(ch, ch) for ch in word)


def pattern_year(word: str) -> bool:
    """A pattern's year: two digits, or four from 1880 to 2039 (`vz. 1309` is a number, not a vzor)."""
    return word.isdigit() and (len(word) == 2 or (len(word) == 4 and 1880 <= int(word) <= 2039))


def window(scan: Scan, i: int, n: int) -> list[str] | None:
    """Words i..i+n on one line, or None past the end or across a line break."""
    if i + n > len(scan.words) or scan.tokens[i + n - 1].line != scan.tokens[i].line:
        return None
    return scan.words[i : i + n]


def span_hit(scan: Scan, i: int, n: int, key: str) -> Hit:
    return Hit(i, i + n, key, " ".join(scan.words[i : i + n]), ())
