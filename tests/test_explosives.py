"""Explosives and IED components: marks and lot or date-shift codes traced to supply records like lots."""

from __future__ import annotations

import datetime as dt
import json
import secrets
from pathlib import Path

import pytest
from sqlalchemy import select

from armstrace.ammunition import lot_records
from armstrace.auth import Actor
from armstrace.cli import run
from armstrace.exceptions import InputError, PermissionDeniedError
from armstrace.explosives import (
    component_kind,
    component_records,
    match_component,
    match_recovered_component,
    parse_date_shift,
    reading_of,
    record_component,
)
from armstrace.linkage.lots import LotReading, LotRecord
from armstrace.model import AuditEvent, Item, Source, Transfer
from armstrace.report import incident_context, incident_report
from armstrace.store import Workspace
from armstrace.supply import whole

from .webkit import World, build_world

MAKER = "Synthetic Explosives Maker A"


def test_a_date_shift_code_gives_the_date_and_shift_of_manufacture() -> None:
    assert parse_date_shift("14MAR24A") == (dt.date(2024, 3, 14), "A")
    assert parse_date_shift("12 jan 2013 b2") == (dt.date(2013, 1, 12), "B2")
    assert parse_date_shift("2024-09-20 C") == (dt.date(2024, 9, 20), "C")
    assert parse_date_shift("2024-09-20") == (dt.date(2024, 9, 20), None)
    for not_a_date in ("31FEB24A", "14MRA24A", "DC-2405-117", "", None):  # no such day, misread month, a lot
        assert parse_date_shift(not_a_date) == (None, None)


def test_component_kinds_have_one_vocabulary() -> None:
    assert component_kind("Det cord") == "detonating-cord" and component_kind("blasting cap") == "detonator"
    assert component_kind("commercial_explosive") == "commercial-explosive" and component_kind("fuse") == "fuze"
    with pytest.raises(InputError, match="'grenade' is not one of detonator"):
        component_kind("grenade")


def _records() -> list[LotRecord]:
    def rec(key: str, kind: str, code: str, year: int, to: str, date: dt.date, qty: int = 20_000) -> LotRecord:
        return LotRecord(key, code, kind, year, MAKER, qty, MAKER, to, None, date, f"INV-{key}")

    return [
        rec("t1", "detonator", "14MAR24A", 2024, "Distributor B", dt.date(2024, 4, 20)),
        rec("t2", "detonator", "14MAR24B", 2024, "Distributor B", dt.date(2024, 4, 20)),
        rec("t3", "detonator", "02FEB24A", 2024, "Distributor B", dt.date(2024, 3, 1)),
        rec("t4", "detonating-cord", "DC-2405-117", 2024, "Distributor B", dt.date(2024, 6, 10), 30_000),
        rec("t5", "detonating-cord", "DC-2405-118", 2024, "Distributor B", dt.date(2024, 6, 10), 30_000),
    ]


def test_a_date_shift_code_finds_its_shift_and_not_the_other_shift_of_that_day() -> None:
    found = match_component(LotReading(lot="14 MAR 24 B", calibre="detonator", manufacturer=MAKER), _records())
    assert found.candidates[0].record.key == "t2" and found.candidates[0].probability > 0.9
    assert found.candidates[1].record.key == "t1" and found.candidates[1].probability < 0.01  # A for B: no misreading
    assert found.reading.year == 2024  # read from the code
    with pytest.raises(InputError, match="give a lot or date-shift code"):
        match_component(LotReading(calibre="detonator"), _records())  # a kind alone names no supply record


def test_a_misread_code_stays_with_its_lot_and_the_kind_of_component_counts() -> None:
    found = match_component(LotReading(lot="DC-24O5-117", calibre="det cord", quantity=35), _records())
    best = found.candidates[0]
    assert best.record.key == "t4" and best.probability > 0.8
    assert "O/0 confusable" in best.text and "component detonating-cord agrees" in best.text
    # the same code read on a detonator box would contradict the record's kind of component
    as_detonator = match_component(LotReading(lot="DC-24O5-117", calibre="detonator"), _records()).candidates[0]
    assert as_detonator.weight < best.weight
    assert "component detonator read, detonating-cord recorded" in as_detonator.text


