"""Sorted keys and their rows, searched by prefix: the four arrays of the candidate index (``index``).

A key is a NUL-padded byte string. Where the characters the keys hold, ranked (NUL 0, the others 1..A),
fit ``width`` of them in 64 bits, each key is held as that integer instead (``_Packer``): eight bytes a key
instead of ten at two million records, the same order, and integer binary searches. A prefix's keys are
then those from the prefix's integer up to it with the rank A + 1 after it; a prefix holding a character
no key holds starts no key. A registry of COMPILED_KEYS keys or more packs and sorts them by compiled loops
(``compiled_sorted_keys``), to the same arrays.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, overload

import numpy as np

from . import kernels

__all__ = [
    "COMPILED_KEYS",
    "MAX_CANDIDATES",
    "SortedKeys",
    "compiled_sorted_keys",
    "key_lengths",
    "sorted_keys",
    "stable_order",
]

#: Most candidates verified for one query; beyond this the query is too vague to be useful anyway.
MAX_CANDIDATES = 200_000
_PACK_BITS = 64  # keys whose characters' ranks fit in this many bits are held as integers (``_Packer``)
_ABSENT = 255  # the rank of a byte no key holds (keys holding 255 distinct bytes are not packed)
_SMALL = 1 << 16  # needles up to this many are packed as one matrix (a registry's keys a column at a time)
#: Registries from this many keys build their sorted arrays with compiled loops (``compiled_sorted_keys``): numba's
#: import and the cached loops' load (~0.6 CPU s a process) cost less than the NumPy passes they replace from here
COMPILED_KEYS = 1_000_000
_RADIX_BITS = 11  # bits of a key sorted per pass of ``_radix_sorted`` (a 2,048-entry count table)


@dataclass(frozen=True)
class _Packer:
    """Keys of ``width`` bytes as order-preserving integers: each byte's rank among the bytes the keys hold
    (NUL 0, the others 1..A), ``bits`` bits a character, the first character highest. Eight bytes a key
    instead of ``width`` (ten at 2M records), and integer binary searches."""

    width: int
    bits: int
    ranks: np.ndarray  # byte -> its rank, _ABSENT for a byte no key holds
    chars: np.ndarray  # rank -> byte

    @classmethod
    def fitting(cls, present: np.ndarray, width: int) -> _Packer | None:
        """A packer for keys holding the ``present`` bytes, or None when they do not fit in _PACK_BITS."""
        chars = np.concatenate(([0], np.flatnonzero(present[1:]) + 1)).astype(np.uint8)
        bits = len(chars).bit_length()  # ranks 0..A and the "any character" bound A + 1
        if width * bits > _PACK_BITS or len(chars) > _ABSENT:
            return None
        ranks = np.full(256, _ABSENT, dtype=np.uint8)
        ranks[chars] = np.arange(len(chars))
        return cls(width, bits, ranks, chars)

    def pack(self, grid: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The integer of each NUL-padded row of ``grid`` (``width`` bytes), and whether it holds only
        bytes some key holds (a row that does not is no key and no key's prefix)."""
        if len(grid) <= _SMALL:  # a search's needles: whole-matrix steps, not seven small ones a column
            digits = self.ranks[grid[:, : self.width]]
            absent = digits == _ABSENT
            digits[absent] = 0
            shifts = np.arange(self.width - 1, -1, -1, dtype=np.uint64) * np.uint64(self.bits)
            return np.bitwise_or.reduce(digits.astype(np.uint64) << shifts, axis=1), ~absent.any(axis=1)
        ok = np.ones(len(grid), dtype=bool)
        codes = np.zeros(len(grid), dtype=np.uint64)
        for j in range(self.width):  # a column at a time: no rank matrix as large as the keys beside them
            digits = self.ranks[grid[:, j]]
            ok &= digits != _ABSENT
            codes <<= np.uint64(self.bits)
            codes |= np.where(digits == _ABSENT, 0, digits).astype(np.uint64)
        return codes, ok

    def unpack(self, codes: np.ndarray) -> np.ndarray:
        """The keys (an ``S`` array) of packed integers."""
        grid = np.zeros((len(codes), self.width), dtype=np.uint8)
        codes = codes.copy()
        mask = np.uint64((1 << self.bits) - 1)
        for j in range(self.width - 1, -1, -1):
            grid[:, j] = self.chars[(codes & mask).astype(np.intp)]
            codes >>= np.uint64(self.bits)
        return grid.view(f"S{self.width}").ravel()

    def shift(self, at: np.ndarray) -> np.ndarray:
        """How far a character at each position is shifted up."""
        return ((self.width - 1 - at) * self.bits).astype(np.uint64)


