"""Who may see and do what: agencies, users, roles, passwords, API tokens and permission checks.

People log in with a password (hashed with Argon2id); systems use API tokens, random strings shown
once and stored only as their SHA-256. A request acts as an ``Actor``: the user, their agency and
their role. Roles are ordered — viewer < analyst < agency_admin < server_admin — and ``can`` answers
one question, *may this actor do this action to this record?*, so that every route asks the same
function instead of repeating its own rules. Reading lists is done with ``armstrace.store.visible``
in the query; ``can`` is for one record already loaded.

Password guessing is throttled per client: ``MAX_FAILURES_PER_USER`` failed logins for one user name
from one client address, or ``MAX_FAILURES_PER_ADDRESS`` from one address for any names, within
``LOGIN_WINDOW`` lock that client out (even with the right password) until the oldest of them leaves
the window. The lock falls on the guesser's address, not on the user: the user logs in from elsewhere
meanwhile. Failures are kept in the ``login_failure`` table (so the lock holds across server processes
and restarts) and written to the audit log (``user.login_failed``, and ``user.login_locked``).

Lifecycle: a user is disabled and enabled (``set_active``), given a new password (``reset_password``)
or another role (``set_role``); API tokens expire (``create_token``'s ``days``, 90 by default) and are
listed and revoked. Each function takes ``by``, the actor acting through the server, whose rights it
checks (an agency admin manages its own agency's users; a user its own tokens); the command line, run
by the workspace's operator, passes none. Every change is audited in the user's agency's log.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
import secrets
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import IntegrityError as DbIntegrityError
from sqlalchemy.orm import Session

from armstrace import audit
from armstrace.exceptions import (
    AuthenticationError,
    ConflictError,
    InputError,
    NotFoundError,
    PermissionDeniedError,
    ThrottledError,
)
from armstrace.model import Agency, ApiToken, LoginFailure, ServerSetting, User, utcnow
from armstrace.store.keys import KeyStore, SessionKey
from armstrace.values import Role, choices

__all__ = [
    "ACTIONS",
    "LOGIN_WINDOW",
    "MAX_FAILURES_PER_ADDRESS",
    "MAX_FAILURES_PER_USER",
    "ROLES",
    "TOKEN_PREFIX",
    "TOKEN_USE_INTERVAL",
    "Actor",
    "TokenUses",
    "actor_from_token",
    "actor_of",
    "authenticate",
    "can",
    "create_agency",
    "create_token",
    "create_user",
    "end_sessions",
    "find_user",
    "hash_password",
    "hash_token",
    "list_tokens",
    "list_users",
    "record_login",
    "reset_password",
    "revoke_token",
    "rotate_session_key",
    "session_key",
    "set_active",
    "set_password",
    "set_role",
    "token_key",
    "verify_password",
]

ROLES = choices(Role)  # from least to most allowed
ACTIONS = (
    "read",  # see the record
    "write",  # create or change a record of one's own agency
    "share",  # change who else may see it
    "review",  # confirm or reject a match
    "trace.answer",  # acknowledge and answer a trace request addressed to one's agency
    "users.manage",  # add users and tokens in one's agency
    "agencies.manage",  # add agencies (server admins)
    "audit.read",  # read the agency's audit events
    "audit.verify",  # verify the whole chain
)
TOKEN_PREFIX = "atr_"
MIN_PASSWORD = 10
LOGIN_WINDOW = dt.timedelta(minutes=15)
MAX_FAILURES_PER_USER = 5  # for one user name from one address
MAX_FAILURES_PER_ADDRESS = 20  # higher: people behind one NAT share an address
TOKEN_DAYS = 90  # a new API token's lifetime unless told otherwise (Settings.token_days)
TOKEN_USE_INTERVAL = dt.timedelta(minutes=5)  # an API token's last_used_at is at most this stale

_hasher = PasswordHasher()  # Argon2id with the library's current recommended parameters
_DUMMY_HASH = _hasher.hash("not a real password, used to spend equal time on unknown users")
_USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]{1,63}$")
_AGENCY_CODE = re.compile(r"^[A-Z0-9][A-Z0-9_-]{0,31}$")


@dataclass(frozen=True)
class Actor:
    """Who acts: a user of an agency with a role (the logged-in user, a token's owner, or the workspace's
    operator on the command line). The one name for the caller across the library and the web."""

    user_id: int | None
    username: str
    agency_id: int
    agency_code: str
    role: str

    @property
    def scope(self) -> int | None:
        """The agency whose view applies to queries; None for a server admin, who sees everything."""
        return None if self.role == "server_admin" else self.agency_id

    def at_least(self, role: str) -> bool:
        return ROLES.index(self.role) >= ROLES.index(role)


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise InputError(f"password: use at least {MIN_PASSWORD} characters")
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when ``password`` matches; spends the same time when there is no hash to compare."""
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def actor_of(session: Session, user: User) -> Actor:
    agency = session.get(Agency, user.agency_id)
    if agency is None:  # pragma: no cover - the foreign key forbids it
        raise NotFoundError(f"user {user.username} has no agency")
    return Actor(user.id, user.username, agency.id, agency.code, user.role)


