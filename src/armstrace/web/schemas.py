"""The JSON shapes of the API (request bodies and responses), with the limits the database needs.

Every string has a length limit and refuses NUL characters, every number a range, so that bad input is
a 422 naming the field, never a database error. Bodies forbid unknown fields: a misspelt field is an
error, not silently dropped.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StringConstraints,
    model_validator,
)

from armstrace.values import (
    DATES,
    LATITUDE,
    LONGITUDE,
    YEARS,
    IncidentKind,
    MatchStatus,
    Priority,
    Role,
    Visibility,
    WeaponType,
)

__all__ = [
    "ActorOut",
    "AgencyOut",
    "AuditEventOut",
    "AuditVerifyOut",
    "Candidate",
    "ConsentIn",
    "ConsentOut",
    "IncidentIn",
    "IncidentOut",
    "IncidentPatch",
    "ItemOut",
    "MatchOut",
    "MessageIn",
    "Page",
    "PasswordIn",
    "RecoveryIn",
    "RecoveryOut",
    "RecoveryPatch",
    "ReviewIn",
    "SearchOut",
    "SharingIn",
    "SourceOut",
    "TokenCreatedOut",
    "TokenIn",
    "TokenOut",
    "TraceAnswerIn",
    "TraceIn",
    "TraceOut",
    "TransferOut",
    "UserOut",
    "UserPatch",
    "Visibility",
    "iso_date",
]

T = TypeVar("T")
_NO_NUL = r"^[^\x00]*$"
Short = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=_NO_NUL, strip_whitespace=True)]
#: an identifier (incident and item codes): no control characters, which would split a download's header
_NO_CONTROL = r"^[^\x00-\x1f\x7f-\x9f\u2028\u2029]*$"
Code = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=_NO_CONTROL, strip_whitespace=True)]
Name = Annotated[str, StringConstraints(max_length=255, pattern=_NO_NUL)]
LongText = Annotated[str, StringConstraints(max_length=20000, pattern=_NO_NUL)]
Country = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2}$", to_upper=True)]
AgencyCode = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$", to_upper=True)]


def iso_date(value: Any) -> Any:
    """A date is written as one (2025-03-11): a number is not read as seconds since 1970."""
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise ValueError("use a date such as 2025-03-11")
    if isinstance(value, int | float):
        raise ValueError("use a date such as 2025-03-11")
    return value


def _not_bool(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError("give a number, not true or false")
    return value


# Constraints before the BeforeValidator: after it, pydantic can no longer put them into the JSON schema.
Date = Annotated[dt.date, Field(ge=DATES[0], le=DATES[1]), BeforeValidator(iso_date)]
Latitude = Annotated[float, Field(ge=LATITUDE.low, le=LATITUDE.high), BeforeValidator(_not_bool)]
Longitude = Annotated[float, Field(ge=LONGITUDE.low, le=LONGITUDE.high), BeforeValidator(_not_bool)]


def _utc(value: dt.datetime) -> dt.datetime:
    """Stored times are naive UTC; the API says so (RFC 3339 with an offset)."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value


UtcDateTime = Annotated[dt.datetime, AfterValidator(_utc)]


class In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int = Field(description="rows matching the filters that the caller may see")
    limit: int
    offset: int


class ActorOut(Out):
    username: str
    agency: str
    role: str


class AgencyOut(Out):
    code: str
    name: str
    country: str | None
    kind: str


class SharingIn(In):
    visibility: Visibility
    shared_with: list[AgencyCode] = Field(default_factory=list, max_length=100)


class IncidentFields(In):
    date: Date | None = None
    country: Country | None = None
    admin1: Name | None = None
    admin2: Name | None = None
    place: Name | None = None
    latitude: Latitude | None = None
    longitude: Longitude | None = None
    kind: IncidentKind | None = None
    title: Name | None = None
    description: LongText | None = None


class IncidentIn(IncidentFields):
    code: Code = Field(description="the reporting agency's identifier, unique in the agency")
    date: Date
    country: Country
    visibility: Visibility = Visibility.PRIVATE
    shared_with: list[AgencyCode] = Field(default_factory=list, max_length=100)


