"""Typed settings, read once from the environment and passed in; nothing else reads os.environ.

Environment variables (all optional):
    ARMSTRACE_DATABASE_URL   SQLAlchemy URL of the workspace (default: sqlite:///./armstrace.db)
    ARMSTRACE_AGENCY         code of the agency the CLI acts for (default: the workspace's default agency,
                             stored by `armstrace init` or the demo; LOCAL when it has none)
    ARMSTRACE_USER           name recorded in the audit log for CLI actions (default: the OS user)
    ARMSTRACE_SECRET_KEY     key for web session cookies (default: the workspace's key file, rotatable)
    ARMSTRACE_KEY_DIR        folder of the workspace's secrets: session keys, audit signing key, anchors
                             (default: beside a SQLite file, FILE.keys; for PostgreSQL, a folder per
                             database in the user's data folder)
    ARMSTRACE_ANCHOR_EVERY   sign an audit anchor after this many new events (default: 100)
    ARMSTRACE_ANCHOR_MINUTES ... or at the first write this many minutes after the last anchor (default: 10)
    ARMSTRACE_REQUIRE_ALL    "1" in CI: a test that would skip for a missing component fails instead
    ARMSTRACE_SMTP_HOST      host[:port] of the SMTP relay hit notices are e-mailed through (default: none)
    ARMSTRACE_SMTP_FROM      sender address of those e-mails (default: armstrace@localhost)
    ARMSTRACE_EXCHANGE_INTERVAL  seconds between the server's deliveries to peer servers (default: 5; 0: off)
    ARMSTRACE_PSI_KEY, ARMSTRACE_PSI_OFFER  the holder's KEY and OFFER files (`armstrace psi offer`) the server
                             answers private set intersection requests with (default: none, PSI off)
    ARMSTRACE_TOKEN_DAYS     days a new API token is valid (default 90; 0: tokens never expire)
    ARMSTRACE_TRUSTED_PROXIES comma-separated addresses or networks of reverse proxies whose
                             X-Forwarded-For is believed (default: none, the peer's address is used)
    ARMSTRACE_MAX_ATTACHMENT_MB   the largest photo or file one attachment may be (default 20)
    ARMSTRACE_MAX_IMAGE_PIXELS    the most pixels a photo may decode to (default 60 million; more is refused
                                  as a possible decompression bomb)
    ARMSTRACE_BUSY_TIMEOUT   seconds a write waits for the database's write lock before "busy" (default 5)
    ARMSTRACE_MAX_BODY       largest request body in bytes for JSON and forms (default 1 MiB)
    ARMSTRACE_MAX_UPLOAD     largest multipart (file upload) body in bytes (default 64 MiB)
    ARMSTRACE_RATE           requests per second one user or API token may sustain (default 20; 0: no limit)
    ARMSTRACE_BURST          requests one user or API token may send at once above that rate (default 200)
    ARMSTRACE_CONCURRENCY    requests the server handles at once; the others wait in line (default 16)
    ARMSTRACE_TOKEN          the API token `armstrace sync` sends to the agency server (or --token-file)
    ARMSTRACE_CACHE_DIR      folder of caches that only save time, e.g. the names identification gives a
                             registry's makes and calibres (default: $XDG_CACHE_HOME/armstrace or
                             ~/.cache/armstrace; "off": none)
    ARMSTRACE_MAX_RANGE_ITEMS  the most serial numbers one range row (serial … serial_end) may claim; a wider
                             row is refused as bad input (default 1,000,000)
"""

from __future__ import annotations

import getpass
import ipaddress
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from armstrace.exceptions import InputError

__all__ = [
    "DEFAULT_DATABASE_URL",
    "DEFAULT_MAX_RANGE_ITEMS",
    "SUPPORTED_DATABASES",
    "Settings",
    "database_url",
    "load_settings",
]

