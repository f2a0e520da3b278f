"""Server-rendered pages for people: dashboard, search, incidents, items, trace inbox/outbox, reports.

Pages call the same ``records``/``traces``/``search`` functions as the API, so visibility and audit
are the same on both. Every form post carries the session's CSRF token; a form with mistakes is shown
again with a message beside each field (HTTP 422), never a stack trace.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, ValidationError
from sqlalchemy import select

from armstrace.auth import Principal, authenticate, can
from armstrace.exceptions import ArmstraceError, AuthenticationError, NotFoundError, PermissionDeniedError
from armstrace.model import Agency, AuditEvent, Incident, Item, Match, Recovery, TraceRequest
from armstrace.store import visible
from armstrace.tracing import lifecycle

from . import records, traces
from .deps import DB, OptionalCaller
from .schemas import IncidentIn, RecoveryIn, TraceAnswerIn, TraceIn
from .security import SessionData, password_fingerprint

__all__ = ["render_error", "router"]

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).with_name("templates")))
BOUNDARIES = Path(__file__).parents[1] / "report" / "data" / "countries.geojson"
router = APIRouter(include_in_schema=False)
Id = Annotated[int, PathParam(ge=1, le=2**31 - 1)]
BigId = Annotated[int, PathParam(ge=1, le=2**62)]


async def checked_form(request: Request) -> dict[str, Any]:
    """The posted form, after checking its CSRF token against the session's."""
    form = await request.form()
    data: dict[str, Any] = {}
    for key in form:
        values = [v.replace("\x00", "") for v in form.getlist(key) if isinstance(v, str)]
        data[key] = values if len(values) > 1 or key.endswith("[]") else (values[0] if values else "")
    session: SessionData = request.state.session
    if not request.app.state.signer.csrf_ok(session, data.pop("csrf_token", None)):
        raise PermissionDeniedError("the form expired or did not come from this site: reload the page and retry")
    return data


Form = Annotated[dict[str, Any], Depends(checked_form)]


def user(request: Request, caller: OptionalCaller) -> Principal:
    if caller is None:
        raise AuthenticationError("log in first")
    request.state.principal = caller
    return caller


User = Annotated[Principal, Depends(user)]


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    session: SessionData = request.state.session
    flash, session.flash = session.flash, None
    if flash:
        request.state.session_dirty = True
    context.setdefault("me", getattr(request.state, "principal", None))
    return TEMPLATES.TemplateResponse(request, template, {"csrf": session.csrf, "flash": flash, **context},
                                      status_code=status_code)


def render_error(request: Request, status_code: int, message: str) -> HTMLResponse:
    session = getattr(request.state, "session", None)
    return TEMPLATES.TemplateResponse(request, "error.html", {
        "status": status_code, "message": message, "csrf": session.csrf if session else "", "flash": None,
        "me": getattr(request.state, "principal", None)}, status_code=status_code)


def redirect(request: Request, url: str, flash: str | None = None) -> RedirectResponse:
    if flash:
        request.state.session.flash = flash
        request.state.session_dirty = True
    return RedirectResponse(url, status_code=303)


def _clean(form: dict[str, Any], fields: Any) -> dict[str, Any]:
    """Form strings to model input: empty fields dropped, checkboxes to booleans."""
    out: dict[str, Any] = {}
    for name in fields:
        value = form.get(name)
        if isinstance(value, str):
            value = value.strip()
        if value in (None, "", []):
            continue
        out[name] = value
    return out


_FRIENDLY = {
    "country": "use a two-letter ISO code, e.g. PK",
    "custodian_country": "use a two-letter ISO code, e.g. AF",
    "recipient_country": "use a two-letter ISO code, e.g. US",
    "recipient": "choose an agency from the list",
}


def lr_text(lr: float) -> str:
    """A likelihood ratio for people: 1,200 · 3.2e+07 · 1 in 40."""
    if lr >= 1e6:
        return f"{lr:.1e}"
    if lr >= 10:
        return f"{lr:,.0f}"
    if lr >= 0.95:
        return f"{lr:.1f}"
    return f"1 in {1 / lr:,.0f}" if lr > 0 else "0"


