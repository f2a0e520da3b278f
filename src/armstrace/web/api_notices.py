"""The JSON API of hit notices: the owner lists and acknowledges them, the finder embargoes an incident's."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, ConfigDict, Field

from armstrace.sharing import notices

from .deps import DB, CurrentActor
from .errors import ERROR_RESPONSES

__all__ = ["router"]

router = APIRouter(prefix="/api/v1", responses=ERROR_RESPONSES, tags=["notices"])
Id = Annotated[int, Path(ge=1, le=2**31 - 1)]


class EmbargoIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: str | None = Field(None, max_length=2000)


class EmbargoOut(BaseModel):
    incident_id: int
    embargoed: bool
    released: int = 0


@router.get("/notices", response_model=list[notices.NoticeView])  # the library's view is the schema
def list_notices(actor: CurrentActor, db: DB, all_: Annotated[bool, Query(alias="all")] = False) -> Any:
    """Notices sent to the caller's agency, newest first (``all=true`` adds acknowledged ones)."""
    return [v.to_dict() for v in notices.list_notices(db, actor, include_acknowledged=all_)]


@router.post("/notices/{notice_id}/ack", response_model=notices.NoticeView)
def acknowledge(notice_id: Id, actor: CurrentActor, db: DB) -> Any:
    return notices.acknowledge(db, actor, notice_id).to_dict()


@router.put("/incidents/{incident_id}/embargo", response_model=EmbargoOut)
def embargo(incident_id: Id, body: EmbargoIn, actor: CurrentActor, db: DB) -> Any:
    """Withhold the notices this incident's recoveries would send (recorded in the audit log)."""
    notices.embargo(db, actor, incident_id, body.reason)
    return {"incident_id": incident_id, "embargoed": True}


@router.delete("/incidents/{incident_id}/embargo", response_model=EmbargoOut)
def lift(incident_id: Id, actor: CurrentActor, db: DB) -> Any:
    """Lift the embargo and send the notices it withheld."""
    released = notices.lift_embargo(db, actor, incident_id)
    return {"incident_id": incident_id, "embargoed": False, "released": len(released)}
