"""Reading a CSV file as batches of text columns, with the line number an editor shows for each row.

The file is parsed by PyArrow (C++), a block of rows at a time; the line number of each row is worked
out afterwards from the record numbers PyArrow reports and the line breaks inside quoted values. Rows
with too few or too many fields, and a last row whose quote is never closed, become ``Malformed``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv

from armstrace.exceptions import ImportFileError

from .batch import Batch, Malformed, column_names, text_columns

__all__ = ["count_bytes", "read_csv"]

CSV_BLOCK_BYTES = 16 << 20


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
    return column_names(names, path)


def read_csv(path: Path, batch_rows: int) -> Iterator[Batch]:
    dialect = _sniff(path)
    header = _csv_header(path, dialect)
    width = len(header)
    names = [f"c{i}" for i in range(width)]
    tracker = _CsvLines(width)

    found: list[_Invalid] = []  # rows PyArrow could not read, handed over with the block they were found in

    def invalid(row: Any) -> str:
        found.append(_Invalid(row.number if row.number is not None else -1, row.text, row.actual_columns))
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
    quotes = count_bytes(path, quote.encode()) if quote else 0
    quoted = quotes > 0  # a value can hold a line break only between quotes
    unclosed = quotes % 2 == 1
    held: Batch | None = None
    for record_batch in _rebatch(path, _read_ahead(reader, found), batch_rows, tracker):
        arrays = list(record_batch.columns)
        n = record_batch.num_rows
        lines, malformed = tracker.batch(n, _column_breaks(arrays) if n and quoted else None)
        blank = _blank(arrays, n)
        if blank is not None:  # a blank line is a record of empty values: drop it
            keep = pa.array(~blank)
            arrays = [a.filter(keep) for a in arrays]
            lines = lines[~blank]
        columns, batch = text_columns(header, arrays)
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


def count_bytes(path: Path, byte: bytes) -> int:
    """How many times ``byte`` occurs in the file (read in 4 MiB chunks)."""
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


Block = tuple[pa.RecordBatch | None, list[_Invalid], BaseException | None]


def _read_ahead(reader: Any, found: list[_Invalid]) -> Iterator[Block]:
    """PyArrow's blocks, each parsed in a thread while the caller checks the one before (parsing releases
    the GIL; PyArrow's own threads would lose the record numbers that give each row its line). Each block
    comes with the unreadable rows found up to it, as the reader reported them, and ends with the error
    that stopped the reader, if any."""

    def read() -> Block:
        try:
            block: pa.RecordBatch | None = reader.read_next_batch()
            error: BaseException | None = None
        except StopIteration:
            block, error = None, None
        except pa.ArrowInvalid as exc:
            block, error = None, exc
        taken = found[:]  # the handler runs in this thread, inside read_next_batch: nothing is added meanwhile
        del found[: len(taken)]
        return block, taken, error

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="armstrace-csv") as pool:
        ahead = pool.submit(read)
        try:
            while True:
                block, taken, error = ahead.result()
                if block is not None:
                    ahead = pool.submit(read)
                yield block, taken, error
                if block is None:
                    return
        finally:
            ahead.cancel()  # a block being read is finished (one block at most) before the thread ends


def _rebatch(path: Path, blocks: Iterator[Block], batch_rows: int, tracker: _CsvLines) -> Iterator[pa.RecordBatch]:
    """PyArrow's blocks cut to at most ``batch_rows`` rows (tests use small batches); the unreadable rows
    found up to each block go to ``tracker`` before its rows are numbered."""
    for record_batch, invalid, error in blocks:
        tracker.pending.extend(invalid)
        if error is not None:
            raise ImportFileError(f"{path}: cannot read the file as CSV: {error}") from None
        if record_batch is None:
            return
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