class IncidentPatch(IncidentFields):
    # date, country and code are required by POST: null is refused by the type; leave a field out to keep it.
    date: Date = Field(default=None, description="leave the field out to keep the date")  # type: ignore[assignment]
    country: Country = Field(
        default=None,  # type: ignore[assignment]
        description="leave the field out to keep the country",
    )
    # Not nullable (an incident keeps a code): null is refused by the type, as the schema says; leave it out.
    code: Code = Field(
        default=None,  # type: ignore[assignment]  # unset: the code stays
        description="a new code; leave the field out to keep the code",
    )


class IncidentOut(Out):
    id: int
    code: str
    agency: str = ""
    visibility: str
    shared_with: list[str] = Field(
        default_factory=list,
        description=("agencies the incident is shared with: all of them for its owner, only your own for a partner"),
    )
    date: dt.date | None
    country: str | None
    admin1: str | None
    admin2: str | None
    place: str | None
    latitude: float | None
    longitude: float | None
    kind: str | None
    title: str | None
    description: str | None
    synthetic: bool
    created_at: UtcDateTime


class RecoveryFields(In):
    serial_read: Annotated[str, StringConstraints(max_length=128, pattern=_NO_NUL)] | None = Field(
        default=None, description="the serial exactly as read; ? * [38] mark unknown or uncertain characters"
    )
    obliterated: StrictBool = False
    manufacturer: Name | None = None
    model: Name | None = None
    calibre: Name | None = None
    weapon_type: WeaponType | None = None
    country: Country | None = None
    year: int | None = Field(default=None, ge=YEARS.low, le=YEARS.high)
    markings: LongText | None = None
    importer: Name | None = None
    condition: Name | None = None


class RecoveryIn(RecoveryFields):
    recovery_code: Code = Field(description="the examiner's item number, unique in the incident")
    visibility: Visibility | None = Field(default=None, description="default: as visible as the incident")
    shared_with: list[AgencyCode] = Field(default_factory=list, max_length=100)

    @model_validator(mode="after")
    def _serial_or_obliterated(self) -> RecoveryIn:
        if not (self.serial_read or "").strip() and not self.obliterated:
            raise ValueError("serial_read: give the serial as read, or set obliterated to true")
        return self


class RecoveryPatch(RecoveryFields):
    """Only the fields sent change."""

    obliterated: StrictBool = Field(
        default=None,  # type: ignore[assignment]  # unset: the value stays
        description="true or false; leave the field out to keep the value",
    )


class RecoveryOut(Out):
    id: int
    incident_id: int
    recovery_code: str
    agency: str = ""
    visibility: str
    serial_read: str | None
    obliterated: bool
    manufacturer: str | None
    model: str | None
    calibre: str | None
    weapon_type: str | None
    country: str | None
    year: int | None
    markings: str | None
    importer: str | None
    condition: str | None
    synthetic: bool
    created_at: UtcDateTime


class SourceOut(Out):
    id: int
    name: str
    kind: str
    agency: str = ""
    visibility: str
    provenance: str | None
    synthetic: bool


class ItemOut(Out):
    id: int
    source_id: int
    record_id: str
    agency: str = ""
    visibility: str
    serial: str | None
    serial_end: str | None
    quantity: int | None
    manufacturer: str | None
    model: str | None
    calibre: str | None
    weapon_type: str | None
    country: str | None
    year: int | None
    nsn: str | None
    lot: str | None
    markings: str | None
    status: str | None
    holder: str | None
    holder_country: str | None
    date: dt.date | None
    synthetic: bool


class TransferOut(Out):
    id: int
    transfer_id: str
    record_id: str | None
    serial: str | None
    serial_end: str | None
    quantity: int | None
    manufacturer: str | None
    model: str | None
    from_holder: str
    from_country: str | None
    to_holder: str
    to_country: str | None
    date: dt.date | None
    document_ref: str | None
    legal: bool


