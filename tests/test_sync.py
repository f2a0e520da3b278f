"""Field sync: a laptop workspace built from scratch, synced with the agency server, cut, synced again.

In-process tests drive the real routes through Starlette's test client (a wrapper cuts the connection
after a chosen request); the slow test runs `armstrace serve` in a subprocess behind a TCP proxy that
drops the connection after a number of bytes, during a file upload and during the record batches.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import os
import random
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image
from sqlalchemy import func, select

from armstrace import ammunition, attachments, auth, explosives
from armstrace import records as lib
from armstrace.cli import run
from armstrace.demo import sync_field_laptop
from armstrace.exceptions import ConflictError, PermissionDeniedError, UnreachableError
from armstrace.model import (
    Agency,
    Attachment,
    AuditEvent,
    Incident,
    Item,
    Match,
    Recovery,
    Share,
    Source,
    TraceRequest,
)
from armstrace.records import add_incident
from armstrace.settings import Settings
from armstrace.store import Workspace
from armstrace.sync import resolve_conflict, sync, sync_status
from armstrace.sync import server as sync_server
from armstrace.sync.records import SyncChunk, SyncConflict, SyncCopy, SyncObject
from armstrace.tracing.lifecycle import actor_for
from armstrace.web import create_app

from .photos import drawing
from .webkit import TestClient

PK, US = "PK-CTD", "US-NTC"
URL = "http://testserver"


@dataclass
class Field:
    server: Workspace
    laptop: Workspace
    token: str  # field-officer of PK-CTD
    other: str  # us-analyst of US-NTC
    app: Any

    def client(self) -> TestClient:
        return TestClient(self.app)

    def sync(self, **kwargs: Any) -> Any:
        return sync(self.laptop, URL, kwargs.pop("token", self.token), client=kwargs.pop("client", self.client()),
                    **kwargs)  # fmt: skip


def _server(tmp_path: Path, url: str | None = None) -> tuple[Workspace, str, str]:
    url = url or f"sqlite:///{tmp_path / 'server.db'}"
    srv = Workspace.create(Settings(database_url=url, agency=PK, user="server", key_dir=tmp_path / "server.keys"))
    srv.ensure_agency(US)
    with srv.session() as s:
        auth.create_user(s, "field-officer", agency_code=PK, role="analyst", actor="setup")
        auth.create_user(s, "us-analyst", agency_code=US, role="analyst", actor="setup")
        token = auth.create_token(s, "field-officer", name="laptop", actor="setup")[1]
        other = auth.create_token(s, "us-analyst", name="laptop", actor="setup")[1]
    return srv, token, other


def _laptop(path: Path, big_photo: bytes | None = None, items: int = 0) -> Workspace:
    """A laptop workspace from scratch: an incident, a rifle, an ammunition lot, a detonator, two photos."""
    lap = Workspace.create(Settings(database_url=f"sqlite:///{path}", agency=PK, user="field-officer"))
    add_incident(lap, "JE25", date="2025-03-11", country="PK", place="Bolan Pass", latitude=29.6, longitude=67.9)
    with lap.session() as s:
        actor = actor_for(s, lap.agency(), "field-officer", "analyst")
        incident = s.scalars(select(Incident)).one()
        rifle = lib.create_recovery(s, actor, incident, {"recovery_code": "R-1", "serial_read": "W1004340",
                                                         "manufacturer": "Colt", "model": "M4A1"})  # fmt: skip
        ammunition.record_ammunition(s, actor, incident.id, "A-1", lot="LC12EO45", headstamp="LC 12", quantity=420,
                                     packaging="CTG 5.56MM BALL M855 LOT LC12E045")  # fmt: skip
        explosives.record_component(
            s,
            actor,
            incident.id,
            "EXP-1",
            component="detonator",
            quantity=12,
            manufacturer="Synthetic Explosives Maker A",
            date_shift="14MAR24A",
        )
        attachments.add(s, actor, "recovery", rifle.id, drawing(), file_name="receiver.jpg", shows="marking",
                        caption="receiver, left side")  # fmt: skip
        attachments.add(s, actor, "incident", incident.id, big_photo or drawing("SCENE", gps=(29.6, 67.9)),
                        file_name="scene.png" if big_photo else "scene.jpg", shows="scene")  # fmt: skip
        for n in range(items):
            lib.create_recovery(s, actor, incident, {"recovery_code": f"X-{n:03d}", "serial_read": f"AK{n:05d}"})
    return lap


@pytest.fixture
def field(tmp_path: Path, db_url: str) -> Any:
    """The agency server on SQLite and on PostgreSQL (where installed); the laptop on SQLite."""
    srv, token, other = _server(tmp_path, db_url)
    lap = _laptop(tmp_path / "laptop.db")
    app = create_app(Settings(database_url=srv.settings.database_url, agency=PK, user="server",
                              secret_key="test-secret"), workspace=srv)  # fmt: skip
    yield Field(srv, lap, token, other, app)
    lap.close()
    srv.close()


def _count(ws: Workspace, model: Any, *where: Any) -> int:
    with ws.session() as s:
        return int(s.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def _state(ws: Workspace) -> dict[str, Any]:
    """Everything a sync could change: the records, the files, the audit log's length."""
    with ws.session() as s:
        return {
            "incidents": sorted((i.code, i.place, i.visibility) for i in s.scalars(select(Incident))),
            "recoveries": sorted((r.recovery_code, r.serial_read, r.weapon_type, str(r.attributes))
                                 for r in s.scalars(select(Recovery))),
            "files": sorted((a.sha256, a.entity, a.caption) for a in s.scalars(select(Attachment))),
            "audit": s.scalar(select(func.count()).select_from(AuditEvent)),
        }  # fmt: skip


