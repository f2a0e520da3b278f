"""Push: the agency's new and changed records, parents first in batches, after their files (by SHA-256, an
upload cut midway resumes at the bytes the server holds); the server's answers recorded as new bases."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from armstrace import audit
from armstrace.exceptions import NotFoundError
from armstrace.model import Agency, Attachment, utcnow
from armstrace.store import Workspace

from .connection import API, Connection, Progress, SyncSummary
from .documents import RECORDS, content_hash, document, shares_by_record
from .ledger import agency_id_of, keep_conflict, record_link
from .records import SyncLink, SyncPeer

__all__ = ["BATCH", "CHUNK", "pending_records", "push"]

BATCH = 50  # records per push batch
CHUNK = 512 * 1024  # bytes per upload request


def pending_records(s: Session, peer_id: int, agency: Agency) -> list[dict[str, Any]]:
    """The agency's records whose content differs from what the server last acknowledged, parents first.

    Links and shares are read once for all records (a query per row made this most of a sync's time)."""
    out = []
    links = {(k.entity, k.local_id): k for k in s.scalars(select(SyncLink).where(SyncLink.peer_id == peer_id))}

    def link_of(entity: str, local_id: int) -> SyncLink:
        found = links.get((entity, local_id))
        if found is None:
            found = links[(entity, local_id)] = record_link(s, peer_id, entity, local_id)
        return found

    shares = {entity: shares_by_record(s, entity) for entity in ("incident", "recovery")}
    for entity, model in RECORDS.items():
        stmt = select(model).where(model.agency_id == agency.id)
        if entity == "attachment":
            stmt = stmt.where(model.entity.in_(("incident", "recovery")))
        owned: dict[str, set[int]] | None = {"incident": set(), "recovery": set()} if entity == "attachment" else None
        if owned is not None:
            for name in owned:
                parent = RECORDS[name]
                owned[name] = set(s.scalars(select(parent.id).where(parent.agency_id == agency.id)))
        for row in s.scalars(stmt.order_by(model.id)):
            if owned is not None and row.entity_id not in owned[row.entity]:
                continue
            link = link_of(entity, row.id)
            shared = shares[entity].get(row.id, []) if entity in shares else None
            doc = document(s, entity, row, lambda e, i: link_of(e, i).gid, shared)
            digest = content_hash(doc)
            if digest != link.base_hash:
                out.append({"entity": entity, "gid": link.gid, "agency": agency.code, "local_id": row.id,
                            "base_version": link.base_version or None, "hash": digest, "data": doc})  # fmt: skip
    return out


def push(
    ws: Workspace, server: Connection, peer_id: int, summary: SyncSummary, batch: int, chunk: int, tick: Progress
) -> None:
    for attempt in range(len(RECORDS)):  # at most one more round per level: incident, item, file
        # after a round where the server knew a record under another global id (made on both sides apart),
        # its items and files, refused for naming the laptop's id, go again naming the server's
        if attempt:
            summary.refused.clear()
        if not _push_round(ws, server, peer_id, summary, batch, chunk, tick):
            break
    with ws.session() as s:
        peer = s.get(SyncPeer, peer_id)
        assert peer is not None
        peer.pushed_at = utcnow()


def _push_round(
    ws: Workspace, server: Connection, peer_id: int, summary: SyncSummary, batch: int, chunk: int, tick: Progress
) -> bool:
    """Send what is pending once; True when the server named a record by another global id than the laptop's."""
    relinked = False
    with ws.session() as s:  # global ids are given and kept before anything is sent
        agency = s.scalar(select(Agency).where(Agency.code == ws.settings.agency))
        if agency is None:
            raise NotFoundError(f"no agency {ws.settings.agency!r} in this workspace")
        pending = pending_records(s, peer_id, agency)
    files = [r for r in pending if r["entity"] == "attachment"]
    for n, rec in enumerate(files, 1):
        tick("files", n - 1, len(files))
        _upload(ws, server, rec, summary, chunk)
    tick("files", len(files), len(files))
    for start in range(0, len(pending), batch):
        tick("push", start, len(pending))
        part = pending[start : start + batch]
        batch_id = uuid.uuid4().hex
        body = {"batch": batch_id, "client": ws.settings.user,
                "records": [{k: v for k, v in r.items() if k != "local_id"} for r in part]}  # fmt: skip
        results = server.json("POST", f"{API}/push", json=body)["results"]
        with ws.session() as s:
            relinked |= _acknowledged(s, server.url, peer_id, batch_id, part, results, summary)
    tick("push", len(pending), len(pending))
    return relinked


def _upload(ws: Workspace, server: Connection, rec: dict[str, Any], summary: SyncSummary, chunk: int) -> None:
    sha = rec["data"]["sha256"]
    status = server.json("GET", f"{API}/files/{sha}")
    if status["have"]:
        summary.files_skipped += 1
        return
    with ws.session() as s:
        data = s.scalar(select(Attachment.data).where(Attachment.id == rec["local_id"]))
    assert data is not None
    offset = int(status["received"] or 0)
    while offset < len(data):
        piece = bytes(data[offset : offset + chunk])
        answer = server.json("PUT", f"{API}/files/{sha}", params={"offset": offset}, content=piece,
                             headers={"Content-Type": "application/octet-stream"})  # fmt: skip
        summary.bytes_uploaded += len(piece)
        offset = int(answer["received"])
    summary.files_uploaded += 1


def _acknowledged(
    s: Session,
    url: str,
    peer_id: int,
    batch_id: str,
    part: list[dict[str, Any]],
    results: list[dict[str, Any]],
    summary: SyncSummary,
) -> bool:
    """Record the server's answer to one batch: new bases, conflicts kept and resolved, refusals noted.
    True when the server knows a record under another global id (the laptop takes the server's)."""
    done, relinked = [], False
    for rec, result in zip(part, results, strict=True):
        link = s.scalar(select(SyncLink).where(SyncLink.peer_id == peer_id, SyncLink.gid == rec["gid"]))
        assert link is not None
        status = result["status"]
        relinked |= status in ("same", "conflict") and result.get("server_gid", link.gid) != link.gid
        if status in ("created", "updated", "same"):
            link.base_version, link.base_hash = int(result["version"]), rec["hash"]
            link.gid = result.get("server_gid") or link.gid
            if status == "same":
                summary.skipped += 1
            else:
                summary.pushed += 1
        elif status == "conflict":
            keep_conflict(s, url, peer_id, link, rec["entity"], rec["data"], result, batch_id, summary, "push")
        else:
            summary.refused.append({"entity": rec["entity"], "gid": rec["gid"], "local_id": rec["local_id"],
                                    "status": status, "reason": result.get("reason")})  # fmt: skip
        done.append([rec["entity"], rec["local_id"], rec["gid"], status])
    audit.record(s, actor=summary.user, action="sync.push", agency_id=agency_id_of(s, summary.agency),
                 entity="sync_batch", entity_id=batch_id,
                 detail={"server": url, "user": summary.user, "records": [d for d in done if d[3] != "same"],
                         "same": sum(1 for d in done if d[3] == "same")})  # fmt: skip
    return relinked
