"""Supply records of lots, and recoveries kept against them: the part ammunition and explosives share.

Both keep a lot (an ammunition lot, an explosive's lot or date-shift code) in the records' existing fields and
match it with ``linkage.lots``; what differs between them (which transfers count, what stands in the lot's
calibre slot, how a year is read) is passed in by ``armstrace.ammunition`` and ``armstrace.explosives``.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from armstrace import audit
from armstrace.auth import Actor
from armstrace.linkage.lots import LotRecord
from armstrace.model import Incident, Item, Recovery, Transfer
from armstrace.records import actions
from armstrace.store import visible
from armstrace.store.ids import public_id

__all__ = ["add_recovery", "supply_records", "whole"]

#: what a transfer says of its lot, given its attributes and the registry item it names: (lot, calibre, year)
Fields = Callable[[dict[str, Any], Item | None], tuple[str | None, str | None, int | None]]


def whole(value: Any, *, fractional: bool = False) -> int | None:
    """A whole number from a record's text field, or None when it is not one.

    ``fractional`` reads "2.5" as 2 (amounts in kg or metres); without it, it is not a count and gives None.
    """
    try:
        if value in (None, ""):
            return None
        return int(float(str(value).strip())) if fractional else int(str(value).strip())
    except (ValueError, OverflowError):  # "inf", "1e400"
        return None


def supply_records(
    session: Session,
    agency_id: int | None,
    weapon_type: str,
    fields: Fields,
    *,
    calibre_of: Callable[[str | None], str | None] = lambda value: value,
    named: bool = False,
) -> list[LotRecord]:
    """Every transfer of ``weapon_type`` the agency may see (and, when ``named``, any transfer naming a registry
    item of it by ``record_id``), oldest first, then every such registry item with a lot and no transfer."""
    items: dict[tuple[int, str | None], Item] = {
        (it.source_id, it.record_id): it
        for it in session.scalars(select(Item).where(visible(Item, agency_id), Item.weapon_type == weapon_type))
    }
    # a transfer names its item by record id; two registries may use one id: then only its own source's item is it
    by_record: dict[str | None, Item | None] = {}
    for (_src, rid), it in items.items():
        by_record[rid] = None if rid in by_record else it
    typed = Transfer.weapon_type == weapon_type
    which = or_(typed, Transfer.record_id.in_([r for r in by_record if r] or [""])) if named else typed
    transfers = session.scalars(
        select(Transfer).where(visible(Transfer, agency_id), which).order_by(Transfer.date, Transfer.id)
    )
    out, moved = [], set()
    for t in transfers:
        item = items.get((t.source_id, t.record_id)) or by_record.get(t.record_id)
        if item is not None:
            moved.add(item.id)
        lot, calibre, year = fields(t.attributes or {}, item)
        out.append(LotRecord(
            key=f"transfer:{t.id}", lot=lot, calibre=calibre, year=year,
            manufacturer=t.manufacturer or (item.manufacturer if item else None), quantity=t.quantity,
            from_holder=t.from_holder, to_holder=t.to_holder, to_country=t.to_country, date=t.date,
            document_ref=t.document_ref, synthetic=bool(t.synthetic),
        ))  # fmt: skip
    for it in items.values():
        if it.id not in moved and it.lot:
            out.append(LotRecord(
                key=f"item:{it.id}", lot=it.lot, calibre=calibre_of(it.calibre), year=it.year,
                manufacturer=it.manufacturer, quantity=it.quantity, to_holder=it.holder, to_country=it.holder_country,
                date=it.date, synthetic=bool(it.synthetic),
            ))  # fmt: skip
    return out


def add_recovery(
    session: Session,
    actor: Actor,
    incident: Incident,
    code: str,
    weapon_type: str,
    *,
    attributes: dict[str, Any],
    detail: dict[str, Any],
    **columns: Any,
) -> Recovery:
    """Keep a recovered item at its (already checked) incident, its empty attributes left out, and audit it;
    ``detail`` follows the incident, code and kind in the audit event."""
    kept = {k: v for k, v in attributes.items() if v not in (None, "")}
    recovery = Recovery(
        id=public_id(session, Recovery),
        agency_id=incident.agency_id, visibility=incident.visibility, incident_id=incident.id,
        recovery_code=code.strip(), weapon_type=weapon_type, attributes=kept or None, row_hash=secrets.randbits(62),
        **columns,
    )  # fmt: skip
    session.add(recovery)
    session.flush()
    audit.record(session, actor=actor.username, action=actions.RECOVERY_CREATE, agency_id=recovery.agency_id,
                 entity="recovery", entity_id=recovery.id,
                 detail={"incident": incident.code, "recovery_code": recovery.recovery_code, "kind": weapon_type,
                         **detail})  # fmt: skip
    return recovery
