"""Typed settings, read once from the environment and passed in; nothing else reads os.environ.

Environment variables (all optional):
    ARMSTRACE_DATABASE_URL   SQLAlchemy URL of the workspace (default: sqlite:///./armstrace.db)
    ARMSTRACE_AGENCY         code of the agency the CLI acts for (default: LOCAL)
    ARMSTRACE_USER           name recorded in the audit log for CLI actions (default: the OS user)
    ARMSTRACE_SECRET_KEY     key for web session cookies (default: generated per workspace)
    ARMSTRACE_REQUIRE_ALL    "1" in CI: a test that would skip for a missing component fails instead
    ARMSTRACE_MAX_ATTACHMENT_MB   the largest photo or file one attachment may be (default 20)
    ARMSTRACE_MAX_IMAGE_PIXELS    the most pixels a photo may decode to (default 60 million; more is refused
                                  as a possible decompression bomb)
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
DEFAULT_MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
DEFAULT_MAX_IMAGE_PIXELS = 60_000_000


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    agency: str = "LOCAL"
    user: str = "analyst"
    secret_key: str | None = None
    require_all: bool = False
    max_attachment_bytes: int = DEFAULT_MAX_ATTACHMENT_BYTES
    max_image_pixels: int = DEFAULT_MAX_IMAGE_PIXELS

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
        max_attachment_bytes=_positive(env, "ARMSTRACE_MAX_ATTACHMENT_MB", DEFAULT_MAX_ATTACHMENT_BYTES, 1024 * 1024),
        max_image_pixels=_positive(env, "ARMSTRACE_MAX_IMAGE_PIXELS", DEFAULT_MAX_IMAGE_PIXELS, 1),
    )


def _positive(env: Mapping[str, str], name: str, default: int, unit: int) -> int:
    """A positive number from the environment (times ``unit``), or the default when unset."""
    text = env.get(name, "").strip()
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        value = 0
    if value <= 0:
        raise InputError(f"{name}={text!r}: give a positive number")
    return int(value * unit)
