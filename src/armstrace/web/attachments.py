"""API routes for photos and files on incidents, recovered items and registry records (``armstrace.attachments``).

Upload is multipart (``file``, ``shows``, ``caption``); the library checks the file, the caller's right to
change the record and writes the audit event. A file is served only with its record: another agency's file
answers 404 exactly like a missing one. Originals are sent as downloads (``Content-Disposition: attachment``,
never rendered inline), with their SHA-256 as the ETag.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, File, Form, Path, Request, UploadFile, status
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict
from sqlalchemy.orm import Session

from armstrace import attachments
from armstrace.auth import Actor
from armstrace.exceptions import NotFoundError
from armstrace.settings import Settings

from .deps import DB, CurrentActor
from .errors import ERROR_RESPONSES
from .schemas import UtcDateTime

__all__ = ["AttachmentOut", "read_upload", "router", "upload"]

router = APIRouter(prefix="/api/v1", responses=ERROR_RESPONSES, tags=["files"])
Id = Annotated[int, Path(ge=1, le=2**31 - 1)]
BigId = Annotated[int, Path(ge=1, le=2**62)]
Shows = Annotated[str, Form(description="marking, serial, packaging, label, scene, item, document or other")]
Caption = Annotated[str | None, Form(max_length=2000)]


class AttachmentOut(BaseModel):
    """A file on a record, without its bytes: ``content`` and ``thumbnail`` are its URLs."""

    model_config = ConfigDict(from_attributes=True)
    id: int
    entity: str
    record_id: int
    sha256: str
    file_name: str | None
    media_type: str | None
    size: int
    shows: str | None
    caption: str | None
    created_by: str | None
    created_at: UtcDateTime
    taken_at: dt.datetime | None = None  # the camera's clock (EXIF has no time zone)
    latitude: float | None = None
    longitude: float | None = None
    image: dict[str, Any] | None = None
    added: bool | None = None
    content: str = ""
    thumbnail: str | None = None


def _out(found: dict[str, Any]) -> AttachmentOut:
    out = AttachmentOut.model_validate(found)
    out.content = f"/api/v1/attachments/{out.id}/content"
    out.thumbnail = f"/api/v1/attachments/{out.id}/thumbnail" if found.get("has_thumbnail") else None
    return out


def read_upload(request: Request, file: UploadFile) -> bytes:
    """The uploaded bytes, reading no more than one past the limit (the library then refuses the file)."""
    settings: Settings = request.app.state.settings
    return file.file.read(settings.max_attachment_bytes + 1)


def upload(
    request: Request,
    db: Session,
    actor: Actor,
    entity: str,
    record_id: int,
    data: bytes,
    file_name: str | None,
    shows: str,
    caption: str | None,
) -> dict[str, Any]:
    """Keep one uploaded file on a record through the library, with the server's limits."""
    settings: Settings = request.app.state.settings
    return attachments.add(
        db,
        actor,
        entity,
        record_id,
        data,
        file_name=file_name,
        shows=shows,
        caption=caption,
        max_bytes=settings.max_attachment_bytes,
        max_pixels=settings.max_image_pixels,
    )


def _add(
    request: Request,
    db: Session,
    actor: Actor,
    entity: str,
    record_id: int,
    file: UploadFile,
    shows: str,
    caption: str | None,
) -> AttachmentOut:
    attachments.resolve_record(db, actor, entity, record_id)  # 404 before reading a byte of a hidden record's upload
    data = read_upload(request, file)
    return _out(upload(request, db, actor, entity, record_id, data, file.filename, shows, caption))


def _list(db: Session, actor: Actor, entity: str, record_id: int) -> list[AttachmentOut]:
    return [_out(f) for f in attachments.list_for(db, actor, entity, record_id)]