def test_the_explanation_speaks_of_components_not_calibres_and_rounds() -> None:
    found = match_component(LotReading(lot="14MAR24A", calibre="detonator", manufacturer=MAKER, quantity=50_000),
                            _records())  # fmt: skip
    text = found.candidates[0].text
    assert "calibre" not in text and "rounds" not in text and "lot " not in text
    assert f"maker {MAKER} agrees" in text and "50,000 units recovered, the record moved 20,000" in text


# --- in a workspace ------------------------------------------------------------------------------------


def _world(ws: Workspace) -> World:
    """Agency A's supply records of detonators (maker -> distributor -> user); a supply record B keeps private."""
    world = build_world(ws)
    a, b = world.ids["agency_A"], world.ids["agency_B"]
    with ws.session() as s:
        for i, (code, frm, to, qty) in enumerate((("14MAR24A", MAKER, "Distributor B", 20_000),
                                                  ("14MAR24A", "Distributor B", "Licensee C", 2_000),
                                                  ("14MAR24B", MAKER, "Distributor B", 20_000))):  # fmt: skip
            s.add(Transfer(agency_id=a, visibility="private", source_id=world.ids["source_A"], transfer_id=f"E{i}",
                           weapon_type="explosive", quantity=qty, manufacturer=MAKER, from_holder=frm, to_holder=to,
                           date=dt.date(2024, 4 + 3 * (i % 2), 20), attributes={"component": "detonator", "lot": code},
                           row_hash=secrets.randbits(62)))  # fmt: skip
        s.add(Transfer(agency_id=b, visibility="private", source_id=world.ids["source_B"], transfer_id="EB",
                       weapon_type="explosive", quantity=9, manufacturer=MAKER, from_holder="Secret depot",
                       to_holder="Unit 9", date=dt.date(2024, 5, 1), row_hash=secrets.randbits(62),
                       attributes={"component": "detonator", "lot": "14MAR24A"}))  # fmt: skip
    return world


def test_recorded_components_are_traced_to_the_supply_records_the_agency_may_see(sqlite_workspace: Workspace) -> None:
    world = _world(sqlite_workspace)
    a = Actor(None, "a_analyst", world.ids["agency_A"], "A", "analyst")
    with sqlite_workspace.session() as s:
        records = component_records(s, a.scope)
        assert sorted(r.to_holder or "" for r in records) == ["Distributor B", "Distributor B", "Licensee C"]
        assert {r.calibre for r in records} == {"detonator"} and {r.year for r in records} == {2024}
        assert lot_records(s, a.scope) == []  # explosives are not ammunition lots
        det = record_component(s, a, "A-PRIV", "EXP-1", component="blasting cap", manufacturer=MAKER,
                               marks="MAKER A / ELECTRIC DETONATOR", date_shift="14MAR24A", quantity=12,
                               packaging="carton: 25 ELECTRIC DETONATORS 14MAR24A")  # fmt: skip
        assert det.weapon_type == "explosive" and det.year == 2024
        assert det.attributes == {"component": "detonator", "date_shift": "14MAR24A", "manufactured": "2024-03-14",
                                  "shift": "A", "quantity": 12, "unit": "units",
                                  "packaging": "carton: 25 ELECTRIC DETONATORS 14MAR24A"}  # fmt: skip
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "recovery.create")).all()[-1]
        assert event.detail and event.detail["kind"] == "explosive" and event.detail["component"] == "detonator"
        found = match_recovered_component(s, a, "A-PRIV/EXP-1")
        same_code = [c for c in found.candidates if c.record.lot == "14MAR24A"]
        assert {c.record.to_holder for c in same_code} == {"Distributor B", "Licensee C"}  # not B's Unit 9
        assert sum(c.probability for c in same_code) > 0.9
        with pytest.raises(PermissionDeniedError):
            record_component(s, Actor(None, "b", world.ids["agency_B"], "B", "analyst"), "A-SHARED", "X",
                             component="fuze", lot="1")  # fmt: skip
        with pytest.raises(InputError, match="at least a lot"):
            record_component(s, a, "A-PRIV", "EXP-2", component="fuze")
        with pytest.raises(InputError, match="quantity"):
            record_component(s, a, "A-PRIV", "EXP-2", component="fuze", lot="F1", quantity=0)