TEMPLATES.env.filters["lr"] = lr_text


def _errors(exc: ValidationError) -> dict[str, str]:
    errs: dict[str, str] = {}
    for e in exc.errors():
        field = str(e["loc"][0]) if e.get("loc") else "_form"
        message = str(e["msg"]).removeprefix("Value error, ")
        if e.get("type") == "missing":
            message = "required"
        elif e.get("type") in ("string_pattern_mismatch", "string_too_long", "literal_error") and field in _FRIENDLY:
            message = _FRIENDLY[field]
        elif e.get("type") == "date_from_datetime_parsing" or e.get("type", "").startswith("date_"):
            message = "use a date such as 2025-03-11"
        if ":" in message and field == "_form":
            field, _, message = (s.strip() for s in message.partition(":"))
        errs.setdefault(field, message)
    return errs


def _validate(model: type[BaseModel], data: dict[str, Any]) -> tuple[BaseModel | None, dict[str, str]]:
    try:
        return model.model_validate(data), {}
    except ValidationError as exc:
        return None, _errors(exc)


# --- login ---------------------------------------------------------------------------------------------


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/") -> HTMLResponse:
    return render(request, "login.html", next=_safe_next(next), error=None)


def _safe_next(url: str) -> str:
    return url if url.startswith("/") and not url.startswith("//") and "\\" not in url else "/"


@router.post("/login")
def login(request: Request, db: DB, form: Form) -> Response:
    address = request.client.host if request.client else None
    try:
        p = authenticate(db, str(form.get("username", "")), str(form.get("password", "")), address=address)
    except AuthenticationError as exc:  # the failure is recorded: this transaction commits
        headers = {"retry-after": "60"} if exc.http_status == 429 else None
        page = render(request, "login.html", exc.http_status, next=_safe_next(str(form.get("next", "/"))),
                      error=str(exc), username=form.get("username", ""))
        page.headers.update(headers or {})
        return page
    from armstrace.model import User as UserRow

    row = db.get(UserRow, p.user_id)
    fresh = SessionData(user_id=p.user_id, fingerprint=password_fingerprint(row.password_hash if row else None))
    request.state.session = fresh  # a new CSRF token at login: no fixation
    request.state.session_dirty = True
    from armstrace import audit

    audit.record(db, actor=p.username, action="user.login", agency_id=p.agency_id, entity="user_account",
                 entity_id=p.user_id)
    return RedirectResponse(_safe_next(str(form.get("next", "/"))), status_code=303)


@router.post("/logout")
def logout(request: Request, form: Form) -> Response:
    request.state.session = SessionData()
    request.state.session_dirty = True
    return RedirectResponse("/login", status_code=303)


# --- dashboard, map ------------------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request, me: User, db: DB) -> HTMLResponse:
    recent = db.scalars(select(Incident).where(visible(Incident, me.scope))
                        .order_by(Incident.date.desc(), Incident.id.desc()).limit(8)).all()
    open_traces = db.scalars(select(TraceRequest).where(records.trace_visible(me),
                                                        TraceRequest.status.in_(("sent", "acknowledged")))
                             .order_by(TraceRequest.due_date).limit(8)).all()
    return render(request, "dashboard.html", counts=records.dashboard_counts(db, me), recent=recent,
                  open_traces=open_traces, status_of=traces.display_status, codes=records.agency_codes(db))


@router.get("/map/incidents.geojson")
def incidents_geojson(me: User, db: DB,
                      incident: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None) -> dict[str, Any]:
    """The visible incidents with coordinates, as GeoJSON points for the maps."""
    stmt = select(Incident).where(visible(Incident, me.scope), Incident.latitude.is_not(None),
                                  Incident.longitude.is_not(None))
    if incident is not None:
        stmt = stmt.where(Incident.id == incident)
    features = [{
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [i.longitude, i.latitude]},
        "properties": {"id": i.id, "code": i.code, "title": i.title or i.code,
                       "date": i.date.isoformat() if i.date else None, "url": f"/incidents/{i.id}"},
    } for i in db.scalars(stmt.limit(5000))]
    return {"type": "FeatureCollection", "features": features}


