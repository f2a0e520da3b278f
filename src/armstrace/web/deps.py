"""What every route needs: the workspace, a database session, and who is asking.

The caller is found from an ``Authorization: Bearer`` API token or, for people, from the signed
session cookie. A session-authenticated request that changes something must carry the session's CSRF
token (a form field for pages, the ``X-CSRF-Token`` header for scripts); a bearer token needs none.
Each caller then spends from its rate limit (``limits.RateLimiter``: per API token, or per user).

The request's transaction is committed before the answer is sent (``scope="function"``): a commit
that fails must not follow a 2xx already on its way. A database kept busy by another writer is a 503
with Retry-After (``BusyError``), never a 500.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import BackgroundTasks, Depends, Request
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from armstrace.auth import Actor, TokenUses, actor_from_token, actor_of, hash_token, session_key
from armstrace.exceptions import AuthenticationError, PermissionDeniedError
from armstrace.model import User
from armstrace.store import Workspace, busy_error, is_busy

from .limits import RateLimiter
from .security import CSRF_HEADER, SessionData, SessionSigner, password_fingerprint

__all__ = [
    "DB",
    "CurrentActor",
    "OptionalActor",
    "current_actor",
    "db_session",
    "optional_actor",
    "rate_limit",
    "session_data",
    "signer",
    "workspace",
]

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


def workspace(request: Request) -> Workspace:
    ws: Workspace = request.app.state.workspace
    return ws


def signer(request: Request) -> SessionSigner:
    s: SessionSigner = request.app.state.signer
    return s


def session_data(request: Request) -> SessionData:
    """This visitor's session (made by the session middleware in ``app.py``)."""
    data: SessionData = request.state.session
    return data


def db_session(request: Request) -> Iterator[Session]:
    """One transaction per request: committed when the route returns, rolled back on any error."""
    ws = workspace(request)
    try:
        with ws.session() as session:
            yield session
    except DBAPIError as exc:
        if is_busy(exc):
            raise busy_error(exc, ws.settings.busy_timeout) from exc
        raise


DB = Annotated[Session, Depends(db_session, scope="function")]


def rate_limit(request: Request, cost: float = 1.0) -> None:
    """Spend ``cost`` from the caller's rate limit (a no-op for an anonymous visitor)."""
    key = getattr(request.state, "rate_key", None)
    if key is not None:
        limiter: RateLimiter = request.app.state.limiter
        limiter.take(key, cost)


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization")
    if not header:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthenticationError("send an API token as 'Authorization: Bearer <token>'")
    return token


def optional_actor(request: Request, db: DB, background: BackgroundTasks) -> Actor | None:
    """The caller, or None for an anonymous visitor; CSRF-checked for cookie-authenticated API writes."""
    token = _bearer(request)
    if token is not None:
        uses: TokenUses = request.app.state.token_uses
        found = actor_from_token(db, token, uses=uses)
        if uses.pending:  # written after the answer, in a transaction of its own: a read stays a read
            background.add_task(uses.flush, workspace(request).session)
        request.state.rate_key = ("token", hash_token(token.strip()))
        rate_limit(request)
        return found
    data: SessionData | None = getattr(request.state, "session", None)
    if data is None or data.user_id is None:
        return None
    user = db.get(User, data.user_id)
    if (
        user is None
        or not user.active
        or data.fingerprint != password_fingerprint(user.password_hash, session_key(db, user.id))
    ):
        data.user_id = None
        request.state.session_dirty = True
        return None
    api_write = request.method in UNSAFE and request.url.path.startswith("/api/")
    if api_write and not signer(request).csrf_ok(data, request.headers.get(CSRF_HEADER)):
        raise PermissionDeniedError("missing or wrong X-CSRF-Token header for a cookie-authenticated change")
    request.state.rate_key = ("user", user.id)
    rate_limit(request)
    return actor_of(db, user)


def current_actor(actor: Annotated[Actor | None, Depends(optional_actor)]) -> Actor:
    if actor is None:
        raise AuthenticationError("log in, or send an API token as 'Authorization: Bearer <token>'")
    return actor


CurrentActor = Annotated[Actor, Depends(current_actor)]
OptionalActor = Annotated[Actor | None, Depends(optional_actor)]
