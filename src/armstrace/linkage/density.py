"""How densely the registry fills the serial space around a serial: the "absent neighbour" model.

Serials are numbered consecutively, so a weapon that is *not* in the registry very often carries a
serial next to ones that are (the rest of a consignment, a later delivery, an unrecorded item). A
reading one digit away from a registry serial is then weak evidence: the dense series predicts that an
absent weapon of the same series would also be one digit away. This module estimates, for a serial,
the probability that an absent weapon "of the registry's series" carries it: a kernel density over the
registry's numbers, per serial shape (skeleton prefix, number of digits, skeleton suffix), with box
kernels of half-widths 10, 300 and 10,000 averaged (so a consignment, a delivery and a production
run all count). Every registry item spreads 1/N of probability over its window, so the estimate sums
to about one over all serials.

Storage: a shape code (int32) and the number (int64) per single-serial record, sorted; range records are
counted from the range index (overlap of the window with each range).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .ranges import RangeIndex

__all__ = ["Density", "split_shape"]

_WINDOWS: tuple[int | None, ...] = (10, 300, 10_000, None)  # None: the whole series (every number of the shape)
_SHAPE = re.compile(r"^(.*?)([0-9]*)([^0-9]*)$")
_MAX_DIGITS = 18


def split_shape(skel: str) -> tuple[str, int, int] | None:
    """(shape, number, digits) of a skeleton key, or None when it has no digits."""
    m = _SHAPE.match(skel)
    if m is None or not m.group(2):
        return None
    head, digits, tail = m.groups()
    return f"{head}\x1f{len(digits)}\x1f{tail}", int(digits[-_MAX_DIGITS:]), len(digits)


class Density:
    """Registry items per serial shape and number, for windowed counts."""

    def __init__(self, skeletons: pa.Array, ranges: RangeIndex, n_items: int):
        self.ranges = ranges
        self.n_items = max(n_items, 1)
        parts = pc.extract_regex(pc.fill_null(skeletons, ""), pattern=r"^(?P<h>.*?)(?P<n>[0-9]*)(?P<t>[^0-9]*)$")
        head, num, tail = parts.field("h"), parts.field("n"), parts.field("t")
        has = pc.greater(pc.utf8_length(num), 0)
        width = pc.cast(pc.utf8_length(num), pa.string())
        shape = pc.binary_join_element_wise(head, width, tail, "\x1f")
        digits = pc.utf8_slice_codeunits(num, -_MAX_DIGITS, 2**31 - 1)
        keep = np.flatnonzero(has.to_numpy(zero_copy_only=False))
        shape = shape.take(pa.array(keep))
        numbers = pc.cast(digits.take(pa.array(keep)), pa.int64()).to_numpy(zero_copy_only=False)
        encoded = pc.dictionary_encode(shape)
        if isinstance(encoded, pa.ChunkedArray):
            encoded = encoded.combine_chunks()
        codes = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int32)
        order = np.lexsort((numbers, codes))
        self.codes = codes[order]
        self.numbers = numbers[order]
        self.shapes = {s: i for i, s in enumerate(encoded.dictionary.to_pylist())}
        # where each shape's numbers start in the sorted arrays (shape i: offsets[i]..offsets[i + 1])
        self.offsets = np.searchsorted(self.codes, np.arange(len(self.shapes) + 1, dtype=np.int32))

    @property
    def nbytes(self) -> int:
        return int(self.codes.nbytes + self.numbers.nbytes + self.offsets.nbytes)

    def count(self, shape: str, lo: int, hi: int) -> int:
        """Registry items of this shape whose number is in [lo, hi]."""
        total = 0
        code = self.shapes.get(shape)
        if code is not None:
            nums = self.numbers[self.offsets[code] : self.offsets[code + 1]]
            total += int(np.searchsorted(nums, hi, "right") - np.searchsorted(nums, lo, "left"))
        head, width, tail = shape.split("\x1f")
        if not tail and self.ranges.groups:
            group = self.ranges.groups.get((head, int(width)))
            if group is not None:
                for j in group.overlapping(lo, hi):
                    total += min(hi, int(group.ends[j])) - max(lo, int(group.starts[j])) + 1
        return total

    def at(self, skels: Sequence[str]) -> np.ndarray:
        """P(an absent weapon of the registry's series carries each serial): ``log_density`` for many."""
        out = np.zeros(len(skels))
        by_shape: dict[str, list[tuple[int, int, int]]] = {}
        for i, skel in enumerate(skels):
            parsed = split_shape(skel)
            if parsed is not None:
                by_shape.setdefault(parsed[0], []).append((i, parsed[1], parsed[2]))
        for shape, members in by_shape.items():
            idx = np.array([m[0] for m in members], dtype=np.int64)
            number = np.array([m[1] for m in members], dtype=np.int64)
            digits = members[0][2]
            top = 10**digits - 1 if digits < _MAX_DIGITS else 2**62
            code = self.shapes.get(shape)
            nums = self.numbers[self.offsets[code] : self.offsets[code + 1]] if code is not None else self.numbers[:0]
            head, width, tail = shape.split("\x1f")
            group = self.ranges.groups.get((head, int(width))) if not tail and self.ranges.groups else None
            dens = np.zeros(len(idx))
            for w in _WINDOWS:
                if w is None:
                    lo, hi = np.zeros_like(number), np.full_like(number, top)
                else:
                    lo, hi = np.maximum(0, number - w), np.minimum(top, number + w)
                count = (np.searchsorted(nums, hi, "right") - np.searchsorted(nums, lo, "left")).astype(np.float64)
                if group is not None:
                    which, j = group.overlapping_many(lo, hi)
                    inside = np.minimum(hi[which], group.ends[j]) - np.maximum(lo[which], group.starts[j]) + 1
                    count += np.bincount(which, weights=inside, minlength=len(idx))
                dens += count / (hi - lo + 1)
            out[idx] = dens / len(_WINDOWS) / self.n_items
        return out

    def log_density(self, skel: str) -> float:
        """log P(an absent weapon of the registry's series carries this serial); -inf when nothing near."""
        parsed = split_shape(skel)
        if parsed is None:
            return -math.inf
        shape, number, digits = parsed
        top = 10**digits - 1 if digits < _MAX_DIGITS else 2**62
        dens = 0.0
        for w in _WINDOWS:
            lo, hi = (0, top) if w is None else (max(0, number - w), min(top, number + w))
            dens += self.count(shape, lo, hi) / (hi - lo + 1)
        dens /= len(_WINDOWS)
        return math.log(dens / self.n_items) if dens > 0 else -math.inf
