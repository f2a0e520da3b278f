"""Recovered weapons from one consignment: consecutive serials, or serials inside one range record.

Weapons leave a stockpile in batches, and a batch carries consecutive serials. When recoveries at
different incidents carry serials a few numbers apart (same maker, same prefix, same digit count), or
fall inside one registry range record or one range transfer, they very likely travelled together — the
strongest evidence that several incidents share one supply line.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from .custody import CustodyChain, RecoveryRef, TransferIndex
from .lookup import basic_norm, split_serial

__all__ = ["DEFAULT_GAP", "ConsignmentCluster", "ConsignmentMember", "consignments"]

DEFAULT_GAP = 50  # serials at most this far apart are read as one batch


@dataclass
class ConsignmentMember:
    recovery: RecoveryRef
    serial: str
    record_id: str | None


@dataclass
class ConsignmentCluster:
    """Two or more recoveries that probably left the stockpile together."""

    basis: str  # consecutive, range_record, range_transfer, consecutive+range
    key: str  # the serial prefix, or the range record / transfer id
    manufacturer: str | None
    first_serial: str
    last_serial: str
    span: int  # last − first serial number (0 when not numeric)
    members: list[ConsignmentMember] = field(default_factory=list)
    range_record: str | None = None

    @property
    def size(self) -> int:
        return len(self.members)

    @property
    def incidents(self) -> list[str]:
        return sorted({m.recovery.incident_code for m in self.members})

    @property
    def countries(self) -> list[str]:
        return sorted({m.recovery.country for m in self.members if m.recovery.country})

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(size=self.size, incidents=self.incidents, countries=self.countries)
        return data


def _serial_of(chain: CustodyChain) -> str | None:
    """The one serial the recovered weapon carries: the linked record's, else the reading."""
    item, rec = chain.item, chain.recovery
    if item is not None and not item.serial_end and item.serial:
        return basic_norm(item.serial)
    if item is not None and item.matched_serial:
        return basic_norm(item.matched_serial)
    if rec is not None and not rec.obliterated:
        return basic_norm(rec.serial_read)
    return None


def _maker(chain: CustodyChain) -> str:
    name = (chain.item.manufacturer if chain.item else None) or (
        chain.recovery.manufacturer if chain.recovery else None
    )
    return name or ""


def consignments(
    chains: Sequence[CustodyChain], *, max_gap: int = DEFAULT_GAP, index: TransferIndex | None = None
) -> list[ConsignmentCluster]:
    """Clusters of ≥ 2 recoveries, largest first. ``index`` adds clusters by range transfer."""
    serial_groups: dict[tuple[str, tuple[str, int, str]], list[tuple[int, ConsignmentMember, str]]] = defaultdict(list)
    range_groups: dict[tuple[str, str], list[ConsignmentMember]] = defaultdict(list)
    makers: dict[tuple[str, str], str | None] = {}
    for chain in chains:
        rec = chain.recovery
        serial = _serial_of(chain)
        if rec is None or serial is None:
            continue
        record = chain.item.record_id if chain.item else None
        member = ConsignmentMember(rec, serial, record)
        parts = split_serial(serial)
        maker = _maker(chain)
        if parts is not None:
            serial_groups[(maker.casefold(), parts.key)].append((parts.number, member, maker))
        if chain.item is not None and chain.item.serial_end:
            range_groups[("range_record", chain.item.record_id)].append(member)
            makers[("range_record", chain.item.record_id)] = chain.item.manufacturer
        if index is not None:
            transfer = index.range_of(parts)
            if transfer is not None:
                range_groups[("range_transfer", transfer.transfer_id)].append(member)
                makers[("range_transfer", transfer.transfer_id)] = transfer.manufacturer
    clusters: list[ConsignmentCluster] = []
    for (_maker_key, (prefix, _width, _suffix)), rows in serial_groups.items():
        rows.sort(key=lambda r: (r[0], r[1].recovery.recovery_id))
        run = [rows[0]]
        for row in rows[1:]:
            if row[0] - run[-1][0] <= max_gap:
                run.append(row)
                continue
            _close_run(clusters, prefix, run)
            run = [row]
        _close_run(clusters, prefix, run)
    by_members = {frozenset(m.recovery.recovery_id for m in c.members): c for c in clusters}
    for (basis, key), members in range_groups.items():
        ids = frozenset(m.recovery.recovery_id for m in members)
        if len(ids) < 2:
            continue
        same = by_members.get(ids)
        if same is not None:
            same.basis, same.range_record = "consecutive+range", key
            continue
        ordered = sorted(members, key=lambda m: m.serial)
        clusters.append(
            ConsignmentCluster(
                basis,
                key,
                makers.get((basis, key)),
                ordered[0].serial,
                ordered[-1].serial,
                _span(ordered[0].serial, ordered[-1].serial),
                ordered,
                range_record=key,
            )
        )
    clusters.sort(key=lambda c: (-c.size, c.key, c.first_serial))
    return clusters


def _close_run(clusters: list[ConsignmentCluster], prefix: str, run: list[tuple[int, ConsignmentMember, str]]) -> None:
    if len({m.recovery.recovery_id for _, m, _ in run}) < 2:
        return
    members = [m for _, m, _ in run]
    manufacturer = run[0][2] or None
    clusters.append(
        ConsignmentCluster(
            "consecutive", prefix, manufacturer, members[0].serial, members[-1].serial, run[-1][0] - run[0][0], members
        )
    )


def _span(first: str, last: str) -> int:
    a, b = split_serial(first), split_serial(last)
    if a is None or b is None or a.key != b.key:
        return 0
    return b.number - a.number
