"""The SQLite sink: a staging file written by the ADBC SQLite driver, copied in the import's transaction.

Batches are written by the ADBC SQLite driver (Arrow columns bound in C, no Python object per value) to a
staging file, which the workspace connection attaches and copies from with one ``INSERT OR IGNORE … SELECT``
per batch, in the import's transaction. An import at least as large as its table rebuilds the table's
indexes after the copy instead of maintaining them row by row (``SqliteSink``); with ``check_parents_once``
the sink checks the rows' foreign keys itself, once per value.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
from sqlalchemy import event
from sqlalchemy.orm import Session

from armstrace.exceptions import ConcurrentImportError, ConflictError
from armstrace.store.staging import StagingDir

from .writer import Target

__all__ = ["SqliteSink", "appended", "check_parents_once", "same_values"]


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


class SqliteSink:
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

    def finish(self, stored: Callable[[int], None] | None = None) -> int:
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
        raise ConcurrentImportError(f"{name}: {exc}") from None


def _detach_when_returned(session: Session, raw: Any, alias: str) -> Callable[[Any, Any], None]:
    """SQLite cannot detach a database its open transaction read: detach when the connection goes back
    to the pool (the transaction has ended then). Returns the listener, removed by ``close``."""

    def detach(dbapi_connection: Any, _record: Any) -> None:
        if dbapi_connection is raw:
            dbapi_connection.execute(f"DETACH DATABASE {alias}")

    event.listen(session.get_bind(), "checkin", detach)
    return detach
