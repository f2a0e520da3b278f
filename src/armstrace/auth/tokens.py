"""API tokens for systems: random strings shown once and stored only as their SHA-256; they expire and are
listed and revoked."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from armstrace import audit
from armstrace.auth.accounts import actor_of, find_user
from armstrace.auth.actor import Actor
from armstrace.exceptions import AuthenticationError, ConflictError, InputError, NotFoundError
from armstrace.model import ApiToken, User, utcnow

__all__ = [
    "TOKEN_DAYS",
    "TOKEN_PREFIX",
    "TOKEN_USE_INTERVAL",
    "TokenUses",
    "actor_from_token",
    "create_token",
    "hash_token",
    "list_tokens",
    "revoke_token",
    "token_key",
]

TOKEN_PREFIX = "atr_"
TOKEN_DAYS = 90  # a new API token's lifetime unless told otherwise (Settings.token_days)
TOKEN_USE_INTERVAL = dt.timedelta(minutes=5)  # an API token's last_used_at is at most this stale


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_key(token: ApiToken) -> str:
    """A token's public name in lists and routes: the start of its hash, which says nothing of its order."""
    return token.token_hash[:16]


def create_token(
    session: Session, username: str, *, name: str, actor: str, days: int | None = TOKEN_DAYS, by: Actor | None = None
) -> tuple[ApiToken, str]:
    """A new API token for ``username``: returns the stored row and the token, which is shown once.

    It expires after ``days`` days (None or 0: never — for the workspace's operator only)."""
    user = find_user(session, username, by, own=True)
    if not name.strip():
        raise InputError("token name: say what system will use it")
    if days is not None and not 0 <= days <= 3650:
        raise InputError(f"days: {days} is not between 0 and 3650")
    if by is not None and not days:
        raise InputError("days: a token made through the server must expire (1 to 3650 days)")
    plain = TOKEN_PREFIX + secrets.token_urlsafe(32)
    expires = utcnow() + dt.timedelta(days=days) if days else None
    token = ApiToken(user_id=user.id, name=name.strip(), token_hash=hash_token(plain), expires_at=expires)
    session.add(token)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="token.create",
        agency_id=user.agency_id,
        entity="api_token",
        entity_id=token.id,
        detail={
            "user": user.username,
            "name": token.name,
            "key": token_key(token),
            "expires_at": expires.isoformat() if expires else None,
        },
    )
    return token, plain


class TokenUses:
    """When API tokens were last used, kept without making a read a write.

    Writing ``last_used_at`` on every request made every GET with a token a writer, and on SQLite all
    writers queue on one lock. Instead a token's use is noted in memory and written at most once per
    ``interval`` per token (the stored value counts too, so several server processes write little more),
    by ``flush`` in a short transaction of its own after the answer has gone out. A flush that meets a busy
    database gives up quietly and tries again at the token's next use.
    """

    def __init__(self, interval: dt.timedelta = TOKEN_USE_INTERVAL) -> None:
        self.interval = interval
        self._lock = threading.Lock()
        self._written: dict[int, dt.datetime] = {}  # token id -> last use this process wrote (or is writing)
        self._pending: dict[int, dt.datetime] = {}

    def seen(self, token_id: int, stored: dt.datetime | None, now: dt.datetime | None = None) -> None:
        """Note a use of token ``token_id`` whose stored ``last_used_at`` is ``stored``."""
        now = now or utcnow()
        with self._lock:
            known = [t for t in (stored, self._written.get(token_id)) if t is not None]
            if known and now - max(known) < self.interval:
                return
            self._written[token_id] = now
            self._pending[token_id] = now
            if len(self._written) > 10_000:  # forget tokens idle for longer than the interval
                self._written = {k: v for k, v in self._written.items() if now - v < self.interval}

    @property
    def pending(self) -> bool:
        return bool(self._pending)

    def flush(self, sessions: Callable[[], AbstractContextManager[Session]]) -> int:
        """Write the noted uses in one short transaction; the number of tokens written (0 when busy)."""
        with self._lock:
            pending, self._pending = self._pending, {}
        if not pending:
            return 0
        try:
            with sessions() as session:
                for token_id, at in pending.items():
                    session.execute(
                        update(ApiToken)
                        .where(
                            ApiToken.id == token_id, or_(ApiToken.last_used_at.is_(None), ApiToken.last_used_at < at)
                        )
                        .values(last_used_at=at)
                    )
        except DBAPIError:  # busy or gone: not worth an error; the next use of the token tries again
            with self._lock:
                for token_id in pending:
                    self._written.pop(token_id, None)
            return 0
        return len(pending)


def actor_from_token(
    session: Session, token: str, *, uses: TokenUses | None = None, now: dt.datetime | None = None
) -> Actor:
    """The actor an API token acts for; writes nothing (``uses`` notes the use, see ``TokenUses``)."""
    row = session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(token.strip())))
    user = session.get(User, row.user_id) if row is not None else None
    if row is None or row.revoked or user is None or not user.active:
        raise AuthenticationError("unknown or revoked API token")
    if row.expires_at is not None and row.expires_at <= (now or utcnow()):
        raise AuthenticationError("this API token has expired: ask for a new one (`armstrace token create`)")
    if uses is not None:
        uses.seen(row.id, row.last_used_at)
    return actor_of(session, user)


def list_tokens(session: Session, username: str | None = None, *, by: Actor | None = None) -> list[dict[str, Any]]:
    """The API tokens (never their secret): id, key, user, name, created, last used, expires, revoked —
    all of them for the operator and a server admin, its agency's for an agency admin, else one's own."""
    stmt = (
        select(ApiToken, User.username)
        .join(User, User.id == ApiToken.user_id)
        .order_by(ApiToken.created_at, ApiToken.id)
    )
    if username:
        stmt = stmt.where(User.id == find_user(session, username, by, own=True).id)
    elif by is not None and by.role != "server_admin":
        stmt = stmt.where(User.agency_id == by.agency_id if by.role == "agency_admin" else User.id == by.user_id)
    return [
        {
            "id": t.id,
            "key": token_key(t),
            "user": name,
            "name": t.name,
            "created_at": t.created_at,
            "last_used_at": t.last_used_at,
            "expires_at": t.expires_at,
            "revoked": bool(t.revoked),
        }
        for t, name in session.execute(stmt)
    ]


def revoke_token(session: Session, token_id: int | str, *, actor: str, by: Actor | None = None) -> ApiToken:
    """Revoke an API token for good (by its id, or its ``key``): every later request with it answers 401."""
    if isinstance(token_id, int):
        token = session.get(ApiToken, token_id)
    else:
        token = (
            session.scalar(select(ApiToken).where(ApiToken.token_hash.like(f"{token_id.lower()}%")))
            if (re.fullmatch(r"[0-9a-fA-F]{16}", token_id))
            else None
        )
    user = session.get(User, token.user_id) if token is not None else None
    if token is None or user is None:
        raise NotFoundError(f"no API token {token_id}: list them with `armstrace token list`")
    try:
        find_user(session, user.username, by, own=True)
    except NotFoundError:
        raise NotFoundError(f"no API token {token_id}: list them with `armstrace token list`") from None
    if token.revoked:
        raise ConflictError(f"API token {token_id} ({token.name}) is already revoked")
    token.revoked = True
    audit.record(
        session,
        actor=actor,
        action="token.revoke",
        agency_id=user.agency_id,
        entity="api_token",
        entity_id=token.id,
        detail={"user": user.username, "name": token.name, "key": token_key(token)},
    )
    return token
