"""Login sessions: the server's signing keys and each user's session key, renewed to end every session."""

from __future__ import annotations

import datetime as dt
import secrets

from sqlalchemy.exc import IntegrityError as DbIntegrityError
from sqlalchemy.orm import Session

from armstrace import audit
from armstrace.model import ServerSetting, User, utcnow
from armstrace.store.keys import KeyStore, SessionKey

__all__ = ["end_sessions", "renew_session_key", "rotate_session_key", "session_key"]


def rotate_session_key(
    session: Session, keys: KeyStore, *, actor: str, grace: dt.timedelta = dt.timedelta(hours=1)
) -> SessionKey:
    """Make a new session signing key in the workspace's key folder; audited.

    Cookies signed with the previous key are still accepted (and re-signed with the new one) for
    ``grace``; after that they are refused and their holders log in again. ``grace=0`` logs everyone
    out at once (a key that may have leaked).
    """
    fresh = SessionKey.new(utcnow())
    current = [k.id for k in keys.session_keys() if k.retires is None]
    audit.record(
        session,
        actor=actor,
        action="key.rotate",
        entity="session_key",
        entity_id=fresh.id,
        detail={"retired": current, "grace_seconds": int(grace.total_seconds())},
    )
    session.flush()  # the event is written before the key changes: a rotation is never unaudited
    keys.rotate_session_key(grace, fresh=fresh)
    return fresh


def _session_key_name(user_id: int) -> str:
    return f"session_key:{user_id}"


def session_key(session: Session, user_id: int, *, create: bool = False) -> str:
    """The user's session key ("" when there is none yet): login cookies carry a fingerprint of it, so
    renewing it (``end_sessions``) ends every session of that user, on every device."""
    name = _session_key_name(user_id)
    row = session.get(ServerSetting, name)
    if row is None and create:
        try:
            with session.begin_nested():
                session.add(ServerSetting(name=name, value=secrets.token_urlsafe(24)))
        except DbIntegrityError:  # made at the same moment by another login: use it
            pass
        row = session.get(ServerSetting, name)
    return row.value if row is not None else ""


def renew_session_key(session: Session, user_id: int) -> None:
    name = _session_key_name(user_id)
    row = session.get(ServerSetting, name)
    if row is None:
        session.add(ServerSetting(name=name, value=secrets.token_urlsafe(24)))
    else:
        row.value = secrets.token_urlsafe(24)


def end_sessions(session: Session, user_id: int, *, actor: str) -> None:
    """End every session of the user (log out): a copied session cookie is refused from now on."""
    user = session.get(User, user_id)
    if user is None:
        return
    renew_session_key(session, user_id)
    audit.record(
        session, actor=actor, action="user.logout", agency_id=user.agency_id, entity="user_account", entity_id=user.id
    )
