"""Agencies and users: creation, lookup and lifecycle (disable, enable, new password, new role).

Each function takes ``by``, the actor acting through the server, whose rights it checks (an agency admin manages
its own agency's users; a user its own password); the command line, run by the workspace's operator, passes
none. Every change is audited in the user's agency's log.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from armstrace import audit
from armstrace.auth.actor import ROLES, Actor
from armstrace.auth.passwords import hash_password
from armstrace.auth.sessions import renew_session_key
from armstrace.exceptions import ConflictError, InputError, NotFoundError, PermissionDeniedError
from armstrace.model import Agency, LoginFailure, User

__all__ = [
    "actor_of",
    "create_agency",
    "create_user",
    "find_user",
    "list_users",
    "reset_password",
    "set_active",
    "set_password",
    "set_role",
]

_USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]{1,63}$")
_AGENCY_CODE = re.compile(r"^[A-Z0-9][A-Z0-9_-]{0,31}$")


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
        renew_session_key(session, user.id)
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
    renew_session_key(session, user.id)
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
