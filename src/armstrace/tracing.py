"""Trace requests: ask the state of manufacture or last import who had a recovered weapon last, legally.

A request is filled from what the requesting agency knows — the recovery as read, its identification and
its registry matches — with the content ISACS 05.31 and ATF's trace form ask for: requesting agency,
priority and its reason, why the item is considered illicit, where and how it was found, type, maker,
model, calibre, serial as read and whether it was obliterated, all markings, importer, countries of
manufacture and last import, photos, and the intended use of the answer.

Lifecycle::

    draft ──send──▶ sent ──acknowledge──▶ acknowledged ──answer──▶ answered ──close──▶ closed
                      └──────────────answer──────────────────────────▲
    (close is allowed from every state but closed: a request can be withdrawn)

A transition not allowed from the current state raises ConflictError. A request past its due date and
not yet answered is *overdue*. Every change is written to the audit log in the same transaction.

Between workspaces a request travels as JSON (``export_json`` / ``import_json``, format
``armstrace.trace_request`` version 1, photos included): the recipient's workspace creates it in its inbox;
the recipient acknowledges and answers there and exports it back; importing that file in the requester's
workspace updates the original request, matched on ``reference``.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from armstrace import audit
from armstrace.analysis.custody import build_chains
from armstrace.analysis.lookup import resolve_recovery
from armstrace.exceptions import ConflictError, InputError, NotFoundError, PermissionDeniedError
from armstrace.model import (
    Agency,
    Attachment,
    Incident,
    Recovery,
    Share,
    TraceMessage,
    TraceRequest,
    TraceRequestItem,
    utcnow,
)
from armstrace.store import visible

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "PRIORITIES",
    "STATUSES",
    "CustodyEntry",
    "ItemAnswer",
    "TraceItemView",
    "TraceMessageView",
    "TraceRequestView",
    "acknowledge",
    "add_message",
    "answer",
    "close",
    "create_from_recoveries",
    "export_json",
    "get",
    "import_json",
    "item_photos",
    "list_requests",
    "overdue",
    "send",
]

FORMAT = "armstrace.trace_request"
FORMAT_VERSION = 1
STATUSES = ("draft", "sent", "acknowledged", "answered", "closed")
#: priority → days the recipient has to answer (the due date set when the request is sent)
PRIORITIES = {"routine": 30, "high": 14, "urgent": 7}
_ALLOWED = {
    "send": ("draft",),
    "acknowledge": ("sent",),
    "answer": ("sent", "acknowledged"),
    "close": ("draft", "sent", "acknowledged", "answered"),
}
_OPEN = ("sent", "acknowledged")


# --- views ------------------------------------------------------------------------------------------------


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
            date=_date(data.get("date"), f"{where}.date"),
            document_ref=data.get("document_ref"),
            legal=_bool(data.get("legal", True)),
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


@dataclass
class TraceMessageView:
    agency: str | None
    author: str | None
    body: str
    created_at: dt.datetime


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

    def is_overdue(self, today: dt.date | None = None) -> bool:
        today = today or dt.date.today()
        return self.status in _OPEN and self.due_date is not None and self.due_date < today

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["overdue"] = self.is_overdue()
        return data


# --- helpers ----------------------------------------------------------------------------------------------


def _date(value: Any, where: str) -> dt.date | None:
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


def _datetime(value: Any, where: str) -> dt.datetime | None:
    if value in (None, ""):
        return None
    try:
        return dt.datetime.fromisoformat(str(value)).replace(tzinfo=None)
    except ValueError as exc:
        raise InputError(f"{where}: {value!r} is not a timestamp (ISO 8601)") from exc


def _bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() not in ("false", "no", "0", "n", "")
    return bool(value)


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _agency(session: Session, code: str) -> Agency:
    found = session.scalar(select(Agency).where(Agency.code == code))
    if found is None:
        raise NotFoundError(f"no agency {code!r} in this workspace")
    return found


def _mine(session: Session, agency_id: int, reference: str) -> TraceRequest:
    """The request, when the acting agency may see it (owner, shared, or recipient of a sent request)."""
    req = session.scalar(
        select(TraceRequest).where(
            TraceRequest.reference == reference,
            or_(
                visible(TraceRequest, agency_id),
                and_(TraceRequest.recipient_agency_id == agency_id, TraceRequest.status != "draft"),
            ),
        )
    )
    if req is None:
        raise NotFoundError(f"no trace request {reference!r}: see `armstrace trace list`")
    return req


def _check(req: TraceRequest, action: str) -> None:
    if req.status not in _ALLOWED[action]:
        allowed = " or ".join(_ALLOWED[action])
        raise ConflictError(f"cannot {action} trace request {req.reference}: it is {req.status} (must be {allowed})")


def _as_recipient(req: TraceRequest, agency_id: int, action: str) -> None:
    """Acknowledging and answering is the recipient's act (the requester records it for an outside recipient)."""
    if req.recipient_agency_id is not None and req.recipient_agency_id != agency_id:
        raise PermissionDeniedError(f"only the recipient of {req.reference} may {action} it")


