"""Reading CSV, XLSX, Parquet and JSON Lines files as batches of text columns with line numbers.

Every value arrives as text (or None): typing and validation happen in one place afterwards, so a
number with a stray letter is a reported fault, not a silently dropped row. Rows that cannot even be
read (wrong number of fields, a line that is not JSON) are yielded as ``Malformed`` with their line
number and raw text; cells that are not valid UTF-8 become faults of their row, and their original
bytes go to the quarantine file unchanged. Nothing is lost.

CSV has a reader of its own (``csvfile``); the rows of every format arrive as a ``batch.Batch``.
"""

from __future__ import annotations

import json
import mmap
import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.json as pajson
import pyarrow.parquet as pq

from armstrace.exceptions import ImportFileError

from .batch import ENCODING_REASON, Batch, Malformed, column_names, text_columns
from .csvfile import count_bytes, read_csv

__all__ = ["FORMATS", "count_rows", "detect_format", "read_batches"]

FORMATS = ("csv", "xlsx", "parquet", "jsonl")
BATCH_ROWS = 100_000
JSON_BLOCK_BYTES = 16 << 20


def detect_format(path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".")
    aliases = {
        "csv": "csv",
        "tsv": "csv",
        "txt": "csv",
        "xlsx": "xlsx",
        "xlsm": "xlsx",
        "parquet": "parquet",
        "pq": "parquet",
        "jsonl": "jsonl",
        "ndjson": "jsonl",
        "json": "jsonl",
    }
    if suffix not in aliases:
        raise ImportFileError(
            f"{path}: unknown file type '.{suffix}'; armstrace reads .csv, .xlsx, .parquet and .jsonl files"
        )
    return aliases[suffix]


def count_rows(path: Path, fmt: str) -> int | None:
    """A quick estimate of the number of data rows, for the progress bar."""
    if fmt in ("csv", "jsonl"):
        lines = count_bytes(path, b"\n")
        with path.open("rb") as f:
            if f.seek(0, 2):
                f.seek(-1, 2)
                lines += f.read(1) != b"\n"
        return max(lines - (1 if fmt == "csv" else 0), 0)
    if fmt == "parquet":
        try:
            return int(pq.ParquetFile(path).metadata.num_rows)
        except Exception:  # not Parquet: reading it says so, with the file's name
            return None
    return None


def read_batches(path: Path, fmt: str | None = None, batch_rows: int = BATCH_ROWS) -> Iterator[Batch]:
    if not path.exists():
        raise ImportFileError(f"{path}: no such file")
    if path.is_dir():
        raise ImportFileError(f"{path}: is a folder, not a file")
    fmt = fmt or detect_format(path)
    reader = {"csv": read_csv, "xlsx": _xlsx, "parquet": _parquet, "jsonl": _jsonl}[fmt]
    yield from reader(path, batch_rows)


# ----------------------------------------------------------------------------- XLSX, Parquet, JSONL


def _python_batch(
    header: list[str], lines: list[int], rows: list[list[str | None]], malformed: list[Malformed]
) -> Batch:
    columns: dict[str, pa.Array] = {}
    values = list(zip(*rows, strict=True)) if rows else [() for _ in header]
    for name, column in zip(header, values, strict=True):
        columns[name] = pa.array(column, pa.string())
    return Batch(header, columns, np.array(lines, dtype=np.int64), malformed)


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bytes):
        return value.decode("utf-8", "surrogateescape")
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def _parquet_text(column: pa.Array) -> pa.Array:
    """A Parquet column as text, in one vectorised cast where Arrow can (nested values as JSON)."""
    if pa.types.is_dictionary(column.type):
        column = column.cast(column.type.value_type)
    if pa.types.is_binary(column.type) or pa.types.is_large_binary(column.type):
        return column
    if not pa.types.is_nested(column.type):
        try:
            return column.cast(pa.string())
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            pass
    return pa.array([None if v is None else _text(v) for v in column.to_pylist()], pa.string())


