"""Private set intersection between servers: a partner fetches this server's OFFER and posts its ASK.

The same files as ``armstrace psi`` (docs/sharing.md), carried over HTTP for partners with an API token:
the server answers with the holder's KEY (``ARMSTRACE_PSI_KEY``), within its budget, recording the caller's
agency as the requester in the KEY's log and in the audit log. Without both settings the routes answer 404.
"""

from __future__ import annotations

import tempfile
import threading
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from armstrace.exceptions import InputError, NotFoundError
from armstrace.settings import Settings
from armstrace.sharing import psi

from .deps import DB, CurrentActor
from .errors import ERROR_RESPONSES

__all__ = ["router"]

_BINARY: dict[int | str, dict[str, Any]] = {200: {"content": {"application/octet-stream": {}}}}
router = APIRouter(prefix="/api/v1", responses=ERROR_RESPONSES, tags=["psi"])
MAX_ASK_BYTES = 64 * 1024 * 1024
_one_at_a_time = threading.Lock()  # answers spend one budget, kept in one KEY file


def _files(request: Request) -> tuple[Path, Path]:
    settings: Settings = request.app.state.settings
    if not (settings.psi_key and settings.psi_offer and settings.psi_key.is_file() and settings.psi_offer.is_file()):
        raise NotFoundError("this server offers no private set intersection (ARMSTRACE_PSI_KEY, ARMSTRACE_PSI_OFFER)")
    return settings.psi_key, settings.psi_offer


@router.get("/psi/offer", response_class=Response, responses=_BINARY)
def offer(request: Request, actor: CurrentActor, db: DB) -> Response:
    """This server's OFFER file: its inventory's skeletons, blinded (no serial can be read from it)."""
    _key, path = _files(request)
    psi.record_served(db, actor, "offer")
    return Response(path.read_bytes(), media_type="application/octet-stream")


@router.post("/psi/answer", response_class=Response, responses=_BINARY)
async def answer(request: Request, actor: CurrentActor, db: DB) -> Response:
    """Post an ASK file (the body, application/octet-stream); receive the ANSWER file, within the budget."""
    key, _offer = _files(request)
    psi.check_asker(actor)
    body = await request.body()
    if len(body) > MAX_ASK_BYTES:
        raise InputError(f"the ask is larger than {MAX_ASK_BYTES:,} bytes")
    with tempfile.TemporaryDirectory() as tmp:
        ask, out = Path(tmp) / "ask", Path(tmp) / "answer"
        ask.write_bytes(body)

        def run() -> Any:
            with _one_at_a_time:
                return psi.psi_answer(key, ask, out, requester=actor.agency_code)

        summary = await run_in_threadpool(run)
        data = out.read_bytes()
    psi.record_served(db, actor, "answer", summary.items)
    return Response(data, media_type="application/octet-stream")