def _as_requester(req: TraceRequest, agency_id: int, action: str) -> None:
    if req.agency_id != agency_id:
        raise PermissionDeniedError(f"only the requesting agency of {req.reference} may {action} it")


def _log(session: Session, ws: Any, agency_id: int, action: str, req: TraceRequest, **detail: Any) -> None:
    audit.record(
        session,
        actor=ws.settings.user,
        action=f"trace.{action}",
        agency_id=agency_id,
        entity="trace_request",
        entity_id=req.reference,
        detail={"status": req.status, **detail},
    )


def _photos(session: Session, recovery_id: int | None, item_id: int, with_data: bool) -> list[dict[str, Any]]:
    conds = [and_(Attachment.entity == "trace_request_item", Attachment.entity_id == item_id)]
    if recovery_id is not None:
        conds.append(and_(Attachment.entity == "recovery", Attachment.entity_id == recovery_id))
    seen: dict[str, dict[str, Any]] = {}
    for a in session.scalars(select(Attachment).where(or_(*conds)).order_by(Attachment.id)):
        if a.sha256 in seen:
            continue
        photo = {
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


def item_photos(ws: Any, reference: str) -> dict[str, list[dict[str, Any]]]:
    """item key → its photos with their bytes (``data``), for the printable form."""
    me = ws.agency()
    with ws.session() as s:
        req = _mine(s, me.id, reference)
        out: dict[str, list[dict[str, Any]]] = {}
        for i in sorted(req.items, key=lambda i: i.id):
            photos = _photos(s, i.recovery_id, i.id, with_data=True)
            for p in photos:
                p["data"] = base64.b64decode(p.pop("data_base64"))
            out[str((i.description or {}).get("key") or i.id)] = photos
        return out


def _view(session: Session, req: TraceRequest, agency_id: int) -> TraceRequestView:
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
                key=str((i.description or {}).get("key") or i.id),
                recovery_id=i.recovery_id,
                description=dict(i.description or {}),
                photos=_photos(session, i.recovery_id, i.id, with_data=False),
            )
            for i in sorted(req.items, key=lambda i: i.id)
        ],
        messages=[
            TraceMessageView(codes.get(m.agency_id) if m.agency_id else None, m.author, m.body, m.created_at)
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
    )


def _next_reference(session: Session, code: str, today: dt.date) -> str:
    prefix = f"{code}-{today.year}-"
    taken = set(session.scalars(select(TraceRequest.reference).where(TraceRequest.reference.like(prefix + "%"))))
    n = len(taken) + 1
    while f"{prefix}{n:04d}" in taken:
        n += 1
    return f"{prefix}{n:04d}"


# --- creating ---------------------------------------------------------------------------------------------


def _markings(text: str | None) -> list[str]:
    if not text:
        return []
    parts = [p.strip() for line in text.splitlines() for p in line.split(" / ")]
    return [p for p in parts if p]


