"""The chain of custody as data: its events, the linked registry record, the recovery, the diversion point.

``CustodyChain.to_dict()`` gives the JSON form; ``time_to_recovery`` is ATF's *time-to-crime*.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = [
    "TRAFFICKING_DAYS",
    "CustodyChain",
    "CustodyEvent",
    "DiversionPoint",
    "LinkedItem",
    "RecoveryRef",
    "TimeToRecovery",
    "time_to_recovery",
]

TRAFFICKING_DAYS = round(3 * 365.25)  # ATF: a time-to-crime of three years or less indicates trafficking


@dataclass
class CustodyEvent:
    """One step of a chain: ``from_holder`` → ``holder`` on ``date``; ``legal`` False for an illicit step."""

    # manufacture, transfer, illicit_transfer, registry, reported_lost, reported_stolen, trace_answer, recovery
    kind: str
    date: dt.date | None
    holder: str | None
    country: str | None
    legal: bool
    from_holder: str | None = None
    from_country: str | None = None
    reference: str | None = None  # transfer_id, trace reference, INCIDENT/RECOVERY
    document_ref: str | None = None
    note: str | None = None


@dataclass
class LinkedItem:
    """The registry record a chain rests on, and how strongly it is linked to the recovery."""

    item_id: int
    record_id: str
    source: str | None
    serial: str | None
    serial_end: str | None
    manufacturer: str | None
    model: str | None
    weapon_type: str | None
    country: str | None
    year: int | None
    holder: str | None
    holder_country: str | None
    status: str | None
    date: dt.date | None
    evidence: str  # confirmed, candidate, exact_serial, subject (the chain was asked for this item)
    probability: float | None = None
    matched_serial: str | None = None  # inside a range record: the one serial the reading names
    # a range record: how many of its serials fit the reading, and the lowest and highest of them
    in_range: int | None = None
    in_range_first: str | None = None
    in_range_last: str | None = None


@dataclass
class RecoveryRef:
    recovery_id: int
    recovery_code: str
    incident_code: str
    incident_date: dt.date | None
    country: str | None  # where it was recovered (the incident's country)
    admin1: str | None
    place: str | None
    serial_read: str | None
    obliterated: bool
    manufacturer: str | None
    model: str | None
    weapon_type: str | None
    made_in: str | None = None  # country of manufacture as read from the item

    @property
    def label(self) -> str:
        return f"{self.incident_code}/{self.recovery_code}"


@dataclass
class DiversionPoint:
    """Where the weapon left legal hands: the last legal custodian and the first illicit event after it."""

    holder: str | None
    country: str | None
    date: dt.date | None  # when the last legal custodian received it
    first_illicit: CustodyEvent
    documented: bool  # an illicit transfer, loss or theft is on record (else only the recovery shows it)


@dataclass
class TimeToRecovery:
    days: int

    @property
    def years(self) -> float:
        return round(self.days / 365.25, 2)

    @property
    def trafficking_indicator(self) -> bool:
        return 0 <= self.days <= TRAFFICKING_DAYS


@dataclass
class CustodyChain:
    """Everything known about how one recovered weapon (or one registry item) travelled."""

    recovery: RecoveryRef | None
    item: LinkedItem | None
    events: list[CustodyEvent] = field(default_factory=list)
    last_legal: CustodyEvent | None = None
    last_legal_basis: str | None = None  # trace_answer, transfer, registry, manufacture
    diversion: DiversionPoint | None = None
    time_to_recovery: TimeToRecovery | None = None
    recoveries: list[RecoveryRef] = field(default_factory=list)  # for an item: the recoveries linked to it
    trace_references: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        if self.time_to_recovery is not None:
            data["time_to_recovery"] = {
                "days": self.time_to_recovery.days,
                "years": self.time_to_recovery.years,
                "trafficking_indicator": self.time_to_recovery.trafficking_indicator,
            }
        return data


def time_to_recovery(last_legal_date: dt.date | None, recovery_date: dt.date | None) -> TimeToRecovery | None:
    """Days from the last legal transfer to the recovery (ATF's time-to-crime), when both dates are known."""
    if last_legal_date is None or recovery_date is None:
        return None
    return TimeToRecovery((recovery_date - last_legal_date).days)
