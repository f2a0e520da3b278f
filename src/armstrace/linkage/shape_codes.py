"""A registry's serial shapes as integer codes that compiled loops look up (``Absence._density_codes``).

The absent-weapon terms need the shape (head, digit count, tail: ``Density``'s cut) of a reading's every
one-digit neighbour. Spelling each neighbour's shape name and looking it up in ``Density.shapes`` cost a Python
string and a dict look-up a row (a digit changed before the number spells another shape), ~15% of a search. Here
each shape the density can answer for is its bytes with the number's digits replaced by a mark, in an
open-addressing hash table of integers: one compiled pass over the rows cuts each (its last run of digits, as
``^(.*?)([0-9]*)([^0-9]*)$`` reads it), hashes its marked bytes and compares them with the table's, so a row's
shape is a code, its name spelt only once a shape.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import TYPE_CHECKING

import numpy as np

from . import kernels, search_kernels

if TYPE_CHECKING:
    from .density import Density

__all__ = ["ShapeCodes", "loaded", "row_densities", "row_shapes", "shape_codes", "shape_table"]

_MARK = 0x01  # stands for a digit of the number (printable serials hold no control characters)
_MASK = (1 << 40) - 1  # a hash's bits: ``h * 1000003 + byte`` stays within int64, in Python and numba alike

_LOADED: list[SimpleNamespace] = []


def loaded() -> SimpleNamespace | None:
    """This module's loops compiled, once ``kernels``' are loaded in this process, else None."""
    if kernels.loaded() is None:
        return None
    if not _LOADED:
        _LOADED.append(
            SimpleNamespace(
                row_densities=kernels.compile_loop(row_densities),
                row_shapes=kernels.compile_loop(row_shapes),
                shape_table=kernels.compile_loop(shape_table),
            )
        )
    return _LOADED[0]


class ShapeCodes:
    """The shapes a ``Density`` answers for (``Density.known``, or a range group's shape without a tail)
    whose head and tail are printable ASCII: ``names[c]`` is shape ``c``'s name, ``marked[c]`` its bytes
    with the number's digits marked (NUL padded, ``lengths[c]`` long), ``table`` the hash table of them."""

    def __init__(self, density: Density, build: SimpleNamespace):
        names: list[str] = []
        spelt: list[bytes] = []
        heads: dict[tuple[str, int, str], str] = {}
        for name in density.shapes:
            parts = name.split("\x1f")
            if len(parts) == 3:
                heads[(parts[0], int(parts[1]), parts[2])] = name
        for head, width in density.ranges.groups:
            heads.setdefault((head, width, ""), f"{head}\x1f{width}\x1f")
        for (head, width, tail), name in heads.items():
            if not (head + tail).isascii() or not (head + tail).isprintable():
                continue  # no printable ASCII row spells it
            names.append(name)
            spelt.append(head.encode() + bytes([_MARK]) * width + tail.encode())
        self.names = names
        self.lengths = np.fromiter(map(len, spelt), dtype=np.int64, count=len(spelt))
        width = max(int(self.lengths.max()) if len(spelt) else 1, 1)
        self.marked = np.array(spelt or [b""], dtype=f"S{width}").view(np.uint8).reshape(-1, width)[: len(spelt)]
        size = 1 << max(4, (2 * len(spelt)).bit_length())  # at most half full
        self.table = build.shape_table(np.ascontiguousarray(self.marked), self.lengths, size)
        # each shape's series as ``Density.shapes_density`` reads it (``Density._series``), filled in when first
        # asked about: where its numbers lie, its largest number, its records; ``state``: 0 not yet, 1
        # read (with its range group in ``group``, or -1)
        self.seg = np.zeros((len(names), 2), dtype=np.int64)
        self.top = np.zeros(len(names), dtype=np.int64)
        self.whole = np.zeros(len(names))
        self.state = np.zeros(len(names), dtype=np.int8)
        self.group = np.full(len(names), -1, dtype=np.int64)  # the shape's range group (``flat_groups``' order)
        self._flat: tuple[np.ndarray, ...] | None = None
        self._loops = build

    def codes(self, loops: SimpleNamespace, grid: np.ndarray, lengths: np.ndarray, most: int) -> np.ndarray:
        """Each row's shape code (-1: none, or one the density does not answer for) and the number of its
        last ``most`` digits: ``row_shapes``."""
        return loops.row_shapes(grid, lengths, self.marked, self.lengths, self.table, most)  # type: ignore[no-any-return]

    def densities(self, density: Density, codes: np.ndarray, numbers: np.ndarray, out: np.ndarray) -> None:
        """``out[i] = Density.at`` of row ``i`` by its code and number (``codes``): one compiled loop over the rows
        (``row_densities``), the shapes' series read from these arrays (filled in from ``Density._series``
        the first time a shape is asked about)."""
        missing = self._loops.row_densities(*self._arrays(density), codes, numbers, density.n_items, out)
        if missing:
            groups = {(h, w): g for g, (h, w) in enumerate(density.ranges.groups)}
            for c in np.unique(codes[codes >= 0]).tolist():
                if self.state[c]:
                    continue
                lo, hi, top, whole, ranges = density._series(self.names[c], numbers.dtype)
                head, width, _ = self.names[c].split("\x1f")
                self.seg[c] = lo, hi
                self.top[c], self.whole[c], self.state[c] = top, whole, 1
                self.group[c] = groups[(head, int(width))] if ranges is not None else -1
            self._loops.row_densities(*self._arrays(density), codes, numbers, density.n_items, out)

    def _arrays(self, density: Density) -> tuple[np.ndarray, ...]:
        if self._flat is None:
            flat = search_kernels.flat_groups(density.ranges.groups)
            self._flat = (flat[3], *flat[4:])
        return (density.numbers, self.seg, self.top, self.whole, self.state, self.group, *self._flat)


def shape_codes(density: Density) -> tuple[SimpleNamespace, ShapeCodes] | None:
    """The loops and the density's ``ShapeCodes`` (built on first use, kept on the density), where the loops
    are loaded and the density holds every shape it knows (``Density.holds_its_shapes``)."""
    loops = loaded()
    if loops is None or not density.holds_its_shapes:
        return None
    found = density.__dict__.get("_shape_codes")
    if found is None:
        found = density.__dict__["_shape_codes"] = ShapeCodes(density, loops)
    return loops, found


def shape_table(marked: np.ndarray, lengths: np.ndarray, size: int) -> np.ndarray:
    """An open-addressing hash table (``size`` slots, a power of two, linear probing) of the marked shapes:
    each slot holds a shape's row or -1."""
    table = np.full(size, -1, dtype=np.int64)
    for s in range(marked.shape[0]):
        h = 0
        for t in range(lengths[s]):
            h = (h * 1000003 + int(marked[s, t])) & _MASK
        slot = h & (size - 1)
        while table[slot] >= 0:
            slot = (slot + 1) & (size - 1)
        table[slot] = s
    return table


def row_shapes(
    grid: np.ndarray, lengths: np.ndarray, marked: np.ndarray, marked_lengths: np.ndarray, table: np.ndarray, most: int
) -> tuple[np.ndarray, np.ndarray]:
    """Each row's shape (its last run of ASCII digits marked) looked up in ``shape_table``'s table (-1: no run of
    digits, or a shape not in it) and the number of the run's last ``most`` digits."""
    n = grid.shape[0]
    size = table.shape[0]
    code = np.full(n, -1, dtype=np.int64)
    number = np.zeros(n, dtype=np.int64)
    last_length, last_k, last_j = -1, -1, -1  # the previous row's length and run (a search's rows differ by a digit)
    for i in range(n):
        length = lengths[i]
        j = length - 1
        while j >= 0 and not (48 <= grid[i, j] <= 57):
            j -= 1
        if j < 0:
            last_length = -1
            continue
        k = j
        while k >= 0 and 48 <= grid[i, k] <= 57:
            k -= 1
        x = 0
        for t in range(max(k + 1, j - most + 1), j + 1):
            x = x * 10 + (int(grid[i, t]) - 48)
        number[i] = x
        same = length == last_length and k == last_k and j == last_j
        for t in range(length if same else 0):
            if (t <= k or t > j) and grid[i, t] != grid[i - 1, t]:
                same = False
                break
        last_length, last_k, last_j = length, k, j
        if same:  # the previous row's shape: only its number differs
            code[i] = code[i - 1]
            continue
        h = 0
        for t in range(length):
            b = _MARK if k < t <= j else int(grid[i, t])
            h = (h * 1000003 + b) & _MASK
        slot = h & (size - 1)
        while table[slot] >= 0:
            s = table[slot]
            if marked_lengths[s] == length:
                same = True
                for t in range(length):
                    b = _MARK if k < t <= j else int(grid[i, t])
                    if marked[s, t] != b:
                        same = False
                        break
                if same:
                    code[i] = s
                    break
            slot = (slot + 1) & (size - 1)
    return code, number


def row_densities(
    numbers: np.ndarray,
    seg: np.ndarray,
    top: np.ndarray,
    whole: np.ndarray,
    state: np.ndarray,
    group: np.ndarray,
    offsets: np.ndarray,
    starts: np.ndarray,
    maxend: np.ndarray,
    ends: np.ndarray,
    code: np.ndarray,
    number: np.ndarray,
    n_items: int,
    out: np.ndarray,
) -> int:
    """``density.window_density`` of each row with a shape (``code[i] >= 0``) into ``out[i]``, its range records'
    numbers in each bounded window counted as ``search_kernels.range_counts`` counts them (the ranges of group
    ``group[c]``: ``offsets[g]`` to ``offsets[g + 1]`` of ``starts``, ``maxend``, ``ends``): the same operations
    in the same order, so the same numbers. Returns how many rows' shapes are not read yet (``state`` 0): then
    nothing is written."""
    missing = 0
    for i in range(code.shape[0]):
        if code[i] >= 0 and state[code[i]] == 0:
            missing += 1
    if missing:
        return missing
    for i in range(code.shape[0]):
        c = code[i]
        if c < 0:
            continue
        x = number[i]
        t = top[c]
        g = group[c]
        dens = 0.0
        for k in range(3):  # the bounded windows, in their order
            w = 10 if k == 0 else (300 if k == 1 else 10_000)
            lo = max(0, x - w)
            hi = min(t, x + w)
            a, b = seg[c, 0], seg[c, 1]
            while a < b:  # first number > hi
                m = (a + b) // 2
                if numbers[m] <= hi:
                    a = m + 1
                else:
                    b = m
            right = a
            a, b = seg[c, 0], seg[c, 1]
            while a < b:  # first number >= lo
                m = (a + b) // 2
                if numbers[m] < lo:
                    a = m + 1
                else:
                    b = m
            ranged = 0.0
            if g >= 0:
                first, stop = offsets[g], offsets[g + 1]
                p, q = first, stop
                while p < q:  # first range whose running maximum end >= lo
                    m = (p + q) // 2
                    if maxend[m] < lo:
                        p = m + 1
                    else:
                        q = m
                r, q = first, stop
                while r < q:  # first range starting after hi
                    m = (r + q) // 2
                    if starts[m] <= hi:
                        r = m + 1
                    else:
                        q = m
                for j in range(p, r):
                    if ends[j] >= lo:
                        ranged += min(hi, ends[j]) - max(lo, starts[j]) + 1
            count = float(right - a) + ranged
            dens += count / float(hi - lo + 1)
        dens += whole[c] / float(t - 0 + 1)
        out[i] = dens / 4 / n_items
    return 0
