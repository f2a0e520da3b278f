"""The index's probe plans as gathers from a reading, and the permuted key orders they look up.

A plan (``SerialIndex._plan``) is written once per reading length and edit budget as symbolic keys
(reading positions and alphabet characters); ``_compile`` turns it into gather matrices, so the needles
of every reading of that length come from one numpy gather. The rotated and reversed key orders are
built by ``permuted`` with ``rotation``'s position maps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from .sorted_keys import SortedKeys

__all__ = ["Block", "Probe", "Stacked", "Sym", "compile_probes", "permuted", "rotation", "stack", "stacked", "swap"]

Sym = tuple[int, ...]  # a symbolic key: reading positions (>= 0) and alphabet characters (-1 - code)


@dataclass
class Probe:
    """One probe of a plan: variants of the reading as a gather (``src`` >= 0: a reading position,
    -1: the character in ``chars``, -2: padding), their lengths, and the "ends with" filter."""

    array: SortedKeys
    src: np.ndarray  # (variants, width) int16
    chars: np.ndarray  # (variants, width) uint8
    lengths: np.ndarray  # (variants,) int64
    must: np.ndarray  # reading positions of the filter (empty: none)
    exact: bool  # whole keys, not prefixes


def compile_probes(probes: list[tuple[SortedKeys, list[Sym], Sym | None]]) -> list[Probe]:
    """Symbolic probes as gather matrices (the same for every reading of one length)."""
    out: list[Probe] = []
    for array, keys, must in probes:
        width = max((len(key) for key in keys), default=0) or 1
        src = np.full((len(keys), width), -2, dtype=np.int16)
        chars = np.zeros((len(keys), width), dtype=np.uint8)
        for i, key in enumerate(keys):
            for j, t in enumerate(key):
                if t >= 0:
                    src[i, j] = t
                else:
                    src[i, j] = -1
                    chars[i, j] = -1 - t
        lengths = np.array([len(key) for key in keys], dtype=np.int64)
        out.append(Probe(array, src, chars, lengths, np.array(must or (), dtype=np.int64), must is None))
    return out


@dataclass
class Stacked:
    """A plan's probes into one sorted array as one gather: every variant of them in plan order (``src``,
    ``chars``, ``lengths``, ``exact`` as ``Probe``'s), ``must`` the reading positions of each variant's
    filter (-1: padding), ``probe`` the probe each variant came from (a block of several readings is put
    back in plan order: probe by probe, reading by reading, as one gather a probe would give)."""

    array: SortedKeys
    src: np.ndarray
    chars: np.ndarray
    lengths: np.ndarray
    must: np.ndarray
    exact: np.ndarray
    probe: np.ndarray

    def block(self, grid: np.ndarray, members: np.ndarray, n: int) -> Block:
        """Needles, lengths, owners, filters and exactness of these readings (rows of ``grid``, ``n`` long)."""
        block = grid[members][:, :n]
        count = len(members)
        needles = np.where(self.src >= 0, block[:, np.maximum(self.src, 0)], self.chars)
        must = np.where(self.must >= 0, block[:, np.maximum(self.must, 0)], 0).astype(np.uint8)
        variants = len(self.src)
        if count == 1:
            return needles[0], self.lengths, np.repeat(members, variants), must[0], self.exact
        flat = np.arange(count * variants)
        order = np.lexsort((flat, np.tile(self.probe, count)))
        owner = np.repeat(members, variants)[order]
        needles = needles.reshape(count * variants, self.src.shape[1])[order]
        must = must.reshape(count * variants, self.must.shape[1])[order]
        return needles, np.tile(self.lengths, count)[order], owner, must, np.tile(self.exact, count)[order]


def stacked(plan: list[Probe], width: int = 0) -> list[Stacked]:
    """The plan's probes grouped by sorted array (in the order each array first appears), their needles
    NUL padded to at least ``width`` (the keys': no copy to widen them per search)."""
    out: list[Stacked] = []
    arrays: list[SortedKeys] = []
    for probe in plan:
        if not any(probe.array is a for a in arrays):
            arrays.append(probe.array)
    for array in arrays:
        mine = [(k, p) for k, p in enumerate(plan) if p.array is array]
        wide = max(width, *(p.src.shape[1] for _, p in mine))
        must_w = max(len(p.must) for _, p in mine)
        src = np.full((sum(len(p.src) for _, p in mine), wide), -2, dtype=np.int16)
        chars = np.zeros(src.shape, dtype=np.uint8)
        must = np.full((len(src), must_w), -1, dtype=np.int64)
        at = 0
        for _, p in mine:
            v, w = p.src.shape
            src[at : at + v, :w] = p.src
            chars[at : at + v, :w] = p.chars
            must[at : at + v, : len(p.must)] = p.must
            at += v
        lengths = np.concatenate([p.lengths for _, p in mine])
        exact = np.concatenate([np.full(len(p.src), p.exact) for _, p in mine])
        origin = np.concatenate([np.full(len(p.src), k) for k, p in mine])
        out.append(Stacked(array, src, chars, lengths, must, exact, origin))
    return out


Block = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]  # needles, lengths, owners, musts, exact


def stack(parts: list[Block], width: int) -> Block:
    """Needle blocks of different widths as one NUL-padded matrix (and their lengths, owners, filters)."""
    total = sum(len(p[0]) for p in parts)
    wide = max(width, max(p[0].shape[1] for p in parts))
    must_w = max(p[3].shape[1] for p in parts)
    needles = np.zeros((total, wide), dtype=np.uint8)
    must = np.zeros((total, must_w), dtype=np.uint8)
    at = 0
    for block, _, _, m, _ in parts:
        needles[at : at + len(block), : block.shape[1]] = block
        must[at : at + len(block), : m.shape[1]] = m
        at += len(block)
    lengths, owners, exact = (np.concatenate([p[i] for p in parts]) for i in (1, 2, 4))
    return needles, lengths, owners, must, exact


def rotation(by: int) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    """Where position j of a key rotated by ``by`` (its last ``by`` characters first) reads from."""

    def source(j: np.ndarray, n: np.ndarray) -> np.ndarray:
        return np.where(n >= by, (j + n - by) % np.maximum(n, 1), j)

    return source


def permuted(
    grid: np.ndarray, lengths: np.ndarray, source: Callable[[np.ndarray, np.ndarray], np.ndarray]
) -> np.ndarray:
    """Each key (a row of ``grid``, ``lengths`` long) with its characters reordered: position j of the
    new key is character source(j, length) of the old; padding stays NUL."""
    width = grid.shape[1]
    out = np.zeros((len(grid), width), dtype=np.uint8)
    # one reordering per length (a registry has a dozen): no index array as large as the keys
    for n in np.unique(lengths).tolist():
        if n <= 0:
            continue
        rows = np.flatnonzero(lengths == n)
        src = np.clip(source(np.arange(n)[None, :], np.full((1, 1), n)), 0, width - 1).ravel()
        out[rows, :n] = grid[rows][:, src]
    return out.view(f"S{width}").ravel()


def swap(key: Sym, i: int) -> Sym:
    """The key with characters i and i+1 exchanged."""
    return (*key[:i], key[i + 1], key[i], *key[i + 2 :])
