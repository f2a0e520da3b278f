"""The codes a registry's records are built into: its descriptive columns encoded, a code per distinct serial, and
the item (one weapon) each record is, numbered in order of first appearance, so the index build can run them as jobs
beside its sorts."""

from __future__ import annotations

from concurrent.futures import Future

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .descriptor import FieldCodes
from .keys import OTHER_CODE, unique
from .scoring import DESCRIPTIVE_FIELDS

__all__ = [
    "INT32_ROWS",
    "field_codes",
    "first_seen",
    "first_seen_sorted",
    "record_items",
    "serial_codes",
    "strip_embedded",
]

INT32_ROWS = 2**30  # rows below which a registry's item numbers fit in four bytes


def field_codes(table: pa.Table) -> dict[str, FieldCodes]:
    """The descriptive columns the registry has, standardised and encoded."""
    return {f: FieldCodes.build(f, table.column(f)) for f in DESCRIPTIVE_FIELDS if f in table.column_names}


def record_items(
    fields: Future[dict[str, FieldCodes]], single: np.ndarray, serials: Future[np.ndarray]
) -> tuple[np.ndarray, int]:
    """Item of each record, and how many distinct items the single serials are: records with the same serial
    and make are one weapon recorded twice.

    Numbered in order of first appearance of the (serial, make) pair, as integers: the serial's code
    (``serials``: ``serial_codes``) times the number of makes plus the make's code names the pair."""
    maker = fields.result().get("manufacturer")
    serial = serials.result()
    if maker is not None:
        serial = first_seen_sorted(serial * (len(maker.values) + 1) + (maker.codes.astype(np.int64) + 1))
    items = serial
    items[~single] = -1 - np.flatnonzero(~single)  # range records are items of their own
    # items lie in [-rows, rows): four bytes each while the registry's rows fit in an int32
    items = items.astype(np.int32) if len(items) < INT32_ROWS else items
    return items, len(unique(items[single]))


def serial_codes(norm: pa.Array, codes: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """A code per distinct normalised serial, numbered in order of first appearance. By a sort of the
    one-byte codes (``code_column``) when they hold each serial whole and apart (no serial cut at
    MAX_KEY_BYTES, none with a character outside the code table): a registry is mostly in serial order, and
    sorting its near-sorted keys cost a third of hashing two million distinct strings."""
    whole = np.array_equal(lengths, pc.fill_null(pc.utf8_length(norm), 0).to_numpy(zero_copy_only=False))
    if whole and not (codes.view(np.uint8) == OTHER_CODE).any():
        return first_seen_sorted(codes)
    return first_seen(pc.fill_null(norm, ""))


def first_seen_sorted(keys: np.ndarray) -> np.ndarray:
    """``first_seen`` of a numpy array (numbers, or ``S`` keys without NUL inside), by a stable sort."""
    n = len(keys)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    start = np.empty(n, dtype=bool)
    start[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=start[1:])
    first = order[start]  # each value's first row (the sort is stable)
    rank = np.empty(len(first), dtype=np.int64)
    rank[np.argsort(first)] = np.arange(len(first))
    out = np.empty(n, dtype=np.int64)
    out[order] = rank[np.cumsum(start) - 1]
    return out


def first_seen(column: pa.Array) -> np.ndarray:
    """A dense int64 code per value, numbered in order of first appearance."""
    encoded = pc.dictionary_encode(column)
    if isinstance(encoded, pa.ChunkedArray):
        encoded = encoded.combine_chunks()
    return np.asarray(encoded.indices.to_numpy(zero_copy_only=False), dtype=np.int64).copy()


def strip_embedded(column: pa.Array) -> pa.Array:
    """Letters between digits removed (RE2 has no look-around, so repeat a capturing replace)."""
    out = column
    for _ in range(4):
        out = pc.replace_substring_regex(out, pattern=r"([0-9])[A-Z]+([0-9])", replacement=r"\1\2")
    return out
