"""Hit notices: a recovery matching another agency's record tells the owner, within the finder's sharing."""

from __future__ import annotations

import json
import socketserver
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

import pytest
from sqlalchemy import select

from armstrace.auth import Actor
from armstrace.cli import run
from armstrace.exceptions import NotFoundError, PermissionDeniedError
from armstrace.ingest.loader import import_file
from armstrace.linkage.workspace import xref_workspace
from armstrace.model import AuditEvent, Match, Share
from armstrace.records import add_incident
from armstrace.settings import Settings
from armstrace.sharing import notices
from armstrace.store import Workspace

OWNER, FINDER = "US-ATF", "PK-CTD"


def _as(ws: Workspace, agency: str, **changes: object) -> Workspace:
    return Workspace(replace(ws.settings, agency=agency, user=f"{agency.lower()}-officer", **changes), ws.engine)


def _actor(ws: Workspace, role: str = "agency_admin") -> Actor:
    agency = ws.agency()
    return Actor(None, ws.settings.user, agency.id, agency.code, role)


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Workspace, Workspace]]:
    """One server, two agencies: the owner's registry is public, the finder has two incidents."""
    ws = Workspace.create(Settings(database_url=f"sqlite:///{tmp_path / 'ws.db'}", agency=OWNER, user="atf"))
    ws.ensure_agency(FINDER, "Pakistan CTD", "PK")
    owner, finder = _as(ws, OWNER), _as(ws, FINDER)
    reg = tmp_path / "reg.csv"
    reg.write_text("record_id,serial,manufacturer,status\nLOST-1,W1004340,Colt,stolen\nLOST-2,W1009999,Colt,lost\n"
                   "OK-3,X5550001,Colt,in_service\n", encoding="utf-8")  # fmt: skip
    import_file(owner, "registry", reg, source="ATF stolen", visibility="public")
    for code in ("JE-1", "JE-2"):
        add_incident(finder, code, date="2025-03-11", country="PK")
    rec1, rec2 = tmp_path / "r1.csv", tmp_path / "r2.csv"
    rec1.write_text("recovery_id,serial,manufacturer\nR-1,W1004340,Colt\nR-9,ZZ000000,Colt\n", encoding="utf-8")
    rec2.write_text("recovery_id,serial,manufacturer\nR-2,W1009999,Colt\n", encoding="utf-8")
    import_file(finder, "recoveries", rec1, incident="JE-1")
    import_file(finder, "recoveries", rec2, incident="JE-2")
    try:
        yield owner, finder
    finally:
        ws.close()


def _inbox(owner: Workspace, **kw: bool) -> list[notices.NoticeView]:
    with owner.session() as s:
        return notices.list_notices(s, _actor(owner), **kw)


def test_owner_is_told_which_record_was_hit_by_whom_without_the_finders_records(
    pair: tuple[Workspace, Workspace],
) -> None:
    owner, finder = pair
    summary = xref_workspace(finder, estimate=False)
    assert summary["notices"] == 2
    views = _inbox(owner)
    assert sorted(v.record["record_id"] for v in views) == ["LOST-1", "LOST-2"]
    view = next(v for v in views if v.record["record_id"] == "LOST-1")
    assert view.finder["code"] == FINDER and view.probability >= 0.5 and view.hit_at
    assert view.recovery is None and view.trace_url is None  # the finder shares nothing
    assert _inbox(finder) == []  # the finder's own records were not hit
    assert xref_workspace(finder, estimate=False)["notices"] == 0  # once per match, not per run
    with owner.session() as s:
        actions = {(e.action, e.agency_id) for e in s.scalars(select(AuditEvent))}
    assert ("notice.sent", finder.agency().id) in actions and ("notice.received", owner.agency().id) in actions


def test_notice_shows_the_recovery_only_when_the_finder_shares_it(pair: tuple[Workspace, Workspace]) -> None:
    owner, finder = pair
    with finder.session() as s:
        from armstrace.model import Recovery

        rec = s.scalar(select(Recovery).where(Recovery.recovery_code == "R-1"))
        assert rec is not None
        rec.visibility = "shared"
        s.add(Share(entity="recovery", entity_id=rec.id, agency_id=owner.agency().id))
    xref_workspace(finder, estimate=False)
    view = next(v for v in _inbox(owner) if v.record["record_id"] == "LOST-1")
    assert view.recovery is not None and view.recovery["code"] == "R-1"
    assert "incident" not in view.recovery  # the incident itself is still private
    assert view.trace_url == f"/traces/new?recovery={view.recovery['id']}"


