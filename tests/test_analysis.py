"""Custody chains, diversion points, time to recovery, consignments and flows on a small known case."""

from __future__ import annotations

import csv
import datetime as dt
from itertools import count, pairwise
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from armstrace import analysis
from armstrace.analysis.consignment import ConsignmentMember
from armstrace.analysis.custody import CustodyChain, RecoveryRef
from armstrace.exceptions import InputError, NotFoundError
from armstrace.model import Incident, Item, Match, Recovery, Source, Transfer
from armstrace.store import Workspace

_ids = count(1)


def _hash() -> int:
    """A distinct row hash (import derives it from the row's content; here any unique number will do)."""
    return next(_ids)


def add_case(ws: Workspace, *, agency_code: str | None = None) -> dict[str, Any]:
    """The worked case: US-supplied Colt M4A1 carbines, issued to an Afghan corps, recovered in Pakistan.

    W1004338–W1004342 single records, a range record W1005000–W1005099, a range transfer
    maker → US Army covering W1004300–W1004399, issue to ANA 205th Corps on 2018-01-09 per record,
    and the capture of W1004341 on 2021-08-15 (illicit). Recoveries: R-1 W1004340 (confirmed match),
    R-2 W10O4341 (candidate match), R-3 W1004342 (no match row: exact serial), R-4 obliterated,
    and two items of the range record recovered at a seizure in 2020.
    """
    agency = ws.agency(agency_code)
    with ws.session() as s:
        reg = Source(agency_id=agency.id, name="US transfers to ANDSF", kind="registry")
        trs = Source(agency_id=agency.id, name="DD 1149 shipments", kind="transfers")
        rec_src = Source(agency_id=agency.id, name="field reports", kind="recoveries")
        s.add_all([reg, trs, rec_src])
        s.flush()
        items = {}
        for n in range(4338, 4343):
            serial = f"W100{n}"
            items[serial] = Item(
                agency_id=agency.id,
                source_id=reg.id,
                record_id=f"REC-{n}",
                serial=serial,
                serial_norm=serial,
                manufacturer="Colt",
                model="M4A1",
                calibre="5.56x45mm",
                weapon_type="carbine",
                country="US",
                year=2017,
                holder="ANA 205th Corps",
                holder_country="AF",
                status="in_service",
                date=dt.date(2018, 1, 9),
                row_hash=_hash(),
            )
        items["range"] = Item(
            agency_id=agency.id,
            source_id=reg.id,
            record_id="REC-RANGE",
            serial="W1005000",
            serial_end="W1005099",
            serial_norm="W1005000",
            quantity=100,
            manufacturer="Colt",
            model="M4A1",
            weapon_type="carbine",
            country="US",
            year=2017,
            holder="ANA 215th Corps",
            holder_country="AF",
            status="in_service",
            row_hash=_hash(),
        )
        s.add_all(items.values())
        transfers = [
            Transfer(
                agency_id=agency.id,
                source_id=trs.id,
                transfer_id="T-MAKER",
                serial="W1004300",
                serial_end="W1004399",
                serial_norm="W1004300",
                quantity=100,
                manufacturer="Colt",
                from_holder="Colt",
                from_country="US",
                to_holder="US Army TACOM",
                to_country="US",
                date=dt.date(2017, 6, 1),
                row_hash=_hash(),
            ),
            *[
                Transfer(
                    agency_id=agency.id,
                    source_id=trs.id,
                    transfer_id=f"T-ISSUE-{n}",
                    record_id=f"REC-{n}",
                    from_holder="US Army TACOM",
                    from_country="US",
                    to_holder="ANA 205th Corps",
                    to_country="AF",
                    date=dt.date(2018, 1, 9),
                    document_ref="DD1149-0001",
                    row_hash=_hash(),
                )
                for n in range(4338, 4343)
            ],
            Transfer(
                agency_id=agency.id,
                source_id=trs.id,
                transfer_id="T-CAPTURE",
                serial="W1004341",
                serial_norm="W1004341",
                manufacturer="Colt",
                from_holder="ANA 205th Corps",
                from_country="AF",
                to_holder="Taliban",
                to_country="AF",
                date=dt.date(2021, 8, 15),
                legal=False,
                row_hash=_hash(),
            ),
            Transfer(
                agency_id=agency.id,
                source_id=trs.id,
                transfer_id="T-RANGE",
                record_id="REC-RANGE",
                from_holder="US Army TACOM",
                from_country="US",
                to_holder="ANA 215th Corps",
                to_country="AF",
                date=dt.date(2019, 3, 1),
                row_hash=_hash(),
            ),
        ]
        s.add_all(transfers)
        attack = Incident(
            agency_id=agency.id,
            code="JAFFAR-2025",
            date=dt.date(2025, 3, 11),
            country="PK",
            admin1="Balochistan",
            admin2="Bolan",
            place="Mashkaf",
            kind="attack",
            title="Attack on the Jaffar Express",
        )
        seizure = Incident(
            agency_id=agency.id,
            code="SEIZ-2020",
            date=dt.date(2020, 5, 1),
            country="AF",
            admin1="Helmand",
            kind="seizure",
            title="Roadside seizure",
        )
        s.add_all([attack, seizure])
        s.flush()

        def rec(inc: Incident, code: str, serial: str | None, **kw: Any) -> Recovery:
            r = Recovery(
                agency_id=agency.id,
                incident_id=inc.id,
                source_id=rec_src.id,
                recovery_code=code,
                serial_read=serial,
                row_hash=_hash(),
                **kw,
            )
            s.add(r)
            return r

        recs = {
            "R-1": rec(
                attack,
                "R-1",
                "W1004340",
                manufacturer="Colt",
                model="M4A1",
                weapon_type="carbine",
                markings="COLT / M4A1 CARBINE / CAL 5.56MM / W1004340",
                country="US",
            ),
            "R-2": rec(attack, "R-2", "W10O4341", manufacturer="Colt"),
            "R-3": rec(attack, "R-3", "W1004342", manufacturer="Colt"),
            "R-4": rec(attack, "R-4", "W10?43*", obliterated=True),
            "S-1": rec(seizure, "S-1", "W1005017"),
            "S-2": rec(seizure, "S-2", "W1005090"),
        }
        s.flush()
        s.add_all(
            [
                Match(
                    agency_id=agency.id,
                    recovery_id=recs["R-1"].id,
                    item_id=items["W1004340"].id,
                    matched_serial="W1004340",
                    probability=0.99,
                    status="confirmed",
                    reviewed_by="examiner",
                ),
                Match(
                    agency_id=agency.id,
                    recovery_id=recs["R-1"].id,
                    item_id=items["W1004341"].id,
                    matched_serial="W1004341",
                    probability=0.40,
                    rank=2,
                ),
                Match(
                    agency_id=agency.id,
                    recovery_id=recs["R-2"].id,
                    item_id=items["W1004341"].id,
                    matched_serial="W1004341",
                    probability=0.80,
                ),
                Match(
                    agency_id=agency.id,
                    recovery_id=recs["R-2"].id,
                    item_id=items["W1004338"].id,
                    matched_serial="W1004338",
                    probability=0.90,
                    status="rejected",
                ),
                Match(
                    agency_id=agency.id,
                    recovery_id=recs["R-4"].id,
                    item_id=items["W1004339"].id,
                    probability=0.30,
                    status="rejected",
                ),
                Match(
                    agency_id=agency.id,
                    recovery_id=recs["S-1"].id,
                    item_id=items["range"].id,
                    matched_serial="W1005017",
                    probability=0.95,
                    status="confirmed",
                ),
                Match(
                    agency_id=agency.id,
                    recovery_id=recs["S-2"].id,
                    item_id=items["range"].id,
                    matched_serial="W1005090",
                    probability=0.95,
                    status="confirmed",
                ),
            ]
        )
        return {"recoveries": {k: v.id for k, v in recs.items()}, "items": {k: v.id for k, v in items.items()}}


