"""The queries and changes the API and the pages share, each one applying the caller's visibility.

A record the caller may not see is answered exactly like a missing one (``NotFoundError`` with the
same message), is never counted, and never appears in a list or a search. A record the caller may
see but not change answers 403. Every change is written to the audit log in the same transaction,
filed under the agency that owns the record: a server admin's change to agency B's record is in B's
log (for B's admins), never in the admin's own agency's log, whose admins may not see B's records.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable
from typing import Any, TypeVar

from sqlalchemy import and_, delete, exists, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql import Select
from sqlalchemy.sql.elements import ColumnElement

from armstrace import audit
from armstrace.auth import Principal, can
from armstrace.exceptions import ConflictError, InputError, NotFoundError, PermissionDeniedError
from armstrace.model import (
    VISIBILITIES,
    Agency,
    Incident,
    Item,
    Match,
    Recovery,
    ServerSetting,
    Share,
    TraceRequest,
    Transfer,
    utcnow,
)
from armstrace.store import visible
from armstrace.store.ids import public_id
from armstrace.tracing.lifecycle import visible_requests

__all__ = [
    "CONTROL",
    "agency_codes",
    "check_codes",
    "create_incident",
    "create_recovery",
    "custody",
    "dashboard_counts",
    "get_visible",
    "match_visible",
    "page",
    "registry_view_changed",
    "registry_view_version",
    "require",
    "review_match",
    "set_visibility",
    "shared_with",
    "trace_visible",
    "update_record",
]

T = TypeVar("T")
#: control characters (C0, DEL, C1, line and paragraph separators) are refused in codes, at every entry point
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
CODES = {"code", "recovery_code"}


def check_codes(data: dict[str, Any]) -> None:
    """Refuse a code with a control character: it would split a download's header or a log line."""
    for name in CODES & set(data):
        if isinstance(data[name], str) and CONTROL.search(data[name]):
            raise InputError(f"{name}: a code may not hold control characters (CR, LF, tab …)")
#: ``server_setting`` row whose value changes whenever a registry record's visibility changes (see search.py)
REGISTRY_VIEW = "registry_view_version"
LABELS: dict[Any, str] = {
    Incident: "incident", Recovery: "recovery", Item: "registry record", Match: "match",
    TraceRequest: "trace request", Transfer: "transfer",
}


def trace_visible(p: Principal) -> ColumnElement[bool]:
    """Trace requests the caller may see: the library's rule (``tracing.lifecycle.visible_requests``)."""
    return visible_requests(p)


def match_visible(p: Principal) -> ColumnElement[bool]:
    """A match is visible only with both its recovery and its registry record (no leak through links)."""
    if p.scope is None:
        return Match.id.is_not(None)
    # correlated EXISTS on the primary keys: one index probe per match row, whatever the registry's size
    # (an ``IN (SELECT id … visible)`` lists every visible registry record first)
    # (aliases: the outer query may join recovery or item itself, which would swallow the correlation)
    rec, item = aliased(Recovery), aliased(Item)
    return and_(
        visible(Match, p.scope),
        exists(select(rec.id).where(rec.id == Match.recovery_id, visible(rec, p.scope))),
        exists(select(item.id).where(item.id == Match.item_id, visible(item, p.scope))),
    )


def where_visible(model: Any, p: Principal) -> ColumnElement[bool]:
    if model is TraceRequest:
        return trace_visible(p)
    if model is Match:
        return match_visible(p)
    return visible(model, p.scope)


def get_visible(db: Session, model: type[T], record_id: int, p: Principal) -> T:
    """The record, or NotFoundError — the same for a missing record and one the caller may not see."""
    m: Any = model
    row: T | None = db.scalar(select(m).where(m.id == record_id, where_visible(m, p)))
    if row is None:
        raise NotFoundError(f"no {LABELS.get(model, model.__name__.lower())} {record_id}")
    return row


def require(p: Principal, action: str, record: Any = None) -> None:
    if not can(p, action, record):
        raise PermissionDeniedError(f"your role ({p.role}) may not {action} this record")


def page(db: Session, stmt: Select[Any], limit: int, offset: int) -> tuple[list[Any], int]:
    """One page of ``stmt`` and the total count of its rows."""
    total = db.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    rows = list(db.scalars(stmt.limit(limit).offset(offset)))
    return rows, total


def agency_codes(db: Session) -> dict[int, str]:
    return {r[0]: r[1] for r in db.execute(select(Agency.id, Agency.code))}


