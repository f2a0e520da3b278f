"""What a trace request looks like to the one who asks: views, answer parts, and value parsing.

The lifecycle returns database rows; the views here are what the CLI prints, the JSON exchange reads,
and the form renders. ``display_status`` is the one place that says a request is *overdue*.
"""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from armstrace.exceptions import InputError
from armstrace.model import Agency, Attachment, TraceRequest
from armstrace.values import TraceStatus, choices

from .consent import Disclosure

__all__ = [
    "OPEN",
    "STATUSES",
    "CustodyEntry",
    "ItemAnswer",
    "TraceItemView",
    "TraceMessageView",
    "TraceRequestView",
    "display_status",
    "photos",
    "request_photos",
    "view",
]

STATUSES = choices(TraceStatus)
#: the statuses in which a request waits for the recipient (and may become overdue)
OPEN = (TraceStatus.SENT, TraceStatus.ACKNOWLEDGED)


def display_status(req: Any, today: dt.date | None = None) -> str:
    """The status to show: ``overdue`` for an open request past its due date, else the stored status."""
    today = today or dt.date.today()
    if req.status in OPEN and req.due_date is not None and req.due_date < today:
        return "overdue"
    return str(req.status)


# --- parsing ------------------------------------------------------------------------------------------------


def parse_date(value: Any, where: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise InputError(f"{where}: {value!r} is not a date (use YYYY-MM-DD)") from exc


def parse_datetime(value: Any, where: str) -> dt.datetime | None:
    if value in (None, ""):
        return None
    try:
        return dt.datetime.fromisoformat(str(value)).replace(tzinfo=None)
    except ValueError as exc:
        raise InputError(f"{where}: {value!r} is not a timestamp (ISO 8601)") from exc


def parse_bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() not in ("false", "no", "0", "n", "")
    return bool(value)


def iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


# --- answer parts -------------------------------------------------------------------------------------------


@dataclass
class CustodyEntry:
    """One holder in an answer's custody chain (or the last legal custodian)."""

    holder: str
    country: str | None = None
    date: dt.date | None = None
    document_ref: str | None = None
    legal: bool = True
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["date"] = self.date.isoformat() if self.date else None
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any], where: str = "custody entry") -> CustodyEntry:
        if not isinstance(data, dict) or not str(data.get("holder") or "").strip():
            raise InputError(f"{where}: 'holder' is required")
        return cls(
            holder=str(data["holder"]).strip(),
            country=(str(data["country"]).upper() if data.get("country") else None),
            date=parse_date(data.get("date"), f"{where}.date"),
            document_ref=data.get("document_ref"),
            legal=parse_bool(data.get("legal", True)),
            note=data.get("note"),
        )


@dataclass
class ItemAnswer:
    """The answer about one item of a request: its custody chain and its last legal custodian."""

    item: str | None  # the item key; None = every item of the request
    custody_chain: list[CustodyEntry] = field(default_factory=list)
    last_legal_custodian: CustodyEntry | None = None
    found: bool = True  # False: the recipient has no record of the item
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "item": self.item,
            "custody_chain": [c.to_dict() for c in self.custody_chain],
            "last_legal_custodian": self.last_legal_custodian.to_dict() if self.last_legal_custodian else None,
            "found": self.found,
            "note": self.note,
        }


# --- views --------------------------------------------------------------------------------------------------


@dataclass
class TraceMessageView:
    agency: str | None
    author: str | None
    body: str
    created_at: dt.datetime
    id: int | None = None


@dataclass
class TraceItemView:
    key: str
    recovery_id: int | None  # the recovery in this workspace (None in the recipient's)
    description: dict[str, Any]
    photos: list[dict[str, Any]] = field(default_factory=list)  # sha256, file_name, media_type, caption, size