def _parquet(path: Path, batch_rows: int) -> Iterator[Batch]:
    try:
        pf = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several types for a file that is not Parquet
        raise ImportFileError(f"{path}: not a readable Parquet file ({exc})") from None
    header = column_names(pf.schema_arrow.names, path)
    line = 1
    for record_batch in pf.iter_batches(batch_size=batch_rows):
        n = record_batch.num_rows
        arrays = [_parquet_text(record_batch.column(i)) for i in range(len(header))]
        binary = [a if pa.types.is_binary(a.type) or pa.types.is_large_binary(a.type) else a.cast(pa.binary())
                  for a in arrays]  # fmt: skip
        columns, batch = text_columns(header, binary)
        batch.columns, batch.lines = columns, np.arange(line, line + n, dtype=np.int64)
        yield batch
        line += n


def _jsonl(path: Path, batch_rows: int) -> Iterator[Batch]:
    """JSON Lines parsed by Arrow (C++) where it gives what the Python reader would; the Python reader
    takes over from the first row Arrow cannot give the same way (a malformed line, a value whose type
    changes, a nested value, a key first seen in a later block)."""
    header: list[str] = []
    done = 0  # lines given by Arrow; Arrow runs only on files without blank lines, so line = row number
    if _arrow_jsonl_suits(path):
        batches = _arrow_jsonl(path, batch_rows)
        while True:
            try:
                batch = next(batches)
            except StopIteration:
                return
            except (pa.ArrowException, _NotTheSame):
                break
            done += len(batch)
            header[:] = batch.header  # the Python reader goes on with the keys of the rows given
            yield batch
    yield from _python_jsonl(path, batch_rows, done, header)


class _NotTheSame(Exception):
    """Arrow's reading of a column would differ from the Python reader's."""


_BLANK = rb"[ \t\r\x0b\x0c]*\n"
_BLANK_LINE = re.compile(rb"\n" + _BLANK)  # a literal first byte: the search jumps from line break to line break
_BLANK_FIRST_LINE = re.compile(_BLANK)
_JSON_TEXT = {pa.string(), pa.int64(), pa.bool_()}  # cast to text by Arrow as the Python reader writes them


