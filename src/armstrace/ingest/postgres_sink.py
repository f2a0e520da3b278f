"""The PostgreSQL sink: one COPY for the whole import, in the binary format where it can.

Batches are encoded in the binary COPY format (``pgbinary``; CSV written by PyArrow for a column type it has
no binary form for) and streamed through one ``COPY`` for the whole import, so that the server stores rows
while the next batch is validated. Registry and transfer rows go straight into their table (the rows an
earlier import stored were left out before, under a lock on the source); incidents and recoveries go
through a temporary table and ``INSERT … ON CONFLICT DO NOTHING``. An import at least as large as its table
drops the table's indexes and foreign keys and makes them again after the copy (``BREAK_EVEN``), in the
same transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import ExitStack
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.csv as pcsv
from sqlalchemy.orm import Session

from armstrace.exceptions import ConcurrentImportError

from . import pgbinary
from .writer import Target

__all__ = ["BREAK_EVEN", "SORT_BYTES_PER_ROW", "SORT_MEMORY", "PostgresSink", "sort_memory"]


class PostgresSink:
    """One COPY for the whole import, fed a block of rows a batch in the binary format (``pgbinary``;
    CSV written by PyArrow for a column type it has no binary form for).

    Registry and transfer rows are copied straight into their table. When the import is at least as
    large as the table, the table's indexes (but its primary key), unique constraints and foreign keys
    are dropped first and made again after the copy, in the same transaction: building an index from
    sorted keys and checking a foreign key with one join cost a fraction of maintaining them row by
    row (a foreign key costs PostgreSQL one query per row). Making the unique constraint again checks
    that no row was stored twice. The table, and the tables its foreign keys refer to, are then locked
    against readers too until the import commits (``BREAK_EVEN`` says why only then).
    """

    binary = True  # tests compare the binary and CSV forms

    def __init__(
        self,
        session: Session,
        target: Target,
        constants: dict[str, Any],
        expected: int | None,
        stored: Callable[[int], None] | None,
    ) -> None:
        self.target = target
        self.constants = constants
        self.expected = expected
        self.stored = stored
        self.raw: Any = session.connection().connection.driver_connection
        self.direct = target.sourced  # earlier rows were left out under the source lock: COPY into the table
        self.into = target.table if self.direct else f"_import_{target.table}"
        self.columns: list[str] | None = None
        self.values: list[str] = []
        self.rows = 0
        self.rebuild: list[str] = []  # statements that make again what bulk mode dropped
        self.existing = 0  # rows the table had (counted up to the largest break-even only)
        self._stack = ExitStack()  # the cursor
        self._copy_stack = ExitStack()  # the running COPY
        self._cursor: Any = None
        self._copy: Any = None
        self._encoder: pgbinary.Encoder | None = None
        self._sequence: str | None = None  # bulk mode: the id sequence, moved past the ids given out
        self._first_id: int | None = None
        self._column_types: dict[str, str] | None = None

    def write(self, table: pa.Table) -> None:
        if table.num_rows == 0:
            return
        n = table.num_rows
        # only the columns with values travel (the server parses every field); a batch with values in
        # a column the running COPY lacks (a JSON key seen late) starts another COPY that has it
        present = [name for name in table.column_names if table[name].null_count < n]
        if self._copy is None:
            self._start(present)
        elif not set(present) <= set(self.values):
            self._close_copy()
            self._open_copy([*self.values, *(c for c in present if c not in self.values)])
        table = table.select(self.values)
        if self._first_id is not None:
            ids = np.arange(self._first_id + self.rows, self._first_id + self.rows + n, dtype=np.int64)
            table = table.add_column(0, "id", pa.array(ids))
        if self._encoder is not None:
            self._copy.write(self._encoder.rows(table, self.constants))
        else:
            for name, value in self.constants.items():
                table = table.append_column(name, _constant(value, n))
            sink = pa.BufferOutputStream()
            pcsv.write_csv(table, sink, pcsv.WriteOptions(include_header=False, quoting_style="needed"))
            self._copy.write(sink.getvalue())
        self.rows += n
        if self.direct and self.stored:
            self.stored(n)

    def _start(self, columns: list[str]) -> None:
        self._cursor = self._stack.enter_context(self.raw.cursor())
        if not self.direct:
            self._cursor.execute(
                f"CREATE TEMP TABLE IF NOT EXISTS {self.into} (LIKE {self.target.table} INCLUDING DEFAULTS) "
                "ON COMMIT DROP"
            )
        elif self.expected:
            limit = max(BREAK_EVEN.values()) * self.expected
            self.existing = _rows_up_to(self.raw, self.target.table, limit)
            drop = {kind for kind, ratio in BREAK_EVEN.items() if self.existing <= ratio * self.expected}
            self.rebuild = _drop_for_bulk(self._cursor, self.target.table, drop) if drop else []
        if self.rebuild:
            # the table is locked until commit: no other insert takes ids meanwhile, so the ids are given
            # here, one block from the sequence, instead of a nextval() per row
            self._cursor.execute(f"LOCK TABLE {self.target.table} IN EXCLUSIVE MODE")  # held already, as a rule
            self._cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", (self.target.table,))
            self._sequence = self._cursor.fetchone()[0]
            if self._sequence is not None:
                self._cursor.execute("SELECT nextval(%s)", (self._sequence,))
                self._first_id = int(self._cursor.fetchone()[0])
        self._open_copy(columns)

    def _open_copy(self, columns: list[str]) -> None:
        from psycopg.copy import QueuedLibpqWriter

        self.values = columns  # the columns sent from the file's rows; the constants follow
        self.columns = [*(["id"] if self._first_id is not None else []), *columns, *self.constants]
        # a queued writer sends from its own thread: the server stores batch k while batch k + 1 is checked
        writer = QueuedLibpqWriter(self._cursor)
        if self.binary and pgbinary.supported(self._types(), self.columns):
            self._encoder = pgbinary.Encoder(self._types())
        else:
            self._encoder = None
        form = "binary" if self._encoder is not None else "csv"
        self._copy = self._copy_stack.enter_context(
            self._cursor.copy(f"COPY {self.into} ({', '.join(self.columns)}) FROM STDIN (FORMAT {form})", writer=writer)
        )
        if self._encoder is not None:
            self._copy.write(pgbinary.SIGNATURE)

    def _types(self) -> dict[str, str]:
        """The PostgreSQL type (``pg_type.typname``) of each column of the target table."""
        if self._column_types is None:
            self._cursor.execute(
                "SELECT a.attname, t.typname FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid "
                "WHERE a.attrelid = %s::regclass AND a.attnum > 0 AND NOT a.attisdropped",
                (self.target.table,),
            )
            self._column_types = {str(name): str(kind) for name, kind in self._cursor.fetchall()}
        return self._column_types

    def _close_copy(self) -> None:
        """End the running COPY (the server then has every row sent)."""
        if self._encoder is not None:
            self._copy.write(pgbinary.TRAILER)
        self._copy_stack.close()

    def finish(self, stored: Callable[[int], None] | None = None) -> int:
        if self._copy is None:
            return 0
        self._close_copy()  # the server has every row
        self._copy = None
        self._stack.close()
        with self.raw.cursor() as cursor:
            if self._first_id is not None and self.rows > 1:
                cursor.execute("SELECT setval(%s, %s)", (self._sequence, self._first_id + self.rows - 1))
            if self.rebuild:
                cursor.execute(f"SET LOCAL maintenance_work_mem = '{sort_memory(self.existing + self.rows) >> 20}MB'")
                for statement in self.rebuild:
                    _rebuild(cursor, statement)
            if self.direct:
                return self.rows
            assert self.columns is not None
            column_list = ", ".join(self.columns)
            cursor.execute(
                f"INSERT INTO {self.target.table} ({column_list}) SELECT {column_list} FROM {self.into} "
                f"ON CONFLICT ({', '.join(self.target.key)}) DO NOTHING"
            )
            inserted = int(cursor.rowcount)
            cursor.execute(f"DROP TABLE {self.into}")
        if stored:
            stored(self.rows)
        return inserted

    def end(self, error: BaseException | None) -> None:
        """An open COPY ends here: cancelled with the error, so the transaction rolls back."""
        self._copy = None
        if error is None:
            self._copy_stack.close()
            self._stack.close()
        else:
            self._copy_stack.__exit__(type(error), error, error.__traceback__)
            self._stack.__exit__(type(error), error, error.__traceback__)

    def close(self) -> None:
        """Nothing is kept outside the database."""


SORT_BYTES_PER_ROW = 128  # an index build's in-memory sort took ~70 bytes a row (docs/benchmarks.md, Import)
SORT_MEMORY = (256 << 20, 1 << 30)


def sort_memory(rows: int) -> int:
    """``maintenance_work_mem`` for building the indexes of ``rows`` rows again: enough for the sort to stay in
    memory (an external sort writes and reads every key again), within 256 MB to 1 GB."""
    low, high = SORT_MEMORY
    return max(low, min(high, rows * SORT_BYTES_PER_ROW))


def _rows_up_to(raw: Any, table: str, limit: int) -> int:
    """How many rows ``table`` has, counted up to ``limit`` + 1 (enough to compare with ``limit``).

    Counting costs about 0.3 µs a row: when the planner's estimate (kept by ANALYZE and each index build)
    says more than twice the limit, it is taken instead. An estimate too high leaves everything kept row by
    row, as for any large table; one too low only costs the count."""
    with raw.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", (table,))
        if float(cursor.fetchone()[0]) > 2 * limit:
            return int(limit) + 1
        cursor.execute(f"SELECT count(*) FROM (SELECT 1 FROM {table} LIMIT {int(limit) + 1}) AS t")
        return int(cursor.fetchone()[0])


BREAK_EVEN = {"indexes": 1, "foreign keys": 1}
"""Up to how many rows per imported row a table may have for PostgreSQL to drop its indexes (with its unique
constraints) or its foreign keys before the COPY and make them again after, rather than keep them row by row.
Indexes kept cost 2–5 µs a row each; built again, about 1 µs a row of the table: building them only pays while
the table is no larger than the import, even for one the import only appends to (``(agency_id, id)``). A
foreign key made again is one scan (about 0.25 µs a row of the table) against a query per row kept (1–5 µs), so
on CPU alone it would pay up to about 4 rows per imported row (docs/benchmarks.md, Import, fifth pass); but
dropping it locks the tables it refers to, ``agency`` and ``source``, against every reader until the import
commits, which would make every request of a server wait during an import into a populated table. It is
dropped only where the indexes are."""


def _drop_for_bulk(cursor: Any, table: str, kinds: set[str]) -> list[str]:
    """Drop the table's indexes (not the primary key) with its unique constraints, or its foreign keys, or
    both (``kinds``: ``BREAK_EVEN``'s keys); return the statements that make them again, indexes first
    (unique ones first among them) and foreign keys last."""
    indexes = []
    if "indexes" in kinds:
        cursor.execute(
            "SELECT i.relname, pg_get_indexdef(i.oid), x.indisunique "
            "FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = %s::regclass "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid)",
            (table,),
        )
        indexes = [(name, definition) for name, definition, _ in sorted(cursor.fetchall(), key=lambda r: not r[2])]
    cursor.execute(
        "SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = %s::regclass AND contype IN ('u', 'f') ORDER BY contype DESC, conname",
        (table,),
    )
    kind_of = {"u": "indexes", "f": "foreign keys"}
    constraints = [row for row in cursor.fetchall() if kind_of[row[1]] in kinds]
    for name, _kind, _definition in constraints:
        cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    for name, _definition in indexes:
        cursor.execute(f'DROP INDEX "{name}"')
    return [definition for _name, definition in indexes] + [
        f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}' for name, _kind, definition in constraints
    ]


def _rebuild(cursor: Any, statement: str) -> None:
    """Make again what bulk mode dropped; a unique index that fails means a row came twice."""
    from psycopg import errors

    try:
        cursor.execute(statement)
    except errors.UniqueViolation as exc:
        raise ConcurrentImportError(str(exc.diag.message_primary)) from None


def _constant(value: Any, n: int) -> pa.Array:
    if isinstance(value, bool):
        kind: pa.DataType = pa.bool_()
    elif isinstance(value, int):
        kind = pa.int64()
    else:
        kind = pa.string()
    return pa.nulls(n, kind).fill_null(value)
