"""The trace-request lifecycle, for an explicit actor: one set of rules for the CLI, the API and the pages.

Lifecycle::

    draft ──send──▶ sent ──acknowledge──▶ acknowledged ──answer──▶ answered ──close──▶ closed
                      └──────────────answer──────────────────────────▲
    (close is allowed from every state but closed: a request can be withdrawn)

Every function takes ``(session, actor, …)``: the actor is an ``auth.Actor`` (agency, user name,
role) — the logged-in user on the server, or the workspace's acting agency on the command line
(``actor_for``). The rules, in one place:

- who sees a request: its owner, agencies it is shared with, and its recipient once it is sent
  (a server admin sees all); any other request answers exactly like a missing one (NotFoundError);
- who may act (PermissionDeniedError otherwise; viewers may do nothing but read):
  the requesting agency creates, sends and closes; the recipient acknowledges and answers (for a
  recipient outside this workspace, the requester records its acts); both write messages and attach files;
- a transition not allowed from the current status raises ConflictError;
- every change is written to the audit log (``trace.<action>``, entity ``trace_request``, the
  reference as its id) in the caller's transaction;
- a request carries only what the requesting agency may pass on to its recipient (``consent``): it is
  described when it is created and described again when it is sent (a consent withdrawn in between
  takes effect), and each record passed on by its owner's consent is written to the owner's log.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select
from sqlalchemy.sql.elements import ColumnElement

from armstrace import audit
from armstrace.analysis.lookup import resolve_recovery
from armstrace.auth import Actor
from armstrace.exceptions import ConflictError, InputError, NotFoundError, PermissionDeniedError
from armstrace.model import (
    Agency,
    Attachment,
    Recovery,
    Share,
    TraceMessage,
    TraceRequest,
    TraceRequestItem,
    utcnow,
)
from armstrace.store import visible
from armstrace.store.ids import public_id
from armstrace.values import Priority

from .consent import Disclosure
from .describe import describe
from .views import OPEN, STATUSES, CustodyEntry, ItemAnswer, iso, item_key, photos, request_photos

__all__ = [
    "MAX_ATTACHMENT_BYTES",
    "PRIORITIES",
    "Actor",
    "acknowledge",
    "actor_for",
    "add_message",
    "allowed",
    "answer",
    "attach",
    "close",
    "create",
    "find",
    "log",
    "requests",
    "send",
    "visible_requests",
    "was_sent",
]

#: priority → days the recipient has to answer (the due date set when the request is sent)
PRIORITIES: dict[str, int] = {Priority.ROUTINE: 30, Priority.HIGH: 14, Priority.URGENT: 7}
_FROM = {
    "send": ("draft",),
    "acknowledge": ("sent",),
    "answer": ("sent", "acknowledged"),
    "close": ("draft", "sent", "acknowledged", "answered"),
    "message": ("draft", "sent", "acknowledged", "answered"),
    "attach": ("draft", "sent", "acknowledged", "answered"),
}
#: the largest photo or document one attachment may hold (it travels base64-encoded in the exchange file)
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
#: the role the command line acts with: the operator of a workspace administers its agency
CLI_ROLE = "agency_admin"


def actor_for(session: Session, agency: Agency, user: str, role: str = CLI_ROLE) -> Actor:
    """The actor for a workspace's acting agency and user (the command line, the demo, scripts)."""
    return Actor(None, user, agency.id, agency.code, role)


# --- seeing ----------------------------------------------------------------------------------------------


def visible_requests(actor: Actor) -> ColumnElement[bool]:
    """A WHERE clause: the requests the actor may see (visible ones, and those sent to its agency)."""
    if actor.scope is None:
        return TraceRequest.id.is_not(None)
    return or_(
        visible(TraceRequest, actor.scope),
        and_(TraceRequest.recipient_agency_id == actor.agency_id, was_sent()),
    )