def test_chain_of_a_confirmed_recovery_names_the_last_legal_custodian(workspace: Workspace) -> None:
    add_case(workspace)
    chain = analysis.custody_chain(workspace, "JAFFAR-2025/R-1")
    assert chain.item is not None and chain.item.record_id == "REC-4340" and chain.item.evidence == "confirmed"
    kinds = [e.kind for e in chain.events]
    assert kinds == ["manufacture", "transfer", "transfer", "registry", "recovery"]
    assert [e.reference for e in chain.events[1:3]] == ["T-MAKER", "T-ISSUE-4340"]  # the range, then the record
    assert chain.last_legal is not None
    assert (chain.last_legal.holder, chain.last_legal.country, chain.last_legal.date) == (
        "ANA 205th Corps",
        "AF",
        dt.date(2018, 1, 9),
    )
    assert chain.last_legal_basis == "transfer"
    assert chain.diversion is not None and not chain.diversion.documented
    assert chain.diversion.first_illicit.kind == "recovery"
    assert chain.time_to_recovery is not None
    assert chain.time_to_recovery.days == (dt.date(2025, 3, 11) - dt.date(2018, 1, 9)).days
    assert not chain.time_to_recovery.trafficking_indicator
    assert chain.to_dict()["time_to_recovery"]["years"] == pytest.approx(7.17, abs=0.01)