def test_the_incident_report_lists_components_and_their_supply_records(
    sqlite_workspace: Workspace, tmp_path: Path
) -> None:
    world = _world(sqlite_workspace)
    a = Actor(None, "a_analyst", world.ids["agency_A"], "A", "analyst")
    with sqlite_workspace.session() as s:
        record_component(s, a, "A-PRIV", "EXP-1", component="detonator", manufacturer=MAKER, date_shift="14MAR24A")
        record_component(s, a, "A-PRIV", "EXP-2", component="fuze", marks="no code legible")
    with sqlite_workspace.session() as s:
        ctx = incident_context(s, "A-PRIV", world.ids["agency_A"])
        assert [e["code"] for e in ctx["explosives"]] == ["EXP-1", "EXP-2"]
        det = ctx["explosives"][0]
        assert {c["to_holder"] for c in det["candidates"][:2]} == {"Distributor B", "Licensee C"}
        assert ctx["explosives"][1]["not_in_records"] is None  # nothing on it to match, said so
        assert incident_context(s, "A-SHARED", world.ids["agency_A"])["explosives"] == []
    [html_path] = incident_report(sqlite_workspace, "A-PRIV", tmp_path, agency_id=world.ids["agency_A"],
                                  formats=("html",))  # fmt: skip
    section = html_path.read_text(encoding="utf-8").split('id="explosives"')[1].split("</section>")[0]
    assert "Explosive and IED components" in section and "made 2024-03-14, shift A" in section
    assert "Licensee C" in section and "Unit 9" not in section and "nothing on it to match" in section


def test_cli_explosive_add_match_search_and_mistakes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "ws.db")
    assert run(["--db", db, "init"]) == 0
    assert run(["--db", db, "incident", "add", "JE-1", "--date", "2025-03-11", "--country", "pk"]) == 0
    capsys.readouterr()
    assert run(["--db", db, "explosive", "add", "JE-1", "E-1", "--component", "detonator", "--date-shift",
                "14MAR24A", "--maker", MAKER, "--json"]) == 0  # fmt: skip
    out = json.loads(capsys.readouterr().out)
    assert out["component"] == "detonator" and out["manufactured"] == "2024-03-14" and out["year"] == 2024
    assert run(["--db", db, "explosive", "match", "JE-1/E-1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["not_in_records"] == 1.0  # no supply records in this workspace
    assert run(["--db", db, "explosive", "search", "--code", "14MAR24A", "--component", "cord"]) == 0
    assert "0 supply records searched" in capsys.readouterr().out
    assert run(["--db", db, "explosive", "add", "JE-1", "E-2", "--component", "grenade", "--lot", "1"]) == 2
    err = capsys.readouterr().err
    assert "'grenade' is not one of" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert run(["--db", db, "ammo", "add", "JE-1", "A-1", "--lot", "LC12E045"]) == 0
    capsys.readouterr()
    assert run(["--db", db, "explosive", "match", "JE-1/A-1"]) == 2
    assert "not an explosive component" in capsys.readouterr().err


def test_the_synthetic_cases_components_trace_to_their_own_supply_records_and_say_they_are_invented() -> None:
    from armstrace.synth.components import RECOVERED, SUPPLY

    records = [LotRecord(f"t{i}", s.code, s.component, s.year, s.manufacturer, s.quantity, s.from_holder,
                         s.to_holder, s.to_country, dt.date.fromisoformat(s.date), s.document_ref, True)
               for i, s in enumerate(SUPPLY)]  # fmt: skip
    expected = {"EXP-1": "14MAR24A", "EXP-2": "DC-2405-117", "EXP-3": "20SEP24C", "EXP-4": "FZ-89-0417"}
    for r in RECOVERED:
        reading = LotReading(lot=r.lot or r.date_shift, calibre=r.component, manufacturer=r.manufacturer,
                             recovered_on=dt.date(2025, 3, 11))  # fmt: skip
        found = match_component(reading, records)
        code = found.candidates[0].record.lot
        assert code == expected[r.code]  # misread or not, the code moved maker -> user is its source
        assert sum(c.probability for c in found.candidates if c.record.lot == code) > 0.9
    names = {s.manufacturer for s in SUPPLY} | {s.from_holder for s in SUPPLY} | {s.to_holder for s in SUPPLY}
    assert all(name.startswith("Synthetic ") for name in names)


def test_supply_records_of_every_registry_and_the_recovery_is_audited(sqlite_workspace: Workspace) -> None:
    world = _world(sqlite_workspace)
    a = Actor(None, "a_analyst", world.ids["agency_A"], "A", "analyst")
    with sqlite_workspace.session() as s:
        second = Source(agency_id=world.ids["agency_A"], visibility="private", name="registry A2", kind="registry")
        s.add(second)
        s.flush()
        for src, code in ((world.ids["source_A"], "01FEB23A"), (second.id, "02FEB23B")):  # one record id, 2 registries
            s.add(Item(agency_id=world.ids["agency_A"], visibility="private", source_id=src, record_id="DET-1",
                       weapon_type="explosive", lot=code, calibre="cap", manufacturer=MAKER, quantity=100,
                       row_hash=secrets.randbits(62)))  # fmt: skip
        s.add(Transfer(agency_id=world.ids["agency_A"], visibility="private", source_id=world.ids["source_A"],
                       transfer_id="E9", weapon_type="explosive", from_holder=MAKER, to_holder="Quarry D",
                       attributes={"component": "det cord", "date_shift": "05JUN22B", "year": "2021.0"},
                       row_hash=secrets.randbits(62)))  # fmt: skip
        s.add(Transfer(agency_id=world.ids["agency_A"], visibility="private", source_id=world.ids["source_A"],
                       transfer_id="E10", record_id="DET-1", weapon_type=None, from_holder=MAKER,
                       to_holder="Untyped", row_hash=secrets.randbits(62)))  # fmt: skip
        s.flush()
        records = component_records(s, a.scope)
        items = sorted((r.lot, r.calibre) for r in records if r.key.startswith("item:"))
        assert items == [("01FEB23A", "detonator"), ("02FEB23B", "detonator")]  # each registry's item counts
        assert "Untyped" not in {r.to_holder for r in records}  # a supply record is a transfer typed explosive
        cord = next(r for r in records if r.to_holder == "Quarry D")
        assert (cord.lot, cord.calibre, cord.year) == ("05JUN22B", "detonating-cord", 2021)  # "2021.0" is read
        cord_kg = record_component(s, a, "A-PRIV", " EXP-9 ", component="commercial explosive", lot="L1",
                                   quantity=2.5)  # fmt: skip
        assert cord_kg.recovery_code == "EXP-9" and cord_kg.attributes == {
            "component": "commercial-explosive", "lot": "L1", "quantity": 2.5, "unit": "kg"}  # fmt: skip
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "recovery.create")).all()[-1]
        assert (event.entity, event.entity_id) == ("recovery", str(cord_kg.id))
        assert event.detail == {"incident": "A-PRIV", "recovery_code": "EXP-9", "kind": "explosive",
                                "component": "commercial-explosive", "lot": "L1", "date_shift": None}  # fmt: skip
        assert reading_of(cord_kg).quantity == 2  # an amount in kg is read whole, not refused


