"""Who sees which record: the visibility rules every list, count and lookup of records applies.

A record the actor may not see is answered exactly like a missing one (``NotFoundError`` with the same
message), is never counted, and never appears in a list or a search. A record the actor may see but not
change answers ``PermissionDeniedError``.
"""

from __future__ import annotations

import re
from typing import Any, TypeVar

from sqlalchemy import and_, exists, func, select
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql import Select
from sqlalchemy.sql.elements import ColumnElement

from armstrace.auth import Actor, can
from armstrace.exceptions import InputError, NotFoundError, PermissionDeniedError
from armstrace.model import Agency, Incident, Item, Match, Recovery, Share, TraceRequest, Transfer
from armstrace.store import visible
from armstrace.tracing.lifecycle import visible_requests

__all__ = [
    "CONTROL",
    "agencies",
    "agency_codes",
    "check_codes",
    "dashboard_counts",
    "find_visible",
    "get_visible",
    "match_visible",
    "page",
    "require",
    "shared_with",
    "trace_visible",
    "where_visible",
]

T = TypeVar("T")
#: control characters (C0, DEL, C1, line and paragraph separators) are refused in codes, at every entry point
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
CODES = {"code", "recovery_code"}
LABELS: dict[Any, str] = {
    Incident: "incident", Recovery: "recovery", Item: "registry record", Match: "match",
    TraceRequest: "trace request", Transfer: "transfer",
}  # fmt: skip


def check_codes(data: dict[str, Any]) -> None:
    """Refuse a code with a control character: it would split a download's header or a log line."""
    for name in CODES & set(data):
        if isinstance(data[name], str) and CONTROL.search(data[name]):
            raise InputError(f"{name}: a code may not hold control characters (CR, LF, tab …)")


def trace_visible(actor: Actor) -> ColumnElement[bool]:
    """Trace requests the caller may see: the library's rule (``tracing.lifecycle.visible_requests``)."""
    return visible_requests(actor)


def match_visible(actor: Actor) -> ColumnElement[bool]:
    """A match is visible only with both its recovery and its registry record (no leak through links)."""
    if actor.scope is None:
        return Match.id.is_not(None)
    # correlated EXISTS on the primary keys: one index probe per match row, whatever the registry's size
    # (an ``IN (SELECT id … visible)`` lists every visible registry record first)
    # (aliases: the outer query may join recovery or item itself, which would swallow the correlation)
    rec, item = aliased(Recovery), aliased(Item)
    return and_(
        visible(Match, actor.scope),
        exists(select(rec.id).where(rec.id == Match.recovery_id, visible(rec, actor.scope))),
        exists(select(item.id).where(item.id == Match.item_id, visible(item, actor.scope))),
    )


def where_visible(model: Any, actor: Actor) -> ColumnElement[bool]:
    if model is TraceRequest:
        return trace_visible(actor)
    if model is Match:
        return match_visible(actor)
    return visible(model, actor.scope)


def find_visible(db: Session, model: type[T], record_id: int, actor: Actor) -> T | None:
    """The record, or None when it is missing or the caller may not see it."""
    m: Any = model
    row: T | None = db.scalar(select(m).where(m.id == record_id, where_visible(m, actor)))
    return row


def get_visible(db: Session, model: type[T], record_id: int, actor: Actor) -> T:
    """The record, or NotFoundError — the same for a missing record and one the caller may not see."""
    row = find_visible(db, model, record_id, actor)
    if row is None:
        raise NotFoundError(f"no {LABELS.get(model, model.__name__.lower())} {record_id}")
    return row


def require(actor: Actor, action: str, record: Any = None) -> None:
    if not can(actor, action, record):
        raise PermissionDeniedError(f"your role ({actor.role}) may not {action} this record")


def page(db: Session, stmt: Select[Any], limit: int, offset: int) -> tuple[list[Any], int]:
    """One page of ``stmt`` and the total count of its rows."""
    total = db.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    rows = list(db.scalars(stmt.limit(limit).offset(offset)))
    return rows, total


def agencies(db: Session) -> list[Agency]:
    """The agencies on the server, by code: the directory records are shared with and traces sent to."""
    return list(db.scalars(select(Agency).order_by(Agency.code)))


def agency_codes(db: Session) -> dict[int, str]:
    return {r[0]: r[1] for r in db.execute(select(Agency.id, Agency.code))}


def shared_with(db: Session, record: Any, viewer: Actor | None = None) -> list[str]:
    """The agencies ``record`` is shared with — all of them for its owner (or a server admin, or no
    ``viewer``); for a partner only itself: whom else an agency trusts with a record is its own business."""
    rows = list(
        db.scalars(
            select(Agency.code)
            .join(Share, Share.agency_id == Agency.id)
            .where(Share.entity == record.__tablename__, Share.entity_id == record.id)
            .order_by(Agency.code)
        )
    )
    if viewer is None or viewer.scope is None or viewer.agency_id == record.agency_id:
        return rows
    return [code for code in rows if code == viewer.agency_code]


def dashboard_counts(db: Session, actor: Actor) -> dict[str, int]:
    def count(model: Any, *extra: ColumnElement[bool]) -> int:
        return db.scalar(select(func.count(model.id)).where(where_visible(model, actor), *extra)) or 0

    return {
        "incidents": count(Incident),
        "recoveries": count(Recovery),
        "registry_records": count(Item),
        "candidate_matches": count(Match, Match.status == "candidate"),
        "confirmed_matches": count(Match, Match.status == "confirmed"),
        "open_traces": count(TraceRequest, TraceRequest.status.in_(("sent", "acknowledged", "overdue"))),
    }
