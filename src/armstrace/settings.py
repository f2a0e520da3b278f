"""Typed settings, read once from the environment and passed in; nothing else reads os.environ.

Environment variables (all optional):
    ARMSTRACE_DATABASE_URL   SQLAlchemy URL of the workspace (default: sqlite:///./armstrace.db)
    ARMSTRACE_AGENCY         code of the agency the CLI acts for (default: the workspace's default agency,
                             stored by `armstrace init` or the demo; LOCAL when it has none)
    ARMSTRACE_USER           name recorded in the audit log for CLI actions (default: the OS user)
    ARMSTRACE_SECRET_KEY     key for web session cookies (default: generated per workspace)
    ARMSTRACE_REQUIRE_ALL    "1" in CI: a test that would skip for a missing component fails instead
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from armstrace.exceptions import InputError

__all__ = ["DEFAULT_DATABASE_URL", "SUPPORTED_DATABASES", "Settings", "database_url", "load_settings"]

DEFAULT_DATABASE_URL = "sqlite:///./armstrace.db"
#: URL schemes a workspace can live in (SQLAlchemy dialect, optionally +driver)
SUPPORTED_DATABASES = ("sqlite", "postgresql")


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    agency: str = "LOCAL"
    user: str = "analyst"
    secret_key: str | None = None
    require_all: bool = False
    #: True when nobody chose the agency (no ARMSTRACE_AGENCY, no --agency): the workspace's default then wins
    agency_is_fallback: bool = False

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
        scheme = text.partition("://")[0].partition("+")[0].lower()
        if scheme not in SUPPORTED_DATABASES:
            raise InputError(
                f"unsupported database {scheme!r}: armstrace supports sqlite (a file path, or sqlite:///PATH) "
                "and postgresql (postgresql://USER@HOST/DB)"
            )
        return text
    if not text.strip():
        raise InputError("the workspace path is empty: give a SQLite file path or a postgresql:// URL")
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
        agency_is_fallback=not env.get("ARMSTRACE_AGENCY"),
        user=env.get("ARMSTRACE_USER") or _default_user(),
        secret_key=env.get("ARMSTRACE_SECRET_KEY") or None,
        require_all=env.get("ARMSTRACE_REQUIRE_ALL", "") not in ("", "0", "false", "no"),
    )
