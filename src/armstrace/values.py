"""The values a record's fields may take, defined once for the model, import, the CLI and the API.

Fixed vocabularies are `StrEnum`s: a member *is* its string, so the database keeps the same text, JSON shows
it unchanged, and `status == "sent"` still holds. Numeric and date ranges are `Bounds`, so a year is valid to
the same last year whether it comes from a file (ingest), a command (CLI) or a request body (API).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from armstrace.exceptions import InputError

__all__ = [
    "DATES",
    "LATITUDE",
    "LONGITUDE",
    "MAX_CELL_LENGTH",
    "QUANTITY",
    "YEARS",
    "Bounds",
    "HolderStatus",
    "IncidentKind",
    "ItemKind",
    "MatchStatus",
    "NoticeStatus",
    "Priority",
    "Role",
    "TraceStatus",
    "Visibility",
    "WeaponType",
    "choices",
]

# the longest text cell a file or form may give: a maker, model or calibre is a few words, a markings cell a
# few lines; more is a pasted document, which identification would read for minutes
MAX_CELL_LENGTH = 4096


class Visibility(StrEnum):
    """Who may see a record: its agency only, the agencies it is shared with, or everyone."""

    PRIVATE = "private"
    SHARED = "shared"
    PUBLIC = "public"


class Role(StrEnum):
    """A user's role, from least to most allowed (the order is the ranking `auth` checks)."""

    VIEWER = "viewer"
    ANALYST = "analyst"
    AGENCY_ADMIN = "agency_admin"
    SERVER_ADMIN = "server_admin"


class TraceStatus(StrEnum):
    """A trace request's life, in order: a later status never goes back to an earlier one."""

    DRAFT = "draft"
    SENT = "sent"
    ACKNOWLEDGED = "acknowledged"
    ANSWERED = "answered"
    CLOSED = "closed"


class Priority(StrEnum):
    """How urgent a trace request is (the days to answer are in `tracing.PRIORITIES`)."""

    ROUTINE = "routine"
    HIGH = "high"
    URGENT = "urgent"


class MatchStatus(StrEnum):
    """A match is evidence until a person decides: nothing becomes confirmed by itself."""

    CANDIDATE = "candidate"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"


class NoticeStatus(StrEnum):
    """A hit notice is held back while the finder's embargo lasts, then sent to the record's owner."""

    WITHHELD = "withheld"
    SENT = "sent"


class ItemKind(StrEnum):
    """What an identification or a reference model is about."""

    FIREARM = "firearm"
    AMMUNITION = "ammunition"
    ORDNANCE = "ordnance"
    EXPLOSIVE = "explosive"
    PACKAGING = "packaging"


class IncidentKind(StrEnum):
    ATTACK = "attack"
    SEIZURE = "seizure"
    ARREST = "arrest"
    CACHE = "cache"
    BATTLEFIELD = "battlefield"
    SURRENDER = "surrender"
    OTHER = "other"


class WeaponType(StrEnum):
    RIFLE = "rifle"
    CARBINE = "carbine"
    PISTOL = "pistol"
    REVOLVER = "revolver"
    MACHINE_GUN = "machine_gun"
    SUBMACHINE_GUN = "submachine_gun"
    LAUNCHER = "launcher"
    SHOTGUN = "shotgun"
    GRENADE = "grenade"
    MORTAR = "mortar"
    AMMUNITION = "ammunition"
    EXPLOSIVE = "explosive"
    OTHER = "other"


class HolderStatus(StrEnum):
    """Where a registry item stands with its holder (a registry's `status` column)."""

    IN_SERVICE = "in_service"
    IN_INVENTORY = "in_inventory"
    TRANSFERRED = "transferred"
    LOST = "lost"
    STOLEN = "stolen"
    DESTROYED = "destroyed"
    CAPTURED = "captured"
    UNKNOWN = "unknown"


def choices(enum: type[StrEnum]) -> tuple[str, ...]:
    """The plain strings of an enum, in its order (for messages, validators and PyArrow value sets)."""
    return tuple(member.value for member in enum)


@dataclass(frozen=True)
class Bounds:
    """An inclusive range a number (or a date's year) must fall in."""

    low: float
    high: float

    def __contains__(self, value: object) -> bool:
        return isinstance(value, int | float) and not isinstance(value, bool) and self.low <= value <= self.high

    def check(self, field: str, value: float | None) -> None:
        """Refuse a value outside the range with one line naming the field (None: not given, nothing to check)."""
        if value is not None and value not in self:
            raise InputError(f"{field}: {value!r} is not between {self.low:g} and {self.high:g}")


#: a year of manufacture, and the year of any recorded date: older records are not firearms records, and a
#: year far ahead is a typing mistake
YEARS = Bounds(1800, 2100)
#: the first and last day a date may name (the years of `YEARS`)
DATES = (dt.date(int(YEARS.low), 1, 1), dt.date(int(YEARS.high), 12, 31))
LATITUDE = Bounds(-90, 90)
LONGITUDE = Bounds(-180, 180)
#: rounds, pieces or weapons in one record without serials
QUANTITY = Bounds(0, 10_000_000)
