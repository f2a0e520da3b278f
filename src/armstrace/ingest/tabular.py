"""Reading CSV, XLSX, Parquet and JSON Lines files as batches of text columns with line numbers.

Every value arrives as text (or None): typing and validation happen in one place afterwards, so a
number with a stray letter is a reported fault, not a silently dropped row. Rows that cannot even be
read (wrong number of fields, a line that is not JSON) are yielded as ``Malformed`` with their line
number and raw text; cells that are not valid UTF-8 become faults of their row, and their original
bytes go to the quarantine file unchanged. Nothing is lost.

CSV is parsed by PyArrow (multi-threaded C++), a block of rows at a time; the line number of each row
is worked out afterwards from the record numbers PyArrow reports and the line breaks inside quoted
values, so that a reported line is the one an editor shows.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from armstrace.exceptions import ImportFileError

__all__ = ["FORMATS", "Batch", "Malformed", "count_rows", "detect_format", "read_batches"]

FORMATS = ("csv", "xlsx", "parquet", "jsonl")
BATCH_ROWS = 100_000
CSV_BLOCK_BYTES = 16 << 20
ENCODING_REASON = (
    "not valid UTF-8 text: the file seems to be saved in another encoding (e.g. Windows-1252); "
    "save it as UTF-8 and import it again"
)


@dataclass
class Malformed:
    line: int
    reason: str
    raw: str
    field: str = "(row)"


@dataclass
class Batch:
    """Rows of one file: ``columns[name][i]`` is the text of row i, found at line ``lines[i]``.

    ``faults`` are problems the reader found in cells (text that is not UTF-8): (field, row mask,
    reason); such cells are null in ``columns`` and their original text is in ``raw``.
    """

    header: list[str]
    columns: dict[str, pa.Array]
    lines: np.ndarray
    malformed: list[Malformed] = field(default_factory=list)
    faults: list[tuple[str, np.ndarray, str]] = field(default_factory=list)
    raw: dict[tuple[str, int], str] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.lines)

    def originals(self, rows: np.ndarray) -> list[dict[str, str | None]]:
        """The cells of ``rows`` as they were in the file, for the quarantine file."""
        index = pa.array(rows, pa.int64())
        taken = {name: column.take(index).to_pylist() for name, column in self.columns.items()}
        out = []
        for j, i in enumerate(rows.tolist()):
            out.append({name: self.raw.get((name, i), values[j]) for name, values in taken.items()})
        return out


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
        last = b"\n"
        with path.open("rb") as f:
            while chunk := f.read(1 << 22):
                lines += chunk.count(b"\n")
                last = chunk[-1:]
        lines += last != b"\n"
        return max(lines - (1 if fmt == "csv" else 0), 0)
    if fmt == "parquet":
        import pyarrow.parquet as pq

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
    reader = {"csv": _csv, "xlsx": _xlsx, "parquet": _parquet, "jsonl": _jsonl}[fmt]
    yield from reader(path, batch_rows)


def _header(names: list[str], path: Path) -> list[str]:
    """Column names; a column without a name is called "column N" so that its values are kept too."""
    header = [n.strip().lstrip("\ufeff").strip() for n in names]
    if not any(header):
        raise ImportFileError(f"{path}: the first line must name the columns (it is empty)")
    header = [name or f"column {i}" for i, name in enumerate(header, start=1)]
    seen: set[str] = set()
    for name in header:
        if name in seen:
            raise ImportFileError(f"{path}, line 1: column {name!r} appears twice; rename one of them")
        seen.add(name)
    return header


def _text_columns(header: list[str], arrays: list[pa.Array]) -> tuple[dict[str, pa.Array], Batch]:
    """String columns from binary ones; cells that are not UTF-8 become faults of their row."""
    columns: dict[str, pa.Array] = {}
    partial = Batch(header, {}, np.zeros(0, np.int64))
    for name, array in zip(header, arrays, strict=True):
        try:
            columns[name] = array.cast(pa.string())
        except pa.ArrowInvalid:  # rare: decode this column value by value to find the faulty cells
            values: list[str | None] = []
            bad = np.zeros(len(array), dtype=bool)
            for i, value in enumerate(array.to_pylist()):
                try:
                    values.append(None if value is None else value.decode("utf-8"))
                except UnicodeDecodeError:
                    values.append(None)
                    bad[i] = True
                    partial.raw[(name, i)] = value.decode("utf-8", "surrogateescape")
            columns[name] = pa.array(values, pa.string())
            partial.faults.append((name, bad, ENCODING_REASON))
    return columns, partial


# ---------------------------------------------------------------------------------------------- CSV


@dataclass
class _Invalid:
    record: int  # 1-based record number, the header being record 1
    text: str
    fields: int


@dataclass
class _CsvLines:
    """Turns PyArrow's record numbers into line numbers (a quoted value may span several lines)."""

    width: int
    header_lines: int = 1
    next_record: int = 2
    breaks_before: int = 0  # line breaks inside values of the records before next_record
    pending: list[_Invalid] = field(default_factory=list)

    def batch(self, n: int, breaks: np.ndarray | None) -> tuple[np.ndarray, list[Malformed]]:
        """Line numbers of the next ``n`` good rows and the malformed rows among or before them."""
        if n == 0:
            return np.zeros(0, dtype=np.int64), []
        pending = sorted(self.pending, key=lambda r: r.record)
        invalid_numbers = np.array([r.record for r in pending], dtype=np.int64)
        candidates = np.arange(self.next_record, self.next_record + n + len(pending), dtype=np.int64)
        records = candidates[~np.isin(candidates, invalid_numbers)][:n]
        last = int(records[-1])
        done = [r for r in pending if r.record <= last]
        self.pending = [r for r in pending if r.record > last]
        # every record up to `last`, in order, with its inner line breaks
        numbers = np.concatenate([records, np.array([r.record for r in done], dtype=np.int64)])
        inner = np.concatenate(
            [
                breaks if breaks is not None else np.zeros(n, dtype=np.int64),
                np.array([_breaks(r.text) for r in done], dtype=np.int64),
            ]
        )
        order = np.argsort(numbers, kind="stable")
        before = np.empty(len(order), dtype=np.int64)
        before[order] = self.breaks_before + np.concatenate([[0], np.cumsum(inner[order])[:-1]])
        lines = numbers + before + (self.header_lines - 1)
        malformed = [_short_or_long(lines[n + j], r, self.width) for j, r in enumerate(done)]
        self.breaks_before += int(inner.sum())
        self.next_record = last + 1
        return lines[:n], malformed

    def rest(self) -> list[Malformed]:
        """The malformed rows after the last good row."""
        out = []
        for r in sorted(self.pending, key=lambda r: r.record):
            line = r.record + self.breaks_before + (self.header_lines - 1)
            out.append(_short_or_long(line, r, self.width))
            self.breaks_before += _breaks(r.text)
        self.pending = []
        return out