@dataclass
class TraceRequestView:
    reference: str
    status: str
    priority: str
    priority_reason: str | None
    requester: str  # agency code
    requester_name: str
    recipient: str | None  # agency code when the recipient is an agency in this workspace
    recipient_name: str | None
    recipient_country: str | None
    fields: dict[str, Any]
    items: list[TraceItemView]
    messages: list[TraceMessageView]
    answer: dict[str, Any] | None
    due_date: dt.date | None
    created_by: str | None
    created_at: dt.datetime
    sent_at: dt.datetime | None
    acknowledged_at: dt.datetime | None
    answered_at: dt.datetime | None
    closed_at: dt.datetime | None
    box: str  # outbox (we asked), inbox (we are asked), other
    synthetic: bool = False
    id: int | None = None

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return display_status(self, today) == "overdue"

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["overdue"] = self.is_overdue()
        return data


def photos(
    session: Session, recovery_id: int | None, item_id: int, with_data: bool, gate: Disclosure | None = None
) -> list[dict[str, Any]]:
    """An item's photos: those sent with the request and those of the recovery it describes, once each —
    the recovery's only when ``gate`` lets the requester pass them on (every caller that shows or exports
    them gives one: ``request_photos``)."""
    conds = [and_(Attachment.entity == "trace_request_item", Attachment.entity_id == item_id)]
    if recovery_id is not None:
        conds.append(and_(Attachment.entity == "recovery", Attachment.entity_id == recovery_id))
    seen: dict[str, dict[str, Any]] = {}
    for a in session.scalars(select(Attachment).where(or_(*conds)).order_by(Attachment.id)):
        if a.sha256 in seen:
            continue
        if a.entity == "recovery" and (gate is None or not gate.allows(a)):
            continue
        photo: dict[str, Any] = {
            "sha256": a.sha256,
            "file_name": a.file_name,
            "media_type": a.media_type,
            "caption": a.caption,
            "size": a.size,
        }
        if with_data:
            photo["data_base64"] = base64.b64encode(a.data).decode("ascii")
        seen[a.sha256] = photo
    return list(seen.values())


def request_photos(session: Session, req: TraceRequest, item: Any, with_data: bool) -> list[dict[str, Any]]:
    """The photos of one item of ``req``: what its requester may pass on to its recipient."""
    gate = Disclosure(session, req.agency_id, req.recipient_agency_id)
    return photos(session, item.recovery_id, item.id, with_data, gate)


def item_key(item: Any) -> str:
    return str((item.description or {}).get("key") or item.id)


def view(session: Session, req: TraceRequest, agency_id: int) -> TraceRequestView:
    """The request as agency ``agency_id`` sees it (``box`` says whether it asked or is asked)."""
    codes: dict[int, str] = {row[0]: row[1] for row in session.execute(select(Agency.id, Agency.code))}
    owner = session.get(Agency, req.agency_id)
    box = "outbox" if req.agency_id == agency_id else "inbox" if req.recipient_agency_id == agency_id else "other"
    return TraceRequestView(
        reference=req.reference,
        status=req.status,
        priority=req.priority,
        priority_reason=req.priority_reason,
        requester=owner.code if owner else "?",
        requester_name=owner.name if owner else "?",
        recipient=codes.get(req.recipient_agency_id) if req.recipient_agency_id else None,
        recipient_name=req.recipient_name,
        recipient_country=req.recipient_country,
        fields=dict(req.fields or {}),
        items=[
            TraceItemView(
                key=item_key(i),
                recovery_id=i.recovery_id,
                description=dict(i.description or {}),
                photos=request_photos(session, req, i, with_data=False),
            )
            for i in sorted(req.items, key=lambda i: i.id)
        ],
        messages=[
            TraceMessageView(codes.get(m.agency_id) if m.agency_id else None, m.author, m.body, m.created_at, m.id)
            for m in req.messages
        ],
        answer=dict(req.answer) if req.answer else None,
        due_date=req.due_date,
        created_by=req.created_by,
        created_at=req.created_at,
        sent_at=req.sent_at,
        acknowledged_at=req.acknowledged_at,
        answered_at=req.answered_at,
        closed_at=req.closed_at,
        box=box,
        synthetic=bool(req.synthetic),
        id=req.id,
    )
