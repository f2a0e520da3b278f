"""The read-only lists every shell shows: records the actor may see, filtered, as pages or short lists.

Each function takes ``(session, actor, filters…)`` and applies the actor's visibility itself, so a route
or a page only translates its query parameters and shapes the rows; no shell builds a query on the
record tables. A page is ``(rows, total)`` (``access.page``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from armstrace.auth import Actor
from armstrace.model import Incident, Item, Match, Recovery, Source, TraceRequest, Transfer
from armstrace.serials import normalise
from armstrace.store import visible

from .access import match_visible, page, trace_visible
from .incidents import incidents

__all__ = [
    "best_matches",
    "incident_page",
    "item_page",
    "items_by_id",
    "mapped_incidents",
    "match_page",
    "namesakes",
    "open_traces",
    "recent_incidents",
    "recoveries_of",
    "recovery_matches",
    "recovery_page",
    "source_page",
    "transfer_page",
]

Page = tuple[list[Any], int]


def incident_page(
    db: Session,
    actor: Actor,
    *,
    limit: int,
    offset: int = 0,
    country: str | None = None,
    kind: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    text: str | None = None,
) -> Page:
    """Incidents, newest first; ``text`` is sought in code, title and place."""
    stmt = incidents(actor, country=country, kind=kind, date_from=date_from, date_to=date_to, text=text)
    return page(db, stmt, limit, offset)


def recent_incidents(db: Session, actor: Actor, limit: int) -> list[Incident]:
    """The newest ``limit`` incidents (a dashboard, a report picker): no count needed."""
    return list(db.scalars(incidents(actor).limit(limit)))


def namesakes(db: Session, actor: Actor, code: str) -> list[tuple[int, int]]:
    """(id, agency id) of the visible incidents coded ``code``: codes are unique only within an agency."""
    stmt = select(Incident.id, Incident.agency_id).where(Incident.code == code, visible(Incident, actor.scope))
    return [(r[0], r[1]) for r in db.execute(stmt)]


def mapped_incidents(db: Session, actor: Actor, incident_id: int | None = None, limit: int = 5000) -> list[Incident]:
    """Incidents with coordinates (all, or the one numbered ``incident_id``), for a map."""
    stmt = select(Incident).where(
        visible(Incident, actor.scope), Incident.latitude.is_not(None), Incident.longitude.is_not(None)
    )
    if incident_id is not None:
        stmt = stmt.where(Incident.id == incident_id)
    return list(db.scalars(stmt.limit(limit)))


def recovery_page(
    db: Session,
    actor: Actor,
    *,
    limit: int,
    offset: int = 0,
    incident_id: int | None = None,
    serial: str | None = None,
    manufacturer: str | None = None,
    obliterated: bool | None = None,
) -> Page:
    """Recoveries, newest first — or one incident's, by their codes; ``serial`` is a substring of the reading."""
    stmt = select(Recovery).where(visible(Recovery, actor.scope))
    if incident_id is not None:
        stmt = stmt.where(Recovery.incident_id == incident_id)
    if serial:
        stmt = stmt.where(Recovery.serial_read.ilike(f"%{serial}%"))
    if manufacturer:
        stmt = stmt.where(Recovery.manufacturer.ilike(f"%{manufacturer}%"))
    if obliterated is not None:
        stmt = stmt.where(Recovery.obliterated == obliterated)
    if incident_id is not None:
        stmt = stmt.order_by(Recovery.recovery_code, Recovery.id)
    else:
        stmt = stmt.order_by(Recovery.created_at.desc(), Recovery.id.desc())
    return page(db, stmt, limit, offset)


def recoveries_of(db: Session, actor: Actor, incident_id: int) -> list[Recovery]:
    """All of one incident's recoveries the actor may see, by their codes (an incident's page)."""
    stmt = select(Recovery).where(Recovery.incident_id == incident_id, visible(Recovery, actor.scope))
    return list(db.scalars(stmt.order_by(Recovery.recovery_code, Recovery.id)))


