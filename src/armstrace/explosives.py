"""Explosives and IED components: documented as recovered items and traced to supply records like ammunition lots.

Detonators, detonating cord, commercial and military explosives, boosters, fuzes and initiators carry no
serials that registries keep: what traces them is the manufacturer's marks and the code printed on the item
or its packaging — a lot number, or on commercial explosives a *date-shift code* (the date and shift of
manufacture, which regulators such as the US 27 CFR 555.109 require on every package). Such a code is read
and misread like a lot number, so a recovered component is matched with the lot model of ``linkage.lots``
(reused, not copied): the code is the lot, the component kind stands where a lot has its calibre.

Where things are kept (no columns of their own, like ammunition):

* a recovered component is a recovery with ``weapon_type`` ``explosive``: maker and year in their columns,
  the marks as printed in ``markings``, and ``component``, ``lot``, ``date_shift``, ``manufactured``,
  ``shift``, ``quantity``, ``unit`` and ``packaging`` (the label's text) in ``attributes``;
* a supply record is a transfer with ``weapon_type`` ``explosive`` (``component``, ``lot`` or ``date_shift``,
  ``year``, ``unit`` in its ``attributes``), or a registry item of that type with no transfer on file.

Every query applies the actor's visibility: a supply record another agency keeps private is never a candidate.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from armstrace.analysis.lookup import resolve_recovery
from armstrace.auth import Actor
from armstrace.exceptions import InputError
from armstrace.linkage.explanation import Evidence
from armstrace.linkage.lots import LotMatch, LotReading, LotRecord, match_lot
from armstrace.model import Incident, Item, Recovery
from armstrace.records.recoveries import incident_for_new_item
from armstrace.store import visible
from armstrace.supply import add_recovery, supply_records, whole
from armstrace.values import YEARS

__all__ = [
    "COMPONENTS",
    "KIND",
    "component_kind",
    "component_records",
    "components_of_incident",
    "match_component",
    "match_recovered_component",
    "parse_date_shift",
    "reading_of",
    "record_component",
]

#: the ``weapon_type`` of recovered components and of their supply records
KIND = "explosive"
#: component kinds (the vocabulary a reading and a supply record agree on) and how each is counted
COMPONENTS = {
    "detonator": "units",
    "detonating-cord": "metres",
    "commercial-explosive": "kg",
    "military-explosive": "kg",
    "booster": "units",
    "fuze": "units",
    "initiator": "units",
}
_ALIASES = {"cord": "detonating-cord", "det-cord": "detonating-cord", "blasting-cap": "detonator",
            "cap": "detonator", "fuse": "fuze", "primer": "initiator"}  # fmt: skip
_MONTHS = {m: i for i, m in enumerate(("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT",
                                       "NOV", "DEC"), 1)}  # fmt: skip
_DMY = re.compile(r"^(\d{1,2})([A-Z]{3})(\d{2}|\d{4})([A-Z0-9]{0,2})$")
_ISO = re.compile(r"^(\d{4})(\d{2})(\d{2})([A-Z0-9]{0,2})$")


def component_kind(value: str) -> str:
    """The standard kind of a component as given (``det cord`` → ``detonating-cord``), or an InputError."""
    key = re.sub(r"[\s_]+", "-", value.strip().lower())
    key = _ALIASES.get(key, key)
    if key not in COMPONENTS:
        raise InputError(f"component: {value!r} is not one of {', '.join(COMPONENTS)}")
    return key


def parse_date_shift(code: str | None) -> tuple[dt.date | None, str | None]:
    """The date and shift of manufacture in a date-shift code as printed, when it has a readable one.

    Forms read: day, month name and year then a shift (``12JAN13A``, ``12 JAN 2013 B2``), or an ISO date
    then a shift (``2013-01-12 A``). Anything else (a plain lot number, a misread month) gives (None, None):
    the code is still matched as printed.
    """
    text = re.sub(r"[\s\-./]", "", (code or "").upper())
    day = month = year = None
    if found := _DMY.match(text):
        day, month, year = int(found[1]), _MONTHS.get(found[2]), int(found[3])
        year = year + 2000 if year < 100 else year
    elif found := _ISO.match(text):
        year, month, day = int(found[1]), int(found[2]), int(found[3])
    if not found or month is None or year is None or day is None:
        return None, None
    try:
        return dt.date(year, month, day), found[4] or None
    except ValueError:
        return None, None


def _year_of(code: str | None) -> int | None:
    made, _shift = parse_date_shift(code)
    return made.year if made else None


def _kind(value: Any) -> str | None:
    try:
        return component_kind(str(value)) if value else None
    except InputError:
        return str(value)


def component_records(session: Session, agency_id: int | None) -> list[LotRecord]:
    """Every supply record of explosives the agency may see: transfers, and registry items without one.

    The component kind travels in the record's ``calibre`` slot; the code (lot or date-shift code) in ``lot``.
    """
    return supply_records(session, agency_id, KIND, _supply_fields, calibre_of=_kind)


def _supply_fields(attrs: dict[str, Any], item: Item | None) -> tuple[str | None, str | None, int | None]:
    """A supply transfer's code, kind and year: its own, else the registry item's; else the code's year."""
    year = whole(attrs.get("year"), fractional=True) or (item.year if item else None)
    code = attrs.get("lot") or attrs.get("date_shift") or (item.lot if item else None)
    return code, _kind(attrs.get("component") or (item.calibre if item else None)), year or _year_of(code)


def reading_of(recovery: Recovery, incident: Incident | None = None) -> LotReading:
    """What was read on a recovered component or its packaging, as ``match_lot`` takes it."""
    attrs = recovery.attributes or {}
    return LotReading(
        lot=attrs.get("lot") or attrs.get("date_shift"), calibre=attrs.get("component"), year=recovery.year,
        manufacturer=recovery.manufacturer, quantity=whole(attrs.get("quantity"), fractional=True),
        recovered_on=incident.date if incident else None, packaging=attrs.get("packaging"),
    )  # fmt: skip


