"""Lock contention: which database errors mean "busy, try again" rather than a fault.

SQLite has one writer at a time; a write that waits longer than the busy timeout fails with "database is
locked". PostgreSQL gives up a lock wait after ``lock_timeout`` (55P03) and aborts one side of a deadlock
or a serialization conflict (40P01, 40001). None of these is the client's mistake nor a bug: the server
answers 503 with Retry-After (``BusyError``), never a 500.
"""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError

from armstrace.exceptions import BusyError

__all__ = ["busy_error", "is_busy"]

_SQLITE_BUSY = ("database is locked", "database table is locked", "database is busy")
_PG_BUSY = {"55P03", "40001", "40P01"}


def is_busy(exc: BaseException) -> bool:
    """True when ``exc`` is a database error caused by another transaction holding a lock."""
    if not isinstance(exc, DBAPIError):
        return False
    orig = exc.orig
    if getattr(orig, "sqlstate", None) in _PG_BUSY:
        return True
    text = str(orig).lower()
    return any(m in text for m in _SQLITE_BUSY)


def busy_error(exc: BaseException, retry_after: float) -> BusyError:
    """The ``BusyError`` to raise instead of ``exc``; says what happened and when to try again."""
    seconds = max(1, int(retry_after + 0.999))
    return BusyError(
        f"the database is busy with another write (e.g. an import): try again in {seconds} s", retry_after=seconds
    )