def test_embargo_withholds_then_lifting_sends(pair: tuple[Workspace, Workspace]) -> None:
    owner, finder = pair
    with finder.session() as s:
        notices.embargo(s, _actor(finder, "analyst"), "JE-1", reason="undercover operation")
    assert xref_workspace(finder, estimate=False)["notices"] == 1
    assert [v.record["record_id"] for v in _inbox(owner)] == ["LOST-2"]
    with finder.session() as s:
        released = notices.lift_embargo(s, _actor(finder, "analyst"), "JE-1")
    assert len(released) == 1
    assert sorted(v.record["record_id"] for v in _inbox(owner)) == ["LOST-1", "LOST-2"]
    with owner.session() as s:
        actions = [e.action for e in s.scalars(select(AuditEvent).order_by(AuditEvent.id))]
    assert actions.count("notice.withheld") == 1 and "notice.embargo" in actions
    assert "notice.embargo_lifted" in actions


def test_owner_threshold_and_acknowledgement(pair: tuple[Workspace, Workspace]) -> None:
    owner, finder = pair
    with owner.session() as s:
        with pytest.raises(PermissionDeniedError):
            notices.set_threshold(s, _actor(owner, "analyst"), 0.99)
        notices.set_threshold(s, _actor(owner), 1.0)
    assert xref_workspace(finder, estimate=False)["notices"] == 0
    with owner.session() as s:
        notices.set_threshold(s, _actor(owner), 0.5)
    from armstrace.model import Match

    with finder.session() as s:  # matching again after a registry change: new matches, new notices
        for m in s.scalars(select(Match)):
            s.delete(m)
    assert xref_workspace(finder, estimate=False)["notices"] == 2
    first = _inbox(owner)[0]
    with owner.session() as s:
        with pytest.raises(NotFoundError):
            notices.acknowledge(s, _actor(finder), first.id)  # not the finder's notice
        assert notices.acknowledge(s, _actor(owner, "analyst"), first.id).acknowledged_at
    assert [v.id for v in _inbox(owner)] != [] and first.id not in [v.id for v in _inbox(owner)]
    assert first.id in [v.id for v in _inbox(owner, include_acknowledged=True)]


class _Sink(socketserver.StreamRequestHandler):
    """Just enough SMTP to accept messages and keep them (aiosmtpd is not installed)."""

    messages: ClassVar[list[str]] = []

    def handle(self) -> None:
        self.wfile.write(b"220 sink\r\n")
        while line := self.rfile.readline():
            verb = line[:4].upper()
            if verb == b"DATA":
                self.wfile.write(b"354 go on\r\n")
                body = []
                while (data := self.rfile.readline()) not in (b".\r\n", b""):
                    body.append(data.decode())
                self.messages.append("".join(body))
                self.wfile.write(b"250 kept\r\n")
            elif verb == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            elif verb == b"EHLO":
                self.wfile.write(b"250 sink\r\n")
            else:
                self.wfile.write(b"250 ok\r\n")


@pytest.fixture
def smtp() -> Iterator[tuple[str, list[str]]]:
    messages: ClassVar[list[str]] = []
    handler = type("Sink", (_Sink,), {"messages": messages})
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}", messages
    finally:
        server.shutdown()
        server.server_close()


def test_notices_are_emailed_once_through_the_configured_relay(
    pair: tuple[Workspace, Workspace], smtp: tuple[str, list[str]]
) -> None:
    owner, finder = pair
    host, messages = smtp
    with owner.session() as s:
        notices.set_email(s, _actor(owner), "desk@atf.example")
    finder = _as(finder, FINDER, smtp_host=host, smtp_from="armstrace@ctd.example")
    xref_workspace(finder, estimate=False)
    assert len(messages) == 2
    assert all("To: desk@atf.example" in m and f"hit by {FINDER}" in m for m in messages)
    assert any("LOST-1" in m and "W1004340" in m for m in messages)
    assert not any("R-1" in m or "JE-1" in m for m in messages)  # nothing of the finder's unshared records
    xref_workspace(finder, estimate=False)
    assert len(messages) == 2