def _recovery(ws: Workspace, code: str) -> Recovery:
    with ws.session() as s:
        return s.scalars(select(Recovery).where(Recovery.recovery_code == code)).one()


def _actions(ws: Workspace) -> list[AuditEvent]:
    with ws.session() as s:
        return list(s.scalars(select(AuditEvent).order_by(AuditEvent.id)))


def test_a_field_workspace_syncs_and_syncing_again_changes_nothing(field: Field) -> None:
    first = field.sync()
    assert (first.pushed, first.files_uploaded, first.conflicts, first.refused) == (6, 2, [], [])
    laptop, server = _state(field.laptop), _state(field.server)
    assert laptop["incidents"] == server["incidents"] and laptop["recoveries"] == server["recoveries"]
    assert laptop["files"] == server["files"] and len(server["files"]) == 2
    ammo = _recovery(field.server, "A-1")
    assert ammo.weapon_type == "ammunition" and ammo.attributes and ammo.attributes["lot"] == "LC12EO45"
    assert _recovery(field.server, "EXP-1").attributes["date_shift"] == "14MAR24A"
    with field.laptop.session() as s, field.server.session() as t:
        for mine in s.scalars(select(Attachment)):  # byte for byte, EXIF and all
            theirs = t.scalars(select(Attachment).where(Attachment.sha256 == mine.sha256)).one()
            assert bytes(theirs.data) == bytes(mine.data) and theirs.created_by == "field-officer"
            assert theirs.taken_at == mine.taken_at and theirs.thumbnail
    # each side's audit log says what came from where
    pushed = [e for e in _actions(field.server) if e.action == "sync.push"]
    assert len(pushed) == 6 and {e.detail["user"] for e in pushed} == {"field-officer"}
    assert len({e.detail["batch"] for e in pushed}) == 1
    assert "incident.create" in {e.action for e in _actions(field.server)}
    assert [e.detail["server"] for e in _actions(field.laptop) if e.action == "sync.push"] == [URL]

    again = field.sync()
    assert (again.pushed, again.pulled, again.skipped, again.files_uploaded, again.conflicts) == (0, 0, 0, 0, [])
    assert _state(field.laptop) == laptop and _state(field.server) == server  # not even an audit event
    status = sync_status(field.laptop)
    assert status["servers"][0]["waiting"] == 0 and status["servers"][0]["synced_records"] == 6