def was_sent() -> ColumnElement[bool]:
    """A WHERE clause: requests that were sent at some time — not drafts, and not drafts withdrawn (closed)
    before they were sent, which their recipient must never see."""
    return or_(TraceRequest.sent_at.is_not(None), TraceRequest.status.in_(("sent", "acknowledged", "answered")))


def find(session: Session, actor: Actor, ref: int | str) -> TraceRequest:
    """The request ``ref`` names (its number or its reference), when the actor may see it."""
    by_id = isinstance(ref, int)
    key = TraceRequest.id == ref if by_id else TraceRequest.reference == str(ref).strip()
    req = session.scalar(select(TraceRequest).where(key, visible_requests(actor)))
    if req is None:
        raise NotFoundError(f"no trace request {ref}" if by_id else f"no trace request {ref!r}")
    return req


def requests(
    actor: Actor, *, box: str | None = None, status: str | None = None, overdue_on: dt.date | None = None
) -> Select[TraceRequest]:
    """A query of the requests the actor sent (``outbox``), received (``inbox``) or may see (None)."""
    if box not in (None, "inbox", "outbox"):
        raise InputError(f"box must be inbox or outbox, not {box!r}")
    if status is not None and status not in STATUSES:
        raise InputError(f"status {status!r} is not one of {', '.join(STATUSES)}")
    query = select(TraceRequest).where(visible_requests(actor))
    if box == "inbox":
        query = query.where(TraceRequest.recipient_agency_id == actor.agency_id, was_sent())
    elif box == "outbox":
        query = query.where(TraceRequest.agency_id == actor.agency_id)
    if status:
        query = query.where(TraceRequest.status == status)
    if overdue_on is not None:
        query = query.where(TraceRequest.status.in_(OPEN), TraceRequest.due_date < overdue_on)
    return query


# --- who may do what -------------------------------------------------------------------------------------


def _party(actor: Actor, req: TraceRequest, action: str) -> str | None:
    """Why the actor may not ``action`` the request, or None when it may (status aside)."""
    if not actor.at_least("analyst"):
        return f"your role ({actor.role}) may not {action} trace requests"
    admin = actor.role == "server_admin"
    requester = admin or req.agency_id == actor.agency_id
    if action in ("send", "close"):
        return None if requester else f"only the requesting agency of {req.reference} may {action} it"
    if action in ("acknowledge", "answer"):
        if req.recipient_agency_id is None:  # an outside body: the requester records its acts
            return None if requester else f"only the requesting agency of {req.reference} may {action} it"
        ok = admin or req.recipient_agency_id == actor.agency_id
        return None if ok else f"only the recipient of {req.reference} may {action} it"
    ok = requester or req.recipient_agency_id == actor.agency_id  # message, attach
    return None if ok else f"only the requester and the recipient of {req.reference} write on it"


def allowed(actor: Actor, req: TraceRequest) -> set[str]:
    """The actions the actor may take on the request now (pages show only these buttons)."""
    return {a for a in _FROM if req.status in _FROM[a] and _party(actor, req, a) is None}


def _check(actor: Actor, req: TraceRequest, action: str) -> None:
    why = _party(actor, req, action)
    if why is not None:
        raise PermissionDeniedError(why)
    if req.status not in _FROM[action]:
        allowed_from = " or ".join(_FROM[action])
        raise ConflictError(
            f"cannot {action} trace request {req.reference}: it is {req.status} (must be {allowed_from})"
        )


def _audit_agency(actor: Actor, action: str, req: TraceRequest) -> int | None:
    """Whose audit log an act goes in: the actor's agency — or, for a server admin acting on another
    agency's request, the party it acts for (the recipient for acknowledge and answer, else the requester),
    so that the admin's own agency never reads about a request it may not see."""
    if actor.scope is not None or actor.agency_id in (req.agency_id, req.recipient_agency_id):
        return actor.agency_id
    if action in ("acknowledge", "answer") and req.recipient_agency_id is not None:
        return req.recipient_agency_id
    return req.agency_id


