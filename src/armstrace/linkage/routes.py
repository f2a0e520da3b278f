"""Which shards a reading asks for candidates: the registry's series and their blocks as patterns, and a bound
on a reading's edits to each that never excludes a candidate (see ``Routes``)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

import numpy as np
from rapidfuzz.distance import OSA
from rapidfuzz.process import cdist

from armstrace.serials import ANY, Query, skeleton

from . import shards as sharding
from .density import _MAX_DIGITS
from .index import allowed_edits
from .keys import char_codes, skeleton_elements
from .shards import RANGE_SHARD, _block_shard, parse

__all__ = ["Routes", "reading_shards"]

_DIGIT = frozenset(range(0x30, 0x3A))
_LOW, _HIGH = frozenset(range(0x30, 0x35)), frozenset(range(0x35, 0x3A))  # a block's halves
_Pattern = list[frozenset[int]]


class Routes:
    """Which shards can hold a candidate of a reading: the registry's series (``_shape``) with their
    blocks, each block's shard known (``_block_shard``). A record within ``k`` edits (OSA, on skeleton
    codes) of a reading is in a block whose *pattern* (its head, digits, tail; the digits that fix the
    block fixed, the others any digit) is within ``k`` edits of it, a bound that never excludes a
    candidate: first for the series with every digit any (one batched C call over all series), then
    block by block. Wildcard readings match exactly, so the same patterns at 0 edits; a ``*`` reading,
    a reading too vague for its lookups to be enumerated and one with characters outside the codes ask
    every shard; the range records' shard is asked by every reading when the registry has any."""

    def __init__(self, blocks: dict[bytes, set[int]], shards: int, ranges: bool, max_edits: int = 2):
        self.shards, self.max_edits = shards, max_edits
        self.extra = {RANGE_SHARD} if ranges else set()
        self.series = sorted(blocks)
        self.blocks = [sorted(blocks[k]) for k in self.series]
        pairs = zip(self.series, self.blocks, strict=True)
        self.block_shards = [[_block_shard(k, b, shards) for b in bl] for k, bl in pairs]
        parts = [k.split(b"\x1f") for k in self.series]
        self.parts = [(h, int(w), t) for h, w, t in parts]
        self.blurred = [(h + b"#" * w + t).translate(_BLUR).decode("latin-1") for h, w, t in self.parts]
        self.lengths = np.array([len(b) for b in self.blurred], dtype=np.int64)
        self._cache: dict[tuple[int, int], list[_Pattern]] = {}

    def of(self, queries: Sequence[Query | None], vague: Collection[int] = ()) -> list[set[int]]:
        """The shards each reading asks (empty: none holds a candidate)."""
        everywhere = set(range(self.shards))
        out: list[set[int]] = [set() for _ in queries]
        literal: list[tuple[int, bytes, int]] = []
        for i, q in enumerate(queries):
            if q is None:
                continue
            if q.has_star or i in vague:
                out[i] = set(everywhere)
            elif q.is_literal:
                skel = skeleton(q.literal)
                if not skel.isascii():
                    out[i] = set(everywhere)  # rare; the bound below reads ASCII only
                else:
                    literal.append((i, skel.encode(), allowed_edits(len(skel), self.max_edits)))
            else:
                out[i] = self._wild(skeleton_elements(q.elements)) | self.extra
        if literal and self.series:
            # a bound per series: every digit of both read as '#', so it never exceeds the true distance
            reads = [r.translate(_BLUR).decode("latin-1") for _, r, _ in literal]
            dist = cdist(
                reads, self.blurred, scorer=OSA.distance, score_cutoff=self.max_edits, dtype=np.int32, workers=1
            )
            for j, (i, read, k) in enumerate(literal):
                found = set(self.extra)
                for s in np.flatnonzero(dist[j] <= k).tolist():
                    for b, shard in zip(self.blocks[s], self.block_shards[s], strict=True):
                        if shard not in found and any(_within(read, p, k) for p in self._patterns(s, b)):
                            found.add(shard)
                out[i] = found
        else:
            for i, _, _ in literal:
                out[i] = set(self.extra)
        return out

    def _patterns(self, s: int, block: int) -> list[_Pattern]:
        """A block's serials as character sets (two patterns: the halves either side of its number)."""
        found = self._cache.get((s, block))
        if found is None:
            found = self._cache[(s, block)] = self._build(s, block)
        return found

    def _build(self, s: int, block: int) -> list[_Pattern]:
        head, width, tail = self.parts[s]
        h = [frozenset((c,)) for c in head]
        t = [frozenset((c,)) for c in tail]
        low = min(width, _MAX_DIGITS)
        block_size = sharding.BLOCK  # read when used: the block size is the sharding's, one value for both modules
        e = len(str(block_size)) - 1
        if 10**e != block_size or low <= e or e == 0:
            return [h + [_DIGIT] * width + t]  # the number does not fix these digits: any
        free = [_DIGIT] * (width - low)
        out = []
        for high, half in ((block - 1, _HIGH), (block, _LOW)):  # number + BLOCK/2 in the block
            digits = str(high).zfill(low - e) if high >= 0 else ""
            if high >= 0 and len(digits) == low - e:
                fixed = [frozenset((c,)) for c in digits.encode()]
                out.append(h + free + fixed + [half] + [_DIGIT] * (e - 1) + t)
        return out

    def _wild(self, elements: list[Any]) -> set[int]:
        """The shards of the blocks a wildcard reading (no ``*``) matches exactly."""
        sets: list[frozenset[int] | None] = []
        for e in elements:
            if e is ANY:
                sets.append(None)
                continue
            chars = [e] if isinstance(e, str) else sorted(e)
            codes = [char_codes(c) for c in chars]
            if any(len(c) != 1 for c in codes):
                return set(range(self.shards))
            sets.append(frozenset(c[0] for c in codes))
        found: set[int] = set()
        for s in np.flatnonzero(self.lengths == len(sets)).tolist():
            for b, shard in zip(self.blocks[s], self.block_shards[s], strict=True):
                if shard not in found and any(
                    all(q is None or q & p for q, p in zip(sets, pat, strict=True)) for pat in self._patterns(s, b)
                ):
                    found.add(shard)
        return found


_BLUR = bytes.maketrans(b"0123456789", b"#" * 10)


def _within(read: bytes, pattern: _Pattern, k: int) -> bool:
    """Whether some serial of the pattern is within ``k`` edits (OSA) of the reading."""
    n, m = len(read), len(pattern)
    if abs(n - m) > k:
        return False
    before: list[int] = []
    prev = list(range(m + 1))
    for i in range(1, n + 1):
        c = read[i - 1]
        cur = [i] + [0] * m
        for j in range(1, m + 1):
            miss = c not in pattern[j - 1]
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + miss)
            if miss and i > 1 and j > 1 and c in pattern[j - 2] and read[i - 2] in pattern[j - 1]:
                v = min(v, before[j - 2] + 1)
            cur[j] = v
        if min(cur) > k:
            return False
        before, prev = prev, cur
    return prev[m] <= k


def reading_shards(
    serials: Sequence[str | None], ignore_embedded_letters: bool, routes: Routes, vague: Sequence[int] = ()
) -> list[set[int]]:
    """The shards each reading asks for candidates (``Routes.of`` on the parsed readings)."""
    return routes.of([parse(t or "", ignore_embedded_letters) for t in serials], set(vague))
