"""The versioned JSON API under ``/api/v1``: thin routes over ``records``, ``traces`` and ``search``.

Lists are paginated (``limit``, ``offset``; the answer says ``total``) and filtered by query
parameters; every query applies the caller's visibility. Errors have one shape (see ``errors``).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request, status
from sqlalchemy.orm import Session

from armstrace import audit, records
from armstrace.auth import Actor
from armstrace.exceptions import PermissionDeniedError
from armstrace.model import Agency, Incident, Item, Match, Recovery, TraceRequest, Transfer
from armstrace.serials import MAX_SERIAL_LENGTH
from armstrace.tracing import lifecycle
from armstrace.values import DATES, MatchStatus, TraceStatus

from . import traces
from .deps import DB, CurrentActor, rate_limit
from .errors import ERROR_RESPONSES
from .schemas import (
    ActorOut,
    AgencyOut,
    AuditEventOut,
    AuditVerifyOut,
    Candidate,
    Date,
    IncidentIn,
    IncidentOut,
    IncidentPatch,
    ItemOut,
    MatchOut,
    MessageIn,
    Page,
    RecoveryIn,
    RecoveryOut,
    RecoveryPatch,
    ReviewIn,
    SearchOut,
    SharingIn,
    SourceOut,
    TraceAnswerIn,
    TraceIn,
    TraceOut,
    TransferOut,
)
from .search import store_matches

__all__ = ["router"]

router = APIRouter(prefix="/api/v1", responses=ERROR_RESPONSES)

Id = Annotated[int, Path(ge=1, le=2**31 - 1)]
BigId = Annotated[int, Path(ge=1, le=2**62)]
Limit = Annotated[int, Query(ge=1, le=500, description="rows per page")]
Offset = Annotated[int, Query(ge=0, le=10**9, description="rows to skip")]
Text = Annotated[str | None, Query(max_length=255, pattern=r"^[^\x00]*$")]
CountryQ = Annotated[str | None, Query(pattern=r"^[A-Za-z]{2}$")]
DateQ = Annotated[Date | None, Query(description=f"a date such as 2025-03-11 ({DATES[0].year} to {DATES[1].year})")]


def _page(model_out: Any, rows: list[Any], total: int, limit: int, offset: int, db: Session) -> dict[str, Any]:
    """One page of ``rows`` as ``model_out``; agency codes are looked up only for a model that shows them."""
    codes = records.agency_codes(db) if "agency" in model_out.model_fields else {}
    return _paged([_out(model_out, r, codes) for r in rows], total, limit, offset)


def _paged(items: list[Any], total: int, limit: int, offset: int) -> dict[str, Any]:
    """The one shape (``Page``) every list endpoint answers in, for items already made."""
    return {"items": items, "total": total, "limit": limit, "offset": offset}


def _out(model_out: Any, row: Any, codes: dict[int, str], **extra: Any) -> Any:
    out = model_out.model_validate(row)
    if "agency" in model_out.model_fields and getattr(row, "agency_id", None) is not None:
        out.agency = codes.get(row.agency_id, "")
    for key, value in extra.items():
        setattr(out, key, value)
    return out


# --- who am I, agencies ------------------------------------------------------------------------------


@router.get("/me", response_model=ActorOut, tags=["auth"])
def me(actor: CurrentActor) -> dict[str, Any]:
    """The caller: user name, agency and role."""
    return {"username": actor.username, "agency": actor.agency_code, "role": actor.role}


@router.get("/agencies", response_model=list[AgencyOut], tags=["auth"])
def agencies(actor: CurrentActor, db: DB) -> list[Agency]:
    """The agencies on this server (the directory used to share records and address trace requests)."""
    return records.agencies(db)


# --- incidents ---------------------------------------------------------------------------------------


@router.get("/incidents", response_model=Page[IncidentOut], tags=["incidents"])
def list_incidents(
    actor: CurrentActor,
    db: DB,
    limit: Limit = 50,
    offset: Offset = 0,
    country: CountryQ = None,
    kind: Text = None,
    date_from: DateQ = None,
    date_to: DateQ = None,
    q: Text = None,
) -> dict[str, Any]:
    """Incidents the caller may see, newest first; ``q`` searches code, title and place."""
    rows, total = records.lists.incident_page(
        db,
        actor,
        limit=limit,
        offset=offset,
        country=country,
        kind=kind,
        date_from=date_from,
        date_to=date_to,
        text=q.lower() if q else None,
    )
    return _page(IncidentOut, rows, total, limit, offset, db)


@router.post("/incidents", response_model=IncidentOut, status_code=status.HTTP_201_CREATED, tags=["incidents"])
def create_incident(body: IncidentIn, actor: CurrentActor, db: DB) -> Any:
    incident = records.create_incident(db, actor, body.model_dump())
    return _incident(db, incident, actor)


def _incident(db: Session, incident: Incident, actor: Actor) -> Any:
    return _out(IncidentOut, incident, records.agency_codes(db), shared_with=records.shared_with(db, incident, actor))


@router.get("/incidents/{incident_id}", response_model=IncidentOut, tags=["incidents"])
def get_incident(incident_id: Id, actor: CurrentActor, db: DB) -> Any:
    return _incident(db, records.get_visible(db, Incident, incident_id, actor), actor)


@router.patch("/incidents/{incident_id}", response_model=IncidentOut, tags=["incidents"])
def patch_incident(incident_id: Id, body: IncidentPatch, actor: CurrentActor, db: DB) -> Any:
    incident = records.get_visible(db, Incident, incident_id, actor)
    records.update_record(db, actor, incident, body.model_dump(exclude_unset=True))
    return _incident(db, incident, actor)


@router.put("/incidents/{incident_id}/sharing", response_model=IncidentOut, tags=["incidents"])
def share_incident(incident_id: Id, body: SharingIn, actor: CurrentActor, db: DB) -> Any:
    """Make the incident private, public, or shared with the named agencies."""
    incident = records.get_visible(db, Incident, incident_id, actor)
    records.set_visibility(db, actor, incident, body.visibility, body.shared_with)
    return _incident(db, incident, actor)


@router.get("/incidents/{incident_id}/recoveries", response_model=Page[RecoveryOut], tags=["recoveries"])
def incident_recoveries(incident_id: Id, actor: CurrentActor, db: DB, limit: Limit = 100, offset: Offset = 0) -> Any:
    records.get_visible(db, Incident, incident_id, actor)
    rows, total = records.lists.recovery_page(db, actor, limit=limit, offset=offset, incident_id=incident_id)
    return _page(RecoveryOut, rows, total, limit, offset, db)


@router.post(
    "/incidents/{incident_id}/recoveries",
    response_model=RecoveryOut,
    status_code=status.HTTP_201_CREATED,
    tags=["recoveries"],
)
def create_recovery(incident_id: Id, body: RecoveryIn, actor: CurrentActor, db: DB) -> Any:
    """Record an item recovered at the incident, its serial kept exactly as read."""
    incident = records.get_visible(db, Incident, incident_id, actor)
    recovery = records.create_recovery(db, actor, incident, body.model_dump())
    return _out(RecoveryOut, recovery, records.agency_codes(db))


# --- recoveries --------------------------------------------------------------------------------------


@router.get("/recoveries", response_model=Page[RecoveryOut], tags=["recoveries"])
def list_recoveries(
    actor: CurrentActor,
    db: DB,
    limit: Limit = 50,
    offset: Offset = 0,
    serial: Text = None,
    manufacturer: Text = None,
    obliterated: bool | None = None,
) -> Any:
    """Recovered items the caller may see; ``serial`` filters on the reading (normalised, substring)."""
    rows, total = records.lists.recovery_page(
        db, actor, limit=limit, offset=offset, serial=serial, manufacturer=manufacturer, obliterated=obliterated
    )
    return _page(RecoveryOut, rows, total, limit, offset, db)


@router.get("/recoveries/{recovery_id}", response_model=RecoveryOut, tags=["recoveries"])
def get_recovery(recovery_id: BigId, actor: CurrentActor, db: DB) -> Any:
    return _out(RecoveryOut, records.get_visible(db, Recovery, recovery_id, actor), records.agency_codes(db))


@router.patch("/recoveries/{recovery_id}", response_model=RecoveryOut, tags=["recoveries"])
def patch_recovery(recovery_id: BigId, body: RecoveryPatch, actor: CurrentActor, db: DB) -> Any:
    recovery = records.get_visible(db, Recovery, recovery_id, actor)
    records.update_record(db, actor, recovery, body.model_dump(exclude_unset=True))
    return _out(RecoveryOut, recovery, records.agency_codes(db))


@router.put("/recoveries/{recovery_id}/sharing", response_model=RecoveryOut, tags=["recoveries"])
def share_recovery(recovery_id: BigId, body: SharingIn, actor: CurrentActor, db: DB) -> Any:
    recovery = records.get_visible(db, Recovery, recovery_id, actor)
    records.set_visibility(db, actor, recovery, body.visibility, body.shared_with)
    return _out(RecoveryOut, recovery, records.agency_codes(db))


@router.get("/recoveries/{recovery_id}/matches", response_model=list[MatchOut], tags=["matches"])
def recovery_matches(recovery_id: BigId, actor: CurrentActor, db: DB) -> list[Match]:
    records.get_visible(db, Recovery, recovery_id, actor)
    return records.lists.recovery_matches(db, actor, recovery_id)


@router.post("/recoveries/{recovery_id}/matches", response_model=list[MatchOut], tags=["matches"])
def run_matches(
    recovery_id: BigId, request: Request, actor: CurrentActor, db: DB, limit: Annotated[int, Query(ge=1, le=50)] = 10
) -> list[Match]:
    """Search the visible registry for the recovery's serial and store the candidates for review."""
    recovery = records.get_visible(db, Recovery, recovery_id, actor)
    return store_matches(request, db, actor, recovery, limit)


