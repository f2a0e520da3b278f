"""The former window-by-window ``Density._shape_density``: the oracle the batched densities are held to.

One search of a shape's numbers and of its range records per window, as the density was first written;
``tests/test_linkage_batch.py`` checks ``Density.at`` (NumPy and compiled) against it bit for bit and
``bench_batch_steps`` times the batched code against it.
"""

from __future__ import annotations

import numpy as np

from armstrace.linkage.density import _MAX_DIGITS, _WINDOWS, Density
from armstrace.linkage.keys import keyed_text

__all__ = ["per_window_density"]


def per_window_density(d: Density, shape: str, number: np.ndarray, digits: int) -> np.ndarray:
    """``Density.shape_density`` of ``number`` (shape ``shape``, ``digits`` digits), window by window."""
    top = 10**digits - 1 if digits < _MAX_DIGITS else 2**62
    code = d.shapes.get(keyed_text(shape))
    nums = d.numbers[d.offsets[code] : d.offsets[code + 1]] if code is not None else d.numbers[:0]
    head, width, tail = shape.split("\x1f")
    group = d.ranges.groups.get((head, int(width))) if not tail and d.ranges.groups else None
    dens = np.zeros(len(number))
    for w in _WINDOWS:
        if w is None:
            lo, hi = np.zeros_like(number), np.full_like(number, top)
            count = np.full(len(number), float(d._series_size(shape, nums)))
        else:
            lo, hi = np.maximum(0, number - w), np.minimum(top, number + w)
            count = (np.searchsorted(nums, hi, "right") - np.searchsorted(nums, lo, "left")).astype(np.float64)
        if group is not None:
            which, j = group.overlapping_many(lo, hi)
            inside = np.minimum(hi[which], group.ends[j]) - np.maximum(lo[which], group.starts[j]) + 1
            count += np.bincount(which, weights=inside, minlength=len(number))
        dens += count / (hi - lo + 1)
    return dens / len(_WINDOWS) / d.n_items