def create_agency(
    session: Session,
    code: str,
    name: str,
    *,
    country: str | None = None,
    kind: str = "law_enforcement",
    actor: str,
) -> Agency:
    code = code.strip().upper()
    if not _AGENCY_CODE.match(code):
        raise InputError(f"agency code {code!r}: use 1-32 letters, digits, '-' or '_'")
    if country is not None and not re.fullmatch(r"[A-Za-z]{2}", country):
        raise InputError(f"country {country!r}: use an ISO 3166-1 alpha-2 code such as PK")
    if session.scalar(select(Agency.id).where(Agency.code == code)) is not None:
        raise ConflictError(f"agency {code} already exists")
    agency = Agency(code=code, name=name.strip() or code, country=country.upper() if country else None, kind=kind)
    session.add(agency)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="agency.create",
        agency_id=agency.id,
        entity="agency",
        entity_id=agency.id,
        detail={"code": code, "name": agency.name, "country": agency.country},
    )
    return agency


def create_user(
    session: Session,
    username: str,
    *,
    agency_code: str,
    role: str = "viewer",
    password: str | None = None,
    actor: str,
) -> User:
    """Add a user; without a password the user can only act through API tokens."""
    if not _USERNAME.match(username):
        raise InputError(f"username {username!r}: use 2-64 letters, digits, '.', '_', '-' or '@'")
    if role not in ROLES:
        raise InputError(f"role {role!r}: use one of {', '.join(ROLES)}")
    agency = session.scalar(select(Agency).where(Agency.code == agency_code.upper()))
    if agency is None:
        raise NotFoundError(f"no agency {agency_code!r}: add it with `armstrace agency add`")
    if session.scalar(select(User.id).where(func.lower(User.username) == username.lower())) is not None:
        raise ConflictError(f"user {username} already exists")
    user = User(
        agency_id=agency.id,
        username=username,
        role=role,
        password_hash=hash_password(password) if password is not None else None,
    )
    session.add(user)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="user.create",
        agency_id=agency.id,
        entity="user_account",
        entity_id=user.id,
        detail={"username": username, "role": role},
    )
    return user


def set_password(session: Session, user: User, password: str, *, actor: str) -> None:
    user.password_hash = hash_password(password)
    audit.record(
        session, actor=actor, action="user.password", agency_id=user.agency_id, entity="user_account", entity_id=user.id
    )


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
    if user.password_hash and _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
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


def _user(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(func.lower(User.username) == username.strip().lower()))
    if user is None:
        raise NotFoundError(f"no user {username!r}: add it with `armstrace user add`")
    return user


def find_user(session: Session, username: str, by: Actor | None = None, *, own: bool = False) -> User:
    """The user ``username``, when ``by`` may manage it (``own``: or it is ``by`` itself); users of other
    agencies answer exactly like missing ones for an agency admin."""
    user = _user(session, username)
    if by is None or by.role == "server_admin" or (own and user.id == by.user_id):
        return user
    if by.agency_id != user.agency_id:
        raise NotFoundError(f"no user {username!r}: add it with `armstrace user add`")
    if by.role != "agency_admin":
        raise PermissionDeniedError(f"your role ({by.role}) may not manage users")
    return user


def list_users(session: Session, by: Actor | None = None, agency_code: str | None = None) -> list[dict[str, Any]]:
    """The users (never their password hash) — of ``by``'s agency for an agency admin."""
    stmt = select(User, Agency.code).join(Agency, Agency.id == User.agency_id).order_by(Agency.code, User.username)
    if by is not None and by.role != "server_admin":
        if by.role != "agency_admin":
            raise PermissionDeniedError(f"your role ({by.role}) may not manage users")
        stmt = stmt.where(User.agency_id == by.agency_id)
    if agency_code:
        stmt = stmt.where(Agency.code == agency_code.strip().upper())
    return [
        {
            "username": u.username,
            "agency": code,
            "role": u.role,
            "active": bool(u.active),
            "has_password": u.password_hash is not None,
            "created_at": u.created_at,
        }
        for u, code in session.execute(stmt)
    ]