DEFAULT_DATABASE_URL = "sqlite:///./armstrace.db"
DEFAULT_MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
DEFAULT_MAX_IMAGE_PIXELS = 60_000_000
#: no single record of transfers plausibly holds more weapons than this (the largest lots are thousands), and
#: every number of a range is an item of the registry that dilutes every reading's prior: a wider row is a typo
DEFAULT_MAX_RANGE_ITEMS = 1_000_000
#: URL schemes a workspace can live in (SQLAlchemy dialect, optionally +driver)
SUPPORTED_DATABASES = ("sqlite", "postgresql")


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    agency: str = "LOCAL"
    user: str = "analyst"
    secret_key: str | None = None
    require_all: bool = False
    key_dir: Path | None = None
    anchor_every: int = 100
    anchor_minutes: float = 10.0
    smtp_host: str | None = None
    smtp_from: str = "armstrace@localhost"
    exchange_interval: float = 5.0
    psi_key: Path | None = None
    psi_offer: Path | None = None
    token_days: int = 90
    trusted_proxies: tuple[str, ...] = ()
    max_attachment_bytes: int = DEFAULT_MAX_ATTACHMENT_BYTES
    max_image_pixels: int = DEFAULT_MAX_IMAGE_PIXELS
    #: True when nobody chose the agency (no ARMSTRACE_AGENCY, no --agency): the workspace's default then wins
    agency_is_fallback: bool = False
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
    #: ``xref --engine spark``: the Spark master URL (``local[2]``, ``spark://host:7077``, ``yarn`` …)
    spark_master: str = "local[2]"
    #: ``xref --engine spark``: memory per executor (``spark.executor.memory``, e.g. ``8g``); None: Spark's default
    spark_executor_memory: str | None = None
    #: ``xref --engine spark``: the driver's memory (``spark.driver.memory``); at 10M records 1g ran out, 6g did not
    spark_driver_memory: str | None = None
    #: ``xref --engine spark``: shards the registry is cut into (by series); each worker holds one
    spark_shards: int = 4
    #: ``armstrace sync``: the laptop user's API token on the agency server (ARMSTRACE_TOKEN; or --token-file)
    sync_token: str | None = field(default=None, repr=False)
    #: caches that only save time (``identify.vocabulary.use_cache``); None: none
    cache_dir: Path | None = None
    #: the most numbers one range row may claim (``DEFAULT_MAX_RANGE_ITEMS``); a wider row is refused
    max_range_items: int = DEFAULT_MAX_RANGE_ITEMS

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
        key_dir=Path(env["ARMSTRACE_KEY_DIR"]) if env.get("ARMSTRACE_KEY_DIR") else None,
        anchor_every=int(_number(env, "ARMSTRACE_ANCHOR_EVERY", 100, low=1, whole=True)),
        anchor_minutes=_number(env, "ARMSTRACE_ANCHOR_MINUTES", 10.0, low=_ABOVE_ZERO),
        smtp_host=env.get("ARMSTRACE_SMTP_HOST") or None,
        smtp_from=env.get("ARMSTRACE_SMTP_FROM") or "armstrace@localhost",
        exchange_interval=_number(env, "ARMSTRACE_EXCHANGE_INTERVAL", 5.0),
        psi_key=Path(env["ARMSTRACE_PSI_KEY"]) if env.get("ARMSTRACE_PSI_KEY") else None,
        psi_offer=Path(env["ARMSTRACE_PSI_OFFER"]) if env.get("ARMSTRACE_PSI_OFFER") else None,
        token_days=int(_number(env, "ARMSTRACE_TOKEN_DAYS", Settings.token_days, high=3650, whole=True)),
        trusted_proxies=_proxies(env.get("ARMSTRACE_TRUSTED_PROXIES")),
        max_attachment_bytes=int(
            _number(env, "ARMSTRACE_MAX_ATTACHMENT_MB", DEFAULT_MAX_ATTACHMENT_BYTES / _MB, low=_ABOVE_ZERO) * _MB
        ),
        max_image_pixels=int(_number(env, "ARMSTRACE_MAX_IMAGE_PIXELS", DEFAULT_MAX_IMAGE_PIXELS, low=_ABOVE_ZERO)),
        busy_timeout=_number(env, "ARMSTRACE_BUSY_TIMEOUT", 5.0),
        max_body_bytes=int(_number(env, "ARMSTRACE_MAX_BODY", 1 << 20)),
        max_upload_bytes=int(_number(env, "ARMSTRACE_MAX_UPLOAD", 64 << 20)),
        rate_per_second=_number(env, "ARMSTRACE_RATE", 20.0),
        rate_burst=int(_number(env, "ARMSTRACE_BURST", 200)),
        max_concurrent=max(1, int(_number(env, "ARMSTRACE_CONCURRENCY", 16))),
        spark_master=env.get("ARMSTRACE_SPARK_MASTER") or "local[2]",
        spark_executor_memory=env.get("ARMSTRACE_SPARK_EXECUTOR_MEMORY") or None,
        spark_driver_memory=env.get("ARMSTRACE_SPARK_DRIVER_MEMORY") or None,
        spark_shards=int(_number(env, "ARMSTRACE_SPARK_SHARDS", 4, low=1, whole=True)),
        sync_token=(env.get("ARMSTRACE_TOKEN") or "").strip() or None,
        max_range_items=int(_number(env, "ARMSTRACE_MAX_RANGE_ITEMS", DEFAULT_MAX_RANGE_ITEMS, low=1, whole=True)),
        cache_dir=_cache_dir(env),
    )


def _cache_dir(env: Mapping[str, str]) -> Path | None:
    named = (env.get("ARMSTRACE_CACHE_DIR") or "").strip()
    if named.lower() == "off":
        return None
    if named:
        return Path(named)
    base = env.get("XDG_CACHE_HOME") or ""
    if base.strip():
        return Path(base) / "armstrace"
    try:
        return Path.home() / ".cache" / "armstrace"
    except RuntimeError:  # no home folder: no cache
        return None


def _proxies(text: str | None) -> tuple[str, ...]:
    found = tuple(p.strip() for p in (text or "").split(",") if p.strip())
    for proxy in found:
        try:
            ipaddress.ip_network(proxy, strict=False)
        except ValueError:
            raise InputError(f"ARMSTRACE_TRUSTED_PROXIES: {proxy!r} is not an IP address or network") from None
    return found


_MB = 1024 * 1024
#: the smallest value of a setting that must be more than zero
_ABOVE_ZERO = math.ulp(0.0)


def _number(
    env: Mapping[str, str], name: str, default: float, *, low: float = 0.0, high: float = math.inf, whole: bool = False
) -> float:
    """A number from the environment between ``low`` and ``high`` (whole if asked), or ``default`` when unset.

    Every numeric setting goes through here, so a wrong value is refused the same way, with one line
    naming the variable, instead of being ignored or read as zero.
    """
    text = env.get(name, "").strip()
    if not text:
        return default
    try:
        value = float(int(text)) if whole else float(text)
    except ValueError:
        value = math.nan
    if not low <= value <= high:  # also refuses NaN
        wanted = "a whole number" if whole else "a number"
        if high < math.inf:
            wanted += f" between {low:g} and {high:g}"
        elif low == _ABOVE_ZERO:
            wanted += " above 0"
        else:
            wanted += f" of at least {low:g}"
        raise InputError(f"{name}={text!r}: use {wanted}")
    return value