class MatchOut(Out):
    id: int
    recovery_id: int
    item_id: int
    matched_serial: str | None
    rank: int
    probability: float
    explanation: dict[str, Any] | None
    status: str
    reviewed_by: str | None
    reviewed_at: UtcDateTime | None
    review_note: str | None
    created_at: UtcDateTime


class ReviewIn(In):
    decision: MatchStatus
    note: LongText | None = None


class Candidate(BaseModel):
    item_id: int
    record_id: str
    serial: str | None
    matched_serial: str | None
    rank: int
    probability: float = Field(ge=0, le=1)
    explanation: dict[str, Any] | list[Any] | str | None
    manufacturer: str | None = None
    model: str | None = None
    calibre: str | None = None
    holder: str | None = None
    status: str | None = None


class SearchOut(BaseModel):
    query: str
    engine: str = Field(description="which matcher answered")
    candidates: list[Candidate]


class TraceFields(In):
    """The ISACS 05.31 content of a tracing request."""

    reason: LongText | None = Field(default=None, description="why the items are considered illicit")
    circumstances: LongText | None = Field(default=None, description="where and how they were found")
    intended_use: LongText | None = Field(default=None, description="how the answer will be used")
    requested: LongText | None = Field(default=None, description="what is asked (last legal custodian…)")


class TraceIn(In):
    recipient: AgencyCode | None = Field(default=None, description="code of the agency asked (if on this server)")
    recipient_name: Name | None = None
    recipient_country: Country | None = None
    priority: Priority = Field(
        default=Priority.ROUTINE, description="routine (30 days to answer), high (14) or urgent (7)"
    )
    priority_reason: LongText | None = Field(default=None, description="why high or urgent (required for them)")
    recovery_ids: list[Annotated[int, Field(ge=1, le=2**62)]] = Field(min_length=1, max_length=500)
    fields: TraceFields = Field(default_factory=TraceFields)
    due_date: Date | None = None

    @model_validator(mode="after")
    def _recipient(self) -> TraceIn:
        if not self.recipient and not self.recipient_name:
            raise ValueError("recipient: name the agency asked (its code) or give recipient_name")
        return self


class CustodyStep(In):
    holder: Annotated[str, StringConstraints(max_length=255, pattern=r"^[^\x00]*[^\s\x00][^\x00]*$")] = Field(
        description="who held the item (not blank)"
    )
    country: Country | None = None
    date: Date | None = None
    document_ref: Name | None = None
    legal: StrictBool = True


class TraceAnswerIn(In):
    last_legal_custodian: Name | None = None
    custodian_country: Country | None = None
    custody: list[CustodyStep] = Field(default_factory=list, max_length=200)
    note: LongText | None = None
    found: StrictBool = Field(default=True, description="false when the records hold no trace of the item")


class MessageIn(In):
    body: Annotated[str, StringConstraints(min_length=1, max_length=20000, pattern=_NO_NUL)]


class TraceMessageOut(Out):
    id: int
    author: str | None
    agency: str = ""
    body: str
    created_at: UtcDateTime


class TraceItemOut(Out):
    recovery_id: int | None
    description: dict[str, Any] | None


class TraceOut(Out):
    id: int
    reference: str
    agency: str = ""
    recipient: str | None = None
    recipient_name: str | None
    recipient_country: str | None
    status: str
    priority: str
    priority_reason: str | None
    fields: dict[str, Any] | None
    answer: dict[str, Any] | None
    due_date: dt.date | None
    created_by: str | None
    created_at: UtcDateTime
    sent_at: UtcDateTime | None
    acknowledged_at: UtcDateTime | None
    answered_at: UtcDateTime | None
    closed_at: UtcDateTime | None
    items: list[TraceItemOut] = Field(default_factory=list)
    messages: list[TraceMessageOut] = Field(default_factory=list)


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
    password: Annotated[str, StringConstraints(min_length=10, max_length=1024, pattern=_NO_NUL)]


class TokenIn(In):
    name: Short = Field(description="what system will use it")
    user: Annotated[str, StringConstraints(max_length=64, pattern=_NO_NUL)] | None = Field(
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