def shared_with(db: Session, record: Any, viewer: Principal | None = None) -> list[str]:
    """The agencies ``record`` is shared with — all of them for its owner (or a server admin, or no
    ``viewer``); for a partner only itself: whom else an agency trusts with a record is its own business."""
    rows = list(db.scalars(
        select(Agency.code).join(Share, Share.agency_id == Agency.id)
        .where(Share.entity == record.__tablename__, Share.entity_id == record.id).order_by(Agency.code)
    ))
    if viewer is None or viewer.scope is None or viewer.agency_id == record.agency_id:
        return rows
    return [code for code in rows if code == viewer.agency_code]


def set_visibility(db: Session, p: Principal, record: Any, visibility: str, agencies: Iterable[str] = ()
                   ) -> None:
    """Make ``record`` private, public, or shared with the named agencies (replacing earlier shares)."""
    require(p, "share", record)
    if visibility not in VISIBILITIES:
        raise InputError(f"visibility {visibility!r}: use one of {', '.join(VISIBILITIES)}")
    codes = sorted({c.strip().upper() for c in agencies if c.strip()})
    if visibility == "shared" and not codes:
        raise InputError("shared_with: name at least one agency to share with")
    if visibility != "shared" and codes:
        raise InputError("shared_with: only a record with visibility 'shared' is shared with named agencies")
    stmt = select(Agency.code, Agency.id).where(Agency.code.in_(codes))
    found: dict[str, int] = {r[0]: r[1] for r in db.execute(stmt)}
    missing = [c for c in codes if c not in found]
    if missing:
        raise InputError(f"shared_with: no agency {', '.join(missing)}")
    entity = record.__tablename__
    before = set(db.scalars(select(Share.agency_id).where(Share.entity == entity, Share.entity_id == record.id)))
    db.execute(delete(Share).where(Share.entity == entity, Share.entity_id == record.id))
    for code in codes:
        if found[code] != record.agency_id:
            db.add(Share(entity=entity, entity_id=record.id, agency_id=found[code]))
    if entity == Item.__tablename__:
        after = {found[c] for c in codes if found[c] != record.agency_id}
        if "public" in (record.visibility, visibility):  # every agency's view changes
            registry_view_changed(db)
        elif before != after:  # only the agencies gaining or losing the record; not the owner, nor others
            registry_view_changed(db, before ^ after)
    record.visibility = visibility
    db.flush()
    audit.record(db, actor=p.username, action=f"{entity}.share", agency_id=record.agency_id, entity=entity,
                 entity_id=record.id, detail={"visibility": visibility, "shared_with": codes})


def registry_view_version(db: Session, agency_id: int | None = None) -> str | None:
    """A token that changes whenever the visibility of a registry record changes for every agency (no
    ``agency_id``) or for agency ``agency_id`` alone (None: never changed)."""
    return db.scalar(select(ServerSetting.value).where(ServerSetting.name == _view_setting(agency_id)))


def _view_setting(agency_id: int | None) -> str:
    return REGISTRY_VIEW if agency_id is None else f"{REGISTRY_VIEW}:{agency_id}"


def registry_view_changed(db: Session, agencies: Iterable[int] | None = None) -> None:
    """Mark the view of the registry as changed (in the caller's transaction): every agency's view, or
    only the view of the agencies named (a record shared with or withdrawn from them).

    A record going from public to private while another goes from private to public leaves each
    agency's count and highest visible id as they were; the search cache must still see the change,
    or a hidden record would keep taking part in the ranking. A fresh random value (not a counter)
    stays a change even when two transactions write it at once. Naming the agencies keeps one agency's
    sharing from rebuilding every other agency's search index.
    """
    names = [REGISTRY_VIEW] if agencies is None else [_view_setting(a) for a in sorted(set(agencies))]
    for name in names:
        token = secrets.token_hex(16)
        row = db.get(ServerSetting, name)
        if row is None:
            try:
                with db.begin_nested():
                    db.add(ServerSetting(name=name, value=token))
                continue
            except IntegrityError:  # another transaction made the row first
                row = db.get(ServerSetting, name)
        if row is not None:
            row.value = token


def create_incident(db: Session, p: Principal, data: dict[str, Any]) -> Incident:
    require(p, "write")
    check_codes(data)
    data = dict(data)
    visibility, agencies = data.pop("visibility", "private"), data.pop("shared_with", None) or []
    if db.scalar(select(Incident.id).where(Incident.agency_id == p.agency_id, Incident.code == data["code"])):
        raise ConflictError(f"your agency already has an incident {data['code']!r}")
    incident = Incident(id=public_id(db, Incident), agency_id=p.agency_id, visibility="private", **data)
    db.add(incident)
    db.flush()
    audit.record(db, actor=p.username, action="incident.create", agency_id=p.agency_id, entity="incident",
                 entity_id=incident.id, detail={"code": incident.code})
    if visibility != "private" or agencies:
        set_visibility(db, p, incident, visibility, agencies)
    return incident