def _arrow_jsonl_suits(path: Path) -> bool:
    """Arrow skips blank lines without saying where: only a file without any has line = row number."""
    size = path.stat().st_size
    if size == 0:
        return False
    with path.open("rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as data:
        return _BLANK_FIRST_LINE.match(data) is None and _BLANK_LINE.search(data) is None


def _arrow_jsonl(path: Path, batch_rows: int) -> Iterator[Batch]:
    """Batches of the file read by Arrow (its keys are those of the first block)."""
    read = pajson.ReadOptions(block_size=JSON_BLOCK_BYTES)
    schema = pajson.open_json(path, read_options=read).schema
    if any(pa.types.is_temporal(f.type) for f in schema):  # date-like text stays the text it was
        schema = pa.schema([pa.field(f.name, pa.string()) if pa.types.is_temporal(f.type) else f for f in schema])
        reader = pajson.open_json(path, read_options=read, parse_options=pajson.ParseOptions(explicit_schema=schema))
    else:
        reader = pajson.open_json(path, read_options=read)
    header = reader.schema.names
    line = 1
    for record_batch in reader:
        columns = [_json_column(record_batch.column(i)) for i in range(record_batch.num_columns)]
        for start in range(0, record_batch.num_rows, batch_rows):
            n = min(batch_rows, record_batch.num_rows - start)
            lines = np.arange(line, line + n, dtype=np.int64)
            yield Batch(list(header), {k: c.slice(start, n) for k, c in zip(header, columns, strict=True)}, lines)
            line += n


def _json_column(column: pa.Array) -> pa.Array:
    """A column Arrow parsed as the text the Python reader makes of each value (``_text``)."""
    if column.type == pa.string():
        column.validate(full=True)  # Arrow's JSON parser lets bytes that are not UTF-8 through: ArrowInvalid
        return column
    if column.type in _JSON_TEXT:
        return column.cast(pa.string())
    if pa.types.is_null(column.type):
        return pa.nulls(len(column), pa.string())
    if pa.types.is_float64(column.type):
        values = column.to_pylist()
        if any(v is not None and v.is_integer() and abs(v) >= 2**53 for v in values):
            raise _NotTheSame  # an integer past double precision, whose digits only Python keeps
        return pa.array([None if v is None else _text(v) for v in values], pa.string())
    raise _NotTheSame  # nested values: the Python reader writes each as its own JSON


def _python_jsonl(path: Path, batch_rows: int, skip: int, header: list[str]) -> Iterator[Batch]:
    """The Python reader, from line ``skip`` + 1, with the keys already seen in ``header``."""
    records: list[dict[str, object]] = []
    lines: list[int] = []
    malformed: list[Malformed] = []
    known: set[str] = set(header)
    with path.open("rb") as f:
        for number, raw in enumerate(f, start=1):
            if number <= skip or not raw.strip():
                continue
            try:
                record = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError as exc:
                malformed.append(Malformed(number, f"{ENCODING_REASON} (byte 0x{raw[exc.start]:02X})",
                                           raw.decode("utf-8", "surrogateescape").rstrip("\r\n")))  # fmt: skip
                continue
            except json.JSONDecodeError as exc:
                malformed.append(Malformed(number, f"not a JSON object: {exc.msg} (column {exc.colno})",
                                           raw.decode().rstrip("\r\n")))  # fmt: skip
                continue
            if not isinstance(record, dict):
                malformed.append(
                    Malformed(number, "not a JSON object ({...} on one line)", raw.decode().rstrip("\r\n"))
                )
                continue
            for key in record:
                if key not in known:
                    known.add(key)
                    header.append(key)
            records.append(record)
            lines.append(number)
            if len(records) >= batch_rows:
                yield _records_batch(list(header), lines, records, malformed)
                records, lines, malformed = [], [], []
    if not header and not malformed:
        raise ImportFileError(f"{path}: the file has no JSON records")
    if records or malformed:
        yield _records_batch(list(header), lines, records, malformed)


def _records_batch(
    header: list[str], lines: list[int], records: list[dict[str, object]], malformed: list[Malformed]
) -> Batch:
    rows = [[None if (v := r.get(name)) is None else _text(v) for name in header] for r in records]
    return _python_batch(header, lines, rows, malformed)


def _xlsx(path: Path, batch_rows: int) -> Iterator[Batch]:
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile/KeyError/InvalidFileException for a bad workbook
        raise ImportFileError(f"{path}: not a readable XLSX workbook ({exc})") from None
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        try:
            first = next(rows)
        except StopIteration:
            raise ImportFileError(f"{path}: the first sheet is empty") from None
        names = ["" if v is None else str(v) for v in first]
        while names and not names[-1].strip():  # a sheet's used range often reaches past the last name
            names.pop()
        header = column_names(names, path)
        width = len(header)
        buffer: list[list[str | None]] = []
        lines: list[int] = []
        malformed: list[Malformed] = []
        for number, values in enumerate(rows, start=2):
            if values is None or all(v is None or str(v).strip() == "" for v in values):
                continue
            cells = ["" if v is None else _text(v) for v in values]
            beyond = [i for i, c in enumerate(cells[width:], start=width) if c.strip()]
            if beyond:  # a value in a column without a name: it has no field to go to
                reason = (
                    f"has a value in column {get_column_letter(beyond[0] + 1)}, beyond the {width} named columns: "
                    "name that column in row 1 or move the value"
                )
                malformed.append(Malformed(number, reason, "\t".join(cells).rstrip("\t")))
                continue
            cells = cells[:width] + [""] * (width - len(cells))
            buffer.append(cells)  # type: ignore[arg-type]
            lines.append(number)
            if len(buffer) >= batch_rows:
                yield _python_batch(header, lines, buffer, malformed)
                buffer, lines, malformed = [], [], []
        if buffer or malformed:
            yield _python_batch(header, lines, buffer, malformed)
    finally:
        workbook.close()
