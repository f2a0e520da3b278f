"""Where validated rows go: the bulk path of each database, inside the import's one transaction.

SQLite (``sqlite_sink``): batches are written by the ADBC SQLite driver to a staging file, which the
workspace connection attaches and copies from with one ``INSERT OR IGNORE … SELECT`` per batch.
PostgreSQL (``postgres_sink``): batches are encoded in the binary COPY format (``pgbinary``) and streamed
through one ``COPY`` for the whole import, so that the server stores rows while the next batch is validated.
Both: an import at least as large as its table rebuilds the table's indexes after the copy instead
of maintaining them row by row, and PostgreSQL checks its foreign keys again then (see each sink and
``BREAK_EVEN``); the rebuild is part of the transaction. PostgreSQL imports take turns
(``serialise_imports``). This module is what the loader calls: the sink's interface, the sink for a
session, and the two steps around it that each database does its own way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

import numpy as np
import pyarrow as pa
from sqlalchemy import text
from sqlalchemy.orm import Session

from .postgres_sink import BREAK_EVEN, SORT_BYTES_PER_ROW, SORT_MEMORY, PostgresSink, sort_memory
from .postgres_sink import _rows_up_to as _rows_up_to  # tests reach it here
from .rowhash import HashSet
from .sqlite_sink import SqliteSink, appended, check_parents_once, same_values
from .writer import Target

__all__ = [
    "BREAK_EVEN",
    "IMPORT_LOCK",
    "SORT_BYTES_PER_ROW",
    "SORT_MEMORY",
    "PostgresSink",
    "Sink",
    "SqliteSink",
    "appended",
    "check_parents_once",
    "existing_hashes",
    "open_sink",
    "same_values",
    "serialise_imports",
    "sort_memory",
]

Stored = Callable[[int], None]


class Sink(Protocol):
    """Takes Arrow tables of new rows; ``finish`` stores what is left and returns how many rows are new.
    (A protocol, so that ``sqlite_sink`` and ``postgres_sink`` need not import this module, which picks
    between them.)"""

    def write(self, table: pa.Table) -> None: ...

    def finish(self, stored: Stored | None = None) -> int: ...

    def end(self, error: BaseException | None) -> None:
        """Close what is open on the connection (before the transaction ends), rolled back with an error."""

    def close(self) -> None:
        """Remove what the sink kept outside the database (after the transaction ended)."""


def open_sink(
    session: Session, target: Target, constants: dict[str, Any], expected: int | None, stored: Stored | None = None
) -> Sink:
    """The sink for the session's database; ``expected``: how many rows the import will add, if known."""
    if session.get_bind().dialect.name == "postgresql":
        return PostgresSink(session, target, constants, expected, stored)
    return SqliteSink(session, target, constants)


IMPORT_LOCK = 0x61726D73  # "arms": the advisory lock every PostgreSQL import holds until it commits


def serialise_imports(session: Session, wait: float | None = None, waiting: Callable[[], None] | None = None) -> None:
    """PostgreSQL: wait until no other import is in progress, so that imports take turns.

    An import reads its source's hashes, then may drop the table's indexes and foreign keys, which needs the
    strongest lock: two imports doing so at once would each hold what the other waits for (a deadlock).
    Taking this lock first makes them take turns. ``wait`` bounds the wait in seconds (a server's request
    should not hang; past it the import fails busy); ``None`` waits as long as the other import runs (the
    command line), which ``lock_timeout``, meant for a request's short writes, would cut short. ``waiting`` is
    told once when the import has to wait. SQLite has one writer at a time already."""
    if session.get_bind().dialect.name != "postgresql":
        return
    if session.execute(text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": IMPORT_LOCK}).scalar_one():
        return
    if waiting:
        waiting()
    timeout = session.execute(text("SHOW lock_timeout")).scalar_one()
    limit = "0" if wait is None else f"{max(1, int(wait * 1000))}ms"
    session.execute(text("SELECT set_config('lock_timeout', :value, true)"), {"value": limit})
    session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": IMPORT_LOCK})
    session.execute(text("SELECT set_config('lock_timeout', :value, true)"), {"value": timeout})


def existing_hashes(session: Session, target: Target, source_id: int) -> HashSet:
    """The row hashes a source already has (PostgreSQL: after locking the source against other imports)."""
    connection = session.connection()
    raw: Any = connection.connection.driver_connection
    query = f"SELECT row_hash FROM {target.table} WHERE source_id = {int(source_id)}"
    if connection.dialect.name == "postgresql":
        with raw.cursor() as cursor:
            cursor.execute(f"SELECT id FROM source WHERE id = {int(source_id)} FOR UPDATE")
            with cursor.copy(f"COPY ({query}) TO STDOUT (FORMAT binary)") as copy:
                data = b"".join(bytes(block) for block in copy)
        # binary COPY: 19-byte header, then per row int16 field count, int32 length, int64 value; int16 trailer
        rows = np.frombuffer(data[19:-2], dtype=np.dtype([("n", ">i2"), ("len", ">i4"), ("value", ">i8")]))
        return HashSet(rows["value"].astype(np.int64))
    return HashSet(np.fromiter((row[0] for row in raw.execute(query)), dtype=np.int64))