def log(session: Session, actor: Actor, action: str, req: TraceRequest, **detail: Any) -> None:
    audit.record(
        session,
        actor=actor.username,
        action=f"trace.{action}",
        agency_id=_audit_agency(actor, action, req),
        entity="trace_request",
        entity_id=req.reference,
        detail={"status": req.status, **detail},
    )


# --- creating --------------------------------------------------------------------------------------------


def _next_reference(session: Session, code: str, today: dt.date) -> str:
    prefix = f"{code}-{today.year}-"
    taken = set(session.scalars(select(TraceRequest.reference).where(TraceRequest.reference.like(prefix + "%"))))
    n = len(taken) + 1
    while f"{prefix}{n:04d}" in taken:
        n += 1
    return f"{prefix}{n:04d}"


def _recovery(session: Session, actor: Actor, ref: int | str) -> Recovery:
    """A recovery by its number (an int: never taken for a code) or by the names ``resolve_recovery`` knows,
    among those the actor's agency may see: a request speaks for that agency, even when a server admin
    writes it (an admin's view of every agency must not travel to the recipient)."""
    if not isinstance(ref, int):
        return resolve_recovery(session, actor.agency_id, ref)
    found = session.scalar(select(Recovery).where(Recovery.id == ref, visible(Recovery, actor.agency_id)))
    if found is None:
        raise NotFoundError(f"no recovery {ref}")
    return found


def create(
    session: Session,
    actor: Actor,
    recoveries: Sequence[int | str],
    *,
    to: str,
    to_agency: bool = False,
    priority: str = "routine",
    priority_reason: str | None = None,
    illicit_reason: str | None = None,
    intended_use: str | None = None,
    circumstances: str | None = None,
    requested: str | None = None,
    recipient_country: str | None = None,
    due_date: dt.date | None = None,
    notes: str | None = None,
) -> TraceRequest:
    """A draft request about these recoveries to ``to``: an agency code here, or the name of an outside body
    (``to_agency``: it must be an agency here)."""
    if not actor.at_least("analyst"):
        raise PermissionDeniedError(f"your role ({actor.role}) may not create trace requests")
    if not recoveries:
        raise InputError("a trace request needs at least one recovery (--recovery)")
    if priority not in PRIORITIES:
        raise InputError(f"priority {priority!r} is not one of {', '.join(PRIORITIES)}")
    if priority != "routine" and not (priority_reason or "").strip():
        article = "an" if priority[:1] in "aeiou" else "a"
        raise InputError(f"priority_reason: {article} {priority} request must say why (priority reason, --reason)")
    if not to.strip():
        raise InputError("recipient: the recipient (--to) is required")
    me = session.get(Agency, actor.agency_id)
    if me is None:  # pragma: no cover - an actor always has an agency
        raise NotFoundError(f"no agency {actor.agency_code!r}")
    code = to.strip().upper() if to_agency else to
    recipient = session.scalar(select(Agency).where(Agency.code == code))
    if recipient is None and to_agency:
        raise InputError(f"recipient: no agency {to!r} on this server")
    if recipient is not None and recipient.id == me.id:
        raise InputError("recipient: a trace request goes to another agency, not to the one you act for")
    recs: list[Recovery] = []
    for ref in recoveries:
        rec = _recovery(session, actor, ref)
        if rec.id not in {r.id for r in recs}:
            recs.append(rec)
    gate = Disclosure(session, me.id, recipient.id if recipient else None)  # the agency's view, passable only
    descriptions = [describe(session, gate, r) for r in recs]
    country = recipient_country or (recipient.country if recipient else None)
    if not illicit_reason:
        kinds = sorted({(d["incident"] or {}).get("kind") or "incident" for d in descriptions})
        illicit_reason = f"recovered at {' / '.join(kinds)} outside legal custody"
    fields: dict[str, Any] = {
        "requesting_agency": {"code": me.code, "name": me.name, "country": me.country},
        "contact": actor.username,
        "illicit_reason": illicit_reason,
        "intended_use": intended_use or "criminal investigation and prosecution",
        "notes": notes,
    }
    if circumstances:
        fields["circumstances"] = circumstances
    if requested:
        fields["requested"] = requested
    req = TraceRequest(
        id=public_id(session, TraceRequest),
        agency_id=me.id,
        visibility="private",
        reference=_next_reference(session, me.code, dt.date.today()),
        recipient_agency_id=recipient.id if recipient else None,
        recipient_name=recipient.name if recipient else to.strip(),
        recipient_country=country,
        status="draft",
        priority=priority,
        priority_reason=priority_reason,
        fields=fields,
        due_date=due_date,
        created_by=actor.username,
        synthetic=all(r.synthetic for r in recs),
    )
    req.items = [TraceRequestItem(recovery_id=r.id, description=d) for r, d in zip(recs, descriptions, strict=True)]
    session.add(req)
    session.flush()
    log(session, actor, "create", req, recipient=req.recipient_name, items=[d["key"] for d in descriptions])
    return req


