"""Tables that fit the terminal without cutting an identifier or a serial.

Rich shrinks every column of a table wider than the terminal (80 columns in a pipe) and ends cut cells with
"…", so `PK-2025-0000…` could name any of a hundred incidents. Here identifier columns never shrink: the
table first drops the columns a command names as least useful, then lets free text wrap.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from rich.console import Console
from rich.table import Table

__all__ = ["fitted_table"]

#: narrowest a wrapping text column is counted at when deciding what fits
_TEXT_MIN = 10
#: padding and rule a column costs beyond its text
_COLUMN_COST = 3


def fitted_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    keys: Collection[str],
    drop: Sequence[str] = (),
    console: Console | None = None,
    **options: Any,
) -> Table:
    """A Rich table whose ``keys`` columns are shown whole; columns in ``drop`` go first, in order, when short."""
    width = (console or Console()).width
    cells = [[("" if v is None else str(v)) for v in row] for row in rows]

    def need(header: str, i: int) -> int:
        longest = max((len(row[i]) for row in cells), default=0)
        if header in keys:
            return max(longest, len(header))
        return min(max(longest, max(len(word) for word in header.split())), _TEXT_MIN)

    shown = list(range(len(headers)))
    for name in drop:
        if sum(need(headers[i], i) + _COLUMN_COST for i in shown) + 1 <= width:
            break
        shown = [i for i in shown if headers[i] != name]
    table = Table(**options)
    for i in shown:
        header = headers[i]
        if header in keys:
            table.add_column(header, no_wrap=True, min_width=need(header, i), overflow="fold")
        else:
            table.add_column(header, overflow="fold")
    for row in cells:
        table.add_row(*(row[i] for i in shown))
    return table
