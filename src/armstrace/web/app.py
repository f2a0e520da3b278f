"""The FastAPI application: JSON API, server-rendered pages, static files, sessions and headers.

``create_app(settings)`` opens the workspace once and builds everything from it, so tests create as
many isolated apps as they like. ``armstrace serve`` runs it under Uvicorn.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.staticfiles import StaticFiles

from armstrace import auth
from armstrace.settings import Settings
from armstrace.store import Workspace

from . import access, api, api_exchange, api_notices, api_psi, api_sync, attachments, errors, pages
from .limits import Admission, BodyLimit, RateLimiter
from .search import SearchService
from .security import COOKIE, HeadAsGet, SecurityHeaders, SessionData, SessionSigner

__all__ = ["API_VERSION", "create_app"]

API_VERSION = "1"
STATIC = Path(__file__).with_name("static")
log = logging.getLogger("armstrace.web")


def create_app(settings: Settings, *, workspace: Workspace | None = None, secure_cookies: bool = False) -> FastAPI:
    """An application serving the workspace named by ``settings`` (or the given open workspace)."""
    ws = workspace or Workspace.open(settings)
    # ARMSTRACE_SECRET_KEY, or the workspace's key folder (never the database): sessions survive a
    # restart, every server process on the workspace signs alike, and `armstrace key rotate` applies
    keys = settings.secret_key or ws.keys.session_secrets
    app = FastAPI(
        title="armstrace",
        version=API_VERSION,
        summary="Trace illicit small arms and light weapons between agencies.",
        description=(
            "Records (incidents, recovered items, registry records), serial search, matches and reviews, "
            "trace requests and the audit log. Authenticate with `Authorization: Bearer <token>` "
            "(`armstrace token create`). Every error has the shape "
            '`{"error": {"code", "message", "details"}}`.'
        ),
        openapi_url="/api/v1/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.state.workspace = ws
    app.state.settings = settings
    app.state.signer = SessionSigner(keys)
    app.state.search = SearchService(
        cache_size=settings.search_cache_size, min_known=settings.search_min_known, sessions=ws.session
    )
    app.state.token_uses = auth.TokenUses()
    app.state.limiter = RateLimiter(settings.rate_per_second, settings.rate_burst)
    app.state.secure_cookies = secure_cookies
    errors.install(app)
    app.include_router(api.router)
    app.include_router(api_notices.router)
    app.include_router(api_exchange.router)
    app.include_router(api_psi.router)
    app.include_router(api_sync.router)
    app.include_router(access.router)
    app.include_router(attachments.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(errors.CatchUnexpected)  # innermost: its 500 passes through the sessions and headers

    @app.middleware("http")
    async def sessions(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        """Load the signed session cookie (or start an anonymous one) and write it back when it changed."""
        if b"%00" in request.scope.get("query_string", b"") or "\x00" in request.url.path:
            return errors.error_response(422, "invalid_input", "NUL characters are not allowed in a URL")
        signer: SessionSigner = app.state.signer
        data = signer.loads(request.cookies.get(COOKIE))
        request.state.session_dirty = data is None or data.old_key
        request.state.session = data or SessionData()
        response = await call_next(request)
        if request.state.session_dirty and not request.url.path.startswith(("/static/", "/api/")):
            response.set_cookie(
                COOKIE,
                signer.dumps(request.state.session),
                httponly=True,
                samesite="lax",
                secure=app.state.secure_cookies or request.url.scheme == "https",
                max_age=12 * 3600,
                path="/",
            )
        return response

    app.add_middleware(SecurityHeaders, hsts=secure_cookies)
    app.add_middleware(HeadAsGet)
    # no more requests inside than there are database connections and worker threads for them
    app.add_middleware(Admission, limit=settings.max_concurrent, timeout=settings.queue_timeout)
    # outermost: an oversized body is refused before the session, authentication or parsing see it
    app.add_middleware(BodyLimit, max_body=settings.max_body_bytes, max_upload=settings.max_upload_bytes)
    return app