def test_changes_travel_both_ways_and_are_audited_with_their_origin(field: Field) -> None:
    field.sync()
    with field.laptop.session() as s:  # the laptop corrects a reading
        rec = s.scalars(select(Recovery).where(Recovery.recovery_code == "R-1")).one()
        rec.serial_read = "W1004346"
    with field.server.session() as s:  # the desk adds a title on the web
        inc = s.scalars(select(Incident)).one()
        desk = actor_for(s, s.get(Agency, inc.agency_id), "desk", "analyst")
        lib.update_record(s, desk, inc, {"title": "Jaffar Express"})
    done = field.sync()
    assert (done.pushed, done.pulled, done.conflicts) == (1, 1, [])
    assert _recovery(field.server, "R-1").serial_read == "W1004346"
    with field.laptop.session() as s:
        assert s.scalars(select(Incident)).one().title == "Jaffar Express"
    came = [e for e in _actions(field.laptop) if e.action == "incident.sync"]
    assert came[-1].detail["from"] == URL and came[-1].detail["changed_by"] == "field-officer"
    with field.server.session() as s:
        obj = s.scalars(select(SyncObject).where(SyncObject.entity == "recovery", SyncObject.local_id ==
                                                 _recovery(field.server, "R-1").id)).one()  # fmt: skip
        assert obj.version == 2
    assert field.sync().pushed == 0


def test_a_conflict_keeps_the_server_version_and_the_laptop_version_aside(field: Field, capsys: Any) -> None:
    field.sync()
    with field.laptop.session() as s:
        s.scalars(select(Recovery).where(Recovery.recovery_code == "R-1")).one().serial_read = "W10O4340"
    with field.server.session() as s:
        rec = s.scalars(select(Recovery).where(Recovery.recovery_code == "R-1")).one()
        desk = actor_for(s, s.get(Agency, rec.agency_id), "desk", "analyst")
        lib.update_record(s, desk, rec, {"serial_read": "W1004348"})
    done = field.sync()
    assert [(c["entity"], c["label"]) for c in done.conflicts] == [("recovery", "R-1")]
    assert _recovery(field.server, "R-1").serial_read == "W1004348"  # the server's version wins …
    assert _recovery(field.laptop, "R-1").serial_read == "W1004348"
    for ws in (field.laptop, field.server):  # … and the laptop's is kept on both sides, not overwritten silently
        with ws.session() as s:
            kept = s.scalars(select(SyncConflict)).one()
            assert kept.kept["serial_read"] == "W10O4340" and kept.winner["serial_read"] == "W1004348"
    assert "sync.conflict" in {e.action for e in _actions(field.laptop)}
    status = sync_status(field.laptop)
    assert [c["label"] for c in status["conflicts"]] == ["R-1"]
    assert run(["--db", field.laptop.settings.database_url, "sync", "status", "--json"]) == 0
    assert '"R-1"' in capsys.readouterr().out
    again = field.sync()
    assert (again.pushed, again.pulled, again.conflicts) == (0, 0, [])  # settled: nothing more to do
    resolve_conflict(field.laptop, status["conflicts"][0]["id"])
    assert sync_status(field.laptop)["conflicts"] == []


def test_the_same_record_made_on_both_sides_before_a_sync_is_a_conflict_not_a_duplicate(field: Field) -> None:
    with field.server.session() as s:
        agency = s.scalars(select(Agency).where(Agency.code == PK)).one()
        desk = actor_for(s, agency, "desk", "analyst")
        lib.create_incident(s, desk, {"code": "JE25", "date": dt.date(2025, 3, 11), "country": "PK",
                                      "place": "Mach"})  # fmt: skip
    done = field.sync()
    assert [c["label"] for c in done.conflicts] == ["JE25"]
    assert _count(field.server, Incident) == 1 and _count(field.laptop, Incident) == 1
    assert _count(field.server, Recovery) == 3  # the items went onto the one incident
    with field.laptop.session() as s:
        assert s.scalars(select(Incident)).one().place == "Mach"


