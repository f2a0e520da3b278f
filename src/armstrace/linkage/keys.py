"""Columnar serial keys: normalise and skeletonise whole Arrow columns, and pack them into numpy arrays.

Registries run to millions of rows, so the per-row Python path (``armstrace.serials``) is used only for
the rare non-ASCII serials; everything else runs in Arrow compute kernels. The result must equal
``serials.normalise`` / ``serials.skeleton`` row by row (a test checks it).
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from armstrace.serials import CONFUSION_CLASSES, CYRILLIC_SKELETON, normalise, skeleton_char

__all__ = ["MAX_KEY_BYTES", "fixed_width", "normalise_column", "reverse_column", "skeleton_column"]

#: Longer keys are cut in the sorted arrays (never in verification); real serials are far shorter.
MAX_KEY_BYTES = 32


def _as_array(column: pa.Array | pa.ChunkedArray) -> pa.Array:
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks() if column.num_chunks != 1 else column.chunk(0)
    if not pa.types.is_string(column.type):
        column = column.cast(pa.string())
    return column


def normalise_column(column: pa.Array | pa.ChunkedArray) -> pa.Array:
    """``serials.normalise`` over a column (nulls become "")."""
    arr = pc.fill_null(_as_array(column), "")
    ascii_mask = pc.string_is_ascii(arr)
    fast = pc.replace_substring_regex(pc.utf8_upper(arr), pattern=r"[^A-Z0-9]", replacement="")
    if pc.all(ascii_mask).as_py() is not False:
        return fast
    values = fast.to_pylist()
    raw = arr.to_pylist()
    for i, is_ascii in enumerate(ascii_mask.to_pylist()):
        if not is_ascii:
            values[i] = normalise(raw[i])
    return pa.array(values, type=pa.string())


def skeleton_column(normalised: pa.Array) -> pa.Array:
    """``serials.skeleton`` over an already normalised column."""
    out = normalised
    if pc.all(pc.string_is_ascii(out)).as_py() is False:
        for ch in CYRILLIC_SKELETON:
            out = pc.replace_substring(out, pattern=ch, replacement=skeleton_char(ch))
    for cls in CONFUSION_CLASSES:
        for ch in cls[1:]:
            out = pc.replace_substring(out, pattern=ch, replacement=cls[0])
    return out


def reverse_column(column: pa.Array) -> pa.Array:
    return pc.utf8_reverse(column)


def fixed_width(column: pa.Array) -> np.ndarray:
    """A numpy ``S`` array (NUL padded, one spare byte so a prefix bound never truncates)."""
    column = _as_array(column)
    if len(column) == 0:
        return np.zeros(0, dtype="S2")
    lengths = pc.binary_length(column.cast(pa.binary()))
    width = min(int(pc.max(lengths).as_py() or 0), MAX_KEY_BYTES) + 1
    if pc.all(pc.string_is_ascii(column)).as_py() is not False:
        cut = pc.utf8_slice_codeunits(column, 0, width - 1)
        padded = pc.utf8_rpad(cut, width=width, padding="\x00")
        if isinstance(padded, pa.ChunkedArray):
            padded = padded.combine_chunks()
        offsets = np.frombuffer(padded.buffers()[1], dtype=np.int32)
        start = int(offsets[padded.offset])
        data = np.frombuffer(padded.buffers()[2], dtype=f"S{width}", count=len(padded), offset=start)
        return data.copy()
    return np.array([s.encode()[: width - 1] for s in column.to_pylist()], dtype=f"S{width}")
