"""The five output tables: their columns (exactly as docs/formats.md) and a chunked writer.

CSV is written by pyarrow's CSV writer (header row, RFC 4180 quoting, ISO dates, true/false);
Parquet by a ParquetWriter, one row group per chunk. Both stream: memory is bounded by one chunk.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from armstrace.exceptions import InputError

__all__ = ["FORMATS", "SCHEMAS", "TableWriter", "table"]

FORMATS = ("csv", "parquet")

_S, _I, _D, _B, _F = pa.string(), pa.int64(), pa.date32(), pa.bool_(), pa.float64()

SCHEMAS: dict[str, pa.Schema] = {
    "registry": pa.schema([
        ("record_id", _S), ("serial", _S), ("serial_end", _S), ("quantity", _I), ("manufacturer", _S),
        ("model", _S), ("calibre", _S), ("weapon_type", _S), ("country", _S), ("year", _I), ("nsn", _S),
        ("lot", _S), ("markings", _S), ("status", _S), ("holder", _S), ("holder_country", _S),
        ("date", _D), ("synthetic", _B),
    ]),
    "transfers": pa.schema([
        ("transfer_id", _S), ("record_id", _S), ("serial", _S), ("serial_end", _S), ("quantity", _I),
        ("manufacturer", _S), ("model", _S), ("weapon_type", _S), ("from_holder", _S), ("from_country", _S),
        ("to_holder", _S), ("to_country", _S), ("date", _D), ("document_ref", _S), ("legal", _B),
        ("synthetic", _B),
    ]),
    "incidents": pa.schema([
        ("incident_id", _S), ("date", _D), ("country", _S), ("admin1", _S), ("admin2", _S), ("place", _S),
        ("latitude", _F), ("longitude", _F), ("kind", _S), ("title", _S), ("description", _S),
        ("synthetic", _B),
    ]),
    "recoveries": pa.schema([
        ("recovery_id", _S), ("incident_id", _S), ("serial", _S), ("obliterated", _B), ("manufacturer", _S),
        ("model", _S), ("calibre", _S), ("weapon_type", _S), ("country", _S), ("year", _I), ("markings", _S),
        ("importer", _S), ("condition", _S), ("synthetic", _B),
    ]),
    "truth": pa.schema([
        ("recovery_id", _S), ("record_id", _S), ("fault", _S), ("last_legal_holder", _S),
        ("last_legal_holder_country", _S), ("last_legal_date", _D), ("diverted_at", _D),
    ]),
}  # fmt: skip


def table(name: str, columns: dict[str, Any]) -> pa.Table:
    """A table of `name`'s schema from columns (arrays or lists); missing columns are all null,
    `synthetic` is all true."""
    schema = SCHEMAS[name]
    lengths = {len(v) for v in columns.values()}
    if len(lengths) != 1:
        raise ValueError(f"{name}: columns of unequal length {sorted(lengths)}")
    n = lengths.pop()
    arrays = []
    for field in schema:
        if field.name == "synthetic":
            arrays.append(pa.array([True] * n, pa.bool_()))
        elif field.name in columns:
            value = columns[field.name]
            arr = value if isinstance(value, pa.Array | pa.ChunkedArray) else pa.array(value)
            arrays.append(arr.cast(field.type) if arr.type != field.type else arr)
        else:
            arrays.append(pa.nulls(n, field.type))
    unknown = set(columns) - set(schema.names)
    if unknown:
        raise ValueError(f"{name}: unknown columns {sorted(unknown)}")
    return pa.Table.from_arrays(arrays, schema=schema)


class TableWriter:
    """Writes one table to DIR/NAME.csv or DIR/NAME.parquet, a chunk at a time."""

    def __init__(self, out_dir: Path, name: str, fmt: str) -> None:
        if fmt not in FORMATS:
            raise InputError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
        self.name = name
        self.schema = SCHEMAS[name]
        self.path = out_dir / f"{name}.{fmt}"
        self.rows = 0
        self._writer: pacsv.CSVWriter | pq.ParquetWriter
        if fmt == "csv":
            self._writer = pacsv.CSVWriter(str(self.path), self.schema)
        else:
            self._writer = pq.ParquetWriter(str(self.path), self.schema, compression="zstd")

    def write(self, data: pa.Table) -> None:
        if data.num_rows:
            self._writer.write_table(data)
            self.rows += data.num_rows

    def close(self) -> None:
        self._writer.close()

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