def test_a_token_is_limited_to_its_agency(field: Field) -> None:
    with pytest.raises(PermissionDeniedError, match="token is for agency US-NTC"):
        field.sync(token=field.other)
    field.sync()
    client = field.client()
    us = {"Authorization": f"Bearer {field.other}"}
    with field.server.session() as s:
        obj = s.scalars(select(SyncObject).where(SyncObject.entity == "incident")).one()
        gid = obj.gid
    doc = {"code": "JE25", "date": "2025-03-11", "country": "PK", "visibility": "private", "shared_with": []}
    # pushing as agency B a record of agency A, or claiming A's record as B's own: refused, nothing applied
    for agency, record_gid in ((PK, secrets.token_hex(16)), (US, gid)):
        body = {"batch": "b1", "client": "x", "records": [{"entity": "incident", "gid": record_gid, "agency": agency,
                                                           "data": doc | {"place": "elsewhere"}}]}  # fmt: skip
        answer = client.post(f"{URL}/api/v1/sync/push", json=body, headers=us)
        assert answer.status_code == 403, answer.text
    assert _count(field.server, Incident) == 1 and _count(field.server, Incident, Incident.place == "elsewhere") == 0
    # B pulls nothing of A's private records, not even a file by its hash
    page = client.post(f"{URL}/api/v1/sync/pull", json={"cursor": 0}, headers=us).json()
    assert page["records"] == []
    with field.laptop.session() as s:
        sha = s.scalars(select(Attachment.sha256)).first()
    assert client.get(f"{URL}/api/v1/sync/files/{sha}/content", headers=us).status_code == 404
    assert client.get(f"{URL}/api/v1/sync/files/{sha}", headers=us).json()["have"] is False


def test_a_global_id_pushed_as_another_kind_of_record_reads_nothing(field: Field) -> None:
    """A gid of one's own incident pushed as a recovery must not load the recovery that has the same row id
    (another agency's, here) and answer it as a conflict."""
    field.sync()
    with field.server.session() as s:
        obj = s.scalars(select(SyncObject).where(SyncObject.entity == "incident")).one()
        us = s.scalars(select(Agency).where(Agency.code == US)).one()
        hidden = Incident(agency_id=us.id, code="US-HIDDEN", date=dt.date(2025, 1, 2), country="US")
        s.add(hidden)
        s.flush()
        s.add(Recovery(id=obj.local_id, agency_id=us.id, incident_id=hidden.id, recovery_code="SECRET-LOT",
                       serial_read="US-ONLY-1", row_hash=secrets.randbits(62)))  # fmt: skip
        gid = obj.gid
    body = {"batch": "b2", "client": "x", "records": [{"entity": "recovery", "gid": gid, "agency": PK,
                                                       "data": {"recovery_code": "R-9"}}]}  # fmt: skip
    answer = field.client().post(f"{URL}/api/v1/sync/push", json=body,
                                 headers={"Authorization": f"Bearer {field.token}"})  # fmt: skip
    assert answer.status_code == 403, answer.text
    assert "SECRET-LOT" not in answer.text and "US-ONLY-1" not in answer.text
    assert _count(field.server, SyncConflict) == 0


def test_a_pushed_record_is_checked_like_an_imported_one(field: Field) -> None:
    field.sync()
    with field.server.session() as s:
        obj = s.scalars(select(SyncObject).where(SyncObject.entity == "incident")).one()
        gid, version = obj.gid, obj.version
    bad = {"code": "JE25", "date": "2025-13-01", "country": "not-a-country", "latitude": 999, "visibility": "private",
           "shared_with": []}  # fmt: skip
    body = {"batch": "b3", "client": "x", "records": [
        {"entity": "incident", "gid": gid, "agency": PK, "base_version": version, "data": bad},
        {"entity": "incident", "gid": secrets.token_hex(16), "agency": PK, "data": bad | {"code": "NEW-1"}},
    ]}  # fmt: skip
    answer = field.client().post(f"{URL}/api/v1/sync/push", json=body,
                                 headers={"Authorization": f"Bearer {field.token}"})  # fmt: skip
    assert answer.status_code == 200, answer.text
    results = answer.json()["results"]
    assert [r["status"] for r in results] == ["refused", "refused"]
    assert all("date" in r["reason"] and "country" in r["reason"] and "latitude" in r["reason"] for r in results)
    assert _count(field.server, Incident, Incident.code == "NEW-1") == 0
    assert _count(field.server, Incident, Incident.country == "PK") == 1


