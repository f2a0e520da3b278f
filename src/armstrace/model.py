"""The records of armstrace as SQLAlchemy 2 tables: who recorded what, what is known, what was found.

Every record is owned by an agency and has a visibility: ``private`` (the owner only), ``shared``
(the owner and the agencies named in ``share``) or ``public``. A recovery keeps the serial exactly as
read; a match is evidence with a reviewer's decision, never an overwrite of what was observed.

Bulk paths (import, matching) insert through ``Model.__table__`` with executemany or COPY, not ORM
objects per row; the ORM classes serve the services that handle one record at a time.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from armstrace.values import MatchStatus, Role, TraceStatus, Visibility, choices

__all__ = [
    "VISIBILITIES",
    "Agency",
    "ApiToken",
    "Attachment",
    "AuditEvent",
    "Base",
    "Incident",
    "Item",
    "LoginFailure",
    "Match",
    "Recovery",
    "ServerSetting",
    "Share",
    "ShareConsent",
    "Source",
    "TraceMessage",
    "TraceRequest",
    "TraceRequestItem",
    "Transfer",
    "User",
    "utcnow",
]

VISIBILITIES = choices(Visibility)
BigId = BigInteger().with_variant(Integer(), "sqlite")  # SQLite's rowid alias must be INTEGER


def _bytewise(length: int | None = None) -> String:
    """Text PostgreSQL compares byte by byte (COLLATE "C", migration 0011), as SQLite compares all text:
    serials and record ids, whose indexes a bulk import builds again and whose ranges are compared."""
    return String(length).with_variant(String(length, collation="C"), "postgresql")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar = {dict[str, Any]: JSON, str: String(255)}


class Owned:
    """Columns every shareable record carries: its owner and who else may see it."""

    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"))
    visibility: Mapped[str] = mapped_column(String(8), default=Visibility.PRIVATE)


class Agency(Base):
    """An organisation using armstrace: a police unit, a tracing desk, a monitoring body."""

    __tablename__ = "agency"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str]
    country: Mapped[str | None] = mapped_column(String(2))
    kind: Mapped[str] = mapped_column(String(32), default="law_enforcement")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Share(Base):
    """A record of kind ``entity`` shared by its owner with one more agency (visibility ``shared``)."""

    __tablename__ = "share"
    __table_args__ = (
        UniqueConstraint("entity", "entity_id", "agency_id"),
        Index("ix_share_agency_entity", "agency_id", "entity", "id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[int] = mapped_column(BigId)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"), index=True)


class ShareConsent(Base):
    """An owner's consent that a partner it shared a record with passes it on (in a trace request or an
    export) to one more agency — or to any recipient, outside bodies included, when ``recipient_id`` is None."""

    __tablename__ = "share_consent"
    __table_args__ = (Index("ix_share_consent_record", "entity", "entity_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[int] = mapped_column(BigId)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"))  # the owner, who consents
    partner_id: Mapped[int] = mapped_column(ForeignKey("agency.id"))  # who may pass the record on
    recipient_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id"))  # to whom; None: anyone
    granted_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Source(Owned, Base):
    """One imported dataset, e.g. 'transfers to Afghan forces 2002-2021', with its provenance."""

    __tablename__ = "source"
    __table_args__ = (UniqueConstraint("agency_id", "name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    kind: Mapped[str] = mapped_column(String(32))  # registry, transfers, incidents, recoveries
    provenance: Mapped[str | None] = mapped_column(Text)
    synthetic: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Item(Owned, Base):
    """A weapon, an ammunition lot or a serial range known to a registry."""

    __tablename__ = "item"
    __table_args__ = (
        # a named unique index, not a constraint: a bulk import drops it and builds it again (ingest.sink)
        Index("uq_item_source_row_hash", "row_hash", "source_id", unique=True),
        Index("ix_item_serial_norm", "serial_norm"),
        Index("ix_item_source_record", "source_id", "record_id"),
        Index("ix_item_agency_id", "agency_id", "id"),
        Index("ix_item_visibility", "visibility", "id"),
    )
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id"))
    record_id: Mapped[str] = mapped_column(_bytewise())
    serial: Mapped[str | None] = mapped_column(String(64))
    serial_end: Mapped[str | None] = mapped_column(_bytewise(64))
    serial_norm: Mapped[str | None] = mapped_column(_bytewise(64))
    quantity: Mapped[int | None]
    manufacturer: Mapped[str | None]
    model: Mapped[str | None]
    calibre: Mapped[str | None]
    weapon_type: Mapped[str | None] = mapped_column(String(32))
    country: Mapped[str | None] = mapped_column(String(2))
    year: Mapped[int | None]
    nsn: Mapped[str | None] = mapped_column(String(32))
    lot: Mapped[str | None] = mapped_column(String(64))
    markings: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str | None] = mapped_column(String(32))
    holder: Mapped[str | None]
    holder_country: Mapped[str | None] = mapped_column(String(2))
    date: Mapped[dt.date | None] = mapped_column(Date)
    attributes: Mapped[dict[str, Any] | None]
    synthetic: Mapped[bool] = mapped_column(Boolean, default=False)
    row_hash: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Transfer(Owned, Base):
    """A change of custody: one item, a serial range, or a quantity without serials."""

    __tablename__ = "transfer"
    __table_args__ = (
        Index("uq_transfer_source_row_hash", "row_hash", "source_id", unique=True),
        Index("ix_transfer_agency", "agency_id"),
        Index("ix_transfer_visibility", "visibility"),
    )
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id"), index=True)
    transfer_id: Mapped[str]
    record_id: Mapped[str | None] = mapped_column(_bytewise(255), index=True)
    serial: Mapped[str | None] = mapped_column(String(64))
    serial_end: Mapped[str | None] = mapped_column(_bytewise(64))
    serial_norm: Mapped[str | None] = mapped_column(_bytewise(64), index=True)
    quantity: Mapped[int | None]
    manufacturer: Mapped[str | None]
    model: Mapped[str | None]
    weapon_type: Mapped[str | None] = mapped_column(String(32))
    from_holder: Mapped[str]
    from_country: Mapped[str | None] = mapped_column(String(2))
    to_holder: Mapped[str]
    to_country: Mapped[str | None] = mapped_column(String(2))
    date: Mapped[dt.date | None] = mapped_column(Date)
    document_ref: Mapped[str | None]
    legal: Mapped[bool] = mapped_column(Boolean, default=True)
    attributes: Mapped[dict[str, Any] | None]
    synthetic: Mapped[bool] = mapped_column(Boolean, default=False)
    row_hash: Mapped[int] = mapped_column(BigInteger)


class Incident(Owned, Base):
    """Where and when weapons were recovered: an attack, a seizure, a cache."""

    __tablename__ = "incident"
    __table_args__ = (
        UniqueConstraint("agency_id", "code"),
        Index("ix_incident_agency", "agency_id"),
        Index("ix_incident_visibility", "visibility"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64))
    date: Mapped[dt.date | None] = mapped_column(Date)
    country: Mapped[str | None] = mapped_column(String(2))
    admin1: Mapped[str | None]
    admin2: Mapped[str | None]
    place: Mapped[str | None]
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    kind: Mapped[str | None] = mapped_column(String(32))
    title: Mapped[str | None]
    description: Mapped[str | None] = mapped_column(Text)
    attributes: Mapped[dict[str, Any] | None]
    synthetic: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    recoveries: Mapped[list[Recovery]] = relationship(back_populates="incident")


class Recovery(Owned, Base):
    """An item as observed at an incident. The serial as read is kept verbatim, never overwritten."""

    __tablename__ = "recovery"
    __table_args__ = (
        UniqueConstraint("incident_id", "row_hash"),
        Index("ix_recovery_agency", "agency_id"),
        Index("ix_recovery_visibility", "visibility"),
    )
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incident.id"), index=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("source.id"))
    recovery_code: Mapped[str] = mapped_column(String(64), index=True)
    serial_read: Mapped[str | None] = mapped_column(String(128))
    obliterated: Mapped[bool] = mapped_column(Boolean, default=False)
    manufacturer: Mapped[str | None]
    model: Mapped[str | None]
    calibre: Mapped[str | None]
    weapon_type: Mapped[str | None] = mapped_column(String(32))
    country: Mapped[str | None] = mapped_column(String(2))
    year: Mapped[int | None]
    markings: Mapped[str | None] = mapped_column(Text)
    importer: Mapped[str | None]
    condition: Mapped[str | None]
    identification: Mapped[dict[str, Any] | None]
    attributes: Mapped[dict[str, Any] | None]
    synthetic: Mapped[bool] = mapped_column(Boolean, default=False)
    row_hash: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    incident: Mapped[Incident] = relationship(back_populates="recoveries")


class Match(Owned, Base):
    """A candidate link recovery → registry item, with its probability, explanation and review."""

    __tablename__ = "match"
    __table_args__ = (
        UniqueConstraint("recovery_id", "item_id"),
        Index("ix_match_agency", "agency_id"),
        Index("ix_match_visibility", "visibility"),
    )
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    recovery_id: Mapped[int] = mapped_column(ForeignKey("recovery.id"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id"), index=True)
    matched_serial: Mapped[str | None] = mapped_column(String(64))
    rank: Mapped[int] = mapped_column(Integer, default=1)
    probability: Mapped[float] = mapped_column(Float)
    explanation: Mapped[dict[str, Any] | None]
    status: Mapped[str] = mapped_column(String(16), default=MatchStatus.CANDIDATE)
    reviewed_by: Mapped[str | None]
    reviewed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    review_note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class TraceRequest(Owned, Base):
    """A request to the state of manufacture or last import: who had this weapon last, legally?"""

    __tablename__ = "trace_request"
    __table_args__ = (Index("ix_trace_request_agency", "agency_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(64), unique=True)
    recipient_agency_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id"), index=True)
    recipient_name: Mapped[str | None]
    recipient_country: Mapped[str | None] = mapped_column(String(2))
    status: Mapped[str] = mapped_column(String(16), default=TraceStatus.DRAFT)
    priority: Mapped[str] = mapped_column(String(16), default="routine")
    priority_reason: Mapped[str | None] = mapped_column(Text)
    fields: Mapped[dict[str, Any] | None]  # the ISACS 05.31 / trace-form content
    answer: Mapped[dict[str, Any] | None]  # custody chain and last legal custodian
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    created_by: Mapped[str | None]
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    acknowledged_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    answered_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    synthetic: Mapped[bool] = mapped_column(Boolean, default=False)

    items: Mapped[list[TraceRequestItem]] = relationship(cascade="all, delete-orphan")
    messages: Mapped[list[TraceMessage]] = relationship(cascade="all, delete-orphan", order_by="TraceMessage.id")


class TraceRequestItem(Base):
    """A recovered item a trace request asks about."""

    __tablename__ = "trace_request_item"
    __table_args__ = (UniqueConstraint("trace_request_id", "recovery_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    trace_request_id: Mapped[int] = mapped_column(ForeignKey("trace_request.id"), index=True)
    recovery_id: Mapped[int | None] = mapped_column(ForeignKey("recovery.id"))
    description: Mapped[dict[str, Any] | None]


class TraceMessage(Base):
    __tablename__ = "trace_message"
    id: Mapped[int] = mapped_column(primary_key=True)
    trace_request_id: Mapped[int] = mapped_column(ForeignKey("trace_request.id"), index=True)
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id"))
    author: Mapped[str | None]
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Attachment(Owned, Base):
    """A photo or document, stored once by content hash and linked to a record."""

    __tablename__ = "attachment"
    __table_args__ = (
        UniqueConstraint("sha256", "entity", "entity_id"),
        Index("ix_attachment_entity", "entity", "entity_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[int] = mapped_column(BigId)
    file_name: Mapped[str | None]
    media_type: Mapped[str | None] = mapped_column(String(128))
    size: Mapped[int] = mapped_column(BigInteger)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    caption: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    # What a field photo shows (marking, serial, packaging, scene, …), who added it, and what its EXIF says.
    shows: Mapped[str | None] = mapped_column(String(16))
    created_by: Mapped[str | None]
    taken_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    image: Mapped[dict[str, Any] | None]  # width, height, format, camera
    thumbnail: Mapped[bytes | None] = mapped_column(LargeBinary)


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"), index=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str | None]
    role: Mapped[str] = mapped_column(String(16), default=Role.VIEWER)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class ApiToken(Base):
    """A token for a system; only its hash is stored."""

    __tablename__ = "api_token"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    name: Mapped[str]
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_used_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    expires_at: Mapped[dt.datetime | None] = mapped_column(DateTime)  # None: never (tokens made before 0004)


class AuditEvent(Base):
    """Append-only, hash-chained history: each event's hash covers its content and the previous hash."""

    __tablename__ = "audit_event"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id"), index=True)
    actor: Mapped[str]
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str | None] = mapped_column(String(32))
    entity_id: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[dict[str, Any] | None]
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class LoginFailure(Base):
    """A failed password login, kept for the throttle window (auth.authenticate) and then deleted."""

    __tablename__ = "login_failure"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    username: Mapped[str] = mapped_column(String(64), index=True)  # as typed, lower case
    address: Mapped[str | None] = mapped_column(String(64), index=True)  # the client's IP address


class ServerSetting(Base):
    """A value the server keeps in its workspace, e.g. the generated session signing key."""

    __tablename__ = "server_setting"
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
