"""Typed settings, read once from the environment and passed in; nothing else reads os.environ.

Environment variables (all optional):
    ARMSTRACE_DATABASE_URL   SQLAlchemy URL of the workspace (default: sqlite:///./armstrace.db)
    ARMSTRACE_AGENCY         code of the agency the CLI acts for (default: LOCAL)
    ARMSTRACE_USER           name recorded in the audit log for CLI actions (default: the OS user)
    ARMSTRACE_SECRET_KEY     key for web session cookies (default: generated per workspace)
    ARMSTRACE_REQUIRE_ALL    "1" in CI: a test that would skip for a missing component fails instead
    ARMSTRACE_BUSY_TIMEOUT   seconds a write waits for the database's write lock before "busy" (default 5)
    ARMSTRACE_MAX_BODY       largest request body in bytes for JSON and forms (default 1 MiB)
    ARMSTRACE_MAX_UPLOAD     largest multipart (file upload) body in bytes (default 64 MiB)
    ARMSTRACE_RATE           requests per second one user or API token may sustain (default 20; 0: no limit)
    ARMSTRACE_BURST          requests one user or API token may send at once above that rate (default 200)
    ARMSTRACE_CONCURRENCY    requests the server handles at once; the others wait in line (default 16)
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from armstrace.exceptions import InputError

__all__ = ["DEFAULT_DATABASE_URL", "Settings", "load_settings"]

DEFAULT_DATABASE_URL = "sqlite:///./armstrace.db"


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    agency: str = "LOCAL"
    user: str = "analyst"
    secret_key: str | None = None
    require_all: bool = False
    #: seconds a write waits for the write lock (SQLite busy_timeout, PostgreSQL lock_timeout); then a 503
    busy_timeout: float = 5.0
    max_body_bytes: int = 1 << 20
    max_upload_bytes: int = 64 << 20
    #: per user or API token: sustained requests per second (0 turns the limit off) and the burst above it
    rate_per_second: float = 20.0
    rate_burst: int = 200
    #: requests handled at once (each holds a worker thread and a database connection); others wait in line
    max_concurrent: int = 16
    #: seconds a request may wait in that line before a 503 with Retry-After
    queue_timeout: float = 30.0
    #: a serial search counts as this many requests against the rate limit
    search_cost: int = 5
    #: a wildcard serial query must name at least this many characters (not ``?``, ``*`` or a class)
    search_min_known: int = 3
    #: matchers (search indexes) kept in memory, one per distinct view of the registry
    search_cache_size: int = 4

    def with_database(self, url_or_path: str | Path | None) -> Settings:
        """Settings pointing at another workspace: a SQLAlchemy URL, or a path to a SQLite file."""
        if url_or_path is None:
            return self
        return replace(self, database_url=database_url(url_or_path))


def database_url(url_or_path: str | Path) -> str:
    """A SQLAlchemy URL from either a URL or a plain file path (taken as a SQLite workspace)."""
    text = str(url_or_path)
    if "://" in text:
        if text.startswith("postgres://"):
            text = "postgresql://" + text[len("postgres://") :]
        if text.startswith("postgresql://"):
            text = "postgresql+psycopg://" + text[len("postgresql://") :]
        return text
    return f"sqlite:///{Path(text)}"


def _default_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "analyst"


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Read the settings once; pass the result down instead of reading the environment again."""
    env = os.environ if environ is None else environ
    return Settings(
        database_url=database_url(env.get("ARMSTRACE_DATABASE_URL") or DEFAULT_DATABASE_URL),
        agency=env.get("ARMSTRACE_AGENCY") or "LOCAL",
        user=env.get("ARMSTRACE_USER") or _default_user(),
        secret_key=env.get("ARMSTRACE_SECRET_KEY") or None,
        require_all=env.get("ARMSTRACE_REQUIRE_ALL", "") not in ("", "0", "false", "no"),
        busy_timeout=_number(env, "ARMSTRACE_BUSY_TIMEOUT", 5.0),
        max_body_bytes=int(_number(env, "ARMSTRACE_MAX_BODY", 1 << 20)),
        max_upload_bytes=int(_number(env, "ARMSTRACE_MAX_UPLOAD", 64 << 20)),
        rate_per_second=_number(env, "ARMSTRACE_RATE", 20.0),
        rate_burst=int(_number(env, "ARMSTRACE_BURST", 200)),
        max_concurrent=max(1, int(_number(env, "ARMSTRACE_CONCURRENCY", 16))),
    )


def _number(env: Mapping[str, str], name: str, default: float) -> float:
    """A non-negative number from the environment; a clear message naming the variable otherwise."""
    text = env.get(name, "").strip()
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value >= 0:  # also refuses NaN
        raise InputError(f"{name}={text!r}: use a number of at least 0")
    return value
