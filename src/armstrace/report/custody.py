"""Custody for the report, read from the analysis service and turned into plain dicts.

``armstrace.analysis`` is the one source of truth for custody: it links each recovered item to its
registry record (confirmed match, else best candidate, else an exact serial), orders manufacture,
transfers, registry states, trace answers and the recovery into a chain, and finds the last legal
custodian, the diversion point and the time to recovery. This module only calls it and flattens the
result for templates, so the report and the analysis can never disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from armstrace.analysis import CustodyChain, CustodyEvent, build_chains

__all__ = ["custody_by_recovery", "custody_path", "item_custodians", "recovery_chains", "recovery_custody"]


def _step(e: CustodyEvent) -> dict[str, Any]:
    transfer = e.kind in ("transfer", "illicit_transfer")
    return {
        "kind": e.kind, "date": e.date, "from_holder": e.from_holder, "from_country": e.from_country,
        "to_holder": e.holder, "to_country": e.country, "document_ref": e.document_ref,
        "reference": e.reference, "transfer_id": e.reference if transfer else None, "legal": bool(e.legal),
        "note": e.note,
    }  # fmt: skip


def _custody(chain: CustodyChain) -> dict[str, Any]:
    last, div, ttr = chain.last_legal, chain.diversion, chain.time_to_recovery
    first = div.first_illicit if div is not None else None
    return {
        "steps": [_step(e) for e in chain.events],
        "link": chain.item.evidence if chain.item else None,
        "item_id": chain.item.item_id if chain.item else None,
        "in_range": _in_range(chain),
        "basis": chain.last_legal_basis,
        "diversion": {
            "custodian": last.holder if last else None,
            "custodian_country": last.country if last else None,
            "since": last.date if last else None,
            "document_ref": last.document_ref if last else None,
            "first_illicit": _step(first) if first is not None and first.kind != "recovery" else None,
            "documented": bool(div.documented) if div else False,
        },
        "years_to_recovery": round(ttr.years, 2) if ttr is not None else None,
        "trafficking_indicator": bool(ttr.trafficking_indicator) if ttr is not None else False,
        "trace_references": list(chain.trace_references),
    }


def _in_range(chain: CustodyChain) -> str | None:
    """For a range record: the serial the reading names in it, or how many of its serials the reading fits."""
    item = chain.item
    if item is None or not item.serial_end:
        return None
    if item.matched_serial:
        return item.matched_serial
    span = f"{item.serial}–{item.serial_end}"
    return f"{span} ({item.in_range} fit)" if item.in_range else span


def recovery_chains(session: Session, recovery_ids: Sequence[int], agency_id: int | None) -> list[CustodyChain]:
    """The analysis chains of these recoveries as ``agency_id`` sees them."""
    if not recovery_ids:
        return []
    return build_chains(session, agency_id, recovery_ids=list(recovery_ids))


def custody_by_recovery(chains: Sequence[CustodyChain]) -> dict[int, dict[str, Any]]:
    """recovery id → custody (steps, last legal custodian, diversion, years to recovery), from analysis chains."""
    return {c.recovery.recovery_id: _custody(c) for c in chains if c.recovery is not None}


def recovery_custody(session: Session, recovery_ids: Sequence[int], agency_id: int | None) -> dict[int, dict[str, Any]]:
    """recovery id → custody, as ``agency_id`` sees it (``recovery_chains`` then ``custody_by_recovery``)."""
    return custody_by_recovery(recovery_chains(session, recovery_ids, agency_id))


def item_custodians(
    session: Session, item_ids: Sequence[int], agency_id: int | None
) -> dict[int, tuple[str, str | None]]:
    """registry item id → (last legal custodian, its country), for weighing every candidate, not only the best."""
    if not item_ids:
        return {}
    out: dict[int, tuple[str, str | None]] = {}
    for c in build_chains(session, agency_id, item_ids=sorted(set(item_ids))):
        if c.item is not None and c.last_legal is not None and c.last_legal.holder:
            out[c.item.item_id] = (c.last_legal.holder, c.last_legal.country)
    return out


def custody_path(steps: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The chain as a path of holders for a one-line summary: each holder once, in order, with its first date.

    A chain often names one holder several times (the registry, a transfer record and a trace answer
    saying the same thing); the path keeps the first, notes the documents and whether a trace answer
    said so, and marks the step where the weapon left legal hands.
    """
    path: list[dict[str, Any]] = []
    for s in steps:
        if s["kind"] == "recovery":
            continue
        if s["kind"] in ("reported_lost", "reported_stolen"):
            how = "lost by" if s["kind"] == "reported_lost" else "stolen from"
            holder, country = f"{how} {s['from_holder'] or 'its holder'}", s["from_country"]
        else:
            holder, country = s["to_holder"] or s["from_holder"], s["to_country"] or s["from_country"]
        if not holder:
            continue
        if path and path[-1]["holder"] == holder and path[-1]["legal"] == s["legal"]:
            hop = path[-1]
        elif path and _same_loss(path[-1], s, holder):
            hop = path[-1]  # one loss told twice: the registry's loss, and a move to "unknown" (records, an answer)
            if not hop.get("loss"):
                hop.update(holder=holder, country=country, loss=True)  # the registry's words say whose it was
        else:
            hop = {"holder": holder, "country": country, "date": s["date"], "legal": s["legal"], "documents": [],
                   "traced": False, "loss": s["kind"] in ("reported_lost", "reported_stolen")}  # fmt: skip
            path.append(hop)
        hop["date"] = hop["date"] or s["date"]
        hop["traced"] = hop["traced"] or s["kind"] == "trace_answer"
        if s.get("document_ref") and s["document_ref"] not in hop["documents"]:
            hop["documents"].append(s["document_ref"])
    return path


def _same_loss(hop: dict[str, Any], step: dict[str, Any], holder: str) -> bool:
    """Whether ``step`` retells the loss ``hop`` (or the reverse): same day, illicit, one side a reported loss
    or theft and the other a move to an unknown holder."""
    if step["legal"] or hop["legal"] or step["date"] != hop["date"]:
        return False
    loss_now = step["kind"] in ("reported_lost", "reported_stolen")
    if hop.get("loss") == loss_now:
        return False
    other = holder if hop.get("loss") else hop["holder"]
    return str(other).casefold().startswith("unknown")
