"""Ammunition lots: a lot or headstamp as read matched to the lot transfers it can come from."""

from __future__ import annotations

import datetime as dt
import json
import secrets
from pathlib import Path

import pytest
from sqlalchemy import select

from armstrace.ammunition import lot_records, lots_across_incidents, match_recovered_lot, record_ammunition
from armstrace.auth import Actor
from armstrace.cli import run
from armstrace.exceptions import InputError, PermissionDeniedError
from armstrace.linkage.lots import LotReading, LotRecord, lot_weight, match_lot
from armstrace.model import AuditEvent, Incident, Item, Transfer
from armstrace.store import Workspace

from .webkit import World, build_world

LC = "Lake City Army Ammunition Plant"


def _records() -> list[LotRecord]:
    def rec(key: str, lot: str, calibre: str, year: int, maker: str, date: dt.date, qty: int = 100_000) -> LotRecord:
        return LotRecord(key, lot, calibre, year, maker, qty, "US Army", "Afghan National Army", "AF", date)

    return [
        rec("t1", "LC-12-E-045", "5.56x45mm NATO", 2012, LC, dt.date(2013, 5, 1)),
        rec("t2", "LC-12-E-046", "5.56x45mm NATO", 2012, LC, dt.date(2013, 5, 1)),
        rec("t3", "LC-12-E-845", "5.56x45mm NATO", 2012, LC, dt.date(2013, 8, 1), 300),
        rec("t4", "LC-13-F-101", "5.56x45mm NATO", 2013, LC, dt.date(2014, 2, 1)),
        rec("t5", "WCC-08-B-112", "7.62x51mm NATO", 2008, "Winchester", dt.date(2010, 1, 1)),
    ]


def _top(reading: LotReading) -> tuple[str | None, float, float]:
    found = match_lot(reading, _records())
    assert sum(c.probability for c in found.candidates) + found.absent_probability == pytest.approx(1)
    return found.candidates[0].record.lot, found.candidates[0].probability, found.absent_probability


def test_an_exact_lot_is_that_lot_and_separators_do_not_matter() -> None:
    lot, p, absent = _top(LotReading(lot="lc 12 e 045"))
    assert lot == "LC-12-E-045" and p > 0.9 and 0 < absent < 0.1  # an unrecorded neighbour lot stays possible


def test_a_lot_misread_like_a_serial_still_finds_its_lot_before_its_neighbour() -> None:
    # S for 5 and O for 0 are the confusions stamped serials suffer; Cyrillic С is a Latin C.
    found = match_lot(LotReading(lot="СL-12-E-O4S".replace("СL", "LC")), _records())
    assert [c.record.lot for c in found.candidates[:2]] == ["LC-12-E-045", "LC-12-E-046"]
    assert found.candidates[0].probability > 5 * found.candidates[1].probability
    assert "confusable" in found.candidates[0].text
    assert match_lot(LotReading(lot="ІС-12-Е-045"), _records()).candidates[0].record.lot == "LC-12-E-045"
    weight_confusable, why = lot_weight("LC12E04S", "LC12E045")
    weight_other, _ = lot_weight("LC12E04S", "LC12E046")
    assert weight_confusable > weight_other and why == "S/5 confusable"


def test_an_unreadable_character_is_neutral_and_a_foreign_lot_is_not_in_the_records() -> None:
    lot, p, _absent = _top(LotReading(lot="LC-12-E-0?5"))
    assert lot == "LC-12-E-045" and p > 0.9
    _lot, _p, absent = _top(LotReading(lot="XY-99-Q-777"))
    assert absent > 0.99


def test_an_unrecorded_neighbour_lot_is_not_forced_onto_its_recorded_neighbours() -> None:
    # -047 is not on file; 7 for 5 or 6 is no misreading, so an unrecorded -047 is the likelier source ...
    _lot, p, absent = _top(LotReading(lot="LC-12-E-047"))
    assert absent > 0.5 and p < 0.25
    # ... while a confusable misreading of a recorded lot stays with it.
    lot, p, absent = _top(LotReading(lot="LC-12-E-O4S"))
    assert lot == "LC-12-E-045" and p > 0.8 and absent < 0.1


