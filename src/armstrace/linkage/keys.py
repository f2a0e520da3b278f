"""Columnar serial keys: normalise and skeletonise whole Arrow columns, and pack them into numpy arrays.

Registries run to millions of rows, so the per-row Python path (``armstrace.serials``) is used only for
the rare non-ASCII serials; everything else runs in Arrow compute kernels. The result must equal
``serials.normalise`` / ``serials.skeleton`` row by row (a test checks it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from armstrace.serials import ANY, CYRILLIC_SKELETON, STAR, Element, normalise_char, skeleton, skeleton_char

from . import kernels
from .sorted_keys import COMPILED_KEYS

__all__ = [
    "MAX_KEY_BYTES",
    "OTHER_CODE",
    "allowed_edits",
    "char_codes",
    "code_column",
    "decode_codes",
    "fixed_width",
    "keyed_text",
    "normalise_column",
    "skeleton_codes",
    "skeleton_column",
    "skeleton_elements",
    "unique",
]


def allowed_edits(length: int, requested: int) -> int:
    """Edits tolerated for a key of this length: none below 4 characters, one below 6, else requested."""
    if length < 4:
        return 0
    if length < 6:
        return min(requested, 1)
    return requested


#: One byte per normalised character: ASCII as itself, the Cyrillic letters without a Latin twin at
#: 0x80.., anything else at 0xFE. Vectorised comparison (``channel.classify``) and the background model
#: work on these bytes, so a character is always one column of a uint8 matrix.
_EXTRA = sorted(CYRILLIC_SKELETON)
_TO_CODE = {ch: bytes([0x80 + i]) for i, ch in enumerate(_EXTRA)}
_FROM_CODE = {0x80 + i: ch for i, ch in enumerate(_EXTRA)}
OTHER_CODE = 0xFE


def _skeleton_table() -> np.ndarray:
    """One-byte code -> the byte of its skeleton character (codes without one map to themselves)."""
    table = np.arange(256, dtype=np.uint8)
    for b in range(1, 256):
        ch = chr(b) if b < 0x80 else _FROM_CODE.get(b, "")
        key = skeleton(ch) if ch.isalnum() else ch
        if len(key) == 1 and ord(key) < 0x80:
            table[b] = ord(key)
    return table


_SKELETON_TABLE = _skeleton_table()

#: Longer keys are cut in the sorted arrays (never in verification); real serials are far shorter.
MAX_KEY_BYTES = 32


def _as_array(column: pa.Array | pa.ChunkedArray) -> pa.Array:
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks() if column.num_chunks != 1 else column.chunk(0)
    if not pa.types.is_string(column.type):
        column = column.cast(pa.string())
    return column


def normalise_column(column: pa.Array | pa.ChunkedArray) -> pa.Array:
    """``serials.normalise`` over a column (nulls become "").

    Most serials are already upper-case ASCII letters and digits once upper-cased: they are their own
    normal form. The others are translated together with a table of the characters they hold
    (``normalise`` maps each character on its own, to one character or to none).
    """
    arr = pc.fill_null(_as_array(column), "")
    upper = pc.utf8_upper(arr)
    others = pc.invert(pc.ascii_is_alnum(upper))
    if not pc.any(others).as_py():
        return upper
    return pc.replace_with_mask(upper, others, _by_code_points(arr.filter(others)))


#: ``normalise_char`` of each code point met so far, as a code point (0: the character is dropped)
_CODE_POINTS: dict[int, int] = {}
_UNICODE = 0x110000


def _by_code_points(values: pa.Array) -> pa.Array:
    """``normalise_char`` applied to every character of a column, with NumPy: the column's text as one
    array of code points, each distinct one mapped once (in Python, cached), the kept ones joined back into
    rows by their counts. Equal to ``serials.normalise`` row by row (tests compare them)."""
    n = len(values)
    if n == 0:
        return pa.array([], pa.string())
    bounds = np.frombuffer(values.buffers()[1], dtype=np.int32, count=n + 1, offset=values.offset * 4)
    data = values.buffers()[2]
    text = b"" if data is None else data.to_pybytes()[int(bounds[0]) : int(bounds[-1])]
    points = np.frombuffer(text.decode("utf-8").encode("utf-32-le"), dtype=np.uint32)
    seen = np.zeros(_UNICODE, dtype=bool)
    seen[points] = True
    distinct = np.flatnonzero(seen)
    missing = [int(p) for p in distinct.tolist() if p not in _CODE_POINTS]
    for point in missing:
        form = normalise_char(chr(point))
        if len(form) > 1:  # never so today; the per-character path stays right if a rule ever makes two
            return pa.array(_translate(values.to_pylist(), normalise_char), pa.string())
        _CODE_POINTS[point] = ord(form) if form else 0
    table = np.zeros(_UNICODE, dtype=np.uint32)
    table[distinct] = [_CODE_POINTS[p] for p in distinct.tolist()]
    mapped = table[points]
    kept = mapped != 0
    row = np.repeat(np.arange(n), pc.utf8_length(values).to_numpy(zero_copy_only=False))[kept]
    out = mapped[kept]
    width = 1 + (out >= 0x80).astype(np.int64) + (out >= 0x800) + (out >= 0x10000)  # UTF-8 bytes
    offsets = np.zeros(n + 1, dtype=np.int32)
    np.cumsum(np.bincount(row, weights=width, minlength=n).astype(np.int32), out=offsets[1:])
    encoded = out.tobytes().decode("utf-32-le").encode("utf-8")
    return pa.StringArray.from_buffers(n, pa.py_buffer(offsets), pa.py_buffer(encoded))


def _translate(values: list[str], fn: Callable[[str], str]) -> list[str]:
    """``"".join(fn(c) for c in v)`` for every value, by one ``str.translate`` over all of them."""
    joined = "\n".join(values)
    if joined.count("\n") != len(values) - 1:  # a value holds the separator itself
        return ["".join(fn(c) for c in v) for v in values]
    table = {ord(c): fn(c) for c in set(joined)}
    table[ord("\n")] = "\n"
    return joined.translate(table).split("\n") if values else []


def skeleton_column(normalised: pa.Array) -> pa.Array:
    """``serials.skeleton`` over an already normalised column (keys longer than MAX_KEY_BYTES are cut)."""
    keys = skeleton_codes(code_column(normalised))
    return pa.array(keys).cast(pa.string()) if len(keys) else pa.array([], type=pa.string())


def skeleton_codes(codes: np.ndarray) -> np.ndarray:
    """Skeleton keys of one-byte codes (``code_column``), as an ``S`` array of the same width: every
    character mapped to its confusion class's representative by one table lookup."""
    grid = codes.view(np.uint8)
    return _SKELETON_TABLE[grid].view(codes.dtype)


