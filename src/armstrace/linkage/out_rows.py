"""OUT.csv's rows as text: what ``csv.writer`` writes (minimal quoting, CRLF), put together as one string.

A batch's parts format their own rows where they are made (``xref``: each forked worker), so the process
that writes the file receives a string per part, not a dict per row, and writes them one after the other.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["OUT_COLUMNS", "OUT_SCHEMA", "Row", "header_line", "reading_lines", "row_lines"]

# same_as: on a second record of one weapon (the same serial and make recorded twice), the rank of its first
# listed record; its probability is that weapon's, so a sum over a recovery's rows counts only rows without it
OUT_COLUMNS = ("recovery_id", "rank", "record_id", "probability", "same_as", "explanation")
# the same columns as Spark declares them for a Parquet output
OUT_SCHEMA = "recovery_id string, rank int, record_id string, probability double, same_as int, explanation string"


def header_line() -> str:
    """OUT.csv's first line, its CRLF included."""
    return ",".join(OUT_COLUMNS) + "\r\n"


# recovery id, rank, record id, probability (rounded), same_as, explanation
Row = tuple[str, int, str, float, int | None, str]


def row_lines(rows: Sequence[Row]) -> str:
    """The rows' lines, each ending in CRLF; the probability written with six decimals, same_as empty on a
    weapon's first record."""
    ids = _csv_column([r[0] for r in rows])
    records = _csv_column([r[2] for r in rows])
    return "".join(
        [
            f"{rid},{r[1]},{record},{r[3]:.6f},{'' if r[4] is None else r[4]},{_csv_field(r[5])}\r\n"
            for rid, record, r in zip(ids, records, rows, strict=True)
        ]
    )


def reading_lines(recovery_id: str, candidates: Sequence[tuple[str, int, float, int | None, str]]) -> str:
    """``row_lines`` of one recovery's candidates as ``Matcher.output_rows_many`` gives them (record id, rank,
    probability, same_as, explanation), without a row tuple each. The probability is written as ``round(p, 6)``
    writes it: both are the one decimal of six places nearest ``p`` (``round`` itself costs as much as a line)."""
    rid = _csv_field(recovery_id)
    records = _csv_column([c[0] for c in candidates])
    return "".join(
        [
            f"{rid},{rank},{record},{p:.6f},{'' if same is None else same},{_csv_field(text)}\r\n"
            for record, (_, rank, p, same, text) in zip(records, candidates, strict=True)
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
    if '"' in value:
        return '"' + value.replace('"', '""') + '"'
    if "," in value or "\n" in value or "\r" in value:
        return '"' + value + '"'
    return value
