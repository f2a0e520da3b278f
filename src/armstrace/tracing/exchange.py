"""Trace requests between workspaces as JSON: format ``armstrace.trace_request`` version 1, photos included.

The requester exports a sent request; the recipient's workspace imports it into its inbox, acknowledges
and answers there, and exports it back; importing that file in the requester's workspace updates the
original request, matched on ``reference`` (status, timestamps, answer, new messages, and files either
party attached to an item, matched on item key and SHA-256). Importing the same file twice changes nothing.
"""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from armstrace.exceptions import ConflictError, InputError, NotFoundError
from armstrace.model import Agency, Attachment, Share, TraceMessage, TraceRequest, TraceRequestItem, utcnow
from armstrace.store.ids import public_id
from armstrace.values import TraceStatus, Visibility

from .lifecycle import Actor, find, log
from .views import STATUSES, iso, item_key, parse_date, parse_datetime, request_photos

__all__ = ["FORMAT", "FORMAT_VERSION", "export_doc", "import_doc", "load"]

FORMAT = "armstrace.trace_request"
FORMAT_VERSION = 1


def export_doc(s: Session, actor: Actor, ref: int | str) -> dict[str, Any]:
    """The whole request as one JSON document (photos inlined), for the other party's workspace."""
    req = find(s, actor, ref)
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
            {"description": i.description or {}, "photos": request_photos(s, req, i, with_data=True)}
            for i in sorted(req.items, key=lambda i: i.id)
        ],
        "messages": [
            {
                "agency": codes.get(m.agency_id) if m.agency_id else None,
                "author": m.author,
                "body": m.body,
                "created_at": iso(m.created_at),
            }
            for m in req.messages
        ],
        "answer": req.answer,
        "due_date": iso(req.due_date),
        "created_by": req.created_by,
        "created_at": iso(req.created_at),
        "sent_at": iso(req.sent_at),
        "acknowledged_at": iso(req.acknowledged_at),
        "answered_at": iso(req.answered_at),
        "closed_at": iso(req.closed_at),
        "synthetic": bool(req.synthetic),
    }
    log(s, actor, "export", req)
    return doc


def load(data: dict[str, Any] | str | Path) -> dict[str, Any]:
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


def import_doc(s: Session, actor: Actor, data: dict[str, Any] | str | Path) -> tuple[TraceRequest, str]:
    """Bring in a request (→ ``created`` in our inbox) or the other party's update of ours (→ ``updated``)."""
    doc = load(data)
    me = s.get(Agency, actor.agency_id)
    if me is None:  # pragma: no cover - an actor always has an agency
        raise NotFoundError(f"no agency {actor.agency_code!r}")
    existing = s.scalar(select(TraceRequest).where(TraceRequest.reference == doc["reference"]))
    if existing is None:
        req = _create_from_doc(s, me, doc)
        outcome = "created"
    else:
        req = find(s, actor, doc["reference"])
        outcome = "updated" if _merge(req, doc, s, me) else "unchanged"
    s.flush()
    log(s, actor, "import", req, outcome=outcome)
    return req, outcome


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
    if doc["status"] == TraceStatus.DRAFT:
        raise ConflictError(f"{doc['reference']} is a draft: the requesting agency must send it before export")
    recipient = doc.get("recipient") or {}
    req = TraceRequest(
        id=public_id(s, TraceRequest),
        agency_id=owner.id,
        visibility=Visibility.SHARED,
        reference=doc["reference"],
        recipient_agency_id=me.id,
        recipient_name=recipient.get("name") or me.name,
        recipient_country=recipient.get("country") or me.country,
        status=doc["status"],
        priority=doc.get("priority") or "routine",
        priority_reason=doc.get("priority_reason"),
        fields=doc.get("fields") or {},
        answer=doc.get("answer"),
        due_date=parse_date(doc.get("due_date"), "due_date"),
        created_by=doc.get("created_by"),
        created_at=parse_datetime(doc.get("created_at"), "created_at") or utcnow(),
        sent_at=parse_datetime(doc.get("sent_at"), "sent_at"),
        acknowledged_at=parse_datetime(doc.get("acknowledged_at"), "acknowledged_at"),
        answered_at=parse_datetime(doc.get("answered_at"), "answered_at"),
        closed_at=parse_datetime(doc.get("closed_at"), "closed_at"),
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


def _photo_bytes(photo: Any, where: str) -> tuple[bytes, str]:
    """The file's bytes and their SHA-256, checked against the one the sender wrote down."""
    try:
        blob = base64.b64decode(photo["data_base64"], validate=True)
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"trace request {where}: data_base64 is missing or not base64") from exc
    digest = hashlib.sha256(blob).hexdigest()
    if photo.get("sha256") and photo["sha256"] != digest:
        raise InputError(f"trace request {where}: the photo does not match its sha256 (damaged in transit?)")
    return blob, digest


def _store_photo(s: Session, owner_id: int, item_id: int, photo: dict[str, Any], where: str) -> None:
    blob, digest = _photo_bytes(photo, where)
    s.add(
        Attachment(
            agency_id=owner_id,
            visibility=Visibility.PRIVATE,
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
    have = {(iso(m.created_at), m.author, m.body) for m in req.messages}
    changed = False
    for n, m in enumerate(doc.get("messages") or []):
        if not isinstance(m, dict) or not m.get("body"):
            raise InputError(f"trace request messages[{n}]: 'body' is missing")
        created = parse_datetime(m.get("created_at"), f"messages[{n}].created_at") or utcnow()
        if (iso(created), m.get("author"), m["body"]) in have:
            continue
        agency = _ensure_agency(s, m["agency"], doc).id if m.get("agency") else None
        req.messages.append(TraceMessage(agency_id=agency, author=m.get("author"), body=m["body"], created_at=created))
        changed = True
    return changed


def _merge_photos(s: Session, req: TraceRequest, doc: dict[str, Any], owner_id: int) -> bool:
    """The photos and documents the other party attached to an item since (matched by item key and sha256)."""
    ours = {item_key(i): i for i in req.items}
    changed = False
    for n, entry in enumerate(doc["items"]):
        item = ours.get(str((entry.get("description") or {}).get("key")))
        if item is None:
            continue
        have = {p["sha256"] for p in request_photos(s, req, item, with_data=False)}
        for k, photo in enumerate(entry.get("photos") or []):
            where = f"items[{n}].photos[{k}]"
            digest = _photo_bytes(photo, where)[1]
            if digest not in have:
                _store_photo(s, owner_id, item.id, photo, where)
                have.add(digest)
                changed = True
    return changed


def _merge(req: TraceRequest, doc: dict[str, Any], s: Session, me: Agency) -> bool:
    """Take the other party's progress: a later status, its timestamps, its answer, new messages and files."""
    changed = _merge_messages(s, req, doc)
    changed = _merge_photos(s, req, doc, me.id) or changed
    if STATUSES.index(doc["status"]) > STATUSES.index(req.status):
        req.status, changed = doc["status"], True
    for name in ("sent_at", "acknowledged_at", "answered_at", "closed_at"):
        value = parse_datetime(doc.get(name), name)
        if value is not None and getattr(req, name) is None:
            setattr(req, name, value)
            changed = True
    if doc.get("answer") and doc["answer"] != req.answer:
        incoming = parse_datetime(doc.get("answered_at"), "answered_at")
        if req.answer is None or (incoming and req.answered_at and incoming >= req.answered_at):
            req.answer, req.answered_at, changed = doc["answer"], incoming or req.answered_at, True
    if req.due_date is None and doc.get("due_date"):
        req.due_date, changed = parse_date(doc["due_date"], "due_date"), True
    return changed
