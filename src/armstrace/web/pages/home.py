"""Pages for the session and the overview: login, dashboard, maps, search, reports and the audit log."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from armstrace import records
from armstrace.auth import authenticate, end_sessions, record_login, session_key
from armstrace.exceptions import ArmstraceError, AuthenticationError, NotFoundError
from armstrace.model import Incident, User

from .. import reports, traces
from ..deps import DB, OptionalActor, rate_limit
from ..security import SessionData, client_address, password_fingerprint
from .rendering import (
    Form,
    Id,
    PageActor,
    render,
)

__all__ = ["router"]

BOUNDARIES = Path(__file__).parents[2] / "report" / "data" / "countries.geojson"
router = APIRouter(include_in_schema=False)


# --- login ---------------------------------------------------------------------------------------------


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/") -> HTMLResponse:
    return render(request, "login.html", next=_safe_next(next), error=None)


def _safe_next(url: str) -> str:
    return url if url.startswith("/") and not url.startswith("//") and "\\" not in url else "/"


@router.post("/login")
def login(request: Request, db: DB, form: Form) -> Response:
    address = client_address(request, request.app.state.settings.trusted_proxies)
    try:
        actor = authenticate(db, str(form.get("username", "")), str(form.get("password", "")), address=address)
    except AuthenticationError as exc:  # the failure is recorded: this transaction commits
        retry_after = getattr(exc, "retry_after", None)
        headers = {"retry-after": str(retry_after)} if retry_after else None
        page = render(
            request,
            "login.html",
            exc.http_status,
            next=_safe_next(str(form.get("next", "/"))),
            error=str(exc),
            username=form.get("username", ""),
        )
        page.headers.update(headers or {})
        return page
    row = db.get(User, actor.user_id)
    key = session_key(db, actor.user_id, create=True) if actor.user_id is not None else ""
    fingerprint = password_fingerprint(row.password_hash if row else None, key)
    fresh = SessionData(user_id=actor.user_id, fingerprint=fingerprint)
    request.state.session = fresh  # a new CSRF token at login: no fixation
    request.state.session_dirty = True
    record_login(db, actor)
    return RedirectResponse(_safe_next(str(form.get("next", "/"))), status_code=303)


@router.post("/logout")
def logout(request: Request, db: DB, form: Form, actor: OptionalActor) -> Response:
    """End the session — and every other session of this user: a copied cookie is refused from now on."""
    if actor is not None and actor.user_id is not None and request.state.session.user_id == actor.user_id:
        end_sessions(db, actor.user_id, actor=actor.username)
    request.state.session = SessionData()
    request.state.session_dirty = True
    return RedirectResponse("/login", status_code=303)


# --- dashboard, map ------------------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request, actor: PageActor, db: DB) -> HTMLResponse:
    recent = records.lists.recent_incidents(db, actor, 8)
    open_traces = records.lists.open_traces(db, actor, 8)
    return render(
        request,
        "dashboard.html",
        counts=records.dashboard_counts(db, actor),
        recent=recent,
        open_traces=open_traces,
        status_of=traces.display_status,
        codes=records.agency_codes(db),
    )


@router.get("/map/incidents.geojson")
def incidents_geojson(
    actor: PageActor, db: DB, incident: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None
) -> dict[str, Any]:
    """The visible incidents with coordinates, as GeoJSON points for the maps."""
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [i.longitude, i.latitude]},
            "properties": {
                "id": i.id,
                "code": i.code,
                "title": i.title or i.code,
                "date": i.date.isoformat() if i.date else None,
                "url": f"/incidents/{i.id}",
            },
        }
        for i in records.lists.mapped_incidents(db, actor, incident)
    ]
    return {"type": "FeatureCollection", "features": features}


@router.get("/map/countries.geojson")
def countries_geojson(actor: PageActor) -> FileResponse:
    """Natural Earth country boundaries (public domain), shipped with the report package."""
    if not BOUNDARIES.exists():
        raise NotFoundError("no boundary file is installed")
    return FileResponse(
        BOUNDARIES, media_type="application/geo+json", headers={"cache-control": "private, max-age=86400"}
    )


# --- search --------------------------------------------------------------------------------------------


_MAX_NAME = 255  # as the API's text parameters


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, actor: PageActor, db: DB, q: str = "", manufacturer: str = "") -> HTMLResponse:
    engine, found, error = None, [], None
    if len(manufacturer) > _MAX_NAME:  # a pasted document, not a maker: refused before it is identified
        error = f"manufacturer: {len(manufacturer):,} characters (at most {_MAX_NAME})"
    elif q.strip():
        rate_limit(request, request.app.state.settings.search_cost - 1)  # a search costs more than a page
        try:
            engine, found = request.app.state.search.search(
                db, actor, q.strip(), manufacturer=manufacturer.strip() or None, limit=10
            )
        except ArmstraceError as exc:
            error = str(exc)
    return render(
        request,
        "search.html",
        422 if error else 200,
        q=q,
        manufacturer=manufacturer,
        engine=engine,
        candidates=found,
        error=error,
    )


# --- reports and audit ---------------------------------------------------------------------------------


@router.get("/reports", response_class=HTMLResponse)
def reports_page(request: Request, actor: PageActor, db: DB) -> HTMLResponse:
    incidents = records.lists.recent_incidents(db, actor, 200)
    return render(request, "reports.html", incidents=incidents)


@router.get("/reports/incidents/{incident_id}.{fmt}")
def incident_report(request: Request, incident_id: Id, fmt: str, actor: PageActor, db: DB) -> Response:
    """An incident's investigation report as HTML or PDF, built over what the caller may see."""
    incident = records.get_visible(db, Incident, incident_id, actor)
    return reports.incident_report(request, db, actor, incident, fmt)


@router.get("/audit", response_class=HTMLResponse)
def audit_page(
    request: Request, actor: PageActor, db: DB, page: Annotated[int, Query(ge=1, le=10**6)] = 1
) -> HTMLResponse:
    stmt = records.actions.events(actor)
    page = max(1, min(page, 10**6))
    rows, total = records.page(db, stmt, 50, (page - 1) * 50)
    return render(request, "audit.html", events=rows, total=total, page=page, pages=max(1, -(-total // 50)))