def _describe(session: Session, agency_id: int, rec: Recovery, inc: Incident) -> dict[str, Any]:
    """The trace-form description of one recovery: as read, completed by identification and registry links."""
    ident = rec.identification or {}

    def pick(name: str, *alts: str) -> Any:
        value = getattr(rec, name, None)
        if value not in (None, ""):
            return value
        for key in (name, *alts):
            if ident.get(key) not in (None, ""):
                return ident[key]
        return None

    chain = build_chains(session, agency_id, recovery_ids=[rec.id])[0]
    item = chain.item
    last_import = ident.get("import_country") or ident.get("importer_country")
    if not last_import and item is not None:
        crossings = [
            e
            for e in chain.events
            if e.kind == "transfer" and e.country and e.from_country and e.country != e.from_country and e.legal
        ]
        last_import = crossings[-1].country if crossings else None
    how = [p for p in (inc.kind, inc.title, rec.condition and f"condition: {rec.condition}") if p]
    matches = []
    if item is not None:
        matches.append(
            {
                "record_id": item.record_id,
                "source": item.source,
                "serial": item.serial,
                "serial_end": item.serial_end,
                "evidence": item.evidence,
                "probability": item.probability,
                "holder": item.holder,
                "holder_country": item.holder_country,
            }
        )
    return {
        "key": f"{inc.code}/{rec.recovery_code}",
        "incident": {
            "code": inc.code,
            "date": _iso(inc.date),
            "country": inc.country,
            "admin1": inc.admin1,
            "admin2": inc.admin2,
            "place": inc.place,
            "latitude": inc.latitude,
            "longitude": inc.longitude,
            "kind": inc.kind,
            "title": inc.title,
            "description": inc.description,
        },
        "how_found": "; ".join(how) or None,
        "condition": rec.condition,
        "weapon_type": pick("weapon_type") or (item.weapon_type if item else None),
        "manufacturer": pick("manufacturer") or (item.manufacturer if item else None),
        "model": pick("model") or (item.model if item else None),
        "calibre": pick("calibre"),
        "year": pick("year") or (item.year if item else None),
        "serial_read": rec.serial_read,
        "obliterated": bool(rec.obliterated),
        "markings": _markings(rec.markings),
        "importer": pick("importer"),
        "country_of_manufacture": pick("country") or (item.country if item else None),
        "country_of_last_import": last_import,
        "identification": {k: ident[k] for k in ("confidence", "evidence") if k in ident} or None,
        "registry_matches": matches,
    }


def create_from_recoveries(
    ws: Any,
    recoveries: Sequence[int | str],
    *,
    to: str,
    priority: str = "routine",
    priority_reason: str | None = None,
    illicit_reason: str | None = None,
    intended_use: str | None = None,
    recipient_country: str | None = None,
    due_date: dt.date | None = None,
    notes: str | None = None,
) -> TraceRequestView:
    """A draft request about these recoveries to ``to`` (an agency code here, or the name of an outside body)."""
    if not recoveries:
        raise InputError("a trace request needs at least one recovery (--recovery)")
    if priority not in PRIORITIES:
        raise InputError(f"priority {priority!r} is not one of {', '.join(PRIORITIES)}")
    if priority != "routine" and not (priority_reason or "").strip():
        raise InputError(f"a {priority} request must say why (priority reason, --reason)")
    if not to.strip():
        raise InputError("the recipient (--to) is required")
    me = ws.agency()
    with ws.session() as s:
        recipient = s.scalar(select(Agency).where(Agency.code == to))
        if recipient is not None and recipient.id == me.id:
            raise InputError("a trace request goes to another agency, not to the one you act for")
        recs: list[Recovery] = []
        for ref in recoveries:
            rec = resolve_recovery(s, me.id, ref)
            if rec.id not in {r.id for r in recs}:
                recs.append(rec)
        descriptions = [_describe(s, me.id, r, r.incident) for r in recs]
        country = recipient_country or (recipient.country if recipient else None)
        if not illicit_reason:
            kinds = sorted({d["incident"]["kind"] or "incident" for d in descriptions})
            illicit_reason = f"recovered at {' / '.join(kinds)} outside legal custody"
        req = TraceRequest(
            agency_id=me.id,
            visibility="private",
            reference=_next_reference(s, me.code, dt.date.today()),
            recipient_agency_id=recipient.id if recipient else None,
            recipient_name=recipient.name if recipient else to.strip(),
            recipient_country=country,
            status="draft",
            priority=priority,
            priority_reason=priority_reason,
            fields={
                "requesting_agency": {"code": me.code, "name": me.name, "country": me.country},
                "contact": ws.settings.user,
                "illicit_reason": illicit_reason,
                "intended_use": intended_use or "criminal investigation and prosecution",
                "notes": notes,
            },
            due_date=due_date,
            created_by=ws.settings.user,
            synthetic=all(r.synthetic for r in recs),
        )
        req.items = [TraceRequestItem(recovery_id=r.id, description=d) for r, d in zip(recs, descriptions, strict=True)]
        s.add(req)
        s.flush()
        _log(s, ws, me.id, "create", req, recipient=req.recipient_name, items=[d["key"] for d in descriptions])
        return _view(s, req, me.id)