def create_recovery(db: Session, p: Principal, incident: Incident, data: dict[str, Any]) -> Recovery:
    """Record an item recovered at ``incident``; it belongs to the incident's agency (a server admin adding
    an item to agency B's incident adds it to B's records, not to the admin's own agency's)."""
    require(p, "write", incident)
    check_codes(data)
    data = dict(data)
    visibility, agencies = data.pop("visibility", None), data.pop("shared_with", None) or []
    code = data["recovery_code"]
    exists = select(Recovery.id).where(Recovery.incident_id == incident.id, Recovery.recovery_code == code)
    if db.scalar(exists) is not None:
        raise ConflictError(f"incident {incident.code} already has an item {code!r}")
    recovery = Recovery(id=public_id(db, Recovery), agency_id=incident.agency_id,  # the incident's agency
                        incident_id=incident.id, visibility="private", row_hash=secrets.randbits(62), **data)
    db.add(recovery)
    db.flush()
    audit.record(db, actor=p.username, action="recovery.create", agency_id=recovery.agency_id, entity="recovery",
                 entity_id=recovery.id, detail={"incident": incident.code, "recovery_code": code,
                                                "serial_read": recovery.serial_read})
    # An item is as visible as its incident unless said otherwise.
    visibility = visibility or incident.visibility
    agencies = agencies or (shared_with(db, incident) if visibility == "shared" else [])
    if visibility != "private":
        set_visibility(db, p, recovery, visibility, agencies)
    return recovery


def update_record(db: Session, p: Principal, record: Any, changes: dict[str, Any]) -> Any:
    """Change the given fields of a record of the caller's agency, audited with before and after."""
    require(p, "write", record)
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
        audit.record(db, actor=p.username, action=f"{entity}.update", agency_id=record.agency_id, entity=entity,
                     entity_id=record.id, detail={"before": before, "after": changes})
    if visibility is not None or agencies is not None:
        vis = visibility or record.visibility
        set_visibility(db, p, record, vis, agencies if agencies is not None else
                       (shared_with(db, record) if vis == "shared" else []))
    return record


def review_match(db: Session, p: Principal, match: Match, decision: str, note: str | None) -> Match:
    """A reviewer's decision on a candidate: evidence is confirmed or rejected by a person, never by code."""
    require(p, "review", match)
    if decision not in ("confirmed", "rejected", "candidate"):
        raise InputError(f"decision {decision!r}: use confirmed, rejected or candidate")
    before = match.status
    match.status, match.review_note = decision, note
    match.reviewed_by, match.reviewed_at = p.username, utcnow()
    db.flush()
    audit.record(db, actor=p.username, action="match.review", agency_id=match.agency_id, entity="match",
                 entity_id=match.id, detail={"before": before, "decision": decision, "note": note})
    return match


def custody(db: Session, p: Principal, item: Item) -> list[Transfer]:
    """The visible transfers that moved this item: by its record id, its serial, or a range holding it."""
    conds: list[ColumnElement[bool]] = [Transfer.record_id == item.record_id]
    if item.serial_norm:
        conds.append(Transfer.serial_norm == item.serial_norm)
        conds.append(and_(Transfer.serial_end.is_not(None), Transfer.serial_norm <= item.serial_norm,
                          Transfer.serial_end >= item.serial_norm,
                          func.length(Transfer.serial_norm) == len(item.serial_norm)))
    stmt = select(Transfer).where(or_(*conds), visible(Transfer, p.scope)).order_by(Transfer.date, Transfer.id)
    return list(db.scalars(stmt.limit(1000)))


def dashboard_counts(db: Session, p: Principal) -> dict[str, int]:
    def count(model: Any, *extra: ColumnElement[bool]) -> int:
        return db.scalar(select(func.count(model.id)).where(where_visible(model, p), *extra)) or 0

    return {
        "incidents": count(Incident),
        "recoveries": count(Recovery),
        "registry_records": count(Item),
        "candidate_matches": count(Match, Match.status == "candidate"),
        "confirmed_matches": count(Match, Match.status == "confirmed"),
        "open_traces": count(TraceRequest, TraceRequest.status.in_(("sent", "acknowledged", "overdue"))),
    }
