"""A batch of rows read from a file: text columns, line numbers, and what could not be read.

Every reader (``tabular`` for XLSX, Parquet and JSON Lines, ``csvfile`` for CSV) yields these, so that
typing, validation and the quarantine file work the same whatever the format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa

from armstrace.exceptions import ImportFileError

__all__ = ["ENCODING_REASON", "Batch", "Malformed", "column_names", "text_columns"]

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


def column_names(names: list[str], path: Path) -> list[str]:
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


def text_columns(header: list[str], arrays: list[pa.Array]) -> tuple[dict[str, pa.Array], Batch]:
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