def _breaks(text: str) -> int:
    return text.count("\n") + text.count("\r") - text.count("\r\n")


def _short_or_long(line: int, row: _Invalid, width: int) -> Malformed:
    hint = (
        "a value is missing or the row was cut short"
        if row.fields < width
        else "a value containing the delimiter needs quotes, or there is a stray delimiter"
    )
    return Malformed(int(line), f"has {row.fields} fields, the header has {width}: {hint}", row.text)


def _column_breaks(arrays: list[pa.Array]) -> np.ndarray | None:
    """Line breaks inside the values of each row, or None when there are none (the usual case)."""
    total: np.ndarray | None = None
    for array in arrays:
        if not _has_break(array):
            continue
        counts = pc.count_substring(array, "\n").to_numpy(zero_copy_only=False)
        counts = counts + pc.count_substring(array, "\r").to_numpy(zero_copy_only=False)
        counts = counts - pc.count_substring(array, "\r\n").to_numpy(zero_copy_only=False)
        total = counts if total is None else total + counts
    return None if total is None else total.astype(np.int64)


def _has_break(array: pa.Array) -> bool:
    """Whether any value holds a line break: one scan of the column's bytes."""
    offsets, data = array.buffers()[1:3]
    if data is None or len(array) == 0:
        return False
    bounds = np.frombuffer(offsets, dtype=np.int32, count=len(array) + 1, offset=array.offset * 4)
    raw = np.frombuffer(data, dtype=np.uint8)[int(bounds[0]) : int(bounds[-1])]
    return bool(np.count_nonzero((raw == 10) | (raw == 13)))


def _sniff(path: Path) -> csv.Dialect | type[csv.Dialect]:
    with path.open("r", encoding="utf-8-sig", errors="replace", newline="") as f:
        sample = f.read(65536)
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        return csv.excel


def _csv_header(path: Path, dialect: csv.Dialect | type[csv.Dialect]) -> list[str]:
    with path.open("rb") as f:
        first = f.readline()
    try:
        text = first.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            f"{path}, line 1: the column names are not UTF-8 text (byte 0x{first[exc.start]:02X}); "
            "the file seems to be saved in another encoding (e.g. Windows-1252): save it as UTF-8 and import it again"
        ) from None
    if not text.strip():
        raise ImportFileError(f"{path}: the file is empty" if not first else f"{path}: the first line is empty")
    try:
        names = next(csv.reader(io.StringIO(text), dialect))
    except (csv.Error, StopIteration) as exc:
        raise ImportFileError(f"{path}, line 1: cannot read the column names: {exc}") from None
    if any("\n" in n or "\r" in n for n in names) or text.count('"') % 2:
        raise ImportFileError(f"{path}, line 1: the column names must be on the first line, without line breaks")
    return _header(names, path)


