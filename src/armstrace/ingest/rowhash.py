"""Content hashes of imported rows, a whole column at a time, so that re-importing a file adds nothing.

A hash is a 64-bit signed integer (it goes in a BIGINT column) computed from the row's validated
values joined by a separator. It must be the same on every machine and in every version, or a
re-import would store the rows again: hence a fixed algorithm (murmur3-style mixing of little-endian
8-byte words, then the length and a final avalanche), written with NumPy so that a million rows take
a fraction of a second, and ``reference_hash`` in plain Python that tests hold it to.

The k-th identical row of one file gets a distinct hash (``occurrence``), so that no line is lost to
de-duplication: two equal lines of a stock list are two weapons.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

__all__ = ["HashSet", "hash_column", "occurrence", "reference_hash"]

_M = (1 << 64) - 1
_C1 = 0x87C37B91114253D5
_C2 = 0x4CF5AD432745937F
_SEED = 0x5851F42D4C957F2D


def _fmix(h: np.ndarray) -> np.ndarray:
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xFF51AFD7ED558CCD)
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xC4CEB9FE1A85EC53)
    out: np.ndarray = h ^ (h >> np.uint64(33))
    return out


def hash_column(values: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """The 64-bit hash (as int64) of each value of a string or binary column without nulls."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks() if values.num_chunks != 1 else values.chunk(0)
    if values.null_count:
        raise ValueError("hash_column needs a column without nulls")
    n = len(values)
    lengths = pc.binary_length(values).to_numpy(zero_copy_only=False).astype(np.int64)
    # zero bytes up to a multiple of 8 put every value on a word boundary: one aligned load per word
    padding = pc.binary_repeat(pa.scalar(b"\0"), (-lengths) % 8)
    padded = pc.binary_join_element_wise(values.cast(pa.binary()), padding, b"").cast(pa.large_binary())
    _, offsets_buf, data_buf = padded.buffers()
    offsets = np.frombuffer(offsets_buf, dtype=np.int64, count=n + 1, offset=padded.offset * 8)
    if data_buf is None or offsets[-1] == offsets[0]:
        words = np.zeros(1, dtype=np.uint64)
    else:
        words = np.frombuffer(data_buf, dtype="<u8", count=int(offsets[-1]) // 8)
    first = offsets[:-1] // 8
    count = (lengths + 7) // 8
    h = np.full(n, _SEED, dtype=np.uint64) ^ (lengths.astype(np.uint64) * np.uint64(_C2))
    full = int(count.min()) if n else 0
    w = np.empty(n, dtype=np.uint64)
    t = np.empty(n, dtype=np.uint64)
    at = first.copy()
    for _ in range(full):  # every row has a k-th word: whole-column steps, in place
        np.take(words, at, out=w, mode="clip")  # indices are in range; "clip" skips the bounds check
        _round(h, w, t)
        at += 1
    rows = np.flatnonzero(count > full)
    k = full
    while len(rows):  # the longer rows, fewer each round
        part = h[rows]
        _round(part, words[first[rows] + k], np.empty_like(part))
        h[rows] = part
        k += 1
        rows = rows[count[rows] > k]
    return _fmix(h).view(np.int64)


def _round(h: np.ndarray, w: np.ndarray, t: np.ndarray) -> None:
    """One word into the state, in place: w = rotl(w·C1, 31)·C2; h = rotl(h ^ w, 27)·5 + c."""
    w *= np.uint64(_C1)
    np.right_shift(w, np.uint64(33), out=t)
    w <<= np.uint64(31)
    w |= t
    w *= np.uint64(_C2)
    h ^= w
    np.right_shift(h, np.uint64(37), out=t)
    h <<= np.uint64(27)
    h |= t
    h *= np.uint64(5)
    h += np.uint64(0x52DCE729)


def occurrence(hashes: np.ndarray, k: np.ndarray) -> np.ndarray:
    """The hash of the k-th occurrence (k ≥ 2) of rows with content hash ``hashes``."""
    h = hashes.view(np.uint64) ^ (k.astype(np.uint64) * np.uint64(_C1))
    return _fmix(h * np.uint64(_C2)).view(np.int64)


def reference_hash(data: bytes) -> int:
    """``hash_column`` of one value, one byte at a time in plain Python (the definition tests check)."""

    def rotl(x: int, r: int) -> int:
        return ((x << r) | (x >> (64 - r))) & _M

    def fmix(h: int) -> int:
        h ^= h >> 33
        h = (h * 0xFF51AFD7ED558CCD) & _M
        h ^= h >> 33
        h = (h * 0xC4CEB9FE1A85EC53) & _M
        return h ^ (h >> 33)

    h = _SEED ^ ((len(data) * _C2) & _M)
    for i in range(0, len(data), 8):
        w = int.from_bytes(data[i : i + 8], "little")
        w = (rotl((w * _C1) & _M, 31) * _C2) & _M
        h = (rotl(h ^ w, 27) * 5 + 0x52DCE729) & _M
    h = fmix(h)
    return h - (1 << 64) if h >= 1 << 63 else h


class HashSet:
    """A growing set of row hashes kept as a few sorted NumPy runs (merged like a binary counter).

    Membership of a batch costs one binary search per run, adding one a merge now and then: tens of
    millions of hashes take 8 bytes each, where a Python set would take about ten times that.
    """

    def __init__(self, values: np.ndarray | None = None) -> None:
        self._runs: list[np.ndarray] = []
        if values is not None and len(values):
            self.add(values)

    def __len__(self) -> int:
        return sum(len(run) for run in self._runs)

    def contains(self, values: np.ndarray) -> np.ndarray:
        """Which of ``values`` are in the set. The values are searched in sorted order: random hashes
        searched as they come miss the cache on every step of the binary search."""
        found = np.zeros(len(values), dtype=bool)
        if not self._runs or not len(values):
            return found
        order = np.argsort(values, kind="stable")
        ordered = values[order]
        hit = np.zeros(len(values), dtype=bool)
        for run in self._runs:
            at = np.minimum(np.searchsorted(run, ordered), len(run) - 1)
            hit |= run[at] == ordered
        found[order] = hit
        return found

    def add(self, values: np.ndarray, *, ordered: bool = False) -> None:
        self._runs.append(values if ordered else np.sort(values.astype(np.int64, copy=False)))
        while len(self._runs) > 1 and len(self._runs[-2]) <= len(self._runs[-1]):
            last = self._runs.pop()
            self._runs[-1] = np.sort(np.concatenate([self._runs[-1], last]), kind="stable")

    def assign(self, hashes: np.ndarray) -> np.ndarray:
        """Final hashes for the next rows of a file: the k-th row with a content hash already given out
        gets ``occurrence(hash, k)``, so that every row of one import has its own hash. Adds them."""
        ordered = np.sort(hashes)
        repeated = ordered[1:][ordered[1:] == ordered[:-1]]
        clash = self.contains(hashes)
        if not (len(repeated) or clash.any()):  # the usual case: every hash is new
            self.add(ordered, ordered=True)
            return hashes
        hashes = hashes.copy()
        rows = np.flatnonzero(clash | np.isin(hashes, repeated))
        given = set(np.delete(hashes, rows).tolist())
        for i in rows.tolist():  # in file order: the first keeps its hash, the next get k = 2, 3, …
            base = hashes[i : i + 1].copy()
            final, k = base, 1
            while int(final[0]) in given or self.contains(final)[0]:
                k += 1
                final = occurrence(base, np.array([k]))
            hashes[i] = final[0]
            given.add(int(final[0]))
        self.add(hashes)
        return hashes