def _said(e: Evidence, what: str, read: str | None, recorded: str | None) -> Evidence:
    agrees = e.observed == e.expected
    return replace(
        e, name=what, text=f"{what} {recorded} agrees" if agrees else f"{what} {read} read, {recorded} recorded"
    )


def _worded(found: LotMatch) -> LotMatch:
    """The lot model's explanation in a component's words: its kind, not a calibre; names as given, not their
    normalised forms; units, not rounds."""
    reading, unit = found.reading, COMPONENTS.get(found.reading.calibre or "", "units")
    for c in found.candidates:
        rec, worded = c.record, []
        for e in c.evidence:
            if e.name == "calibre":
                e = _said(e, "component", reading.calibre, rec.calibre)
            elif e.name == "manufacturer":
                e = _said(e, "maker", reading.manufacturer, rec.manufacturer)
            elif e.name == "quantity":
                e = replace(e, text=f"{reading.quantity:,} {unit} recovered, the record moved {rec.quantity:,}")
            elif e.name == "lot":
                e = replace(e, text=e.text.replace("lot ", "code ", 1))
            worded.append(e)
        c.evidence = worded
    return found


def match_component(reading: LotReading, records: list[LotRecord], *, limit: int = 10) -> LotMatch:
    """The supply records a component as read can come from (``linkage.lots.match_lot``), in its words."""
    if not (reading.lot or reading.manufacturer or reading.year):  # a kind alone names no supply record
        raise InputError("give a lot or date-shift code, a maker or a year of manufacture to match")
    if reading.calibre:
        reading = replace(reading, calibre=component_kind(reading.calibre))
    if reading.year is None:
        reading = replace(reading, year=_year_of(reading.lot))
    return _worded(match_lot(reading, records, limit=limit))


def record_component(
    session: Session,
    actor: Actor,
    incident_ref: int | str,
    code: str,
    *,
    component: str,
    manufacturer: str | None = None,
    marks: str | None = None,
    lot: str | None = None,
    date_shift: str | None = None,
    year: int | None = None,
    quantity: float | None = None,
    packaging: str | None = None,
) -> Recovery:
    """Record a recovered explosive or IED component (or its packaging) at an incident of the actor's agency.

    A date-shift code that reads as a date gives the date, shift and year of manufacture (kept as derived,
    beside the code as read); the marks and codes are kept exactly as given.
    """
    incident = incident_for_new_item(session, actor, incident_ref, code)
    kind = component_kind(component)
    if quantity is not None and quantity <= 0:
        raise InputError(f"quantity: {quantity} is not an amount recovered (more than 0 {COMPONENTS[kind]})")
    YEARS.check("year", year)
    if not (lot or date_shift or manufacturer or marks or packaging):
        raise InputError("give at least a lot, a date-shift code, a maker, the marks or the packaging label's text")
    made, shift = parse_date_shift(date_shift)
    return add_recovery(
        session, actor, incident, code, KIND,
        attributes={"component": kind, "lot": lot, "date_shift": date_shift,
                    "manufactured": made.isoformat() if made else None, "shift": shift, "quantity": quantity,
                    "unit": COMPONENTS[kind], "packaging": packaging},
        detail={"component": kind, "lot": lot, "date_shift": date_shift},
        manufacturer=manufacturer, markings=marks, year=year or (made.year if made else None),
    )  # fmt: skip


def match_recovered_component(session: Session, actor: Actor, ref: int | str, *, limit: int = 10) -> LotMatch:
    """The supply records a recovered component (``ref``: as ``lookup.resolve_recovery``) can come from."""
    recovery = resolve_recovery(session, actor.scope, ref)
    if recovery.weapon_type != KIND:
        raise InputError(f"{ref}: not an explosive component (recorded as {recovery.weapon_type or 'no type'})")
    incident = session.get(Incident, recovery.incident_id)
    return match_component(reading_of(recovery, incident), component_records(session, actor.scope), limit=limit)


def components_of_incident(
    session: Session, incident_id: int, agency_id: int | None, *, shown: int = 3
) -> list[dict[str, Any]]:
    """The explosive components recovered at an incident (visible ones), each with its best supply records."""
    rows = session.scalars(
        select(Recovery).where(Recovery.incident_id == incident_id, Recovery.weapon_type == KIND,
                               visible(Recovery, agency_id)).order_by(Recovery.recovery_code, Recovery.id)
    ).all()  # fmt: skip
    if not rows:
        return []
    incident, records = session.get(Incident, incident_id), component_records(session, agency_id)
    out = []
    for r in rows:
        attrs = r.attributes or {}
        try:
            found: LotMatch | None = match_component(reading_of(r, incident), records, limit=shown)
        except InputError:
            found = None
        out.append({
            "code": r.recovery_code, "component": attrs.get("component"), "manufacturer": r.manufacturer,
            "marks": r.markings, "lot": attrs.get("lot"), "date_shift": attrs.get("date_shift"),
            "manufactured": attrs.get("manufactured"), "shift": attrs.get("shift"), "quantity": attrs.get("quantity"),
            "unit": attrs.get("unit"), "packaging": attrs.get("packaging"), "synthetic": bool(r.synthetic),
            "not_in_records": found.absent_probability if found else None,
            "searched": found.searched if found else len(records),
            "candidates": [{"probability": c.probability, "text": c.text,
                            **{k: getattr(c.record, k) for k in c.record.__dataclass_fields__}}
                           for c in (found.candidates if found else [])],
        })  # fmt: skip
    return out
