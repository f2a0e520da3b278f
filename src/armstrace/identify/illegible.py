"""Illegible stretches of a marking (`NOR[..]CO`, `MADE IN CH[..]A`): a word with a gap is read as the one
reference word that fits around the gap, and every gap is reported as not read.

Worn stamps and bad photographs are the rule on recovered weapons; a transcriber who writes what is left
(`NOR[..]CO`) should still get the maker when only one maker's name fits, and be told what was not read.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from .scan import Indexes
from .text import GAP, compact
from .words import CLDR_COUNTRY_WORDS, COUNTRY_WORDS

__all__ = ["MAX_GAPS", "Restored", "prime_gaps", "restore"]


@dataclass(frozen=True)
class Restored:
    """One gapped word of the transcription and how it was read (`reading` None when nothing fitted)."""

    marked: str
    reading: str | None
    table: str = ""
    how: str = ""  # why this reading: "exactly N characters lost", "read with the words around it"


# illegible words read in one text: a marking has a handful; each costs a pass over the tables' words, so a
# pasted document full of gaps would take minutes
MAX_GAPS = 64

_GAPPED_WORD = re.compile(r"[^\s/|;]*?(?:" + GAP.pattern + r")[^\s/|;]*", re.IGNORECASE)
_WORD = re.compile(r"[^\s/|;]+")
_WORD_ENDS = frozenset("/|;")
_COUNT = re.compile(r"[1-9]")


def restore(text: str, ix: Indexes) -> tuple[str, list[Restored]]:
    """The text with each gapped word replaced by the only table word that fits it, and what was done.

    A gap stands for one to five characters; at least three legible letters must surround it, and exactly
    one maker, country or model key of the tables must fit, or the word is left as it is (and reported).
    A gap whose length is written (`[....]` four dots, `[XXX]`, `[???]`, `[3]`, `[3 letters]`) is tried at that
    length first: `NOR[....]` is NORINCO (four letters lost), where any length also fits NORDIC and NORMA.
    A word too short to read alone (`K[..]H`) is read with its neighbours on the line against maker names
    (`HECKLER & K[..]H` is HECKLER & KOCH).
    """
    found: list[Restored] = []
    out: list[str] = []
    last = 0
    for m in _gapped_words(text):
        word = m.group(0)
        if word.startswith("*") and word.endswith("*"):
            continue  # *Norinco*: emphasis, not a gap
        if m.start() < last:
            continue  # already read as part of a neighbour's maker name
        if len(found) >= MAX_GAPS:  # reported, not read: each reading tries every table word
            found.append(Restored(word, None, "", "not read: too many illegible words in one text"))
            continue
        start, end = m.start(), m.end()
        reading, table, how = _fit(_parts(word), ix)
        if reading is None:
            start, end, reading, how = _with_neighbours(text, m.start(), m.end(), last, ix)
            table = "maker" if reading else ""
        found.append(Restored(text[start:end] if reading else word, reading, table, how))
        out.append(text[last:start])
        out.append(reading if reading else word)
        last = end
    out.append(text[last:])
    return "".join(out), found


def _gapped_words(text: str) -> Iterator[re.Match[str]]:
    """``_GAPPED_WORD.finditer(text)``'s matches, in time linear in the text's length.

    The pattern's lazy lead tried from every position of a long run without a gap scans the whole run each
    time (5,000 letters took most of a minute): here each gap is found once, and the word is matched from its
    first character only."""
    pos = 0
    while (gap := GAP.search(text, pos)) is not None:
        start = gap.start()
        while start > pos and text[start - 1] not in _WORD_ENDS and not text[start - 1].isspace():
            start -= 1
        m = _GAPPED_WORD.match(text, start)
        if m is None:  # cannot happen (the gap is reachable from its word's start): go past the gap
            pos = gap.end()
            continue
        yield m
        pos = m.end()


def _parts(word: str) -> list[tuple[str, int | None]]:
    """The legible pieces of a gapped word, each with the length of the gap after it (None: unknown, or last)."""
    pieces: list[tuple[str, int | None]] = []
    pos = 0
    for g in GAP.finditer(word):
        pieces.append((compact(word[pos : g.start()]), _gap_length(g.group(0))))
        pos = g.end()
    pieces.append((compact(word[pos:]), None))
    return pieces


def _gap_length(gap: str) -> int | None:
    """How many characters a gap says were lost: one per dot, X or question mark in brackets, or the number
    written (`[3]`, `[3 letters]`); None when it does not say (`[...]`, the editorial ellipsis, `…`,
    `[illegible]`, a bare `?` or `*` inside a word say nothing)."""
    inner = gap.strip("[]() ").upper()
    if not gap.startswith("["):
        return None
    if (count := _COUNT.match(inner)) is not None:
        return int(count.group(0))
    if inner == "...":
        return None  # the editorial ellipsis: an unknown amount lost, not three characters
    if inner and len(set(inner)) == 1 and inner[0] in ".X?":
        return len(inner)
    return None


def _fit(parts: list[tuple[str, int | None]], ix: Indexes, tables: tuple[str, ...] = ()) -> tuple[str | None, str, str]:
    """(key, table, how) of the one table word that fits the legible parts around the gaps, else (None, "", "")."""
    legible = "".join(p for p, _ in parts)
    if len(legible) < 3 or not any(ch.isalpha() for ch in legible):
        return None, "", ""
    lost = "+".join(str(n) for _, n in parts[:-1] if n is not None)
    written = f"{lost} character(s) lost, as written"
    loose = re.compile(".{0,5}".join(re.escape(p) for p, _ in parts))
    exact = None
    if all(n is not None for _, n in parts[:-1]):
        exact = re.compile("".join(re.escape(p) + (f".{{{n}}}" if n is not None else "") for p, n in parts))
    searched = [
        (table, keys)
        for table, keys in (("country", _country_keys(ix)), ("maker", _maker_keys(ix)), ("model", _model_keys(ix)))
        if not tables or table in tables
    ]
    if exact is not None:  # the length written: one word of any table fits it exactly
        exact_fits = {(k, table) for table, keys in searched for k in keys if exact.fullmatch(k)}
        if len({k for k, _ in exact_fits}) == 1:
            key, table = exact_fits.pop()
            return key, table, written
    found: list[tuple[str, str, str]] = []
    for table, keys in searched:
        fits = {k for k in keys if loose.fullmatch(k)}
        how = ""
        if exact is not None and len(fits) > 1 and (narrowed := {k for k in fits if exact.fullmatch(k)}):
            fits, how = narrowed, written  # the length written decides
        if table == "country" and len(fits) > 1 and len({_country_codes().get(k) for k in fits}) == 1:
            fits = {min(fits, key=len)}  # ITA[...]: ITALY and ITALIA name one country
        if len(fits) > 1 and not found:
            return None, "", ""
        found += [(k, table, how) for k in sorted(fits)]
    # the first table's word, unless another table's fit is a different word: `NOR[...]` fits NORWAY and NORINCO
    # and is left unread; NORINCO and a model named NORINCO CQ are one reading
    if not found or any(not (k.startswith(found[0][0]) or found[0][0].startswith(k)) for k, _, _ in found[1:]):
        return None, "", ""
    return found[0]


def _with_neighbours(text: str, start: int, end: int, last: int, ix: Indexes) -> tuple[int, int, str | None, str]:
    """(start, end, maker key, how) when the gapped word read with one or two words around it on its line fits
    one maker's name, else the word's own span and None."""
    line_start = max(text.rfind("\n", 0, start) + 1, last)
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if sum(ch.isalnum() for ch in GAP.sub("", text[start:end])) < 2:
        return start, end, None, ""  # a lost word (`THE [..] ARMS CO`), not a word with letters lost: no reading
    before = [w for w in _WORD.finditer(text, line_start, start)][-2:]
    after = list(itertools.islice(_WORD.finditer(text, end, line_end), 2))
    for nb, na in ((1, 0), (0, 1), (1, 1), (2, 0), (0, 2)):
        left = before[len(before) - nb :] if nb else []
        right = after[:na]
        if len(left) < nb or len(right) < na:
            continue
        s0 = left[0].start() if left else start
        e0 = right[-1].end() if right else end
        if any(GAP.search(w.group(0)) for w in (*left, *right)) and len(GAP.sub("", text[s0:e0]).replace(" ", "")) < 12:
            # a neighbour worn too (`Ernst Th[..]mann, Suh[..]`): read together only with twelve letters legible,
            # so that two short worn words never make a maker's name between them
            continue
        reading, _, how = _fit(_parts(text[s0:e0]), ix, tables=("maker",))
        if reading is not None:
            return s0, e0, reading, "; ".join(filter(None, ("read with the words around it", how)))
    return start, end, None, ""


def _maker_keys(ix: Indexes) -> list[str]:
    return [k for k in ix.makers.phrases() if len(k) >= 4]


def _country_keys(ix: Indexes) -> list[str]:  # country names only: `CH[..]A` is CHINA, not the demonym CHECA
    return _compact_country_names()


def prime_gaps() -> None:
    """Compact the country names a gap is read against once, at start-up, not at the first gapped marking."""
    _compact_country_names()
    _country_codes()


@functools.lru_cache(maxsize=1)
def _country_codes() -> dict[str, str]:
    """Each compacted country name's code."""
    return {compact(w): code for w, code in COUNTRY_WORDS.items()}


@functools.lru_cache(maxsize=1)
def _compact_country_names() -> list[str]:  # the word list is fixed: compacted once
    # the names as marked, not every language's (CLDR's Spanish CHEQUIA would also fit `CH[..]A`)
    marked = (w for w in COUNTRY_WORDS if w not in CLDR_COUNTRY_WORDS)
    names = {k for k in map(compact, marked) if len(k) >= 4 and k.isalpha()}
    return sorted(k for k in names if not (k.endswith("S") and k[:-1] in names))  # NORWAY'S is never stamped


def _model_keys(ix: Indexes) -> list[str]:
    return [k for k in ix.models.phrases() if len(k) >= 4]