def test_a_headstamp_alone_points_to_its_maker_and_year_not_to_one_lot() -> None:
    found = match_lot(LotReading(headstamp="LC 12"), _records())
    top = [c for c in found.candidates if c.probability > 0.1]
    assert {c.record.lot for c in top} == {"LC-12-E-045", "LC-12-E-046", "LC-12-E-845"}  # identified: LC, 2012
    assert max(c.probability for c in top) - min(c.probability for c in top) < 1e-9  # a tie, said as one
    wcc = next(c for c in found.candidates if c.record.lot == "WCC-08-B-112")
    assert wcc.probability < 0.01


def test_dates_and_quantities_weigh_against_impossible_sources() -> None:
    early = match_lot(LotReading(lot="LC-13-F-101", recovered_on=dt.date(2013, 6, 1)), _records()).candidates[0]
    assert any(e.name == "date" and e.weight < 0 for e in early.evidence)
    late = match_lot(LotReading(lot="LC-13-F-101", recovered_on=dt.date(2025, 3, 11)), _records()).candidates[0]
    assert late.probability > early.probability
    many = match_lot(LotReading(lot="LC-12-E-845", quantity=1000), _records()).candidates[0]
    assert any(e.name == "quantity" and e.weight < 0 for e in many.evidence)
    with pytest.raises(InputError, match="give a lot number"):
        match_lot(LotReading(quantity=3), _records())


# --- in a workspace ------------------------------------------------------------------------------------


def _lots_world(ws: Workspace) -> World:
    """Agency A's registry lot and its transfers; a lot transfer agency B keeps private."""
    world = build_world(ws)
    a, b = world.ids["agency_A"], world.ids["agency_B"]
    with ws.session() as s:
        s.add(Item(agency_id=a, visibility="private", source_id=world.ids["source_A"], record_id="LOT-045",
                   weapon_type="ammunition", lot="LC-12-E-045", calibre="5.56x45mm NATO", year=2012, manufacturer=LC,
                   quantity=500_000, row_hash=secrets.randbits(62)))  # fmt: skip
        for i, (lot, to) in enumerate((("LC-12-E-045", "Afghan National Army"), ("LC-12-E-046", "Afghan Police"))):
            s.add(Transfer(agency_id=a, visibility="private", source_id=world.ids["source_A"], transfer_id=f"L{i}",
                           record_id=None if i else "LOT-045", weapon_type="ammunition", quantity=200_000,
                           manufacturer=LC, from_holder="US Army", to_holder=to, to_country="AF",
                           date=dt.date(2013, 5, 1), attributes={"lot": lot, "calibre": "5.56x45mm NATO",
                                                                 "year": "2012"} if i else None,
                           row_hash=secrets.randbits(62)))  # fmt: skip
        s.add(Transfer(agency_id=b, visibility="private", source_id=world.ids["source_B"], transfer_id="LB",
                       weapon_type="ammunition", quantity=9, manufacturer=LC, from_holder="Secret depot",
                       to_holder="Unit 9", date=dt.date(2014, 1, 1), attributes={"lot": "LC-12-E-047"},
                       row_hash=secrets.randbits(62)))  # fmt: skip
        s.add(Incident(agency_id=a, visibility="private", code="A-CACHE", date=dt.date(2025, 6, 1), country="PK"))
    return world


