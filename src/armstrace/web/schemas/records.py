"""Incidents, recoveries, registry items and transfers, matches and searches as the API shows and takes them."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    Field,
    StrictBool,
    StringConstraints,
    model_validator,
)

from armstrace.serials import MAX_SERIAL_LENGTH
from armstrace.values import (
    YEARS,
    IncidentKind,
    MatchStatus,
    Visibility,
    WeaponType,
)

from .fields import (
    AgencyCode,
    Code,
    Country,
    Date,
    In,
    Latitude,
    Longitude,
    LongText,
    Name,
    Out,
    UtcDateTime,
)

__all__ = [
    "ActorOut",
    "AgencyOut",
    "Candidate",
    "IncidentIn",
    "IncidentOut",
    "IncidentPatch",
    "ItemOut",
    "MatchOut",
    "RecoveryIn",
    "RecoveryOut",
    "RecoveryPatch",
    "ReviewIn",
    "SearchOut",
    "SharingIn",
    "SourceOut",
    "TransferOut",
]


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


NO_CONTROL = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"  # a serial with NUL or ESC is a damaged paste


class RecoveryFields(In):
    serial_read: Annotated[str, StringConstraints(max_length=MAX_SERIAL_LENGTH, pattern=NO_CONTROL)] | None = Field(
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
    same_as: int | None = Field(
        default=None,
        description="another record of the weapon ranked here: its probability is that weapon's, counted once",
    )
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