# --- lifecycle --------------------------------------------------------------------------------------------


def get(ws: Any, reference: str) -> TraceRequestView:
    me = ws.agency()
    with ws.session() as s:
        return _view(s, _mine(s, me.id, reference), me.id)


def send(ws: Any, reference: str, *, due_date: dt.date | None = None, today: dt.date | None = None) -> TraceRequestView:
    """Send a draft; the due date defaults to today + the priority's answer time."""
    me = ws.agency()
    with ws.session() as s:
        req = _mine(s, me.id, reference)
        _as_requester(req, me.id, "send")
        _check(req, "send")
        req.status, req.sent_at = "sent", utcnow()
        req.due_date = due_date or req.due_date or (today or dt.date.today()) + dt.timedelta(PRIORITIES[req.priority])
        if req.recipient_agency_id is not None:
            req.visibility = "shared"
            if (
                s.scalar(
                    select(Share.id).where(
                        Share.entity == "trace_request",
                        Share.entity_id == req.id,
                        Share.agency_id == req.recipient_agency_id,
                    )
                )
                is None
            ):
                s.add(Share(entity="trace_request", entity_id=req.id, agency_id=req.recipient_agency_id))
        s.flush()
        _log(s, ws, me.id, "send", req, due_date=_iso(req.due_date))
        return _view(s, req, me.id)


def acknowledge(ws: Any, reference: str) -> TraceRequestView:
    me = ws.agency()
    with ws.session() as s:
        req = _mine(s, me.id, reference)
        _as_recipient(req, me.id, "acknowledge")
        _check(req, "acknowledge")
        req.status, req.acknowledged_at = "acknowledged", utcnow()
        _log(s, ws, me.id, "acknowledge", req)
        return _view(s, req, me.id)


def answer(
    ws: Any,
    reference: str,
    *,
    custody_chain: Sequence[CustodyEntry | dict[str, Any]] | None = None,
    last_legal_custodian: CustodyEntry | dict[str, Any] | None = None,
    items: Sequence[ItemAnswer] | None = None,
    text: str | None = None,
    found: bool = True,
) -> TraceRequestView:
    """Record the answer: per item (``items``) or one custody chain for every item of the request."""
    me = ws.agency()
    with ws.session() as s:
        req = _mine(s, me.id, reference)
        _as_recipient(req, me.id, "answer")
        _check(req, "answer")
        if items is None:
            chain = [
                c if isinstance(c, CustodyEntry) else CustodyEntry.from_dict(c, f"custody_chain[{n}]")
                for n, c in enumerate(custody_chain or [])
            ]
            last = last_legal_custodian
            if isinstance(last, dict):
                last = CustodyEntry.from_dict(last, "last_legal_custodian")
            if last is None and chain:
                legal = [c for c in chain if c.legal]
                last = legal[-1] if legal else None
            items = [ItemAnswer(None, chain, last, found)]
        keys = {str((i.description or {}).get("key")) for i in req.items}
        unknown = [a.item for a in items if a.item is not None and a.item not in keys]
        if unknown:
            raise InputError(f"{reference} has no item {unknown[0]!r} (items: {', '.join(sorted(keys))})")
        if not text and not any(a.custody_chain or a.last_legal_custodian or not a.found for a in items):
            raise InputError("an answer needs a custody chain, a last legal custodian, 'not found', or a text")
        req.answer = {
            "text": text,
            "answered_by": (
                {"agency": me.code, "name": me.name, "user": ws.settings.user}
                if req.agency_id != me.id
                else {"agency": None, "name": req.recipient_name, "user": None, "recorded_by": me.code}
            ),
            "items": [a.to_dict() for a in items],
        }
        req.status, req.answered_at = "answered", utcnow()
        _log(s, ws, me.id, "answer", req, items=len(items))
        return _view(s, req, me.id)