def test_cli_notice_list_ack_embargo(pair: tuple[Workspace, Workspace], capsys: pytest.CaptureFixture[str]) -> None:
    owner, _finder = pair
    db = owner.settings.database_url
    assert run(["--db", db, "--agency", FINDER, "notice", "embargo", "JE-2", "--reason", "operation"]) == 0
    assert run(["--db", db, "--agency", FINDER, "xref"]) == 0
    capsys.readouterr()
    assert run(["--db", db, "--agency", OWNER, "notice", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [n["record"]["record_id"] for n in listed] == ["LOST-1"]
    assert run(["--db", db, "--agency", OWNER, "notice", "ack", str(listed[0]["id"])]) == 0
    assert run(["--db", db, "--agency", FINDER, "notice", "lift", "JE-2"]) == 0
    capsys.readouterr()
    assert run(["--db", db, "--agency", OWNER, "notice", "list", "--json"]) == 0
    assert [n["record"]["record_id"] for n in json.loads(capsys.readouterr().out)] == ["LOST-2"]
    code = run(["--db", db, "--agency", OWNER, "notice", "ack", "999"])
    assert code == 3 and "no notice 999" in capsys.readouterr().err


def test_api_and_page_show_notices_to_the_owner_only(workspace: Workspace) -> None:
    from armstrace.model import Item, Match

    from .test_web_access import login
    from .webkit import build_world

    world = build_world(workspace)
    a_id, b_item = world.ids["agency_A"], world.ids["item_B"]
    a, b, c = world.client("a_analyst"), world.client("b_analyst"), world.client("c_analyst")
    incident = world.ids["incident_A-PRIV"]
    assert a.put(f"/api/v1/incidents/{incident}/embargo", json={"reason": "operation"}).json()["embargoed"] is True
    assert b.put(f"/api/v1/incidents/{incident}/embargo", json={}).status_code == 404  # not B's incident
    with workspace.session() as s:
        item = s.get(Item, b_item)
        assert item is not None
        item.visibility = "public"
        s.add(Match(agency_id=a_id, visibility="private", recovery_id=world.ids["recovery_A-R1"], item_id=b_item,
                    matched_serial="W1004341", probability=0.9, rank=1))  # fmt: skip
        s.flush()
        assert notices.issue(s, a_id) == []  # withheld under the embargo
    assert b.get("/api/v1/notices").json() == []
    lifted = a.delete(f"/api/v1/incidents/{incident}/embargo").json()
    assert lifted == {"incident_id": incident, "embargoed": False, "released": 1}
    [notice] = b.get("/api/v1/notices").json()
    assert notice["record"]["record_id"] == "B-0" and notice["finder"]["code"] == "A"
    assert notice["recovery"] is None and "W1004340" not in str(notice)  # A's recovery is private
    assert a.get("/api/v1/notices").json() == [] and c.get("/api/v1/notices").json() == []
    assert a.post(f"/api/v1/notices/{notice['id']}/ack").status_code == 404
    web = world.client()
    csrf = login(web, "b_analyst")
    page = web.get("/notices")
    assert page.status_code == 200 and "B-0" in page.text and "not shared" in page.text
    r = web.post(f"/notices/{notice['id']}/ack", data={"csrf_token": csrf}, follow_redirects=False)
    assert r.status_code == 303
    assert b.get("/api/v1/notices").json() == []
    assert b.get("/api/v1/notices?all=true").json()[0]["acknowledged_at"]


def test_match_search_through_the_api_notifies_the_owner(workspace: Workspace) -> None:
    from armstrace.model import Item

    from .webkit import build_world

    world = build_world(workspace)
    with workspace.session() as s:
        item = s.get(Item, world.ids["item_B"])
        assert item is not None
        item.visibility = "public"
    a, b = world.client("a_analyst"), world.client("b_analyst")
    incident = world.ids["incident_A-PRIV"]
    body = {"recovery_code": "R-9", "serial_read": "W1004341", "manufacturer": "Colt", "model": "M4A1"}
    rec = a.post(f"/api/v1/incidents/{incident}/recoveries", json=body).json()
    matches = a.post(f"/api/v1/recoveries/{rec['id']}/matches").json()
    assert matches[0]["item_id"] == world.ids["item_B"] and matches[0]["probability"] >= 0.5
    [notice] = b.get("/api/v1/notices").json()
    assert notice["record"]["record_id"] == "B-0" and notice["finder"]["code"] == "A"
    a.post(f"/api/v1/recoveries/{rec['id']}/matches")  # searching again sends no second notice
    assert len(b.get("/api/v1/notices").json()) == 1


def test_a_workspace_cross_check_stores_the_registry_serial_of_each_match(pair: tuple[Workspace, Workspace]) -> None:
    """`armstrace match list` shows which registry serial a match is to (it was stored blank)."""
    _, finder = pair
    xref_workspace(finder, estimate=False)
    with finder.session() as s:
        stored = {(m.recovery_id, m.matched_serial) for m in s.scalars(select(Match).where(Match.rank == 1))}
    assert stored and all(serial for _, serial in stored)
    assert {serial for _, serial in stored} >= {"W1004340", "W1009999"}
