"""A small synthetic case built with the ORM for the report tests: one attack, a seizure, a hidden incident.

Dense consecutive M4A1 serials shipped as one range to the Afghan army, captured in 2021 and recovered
in Pakistan; one exact match, one read with an unknown character (three tied candidates), one
confirmed, one rejected, one without any candidate; trace requests answered and overdue; and an
incident of another agency, kept private, that the reporting agency must never see.
"""

from __future__ import annotations

import datetime as dt
import zlib
from typing import Any

from armstrace.linkage import Evidence
from armstrace.model import (
    Agency,
    Incident,
    Item,
    Match,
    Recovery,
    Source,
    TraceRequest,
    TraceRequestItem,
    Transfer,
)
from armstrace.store import Workspace

HIDDEN_CODE = "OTHER-SECRET-7"


def _explanation(read: str, serial: str, serial_lr: float, extra: float = 1.2) -> dict[str, Any]:
    return {
        "summary": f"Serial read {read} agrees with registry serial {serial}; maker and model agree.",
        "evidence": [
            {"evidence": "serial", "observed": read, "registry": serial, "agreement": "exact" if read == serial
             else "one unknown character", "log10_lr": serial_lr},
            {"evidence": "manufacturer", "observed": "COLT", "registry": "Colt", "agreement": "same maker",
             "log10_lr": extra},
            {"evidence": "model", "observed": "M4A1", "registry": "M4A1", "agreement": "exact", "log10_lr": 0.9},
            {"evidence": "serial frequency", "detail": "serial format shared by 2.1 million records", "log10_lr": -0.6},
        ],
    }  # fmt: skip


def _matcher_explanation(read: str, serial: str) -> dict[str, Any]:
    """The layout the linkage matcher writes: its sentence and its structured evidence (log10 weights)."""
    evidence = [
        Evidence(name="prior", observed="40 registry items", expected=None, weight=-1.6,
                 text="before the evidence: 1 of 40 registry items"),
        Evidence(name="serial", observed=read, expected=serial, weight=3.4,
                 text=f"serial read {read!r} vs registry {serial!r}: agrees with every known "
                 "character; a weapon not in the registry reads so about 1 time in 2,400"),
        Evidence(name="model", observed="M4A1", expected="M4A1", weight=1.59,
                 text="model M4A1 = M4A1 (agree; 3% of the registry)"),
        Evidence(name="calibre", observed="7.62x39mm", expected="5.56x45mm", weight=-1.2,
                 text="calibre 7.62x39mm ≠ 5.56x45mm (disagree; 41% of the registry)"),
        Evidence(name="alternatives", observed="2 candidates", expected=None, weight=0.0,
                 text="other registry records: 1 almost as well (consecutive "
                 "serials often differ by one digit); together they take 0.410 of the probability"),
    ]  # fmt: skip
    text = "; ".join(f"{e.text} (LR {10**e.weight:,.0f})" for e in evidence[1:])
    return {"text": text, "evidence": [e.as_dict() for e in evidence]}


def _text_explanation(read: str, serial: str) -> dict[str, Any]:
    """The older layout: the matcher's one sentence only."""
    return {"text": f"serial read {read!r} vs registry {serial!r}: agrees exactly; a random serial of this form reads "
            "so about 1 time in 576,866 (LR 830,846); model M4A1 = M4A1 (agree; 3% of the registry) (LR 39); "
            "P(not in this registry) = 0.000"}  # fmt: skip


