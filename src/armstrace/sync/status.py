"""What a laptop workspace knows of the servers it syncs with: cursors, records waiting, open conflicts."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from armstrace import audit
from armstrace.exceptions import NotFoundError
from armstrace.model import Agency, utcnow
from armstrace.store import Workspace

from .ledger import record_label
from .push import pending_records
from .records import SyncConflict, SyncCopy, SyncLink, SyncPeer

__all__ = ["resolve_conflict", "sync_status"]


def sync_status(ws: Workspace) -> dict[str, Any]:
    """Each server's cursor, last push and pull, records waiting to go and copies kept; open conflicts."""
    peers = []
    with ws.sessions() as s:  # counting what waits gives new records their global ids: not kept here
        agency = s.scalar(select(Agency).where(Agency.code == ws.settings.agency))
        for peer in s.scalars(select(SyncPeer).order_by(SyncPeer.url)):
            waiting = pending_records(s, peer.id, agency) if agency is not None else []
            linked = s.scalar(
                select(func.count()).select_from(SyncLink).where(SyncLink.peer_id == peer.id, SyncLink.base_version > 0)
            )
            copies = s.scalar(select(func.count()).select_from(SyncCopy).where(SyncCopy.peer_id == peer.id))
            peers.append({"server": peer.url, "agency": peer.agency, "cursor": peer.pull_cursor,
                          "pushed_at": peer.pushed_at, "pulled_at": peer.pulled_at, "synced_records": linked,
                          "waiting": len(waiting), "copies": copies})  # fmt: skip
        s.rollback()
        conflicts = [{"id": c.id, "server": c.peer, "entity": c.entity, "gid": c.gid, "local_id": c.local_id,
                      "label": record_label(c.entity, c.kept), "base_version": c.base_version,
                      "server_version": c.server_version, "at": c.created_at}
                     for c in s.scalars(select(SyncConflict).where(SyncConflict.resolved_at.is_(None))
                                        .order_by(SyncConflict.id))]  # fmt: skip
    return {"servers": peers, "conflicts": conflicts}


def resolve_conflict(ws: Workspace, conflict_id: int) -> dict[str, Any]:
    """Mark a conflict as dealt with (the kept version was looked at, and re-entered where it was right)."""
    with ws.session() as s:
        conflict = s.get(SyncConflict, conflict_id)
        if conflict is None or conflict.resolved_at is not None:
            raise NotFoundError(f"no open conflict {conflict_id}")
        conflict.resolved_at = utcnow()
        agency = s.scalar(select(Agency.id).where(Agency.code == ws.settings.agency))
        audit.record(
            s,
            actor=ws.settings.user,
            action="sync.resolve",
            agency_id=agency,
            entity=conflict.entity,
            entity_id=conflict.local_id,
            detail={"conflict": conflict.id, "gid": conflict.gid},
        )
        return {"id": conflict.id, "entity": conflict.entity, "gid": conflict.gid, "kept": conflict.kept}
