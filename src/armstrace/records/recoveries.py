"""Recoveries: an item as observed at an incident, its serial kept exactly as read (never overwritten by
what a match suggests). Ammunition and explosive components are recoveries too (``armstrace.ammunition``,
``armstrace.explosives``), created through ``incident_for_new_item`` and audited with the same action."""

from __future__ import annotations

import secrets
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from armstrace import audit
from armstrace.auth import Actor, can
from armstrace.exceptions import ConflictError, InputError, NotFoundError, PermissionDeniedError
from armstrace.model import Incident, Recovery
from armstrace.store import visible
from armstrace.store.ids import public_id

from . import actions
from .access import check_codes, require, shared_with
from .visibility import set_visibility

__all__ = ["create_recovery", "incident_for_new_item"]


def create_recovery(db: Session, actor: Actor, incident: Incident, data: dict[str, Any]) -> Recovery:
    """Record an item recovered at ``incident``; it belongs to the incident's agency (a server admin adding
    an item to agency B's incident adds it to B's records, not to the admin's own agency's)."""
    require(actor, "write", incident)
    check_codes(data)
    data = dict(data)
    visibility, agencies = data.pop("visibility", None), data.pop("shared_with", None) or []
    code = data["recovery_code"]
    exists = select(Recovery.id).where(Recovery.incident_id == incident.id, Recovery.recovery_code == code)
    if db.scalar(exists) is not None:
        raise ConflictError(f"incident {incident.code} already has an item {code!r}")
    recovery = Recovery(
        id=public_id(db, Recovery),
        agency_id=incident.agency_id,  # the incident's agency
        incident_id=incident.id,
        visibility="private",
        row_hash=secrets.randbits(62),
        **data,
    )
    db.add(recovery)
    db.flush()
    audit.record(
        db,
        actor=actor.username,
        action=actions.RECOVERY_CREATE,
        agency_id=recovery.agency_id,
        entity="recovery",
        entity_id=recovery.id,
        detail={"incident": incident.code, "recovery_code": code, "serial_read": recovery.serial_read},
    )
    # An item is as visible as its incident unless said otherwise.
    visibility = visibility or incident.visibility
    agencies = agencies or (shared_with(db, incident) if visibility == "shared" else [])
    if visibility != "private":
        set_visibility(db, actor, recovery, visibility, agencies)
    return recovery


def incident_for_new_item(session: Session, actor: Actor, incident_ref: int | str, code: str) -> Incident:
    """The incident (id or code) the actor may add an item to, once ``code`` is known to be free there."""
    text = str(incident_ref).strip()
    query = select(Incident).where(visible(Incident, actor.scope))
    incident = session.scalar(query.where(Incident.id == int(text) if text.isdigit() else Incident.code == text))
    if incident is None:
        raise NotFoundError(f"no incident {text!r}")
    if not can(actor, "write", incident):
        raise PermissionDeniedError(f"your role ({actor.role}) and agency may not add items to {incident.code}")
    if not code.strip():
        raise InputError("recovery_code: required")
    clash = select(Recovery.id).where(Recovery.incident_id == incident.id, Recovery.recovery_code == code.strip())
    if session.scalar(clash) is not None:
        raise ConflictError(f"incident {incident.code} already has an item {code.strip()!r}")
    return incident
