"""Field sync: a laptop workspace and its agency's server, each keeping what the other sent (docs/field.md).

* ``client`` — the laptop's side: ``sync`` pushes new and changed records and files (``push``), then pulls
  what the agency shares (``pull``), over a ``connection``, keeping each record's link and conflicts (``ledger``);
* ``server`` — the server's side: apply a batch for the token's agency, answer what it may see;
* ``documents`` — a record as the same content and hash on both sides;
* ``status`` — what a laptop knows of its servers: cursors, records waiting, open conflicts;
* ``records`` — their tables (migration 0009_sync).
"""

from __future__ import annotations

from .client import SyncSummary, sync
from .status import resolve_conflict, sync_status

__all__ = ["SyncSummary", "resolve_conflict", "sync", "sync_status"]
