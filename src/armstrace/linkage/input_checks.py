"""Checks of registry and recovery files before matching: every bad row named by its line, field and reason.

A row the matcher cannot use honestly is never matched as if it were good: an oversized cell (a pasted
paragraph as a serial takes minutes and gigabytes of probes, as a maker name minutes of identification), a
control character in a serial (a damaged file: `W12<NUL>34567` would agree exactly with `W1234567`), an id
that names two rows (an output row naming it is ambiguous). A bad registry row stops the run with the list of
bad lines (dropping a registered weapon would make it look absent); a bad recovery is set aside, named in the
summary and written to the quarantine file beside OUT.csv, as ``armstrace import`` does (docs/formats.md).
Line numbers are counted only when a row is bad: the line an editor shows, a quoted value with line breaks
spanning several.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from armstrace.exceptions import ImportFileError
from armstrace.serials import MAX_SERIAL_LENGTH
from armstrace.values import MAX_CELL_LENGTH

__all__ = [
    "MAX_CELL_LENGTH",
    "MAX_SERIAL_LENGTH",
    "BadRow",
    "bad_rows",
    "csv_fault",
    "encoding_note",
    "line_numbers",
    "quarantine",
    "quarantine_path",
    "refuse_bad_rows",
    "set_aside",
    "write_quarantine",
]

_SERIAL_FIELDS = ("serial", "serial_end")
_CONTROL = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"  # not tab or line breaks: a quoted cell may hold those
_SHOWN = 20  # bad lines listed in a refusal


@dataclass(frozen=True)
class BadRow:
    """One row set aside: its position in the table, the line an editor shows, its id, the field and why."""

    row: int
    line: int
    row_id: str
    field: str
    reason: str

    def describe(self, where: str) -> str:
        return f"{where}, line {self.line}: field {self.field}: {self.reason}"


def bad_rows(table: pa.Table, id_field: str, path: Path | None, *, serial_required: bool) -> list[BadRow]:
    """The rows of a file's table (strings, "" as null) that cannot be matched, each with its first fault."""
    found: dict[int, tuple[str, str]] = {}

    def mark(rows: Iterable[int], field: str, reason: str | list[str]) -> None:
        for i, row in enumerate(rows):
            found.setdefault(int(row), (field, reason if isinstance(reason, str) else reason[i]))

    for name in table.column_names:
        column = table.column(name)
        if not pa.types.is_string(column.type) or not column.null_count < len(column):
            continue
        limit = MAX_SERIAL_LENGTH if name in _SERIAL_FIELDS else MAX_CELL_LENGTH
        if (pc.max(pc.binary_length(column)).as_py() or 0) <= limit:
            pass  # no cell has more bytes than the limit has characters (the offsets alone: no text read)
        elif pc.max(lengths := pc.fill_null(pc.utf8_length(column), 0)).as_py() > limit:
            long = np.flatnonzero(lengths.to_numpy() > limit)
            sizes = lengths.to_numpy()[long]
            mark(long, name, [f"{n:,} characters (at most {limit:,})" for n in sizes])
        if name in _SERIAL_FIELDS and _any_control_byte(column):
            control = pc.fill_null(pc.match_substring_regex(column, _CONTROL), False)
            if pc.any(control).as_py():
                rows = np.flatnonzero(control.to_numpy(zero_copy_only=False))
                values = column.take(pa.array(rows)).to_pylist()
                mark(rows, name, [f"a control character ({_first_control(v)}): a damaged file?" for v in values])
    if id_field in table.column_names:
        ids = table.column(id_field)
        mark(np.flatnonzero(pc.is_null(ids).to_numpy(zero_copy_only=False)), id_field, "empty (required)")
        mark(_repeats(ids), id_field, "repeats an earlier row's id (ids are unique in the file)")
    if serial_required and "serial" in table.column_names:
        empty = pc.is_null(table.column("serial")).to_numpy(zero_copy_only=False)
        mark(np.flatnonzero(empty), "serial", "empty (required)")
    if not found:
        return []
    order = sorted(found)
    lines = line_numbers(path, order)
    id_values = table.column(id_field).to_pylist() if id_field in table.column_names else [None] * table.num_rows
    return [BadRow(i, lines[i], "" if id_values[i] is None else str(id_values[i]), *found[i]) for i in order]