def test_a_transfer_names_the_item_of_its_own_registry_when_two_share_a_record_id(sqlite_workspace: Workspace) -> None:
    world = _world(sqlite_workspace)
    analyst = Actor(None, "a_analyst", world.ids["agency_A"], "A", "analyst")
    with sqlite_workspace.session() as s:
        second = Source(agency_id=world.ids["agency_A"], visibility="private", name="registry A2", kind="registry")
        s.add(second)
        s.flush()
        for source, lot in ((world.ids["source_A"], "01FEB23A"), (second.id, "02FEB23B")):
            s.add(Item(agency_id=world.ids["agency_A"], visibility="private", source_id=source, record_id="DET-1",
                       weapon_type="explosive", lot=lot, calibre="cap", manufacturer=MAKER, quantity=100,
                       row_hash=secrets.randbits(62)))  # fmt: skip
        s.add(Transfer(agency_id=world.ids["agency_A"], visibility="private", source_id=world.ids["source_A"],
                       transfer_id="E11", record_id="DET-1", weapon_type="explosive", from_holder=MAKER,
                       to_holder="Quarry Z", row_hash=secrets.randbits(62)))  # fmt: skip
        s.flush()
        records = [r for r in component_records(s, analyst.scope) if r.lot in ("01FEB23A", "02FEB23B")]
    # the transfer moved source_A's lot; the other registry's item, never transferred, is still listed as held
    assert sorted((r.key.split(":")[0], r.lot, r.to_holder) for r in records) == [
        ("item", "02FEB23B", None),
        ("transfer", "01FEB23A", "Quarry Z"),
    ]


def test_a_number_too_large_for_a_whole_number_is_no_number() -> None:
    assert whole("inf", fractional=True) is None
    assert whole("1e400", fractional=True) is None
    assert whole("2.5", fractional=True) == 2
