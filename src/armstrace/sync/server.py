"""The agency server's side of field sync: take a laptop's batch, hand back what the agency may see.

Every function takes the caller (``auth.Actor``, from the laptop user's API token); the token's agency
bounds everything. A push is one transaction: the records of another agency refuse the whole batch; each
record is then created, changed, recognised as already there (same global id and content hash: nothing
happens, so a batch sent twice changes nothing) or found in conflict (changed here since the laptop's base
version: the server's version stays, the laptop's is kept in ``sync_conflict`` and both are answered).
Records are created and changed through the library's checked functions (``armstrace.records``, ``attachments``),
so permissions, validation and their audit events are the usual ones; each record also gets a
``sync.push`` event naming the user, the laptop and the batch.

A pull first brings the server's versions up to date (a record changed on the web gets a new version and
change number), then returns the records the caller may see with a change number above the laptop's
cursor, oldest change first, with the parents they need (a recovered item's incident, a file's record)
when the caller may see those too. Files travel by SHA-256: the laptop asks what the server has of one,
uploads the rest in chunks (kept until the file is whole and its hash checks), and fetches by hash.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session

from armstrace import attachments, audit
from armstrace import records as library
from armstrace.auth import Actor
from armstrace.exceptions import ConflictError, InputError, NotFoundError, PermissionDeniedError
from armstrace.model import Agency, Attachment, Incident, Item, Match, Recovery, TraceRequest, utcnow
from armstrace.settings import DEFAULT_MAX_ATTACHMENT_BYTES, DEFAULT_MAX_IMAGE_PIXELS
from armstrace.store import visible

from .documents import RECORDS, columns, content_hash, document, natural_match, shares_by_record
from .records import SyncChunk, SyncConflict, SyncObject

__all__ = [
    "MAX_BATCH",
    "MAX_CHUNK",
    "PENDING_FILES",
    "UNFINISHED_FOR",
    "file_content",
    "file_status",
    "pull",
    "push",
    "put_chunk",
    "whoami",
]

MAX_BATCH = 200  # records in one push or one page of a pull
MAX_CHUNK = 512 * 1024  # bytes of a file in one upload request (under the server's JSON body limit)
PENDING_FILES = 8  # unfinished uploads an agency may hold, in files of the largest size
UNFINISHED_FOR = dt.timedelta(days=1)  # an upload untouched this long is abandoned
_SEQ_LOCK = 4243  # PostgreSQL advisory lock: one writer hands out change numbers at a time


def whoami(actor: Actor) -> dict[str, Any]:
    return {"user": actor.username, "agency": actor.agency_code, "role": actor.role, "max_batch": MAX_BATCH,
            "max_chunk": MAX_CHUNK}  # fmt: skip


# -- versions and change numbers -------------------------------------------------------------------------
def _next_seq(db: Session) -> int:
    if db.get_bind().dialect.name == "postgresql":
        db.execute(text(f"SELECT pg_advisory_xact_lock({_SEQ_LOCK})"))
    return int(db.scalar(select(func.max(SyncObject.seq))) or 0) + 1


def _object_of(db: Session, entity: str, local_id: int) -> SyncObject | None:
    return db.scalar(select(SyncObject).where(SyncObject.entity == entity, SyncObject.local_id == local_id))


class _Versions:
    """The server's versions of records, brought up to date with what the rows hold now.

    ``preload`` (a pull, which reads and writes no record) reads the versions and the shares of every
    record at once instead of one query a row; a push changes shares as it goes, so it asks each time."""

    def __init__(self, db: Session, actor: str, *, preload: bool = False) -> None:
        self.db, self.actor = db, actor
        self.objects: dict[tuple[str, int], SyncObject] | None = None
        self.shares: dict[str, dict[int, list[str]]] | None = None
        if preload:
            self.objects = {(o.entity, o.local_id): o for o in db.scalars(select(SyncObject))}
            self.shares = {entity: shares_by_record(db, entity) for entity in ("incident", "recovery")}

    def object_of(self, entity: str, local_id: int) -> SyncObject | None:
        if self.objects is None:
            return _object_of(self.db, entity, local_id)
        return self.objects.get((entity, local_id))

    def gid_of(self, entity: str, local_id: int) -> str:
        model = RECORDS[entity]
        obj = self.object_of(entity, local_id)
        if obj is None:
            row = self.db.get(model, local_id)
            if row is None:
                raise NotFoundError(f"no {entity} {local_id}")
            obj = self.track(entity, row)
        return obj.gid

    def doc(self, entity: str, row: Any) -> dict[str, Any]:
        if entity in RECORDS:
            shared = None if self.shares is None or entity not in self.shares else self.shares[entity].get(row.id, [])
            return document(self.db, entity, row, self.gid_of, shared)
        return _shared_doc(self.db, entity, row, self.gid_of)

    def track(self, entity: str, row: Any, gid: str | None = None) -> SyncObject:
        """The row's version, a new one when its content changed since it was last numbered."""
        current = content_hash(self.doc(entity, row))
        obj = self.object_of(entity, row.id)
        if obj is None:
            obj = SyncObject(gid=gid or secrets.token_hex(16), entity=entity, local_id=row.id,
                             agency_id=row.agency_id, version=1, hash=current, seq=_next_seq(self.db),
                             changed_by=self.actor, changed_at=utcnow())  # fmt: skip
            self.db.add(obj)
            self.db.flush()
            if self.objects is not None:
                self.objects[(entity, row.id)] = obj
        elif obj.hash != current:
            self.bump(obj, current)
        return obj

    def bump(self, obj: SyncObject, new_hash: str) -> None:
        obj.version, obj.hash, obj.seq = obj.version + 1, new_hash, _next_seq(self.db)
        obj.changed_by, obj.changed_at = self.actor, utcnow()
        self.db.flush()


