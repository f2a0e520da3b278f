"""Investigation reports in the browser: the report package's HTML and PDF, over the caller's view.

The report is built with the caller's agency as its point of view (``agency_id`` = the caller's scope),
so it contains only what the caller may see. This module only adapts the report package to HTTP.
"""

from __future__ import annotations

import importlib
import tempfile
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from armstrace.auth import Principal
from armstrace.exceptions import NotFoundError, WorkspaceError
from armstrace.model import Incident

__all__ = ["incident_report"]


def _renderer() -> Any:
    try:
        module = importlib.import_module("armstrace.report")
    except ImportError:
        return None
    return getattr(module, "incident_report", None)


def incident_report(request: Request, db: Session, p: Principal, incident: Incident, fmt: str) -> Response:
    if fmt not in ("html", "pdf"):
        raise NotFoundError(f"no report format {fmt!r}: use .html or .pdf")
    render = _renderer()
    if render is None:
        raise WorkspaceError("the report package is not available on this server")
    with tempfile.TemporaryDirectory(prefix="armstrace-report-") as tmp:
        paths = render(request.app.state.workspace, incident.code, tmp, agency_id=p.scope, formats=[fmt])
        content = Path(paths[0]).read_bytes()
    name = f"armstrace-{incident.code}.{fmt}".replace("/", "-")
    if fmt == "html":
        # The report is a self-contained document (inline styles and images): it gets its own, tighter CSP.
        return HTMLResponse(content, headers={
            "content-security-policy": "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
                                       "frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
        })
    return Response(content, media_type="application/pdf",
                    headers={"content-disposition": f'attachment; filename="{name}"'})
