"""The tables of hit notices: a notice to a record's owner that another agency's recovery matched it, and
the embargoes a finder puts on an incident's notices. Migration 0004_hit_notices creates them."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Float, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from armstrace.model import Base, BigId, utcnow

__all__ = ["HitNotice", "NoticeEmbargo"]


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
    status: Mapped[str] = mapped_column(String(16), default="sent")
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
