"""Signed anchors of the audit log, kept in an append-only file outside the database.

The hash chain shows an edited event, but someone who can write the database can delete the last
events, or edit one and recompute every later hash, and the chain is whole again. An anchor — the
sequence number and hash of the chain's head, signed with the workspace's Ed25519 key — kept where
the database writer cannot rewrite it catches both: the anchored event must still be there with the
same hash. Anchors are written automatically after a transaction that wrote audit events, once
``every`` events were added since the last anchor or ``minutes`` have passed; ``audit anchor``
writes one at once and exports them (with the public key) for partner agencies.

Each line of ``anchors.jsonl`` (0600, opened for appending only) is one JSON object
``{"seq", "head", "at", "key", "sig"}``; ``sig`` is the Ed25519 signature of ``PREFIX`` followed by
the canonical JSON of the other four fields, ``key`` the id of the public key that verifies it.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import json
import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

from armstrace.exceptions import WorkspaceError

from .keys import KeyStore, public_key_id

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None  # type: ignore[assignment]

__all__ = ["AUDIT_WRITTEN", "EXPORT_FORMAT", "PREFIX", "Anchor", "AnchorLog", "chain_head"]

#: ``Session.info`` flag that ``audit.record`` sets: the transaction wrote audit events
AUDIT_WRITTEN = "armstrace.audit_written"
PREFIX = b"armstrace audit anchor v1\n"
EXPORT_FORMAT = "armstrace-audit-anchors/1"
log = logging.getLogger("armstrace.audit")


@dataclass(frozen=True)
class Anchor:
    """The audit chain's head at one moment, signed: event ``seq`` had hash ``head``."""

    seq: int
    head: str
    at: str
    key: str
    sig: str
    where: str = ""  # "anchors.jsonl line 3", for messages

    def signed_fields(self) -> dict[str, Any]:
        return {"seq": self.seq, "head": self.head, "at": self.at, "key": self.key}

    def payload(self) -> bytes:
        return PREFIX + json.dumps(self.signed_fields(), sort_keys=True, separators=(",", ":")).encode()

    def to_dict(self) -> dict[str, Any]:
        return {**self.signed_fields(), "sig": self.sig}

    def valid(self, public: Ed25519PublicKey) -> bool:
        try:
            public.verify(base64.b64decode(self.sig, validate=True), self.payload())
        except (InvalidSignature, ValueError):
            return False
        return True

    @classmethod
    def from_dict(cls, raw: Any, where: str) -> Anchor:
        if not isinstance(raw, dict):
            raise ValueError("not a JSON object")
        seq, head = raw.get("seq"), raw.get("head")
        if not isinstance(seq, int) or seq < 1 or not isinstance(head, str) or len(head) != 64:
            raise ValueError("seq or head missing or malformed")
        return cls(
            seq=seq,
            head=head,
            at=str(raw.get("at", "")),
            key=str(raw.get("key", "")),
            sig=str(raw.get("sig", "")),
            where=where,
        )


def chain_head(connection: Connection) -> tuple[int, str] | None:
    """The last audit event's sequence number and hash (None for an empty log)."""
    row = connection.execute(text("SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1")).first()
    return (int(row[0]), str(row[1])) if row else None