def _csv(path: Path, batch_rows: int) -> Iterator[Batch]:
    import pyarrow.csv as pcsv

    dialect = _sniff(path)
    header = _csv_header(path, dialect)
    width = len(header)
    names = [f"c{i}" for i in range(width)]
    tracker = _CsvLines(width)

    def invalid(row: Any) -> str:
        tracker.pending.append(_Invalid(row.number if row.number is not None else -1, row.text, row.actual_columns))
        return "skip"

    reader = pcsv.open_csv(
        path,
        read_options=pcsv.ReadOptions(use_threads=False, block_size=CSV_BLOCK_BYTES, skip_rows=1, column_names=names),
        parse_options=pcsv.ParseOptions(
            delimiter=dialect.delimiter,
            quote_char=dialect.quotechar or False,
            double_quote=dialect.doublequote,
            escape_char=dialect.escapechar or False,
            newlines_in_values=True,
            ignore_empty_lines=False,
            invalid_row_handler=invalid,
        ),
        convert_options=pcsv.ConvertOptions(
            column_types=dict.fromkeys(names, pa.binary()), strings_can_be_null=False, quoted_strings_can_be_null=False
        ),
    )
    # a quote that is never closed makes the rest of the file one value: the last row is then not a row
    quote = dialect.quotechar or ""
    quotes = _count(path, quote.encode()) if quote else 0
    quoted = quotes > 0  # a value can hold a line break only between quotes
    unclosed = quotes % 2 == 1
    held: Batch | None = None
    for record_batch in _rebatch(path, reader, batch_rows):
        arrays = list(record_batch.columns)
        n = record_batch.num_rows
        lines, malformed = tracker.batch(n, _column_breaks(arrays) if n and quoted else None)
        blank = _blank(arrays, n)
        if blank is not None:  # a blank line is a record of empty values: drop it
            keep = pa.array(~blank)
            arrays = [a.filter(keep) for a in arrays]
            lines = lines[~blank]
        columns, batch = _text_columns(header, arrays)
        batch.columns, batch.lines, batch.malformed = columns, lines, malformed
        if not (len(batch) or batch.malformed):
            continue
        if unclosed:  # hold each batch back until the next one shows it is not the last
            batch, held = held, batch  # type: ignore[assignment]
            if batch is None:
                continue
        yield batch
    rest = tracker.rest()
    if unclosed:
        if rest:
            rest[-1].reason += f"; a quote ({quote}) opened in this row is never closed"
        elif held is not None and len(held):
            held = _unclosed_last_row(path, held, quote)
    if held is not None:
        yield held
    if rest:
        yield Batch(header, {name: pa.array([], pa.string()) for name in header}, np.zeros(0, np.int64), rest)


def _count(path: Path, byte: bytes) -> int:
    count = 0
    with path.open("rb") as f:
        while chunk := f.read(1 << 22):
            count += chunk.count(byte)
    return count


def _unclosed_last_row(path: Path, batch: Batch, quote: str) -> Batch:
    """The batch without its last row, which becomes malformed: its quote swallowed the lines after it."""
    n = len(batch) - 1
    line = int(batch.lines[n])
    with path.open("rb") as f:
        raw = b"".join(chunk for number, chunk in enumerate(f, start=1) if number >= line)
    reason = (
        f"a quote ({quote}) opened in this row is never closed, so every line after it was read as one value: "
        "close the quote (or double it inside a value) and import the file again"
    )
    return Batch(
        batch.header,
        {name: column.slice(0, n) for name, column in batch.columns.items()},
        batch.lines[:n],
        [*batch.malformed, Malformed(line, reason, raw.decode("utf-8", "surrogateescape").rstrip("\r\n"))],
        [(name, mask[:n], why) for name, mask, why in batch.faults],
        {key: value for key, value in batch.raw.items() if key[1] < n},
    )


def _rebatch(path: Path, reader: Any, batch_rows: int) -> Iterator[pa.RecordBatch]:
    """PyArrow's blocks cut to at most ``batch_rows`` rows (tests use small batches)."""
    while True:
        try:
            record_batch = reader.read_next_batch()
        except StopIteration:
            return
        except pa.ArrowInvalid as exc:
            raise ImportFileError(f"{path}: cannot read the file as CSV: {exc}") from None
        for start in range(0, max(record_batch.num_rows, 1), batch_rows):
            yield record_batch.slice(start, batch_rows)


def _blank(arrays: list[pa.Array], n: int) -> np.ndarray | None:
    if n == 0:
        return None
    blank = np.ones(n, dtype=bool)
    for array in arrays:
        blank &= pc.equal(pc.binary_length(array), 0).to_numpy(zero_copy_only=False)
        if not blank.any():
            return None
    return blank


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
        return value.isoformat()
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
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several types for a file that is not Parquet
        raise ImportFileError(f"{path}: not a readable Parquet file ({exc})") from None
    header = _header(pf.schema_arrow.names, path)
    line = 1
    for record_batch in pf.iter_batches(batch_size=batch_rows):
        n = record_batch.num_rows
        arrays = [_parquet_text(record_batch.column(i)) for i in range(len(header))]
        binary = [a if pa.types.is_binary(a.type) or pa.types.is_large_binary(a.type) else a.cast(pa.binary())
                  for a in arrays]  # fmt: skip
        columns, batch = _text_columns(header, binary)
        batch.columns, batch.lines = columns, np.arange(line, line + n, dtype=np.int64)
        yield batch
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
        header = _header(names, path)
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
