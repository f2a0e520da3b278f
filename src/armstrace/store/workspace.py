"""A workspace: one database (a SQLite file by default, PostgreSQL for a server) at the current schema."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, inspect, select
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from armstrace.exceptions import NotFoundError, WorkspaceError
from armstrace.model import Agency
from armstrace.settings import Settings

from . import migration
from .contention import WriteGate

__all__ = ["Workspace"]


def _sqlite_pragmas(dbapi_connection: Any, _record: Any, busy_ms: int = 5000) -> None:
    cursor = dbapi_connection.cursor()
    # 16 KiB pages for a new workspace (an existing one keeps its own): bulk imports and index builds
    # split and write a quarter as many pages as with the 4 KiB default; see docs/benchmarks.md, Import
    cursor.execute("PRAGMA page_size=16384")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # a write waits this long for the write lock, then fails fast as "busy" (a 503 with Retry-After on the
    # server) instead of holding a request for half a minute; reads never wait in WAL mode
    cursor.execute(f"PRAGMA busy_timeout={int(busy_ms)}")
    cursor.execute("PRAGMA cache_size=-262144")  # up to 256 MiB: bulk imports touch large indexes
    cursor.close()


def _engine(url: str, busy_timeout: float = 5.0, connections: int = 16) -> Engine:
    """The engine; its pool holds ``connections`` (the server's concurrent requests) and a few more for
    work beside them (writing token use, building a search index in the background)."""
    busy_ms = max(1, int(busy_timeout * 1000))
    pool = {"pool_size": connections + 4, "max_overflow": 8}
    try:
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite":
            if parsed.database in (None, "", ":memory:"):
                pool = {}  # one connection shared in memory: no pool to size
            engine = create_engine(url, connect_args={"check_same_thread": False}, **pool)
            event.listen(engine, "connect", functools.partial(_sqlite_pragmas, busy_ms=busy_ms))
            WriteGate(engine, busy_timeout)
            return engine
        if parsed.get_backend_name() == "postgresql" and parsed.get_driver_name() == "psycopg":
            # the same bound on PostgreSQL: a statement waiting for a row or table lock gives up (55P03)
            return create_engine(
                url, pool_pre_ping=True, connect_args={"options": f"-c lock_timeout={busy_ms}"}, **pool
            )
        return create_engine(url, pool_pre_ping=True, **pool)
    except (ArgumentError, NoSuchModuleError) as exc:
        raise WorkspaceError(f"cannot use database URL {url!r}: {exc}") from exc


@dataclass
class Workspace:
    """The records of one installation and the agency the caller acts for."""

    settings: Settings
    engine: Engine

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def sessions(self) -> sessionmaker[Session]:
        return sessionmaker(self.engine, expire_on_commit=False)

    @classmethod
    def create(cls, settings: Settings, *, agency_name: str | None = None) -> Workspace:
        """Create (or bring up to date) the workspace and its acting agency. Safe to run twice."""
        url = make_url(settings.database_url)
        if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = _engine(settings.database_url, settings.busy_timeout, settings.max_concurrent)
        try:
            migration.upgrade(engine)
        except OperationalError as exc:
            raise WorkspaceError(f"cannot create the workspace at {_safe(settings)}: {exc.orig}") from exc
        ws = cls(settings, engine)
        ws.ensure_agency(settings.agency, agency_name or settings.agency)
        return ws

    @classmethod
    def open(cls, settings: Settings) -> Workspace:
        """Open an existing workspace; say how to create one when there is none."""
        url = make_url(settings.database_url)
        is_file = url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:"
        if is_file and not Path(str(url.database)).exists():
            raise WorkspaceError(
                f"no workspace at {url.database}: run `armstrace init` (or `armstrace demo`) first, "
                "or point --db / ARMSTRACE_DATABASE_URL at one"
            )
        engine = _engine(settings.database_url, settings.busy_timeout, settings.max_concurrent)
        try:
            with engine.connect() as conn:
                current = migration.current_revision(conn)
                has_tables = inspect(conn).has_table("agency")
        except OperationalError as exc:
            raise WorkspaceError(f"cannot open the workspace at {_safe(settings)}: {exc.orig}") from exc
        head = migration.head_revision()
        if not has_tables:
            raise WorkspaceError(f"{_safe(settings)} is not an armstrace workspace: run `armstrace init`")
        if current != head:
            raise WorkspaceError(
                f"the workspace schema is at {current}, this armstrace needs {head}: run `armstrace init` to migrate it"
            )
        return cls(settings, engine)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on any error."""
        with self.sessions.begin() as session:
            yield session

    def ensure_agency(self, code: str, name: str | None = None, country: str | None = None) -> Agency:
        with self.session() as s:
            agency = s.scalar(select(Agency).where(Agency.code == code))
            if agency is None:
                agency = Agency(code=code, name=name or code, country=country)
                s.add(agency)
                s.flush()
            return agency

    def agency(self, code: str | None = None) -> Agency:
        """The agency named ``code``, by default the one the settings act for."""
        code = code or self.settings.agency
        with self.session() as s:
            agency = s.scalar(select(Agency).where(Agency.code == code))
        if agency is None:
            raise NotFoundError(f"no agency {code!r} in this workspace: add it with `armstrace agency add`")
        return agency

    def close(self) -> None:
        self.engine.dispose()


def _safe(settings: Settings) -> str:
    """The database URL without its password, for messages."""
    return make_url(settings.database_url).render_as_string(hide_password=True)