class AnchorLog:
    """The anchors file of a workspace (anchors are off for an in-memory workspace)."""

    def __init__(self, keys: KeyStore, *, every: int = 100, minutes: float = 10.0) -> None:
        self.keys = keys
        self.every = every
        self.interval = dt.timedelta(minutes=minutes)
        self._last: Anchor | None = None
        self._stamp: tuple[int, int] | None = None

    @property
    def path(self) -> Path | None:
        return self.keys.anchors_path

    def read(self, lines: Iterable[str] | None = None, source: str | None = None) -> tuple[list[Anchor], list[str]]:
        """The anchors of the file (or of ``lines``) whose signature holds, and a problem per bad line."""
        if lines is None:
            if self.path is None or not self.path.exists():
                return [], []
            source = source or self.path.name
            lines = self.path.read_text(encoding="utf-8", errors="replace").splitlines()
        source = source or "anchors"
        if not self.keys.has_signing_key():  # never make one to check with: every anchor would fail anyway
            return [], [f"the audit signing key is missing from {self.keys.directory}: no anchor can be checked"]
        public = self.keys.public_key()
        kid = public_key_id(public)
        anchors: list[Anchor] = []
        problems: list[str] = []
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            where = f"{source} line {number}"
            try:
                anchor = Anchor.from_dict(json.loads(line), where)
            except ValueError as exc:
                problems.append(f"{where} is not an anchor ({exc}): the anchors file was damaged or edited")
                continue
            if anchor.key != kid:
                problems.append(f"{where} is signed by key {anchor.key!r}, not this workspace's key {kid}")
            elif not anchor.valid(public):
                problems.append(f"{where}: the signature does not match (the anchor was edited or forged)")
            else:
                anchors.append(anchor)
        return anchors, problems

    def export(self) -> dict[str, Any]:
        """The anchors and the public key that verifies them, for a partner agency to keep."""
        anchors, _ = self.read()
        return {
            "format": EXPORT_FORMAT,
            "key": public_key_id(self.keys.public_key()),
            "public_key": self.keys.public_pem(),
            "anchors": [a.to_dict() for a in anchors],
        }

    def read_export(self, path: Path) -> tuple[list[Anchor], list[str]]:
        """Anchors kept elsewhere (an ``export`` file, or a copy of ``anchors.jsonl``), checked with this
        workspace's key; a problem per line that does not hold."""
        try:
            content = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise WorkspaceError(f"cannot read the anchors file {path}: {exc}") from exc
        try:
            doc = json.loads(content)
        except ValueError:
            doc = None
        if isinstance(doc, dict) and doc.get("format") == EXPORT_FORMAT:
            lines = [json.dumps(a) for a in doc.get("anchors", [])]
            anchors, problems = self.read(lines, source=f"{path.name} anchor")
            return anchors, problems
        return self.read(content.splitlines(), source=path.name)

    def last(self) -> Anchor | None:
        """The last anchor in the file (read again only when the file changed)."""
        if self.path is None:
            return None
        try:
            info = self.path.stat()
        except FileNotFoundError:
            self._last, self._stamp = None, None
            return None
        stamp = (info.st_mtime_ns, info.st_size)
        if stamp != self._stamp:
            self._last = _last_line_anchor(self.path)
            self._stamp = stamp
        return self._last

    def due(self, seq: int, now: dt.datetime | None = None) -> bool:
        last = self.last()
        if last is None:
            return seq > 0
        if seq <= last.seq:
            return False
        if seq - last.seq >= self.every:
            return True
        try:
            at = dt.datetime.fromisoformat(last.at)
        except ValueError:
            return True
        return (now or _now()) - at >= self.interval

    def append(self, seq: int, head: str) -> Anchor | None:
        """Sign and append an anchor for event ``seq`` (unless one as recent is already there)."""
        if self.path is None:
            return None
        self.keys.ensure()
        kid = public_key_id(self.keys.public_key())
        at = _now().isoformat(timespec="seconds")
        unsigned = Anchor(seq=seq, head=head, at=at, key=kid, sig="")
        anchor = Anchor(seq=seq, head=head, at=at, key=kid, sig=self.keys.sign(unsigned.payload()))
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        except OSError as exc:
            raise WorkspaceError(f"cannot write the audit anchors file {self.path}: {exc}") from exc
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX)  # one writer at a time; then look again at the last line
            previous = _last_line_anchor(self.path)
            if previous is not None and previous.seq >= seq:
                return previous
            os.write(fd, (json.dumps(anchor.to_dict(), sort_keys=True) + "\n").encode())
            os.fsync(fd)
        finally:
            os.close(fd)
        self._stamp = None
        return anchor

    def anchor_now(self, engine: Engine) -> Anchor | None:
        """Anchor the current head of the chain (None when the log is empty or anchors are off)."""
        with engine.connect() as conn:
            head = chain_head(conn)
        return self.append(*head) if head else None

    def after_write(self, seq: int, head: str) -> None:
        """Called once a transaction that wrote audit events committed, with the last of them (``seq``,
        ``head``): anchor it when an anchor is due. Costs one ``stat`` when none is.

        A failure is logged, not raised: the change is committed already, and ``audit verify`` reports
        the events that no anchor covers.
        """
        if self.path is None:
            return
        try:
            if self.due(seq):
                self.append(seq, head)
        except Exception as exc:  # reported, never lost silently
            log.warning("could not write an audit anchor: %s", exc)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _last_line_anchor(path: Path) -> Anchor | None:
    """The last anchor line of the file, read from its end (the file may be long)."""
    with contextlib.suppress(FileNotFoundError), path.open("rb") as fh:
        fh.seek(0, os.SEEK_END)
        size = fh.tell()
        fh.seek(max(0, size - 8192))
        lines = fh.read().splitlines()
        for line in reversed(lines):
            with contextlib.suppress(ValueError, UnicodeDecodeError):
                return Anchor.from_dict(json.loads(line.decode()), path.name)
    return None