def fixed_width(column: pa.Array) -> np.ndarray:
    """A numpy ``S`` array (NUL padded, one spare byte so a prefix bound never truncates)."""
    column = _as_array(column)
    if len(column) == 0:
        return np.zeros(0, dtype="S2")
    lengths = pc.binary_length(column.cast(pa.binary()))
    width = min(int(pc.max(lengths).as_py() or 0), MAX_KEY_BYTES) + 1
    if pc.all(pc.string_is_ascii(column)).as_py() is not False:
        if len(column) >= COMPILED_KEYS and not column.null_count:
            padded_rows = _compiled_padding()
            if padded_rows is not None:
                offsets = np.frombuffer(
                    column.buffers()[1], dtype=np.int32, count=len(column) + 1, offset=column.offset * 4
                )
                data = column.buffers()[2]
                text = np.zeros(0, dtype=np.uint8) if data is None else np.frombuffer(data, dtype=np.uint8)
                return padded_rows(offsets, text, width).view(f"S{width}").ravel()  # type: ignore[no-any-return]
        cut = pc.utf8_slice_codeunits(column, 0, width - 1)
        padded = pc.utf8_rpad(cut, width=width, padding="\x00")
        if isinstance(padded, pa.ChunkedArray):
            padded = padded.combine_chunks()
        offsets = np.frombuffer(padded.buffers()[1], dtype=np.int32)
        start = int(offsets[padded.offset])
        data = np.frombuffer(padded.buffers()[2], dtype=f"S{width}", count=len(padded), offset=start)
        return data.copy()
    return np.array([s.encode()[: width - 1] for s in column.to_pylist()], dtype=f"S{width}")


_PADDING: Any = None


def _compiled_padding() -> Any:
    """``_padded_rows`` compiled (numba imported) on first use; None where numba is not available."""
    global _PADDING
    if _PADDING is None:
        try:
            _PADDING = kernels.compile_loop(_padded_rows)
        except ImportError:
            return None
    return _PADDING


def _padded_rows(offsets: np.ndarray, text: np.ndarray, width: int) -> np.ndarray:
    """``fixed_width``'s rows of an ASCII column in one pass: each value's first ``width`` - 1 bytes, NUL padded to
    ``width`` (the slice and the padding Arrow makes, and their copy, in one)."""
    n = len(offsets) - 1
    out = np.zeros((n, width), dtype=np.uint8)
    for i in range(n):
        start = offsets[i]
        stop = min(offsets[i + 1], start + width - 1)
        for j in range(stop - start):
            out[i, j] = text[start + j]
    return out