def recovery_matches(db: Session, actor: Actor, recovery_id: int, *, rejected_last: bool = False) -> list[Match]:
    """One recovery's visible matches by rank (rejected ones last with ``rejected_last``)."""
    order = (Match.status == "rejected", Match.rank, Match.id) if rejected_last else (Match.rank, Match.id)
    stmt = select(Match).where(Match.recovery_id == recovery_id, match_visible(actor)).order_by(*order)
    return list(db.scalars(stmt))


def best_matches(db: Session, actor: Actor, recovery_ids: Sequence[int]) -> dict[int, Match]:
    """Each recovery's most probable visible match that is not rejected."""
    stmt = (
        select(Match)
        .where(Match.recovery_id.in_(list(recovery_ids)), match_visible(actor), Match.status != "rejected")
        .order_by(Match.probability.desc())
    )
    best: dict[int, Match] = {}
    for m in db.scalars(stmt):
        best.setdefault(m.recovery_id, m)
    return best


def items_by_id(db: Session, ids: Sequence[int]) -> dict[int, Item]:
    """The registry records of visible matches, by id (a visible match's record is visible: ``match_visible``)."""
    return {i.id: i for i in db.scalars(select(Item).where(Item.id.in_(list(ids))))}


def item_page(
    db: Session,
    actor: Actor,
    *,
    limit: int,
    offset: int = 0,
    serial: str | None = None,
    manufacturer: str | None = None,
    status: str | None = None,
    source_id: int | None = None,
) -> Page:
    """Registry records by id; ``serial`` is an exact serial (normalised) — searching is ``linkage``'s work."""
    stmt = select(Item).where(visible(Item, actor.scope))
    if serial:
        stmt = stmt.where(Item.serial_norm == normalise(serial))
    if manufacturer:
        stmt = stmt.where(Item.manufacturer.ilike(f"%{manufacturer}%"))
    if status:
        stmt = stmt.where(Item.status == status)
    if source_id:
        stmt = stmt.where(Item.source_id == source_id)
    return page(db, stmt.order_by(Item.id), limit, offset)


def source_page(db: Session, actor: Actor, *, limit: int, offset: int = 0) -> Page:
    """The registry's sources (the files and archives its records came from)."""
    return page(db, select(Source).where(visible(Source, actor.scope)).order_by(Source.id), limit, offset)


def transfer_page(
    db: Session,
    actor: Actor,
    *,
    limit: int,
    offset: int = 0,
    serial: str | None = None,
    holder: str | None = None,
    legal: bool | None = None,
) -> Page:
    """Transfers in date order; ``holder`` is a substring of the giving or the receiving holder."""
    stmt = select(Transfer).where(visible(Transfer, actor.scope))
    if serial:
        stmt = stmt.where(Transfer.serial_norm == normalise(serial))
    if holder:
        stmt = stmt.where(or_(Transfer.from_holder.ilike(f"%{holder}%"), Transfer.to_holder.ilike(f"%{holder}%")))
    if legal is not None:
        stmt = stmt.where(Transfer.legal == legal)
    return page(db, stmt.order_by(Transfer.date, Transfer.id), limit, offset)


def match_page(
    db: Session,
    actor: Actor,
    *,
    limit: int,
    offset: int = 0,
    status: str | None = None,
    min_probability: float | None = None,
) -> Page:
    """Stored matches, most probable first."""
    stmt = select(Match).where(match_visible(actor))
    if status:
        stmt = stmt.where(Match.status == status)
    if min_probability is not None:
        stmt = stmt.where(Match.probability >= min_probability)
    return page(db, stmt.order_by(Match.probability.desc(), Match.id), limit, offset)


def open_traces(db: Session, actor: Actor, limit: int) -> list[TraceRequest]:
    """Trace requests sent or acknowledged and not yet answered, soonest due first (the dashboard)."""
    stmt = select(TraceRequest).where(trace_visible(actor), TraceRequest.status.in_(("sent", "acknowledged")))
    return list(db.scalars(stmt.order_by(TraceRequest.due_date).limit(limit)))
