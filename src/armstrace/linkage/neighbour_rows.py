"""A literal reading's one-digit neighbours as rows of one-byte codes (``Absence._look_up_literals``).

The absent-weapon terms look up a literal reading and every serial one digit from it (each digit changed to each
other digit, in ``lookup_serials``'s order). A batch's readings spell those rows with a dozen NumPy steps; a
search's one reading pays more in those calls than in their work, so ``search_kernels`` compiles ``literal_rows``,
the same arrays in one pass.
"""

from __future__ import annotations

import numpy as np

__all__ = ["literal_rows", "literal_rows_numpy"]


def literal_rows(
    base: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Literal readings' rows for ``Absence._look_up_literals`` (``base``: their one-byte codes, NUL padded): each
    reading's codes, then each ASCII digit changed to each other digit in ascending order. Returns the rows, each
    row's reading (``owner``), where each reading's rows start, and per digit changed its reading, position,
    rows (9 a digit), old digit and new digits: the arrays the NumPy steps build, in one pass."""
    n, width = base.shape
    count = np.zeros(n, dtype=np.int64)
    for i in range(n):
        for j in range(width):
            if 48 <= base[i, j] <= 57:
                count[i] += 1
    starts = np.zeros(n, dtype=np.int64)
    total, digits = 0, 0
    for i in range(n):
        starts[i] = total
        total += 1 + 9 * count[i]
        digits += count[i]
    grid = np.empty((total, width), dtype=np.uint8)
    owner = np.empty(total, dtype=np.int64)
    reading = np.empty(digits, dtype=np.int64)
    pos = np.empty(digits, dtype=np.int64)
    rows = np.empty((digits, 9), dtype=np.int64)
    was = np.empty(digits, dtype=np.int64)
    now = np.empty((digits, 9), dtype=np.int64)
    k = 0
    for i in range(n):
        r = starts[i]
        for t in range(1 + 9 * count[i]):
            owner[r + t] = i
            for j in range(width):
                grid[r + t, j] = base[i, j]
        r += 1
        for j in range(width):
            if not 48 <= base[i, j] <= 57:
                continue
            reading[k], pos[k], was[k] = i, j, int(base[i, j]) - 48
            for d in range(9):
                digit = d + 1 if d >= was[k] else d
                rows[k, d], now[k, d] = r, digit
                grid[r, j] = 48 + digit
                r += 1
            k += 1
    return grid, owner, starts, reading, pos, rows, was, now


def literal_rows_numpy(
    base: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``literal_rows`` with NumPy's array steps (a batch's many readings, and without numba)."""
    n = len(base)
    digit = (base >= 48) & (base <= 57)
    sizes = 1 + 9 * digit.sum(axis=1)
    starts = np.cumsum(sizes) - sizes
    owner = np.repeat(np.arange(n), sizes)
    grid = base[owner]
    reading, pos = np.nonzero(digit)  # by reading, then position: the neighbours' order
    first = np.cumsum(digit.sum(axis=1)) - digit.sum(axis=1)
    nth = np.arange(len(reading)) - first[reading]
    rows = starts[reading][:, None] + 1 + 9 * nth[:, None] + np.arange(9)
    was = base[reading, pos].astype(np.int64) - 48
    now = np.arange(9) + (np.arange(9) >= was[:, None])  # every other digit, ascending
    grid[rows, pos[:, None]] = (48 + now).astype(np.uint8)
    return grid, owner, starts, reading, pos, rows, was, now
