"""Chains of custody: who held a weapon, from its maker to the place it was recovered, and where it left legal hands.

A chain is built from evidence, never from guesses that are not labelled as such:

* the registry record the recovery is linked to — a *confirmed* match first, else the best *candidate*
  of probability ``PLAUSIBLE`` (0.05) or more (labelled so), else, for a recovery the matcher has not seen,
  the one registry record with exactly the serial as read (``exact_serial``);
* the transfers of that record, found by ``record_id``, by serial, or by a serial range that contains it;
* the answers to trace requests about the recovery (a state's official answer outranks our transfer rows);
* the recovery itself.

The **last legal custodian** is the receiver of the last legal transfer (or the registry's holder, or the
trace answer's custodian) before the first illicit event; the **diversion point** is the step from that
custodian to the first illicit event (an illicit transfer, a reported loss or theft, or, when nothing else is
documented, the recovery). **Time to recovery** is the time from the last legal transfer to the recovery —
ATF's *time-to-crime*; three years or less is read as an indicator of trafficking.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from armstrace.model import Item, Match, Source, Transfer
from armstrace.store import visible
from armstrace.values import MatchStatus

from .chain import (
    TRAFFICKING_DAYS,
    CustodyChain,
    CustodyEvent,
    DiversionPoint,
    LinkedItem,
    RecoveryRef,
    TimeToRecovery,
    time_to_recovery,
)
from .evidence import best_links, linked_item, load_recoveries, trace_answers
from .ranges import fit_in_range
from .transfers import TransferIndex

__all__ = [
    "TRAFFICKING_DAYS",
    "CustodyChain",
    "CustodyEvent",
    "DiversionPoint",
    "LinkedItem",
    "RecoveryRef",
    "TimeToRecovery",
    "TransferIndex",
    "build_chains",
    "place_in_range",
    "time_to_recovery",
]

_ILLICIT_STATUSES = {"lost", "stolen"}


def build_chains(
    session: Session,
    agency_id: int | None,
    *,
    recovery_ids: Sequence[int] | None = None,
    item_ids: Sequence[int] | None = None,
    use_candidates: bool = True,
    serial: str | None = None,
) -> list[CustodyChain]:
    """Chains for the given recoveries (or every visible recovery), or for the given registry items.

    ``serial`` (with ``item_ids``) names one weapon inside range records: its chain, not the consignment's.
    One code path serves one chain and a whole archive: the transfers are loaded once into an index.
    """
    if item_ids is not None:
        return _item_chains(session, agency_id, item_ids, use_candidates, serial)
    recoveries = load_recoveries(session, agency_id, recovery_ids)
    links = best_links(session, agency_id, recoveries, use_candidates, all_rows=recovery_ids is None)
    for r in recoveries:  # inside a range record, the weapon is the one whose serial was read
        link = links.get(r.recovery_id)
        if link is not None and link.serial_end:
            place_in_range(link, link.matched_serial or r.serial_read)
    index = TransferIndex.load(session, agency_id, None if recovery_ids is None else list(links.values()))
    answers = trace_answers(session, agency_id, [r.recovery_id for r in recoveries])
    return [assemble(r, links.get(r.recovery_id), index, answers.get(r.recovery_id, []), [r]) for r in recoveries]


def place_in_range(item: LinkedItem, reading: str | None) -> None:
    """Which weapon of range record ``item`` the reading names (``matched_serial`` when only one fits)."""
    fit = fit_in_range(reading, item.serial, item.serial_end)
    item.matched_serial = fit.serial
    item.in_range, item.in_range_first, item.in_range_last = fit.count, fit.first, fit.last


def _item_chains(
    session: Session, agency_id: int | None, item_ids: Sequence[int], use_candidates: bool, serial: str | None
) -> list[CustodyChain]:
    query = select(Item, Source.name).join(Source, Item.source_id == Source.id).where(visible(Item, agency_id))
    rows = session.execute(query.where(Item.id.in_(list(item_ids))))
    items = [linked_item(i, s, "subject", None, None) for i, s in rows]
    for item in items:
        if serial and item.serial_end:
            place_in_range(item, serial)
    statuses = [MatchStatus.CONFIRMED, MatchStatus.CANDIDATE] if use_candidates else [MatchStatus.CONFIRMED]
    match_rows = session.execute(
        select(Match.item_id, Match.recovery_id).where(
            visible(Match, agency_id), Match.item_id.in_(list(item_ids)), Match.status.in_(statuses)
        )
    ).all()
    recs = {r.recovery_id: r for r in load_recoveries(session, agency_id, [m.recovery_id for m in match_rows])}
    # a recovery counts for this item only when this item is its best link
    links = best_links(session, agency_id, list(recs.values()), use_candidates, all_rows=False)
    by_item: dict[int, list[RecoveryRef]] = defaultdict(list)
    placed = {i.item_id: i.matched_serial for i in items if i.serial_end and i.matched_serial}
    for item_id, rid in match_rows:
        if rid in recs and links.get(rid) is not None and links[rid].item_id == item_id:
            if item_id in placed:  # one weapon of a range: the recoveries whose reading names it
                place_in_range(links[rid], links[rid].matched_serial or recs[rid].serial_read)
                if links[rid].matched_serial != placed[item_id]:
                    continue
            by_item[item_id].append(recs[rid])
    index = TransferIndex.load(session, agency_id, items)
    answers = trace_answers(session, agency_id, list(recs))
    chains = []
    for item in items:
        found = sorted(by_item.get(item.item_id, []), key=lambda r: (r.incident_date or dt.date.max, r.recovery_id))
        traced = [a for r in found for a in answers.get(r.recovery_id, [])]
        chains.append(assemble(None, item, index, traced, found))
    return chains


def _registry_event(item: LinkedItem) -> CustodyEvent | None:
    status = (item.status or "").lower()
    if status in _ILLICIT_STATUSES:
        return CustodyEvent(
            f"reported_{status}",
            None,
            None,
            None,
            False,
            from_holder=item.holder,
            from_country=item.holder_country,
            reference=item.record_id,
            note=f"registry status {status}",
        )
    if not item.holder and not item.date and not status:
        return None
    return CustodyEvent(
        "registry",
        None,
        item.holder,
        item.holder_country,
        True,
        reference=item.record_id,
        # a registry row without its holder (SIGAR found 43% incomplete) still dates legal custody
        note=f"registry holder ({status or 'status unknown'})"
        if item.holder
        else f"in the registry ({status or 'status unknown'}); holder not recorded",
    )


def assemble(
    recovery: RecoveryRef | None,
    item: LinkedItem | None,
    index: TransferIndex,
    answers: Sequence[tuple[str, dict[str, Any]]],
    recoveries: Sequence[RecoveryRef],
) -> CustodyChain:
    """Order the evidence into a chain and find the last legal custodian and the diversion point."""
    chain = CustodyChain(recovery=recovery, item=item, recoveries=list(recoveries))
    dated: list[CustodyEvent] = []
    if item is not None:
        chain.events.append(
            CustodyEvent(
                "manufacture",
                None,
                item.manufacturer,
                item.country,
                True,
                reference=item.record_id,
                note=f"made {item.year}" if item.year else None,
            )
        )
        transfers = index.for_item(item)
        for t in transfers:
            dated.append(
                CustodyEvent(
                    "transfer" if t.legal else "illicit_transfer",
                    t.date,
                    t.to_holder,
                    t.to_country,
                    bool(t.legal),
                    from_holder=t.from_holder,
                    from_country=t.from_country,
                    reference=t.transfer_id,
                    document_ref=t.document_ref,
                )
            )
        reg = _registry_event(item)
        if reg is not None and (reg.holder or not reg.legal or not transfers):  # no holder: only if nothing else
            reg.date = item.date if not reg.legal else (_registry_date(item, transfers) or item.date)
            dated.append(reg)
    answer_custodian: CustodyEvent | None = None
    for reference, entry in answers:
        chain.trace_references.append(reference)
        for step in entry.get("custody_chain") or []:
            dated.append(_answer_event(step, reference))
        if entry.get("last_legal_custodian"):
            answer_custodian = _answer_event(entry["last_legal_custodian"], reference)
    dated.sort(key=_event_order)
    chain.events.extend(dated)
    for r in recoveries:
        chain.events.append(
            CustodyEvent(
                "recovery",
                r.incident_date,
                None,
                r.country,
                False,
                reference=r.label,
                note=", ".join(p for p in (r.place, r.admin1) if p) or None,
            )
        )
    _find_diversion(chain, answer_custodian)
    return chain


def _event_order(e: CustodyEvent) -> tuple[dt.date, int]:
    """By date; an undated registry state (holder now, loss) comes after the dated transfers."""
    undated = dt.date.max if e.kind == "registry" or e.kind.startswith("reported_") else dt.date.min
    return (e.date or undated, 0 if e.legal else 1)


def _registry_date(item: LinkedItem, transfers: Sequence[Transfer]) -> dt.date | None:
    """The date the registry's holder received the item: the transfer to that holder, if one is on record."""
    for t in reversed(transfers):
        if t.legal and t.to_holder == item.holder:
            return t.date
    return None