def test_a_record_shared_before_its_incident_arrives_with_the_incident(field: Field) -> None:
    with field.server.session() as s:
        us = s.scalars(select(Agency).where(Agency.code == US)).one()
        analyst = actor_for(s, us, "us-analyst", "agency_admin")
        incident = lib.create_incident(s, analyst, {"code": "US-8", "date": dt.date(2025, 2, 3), "country": "PK"})
        rifle = lib.create_recovery(s, analyst, incident, {"recovery_code": "U-8", "serial_read": "W1004342",
                                                           "visibility": "shared", "shared_with": [PK]})  # fmt: skip
        incident_id, rifle_code = incident.id, rifle.recovery_code
    us_pull = field.client().post(f"{URL}/api/v1/sync/pull", json={"cursor": 0},
                                  headers={"Authorization": f"Bearer {field.other}"})  # fmt: skip
    assert us_pull.status_code == 200  # the owner's own laptop syncs: its records get their change numbers
    field.sync()  # the rifle is shared, its incident not yet: it stays behind (it would drag the incident along)
    assert _count(field.laptop, Recovery, Recovery.recovery_code == rifle_code) == 0
    with field.server.session() as s:
        analyst = actor_for(s, s.scalars(select(Agency).where(Agency.code == US)).one(), "us-analyst", "agency_admin")
        lib.set_visibility(s, analyst, s.get(Incident, incident_id), "shared", [PK])
    field.sync()
    assert _count(field.laptop, Incident, Incident.code == "US-8") == 1
    assert _count(field.laptop, Recovery, Recovery.recovery_code == rifle_code) == 1
    assert field.sync().pulled == 0  # and then nothing more


def test_a_pull_brings_what_is_shared_with_its_files_and_match_results(field: Field, tmp_path: Path) -> None:
    with field.server.session() as s:  # US-NTC shares an incident with PK-CTD; one item on it stays private
        us = s.scalars(select(Agency).where(Agency.code == US)).one()
        pk = s.scalars(select(Agency).where(Agency.code == PK)).one()
        analyst = actor_for(s, us, "us-analyst", "analyst")
        shared = lib.create_incident(s, analyst, {"code": "US-7", "date": dt.date(2025, 2, 1), "country": "PK",
                                                  "visibility": "shared", "shared_with": [PK]})  # fmt: skip
        seen = lib.create_recovery(s, analyst, shared, {"recovery_code": "U-1", "serial_read": "W1004341"})
        hidden = lib.create_recovery(s, analyst, shared, {"recovery_code": "U-2", "serial_read": "SECRET1",
                                                          "visibility": "private"})  # fmt: skip
        attachments.add(s, analyst, "recovery", seen.id, drawing("U-1"), file_name="u1.jpg", shows="marking")
        attachments.add(s, analyst, "recovery", hidden.id, drawing("U-2 hidden"), file_name="u2.jpg", shows="marking")
        lib.create_incident(s, analyst, {"code": "US-PRIV", "date": dt.date(2025, 2, 2), "country": "PK"})
        src = Source(agency_id=pk.id, visibility="private", name="registry", kind="registry")
        s.add(src)
        s.flush()
        item = Item(
            agency_id=pk.id,
            visibility="private",
            source_id=src.id,
            record_id="REG-1",
            serial="W1004340",
            serial_norm="W1004340",
            manufacturer="Colt",
            model="M4A1",
            row_hash=1,
        )
        s.add(item)
        s.flush()
    field.sync()  # the laptop's R-1 reaches the server; the server then matches it
    with field.server.session() as s:
        r1 = s.scalars(select(Recovery).where(Recovery.recovery_code == "R-1")).one()
        s.add(
            Match(
                agency_id=r1.agency_id,
                visibility="private",
                recovery_id=r1.id,
                item_id=item.id,
                matched_serial="W1004340",
                probability=0.93,
            )
        )
        us_id = s.scalars(select(Agency.id).where(Agency.code == US)).one()  # a trace request US-NTC sent to PK-CTD
        s.add(
            TraceRequest(
                agency_id=us_id,
                reference="TR-US-1",
                recipient_agency_id=r1.agency_id,
                status="sent",
                sent_at=dt.datetime(2025, 4, 1),
                fields={"serial": "W1004341"},
            )
        )
        s.add(TraceRequest(agency_id=us_id, reference="TR-US-2", status="draft"))  # not sent: not PK-CTD's
    done = field.sync()
    assert done.copies == 2
    with field.laptop.session() as s:
        codes = set(s.scalars(select(Incident.code)))
        assert codes == {"JE25", "US-7"}
        assert set(s.scalars(select(Recovery.recovery_code))) == {"R-1", "A-1", "EXP-1", "U-1"}
        u1 = s.scalars(select(Recovery).where(Recovery.recovery_code == "U-1")).one()
        owner = s.get(Agency, u1.agency_id)
        assert owner is not None and owner.code == US and u1.visibility == "shared"
        assert s.scalars(select(Attachment.file_name).where(Attachment.entity_id == u1.id)).all() == ["u1.jpg"]
        trace = s.scalars(select(SyncCopy).where(SyncCopy.entity == "trace_request")).one()
        assert trace.data["reference"] == "TR-US-1" and trace.data["status"] == "sent"
        copy = s.scalars(select(SyncCopy).where(SyncCopy.entity == "match")).one()
        assert copy.data["item"]["record_id"] == "REG-1"
        assert copy.data["probability"] == pytest.approx(0.93)
        mine = s.scalars(select(Share.agency_id).where(Share.entity == "recovery", Share.entity_id == u1.id)).all()
        assert mine == [s.scalars(select(Agency.id).where(Agency.code == PK)).one()]
    with field.server.session() as s:  # the trace request is answered: the laptop's copy follows
        s.scalars(select(TraceRequest).where(TraceRequest.reference == "TR-US-1")).one().status = "answered"
    later = field.sync()
    assert (later.pushed, later.copies) == (0, 1)  # another agency's records are never pushed back
    with field.laptop.session() as s:
        trace = s.scalars(select(SyncCopy).where(SyncCopy.entity == "trace_request")).one()
        assert trace.data["status"] == "answered" and trace.version == 2


