"""The entry points: one chain of custody, and the whole picture across incidents."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import asdict, dataclass, field
from typing import Any

from armstrace.exceptions import InputError, NotFoundError
from armstrace.store import Workspace

from .consignment import DEFAULT_GAP, ConsignmentCluster, consignments
from .custody import TRAFFICKING_DAYS, CustodyChain, TransferIndex, build_chains
from .flows import Counts, Flow, RegistryShare, counts, flows, registry_shares
from .lookup import ACTING, acting_agency_id, resolve_item, resolve_recovery

__all__ = ["TTR_BUCKETS", "Summary", "TimeToRecoveryStats", "chains", "custody_chain", "summary"]

TTR_BUCKETS: tuple[tuple[str, int], ...] = (
    ("≤ 1 year", 365),
    ("1–3 years", TRAFFICKING_DAYS),
    ("3–5 years", round(5 * 365.25)),
    ("5–10 years", round(10 * 365.25)),
    ("> 10 years", 10**9),
)


@dataclass
class TimeToRecoveryStats:
    """The distribution of last legal transfer → recovery over the chains where both dates are known."""

    count: int
    median_days: float | None
    p25_days: float | None
    p75_days: float | None
    within_3_years: int  # the trafficking indicator
    inconsistent: int  # recovered before the last legal transfer: a data error to check
    buckets: dict[str, int] = field(default_factory=dict)

    @property
    def share_within_3_years(self) -> float:
        return self.within_3_years / self.count if self.count else 0.0


@dataclass
class Summary:
    generated_at: dt.datetime
    recoveries: int
    linked: int  # recoveries with a registry record (any evidence)
    confirmed: int  # recoveries with a confirmed match
    with_last_legal: int
    time_to_recovery: TimeToRecoveryStats
    flows: list[Flow]
    counts: Counts
    consignments: list[ConsignmentCluster]
    registry_shares: list[RegistryShare]
    chains: list[CustodyChain] = field(default_factory=list, repr=False)

    def to_dict(self, *, with_chains: bool = False) -> dict[str, Any]:
        data = {
            "generated_at": self.generated_at,
            "recoveries": self.recoveries,
            "linked": self.linked,
            "confirmed": self.confirmed,
            "with_last_legal": self.with_last_legal,
            "time_to_recovery": {
                **asdict(self.time_to_recovery),
                "share_within_3_years": round(self.time_to_recovery.share_within_3_years, 4),
            },
            "flows": [asdict(f) for f in self.flows],
            "counts": self.counts.to_dict(),
            "consignments": [c.to_dict() for c in self.consignments],
            "registry_shares": [{**asdict(r), "share": round(r.share, 6)} for r in self.registry_shares],
        }
        if with_chains:
            data["chains"] = [c.to_dict() for c in self.chains]
        return data


def custody_chain(
    ws: Workspace,
    ref: int | str,
    *,
    kind: str | None = None,
    agency_id: Any = ACTING,
    use_candidates: bool = True,
    serial: str | None = None,
) -> CustodyChain:
    """The chain of custody of a recovery (number, INCIDENT/RECOVERY, code) or of a registry item (record_id).

    ``kind`` = "recovery" or "item" forces one reading of ``ref``; by default a recovery is tried first.
    ``serial`` names one weapon inside a range record (a tracing desk answering about it): without it the
    chain of a range record holds only what the whole consignment shares.
    """
    aid = acting_agency_id(ws, agency_id)
    with ws.session() as s:
        if kind in (None, "recovery"):
            try:
                rec = resolve_recovery(s, aid, ref)
                return build_chains(s, aid, recovery_ids=[rec.id], use_candidates=use_candidates)[0]
            except NotFoundError:
                if kind == "recovery":
                    raise
        try:
            item = resolve_item(s, aid, ref)
        except NotFoundError as exc:
            raise NotFoundError(_not_found(s, aid, ref, kind)) from exc
        return build_chains(s, aid, item_ids=[item.id], use_candidates=use_candidates, serial=serial)[0]


def _not_found(session: Any, agency_id: int | None, ref: int | str, kind: str | None) -> str:
    """What to give instead, when ``ref`` names neither a recovery nor a registry record (as asked)."""
    if kind == "item":
        try:
            resolve_recovery(session, agency_id, ref)
        except (NotFoundError, InputError):
            return f"no registry record {str(ref)!r}"
        return f"{str(ref)!r} is a recovery, not a registry record: leave out --item"
    return (
        f"no recovery or registry record {str(ref)!r}: give a recovery as INCIDENT/RECOVERY (e.g. JE25/R001), "
        "its number or its code, or a registry record_id"
    )


def chains(ws: Workspace, *, agency_id: Any = ACTING, use_candidates: bool = True) -> list[CustodyChain]:
    """The chain of every recovery the agency may see."""
    aid = acting_agency_id(ws, agency_id)
    with ws.session() as s:
        return build_chains(s, aid, use_candidates=use_candidates)


def ttr_stats(all_chains: list[CustodyChain]) -> TimeToRecoveryStats:
    days = [c.time_to_recovery.days for c in all_chains if c.time_to_recovery is not None]
    valid = sorted(d for d in days if d >= 0)
    buckets = dict.fromkeys((name for name, _ in TTR_BUCKETS), 0)
    for d in valid:
        buckets[next(name for name, limit in TTR_BUCKETS if d <= limit)] += 1
    q = statistics.quantiles(valid, n=4, method="inclusive") if len(valid) >= 2 else None
    return TimeToRecoveryStats(
        count=len(valid),
        median_days=statistics.median(valid) if valid else None,
        p25_days=q[0] if q else (valid[0] if valid else None),
        p75_days=q[2] if q else (valid[0] if valid else None),
        within_3_years=sum(1 for d in valid if d <= TRAFFICKING_DAYS),
        inconsistent=len(days) - len(valid),
        buckets=buckets,
    )


def summary(
    ws: Workspace, agency_id: Any = ACTING, *, use_candidates: bool = True, max_gap: int = DEFAULT_GAP
) -> Summary:
    """Flows, counts, consignments, time to recovery and registry shares over every visible recovery."""
    aid = acting_agency_id(ws, agency_id)
    with ws.session() as s:
        all_chains = build_chains(s, aid, use_candidates=use_candidates)
        index = TransferIndex.load(s, aid)
        shares = registry_shares(s, aid, all_chains)
    return Summary(
        generated_at=dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0),
        recoveries=len(all_chains),
        linked=sum(1 for c in all_chains if c.item is not None),
        confirmed=sum(1 for c in all_chains if c.item is not None and c.item.evidence == "confirmed"),
        with_last_legal=sum(1 for c in all_chains if c.last_legal is not None),
        time_to_recovery=ttr_stats(all_chains),
        flows=flows(all_chains),
        counts=counts(all_chains),
        consignments=consignments(all_chains, max_gap=max_gap, index=index),
        registry_shares=shares,
        chains=all_chains,
    )
