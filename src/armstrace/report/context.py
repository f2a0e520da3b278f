"""What a report says, gathered from the workspace into plain dicts, with visibility applied.

Every query goes through ``visible(Model, agency_id)``, so a report never shows, counts or uses a
record the agency may not see. The dicts carry no ORM objects: templates, charts and maps read them,
and tests can assert on them. Custody reasoning (chains, last legal custodian, time to recovery) comes
from :mod:`armstrace.report.custody`, the seam to the analysis service.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from armstrace.analysis import PLAUSIBLE, CustodyChain, Flow, flows
from armstrace.exceptions import InputError, NotFoundError
from armstrace.explosives import components_of_incident
from armstrace.model import Agency, Incident, Item, Match, Recovery, Source, TraceRequest, TraceRequestItem, Transfer
from armstrace.reference.states import country_at
from armstrace.store import visible
from armstrace.values import TraceStatus

from .custody import custody_by_recovery, custody_path, item_custodians, recovery_chains
from .evidence import evidence_columns, evidence_rows, tie_group
from .photos import photo_annex

UNKNOWN = "unknown"  # what the analysis writes for a country or custodian it does not know

__all__ = [
    "PLAUSIBLE",
    "PROBABLE",
    "UNKNOWN",
    "agency_row",
    "any_synthetic",
    "attach_candidates",
    "flow_dicts",
    "flow_legs",
    "incident_context",
    "incident_row",
    "recovery_row",
    "report_counts",
    "source_list",
    "trace_request_rows",
    "visible_sources",
    "years_summary",
]

PROBABLE = 0.9  # a best candidate at or above this is reported as a probable match
# PLAUSIBLE (analysis): a best candidate below it is listed, not discussed or followed: the reading is probably
# not in the registry
MAX_CANDIDATES = 5  # candidates read (and weighed) per recovered item; the report shows the top three
OPEN_TRACE = (TraceStatus.SENT, TraceStatus.ACKNOWLEDGED)


def _natural(text: str) -> list[Any]:
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text or "")]


def incident_row(inc: Incident) -> dict[str, Any]:
    return {
        "id": inc.id, "code": inc.code, "date": inc.date, "country": inc.country, "admin1": inc.admin1,
        "admin2": inc.admin2, "place": inc.place, "latitude": inc.latitude, "longitude": inc.longitude,
        "kind": inc.kind, "title": inc.title, "description": inc.description, "synthetic": bool(inc.synthetic),
    }  # fmt: skip


_ITEM_FIELDS = ("id", "record_id", "serial", "serial_end", "manufacturer", "model", "calibre", "weapon_type",
                "country", "year", "nsn", "status", "holder", "holder_country", "date")  # fmt: skip
_MATCH_FIELDS = ("id", "recovery_id", "rank", "probability", "status", "matched_serial", "reviewed_by", "reviewed_at",
                 "review_note")  # fmt: skip


def _item_dict(it: Any, sources: dict[int, str]) -> dict[str, Any]:
    """A registry item (an Item or a row with its columns) as the report shows it."""
    return {**{f: getattr(it, f) for f in _ITEM_FIELDS}, "source": sources.get(it.source_id),
            "synthetic": bool(it.synthetic)}  # fmt: skip


def recovery_row(r: Recovery) -> dict[str, Any]:
    ident = r.identification or {}
    return {
        "id": r.id, "code": r.recovery_code, "incident_id": r.incident_id, "serial_read": r.serial_read,
        "obliterated": bool(r.obliterated), "manufacturer": r.manufacturer, "model": r.model,
        "calibre": r.calibre, "weapon_type": r.weapon_type or ident.get("weapon_type"),
        "country": r.country or ident.get("country"), "year": r.year, "markings": r.markings,
        "importer": r.importer, "condition": r.condition, "identification": ident,
        "synthetic": bool(r.synthetic), "candidates": [],
    }  # fmt: skip


def _find_incident(session: Session, code: str, agency_id: int | None) -> Incident:
    rows = session.scalars(select(Incident).where(Incident.code == code, visible(Incident, agency_id))).all()
    if not rows and code.isdigit():
        rows = session.scalars(select(Incident).where(Incident.id == int(code), visible(Incident, agency_id))).all()
    if not rows:
        raise NotFoundError(f"no incident {code!r} that this agency may see: list them with `armstrace incident list`")
    own = [r for r in rows if r.agency_id == agency_id]
    if len(own) == 1:
        return own[0]
    if len(rows) > 1:
        owners = session.scalars(select(Agency.code).where(Agency.id.in_([r.agency_id for r in rows]))).all()
        raise InputError(
            f"incident code {code!r} is used by several agencies ({', '.join(owners)}): act as one of them"
        )
    return rows[0]


def visible_sources(session: Session, agency_id: int | None) -> dict[int, Source]:
    return {s.id: s for s in session.scalars(select(Source).where(visible(Source, agency_id)))}


def _load_candidates(session: Session, recs: list[dict[str, Any]], agency_id: int | None,
                     sources: dict[int, Source], *, explain: bool = True) -> set[int]:  # fmt: skip
    """Each recovered item's best MAX_CANDIDATES candidates, read from the Match rows it may see.

    Columns, not ORM objects: an archive has tens of thousands of candidates, and building an object
    for each cost more than the rest of the overview. ``explain`` also reads the matcher's explanations.
    Returns the registry item ids read.
    """
    by_id = {r["id"]: r for r in recs}
    names = {i: s.name for i, s in sources.items()}
    items: set[int] = set()
    ids = list(by_id)
    match_cols = [getattr(Match, f).label(f"m_{f}") for f in _MATCH_FIELDS]
    if explain:
        match_cols.append(Match.explanation.label("m_explanation"))
    item_cols = [getattr(Item, f) for f in (*_ITEM_FIELDS, "source_id", "synthetic")]
    for i in range(0, len(ids), 500):
        rows = session.execute(
            select(*match_cols, *item_cols)
            .join(Item, Item.id == Match.item_id)
            .where(Match.recovery_id.in_(ids[i : i + 500]), visible(Match, agency_id), visible(Item, agency_id))
            .order_by(Match.recovery_id, Match.probability.desc(), Match.rank)
        ).all()
        for row in rows:
            rec = by_id[row.m_recovery_id]
            if len(rec["candidates"]) >= MAX_CANDIDATES:
                continue
            items.add(row.id)
            rec["candidates"].append({
                "match_id": row.m_id, "rank": row.m_rank, "probability": float(row.m_probability),
                "status": row.m_status,
                "matched_serial": row.m_matched_serial or (f"{row.serial}–{row.serial_end}" if row.serial_end
                                                           else row.serial),
                "item": _item_dict(row, names), "evidence": None,  # read for the followed candidate only
                "explanation": (row.m_explanation or {}) if explain else {}, "reviewed_by": row.m_reviewed_by,
                "reviewed_at": row.m_reviewed_at, "review_note": row.m_review_note,
            })  # fmt: skip
    return items


def attach_candidates(
    session: Session,
    recs: list[dict[str, Any]],
    agency_id: int | None,
    sources: dict[int, Source],
    chains: Sequence[CustodyChain],
    *,
    weigh_candidates: bool = True,
) -> list[dict[str, Any]]:
    """Candidates, custody and diversion for each recovered item; returns the chain steps shown.

    Custody comes from the analysis ``chains`` (the report follows the candidate the analysis linked).
    ``weigh_candidates`` also reads the custodian of every other live candidate, for the expected
    source stockpiles, and the evidence of the followed one; the overview, which shows neither, leaves
    both out (one chain per candidate is too dear across an archive).
    """
    items = _load_candidates(session, recs, agency_id, sources, explain=weigh_candidates)
    custody = custody_by_recovery(chains)
    custodians = item_custodians(session, list(items), agency_id) if weigh_candidates else {}
    for rec in recs:
        live = [c for c in rec["candidates"] if c["status"] != "rejected"]
        got = custody.get(rec["id"]) or {}
        for c in live:
            is_followed = c["item"]["id"] == got.get("item_id")
            followed = (got.get("diversion") or {}) if is_followed else {}
            # the followed candidate's own chain first: inside a range record it knows which weapon it is
            holder: tuple[str, str | None] | None
            if followed.get("custodian"):
                holder = (followed["custodian"], followed["custodian_country"])
            else:
                holder = custodians.get(c["item"]["id"])
            if is_followed and got.get("in_range"):
                c["matched_serial"] = got["in_range"]
            c["custodian"] = {"custodian": holder[0], "custodian_country": holder[1]} if holder else None
        linked = [c for c in live if c["item"]["id"] == got.get("item_id")]
        confirmed = [c for c in live if c["status"] == "confirmed"]
        best = linked[0] if linked else (confirmed[0] if confirmed else (live[0] if live else None))
        rec["best"] = best
        rec["plausible"] = best is not None and (best["status"] == "confirmed" or best["probability"] >= PLAUSIBLE)
        rec["tie"] = tie_group(live) if not confirmed else []
        rec["link"] = got.get("link")
        rec["chain"] = got.get("steps", []) if best else []
        rec["path"] = custody_path(rec["chain"])
        rec["diversion"] = got.get("diversion") if best else None
        rec["basis"] = got.get("basis")
        rec["years_to_recovery"] = got.get("years_to_recovery") if best else None
        rec["trafficking_indicator"] = got.get("trafficking_indicator", False)
        if best is not None and weigh_candidates:
            best["evidence"] = evidence_rows(best["explanation"])
        rec["evidence"] = evidence_columns(best["evidence"]) if best and best["evidence"] is not None else None
        if best is not None:
            rec["country"] = rec["country"] or best["item"]["country"]
            rec["weapon_type"] = rec["weapon_type"] or best["item"]["weapon_type"]
        # the state the item was made in, by its year: an Izhevsk AKM of 1980 counts as Soviet, not Russian
        year = rec["year"] or rec["identification"].get("year") or (best["item"].get("year") if best else None)
        rec["country"] = country_at(rec["country"], year)
    return [s for rec in recs for s in rec["chain"]]


def _stockpiles(recs: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Last legal custodians ranked by the expected number of recovered items they lost.

    Each live candidate adds its probability to its custodian (so a tie between consecutive serials of
    one consignment still points at one stockpile); ``items`` counts best candidates only.
    """
    expected: dict[tuple[str, str | None], float] = defaultdict(float)
    top: Counter[tuple[str, str | None]] = Counter()
    for rec in recs:
        for c in rec["candidates"]:
            d = c.get("custodian") or {}
            if c["status"] == "rejected" or not d.get("custodian"):
                continue
            expected[(d["custodian"], d["custodian_country"])] += c["probability"]
        d = rec.get("diversion") or {}
        if d.get("custodian"):
            top[(d["custodian"], d["custodian_country"])] += 1
    ranked = sorted(expected, key=lambda k: (-expected[k], -top[k], k[0]))
    return [{"custodian": k[0], "country": k[1], "expected": round(expected[k], 2), "count": top[k]} for k in ranked]