# --- moving it along -------------------------------------------------------------------------------------


def send(
    session: Session, actor: Actor, ref: int | str, *, due_date: dt.date | None = None, today: dt.date | None = None
) -> TraceRequest:
    """Send a draft; the due date defaults to today + the priority's answer time."""
    req = find(session, actor, ref)
    _check(actor, req, "send")
    gate = Disclosure(session, req.agency_id, req.recipient_agency_id)
    for item in req.items:  # described again: what may be passed on now is what goes
        rec = session.get(Recovery, item.recovery_id) if item.recovery_id is not None else None
        if rec is not None:
            item.description = describe(session, gate, rec)
    req.status, req.sent_at = "sent", utcnow()
    days = PRIORITIES.get(req.priority, PRIORITIES["routine"])
    req.due_date = due_date or req.due_date or (today or dt.date.today()) + dt.timedelta(days)
    if req.recipient_agency_id is not None:
        req.visibility = "shared"
        shared = select(Share.id).where(
            Share.entity == "trace_request", Share.entity_id == req.id, Share.agency_id == req.recipient_agency_id
        )
        if session.scalar(shared) is None:
            session.add(Share(entity="trace_request", entity_id=req.id, agency_id=req.recipient_agency_id))
    session.flush()
    for item in req.items:  # photos of the recovery that go by consent are passed on too
        photos(session, item.recovery_id, item.id, False, gate)
    passed = sorted(f"{entity}:{record_id}" for entity, record_id in gate.consented)
    log(session, actor, "send", req, due_date=iso(req.due_date), **({"passed_on": passed} if passed else {}))
    gate.audit_passed(actor, req.reference, req.recipient_name)
    return req


def acknowledge(session: Session, actor: Actor, ref: int | str) -> TraceRequest:
    req = find(session, actor, ref)
    _check(actor, req, "acknowledge")
    req.status, req.acknowledged_at = "acknowledged", utcnow()
    log(session, actor, "acknowledge", req)
    return req


def _entry(value: CustodyEntry | dict[str, Any], where: str) -> CustodyEntry:
    return value if isinstance(value, CustodyEntry) else CustodyEntry.from_dict(value, where)


