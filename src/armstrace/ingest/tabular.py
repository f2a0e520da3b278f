"""Reading CSV, XLSX, Parquet and JSON Lines files as batches of string columns with line numbers.

Every value arrives as text (or None): typing and validation happen in one place afterwards, so a
number with a stray letter is a reported fault, not a silently dropped row. Rows that cannot even be
read (wrong number of fields, invalid UTF-8, a line that is not JSON) are yielded as ``Malformed``
with their line number and the raw text, so that nothing is lost.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from armstrace.exceptions import ImportFileError

__all__ = ["FORMATS", "Batch", "Malformed", "count_rows", "detect_format", "read_batches"]

FORMATS = ("csv", "xlsx", "parquet", "jsonl")
BATCH_ROWS = 100_000


@dataclass
class Malformed:
    line: int
    reason: str
    raw: str
    field: str = ""


@dataclass
class Batch:
    """Rows of one file: ``columns[name][i]`` is the text of row i, found at ``lines[i]``."""

    header: list[str]
    lines: list[int]
    columns: dict[str, list[str | None]]
    malformed: list[Malformed] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.lines)


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
        lines = 0
        with path.open("rb") as f:
            while chunk := f.read(1 << 22):
                lines += chunk.count(b"\n")
        return max(lines - (1 if fmt == "csv" else 0), 0)
    if fmt == "parquet":
        import pyarrow.parquet as pq

        return int(pq.ParquetFile(path).metadata.num_rows)
    return None


def read_batches(path: Path, fmt: str | None = None, batch_rows: int = BATCH_ROWS) -> Iterator[Batch]:
    if not path.exists():
        raise ImportFileError(f"{path}: no such file")
    if path.is_dir():
        raise ImportFileError(f"{path}: is a folder, not a file")
    fmt = fmt or detect_format(path)
    reader = {"csv": _csv, "xlsx": _xlsx, "parquet": _parquet, "jsonl": _jsonl}[fmt]
    yield from reader(path, batch_rows)


def _header(names: list[str], path: Path) -> list[str]:
    header = [n.strip().lstrip("\ufeff").strip() for n in names]
    if not any(header):
        raise ImportFileError(f"{path}: the first line must name the columns (it is empty)")
    seen: set[str] = set()
    for name in header:
        if name and name in seen:
            raise ImportFileError(f"{path}, line 1: column {name!r} appears twice; rename one of them")
        seen.add(name)
    return header


def _csv(path: Path, batch_rows: int) -> Iterator[Batch]:
    with path.open("r", encoding="utf-8-sig", errors="surrogateescape", newline="") as f:
        sample = f.read(65536)
        f.seek(0)
        try:
            dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
        except csv.Error:
            dialect = csv.excel
        reader = csv.reader(f, dialect)
        try:
            header = _header(next(reader), path)
        except StopIteration:
            raise ImportFileError(f"{path}: the file is empty") from None
        except csv.Error as exc:
            raise ImportFileError(f"{path}, line 1: cannot read the header: {exc}") from None
        width = len(header)
        rows: list[list[str]] = []
        lines: list[int] = []
        malformed: list[Malformed] = []
        start = reader.line_num + 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                malformed.append(Malformed(start, f"cannot parse the line: {exc}", ""))
                start = reader.line_num + 1
                continue
            if len(row) != width:
                if not row or (len(row) == 1 and not row[0].strip()):
                    start = reader.line_num + 1
                    continue  # blank line
                malformed.append(
                    Malformed(start, f"has {len(row)} fields, the header has {width}", dialect.delimiter.join(row))
                )
            else:
                rows.append(row)
                lines.append(start)
            start = reader.line_num + 1
            if len(rows) >= batch_rows:
                yield _batch(header, lines, rows, malformed)
                rows, lines, malformed = [], [], []
        if rows or malformed:
            yield _batch(header, lines, rows, malformed)


def _batch(header: list[str], lines: list[int], rows: list[list[str]], malformed: list[Malformed]) -> Batch:
    columns: dict[str, list[str | None]] = {}
    if rows:
        for name, values in zip(header, zip(*rows, strict=True), strict=True):
            columns[name] = list(values)
    else:
        columns = {name: [] for name in header}
    return Batch(header, lines, columns, malformed)


def _records_batch(
    header: list[str], lines: list[int], records: list[dict[str, object]], malformed: list[Malformed]
) -> Batch:
    columns: dict[str, list[str | None]] = {name: [] for name in header}
    for record in records:
        for name in header:
            value = record.get(name)
            columns[name].append(None if value is None else _text(value))
    return Batch(header, lines, columns, malformed)


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _parquet(path: Path, batch_rows: int) -> Iterator[Batch]:
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several types for a file that is not Parquet
        raise ImportFileError(f"{path}: not a readable Parquet file ({exc})") from None
    header = _header(pf.schema_arrow.names, path)
    line = 1
    for record_batch in pf.iter_batches(batch_size=batch_rows):
        n = record_batch.num_rows
        columns = {
            name: [None if v is None else _text(v) for v in record_batch.column(i).to_pylist()]
            for i, name in enumerate(header)
        }
        yield Batch(header, list(range(line, line + n)), columns)
        line += n


def _jsonl(path: Path, batch_rows: int) -> Iterator[Batch]:
    records: list[dict[str, object]] = []
    lines: list[int] = []
    malformed: list[Malformed] = []
    header: list[str] = []
    known: set[str] = set()
    with path.open("rb") as f:
        for number, raw in enumerate(f, start=1):
            if not raw.strip():
                continue
            try:
                record = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError as exc:
                malformed.append(
                    Malformed(
                        number,
                        f"not valid UTF-8 ({exc.reason} at byte {exc.start})",
                        raw.decode("utf-8", "replace").rstrip(),
                    )
                )
                continue
            except json.JSONDecodeError as exc:
                malformed.append(Malformed(number, f"not a JSON object: {exc.msg}", raw.decode().rstrip()))
                continue
            if not isinstance(record, dict):
                malformed.append(Malformed(number, "not a JSON object", raw.decode().rstrip()))
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


def _xlsx(path: Path, batch_rows: int) -> Iterator[Batch]:
    from openpyxl import load_workbook

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
        header = _header(["" if v is None else str(v) for v in first], path)
        width = len(header)
        buffer: list[list[str]] = []
        lines: list[int] = []
        for number, values in enumerate(rows, start=2):
            if values is None or all(v is None or str(v).strip() == "" for v in values):
                continue
            cells = ["" if v is None else _text(v) for v in values[:width]]
            cells += [""] * (width - len(cells))
            buffer.append(cells)
            lines.append(number)
            if len(buffer) >= batch_rows:
                yield _batch(header, lines, buffer, [])
                buffer, lines = [], []
        if buffer:
            yield _batch(header, lines, buffer, [])
    finally:
        workbook.close()
