"""Changing the fields of a record: the required fields stay, a code stays unique, and the audit log keeps
what each changed field was before and after (``<entity>.update``)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from armstrace import audit
from armstrace.auth import Actor
from armstrace.exceptions import ConflictError, InputError
from armstrace.model import Incident, Item

from . import actions
from .access import check_codes, require, shared_with
from .visibility import registry_view_changed, set_visibility

__all__ = ["update_record"]


def update_record(db: Session, actor: Actor, record: Any, changes: dict[str, Any]) -> Any:
    """Change the given fields of a record of the caller's agency, audited with before and after."""
    require(actor, "write", record)
    check_codes(changes)
    visibility, agencies = changes.pop("visibility", None), changes.pop("shared_with", None)
    entity = record.__tablename__
    required = {"incident": ("code", "date", "country"), "recovery": ("recovery_code",)}.get(entity, ())
    nulled = [name for name in required if name in changes and changes[name] in (None, "")]
    if nulled:
        raise InputError(f"{nulled[0]}: required, it cannot be removed (leave the field out to keep it)")
    if entity == "recovery":
        serial = changes.get("serial_read", record.serial_read)
        obliterated = changes.get("obliterated", record.obliterated)
        if not (serial or "").strip() and not obliterated:
            raise InputError("serial_read: give the serial as read, or set obliterated to true")
    before = {k: getattr(record, k) for k in changes}
    if entity == "incident" and "code" in changes and changes["code"] != record.code:
        clash = select(Incident.id).where(Incident.agency_id == record.agency_id, Incident.code == changes["code"])
        if db.scalar(clash) is not None:
            raise ConflictError(f"your agency already has an incident {changes['code']!r}")
    for key, value in changes.items():
        setattr(record, key, value)
    db.flush()
    if changes and entity == Item.__tablename__:  # the search index holds the old values
        registry_view_changed(db)
    if changes:
        audit.record(
            db,
            actor=actor.username,
            action=actions.update(entity),
            agency_id=record.agency_id,
            entity=entity,
            entity_id=record.id,
            detail={"before": before, "after": changes},
        )
    if visibility is not None or agencies is not None:
        vis = visibility or record.visibility
        set_visibility(
            db,
            actor,
            record,
            vis,
            agencies if agencies is not None else (shared_with(db, record) if vis == "shared" else []),
        )
    return record