# --- registry ----------------------------------------------------------------------------------------


@router.get("/sources", response_model=Page[SourceOut], tags=["registry"])
def list_sources(actor: CurrentActor, db: DB, limit: Limit = 50, offset: Offset = 0) -> Any:
    rows, total = records.lists.source_page(db, actor, limit=limit, offset=offset)
    return _page(SourceOut, rows, total, limit, offset, db)


@router.get("/items", response_model=Page[ItemOut], tags=["registry"])
def list_items(
    actor: CurrentActor,
    db: DB,
    limit: Limit = 50,
    offset: Offset = 0,
    serial: Text = None,
    manufacturer: Text = None,
    status_: Annotated[str | None, Query(alias="status", max_length=32, pattern=r"^[^\x00]*$")] = None,
    source_id: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
) -> Any:
    """Registry records the caller may see; ``serial`` is an exact (normalised) serial — use /search to match."""
    rows, total = records.lists.item_page(
        db,
        actor,
        limit=limit,
        offset=offset,
        serial=serial,
        manufacturer=manufacturer,
        status=status_,
        source_id=source_id,
    )
    return _page(ItemOut, rows, total, limit, offset, db)


@router.get("/items/{item_id}", response_model=ItemOut, tags=["registry"])
def get_item(item_id: BigId, actor: CurrentActor, db: DB) -> Any:
    return _out(ItemOut, records.get_visible(db, Item, item_id, actor), records.agency_codes(db))


