"""The content of a trace request about one recovery: what was read, completed by identification and matches.

ISACS 05.31 and ATF's trace form ask for type, maker, model, calibre, serial as read and whether it was
obliterated, all markings, importer, countries of manufacture and last import, and where and how the
item was found. The description is a snapshot: the recipient sees it, never the requester's records.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from armstrace.analysis.custody import build_chains
from armstrace.model import Incident, Recovery

from .views import iso

__all__ = ["describe"]


def _markings(text: str | None) -> list[str]:
    if not text:
        return []
    parts = [p.strip() for line in text.splitlines() for p in line.split(" / ")]
    return [p for p in parts if p]


def describe(session: Session, agency_id: int | None, rec: Recovery, inc: Incident) -> dict[str, Any]:
    """The trace-form description of one recovery: as read, completed by identification and registry links."""
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
    last_import = ident.get("import_country") or ident.get("importer_country")
    if not last_import and item is not None:
        crossings = [
            e
            for e in chain.events
            if e.kind == "transfer" and e.country and e.from_country and e.country != e.from_country and e.legal
        ]
        last_import = crossings[-1].country if crossings else None
    how = [p for p in (inc.kind, inc.title, rec.condition and f"condition: {rec.condition}") if p]
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
        "key": f"{inc.code}/{rec.recovery_code}",
        "incident": {
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
        },
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
