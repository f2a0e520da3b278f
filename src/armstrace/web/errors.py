"""One error shape for the whole API: ``{"error": {"code", "message", "details"}}``.

armstrace's exceptions carry their HTTP status and code (see ``armstrace.exceptions``); this module is
the one place they become responses. Pages get the same mapping rendered as an HTML error page. An
unexpected exception becomes a 500 with a generic message: never a traceback to the client.

``CatchUnexpected`` turns an unexpected exception into that 500 inside the application's middleware, so
the answer still carries the security headers and the session cookie, and the connection stays usable;
Starlette's own last-resort handler sits outside every middleware (no headers) and re-raises to the
server, which then drops the keep-alive connection.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from armstrace.exceptions import ArmstraceError, AuthenticationError

from .templating import render_error

__all__ = [
    "ERROR_RESPONSES",
    "CatchUnexpected",
    "ErrorBody",
    "ErrorResponse",
    "allowed_methods",
    "error_response",
    "install",
]

log = logging.getLogger("armstrace.web")

_CODES = {
    400: "bad_request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_input",
    429: "too_many_requests",
    500: "internal",
    503: "unavailable",
}


class ErrorBody(BaseModel):
    code: str
    message: str
    details: Any = None


class ErrorResponse(BaseModel):
    error: ErrorBody


#: what any API route may answer besides its own success: the caller's mistakes, and the server's limits
#: (a body too large, too many requests, busy) that apply before a route runs
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorResponse} for code in (401, 403, 404, 409, 413, 422, 429, 503)
}


def error_response(
    status: int, code: str, message: str, details: Any = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    body = {"error": {"code": code, "message": message, "details": details}}
    return JSONResponse(body, status_code=status, headers=headers)


def _wants_html(request: Request) -> bool:
    """Pages answer errors as pages; the API, map data and static files answer JSON."""
    return not request.url.path.startswith(("/api/", "/map/", "/static/"))


def _render(request: Request, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> Response:
    if _wants_html(request):
        if status == 401:
            return RedirectResponse("/login?" + urlencode({"next": request.url.path}), status_code=303)
        page = render_error(request, status, message)
        page.headers.update(headers or {})
        return page
    return error_response(status, code, message, headers=headers)


def install(app: FastAPI) -> None:
    """Register the handlers that turn every error into the one shape."""

    @app.exception_handler(ArmstraceError)
    async def armstrace_error(request: Request, exc: ArmstraceError) -> Response:
        headers = {"www-authenticate": "Bearer"} if isinstance(exc, AuthenticationError) else {}
        if getattr(exc, "retry_after", None):
            headers["retry-after"] = str(exc.retry_after)  # type: ignore[attr-defined]
        return _render(request, exc.http_status, exc.code, str(exc), headers or None)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        details = [
            {"field": ".".join(str(p) for p in err.get("loc", ()) if p != "body"), "reason": err.get("msg")}
            for err in exc.errors()
        ]
        message = "; ".join(f"{d['field'] or 'body'}: {d['reason']}" for d in details) or "invalid request"
        if _wants_html(request):
            return _render(request, 422, "invalid_input", message)
        return error_response(422, "invalid_input", message, details)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        status = exc.status_code
        message = exc.detail if isinstance(exc.detail, str) else HTTPStatus(status).phrase
        if status == 400 and request.url.path.startswith("/api/"):  # a body that is not JSON: bad input too
            status, message = 422, f"the request body cannot be read: {message}"
        headers = {k: v for k, v in (getattr(exc, "headers", None) or {}).items() if k.lower() != "allow"}
        if status == 405:
            headers["allow"] = allowed_methods(request)
        return _render(request, status, _CODES.get(status, "error"), message, headers or None)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:  # a last resort: see CatchUnexpected
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return _render(request, 500, "internal", "internal server error: the event was logged")


def allowed_methods(request: Request) -> str:
    """The ``Allow`` header of a 405: every method of every route whose path matches (RFC 9110 §15.5.6).

    Starlette names only the methods of the first route with that path, e.g. GET for ``/incidents``
    which also takes POST.
    """
    methods = {
        method
        for method in ("GET", "POST", "PUT", "PATCH", "DELETE")
        if any(
            route.matches({**request.scope, "method": method})[0] == Match.FULL for route in request.app.router.routes
        )
    }
    if "GET" in methods:
        methods.add("HEAD")  # answered like GET (security.HeadAsGet)
    return ", ".join(sorted(methods))


class CatchUnexpected:
    """ASGI middleware: an unexpected exception becomes the generic 500 answer here, inside the other
    middleware (security headers, session), instead of escaping to the server."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception:
            if started:  # half an answer is out: nothing better to do than let the server close it
                raise
            request = Request(scope, receive)
            log.exception("unexpected error on %s %s", request.method, request.url.path)
            response = _render(request, 500, "internal", "internal server error: the event was logged")
            await response(scope, receive, send)