def test_documented_capture_is_the_diversion_point(workspace: Workspace) -> None:
    case = add_case(workspace)
    chain = analysis.custody_chain(workspace, case["recoveries"]["R-2"])
    assert chain.item is not None and chain.item.record_id == "REC-4341"
    assert chain.item.evidence == "candidate"  # the rejected, likelier match is never used
    assert chain.diversion is not None and chain.diversion.documented
    assert chain.diversion.first_illicit.reference == "T-CAPTURE"
    assert chain.diversion.holder == "ANA 205th Corps"
    assert chain.last_legal is not None and chain.last_legal.date == dt.date(2018, 1, 9)
    # confirmed matches only: the candidate link is dropped
    strict = analysis.custody_chain(workspace, case["recoveries"]["R-2"], use_candidates=False)
    assert strict.item is None and strict.last_legal is None


def test_exact_serial_link_and_obliterated_reading(workspace: Workspace) -> None:
    add_case(workspace)
    r3 = analysis.custody_chain(workspace, "JAFFAR-2025/R-3")
    assert r3.item is not None and r3.item.evidence == "exact_serial" and r3.item.record_id == "REC-4342"
    r4 = analysis.custody_chain(workspace, "R-4")
    assert r4.item is None and r4.last_legal is None and r4.time_to_recovery is None
    assert [e.kind for e in r4.events] == ["recovery"]


def test_range_record_chain_and_item_chain(workspace: Workspace) -> None:
    case = add_case(workspace)
    s1 = analysis.custody_chain(workspace, "SEIZ-2020/S-1")
    assert s1.last_legal is not None and s1.last_legal.holder == "ANA 215th Corps"
    assert s1.time_to_recovery is not None and s1.time_to_recovery.trafficking_indicator  # 14 months
    item = analysis.custody_chain(workspace, "REC-4340")
    assert item.recovery is None and [r.label for r in item.recoveries] == ["JAFFAR-2025/R-1"]
    assert item.time_to_recovery is not None and item.time_to_recovery.days == s1.time_to_recovery.days + (
        (dt.date(2025, 3, 11) - dt.date(2018, 1, 9)).days - s1.time_to_recovery.days
    )
    forced = analysis.custody_chain(workspace, case["items"]["W1004339"], kind="item")
    assert forced.item is not None and forced.item.record_id == "REC-4339" and forced.recoveries == []