def trace_request_rows(
    session: Session, agency_id: int | None, recovery_ids: Sequence[int] | None
) -> list[dict[str, Any]]:
    q = select(TraceRequest).where(visible(TraceRequest, agency_id)).order_by(TraceRequest.created_at)
    if recovery_ids is not None:
        q = q.where(TraceRequest.id.in_(
            select(TraceRequestItem.trace_request_id).where(TraceRequestItem.recovery_id.in_(list(recovery_ids)))
        ))  # fmt: skip
    today = dt.date.today()
    out = []
    for tr in session.scalars(q):
        overdue = tr.status in OPEN_TRACE and tr.due_date is not None and tr.due_date < today
        out.append({
            "reference": tr.reference, "recipient": tr.recipient_name, "recipient_country": tr.recipient_country,
            "status": "overdue" if overdue else tr.status, "priority": tr.priority, "n_items": len(tr.items),
            "created_at": tr.created_at, "sent_at": tr.sent_at, "due_date": tr.due_date,
            "answered_at": tr.answered_at, "synthetic": bool(tr.synthetic), "answer": _answer_summary(tr.answer),
        })  # fmt: skip
    return out


def _answer_summary(answer: dict[str, Any] | None) -> dict[str, Any] | None:
    """What an answer says, in counts: items with a custody chain, with a last legal custodian, not found."""
    if not answer:
        return None
    entries = [e for e in answer.get("items") or [] if isinstance(e, dict)]
    by = answer.get("answered_by") or {}
    return {
        "by": by.get("name") or by.get("agency"),
        "with_chain": sum(1 for e in entries if e.get("custody_chain")),
        "with_custodian": sum(1 for e in entries if e.get("last_legal_custodian")),
        "not_found": sum(1 for e in entries if e.get("found") is False),
        "text": answer.get("text"),
    }


