"""Incidents recorded one at a time (the bulk path is ``armstrace.ingest``), with the same validation."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pyarrow as pa
from sqlalchemy import func, select

from armstrace import audit
from armstrace.exceptions import ConflictError, InputError
from armstrace.ingest.fields import KINDS, validate
from armstrace.model import Incident, Recovery
from armstrace.store import Workspace, visible
from armstrace.store.ids import public_id
from armstrace.values import Visibility, choices

__all__ = ["add_incident", "incident_dict", "list_incidents"]


def add_incident(ws: Workspace, incident_id: str, *, visibility: str = "private", **fields: Any) -> dict[str, Any]:
    """Validate and store one incident for the acting agency; the same rules as a file import."""
    values: dict[str, Any] = {}
    problems = []
    specs = {s.name: s for s in KINDS["incidents"]}
    for name, value in {"incident_id": incident_id, **fields}.items():
        if name not in specs:
            raise InputError(f"incidents have no field {name!r}")
        checked = validate(pa.array([None if value is None else str(value)], pa.string()), specs[name])
        if checked.bad[0].as_py():
            problems.append(f"{name}: {checked.reason} (got {value!r})")
        values[name] = checked.values[0].as_py()
    for spec in specs.values():
        if spec.required and values.get(spec.name) is None:
            problems.append(f"{spec.name}: required")
    if problems:
        raise InputError("; ".join(problems))
    if visibility not in choices(Visibility):
        raise InputError(f"visibility must be private, shared or public, not {visibility!r}")
    agency = ws.agency()
    with ws.session() as s:
        if s.scalar(select(Incident.id).where(Incident.agency_id == agency.id, Incident.code == incident_id)):
            raise ConflictError(f"incident {incident_id!r} exists already")
        incident = Incident(
            id=public_id(s, Incident),
            agency_id=agency.id,
            visibility=visibility,
            code=values.pop("incident_id"),
            date=dt.date.fromisoformat(values.pop("date")),
            **values,
        )
        s.add(incident)
        s.flush()
        audit.record(
            s,
            actor=ws.settings.user,
            agency_id=agency.id,
            action="incident.add",
            entity="incident",
            entity_id=incident.id,
            detail={"code": incident.code},
        )
        return incident_dict(incident)


def incident_dict(incident: Incident, recoveries: int | None = None) -> dict[str, Any]:
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


def list_incidents(ws: Workspace) -> list[dict[str, Any]]:
    agency = ws.agency()
    with ws.session() as s:
        counts = (
            select(Recovery.incident_id, func.count().label("n"))
            .where(visible(Recovery, agency.id))
            .group_by(Recovery.incident_id)
            .subquery()
        )
        rows = s.execute(
            select(Incident, func.coalesce(counts.c.n, 0))
            .outerjoin(counts, counts.c.incident_id == Incident.id)
            .where(visible(Incident, agency.id))
            .order_by(Incident.date.desc(), Incident.code)
        ).all()
        return [incident_dict(incident, n) for incident, n in rows]
