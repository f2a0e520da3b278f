"""The tables of field sync: a laptop's state per server and the server's record of what it was sent.

A laptop workspace keeps, per server (``SyncPeer``), which of its records the server has and at which
version (``SyncLink``: the base a later change is compared with) and how far it has pulled (a cursor).
The server keeps a version, a content hash and a change number per synced record (``SyncObject``), the
chunks of a file being uploaded (``SyncChunk``), and on both sides the conflicts (``SyncConflict``:
the version that lost, kept). Migration 0009_sync creates them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, BigInteger, DateTime, ForeignKey, Index, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from armstrace.model import Base, BigId, utcnow

__all__ = ["SyncChunk", "SyncConflict", "SyncCopy", "SyncLink", "SyncObject", "SyncPeer"]


class SyncPeer(Base):
    """A server this laptop workspace syncs with: its URL, the pull cursor, when it last pushed and pulled."""

    __tablename__ = "sync_peer"
    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(1024), unique=True)
    agency: Mapped[str | None] = mapped_column(String(32))  # the agency the server says the token is for
    pull_cursor: Mapped[int] = mapped_column(BigInteger, default=0)
    pushed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    pulled_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class SyncLink(Base):
    """One laptop record as the server knows it: its global id, the version and content hash agreed last."""

    __tablename__ = "sync_link"
    __table_args__ = (
        UniqueConstraint("peer_id", "gid"),
        UniqueConstraint("peer_id", "entity", "local_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    peer_id: Mapped[int] = mapped_column(ForeignKey("sync_peer.id"), index=True)
    entity: Mapped[str] = mapped_column(String(32))
    local_id: Mapped[int] = mapped_column(BigId)
    gid: Mapped[str] = mapped_column(String(32))
    base_version: Mapped[int] = mapped_column(Integer)
    base_hash: Mapped[str] = mapped_column(String(64))


class SyncObject(Base):
    """A record on the server with a global id: its version, content hash and change number (the cursor)."""

    __tablename__ = "sync_object"
    __table_args__ = (UniqueConstraint("entity", "local_id"), Index("ix_sync_object_seq", "seq"))
    gid: Mapped[str] = mapped_column(String(32), primary_key=True)
    entity: Mapped[str] = mapped_column(String(32))
    local_id: Mapped[int] = mapped_column(BigId)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"), index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    hash: Mapped[str] = mapped_column(String(64))
    seq: Mapped[int] = mapped_column(BigInteger)
    changed_by: Mapped[str | None] = mapped_column(String(255))
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class SyncChunk(Base):
    """A piece of a file being uploaded for an agency, kept until the whole file is there and checked."""

    __tablename__ = "sync_chunk"
    __table_args__ = (UniqueConstraint("agency_id", "sha256", "offset"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    offset: Mapped[int] = mapped_column(BigInteger)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class SyncConflict(Base):
    """The same record changed on both sides: the version that lost (the laptop's), kept, never dropped."""

    __tablename__ = "sync_conflict"
    id: Mapped[int] = mapped_column(primary_key=True)
    peer: Mapped[str] = mapped_column(String(1024))  # the server's URL (laptop) or the pushing user (server)
    entity: Mapped[str] = mapped_column(String(32))
    gid: Mapped[str] = mapped_column(String(32), index=True)
    local_id: Mapped[int | None] = mapped_column(BigId)
    base_version: Mapped[int | None] = mapped_column(Integer)
    server_version: Mapped[int] = mapped_column(Integer)
    kept: Mapped[dict[str, Any]] = mapped_column(JSON)  # the losing version's content
    winner: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # the server's version it lost to
    batch: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class SyncCopy(Base):
    """A read-only copy on the laptop of what the agency's server shares but the laptop does not record
    itself: a match result or a trace request's state, as the server last sent it."""

    __tablename__ = "sync_copy"
    __table_args__ = (UniqueConstraint("peer_id", "gid"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    peer_id: Mapped[int] = mapped_column(ForeignKey("sync_peer.id"), index=True)
    entity: Mapped[str] = mapped_column(String(32))
    gid: Mapped[str] = mapped_column(String(32))
    version: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    received_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
