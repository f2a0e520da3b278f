"""The record operations over a Workspace, acting for its agency: what the CLI, the demo and scripts call.

Each function opens one transaction and acts as the workspace's agency and user
(``tracing.lifecycle.actor_for``: the operator administers its agency); the rules live in the modules
that take ``(session, actor, …)``, the same ones the server's routes call.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pyarrow as pa
from sqlalchemy.orm import Session

from armstrace.auth import Actor
from armstrace.exceptions import InputError
from armstrace.ingest.fields import KINDS, validate
from armstrace.model import VISIBILITIES
from armstrace.store import Workspace
from armstrace.tracing.lifecycle import actor_for

from . import matches
from .incidents import create_incident, incident_dict, incident_rows

__all__ = ["add_incident", "list_incidents", "list_matches", "review_match"]


@contextmanager
def _acting(ws: Workspace) -> Iterator[tuple[Session, Actor]]:
    agency = ws.agency()
    with ws.session() as s:
        yield s, actor_for(s, agency, ws.settings.user)


def add_incident(ws: Workspace, incident_id: str, *, visibility: str = "private", **fields: Any) -> dict[str, Any]:
    """Validate and store one incident for the acting agency; the same field rules as a file import."""
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
    if visibility not in VISIBILITIES:
        raise InputError(f"visibility must be private, shared or public, not {visibility!r}")
    code, date = values.pop("incident_id"), dt.date.fromisoformat(values.pop("date"))
    data = {**values, "code": code, "date": date}
    with _acting(ws) as (s, actor):
        return incident_dict(create_incident(s, actor, {**data, "visibility": visibility}))


def list_incidents(ws: Workspace) -> list[dict[str, Any]]:
    """The incidents the acting agency may see, newest first, with the number of their recoveries."""
    with _acting(ws) as (s, actor):
        return incident_rows(s, actor)


def list_matches(ws: Workspace, *, recovery: int | None = None, status: str | None = None) -> list[dict[str, Any]]:
    """The stored matches the acting agency may see (of one recovery, or with one status)."""
    with _acting(ws) as (s, actor):
        return [matches.match_dict(m) for m in s.scalars(matches.matches(actor, recovery_id=recovery, status=status))]


def review_match(ws: Workspace, match_id: int, decision: str, note: str | None = None) -> dict[str, Any]:
    """Confirm or reject (or reopen, ``candidate``) a stored match, with the reviewer's reason."""
    with _acting(ws) as (s, actor):
        return matches.match_dict(matches.review(s, actor, match_id, decision, note))
