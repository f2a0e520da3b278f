"""Photos and files on recoveries, incidents and registry items, for an explicit actor.

Every function takes ``(session, actor, …)``; the actor is an ``auth.Actor``. The rules, in one place:

- a file is visible only with its record: an attachment of a recovery, incident or registry item the actor
  may not see answers exactly like a missing one (NotFoundError, the same message);
- adding a file is a change to the record: the owning agency's analysts and admins (``auth.can(…, "write")``);
- files are kept by SHA-256 of their content, byte for byte; the same file on the same record twice is kept
  once (adding it again changes nothing and is not logged again);
- a file is checked before it is stored (``inspection.inspect_file``): a bad file is refused, nothing kept;
- every file added is an ``attachment.add`` event in the owning agency's audit log, in the caller's transaction.
"""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from armstrace import audit
from armstrace.analysis.lookup import resolve_item, resolve_recovery
from armstrace.auth import Actor, can
from armstrace.exceptions import InputError, NotFoundError, PermissionDeniedError
from armstrace.model import Attachment, Incident, Item, Recovery
from armstrace.records import actions
from armstrace.settings import DEFAULT_MAX_ATTACHMENT_BYTES, DEFAULT_MAX_IMAGE_PIXELS
from armstrace.store import visible
from armstrace.values import Visibility

from .inspection import SHOWS, inspect_file

__all__ = [
    "ENTITIES",
    "add",
    "attachment_dict",
    "describe",
    "find",
    "list_for",
    "list_for_record",
    "resolve_record",
    "visible_attachments",
]

#: the records a file may be attached to: entity name → model
ENTITIES: dict[str, Any] = {"recovery": Recovery, "incident": Incident, "item": Item}
_LABELS = {"recovery": "recovery", "incident": "incident", "item": "registry record"}


def resolve_record(session: Session, actor: Actor, entity: str, ref: int | str) -> Any:
    """The recovery, incident or registry item ``ref`` names (an int: its number only), when the actor sees it."""
    if entity not in ENTITIES:
        raise InputError(f"files attach to {', '.join(ENTITIES)}, not {entity!r}")
    if isinstance(ref, int):  # a record's number (the API): never read as a code
        model = ENTITIES[entity]
        row = session.scalar(select(model).where(model.id == ref, visible(model, actor.scope)))
        if row is None:
            raise NotFoundError(f"no {_LABELS[entity]} {ref}")
        return row
    if entity == "recovery":
        return resolve_recovery(session, actor.scope, ref)
    if entity == "item":
        return resolve_item(session, actor.scope, ref)
    text = str(ref).strip()
    query = select(Incident).where(visible(Incident, actor.scope))
    found = session.scalar(query.where(Incident.id == int(text))) if text.isdigit() else None
    if found is None:
        rows = list(session.scalars(query.where(Incident.code == text).limit(5)))
        if len(rows) > 1:
            raise InputError(f"incident {text!r} is ambiguous (several agencies use the code): name it by number")
        found = rows[0] if rows else None
    if found is None:
        raise NotFoundError(f"no incident {text!r}")
    return found


def visible_attachments(actor: Actor) -> ColumnElement[bool]:
    """A WHERE clause on Attachment: the files whose record (recovery, incident, registry item) the actor sees."""
    if actor.scope is None:
        return Attachment.entity.in_(tuple(ENTITIES))
    return or_(*(
        and_(Attachment.entity == name, Attachment.entity_id.in_(select(model.id).where(visible(model, actor.scope))))
        for name, model in ENTITIES.items()
    ))  # fmt: skip


