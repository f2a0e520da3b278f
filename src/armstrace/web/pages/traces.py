"""Pages for trace requests: inbox and outbox, a new request, answers, messages and the lifecycle steps."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from armstrace import records
from armstrace.auth import Actor
from armstrace.exceptions import ArmstraceError
from armstrace.model import Recovery, TraceRequest
from armstrace.tracing import lifecycle

from .. import traces
from ..deps import DB
from ..schemas import TraceAnswerIn, TraceIn
from .rendering import (
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


# --- trace requests ----------------------------------------------------------------------------------


@router.get("/traces", response_class=HTMLResponse)
def traces_page(request: Request, actor: PageActor, db: DB, box: str = "inbox") -> HTMLResponse:
    box = box if box in ("inbox", "outbox") else "inbox"
    newest = (TraceRequest.created_at.desc(), TraceRequest.id.desc())
    rows = db.scalars(lifecycle.requests(actor, box=box).order_by(*newest).limit(200)).all()
    return render(
        request, "traces.html", box=box, traces=rows, status_of=traces.display_status, codes=records.agency_codes(db)
    )


@router.get("/traces/new", response_class=HTMLResponse)
def new_trace_page(
    request: Request, actor: PageActor, db: DB, recovery: Annotated[int, Query(ge=1, le=2**62)]
) -> HTMLResponse:
    rec = records.get_visible(db, Recovery, recovery, actor)
    return render(request, "trace_new.html", recovery=rec, form={}, errors={}, agencies=form_agencies(db, actor))


@router.post("/traces/new", response_class=HTMLResponse)
def new_trace(request: Request, actor: PageActor, db: DB, form: Form) -> Response:
    rec = records.get_visible(db, Recovery, _record_id(form.get("recovery_id")), actor)
    data = clean_form(
        form, ["recipient", "recipient_name", "recipient_country", "priority", "priority_reason", "due_date"]
    )
    data["recovery_ids"] = [rec.id]
    data["fields"] = clean_form(form, ["reason", "circumstances", "intended_use", "requested"])
    body, errs = validate_form(TraceIn, data)
    if body is not None:
        try:
            trace = traces.create(db, actor, body.model_dump())
            if form.get("send"):
                lifecycle.send(db, actor, trace.id)
        except ArmstraceError as exc:
            errs = _form_error(exc)
        else:
            return redirect(
                request,
                f"/traces/{trace.id}",
                f"Trace request {trace.reference} " + ("sent." if trace.status == "sent" else "saved as a draft."),
            )
    agencies = form_agencies(db, actor)
    return render(request, "trace_new.html", 422, recovery=rec, form=form, errors=errs, agencies=agencies)


def _record_id(value: Any) -> int:
    """A record id posted in a form, or 0 (no record) when it is not one: ASCII digits within the id range."""
    text = value if isinstance(value, str) else ""
    if not re.fullmatch(r"[0-9]{1,19}", text):
        return 0
    number = int(text)
    return number if number <= 2**62 else 0


def _form_error(exc: ArmstraceError) -> dict[str, str]:
    """A library error beside its field when the message names one ("priority_reason: ..."), else on top."""
    field, sep, message = str(exc).partition(": ")
    if sep and field.replace("_", "").isalpha() and field.islower():
        return {field: message}
    return {"_form": str(exc)}


def _trace_context(db: Any, actor: Actor, trace: TraceRequest) -> dict[str, Any]:
    return {
        "trace": trace,
        "status": traces.display_status(trace),
        "codes": records.agency_codes(db),
        "actions": lifecycle.allowed(actor, trace),
    }


@router.get("/traces/{trace_id}", response_class=HTMLResponse)
def trace_page(request: Request, trace_id: Id, actor: PageActor, db: DB) -> HTMLResponse:
    trace = lifecycle.find(db, actor, trace_id)
    return render(request, "trace.html", errors={}, form={}, **_trace_context(db, actor, trace))


@router.post("/traces/{trace_id}/answer", response_class=HTMLResponse)
def answer_trace(request: Request, trace_id: Id, actor: PageActor, db: DB, form: Form) -> Response:
    trace = lifecycle.find(db, actor, trace_id)
    data = clean_form(form, ["last_legal_custodian", "custodian_country", "note"])
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
    body, errs = validate_form(TraceAnswerIn, data)
    if body is not None:
        try:
            traces.answer(db, actor, trace.id, body.model_dump())
        except ArmstraceError as exc:
            errs = _form_error(exc)
        else:
            return redirect(request, f"/traces/{trace.id}", f"Answer to {trace.reference} sent.")
    return render(request, "trace.html", 422, errors=errs, form=form, **_trace_context(db, actor, trace))


@router.post("/traces/{trace_id}/messages")
def trace_message(request: Request, trace_id: Id, actor: PageActor, db: DB, form: Form) -> Response:
    trace = lifecycle.find(db, actor, trace_id)
    body = str(form.get("body", "")).strip()
    if not body:
        return redirect(request, f"/traces/{trace.id}", "A message needs some text.")
    lifecycle.add_message(db, actor, trace.id, body[:20000])
    return redirect(request, f"/traces/{trace.id}#messages", "Message sent.")


def _trace_step(request: Request, trace_id: int, step: Any, actor: Actor, db: Any) -> Response:
    trace = step(db, actor, trace_id)
    return redirect(request, f"/traces/{trace.id}", f"{trace.reference}: {trace.status}.")


@router.post("/traces/{trace_id}/send")
def send_trace(request: Request, trace_id: Id, actor: PageActor, db: DB, form: Form) -> Response:
    return _trace_step(request, trace_id, lifecycle.send, actor, db)


@router.post("/traces/{trace_id}/acknowledge")
def acknowledge_trace(request: Request, trace_id: Id, actor: PageActor, db: DB, form: Form) -> Response:
    return _trace_step(request, trace_id, lifecycle.acknowledge, actor, db)


@router.post("/traces/{trace_id}/close")
def close_trace(request: Request, trace_id: Id, actor: PageActor, db: DB, form: Form) -> Response:
    return _trace_step(request, trace_id, lifecycle.close, actor, db)