@router.get("/items/{item_id}/custody", response_model=list[TransferOut], tags=["registry"])
def item_custody(item_id: BigId, actor: CurrentActor, db: DB) -> list[Transfer]:
    """The visible transfers that moved this item, in date order: its chain of custody."""
    return records.custody(db, actor, records.get_visible(db, Item, item_id, actor))


@router.put("/items/{item_id}/sharing", response_model=ItemOut, tags=["registry"])
def share_item(item_id: BigId, body: SharingIn, actor: CurrentActor, db: DB) -> Any:
    item = records.get_visible(db, Item, item_id, actor)
    records.set_visibility(db, actor, item, body.visibility, body.shared_with)
    return _out(ItemOut, item, records.agency_codes(db))


@router.get("/transfers", response_model=Page[TransferOut], tags=["registry"])
def list_transfers(
    actor: CurrentActor,
    db: DB,
    limit: Limit = 50,
    offset: Offset = 0,
    serial: Text = None,
    holder: Text = None,
    legal: bool | None = None,
) -> Any:
    rows, total = records.lists.transfer_page(
        db, actor, limit=limit, offset=offset, serial=serial, holder=holder, legal=legal
    )
    return _page(TransferOut, rows, total, limit, offset, db)


# --- search and matches ------------------------------------------------------------------------------


