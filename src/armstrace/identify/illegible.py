"""Illegible stretches of a marking (`NOR[..]CO`, `MADE IN CH[..]A`): a word with a gap is read as the one
reference word that fits around the gap, and every gap is reported as not read.

Worn stamps and bad photographs are the rule on recovered weapons; a transcriber who writes what is left
(`NOR[..]CO`) should still get the maker when only one maker's name fits, and be told what was not read.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .scan import Indexes
from .text import GAP, compact
from .words import CLDR_COUNTRY_WORDS, COUNTRY_WORDS

__all__ = ["Restored", "restore"]


@dataclass(frozen=True)
class Restored:
    """One gapped word of the transcription and how it was read (`reading` None when nothing fitted)."""

    marked: str
    reading: str | None
    table: str = ""


_GAPPED_WORD = re.compile(r"[^\s/|;]*?(?:" + GAP.pattern + r")[^\s/|;]*", re.IGNORECASE)


def restore(text: str, ix: Indexes) -> tuple[str, list[Restored]]:
    """The text with each gapped word replaced by the only table word that fits it, and what was done.

    A gap stands for one to five characters; at least three legible letters must surround it, and exactly
    one maker, country or model key of the tables must fit, or the word is left as it is (and reported).
    """
    found: list[Restored] = []
    out: list[str] = []
    last = 0
    for m in _GAPPED_WORD.finditer(text):
        word = m.group(0)
        if word.startswith("*") and word.endswith("*"):
            continue  # *Norinco*: emphasis, not a gap
        parts = [compact(p) for p in GAP.split(word)]
        reading, table = _fit(parts, ix)
        found.append(Restored(word, reading, table))
        out.append(text[last : m.start()])
        out.append(reading if reading else word)
        last = m.end()
    out.append(text[last:])
    return "".join(out), found


def _fit(parts: list[str], ix: Indexes) -> tuple[str | None, str]:
    legible = "".join(parts)
    if len(legible) < 3 or not any(ch.isalpha() for ch in legible):
        return None, ""
    pattern = re.compile(".{0,5}".join(re.escape(p) for p in parts))
    for table, keys in (("country", _country_keys(ix)), ("maker", _maker_keys(ix)), ("model", _model_keys(ix))):
        fits = {k for k in keys if pattern.fullmatch(k)}
        if len(fits) == 1:
            return fits.pop(), table
        if fits:
            return None, ""
    return None, ""


def _maker_keys(ix: Indexes) -> list[str]:
    return [k for k in ix.makers.phrases() if len(k) >= 4]


def _country_keys(ix: Indexes) -> list[str]:  # country names only: `CH[..]A` is CHINA, not the demonym CHECA
    return _compact_country_names()


@functools.lru_cache(maxsize=1)
def _compact_country_names() -> list[str]:  # the word list is fixed: compacted once
    # the names as marked, not every language's (CLDR's Spanish CHEQUIA would also fit `CH[..]A`)
    names = (w for w in COUNTRY_WORDS if w not in CLDR_COUNTRY_WORDS)
    return list(dict.fromkeys(k for k in map(compact, names) if len(k) >= 4 and k.isalpha()))


def _model_keys(ix: Indexes) -> list[str]:
    return [k for k in ix.models.phrases() if len(k) >= 4]
