"""The page templates, and the error page: kept apart from ``rendering`` (which needs who is asking) so that
the error boundary (``errors``) can render a page without importing the request's dependencies."""

from __future__ import annotations

from pathlib import Path

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

__all__ = ["TEMPLATES", "render_error"]

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).with_name("templates")))


def render_error(request: Request, status_code: int, message: str) -> HTMLResponse:
    session = getattr(request.state, "session", None)
    return TEMPLATES.TemplateResponse(
        request,
        "error.html",
        {
            "status": status_code,
            "message": message,
            "csrf": session.csrf if session else "",
            "flash": None,
            "actor": getattr(request.state, "actor", None),
        },
        status_code=status_code,
    )
