"""Trace requests on the server: the routes' and pages' adapter to ``armstrace.tracing.lifecycle``.

The server has no lifecycle of its own: statuses, transitions (409), who may do what (403), what a
caller may see (404) and the audit events are the library's, the same as on the command line. This
module only turns the API's request bodies into the library's arguments.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from armstrace.auth import Actor
from armstrace.model import TraceRequest
from armstrace.tracing import CustodyEntry, display_status, lifecycle

__all__ = ["answer", "create", "display_status"]


def create(db: Session, actor: Actor, data: dict[str, Any]) -> TraceRequest:
    """A draft request (``TraceIn``) about recoveries the caller may see, to an agency here or a named body."""
    fields = data.get("fields") or {}
    recipient = data.get("recipient")
    return lifecycle.create(
        db,
        actor,
        [int(i) for i in data["recovery_ids"]],
        to=recipient or data.get("recipient_name") or "",
        to_agency=bool(recipient),
        priority=data.get("priority") or "routine",
        priority_reason=data.get("priority_reason"),
        illicit_reason=fields.get("reason"),
        intended_use=fields.get("intended_use"),
        circumstances=fields.get("circumstances"),
        requested=fields.get("requested"),
        recipient_country=data.get("recipient_country"),
        due_date=data.get("due_date"),
    )


def answer(db: Session, actor: Actor, trace_id: int, content: dict[str, Any]) -> TraceRequest:
    """The recipient's answer (``TraceAnswerIn``): one custody chain and last legal custodian for every item."""
    chain = [CustodyEntry.from_dict(step, f"custody[{n}]") for n, step in enumerate(content.get("custody") or [])]
    last = None
    name = (content.get("last_legal_custodian") or "").strip()
    if name:
        same = [c for c in chain if c.holder.casefold() == name.casefold()]
        base = same[-1] if same else CustodyEntry(holder=name)
        last = CustodyEntry(
            base.holder, content.get("custodian_country") or base.country, base.date, base.document_ref, True, base.note
        )
    return lifecycle.answer(
        db,
        actor,
        trace_id,
        custody_chain=chain,
        last_legal_custodian=last,
        text=content.get("note"),
        found=bool(content.get("found", True)),
    )