def refuse_bad_rows(
    table: pa.Table, id_field: str, path: Path | None, kind: str, *, serial_required: bool = True, first: int = 0
) -> None:
    """Raise ImportFileError listing the bad rows of a file that must be used whole (a registry; the
    recoveries on Spark). ``first``: the table's first row's place in its file, when it is a part of one."""
    bad = bad_rows(table, id_field, path, serial_required=serial_required)
    if not bad:
        return
    where = f"{kind} file {path}" if path is not None else kind
    if first:
        bad = [BadRow(b.row, b.line + first, b.row_id, b.field, b.reason) for b in bad]
    listed = "; ".join(b.describe(where) for b in bad[:_SHOWN])
    more = f"; and {len(bad) - _SHOWN:,} more" if len(bad) > _SHOWN else ""
    raise ImportFileError(f"{len(bad):,} bad row(s), nothing matched (correct the file): {listed}{more}")


def _any_control_byte(column: pa.ChunkedArray) -> bool:
    """Whether any byte of the column's text is a control character's (the common answer, no, in one NumPy
    pass over the text buffers; a yes is checked cell by cell)."""
    for chunk in column.chunks:
        data = chunk.buffers()[2]
        if data is not None and len(data):
            b = np.frombuffer(data, dtype=np.uint8)
            if ((b < 32) | (b == 127)).any():
                return True
    return False


def _repeats(ids: pa.ChunkedArray) -> list[int]:
    """Rows whose id an earlier row has (the first of each kept); the common case, none, without Python."""
    if not _may_repeat(ids):
        return []
    seen: set[str] = set()
    out = []
    for i, v in enumerate(ids.to_pylist()):
        if v is None:
            continue
        if v in seen:
            out.append(i)
        seen.add(v)
    return out


def _may_repeat(ids: pa.ChunkedArray) -> bool:
    """Whether two ids may be equal: ids of one width (`R0000001`) are compared as fixed-width bytes (in
    increasing order, as registries are often written: one comparison pass), any others hashed by Arrow."""
    col = ids.combine_chunks() if ids.num_chunks != 1 else ids.chunk(0)
    if len(col) < 2:
        return False
    if col.null_count == 0 and pa.types.is_string(col.type):
        offsets = np.frombuffer(col.buffers()[1], dtype=np.int32)[col.offset : col.offset + len(col) + 1]
        widths = np.diff(offsets)
        if widths[0] > 0 and (widths == widths[0]).all():
            keys = np.frombuffer(col.buffers()[2], dtype=np.uint8)[offsets[0] : offsets[-1]].view(f"S{widths[0]}")
            if (keys[1:] > keys[:-1]).all():
                return False
            ordered = np.sort(keys)
            return bool((ordered[1:] == ordered[:-1]).any())
    return bool(len(pc.unique(col)) < len(col) - col.null_count)


def _first_control(value: str | None) -> str:
    for ch in value or "":
        if ord(ch) < 32 or ord(ch) == 127:
            return f"U+{ord(ch):04X}"
    return "?"


def line_numbers(path: Path | None, rows: Sequence[int]) -> dict[int, int]:
    """The line an editor shows for each row (0 = the first row after the header) of a CSV file; the row
    number (1 = first) of any other file or of a table with no file."""
    wanted = set(rows)
    if path is None or path.suffix.lower() not in (".csv", ".txt", ".tsv") or not wanted:
        return {r: r + 1 for r in rows}
    encoding, delimiter = _dialect(path)
    out: dict[int, int] = {}
    with path.open(encoding=encoding, errors="replace", newline="") as fh:
        reader = csv.reader(fh, delimiter=delimiter)
        row, start = -1, 1  # -1: the header
        for record in reader:
            if record and not all(not c.strip() for c in record):
                if row in wanted:
                    out[row] = start
                    if len(out) == len(wanted):
                        break
                row += 1
            start = reader.line_num + 1
    return {r: out.get(r, r + 2) for r in rows}


def _dialect(path: Path) -> tuple[str, str]:
    """The encoding and delimiter ``tables.read_table`` reads the file with (from its first 64 KB)."""
    with path.open("rb") as fh:
        head = fh.read(65536)
    try:
        head.decode("utf-8")
        encoding = "utf-8-sig"
    except UnicodeDecodeError as exc:
        encoding = "utf-8-sig" if exc.start >= len(head) - 4 and len(head) == 65536 else "cp1252"
    first = head.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0]
    if first.count(b";") > first.count(b",") and first.count(b";") > 0:
        return encoding, ";"
    if first.count(b"\t") > first.count(b","):
        return encoding, "\t"
    return encoding, ","


