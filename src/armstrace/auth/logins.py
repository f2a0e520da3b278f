"""Logging in with a password, throttled per client.

``MAX_FAILURES_PER_USER`` failed logins for one user name from one client address, or
``MAX_FAILURES_PER_ADDRESS`` from one address for any names, within ``LOGIN_WINDOW`` lock that client out (even
with the right password) until the oldest of them leaves the window. The lock falls on the guesser's address,
not on the user: the user logs in from elsewhere meanwhile. Failures are kept in the ``login_failure`` table (so
the lock holds across server processes and restarts) and written to the audit log (``user.login_failed``, and
``user.login_locked``).
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from armstrace import audit
from armstrace.auth.accounts import actor_of
from armstrace.auth.actor import Actor
from armstrace.auth.passwords import rehashed, verify_password
from armstrace.exceptions import AuthenticationError, ThrottledError
from armstrace.model import LoginFailure, User, utcnow

__all__ = ["LOGIN_WINDOW", "MAX_FAILURES_PER_ADDRESS", "MAX_FAILURES_PER_USER", "authenticate", "record_login"]

LOGIN_WINDOW = dt.timedelta(minutes=15)
MAX_FAILURES_PER_USER = 5  # for one user name from one address
MAX_FAILURES_PER_ADDRESS = 20  # higher: people behind one NAT share an address


def _failures(session: Session, column: Any, value: str, since: dt.datetime) -> list[dt.datetime]:
    rows = session.scalars(
        select(LoginFailure.at).where(column == value, LoginFailure.at >= since).order_by(LoginFailure.at)
    )
    return list(rows)


def _locked_until(session: Session, username: str, address: str | None, now: dt.datetime) -> dt.datetime | None:
    """When the lock on this client (this user name from this address, or this address) ends, or None."""
    since = now - LOGIN_WINDOW
    ends = []
    rows = session.scalars(
        select(LoginFailure.at)
        .where(
            LoginFailure.username == username,
            LoginFailure.at >= since,
            LoginFailure.address.is_(None) if address is None else LoginFailure.address == address,
        )
        .order_by(LoginFailure.at)
    )
    by_user = list(rows)
    if len(by_user) >= MAX_FAILURES_PER_USER:
        ends.append(by_user[-MAX_FAILURES_PER_USER] + LOGIN_WINDOW)
    if address:
        by_address = _failures(session, LoginFailure.address, address, since)
        if len(by_address) >= MAX_FAILURES_PER_ADDRESS:
            ends.append(by_address[-MAX_FAILURES_PER_ADDRESS] + LOGIN_WINDOW)
    return max(ends) if ends else None


def _refuse_locked(until: dt.datetime, now: dt.datetime) -> ThrottledError:
    seconds = max(1, math.ceil((until - now).total_seconds()))
    minutes = max(1, -(-seconds // 60))
    return ThrottledError(
        f"too many failed logins: try again in {minutes} minute{'s' if minutes > 1 else ''}", retry_after=seconds
    )


def authenticate(
    session: Session, username: str, password: str, *, address: str | None = None, now: dt.datetime | None = None
) -> Actor:
    """The actor for a username and password; the same error whatever was wrong.

    ``address`` is the client's IP address, for the per-address throttle. While a lock holds, even the
    right password is refused (``ThrottledError``), so that guessing learns nothing.
    """
    now = now or utcnow()
    name = username.strip().lower()[:64]
    address = (address or "")[:64] or None
    until = _locked_until(session, name, address, now)
    if until is not None:
        raise _refuse_locked(until, now)
    user = session.scalar(select(User).where(func.lower(User.username) == name))
    ok = verify_password(user.password_hash if user else None, password)
    if user is None or not ok or not user.active:
        _record_failure(session, user, name, address, now)
        raise AuthenticationError("unknown user or wrong password")
    fresh = rehashed(user.password_hash, password) if user.password_hash else None
    if fresh is not None:
        user.password_hash = fresh
    session.execute(
        delete(LoginFailure).where(LoginFailure.username == name, LoginFailure.address == address)
        if address
        else delete(LoginFailure).where(LoginFailure.username == name)
    )
    return actor_of(session, user)


def _record_failure(session: Session, user: User | None, name: str, address: str | None, now: dt.datetime) -> None:
    """Keep the failure for the throttle and write it to the audit log (the caller must commit)."""
    session.execute(delete(LoginFailure).where(LoginFailure.at < now - LOGIN_WINDOW))
    session.add(LoginFailure(at=now, username=name, address=address))
    session.flush()
    agency_id = user.agency_id if user else None
    entity_id = user.id if user else None
    audit.record(
        session,
        actor=name,
        action="user.login_failed",
        agency_id=agency_id,
        entity="user_account",
        entity_id=entity_id,
        detail={"username": name, "address": address, "known_user": user is not None},
    )
    until = _locked_until(session, name, address, now)
    if until is not None:
        audit.record(
            session,
            actor=name,
            action="user.login_locked",
            agency_id=agency_id,
            entity="user_account",
            entity_id=entity_id,
            detail={"username": name, "address": address, "until": until.isoformat()},
        )


def record_login(session: Session, actor: Actor) -> None:
    """Audit a login with a password (``user.login``), in the user's agency's log."""
    audit.record(session, actor=actor.username, action="user.login", agency_id=actor.agency_id,
                 entity="user_account", entity_id=actor.user_id)  # fmt: skip