@dataclass
class SortedKeys:
    keys: np.ndarray  # sorted: an S array, or their integers (``packer``)
    rows: np.ndarray  # int32 row of each sorted key
    width: int  # bytes a key (NUL padded)
    packer: _Packer | None = None

    def at(self, pos: np.ndarray) -> np.ndarray:
        """The keys at these positions, as an ``S`` array."""
        return self.keys[pos] if self.packer is None else self.packer.unpack(self.keys[pos])

    def ranges(self, prefixes: Sequence[bytes]) -> tuple[np.ndarray, np.ndarray]:
        """[lo, hi) of the keys starting with each prefix (empty for a prefix longer than any key)."""
        width = self.width
        lengths = np.array([len(p) for p in prefixes], dtype=np.int64)
        needles = np.array([p[:width] for p in prefixes], dtype=f"S{width}").view(np.uint8)
        return self.bounds(needles.reshape(len(prefixes), width), lengths, np.zeros(len(prefixes), dtype=bool))

    def bounds(self, needles: np.ndarray, lengths: np.ndarray, exact: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """[lo, hi) of the keys starting with each needle (equal to it where ``exact``): rows of uint8,
        NUL padded, with their lengths; a needle as long as the key width or longer matches nothing."""
        width = self.width
        lo = np.zeros(len(needles), dtype=np.int64)
        hi = np.zeros(len(needles), dtype=np.int64)
        fits = np.flatnonzero(lengths < width)
        if not len(fits):
            return lo, hi
        compiled = kernels.loaded()
        if compiled is not None and self.packer is not None and self.compiled_for(needles):  # one loop
            return compiled.packed_bounds(  # type: ignore[no-any-return]
                self.keys,
                np.ascontiguousarray(needles[:, :width], dtype=np.uint8),
                lengths.astype(np.int64, copy=False),
                exact.astype(bool, copy=False),
                self.packer.ranks,
                len(self.packer.chars),
                self.packer.bits,
                width,
            )
        low = np.ascontiguousarray(needles[fits, :width])
        low_s: np.ndarray
        high_s: np.ndarray
        if self.packer is not None:
            low_s, ok = self.packer.pack(low)
            fits = fits[ok]  # a needle with a byte no key holds starts no key
            low_s = low_s[ok]
            bound = np.where(exact[fits], 1, len(self.packer.chars)).astype(np.uint64)
            high_s = low_s | (bound << self.packer.shift(lengths[fits]))
            order = np.argsort(low_s, kind="stable")  # sorted needles keep the binary searches in cache
        else:
            high = low.copy()
            high[np.arange(len(fits)), lengths[fits]] = np.where(exact[fits], 0x01, 0xFF)
            low_s, high_s = low.view(f"S{width}").ravel(), high.view(f"S{width}").ravel()
            order = stable_order(low_s)  # sorted needles keep the binary searches in cache (a radix sort)
        low_s, high_s = low_s[order], high_s[order]
        start = np.searchsorted(self.keys, low_s, side="left")
        # most ranges are empty (four in five at 2M): the key at ``start`` is not below the high needle, so
        # the range ends where it starts, and only the others search for their end
        some = np.flatnonzero(start < len(self.keys))
        some = some[self.keys[start[some]] < high_s[some]]
        stop = start.copy()
        stop[some] = np.searchsorted(self.keys, high_s[some], side="left")
        lo[fits[order]], hi[fits[order]] = start, stop
        return lo, hi

    def compiled_for(self, needles: np.ndarray) -> bool:
        """Whether these needles go to the compiled loops (``lookup``, ``bounds``) when loaded: packed keys,
        needles as wide as a key, and few of them (a batch's million sorts its needles first: binary
        searches in sorted order stay in cache)."""
        return self.packer is not None and needles.shape[1] >= self.width and len(needles) <= _SMALL

    def lookup(
        self, compiled: Any, needles: np.ndarray, lengths: np.ndarray, exact: np.ndarray, must: np.ndarray, limit: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """(needle, row) of the keys ``bounds`` and ``positions`` (``limit`` in all) give the needles, kept
        where the key ends with the needle's row of ``must`` (NUL padded; empty: no filter): one compiled
        loop (``kernels.packed_lookup``), for packed keys only. The same pairs in the same order."""
        packer = self.packer
        assert packer is not None
        return compiled.packed_lookup(  # type: ignore[no-any-return]
            self.keys,
            self.rows,
            np.ascontiguousarray(needles, dtype=np.uint8),
            lengths.astype(np.int64, copy=False),
            exact.astype(bool, copy=False),
            np.ascontiguousarray(must, dtype=np.uint8),
            packer.ranks,
            packer.chars,
            packer.bits,
            self.width,
            limit,
            MAX_CANDIDATES,
        )

    @overload
    def positions(self, lo: np.ndarray, hi: np.ndarray) -> np.ndarray: ...
    @overload
    def positions(
        self, lo: np.ndarray, hi: np.ndarray, with_source: Literal[True], limit: int = ...
    ) -> tuple[np.ndarray, np.ndarray]: ...

    def positions(self, lo: np.ndarray, hi: np.ndarray, with_source: bool = False, limit: int = MAX_CANDIDATES) -> Any:
        """Sorted-array positions covered by the ranges (and, optionally, the range each came from).

        No range gives more than MAX_CANDIDATES positions and all together no more than ``limit``.
        """
        sizes = np.minimum(hi - lo, MAX_CANDIDATES)
        keep = np.flatnonzero(sizes > 0)
        lo, sizes = lo[keep], sizes[keep]
        total = min(int(sizes.sum()), limit)
        empty = np.zeros(0, dtype=np.int64)
        if total == 0:
            return (empty, empty) if with_source else empty
        starts = np.repeat(lo - np.concatenate(([0], np.cumsum(sizes)[:-1])), sizes)[:total]
        pos = starts + np.arange(total)
        if with_source:
            return pos, np.repeat(keep, sizes)[:total]
        return pos


def sorted_keys(keys: np.ndarray, rows: np.ndarray, present: np.ndarray) -> SortedKeys:
    """The keys (an ``S`` array) sorted, with their rows; as integers where the ``present`` bytes fit."""
    packer = _Packer.fitting(present, keys.dtype.itemsize)
    width = keys.dtype.itemsize
    if packer is None:
        order = stable_order(keys)
        return SortedKeys(keys[order], rows[order], width)
    codes, _ = packer.pack(keys.view(np.uint8).reshape(len(keys), width))
    order = np.argsort(codes, kind="stable")
    return SortedKeys(codes[order], rows[order], width, packer)


def stable_order(keys: np.ndarray) -> np.ndarray:
    """``np.argsort(keys, kind="stable")`` of an ``S`` array, as a radix sort: the keys read as big-endian
    16-bit digits, sorted stably from the last digit to the first (NumPy sorts 16-bit integers by radix).
    A comparison sort of byte strings cost four times as much on keys that are not already in order."""
    n, width = len(keys), keys.dtype.itemsize
    if n < 2:
        return np.arange(n, dtype=np.int64)
    grid = keys.view(np.uint8).reshape(n, width)
    if width % 2:
        grid = np.concatenate([grid, np.zeros((n, 1), dtype=np.uint8)], axis=1)
    digits = np.ascontiguousarray(grid).view(">u2")
    order = np.argsort(digits[:, -1], kind="stable")
    for j in range(digits.shape[1] - 2, -1, -1):
        order = order[np.argsort(digits[order, j], kind="stable")]
    return order


def compiled_sorted_keys(
    grid: np.ndarray, lengths: np.ndarray, rows: np.ndarray, present: np.ndarray, by: int
) -> SortedKeys | None:
    """``sorted_keys`` of the keys (rows of ``grid``, NUL padded, ``lengths`` long) forwards (``by`` 0), reversed
    (-1) or rotated by ``by`` (``probes.rotation``: the last ``by`` characters first), as ``probes.permuted``
    reorders them: each key reordered and packed in one compiled pass, then sorted by a stable radix sort. The
    same arrays as the NumPy steps; None when the keys do not pack (those keep the NumPy steps) or numba is
    not available."""
    width = grid.shape[1]
    packer = _Packer.fitting(present, width)
    if packer is None:
        return None
    try:
        pack, radix, _ = _build_loops()
    except ImportError:
        return None
    codes = pack(np.ascontiguousarray(grid), lengths.astype(np.int64, copy=False), packer.ranks, packer.bits, by)
    keys, order = radix(codes, np.asarray(rows, dtype=np.int32), width * packer.bits, _RADIX_BITS)
    return SortedKeys(keys, order, width, packer)


def key_lengths(grid: np.ndarray, compiled: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Each key's length (its bytes other than NUL) and which bytes the keys hold (``present``), in one compiled
    pass with ``compiled`` (numba available), else by NumPy."""
    if compiled:
        try:
            return _build_loops()[2](np.ascontiguousarray(grid))  # type: ignore[no-any-return]
        except ImportError:
            pass
    present = np.zeros(256, dtype=bool)
    present[grid.ravel()] = True
    return (grid != 0).sum(axis=1), present


_LOOPS: tuple[Any, Any, Any] | None = None


def _build_loops() -> tuple[Any, Any, Any]:
    """The loops of ``compiled_sorted_keys`` and ``key_lengths``, compiled (numba imported) on first use."""
    global _LOOPS
    if _LOOPS is None:
        _LOOPS = tuple(kernels.compile_loop(loop) for loop in (_pack_rows, _radix_sorted, _key_lengths))
    return _LOOPS


def _key_lengths(grid: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``key_lengths`` in one pass over the keys."""
    n, width = grid.shape
    lengths = np.zeros(n, dtype=np.int64)
    present = np.zeros(256, dtype=np.bool_)
    for i in range(n):
        count = 0
        for j in range(width):
            byte = grid[i, j]
            present[byte] = True
            if byte != 0:
                count += 1
        lengths[i] = count
    return lengths, present


def _pack_rows(grid: np.ndarray, lengths: np.ndarray, ranks: np.ndarray, bits: int, by: int) -> np.ndarray:
    """Each row's key reordered (``compiled_sorted_keys``' ``by``) and packed as ``_Packer.pack`` packs it: position
    j of the reordered key reads character ``src`` of the row, NUL past the key's length; a byte no key
    holds packs as rank 0."""
    n, width = grid.shape
    out = np.empty(n, dtype=np.uint64)
    shift = np.uint64(bits)
    for i in range(n):
        length = lengths[i]
        code = np.uint64(0)
        for j in range(width):
            src = j
            if by < 0:
                src = length - 1 - j
            elif by > 0 and length >= by:
                src = (j + length - by) % length
            digit = np.uint64(0)
            if by == 0 or j < length:
                rank = ranks[grid[i, src]]
                if rank != _ABSENT:
                    digit = np.uint64(rank)
            code = (code << shift) | digit
        out[i] = code
    return out


def _radix_sorted(codes: np.ndarray, rows: np.ndarray, bits: int, step: int) -> tuple[np.ndarray, np.ndarray]:
    """The codes sorted and their rows in the same order: a least-significant-digit radix sort, ``step`` bits a
    pass over the codes' low ``bits``, so equal codes keep their order (``np.argsort(kind="stable")``'s). Every
    pass's digits are counted in one read of the codes first; a pass whose digit is the same for every code
    is skipped."""
    n = len(codes)
    passes = (bits + step - 1) // step
    mask = np.uint64((1 << step) - 1)
    counts = np.zeros((passes, (1 << step) + 1), dtype=np.int64)
    for i in range(n):
        code = codes[i]
        for p in range(passes):
            counts[p, np.intp((code >> np.uint64(p * step)) & mask) + 1] += 1
    keys, owners = codes.copy(), rows.copy()
    spare_keys, spare_owners = np.empty_like(codes), np.empty_like(rows)
    for p in range(passes):
        starts = counts[p]
        if starts.max() == n:
            continue
        for b in range(1, len(starts)):
            starts[b] += starts[b - 1]
        shift = np.uint64(p * step)
        for i in range(n):
            d = np.intp((keys[i] >> shift) & mask)
            at = starts[d]
            spare_keys[at] = keys[i]
            spare_owners[at] = owners[i]
            starts[d] = at + 1
        keys, spare_keys = spare_keys, keys
        owners, spare_owners = spare_owners, owners
    return keys, owners
