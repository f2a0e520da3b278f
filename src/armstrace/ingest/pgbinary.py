"""Arrow columns as PostgreSQL's binary COPY format, built a whole column at a time.

The server reads binary fields without parsing text (no CSV tokenising, no integer, date or boolean
input functions), which is most of what a text COPY costs it beyond storing the rows. Each field is a
4-byte big-endian length (-1 for null) and the value in the type's binary form; a row is a 2-byte field
count and its fields. The fields are made with NumPy and joined row by row with Arrow's
``binary_join_element_wise``, whose output buffer is then the COPY data itself: no Python per value.
"""

from __future__ import annotations

import datetime as dt
import struct
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

__all__ = ["SIGNATURE", "TRAILER", "Encoder", "supported"]

SIGNATURE = b"PGCOPY\n\xff\r\n\x00" + struct.pack(">ii", 0, 0)
TRAILER = struct.pack(">h", -1)
_NULL = struct.pack(">i", -1)
_EPOCH = dt.date(2000, 1, 1)
_DAYS_1970_TO_2000 = (_EPOCH - dt.date(1970, 1, 1)).days
_TEXT = {"text", "varchar", "bpchar", "json", "name"}
_FIXED = {"int2": ">i2", "int4": ">i4", "int8": ">i8", "float4": ">f4", "float8": ">f8"}
SUPPORTED = _TEXT | set(_FIXED) | {"bool", "date", "timestamp", "jsonb"}


def supported(types: dict[str, str], columns: list[str]) -> bool:
    """Whether every column's type (``pg_type.typname``) has a binary form here."""
    return all(types.get(c) in SUPPORTED for c in columns)


class Encoder:
    """Rows of an Arrow table → binary COPY rows, for columns of the given PostgreSQL types."""

    def __init__(self, types: dict[str, str]) -> None:
        self.types = types

    def rows(self, table: pa.Table, constants: dict[str, Any]) -> pa.Buffer:
        """The binary COPY rows of ``table``'s columns then ``constants`` (same value in every row).

        One join of every part: a text field is two parts (its lengths, -1 for null, then its bytes), so
        that no column is joined on its own first; fixed-width fields that follow one another (the field
        count, a text field's length, numbers without nulls) are one part, laid side by side by NumPy.
        """
        n = table.num_rows
        width = table.num_columns + len(constants)
        parts: list[pa.Array | pa.Scalar] = []
        fixed: list[np.ndarray] = [np.frombuffer(struct.pack(">h", width), np.uint8)[None, :].repeat(n, axis=0)]
        for name in table.column_names:
            column = table[name]
            array = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
            kind = self.types[name]
            if kind in _TEXT or kind == "jsonb":
                lengths, data = self._text(array, kind)
                parts.append(_fixed(np.hstack([*fixed, lengths])))
                parts.append(data)
                fixed = []
            elif array.null_count == 0:
                fixed.append(_with_lengths(self._numbers(array, kind)))
            else:
                if fixed:
                    parts.append(_fixed(np.hstack(fixed)))
                    fixed = []
                field = _fixed(_with_lengths(self._numbers(array, kind)))
                parts.append(pc.if_else(array.is_valid(), field, pa.scalar(_NULL, pa.binary())))
        if fixed:
            parts.append(_fixed(np.hstack(fixed)))
        constant = b"".join(self._value(value, self.types[name]) for name, value in constants.items())
        if constant:
            parts.append(pa.scalar(constant, pa.binary()))
        joined = pc.binary_join_element_wise(*parts, b"") if len(parts) > 1 else parts[0]
        joined = joined.cast(pa.large_binary())
        _, offsets, data = joined.buffers()
        bounds = np.frombuffer(offsets, dtype=np.int64, count=n + 1, offset=joined.offset * 8)
        return data.slice(int(bounds[0]), int(bounds[-1] - bounds[0]))

    def _text(self, array: pa.Array, kind: str) -> tuple[np.ndarray, pa.Array]:
        """A text column's 4-byte big-endian lengths (-1 for null) as rows of bytes, and its bytes."""
        data = array.cast(pa.string()).cast(pa.binary())
        if kind == "jsonb":  # jsonb's binary form is a version byte, then the text
            data = pc.binary_join_element_wise(b"\x01", data, b"")  # null stays null
        lengths = pc.binary_length(data).fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int32)
        data = data.fill_null(b"")
        prefix: np.ndarray = lengths.astype(">i4").view(np.uint8).reshape(len(lengths), 4)
        return prefix, data

    def _numbers(self, array: pa.Array, kind: str) -> np.ndarray:
        """The column's values in the type's big-endian binary form (nulls: any value, replaced later)."""
        if kind in _FIXED:
            numbers = array.cast(pa.float64() if kind.startswith("float") else pa.int64()).fill_null(0)
            values: np.ndarray = numbers.to_numpy().astype(_FIXED[kind])
            return values
        if kind == "bool":
            flags: np.ndarray = array.cast(pa.bool_()).fill_null(False).to_numpy(zero_copy_only=False).astype(np.uint8)
            return flags
        if kind == "date":
            days = array.cast(pa.string()).fill_null("2000-01-01")
            epoch = pc.strptime(days, format="%Y-%m-%d", unit="s").cast(pa.date32()).cast(pa.int32())
            dates: np.ndarray = (epoch.to_numpy() - _DAYS_1970_TO_2000).astype(">i4")
            return dates
        raise ValueError(f"no binary COPY form for PostgreSQL type {kind}")

    def _value(self, value: Any, kind: str) -> bytes:
        """One constant's field (length and value)."""
        if value is None:
            return _NULL
        if kind == "timestamp":
            moment = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
            micros = (moment - dt.datetime(2000, 1, 1, tzinfo=moment.tzinfo)) // dt.timedelta(microseconds=1)
            return struct.pack(">iq", 8, micros)
        if kind in _TEXT or kind == "jsonb":
            data = (b"\x01" if kind == "jsonb" else b"") + str(value).encode()
            return struct.pack(">i", len(data)) + data
        return bytes(_fixed(_with_lengths(self._numbers(pa.array([value]), kind)))[0].as_py())


def _with_lengths(values: np.ndarray) -> np.ndarray:
    """Each big-endian value preceded by its 4-byte length, as rows of bytes."""
    size = values.dtype.itemsize
    out = np.empty((len(values), 4 + size), dtype=np.uint8)
    out[:, :4] = np.frombuffer(struct.pack(">i", size), dtype=np.uint8)
    out[:, 4:] = np.ascontiguousarray(values).view(np.uint8).reshape(len(values), size)
    return out


def _fixed(values: np.ndarray) -> pa.Array:
    """Rows of bytes (or big-endian numbers) as a binary column."""
    raw = np.ascontiguousarray(values)
    size = raw.dtype.itemsize * (raw.shape[1] if raw.ndim == 2 else 1)
    array = pa.FixedSizeBinaryArray.from_buffers(pa.binary(size), len(raw), [None, pa.py_buffer(raw.tobytes())])
    return array.cast(pa.binary())