def test_recorded_ammunition_is_identified_matched_and_seen_across_incidents(sqlite_workspace: Workspace) -> None:
    world = _lots_world(sqlite_workspace)
    a = Actor(None, "a_analyst", world.ids["agency_A"], "A", "analyst")
    with sqlite_workspace.session() as s:
        assert {r.lot for r in lot_records(s, a.scope)} == {"LC-12-E-045", "LC-12-E-046"}  # not B's private lot
        box = record_ammunition(s, a, "A-PRIV", "AM-1", lot="LC12EO45", headstamp="LC 12", quantity=420,
                                packaging="CTG 5.56MM BALL M855 LOT LC12E045")  # fmt: skip
        assert (box.manufacturer, box.year, box.calibre) == (LC, 2012, None)  # calibre: not in a bare headstamp
        record_ammunition(s, a, "A-CACHE", "AM-7", lot="LC-12-E-045", calibre="5.56mm")
        events = s.scalars(select(AuditEvent).where(AuditEvent.action == "recovery.create")).all()
        assert [e.detail["kind"] for e in events if e.detail] == ["ammunition", "ammunition"]
        found = match_recovered_lot(s, a, "A-PRIV/AM-1")
        best = found.candidates[0]
        assert best.record.lot == "LC-12-E-045" and best.record.to_holder == "Afghan National Army"
        assert best.probability > 0.8 and "0/O confusable" in best.text.replace("O/0", "0/O")
        groups = lots_across_incidents(s, a)
        assert groups[0]["lot"] == "LC-12-E-045" and groups[0]["incidents"] == ["A-CACHE", "A-PRIV"]
        with pytest.raises(PermissionDeniedError):
            record_ammunition(s, Actor(None, "b", world.ids["agency_B"], "B", "analyst"), "A-SHARED", "X",
                              lot="1")  # fmt: skip
        with pytest.raises(InputError, match="at least a lot"):
            record_ammunition(s, a, "A-PRIV", "AM-2")


def test_cli_ammo_add_and_match(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "ws.db")
    assert run(["--db", db, "init"]) == 0
    assert run(["--db", db, "incident", "add", "JE-1", "--date", "2025-03-11", "--country", "pk"]) == 0
    capsys.readouterr()
    assert run(["--db", db, "ammo", "add", "JE-1", "A-1", "--lot", "LC12E045", "--headstamp", "LC 12", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["manufacturer"] == LC
    assert run(["--db", db, "ammo", "match", "JE-1/A-1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["not_in_records"] == 1.0  # no lot transfers in this workspace
    assert run(["--db", db, "ammo", "add", "JE-1", "A-2"]) == 2
    assert "at least a lot" in capsys.readouterr().err


def test_lot_records_read_transfers_typed_or_naming_a_registry_lot_and_the_recovery_is_audited(
    sqlite_workspace: Workspace,
) -> None:
    world = _lots_world(sqlite_workspace)
    a = Actor(None, "a_analyst", world.ids["agency_A"], "A", "analyst")
    with sqlite_workspace.session() as s:
        s.add(Transfer(agency_id=world.ids["agency_A"], visibility="private", source_id=world.ids["source_A"],
                       transfer_id="L9", record_id="LOT-045", weapon_type=None, from_holder="Afghan National Army",
                       to_holder="Depot 9", date=dt.date(2014, 1, 1), attributes={"year": "2012.0"},
                       row_hash=secrets.randbits(62)))  # fmt: skip
        s.flush()
        records = lot_records(s, a.scope)
        # The untyped transfer names the registry lot by record_id: a lot record with the lot's fields; a year
        # that is not a whole number ("2012.0") is not read, the registry lot's year stands.
        named = next(r for r in records if r.to_holder == "Depot 9")
        assert (named.lot, named.calibre, named.year, named.manufacturer) == ("LC-12-E-045", "5.56x45mm NATO", 2012, LC)
        assert [r.key.split(":")[0] for r in records] == ["transfer"] * 3  # the registry lot moved: no item record
        box = record_ammunition(s, a, "A-PRIV", " AM-9 ", lot="LC-12-E-045", quantity=30, packaging="")
        assert box.recovery_code == "AM-9" and box.attributes == {"lot": "LC-12-E-045", "quantity": 30}
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "recovery.create")).all()[-1]
        assert (event.entity, event.entity_id) == ("recovery", str(box.id))
        assert event.detail == {"incident": "A-PRIV", "recovery_code": "AM-9", "kind": "ammunition",
                                "lot": "LC-12-E-045", "headstamp": None, "quantity": 30}  # fmt: skip
        bare = record_ammunition(s, a, "A-PRIV", "AM-10", calibre="7.62mm")
        assert bare.attributes is None  # nothing read beyond the columns
        with pytest.raises(InputError, match="quantity: 0 is not a count"):
            record_ammunition(s, a, "A-PRIV", "AM-11", lot="1", quantity=0)
