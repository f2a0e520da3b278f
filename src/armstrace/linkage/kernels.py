"""Compiled loops (numba) of EM's E step: per-reading sums over a batch's candidate rows.

NumPy does each of these as a gather and a ``bincount`` per field and level (eighteen passes over every
row per iteration, each with a temporary as long as the batch); here one pass does them all. Each sum
adds its terms in row order, one by one, as ``np.bincount`` does, so every number is the NumPy one to the
last bit. Logs and exps stay in NumPy (its own implementations, which a compiled ``math.exp`` need not
match to the last bit).

numba is imported and the loops compiled on first demand (``compiled``), and kept on disk (``cache=True``): a
later process loads them. Importing numba and loading them costs ~0.9 CPU s a process, which only a batch
of a million candidate rows or so wins back (``xref.em_stats`` asks for them from that size on); below
it the same functions run as NumPy (``xref._em_stats_numpy``).
"""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import numpy as np

__all__ = ["compiled", "field_descriptive", "field_sums", "group_max", "level_sums", "loaded", "osa_pairs"]

_COMPILED: SimpleNamespace | None = None


def compiled() -> SimpleNamespace:
    """The four loops of this module compiled (``.field_sums`` …), numba imported on the first call."""
    global _COMPILED
    if _COMPILED is None:
        import numba  # optional: its import and the cached loops' load are paid by large batches only

        jit: Callable[[Any], Any] = numba.njit(cache=True, nogil=True)
        loops = [name for name in __all__ if name not in ("compiled", "loaded")]
        _COMPILED = SimpleNamespace(**{name: jit(globals()[name]) for name in loops})
    return _COMPILED


def loaded() -> SimpleNamespace | None:
    """The compiled loops if this process has them already (``compiled``), else None: a caller whose own
    work is too small to pay numba's import uses them only when a larger one has paid it."""
    return _COMPILED


def field_sums(owner: np.ndarray, cells: np.ndarray, tables: np.ndarray, n_rec: int) -> np.ndarray:
    """Per field ``j`` and reading: Σ ``tables[j, cells[j, i]]`` over the reading's rows ``i`` (in row order)."""
    n_fields, n_rows = cells.shape
    out = np.zeros((n_fields, n_rec))
    for j in range(n_fields):
        for i in range(n_rows):
            out[j, owner[i]] += tables[j, cells[j, i]]
    return out


def field_descriptive(owner: np.ndarray, cells: np.ndarray, tables: np.ndarray, means: np.ndarray) -> np.ndarray:
    """Per row: Σ over fields (in field order, from 0.0) of its cell's log ratio, or, where the field is
    missing (level 0: ``cells % 4 == 0``), its reading's mean ``means[j, owner]``."""
    n_fields, n_rows = cells.shape
    out = np.zeros(n_rows)
    for i in range(n_rows):
        acc = 0.0
        for j in range(n_fields):
            c = cells[j, i]
            acc += tables[j, c] if c & 3 else means[j, owner[i]]
        out[i] = acc
    return out


def level_sums(
    owner: np.ndarray, cells: np.ndarray, post: np.ndarray, counts: np.ndarray, n_rec: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per reading, in row order: Σ post; Σ post × count, per operation; Σ post at level 1, at level 2 and
    at any level > 0, per field."""
    n_fields, n_rows = cells.shape
    n_ops = counts.shape[1]
    total = np.zeros(n_rec)
    expected = np.zeros((n_ops, n_rec))
    levels = np.zeros((n_fields, 3, n_rec))
    for i in range(n_rows):
        o = owner[i]
        p = post[i]
        total[o] += p
        for k in range(n_ops):
            expected[k, o] += p * counts[i, k]
        for j in range(n_fields):
            lv = cells[j, i] & 3
            if lv == 1:
                levels[j, 0, o] += p
            elif lv == 2:
                levels[j, 1, o] += p
            if lv > 0:
                levels[j, 2, o] += p
    return total, expected, levels


def group_max(values: np.ndarray, owner: np.ndarray, n: int) -> np.ndarray:
    """Per group, the largest value (``np.maximum.at`` from -inf: a NaN wins and stays)."""
    out = np.full(n, -np.inf)
    for i in range(values.shape[0]):
        o = owner[i]
        v = values[i]
        cur = out[o]
        if cur == cur and (v > cur or v != v):
            out[o] = v
    return out


def osa_pairs(
    reads: np.ndarray, read_len: np.ndarray, keys: np.ndarray, owner: np.ndarray, pos: np.ndarray, cutoff: int
) -> np.ndarray:
    """OSA distance (optimal string alignment: substitution, insertion, deletion, adjacent transposition)
    of each pair (reading ``owner[p]``: a row of ``reads``, ``read_len`` long; key ``pos[p]``: a NUL-padded
    row of ``keys``), or ``cutoff + 1`` where it is larger, as RapidFuzz's ``OSA.distance`` with
    ``score_cutoff``. The rows are read in place: no string per pair. Two rows of the table wholly above
    the cutoff end a pair early (an entry reads from the two rows before it at most)."""
    n = owner.shape[0]
    width = keys.shape[1]
    out = np.empty(n, dtype=np.int32)
    d = np.empty((reads.shape[1] + 1, width + 1), dtype=np.int32)
    for p in range(n):
        o = owner[p]
        k = pos[p]
        la = read_len[o]
        lb = 0
        while lb < width and keys[k, lb] != 0:
            lb += 1
        if abs(la - lb) > cutoff:
            out[p] = cutoff + 1
            continue
        for j in range(lb + 1):
            d[0, j] = j
        above = 0  # consecutive rows wholly above the cutoff
        for i in range(1, la + 1):
            a = reads[o, i - 1]
            d[i, 0] = i
            low = i
            for j in range(1, lb + 1):
                b = keys[k, j - 1]
                best = d[i - 1, j - 1] + (0 if a == b else 1)
                x = d[i - 1, j] + 1
                if x < best:
                    best = x
                x = d[i, j - 1] + 1
                if x < best:
                    best = x
                if i > 1 and j > 1 and a == keys[k, j - 2] and reads[o, i - 2] == b:
                    x = d[i - 2, j - 2] + 1
                    if x < best:
                        best = x
                d[i, j] = best
                if best < low:
                    low = best
            above = above + 1 if low > cutoff else 0
            if above == 2:
                break
        r = d[la, lb] if above < 2 else cutoff + 1
        out[p] = r if r <= cutoff else cutoff + 1
    return out