def _not_self(user: User, by: Actor | None, what: str) -> None:
    if by is not None and by.user_id == user.id:
        raise ConflictError(f"you may not {what} yourself: ask another admin")


def set_active(session: Session, username: str, active: bool, *, actor: str, by: Actor | None = None) -> User:
    """Disable a user (every session ends; its tokens and password are refused) or enable it again."""
    user = find_user(session, username, by)
    _not_self(user, by, "disable" if not active else "enable")
    if bool(user.active) == active:
        raise ConflictError(f"user {user.username} is already {'enabled' if active else 'disabled'}")
    user.active = active
    if not active:
        _renew_session_key(session, user.id)
    audit.record(
        session,
        actor=actor,
        action="user.enable" if active else "user.disable",
        agency_id=user.agency_id,
        entity="user_account",
        entity_id=user.id,
        detail={"username": user.username},
    )
    return user


def reset_password(session: Session, username: str, password: str, *, actor: str, by: Actor | None = None) -> User:
    """Give a user a new password (a user may change its own): every session of that user ends."""
    user = find_user(session, username, by, own=True)
    user.password_hash = hash_password(password)
    _renew_session_key(session, user.id)
    session.execute(delete(LoginFailure).where(LoginFailure.username == user.username.lower()))
    audit.record(
        session,
        actor=actor,
        action="user.password_reset",
        agency_id=user.agency_id,
        entity="user_account",
        entity_id=user.id,
        detail={"username": user.username},
    )
    return user


def set_role(session: Session, username: str, role: str, *, actor: str, by: Actor | None = None) -> User:
    """Change a user's role; only a server admin makes (or unmakes) a server admin."""
    if role not in ROLES:
        raise InputError(f"role {role!r}: use one of {', '.join(ROLES)}")
    user = find_user(session, username, by)
    _not_self(user, by, "change the role of")
    if by is not None and by.role != "server_admin" and "server_admin" in (role, user.role):
        raise PermissionDeniedError("only a server admin grants or removes the server_admin role")
    before = user.role
    if before == role:
        raise ConflictError(f"user {user.username} is already {role}")
    user.role = role
    audit.record(
        session,
        actor=actor,
        action="user.role",
        agency_id=user.agency_id,
        entity="user_account",
        entity_id=user.id,
        detail={"username": user.username, "before": before, "after": role},
    )
    return user


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


def _renew_session_key(session: Session, user_id: int) -> None:
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
    _renew_session_key(session, user_id)
    audit.record(
        session, actor=actor, action="user.logout", agency_id=user.agency_id, entity="user_account", entity_id=user.id
    )


def record_login(session: Session, actor: Actor) -> None:
    """Audit a login with a password (``user.login``), in the user's agency's log."""
    audit.record(session, actor=actor.username, action="user.login", agency_id=actor.agency_id,
                 entity="user_account", entity_id=actor.user_id)  # fmt: skip


def can(user: Actor, action: str, record: Any = None, *, shared_with: frozenset[int] = frozenset()) -> bool:
    """May ``user`` do ``action`` to ``record`` (None: to a new record of their own agency)?

    ``shared_with`` names the agencies a ``shared`` record is shared with, for ``read``.
    """
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    admin = user.role == "server_admin"
    owner = record is None or getattr(record, "agency_id", None) == user.agency_id
    if action == "read":
        if admin or record is None or owner:
            return True
        visibility = getattr(record, "visibility", "private")
        recipient = getattr(record, "recipient_agency_id", None) == user.agency_id
        status = getattr(record, "status", "draft")  # a draft closed before it was sent was never sent
        sent = getattr(record, "sent_at", None) is not None or status in ("sent", "acknowledged", "answered")
        return (
            visibility == "public" or (visibility == "shared" and user.agency_id in shared_with) or (recipient and sent)
        )
    if action in ("write", "share", "review"):
        return user.at_least("analyst") and (admin or owner)
    if action == "trace.answer":
        return user.at_least("analyst") and (admin or getattr(record, "recipient_agency_id", None) == user.agency_id)
    if action == "users.manage":
        return admin or (user.role == "agency_admin" and owner)
    if action == "audit.read":
        return user.at_least("agency_admin")
    return admin  # agencies.manage, audit.verify