class _Cut:
    """An HTTP client that loses the connection once, after the server has handled request number ``after``
    of those whose path contains ``path``: the server did the work, the laptop never heard back."""

    def __init__(self, client: TestClient, path: str, after: int, method: str = "") -> None:
        self.client, self.path, self.after, self.method, self.seen, self.puts = client, path, after, method, 0, 0

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        response = self.client.request(method, url, **kwargs)
        self.puts += method == "PUT"
        if self.path in url and method.startswith(self.method):
            self.seen += 1
            if self.seen == self.after:
                raise httpx.ReadError("connection reset by peer")
        return response

    def close(self) -> None:
        self.client.close()


def _noise_png(size: int = 720) -> bytes:
    """A generated image that does not compress (random pixels): about 1.5 MB, three upload chunks."""
    rng = random.Random(7)
    img = Image.frombytes("RGB", (size, size), bytes(rng.getrandbits(8) for _ in range(size * size * 3)))
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def test_a_cut_after_the_server_applied_a_batch_or_a_chunk_loses_and_doubles_nothing(tmp_path: Path) -> None:
    srv, token, _ = _server(tmp_path)
    big = _noise_png()
    lap = _laptop(tmp_path / "laptop.db", big_photo=big, items=120)
    app = create_app(Settings(database_url=srv.settings.database_url, agency=PK, user="server",
                              secret_key="test-secret"), workspace=srv)  # fmt: skip
    try:
        # the small photo, then the big one's first and second chunks: the second's answer is lost
        chunk_cut = _Cut(TestClient(app), "/api/v1/sync/files/", after=3, method="PUT")
        with pytest.raises(UnreachableError, match="run `armstrace sync` again"):
            sync(lap, URL, token, client=chunk_cut)
        with srv.session() as s:
            held = s.scalars(select(SyncChunk.data).where(SyncChunk.sha256 == hashlib.sha256(big).hexdigest()))
            assert sum(len(c) for c in held) == 2 * 512 * 1024
        assert _count(srv, Recovery) == 0
        batch_cut = _Cut(TestClient(app), "/api/v1/sync/push", after=2)  # the second batch applied, answer lost
        with pytest.raises(UnreachableError):
            sync(lap, URL, token, client=batch_cut)
        assert batch_cut.puts == 1  # the upload resumed: only the big photo's last chunk was sent
        assert _count(srv, Recovery) == 99  # incident and 49 items, then 50 items: two batches applied
        done = sync(lap, URL, token, client=TestClient(app))
        assert done.refused == [] and done.conflicts == []
        assert _count(srv, Recovery) == 123 and _count(srv, Incident) == 1 and _count(srv, Attachment) == 2
        assert _count(srv, SyncChunk) == 0  # the pieces go once the file is kept
        with srv.session() as s:
            kept = s.scalars(select(Attachment.data).where(Attachment.file_name == "scene.png")).one()
        assert bytes(kept) == big
        again = sync(lap, URL, token, client=TestClient(app))
        assert (again.pushed, again.pulled, again.files_uploaded) == (0, 0, 0)
        assert _count(srv, Recovery) == 123
    finally:
        lap.close()
        srv.close()


