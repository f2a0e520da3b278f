"""The page of hit notices: records of the agency that other agencies' recoveries matched."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from armstrace.sharing import notices

from ..deps import DB
from .rendering import Form, Id, PageActor, redirect, render

__all__ = ["router"]

router = APIRouter(include_in_schema=False)


@router.get("/notices", response_class=HTMLResponse)
def notices_page(
    request: Request, actor: PageActor, db: DB, show_all: Annotated[bool, Query(alias="all")] = False
) -> HTMLResponse:
    views = notices.list_notices(db, actor, include_acknowledged=show_all)
    return render(request, "notices.html", notices=views, show_all=show_all)


@router.post("/notices/{notice_id}/ack")
def acknowledge_notice(request: Request, notice_id: Id, actor: PageActor, db: DB, form: Form) -> Response:
    notices.acknowledge(db, actor, notice_id)
    return redirect(request, "/notices", f"Notice {notice_id} acknowledged.")
