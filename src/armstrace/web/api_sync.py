"""The JSON API a field laptop syncs through (`armstrace sync`): thin, the library does the work.

Every route takes the laptop user's API token (or a session with CSRF) and works within that user's
agency (``armstrace.sync.server``). See docs/field.md, "A laptop that syncs".
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from armstrace.settings import Settings
from armstrace.sync import server

from .deps import DB, CurrentActor
from .errors import ERROR_RESPONSES

__all__ = ["router"]

router = APIRouter(prefix="/api/v1/sync", responses=ERROR_RESPONSES, tags=["sync"])
Sha = Annotated[str, Path(min_length=64, max_length=64, pattern="^[0-9a-fA-F]{64}$")]


class RecordIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    entity: str = Field(..., max_length=32)
    gid: str = Field(..., min_length=32, max_length=32)
    agency: str = Field(..., max_length=32, description="The agency that owns the record (the token's, or refused).")
    base_version: int | None = Field(None, ge=1, description="The server's version the laptop's change is based on.")
    hash: str | None = Field(None, max_length=64)
    data: dict[str, Any]


class PushIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    batch: str = Field(..., min_length=1, max_length=64)
    client: str = Field(..., min_length=1, max_length=64, description="The laptop (its user or name).")
    records: list[RecordIn] = Field(..., max_length=server.MAX_BATCH)


class PullIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    cursor: int = Field(0, ge=0)
    limit: int = Field(server.MAX_BATCH, ge=1, le=server.MAX_BATCH)


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


@router.get("/whoami")
def whoami(actor: CurrentActor) -> Any:
    """The token's user and agency, and the batch and chunk sizes this server takes."""
    return server.whoami(actor)


@router.post("/push")
def push(body: PushIn, actor: CurrentActor, db: DB, request: Request) -> Any:
    """One batch of the laptop's records, applied in one transaction; one result per record."""
    settings = _settings(request)
    results = server.push(db, actor, body.batch, body.client, [r.model_dump() for r in body.records],
                          max_bytes=settings.max_attachment_bytes, max_pixels=settings.max_image_pixels)  # fmt: skip
    return {"results": results}


@router.post("/pull")
def pull(body: PullIn, actor: CurrentActor, db: DB) -> Any:
    """What the caller's agency may see, changed after ``cursor`` (and the parents those records need)."""
    return server.pull(db, actor, body.cursor, body.limit)


@router.get("/files/{sha256}")
def file_status(sha256: Sha, actor: CurrentActor, db: DB) -> Any:
    """Whether the agency has this file here already, else how many bytes of its upload the server holds."""
    return server.file_status(db, actor, sha256)


async def _body(request: Request) -> bytes:
    """The raw request body, read here so that the route itself runs in a worker thread like the others."""
    return await request.body()


@router.put("/files/{sha256}")
def put_chunk(sha256: Sha, actor: CurrentActor, db: DB, request: Request, data: Annotated[bytes, Depends(_body)],
              offset: Annotated[int, Query(ge=0)] = 0) -> Any:  # fmt: skip
    """One piece of a file (``application/octet-stream``), starting where the received bytes end."""
    return server.put_chunk(db, actor, sha256, offset, data, max_bytes=_settings(request).max_attachment_bytes)


@router.get("/files/{sha256}/content")
def file_content(sha256: Sha, actor: CurrentActor, db: DB) -> Response:
    """The bytes of a file on a record the caller may see."""
    return Response(
        server.file_content(db, actor, sha256),
        media_type="application/octet-stream",
        headers={"ETag": f'"{sha256.lower()}"'},
    )
