"""The audit vocabulary of record operations: one name per act, whichever shell performed it.

An act on a record is audited as ``<entity>.<verb>`` (entity: the record's table). Every name a records
function writes is listed here; names written by older versions are kept in ``RENAMED`` so that a query
of the audit log by action still finds the events written under them (``spellings``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.sql import Select

from armstrace.auth import Actor
from armstrace.model import AuditEvent

from .access import require

__all__ = [
    "ACTIONS",
    "ATTACHMENT_ADD",
    "ATTACHMENT_UPDATE",
    "INCIDENT_CREATE",
    "MATCH_REVIEW",
    "MATCH_SEARCH",
    "RECOVERY_CREATE",
    "RENAMED",
    "events",
    "share",
    "spellings",
    "update",
]

INCIDENT_CREATE = "incident.create"
RECOVERY_CREATE = "recovery.create"  # weapons, ammunition and explosive components alike (``detail.kind``)
MATCH_SEARCH = "match.search"  # candidates searched for and stored for a recovery
MATCH_REVIEW = "match.review"  # a person confirmed or rejected a candidate
ATTACHMENT_ADD = "attachment.add"
ATTACHMENT_UPDATE = "attachment.update"  # what a file shows, its caption or name changed
_ENTITIES = ("incident", "recovery", "item", "match", "transfer")


def update(entity: str) -> str:
    """The action of changing fields of a record of ``entity`` (audited with before and after)."""
    return f"{entity}.update"


def share(entity: str) -> str:
    """The action of making a record of ``entity`` private, public or shared with named agencies."""
    return f"{entity}.share"


#: every action a records function writes
ACTIONS = frozenset(
    {INCIDENT_CREATE, RECOVERY_CREATE, MATCH_SEARCH, MATCH_REVIEW, ATTACHMENT_ADD, ATTACHMENT_UPDATE}
    | {update(e) for e in _ENTITIES}
    | {share(e) for e in _ENTITIES}
)
#: old name → the name written today (the command line wrote ``incident.add`` before records/ existed)
RENAMED = {"incident.add": INCIDENT_CREATE}


def spellings(action: str) -> tuple[str, ...]:
    """``action`` and every older name of the same act: what a query of the audit log by action matches."""
    current = RENAMED.get(action, action)
    return (current, *sorted(old for old, new in RENAMED.items() if new == current))


def events(actor: Actor, *, action: str | None = None, entity: str | None = None) -> Select[Any]:
    """A query of the audit events the actor may read, newest first: its agency's (a server admin's: all),
    an action matched under its older names too. Agency admins and server admins only."""
    require(actor, "audit.read")
    stmt = select(AuditEvent)
    if actor.scope is not None:
        stmt = stmt.where(AuditEvent.agency_id == actor.agency_id)
    if action:
        stmt = stmt.where(AuditEvent.action.in_(spellings(action)))
    if entity:
        stmt = stmt.where(AuditEvent.entity == entity)
    return stmt.order_by(AuditEvent.id.desc())
