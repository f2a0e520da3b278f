"""The binary COPY rows built a whole column at a time are the rows PostgreSQL's format defines, field by field."""

from __future__ import annotations

import datetime as dt
import struct
from typing import Any

import pyarrow as pa
import pytest

from armstrace.ingest import pgbinary

TYPES = {"id": "int8", "code": "text", "n": "int4", "x": "float8", "ok": "bool", "day": "date", "doc": "jsonb"}
TYPES |= {"name": "varchar", "agency_id": "int4", "visibility": "varchar", "created_at": "timestamp"}


def _field(value: Any, kind: str) -> bytes:
    """One field as the format defines it: a 4-byte length (-1 for null), then the value."""
    if value is None:
        return struct.pack(">i", -1)
    if kind in ("text", "varchar", "jsonb"):
        data = (b"\x01" if kind == "jsonb" else b"") + value.encode()
    elif kind == "date":
        data = struct.pack(">i", (dt.date.fromisoformat(value) - dt.date(2000, 1, 1)).days)
    elif kind == "timestamp":
        data = struct.pack(">q", (dt.datetime.fromisoformat(value) - dt.datetime(2000, 1, 1)) // dt.timedelta(0, 0, 1))
    else:
        data = struct.pack({"int8": ">q", "int4": ">i", "float8": ">d", "bool": ">?"}[kind], value)
    return struct.pack(">i", len(data)) + data


def _reference(table: pa.Table, constants: dict[str, Any]) -> bytes:
    out = b""
    for row in table.to_pylist():
        values = [*row.items(), *constants.items()]
        out += struct.pack(">h", len(values)) + b"".join(_field(v, TYPES[k]) for k, v in values)
    return out


COLUMNS = {
    "id": pa.array([1, 2, 3, 2**40], pa.int64()),
    "code": pa.array(["R1", None, "", "Ж-5 ✓"]),
    "n": pa.array([None, 7, -3, 0], pa.int64()),
    "x": pa.array([0.5, None, -1e300, 2.0]),
    "ok": pa.array([True, False, None, True]),
    "day": pa.array(["2018-01-09", "1800-01-01", None, "2000-01-01"]),
    "doc": pa.array(['{"a": 1}', None, "{}", '{"b": "ü"}']),
    "name": pa.array(["a", "b", "c", "d"]),
}
CONSTANTS = {"agency_id": 3, "visibility": "private", "created_at": "2026-12-06 17:00:01.250000"}


@pytest.mark.parametrize(
    "names",
    [list(COLUMNS), ["n", "x"], ["code"], ["id", "n", "name", "ok"], ["ok", "day", "doc", "code", "id"]],
    ids=["all", "numbers-with-nulls", "one-text", "mixed", "text-last"],
)
@pytest.mark.parametrize("constants", [CONSTANTS, {}], ids=["constants", "none"])
def test_rows_are_the_fields_the_format_defines(names: list[str], constants: dict[str, Any]) -> None:
    table = pa.table({name: COLUMNS[name] for name in names})
    encoded = pgbinary.Encoder(TYPES).rows(table, constants)
    assert encoded.to_pybytes() == _reference(table, constants)
    # a slice of a batch (an offset into its buffers) gives the rows of the slice only
    assert pgbinary.Encoder(TYPES).rows(table.slice(1, 2), constants).to_pybytes() == _reference(
        table.slice(1, 2), constants
    )
