"""Investigation reports in the browser: the report package's HTML and PDF, over the caller's view.

The report is built with the caller's agency as its point of view (``agency_id`` = the caller's scope),
so it contains only what the caller may see. This module only adapts the report package to HTTP.

The route names the incident by its id. Incident codes are unique only within an agency (A's "QTA-1"
and B's public "QTA-1" may both be visible), so the report is asked for the incident under a name that
finds exactly that incident for this caller (``report_key``): never another agency's namesake.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from armstrace import records, report
from armstrace.auth import Actor
from armstrace.exceptions import ConflictError, NotFoundError
from armstrace.model import Incident

from .security import content_disposition

__all__ = ["incident_report", "report_key"]


def report_key(db: Session, actor: Actor, incident: Incident) -> str:
    """The name under which ``armstrace.report`` finds exactly ``incident`` for the caller.

    The report package takes a code, preferring the caller's own incident among namesakes, and falls
    back to the id when no visible incident bears the code. So: the code when it names this incident
    alone (or this is the caller's only incident with it), else the id written as a code.
    """
    rows = records.lists.namesakes(db, actor, incident.code)
    own = [i for i, agency in rows if agency == actor.scope]
    if [i for i, _ in rows] == [incident.id] or own == [incident.id]:
        return incident.code
    by_id = str(incident.id)
    if not records.lists.namesakes(db, actor, by_id):
        return by_id
    raise ConflictError(
        f"incident {incident.id} cannot be told apart from another with the code {incident.code!r} "
        "for the report: ask the server admin to rename one of them"
    )


def incident_report(request: Request, db: Session, actor: Actor, incident: Incident, fmt: str) -> Response:
    if fmt not in ("html", "pdf"):
        raise NotFoundError(f"no report format {fmt!r}: use .html or .pdf")
    with tempfile.TemporaryDirectory(prefix="armstrace-report-") as tmp:
        key = report_key(db, actor, incident)
        paths = report.incident_report(request.app.state.workspace, key, tmp, agency_id=actor.scope, formats=[fmt])
        content = Path(paths[0]).read_bytes()
    name = f"armstrace-{incident.code}.{fmt}"
    if fmt == "html":
        # The report is a self-contained document (inline styles and images): it gets its own, tighter CSP.
        return HTMLResponse(
            content,
            headers={
                "content-security-policy": "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
                "frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
            },
        )
    return Response(content, media_type="application/pdf", headers={"content-disposition": content_disposition(name)})
