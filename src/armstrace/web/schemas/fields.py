"""The field types every API body shares: lengths, ranges and no NUL characters, so bad input is a 422
naming the field, never a database error; bodies forbid unknown fields (a misspelt field is an error).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Generic, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)

from armstrace.values import (
    DATES,
    LATITUDE,
    LONGITUDE,
)

__all__ = [
    "NO_NUL",
    "AgencyCode",
    "Code",
    "Country",
    "Date",
    "In",
    "Latitude",
    "LongText",
    "Longitude",
    "Name",
    "Out",
    "Page",
    "Short",
    "UtcDateTime",
    "iso_date",
]

T = TypeVar("T")
NO_NUL = r"^[^\x00]*$"
Short = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=NO_NUL, strip_whitespace=True)]
#: an identifier (incident and item codes): no control characters, which would split a download's header
_NO_CONTROL = r"^[^\x00-\x1f\x7f-\x9f\u2028\u2029]*$"
Code = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=_NO_CONTROL, strip_whitespace=True)]
Name = Annotated[str, StringConstraints(max_length=255, pattern=NO_NUL)]
LongText = Annotated[str, StringConstraints(max_length=20000, pattern=NO_NUL)]
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
