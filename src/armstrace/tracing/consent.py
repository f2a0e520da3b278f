"""Re-sharing: what an agency may pass on to another agency, and the owner's consent that allows it.

Seeing a record is not the right to hand it on. An agency (the *holder*) may put a record into what it
sends to a recipient — a trace request's description, its photos, an exported file — only when it may
see the record and one of these holds:

- the holder owns it;
- it is public;
- the recipient owns it (the record goes back where it came from);
- its owner shared it with the holder *and* recorded its consent (a ``ShareConsent``) that the holder
  passes it on to that recipient, or to any recipient (outside bodies included).

A trace request is refused when the recovery it is about may not be passed on; the records embedded in
its description (the incident, a registry link, transfers, photos) are left out when they may not. The
owner's consent is granted and revoked in the owner's name and written to both agencies' audit logs;
each record passed on by consent is written to its owner's log when the request is sent (``passed_on``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, exists, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from armstrace import audit
from armstrace.auth import Actor, can
from armstrace.exceptions import ConflictError, InputError, NotFoundError, PermissionDeniedError
from armstrace.model import Agency, Attachment, Incident, Item, Recovery, Share, ShareConsent, Transfer
from armstrace.store import visible
from armstrace.store.ids import public_id
from armstrace.values import Visibility

__all__ = ["ENTITIES", "Disclosure", "consents", "grant", "may_pass", "revoke"]

#: the records that travel inside a trace request or an export, by entity name
ENTITIES: dict[str, Any] = {
    "incident": Incident,
    "recovery": Recovery,
    "item": Item,
    "transfer": Transfer,
    "attachment": Attachment,
}


def _visible_to(session: Session, record: Any, agency_id: int) -> bool:
    model = type(record)
    return session.scalar(select(model.id).where(model.id == record.id, visible(model, agency_id))) is not None


def _consented(session: Session, record: Any, holder_id: int, recipient_id: int | None) -> bool:
    to: ColumnElement[bool] = ShareConsent.recipient_id.is_(None)
    if recipient_id is not None:
        to = or_(to, ShareConsent.recipient_id == recipient_id)
    found = exists(
        select(ShareConsent.id).where(
            ShareConsent.entity == record.__tablename__,
            ShareConsent.entity_id == record.id,
            ShareConsent.agency_id == record.agency_id,
            ShareConsent.partner_id == holder_id,
            to,
        )
    )
    return bool(session.scalar(select(found)))


def may_pass(session: Session, record: Any, holder_id: int, recipient_id: int | None) -> tuple[bool, bool]:
    """(may the holder pass ``record`` to the recipient, does that rest on the owner's consent)."""
    if record.agency_id == holder_id:
        return True, False
    if not _visible_to(session, record, holder_id):
        return False, False
    if record.visibility == Visibility.PUBLIC or (recipient_id is not None and record.agency_id == recipient_id):
        return True, False
    ok = _consented(session, record, holder_id, recipient_id)
    return ok, ok


@dataclass
class Disclosure:
    """One act of passing records on (a trace request to a recipient): answers ``allows`` and keeps the
    records that went by the owner's consent, for the owners' audit logs."""

    session: Session
    holder_id: int
    recipient_id: int | None
    consented: dict[tuple[str, int], int] = field(default_factory=dict)  # (entity, id) -> owner

    def allows(self, record: Any) -> bool:
        ok, by_consent = may_pass(self.session, record, self.holder_id, self.recipient_id)
        if ok and by_consent:
            self.consented[(record.__tablename__, record.id)] = record.agency_id

        return ok

    def require(self, record: Any, label: str) -> None:
        """Refuse (403) a record the holder may see but not pass on; one it may not see is a NotFoundError."""
        if self.allows(record):
            return
        if not _visible_to(self.session, record, self.holder_id):
            raise NotFoundError(f"no {label}")
        owner = self.session.get(Agency, record.agency_id)
        code = owner.code if owner else "its owner"
        raise PermissionDeniedError(
            f"{label} was shared with your agency by {code}: passing it on needs {code}'s consent "
            f"(`armstrace consent grant` by {code}, or POST /api/v1/consents)"
        )

    def audit_passed(self, actor: Actor, reference: str, recipient: str | None) -> None:
        """Write each record passed on by consent into its owner's audit log."""
        for (entity, record_id), owner in sorted(self.consented.items()):
            audit.record(
                self.session,
                actor=actor.username,
                action=f"{entity}.passed_on",
                agency_id=owner,
                entity=entity,
                entity_id=record_id,
                detail={"by": actor.agency_code, "to": recipient, "trace_request": reference},
            )


def _agency(session: Session, code: str | None, what: str) -> Agency | None:
    if code is None or not code.strip():
        return None
    found = session.scalar(select(Agency).where(Agency.code == code.strip().upper()))
    if found is None:
        raise InputError(f"{what}: no agency {code!r}")
    return found


def _record(session: Session, actor: Actor, entity: str, record_id: int) -> Any:
    model = ENTITIES.get(entity)
    if model is None:
        raise InputError(f"entity {entity!r}: use one of {', '.join(ENTITIES)}")
    row = session.scalar(select(model).where(model.id == record_id, visible(model, actor.scope)))
    if row is None:
        raise NotFoundError(f"no {entity} {record_id}")
    return row


def _owner_only(actor: Actor, record: Any, entity: str) -> None:
    if not can(actor, "share", record):
        raise PermissionDeniedError(f"only its owner's analysts and admins decide who may pass on this {entity}")


def grant(
    session: Session, actor: Actor, entity: str, record_id: int, *, partner: str, recipient: str | None = None
) -> ShareConsent:
    """The owner's consent that ``partner`` passes the record on to ``recipient`` (None: to anyone)."""
    record = _record(session, actor, entity, record_id)
    _owner_only(actor, record, entity)
    to_partner = _agency(session, partner, "partner")
    if to_partner is None:
        raise InputError("partner: name the agency that may pass the record on")
    shared = session.scalar(
        select(Share.id).where(Share.entity == entity, Share.entity_id == record.id, Share.agency_id == to_partner.id)
    )
    if record.visibility != Visibility.SHARED or shared is None:
        raise InputError(f"partner: the {entity} is not shared with {to_partner.code}; share it first")
    to = _agency(session, recipient, "recipient")
    same = and_(
        ShareConsent.entity == entity,
        ShareConsent.entity_id == record.id,
        ShareConsent.partner_id == to_partner.id,
        ShareConsent.recipient_id.is_(None) if to is None else ShareConsent.recipient_id == to.id,
    )
    if session.scalar(select(ShareConsent.id).where(same)) is not None:
        raise ConflictError(f"{to_partner.code} may already pass this {entity} on to {to.code if to else 'anyone'}")
    row = ShareConsent(
        id=public_id(session, ShareConsent),
        entity=entity,
        entity_id=record.id,
        agency_id=record.agency_id,
        partner_id=to_partner.id,
        recipient_id=to.id if to else None,
        granted_by=actor.username,
    )
    session.add(row)
    session.flush()
    _log(session, actor, "consent", row, to_partner, to)
    return row


def revoke(session: Session, actor: Actor, consent_id: int) -> ShareConsent:
    """Withdraw a consent: requests not yet sent may no longer carry the record."""
    row = session.get(ShareConsent, consent_id)
    if row is None or (actor.scope is not None and row.agency_id != actor.agency_id):
        raise NotFoundError(f"no consent {consent_id}")
    record = session.get(ENTITIES[row.entity], row.entity_id)
    if record is not None:
        _owner_only(actor, record, row.entity)
    partner = session.get(Agency, row.partner_id)
    to = session.get(Agency, row.recipient_id) if row.recipient_id else None
    _log(session, actor, "consent_revoke", row, partner, to)
    session.delete(row)
    session.flush()
    return row


def _log(
    session: Session, actor: Actor, action: str, row: ShareConsent, partner: Agency | None, to: Agency | None
) -> None:
    detail = {"consent": row.id, "partner": partner.code if partner else None, "recipient": to.code if to else None}
    for agency_id in dict.fromkeys((row.agency_id, row.partner_id)):  # both sides
        audit.record(
            session,
            actor=actor.username,
            action=f"{row.entity}.{action}",
            agency_id=agency_id,
            entity=row.entity,
            entity_id=row.entity_id,
            detail=detail,
        )


def consents(session: Session, actor: Actor) -> list[dict[str, Any]]:
    """The consents the actor's agency granted, and those granted to it (a server admin sees all)."""
    stmt = select(ShareConsent).order_by(ShareConsent.id)
    if actor.scope is not None:
        stmt = stmt.where(or_(ShareConsent.agency_id == actor.agency_id, ShareConsent.partner_id == actor.agency_id))
    codes = {r[0]: r[1] for r in session.execute(select(Agency.id, Agency.code))}
    return [
        {
            "id": c.id,
            "entity": c.entity,
            "record_id": c.entity_id,
            "owner": codes.get(c.agency_id),
            "partner": codes.get(c.partner_id),
            "recipient": codes.get(c.recipient_id) if c.recipient_id else None,
            "granted_by": c.granted_by,
            "created_at": c.created_at,
        }
        for c in session.scalars(stmt)
    ]
