"""Pull: the server's changes after the laptop's cursor, page by page, each page applied in one transaction
with the cursor (a cut repeats at most one page); files fetched first and checked by hash."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from armstrace import audit
from armstrace.attachments import inspect_file
from armstrace.exceptions import UnreachableError
from armstrace.model import Attachment, Incident, Recovery, utcnow
from armstrace.store import Workspace
from armstrace.store.ids import public_id

from .connection import API, Connection, Progress, SyncSummary
from .documents import RECORDS, agency_id_for, apply, columns, content_hash, document, natural_match
from .ledger import agency_id_of, gid_of, keep_conflict, parent_local
from .records import SyncCopy, SyncLink, SyncPeer

__all__ = ["pull"]


def pull(ws: Workspace, server: Connection, peer_id: int, summary: SyncSummary, limit: int, tick: Progress) -> None:
    with ws.session() as s:
        peer = s.get(SyncPeer, peer_id)
        assert peer is not None
        cursor = peer.pull_cursor
    pages = 0
    while True:
        tick("pull", pages, pages + 1)
        page = server.json("POST", f"{API}/pull", json={"cursor": cursor, "limit": limit})
        files = _downloads(ws, server, peer_id, page["records"], summary)
        with ws.session() as s:  # the page and the cursor together: a cut repeats a page at most
            changes = [_receive(s, server.url, peer_id, rec, files, summary) for rec in page["records"]]
            peer = s.get(SyncPeer, peer_id)
            assert peer is not None
            # a record whose parent did not come stays ahead of the cursor: the next sync asks for it again
            held = [int(r["seq"]) for r, c in zip(page["records"], changes, strict=True) if c[3] == "skipped"]
            next_cursor = max(cursor, min(held) - 1) if held else int(page["cursor"])
            peer.pull_cursor, peer.pulled_at = next_cursor, utcnow()
            moved = [c for c in changes if c[3] not in ("same",)]
            if moved:
                audit.record(s, actor=summary.user, action="sync.pull", agency_id=agency_id_of(s, summary.agency),
                             entity="sync_batch", entity_id=f"{cursor}-{page['cursor']}",
                             detail={"server": server.url, "user": summary.user, "records": moved})  # fmt: skip
        cursor, pages = next_cursor, pages + 1
        if not page["more"] or held:
            break
    tick("pull", pages, pages)


def _downloads(
    ws: Workspace, server: Connection, peer_id: int, records: list[dict[str, Any]], summary: SyncSummary
) -> dict[str, bytes]:
    """The files a page needs that the laptop lacks, fetched before its transaction and checked by hash."""
    out: dict[str, bytes] = {}
    for rec in records:
        if rec["entity"] != "attachment":
            continue
        sha = rec["data"]["sha256"]
        with ws.session() as s:
            have = s.scalar(select(Attachment.id).where(Attachment.sha256 == sha).limit(1))
        if have is not None or sha in out:
            continue
        data = server.call("GET", f"{API}/files/{sha}/content").content
        if hashlib.sha256(data).hexdigest() != sha:
            raise UnreachableError(f"file {sha} arrived damaged (its SHA-256 differs): run `armstrace sync` again")
        out[sha] = data
        summary.files_downloaded += 1
    return out


def _receive(
    s: Session, url: str, peer_id: int, rec: dict[str, Any], files: dict[str, bytes], summary: SyncSummary
) -> list[Any]:
    """Apply one record from the server; returns [entity, local id, gid, what happened]."""
    entity, gid, version, doc = rec["entity"], rec["gid"], int(rec["version"]), rec["data"]
    received = content_hash(doc)
    if entity not in RECORDS:  # a match result or a trace request: a read-only copy
        copy = s.scalar(select(SyncCopy).where(SyncCopy.peer_id == peer_id, SyncCopy.gid == gid))
        if copy is not None and copy.version == version:
            return [entity, None, gid, "same"]
        if copy is None:
            s.add(SyncCopy(peer_id=peer_id, entity=entity, gid=gid, version=version, data=doc))
        else:
            copy.version, copy.data, copy.received_at = version, doc, utcnow()
        summary.copies += 1
        return [entity, None, gid, "copied"]
    model = RECORDS[entity]
    link = s.scalar(select(SyncLink).where(SyncLink.peer_id == peer_id, SyncLink.gid == gid))
    parent_id = parent_local(s, peer_id, entity, doc)
    if entity != "incident" and parent_id is None:
        summary.refused.append({"entity": entity, "gid": gid, "local_id": None, "status": "skipped",
                                "reason": "its parent record was not sent"})  # fmt: skip
        return [entity, None, gid, "skipped"]
    row = s.get(model, link.local_id) if link is not None else None
    owner = agency_id_for(s, rec["agency"])
    if row is None:
        # the same record made here before the server sent it (an incident code, an item code on the incident,
        # a file on the record): the laptop's row becomes the server's record, never a second copy of it
        row = natural_match(s, entity, owner, doc, parent_id)
        if row is not None:
            if link is not None:  # a link whose row is gone: it names the server's record again
                s.delete(link)
                s.flush()
            link = s.scalar(select(SyncLink).where(SyncLink.peer_id == peer_id, SyncLink.entity == entity,
                                                   SyncLink.local_id == row.id))  # fmt: skip
            if link is None:
                link = SyncLink(peer_id=peer_id, entity=entity, local_id=row.id, gid=gid, base_version=0, base_hash="")
                s.add(link)
            link.gid = gid
            s.flush()
    if row is None:
        row = _create(s, entity, doc, owner, parent_id, files)
        if link is None:
            link = SyncLink(peer_id=peer_id, entity=entity, local_id=row.id, gid=gid, base_version=0, base_hash="")
            s.add(link)
        link.local_id, link.base_version, link.base_hash = row.id, version, received
        s.flush()
        _pulled_event(s, url, entity, row, gid, version, "created", rec, summary)
        summary.pulled += 1
        return [entity, row.id, gid, "created"]
    assert link is not None
    if link.base_version == version and link.base_hash:
        return [entity, row.id, gid, "same"]  # what the laptop sent, or saw, last
    local = content_hash(document(s, entity, row, gid_of(s, peer_id)))
    if local == received:
        link.base_version, link.base_hash = version, received
        summary.skipped += 1
        return [entity, row.id, gid, "same"]
    if local != link.base_hash:  # changed here too since the base: the server's version wins, the laptop's kept
        mine = document(s, entity, row, gid_of(s, peer_id))
        keep_conflict(s, url, peer_id, link, entity, mine, {"data": doc, "version": version}, "pull", summary, "pull")
        return [entity, row.id, gid, "conflict"]
    apply(s, entity, row, doc, parent_id)
    link.base_version, link.base_hash = version, received
    _pulled_event(s, url, entity, row, gid, version, "updated", rec, summary)
    summary.pulled += 1
    return [entity, row.id, gid, "updated"]


def _create(
    s: Session, entity: str, doc: dict[str, Any], owner: int, parent_id: int | None, files: dict[str, bytes]
) -> Any:
    if entity == "attachment":
        sha = doc["sha256"]
        data = files.get(sha)
        if data is None:
            data = s.scalar(select(Attachment.data).where(Attachment.sha256 == sha).limit(1))
        assert data is not None, f"file {sha} neither here nor fetched"
        facts = inspect_file(bytes(data), doc.get("file_name"), str(doc.get("shows") or "other"))
        parent = s.get(RECORDS[doc["record_entity"]], parent_id)
        kept = Attachment(agency_id=parent.agency_id if parent is not None else owner, visibility="private",
                          sha256=sha, entity=doc["record_entity"], entity_id=parent_id, file_name=doc.get("file_name"),
                          media_type=facts.media_type, size=len(data), data=bytes(data), caption=doc.get("caption"),
                          shows=doc.get("shows"), created_by=doc.get("created_by"), taken_at=facts.taken_at,
                          latitude=facts.latitude, longitude=facts.longitude, image=facts.image,
                          thumbnail=facts.thumbnail)  # fmt: skip
        s.add(kept)
        s.flush()
        return kept
    values = columns(entity, doc)
    row: Any
    if entity == "incident":
        row = Incident(id=public_id(s, Incident), agency_id=owner, **values)
    else:
        row = Recovery(id=public_id(s, Recovery), agency_id=owner, incident_id=parent_id,
                       row_hash=secrets.randbits(62), **values)  # fmt: skip
    s.add(row)
    s.flush()
    apply(s, entity, row, doc, parent_id)
    return row


def _pulled_event(
    s: Session,
    url: str,
    entity: str,
    row: Any,
    gid: str,
    version: int,
    status: str,
    rec: dict[str, Any],
    summary: SyncSummary,
) -> None:
    audit.record(s, actor=summary.user, action=f"{entity}.sync", agency_id=row.agency_id,
                 entity=entity if entity != "attachment" else row.entity,
                 entity_id=row.id if entity != "attachment" else row.entity_id,
                 detail={"from": url, "gid": gid, "version": version, "status": status, "user": summary.user,
                         "changed_by": rec.get("changed_by"), "owner": rec.get("agency")}
                 | ({"attachment_id": row.id, "sha256": row.sha256} if entity == "attachment" else {}))  # fmt: skip