@router.get("/search", response_model=SearchOut, tags=["matches"])
def search(
    request: Request,
    actor: CurrentActor,
    db: DB,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=MAX_SERIAL_LENGTH,
            pattern=r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$",
            description="serial as read: ? one unknown, * a run, [38] one of",
        ),
    ],
    manufacturer: Text = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
) -> dict[str, Any]:
    """Rank the registry records the caller may see against a serial reading, with probabilities."""
    rate_limit(request, request.app.state.settings.search_cost - 1)  # a search costs more than a read
    engine, found = request.app.state.search.search(db, actor, q, manufacturer=manufacturer, limit=limit)
    return {"query": q, "engine": engine, "candidates": [Candidate(**c) for c in found]}


@router.get("/matches", response_model=Page[MatchOut], tags=["matches"])
def list_matches(
    actor: CurrentActor,
    db: DB,
    limit: Limit = 50,
    offset: Offset = 0,
    status_: Annotated[MatchStatus | None, Query(alias="status")] = None,
    min_probability: Annotated[float | None, Query(ge=0, le=1)] = None,
) -> Any:
    rows, total = records.lists.match_page(
        db, actor, limit=limit, offset=offset, status=status_, min_probability=min_probability
    )
    return _page(MatchOut, rows, total, limit, offset, db)


@router.get("/matches/{match_id}", response_model=MatchOut, tags=["matches"])
def get_match(match_id: BigId, actor: CurrentActor, db: DB) -> Match:
    return records.get_visible(db, Match, match_id, actor)


@router.post("/matches/{match_id}/review", response_model=MatchOut, tags=["matches"])
def review_match(match_id: BigId, body: ReviewIn, actor: CurrentActor, db: DB) -> Match:
    """Confirm or reject a candidate (a person's decision, recorded with name and time)."""
    match = records.get_visible(db, Match, match_id, actor)
    return records.review_match(db, actor, match, body.decision, body.note)


# --- trace requests ----------------------------------------------------------------------------------


def trace_out(db: Session, trace: TraceRequest) -> TraceOut:
    codes = records.agency_codes(db)
    out = TraceOut.model_validate(trace)
    out.agency = codes.get(trace.agency_id, "")
    out.recipient = codes.get(trace.recipient_agency_id) if trace.recipient_agency_id else None
    out.status = traces.display_status(trace)
    for m, src in zip(out.messages, trace.messages, strict=True):
        m.agency = codes.get(src.agency_id, "") if src.agency_id else ""
    return out


@router.get("/traces", response_model=Page[TraceOut], tags=["traces"])
def list_traces(
    actor: CurrentActor,
    db: DB,
    limit: Limit = 50,
    offset: Offset = 0,
    box: Annotated[Literal["all", "inbox", "outbox"], Query()] = "all",
    status_: Annotated[TraceStatus | None, Query(alias="status")] = None,
) -> Any:
    """Trace requests: the outbox (sent by the caller's agency) and inbox (addressed to it)."""
    stmt = lifecycle.requests(actor, box=None if box == "all" else box, status=status_)
    rows, total = records.page(db, stmt.order_by(TraceRequest.created_at.desc(), TraceRequest.id.desc()), limit, offset)
    return _paged([trace_out(db, t) for t in rows], total, limit, offset)