def close(ws: Any, reference: str, *, note: str | None = None) -> TraceRequestView:
    me = ws.agency()
    with ws.session() as s:
        req = _mine(s, me.id, reference)
        _as_requester(req, me.id, "close")
        _check(req, "close")
        req.status, req.closed_at = "closed", utcnow()
        if note:
            req.messages.append(TraceMessage(agency_id=me.id, author=ws.settings.user, body=note))
        _log(s, ws, me.id, "close", req, note=note)
        return _view(s, req, me.id)


def add_message(ws: Any, reference: str, body: str) -> TraceRequestView:
    if not body.strip():
        raise InputError("the message is empty")
    me = ws.agency()
    with ws.session() as s:
        req = _mine(s, me.id, reference)
        if req.status == "closed":
            raise ConflictError(f"trace request {reference} is closed")
        req.messages.append(TraceMessage(agency_id=me.id, author=ws.settings.user, body=body.strip()))
        s.flush()
        _log(s, ws, me.id, "message", req, length=len(body))
        return _view(s, req, me.id)


def list_requests(
    ws: Any, *, box: str | None = None, status: str | None = None, overdue_on: dt.date | None = None
) -> list[TraceRequestView]:
    """Requests the acting agency sent (``outbox``), received (``inbox``), or both; optionally only overdue ones."""
    if box not in (None, "inbox", "outbox"):
        raise InputError(f"box must be inbox or outbox, not {box!r}")
    if status is not None and status not in STATUSES:
        raise InputError(f"status {status!r} is not one of {', '.join(STATUSES)}")
    me = ws.agency()
    with ws.session() as s:
        inbox = and_(TraceRequest.recipient_agency_id == me.id, TraceRequest.status != "draft")
        where: Any = {"inbox": inbox, "outbox": TraceRequest.agency_id == me.id}.get(
            box or "", or_(visible(TraceRequest, me.id), inbox)
        )
        query = select(TraceRequest).where(where).order_by(TraceRequest.created_at, TraceRequest.id)
        if status:
            query = query.where(TraceRequest.status == status)
        if overdue_on is not None:
            query = query.where(TraceRequest.status.in_(_OPEN), TraceRequest.due_date < overdue_on)
        return [_view(s, r, me.id) for r in s.scalars(query)]


def overdue(ws: Any, today: dt.date | None = None, *, box: str | None = None) -> list[TraceRequestView]:
    """Sent or acknowledged requests past their due date."""
    return list_requests(ws, box=box, overdue_on=today or dt.date.today())


# --- exchange ---------------------------------------------------------------------------------------------


def export_json(ws: Any, reference: str) -> dict[str, Any]:
    """The whole request as one JSON document (photos inlined), for the other party's workspace."""
    me = ws.agency()
    with ws.session() as s:
        req = _mine(s, me.id, reference)
        owner = s.get(Agency, req.agency_id)
        recipient = s.get(Agency, req.recipient_agency_id) if req.recipient_agency_id else None
        codes: dict[int, str] = {row[0]: row[1] for row in s.execute(select(Agency.id, Agency.code))}
        doc = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "reference": req.reference,
            "status": req.status,
            "priority": req.priority,
            "priority_reason": req.priority_reason,
            "requester": {"code": owner.code, "name": owner.name, "country": owner.country} if owner else None,
            "recipient": {
                "code": recipient.code if recipient else None,
                "name": req.recipient_name,
                "country": req.recipient_country,
            },
            "fields": req.fields or {},
            "items": [
                {"description": i.description or {}, "photos": _photos(s, i.recovery_id, i.id, with_data=True)}
                for i in sorted(req.items, key=lambda i: i.id)
            ],
            "messages": [
                {
                    "agency": codes.get(m.agency_id) if m.agency_id else None,
                    "author": m.author,
                    "body": m.body,
                    "created_at": _iso(m.created_at),
                }
                for m in req.messages
            ],
            "answer": req.answer,
            "due_date": _iso(req.due_date),
            "created_by": req.created_by,
            "created_at": _iso(req.created_at),
            "sent_at": _iso(req.sent_at),
            "acknowledged_at": _iso(req.acknowledged_at),
            "answered_at": _iso(req.answered_at),
            "closed_at": _iso(req.closed_at),
            "synthetic": bool(req.synthetic),
        }
        _log(s, ws, me.id, "export", req)
        return doc