def _shared_doc(db: Session, entity: str, row: Any, gid_of: Any) -> dict[str, Any]:
    """A match result or a trace request's state, as the laptop keeps a read-only copy of it."""
    if entity == "match":
        item = db.get(Item, row.item_id)
        found = None
        if item is not None:
            found = {k: getattr(item, k) for k in ("record_id", "serial", "manufacturer", "model", "calibre",
                                                   "country", "year")}  # fmt: skip
        return {"recovery": gid_of("recovery", row.recovery_id), "rank": row.rank, "probability": row.probability,
                "status": row.status, "explanation": row.explanation, "reviewed_by": row.reviewed_by,
                "reviewed_at": row.reviewed_at.isoformat() if row.reviewed_at else None, "item": found}  # fmt: skip
    dates = ("due_date", "sent_at", "acknowledged_at", "answered_at", "closed_at")
    messages = [{"author": m.author, "body": m.body, "at": m.created_at.isoformat()} for m in row.messages]
    return {"reference": row.reference, "status": row.status, "priority": row.priority,
            "recipient": row.recipient_name, "answer": row.answer, "messages": messages,
            **{d: getattr(row, d).isoformat() if getattr(row, d) else None for d in dates}}  # fmt: skip


# -- push -----------------------------------------------------------------------------------------------
def push(
    db: Session,
    actor: Actor,
    batch: str,
    client: str,
    records: list[dict[str, Any]],
    *,
    max_bytes: int = DEFAULT_MAX_ATTACHMENT_BYTES,
    max_pixels: int = DEFAULT_MAX_IMAGE_PIXELS,
) -> list[dict[str, Any]]:
    """Apply one batch from a laptop (in the caller's transaction); one result per record, in order."""
    library.require(actor, "write")
    if len(records) > MAX_BATCH:
        raise InputError(f"records: at most {MAX_BATCH} in one batch (got {len(records)})")
    for rec in records:  # refused as a whole before anything is applied
        if rec.get("entity") not in RECORDS:
            raise InputError(f"entity: {rec.get('entity')!r} does not sync (use {', '.join(RECORDS)})")
        if rec.get("agency") != actor.agency_code:
            raise PermissionDeniedError(
                f"{rec['entity']} {rec.get('gid')}: a record of agency {rec.get('agency')}, "
                f"and this token is for {actor.agency_code}: nothing in the batch was applied"
            )
        obj = db.get(SyncObject, str(rec.get("gid")))
        if obj is not None and (obj.agency_id != actor.agency_id or obj.entity != rec["entity"]):
            raise PermissionDeniedError(f"{rec['entity']} {rec['gid']} is not a {rec['entity']} of this agency: "
                                        "nothing in the batch was applied")  # fmt: skip
    versions = _Versions(db, actor.username)
    results = []
    for rec in records:
        try:
            with db.begin_nested():
                result = _push_one(db, actor, versions, rec, batch, client, max_bytes, max_pixels)
        except _MissingFile as exc:
            result = {"gid": rec["gid"], "entity": rec["entity"], "status": "missing_file", "reason": str(exc)}
        except (InputError, NotFoundError, PermissionDeniedError, ConflictError) as exc:
            result = {"gid": rec["gid"], "entity": rec["entity"], "status": "refused", "reason": str(exc)}
        results.append(result)
    counts: dict[str, int] = {}
    for r in results:
        counts[r["status"]] = counts.get(r["status"], 0) + 1
    audit.record(db, actor=actor.username, action="sync.batch", agency_id=actor.agency_id, entity="sync_batch",
                 entity_id=batch, detail={"client": client, "user": actor.username, "direction": "push",
                                          "records": len(records), "results": counts})  # fmt: skip
    return results


