"""A synced record as a document: the same fields and the same content hash on the laptop and the server.

A document names its parent by global id (a recovery its incident, a file its record), never by a
workspace's own row id, so the laptop and the server compute the same SHA-256 over the same content
(canonical JSON) whatever their ids. Ids, owners' row numbers, thumbnails and timestamps of storage are
not content. ``apply`` writes a document onto a row (the laptop's side of a pull, the server's side of a
file's caption); record creation on the server goes through the library's checked functions instead.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from armstrace.ingest.fields import check_values
from armstrace.model import Agency, Attachment, Incident, Recovery, Share

__all__ = [
    "RECORDS",
    "agency_id_for",
    "apply",
    "columns",
    "content_hash",
    "document",
    "natural_match",
    "shares_by_record",
    "shares_of",
]

#: entities whose rows sync both ways, parents first
RECORDS: dict[str, Any] = {"incident": Incident, "recovery": Recovery, "attachment": Attachment}
INCIDENT_FIELDS = ("code", "date", "country", "admin1", "admin2", "place", "latitude", "longitude", "kind", "title",
                   "description", "attributes", "synthetic")  # fmt: skip
RECOVERY_FIELDS = ("recovery_code", "serial_read", "obliterated", "manufacturer", "model", "calibre", "weapon_type",
                   "country", "year", "markings", "importer", "condition", "identification", "attributes",
                   "synthetic")  # fmt: skip
ATTACHMENT_FIELDS = ("sha256", "file_name", "media_type", "size", "shows", "caption", "created_by")
GidOf = Callable[[str, int], str | None]
# the file import's kind and column names of a synced record's fields
_IMPORT_NAMES = {
    "incident": ("incidents", {"code": "incident_id"}),
    "recovery": ("recoveries", {"recovery_code": "recovery_id", "serial_read": "serial"}),
}


def content_hash(doc: dict[str, Any]) -> str:
    """SHA-256 of the document's canonical JSON (sorted keys, no spaces): equal content, equal hash."""
    text = json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def shares_of(db: Session, entity: str, record_id: int) -> list[str]:
    stmt = (select(Agency.code).join(Share, Share.agency_id == Agency.id)
            .where(Share.entity == entity, Share.entity_id == record_id).order_by(Agency.code))  # fmt: skip
    return list(db.scalars(stmt))


def shares_by_record(db: Session, entity: str) -> dict[int, list[str]]:
    """Every record of ``entity`` that is shared, with the agencies it is shared with (one query, not one a row)."""
    stmt = (select(Share.entity_id, Agency.code).join(Agency, Share.agency_id == Agency.id)
            .where(Share.entity == entity).order_by(Share.entity_id, Agency.code))  # fmt: skip
    out: dict[int, list[str]] = {}
    for record_id, code in db.execute(stmt):
        out.setdefault(record_id, []).append(code)
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def document(db: Session, entity: str, row: Any, gid_of: GidOf, shared: list[str] | None = None) -> dict[str, Any]:
    """The synced content of ``row``; ``gid_of(entity, row_id)`` names its parent (None: not synced)."""
    if entity == "attachment":
        doc = {name: getattr(row, name) for name in ATTACHMENT_FIELDS}
        return doc | {"record_entity": row.entity, "record": gid_of(row.entity, row.entity_id)}
    fields = INCIDENT_FIELDS if entity == "incident" else RECOVERY_FIELDS
    doc = {name: _plain(getattr(row, name)) for name in fields}
    if entity == "recovery":
        doc["incident"] = gid_of("incident", row.incident_id)
    doc["visibility"] = row.visibility
    doc["shared_with"] = shares_of(db, entity, row.id) if shared is None else shared
    return doc


def columns(entity: str, doc: dict[str, Any]) -> dict[str, Any]:
    """The row's column values a document gives, checked by the file import's rules (InputError naming
    every wrong field), a date back from its ISO text."""
    fields = INCIDENT_FIELDS if entity == "incident" else RECOVERY_FIELDS
    kind, names = _IMPORT_NAMES[entity]
    out = check_values(kind, {name: doc.get(name) for name in fields}, names)  # as a file import checks them
    if entity == "incident" and out.get("date"):
        out["date"] = dt.date.fromisoformat(str(out["date"]))
    return out


def natural_match(db: Session, entity: str, agency_id: int, doc: dict[str, Any], parent_id: int | None) -> Any:
    """A row of ``agency_id`` that is the document's record by its natural key, made before either side
    synced (an incident by code, a recovered item by incident and item code, a file by hash and record)."""
    if entity == "incident":
        return db.scalar(select(Incident).where(Incident.agency_id == agency_id, Incident.code == doc["code"]))
    if parent_id is None:
        return None
    if entity == "recovery":
        item = select(Recovery).where(Recovery.incident_id == parent_id, Recovery.recovery_code == doc["recovery_code"])
        return db.scalar(item)
    stmt = select(Attachment).where(Attachment.sha256 == doc["sha256"], Attachment.entity == doc["record_entity"],
                                    Attachment.entity_id == parent_id)  # fmt: skip
    return db.scalar(stmt)


def _agency(db: Session, code: str) -> int:
    found = db.scalar(select(Agency.id).where(Agency.code == code))
    if found is not None:
        return int(found)
    agency = Agency(code=code, name=code)
    db.add(agency)
    db.flush()
    return agency.id


def apply(db: Session, entity: str, row: Any, doc: dict[str, Any], parent_id: int | None) -> None:
    """Write ``doc`` onto ``row`` (its fields, its parent, who it is shared with), in the caller's transaction."""
    if entity == "attachment":
        for name in ("file_name", "shows", "caption"):
            setattr(row, name, doc.get(name))
        return
    for name, value in columns(entity, doc).items():
        setattr(row, name, value)
    if entity == "recovery" and parent_id is not None:
        row.incident_id = parent_id
    row.visibility = doc.get("visibility") or "private"
    db.flush()
    db.execute(delete(Share).where(Share.entity == entity, Share.entity_id == row.id))
    for code in doc.get("shared_with") or []:
        agency_id = _agency(db, code)
        if agency_id != row.agency_id:
            db.add(Share(entity=entity, entity_id=row.id, agency_id=agency_id))
    db.flush()


def agency_id_for(db: Session, code: str) -> int:
    """The id of agency ``code`` here, made as a stub when this workspace has not met it yet."""
    return _agency(db, code)