def char_codes(normalised: str) -> bytes:
    """A normalised serial as one byte per character (see ``_TO_CODE``)."""
    if normalised.isascii():
        return normalised.encode()
    return b"".join(c.encode() if c.isascii() else _TO_CODE.get(c, bytes([OTHER_CODE])) for c in normalised)


def decode_codes(codes: bytes) -> str:
    """The inverse of ``char_codes`` (an unknown symbol comes back as U+FFFD)."""
    return "".join(chr(b) if b < 0x80 else _FROM_CODE.get(b, "\ufffd") for b in codes)


def keyed_text(text: str) -> str:
    """Text as keys decoded from codes spell it (``decode_codes(char_codes(text))``): each character
    outside the code table becomes U+FFFD, as OTHER_CODE decodes. A reading's "Ω" is then found where the
    registry's keys hold "中" (one code for both), as the index finds it."""
    return text if text.isascii() else decode_codes(char_codes(text))


def code_column(normalised: pa.Array) -> np.ndarray:
    """``char_codes`` over a normalised column, as a numpy ``S`` array (NUL padded)."""
    normalised = pc.fill_null(_as_array(normalised), "")
    if len(normalised) == 0:
        return np.zeros(0, dtype="S2")
    if pc.all(pc.string_is_ascii(normalised)).as_py() is not False:
        return fixed_width(normalised)
    ascii_mask = pc.string_is_ascii(normalised)
    slow = np.flatnonzero(~ascii_mask.to_numpy(zero_copy_only=False))
    extra = _other_codes(normalised.take(pa.array(slow)))
    base = fixed_width(pc.if_else(ascii_mask, normalised, ""))
    width = max(base.dtype.itemsize, extra.dtype.itemsize)
    out = base.astype(f"S{width}")
    out[slow] = extra
    return out


_CODE_TABLE: np.ndarray | None = None


def _other_codes(values: pa.Array) -> np.ndarray:
    """``char_codes`` of values holding characters outside ASCII, with NumPy: their text as one array of code
    points, each mapped to its byte by a table of every code point, laid out a row each (cut at
    MAX_KEY_BYTES, NUL padded, one spare byte as ``fixed_width`` leaves)."""
    global _CODE_TABLE
    if _CODE_TABLE is None:
        table = np.full(_UNICODE, OTHER_CODE, dtype=np.uint8)
        table[:0x80] = np.arange(0x80, dtype=np.uint8)
        table[[ord(ch) for ch in _TO_CODE]] = [code[0] for code in _TO_CODE.values()]
        _CODE_TABLE = table
    n = len(values)
    counts = pc.utf8_length(values).to_numpy(zero_copy_only=False).astype(np.int64)
    width = min(int(counts.max(initial=0)), MAX_KEY_BYTES) + 1
    grid = np.zeros((n, width), dtype=np.uint8)
    if n:
        bounds = np.frombuffer(values.buffers()[1], dtype=np.int32, count=n + 1, offset=values.offset * 4)
        data = values.buffers()[2]
        text = b"" if data is None else data.to_pybytes()[int(bounds[0]) : int(bounds[-1])]
        points = np.frombuffer(text.decode("utf-8").encode("utf-32-le"), dtype=np.uint32)
        row = np.repeat(np.arange(n), counts)
        at = np.arange(len(points)) - np.repeat(np.cumsum(counts) - counts, counts)
        keep = at < MAX_KEY_BYTES
        grid[row[keep], at[keep]] = _CODE_TABLE[points[keep]]
    return grid.view(f"S{width}").ravel()


def unique(values: np.ndarray) -> np.ndarray:
    """Sorted distinct values (numpy 2's hashing ``np.unique`` is many times slower on large int arrays)."""
    if len(values) == 0:
        return values
    ordered = np.sort(values)
    keep = np.empty(len(ordered), dtype=bool)
    keep[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]


def skeleton_elements(elements: tuple[Element, ...]) -> list[Element]:
    """A parsed reading's elements with each character (and each member of a set) replaced by its
    skeleton character: the form the index is searched with."""
    out: list[Element] = []
    for e in elements:
        if e is STAR or e is ANY:
            out.append(e)
        elif isinstance(e, str):
            out.append(skeleton_char(e))
        else:
            chars = frozenset(skeleton_char(c) for c in e)  # type: ignore[union-attr]
            out.append(next(iter(chars)) if len(chars) == 1 else chars)
    return out