def _parent_id(db: Session, entity: str, doc: dict[str, Any]) -> int | None:
    """The row id here of the document's parent (by global id), or NotFoundError when it never arrived."""
    if entity == "incident":
        return None
    parent_entity, gid = (
        (doc.get("record_entity"), doc.get("record")) if entity == "attachment" else ("incident", doc.get("incident"))
    )
    obj = db.get(SyncObject, str(gid)) if gid else None
    if obj is None or obj.entity != parent_entity:
        raise NotFoundError(f"{entity}: its {parent_entity} {gid} is not on the server (push it first)")
    return obj.local_id


def _push_one(
    db: Session,
    actor: Actor,
    versions: _Versions,
    rec: dict[str, Any],
    batch: str,
    client: str,
    max_bytes: int,
    max_pixels: int,
) -> dict[str, Any]:
    entity, gid, doc = rec["entity"], str(rec["gid"]), dict(rec.get("data") or {})
    if len(gid) != 32 or any(c not in "0123456789abcdef" for c in gid):
        raise InputError(f"gid: 32 hexadecimal characters (got {gid!r})")
    sent_hash = content_hash(doc)
    parent_id = _parent_id(db, entity, doc)
    obj = db.get(SyncObject, gid)
    model = RECORDS[entity]
    status = ""
    if obj is None:
        row = _natural(db, actor, entity, doc, parent_id)
        if row is not None:  # the same record made on both sides before either synced
            obj = _object_of(db, entity, row.id) or versions.track(entity, row, gid)
        else:
            row = _create(db, actor, entity, doc, parent_id, max_bytes, max_pixels)
            obj = versions.track(entity, row, gid)
            status = "created"
    else:
        row = db.get(model, obj.local_id)
        if row is None or obj.entity != entity or row.agency_id != actor.agency_id:
            raise NotFoundError(f"{entity} {gid} is not on the server")
        versions.track(entity, row)  # a change made here (on the web) since is a new version
    if not status:
        if obj.hash == sent_hash:
            status = "same"
        elif obj.gid == gid and rec.get("base_version") == obj.version:
            _update(db, actor, entity, row, doc)
            versions.bump(obj, content_hash(versions.doc(entity, row)))
            status = "updated"
        else:
            status = "conflict"
    # server_gid: the global id the server knows the record by (another one when both sides made it apart)
    result = {"gid": gid, "server_gid": obj.gid, "entity": entity, "status": status, "version": obj.version,
              "hash": obj.hash}  # fmt: skip
    if status == "conflict":
        winner = versions.doc(entity, row)
        db.add(SyncConflict(peer=f"{actor.username}@{client}", entity=entity, gid=obj.gid, local_id=row.id,
                            base_version=rec.get("base_version"), server_version=obj.version, kept=doc,
                            winner=winner, batch=batch))  # fmt: skip
        result["data"] = winner
    if status != "same":
        audit.record(db, actor=actor.username, action="sync.push", agency_id=row.agency_id, entity=entity,
                     entity_id=row.id, detail={"gid": obj.gid, "status": status, "version": obj.version,
                                               "batch": batch, "client": client, "user": actor.username})  # fmt: skip
    return result