def build_case(ws: Workspace, *, synthetic: bool = True, items: int = 40) -> dict[str, Any]:
    """Fill ``ws`` with the case, owned by the workspace's acting agency; return ids the tests need."""
    me = ws.agency()
    with ws.session() as s:
        other = Agency(code="OTHER", name="Other agency", country="AF")
        s.add(other)
        s.flush()
        reg = Source(
            agency_id=me.id,
            name="ANDSF weapons registry (synthetic)",
            kind="registry",
            provenance="synthetic scenario, armstrace synth",
            synthetic=synthetic,
        )
        tra = Source(
            agency_id=me.id,
            name="US transfers to Afghan forces 2002-2021 (synthetic)",
            kind="transfers",
            provenance="synthetic scenario modelled on DD Form 1149 shipment records",
            synthetic=synthetic,
        )
        s.add_all([reg, tra])
        s.flush()
        base = 1004320
        serials = [f"W{base + i}" for i in range(items)]
        item_rows = []
        for i, serial in enumerate(serials):
            it = Item(agency_id=me.id, source_id=reg.id, record_id=f"ANA-{i:05d}", serial=serial, serial_norm=serial,
                      manufacturer="Colt", model="M4A1", calibre="5.56x45mm", weapon_type="carbine", country="US",
                      year=2017, status="lost", holder="ANA 205th Corps, Kandahar", holder_country="AF",
                      date=dt.date(2021, 8, 15), synthetic=synthetic, row_hash=1000 + i)  # fmt: skip
            item_rows.append(it)
        mg = Item(agency_id=me.id, source_id=reg.id, record_id="ANA-MG-001", serial="M249-118842",
                  serial_norm="M249118842", manufacturer="FN Manufacturing", model="M249", calibre="5.56x45mm",
                  weapon_type="machine_gun", country="US", year=2012, status="in_service", holder="ANA 203rd Corps",
                  holder_country="AF", synthetic=synthetic, row_hash=999)  # fmt: skip
        s.add_all([*item_rows, mg])
        s.flush()
        s.add_all([
            Transfer(agency_id=me.id, source_id=tra.id, transfer_id="T-1", serial=serials[0], serial_end=serials[-1],
                     serial_norm=serials[0], quantity=items, from_holder="Colt's Manufacturing", from_country="US",
                     to_holder="US Army TACOM", to_country="US", date=dt.date(2017, 11, 20),
                     document_ref="W56HZV-17-C-0001", synthetic=synthetic, row_hash=1),
            Transfer(agency_id=me.id, source_id=tra.id, transfer_id="T-2", serial=serials[0], serial_end=serials[-1],
                     serial_norm=serials[0], quantity=items, from_holder="US Army TACOM", from_country="US",
                     to_holder="Afghan National Army, Kabul depot", to_country="AF", date=dt.date(2018, 1, 9),
                     document_ref="DD1149-AF-18-0042", synthetic=synthetic, row_hash=2),
            Transfer(agency_id=me.id, source_id=tra.id, transfer_id="T-3", serial=serials[0], serial_end=serials[-1],
                     serial_norm=serials[0], quantity=items, from_holder="Afghan National Army, Kabul depot",
                     from_country="AF", to_holder="ANA 205th Corps, Kandahar", to_country="AF",
                     date=dt.date(2019, 4, 2), document_ref="ANA-ISSUE-19-311", synthetic=synthetic, row_hash=3),
            Transfer(agency_id=me.id, source_id=tra.id, transfer_id="T-4", serial=serials[0], serial_end=serials[-1],
                     serial_norm=serials[0], quantity=items, from_holder="ANA 205th Corps, Kandahar",
                     from_country="AF", to_holder="Taliban forces (captured)", to_country="AF",
                     date=dt.date(2021, 8, 15), legal=False, synthetic=synthetic, row_hash=4),
            Transfer(agency_id=me.id, source_id=tra.id, transfer_id="T-MG", record_id="ANA-MG-001",
                     serial="M249-118842", serial_norm="M249118842", quantity=1, from_holder="US Army TACOM",
                     from_country="US", to_holder="ANA 203rd Corps, Gardez", to_country="AF",
                     date=dt.date(2013, 6, 1), document_ref="DD1149-AF-13-0107", synthetic=synthetic, row_hash=5),
        ])  # fmt: skip
        attack = Incident(agency_id=me.id, code="JE-2025-03-11", date=dt.date(2025, 3, 11), country="PK",
                          admin1="Balochistan", admin2="Kachhi", place="Bolan Pass, near Mashkaf tunnel",
                          latitude=29.63, longitude=67.42, kind="attack", title="Attack on the Jaffar Express",
                          description="Militants stopped the Quetta–Peshawar passenger train in the Bolan Pass and "
                          "held passengers hostage. Weapons were recovered after the security operation.",
                          synthetic=synthetic)  # fmt: skip
        seizure = Incident(agency_id=me.id, code="QTA-2024-117", date=dt.date(2024, 9, 2), country="PK",
                           admin1="Balochistan", place="Quetta", latitude=30.18, longitude=66.99, kind="seizure",
                           title="Seizure at a vehicle checkpoint", synthetic=synthetic)  # fmt: skip
        hidden = Incident(agency_id=other.id, code=HIDDEN_CODE, date=dt.date(2024, 1, 1), country="AF",
                          title="Private incident of another agency", latitude=34.5, longitude=69.2,
                          synthetic=synthetic)  # fmt: skip
        s.add_all([attack, seizure, hidden])
        s.flush()

        def rec(inc: Incident, code: str, serial: str | None, **kw: Any) -> Recovery:
            r = Recovery(agency_id=inc.agency_id, incident_id=inc.id, recovery_code=code, serial_read=serial,
                         synthetic=synthetic, row_hash=zlib.crc32(f"{inc.id}:{code}".encode()), **kw)  # fmt: skip
            s.add(r)
            return r

        m4 = {"manufacturer": "COLT", "model": "M4A1", "calibre": "5.56mm", "weapon_type": "carbine", "country": "US"}
        ident = {"manufacturer": "Colt's Manufacturing Company", "country": "US", "model": "M4A1",
                 "calibre": "5.56×45mm NATO", "year": 2017, "confidence": 0.94}  # fmt: skip
        r1 = rec(attack, "JE-01", "W1004340", identification=ident, **m4)
        r2 = rec(attack, "JE-02", "W10043?5", identification=ident, **m4)
        r3 = rec(attack, "JE-03", "W100435[38]", obliterated=True, condition="serial filed, restored", **m4)
        r4 = rec(attack, "JE-04", "M249-118842", manufacturer="FN", model="M249", weapon_type="machine_gun",
                 country="US")  # fmt: skip
        r5 = rec(attack, "JE-05", "56-1-19283", manufacturer="Norinco", model="Type 56", calibre="7.62x39mm",
                 weapon_type="rifle", country="CN", markings="66 in triangle / 56-1")  # fmt: skip
        r6 = rec(seizure, "Q-1", "W1004331", **m4)
        rec(hidden, "H-1", "W1004322", **m4)
        s.flush()
        by_serial = {it.serial: it for it in item_rows}

        def match(r: Recovery, it: Item, p: float, rank: int, status: str = "candidate", **kw: Any) -> None:
            s.add(Match(agency_id=me.id, recovery_id=r.id, item_id=it.id, matched_serial=it.serial, rank=rank,
                        probability=p, status=status, **kw))  # fmt: skip

        match(r1, by_serial["W1004340"], 0.972, 1, explanation=_explanation("W1004340", "W1004340", 5.1))
        match(r1, by_serial["W1004346"], 0.011, 2, explanation=_explanation("W1004340", "W1004346", 1.0))
        for rank, serial in enumerate(("W1004335", "W1004345", "W1004355"), start=1):
            match(r2, by_serial[serial], 0.318, rank, explanation=_explanation("W10043?5", serial, 3.9))
        match(r3, by_serial["W1004353"], 0.55, 1, explanation=_matcher_explanation("W100435[38]", "W1004353"))
        match(r3, by_serial["W1004358"], 0.41, 2, explanation=_explanation("W100435[38]", "W1004358", 3.5))
        match(r4, mg, 0.931, 1, status="confirmed", reviewed_by="examiner.khan",
              reviewed_at=dt.datetime(2025, 4, 2, 10, 0), review_note="Receiver markings checked against photos.",
              explanation={"summary": "exact serial, maker and model agree"})  # fmt: skip
        match(r6, by_serial["W1004331"], 0.96, 1, explanation=_text_explanation("W1004331", "W1004331"))
        match(r6, by_serial["W1004337"], 0.02, 2, status="rejected", reviewed_by="analyst.a",
              explanation=_explanation("W1004331", "W1004337", 1.0))  # fmt: skip
        s.flush()
        answered = TraceRequest(agency_id=me.id, reference="TR-2025-0001", recipient_name="US National Tracing Center",
                                recipient_country="US", status="answered", priority="urgent",
                                sent_at=dt.datetime(2025, 3, 20), due_date=dt.date(2025, 4, 20),
                                answered_at=dt.datetime(2025, 4, 9), synthetic=synthetic)  # fmt: skip
        overdue = TraceRequest(agency_id=me.id, reference="TR-2025-0002", recipient_name="Ministry of Defence",
                               recipient_country="AF", status="sent", priority="routine",
                               sent_at=dt.datetime(2025, 3, 21), due_date=dt.date(2025, 5, 21),
                               synthetic=synthetic)  # fmt: skip
        s.add_all([answered, overdue])
        s.flush()
        s.add_all([TraceRequestItem(trace_request_id=answered.id, recovery_id=r1.id),
                   TraceRequestItem(trace_request_id=overdue.id, recovery_id=r4.id)])  # fmt: skip
        return {"incident": attack.code, "seizure": seizure.code, "hidden": hidden.code, "agency_id": me.id,
                "r5": r5.id}  # fmt: skip
