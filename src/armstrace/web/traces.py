"""The trace-request lifecycle as the server runs it: draft → sent → acknowledged → answered → closed.

The requesting agency owns the request; the recipient agency sees it once it is sent, and may
acknowledge, answer and write messages. The recipient never reads the requester's recovery records:
each item of the request carries a snapshot of what the requester chose to describe (serial as read,
markings, make, model, calibre, where and when found). A request past its due date that is not yet
answered shows as ``overdue``. Every step is audited.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from armstrace import audit
from armstrace.auth import Principal
from armstrace.exceptions import ConflictError, InputError, NotFoundError
from armstrace.model import Agency, Incident, Recovery, TraceMessage, TraceRequest, TraceRequestItem, utcnow
from armstrace.store import visible

from .records import require

__all__ = ["acknowledge", "answer", "close", "create", "display_status", "post_message", "send"]

DUE_DAYS = {"routine": 30, "urgent": 7}


def display_status(trace: TraceRequest, today: dt.date | None = None) -> str:
    today = today or dt.date.today()
    if trace.status in ("sent", "acknowledged") and trace.due_date is not None and trace.due_date < today:
        return "overdue"
    return trace.status


def _describe(db: Session, recovery: Recovery) -> dict[str, Any]:
    incident = db.get(Incident, recovery.incident_id)
    fields = ("recovery_code", "serial_read", "obliterated", "manufacturer", "model", "calibre", "weapon_type",
              "country", "year", "markings", "importer", "condition")
    desc = {f: getattr(recovery, f) for f in fields}
    if incident is not None:
        desc["incident"] = {"code": incident.code, "date": incident.date.isoformat() if incident.date else None,
                            "country": incident.country, "place": incident.place, "admin1": incident.admin1}
    return desc


def _audit(db: Session, p: Principal, trace: TraceRequest, action: str, **detail: Any) -> None:
    audit.record(db, actor=p.username, action=f"trace.{action}", agency_id=p.agency_id, entity="trace_request",
                 entity_id=trace.id, detail={"reference": trace.reference, **detail})


def create(db: Session, p: Principal, data: dict[str, Any]) -> TraceRequest:
    """A draft request about recoveries the caller may see, addressed to an agency or a named body."""
    require(p, "write")
    recipient_id = None
    if data.get("recipient"):
        recipient = db.scalar(select(Agency).where(Agency.code == data["recipient"]))
        if recipient is None:
            raise InputError(f"recipient: no agency {data['recipient']!r} on this server")
        if recipient.id == p.agency_id:
            raise InputError("recipient: a trace request goes to another agency")
        recipient_id = recipient.id
    ids = list(dict.fromkeys(data["recovery_ids"]))
    recoveries = list(db.scalars(select(Recovery).where(Recovery.id.in_(ids), visible(Recovery, p.scope))))
    missing = sorted(set(ids) - {r.id for r in recoveries})
    if missing:
        raise NotFoundError(f"no recovery {', '.join(map(str, missing))}")
    year = utcnow().year
    n = (db.scalar(select(func.count(TraceRequest.id)).where(TraceRequest.agency_id == p.agency_id)) or 0) + 1
    while True:
        reference = f"{p.agency_code}-{year}-{n:04d}"
        if db.scalar(select(TraceRequest.id).where(TraceRequest.reference == reference)) is None:
            break
        n += 1
    trace = TraceRequest(
        agency_id=p.agency_id, visibility="private", reference=reference, recipient_agency_id=recipient_id,
        recipient_name=data.get("recipient_name") or data.get("recipient"),
        recipient_country=data.get("recipient_country"), priority=data.get("priority", "routine"),
        priority_reason=data.get("priority_reason"), fields=data.get("fields") or {},
        due_date=data.get("due_date"), created_by=p.username, status="draft",
    )
    trace.items = [TraceRequestItem(recovery_id=r.id, description=_describe(db, r)) for r in recoveries]
    db.add(trace)
    db.flush()
    _audit(db, p, trace, "create", recipient=trace.recipient_name, items=len(recoveries))
    return trace


def send(db: Session, p: Principal, trace: TraceRequest) -> TraceRequest:
    require(p, "write", trace)
    if trace.status != "draft":
        raise ConflictError(f"{trace.reference} is {trace.status}: only a draft can be sent")
    trace.status, trace.sent_at = "sent", utcnow()
    if trace.due_date is None:
        trace.due_date = dt.date.today() + dt.timedelta(days=DUE_DAYS.get(trace.priority, 30))
    _audit(db, p, trace, "send", due_date=trace.due_date)
    return trace


def acknowledge(db: Session, p: Principal, trace: TraceRequest) -> TraceRequest:
    require(p, "trace.answer", trace)
    if trace.status != "sent":
        raise ConflictError(f"{trace.reference} is {trace.status}: only a sent request can be acknowledged")
    trace.status, trace.acknowledged_at = "acknowledged", utcnow()
    _audit(db, p, trace, "acknowledge")
    return trace


def answer(db: Session, p: Principal, trace: TraceRequest, content: dict[str, Any]) -> TraceRequest:
    require(p, "trace.answer", trace)
    if trace.status not in ("sent", "acknowledged"):
        raise ConflictError(f"{trace.reference} is {trace.status}: it cannot be answered now")
    now = utcnow()
    if trace.acknowledged_at is None:
        trace.acknowledged_at = now
    trace.status, trace.answered_at = "answered", now
    trace.answer = {**content, "answered_by": p.username, "agency": p.agency_code}
    _audit(db, p, trace, "answer", found=content.get("found", True),
           last_legal_custodian=content.get("last_legal_custodian"))
    return trace


def close(db: Session, p: Principal, trace: TraceRequest) -> TraceRequest:
    require(p, "write", trace)
    if trace.status == "closed":
        raise ConflictError(f"{trace.reference} is already closed")
    trace.status, trace.closed_at = "closed", utcnow()
    _audit(db, p, trace, "close")
    return trace


def post_message(db: Session, p: Principal, trace: TraceRequest, body: str) -> TraceMessage:
    """A message between requester and recipient on a request that is out of draft and not closed."""
    if p.scope is not None:
        require(p, "write" if trace.agency_id == p.agency_id else "trace.answer", trace)
    if trace.status in ("draft", "closed"):
        raise ConflictError(f"{trace.reference} is {trace.status}: messages go on sent requests")
    message = TraceMessage(trace_request_id=trace.id, agency_id=p.agency_id, author=p.username, body=body)
    trace.messages.append(message)
    db.flush()
    _audit(db, p, trace, "message", message_id=message.id)
    return message