def _natural(db: Session, actor: Actor, entity: str, doc: dict[str, Any], parent_id: int | None) -> Any:
    row = natural_match(db, entity, actor.agency_id, doc, parent_id)
    return row if row is not None and row.agency_id == actor.agency_id else None


def _create(
    db: Session, actor: Actor, entity: str, doc: dict[str, Any], parent_id: int | None, max_bytes: int, max_pixels: int
) -> Any:
    if entity == "attachment":
        data = _file_bytes(db, actor, str(doc.get("sha256")))
        if data is None:
            raise _MissingFile(f"file {doc.get('sha256')}: upload it first")
        assert parent_id is not None
        added = attachments.add(db, actor, str(doc["record_entity"]), parent_id, data, file_name=doc.get("file_name"),
                                shows=str(doc.get("shows") or "other"), caption=doc.get("caption"),
                                max_bytes=max_bytes, max_pixels=max_pixels)  # fmt: skip
        row = db.get(Attachment, added["id"])
        assert row is not None
        row.created_by = doc.get("created_by") or actor.username  # who added it on the laptop
        db.execute(delete(SyncChunk).where(SyncChunk.agency_id == actor.agency_id, SyncChunk.sha256 == row.sha256))
        return row
    values = columns(entity, doc) | {"visibility": doc.get("visibility") or "private",
                                     "shared_with": doc.get("shared_with") or []}  # fmt: skip
    if entity == "incident":
        return library.create_incident(db, actor, values)
    incident = library.get_visible(db, Incident, int(parent_id or 0), actor)
    return library.create_recovery(db, actor, incident, values)


def _update(db: Session, actor: Actor, entity: str, row: Any, doc: dict[str, Any]) -> None:
    if entity == "attachment":
        attachments.describe(db, actor, row, {k: doc.get(k) for k in ("file_name", "shows", "caption")})
        return
    wanted = columns(entity, doc)
    changes = {k: v for k, v in wanted.items() if getattr(row, k) != v}
    changes |= {"visibility": doc.get("visibility") or "private", "shared_with": doc.get("shared_with") or []}
    library.update_record(db, actor, row, changes)


class _MissingFile(NotFoundError):
    """An attachment pushed before its file: the laptop uploads the file and pushes the record again."""


# -- files ----------------------------------------------------------------------------------------------
def _check_sha(sha256: str) -> str:
    sha = sha256.lower()
    if len(sha) != 64 or any(c not in "0123456789abcdef" for c in sha):
        raise InputError(f"sha256: 64 hexadecimal characters (got {sha256!r})")
    return sha


def _chunks(db: Session, actor: Actor, sha: str) -> list[SyncChunk]:
    stmt = select(SyncChunk).where(SyncChunk.agency_id == actor.agency_id, SyncChunk.sha256 == sha)
    return list(db.scalars(stmt.order_by(SyncChunk.offset)))


def _received(chunks: list[SyncChunk]) -> int:
    """Bytes received from the start without a gap."""
    end = 0
    for chunk in chunks:
        if chunk.offset != end:
            break
        end += len(chunk.data)
    return end


def _file_bytes(db: Session, actor: Actor, sha: str) -> bytes | None:
    """The file's bytes, from one of the agency's own files or from a complete upload; None: not here."""
    own = select(Attachment.data).where(Attachment.sha256 == sha, Attachment.agency_id == actor.agency_id).limit(1)
    data = db.scalar(own)
    if data is not None:
        return bytes(data)
    chunks = _chunks(db, actor, sha)
    whole = b"".join(c.data for c in chunks) if _received(chunks) else b""
    if whole and hashlib.sha256(whole).hexdigest() == sha:
        return whole
    return None


