"""Reading registry and recovery files (CSV or Parquet) robustly, every column as a string.

Real files are messy: a byte-order mark, quoted fields, empty optional columns, serials that look like
numbers ("000123" must stay "000123"), Windows-1252 text, header names with stray spaces or capitals.
So every column is read as a string, headers are matched after trimming and lower-casing, empty strings
become nulls, and a file that cannot be used raises ImportFileError naming the file and the reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from armstrace.exceptions import ImportFileError

from .input_checks import csv_fault

__all__ = ["as_string_table", "first_line", "read_table"]


def read_table(path: str | Path, required: Sequence[str], kind: str = "file") -> pa.Table:
    """Read a CSV or Parquet file as a table of strings with canonical column names."""
    path = Path(path)
    if not path.exists():
        raise ImportFileError(f"{kind} file not found: {path}")
    if path.is_dir():
        raise ImportFileError(f"{kind} path is a directory, not a file: {path}")
    suffix = path.suffix.lower()
    try:
        table = _read_parquet(path) if suffix in (".parquet", ".pq") else _read_csv(path)
    except ImportFileError:
        raise
    except (pa.ArrowInvalid, pa.ArrowTypeError, OSError, UnicodeDecodeError) as exc:
        fault = csv_fault(path, kind) if suffix not in (".parquet", ".pq") and path.is_file() else None
        raise ImportFileError(fault or f"cannot read {kind} file {path}: {first_line(exc)}") from exc
    return as_string_table(table, required, f"{kind} file {path}")


def first_line(exc: BaseException) -> str:
    """The first line of an error's message (its type when it has none): what a one-line user error quotes."""
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _read_parquet(path: Path) -> pa.Table:
    """A Parquet file, its reader imported now: a CSV cross-check never loads it (~0.05 s of start-up)."""
    import pyarrow.parquet as pq

    return pq.read_table(path)


def _read_csv(path: Path) -> pa.Table:
    with path.open("rb") as fh:
        head = fh.read(65536)  # the encoding and separator from the start, never the whole file
    encoding = "utf8"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4 or len(head) < 65536:  # not a character cut at the end of the sample
            encoding = "cp1252"
    if not head.strip():
        raise ImportFileError(f"file {path} is empty")
    delimiter = ","
    first = head.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0]
    if first.count(b";") > first.count(b",") and first.count(b";") > 0:
        delimiter = ";"
    elif first.count(b"\t") > first.count(b","):
        delimiter = "\t"
    read = pacsv.ReadOptions(encoding=encoding, block_size=_block_size(path))
    parse = pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=True)
    names = _header(path, read, parse)
    convert = pacsv.ConvertOptions(
        column_types={n: pa.string() for n in names},
        strings_can_be_null=False,
        null_values=[],
        quoted_strings_can_be_null=False,
    )
    return pacsv.read_csv(path, read_options=read, parse_options=parse, convert_options=convert)


#: a CSV file is parsed in at least this many blocks (Arrow parses blocks on all cores at once; a file of one
#: block is parsed on one), each between these sizes
_BLOCKS = 8
_SMALLEST_BLOCK = 1 << 20
_LARGEST_BLOCK = 1 << 24


def _block_size(path: Path) -> int:
    """Arrow's block size for this file: a registry of 200,000 rows (15 MB) in eight blocks, not one."""
    return min(_LARGEST_BLOCK, max(_SMALLEST_BLOCK, path.stat().st_size // _BLOCKS))


def _header(path: Path, read: pacsv.ReadOptions, parse: pacsv.ParseOptions) -> list[str]:
    reader = pacsv.open_csv(
        path,
        read_options=pacsv.ReadOptions(encoding=read.encoding, block_size=1 << 16),
        parse_options=parse,
        convert_options=pacsv.ConvertOptions(auto_dict_encode=False, strings_can_be_null=False),
    )
    return list(reader.schema.names)


def as_string_table(table: pa.Table, required: Sequence[str], where: str = "table") -> pa.Table:
    """Cast every column to string, canonicalise the names, turn "" into null, check required columns.

    A large table's columns are cleaned by threads at once (Arrow's kernels run without the GIL): a registry's
    ten columns of two million values are half a second of work on one core."""
    names: list[str] = []
    kept: list[pa.ChunkedArray] = []
    seen: set[str] = set()
    for name, column in zip(table.column_names, table.columns, strict=True):
        canon = str(name).replace("\ufeff", "").strip().lower().replace(" ", "_")
        if canon in seen:
            continue  # a repeated header: keep the first
        seen.add(canon)
        names.append(canon)
        kept.append(column)
    missing = [r for r in required if r not in seen]
    if missing:
        found = ", ".join(names) or "none"
        raise ImportFileError(f"{where}: missing required column(s) {', '.join(missing)} (found: {found})")
    if table.num_rows >= _THREADED_ROWS and len(kept) > 1:
        with ThreadPoolExecutor(max_workers=_CLEANING_THREADS) as pool:
            columns = list(pool.map(_clean, kept))
    else:
        columns = [_clean(column) for column in kept]
    return pa.table(columns, names=names)


#: Tables from this many rows clean their columns in threads (``as_string_table``); a small one is cleaned sooner
#: than threads start.
_THREADED_ROWS = 100_000
_CLEANING_THREADS = 2


def _clean(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """A column as strings, trimmed, "" as null."""
    if not pa.types.is_string(column.type):
        if pa.types.is_large_string(column.type) or pa.types.is_dictionary(column.type):
            column = column.cast(pa.string())
        elif pa.types.is_floating(column.type):
            column = _float_text(column)
        else:
            column = column.cast(pa.string())
    trimmed = pc.utf8_trim_whitespace(column)
    return pa.chunked_array([_empty_as_null(chunk) for chunk in trimmed.chunks], type=pa.string())


def _empty_as_null(chunk: pa.StringArray) -> pa.StringArray:
    """The chunk with its empty strings null: a validity bitmap over the same offsets and text (no copy of
    the text, as ``if_else`` makes)."""
    n = len(chunk)
    if n == 0:
        return chunk
    offsets = np.frombuffer(chunk.buffers()[1], dtype=np.int32, count=n + 1, offset=chunk.offset * 4)
    valid = offsets[1:] != offsets[:-1]
    if chunk.null_count:
        valid &= chunk.is_valid().to_numpy(zero_copy_only=False)
    nulls = n - int(np.count_nonzero(valid))
    if nulls == chunk.null_count:
        return chunk  # nothing empty: as it is
    bitmap = pa.py_buffer(np.packbits(valid, bitorder="little"))
    value_offsets = chunk.buffers()[1].slice(chunk.offset * 4)
    return pa.StringArray.from_buffers(n, value_offsets, chunk.buffers()[2], bitmap, nulls)


def _float_text(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """2018.0 → "2018": numbers a spreadsheet stored as floats, written back as they were typed."""
    values = column.to_pylist()
    return pa.chunked_array(
        [
            pa.array(
                [None if v is None else (str(int(v)) if float(v).is_integer() else repr(v)) for v in values],
                type=pa.string(),
            )
        ]
    )
