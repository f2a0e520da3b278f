"""Shared fixtures: a fresh workspace per test on every backend that is here.

Backends: SQLite always; PostgreSQL when ARMSTRACE_TEST_POSTGRES_URL names a server or Debian's
binaries are installed (a server is started on loopback for the session). With ARMSTRACE_REQUIRE_ALL=1
(CI) a missing component fails the test instead of skipping it: use ``require(...)``.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from armstrace.settings import Settings, load_settings
from armstrace.store import Workspace

from .pg import find_binaries, throwaway_postgres

REQUIRE_ALL = load_settings().require_all


@pytest.fixture(scope="session", autouse=True)
def _cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The CLI keeps caches in the user's cache folder: the tests keep theirs in a folder of their own, one per
    worker process (pytest-xdist), removed with pytest's other temporary folders."""
    if os.environ.get("ARMSTRACE_CACHE_DIR"):
        yield
        return
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ARMSTRACE_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        yield


def require(available: bool, what: str) -> None:
    """Skip when a real component is missing on a laptop; fail in CI (ARMSTRACE_REQUIRE_ALL=1)."""
    if available:
        return
    if REQUIRE_ALL:
        pytest.fail(f"{what} is required (ARMSTRACE_REQUIRE_ALL=1) but missing")
    pytest.skip(f"{what} is not installed here")


@pytest.fixture(scope="session")
def postgres_admin_url() -> Iterator[str | None]:
    """URL of a PostgreSQL server the tests may create databases on, or None when there is none."""
    url = os.environ.get("ARMSTRACE_TEST_POSTGRES_URL")
    if url:
        yield url.replace("postgresql://", "postgresql+psycopg://", 1) if url.startswith("postgresql://") else url
        return
    if find_binaries() is None:
        yield None
        return
    # SIGTERM (a killed run) ends the session, whose teardown stops the server
    with throwaway_postgres(sigterm=KeyboardInterrupt) as url:
        yield url


def _fresh_postgres_db(admin_url: str) -> tuple[str, object]:
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return url, drop


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of an empty database, once per backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'armstrace.db'}"
        return
    admin_url = request.getfixturevalue("postgres_admin_url")
    require(admin_url is not None, "PostgreSQL server")
    url, drop = _fresh_postgres_db(admin_url)
    try:
        yield url
    finally:
        drop()  # type: ignore[operator]


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    # the key folder in the test's own folder (PostgreSQL's default is in the user's data folder)
    return Settings(database_url=db_url, agency="TEST", user="tester", key_dir=tmp_path / "keys")


@pytest.fixture
def workspace(settings: Settings) -> Iterator[Workspace]:
    """A fresh, migrated workspace acting for agency TEST, on each backend."""
    ws = Workspace.create(settings, agency_name="Test agency")
    try:
        yield ws
    finally:
        ws.close()


@pytest.fixture
def sqlite_workspace(tmp_path: Path) -> Iterator[Workspace]:
    """A fresh SQLite workspace only, for tests whose subject is not the backend."""
    ws = Workspace.create(Settings(database_url=f"sqlite:///{tmp_path / 'ws.db'}", agency="TEST", user="tester"))
    try:
        yield ws
    finally:
        ws.close()