def _split_range_record(ws: Workspace) -> None:
    """REC-RANGE (W1005000–W1005099) split by 215th Corps between two kandaks, and two weapons captured."""
    agency = ws.agency()
    with ws.session() as s:
        trs = s.scalars(select(Source).where(Source.name == "DD 1149 shipments")).one()

        def line(tid: str, first: str, last: str | None, src: str, dst: str, day: dt.date, legal: bool = True) -> None:
            s.add(
                Transfer(
                    agency_id=agency.id, source_id=trs.id, transfer_id=tid, record_id="REC-RANGE", serial=first,
                    serial_norm=first, serial_end=last, manufacturer="Colt", from_holder=src, from_country="AF",
                    to_holder=dst, to_country="AF", date=day, legal=legal, row_hash=_hash(),
                )
            )  # fmt: skip

        line("T-K1", "W1005000", "W1005049", "ANA 215th Corps", "1st Kandak", dt.date(2019, 4, 1))
        line("T-K2", "W1005050", "W1005099", "ANA 215th Corps", "2nd Kandak", dt.date(2019, 4, 2))
        line("T-CAP-17", "W1005017", None, "1st Kandak", "Taliban", dt.date(2019, 12, 1), legal=False)
        line("T-CAP-90", "W1005090", None, "2nd Kandak", "Taliban", dt.date(2019, 11, 1), legal=False)


def _recover(ws: Workspace, code: str, serial: str, record_id: str = "REC-RANGE", probability: float = 0.6) -> None:
    """A recovery at the 2020 seizure, matched (as a candidate, without a matched serial) to ``record_id``."""
    agency = ws.agency()
    with ws.session() as s:
        inc = s.scalars(select(Incident).where(Incident.code == "SEIZ-2020")).one()
        item = s.scalars(select(Item).where(Item.record_id == record_id)).one()
        rec = Recovery(
            agency_id=agency.id, incident_id=inc.id, recovery_code=code, serial_read=serial, row_hash=_hash()
        )
        s.add(rec)
        s.flush()
        s.add(Match(agency_id=agency.id, recovery_id=rec.id, item_id=item.id, probability=probability))


def test_a_reading_inside_a_range_record_follows_its_own_weapon(workspace: Workspace) -> None:
    """A range record's lines about other weapons of the consignment never enter this weapon's chain:
    a confusable reading names one serial; a reading with unknown characters keeps what its fits share."""
    add_case(workspace)
    _split_range_record(workspace)
    _recover(workspace, "S-3", "W1OO5O17")  # confusable letters: W1005017, 1st Kandak, captured 2019-12-01
    _recover(workspace, "S-4", "W10050?2")  # W1005002 … W1005092: both kandaks share only the corps
    _recover(workspace, "S-5", "W100501?")  # W1005010 … W1005019: all in the 1st Kandak's half
    _recover(workspace, "S-6", "W1007777")  # fits no serial of the range: only what the whole consignment shares

    one = analysis.custody_chain(workspace, "SEIZ-2020/S-3")
    assert one.item is not None and one.item.matched_serial == "W1005017" and one.item.in_range == 1
    refs = [e.reference for e in one.events]
    assert "T-K1" in refs and "T-K2" not in refs and "T-CAP-90" not in refs
    assert one.last_legal is not None and (one.last_legal.holder, one.last_legal.date) == (
        "1st Kandak",
        dt.date(2019, 4, 1),
    )
    assert one.diversion is not None and one.diversion.first_illicit.reference == "T-CAP-17"

    both = analysis.custody_chain(workspace, "SEIZ-2020/S-4")
    assert both.item is not None and both.item.matched_serial is None and both.item.in_range == 10
    assert (both.item.in_range_first, both.item.in_range_last) == ("W1005002", "W1005092")
    refs = [e.reference for e in both.events]
    assert not {"T-K1", "T-K2", "T-CAP-17", "T-CAP-90"} & set(refs)
    assert both.last_legal is not None and both.last_legal.holder == "ANA 215th Corps"
    assert both.diversion is not None and not both.diversion.documented  # no capture is known to be this one

    half = analysis.custody_chain(workspace, "SEIZ-2020/S-5")
    refs = [e.reference for e in half.events]
    assert "T-K1" in refs and "T-K2" not in refs and "T-CAP-17" not in refs  # T-CAP-17 is one of ten
    assert half.last_legal is not None and half.last_legal.holder == "1st Kandak"

    outside = analysis.custody_chain(workspace, "SEIZ-2020/S-6")
    assert outside.item is not None and outside.item.in_range == 0
    assert outside.last_legal is not None and outside.last_legal.holder == "ANA 215th Corps"

    item = analysis.custody_chain(workspace, "REC-RANGE", kind="item")  # the record alone: the whole range
    assert not {"T-K1", "T-K2", "T-CAP-17", "T-CAP-90"} & {e.reference for e in item.events}


