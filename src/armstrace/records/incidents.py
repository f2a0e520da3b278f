"""Incidents: where and when weapons were recovered. Created here for every shell (one at a time; the bulk
path is ``armstrace.ingest``), changed with ``changes.update_record``, shared with ``visibility``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from armstrace import audit
from armstrace.auth import Actor
from armstrace.exceptions import ConflictError
from armstrace.model import Incident, Recovery
from armstrace.store import visible
from armstrace.store.ids import public_id

from . import actions
from .access import check_codes, require
from .visibility import set_visibility

__all__ = ["create_incident", "incident_dict", "incident_rows", "incidents"]


def create_incident(db: Session, actor: Actor, data: dict[str, Any]) -> Incident:
    """A new incident of the actor's agency (``data``: its columns, ``visibility`` and ``shared_with``)."""
    require(actor, "write")
    check_codes(data)
    data = dict(data)
    visibility, agencies = data.pop("visibility", None) or "private", data.pop("shared_with", None) or []
    if db.scalar(select(Incident.id).where(Incident.agency_id == actor.agency_id, Incident.code == data["code"])):
        raise ConflictError(f"your agency already has an incident {data['code']!r}")
    incident = Incident(id=public_id(db, Incident), agency_id=actor.agency_id, visibility="private", **data)
    db.add(incident)
    db.flush()
    audit.record(db, actor=actor.username, action=actions.INCIDENT_CREATE, agency_id=actor.agency_id,
                 entity="incident", entity_id=incident.id, detail={"code": incident.code})  # fmt: skip
    if visibility != "private" or agencies:
        set_visibility(db, actor, incident, visibility, agencies)
    return incident


def incident_dict(incident: Incident, recoveries: int | None = None) -> dict[str, Any]:
    """An incident as the command line and scripts show it (``incident_id`` is its code)."""
    out = {
        "incident_id": incident.code, "date": incident.date, "country": incident.country,
        "admin1": incident.admin1, "admin2": incident.admin2, "place": incident.place,
        "latitude": incident.latitude, "longitude": incident.longitude, "kind": incident.kind,
        "title": incident.title, "description": incident.description, "visibility": incident.visibility,
        "synthetic": incident.synthetic,
    }  # fmt: skip
    if recoveries is not None:
        out["recoveries"] = recoveries
    return out


def incident_rows(db: Session, actor: Actor) -> list[dict[str, Any]]:
    """The incidents the actor may see, newest first, each with the number of its visible recoveries."""
    counts = (
        select(Recovery.incident_id, func.count().label("n"))
        .where(visible(Recovery, actor.scope))
        .group_by(Recovery.incident_id)
        .subquery()
    )
    rows = db.execute(
        select(Incident, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.incident_id == Incident.id)
        .where(visible(Incident, actor.scope))
        .order_by(Incident.date.desc(), Incident.code)
    ).all()
    return [incident_dict(incident, n) for incident, n in rows]


def incidents(
    actor: Actor,
    *,
    country: str | None = None,
    kind: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    text: str | None = None,
) -> Select[Any]:
    """A query of the incidents the actor may see, newest first; ``text`` is sought in code, title and place."""
    stmt = select(Incident).where(visible(Incident, actor.scope))
    if country:
        stmt = stmt.where(Incident.country == country.upper())
    if kind:
        stmt = stmt.where(Incident.kind == kind)
    if date_from:
        stmt = stmt.where(Incident.date >= date_from)
    if date_to:
        stmt = stmt.where(Incident.date <= date_to)
    if text:
        like = f"%{text}%"
        stmt = stmt.where(or_(*(c.ilike(like) for c in (Incident.code, Incident.title, Incident.place))))
    return stmt.order_by(Incident.date.desc(), Incident.id.desc())
