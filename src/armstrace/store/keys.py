"""The workspace's secrets, kept in files outside the database: session keys and the audit signing key.

A reader of the database (a copy of the file, a backup, a read-only database role) must not be able
to sign a session cookie or an audit anchor, so neither key is stored in a table. They live in the
workspace's key folder (0700; files 0600): beside a SQLite workspace ``FILE.keys/``, or the folder
``ARMSTRACE_KEY_DIR`` names (a server on PostgreSQL should set it; by default a folder per database
in the user's data folder). The folder holds:

    session-keys.json   the key that signs session cookies now, and earlier ones still accepted until
                        their grace period ends (``rotate_session_key``)
    audit-signing.key   the Ed25519 key that signs audit anchors (PKCS#8 PEM)
    anchors.jsonl       the signed anchors of the audit log (see ``store.anchors``)

An in-memory workspace keeps its keys in memory.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import hashlib
import json
import os
import secrets
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy.engine import make_url

from armstrace.exceptions import WorkspaceError
from armstrace.settings import Settings

from .privacy import private_dir

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None  # type: ignore[assignment]

__all__ = ["KeyStore", "SessionKey", "key_dir", "public_key_id"]

SESSION_KEYS = "session-keys.json"
SIGNING_KEY = "audit-signing.key"
ANCHORS = "anchors.jsonl"
RECHECK = 1.0  # seconds: a rotation by another process is seen within this


def key_dir(settings: Settings) -> Path | None:
    """Where the workspace named by ``settings`` keeps its secrets (None: in memory)."""
    if settings.key_dir is not None:
        return Path(settings.key_dir)
    url = make_url(settings.database_url)
    if url.get_backend_name() == "sqlite":
        if url.database in (None, "", ":memory:"):
            return None
        database = Path(str(url.database))
        return database.with_name(database.name + ".keys")
    name = f"{url.get_backend_name()}-{url.host or 'local'}-{url.port or 'default'}-{url.database or 'default'}"
    return Path.home() / ".local" / "share" / "armstrace" / "keys" / name.replace("/", "_")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def public_key_id(public: Ed25519PublicKey) -> str:
    """A short name of a public key: the first 16 hex digits of the SHA-256 of its raw bytes."""
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


@dataclass(frozen=True)
class SessionKey:
    """One session signing key; ``retires``: when it stops being accepted (None: the current key)."""

    id: str
    secret: str = field(repr=False)
    created: dt.datetime
    retires: dt.datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "secret": self.secret,
            "created": self.created.isoformat(),
            "retires": self.retires.isoformat() if self.retires else None,
        }

    @classmethod
    def new(cls, now: dt.datetime) -> SessionKey:
        return cls(id=secrets.token_hex(4), secret=secrets.token_urlsafe(48), created=now)

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> SessionKey:
        retires = raw.get("retires")
        return cls(
            id=str(raw["id"]),
            secret=str(raw["secret"]),
            created=dt.datetime.fromisoformat(raw["created"]),
            retires=dt.datetime.fromisoformat(retires) if retires else None,
        )


class KeyStore:
    """The key folder of one workspace; files are read again when they change on disk."""

    def __init__(self, directory: Path | None) -> None:
        self.directory = directory
        self._session: list[SessionKey] | None = None
        self._session_stamp: tuple[int, int, int] | None = None
        self._checked = -RECHECK  # when the file was last looked at (time.monotonic)
        self._signing: Ed25519PrivateKey | None = None

    @classmethod
    def for_settings(cls, settings: Settings) -> KeyStore:
        return cls(key_dir(settings))

    @property
    def anchors_path(self) -> Path | None:
        return self.directory / ANCHORS if self.directory else None

    def ensure(self) -> None:
        """Make the folder and the keys that are missing (safe to run twice, and from two processes)."""
        self.session_keys()
        self.signing_key()

    # --- session keys --------------------------------------------------------------------------------

    def session_keys(self, now: dt.datetime | None = None) -> list[SessionKey]:
        """The keys a session cookie may be signed with now: the current one first."""
        now = now or _now()
        keys = self._load_session()
        return [k for k in keys if k.retires is None or k.retires > now]

    def session_secrets(self) -> list[str]:
        return [k.secret for k in self.session_keys()]

    def rotate_session_key(
        self, grace: dt.timedelta, now: dt.datetime | None = None, *, fresh: SessionKey | None = None
    ) -> tuple[SessionKey, list[str]]:
        """Make a new current key; the old one is accepted for ``grace`` more, then refused.

        Keys whose grace has ended are dropped from the file. Returns the new key and the ids retired.
        """
        if grace < dt.timedelta(0):
            raise WorkspaceError("the grace period cannot be negative")
        now = now or _now()
        with self._locked():
            keys = self._load_session(force=True)
            retired = [k.id for k in keys if k.retires is None]
            kept = [
                SessionKey(k.id, k.secret, k.created, k.retires or now + grace)
                for k in keys
                if (k.retires or now + grace) > now
            ]
            fresh = fresh or SessionKey.new(now)
            self._write_session([fresh, *kept], replace=True)
        return fresh, retired

    def _load_session(self, *, force: bool = False) -> list[SessionKey]:
        if self.directory is None:
            if self._session is None:
                self._session = [SessionKey.new(_now())]
            return self._session
        if not force and self._session is not None and time.monotonic() - self._checked < RECHECK:
            return self._session
        self._checked = time.monotonic()
        path = self.directory / SESSION_KEYS
        try:
            info = path.stat()
        except FileNotFoundError:
            self._write_session([SessionKey.new(_now())], replace=False)
            info = path.stat()
        stamp = (info.st_mtime_ns, info.st_size, info.st_ino)
        if force or self._session is None or stamp != self._session_stamp:
            try:
                raw = json.loads(path.read_text(encoding="utf-8"))
                self._session = [SessionKey.from_dict(k) for k in raw["keys"]]
            except (OSError, ValueError, KeyError, TypeError) as exc:
                raise WorkspaceError(f"cannot read the session keys in {path}: {exc}") from exc
            if not any(k.retires is None for k in self._session):
                raise WorkspaceError(f"{path} has no current session key: run `armstrace key rotate`")
            self._session_stamp = stamp
        return self._session

    def _write_session(self, keys: list[SessionKey], *, replace: bool) -> None:
        if self.directory is None:
            self._session = keys
            return
        self._publish(
            SESSION_KEYS, json.dumps({"keys": [k.to_dict() for k in keys]}, indent=1).encode(), replace=replace
        )
        self._session_stamp, self._checked = None, -RECHECK

    # --- the audit signing key -----------------------------------------------------------------------

    def signing_key(self) -> Ed25519PrivateKey:
        """The workspace's Ed25519 key for audit anchors, made on first use."""
        if self._signing is not None:
            return self._signing
        if self.directory is None:
            self._signing = Ed25519PrivateKey.generate()
            return self._signing
        path = self.directory / SIGNING_KEY
        if not path.exists():
            pem = Ed25519PrivateKey.generate().private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
            self._publish(SIGNING_KEY, pem, replace=False)
        try:
            key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        except (OSError, ValueError) as exc:
            raise WorkspaceError(f"cannot read the audit signing key {path}: {exc}") from exc
        if not isinstance(key, Ed25519PrivateKey):
            raise WorkspaceError(f"{path} is not an Ed25519 private key")
        self._signing = key
        return key

    def has_signing_key(self) -> bool:
        return self._signing is not None or self.directory is None or (self.directory / SIGNING_KEY).exists()

    def public_key(self) -> Ed25519PublicKey:
        return self.signing_key().public_key()

    def public_pem(self) -> str:
        return (
            self.public_key()
            .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
            .decode()
        )

    def sign(self, payload: bytes) -> str:
        return base64.b64encode(self.signing_key().sign(payload)).decode()

    # --- files -----------------------------------------------------------------------------------------

    def _publish(self, name: str, data: bytes, *, replace: bool) -> None:
        """Write ``name`` whole (never half): a 0600 temporary file, then renamed or linked into place."""
        assert self.directory is not None
        try:
            private_dir(self.directory)
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.", dir=self.directory)  # mkstemp: 0600
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                    fh.flush()
                    os.fsync(fh.fileno())
                if replace:
                    os.replace(tmp, self.directory / name)
                else:
                    with contextlib.suppress(FileExistsError):  # another process made it first: theirs stays
                        os.link(tmp, self.directory / name)
            finally:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(tmp)
        except OSError as exc:
            raise WorkspaceError(f"cannot write {name} in the key folder {self.directory}: {exc}") from exc

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """One writer of the key folder at a time (across processes)."""
        if self.directory is None or fcntl is None:
            yield
            return
        private_dir(self.directory)
        fd = os.open(self.directory / ".lock", os.O_CREAT | os.O_WRONLY, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)