def test_an_implausible_candidate_is_not_followed(workspace: Workspace) -> None:
    """Below PLAUSIBLE the reading is probably not in the registry: no chain is drawn from such a candidate,
    and the exact-serial fallback is for recoveries the matcher has not seen, not for ones it scored low."""
    add_case(workspace)
    _recover(workspace, "S-9", "W1004339", record_id="REC-4339", probability=0.01)
    chain = analysis.custody_chain(workspace, "SEIZ-2020/S-9")
    assert chain.item is None and chain.last_legal is None and [e.kind for e in chain.events] == ["recovery"]
    _recover(workspace, "S-10", "W1004339", record_id="REC-4339", probability=analysis.PLAUSIBLE)
    assert analysis.custody_chain(workspace, "SEIZ-2020/S-10").item is not None


def test_fit_in_range() -> None:
    from armstrace.analysis.ranges import fit_in_range

    assert fit_in_range("RA10Q0452", "RA1000216", "RA1000508").serial == "RA1000452"
    assert fit_in_range("w-1001419", "W1001023", "W1001480").serial == "W1001419"
    fit = fit_in_range("?10?1083", "W1001023", "W1001480")
    assert (fit.count, fit.serial, fit.exact) == (1, "W1001083", True)
    fit = fit_in_range("RA1000?9?", "RA1000216", "RA1000508")
    assert (fit.count, fit.first, fit.last) == (30, "RA1000290", "RA1000499")
    fit = fit_in_range("104016", "100026", "100429")  # two digits transposed
    assert (fit.count, fit.serial, fit.exact) == (1, "100416", False)
    assert fit_in_range("*000444", "RA1000216", "RA1000508").serial == "RA1000444"
    assert fit_in_range("W1004340", "W1001023", "W1001480").serial == "W1001340"  # one misread digit
    assert fit_in_range("W1009999", "W1001023", "W1001480").count == 0
    assert fit_in_range("W10?????", "W0000000", "W9999999", limit=1000).count == 0  # too wide to try
    assert fit_in_range(None, "W1001023", "W1001480").count == 0


def test_a_registry_row_without_its_holder_still_dates_legal_custody(workspace: Workspace) -> None:
    """SIGAR-style incomplete rows: the holder is missing but the row says since when the item was on charge."""
    add_case(workspace)
    agency = workspace.agency()
    with workspace.session() as s:
        reg = s.scalars(select(Source).where(Source.name == "US transfers to ANDSF")).one()
        s.add(
            Item(
                agency_id=agency.id, source_id=reg.id, record_id="ANP-1", serial="ДТ1746", serial_norm="DT1746",
                manufacturer="Izhmash", status="in_inventory", date=dt.date(2011, 9, 3), row_hash=_hash(),
            )
        )  # fmt: skip
    _recover(workspace, "S-7", "ДТI746", record_id="ANP-1", probability=0.99)
    chain = analysis.custody_chain(workspace, "SEIZ-2020/S-7")
    assert [e.kind for e in chain.events] == ["manufacture", "registry", "recovery"]
    assert chain.last_legal is not None and chain.last_legal.holder is None  # not the maker
    assert chain.last_legal.date == dt.date(2011, 9, 3) and chain.last_legal_basis == "registry"
    assert (
        chain.time_to_recovery is not None
        and chain.time_to_recovery.days == (dt.date(2020, 5, 1) - dt.date(2011, 9, 3)).days
    )
    assert analysis.counts([chain]).by_unit == {"unknown": 1}
    with workspace.session() as s:  # a national lost/stolen list that does not name who lost it
        reg = s.scalars(select(Source).where(Source.name == "US transfers to ANDSF")).one()
        s.add(
            Item(
                agency_id=agency.id, source_id=reg.id, record_id="LST-1", serial="2005690", serial_norm="2005690",
                manufacturer="FN America", status="lost", date=dt.date(2019, 2, 24), row_hash=_hash(),
            )
        )  # fmt: skip
    _recover(workspace, "S-8", "20D5690", record_id="LST-1", probability=0.99)
    lost = analysis.custody_chain(workspace, "SEIZ-2020/S-8")
    assert lost.last_legal is not None and lost.last_legal.holder is None  # someone after the maker lost it
    assert lost.last_legal.date == dt.date(2019, 2, 24)
    assert lost.diversion is not None and lost.diversion.documented
    assert lost.diversion.first_illicit.kind == "reported_lost"