@router.post("/traces", response_model=TraceOut, status_code=status.HTTP_201_CREATED, tags=["traces"])
def create_trace(body: TraceIn, actor: CurrentActor, db: DB) -> TraceOut:
    """A draft trace request about recovered items; send it with POST /traces/{id}/send."""
    return trace_out(db, traces.create(db, actor, body.model_dump()))


@router.get("/traces/{trace_id}", response_model=TraceOut, tags=["traces"])
def get_trace(trace_id: Id, actor: CurrentActor, db: DB) -> TraceOut:
    return trace_out(db, lifecycle.find(db, actor, trace_id))


@router.post("/traces/{trace_id}/send", response_model=TraceOut, tags=["traces"])
def send_trace(trace_id: Id, actor: CurrentActor, db: DB) -> TraceOut:
    """Send a draft: the recipient sees it from now on; the due date follows the priority."""
    return trace_out(db, lifecycle.send(db, actor, trace_id))


@router.post("/traces/{trace_id}/acknowledge", response_model=TraceOut, tags=["traces"])
def acknowledge_trace(trace_id: Id, actor: CurrentActor, db: DB) -> TraceOut:
    return trace_out(db, lifecycle.acknowledge(db, actor, trace_id))


@router.post("/traces/{trace_id}/answer", response_model=TraceOut, tags=["traces"])
def answer_trace(trace_id: Id, body: TraceAnswerIn, actor: CurrentActor, db: DB) -> TraceOut:
    """The recipient's answer: the custody chain and the last legal custodian (or that nothing was found)."""
    return trace_out(db, traces.answer(db, actor, trace_id, body.model_dump()))


@router.post("/traces/{trace_id}/close", response_model=TraceOut, tags=["traces"])
def close_trace(trace_id: Id, actor: CurrentActor, db: DB) -> TraceOut:
    return trace_out(db, lifecycle.close(db, actor, trace_id))


@router.post(
    "/traces/{trace_id}/messages", response_model=TraceOut, status_code=status.HTTP_201_CREATED, tags=["traces"]
)
def post_trace_message(trace_id: Id, body: MessageIn, actor: CurrentActor, db: DB) -> TraceOut:
    return trace_out(db, lifecycle.add_message(db, actor, trace_id, body.body))


# --- audit -------------------------------------------------------------------------------------------


@router.get("/audit", response_model=Page[AuditEventOut], tags=["audit"])
def list_audit(
    actor: CurrentActor, db: DB, limit: Limit = 50, offset: Offset = 0, action: Text = None, entity: Text = None
) -> Any:
    """The audit events of the caller's agency (a server admin sees all), newest first."""
    rows, total = records.page(db, records.actions.events(actor, action=action, entity=entity), limit, offset)
    return _page(AuditEventOut, rows, total, limit, offset, db)


@router.get("/audit/verify", response_model=AuditVerifyOut, tags=["audit"])
def verify_audit(
    actor: CurrentActor,
    db: DB,
    request: Request,
    anchor: Annotated[str | None, Query(pattern=r"^[0-9a-f]{64}$")] = None,
) -> dict[str, Any]:
    """Recompute the whole hash chain (server admins): any edited, rewritten or deleted event is reported,
    checked against the workspace's signed anchors."""
    if not actor.role == "server_admin":
        raise PermissionDeniedError("only a server admin verifies the whole audit chain")
    report = audit.verify(db, anchor=anchor, anchors=request.app.state.workspace.anchors)
    return {"ok": report.ok, "events": report.events, "head": report.head, "problems": report.problems}
