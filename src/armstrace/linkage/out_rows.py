"""OUT.csv's rows as text: what ``csv.writer`` writes (minimal quoting, CRLF), put together as one string.

A batch's parts format their own rows where they are made (``xref``: each forked worker), so the process
that writes the file receives a string per part, not a dict per row, and writes them one after the other.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["OUT_COLUMNS", "Row", "header_line", "row_lines"]

OUT_COLUMNS = ("recovery_id", "rank", "record_id", "probability", "explanation")


def header_line() -> str:
    """OUT.csv's first line, its CRLF included."""
    return ",".join(OUT_COLUMNS) + "\r\n"


Row = tuple[str, int, str, float, str]  # recovery id, rank, record id, probability (rounded), explanation


def row_lines(rows: Sequence[Row]) -> str:
    """The rows' lines, each ending in CRLF; the probability written with six decimals."""
    ids = _csv_column([r[0] for r in rows])
    records = _csv_column([r[2] for r in rows])
    return "".join(
        [
            f"{rid},{r[1]},{record},{r[3]:.6f},{_csv_field(r[4])}\r\n"
            for rid, record, r in zip(ids, records, rows, strict=True)
        ]
    )


def _csv_column(values: list[str]) -> list[str]:
    """``_csv_field`` of each value; a column with no comma, quote or line break anywhere as it is."""
    joined = "".join(values)
    if "," in joined or '"' in joined or "\n" in joined or "\r" in joined:
        return [_csv_field(v) for v in values]
    return values


def _csv_field(value: str) -> str:
    """A text field as ``csv.writer`` writes it: quoted, its quotes doubled, when it holds a comma, a quote
    or a line break."""
    if "," in value or '"' in value or "\n" in value or "\r" in value:
        return '"' + value.replace('"', '""') + '"'
    return value