def test_lookup_errors_are_clear(workspace: Workspace) -> None:
    add_case(workspace)
    with pytest.raises(NotFoundError):
        analysis.custody_chain(workspace, "NO-SUCH-THING")
    with pytest.raises(NotFoundError):
        analysis.custody_chain(workspace, "REC-4340", kind="recovery")


def test_other_agencies_records_stay_invisible(workspace: Workspace) -> None:
    workspace.ensure_agency("OTHER", "Other agency")
    add_case(workspace, agency_code="OTHER")
    with pytest.raises(NotFoundError):
        analysis.custody_chain(workspace, "JAFFAR-2025/R-1")
    assert analysis.summary(workspace).recoveries == 0
    assert analysis.summary(workspace, None).recoveries == 6  # a server administrator sees all


def test_summary_flows_consignments_and_shares(workspace: Workspace) -> None:
    add_case(workspace)
    summary = analysis.summary(workspace)
    assert (summary.recoveries, summary.linked, summary.confirmed) == (6, 5, 3)
    biggest = summary.consignments[0]
    assert [m.recovery.recovery_code for m in biggest.members] == ["R-1", "R-2", "R-3"]
    assert biggest.basis == "consecutive+range" and biggest.range_record == "T-MAKER"
    assert biggest.span == 2 and biggest.incidents == ["JAFFAR-2025"]
    ranged = [c for c in summary.consignments if c.range_record == "REC-RANGE"]
    assert len(ranged) == 1 and ranged[0].basis == "range_record" and ranged[0].size == 2
    flow = summary.flows[0]
    assert (flow.origin, flow.recipient, flow.recovery_country, flow.count) == ("US", "ANA 205th Corps", "PK", 3)
    assert summary.counts.by_recovery_country == {"PK": 4, "AF": 2}
    assert summary.counts.by_origin["US"] == 5
    assert summary.time_to_recovery.count == 5 and summary.time_to_recovery.within_3_years == 2
    share = summary.registry_shares[0]
    assert (share.source, share.items, share.recovered, share.confirmed) == ("US transfers to ANDSF", 105, 5, 3)
    assert share.by_country == {"PK": 3, "AF": 2}
    data = summary.to_dict(with_chains=True)
    assert len(data["chains"]) == 6 and data["time_to_recovery"]["buckets"]["1–3 years"] == 2


def _chain(code: str, serial: str, maker: str = "Colt") -> CustodyChain:
    ref = RecoveryRef(next(_ids), code, "INC", None, None, None, None, serial, False, maker, None, None)
    return CustodyChain(recovery=ref, item=None)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 5000), min_size=1, max_size=30, unique=True), st.integers(1, 200))
def test_consecutive_clusters_partition_by_gap(numbers: list[int], gap: int) -> None:
    chains = [_chain(f"R{n}", f"AB{n:06d}") for n in numbers]
    clusters = analysis.consignments(chains, max_gap=gap)
    members: list[ConsignmentMember] = [m for c in clusters for m in c.members]
    assert len({m.recovery.recovery_id for m in members}) == len(members)  # no recovery in two clusters
    for c in clusters:
        nums = [int(m.serial[2:]) for m in c.members]
        assert nums == sorted(nums) and all(b - a <= gap for a, b in pairwise(nums))
        assert c.size >= 2 and c.span == nums[-1] - nums[0]
    clustered = {int(m.serial[2:]) for m in members}
    for n in numbers:  # a recovery left alone has no neighbour within the gap
        if n not in clustered:
            assert all(abs(n - other) > gap for other in numbers if other != n)


