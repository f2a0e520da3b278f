"""The trace-request operations over a Workspace, acting for its agency: what the CLI and the demo call.

Each function opens one transaction, acts as the workspace's agency and user (``lifecycle.actor_for``)
and returns a ``TraceRequestView``; the rules themselves live in ``lifecycle`` and ``exchange``.
"""

from __future__ import annotations

import base64
import datetime as dt
import mimetypes
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from armstrace.exceptions import InputError
from armstrace.model import TraceRequest
from armstrace.store import Workspace

from . import exchange, lifecycle
from .lifecycle import Actor
from .views import CustodyEntry, ItemAnswer, TraceRequestView, item_key, request_photos, view

__all__ = [
    "acknowledge",
    "add_message",
    "answer",
    "attach",
    "close",
    "create_from_recoveries",
    "export_json",
    "get",
    "import_json",
    "item_photos",
    "list_requests",
    "overdue",
    "send",
]


@contextmanager
def _acting(ws: Workspace) -> Iterator[tuple[Session, Actor]]:
    agency = ws.agency()
    with ws.session() as s:
        yield s, lifecycle.actor_for(s, agency, ws.settings.user)


def _viewed(ws: Workspace, step: Callable[[Session, Actor], Any]) -> TraceRequestView:
    with _acting(ws) as (s, actor):
        return view(s, step(s, actor), actor.agency_id)


def create_from_recoveries(
    ws: Workspace,
    recoveries: Sequence[int | str],
    *,
    to: str,
    priority: str = "routine",
    priority_reason: str | None = None,
    illicit_reason: str | None = None,
    intended_use: str | None = None,
    recipient_country: str | None = None,
    due_date: dt.date | None = None,
    notes: str | None = None,
) -> TraceRequestView:
    """A draft request about these recoveries to ``to`` (an agency code here, or the name of an outside body)."""
    return _viewed(ws, lambda s, a: lifecycle.create(
        s, a, recoveries, to=to, priority=priority, priority_reason=priority_reason, illicit_reason=illicit_reason,
        intended_use=intended_use, recipient_country=recipient_country, due_date=due_date, notes=notes,
    ))  # fmt: skip


def get(ws: Workspace, reference: str) -> TraceRequestView:
    return _viewed(ws, lambda s, a: lifecycle.find(s, a, reference))


def send(
    ws: Workspace, reference: str, *, due_date: dt.date | None = None, today: dt.date | None = None
) -> TraceRequestView:
    """Send a draft; the due date defaults to today + the priority's answer time."""
    return _viewed(ws, lambda s, a: lifecycle.send(s, a, reference, due_date=due_date, today=today))


def acknowledge(ws: Workspace, reference: str) -> TraceRequestView:
    return _viewed(ws, lambda s, a: lifecycle.acknowledge(s, a, reference))


def answer(
    ws: Workspace,
    reference: str,
    *,
    custody_chain: Sequence[CustodyEntry | dict[str, Any]] | None = None,
    last_legal_custodian: CustodyEntry | dict[str, Any] | None = None,
    items: Sequence[ItemAnswer] | None = None,
    text: str | None = None,
    found: bool = True,
) -> TraceRequestView:
    """Record the answer: per item (``items``) or one custody chain for every item of the request."""
    return _viewed(ws, lambda s, a: lifecycle.answer(
        s, a, reference, custody_chain=custody_chain, last_legal_custodian=last_legal_custodian, items=items,
        text=text, found=found,
    ))  # fmt: skip


def close(ws: Workspace, reference: str, *, note: str | None = None) -> TraceRequestView:
    return _viewed(ws, lambda s, a: lifecycle.close(s, a, reference, note=note))


def add_message(ws: Workspace, reference: str, body: str) -> TraceRequestView:
    return _viewed(ws, lambda s, a: lifecycle.add_message(s, a, reference, body))


def attach(
    ws: Workspace, reference: str, path: str | Path, *, item: str | None = None, caption: str | None = None
) -> TraceRequestView:
    """Attach a photo or document (a file) to an item of the request; it travels with ``export_json``."""
    file = Path(path)
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise InputError(f"{file}: cannot read: {exc.strerror}") from exc
    media_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    return _viewed(ws, lambda s, a: lifecycle.attach(
        s, a, reference, data, item=item, file_name=file.name, media_type=media_type, caption=caption,
    ))  # fmt: skip


def list_requests(
    ws: Workspace, *, box: str | None = None, status: str | None = None, overdue_on: dt.date | None = None
) -> list[TraceRequestView]:
    """Requests the acting agency sent (``outbox``), received (``inbox``), or both; optionally only overdue ones."""
    with _acting(ws) as (s, actor):
        query = lifecycle.requests(actor, box=box, status=status, overdue_on=overdue_on)
        rows = s.scalars(query.order_by(TraceRequest.created_at, TraceRequest.id))
        return [view(s, r, actor.agency_id) for r in rows]


def overdue(ws: Workspace, today: dt.date | None = None, *, box: str | None = None) -> list[TraceRequestView]:
    """Sent or acknowledged requests past their due date."""
    return list_requests(ws, box=box, overdue_on=today or dt.date.today())


def item_photos(ws: Workspace, reference: str) -> dict[str, list[dict[str, Any]]]:
    """item key → its photos with their bytes (``data``), for the printable form."""
    with _acting(ws) as (s, actor):
        req = lifecycle.find(s, actor, reference)
        out: dict[str, list[dict[str, Any]]] = {}
        for i in sorted(req.items, key=lambda i: i.id):
            found = request_photos(s, req, i, with_data=True)
            for p in found:
                p["data"] = base64.b64decode(p.pop("data_base64"))
            out[item_key(i)] = found
        return out


def export_json(ws: Workspace, reference: str) -> dict[str, Any]:
    """The whole request as one JSON document (photos inlined), for the other party's workspace."""
    with _acting(ws) as (s, actor):
        return exchange.export_doc(s, actor, reference)


def import_json(ws: Workspace, data: dict[str, Any] | str | Path) -> tuple[TraceRequestView, str]:
    """Bring in a request (→ ``created`` in our inbox) or the other party's update of ours (→ ``updated``)."""
    doc = exchange.load(data)  # before opening a transaction: a bad file is the user's mistake
    with _acting(ws) as (s, actor):
        req, outcome = exchange.import_doc(s, actor, doc)
        return view(s, req, actor.agency_id), outcome