def file_status(db: Session, actor: Actor, sha256: str) -> dict[str, Any]:
    """Whether the server has a file of the agency's (``have``), else how many bytes of its upload it holds."""
    sha = _check_sha(sha256)
    own = select(Attachment.id).where(Attachment.sha256 == sha, Attachment.agency_id == actor.agency_id).limit(1)
    if db.scalar(own) is not None:
        return {"sha256": sha, "have": True, "received": None}
    return {"sha256": sha, "have": False, "received": _received(_chunks(db, actor, sha))}


def put_chunk(
    db: Session, actor: Actor, sha256: str, offset: int, data: bytes, *, max_bytes: int = DEFAULT_MAX_ATTACHMENT_BYTES
) -> dict[str, Any]:
    """Keep one piece of a file being uploaded; it must start where the received bytes end."""
    library.require(actor, "write")
    sha = _check_sha(sha256)
    if not data or len(data) > MAX_CHUNK:
        raise InputError(f"a chunk holds 1 to {MAX_CHUNK} bytes (got {len(data)})")
    received = _received(_chunks(db, actor, sha))
    if offset != received:
        raise ConflictError(f"offset {offset}: the server holds {received} bytes of {sha}; send from there")
    if offset + len(data) > max_bytes:
        raise InputError(f"file {sha}: larger than the server's limit of {max_bytes} bytes")
    if offset == 0:  # a new upload: the agency's abandoned ones go, and what is pending stays bounded
        stale = utcnow() - UNFINISHED_FOR
        db.execute(delete(SyncChunk).where(SyncChunk.agency_id == actor.agency_id, SyncChunk.created_at < stale))
    pending = db.scalar(select(func.coalesce(func.sum(func.length(SyncChunk.data)), 0))
                        .where(SyncChunk.agency_id == actor.agency_id))  # fmt: skip
    if int(pending or 0) + len(data) > PENDING_FILES * max_bytes:
        raise ConflictError(f"your agency has {pending} bytes of unfinished uploads on this server: finish them "
                            "(run `armstrace sync` again) or wait a day for them to expire")  # fmt: skip
    db.add(SyncChunk(agency_id=actor.agency_id, sha256=sha, offset=offset, data=data))
    db.flush()
    return {"sha256": sha, "have": False, "received": offset + len(data)}


def file_content(db: Session, actor: Actor, sha256: str) -> bytes:
    """The bytes of a file the caller may see (with its record); NotFoundError otherwise, as for no file."""
    sha = _check_sha(sha256)
    stmt = select(Attachment.data).where(Attachment.sha256 == sha, attachments.visible_attachments(actor)).limit(1)
    data = db.scalar(stmt)
    if data is None:
        raise NotFoundError(f"no file {sha}")
    return bytes(data)


# -- pull -----------------------------------------------------------------------------------------------
def _visible_rows(db: Session, actor: Actor) -> list[tuple[str, Any]]:
    """What the caller may see and a laptop keeps: its incidents, their items (an item whose incident it
    may not see stays behind: it would drag the incident along), their files, matches and trace requests."""
    incidents = list(db.scalars(select(Incident).where(visible(Incident, actor.scope)).order_by(Incident.id)))
    seen = {i.id for i in incidents}
    recs = [r for r in db.scalars(select(Recovery).where(visible(Recovery, actor.scope)).order_by(Recovery.id))
            if r.incident_id in seen]  # fmt: skip
    seen_recs = {r.id for r in recs}
    files = [a for a in db.scalars(select(Attachment).where(attachments.visible_attachments(actor),
                                                            Attachment.entity.in_(("incident", "recovery")))
                                   .order_by(Attachment.id))
             if (a.entity_id in seen if a.entity == "incident" else a.entity_id in seen_recs)]  # fmt: skip
    matches = [m for m in db.scalars(select(Match).where(library.match_visible(actor)).order_by(Match.id))
               if m.recovery_id in seen_recs]  # fmt: skip
    traces = list(db.scalars(select(TraceRequest).where(library.trace_visible(actor)).order_by(TraceRequest.id)))
    return ([("incident", r) for r in incidents] + [("recovery", r) for r in recs] + [("attachment", a) for a in files]
            + [("match", m) for m in matches] + [("trace_request", t) for t in traces])  # fmt: skip


