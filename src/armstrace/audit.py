"""The audit log: append-only and hash-chained, so that any edit or deletion of history shows.

Each event stores ``hash = sha256(prev_hash + canonical JSON of its content and sequence number)``.
``verify`` recomputes the chain: an edited event no longer matches its hash, a deleted one breaks the
link from its successor. A deleted tail, or an edit followed by recomputing every later hash, is
caught by the anchors: signed checkpoints of the chain's head kept outside the database
(``store.anchors``, written automatically) or a head hash kept elsewhere (``--anchor``). Database
triggers refuse UPDATE and DELETE (and, on PostgreSQL, TRUNCATE) on the table; ``verify`` checks that
they are still there, since whoever removes them can rewrite history.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from armstrace.model import AuditEvent, utcnow
from armstrace.store.anchors import AUDIT_WRITTEN, Anchor, AnchorLog

__all__ = ["GENESIS", "AuditReport", "event_hash", "missing_guards", "record", "verify"]

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
    session.info[AUDIT_WRITTEN] = (seq, event.hash)  # the workspace anchors this head after the commit, when due
    return event


@dataclass
class AuditReport:
    events: int = 0
    head: str = GENESIS
    problems: list[str] = field(default_factory=list)
    anchors: int = 0  # signed anchors checked
    anchored: int = 0  # the last event an anchor covers

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def unanchored(self) -> int:
        """Events after the last anchor: their deletion could not be detected yet."""
        return max(0, self.events - self.anchored)


def verify(
    session: Session,
    *,
    anchor: str | None = None,
    anchors: AnchorLog | None = None,
    extra: list[Anchor] | None = None,
) -> AuditReport:
    """Recompute the whole chain; report every broken link, edited event and gap, every anchor the
    chain no longer matches (a deleted tail, or hashes recomputed after an edit), and missing guards.

    ``anchors``: the workspace's anchors file; ``extra``: anchors kept elsewhere (e.g. by a partner).
    """
    report = AuditReport()
    checked: list[Anchor] = list(extra or [])
    if anchors is not None:
        found, bad = anchors.read()
        checked = found + checked
        report.problems.extend(bad)
    by_seq: dict[int, list[Anchor]] = {}
    for a in checked:
        by_seq.setdefault(a.seq, []).append(a)
    mismatched: list[tuple[Anchor, int]] = []  # an anchor and the last anchored event that still matched
    last_good = 0
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
        for a in by_seq.pop(event.id, ()):
            if a.head == event.hash:
                last_good = max(last_good, event.id)
            else:
                mismatched.append((a, last_good))
        prev_hash, expected_seq = event.hash, event.id + 1
        report.events += 1
    report.head = prev_hash
    last_seq = expected_seq - 1
    for a, good in mismatched:
        report.problems.append(
            f"event {a.seq} is not the event anchored at {a.at} ({a.where}): history was rewritten — an event "
            f"among {good + 1}–{a.seq} was changed and the later hashes recomputed, or events were replaced"
        )
    beyond = [a for seq in sorted(by_seq) for a in by_seq[seq]]
    if beyond:  # one problem, named by the latest anchor the log falls short of
        a = beyond[-1]
        gone = f"event {a.seq} is" if a.seq == last_seq + 1 else f"events {last_seq + 1}–{a.seq} are"
        more = f"; {len(beyond) - 1} more anchor(s) name deleted events" if len(beyond) > 1 else ""
        report.problems.append(
            f"{gone} missing at the end: the anchor signed at {a.at} ({a.where}) names event {a.seq}, "
            f"the log ends at event {last_seq} (the tail was deleted){more}"
        )
    report.anchors = len(checked)
    report.anchored = min(last_seq, max((a.seq for a in checked), default=0))
    if not seen_anchor:
        report.problems.append(f"the anchor {anchor} is not in the chain: events after it were deleted or rewritten")
    report.problems.extend(missing_guards(session))
    return report


# a whole-table guard: no column list (UPDATE OF …), no WHEN condition, the body only refuses
_SQLITE_GUARD = re.compile(
    r'BEFORE (UPDATE|DELETE) ON "?AUDIT_EVENT"? (?:FOR EACH ROW )?BEGIN SELECT RAISE ?\( ?ABORT\b'
)

_PG_REFUSAL = re.compile(r"^BEGIN RAISE EXCEPTION '[^']*'; END;?$")


def missing_guards(session: Session) -> list[str]:
    """What is missing of the triggers that keep the audit table append-only (empty when all are there)."""
    guarded: set[str] = set()
    if session.get_bind().dialect.name == "sqlite":
        wanted: tuple[str, ...] = ("UPDATE", "DELETE")
        for (sql,) in session.execute(
            text("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_event'")
        ):
            match = _SQLITE_GUARD.search(" ".join(str(sql or "").upper().split()))
            if match:
                guarded.add(match.group(1))
    else:
        wanted = ("UPDATE", "DELETE", "TRUNCATE")
        rows = session.execute(
            text(
                "SELECT pg_get_triggerdef(t.oid), t.tgenabled, p.prosrc FROM pg_trigger t "
                "JOIN pg_proc p ON p.oid = t.tgfoid "
                "WHERE t.tgrelid = 'audit_event'::regclass AND NOT t.tgisinternal"
            )
        )
        for definition, enabled, source in rows:
            definition = " ".join(str(definition).upper().split())
            partial = " WHEN " in definition or " OF " in definition.split(" ON ", 1)[0]
            refuses = bool(_PG_REFUSAL.match(" ".join(str(source).upper().split()))) and " BEFORE " in definition
            if enabled == "D" or partial or not refuses:
                continue
            events = definition.split(" BEFORE ", 1)[1].split(" ON ", 1)[0]
            guarded.update(op for op in wanted if op in events.split())
    return [
        f"the trigger refusing {op} on audit_event is missing or disabled: the audit log can be rewritten "
        "(restore it as migration 0002 made it, and find out who removed it)"
        for op in wanted
        if op not in guarded
    ]
