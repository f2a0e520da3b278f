"""Where validated rows go: the bulk path of each database, inside the import's one transaction.

SQLite: batches are written by the ADBC SQLite driver (Arrow columns bound in C, no Python object
per value) to a staging file, which the workspace connection attaches and copies from with one
``INSERT OR IGNORE … SELECT`` per batch, in the import's transaction.
PostgreSQL: batches are encoded in the binary COPY format (``pgbinary``; CSV written by PyArrow for a
column type it has no binary form for) and streamed through one ``COPY`` for the whole import, so that
the server stores rows while the next batch is validated. Registry and transfer
rows go straight into their table (the rows an earlier import stored were left out before, under a
lock on the source); incidents and recoveries go through a temporary table and
``INSERT … ON CONFLICT DO NOTHING``.
Both: an import at least as large as its table rebuilds the table's indexes after the copy instead
of maintaining them row by row, and PostgreSQL checks its foreign keys again then (see each sink and
``BREAK_EVEN``); the rebuild is part of the transaction. PostgreSQL imports take turns
(``serialise_imports``).
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import ExitStack
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv
from sqlalchemy import event, text
from sqlalchemy.orm import Session

from armstrace.exceptions import ConflictError
from armstrace.store.staging import StagingDir

from . import pgbinary
from .rowhash import HashSet
from .writer import Target

__all__ = [
    "PostgresSink",
    "Sink",
    "SqliteSink",
    "appended",
    "check_parents_once",
    "open_sink",
    "same_values",
    "serialise_imports",
    "sort_memory",
]

Stored = Callable[[int], None]


class Sink:
    """Takes Arrow tables of new rows; ``finish`` stores what is left and returns how many rows are new."""

    def write(self, table: pa.Table) -> None:
        raise NotImplementedError

    def finish(self, stored: Stored | None = None) -> int:
        raise NotImplementedError

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


_PARENTS_CHECKED = "armstrace_import_checks_parents"


def check_parents_once(session: Session) -> bool:
    """SQLite: turn off the row-by-row foreign-key lookups on the import's connection, before its transaction
    begins (``PRAGMA foreign_keys`` cannot change inside one); the SQLite sink then checks the parents of
    the rows it copies itself, once per value the rows share and by one query per column that varies. They
    are on again when the connection goes back to the pool, after the transaction ended. Every other row
    the import writes (its source, its audit event) names the same agency, which that check covers.
    PostgreSQL (or a transaction already open): nothing changes; returns whether the lookups are off."""
    connection = session.connection()
    raw: Any = connection.connection.driver_connection
    if connection.dialect.name != "sqlite" or raw.in_transaction:
        return False
    engine = session.get_bind().engine
    if not event.contains(engine, "checkin", _parents_checked_by_sqlite_again):
        event.listen(engine, "checkin", _parents_checked_by_sqlite_again)
    connection.connection.info[_PARENTS_CHECKED] = True
    raw.execute("PRAGMA foreign_keys=OFF")
    return True


def _parents_checked_by_sqlite_again(dbapi_connection: Any, record: Any) -> None:
    if record is not None and record.info.pop(_PARENTS_CHECKED, False):
        dbapi_connection.execute("PRAGMA foreign_keys=ON")


def _at_most(raw: Any, table: str, rows: int) -> bool:
    """True when ``table`` has at most ``rows`` rows (counting stops after ``rows`` + 1)."""
    cursor = raw.cursor()
    try:
        cursor.execute(f"SELECT count(*) FROM (SELECT 1 FROM {table} LIMIT {int(rows) + 1}) AS t")
        (count,) = cursor.fetchone()
    finally:
        cursor.close()
    return int(count) <= rows


IMPORT_LOCK = 0x61726D73  # "arms": the advisory lock every PostgreSQL import holds until it commits


def serialise_imports(session: Session) -> None:
    """PostgreSQL: wait until no other import is in progress (imports take turns, however long one runs).

    An import reads its source's hashes, then may drop the table's indexes and foreign keys, which needs the
    strongest lock: two imports doing so at once would each hold what the other waits for (a deadlock).
    Taking this lock first makes them take turns. The wait is not bounded by ``lock_timeout`` (meant for a
    request's short writes): an import queued behind a long one would fail at once and have to be retried
    by hand. SQLite has one writer at a time already."""
    if session.get_bind().dialect.name == "postgresql":
        timeout = session.execute(text("SHOW lock_timeout")).scalar_one()
        session.execute(text("SET LOCAL lock_timeout = 0"))
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


class SqliteSink(Sink):
    """Staging file written by ADBC, copied into the table in the import's transaction.

    Each batch becomes one staging table holding only the columns it has values for (binding a
    null costs as much as binding a value). When the import at least doubles the table, the table's
    named indexes, the unique (row_hash, source_id) one included, are dropped and built again after
    the copy, in the same transaction (a crash restores them): sorting all keys once costs less than
    inserting each at its place, above all a random content hash. Rows the source had were left out
    before and rows of one file have distinct hashes, so the copy adds no row twice; the unique index
    built again checks it. A value every row of a batch shares is bound once, not staged
    (``same_values``); with ``check_parents_once`` the foreign keys are checked here, not row by row.
    """

    def __init__(self, session: Session, target: Target, constants: dict[str, Any]) -> None:
        self.session = session
        self.target = target
        self.constants = constants
        # a private folder beside the workspace, locked while this import runs (stale ones are removed)
        self.staging = StagingDir(session.get_bind().engine.url.database)
        self.dir = self.staging.path
        self.path = self.staging.file("stage.sqlite")  # 0600 before the driver opens it
        # staging table, its columns, its rows, the values its rows all share (bound once, not staged)
        self.staged: list[tuple[str, list[str], int, dict[str, Any]]] = []
        self._adbc: Any = None
        self._cursor: Any = None
        self._detach: Callable[[Any, Any], None] | None = None
        # ADBC binds without the GIL: one thread stages batch k while the caller checks batch k + 1
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="armstrace-stage")
        self._pending: Future[None] | None = None

    @property
    def rows(self) -> int:
        return sum(staged[2] for staged in self.staged)

    def write(self, table: pa.Table) -> None:
        if table.num_rows == 0:
            return
        columns = [name for name in table.column_names if table[name].null_count < table.num_rows]
        same = same_values(table, columns)
        staged = [c for c in columns if c not in same]
        name = f"stage_{len(self.staged)}"
        self.staged.append((name, staged, table.num_rows, same))
        self._wait()  # at most one batch in flight: memory stays bounded
        self._pending = self._worker.submit(self._ingest, name, table.select(staged))

    def _ingest(self, name: str, table: pa.Table) -> None:
        if self._adbc is None:
            import adbc_driver_sqlite.dbapi as adbc

            self._adbc = adbc.connect(str(self.path), autocommit=True)
            self._cursor = self._adbc.cursor()
            self._cursor.execute("PRAGMA journal_mode=OFF")  # a scratch file: no journal, no fsync
            self._cursor.execute("PRAGMA synchronous=OFF")
        self._cursor.adbc_ingest(name, table, mode="create")

    def _wait(self) -> None:
        if self._pending is not None:
            pending, self._pending = self._pending, None
            pending.result()

    def finish(self, stored: Stored | None = None) -> int:
        rows = self.rows
        raw: Any = self.session.connection().connection.driver_connection
        if rows == 0:
            if not raw.execute("PRAGMA foreign_keys").fetchone()[0]:
                self._check_parents(raw, "")  # the source and the audit event still name their agency
            return 0
        self._release()
        alias = f"armstrace_stage_{id(self)}"
        raw.execute(f"ATTACH DATABASE ? AS {alias}", (str(self.path),))
        self._detach = _detach_when_returned(self.session, raw, alias)
        table = self.target.table
        rebuilt = _named_indexes(raw, table, set(self.constants)) if _at_most(raw, table, rows) else []
        if rebuilt and not raw.in_transaction:  # the driver opens one only before DML: DROP INDEX would commit
            raw.execute("BEGIN")
        for index, _ in rebuilt:
            raw.execute(f"DROP INDEX {index}")
        before = raw.total_changes
        for name, columns, n, same in self.staged:
            constants = {**same, **self.constants}
            names = ", ".join([*columns, *constants])
            selected = ", ".join([*columns, *("?" for _ in constants)])
            raw.execute(
                f"INSERT OR IGNORE INTO {table} ({names}) SELECT {selected} FROM {alias}.{name}",
                list(constants.values()),
            )
            if stored:
                stored(n)
        inserted = int(raw.total_changes - before)
        if not raw.execute("PRAGMA foreign_keys").fetchone()[0]:  # check_parents_once turned the lookups off
            self._check_parents(raw, alias)
        for index, create in rebuilt:
            _create_index(raw, index, create)
        return inserted

    def _check_parents(self, raw: Any, alias: str) -> None:
        """What SQLite's foreign keys would have refused, row by row: a parent that does not exist. A value
        all rows share is looked up once; a column that varies by one query over each staging table."""
        table = self.target.table
        for _id, _seq, parent, column, key, *_ in raw.execute(f"PRAGMA foreign_key_list({table})").fetchall():
            key = key or "rowid"
            missing = False
            values = {self.constants[column]} if column in self.constants else set()
            for name, columns, _n, same in self.staged:
                if column in same:
                    values.add(same[column])
                elif column in columns:
                    query = (
                        f"SELECT 1 FROM {alias}.{name} AS s WHERE s.{column} IS NOT NULL AND NOT EXISTS "
                        f"(SELECT 1 FROM main.{parent} AS p WHERE p.{key} = s.{column}) LIMIT 1"
                    )
                    missing = missing or raw.execute(query).fetchone() is not None
            for value in values - {None}:
                found = raw.execute(f"SELECT 1 FROM main.{parent} WHERE {key} = ?", (value,)).fetchone()
                missing = missing or found is None
            if missing:
                raise ConflictError(
                    f"a {parent} these rows refer to ({table}.{column}) is no longer in the workspace: it was "
                    "removed while the import ran; nothing was imported"
                )

    def _release(self) -> None:
        """Wait for the staging thread and close the staging connection (in that thread)."""
        try:
            self._wait()
        finally:
            self._worker.submit(self._close_adbc).result()

    def _close_adbc(self) -> None:
        if self._adbc is not None:
            self._cursor.close()
            self._adbc.close()
            self._adbc = None

    def end(self, error: BaseException | None) -> None:
        if error is None:
            self._release()
            return
        with contextlib.suppress(Exception):  # the import failed already: a staging failure adds nothing
            self._release()

    def close(self) -> None:
        self._release()
        self._worker.shutdown()
        if self._detach is not None:
            event.remove(self.session.get_bind(), "checkin", self._detach)
            self._detach = None
        self.staging.remove()


_SAME_TYPES = (pa.string(), pa.int64(), pa.bool_())  # not floats: 0.0 equals -0.0


def same_values(table: pa.Table, columns: list[str]) -> dict[str, Any]:
    """The columns among ``columns`` whose rows all hold one value (no null), with that value, as SQLite
    would store it from the staging table (text, integer; a boolean as 0 or 1). Registries repeat a
    country, a holder or a status down a whole file: bound once per batch, such a value is neither staged
    nor read back row by row. One column at least (the first that varies, else the first) stays staged: it
    carries the rows."""
    same: dict[str, Any] = {}
    n = table.num_rows
    for name in columns:
        column = table[name]
        if column.type not in _SAME_TYPES or column.null_count or n < 2:
            continue
        first = column[0]
        if first != column[n - 1] or first != column[n // 2]:  # most columns differ at once
            continue
        if pc.all(pc.equal(column, first)).as_py():
            value = first.as_py()
            same[name] = int(value) if isinstance(value, bool) else value
    if same and len(same) == len(columns):
        del same[columns[0]]
    return same


def appended(columns: list[str], constants: set[str]) -> bool:
    """Whether an index on ``columns`` grows only at one end during an import: every column but a last
    ``id`` is the same for all its rows (e.g. ``(agency_id, id)``), and new ids are higher than old ones.
    Such an index costs less kept than built again."""
    keys = columns[:-1] if columns and columns[-1] == "id" else columns
    return bool(columns) and all(c in constants for c in keys)


def _named_indexes(raw: Any, table: str, constants: set[str]) -> list[tuple[str, str]]:
    """Name and CREATE statement of the table's indexes to build again after a bulk copy: those that
    can be dropped (not those of constraints) and are not appended to; unique ones first."""
    rows = raw.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL", (table,)
    ).fetchall()
    rebuilt = []
    for name, sql in rows:
        columns = [row[2] for row in raw.execute(f'PRAGMA index_info("{name}")')]
        if not appended(columns, constants):
            rebuilt.append((name, sql))
    return sorted(rebuilt, key=lambda r: not r[1].upper().startswith("CREATE UNIQUE"))


def _create_index(raw: Any, name: str, create: str) -> None:
    """Build an index again; a unique one that fails means another import stored the same rows meanwhile."""
    try:
        raw.execute(create)
    except sqlite3.IntegrityError as exc:
        raise ConflictError(
            f"another import stored rows of this source while this one ran ({name}: {exc}); nothing was "
            "imported: import the file again, the rows already stored are skipped"
        ) from None


def _detach_when_returned(session: Session, raw: Any, alias: str) -> Callable[[Any, Any], None]:
    """SQLite cannot detach a database its open transaction read: detach when the connection goes back
    to the pool (the transaction has ended then). Returns the listener, removed by ``close``."""

    def detach(dbapi_connection: Any, _record: Any) -> None:
        if dbapi_connection is raw:
            dbapi_connection.execute(f"DETACH DATABASE {alias}")

    event.listen(session.get_bind(), "checkin", detach)
    return detach


class PostgresSink(Sink):
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
        self, session: Session, target: Target, constants: dict[str, Any], expected: int | None, stored: Stored | None
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

    def finish(self, stored: Stored | None = None) -> int:
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
        raise ConflictError(
            f"another import stored rows of this source while this one ran ({exc.diag.message_primary}); nothing "
            "was imported: import the file again, the rows already stored are skipped"
        ) from None


def _constant(value: Any, n: int) -> pa.Array:
    if isinstance(value, bool):
        kind: pa.DataType = pa.bool_()
    elif isinstance(value, int):
        kind = pa.int64()
    else:
        kind = pa.string()
    return pa.nulls(n, kind).fill_null(value)
