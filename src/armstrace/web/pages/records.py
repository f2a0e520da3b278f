"""Pages for records: incidents, recovered items, their matches and sharing, and registry items."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from armstrace import records
from armstrace.attachments import list_for_record
from armstrace.auth import Actor, can
from armstrace.exceptions import ArmstraceError, PermissionDeniedError
from armstrace.model import Incident, Item, Match, Recovery

from ..deps import DB
from ..schemas import IncidentIn, RecoveryIn
from ..search import store_matches
from .rendering import (
    BigId,
    Form,
    Id,
    PageActor,
    clean_form,
    form_agencies,
    redirect,
    render,
    validate_form,
)

__all__ = ["router"]

router = APIRouter(include_in_schema=False)


# --- incidents and recoveries ------------------------------------------------------------------------


@router.get("/incidents", response_class=HTMLResponse)
def incidents_page(
    request: Request, actor: PageActor, db: DB, q: str = "", page: Annotated[int, Query(ge=1, le=10**6)] = 1
) -> HTMLResponse:
    page = max(1, min(page, 10**6))
    rows, total = records.lists.incident_page(db, actor, limit=25, offset=(page - 1) * 25, text=q.strip()[:100] or None)
    return render(
        request,
        "incidents.html",
        incidents=rows,
        total=total,
        page=page,
        q=q,
        pages=max(1, -(-total // 25)),
        codes=records.agency_codes(db),
    )


@router.get("/incidents/new", response_class=HTMLResponse)
def new_incident_page(request: Request, actor: PageActor, db: DB) -> HTMLResponse:
    if not can(actor, "write"):
        raise PermissionDeniedError(f"your role ({actor.role}) may not record incidents")
    return render(
        request, "incident_new.html", form={"visibility": "private"}, errors={}, agencies=form_agencies(db, actor)
    )


@router.post("/incidents/new", response_class=HTMLResponse)
def new_incident(request: Request, actor: PageActor, db: DB, form: Form) -> Response:
    data = clean_form(
        form,
        [
            "code",
            "date",
            "country",
            "admin1",
            "admin2",
            "place",
            "latitude",
            "longitude",
            "kind",
            "title",
            "description",
            "visibility",
        ],
    )
    shared = form.get("shared_with") or []
    data["shared_with"] = [shared] if isinstance(shared, str) else shared
    body, errs = validate_form(IncidentIn, data)
    if body is not None:
        try:
            incident = records.create_incident(db, actor, body.model_dump())
        except ArmstraceError as exc:
            errs = {"_form": str(exc)} if not str(exc).startswith("shared_with") else {"shared_with": str(exc)}
        else:
            return redirect(request, f"/incidents/{incident.id}", f"Incident {incident.code} recorded.")
    return render(
        request,
        "incident_new.html",
        422,
        form={**form, "shared_with": data["shared_with"]},
        errors=errs,
        agencies=form_agencies(db, actor),
    )


def _incident_context(db: Any, actor: Actor, incident: Incident) -> dict[str, Any]:
    recoveries = records.lists.recoveries_of(db, actor, incident.id)
    best = records.lists.best_matches(db, actor, [r.id for r in recoveries])
    items = records.lists.items_by_id(db, [m.item_id for m in best.values()])
    return {
        "incident": incident,
        "recoveries": recoveries,
        "best": best,
        "items": items,
        "codes": records.agency_codes(db),
        "shared": records.shared_with(db, incident, actor),
        "can_write": can(actor, "write", incident),
        "agencies": form_agencies(db, actor),
        "files": list_for_record(db, "incident", incident.id),
    }


@router.get("/incidents/{incident_id}", response_class=HTMLResponse)
def incident_page(request: Request, incident_id: Id, actor: PageActor, db: DB) -> HTMLResponse:
    incident = records.get_visible(db, Incident, incident_id, actor)
    return render(request, "incident.html", form={}, errors={}, **_incident_context(db, actor, incident))


@router.post("/incidents/{incident_id}/recoveries", response_class=HTMLResponse)
def add_recovery(request: Request, incident_id: Id, actor: PageActor, db: DB, form: Form) -> Response:
    incident = records.get_visible(db, Incident, incident_id, actor)
    data = clean_form(
        form,
        [
            "recovery_code",
            "serial_read",
            "manufacturer",
            "model",
            "calibre",
            "weapon_type",
            "country",
            "year",
            "markings",
            "importer",
            "condition",
        ],
    )
    data["obliterated"] = form.get("obliterated") in ("on", "true", "1")
    body, errs = validate_form(RecoveryIn, data)
    if body is not None:
        try:
            recovery = records.create_recovery(db, actor, incident, body.model_dump())
        except ArmstraceError as exc:
            errs = {"_form": str(exc)}
        else:
            return redirect(request, f"/incidents/{incident.id}#items", f"Item {recovery.recovery_code} recorded.")
    return render(request, "incident.html", 422, form=form, errors=errs, **_incident_context(db, actor, incident))


def _share(
    request: Request, kind: str, model: Any, record_id: int, actor: Actor, db: Any, form: dict[str, Any]
) -> Response:
    record = records.get_visible(db, model, record_id, actor)
    shared = form.get("shared_with") or []
    records.set_visibility(
        db, actor, record, str(form.get("visibility", "private")), [shared] if isinstance(shared, str) else shared
    )
    return redirect(request, f"/{kind}/{record_id}", f"Visibility set to {record.visibility}.")


@router.post("/incidents/{incident_id}/sharing")
def share_incident(request: Request, incident_id: Id, actor: PageActor, db: DB, form: Form) -> Response:
    return _share(request, "incidents", Incident, incident_id, actor, db, form)


@router.post("/recoveries/{recovery_id}/sharing")
def share_recovery(request: Request, recovery_id: BigId, actor: PageActor, db: DB, form: Form) -> Response:
    return _share(request, "recoveries", Recovery, recovery_id, actor, db, form)


@router.post("/items/{item_id}/sharing")
def share_item(request: Request, item_id: BigId, actor: PageActor, db: DB, form: Form) -> Response:
    return _share(request, "items", Item, item_id, actor, db, form)


@router.get("/recoveries/{recovery_id}", response_class=HTMLResponse)
def recovery_page(request: Request, recovery_id: BigId, actor: PageActor, db: DB) -> HTMLResponse:
    recovery = records.get_visible(db, Recovery, recovery_id, actor)
    incident = records.find_visible(db, Incident, recovery.incident_id, actor)
    matches = records.lists.recovery_matches(db, actor, recovery.id, rejected_last=True)
    items = records.lists.items_by_id(db, [m.item_id for m in matches])
    return render(
        request,
        "recovery.html",
        recovery=recovery,
        incident=incident,
        matches=matches,
        items=items,
        can_write=can(actor, "write", recovery),
        codes=records.agency_codes(db),
        shared=records.shared_with(db, recovery, actor),
        agencies=form_agencies(db, actor),
        files=list_for_record(db, "recovery", recovery.id),
    )


@router.post("/recoveries/{recovery_id}/match")
def match_recovery(request: Request, recovery_id: BigId, actor: PageActor, db: DB, form: Form) -> Response:
    recovery = records.get_visible(db, Recovery, recovery_id, actor)
    found = store_matches(request, db, actor, recovery)
    return redirect(request, f"/recoveries/{recovery_id}", f"{len(found)} candidate(s) from the registry.")


@router.post("/matches/{match_id}/review")
def review(request: Request, match_id: BigId, actor: PageActor, db: DB, form: Form) -> Response:
    match = records.get_visible(db, Match, match_id, actor)
    decision = str(form.get("decision", ""))
    records.review_match(db, actor, match, decision, str(form.get("note") or "") or None)
    return redirect(request, f"/recoveries/{match.recovery_id}", f"Match {decision}.")


# --- registry items ----------------------------------------------------------------------------------


@router.get("/items/{item_id}", response_class=HTMLResponse)
def item_page(request: Request, item_id: BigId, actor: PageActor, db: DB) -> HTMLResponse:
    item = records.get_visible(db, Item, item_id, actor)
    chain = records.custody(db, actor, item)
    found = records.sightings(db, actor, item)
    return render(
        request,
        "item.html",
        item=item,
        chain=chain,
        found=found,
        codes=records.agency_codes(db),
        can_write=can(actor, "write", item),
        shared=records.shared_with(db, item, actor),
        agencies=form_agencies(db, actor),
        files=list_for_record(db, "item", item.id),
    )
