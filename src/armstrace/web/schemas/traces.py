"""Trace requests, their answers, custody steps and messages as the API shows and takes them."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import (
    Field,
    StrictBool,
    StringConstraints,
    model_validator,
)

from armstrace.values import (
    Priority,
)

from .fields import (
    NO_NUL,
    AgencyCode,
    Country,
    Date,
    In,
    LongText,
    Name,
    Out,
    UtcDateTime,
)

__all__ = [
    "CustodyStep",
    "MessageIn",
    "TraceAnswerIn",
    "TraceIn",
    "TraceItemOut",
    "TraceMessageOut",
    "TraceOut",
]


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
    body: Annotated[str, StringConstraints(min_length=1, max_length=20000, pattern=NO_NUL)]


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
