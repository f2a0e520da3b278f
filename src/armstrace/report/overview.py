"""What the overview report says: every visible incident, with flows and consignments from the analysis.

Flows, consignments, counts, registry shares and the time to recovery are the analysis service's own
(``armstrace.analysis``: the same building blocks ``analysis.summary`` and ``armstrace analyse`` use, on
the same chains), so the overview and the analysis can never disagree. The report adds what only it
shows: candidates and ties per recovered item, trace request status, sources, the synthetic flag.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from armstrace.analysis import (
    DEFAULT_GAP,
    ConsignmentCluster,
    CustodyChain,
    TransferIndex,
    build_chains,
    consignments,
    counts,
    flows,
    registry_shares,
)
from armstrace.analysis.summary import ttr_stats
from armstrace.model import Incident, Item, Recovery, Transfer
from armstrace.store import visible

from .context import (
    PROBABLE,
    UNKNOWN,
    agency_row,
    any_synthetic,
    attach_candidates,
    flow_dicts,
    incident_row,
    recovery_row,
    report_counts,
    source_list,
    trace_request_rows,
    visible_sources,
    years_summary,
)

__all__ = ["MAX_INCIDENTS", "overview_context"]

MAX_INCIDENTS = 25  # incidents listed in the overview's table (most recovered items first)


def _stockpiles(all_chains: Sequence[CustodyChain], by_unit: dict[str, int]) -> list[dict[str, Any]]:
    """Last legal custodians by the number of recovered items they lost (the analysis' ``counts.by_unit``)."""
    country: dict[str, Counter[str]] = {}
    incidents: dict[str, set[str]] = {}
    fast: Counter[str] = Counter()
    for c in all_chains:
        if c.last_legal is None or not c.last_legal.holder or c.recovery is None:
            continue
        unit = c.last_legal.holder
        country.setdefault(unit, Counter())[c.last_legal.country or ""] += 1
        incidents.setdefault(unit, set()).add(c.recovery.incident_code)
        fast[unit] += bool(c.time_to_recovery and c.time_to_recovery.trafficking_indicator)
    return [
        {"custodian": unit, "country": (country[unit].most_common(1)[0][0] or None) if unit in country else None,
         "count": n, "incidents": len(incidents.get(unit, ())), "within_3_years": fast[unit]}
        for unit, n in by_unit.items() if unit != UNKNOWN
    ]  # fmt: skip


def _consignment_dicts(
    session: Session, agency_id: int | None, found: Sequence[ConsignmentCluster], all_chains: Sequence[CustodyChain]
) -> list[dict[str, Any]]:
    """The analysis' consignments, with the members' last legal custodian and the document that took them there.

    The document is the one most members' last legal transfer names (for a consignment, the issue or
    shipment to the stockpile it leaked from), else that of the range transfer the analysis grouped by.
    """
    keys = sorted({c.range_record or c.key for c in found if c.basis != "consecutive"})
    documents: dict[str, str | None] = {}
    for i in range(0, len(keys), 500):
        q = select(Transfer.transfer_id, Transfer.document_ref).where(
            Transfer.transfer_id.in_(keys[i : i + 500]), visible(Transfer, agency_id)
        )
        documents.update((tid, doc) for tid, doc in session.execute(q))
    ranges = _ranges(session, agency_id, {c.range_record for c in found if c.range_record})
    last = {c.recovery.recovery_id: c.last_legal for c in all_chains
            if c.recovery is not None and c.last_legal is not None}  # fmt: skip
    out = []
    for c in found:
        events = [last[m.recovery.recovery_id] for m in c.members if m.recovery.recovery_id in last]
        # the custodian and the document that took the weapons to it, from the same transfer: counted apart,
        # the commonest document and the commonest holder can come from two different deliveries
        holders = Counter(e.holder for e in events if e.holder)
        holder = holders.most_common(1)[0][0] if holders else None
        papers = Counter(e.document_ref for e in events if e.document_ref and e.holder == holder)
        paper = papers.most_common(1)[0][0] if papers else None
        out.append({
            **{k: v for k, v in asdict(c).items() if k != "members"}, "size": c.size, "incidents": c.incidents,
            "countries": c.countries,
            "document_ref": paper if holders else documents.get(c.range_record or c.key),
            "custodian": holder,
            "range": ranges.get(c.range_record) if c.range_record else None,
        })  # fmt: skip
    return out


def _ranges(session: Session, agency_id: int | None, records: set[str]) -> dict[str, tuple[str, str]]:
    """The first and last serial of each range record named, for a consignment row to show its range."""
    ordered, out = sorted(records), dict[str, tuple[str, str]]()
    for i in range(0, len(ordered), 500):
        rows = session.execute(
            select(Item.record_id, Item.serial, Item.serial_end).where(
                Item.record_id.in_(ordered[i : i + 500]), Item.serial_end.is_not(None), visible(Item, agency_id)
            )
        )
        out.update((rid, (str(start), str(end))) for rid, start, end in rows)
    return out


def overview_context(session: Session, agency_id: int | None, *, max_gap: int = DEFAULT_GAP) -> dict[str, Any]:
    """Everything the overview report shows: all incidents ``agency_id`` may see, their items, flows, consignments."""
    sources = visible_sources(session, agency_id)
    incs = session.scalars(select(Incident).where(visible(Incident, agency_id)).order_by(Incident.date, Incident.code))
    incidents = [incident_row(i) for i in incs]
    by_id = {i["id"]: i for i in incidents}
    rows = session.scalars(
        select(Recovery).where(Recovery.incident_id.in_(list(by_id) or [-1]), visible(Recovery, agency_id))
    ).all()
    recs = [recovery_row(r) for r in rows]
    all_chains = build_chains(session, agency_id)
    steps = attach_candidates(session, recs, agency_id, sources, all_chains, weigh_candidates=False)
    by_incident: dict[int, list[dict[str, Any]]] = {}
    for r in recs:
        by_incident.setdefault(r["incident_id"], []).append(r)
    for inc in incidents:
        mine = by_incident.get(inc["id"], [])
        inc["recovered"] = len(mine)
        inc["probable"] = sum(1 for r in mine if r.get("best") and r["best"]["probability"] >= PROBABLE)
        inc["with_candidates"] = sum(1 for r in mine if r.get("best"))
    traces = trace_request_rows(session, agency_id, None)
    index = TransferIndex.load(session, agency_id)
    tally = counts(all_chains)
    ttr = ttr_stats(all_chains)
    ctx: dict[str, Any] = {
        "kind": "overview", "incidents": incidents, "recoveries": recs, "counts": report_counts(recs, traces),
        "stockpiles": _stockpiles(all_chains, tally.by_unit), "years": years_summary(recs),
        "flows": flow_dicts(flows(all_chains)),
        "consignments": _consignment_dicts(session, agency_id, consignments(all_chains, max_gap=max_gap,
                                                                            index=index), all_chains),
        "analysis_counts": tally.to_dict(), "time_to_recovery": {**asdict(ttr), "share": ttr.share_within_3_years},
        "registry_shares": [{**asdict(r), "share": r.share} for r in registry_shares(session, agency_id, all_chains)],
        "linked": sum(1 for c in all_chains if c.item is not None),
        "trace_requests": traces, "sources": source_list(sources, None), "agency": agency_row(session, agency_id),
        "generated_at": dt.datetime.now(dt.UTC).replace(microsecond=0),
    }  # fmt: skip
    ctx["synthetic"] = any_synthetic(incidents, recs, traces, ctx["sources"], chain_steps=steps)
    return ctx