def _answer_event(step: dict[str, Any], reference: str) -> CustodyEvent:
    date = step.get("date")
    return CustodyEvent(
        "trace_answer",
        dt.date.fromisoformat(date) if isinstance(date, str) and date else None,
        step.get("holder"),
        step.get("country"),
        bool(step.get("legal", True)),
        reference=reference,
        document_ref=step.get("document_ref"),
        note=step.get("note"),
    )


def _find_diversion(chain: CustodyChain, answer_custodian: CustodyEvent | None) -> None:
    events = chain.events
    first_at = next((i for i, e in enumerate(events) if not e.legal), None)
    first = events[first_at] if first_at is not None else None
    legal = [e for e in (events if first_at is None else events[:first_at]) if e.legal]
    last: CustodyEvent | None = None
    if answer_custodian is not None:
        last, chain.last_legal_basis = answer_custodian, "trace_answer"
    elif first is not None and first.from_holder:
        # whoever gave the weapon away illicitly (or lost it) held it legally last, by definition
        to_them = [e for e in legal if e.holder == first.from_holder]
        received = [e for e in to_them if e.kind in ("transfer", "trace_answer")]
        if received:
            last, chain.last_legal_basis = received[-1], "transfer"
        elif to_them and to_them[-1].date is not None:
            last, chain.last_legal_basis = to_them[-1], _basis(to_them[-1])
        else:  # receipt not on record: legal custody is known until the illicit step itself
            note = "held until the illicit step; date of receipt not on record"
            last = CustodyEvent("registry", first.date, first.from_holder, first.from_country, True, note=note)
            chain.last_legal_basis = "illicit_transfer" if first.kind == "illicit_transfer" else "registry"
    elif legal:
        last = legal[-1]
        if last.kind == "registry":
            same = [e for e in legal if e.kind in ("transfer", "trace_answer") and e.holder == last.holder]
            last = same[-1] if same else last
        elif last.kind == "manufacture" and first is not None and first.kind.startswith("reported_"):
            # lost or stolen from a holder the registry does not name: someone after the maker held it until then
            note = "held until the reported loss or theft; holder not recorded"
            last = CustodyEvent("registry", first.date, None, None, True, reference=first.reference, note=note)
        chain.last_legal_basis = _basis(last)
    chain.last_legal = last
    if last is None:
        return
    after = [e for e in events if not e.legal and (e.date is None or last.date is None or e.date >= last.date)]
    if after:
        chain.diversion = DiversionPoint(last.holder, last.country, last.date, after[0], after[0].kind != "recovery")
    dates = [r.incident_date for r in chain.recoveries if r.incident_date]
    chain.time_to_recovery = time_to_recovery(last.date, min(dates) if dates else None)


def _basis(event: CustodyEvent) -> str:
    return {"registry": "registry", "manufacture": "manufacture"}.get(event.kind, "transfer")
