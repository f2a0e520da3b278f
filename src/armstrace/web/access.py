"""Access administration over the API: re-sharing consents, users (disable, enable, role, password) and
API tokens (create with an expiry, list, revoke) — thin routes over ``tracing.consent`` and ``auth``.

The library checks who may do what: an agency admin manages its own agency's users and tokens (users of
other agencies answer 404, like missing ones), any user its own password and tokens, a server admin all.
Tokens are named by their ``key`` (the start of their hash), never by a sequential number.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Response, status

from armstrace import auth
from armstrace.tracing import consent

from .deps import DB, CurrentActor
from .errors import ERROR_RESPONSES
from .schemas import ConsentIn, ConsentOut, PasswordIn, TokenCreatedOut, TokenIn, TokenOut, UserOut, UserPatch

__all__ = ["router"]

router = APIRouter(prefix="/api/v1", responses=ERROR_RESPONSES)

Username = Annotated[str, Path(min_length=2, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.@-]{1,63}$")]
TokenKey = Annotated[str, Path(pattern=r"^[0-9a-f]{16}$")]


# --- re-sharing consents --------------------------------------------------------------------------------


@router.get("/consents", response_model=list[ConsentOut], tags=["sharing"])
def list_consents(actor: CurrentActor, db: DB) -> list[dict[str, Any]]:
    """The consents your agency granted (to pass its shared records on) and those granted to it."""
    return consent.consents(db, actor)


@router.post("/consents", response_model=ConsentOut, status_code=status.HTTP_201_CREATED, tags=["sharing"])
def grant_consent(body: ConsentIn, actor: CurrentActor, db: DB) -> dict[str, Any]:
    """The owner's consent that ``partner`` passes a record shared with it on to ``recipient`` (or anyone)."""
    row = consent.grant(db, actor, body.entity, body.record_id, partner=body.partner, recipient=body.recipient)
    return next(c for c in consent.consents(db, actor) if c["id"] == row.id)


@router.delete("/consents/{consent_id}", status_code=status.HTTP_204_NO_CONTENT, tags=["sharing"])
def revoke_consent(consent_id: Annotated[int, Path(ge=1, le=2**31 - 1)], actor: CurrentActor, db: DB) -> Response:
    consent.revoke(db, actor, consent_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# --- users -----------------------------------------------------------------------------------------------


@router.get("/users", response_model=list[UserOut], tags=["auth"])
def list_users(actor: CurrentActor, db: DB) -> list[dict[str, Any]]:
    """The users of your agency (agency admins; a server admin sees all)."""
    return auth.list_users(db, actor)


def _user_out(db: DB, actor: CurrentActor, username: str) -> dict[str, Any]:
    user = auth.find_user(db, username, actor, own=True)
    return next(u for u in auth.list_users(db) if u["username"] == user.username)


@router.patch("/users/{username}", response_model=UserOut, tags=["auth"])
def patch_user(username: Username, body: UserPatch, actor: CurrentActor, db: DB) -> dict[str, Any]:
    """Disable or enable a user, or change its role (audited; a disabled user's sessions and tokens stop)."""
    changes = body.model_dump(exclude_unset=True)
    if "role" in changes:
        auth.set_role(db, username, changes["role"], actor=actor.username, by=actor)
    if "active" in changes:
        auth.set_active(db, username, changes["active"], actor=actor.username, by=actor)
    return _user_out(db, actor, username)


@router.put("/users/{username}/password", status_code=status.HTTP_204_NO_CONTENT, tags=["auth"])
def reset_password(username: Username, body: PasswordIn, actor: CurrentActor, db: DB) -> Response:
    """A new password (your own, or a user of your agency as its admin): every session of the user ends."""
    auth.reset_password(db, username, body.password, actor=actor.username, by=actor)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# --- API tokens ------------------------------------------------------------------------------------------


def _token_out(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k != "id"}


@router.get("/tokens", response_model=list[TokenOut], tags=["auth"])
def list_tokens(actor: CurrentActor, db: DB) -> list[dict[str, Any]]:
    """Your tokens (an agency admin: its agency's; a server admin: all), never their secret."""
    return [_token_out(t) for t in auth.list_tokens(db, by=actor)]


@router.post("/tokens", response_model=TokenCreatedOut, status_code=status.HTTP_201_CREATED, tags=["auth"])
def create_token(body: TokenIn, actor: CurrentActor, db: DB) -> dict[str, Any]:
    """A new token for yourself (or, as an agency admin, for a user of your agency); it expires in ``days``."""
    row, plain = auth.create_token(
        db, body.user or actor.username, name=body.name, actor=actor.username, days=body.days, by=actor
    )
    listed = next(t for t in auth.list_tokens(db) if t["id"] == row.id)
    return {**_token_out(listed), "token": plain}


@router.delete("/tokens/{key}", status_code=status.HTTP_204_NO_CONTENT, tags=["auth"])
def revoke_token(key: TokenKey, actor: CurrentActor, db: DB) -> Response:
    auth.revoke_token(db, key, actor=actor.username, by=actor)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