def add(
    session: Session,
    actor: Actor,
    entity: str,
    ref: int | str,
    data: bytes,
    *,
    file_name: str | None = None,
    shows: str = "other",
    caption: str | None = None,
    max_bytes: int = DEFAULT_MAX_ATTACHMENT_BYTES,
    max_pixels: int = DEFAULT_MAX_IMAGE_PIXELS,
) -> dict[str, Any]:
    """Check and keep a file on a record; returns it as ``attachment_dict`` (``added`` False: kept already)."""
    record = resolve_record(session, actor, entity, ref)
    if not can(actor, "write", record):
        raise PermissionDeniedError(f"your role ({actor.role}) and agency may not add files to this {_LABELS[entity]}")
    file_name = _clean_name(file_name)
    facts = inspect_file(data, file_name, shows, max_bytes=max_bytes, max_pixels=max_pixels)
    digest = hashlib.sha256(data).hexdigest()
    same = (Attachment.sha256 == digest, Attachment.entity == entity, Attachment.entity_id == record.id)
    existing = session.scalar(select(Attachment).where(*same))
    if existing is not None:
        return attachment_dict(existing) | {"added": False}
    row = Attachment(
        agency_id=record.agency_id,
        visibility=Visibility.PRIVATE,  # a file is seen with its record; its own visibility is not used
        sha256=digest,
        entity=entity,
        entity_id=record.id,
        file_name=file_name,
        media_type=facts.media_type,
        size=len(data),
        data=data,
        caption=(caption or "").strip() or None,
        shows=shows,
        created_by=actor.username,
        taken_at=facts.taken_at,
        latitude=facts.latitude,
        longitude=facts.longitude,
        image=facts.image,
        thumbnail=facts.thumbnail,
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor=actor.username,
        action=actions.ATTACHMENT_ADD,
        agency_id=record.agency_id,
        entity=entity,
        entity_id=record.id,
        detail={"attachment_id": row.id, "sha256": digest, "file_name": file_name, "size": len(data),
                "media_type": facts.media_type, "shows": shows, "exif_notes": facts.notes or None},
    )  # fmt: skip
    return attachment_dict(row) | {"added": True, "notes": facts.notes}


def describe(session: Session, actor: Actor, attachment: Attachment, changes: dict[str, Any]) -> dict[str, Any]:
    """Change what a kept file is said to show, its caption or its name (the bytes never change); audited
    with the fields changed. Returns the changes applied."""
    record = session.get(ENTITIES[attachment.entity], attachment.entity_id)
    if record is None or not can(actor, "write", record):
        raise PermissionDeniedError(f"your role ({actor.role}) and agency may not change this file's description")
    unknown = set(changes) - {"file_name", "shows", "caption"}
    if unknown:
        raise InputError(f"a file's {', '.join(sorted(unknown))} cannot change (its description can)")
    if changes.get("shows") is not None and changes["shows"] not in SHOWS:
        raise InputError(f"shows: {changes['shows']!r} is not one of {', '.join(SHOWS)}")
    applied = {k: v for k, v in changes.items() if getattr(attachment, k) != v}
    for key, value in applied.items():
        setattr(attachment, key, value)
    if applied:
        audit.record(session, actor=actor.username, action=actions.ATTACHMENT_UPDATE, agency_id=attachment.agency_id,
                     entity=attachment.entity, entity_id=attachment.entity_id,
                     detail={"attachment_id": attachment.id, "after": applied})  # fmt: skip
    return applied


def find(session: Session, actor: Actor, attachment_id: int) -> Attachment:
    """One file, when the actor may see its record; otherwise NotFoundError, as for a missing id."""
    row = session.scalar(select(Attachment).where(Attachment.id == attachment_id, visible_attachments(actor)))
    if row is None:
        raise NotFoundError(f"no file {attachment_id}")
    return row


def list_for(session: Session, actor: Actor, entity: str, ref: int | str) -> list[dict[str, Any]]:
    """The files on a record the actor may see, oldest first."""
    return list_for_record(session, entity, resolve_record(session, actor, entity, ref).id)


def list_for_record(session: Session, entity: str, record_id: int) -> list[dict[str, Any]]:
    """The files on a record already checked as visible (pages and the report call this)."""
    rows = session.scalars(
        select(Attachment).where(Attachment.entity == entity, Attachment.entity_id == record_id).order_by(Attachment.id)
    )
    return [attachment_dict(a) for a in rows]


def attachment_dict(a: Attachment) -> dict[str, Any]:
    """A file's description, without its bytes."""
    return {
        "id": a.id, "entity": a.entity, "record_id": a.entity_id, "sha256": a.sha256, "file_name": a.file_name,
        "media_type": a.media_type, "size": a.size, "shows": a.shows, "caption": a.caption,
        "created_by": a.created_by, "created_at": a.created_at, "taken_at": a.taken_at,
        "latitude": a.latitude, "longitude": a.longitude, "image": a.image,
        "has_thumbnail": a.thumbnail is not None,
    }  # fmt: skip


def _clean_name(file_name: str | None) -> str | None:
    """The file's own name, without any folders a browser or a path sends along."""
    if not file_name:
        return None
    name = file_name.replace("\\", "/").rsplit("/", 1)[-1].strip()
    name = "".join(c for c in name if c.isprintable())[:200]
    return name or None
