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
from rapidfuzz.distance import OSA
from rapidfuzz.process import cdist

from armstrace.serials import ANY, STAR, Element, skeleton

from . import search_kernels
from .number_variants import MAX_WIDTH, digit_variants_many, number_variants

__all__ = ["RangeHit", "RangeIndex"]

_DIGITS = frozenset("0123456789")
_STEM_BLOCKS = 8  # most stems a range is cut into for ``RangeIndex.near``
_NEAR_CACHE = 100_000  # heads whose near prefixes are remembered
# a split's number variants of a reading, and the (variant, range) index pairs of its group that hold them
_Variants = tuple[np.ndarray, list[int], list[int]]


@dataclass(frozen=True)
class RangeHit:
    row: int
    number: int  # the serial number inside the range that matched
    edits: int
    count: int = 1  # how many serials of the range fit the reading (wildcards)


#: A stem length's stems, its stems with one character blanked (head, tail), and with one deleted.
_NearSets = tuple[frozenset[str], frozenset[tuple[str, str]], frozenset[str]]
_FEW = 16  # ``near`` of at most this many readings goes by set look-ups, of more by one ``cdist`` a head size


@dataclass
class _Group:
    prefix: str  # the registry's normalised prefix (first record of the group)
    starts: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    ends: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    maxend: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    rows: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))

    def overlapping_many(self, lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(interval, range) index pairs of every range sharing a number with an interval [lo_i, hi_i].

        ``maxend`` never decreases, so the ranges that can reach an interval form one run of indices:
        from the first whose running maximum end reaches lo to the last that starts by hi.
        """
        first = np.searchsorted(self.maxend, lo, side="left")
        last = np.searchsorted(self.starts, hi, side="right")
        sizes = np.maximum(last - first, 0)
        which = np.repeat(np.arange(len(lo)), sizes)
        offsets = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        j = np.repeat(first, sizes) + offsets
        ok = self.ends[j] >= lo[which]
        return which[ok], j[ok]

    def contains_many(self, numbers: np.ndarray) -> np.ndarray:
        """Whether some range of the group holds each number."""
        which, _ = self.overlapping_many(numbers, numbers)
        out = np.zeros(len(numbers), dtype=bool)
        out[which] = True
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
        self._by_length: dict[int, list[str]] = defaultdict(list)  # prefix skeletons by length
        for p in self.prefixes:
            self._by_length[len(p)].append(p)
        # every serial of a range starts with one of its stems (prefix + the leading digits of a block of it)
        stems: dict[int, set[str]] = defaultdict(set)
        for (pskel, width), group in self.groups.items():
            for lo, hi in zip(group.starts.tolist(), group.ends.tolist(), strict=True):
                for head in _heads(str(lo).zfill(width), str(hi).zfill(width)):
                    stems[len(pskel) + len(head)].add(pskel + head)
        self._stems = {n: sorted(s) for n, s in sorted(stems.items())}
        self._near: dict[tuple[str, int], list[str]] = {}  # ``_near_prefixes``'s answers
        self._near_built: dict[int, _NearSets] | None = None  # ``_near_sets``
        self._flat_groups: tuple[np.ndarray, ...] | None = None  # ``_flat``

    def __len__(self) -> int:
        return sum(len(g.rows) for g in self.groups.values())

    def spans(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(row, first number, last number, width) of every range record, group after group."""
        groups = list(self.groups.items())
        parts = [
            np.concatenate([g.rows.astype(np.int64) for _, g in groups] or [np.zeros(0, np.int64)]),
            np.concatenate([g.starts for _, g in groups] or [np.zeros(0, np.int64)]),
            np.concatenate([g.ends for _, g in groups] or [np.zeros(0, np.int64)]),
            np.concatenate([np.full(len(g.rows), w, np.int64) for (_, w), g in groups] or [np.zeros(0, np.int64)]),
        ]
        return parts[0], parts[1], parts[2], parts[3]

    def near(self, skels: list[str], edits: int) -> np.ndarray:
        """Whether each skeleton may be within ``edits`` (0 or 1, OSA) of a serial inside some range: a
        quick test that never says no wrongly, so the exact searches run only where it says yes.

        Every serial of a range starts with the range's stem; a string one edit from such a serial has a
        head (its first L - 1, L or L + 1 characters, L the stem's length) one edit from the stem.
        """
        out = np.zeros(len(skels), dtype=bool)
        if not skels:
            return out
        if edits == 1 and len(skels) <= _FEW:  # a search's reading: set look-ups, not ~15 small cdist calls
            near_sets = self._near_sets()
            return np.fromiter(
                (
                    any(_one_edit(s[:size], n, near_sets[n]) for n in near_sets for size in {max(n - 1, 0), n, n + 1})
                    for s in skels
                ),
                dtype=bool,
                count=len(skels),
            )
        for n, stems in self._stems.items():
            if edits == 0:
                allowed = frozenset(stems)
                out |= np.fromiter((s[:n] in allowed for s in skels), dtype=bool, count=len(skels))
                continue
            for size in {max(n - 1, 0), n, n + 1}:
                heads = [s[:size] for s in skels]
                dist = cdist(heads, stems, scorer=OSA.distance, score_cutoff=1, dtype=np.int32, workers=1)
                out |= (dist <= 1).any(axis=1)
        return out

    def _near_sets(self) -> dict[int, _NearSets]:
        """Per stem length: the stems, each with one character blanked (as its head and tail), and each
        with one character deleted (``_one_edit``'s tables; built on a search's first ``near``)."""
        if self._near_built is None:
            self._near_built = {
                n: (
                    frozenset(stems),
                    frozenset((s[:i], s[i + 1 :]) for s in stems for i in range(n)),
                    frozenset(s[:i] + s[i + 1 :] for s in stems for i in range(n)),
                )
                for n, stems in self._stems.items()
            }
        return self._near_built

    def search_many(self, skels: list[str], edits: list[int]) -> list[list[RangeHit]]:
        """``search`` of many readings, the same hits in the same order; most readings are ruled out by
        ``near`` in one vectorised test instead of a search each."""
        out: list[list[RangeHit]] = [[] for _ in skels]
        for k in sorted(set(edits)):
            idx = [i for i, e in enumerate(edits) if e == k]
            maybe = self.near([skels[i] for i in idx], min(k, 1))
            chosen = np.asarray(idx, dtype=np.int64)[maybe].tolist()
            # a single reading looks its few splits up itself (``search``): the batch's grouping costs more
            batched = k >= 1 and len(chosen) > 1
            found = self._variant_hits([skels[i] for i in chosen]) if batched else [None] * len(chosen)
            for i, variants in zip(chosen, found, strict=True):
                out[i] = self.search(skels[i], k, variants)
        return out

    def _variant_hits(self, skels: list[str]) -> list[dict[tuple[int, int], _Variants] | None]:
        """``search``'s look-up of the number variants of many readings: for each reading and each split whose
        prefix names a group, the variants of its tail (``number_variants``: those of ASCII digit tails
        worked out together per tail length and width) and the (variant, range) pairs of the group that hold
        them (one ``overlapping_many`` a group for the batch; each reading's pairs in the order of its own)."""
        out: list[dict[tuple[int, int], _Variants] | None] = [{} for _ in skels]
        asks: list[tuple[int, tuple[int, int], _Group, str]] = []  # (reading, split, group, tail)
        for r, skel in enumerate(skels):
            n = len(skel)
            for plen, width in self.splits:
                if abs(plen + width - n) > 1:
                    continue
                group = self.groups.get((skel[:plen], width))
                if group is not None:
                    asks.append((r, (plen, width), group, skel[plen:]))
        numbers: list[np.ndarray] = [np.zeros(0, dtype=np.int64)] * len(asks)
        batches: dict[tuple[int, int], list[int]] = defaultdict(list)
        for a, (_, (_, width), _, tail) in enumerate(asks):
            if max(len(tail), width) <= MAX_WIDTH and tail.isascii() and tail.isdigit():
                batches[(len(tail), width)].append(a)
            else:
                numbers[a] = np.asarray(number_variants(tail, width), dtype=np.int64)
        for (_, width), members in batches.items():
            for a, found in zip(members, digit_variants_many([asks[a][3] for a in members], width), strict=True):
                numbers[a] = found
        by_group: dict[int, list[int]] = defaultdict(list)
        for a, ask in enumerate(asks):
            by_group[id(ask[2])].append(a)
        for members in by_group.values():
            sizes = np.array([len(numbers[a]) for a in members], dtype=np.int64)
            joined = np.concatenate([numbers[a] for a in members])
            which, js = asks[members[0]][2].overlapping_many(joined, joined)
            starts = np.concatenate([[0], np.cumsum(sizes)])
            part = np.searchsorted(starts, which, "right") - 1  # which reading's variants (``which`` ascends)
            cut = np.searchsorted(part, np.arange(len(members) + 1)).tolist()
            local, js_list = (which - starts[part]).tolist(), js.tolist()
            for m, a in enumerate(members):
                mine = out[asks[a][0]]
                assert mine is not None
                mine[asks[a][1]] = (numbers[a], local[cut[m] : cut[m + 1]], js_list[cut[m] : cut[m + 1]])
        return out

    def holds(self, skels: list[str]) -> np.ndarray:
        """Whether each skeleton (a serial) lies inside some range record.

        The batch is one array of character codes: per (prefix, width) split, the skeletons of its length
        whose head names a group and whose tail is all digits give their numbers in one product. A batch
        with a character outside ASCII (or a NUL, which NumPy's strings drop) is tested one by one
        (``_holds_each``): ``str.isdigit`` and ``int`` read other scripts' digits too.
        """
        out = np.zeros(len(skels), dtype=bool)
        joined = "".join(skels)
        if not skels or not self.groups or not joined:
            return out
        if not joined.isascii() or "\x00" in joined or max(w for _, w in self.splits) > MAX_WIDTH:
            return self._holds_each(skels)
        text = np.array(skels, dtype=str)
        codes = text.view(np.uint32).reshape(len(skels), -1)
        return self.holds_codes(codes, np.fromiter(map(len, skels), dtype=np.int64, count=len(skels)))

    def holds_codes(self, codes: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """``holds`` of rows of ASCII character codes (NUL padded) with their lengths: the batch's form of it
        (a search's few rows in one compiled loop when loaded: ``search_kernels.range_holds``)."""
        loops = search_kernels.loaded() if len(codes) <= search_kernels.SMALL else None
        if loops is not None:
            return loops.range_holds(codes, lengths.astype(np.int64, copy=False), *self._flat())  # type: ignore[no-any-return]
        out = np.zeros(len(codes), dtype=bool)
        digit = (codes >= 48) & (codes <= 57)
        for plen, width in self.splits:
            rows = np.flatnonzero(lengths == plen + width)
            if not len(rows):
                continue
            rows = rows[digit[rows, plen : plen + width].all(axis=1)]
            if not len(rows):
                continue
            numbers = (codes[rows, plen : plen + width].astype(np.int64) - 48) @ (10 ** np.arange(width - 1, -1, -1))
            for (pskel, w), group in self.groups.items():
                if w != width or len(pskel) != plen:
                    continue
                head = np.array([ord(c) for c in pskel], dtype=np.int64)
                mine = (codes[rows, :plen] == head).all(axis=1)
                if mine.any():
                    out[rows[mine]] |= group.contains_many(numbers[mine])
        return out

    def _flat(self) -> tuple[np.ndarray, ...]:
        """The groups as ``search_kernels.range_holds`` reads them, laid out once per index."""
        if self._flat_groups is None:
            self._flat_groups = search_kernels.flat_groups(self.groups)
        return self._flat_groups

    def _holds_each(self, skels: list[str]) -> np.ndarray:
        """``holds``, skeleton by skeleton (any characters)."""
        out = np.zeros(len(skels), dtype=bool)
        by_length: dict[int, list[int]] = defaultdict(list)
        maybe = self.near(skels, 0)
        for i, s in enumerate(skels):
            if maybe[i]:
                by_length[len(s)].append(i)
        for plen, width in self.splits:
            buckets: dict[tuple[str, int], list[int]] = defaultdict(list)
            for i in by_length.get(plen + width, ()):
                s = skels[i]
                if (s[:plen], width) in self.groups and s[plen:].isdigit():
                    buckets[(s[:plen], width)].append(i)
            for key, idx in buckets.items():
                number = np.array([int(skels[i][plen:]) for i in idx], dtype=np.int64)
                out[np.array(idx)] |= self.groups[key].contains_many(number)
        return out

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

    def search(
        self, skel: str, edits: int = 1, variants: dict[tuple[int, int], _Variants] | None = None
    ) -> list[RangeHit]:
        """Ranges holding the reading (a skeleton string) or, with ``edits`` = 1, a serial one edit away.

        One edit is either in the number (the prefix read right: every digit variant of the number is
        looked up) or in the prefix (the number read right: every one-edit variant of the prefix that
        names a group); each hit keeps its fewest edits. ``variants``: the number variants' look-ups,
        when ``_variant_hits`` did them for a batch.
        """
        best: dict[int, RangeHit] = {}
        for hit in self.lookup(skel, 0):
            best.setdefault(hit.row, hit)
        if edits < 1:
            return list(best.values())
        n = len(skel)
        for plen, width in self.splits:
            if abs(plen + width - n) > 1:
                continue
            head, tail = skel[:plen], skel[plen:]
            group = self.groups.get((head, width))
            if group is not None:
                if variants is None:
                    numbers = np.asarray(number_variants(tail, width), dtype=np.int64)
                    which, js = group.overlapping_many(numbers, numbers)
                    variant_hits = zip(which.tolist(), js.tolist(), strict=True)
                else:
                    numbers, which_list, js_list = variants[(plen, width)]
                    variant_hits = zip(which_list, js_list, strict=True)
                for i, j in variant_hits:
                    best.setdefault(int(group.rows[j]), RangeHit(int(group.rows[j]), int(numbers[i]), 1))
            if plen + width == n and 0 < plen < n:  # the prefix's last and the number's first swapped
                swapped = skel[: plen - 1] + skel[plen] + skel[plen - 1] + skel[plen + 1 :]
                for hit in self.lookup(swapped, 1):
                    best.setdefault(hit.row, hit)
            for hlen in {plen - 1, plen, plen + 1} & set(range(n)):
                digits = skel[hlen:]
                if len(digits) != width or not digits.isdigit():
                    continue
                number = int(digits)
                for prefix in self._near_prefixes(skel[:hlen], plen):
                    g = self.groups.get((prefix, width))
                    if g is None:  # that prefix has ranges of another width only
                        continue
                    for j in g.containing(number):
                        best.setdefault(int(g.rows[j]), RangeHit(int(g.rows[j]), number, 1))
        return list(best.values())

    def _near_prefixes(self, head: str, plen: int) -> list[str]:
        """Group prefixes of length ``plen`` one edit (OSA) from ``head`` (not equal to it); remembered, as
        the heads are a reading's first few characters and repeat."""
        known = self._near.get((head, plen))
        if known is not None:
            return known
        prefixes = self._by_length.get(plen)
        found: list[str] = []
        if prefixes:
            dist = cdist([head], prefixes, scorer=OSA.distance, score_cutoff=1, dtype=np.int32, workers=1)[0]
            found = [p for p, d in zip(prefixes, dist.tolist(), strict=True) if d == 1]
        if len(self._near) < _NEAR_CACHE:
            self._near[(head, plen)] = found
        return found

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
            spans = _intervals(full[len(pskel) :], limit)
            if not spans:
                continue
            lo = np.array([a for a, _ in spans], dtype=np.int64)
            hi = np.array([b for _, b in spans], dtype=np.int64)
            which, js = group.overlapping_many(lo, hi)
            if not len(js):
                continue
            first = np.maximum(lo[which], group.starts[js])
            inside = np.minimum(hi[which], group.ends[js]) - first + 1
            for j, number, count in zip(js.tolist(), first.tolist(), inside.tolist(), strict=True):
                row = int(group.rows[j])
                if row not in hits:
                    hits[row] = RangeHit(row, number, 0, count)
                else:
                    hits[row] = replace(hits[row], count=hits[row].count + count)
        return list(hits.values())


def _one_edit(head: str, n: int, sets: _NearSets) -> bool:
    """Whether ``head`` is within one OSA edit (a substitution, insertion, deletion or adjacent transposition)
    of a stem of length ``n``: ``cdist(..., scorer=OSA.distance, score_cutoff=1) <= 1``, by set look-ups."""
    stems, blanked, deleted = sets
    size = len(head)
    if size == n:
        return (
            head in stems
            or any((head[:i], head[i + 1 :]) in blanked for i in range(n))
            or any(head[:i] + head[i + 1] + head[i] + head[i + 2 :] in stems for i in range(n - 1))
        )
    if size == n + 1:
        return any(head[:i] + head[i + 1 :] in stems for i in range(size))
    if size == n - 1:
        return head in deleted
    return False


def _common_head(a: str, b: str) -> str:
    """The characters two strings start with alike."""
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def _heads(first: str, last: str, blocks: int = _STEM_BLOCKS) -> list[str]:
    """The leading digits of every number from ``first`` to ``last`` (same width), as few strings as the
    deepest depth that needs at most ``blocks`` of them gives (at least the digits the two share): a range
    from 0999990 to 1000009 is 099999 and 100000, not the empty string every reading starts with."""
    depth = len(_common_head(first, last))
    while depth < len(first) and int(last[: depth + 1]) - int(first[: depth + 1]) < blocks:
        depth += 1
    lo, hi = int(first[:depth] or 0), int(last[:depth] or 0)
    return [str(v).zfill(depth) if depth else "" for v in range(lo, hi + 1)]


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
    combos = np.zeros(1, dtype=np.int64)
    for e in digits[: len(digits) - free]:
        chars = _DIGITS if e is ANY else (e if isinstance(e, frozenset) else frozenset(str(e)))
        options = np.array(sorted(int(c) for c in chars if c in _DIGITS), dtype=np.int64)
        if not len(options) or len(combos) * len(options) > limit:
            return []
        combos = (combos[:, None] * 10 + options[None, :]).ravel()
    span = 10**free
    return list(zip((combos * span).tolist(), (combos * span + span - 1).tolist(), strict=True))
