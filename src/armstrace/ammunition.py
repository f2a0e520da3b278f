"""Recovered ammunition and lot transfers in a workspace, for an explicit actor (the model is ``linkage.lots``).

Where things are kept (no columns of their own: lots travel in the records' existing fields):

* recovered ammunition is a recovery with ``weapon_type`` ``ammunition``: calibre, maker and year in their
  columns, the headstamp in ``markings`` (identified by ``armstrace.identify``), and ``lot``, ``headstamp``,
  ``quantity`` and ``packaging`` (the label's text) in ``attributes``;
* a registry lot is an item with ``weapon_type`` ``ammunition`` and its ``lot``, ``calibre``, ``year``,
  ``quantity``; a lot transfer is a transfer with ``weapon_type`` ``ammunition`` (or naming a registry lot
  by ``record_id``) with ``lot``, ``calibre`` and ``year`` in its ``attributes`` — the extra columns of an
  ``armstrace import transfers`` file land there by themselves.

Every query applies the actor's visibility: a lot transfer another agency keeps private is never a candidate.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from armstrace.analysis.lookup import resolve_recovery
from armstrace.auth import Actor
from armstrace.exceptions import InputError
from armstrace.linkage.lots import LotMatch, LotReading, LotRecord, match_lot
from armstrace.model import Incident, Item, Recovery
from armstrace.records.recoveries import incident_for_new_item
from armstrace.store import visible
from armstrace.supply import add_recovery, supply_records, whole
from armstrace.values import YEARS

__all__ = [
    "PROBABLE",
    "lot_records",
    "lots_across_incidents",
    "match_recovered_lot",
    "reading_of",
    "record_ammunition",
]

#: the probability from which a recovered lot is taken to come from a lot transfer (consignment analysis)
PROBABLE = 0.5


def lot_records(session: Session, agency_id: int | None) -> list[LotRecord]:
    """Every lot transfer the agency may see, and every registry lot of ammunition without one."""
    return supply_records(session, agency_id, "ammunition", _lot_fields, named=True)


def _lot_fields(attrs: dict[str, Any], item: Item | None) -> tuple[str | None, str | None, int | None]:
    """A lot transfer's lot, calibre and year: its own, else the registry lot's (a year must be a whole number)."""
    return (
        attrs.get("lot") or (item.lot if item else None),
        attrs.get("calibre") or (item.calibre if item else None),
        whole(attrs.get("year")) or (item.year if item else None),
    )


def reading_of(recovery: Recovery, incident: Incident | None = None) -> LotReading:
    """What was read on a recovered box or cartridge, as ``match_lot`` takes it."""
    attrs = recovery.attributes or {}
    return LotReading(
        lot=attrs.get("lot"), headstamp=attrs.get("headstamp") or recovery.markings, calibre=recovery.calibre,
        year=recovery.year, manufacturer=recovery.manufacturer, quantity=whole(attrs.get("quantity")),
        recovered_on=incident.date if incident else None, packaging=attrs.get("packaging"),
    )  # fmt: skip


def record_ammunition(
    session: Session,
    actor: Actor,
    incident_ref: int | str,
    code: str,
    *,
    lot: str | None = None,
    headstamp: str | None = None,
    calibre: str | None = None,
    year: int | None = None,
    manufacturer: str | None = None,
    quantity: int | None = None,
    packaging: str | None = None,
) -> Recovery:
    """Record recovered ammunition (cartridges or their packaging) at an incident of the actor's agency."""
    incident = incident_for_new_item(session, actor, incident_ref, code)
    if quantity is not None and quantity < 1:
        raise InputError(f"quantity: {quantity} is not a count of rounds (at least 1)")
    YEARS.check("year", year)
    if not (lot or headstamp or calibre or packaging):
        raise InputError("give at least a lot number, a headstamp, a calibre or the packaging label's text")
    identified = LotReading(lot=lot, headstamp=headstamp, calibre=calibre, year=year,
                            manufacturer=manufacturer).identified()  # fmt: skip
    return add_recovery(
        session, actor, incident, code, "ammunition",
        attributes={"lot": lot, "headstamp": headstamp, "quantity": quantity, "packaging": packaging},
        detail={"lot": lot, "headstamp": headstamp, "quantity": quantity},
        calibre=identified.calibre, year=identified.year, manufacturer=identified.manufacturer, markings=headstamp,
    )  # fmt: skip


def match_recovered_lot(session: Session, actor: Actor, ref: int | str, *, limit: int = 10) -> LotMatch:
    """The lot transfers a recovered box or cartridge (``ref``: as ``lookup.resolve_recovery``) can come from."""
    recovery = resolve_recovery(session, actor.scope, ref)
    incident = session.get(Incident, recovery.incident_id)
    return match_lot(reading_of(recovery, incident), lot_records(session, actor.scope), limit=limit)


def lots_across_incidents(session: Session, actor: Actor, *, probable: float = PROBABLE) -> list[dict[str, Any]]:
    """Lots recovered at more than one incident: the same consignment of ammunition turning up again.

    Each recovered ammunition item the actor may see is matched to the lot records; an item whose best
    candidate reaches ``probable`` is counted for that lot. Lots seen at two incidents or more come first.
    """
    records = lot_records(session, actor.scope)
    rows = session.execute(
        select(Recovery, Incident).join(Incident, Recovery.incident_id == Incident.id)
        .where(visible(Recovery, actor.scope), visible(Incident, actor.scope), Recovery.weapon_type == "ammunition")
        .order_by(Incident.date, Recovery.id)
    ).all()  # fmt: skip
    groups: dict[str, dict[str, Any]] = {}
    seen: dict[str, set[str]] = defaultdict(set)
    for recovery, incident in rows:
        try:
            found = match_lot(reading_of(recovery, incident), records, limit=50)
        except InputError:
            continue
        by_lot: dict[str, list[Any]] = defaultdict(list)  # a lot moved twice is one lot: add its transfers up
        for c in found.candidates:
            by_lot[c.record.lot or c.record.key].append(c)
        if not by_lot:
            continue
        key, cands = max(by_lot.items(), key=lambda kv: sum(c.probability for c in kv[1]))
        chance = sum(c.probability for c in cands)
        if chance < probable:
            continue
        first = cands[0].record
        group = groups.setdefault(
            key,
            {
                "lot": first.lot,
                "calibre": first.calibre,
                "year": first.year,
                "manufacturer": first.manufacturer,
                "transfers": {},
                "recoveries": [],
            },
        )
        for c in cands:
            r = c.record
            group["transfers"][r.key] = {
                "key": r.key,
                "from_holder": r.from_holder,
                "to_holder": r.to_holder,
                "to_country": r.to_country,
                "date": r.date,
                "quantity": r.quantity,
            }
        group["recoveries"].append(
            {
                "incident": incident.code,
                "date": incident.date,
                "recovery": recovery.recovery_code,
                "probability": round(chance, 3),
            }
        )
        seen[key].add(incident.code)
    for g in groups.values():
        g["transfers"] = sorted(g["transfers"].values(), key=lambda t: (str(t["date"]), t["key"]))
    out = [{**g, "incidents": sorted(seen[k])} for k, g in groups.items()]
    return sorted(out, key=lambda g: (-len(g["incidents"]), str(g["lot"])))
