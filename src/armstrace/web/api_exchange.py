"""The one route other servers call: a signed message in, applied exactly once or refused (and logged).

It takes no bearer token or session: the message's Ed25519 signature, checked against the pinned key of
the server it claims to come from, is the authentication (see ``armstrace.sharing.exchange``)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field

from armstrace.sharing import exchange

from .errors import ERROR_RESPONSES

__all__ = ["router"]

router = APIRouter(prefix="/api/v1", tags=["exchange"],
                   responses=ERROR_RESPONSES)  # fmt: skip


class MessageIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    envelope: str = Field(..., max_length=200 * 1024 * 1024, description="The canonical JSON envelope, as signed.")
    signature: str = Field(..., max_length=200, description="Base64 Ed25519 signature of the envelope's bytes.")


class ReceiptOut(BaseModel):
    status: str
    message_id: str
    reference: str
    outcome: str


@router.post("/exchange", response_model=ReceiptOut)
def receive(body: MessageIn, request: Request) -> Any:
    """A message from a peer server: verified, then applied once (a repeat answers 409 ``replayed``)."""
    return exchange.receive(request.app.state.workspace, body.envelope, body.signature)
