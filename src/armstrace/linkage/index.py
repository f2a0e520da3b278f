"""The candidate index for single serials: sorted skeleton keys, forward and reversed.

Two numpy ``S`` arrays hold every record's skeleton key sorted forwards and sorted reversed, each with
an int32 permutation back to the record row (2 x (key width + 1) + 8 bytes per record). Every lookup is
a vectorised ``np.searchsorted`` of prefixes (forward array) or suffixes (reversed array); nothing
scans the registry at query time.

Candidates within k edits (k <= 2; optimal string alignment on the skeleton, so confusable characters
cost nothing here) come from a pigeonhole argument. Split the query into quarters Q1..Q4; at most two
quarters hold an error, so one of these holds exactly and is looked up:

1. Q1Q2 is exact (errors in the second half)                  prefix Q1Q2
2. Q3Q4 is exact (errors in the first half)                   suffix Q3Q4
3. one error in Q1Q2, Q3 exact                                prefix v(Q1Q2)+Q3 for every 1-edit variant v
4. one error in Q3Q4, Q2 exact                                suffix Q2+v(Q3Q4)
5. errors in Q2 and Q3 only                                   prefix Q1+v(Q2), then "ends with Q4"

(k = 1 needs only cases 1 and 2.) Candidates are then verified with RapidFuzz's C-level OSA distance.
Wildcard queries walk the sorted array from the known end: each ``?``/``[..]`` is expanded only into
characters that exist under the current prefix, and the survivors are checked with a regular expression.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal, overload

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from rapidfuzz.distance import OSA
from rapidfuzz.process import cdist

from armstrace.serials import ANY, STAR, Element

from .keys import fixed_width, reverse_column

__all__ = ["SerialIndex", "allowed_edits"]

#: Most candidates verified for one query; beyond this the query is too vague to be useful anyway.
MAX_CANDIDATES = 200_000
_WALK_CAP = 4096  # most prefixes a wildcard walk keeps alive


def allowed_edits(length: int, requested: int) -> int:
    """Edits tolerated for a key of this length: none below 4 characters, one below 6, else requested."""
    if length < 4:
        return 0
    if length < 6:
        return min(requested, 1)
    return requested


@dataclass
class _Sorted:
    keys: np.ndarray  # S array, sorted
    rows: np.ndarray  # int32 row of each sorted key

    def ranges(self, prefixes: Sequence[bytes]) -> tuple[np.ndarray, np.ndarray]:
        width = self.keys.dtype.itemsize
        needles = np.array([p for p in prefixes if len(p) < width] or [b""], dtype=f"S{width}")
        if len(needles) != len(prefixes):  # a prefix longer than any key matches nothing
            ok = [len(p) < width for p in prefixes]
            lo_all = np.zeros(len(prefixes), dtype=np.int64)
            hi_all = np.zeros(len(prefixes), dtype=np.int64)
            if any(ok):
                lo, hi = self._bounds(needles)
                idx = np.flatnonzero(ok)
                lo_all[idx], hi_all[idx] = lo, hi
            return lo_all, hi_all
        return self._bounds(needles)

    def _bounds(self, needles: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        order = np.argsort(needles)  # sorted needles let numpy narrow each search
        lo = np.empty(len(needles), dtype=np.int64)
        hi = np.empty(len(needles), dtype=np.int64)
        lo[order] = np.searchsorted(self.keys, needles[order], side="left")
        upper = np.char.add(needles[order], b"\xff")
        hi[order] = np.searchsorted(self.keys, upper.astype(self.keys.dtype), side="left")
        return lo, hi

    @overload
    def positions(self, lo: np.ndarray, hi: np.ndarray) -> np.ndarray: ...
    @overload
    def positions(
        self, lo: np.ndarray, hi: np.ndarray, with_source: Literal[True]
    ) -> tuple[np.ndarray, np.ndarray]: ...

    def positions(self, lo: np.ndarray, hi: np.ndarray, with_source: bool = False) -> Any:
        """Sorted-array positions covered by the ranges (and, optionally, the range each came from)."""
        sizes = hi - lo
        keep = np.flatnonzero(sizes > 0)
        lo, sizes = lo[keep], sizes[keep]
        total = min(int(sizes.sum()), MAX_CANDIDATES)
        empty = np.zeros(0, dtype=np.int64)
        if total == 0:
            return (empty, empty) if with_source else empty
        starts = np.repeat(lo - np.concatenate(([0], np.cumsum(sizes)[:-1])), sizes)[:total]
        pos = starts + np.arange(total)
        if with_source:
            return pos, np.repeat(keep, sizes)[:total]
        return pos


class SerialIndex:
    """Sorted skeleton keys of single-serial records; answers exact, fuzzy and wildcard lookups."""

    def __init__(self, skeletons: pa.Array, rows: np.ndarray):
        """``skeletons``: skeleton key of each indexed record; ``rows``: its row in the registry table."""
        rows = np.asarray(rows, dtype=np.int32)
        order = pc.sort_indices(skeletons).to_numpy()
        fwd = skeletons.take(pa.array(order))
        self.forward = _Sorted(fixed_width(fwd), rows[order])
        rev = reverse_column(skeletons)
        rorder = pc.sort_indices(rev).to_numpy()
        self.reverse = _Sorted(fixed_width(rev.take(pa.array(rorder))), rows[rorder])
        present = set()
        for chunk in np.unique(self.forward.keys.view(np.uint8)):
            if 0x20 < chunk < 0x7F:
                present.add(bytes([chunk]))
        self.alphabet: list[bytes] = sorted(present)

    def __len__(self) -> int:
        return len(self.forward.rows)

    @property
    def nbytes(self) -> int:
        f, r = self.forward, self.reverse
        return f.keys.nbytes + f.rows.nbytes + r.keys.nbytes + r.rows.nbytes

    # -- exact and fuzzy -------------------------------------------------------------------------
    def exact(self, skel: str) -> np.ndarray:
        key = skel.encode()
        lo = np.searchsorted(self.forward.keys, np.array([key], dtype=self.forward.keys.dtype), "left")[0]
        hi = np.searchsorted(self.forward.keys, np.array([key], dtype=self.forward.keys.dtype), "right")[0]
        return self.forward.rows[lo:hi]

    def fuzzy(self, skel: str, max_edits: int = 2) -> tuple[np.ndarray, np.ndarray]:
        """Rows whose skeleton is within ``max_edits`` (OSA) of ``skel``, and their distances."""
        q = skel.encode()
        k = allowed_edits(len(q), max_edits)
        if k == 0:
            rows = self.exact(skel)
            return rows, np.zeros(len(rows), dtype=np.int32)
        n = len(q)
        h = n // 2
        a, c = h // 2, h + (n - h) // 2
        q1, q2, q3, q4 = q[:a], q[a:h], q[h:c], q[c:]
        var = self._variants
        # (array, prefixes, filter): the forward filter is "ends with", the reverse one "starts with".
        probes: list[tuple[_Sorted, list[bytes], bytes]]
        if k == 1:
            probes = [(self.forward, [q[:h]], b""), (self.reverse, [q[h:][::-1]], b"")]
            if 0 < h < n and q[h - 1] != q[h]:  # a transposition across the halves
                probes.append((self.forward, [_swap(q, h - 1)], b""))
        else:
            probes = [
                (self.forward, [q1 + q2 + q3], b""),  # errors in Q4
                (self.forward, [q1 + q2], q4),  # errors in Q3
                (self.forward, [q1 + q2 + v for v in var(q3)], b""),  # one in Q3, one in Q4
                (self.reverse, [(q2 + q3 + q4)[::-1]], b""),  # errors in Q1
                (self.reverse, [(q3 + q4)[::-1]], q1[::-1]),  # errors in Q2
                (self.reverse, [(v + q3 + q4)[::-1] for v in var(q2)], b""),  # one in Q1, one in Q2
                (self.forward, [v + q3 for v in var(q1 + q2)], b""),  # one in Q1Q2, one in Q4
                (self.reverse, [(q2 + v)[::-1] for v in var(q3 + q4)], b""),  # one in Q3Q4, one in Q1
                (self.forward, [q1 + v for v in var(q2)], q4),  # one in Q2, one in Q3
            ]
            # A transposition across a quarter boundary touches two quarters: undo it, and the one
            # error left is inside a single quarter (or there is a second boundary transposition).
            bounds = [b for b in (a, h, c) if 0 < b < n and q[b - 1] != q[b]]
            for b in bounds:
                s = _swap(q, b - 1)
                s1, s2, s3, s4 = s[:a], s[a:h], s[h:c], s[c:]
                probes += [
                    (self.forward, [s1 + s2 + s3], b""),
                    (self.forward, [s1 + s2], s4),
                    (self.reverse, [(s2 + s3 + s4)[::-1]], b""),
                    (self.reverse, [(s3 + s4)[::-1]], s1[::-1]),
                ]
                probes += [(self.forward, [_swap(s, o - 1)], b"") for o in bounds if o > b + 1]
        keys: list[bytes] = []
        row_parts: list[np.ndarray] = []
        for arr in (self.forward, self.reverse):
            mine = [(pre, must) for a_, pres, must in probes if a_ is arr for pre in pres]
            lo, hi = arr.ranges([pre for pre, _ in mine])
            pos, which = arr.positions(lo, hi, with_source=True)
            if not len(pos):
                continue
            found = arr.keys[pos]
            rows = arr.rows[pos]
            musts = [must for _, must in mine]
            keep = np.ones(len(pos), dtype=bool)
            for must in set(musts) - {b""}:
                sel = np.flatnonzero(np.array([m == must for m in musts])[which])
                keep[sel] = np.char.endswith(found[sel], must)
            found, rows = found[keep], rows[keep]
            if arr is self.reverse:
                keys += [s[::-1] for s in found.tolist()]
            else:
                keys += found.tolist()
            row_parts.append(rows)
        if not row_parts:
            return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int32)
        rows = np.concatenate(row_parts)
        rows, first = np.unique(rows, return_index=True)
        uniq = [keys[i] for i in first.tolist()]
        dist = cdist([q], uniq, scorer=OSA.distance, score_cutoff=k, dtype=np.int32, workers=1)[0]
        keep = dist <= k
        return rows[keep].astype(np.int32), dist[keep]

    def _variants(self, part: bytes) -> list[bytes]:
        return _variants(part, self._alphabet)

    @property
    def _alphabet(self) -> tuple[bytes, ...]:
        return tuple(self.alphabet)

    # -- wildcards ---------------------------------------------------------------------------------
    def pattern(self, elements: Sequence[Element]) -> np.ndarray:
        """Rows whose skeleton matches a wildcard query given as skeleton elements."""
        regex = _regex(elements)
        head = _leading(elements)
        tail = _leading(list(reversed(elements)))
        f_ranges = self._walk(self.forward, head)
        r_ranges = self._walk(self.reverse, tail)
        f_size = int((f_ranges[1] - f_ranges[0]).sum())
        r_size = int((r_ranges[1] - r_ranges[0]).sum())
        if f_size <= r_size:
            pos = self.forward.positions(*f_ranges)
            keys, rows = self.forward.keys[pos].tolist(), self.forward.rows[pos]
        else:
            pos = self.reverse.positions(*r_ranges)
            keys = [k[::-1] for k in self.reverse.keys[pos].tolist()]
            rows = self.reverse.rows[pos]
        match = regex.fullmatch
        keep = np.fromiter((match(k) is not None for k in keys), dtype=bool, count=len(keys))
        return np.unique(rows[keep]).astype(np.int32)

    def _walk(self, arr: _Sorted, elements: Sequence[Element]) -> tuple[np.ndarray, np.ndarray]:
        """Expand leading elements into the prefixes that exist in ``arr`` (stop at ``*`` or a cap)."""
        prefixes = [b""]
        lo, hi = np.array([0]), np.array([len(arr.rows)])
        for e in elements:
            if e is STAR:
                break
            chars = self.alphabet if e is ANY else sorted(_chars(e))
            grown = [p + c for p in prefixes for c in chars]
            if len(grown) > _WALK_CAP:
                break
            nlo, nhi = arr.ranges(grown)
            live = nhi > nlo
            prefixes = [g for g, ok in zip(grown, live.tolist(), strict=True) if ok]
            lo, hi = nlo[live], nhi[live]
            if not prefixes or int((hi - lo).sum()) <= 64:
                break
        return lo, hi


def _swap(key: bytes, i: int) -> bytes:
    """The key with characters i and i+1 exchanged."""
    return key[:i] + key[i + 1 : i + 2] + key[i : i + 1] + key[i + 2 :]


def _chars(e: Element) -> list[bytes]:
    if isinstance(e, str):
        return [e.encode()]
    return [c.encode() for c in e]  # type: ignore[union-attr]


def _leading(elements: Sequence[Element]) -> list[Element]:
    out: list[Element] = []
    for e in elements:
        if e is STAR:
            break
        out.append(e)
    return out


def _regex(elements: Sequence[Element]) -> re.Pattern[bytes]:
    parts: list[bytes] = []
    for e in elements:
        if e is STAR:
            parts.append(b".*")
        elif e is ANY:
            parts.append(b".")
        elif isinstance(e, str):
            parts.append(re.escape(e.encode()))
        else:
            parts.append(b"(?:" + b"|".join(re.escape(c) for c in sorted(_chars(e))) + b")")
    return re.compile(b"".join(parts), re.DOTALL)


@lru_cache(maxsize=65536)
def _variants(part: bytes, alphabet: tuple[bytes, ...]) -> list[bytes]:
    """Every string within one edit (substitution, deletion, insertion, transposition) of part."""
    out = {part}
    for i in range(len(part) + 1):
        head, tail = part[:i], part[i:]
        for ch in alphabet:
            out.add(head + ch + tail)
            if tail:
                out.add(head + ch + tail[1:])
        if tail:
            out.add(head + tail[1:])
            if len(tail) > 1:
                out.add(head + tail[1:2] + tail[:1] + tail[2:])
    return list(out)
