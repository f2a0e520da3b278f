"""Lock contention: which database errors mean "busy, try again" rather than a fault.

SQLite has one writer at a time; a write that waits longer than the busy timeout fails with "database is
locked". PostgreSQL gives up a lock wait after ``lock_timeout`` (55P03) and aborts one side of a deadlock
or a serialization conflict (40P01, 40001). None of these is the client's mistake nor a bug: the server
answers 503 with Retry-After (``BusyError``), never a 500.

``WriteGate`` queues the writers of one process on SQLite in a lock of their own: SQLite's busy handler
makes a waiting writer sleep and retry (up to 100 ms between tries), so under load writers take turns
late and out of order; a lock wakes the next writer as soon as the last one commits. Writers of other
processes (an import from the CLI) still meet the busy timeout.
"""

from __future__ import annotations

import sqlite3
import threading
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, OperationalError

from armstrace.exceptions import BusyError

__all__ = ["WriteGate", "busy_error", "is_busy"]

_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")
_HELD = "armstrace_write_gate"

_SQLITE_BUSY = ("database is locked", "database table is locked", "database is busy")
_PG_BUSY = {"55P03", "40001", "40P01"}


def is_busy(exc: BaseException) -> bool:
    """True when ``exc`` is a database error caused by another transaction holding a lock: SQLAlchemy's, or
    the driver's own from a raw cursor (the bulk import's COPY and staging copy)."""
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    if getattr(orig, "sqlstate", None) in _PG_BUSY:
        return True
    if not isinstance(exc, DBAPIError | sqlite3.Error):
        return False
    text = str(orig).lower()
    return any(m in text for m in _SQLITE_BUSY)


def busy_error(exc: BaseException, retry_after: float) -> BusyError:
    """The ``BusyError`` to raise instead of ``exc``; says what happened and when to try again."""
    seconds = max(1, int(retry_after + 0.999))
    return BusyError(
        f"the database is busy with another write (e.g. an import): try again in {seconds} s", retry_after=seconds
    )


class WriteGate:
    """One writing transaction at a time among the connections of ``engine`` (SQLite), in arrival order of
    the lock rather than by SQLite's sleep-and-retry; a writer that waits ``timeout`` seconds fails busy."""

    def __init__(self, engine: Engine, timeout: float) -> None:
        self.timeout = timeout
        self._lock = threading.Lock()
        event.listen(engine, "before_cursor_execute", self._before)
        for name in ("commit", "rollback"):
            event.listen(engine, name, self._release)
        event.listen(engine.pool, "checkin", self._checkin)

    def _before(self, conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if conn.info.get(_HELD) or not statement.lstrip()[:7].upper().startswith(_WRITES):
            return
        if not self._lock.acquire(timeout=self.timeout):
            raise OperationalError(statement, None, Exception("database is locked (waited for another writer)"))
        conn.info[_HELD] = True

    def _release(self, conn: Any) -> None:
        if conn.info.pop(_HELD, False):
            self._lock.release()

    def _checkin(self, _dbapi: Any, record: Any) -> None:  # a connection returned without commit or rollback
        if record.info.pop(_HELD, False):
            self._lock.release()
