"""Range records (``serial`` … ``serial_end``, e.g. W1004000–W1004999) indexed as numeric intervals.

A range is split into a fixed prefix and a numeric part of fixed width (``W`` + 7 digits). Ranges are
grouped by (skeleton of the prefix, width); each group keeps starts, ends and a running maximum of the
ends in numpy arrays, so "which ranges contain W1004340" is a dictionary lookup and a binary search.
A reading is tried as every split that some group could have (prefix length ℓ, width = len − ℓ), and its
numeric part may contain confusable letters (``W1OO4340``): the skeleton maps O→0, I→1, S→5, B→8, Z→2, G→6.
Ranges are searched exactly, with unknown characters in the numeric part, with an unknown prefix
(``*1004340``), and within one edit (every one-edit variant of the reading is looked up).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import numpy as np

from armstrace.serials import ANY, STAR, Element, skeleton

__all__ = ["RangeHit", "RangeIndex", "split_range"]

_DIGITS = frozenset("0123456789")


def split_range(start: str, end: str) -> tuple[str, int, int, int] | None:
    """(prefix, first number, last number, width) of a normalised range, or None if not a range."""
    i = len(start)
    while i > 0 and start[i - 1].isdigit():
        i -= 1
    prefix, digits = start[:i], start[i:]
    if not digits or len(end) != len(start) or not end.startswith(prefix):
        return None
    tail = end[len(prefix) :]
    if not tail.isdigit():
        return None
    lo, hi = int(digits), int(tail)
    if hi < lo:
        return None
    return prefix, lo, hi, len(digits)


@dataclass(frozen=True)
class RangeHit:
    row: int
    number: int  # the serial number inside the range that matched
    edits: int
    count: int = 1  # how many serials of the range fit the reading (wildcards)


@dataclass
class _Group:
    prefix: str  # the registry's normalised prefix (first record of the group)
    starts: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    ends: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    maxend: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    rows: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))

    def overlapping(self, lo: int, hi: int) -> list[int]:
        """Indices of the ranges that share at least one number with [lo, hi]."""
        j = int(np.searchsorted(self.starts, hi, side="right")) - 1
        out = []
        while j >= 0 and self.maxend[j] >= lo:
            if self.ends[j] >= lo:
                out.append(j)
            j -= 1
        return out

    def containing(self, number: int) -> list[int]:
        """Indices of the ranges that contain number (ranges may overlap)."""
        j = int(np.searchsorted(self.starts, number, side="right")) - 1
        out = []
        while j >= 0 and self.maxend[j] >= number:
            if self.ends[j] >= number:
                out.append(j)
            j -= 1
        return out


class RangeIndex:
    """Range records grouped by (prefix skeleton, width)."""

    def __init__(self, ranges: Iterable[tuple[int, str, int, int, int]]):
        """``ranges``: (row, normalised prefix, first, last, width) for each range record."""
        pending: dict[tuple[str, int], list[tuple[int, int, int, str]]] = defaultdict(list)
        for row, prefix, lo, hi, width in ranges:
            pending[(skeleton(prefix), width)].append((lo, hi, row, prefix))
        self.groups: dict[tuple[str, int], _Group] = {}
        self.prefixes: dict[str, list[_Group]] = defaultdict(list)  # prefix skeleton -> groups
        self.items = 0
        for key, items in pending.items():
            items.sort()
            starts = np.array([i[0] for i in items], dtype=np.int64)
            ends = np.array([i[1] for i in items], dtype=np.int64)
            group = _Group(
                items[0][3], starts, ends, np.maximum.accumulate(ends), np.array([i[2] for i in items], dtype=np.int32)
            )
            self.groups[key] = group
            self.prefixes[key[0]].append(group)
            self.items += int((ends - starts + 1).sum())
        self.splits = sorted({(len(p), w) for p, w in self.groups})

    def __len__(self) -> int:
        return sum(len(g.rows) for g in self.groups.values())

    def plausible(self, length: int) -> bool:
        """Could a reading of this length (give or take one character) fall in any range?"""
        return any(abs(p + w - length) <= 1 for p, w in self.splits)

    def lookup(self, skel: str, edits: int = 0) -> list[RangeHit]:
        """Ranges containing the reading (a skeleton string)."""
        hits = []
        n = len(skel)
        for plen, width in self.splits:
            if plen + width != n:
                continue
            group = self.groups.get((skel[:plen], width))
            tail = skel[plen:]
            if group is None or not tail.isdigit():
                continue
            number = int(tail)
            hits += [RangeHit(int(group.rows[j]), number, edits) for j in group.containing(number)]
        return hits

    def search(self, skel: str, variants: Iterable[str] = ()) -> list[RangeHit]:
        """The reading itself, then its one-edit variants (each hit keeps its fewest edits)."""
        best: dict[int, RangeHit] = {}
        for hit in self.lookup(skel, 0):
            best.setdefault(hit.row, hit)
        totals = {p + w for p, w in self.splits}
        for v in variants:
            if len(v) not in totals:
                continue
            for hit in self.lookup(v, 1):
                if hit.row not in best:
                    best[hit.row] = hit
        return list(best.values())

    def pattern(self, elements: list[Element], limit: int = 1000) -> list[RangeHit]:
        """Ranges matching a wildcard query given as skeleton elements (at most one ``*``)."""
        if sum(1 for e in elements if e is STAR) > 1:
            return []
        fixed = [e for e in elements if e is not STAR]
        hits: dict[int, RangeHit] = {}
        for (pskel, width), group in self.groups.items():
            total = len(pskel) + width
            if STAR in elements:
                if total < len(fixed):
                    continue
                at = elements.index(STAR)
                full = elements[:at] + [ANY] * (total - len(fixed)) + elements[at + 1 :]
            elif len(fixed) != total:
                continue
            else:
                full = list(elements)
            if not all(_fits(e, c) for e, c in zip(full[: len(pskel)], pskel, strict=True)):
                continue
            for lo, hi in _intervals(full[len(pskel) :], limit):
                for j in group.overlapping(lo, hi):
                    row = int(group.rows[j])
                    start, end = int(group.starts[j]), int(group.ends[j])
                    inside = min(hi, end) - max(lo, start) + 1
                    if row not in hits:
                        hits[row] = RangeHit(row, max(lo, start), 0, inside)
                    else:
                        hits[row] = replace(hits[row], count=hits[row].count + inside)
        return list(hits.values())


def _fits(e: Element, ch: str) -> bool:
    if e is ANY:
        return True
    if isinstance(e, frozenset):
        return ch in e
    return e == ch


def _intervals(digits: list[Element], limit: int) -> list[tuple[int, int]]:
    """Number intervals matching a digit pattern: leading combinations x trailing unknown digits."""
    free = 0
    while free < len(digits) and digits[len(digits) - 1 - free] is ANY:
        free += 1
    lead = digits[: len(digits) - free]
    combos = [0]
    for e in lead:
        chars = _DIGITS if e is ANY else (e if isinstance(e, frozenset) else frozenset(str(e)))
        options = sorted(int(c) for c in chars if c in _DIGITS)
        combos = [x * 10 + d for x in combos for d in options]
        if not combos or len(combos) > limit:
            return []
    span = 10**free
    return [(x * span, x * span + span - 1) for x in combos]
