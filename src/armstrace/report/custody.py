"""Custody chains, last legal custodian and time to recovery, computed from the tables for the report.

This is the report's own, deliberately simple reading of the transfer table: the transfers that name
the item's record, its serial, or a serial range that contains it, in date order. It is the one seam
where ``armstrace.analysis`` takes over: the rest of the report only calls the functions below and
reads the plain dicts they return.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from armstrace.model import Item, Transfer
from armstrace.store import visible

__all__ = ["custody_chains", "diversion", "last_legal", "normalise_serial", "serial_in_range", "years_between"]

_NON_ALNUM = re.compile(r"[^0-9A-Z]")
_CHUNK = 500


def normalise_serial(serial: str | None) -> str:
    """Upper case without separators: the common denominator of every registry's serial column."""
    return _NON_ALNUM.sub("", (serial or "").upper())


def serial_in_range(serial: str, first: str, last: str) -> bool:
    """Whether ``serial`` lies in the inclusive range first–last (same length and same non-numeric prefix)."""
    s, a, b = normalise_serial(serial), normalise_serial(first), normalise_serial(last)
    if not s or len(s) != len(a) or len(a) != len(b):
        return False
    ms, ma, mb = (re.fullmatch(r"(.*?)(\d+)", x) for x in (s, a, b))
    if not (ms and ma and mb) or not (ms.group(1) == ma.group(1) == mb.group(1)):
        return a <= s <= b
    return int(ma.group(2)) <= int(ms.group(2)) <= int(mb.group(2))


def _step(t: Transfer) -> dict[str, Any]:
    return {
        "kind": "transfer",
        "transfer_id": t.transfer_id,
        "date": t.date,
        "from_holder": t.from_holder,
        "from_country": t.from_country,
        "to_holder": t.to_holder,
        "to_country": t.to_country,
        "document_ref": t.document_ref,
        "quantity": t.quantity,
        "serial_range": f"{t.serial}–{t.serial_end}" if t.serial_end else None,
        "legal": bool(t.legal),
        "synthetic": bool(t.synthetic),
    }


def _chunks(seq: Sequence[Any], size: int = _CHUNK) -> Iterable[Sequence[Any]]:
    for i in range(0, len(seq), size):
        yield seq[i : i + size]


def _table_chains(session: Session, items: Sequence[Item], agency_id: int | None) -> dict[int, list[dict[str, Any]]]:
    by_record: dict[str, list[int]] = {}
    by_serial: dict[str, list[int]] = {}
    for it in items:
        by_record.setdefault(it.record_id, []).append(it.id)
        norm = it.serial_norm or normalise_serial(it.serial)
        if norm and not it.serial_end:
            by_serial.setdefault(norm, []).append(it.id)
    found: dict[int, dict[int, Transfer]] = {it.id: {} for it in items}
    for keys, column, index in (
        (list(by_record), Transfer.record_id, by_record),
        (list(by_serial), Transfer.serial_norm, by_serial),
    ):
        for chunk in _chunks(keys):
            rows = session.scalars(
                select(Transfer).where(column.in_(chunk), visible(Transfer, agency_id))
            ).all()
            for t in rows:
                key = t.record_id if column is Transfer.record_id else t.serial_norm
                if column is Transfer.serial_norm and t.serial_end:
                    continue
                for item_id in index.get(key or "", []):
                    found[item_id][t.id] = t
    for it in items:
        norm = it.serial_norm or normalise_serial(it.serial)
        if not norm or it.serial_end:
            continue
        ranges = session.scalars(
            select(Transfer).where(
                Transfer.serial_end.is_not(None),
                Transfer.serial_norm <= norm,
                func.upper(Transfer.serial_end) >= norm,
                or_(Transfer.record_id.is_(None), Transfer.record_id != it.record_id),
                visible(Transfer, agency_id),
            )
        ).all()
        for t in ranges:
            if serial_in_range(norm, t.serial or "", t.serial_end or ""):
                found[it.id][t.id] = t
    chains: dict[int, list[dict[str, Any]]] = {}
    for item_id, transfers in found.items():
        ordered = sorted(transfers.values(), key=lambda t: (t.date or dt.date.min, t.id))
        chains[item_id] = [_step(t) for t in ordered]
    return chains


def custody_chains(session: Session, items: Sequence[Item], agency_id: int | None) -> dict[int, list[dict[str, Any]]]:
    """The transfers of each item in date order (item id → steps as plain dicts), visibility applied."""
    return _table_chains(session, items, agency_id)


def last_legal(chain: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    """The last legal transfer of a chain: its receiver is the last legal custodian."""
    legal = [s for s in chain if s.get("legal", True)]
    return legal[-1] if legal else None


def diversion(chain: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Where the item left legal custody: the last legal custodian and the first illicit step after it."""
    last = last_legal(chain)
    after = chain[chain.index(last) + 1 :] if last is not None else list(chain)
    illicit = next((s for s in after if not s.get("legal", True)), None)
    return {
        "custodian": last["to_holder"] if last else None,
        "custodian_country": last["to_country"] if last else None,
        "since": last["date"] if last else None,
        "document_ref": last["document_ref"] if last else None,
        "first_illicit": illicit,
    }


def years_between(start: dt.date | None, end: dt.date | None) -> float | None:
    """Years from ``start`` to ``end`` (e.g. last legal transfer → recovery), None when a date is missing."""
    if start is None or end is None:
        return None
    return round((end - start).days / 365.25, 2)
