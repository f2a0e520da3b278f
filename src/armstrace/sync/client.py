"""The laptop's side of field sync: push its agency's new and changed records and files, pull what is shared.

Records carry a global id (128 random bits, given once and kept per server in ``sync_link``) and the
version and content hash both sides last agreed on. A push sends the records whose content hash differs
from that base, parents first, in batches; the server applies each batch in one transaction and answers
per record; the laptop then records the new bases in one transaction of its own. A cut between the two
loses nothing: the batch is sent again, and the server recognises what it has (same global id, same
hash: "same"). Files go first, by SHA-256: what the server has is skipped, an upload cut midway resumes
at the bytes the server holds. A pull pages through the server's changes after the laptop's cursor; each
page is applied in one transaction with the cursor, so a cut repeats at most one page, harmlessly.

Conflicts (the same record changed on both sides since the base): the server's version wins the shared
copy, on the server and then on the laptop; the laptop's version is kept in ``sync_conflict`` on both
sides and reported (``armstrace sync status``), never silently dropped. Each side's audit log records
what came from where: the server user, the laptop, the batch.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.orm import Session

from armstrace import audit
from armstrace.attachments import inspect_file
from armstrace.exceptions import (
    ArmstraceError,
    AuthenticationError,
    BusyError,
    ConflictError,
    InputError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    UnreachableError,
)
from armstrace.model import Agency, Attachment, Incident, Recovery, utcnow
from armstrace.store import Workspace
from armstrace.store.ids import public_id

from .documents import (
    RECORDS,
    agency_id_for,
    apply,
    columns,
    content_hash,
    document,
    natural_match,
    shares_by_record,
)
from .records import SyncConflict, SyncCopy, SyncLink, SyncPeer

__all__ = ["API", "Progress", "SyncSummary", "pending_records", "record_label", "sync"]

API = "/api/v1/sync"
BATCH = 50  # records per push batch
CHUNK = 512 * 1024  # bytes per upload request
Progress = Callable[[str, int, int], None]
_ERRORS: dict[int, type[ArmstraceError]] = {401: AuthenticationError, 403: PermissionDeniedError, 404: NotFoundError,
                                            409: ConflictError, 422: InputError, 429: RateLimitError,
                                            503: BusyError}  # fmt: skip


@dataclass
class SyncSummary:
    """What one sync did: counts, and the records in conflict or refused (each with a reason)."""

    server: str
    agency: str = ""
    user: str = ""
    pushed: int = 0  # created or changed on the server
    pulled: int = 0  # created or changed on the laptop
    skipped: int = 0  # already the same on both sides
    files_uploaded: int = 0
    files_skipped: int = 0  # the server had them already
    bytes_uploaded: int = 0
    files_downloaded: int = 0
    copies: int = 0  # match results and trace requests received as read-only copies
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    refused: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class _Server:
    """The agency server over HTTP; a network failure or an error answer becomes an armstrace error."""

    def __init__(self, url: str, token: str, client: httpx.Client | None) -> None:
        self.url = url
        self.http = client or httpx.Client(base_url=url, timeout=httpx.Timeout(60.0, connect=10.0))
        self.headers = {"Authorization": f"Bearer {token}"}

    def call(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            headers = self.headers | kwargs.pop("headers", {})
            response = self.http.request(method, f"{self.url}{path}", headers=headers, **kwargs)
        except httpx.TransportError as exc:
            raise UnreachableError(
                f"cannot reach the server at {self.url} ({type(exc).__name__}: {exc or 'connection cut'}); "
                "nothing is lost: what the server acknowledged is recorded here, the rest goes next time. "
                "Check the network and that the server runs, then run `armstrace sync` again"
            ) from exc
        if response.status_code >= 400:
            try:
                message = response.json()["error"]["message"]
            except (ValueError, KeyError, TypeError):
                message = response.text[:200] or response.reason_phrase
            error = _ERRORS.get(response.status_code, ArmstraceError)
            raise error(f"the server at {self.url} answered {response.status_code}: {message}")
        return response

    def json(self, method: str, path: str, **kwargs: Any) -> Any:
        return self.call(method, path, **kwargs).json()


def sync(
    ws: Workspace,
    url: str,
    token: str,
    *,
    push: bool = True,
    pull: bool = True,
    batch: int = BATCH,
    progress: Progress | None = None,
    client: httpx.Client | None = None,
) -> SyncSummary:
    """Push the acting agency's new and changed records and files to ``url``, then pull what it shares."""
    url = url.rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise InputError(f"--server: a URL starting with http:// or https:// (got {url!r})")
    server = _Server(url, token, client)
    try:
        who = server.json("GET", f"{API}/whoami")
        summary = SyncSummary(url, who["agency"], who["user"])
        if who["agency"] != ws.settings.agency:
            raise PermissionDeniedError(
                f"the token is for agency {who['agency']} and this workspace acts for "
                f"{ws.settings.agency}: use a token of a {ws.settings.agency} user"
            )
        with ws.session() as s:
            peer = s.scalar(select(SyncPeer).where(SyncPeer.url == url))
            if peer is None:
                peer = SyncPeer(url=url, pull_cursor=0)
                s.add(peer)
            peer.agency = who["agency"]
            s.flush()
            peer_id = peer.id
        tick = progress or (lambda _phase, _done, _total: None)
        if push:
            _push(ws, server, peer_id, summary, min(batch, int(who.get("max_batch", batch))),
                  min(CHUNK, int(who.get("max_chunk", CHUNK))), tick)  # fmt: skip
        if pull:
            _pull(ws, server, peer_id, summary, min(200, int(who.get("max_batch", 200))), tick)
        return summary
    finally:
        if client is None:
            server.http.close()