def test_the_cli_syncs_and_says_what_to_do_when_the_server_is_unreachable(field: Field, tmp_path: Path,
                                                                          capsys: Any) -> None:  # fmt: skip
    token_file = tmp_path / "token"
    token_file.write_text(field.token + "\n")
    db = field.laptop.settings.database_url
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # nothing listens there
    code = run(["--db", db, "sync", "--server", f"http://127.0.0.1:{port}", "--token-file", str(token_file)])
    err = capsys.readouterr().err
    assert code == 9 and "cannot reach the server" in err and "armstrace sync" in err and "Traceback" not in err
    code = run(["--db", db, "sync", "--server", f"http://127.0.0.1:{port}", "--token-file", str(tmp_path / "none")])
    assert code == 2 and "--token-file" in capsys.readouterr().err
    assert _count(field.laptop, Recovery) == 3  # nothing lost


# -- a real server process behind a proxy that cuts the connection ---------------------------------------
def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait(ready: Callable[[], bool], what: str, limit: float = 60.0) -> None:
    """Poll until ``ready`` (a bound against a hung test, not a timed assertion)."""
    end = time.monotonic() + limit
    while not ready():
        if time.monotonic() > end:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.1)


def _up(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/openapi.json", timeout=1):
            return True
    except (OSError, urllib.error.URLError):
        return False


class _Proxy:
    """A TCP proxy on loopback that drops every connection once ``budget`` bytes went to the server."""

    def __init__(self, target: int) -> None:
        self.target, self.budget, self.sent = target, -1, 0
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def cut_after(self, budget: int) -> None:
        with self.lock:
            self.budget, self.sent = budget, 0

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target))
            threading.Thread(target=self._pipe, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, client, False), daemon=True).start()

    def _pipe(self, src: socket.socket, dst: socket.socket, counted: bool) -> None:
        try:
            while data := src.recv(65536):
                if counted:
                    with self.lock:
                        self.sent += len(data)
                        over = 0 <= self.budget < self.sent
                    if over:
                        break
                dst.sendall(data)
        except OSError:
            pass
        for end in (src, dst):
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)
            end.close()

    def close(self) -> None:
        self.sock.close()


@pytest.mark.slow
def test_a_real_server_behind_a_connection_cut_mid_file_and_mid_batches(tmp_path: Path, capsys: Any) -> None:
    srv, token, _ = _server(tmp_path)
    big = _noise_png()
    lap = _laptop(tmp_path / "laptop.db", big_photo=big, items=150)
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1] / "src")}
    cmd = [sys.executable, "-c", "from armstrace.cli import main; main()", "--db", srv.settings.database_url,
           "--agency", PK, "serve", "--port", str(port), "--log-level", "warning"]  # fmt: skip
    with (tmp_path / "server.log").open("ab") as log:
        proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
    proxy = _Proxy(port)
    token_file = tmp_path / "token"
    token_file.write_text(token)
    argv = ["--db", lap.settings.database_url, "sync", "--server", f"http://127.0.0.1:{proxy.port}",
            "--token-file", str(token_file), "--json"]  # fmt: skip
    try:
        _wait(lambda: _up(port), "the server to start")
        proxy.cut_after(900_000)  # in the file's second chunk
        assert run(argv) == 9
        assert "cannot reach" in capsys.readouterr().err
        assert _count(srv, Recovery) == 0
        proxy.cut_after(len(big) - 512 * 1024 + 60_000)  # the rest of the file, then into the record batches
        assert run(argv) == 9
        capsys.readouterr()
        assert 0 < _count(srv, Recovery) < 153
        proxy.cut_after(-1)
        assert run(argv) == 0
        out = capsys.readouterr().out
        assert '"conflicts": []' in out and '"refused": []' in out
        assert _count(srv, Recovery) == 153 and _count(srv, Incident) == 1 and _count(srv, Attachment) == 2
        with srv.session() as s:
            kept = s.scalars(select(Attachment.data).where(Attachment.file_name == "scene.png")).one()
            assert bytes(kept) == big
            codes = list(s.scalars(select(Recovery.recovery_code)))
        assert len(codes) == len(set(codes))  # nothing twice
        before = _state(srv)
        assert run(argv) == 0
        assert '"pushed": 0' in capsys.readouterr().out and _state(srv) == before
    finally:
        proxy.close()
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=10)
        lap.close()
        srv.close()


