"""The audit log, re-sharing consents, users and tokens as the API shows and takes them."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    Field,
    StrictBool,
    StringConstraints,
)

from armstrace.values import (
    Role,
)

from .fields import (
    NO_NUL,
    AgencyCode,
    In,
    Out,
    Short,
    UtcDateTime,
)

__all__ = [
    "AuditEventOut",
    "AuditVerifyOut",
    "ConsentIn",
    "ConsentOut",
    "PasswordIn",
    "TokenCreatedOut",
    "TokenIn",
    "TokenOut",
    "UserOut",
    "UserPatch",
]


class AuditEventOut(Out):
    id: int
    at: UtcDateTime
    actor: str
    action: str
    entity: str | None
    entity_id: str | None
    detail: dict[str, Any] | None
    hash: str


class AuditVerifyOut(BaseModel):
    ok: bool
    events: int
    head: str
    problems: list[str]


# --- access: re-sharing consents, users and tokens ----------------------------------------------------------


class ConsentIn(In):
    entity: Literal["incident", "recovery", "item", "transfer", "attachment"]
    record_id: int = Field(ge=1, le=2**62)
    partner: AgencyCode = Field(description="the agency the record is shared with, which may pass it on")
    recipient: AgencyCode | None = Field(default=None, description="to whom; leave out for any recipient")


class ConsentOut(BaseModel):
    id: int
    entity: str
    record_id: int
    owner: str | None
    partner: str | None
    recipient: str | None
    granted_by: str
    created_at: UtcDateTime


class UserOut(BaseModel):
    username: str
    agency: str
    role: str
    active: bool
    has_password: bool
    created_at: UtcDateTime


class UserPatch(In):
    """Only the fields sent change; neither may be null."""

    active: StrictBool = Field(default=None, description="false disables the user")  # type: ignore[assignment]
    role: Role = Field(default=None)  # type: ignore[assignment]  # unset: the role stays


class PasswordIn(In):
    password: Annotated[str, StringConstraints(min_length=10, max_length=1024, pattern=NO_NUL)]


class TokenIn(In):
    name: Short = Field(description="what system will use it")
    user: Annotated[str, StringConstraints(max_length=64, pattern=NO_NUL)] | None = Field(
        default=None, description="the user it acts as (default: yourself)"
    )
    days: int = Field(default=90, ge=1, le=3650, description="days until it expires")


class TokenOut(BaseModel):
    key: str = Field(description="the token's public name (the start of its hash): revoke it by this")
    user: str
    name: str
    created_at: UtcDateTime
    last_used_at: UtcDateTime | None
    expires_at: UtcDateTime | None
    revoked: bool


class TokenCreatedOut(TokenOut):
    token: str = Field(description="the token itself, shown this once only")
