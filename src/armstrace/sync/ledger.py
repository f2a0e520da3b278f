"""What the laptop keeps of each record's state on a server: its link (global id, the base both sides agreed
on) and, when both sides changed it, the conflict — the server's version wins, the laptop's is kept."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from armstrace import audit
from armstrace.model import Agency

from .connection import SyncSummary
from .documents import RECORDS, apply, content_hash
from .records import SyncConflict, SyncLink

__all__ = ["agency_id_of", "gid_of", "keep_conflict", "parent_local", "record_label", "record_link"]


def record_link(s: Session, peer_id: int, entity: str, local_id: int) -> SyncLink:
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


def gid_of(s: Session, peer_id: int) -> Callable[[str, int], str]:
    return lambda entity, local_id: record_link(s, peer_id, entity, local_id).gid


def agency_id_of(s: Session, code: str) -> int | None:
    return s.scalar(select(Agency.id).where(Agency.code == code))


def keep_conflict(
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
        apply(s, entity, row, winner, parent_local(s, peer_id, entity, winner))
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


def parent_local(s: Session, peer_id: int, entity: str, doc: dict[str, Any]) -> int | None:
    gid = doc.get("incident") if entity == "recovery" else doc.get("record") if entity == "attachment" else None
    if not gid:
        return None
    return s.scalar(select(SyncLink.local_id).where(SyncLink.peer_id == peer_id, SyncLink.gid == gid))