def test_different_makers_or_prefixes_do_not_cluster() -> None:
    chains = [_chain("A", "W100"), _chain("B", "W101", maker="FN"), _chain("C", "X102")]
    assert analysis.consignments(chains) == []


def test_time_to_recovery_indicator_edges() -> None:
    assert analysis.time_to_recovery(None, dt.date(2020, 1, 1)) is None
    assert analysis.time_to_recovery(dt.date(2020, 1, 1), dt.date(2023, 1, 1)).trafficking_indicator  # type: ignore[union-attr]
    later = analysis.time_to_recovery(dt.date(2020, 1, 1), dt.date(2023, 1, 3))
    assert later is not None and not later.trafficking_indicator


# --- against the synthetic generator's ground truth ---------------------------------------------------------


def test_synthetic_scenario_matches_ground_truth(sqlite_workspace: Workspace, tmp_path: Path) -> None:
    """Import a generated scenario; link each recovery to its true record (the matcher is tested elsewhere);
    the chains must name the generator's last legal holder, its country and date, and the diversion date."""
    from armstrace.ingest import import_file
    from armstrace.synth import generate

    ws = sqlite_workspace
    out = tmp_path / "scenario"
    generate(out, items=3000, seed=7)
    for kind in ("registry", "transfers", "incidents", "recoveries"):
        source = f"synth {kind}" if kind in ("registry", "transfers") else None
        import_file(ws, kind, out / f"{kind}.csv", source=source, quarantine=tmp_path / f"{kind}.quarantine.csv")
    with open(out / "truth.csv", newline="", encoding="utf-8") as fh:
        truth = [row for row in csv.DictReader(fh) if row["record_id"]]
    with ws.session() as s:
        agency = ws.agency().id
        recs = {code: rid for code, rid in s.execute(select(Recovery.recovery_code, Recovery.id))}
        items: dict[str, int] = {}
        for record_id, item_id in s.execute(select(Item.record_id, Item.id).order_by(Item.id)):
            items.setdefault(record_id, item_id)
        s.add_all(
            Match(
                agency_id=agency,
                recovery_id=recs[row["recovery_id"]],
                item_id=items[row["record_id"]],
                probability=1.0,
                status="confirmed",
            )
            for row in truth
        )
    chains = {c.recovery.recovery_code: c for c in analysis.chains(ws) if c.recovery}
    holders = dates = dated = diverted = documented = 0
    for row in truth:
        chain = chains[row["recovery_id"]]
        last = chain.last_legal
        assert last is not None, row
        holders += (last.holder, last.country) == (row["last_legal_holder"], row["last_legal_holder_country"])
        if chain.last_legal_basis == "transfer":  # the receipt is on record: its date must be the true one
            dated += 1
            dates += str(last.date) == row["last_legal_date"]
        if chain.diversion is not None and chain.diversion.documented:
            documented += 1
            diverted += str(chain.diversion.first_illicit.date) == row["diverted_at"]
    assert holders == len(truth) > 100
    assert dates == dated > 0.8 * len(truth)
    assert diverted == documented > 0.5 * len(truth)


def test_ambiguous_recovery_code_is_an_input_error(workspace: Workspace) -> None:
    add_case(workspace)
    with workspace.session() as s:
        inc = s.scalars(select(Incident).where(Incident.code == "SEIZ-2020")).one()
        s.add(Recovery(agency_id=inc.agency_id, incident_id=inc.id, recovery_code="R-1", row_hash=_hash()))
    with pytest.raises(InputError, match="INCIDENT/RECOVERY"):
        analysis.custody_chain(workspace, "R-1")
    assert analysis.custody_chain(workspace, "SEIZ-2020/R-1").events[-1].reference == "SEIZ-2020/R-1"
