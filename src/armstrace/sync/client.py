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

import httpx
from sqlalchemy import select

from armstrace.exceptions import InputError, PermissionDeniedError
from armstrace.store import Workspace

from .connection import API, Connection, Progress, SyncSummary
from .pull import pull as pull_changes
from .push import BATCH, CHUNK
from .push import push as push_changes
from .records import SyncPeer

__all__ = ["SyncSummary", "sync"]


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
    server = Connection(url, token, client)
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
            push_changes(ws, server, peer_id, summary, min(batch, int(who.get("max_batch", batch))),
                         min(CHUNK, int(who.get("max_chunk", CHUNK))), tick)  # fmt: skip
        if pull:
            pull_changes(ws, server, peer_id, summary, min(200, int(who.get("max_batch", 200))), tick)
        return summary
    finally:
        if client is None:
            server.http.close()