def pull(db: Session, actor: Actor, cursor: int, limit: int = MAX_BATCH) -> dict[str, Any]:
    """The records the caller may see changed after ``cursor``, oldest change first, at most ``limit``."""
    if cursor < 0 or not 1 <= limit <= MAX_BATCH:
        raise InputError(f"cursor ≥ 0 and 1 ≤ limit ≤ {MAX_BATCH} (got {cursor}, {limit})")
    versions = _Versions(db, actor.username, preload=True)
    rows: dict[str, tuple[str, Any]] = {}
    objects: dict[str, SyncObject] = {}
    for entity, row in _visible_rows(db, actor):
        obj = versions.track(entity, row)
        rows[obj.gid], objects[obj.gid] = (entity, row), obj
    stmt = select(SyncObject).where(SyncObject.seq > cursor, SyncObject.gid.in_(list(rows)))
    changed = list(db.scalars(stmt.order_by(SyncObject.seq).limit(limit + 1)))
    page, more = changed[:limit], len(changed) > limit
    codes: dict[int, str] = {r[0]: r[1] for r in db.execute(select(Agency.id, Agency.code))}
    out = [_envelope(db, actor, versions, o, rows[o.gid][1], codes) for o in page]
    sent = {o.gid for o in page}
    parents = []
    for rec in out:  # the parents a record needs, when the caller may see them, whatever their change number
        for key in ("incident", "record"):
            gid = rec["data"].get(key) if rec["entity"] in ("recovery", "attachment") else None
            if gid and gid not in sent and gid in rows:
                sent.add(gid)
                parents.append(_envelope(db, actor, versions, objects[gid], rows[gid][1], codes))
    parents.sort(key=lambda r: list(RECORDS).index(r["entity"]))
    # an incident on the page brings what it holds that the caller may see, whatever their change number: a
    # record shared before its incident was, stayed behind until now (its change number is older than the cursor)
    children = [_envelope(db, actor, versions, objects[gid], rows[gid][1], codes) for gid in _held(rows, page, sent)]
    if page:
        audit.record(db, actor=actor.username, action="sync.batch", agency_id=actor.agency_id, entity="sync_batch",
                     entity_id=f"pull:{cursor}", detail={"direction": "pull", "user": actor.username, "cursor": cursor,
                                                         "records": len(out), "parents": len(parents)})  # fmt: skip
    return {"records": parents + out + children, "cursor": page[-1].seq if page else cursor, "more": more}


def _held(rows: dict[str, tuple[str, Any]], page: list[SyncObject], sent: set[str]) -> list[str]:
    """The global ids of the visible recoveries, files and matches of the page's incidents not yet sent,
    parents first."""
    incidents = {rows[o.gid][1].id for o in page if o.entity == "incident"}
    if not incidents:
        return []
    recoveries = {row.id for entity, row in rows.values() if entity == "recovery" and row.incident_id in incidents}

    def held(entity: str, row: Any) -> bool:
        if entity == "recovery":
            return row.id in recoveries
        if entity == "attachment":
            return row.entity_id in (incidents if row.entity == "incident" else recoveries)
        return entity == "match" and row.recovery_id in recoveries

    found = [gid for gid, (entity, row) in rows.items() if gid not in sent and held(entity, row)]
    sent.update(found)
    order = ("incident", "recovery", "attachment", "match")
    return sorted(found, key=lambda gid: order.index(rows[gid][0]))


def _envelope(
    db: Session, actor: Actor, versions: _Versions, obj: SyncObject, row: Any, codes: dict[int, str]
) -> dict[str, Any]:
    doc = versions.doc(obj.entity, row)
    owner = row.agency_id == actor.agency_id or actor.scope is None
    if "shared_with" in doc and not owner:  # whom else the owner trusts with a record is its own business
        doc["shared_with"] = [c for c in doc["shared_with"] if c == actor.agency_code]
    return {"entity": obj.entity, "gid": obj.gid, "version": obj.version, "hash": obj.hash, "seq": obj.seq,
            "agency": codes.get(row.agency_id), "changed_by": obj.changed_by, "data": doc}  # fmt: skip
