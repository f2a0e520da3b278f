"""Trace requests: ask the state of manufacture or last import who had a recovered weapon last, legally.

A request is filled from what the requesting agency knows — the recovery as read, its identification and
its registry matches — with the content ISACS 05.31 and ATF's trace form ask for (``describe``). One
lifecycle serves every shell (``lifecycle``: draft → sent → acknowledged → answered → closed, who may do
what, the audit events); between workspaces a request travels as JSON (``exchange``); ``views`` is what
people and scripts are shown.

Two ways in:

- over a workspace, acting for its agency (the CLI, the demo, scripts)::

      tracing.create_from_recoveries(ws, ["JAFFAR-2025/R-1"], to="US-NTC")
      tracing.send(ws, "PK-CTD-2025-0001")

- in a session, for an explicit actor (the server's routes and pages)::

      req = tracing.lifecycle.answer(session, actor, trace_id, custody_chain=[...])
"""

from __future__ import annotations

from . import exchange, lifecycle, views
from .exchange import FORMAT, FORMAT_VERSION
from .lifecycle import PRIORITIES, Actor, actor_for
from .views import (
    STATUSES,
    CustodyEntry,
    ItemAnswer,
    TraceItemView,
    TraceMessageView,
    TraceRequestView,
    display_status,
)
from .workspace import (
    acknowledge,
    add_message,
    answer,
    attach,
    close,
    create_from_recoveries,
    export_json,
    get,
    import_json,
    item_photos,
    list_requests,
    overdue,
    send,
)

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "PRIORITIES",
    "STATUSES",
    "Actor",
    "CustodyEntry",
    "ItemAnswer",
    "TraceItemView",
    "TraceMessageView",
    "TraceRequestView",
    "acknowledge",
    "actor_for",
    "add_message",
    "answer",
    "attach",
    "close",
    "create_from_recoveries",
    "display_status",
    "exchange",
    "export_json",
    "get",
    "import_json",
    "item_photos",
    "lifecycle",
    "list_requests",
    "overdue",
    "send",
    "views",
]
