"""The content of a trace request about one recovery: what was read, completed by identification and matches.

ISACS 05.31 and ATF's trace form ask for type, maker, model, calibre, serial as read and whether it was
obliterated, all markings, importer, countries of manufacture and last import, and where and how the
item was found. The description is a snapshot: the recipient sees it, never the requester's records.

It holds only what the requester may pass on to the recipient (``consent.Disclosure``): the recovery
itself must be passable (else the request is refused); its incident, its registry link and the
transfers behind the country of last import are left out when they are not (``incident`` is then None).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from armstrace.analysis.custody import build_chains
from armstrace.model import Incident, Item, Recovery, Transfer
from armstrace.store import visible

from .consent import Disclosure
from .views import iso

__all__ = ["describe"]


def _markings(text: str | None) -> list[str]:
    if not text:
        return []
    parts = [p.strip() for line in text.splitlines() for p in line.split(" / ")]
    return [p for p in parts if p]


def _incident(inc: Incident | None) -> dict[str, Any] | None:
    if inc is None:
        return None
    return {
        "code": inc.code,
        "date": iso(inc.date),
        "country": inc.country,
        "admin1": inc.admin1,
        "admin2": inc.admin2,
        "place": inc.place,
        "latitude": inc.latitude,
        "longitude": inc.longitude,
        "kind": inc.kind,
        "title": inc.title,
        "description": inc.description,
    }


def _passable_transfers(session: Session, gate: Disclosure, references: set[str]) -> set[str]:
    """The transfer ids among ``references`` that the requester may pass on (one passable row suffices)."""
    if not references:
        return set()
    rows = session.scalars(
        select(Transfer).where(Transfer.transfer_id.in_(sorted(references)), visible(Transfer, gate.holder_id))
    )
    return {t.transfer_id for t in rows if gate.allows(t)}


def describe(session: Session, gate: Disclosure, rec: Recovery) -> dict[str, Any]:
    """The trace-form description of one recovery: as read, completed by identification and registry links,
    holding only what ``gate`` lets the requester pass on to the recipient."""
    gate.require(rec, f"recovery {rec.id}")
    agency_id = gate.holder_id
    inc = rec.incident if rec.incident is not None and gate.allows(rec.incident) else None
    ident = rec.identification or {}

    def pick(name: str, *alts: str) -> Any:
        value = getattr(rec, name, None)
        if value not in (None, ""):
            return value
        for key in (name, *alts):
            if ident.get(key) not in (None, ""):
                return ident[key]
        return None

    chain = build_chains(session, agency_id, recovery_ids=[rec.id])[0]
    item = chain.item
    row = session.get(Item, item.item_id) if item is not None else None
    if row is None or not gate.allows(row):
        item = None
    last_import = ident.get("import_country") or ident.get("importer_country")
    if not last_import and item is not None:
        crossings = [
            e
            for e in chain.events
            if e.kind == "transfer" and e.country and e.from_country and e.country != e.from_country and e.legal
        ]
        allowed = _passable_transfers(session, gate, {e.reference for e in crossings if e.reference})
        crossings = [e for e in crossings if e.reference in allowed]
        last_import = crossings[-1].country if crossings else None
    how = [p for p in (inc and inc.kind, inc and inc.title, rec.condition and f"condition: {rec.condition}") if p]
    matches = []
    if item is not None:
        matches.append(
            {
                "record_id": item.record_id,
                "source": item.source,
                "serial": item.serial,
                "serial_end": item.serial_end,
                "evidence": item.evidence,
                "probability": item.probability,
                "holder": item.holder,
                "holder_country": item.holder_country,
            }
        )
    return {
        "key": f"{inc.code if inc else f'R{rec.id}'}/{rec.recovery_code}",
        "incident": _incident(inc),
        "how_found": "; ".join(how) or None,
        "condition": rec.condition,
        "weapon_type": pick("weapon_type") or (item.weapon_type if item else None),
        "manufacturer": pick("manufacturer") or (item.manufacturer if item else None),
        "model": pick("model") or (item.model if item else None),
        "calibre": pick("calibre"),
        "year": pick("year") or (item.year if item else None),
        "serial_read": rec.serial_read,
        "obliterated": bool(rec.obliterated),
        "markings": _markings(rec.markings),
        "importer": pick("importer"),
        "country_of_manufacture": pick("country") or (item.country if item else None),
        "country_of_last_import": last_import,
        "identification": {k: ident[k] for k in ("confidence", "evidence") if k in ident} or None,
        "registry_matches": matches,
    }
