"""A workspace: one database (a SQLite file by default, PostgreSQL for a server) at the current schema.

Beside the database, the workspace has a key folder (``store.keys``: session keys, the audit signing
key, the audit anchors). A SQLite workspace is private to its owner (``store.privacy``); opening it
removes the staging folders that killed imports left behind (``store.staging``).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, inspect, select
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from armstrace.exceptions import NotFoundError, WorkspaceError
from armstrace.model import Agency, ServerSetting
from armstrace.settings import Settings

from . import migration, staging
from .anchors import AUDIT_WRITTEN, AnchorLog
from .contention import WriteGate
from .keys import KeyStore
from .privacy import create_private_file, make_private

__all__ = ["DEFAULT_AGENCY_SETTING", "Workspace"]

#: ``server_setting`` row naming the agency the workspace works for when nobody chose one
DEFAULT_AGENCY_SETTING = "default_agency"


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
    keys: KeyStore = field(init=False, repr=False)
    anchors: AnchorLog = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.keys = KeyStore.for_settings(self.settings)
        self.anchors = AnchorLog(self.keys, every=self.settings.anchor_every, minutes=self.settings.anchor_minutes)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def sessions(self) -> sessionmaker[Session]:
        return sessionmaker(self.engine, expire_on_commit=False)

    @classmethod
    def create(cls, settings: Settings, *, agency_name: str | None = None, make_default: bool = False) -> Workspace:
        """Create (or bring up to date) the workspace and its acting agency. Safe to run twice.

        The first agency a workspace is created for becomes its default agency (``make_default`` moves
        it to this one): later commands that name no agency act for it.
        """
        database = _sqlite_file(settings)
        if database is not None:
            database.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # a new folder is private
            create_private_file(database)  # SQLite gives its -wal and -shm files the same mode
            make_private(database)
            staging.clean_stale(database.parent)
        engine = _engine(settings.database_url, settings.busy_timeout, settings.max_concurrent)
        try:
            migration.upgrade(engine)
        except OperationalError as exc:
            raise WorkspaceError(f"cannot create the workspace at {_safe(settings)}: {exc.orig}") from exc
        ws = cls(settings, engine)._with_default_agency()
        ws.keys.ensure()
        ws.ensure_agency(ws.settings.agency, agency_name or ws.settings.agency)
        if make_default or ws.default_agency is None:
            ws.set_default_agency(ws.settings.agency)
        return ws

    @classmethod
    def open(cls, settings: Settings) -> Workspace:
        """Open an existing workspace; say how to create one when there is none."""
        database = _sqlite_file(settings)
        if database is not None:
            if not database.exists():
                raise WorkspaceError(
                    f"no workspace at {database}: run `armstrace init` (or `armstrace demo`) first, "
                    "or point --db / ARMSTRACE_DATABASE_URL at one"
                )
            make_private(database)
            staging.clean_stale(database.parent)
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
        return cls(settings, engine)._with_default_agency()

    @property
    def default_agency(self) -> str | None:
        """The code of the agency this workspace works for when nobody names one (set at creation)."""
        with self.session() as s:
            row = s.get(ServerSetting, DEFAULT_AGENCY_SETTING)
            return row.value if row is not None else None

    def set_default_agency(self, code: str) -> None:
        """Make ``code`` (an agency of this workspace) the one commands act for when none is named."""
        self.agency(code)
        with self.session() as s:
            row = s.get(ServerSetting, DEFAULT_AGENCY_SETTING)
            if row is None:
                s.add(ServerSetting(name=DEFAULT_AGENCY_SETTING, value=code))
            else:
                row.value = code

    def _with_default_agency(self) -> Workspace:
        """Act for the stored default agency when the settings only carry the fallback."""
        if self.settings.agency_is_fallback:
            stored = self.default_agency
            if stored:
                self.settings = replace(self.settings, agency=stored, agency_is_fallback=False)
        return self

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on any error."""
        with self.sessions.begin() as session:
            yield session
        head = session.info.pop(AUDIT_WRITTEN, None)
        if head is not None:
            self.anchors.after_write(*head)

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


def _sqlite_file(settings: Settings) -> Path | None:
    try:
        url = make_url(settings.database_url)
    except ArgumentError as exc:
        raise WorkspaceError(f"cannot use database URL {settings.database_url!r}: {exc}") from exc
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(str(url.database))


def _safe(settings: Settings) -> str:
    """The database URL without its password, for messages."""
    return make_url(settings.database_url).render_as_string(hide_password=True)