def source_list(sources: dict[int, Source], used: set[int] | None) -> list[dict[str, Any]]:
    chosen = [s for i, s in sources.items() if used is None or i in used]
    return [
        {"name": s.name, "kind": s.kind, "provenance": s.provenance, "created_at": s.created_at,
         "synthetic": bool(s.synthetic)}
        for s in sorted(chosen, key=lambda s: (s.kind, s.name))
    ]  # fmt: skip


def years_summary(recs: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    """Time to recovery over the items with a custody chain; a negative time (recovered before the last
    legal transfer) is a data error, counted apart as the analysis does, not averaged in."""
    known = [r["years_to_recovery"] for r in recs if r.get("years_to_recovery") is not None]
    years = [y for y in known if y >= 0]
    if not years:
        return None
    return {"n": len(years), "median": round(statistics.median(years), 1), "min": min(years), "max": max(years),
            "under_3": sum(1 for y in years if y <= 3), "inconsistent": len(known) - len(years)}  # fmt: skip


def report_counts(recs: Sequence[dict[str, Any]], traces: Sequence[dict[str, Any]]) -> dict[str, Any]:
    cands = [c for r in recs for c in r["candidates"]]
    by_status = Counter(t["status"] for t in traces)
    return {
        "recovered": len(recs),
        "obliterated": sum(1 for r in recs if r["obliterated"]),
        "with_candidates": sum(1 for r in recs if r.get("best")),
        "plausible": sum(1 for r in recs if r.get("plausible")),
        "probable": sum(1 for r in recs if r.get("best") and r["best"]["probability"] >= PROBABLE and not r["tie"]),
        "tied": sum(1 for r in recs if r.get("tie")),
        "confirmed": sum(1 for c in cands if c["status"] == "confirmed"),
        "rejected": sum(1 for c in cands if c["status"] == "rejected"),
        "candidates": len(cands),
        "trace_requests": len(traces),
        "trace_answered": by_status.get("answered", 0) + by_status.get("closed", 0),
        "trace_overdue": by_status.get("overdue", 0),
        "trace_open": sum(by_status.get(s, 0) for s in OPEN_TRACE),
    }


def agency_row(session: Session, agency_id: int | None) -> dict[str, Any]:
    agency = session.get(Agency, agency_id) if agency_id is not None else None
    if agency is None:
        return {"code": "ALL", "name": "All agencies (server administrator)", "country": None}
    return {"code": agency.code, "name": agency.name, "country": agency.country}


def any_synthetic(*groups: Sequence[dict[str, Any]], chain_steps: Sequence[dict[str, Any]] = ()) -> bool:
    return (
        any(x.get("synthetic") for g in groups for x in g)
        or any(s.get("synthetic") for s in chain_steps)
        or any(c["item"]["synthetic"] for g in groups for x in g for c in x.get("candidates", []))
    )


def incident_context(session: Session, incident_code: str, agency_id: int | None) -> dict[str, Any]:
    """Everything the incident report shows, for the incident ``incident_code`` as ``agency_id`` sees it."""
    inc = _find_incident(session, incident_code, agency_id)
    sources = visible_sources(session, agency_id)
    rows = session.scalars(select(Recovery).where(Recovery.incident_id == inc.id, visible(Recovery, agency_id))).all()
    recs = sorted((recovery_row(r) for r in rows), key=lambda r: _natural(r["code"]))
    chains = recovery_chains(session, [r["id"] for r in recs], agency_id)
    steps = attach_candidates(session, recs, agency_id, sources, chains)
    traces = trace_request_rows(session, agency_id, [r["id"] for r in recs])
    used = (
        {r.source_id for r in rows if r.source_id}
        | _item_sources(session, recs)
        | _transfer_sources(session, steps, agency_id)
    )
    incident = incident_row(inc)
    ctx: dict[str, Any] = {
        "kind": "incident", "incident": incident, "incidents": [incident], "recoveries": recs,
        "counts": report_counts(recs, traces), "stockpiles": _stockpiles(recs), "years": years_summary(recs),
        "trace_requests": traces, "sources": source_list(sources, used), "agency": agency_row(session, agency_id),
        "flows": flow_dicts(flows(chains)),
        "generated_at": dt.datetime.now(dt.UTC).replace(microsecond=0),
    }  # fmt: skip
    ctx["photos"] = photo_annex(session, incident, recs)
    ctx["explosives"] = components_of_incident(session, inc.id, agency_id)
    ctx["synthetic"] = any_synthetic([incident], recs, traces, ctx["sources"], chain_steps=steps)
    return ctx


def _item_sources(session: Session, recs: Sequence[dict[str, Any]]) -> set[int]:
    ids = [c["item"]["id"] for r in recs for c in r["candidates"]]
    if not ids:
        return set()
    return set(session.scalars(select(Item.source_id).where(Item.id.in_(ids[:1000]))).all())


def _transfer_sources(session: Session, steps: Sequence[dict[str, Any]], agency_id: int | None) -> set[int]:
    ids = list({s["transfer_id"] for s in steps if s.get("transfer_id")})[:1000]
    if not ids:
        return set()
    q = select(Transfer.source_id).where(Transfer.transfer_id.in_(ids), visible(Transfer, agency_id))
    return set(session.scalars(q).all())


def flow_dicts(found: Sequence[Flow]) -> list[dict[str, Any]]:
    """The analysis flows (origin → last legal custodian → place of recovery) as plain dicts."""
    return [asdict(f) for f in found]


def flow_legs(found: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Country-to-country legs for the flow map, from the analysis flows.

    Each flow gives a legal leg (country of manufacture → country of the last legal custodian) and an
    illicit one (that country → the country of recovery), counted in recovered items; unknown or
    same-country ends draw nothing.
    """
    legs: Counter[tuple[str, str, bool]] = Counter()
    for f in found:
        origin, held, found_in = (None if v == UNKNOWN else v for v in
                                  (f["origin"], f["recipient_country"], f["recovery_country"]))  # fmt: skip
        if origin and held and origin != held:
            legs[(origin, held, True)] += f["count"]
        if held and found_in and held != found_in:
            legs[(held, found_in, False)] += f["count"]
    return [{"from": a, "to": b, "legal": legal, "count": n} for (a, b, legal), n in legs.most_common()]