@router.post("/incidents/{incident_id}/attachments", response_model=AttachmentOut, status_code=status.HTTP_201_CREATED)
def add_incident_file(
    request: Request,
    incident_id: Id,
    actor: CurrentActor,
    db: DB,
    file: Annotated[UploadFile, File()],
    shows: Shows = "scene",
    caption: Caption = None,
) -> AttachmentOut:
    """Attach a photo (the scene, packaging, …) or a document to an incident."""
    return _add(request, db, actor, "incident", incident_id, file, shows, caption)


@router.get("/incidents/{incident_id}/attachments", response_model=list[AttachmentOut])
def incident_files(incident_id: Id, actor: CurrentActor, db: DB) -> list[AttachmentOut]:
    return _list(db, actor, "incident", incident_id)


@router.post("/recoveries/{recovery_id}/attachments", response_model=AttachmentOut, status_code=status.HTTP_201_CREATED)
def add_recovery_file(
    request: Request,
    recovery_id: BigId,
    actor: CurrentActor,
    db: DB,
    file: Annotated[UploadFile, File()],
    shows: Shows = "marking",
    caption: Caption = None,
) -> AttachmentOut:
    """Attach a photo of a marking, a serial, the packaging or the item to a recovered item."""
    return _add(request, db, actor, "recovery", recovery_id, file, shows, caption)


@router.get("/recoveries/{recovery_id}/attachments", response_model=list[AttachmentOut])
def recovery_files(recovery_id: BigId, actor: CurrentActor, db: DB) -> list[AttachmentOut]:
    return _list(db, actor, "recovery", recovery_id)


@router.post("/items/{item_id}/attachments", response_model=AttachmentOut, status_code=status.HTTP_201_CREATED)
def add_item_file(
    request: Request,
    item_id: BigId,
    actor: CurrentActor,
    db: DB,
    file: Annotated[UploadFile, File()],
    shows: Shows = "document",
    caption: Caption = None,
) -> AttachmentOut:
    """Attach a photo or document (a shipping record, a reference photo) to a registry record."""
    return _add(request, db, actor, "item", item_id, file, shows, caption)


@router.get("/items/{item_id}/attachments", response_model=list[AttachmentOut])
def item_files(item_id: BigId, actor: CurrentActor, db: DB) -> list[AttachmentOut]:
    return _list(db, actor, "item", item_id)


@router.get("/attachments/{attachment_id}", response_model=AttachmentOut)
def get_file(attachment_id: Id, actor: CurrentActor, db: DB) -> AttachmentOut:
    """A file's description (who added it, when, what it shows, its hash, EXIF time and place)."""
    return _out(attachments.attachment_dict(attachments.find(db, actor, attachment_id)))


def _bytes(data: bytes, media_type: str, sha256: str, disposition: str) -> Response:
    return Response(data, media_type=media_type, headers={
        "content-disposition": disposition, "etag": f'"{sha256}"', "cache-control": "private, max-age=3600",
        "x-content-type-options": "nosniff",
    })  # fmt: skip


@router.get(
    "/attachments/{attachment_id}/content",
    response_class=Response,
    responses={200: {"content": {"application/octet-stream": {}}}},
)
def file_content(attachment_id: Id, actor: CurrentActor, db: DB) -> Response:
    """The original file, byte for byte (its SHA-256 is the ETag)."""
    row = attachments.find(db, actor, attachment_id)
    name = row.file_name or f"{row.sha256[:16]}"
    ascii_name = "".join(c if (c.isascii() and c.isalnum()) or c in "._-" else "_" for c in name)
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"
    return _bytes(row.data, row.media_type or "application/octet-stream", row.sha256, disposition)


@router.get(
    "/attachments/{attachment_id}/thumbnail", response_class=Response, responses={200: {"content": {"image/jpeg": {}}}}
)
def file_thumbnail(attachment_id: Id, actor: CurrentActor, db: DB) -> Response:
    """A small JPEG of a photo (404 for a document, which has none)."""
    row = attachments.find(db, actor, attachment_id)
    if row.thumbnail is None:
        raise NotFoundError(f"file {attachment_id} is not a photo: it has no thumbnail")
    return _bytes(row.thumbnail, "image/jpeg", row.sha256, "inline")
