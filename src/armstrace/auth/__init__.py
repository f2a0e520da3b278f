"""Who may see and do what: agencies, users, roles, passwords, API tokens, sessions and permission checks.

People log in with a password (``passwords``, ``logins``: hashed with Argon2id, guessing throttled per client);
systems use API tokens (``tokens``: random strings shown once and stored only as their SHA-256). A request acts
as an ``Actor`` (``actor``): the user, their agency and their role; ``can`` is the one permission check.
Agencies and users and their lifecycle are in ``accounts``; login sessions and signing keys in ``sessions``.
"""

from __future__ import annotations

from armstrace.auth.accounts import (
    actor_of,
    create_agency,
    create_user,
    find_user,
    list_users,
    reset_password,
    set_active,
    set_password,
    set_role,
)
from armstrace.auth.actor import ACTIONS, ROLES, Actor, can
from armstrace.auth.logins import (
    LOGIN_WINDOW,
    MAX_FAILURES_PER_ADDRESS,
    MAX_FAILURES_PER_USER,
    authenticate,
    record_login,
)
from armstrace.auth.passwords import MIN_PASSWORD, hash_password, verify_password
from armstrace.auth.sessions import end_sessions, rotate_session_key, session_key
from armstrace.auth.tokens import (
    TOKEN_DAYS,
    TOKEN_PREFIX,
    TOKEN_USE_INTERVAL,
    TokenUses,
    actor_from_token,
    create_token,
    hash_token,
    list_tokens,
    revoke_token,
    token_key,
)

__all__ = [
    "ACTIONS",
    "LOGIN_WINDOW",
    "MAX_FAILURES_PER_ADDRESS",
    "MAX_FAILURES_PER_USER",
    "MIN_PASSWORD",
    "ROLES",
    "TOKEN_DAYS",
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