# -- push -----------------------------------------------------------------------------------------------
def _link(s: Session, peer_id: int, entity: str, local_id: int) -> SyncLink:
    """The record's link to this server, made (with its global id) the first time it is seen."""
    link = s.scalar(select(SyncLink).where(SyncLink.peer_id == peer_id, SyncLink.entity == entity,
                                           SyncLink.local_id == local_id))  # fmt: skip
    if link is None:
        other = s.scalar(select(SyncLink.gid).where(SyncLink.entity == entity, SyncLink.local_id == local_id))
        link = SyncLink(peer_id=peer_id, entity=entity, local_id=local_id, gid=other or secrets.token_hex(16),
                        base_version=0, base_hash="")  # fmt: skip
        s.add(link)
        s.flush()
    return link


def _gid_of(s: Session, peer_id: int) -> Callable[[str, int], str]:
    return lambda entity, local_id: _link(s, peer_id, entity, local_id).gid


def pending_records(s: Session, peer_id: int, agency: Agency) -> list[dict[str, Any]]:
    """The agency's records whose content differs from what the server last acknowledged, parents first.

    Links and shares are read once for all records (a query per row made this most of a sync's time)."""
    out = []
    links = {(k.entity, k.local_id): k for k in s.scalars(select(SyncLink).where(SyncLink.peer_id == peer_id))}

    def link_of(entity: str, local_id: int) -> SyncLink:
        found = links.get((entity, local_id))
        if found is None:
            found = links[(entity, local_id)] = _link(s, peer_id, entity, local_id)
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