def _load(data: dict[str, Any] | str | Path) -> dict[str, Any]:
    where = "trace request"
    if isinstance(data, Path) or (isinstance(data, str) and not data.lstrip().startswith("{")):
        where = str(data)
        try:
            data = Path(data).read_text(encoding="utf-8")
        except OSError as exc:
            raise InputError(f"{where}: cannot read: {exc.strerror}") from exc
    if isinstance(data, str):
        try:
            data = json.loads(data)
        except json.JSONDecodeError as exc:
            raise InputError(f"{where}: not JSON (line {exc.lineno}: {exc.msg})") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(f"{where}: not an armstrace trace request (format must be {FORMAT!r})")
    if not isinstance(data.get("version"), int) or data["version"] > FORMAT_VERSION:
        raise InputError(
            f"{where}: format version {data.get('version')!r} is newer than this armstrace reads "
            f"({FORMAT_VERSION}); upgrade armstrace"
        )
    for key in ("reference", "status", "requester", "items"):
        if not data.get(key):
            raise InputError(f"{where}: field {key!r} is missing")
    if data["status"] not in STATUSES:
        raise InputError(f"{where}: status {data['status']!r} is not one of {', '.join(STATUSES)}")
    if not isinstance(data["items"], list) or not all(isinstance(i, dict) for i in data["items"]):
        raise InputError(f"{where}: 'items' must be a list of objects")
    return data


def import_json(ws: Any, data: dict[str, Any] | str | Path) -> tuple[TraceRequestView, str]:
    """Bring in a request (→ ``created`` in our inbox) or the other party's update of ours (→ ``updated``)."""
    doc = _load(data)
    me = ws.agency()
    with ws.session() as s:
        existing = s.scalar(select(TraceRequest).where(TraceRequest.reference == doc["reference"]))
        if existing is None:
            req = _create_from_doc(s, me, doc)
            outcome = "created"
        else:
            req = _mine(s, me.id, doc["reference"])
            outcome = "updated" if _merge(req, doc, s) else "unchanged"
        s.flush()
        _log(s, ws, me.id, "import", req, outcome=outcome)
        return _view(s, req, me.id), outcome


def _create_from_doc(s: Session, me: Agency, doc: dict[str, Any]) -> TraceRequest:
    requester = doc["requester"]
    code = str(requester.get("code") or "").strip()
    if not code:
        raise InputError("trace request: requester.code is missing")
    if code == me.code:
        raise ConflictError(f"{doc['reference']} was issued by {code} but is not in this workspace")
    owner = s.scalar(select(Agency).where(Agency.code == code))
    if owner is None:
        owner = Agency(code=code, name=requester.get("name") or code, country=requester.get("country"))
        s.add(owner)
        s.flush()
    if doc["status"] == "draft":
        raise ConflictError(f"{doc['reference']} is a draft: the requesting agency must send it before export")
    recipient = doc.get("recipient") or {}
    req = TraceRequest(
        agency_id=owner.id,
        visibility="shared",
        reference=doc["reference"],
        recipient_agency_id=me.id,
        recipient_name=recipient.get("name") or me.name,
        recipient_country=recipient.get("country") or me.country,
        status=doc["status"],
        priority=doc.get("priority") or "routine",
        priority_reason=doc.get("priority_reason"),
        fields=doc.get("fields") or {},
        answer=doc.get("answer"),
        due_date=_date(doc.get("due_date"), "due_date"),
        created_by=doc.get("created_by"),
        created_at=_datetime(doc.get("created_at"), "created_at") or utcnow(),
        sent_at=_datetime(doc.get("sent_at"), "sent_at"),
        acknowledged_at=_datetime(doc.get("acknowledged_at"), "acknowledged_at"),
        answered_at=_datetime(doc.get("answered_at"), "answered_at"),
        closed_at=_datetime(doc.get("closed_at"), "closed_at"),
        synthetic=bool(doc.get("synthetic")),
    )
    req.items = [TraceRequestItem(recovery_id=None, description=i.get("description") or {}) for i in doc["items"]]
    s.add(req)
    s.flush()
    s.add(Share(entity="trace_request", entity_id=req.id, agency_id=me.id))
    for item, entry in zip(req.items, doc["items"], strict=True):
        for n, photo in enumerate(entry.get("photos") or []):
            _store_photo(s, owner.id, item.id, photo, f"items[].photos[{n}]")
    _merge_messages(s, req, doc)
    return req


