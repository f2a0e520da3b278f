"""Finding the records an analysis or a trace request names: recoveries, registry items, the acting agency.

People name a recovery by its number in the workspace (``12``), by incident and examiner's number
(``JAFFAR-2025/R-3``) or by the examiner's number alone when that is unambiguous; a registry item by its
number or by the registry's ``record_id``. Every lookup applies the visibility rule, so a record another
agency may not see is reported as not found, exactly like a record that does not exist.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from armstrace.exceptions import InputError, NotFoundError
from armstrace.model import Incident, Item, Recovery
from armstrace.serials import normalise
from armstrace.store import Workspace, visible

__all__ = [
    "ACTING",
    "SerialParts",
    "acting_agency_id",
    "basic_norm",
    "resolve_item",
    "resolve_recovery",
    "split_serial",
]


class _Acting:
    """Sentinel: the agency the workspace acts for (settings.agency). ``None`` means every agency (admin)."""

    def __repr__(self) -> str:
        return "ACTING"


ACTING: Any = _Acting()

_TAIL = re.compile(r"^(.*?)(\d+)([A-Z]*)$")


def acting_agency_id(ws: Workspace, agency_id: Any) -> int | None:
    """``ACTING`` → the id of the workspace's agency; ``None`` stays None (a server admin sees all)."""
    if agency_id is ACTING:
        return int(ws.agency().id)
    return None if agency_id is None else int(agency_id)


def basic_norm(serial: str | None) -> str | None:
    """The serial's comparison form (``serials.normalise``, as stored in serial_norm); None when empty or a query."""
    if not serial:
        return None
    text = normalise(serial)
    if not text or any(c in serial for c in "?*["):
        return None
    return text


@dataclass(frozen=True)
class SerialParts:
    """A serial split around the last run of digits, the number that counts up in a consignment.

    ``BER100453Z`` → prefix ``BER``, number 100453, width 6, suffix ``Z``. Two serials can be neighbours
    only when prefix, width and suffix are equal (``key``).
    """

    prefix: str
    number: int
    width: int
    suffix: str = ""

    @property
    def key(self) -> tuple[str, int, str]:
        return (self.prefix, self.width, self.suffix)


def split_serial(serial_norm: str | None) -> SerialParts | None:
    if not serial_norm:
        return None
    m = _TAIL.match(serial_norm)
    if not m:
        return None
    return SerialParts(m.group(1), int(m.group(2)), len(m.group(2)), m.group(3))


def resolve_recovery(session: Session, agency_id: int | None, ref: int | str) -> Recovery:
    """The recovery ``ref`` names: a number, ``INCIDENT/RECOVERY`` or an unambiguous recovery code."""
    text = str(ref).strip()
    query = select(Recovery).join(Incident, Recovery.incident_id == Incident.id).where(visible(Recovery, agency_id))
    if text.isdigit():
        found = session.scalar(query.where(Recovery.id == int(text)))
        if found is not None:
            return found
    if "/" in text:
        incident_code, _, code = text.rpartition("/")
        named = query.where(
            Incident.code == incident_code, Recovery.recovery_code == code, visible(Incident, agency_id)
        )
        rows = list(session.scalars(named))
    else:
        rows = list(session.scalars(query.where(Recovery.recovery_code == text).limit(20)))
    if not rows:
        raise NotFoundError(f"no recovery {text!r}: name it by number, by INCIDENT/RECOVERY or by its code")
    if len(rows) > 1:
        shown = set(
            session.scalars(
                select(Incident.id).where(
                    Incident.id.in_([r.incident_id for r in rows[:5]]), visible(Incident, agency_id)
                )
            )
        )
        names = ", ".join(
            f"{r.incident.code}/{r.recovery_code}" if r.incident_id in shown else str(r.id) for r in rows[:5]
        )
        raise InputError(f"recovery {text!r} is ambiguous ({names}…): name it as INCIDENT/RECOVERY")
    return rows[0]


def resolve_item(session: Session, agency_id: int | None, ref: int | str) -> Item:
    """The registry item ``ref`` names: its ``record_id`` or, failing that, its number in the workspace."""
    text = str(ref).strip()
    rows = list(session.scalars(select(Item).where(visible(Item, agency_id), Item.record_id == text).limit(20)))
    if not rows and text.isdigit():
        found = session.scalar(select(Item).where(visible(Item, agency_id), Item.id == int(text)))
        rows = [found] if found is not None else []
    if not rows:
        raise NotFoundError(f"no registry record {text!r}")
    if len(rows) > 1:
        raise InputError(f"record_id {text!r} is in {len(rows)} registries: name the item by its number")
    return rows[0]