def _push(
    ws: Workspace, server: _Server, peer_id: int, summary: SyncSummary, batch: int, chunk: int, tick: Progress
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
    ws: Workspace, server: _Server, peer_id: int, summary: SyncSummary, batch: int, chunk: int, tick: Progress
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


def _upload(ws: Workspace, server: _Server, rec: dict[str, Any], summary: SyncSummary, chunk: int) -> None:
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
            _conflict(s, url, peer_id, link, rec["entity"], rec["data"], result, batch_id, summary, "push")
        else:
            summary.refused.append({"entity": rec["entity"], "gid": rec["gid"], "local_id": rec["local_id"],
                                    "status": status, "reason": result.get("reason")})  # fmt: skip
        done.append([rec["entity"], rec["local_id"], rec["gid"], status])
    audit.record(s, actor=summary.user, action="sync.push", agency_id=_agency_id(s, summary.agency),
                 entity="sync_batch", entity_id=batch_id,
                 detail={"server": url, "user": summary.user, "records": [d for d in done if d[3] != "same"],
                         "same": sum(1 for d in done if d[3] == "same")})  # fmt: skip
    return relinked


def _agency_id(s: Session, code: str) -> int | None:
    return s.scalar(select(Agency.id).where(Agency.code == code))


def _conflict(
    s: Session,
    url: str,
    peer_id: int,
    link: SyncLink,
    entity: str,
    mine: dict[str, Any],
    result: dict[str, Any],
    batch_id: str,
    summary: SyncSummary,
    during: str,
) -> None:
    """The server's version wins the shared copy; the laptop's is kept in ``sync_conflict`` and reported."""
    winner, version = result["data"], int(result["version"])
    server_gid = result.get("server_gid") or link.gid
    s.add(SyncConflict(peer=url, entity=entity, gid=server_gid, local_id=link.local_id,
                       base_version=link.base_version or None, server_version=version, kept=mine, winner=winner,
                       batch=batch_id))  # fmt: skip
    row = s.get(RECORDS[entity], link.local_id)
    if row is not None:
        apply(s, entity, row, winner, _parent_local(s, peer_id, entity, winner))
    link.gid, link.base_version, link.base_hash = server_gid, version, content_hash(winner)
    s.flush()
    audit.record(s, actor=summary.user, action="sync.conflict", agency_id=row.agency_id if row else None,
                 entity=entity, entity_id=link.local_id,
                 detail={"server": url, "gid": server_gid, "during": during, "server_version": version,
                         "kept": "the laptop's version, in sync_conflict", "batch": batch_id})  # fmt: skip
    summary.conflicts.append({"entity": entity, "gid": server_gid, "local_id": link.local_id,
                              "label": record_label(entity, mine), "server_version": version,
                              "during": during})  # fmt: skip


def record_label(entity: str, doc: dict[str, Any]) -> str:
    return str(doc.get("code") or doc.get("recovery_code") or doc.get("file_name") or doc.get("sha256", "")[:12])


def _parent_local(s: Session, peer_id: int, entity: str, doc: dict[str, Any]) -> int | None:
    gid = doc.get("incident") if entity == "recovery" else doc.get("record") if entity == "attachment" else None
    if not gid:
        return None
    return s.scalar(select(SyncLink.local_id).where(SyncLink.peer_id == peer_id, SyncLink.gid == gid))


# -- pull -----------------------------------------------------------------------------------------------
def _pull(ws: Workspace, server: _Server, peer_id: int, summary: SyncSummary, limit: int, tick: Progress) -> None:
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
                audit.record(s, actor=summary.user, action="sync.pull", agency_id=_agency_id(s, summary.agency),
                             entity="sync_batch", entity_id=f"{cursor}-{page['cursor']}",
                             detail={"server": server.url, "user": summary.user, "records": moved})  # fmt: skip
        cursor, pages = next_cursor, pages + 1
        if not page["more"] or held:
            break
    tick("pull", pages, pages)


def _downloads(
    ws: Workspace, server: _Server, peer_id: int, records: list[dict[str, Any]], summary: SyncSummary
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
    parent_id = _parent_local(s, peer_id, entity, doc)
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
    local = content_hash(document(s, entity, row, _gid_of(s, peer_id)))
    if local == received:
        link.base_version, link.base_hash = version, received
        summary.skipped += 1
        return [entity, row.id, gid, "same"]
    if local != link.base_hash:  # changed here too since the base: the server's version wins, the laptop's kept
        mine = document(s, entity, row, _gid_of(s, peer_id))
        _conflict(s, url, peer_id, link, entity, mine, {"data": doc, "version": version}, "pull", summary, "pull")
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