def _store_photo(s: Session, owner_id: int, item_id: int, photo: dict[str, Any], where: str) -> None:
    try:
        blob = base64.b64decode(photo["data_base64"], validate=True)
    except (KeyError, ValueError) as exc:
        raise InputError(f"trace request {where}: data_base64 is missing or not base64") from exc
    digest = hashlib.sha256(blob).hexdigest()
    if photo.get("sha256") and photo["sha256"] != digest:
        raise InputError(f"trace request {where}: the photo does not match its sha256 (damaged in transit?)")
    s.add(
        Attachment(
            agency_id=owner_id,
            visibility="private",
            sha256=digest,
            entity="trace_request_item",
            entity_id=item_id,
            file_name=photo.get("file_name"),
            media_type=photo.get("media_type"),
            size=len(blob),
            data=blob,
            caption=photo.get("caption"),
        )
    )


def _ensure_agency(s: Session, code: str, doc: dict[str, Any]) -> Agency:
    """The agency ``code`` here, created from what the document says about it when it is new."""
    found = s.scalar(select(Agency).where(Agency.code == code))
    if found is None:
        party: dict[str, Any] = next(
            (p for p in (doc.get("requester"), doc.get("recipient")) if p and p.get("code") == code), {}
        )
        found = Agency(code=code, name=party.get("name") or code, country=party.get("country"))
        s.add(found)
        s.flush()
    return found


def _merge_messages(s: Session, req: TraceRequest, doc: dict[str, Any]) -> bool:
    have = {(_iso(m.created_at), m.author, m.body) for m in req.messages}
    changed = False
    for n, m in enumerate(doc.get("messages") or []):
        if not isinstance(m, dict) or not m.get("body"):
            raise InputError(f"trace request messages[{n}]: 'body' is missing")
        created = _datetime(m.get("created_at"), f"messages[{n}].created_at") or utcnow()
        if (_iso(created), m.get("author"), m["body"]) in have:
            continue
        agency = _ensure_agency(s, m["agency"], doc).id if m.get("agency") else None
        req.messages.append(TraceMessage(agency_id=agency, author=m.get("author"), body=m["body"], created_at=created))
        changed = True
    return changed


def _merge(req: TraceRequest, doc: dict[str, Any], s: Session) -> bool:
    """Take the other party's progress: a later status, its timestamps, its answer, new messages."""
    changed = _merge_messages(s, req, doc)
    if STATUSES.index(doc["status"]) > STATUSES.index(req.status):
        req.status, changed = doc["status"], True
    for name in ("sent_at", "acknowledged_at", "answered_at", "closed_at"):
        value = _datetime(doc.get(name), name)
        if value is not None and getattr(req, name) is None:
            setattr(req, name, value)
            changed = True
    if doc.get("answer") and doc["answer"] != req.answer:
        incoming = _datetime(doc.get("answered_at"), "answered_at")
        if req.answer is None or (incoming and req.answered_at and incoming >= req.answered_at):
            req.answer, req.answered_at, changed = doc["answer"], incoming or req.answered_at, True
    if req.due_date is None and doc.get("due_date"):
        req.due_date, changed = _date(doc["due_date"], "due_date"), True
    return changed
