"""Chains of custody: who held a weapon, from its maker to the place it was recovered, and where it left legal hands.

A chain is built from evidence, never from guesses that are not labelled as such:

* the registry record the recovery is linked to — a *confirmed* match first, else the best *candidate*
  (labelled so), else the one registry record with exactly the serial as read (``exact_serial``);
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

import bisect
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from armstrace.model import Incident, Item, Match, Recovery, Source, TraceRequest, TraceRequestItem, Transfer
from armstrace.store import visible

from .lookup import SerialParts, basic_norm, split_serial

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
    "time_to_recovery",
]

TRAFFICKING_DAYS = round(3 * 365.25)  # ATF: a time-to-crime of three years or less indicates trafficking
_CHUNK = 500
_ILLICIT_STATUSES = {"lost", "stolen"}


@dataclass
class CustodyEvent:
    """One step of a chain: ``from_holder`` → ``holder`` on ``date``; ``legal`` False for an illicit step."""

    # manufacture, transfer, illicit_transfer, registry, reported_lost, reported_stolen, trace_answer, recovery
    kind: str
    date: dt.date | None
    holder: str | None
    country: str | None
    legal: bool
    from_holder: str | None = None
    from_country: str | None = None
    reference: str | None = None  # transfer_id, trace reference, INCIDENT/RECOVERY
    document_ref: str | None = None
    note: str | None = None


@dataclass
class LinkedItem:
    """The registry record a chain rests on, and how strongly it is linked to the recovery."""

    item_id: int
    record_id: str
    source: str | None
    serial: str | None
    serial_end: str | None
    manufacturer: str | None
    model: str | None
    weapon_type: str | None
    country: str | None
    year: int | None
    holder: str | None
    holder_country: str | None
    status: str | None
    date: dt.date | None
    evidence: str  # confirmed, candidate, exact_serial, subject (the chain was asked for this item)
    probability: float | None = None
    matched_serial: str | None = None


@dataclass
class RecoveryRef:
    recovery_id: int
    recovery_code: str
    incident_code: str
    incident_date: dt.date | None
    country: str | None  # where it was recovered (the incident's country)
    admin1: str | None
    place: str | None
    serial_read: str | None
    obliterated: bool
    manufacturer: str | None
    model: str | None
    weapon_type: str | None
    made_in: str | None = None  # country of manufacture as read from the item

    @property
    def label(self) -> str:
        return f"{self.incident_code}/{self.recovery_code}"


@dataclass
class DiversionPoint:
    """Where the weapon left legal hands: the last legal custodian and the first illicit event after it."""

    holder: str | None
    country: str | None
    date: dt.date | None  # when the last legal custodian received it
    first_illicit: CustodyEvent
    documented: bool  # an illicit transfer, loss or theft is on record (else only the recovery shows it)


@dataclass
class TimeToRecovery:
    days: int

    @property
    def years(self) -> float:
        return round(self.days / 365.25, 2)

    @property
    def trafficking_indicator(self) -> bool:
        return 0 <= self.days <= TRAFFICKING_DAYS


@dataclass
class CustodyChain:
    """Everything known about how one recovered weapon (or one registry item) travelled."""

    recovery: RecoveryRef | None
    item: LinkedItem | None
    events: list[CustodyEvent] = field(default_factory=list)
    last_legal: CustodyEvent | None = None
    last_legal_basis: str | None = None  # trace_answer, transfer, registry, manufacture
    diversion: DiversionPoint | None = None
    time_to_recovery: TimeToRecovery | None = None
    recoveries: list[RecoveryRef] = field(default_factory=list)  # for an item: the recoveries linked to it
    trace_references: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        if self.time_to_recovery is not None:
            data["time_to_recovery"] = {
                "days": self.time_to_recovery.days,
                "years": self.time_to_recovery.years,
                "trafficking_indicator": self.time_to_recovery.trafficking_indicator,
            }
        return data


def time_to_recovery(last_legal_date: dt.date | None, recovery_date: dt.date | None) -> TimeToRecovery | None:
    """Days from the last legal transfer to the recovery (ATF's time-to-crime), when both dates are known."""
    if last_legal_date is None or recovery_date is None:
        return None
    return TimeToRecovery((recovery_date - last_legal_date).days)


# --- transfers -------------------------------------------------------------------------------------------


class TransferIndex:
    """Transfers reachable by record_id, by serial, or by a serial range, loaded once per analysis."""

    def __init__(self, transfers: Iterable[Transfer]) -> None:
        self.by_record: dict[str, list[Transfer]] = defaultdict(list)
        self.by_serial: dict[str, list[Transfer]] = defaultdict(list)
        self.ranges: dict[tuple[str, int, str], list[tuple[int, int, Transfer]]] = defaultdict(list)
        for t in transfers:
            if t.record_id:
                self.by_record[t.record_id].append(t)
            start = t.serial_norm or basic_norm(t.serial)
            if t.serial_end:
                lo, hi = split_serial(start), split_serial(basic_norm(t.serial_end))
                if lo and hi and lo.key == hi.key:
                    self.ranges[lo.key].append((lo.number, hi.number, t))
            elif start:
                self.by_serial[start].append(t)
        # ranges sorted by first number, with the widest span per key: a lookup bisects instead of scanning
        self._starts: dict[tuple[str, int, str], list[int]] = {}
        self._span: dict[tuple[str, int, str], int] = {}
        for key, rows in self.ranges.items():
            rows.sort(key=lambda r: (r[0], r[1], r[2].id))
            self._starts[key] = [r[0] for r in rows]
            self._span[key] = max(r[1] - r[0] for r in rows)

    def _containing(self, parts: SerialParts) -> list[tuple[int, int, Transfer]]:
        rows = self.ranges.get(parts.key)
        if not rows:
            return []
        starts = self._starts[parts.key]
        first = bisect.bisect_left(starts, parts.number - self._span[parts.key])
        last = bisect.bisect_right(starts, parts.number)
        return [r for r in rows[first:last] if r[0] <= parts.number <= r[1]]

    @classmethod
    def load(cls, session: Session, agency_id: int | None, items: Sequence[LinkedItem] | None = None) -> TransferIndex:
        """All visible transfers, or (``items`` given) only those that can concern these items."""
        query = select(Transfer).where(visible(Transfer, agency_id))
        if items is None:
            return cls(session.scalars(query))
        records = sorted({i.record_id for i in items})
        serials = sorted({s for i in items for s in (_item_serial(i),) if s})
        rows: dict[int, Transfer] = {}
        for chunk in _chunks(records):
            rows.update((t.id, t) for t in session.scalars(query.where(Transfer.record_id.in_(chunk))))
        for chunk in _chunks(serials):
            rows.update((t.id, t) for t in session.scalars(query.where(Transfer.serial_norm.in_(chunk))))
        ranged = query.where(Transfer.serial_end.is_not(None))
        for serial in serials:  # ranges that can contain it: same prefix and length, starting at or before it
            parts = split_serial(serial)
            if parts is not None:
                rows.update(
                    (t.id, t)
                    for t in session.scalars(
                        ranged.where(
                            Transfer.serial_norm.startswith(parts.prefix, autoescape=True),
                            func.length(Transfer.serial_norm) == len(serial),
                            Transfer.serial_norm <= serial,
                        )
                    )
                )
        return cls(rows.values())

    def for_item(self, item: LinkedItem) -> list[Transfer]:
        serial = _item_serial(item)
        parts = split_serial(serial)
        found: dict[int, Transfer] = {
            t.id: t
            for t in self.by_record.get(item.record_id, [])
            # a range record's line about other weapons of the range is not about this one
            if not (item.serial_end and serial and t.serial and not _covers(t, serial, parts))
        }
        for t in self.by_serial.get(serial or "", []):
            if _same_maker(t.manufacturer, item.manufacturer):
                found.setdefault(t.id, t)
        if parts is not None:
            for _lo, _hi, t in self._containing(parts):
                if _same_maker(t.manufacturer, item.manufacturer):
                    found.setdefault(t.id, t)
        return sorted(found.values(), key=lambda t: (t.date or dt.date.min, t.id))

    def range_of(self, parts: SerialParts | None) -> Transfer | None:
        """The narrowest range transfer that contains this serial (consignment analysis uses it)."""
        if parts is None:
            return None
        found = self._containing(parts)  # the narrowest range: the batch closest to the weapon's last holder
        return min(found, key=lambda r: (r[1] - r[0], -r[2].id))[2] if found else None


def _norm(t: Transfer) -> str | None:
    return t.serial_norm or basic_norm(t.serial)


def _covers(t: Transfer, serial: str, parts: SerialParts | None) -> bool:
    """Whether transfer line ``t`` (one serial or a range) includes ``serial``."""
    if not t.serial_end:
        return _norm(t) == serial
    lo, hi = split_serial(_norm(t)), split_serial(basic_norm(t.serial_end))
    if parts is None or lo is None or hi is None or not (lo.key == hi.key == parts.key):
        return True  # cannot tell: keep the line
    return lo.number <= parts.number <= hi.number


def _item_serial(item: LinkedItem) -> str | None:
    """The single serial this chain is about: the matched serial inside a range record, else the record's."""
    if item.matched_serial:
        return basic_norm(item.matched_serial)
    if item.serial_end:
        return None
    return basic_norm(item.serial)


_MAKER_NOISE = frozenset(
    [
        "the",
        "co",
        "company",
        "corp",
        "corporation",
        "inc",
        "ltd",
        "llc",
        "gmbh",
        "ag",
        "sa",
        "spa",
        "mfg",
        "manufacturing",
        "factory",
        "works",
        "arms",
        "industries",
        "industry",
        "plant",
        "group",
        "of",
        "and",
    ]
)


@lru_cache(maxsize=4096)
def _maker_tokens(name: str) -> frozenset[str]:
    return frozenset(t for t in re.findall(r"[a-z0-9]+", name.casefold()) if len(t) > 1 and t not in _MAKER_NOISE)


def _same_maker(a: str | None, b: str | None) -> bool:
    """Whether two spellings may name one maker ("COLT", "Colt's Mfg Co"); unknown agrees with anything."""
    if not a or not b:
        return True
    x, y = _maker_tokens(a), _maker_tokens(b)
    return not x or not y or bool(x & y)


def _chunks(values: Sequence[Any], size: int = _CHUNK) -> Iterable[Sequence[Any]]:
    for i in range(0, len(values), size):
        yield values[i : i + size]


# --- loading ----------------------------------------------------------------------------------------------


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


def _recovery_ref(row: Any) -> RecoveryRef:
    return RecoveryRef(
        recovery_id=row.id,
        recovery_code=row.recovery_code,
        incident_code=row.code,
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


def _linked(
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


def _load_recoveries(session: Session, agency_id: int | None, ids: Sequence[int] | None) -> list[RecoveryRef]:
    query = (
        select(*_RECOVERY_COLUMNS, *_INCIDENT_COLUMNS)
        .join(Incident, Recovery.incident_id == Incident.id)
        .where(visible(Recovery, agency_id))
        .order_by(Incident.date, Recovery.id)
    )
    if ids is None:
        return [_recovery_ref(row) for row in session.execute(query)]
    out: list[RecoveryRef] = []
    for chunk in _chunks(sorted(set(ids))):
        out.extend(_recovery_ref(row) for row in session.execute(query.where(Recovery.id.in_(chunk))))
    return out


def _best_links(
    session: Session, agency_id: int | None, recoveries: Sequence[RecoveryRef], use_candidates: bool, all_rows: bool
) -> dict[int, LinkedItem]:
    """recovery id → its registry record: confirmed match, else best candidate, else the exact serial."""
    query = (
        select(Match, Item, Source.name)
        .join(Item, Match.item_id == Item.id)
        .join(Source, Item.source_id == Source.id)
        .where(visible(Match, agency_id), visible(Item, agency_id), Match.status != "rejected")
    )
    if not use_candidates:
        query = query.where(Match.status == "confirmed")
    rows: list[Any] = []
    if all_rows:
        rows = list(session.execute(query))
    else:
        for chunk in _chunks([r.recovery_id for r in recoveries]):
            rows.extend(session.execute(query.where(Match.recovery_id.in_(chunk))))
    best: dict[int, tuple[tuple[Any, ...], LinkedItem]] = {}
    for m, item, source in rows:
        key = (m.status == "confirmed", m.probability or 0.0, -(m.rank or 0), -m.id)
        if m.recovery_id not in best or key > best[m.recovery_id][0]:
            best[m.recovery_id] = (key, _linked(item, source, m.status, m.probability, m.matched_serial))
    links = {rid: linked for rid, (_, linked) in best.items()}
    if use_candidates:
        links.update(_exact_serial_links(session, agency_id, [r for r in recoveries if r.recovery_id not in links]))
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
    for chunk in _chunks(sorted(wanted)):
        for item, source in session.execute(query.where(Item.serial_norm.in_(chunk), Item.serial_end.is_(None))):
            found[item.serial_norm or ""].append((item, source))
    links: dict[int, LinkedItem] = {}
    for norm, recs in wanted.items():
        for r in recs:
            hits = [(i, s) for i, s in found.get(norm, []) if _same_maker(i.manufacturer, r.manufacturer)]
            if len(hits) == 1:
                links[r.recovery_id] = _linked(hits[0][0], hits[0][1], "exact_serial", None, None)
    return links


def _trace_answers(
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
    for chunk in _chunks(sorted(set(recovery_ids))):
        for tri, req in session.execute(query.where(TraceRequestItem.recovery_id.in_(chunk))):
            key = (tri.description or {}).get("key")
            for entry in (req.answer or {}).get("items", []):
                if entry.get("item") in (key, None) and tri.recovery_id is not None:
                    out[tri.recovery_id].append((req.reference, entry))
    return out


# --- building ---------------------------------------------------------------------------------------------


def build_chains(
    session: Session,
    agency_id: int | None,
    *,
    recovery_ids: Sequence[int] | None = None,
    item_ids: Sequence[int] | None = None,
    use_candidates: bool = True,
) -> list[CustodyChain]:
    """Chains for the given recoveries (or every visible recovery), or for the given registry items.

    One code path serves one chain and a whole archive: the transfers are loaded once into an index.
    """
    if item_ids is not None:
        return _item_chains(session, agency_id, item_ids, use_candidates)
    recoveries = _load_recoveries(session, agency_id, recovery_ids)
    links = _best_links(session, agency_id, recoveries, use_candidates, all_rows=recovery_ids is None)
    for r in recoveries:  # inside a range record, the weapon is the one whose serial was read
        link = links.get(r.recovery_id)
        if link is not None and link.serial_end and not link.matched_serial and not r.obliterated:
            link.matched_serial = basic_norm(r.serial_read)
    index = TransferIndex.load(session, agency_id, None if recovery_ids is None else list(links.values()))
    answers = _trace_answers(session, agency_id, [r.recovery_id for r in recoveries])
    return [assemble(r, links.get(r.recovery_id), index, answers.get(r.recovery_id, []), [r]) for r in recoveries]


def _item_chains(
    session: Session, agency_id: int | None, item_ids: Sequence[int], use_candidates: bool
) -> list[CustodyChain]:
    query = select(Item, Source.name).join(Source, Item.source_id == Source.id).where(visible(Item, agency_id))
    items = [_linked(i, s, "subject", None, None) for i, s in session.execute(query.where(Item.id.in_(list(item_ids))))]
    statuses = ["confirmed", "candidate"] if use_candidates else ["confirmed"]
    match_rows = session.execute(
        select(Match.item_id, Match.recovery_id).where(
            visible(Match, agency_id), Match.item_id.in_(list(item_ids)), Match.status.in_(statuses)
        )
    ).all()
    recs = {r.recovery_id: r for r in _load_recoveries(session, agency_id, [m.recovery_id for m in match_rows])}
    # a recovery counts for this item only when this item is its best link
    links = _best_links(session, agency_id, list(recs.values()), use_candidates, all_rows=False)
    by_item: dict[int, list[RecoveryRef]] = defaultdict(list)
    for item_id, rid in match_rows:
        if rid in recs and links.get(rid) is not None and links[rid].item_id == item_id:
            by_item[item_id].append(recs[rid])
    index = TransferIndex.load(session, agency_id, items)
    answers = _trace_answers(session, agency_id, list(recs))
    chains = []
    for item in items:
        found = sorted(by_item.get(item.item_id, []), key=lambda r: (r.incident_date or dt.date.max, r.recovery_id))
        traced = [a for r in found for a in answers.get(r.recovery_id, [])]
        chains.append(assemble(None, item, index, traced, found))
    return chains


def _registry_event(item: LinkedItem) -> CustodyEvent | None:
    if not item.holder:
        return None
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
    return CustodyEvent(
        "registry",
        None,
        item.holder,
        item.holder_country,
        True,
        reference=item.record_id,
        note=f"registry holder ({status or 'status unknown'})",
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
        if reg is not None:
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