def answer(
    session: Session,
    actor: Actor,
    ref: int | str,
    *,
    custody_chain: Sequence[CustodyEntry | dict[str, Any]] | None = None,
    last_legal_custodian: CustodyEntry | dict[str, Any] | None = None,
    items: Sequence[ItemAnswer] | None = None,
    text: str | None = None,
    found: bool = True,
) -> TraceRequest:
    """Record the answer: per item (``items``) or one custody chain for every item of the request."""
    req = find(session, actor, ref)
    _check(actor, req, "answer")
    if items is None:
        chain = [_entry(c, f"custody_chain[{n}]") for n, c in enumerate(custody_chain or [])]
        last = _entry(last_legal_custodian, "last_legal_custodian") if last_legal_custodian else None
        if last is None and chain:
            legal = [c for c in chain if c.legal]
            last = legal[-1] if legal else None
        items = [ItemAnswer(None, chain, last, found)]
    keys = {str((i.description or {}).get("key")) for i in req.items}
    unknown = [a.item for a in items if a.item is not None and a.item not in keys]
    if unknown:
        raise InputError(f"{req.reference} has no item {unknown[0]!r} (items: {', '.join(sorted(keys))})")
    if not text and not any(a.custody_chain or a.last_legal_custodian or not a.found for a in items):
        raise InputError("an answer needs a custody chain, a last legal custodian, 'not found', or a text")
    req.answer = {
        "text": text,
        "answered_by": (
            {"agency": actor.agency_code, "name": _agency_name(session, actor), "user": actor.username}
            if req.agency_id != actor.agency_id
            else {"agency": None, "name": req.recipient_name, "user": None, "recorded_by": actor.agency_code}
        ),
        "items": [a.to_dict() for a in items],
    }
    req.status, req.answered_at = "answered", utcnow()
    log(session, actor, "answer", req, items=len(items))
    return req


def _agency_name(session: Session, actor: Actor) -> str:
    agency = session.get(Agency, actor.agency_id)
    return agency.name if agency else actor.agency_code


def close(session: Session, actor: Actor, ref: int | str, *, note: str | None = None) -> TraceRequest:
    req = find(session, actor, ref)
    _check(actor, req, "close")
    req.status, req.closed_at = "closed", utcnow()
    if note:
        req.messages.append(TraceMessage(agency_id=actor.agency_id, author=actor.username, body=note))
    log(session, actor, "close", req, note=note)
    return req


def add_message(session: Session, actor: Actor, ref: int | str, body: str) -> TraceRequest:
    """A message between requester and recipient, on any request that is not closed."""
    if not body.strip():
        raise InputError("body: the message is empty")
    req = find(session, actor, ref)
    _check(actor, req, "message")
    message = TraceMessage(agency_id=actor.agency_id, author=actor.username, body=body.strip())
    req.messages.append(message)
    session.flush()
    log(session, actor, "message", req, length=len(body), message_id=message.id)
    return req


def attach(
    session: Session,
    actor: Actor,
    ref: int | str,
    data: bytes,
    *,
    item: str | None = None,
    file_name: str | None = None,
    media_type: str | None = None,
    caption: str | None = None,
) -> TraceRequest:
    """A photo or document about one item: the requester's photos of the markings, the recipient's shipping
    record. Both parties may attach while the request is open; the same file twice is kept once."""
    req = find(session, actor, ref)
    _check(actor, req, "attach")
    if not data:
        raise InputError("attachment: the file is empty")
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise InputError(f"attachment: {len(data):,} bytes; at most {MAX_ATTACHMENT_BYTES:,} travel with a request")
    target = _target_item(req, item)
    digest = hashlib.sha256(data).hexdigest()
    if digest not in {p["sha256"] for p in request_photos(session, req, target, with_data=False)}:
        session.add(
            Attachment(
                agency_id=actor.agency_id,
                visibility="private",
                sha256=digest,
                entity="trace_request_item",
                entity_id=target.id,
                file_name=file_name,
                media_type=media_type,
                size=len(data),
                data=data,
                caption=caption,
            )
        )
        session.flush()
    log(session, actor, "attach", req, item=item_key(target), sha256=digest, file_name=file_name, size=len(data))
    return req


def _target_item(req: TraceRequest, key: str | None) -> TraceRequestItem:
    items = sorted(req.items, key=lambda i: i.id)
    keys = [item_key(i) for i in items]
    if key is None:
        if len(items) != 1:
            raise InputError(f"{req.reference} has {len(items)} items: name one with --item ({', '.join(keys)})")
        return items[0]
    for i, k in zip(items, keys, strict=True):
        if k == key:
            return i
    raise InputError(f"{req.reference} has no item {key!r} (items: {', '.join(keys)})")
