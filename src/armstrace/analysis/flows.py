"""Across incidents: where recovered weapons came from, whom they were last legally with, where they turned up.

A flow is a path *country of manufacture → last legal custodian → place of recovery*, counted over the
recoveries whose chain of custody names those three. Counts by origin, weapon type, unit (the last legal
custodian) and year of recovery answer "which stockpiles leak, and since when"; the registry share says
how much of each imported registry has turned up, and in which countries.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from armstrace.model import Item, Source
from armstrace.store import visible

from .custody import CustodyChain

__all__ = ["Counts", "Flow", "RegistryShare", "counts", "flows", "registry_shares"]

UNKNOWN = "unknown"


@dataclass
class Flow:
    origin: str  # country of manufacture
    recipient: str  # last legal custodian
    recipient_country: str
    recovery_country: str
    recovery_admin1: str
    count: int
    recoveries: list[str] = field(default_factory=list)  # INCIDENT/RECOVERY labels


@dataclass
class Counts:
    by_origin: dict[str, int]
    by_type: dict[str, int]
    by_unit: dict[str, int]
    by_year: dict[str, int]
    by_recovery_country: dict[str, int]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class RegistryShare:
    """How much of one registry has been recovered, and where."""

    source: str
    items: int  # weapons in the registry (a range record counts its quantity)
    recovered: int  # distinct registry weapons linked to a recovery
    confirmed: int  # of which by a confirmed match
    by_country: dict[str, int]

    @property
    def share(self) -> float:
        return self.recovered / self.items if self.items else 0.0


def _origin(c: CustodyChain) -> str:
    return (c.item.country if c.item else None) or (c.recovery.made_in if c.recovery else None) or UNKNOWN


def _type(c: CustodyChain) -> str:
    return (c.item.weapon_type if c.item else None) or (c.recovery.weapon_type if c.recovery else None) or UNKNOWN


def _unit(c: CustodyChain) -> str:
    return (c.last_legal.holder if c.last_legal else None) or UNKNOWN


def flows(chains: Sequence[CustodyChain], *, linked_only: bool = True) -> list[Flow]:
    """Flows origin → last legal custodian → place of recovery, largest first."""
    groups: dict[tuple[str, str, str, str, str], list[str]] = defaultdict(list)
    for c in chains:
        if c.recovery is None or (linked_only and c.item is None and c.last_legal is None):
            continue
        key = (
            _origin(c),
            _unit(c),
            (c.last_legal.country if c.last_legal else None) or UNKNOWN,
            c.recovery.country or UNKNOWN,
            c.recovery.admin1 or UNKNOWN,
        )
        groups[key].append(c.recovery.label)
    out = [Flow(*key, count=len(labels), recoveries=sorted(labels)) for key, labels in groups.items()]
    out.sort(key=lambda f: (-f.count, f.origin, f.recipient, f.recovery_country, f.recovery_admin1))
    return out


def counts(chains: Sequence[CustodyChain]) -> Counts:
    """Recoveries counted by origin, type, last legal unit, year and country of recovery."""
    recovered = [c for c in chains if c.recovery is not None]

    def tally(values: Any) -> dict[str, int]:
        return dict(sorted(Counter(values).items(), key=lambda kv: (-kv[1], kv[0])))

    return Counts(
        by_origin=tally(_origin(c) for c in recovered),
        by_type=tally(_type(c) for c in recovered),
        by_unit=tally(_unit(c) for c in recovered),
        by_year=tally(
            str(c.recovery.incident_date.year) if c.recovery and c.recovery.incident_date else UNKNOWN
            for c in recovered
        ),
        by_recovery_country=tally((c.recovery.country if c.recovery else None) or UNKNOWN for c in recovered),
    )


def registry_shares(session: Session, agency_id: int | None, chains: Sequence[CustodyChain]) -> list[RegistryShare]:
    """Per registry source: its size, how many of its weapons were recovered, and in which countries."""
    sizes: dict[str, int] = dict(
        session.execute(
            select(Source.name, func.sum(func.coalesce(Item.quantity, 1)))
            .join(Item, Item.source_id == Source.id)
            .where(visible(Item, agency_id))
            .group_by(Source.name)
        ).all()
    )
    seen: dict[str, set[tuple[int, str | int | None]]] = defaultdict(set)
    confirmed: dict[str, set[tuple[int, str | int | None]]] = defaultdict(set)
    where: dict[str, Counter[str]] = defaultdict(Counter)
    for c in chains:
        if c.item is None or c.recovery is None or not c.item.source:
            continue
        # a weapon of a range record is its serial there; when the reading fits several, the recovery itself
        weapon = (c.item.matched_serial or c.recovery.recovery_id) if c.item.serial_end else None
        key = (c.item.item_id, weapon)
        if key not in seen[c.item.source]:
            where[c.item.source][c.recovery.country or UNKNOWN] += 1
        seen[c.item.source].add(key)
        if c.item.evidence == "confirmed":
            confirmed[c.item.source].add(key)
    out = [
        RegistryShare(name, int(sizes.get(name) or 0), len(seen[name]), len(confirmed[name]), dict(where[name]))
        for name in sorted(set(sizes) | set(seen))
    ]
    return out
