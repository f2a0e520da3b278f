"""Pages: the upload form (with drag and drop) on incident, recovered-item and registry-record pages.

The form posts ``multipart/form-data`` with the session's CSRF token; each file goes through the same
library call as the API (``attachments.add``), so checks, permissions and audit are the same. A refused
file is named in the message shown on the record's page; the others are kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.datastructures import UploadFile

from armstrace import attachments
from armstrace.exceptions import InputError, PermissionDeniedError
from armstrace.settings import Settings

from ..attachments import upload
from ..deps import DB
from ..security import SessionData
from .rendering import BigId, Id, PageActor, redirect

__all__ = ["MAX_FILES", "router"]

router = APIRouter(include_in_schema=False)
#: the most files one form post may carry
MAX_FILES = 20


@dataclass
class Upload:
    shows: str
    caption: str | None
    files: list[tuple[str | None, bytes]] = field(default_factory=list)


async def upload_form(request: Request) -> Upload:
    """The posted files (each read to one byte past the limit), after checking the form's CSRF token."""
    settings: Settings = request.app.state.settings
    async with request.form(max_files=MAX_FILES + 1) as form:  # closes the spooled files when done
        session: SessionData = request.state.session
        token = form.get("csrf_token")
        if not request.app.state.signer.csrf_ok(session, token if isinstance(token, str) else None):
            raise PermissionDeniedError("the form expired or did not come from this site: reload the page and retry")
        shows, caption = form.get("shows"), form.get("caption")
        found = Upload(
            shows if isinstance(shows, str) else "other",
            (caption.strip() or None) if isinstance(caption, str) else None,
        )
        uploads = [f for f in form.getlist("file") if isinstance(f, UploadFile) and (f.filename or f.size)]
        if len(uploads) > MAX_FILES:
            raise InputError(f"file: at most {MAX_FILES} files at a time")
        for f in uploads:
            found.files.append((f.filename, await f.read(settings.max_attachment_bytes + 1)))
    return found


Uploaded = Annotated[Upload, Depends(upload_form)]


def _post(request: Request, db: Any, actor: Any, entity: str, record_id: int, form: Upload, back: str) -> Response:
    attachments.resolve_record(db, actor, entity, record_id)  # hidden records: 404 like missing ones
    if not form.files:
        return redirect(request, back, "Choose or drop a file first.")
    kept, refused = [], []
    for name, data in form.files:
        try:
            with db.begin_nested():  # a refused file leaves the others (and the audit chain) intact
                found = upload(request, db, actor, entity, record_id, data, name, form.shows, form.caption)
        except InputError as exc:
            refused.append(str(exc))
        else:
            kept.append(found)
    added = sum(1 for f in kept if f["added"])
    message = f"{added} file(s) attached" + (f", {len(kept) - added} already here" if len(kept) > added else "")
    if refused:
        message += ". Refused: " + "; ".join(refused)
    return redirect(request, back, message + ".")


@router.post("/incidents/{incident_id}/attachments")
def incident_upload(request: Request, incident_id: Id, actor: PageActor, db: DB, form: Uploaded) -> Response:
    return _post(request, db, actor, "incident", incident_id, form, f"/incidents/{incident_id}#files")


@router.post("/recoveries/{recovery_id}/attachments")
def recovery_upload(request: Request, recovery_id: BigId, actor: PageActor, db: DB, form: Uploaded) -> Response:
    return _post(request, db, actor, "recovery", recovery_id, form, f"/recoveries/{recovery_id}#files")


@router.post("/items/{item_id}/attachments")
def item_upload(request: Request, item_id: BigId, actor: PageActor, db: DB, form: Uploaded) -> Response:
    return _post(request, db, actor, "item", item_id, form, f"/items/{item_id}#files")
