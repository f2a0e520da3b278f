"""Server-rendered pages for people: dashboard, search, incidents, items, trace inbox/outbox, reports.

Pages call the same ``records``/``traces``/``search`` functions as the API, so visibility and audit
are the same on both. Every form post carries the session's CSRF token; a form with mistakes is shown
again with a message beside each field (HTTP 422), never a stack trace.
"""

from __future__ import annotations

from fastapi import APIRouter

from . import pages_attachments, pages_home, pages_notices, pages_records, pages_traces
from .rendering import render_error

__all__ = ["render_error", "router"]

router = APIRouter(include_in_schema=False)
router.include_router(pages_home.router)
router.include_router(pages_records.router)
router.include_router(pages_attachments.router)
router.include_router(pages_traces.router)
router.include_router(pages_notices.router)
