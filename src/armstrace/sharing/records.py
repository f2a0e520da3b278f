"""The tables of sharing between agencies and servers: hit notices and the embargoes a finder puts on
them, peer servers, the outbox of signed messages and the receipts of messages applied. Migration
0005_sharing creates them."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Float, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from armstrace.model import Base, BigId, utcnow
from armstrace.values import NoticeStatus

__all__ = ["HitNotice", "NoticeEmbargo", "OutboxMessage", "Peer", "Receipt"]


class HitNotice(Base):
    """A finder's recovery matched (rank 1, p ≥ the owner's threshold) an item another agency owns.

    ``status`` is ``sent`` (the owner sees it) or ``withheld`` (the finder's incident is under embargo:
    kept so that lifting the embargo sends it, never shown to the owner meanwhile)."""

    __tablename__ = "hit_notice"
    __table_args__ = (UniqueConstraint("recovery_id", "item_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"), index=True)
    finder_agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"), index=True)
    item_id: Mapped[int] = mapped_column(BigId, ForeignKey("item.id"), index=True)
    recovery_id: Mapped[int] = mapped_column(BigId, ForeignKey("recovery.id"), index=True)
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incident.id"), index=True)
    probability: Mapped[float] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(16), default=NoticeStatus.SENT)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    acknowledged_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    acknowledged_by: Mapped[str | None] = mapped_column(String(255))
    emailed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class NoticeEmbargo(Base):
    """A finder's embargo on the notices of one incident (an investigation that must not be tipped off).

    Rows are never deleted: lifting sets ``lifted_at``, so the history of embargoes stays on record."""

    __tablename__ = "notice_embargo"
    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incident.id"), index=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"))
    reason: Mapped[str | None] = mapped_column(Text)
    set_by: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    lifted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    lifted_by: Mapped[str | None] = mapped_column(String(255))


class Peer(Base):
    """Another armstrace server: where it listens, its pinned Ed25519 public key, the agencies it serves."""

    __tablename__ = "peer"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    url: Mapped[str] = mapped_column(String(1024))
    public_key: Mapped[str] = mapped_column(String(64))  # base64 of the 32 raw bytes
    agencies: Mapped[str] = mapped_column(Text)  # agency codes it serves, comma separated
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class OutboxMessage(Base):
    """A signed message waiting for (or done with) delivery; it survives a restart because it is a row.

    The envelope and its signature are fixed when queued, so every retry sends the same bytes and the
    receiver recognises a repeat by ``message_id``."""

    __tablename__ = "outbox_message"
    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[str] = mapped_column(String(64), unique=True)
    peer_id: Mapped[int] = mapped_column(ForeignKey("peer.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    envelope: Mapped[str] = mapped_column(Text)
    signature: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    delivered_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    last_error: Mapped[str | None] = mapped_column(Text)


class Receipt(Base):
    """A message applied here, once: the primary key makes a second application impossible."""

    __tablename__ = "exchange_receipt"
    message_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    peer_id: Mapped[int] = mapped_column(ForeignKey("peer.id"))
    kind: Mapped[str] = mapped_column(String(32))
    outcome: Mapped[str | None] = mapped_column(String(255))
    received_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
