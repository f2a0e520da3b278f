"""The audit log: append-only and hash-chained, so that any edit or deletion of history shows.

Each event stores ``hash = sha256(prev_hash + canonical JSON of its content and sequence number)``.
``verify`` recomputes the chain: an edited event no longer matches its hash, a deleted one breaks the
link from its successor, and a deleted tail is caught by comparing with an anchor (the head hash that
``verify`` prints, kept elsewhere: in a report, a ticket, an email to a partner agency). Database
triggers refuse UPDATE and DELETE on the table, so history is not changed by accident either.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from armstrace.model import AuditEvent, utcnow

__all__ = ["GENESIS", "AuditReport", "event_hash", "record", "verify"]

GENESIS = "0" * 64


def event_hash(prev_hash: str, seq: int, content: dict[str, Any]) -> str:
    payload = json.dumps({"seq": seq, **content}, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256((prev_hash + payload).encode()).hexdigest()


def _content(event: AuditEvent) -> dict[str, Any]:
    return {
        "at": event.at.isoformat(timespec="microseconds"),
        "agency_id": event.agency_id,
        "actor": event.actor,
        "action": event.action,
        "entity": event.entity,
        "entity_id": event.entity_id,
        "detail": event.detail,
    }


def record(
    session: Session,
    *,
    actor: str,
    action: str,
    agency_id: int | None = None,
    entity: str | None = None,
    entity_id: Any = None,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event in the caller's transaction (so it commits or rolls back with the change)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(4242)"))  # one writer extends the chain at a time
    last = session.execute(select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)).first()
    prev_hash = last.hash if last else GENESIS
    seq = (last.id if last else 0) + 1
    event = AuditEvent(
        id=seq,
        at=utcnow(),
        agency_id=agency_id,
        actor=actor,
        action=action,
        entity=entity,
        entity_id=None if entity_id is None else str(entity_id),
        detail=json.loads(json.dumps(detail, default=str)) if detail is not None else None,
        prev_hash=prev_hash,
    )
    event.hash = event_hash(prev_hash, seq, _content(event))
    session.add(event)
    session.flush()
    return event


@dataclass
class AuditReport:
    events: int = 0
    head: str = GENESIS
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(session: Session, *, anchor: str | None = None) -> AuditReport:
    """Recompute the whole chain; report every broken link, edited event and gap."""
    report = AuditReport()
    prev_hash, expected_seq = GENESIS, 1
    seen_anchor = anchor is None
    for event in session.scalars(select(AuditEvent).order_by(AuditEvent.id)).yield_per(1000):
        if event.id != expected_seq:
            report.problems.append(f"events {expected_seq}–{event.id - 1} are missing (deleted)")
        if event.prev_hash != prev_hash:
            report.problems.append(f"event {event.id} does not follow the previous event (chain broken)")
        if event_hash(event.prev_hash, event.id, _content(event)) != event.hash:
            report.problems.append(f"event {event.id} ({event.action}) was edited after it was written")
        if event.hash == anchor:
            seen_anchor = True
        prev_hash, expected_seq = event.hash, event.id + 1
        report.events += 1
    report.head = prev_hash
    if not seen_anchor:
        report.problems.append(f"the anchor {anchor} is not in the chain: events after it were deleted or rewritten")
    return report
