"""Custody and diversion analysis: who had a weapon last, legally; where it left legal hands; the patterns.

Public API (stable; the report and web layers draw from it). Every function applies the visibility rule:
``agency_id`` defaults to ``ACTING`` (the agency the workspace acts for); pass an agency's id to analyse as
that agency, or ``None`` to see every agency's records (a server administrator).

    custody_chain(ws, ref, *, kind=None, agency_id=ACTING, use_candidates=True, serial=None) -> CustodyChain
        ref names a recovery (its number, "INCIDENT/RECOVERY", or an unambiguous recovery code) or a
        registry item (record_id; kind="item" to force it; serial= one weapon of a range record). Inside a
        range record the chain follows the weapon the reading names (``analysis.ranges``). The chain holds
        ``events`` (manufacture → transfers → registry state → trace answers → recovery, each CustodyEvent
        with date, holder, country, legal), ``item`` (LinkedItem: the registry record and the evidence of the link —
        confirmed / candidate / exact_serial), ``last_legal`` and ``last_legal_basis``, ``diversion``
        (DiversionPoint: last legal custodian → first illicit event) and ``time_to_recovery``
        (TimeToRecovery: days, years, trafficking_indicator = ≤ 3 years). ``to_dict()`` for JSON.
    chains(ws, *, agency_id=ACTING, use_candidates=True) -> list[CustodyChain]   every visible recovery
    summary(ws, agency_id=ACTING, *, use_candidates=True, max_gap=50) -> Summary
        .recoveries .linked .confirmed .with_last_legal
        .time_to_recovery: TimeToRecoveryStats (count, median/p25/p75 days, within_3_years, buckets)
        .flows: list[Flow] (origin → recipient (last legal custodian) → recovery country/admin1, count)
        .counts: Counts (by_origin, by_type, by_unit, by_year, by_recovery_country)
        .consignments: list[ConsignmentCluster] (consecutive serials or one range record/transfer)
        .registry_shares: list[RegistryShare] (items, recovered, confirmed, share, by_country)
        .chains; .to_dict(with_chains=False) for JSON.
    consignments(chains, *, max_gap=50, index=None), flows(chains), counts(chains), time_to_recovery(a, b)
        the building blocks, for callers that already hold chains.

A chain is evidence: a link by a *candidate* match or by an exact serial is labelled so in ``item.evidence``;
a candidate below ``PLAUSIBLE`` (0.05) is not followed; ``use_candidates=False`` restricts everything to
confirmed matches.
"""

from .consignment import DEFAULT_GAP, ConsignmentCluster, ConsignmentMember, consignments
from .custody import (
    TRAFFICKING_DAYS,
    CustodyChain,
    CustodyEvent,
    DiversionPoint,
    LinkedItem,
    RecoveryRef,
    TimeToRecovery,
    TransferIndex,
    build_chains,
    time_to_recovery,
)
from .evidence import PLAUSIBLE
from .flows import Counts, Flow, RegistryShare, counts, flows, registry_shares
from .lookup import ACTING, resolve_item, resolve_recovery
from .summary import TTR_BUCKETS, Summary, TimeToRecoveryStats, chains, custody_chain, summary

__all__ = [
    "ACTING",
    "DEFAULT_GAP",
    "PLAUSIBLE",
    "TRAFFICKING_DAYS",
    "TTR_BUCKETS",
    "ConsignmentCluster",
    "ConsignmentMember",
    "Counts",
    "CustodyChain",
    "CustodyEvent",
    "DiversionPoint",
    "Flow",
    "LinkedItem",
    "RecoveryRef",
    "RegistryShare",
    "Summary",
    "TimeToRecovery",
    "TimeToRecoveryStats",
    "TransferIndex",
    "build_chains",
    "chains",
    "consignments",
    "counts",
    "custody_chain",
    "flows",
    "registry_shares",
    "resolve_item",
    "resolve_recovery",
    "summary",
    "time_to_recovery",
]
