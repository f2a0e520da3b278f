"""The evidence a chain is built from: the recoveries, their registry links and the answers to trace requests."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from armstrace.model import Incident, Item, Match, Recovery, Source, TraceRequest, TraceRequestItem
from armstrace.store import visible
from armstrace.values import MatchStatus

from .chain import LinkedItem, RecoveryRef
from .lookup import basic_norm
from .transfers import in_chunks, same_maker

__all__ = ["PLAUSIBLE", "WITHHELD", "best_links", "linked_item", "load_recoveries", "trace_answers"]

_RECOVERY_COLUMNS = (
    Recovery.id,
    Recovery.recovery_code,
    Recovery.serial_read,
    Recovery.obliterated,
    Recovery.manufacturer,
    Recovery.model,
    Recovery.weapon_type,
    Recovery.country.label("made_in"),
)
_INCIDENT_COLUMNS = (Incident.code, Incident.date, Incident.country, Incident.admin1, Incident.place)


#: the incident code shown for a recovery whose incident the agency may not see
WITHHELD = "(incident withheld)"


def _recovery_ref(row: Any) -> RecoveryRef:
    return RecoveryRef(
        recovery_id=row.id,
        recovery_code=row.recovery_code,
        incident_code=row.code if row.code is not None else WITHHELD,
        incident_date=row.date,
        country=row.country,
        admin1=row.admin1,
        place=row.place,
        serial_read=row.serial_read,
        obliterated=bool(row.obliterated),
        manufacturer=row.manufacturer,
        model=row.model,
        weapon_type=row.weapon_type,
        made_in=row.made_in,
    )


def linked_item(
    item: Item, source: str | None, evidence: str, probability: float | None, matched: str | None
) -> LinkedItem:
    return LinkedItem(
        item_id=item.id,
        record_id=item.record_id,
        source=source,
        serial=item.serial,
        serial_end=item.serial_end,
        manufacturer=item.manufacturer,
        model=item.model,
        weapon_type=item.weapon_type,
        country=item.country,
        year=item.year,
        holder=item.holder,
        holder_country=item.holder_country,
        status=item.status,
        date=item.date,
        evidence=evidence,
        probability=probability,
        matched_serial=matched,
    )


def load_recoveries(session: Session, agency_id: int | None, ids: Sequence[int] | None) -> list[RecoveryRef]:
    query = (
        select(*_RECOVERY_COLUMNS, *_INCIDENT_COLUMNS)
        # a visible recovery of an incident the agency may not see: the incident's columns stay empty
        .outerjoin(Incident, and_(Recovery.incident_id == Incident.id, visible(Incident, agency_id)))
        .where(visible(Recovery, agency_id))
        .order_by(Incident.date, Recovery.id)
    )
    if ids is None:
        return [_recovery_ref(row) for row in session.execute(query)]
    out: list[RecoveryRef] = []
    for chunk in in_chunks(sorted(set(ids))):
        out.extend(_recovery_ref(row) for row in session.execute(query.where(Recovery.id.in_(chunk))))
    return out


#: A candidate below this probability is not followed: the reading is probably not in the registry, and a
#: chain built on it would mostly describe another weapon (in the synthetic benchmark 85% of them did).
PLAUSIBLE = 0.05


def best_links(
    session: Session, agency_id: int | None, recoveries: Sequence[RecoveryRef], use_candidates: bool, all_rows: bool
) -> dict[int, LinkedItem]:
    """recovery id → its registry record: confirmed match, else best plausible candidate, else the exact serial."""
    query = (
        select(Match, Item, Source.name)
        .join(Item, Match.item_id == Item.id)
        .join(Source, Item.source_id == Source.id)
        .where(visible(Match, agency_id), visible(Item, agency_id), Match.status != MatchStatus.REJECTED)
    )
    if not use_candidates:
        query = query.where(Match.status == MatchStatus.CONFIRMED)
    rows: list[Any] = []
    if all_rows:
        rows = list(session.execute(query))
    else:
        for chunk in in_chunks([r.recovery_id for r in recoveries]):
            rows.extend(session.execute(query.where(Match.recovery_id.in_(chunk))))
    best: dict[int, tuple[tuple[Any, ...], LinkedItem]] = {}
    matched = {m.recovery_id for m, _item, _source in rows}
    for m, item, source in rows:
        if m.status != MatchStatus.CONFIRMED and (m.probability or 0.0) < PLAUSIBLE:
            continue
        key = (m.status == MatchStatus.CONFIRMED, m.probability or 0.0, -(m.rank or 0), -m.id)
        if m.recovery_id not in best or key > best[m.recovery_id][0]:
            best[m.recovery_id] = (key, linked_item(item, source, m.status, m.probability, m.matched_serial))
    links = {rid: linked for rid, (_, linked) in best.items()}
    if use_candidates:
        unmatched = [r for r in recoveries if r.recovery_id not in matched]  # the matcher has not seen them
        links.update(_exact_serial_links(session, agency_id, unmatched))
    return links


def _exact_serial_links(
    session: Session, agency_id: int | None, recoveries: Sequence[RecoveryRef]
) -> dict[int, LinkedItem]:
    """Recoveries without any match row whose reading equals exactly one registry serial."""
    wanted: dict[str, list[RecoveryRef]] = defaultdict(list)
    for r in recoveries:
        norm = None if r.obliterated else basic_norm(r.serial_read)
        if norm:
            wanted[norm].append(r)
    found: dict[str, list[tuple[Item, str]]] = defaultdict(list)
    query = select(Item, Source.name).join(Source, Item.source_id == Source.id).where(visible(Item, agency_id))
    for chunk in in_chunks(sorted(wanted)):
        for item, source in session.execute(query.where(Item.serial_norm.in_(chunk), Item.serial_end.is_(None))):
            found[item.serial_norm or ""].append((item, source))
    links: dict[int, LinkedItem] = {}
    for norm, recs in wanted.items():
        for r in recs:
            hits = [(i, s) for i, s in found.get(norm, []) if same_maker(i.manufacturer, r.manufacturer)]
            if len(hits) == 1:
                links[r.recovery_id] = linked_item(hits[0][0], hits[0][1], "exact_serial", None, None)
    return links


def trace_answers(
    session: Session, agency_id: int | None, recovery_ids: Sequence[int]
) -> dict[int, list[tuple[str, dict[str, Any]]]]:
    """recovery id → [(trace reference, the answer for that item)] from answered trace requests."""
    out: dict[int, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    query = (
        select(TraceRequestItem, TraceRequest)
        .join(TraceRequest, TraceRequestItem.trace_request_id == TraceRequest.id)
        .where(TraceRequest.answer.is_not(None), TraceRequestItem.recovery_id.is_not(None))
    )
    if agency_id is not None:
        query = query.where(or_(visible(TraceRequest, agency_id), TraceRequest.recipient_agency_id == agency_id))
    for chunk in in_chunks(sorted(set(recovery_ids))):
        for tri, req in session.execute(query.where(TraceRequestItem.recovery_id.in_(chunk))):
            key = (tri.description or {}).get("key")
            for entry in (req.answer or {}).get("items", []):
                if entry.get("item") in (key, None) and tri.recovery_id is not None:
                    out[tri.recovery_id].append((req.reference, entry))
    return out