@router.get("/map/countries.geojson")
def countries_geojson(me: User) -> FileResponse:
    """Natural Earth country boundaries (public domain), shipped with the report package."""
    if not BOUNDARIES.exists():
        raise NotFoundError("no boundary file is installed")
    return FileResponse(BOUNDARIES, media_type="application/geo+json",
                        headers={"cache-control": "private, max-age=86400"})


# --- search --------------------------------------------------------------------------------------------


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, me: User, db: DB, q: str = "", manufacturer: str = "") -> HTMLResponse:
    engine, found, error = None, [], None
    if q.strip():
        try:
            engine, found = request.app.state.search.search(db, me, q.strip()[:64],
                                                            manufacturer=manufacturer.strip() or None, limit=10)
        except ArmstraceError as exc:
            error = str(exc)
    return render(request, "search.html", 422 if error else 200, q=q, manufacturer=manufacturer, engine=engine,
                  candidates=found, error=error)


# --- incidents and recoveries ------------------------------------------------------------------------


@router.get("/incidents", response_class=HTMLResponse)
def incidents_page(request: Request, me: User, db: DB, q: str = "",
                   page: Annotated[int, Query(ge=1, le=10**6)] = 1) -> HTMLResponse:
    stmt = select(Incident).where(visible(Incident, me.scope))
    if q.strip():
        like = f"%{q.strip()[:100]}%"
        stmt = stmt.where(Incident.code.ilike(like) | Incident.title.ilike(like) | Incident.place.ilike(like))
    page = max(1, min(page, 10**6))
    rows, total = records.page(db, stmt.order_by(Incident.date.desc(), Incident.id.desc()), 25, (page - 1) * 25)
    return render(request, "incidents.html", incidents=rows, total=total, page=page, q=q,
                  pages=max(1, -(-total // 25)), codes=records.agency_codes(db))


def _agencies(db: Any, me: Principal) -> list[Agency]:
    return [a for a in db.scalars(select(Agency).order_by(Agency.code)) if a.id != me.agency_id]


@router.get("/incidents/new", response_class=HTMLResponse)
def new_incident_page(request: Request, me: User, db: DB) -> HTMLResponse:
    if not can(me, "write"):
        raise PermissionDeniedError(f"your role ({me.role}) may not record incidents")
    return render(request, "incident_new.html", form={"visibility": "private"}, errors={},
                  agencies=_agencies(db, me))


@router.post("/incidents/new", response_class=HTMLResponse)
def new_incident(request: Request, me: User, db: DB, form: Form) -> Response:
    data = _clean(form, ["code", "date", "country", "admin1", "admin2", "place", "latitude", "longitude", "kind",
                         "title", "description", "visibility"])
    shared = form.get("shared_with") or []
    data["shared_with"] = [shared] if isinstance(shared, str) else shared
    body, errs = _validate(IncidentIn, data)
    if body is not None:
        try:
            incident = records.create_incident(db, me, body.model_dump())
        except ArmstraceError as exc:
            errs = {"_form": str(exc)} if not str(exc).startswith("shared_with") else {"shared_with": str(exc)}
        else:
            return redirect(request, f"/incidents/{incident.id}", f"Incident {incident.code} recorded.")
    return render(request, "incident_new.html", 422, form={**form, "shared_with": data["shared_with"]},
                  errors=errs, agencies=_agencies(db, me))


def _incident_context(db: Any, me: Principal, incident: Incident) -> dict[str, Any]:
    recoveries = db.scalars(select(Recovery).where(Recovery.incident_id == incident.id,
                                                   visible(Recovery, me.scope))
                            .order_by(Recovery.recovery_code)).all()
    best: dict[int, Match] = {}
    for m in db.scalars(select(Match).where(Match.recovery_id.in_([r.id for r in recoveries]),
                                            records.match_visible(me), Match.status != "rejected")
                        .order_by(Match.probability.desc())):
        best.setdefault(m.recovery_id, m)
    return {"incident": incident, "recoveries": recoveries, "best": best, "codes": records.agency_codes(db),
            "shared": records.shared_with(db, incident), "can_write": can(me, "write", incident),
            "agencies": _agencies(db, me)}


@router.get("/incidents/{incident_id}", response_class=HTMLResponse)
def incident_page(request: Request, incident_id: Id, me: User, db: DB) -> HTMLResponse:
    incident = records.get_visible(db, Incident, incident_id, me)
    return render(request, "incident.html", form={}, errors={}, **_incident_context(db, me, incident))


@router.post("/incidents/{incident_id}/recoveries", response_class=HTMLResponse)
def add_recovery(request: Request, incident_id: Id, me: User, db: DB, form: Form) -> Response:
    incident = records.get_visible(db, Incident, incident_id, me)
    data = _clean(form, ["recovery_code", "serial_read", "manufacturer", "model", "calibre", "weapon_type",
                         "country", "year", "markings", "importer", "condition"])
    data["obliterated"] = form.get("obliterated") in ("on", "true", "1")
    body, errs = _validate(RecoveryIn, data)
    if body is not None:
        try:
            recovery = records.create_recovery(db, me, incident, body.model_dump())
        except ArmstraceError as exc:
            errs = {"_form": str(exc)}
        else:
            return redirect(request, f"/incidents/{incident.id}#items",
                            f"Item {recovery.recovery_code} recorded.")
    return render(request, "incident.html", 422, form=form, errors=errs, **_incident_context(db, me, incident))


def _share(request: Request, kind: str, model: Any, record_id: int, me: Principal, db: Any,
           form: dict[str, Any]) -> Response:
    record = records.get_visible(db, model, record_id, me)
    shared = form.get("shared_with") or []
    records.set_visibility(db, me, record, str(form.get("visibility", "private")),
                           [shared] if isinstance(shared, str) else shared)
    return redirect(request, f"/{kind}/{record_id}", f"Visibility set to {record.visibility}.")


@router.post("/incidents/{incident_id}/sharing")
def share_incident(request: Request, incident_id: Id, me: User, db: DB, form: Form) -> Response:
    return _share(request, "incidents", Incident, incident_id, me, db, form)


@router.post("/recoveries/{recovery_id}/sharing")
def share_recovery(request: Request, recovery_id: BigId, me: User, db: DB, form: Form) -> Response:
    return _share(request, "recoveries", Recovery, recovery_id, me, db, form)


@router.post("/items/{item_id}/sharing")
def share_item(request: Request, item_id: BigId, me: User, db: DB, form: Form) -> Response:
    return _share(request, "items", Item, item_id, me, db, form)


@router.get("/recoveries/{recovery_id}", response_class=HTMLResponse)
def recovery_page(request: Request, recovery_id: BigId, me: User, db: DB) -> HTMLResponse:
    recovery = records.get_visible(db, Recovery, recovery_id, me)
    incident = records.get_visible(db, Incident, recovery.incident_id, me) if db.scalar(
        select(Incident.id).where(Incident.id == recovery.incident_id, visible(Incident, me.scope))) else None
    matches = db.scalars(select(Match).where(Match.recovery_id == recovery.id, records.match_visible(me))
                         .order_by(Match.status == "rejected", Match.rank)).all()
    items = {i.id: i for i in db.scalars(select(Item).where(Item.id.in_([m.item_id for m in matches])))}
    return render(request, "recovery.html", recovery=recovery, incident=incident, matches=matches, items=items,
                  can_write=can(me, "write", recovery), codes=records.agency_codes(db),
                  shared=records.shared_with(db, recovery), agencies=_agencies(db, me))


@router.post("/recoveries/{recovery_id}/match")
def match_recovery(request: Request, recovery_id: BigId, me: User, db: DB, form: Form) -> Response:
    from .api import store_matches

    recovery = records.get_visible(db, Recovery, recovery_id, me)
    found = store_matches(request, db, me, recovery)
    return redirect(request, f"/recoveries/{recovery_id}", f"{len(found)} candidate(s) from the registry.")


@router.post("/matches/{match_id}/review")
def review(request: Request, match_id: BigId, me: User, db: DB, form: Form) -> Response:
    match = records.get_visible(db, Match, match_id, me)
    decision = str(form.get("decision", ""))
    records.review_match(db, me, match, decision, str(form.get("note") or "") or None)
    return redirect(request, f"/recoveries/{match.recovery_id}", f"Match {decision}.")


# --- registry items ----------------------------------------------------------------------------------


@router.get("/items/{item_id}", response_class=HTMLResponse)
def item_page(request: Request, item_id: BigId, me: User, db: DB) -> HTMLResponse:
    item = records.get_visible(db, Item, item_id, me)
    chain = records.custody(db, me, item)
    found = db.execute(
        select(Match, Recovery, Incident).join(Recovery, Match.recovery_id == Recovery.id)
        .join(Incident, Recovery.incident_id == Incident.id)
        .where(Match.item_id == item.id, records.match_visible(me), Match.status != "rejected",
               visible(Incident, me.scope))
        .order_by(Incident.date)).all()
    return render(request, "item.html", item=item, chain=chain, found=found, codes=records.agency_codes(db),
                  can_write=can(me, "write", item), shared=records.shared_with(db, item), agencies=_agencies(db, me))


# --- trace requests ----------------------------------------------------------------------------------


@router.get("/traces", response_class=HTMLResponse)
def traces_page(request: Request, me: User, db: DB, box: str = "inbox") -> HTMLResponse:
    box = box if box in ("inbox", "outbox") else "inbox"
    rows = db.scalars(lifecycle.requests(me, box=box).order_by(TraceRequest.id.desc()).limit(200)).all()
    return render(request, "traces.html", box=box, traces=rows, status_of=traces.display_status,
                  codes=records.agency_codes(db))


@router.get("/traces/new", response_class=HTMLResponse)
def new_trace_page(request: Request, me: User, db: DB, recovery: Annotated[int, Query(ge=1, le=2**62)]) -> HTMLResponse:
    rec = records.get_visible(db, Recovery, recovery, me)
    return render(request, "trace_new.html", recovery=rec, form={}, errors={}, agencies=_agencies(db, me))


@router.post("/traces/new", response_class=HTMLResponse)
def new_trace(request: Request, me: User, db: DB, form: Form) -> Response:
    rec_id = str(form.get("recovery_id", ""))
    rec = records.get_visible(db, Recovery, int(rec_id) if rec_id.isdigit() else 0, me)
    data = _clean(form, ["recipient", "recipient_name", "recipient_country", "priority", "priority_reason",
                         "due_date"])
    data["recovery_ids"] = [rec.id]
    data["fields"] = _clean(form, ["reason", "circumstances", "intended_use", "requested"])
    body, errs = _validate(TraceIn, data)
    if body is not None:
        try:
            trace = traces.create(db, me, body.model_dump())
            if form.get("send"):
                lifecycle.send(db, me, trace.id)
        except ArmstraceError as exc:
            errs = _form_error(exc)
        else:
            return redirect(request, f"/traces/{trace.id}", f"Trace request {trace.reference} "
                            + ("sent." if trace.status == "sent" else "saved as a draft."))
    return render(request, "trace_new.html", 422, recovery=rec, form=form, errors=errs, agencies=_agencies(db, me))


def _form_error(exc: ArmstraceError) -> dict[str, str]:
    """A library error beside its field when the message names one ("priority_reason: ..."), else on top."""
    field, sep, message = str(exc).partition(": ")
    if sep and field.replace("_", "").isalpha() and field.islower():
        return {field: message}
    return {"_form": str(exc)}


def _trace_context(db: Any, me: Principal, trace: TraceRequest) -> dict[str, Any]:
    return {"trace": trace, "status": traces.display_status(trace), "codes": records.agency_codes(db),
            "actions": lifecycle.allowed(me, trace)}


@router.get("/traces/{trace_id}", response_class=HTMLResponse)
def trace_page(request: Request, trace_id: Id, me: User, db: DB) -> HTMLResponse:
    trace = lifecycle.find(db, me, trace_id)
    return render(request, "trace.html", errors={}, form={}, **_trace_context(db, me, trace))


@router.post("/traces/{trace_id}/answer", response_class=HTMLResponse)
def answer_trace(request: Request, trace_id: Id, me: User, db: DB, form: Form) -> Response:
    trace = lifecycle.find(db, me, trace_id)
    data = _clean(form, ["last_legal_custodian", "custodian_country", "note"])
    data["found"] = form.get("found", "yes") != "no"
    steps = []
    for line in str(form.get("custody", "")).splitlines():
        parts = [p.strip() for p in line.split(";")]
        if parts and parts[0]:
            step: dict[str, Any] = {"holder": parts[0]}
            for key, value in zip(("country", "date", "document_ref"), parts[1:], strict=False):
                if value:
                    step[key] = value
            steps.append(step)
    data["custody"] = steps
    body, errs = _validate(TraceAnswerIn, data)
    if body is not None:
        try:
            traces.answer(db, me, trace.id, body.model_dump())
        except ArmstraceError as exc:
            errs = _form_error(exc)
        else:
            return redirect(request, f"/traces/{trace.id}", f"Answer to {trace.reference} sent.")
    return render(request, "trace.html", 422, errors=errs, form=form, **_trace_context(db, me, trace))


@router.post("/traces/{trace_id}/messages")
def trace_message(request: Request, trace_id: Id, me: User, db: DB, form: Form) -> Response:
    trace = lifecycle.find(db, me, trace_id)
    body = str(form.get("body", "")).strip()
    if not body:
        return redirect(request, f"/traces/{trace.id}", "A message needs some text.")
    lifecycle.add_message(db, me, trace.id, body[:20000])
    return redirect(request, f"/traces/{trace.id}#messages", "Message sent.")


def _trace_step(request: Request, trace_id: int, step: Any, me: Principal, db: Any) -> Response:
    trace = step(db, me, trace_id)
    return redirect(request, f"/traces/{trace.id}", f"{trace.reference}: {trace.status}.")


@router.post("/traces/{trace_id}/send")
def send_trace(request: Request, trace_id: Id, me: User, db: DB, form: Form) -> Response:
    return _trace_step(request, trace_id, lifecycle.send, me, db)


@router.post("/traces/{trace_id}/acknowledge")
def acknowledge_trace(request: Request, trace_id: Id, me: User, db: DB, form: Form) -> Response:
    return _trace_step(request, trace_id, lifecycle.acknowledge, me, db)


@router.post("/traces/{trace_id}/close")
def close_trace(request: Request, trace_id: Id, me: User, db: DB, form: Form) -> Response:
    return _trace_step(request, trace_id, lifecycle.close, me, db)


# --- reports and audit ---------------------------------------------------------------------------------


def _report_module() -> Any:
    try:
        return importlib.import_module("armstrace.report")
    except ImportError:
        return None


@router.get("/reports", response_class=HTMLResponse)
def reports_page(request: Request, me: User, db: DB) -> HTMLResponse:
    incidents = db.scalars(select(Incident).where(visible(Incident, me.scope))
                           .order_by(Incident.date.desc()).limit(200)).all()
    return render(request, "reports.html", incidents=incidents, available=_report_module() is not None)


@router.get("/reports/incidents/{incident_id}.{fmt}")
def incident_report(request: Request, incident_id: Id, fmt: str, me: User, db: DB) -> Response:
    """An incident's investigation report as HTML or PDF, built over what the caller may see."""
    from . import reports

    incident = records.get_visible(db, Incident, incident_id, me)
    return reports.incident_report(request, db, me, incident, fmt)


@router.get("/audit", response_class=HTMLResponse)
def audit_page(request: Request, me: User, db: DB, page: Annotated[int, Query(ge=1, le=10**6)] = 1) -> HTMLResponse:
    records.require(me, "audit.read")
    stmt = select(AuditEvent)
    if me.scope is not None:
        stmt = stmt.where(AuditEvent.agency_id == me.agency_id)
    page = max(1, min(page, 10**6))
    rows, total = records.page(db, stmt.order_by(AuditEvent.id.desc()), 50, (page - 1) * 50)
    return render(request, "audit.html", events=rows, total=total, page=page, pages=max(1, -(-total // 50)))