def write_quarantine(path: Path, table: pa.Table, bad: Sequence[BadRow]) -> None:
    """``line, field, reason`` and the row's cells as read, one line per bad row (as ``import`` writes it)."""
    cells = table.take(pa.array([b.row for b in bad], type=pa.int64())).to_pylist()
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["line", "field", "reason", *table.column_names])
        for b, row in zip(bad, cells, strict=True):
            out.writerow([b.line, b.field, b.reason, *("" if v is None else v for v in row.values())])


def set_aside(table: pa.Table, path: Path | None) -> tuple[pa.Table, list[BadRow]]:
    """The recoveries that can be matched, and the bad ones (named, with their lines) set aside."""
    bad = bad_rows(table, "recovery_id", path, serial_required=False)
    if not bad:
        return table, []
    keep = np.ones(table.num_rows, dtype=bool)
    keep[[b.row for b in bad]] = False
    return table.filter(pa.array(keep)), bad


def quarantine_path(out: str | Path) -> Path:
    """Where the recoveries not matched are written: ``OUT.quarantine.csv`` beside OUT.csv."""
    out = Path(out)
    return out.with_name(out.stem + ".quarantine.csv")


def quarantine(
    out: str | Path,
    table: pa.Table,
    path: Path | None,
    bad: list[BadRow],
    unmatched: Sequence[tuple[str, str]],
) -> dict[str, object]:
    """Write every recovery not matched (bad rows, and readings with no usable serial) to the quarantine
    file beside OUT.csv, and the summary's account of them (a stale quarantine file of an earlier run is
    removed: the file is this run's list)."""
    target = quarantine_path(out)
    if unmatched:
        ids = table.column("recovery_id").to_pylist()
        at = {v: i for i, v in reversed(list(enumerate(ids)))}
        set_aside_rows = {b.row for b in bad}
        rows = [(at[rid], reason) for rid, reason in unmatched if rid in at and at[rid] not in set_aside_rows]
        lines = line_numbers(path, [r for r, _ in rows])
        bad = bad + [BadRow(r, lines[r], str(ids[r]), "serial", reason) for r, reason in rows]
        bad.sort(key=lambda b: b.row)
    if not bad:
        target.unlink(missing_ok=True)
        return {}
    write_quarantine(target, table, bad)
    where = f"recoveries file {path}" if path is not None else "recoveries"
    return {
        "quarantined": len(bad),
        "quarantine_file": str(target),
        "quarantined_rows": [b.describe(where) for b in bad[:_SHOWN]],
    }


def csv_fault(path: Path, kind: str) -> str | None:
    """The rows of a CSV file that cannot be split into the header's fields (the first twenty), as
    ``KIND file F, line N: reason`` (an unclosed quote named as such), or None when none is found."""
    encoding, delimiter = _dialect(path)
    where = f"{kind} file {path}"
    faults: list[str] = []
    with path.open(encoding=encoding, errors="replace", newline="") as fh:
        reader = csv.reader(fh, delimiter=delimiter, strict=True)
        start, width = 1, None
        try:
            for record in reader:
                end = reader.line_num
                if record and width is None:
                    width = len(record)
                elif record and len(record) != width:
                    spans = f" (a quoted value opened on line {start} runs to line {end}: a quote never closed?)"
                    faults.append(
                        f"line {start}: {len(record)} field(s) where the header has {width}"
                        + (spans if end > start else "")
                    )
                    if len(faults) >= _SHOWN:
                        break
                start = end + 1
        except csv.Error as exc:
            if "end of data" in str(exc) or "EOF" in str(exc):
                faults.append(f"line {start}: a quote opened on this line is never closed")
            elif reader.line_num > start:
                faults.append(
                    f"line {start}: a quote opened on this line is never closed (its value runs on to "
                    f"line {reader.line_num}, where the file no longer reads as CSV: {exc})"
                )
            else:
                faults.append(f"line {start}: {exc}")
    if not faults:
        return None
    return f"{where}: nothing read (correct the file): " + "; ".join(faults)


def encoding_note(path: str | Path, kind: str) -> str | None:
    """A warning when a CSV file is not UTF-8 (read as Windows-1252: letters of other code pages come out wrong)."""
    path = Path(path)
    if path.suffix.lower() not in (".csv", ".txt", ".tsv") or _dialect(path)[0] != "cp1252":
        return None
    return (
        f"{kind} file {path} is not UTF-8: read as Windows-1252; a name in another code page (Česká read as "
        "Èeská) comes out wrong: save the file as UTF-8"
    )
