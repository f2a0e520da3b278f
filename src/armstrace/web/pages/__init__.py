"""Server-rendered pages for people: dashboard, search, incidents, items, trace inbox/outbox, reports.

Pages call the same library functions as the API (``armstrace.records``, ``armstrace.tracing``, the
server's search), so visibility and audit are the same on both. Every form post carries the session's
CSRF token; a form with mistakes is shown again with a message beside each field (HTTP 422), never a
stack trace. One module per area (``home``, ``records``, ``attachments``, ``traces``, ``notices``), and
``rendering`` for what they share.
"""

from __future__ import annotations

from fastapi import APIRouter

from . import attachments, home, notices, records, traces

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
router.include_router(home.router)
router.include_router(records.router)
router.include_router(attachments.router)
router.include_router(traces.router)
router.include_router(notices.router)