def test_two_laptops_with_the_same_records_make_no_duplicates_and_later_changes_are_not_conflicts(
    field: Field, tmp_path: Path
) -> None:
    field.sync()
    second = _laptop(tmp_path / "second.db")  # the same incident, items and photos, typed in apart
    try:
        done = sync(second, URL, field.token, client=field.client())
        assert (done.pushed, done.conflicts, done.refused) == (0, [], [])  # all found, under the server's ids
        assert _count(field.server, Incident) == 1 and _count(field.server, Recovery) == 3
        assert _count(field.server, Attachment) == 2
        with second.session() as s:
            s.scalars(select(Recovery).where(Recovery.recovery_code == "R-1")).one().condition = "rusted"
        later = sync(second, URL, field.token, client=field.client())
        assert (later.pushed, later.conflicts) == (1, [])  # an ordinary change, based on the server's version
        assert _recovery(field.server, "R-1").condition == "rusted"
        assert field.sync().pulled == 1 and _recovery(field.laptop, "R-1").condition == "rusted"
    finally:
        second.close()


def test_the_demos_field_laptop_syncs_to_a_real_server_on_loopback_and_again_changes_nothing(tmp_path: Path) -> None:
    """The demo's sync round: a laptop workspace built from scratch, pushed to the agency workspace served by
    uvicorn on 127.0.0.1, then synced again."""
    server = Workspace.create(Settings(database_url=f"sqlite:///{tmp_path / 'agency.db'}", agency="PK-CTD",
                                       user="demo", key_dir=tmp_path / "agency.keys"))  # fmt: skip
    try:
        figures = sync_field_laptop(server, tmp_path / "laptop.db")
        with server.session() as s:
            site = s.scalars(select(Incident).where(Incident.code == "JE25-F1")).one()
            assert {r.recovery_code for r in site.recoveries} == {"F1-1", "F1-A1"} and site.synthetic
            assert _count(server, Attachment) == 1
    finally:
        server.close()
    assert figures["pushed"] == 4 and figures["files"] == 1 and figures["conflicts"] == 0
    assert figures["second_sync_changes"] == 0


def test_unfinished_uploads_are_bounded_per_agency_and_expire(tmp_path: Path, db_url: str) -> None:
    """A token cannot fill the server's disk with uploads it never finishes."""
    srv, _, _ = _server(tmp_path, db_url)
    try:
        with srv.session() as s:
            actor = actor_for(s, s.scalars(select(Agency).where(Agency.code == PK)).one(), "field-officer", "analyst")
            size = 10
            for n in range(sync_server.PENDING_FILES):
                sync_server.put_chunk(s, actor, hashlib.sha256(b"%d" % n).hexdigest(), 0, b"x" * size, max_bytes=size)
            one_more = hashlib.sha256(b"more").hexdigest()
            with pytest.raises(ConflictError, match="unfinished uploads"):
                sync_server.put_chunk(s, actor, one_more, 0, b"x", max_bytes=size)
            for chunk in s.scalars(select(SyncChunk)):  # a day and more later, nobody came back for them
                chunk.created_at -= sync_server.UNFINISHED_FOR + dt.timedelta(minutes=1)
            assert sync_server.put_chunk(s, actor, one_more, 0, b"x", max_bytes=size)["received"] == 1
            assert s.scalar(select(func.count()).select_from(SyncChunk)) == 1
    finally:
        srv.close()
