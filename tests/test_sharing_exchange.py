"""Server-to-server exchange: signed messages, pinned keys, an outbox that survives restarts, receipts once."""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import func, select

from armstrace import tracing
from armstrace.auth import Actor
from armstrace.model import Agency, AuditEvent, TraceMessage, TraceRequest
from armstrace.settings import Settings
from armstrace.sharing import exchange
from armstrace.sharing.records import OutboxMessage, Receipt
from armstrace.store import Workspace
from armstrace.web import create_app

from .test_analysis import add_case
from .webkit import TestClient

PK, US = "PK-CTD", "US-NTC"


def _admin(ws: Workspace) -> Actor:
    agency = ws.agency()
    return Actor(None, ws.settings.user, agency.id, agency.code, "agency_admin")


def _pair(
    tmp_path: Path, url_a: str = "http://a.invalid", url_b: str = "http://b.invalid"
) -> tuple[Workspace, Workspace]:
    """Two servers' workspaces that know each other: srv-a hosts PK-CTD, srv-b hosts US-NTC."""
    a = Workspace.create(Settings(database_url=f"sqlite:///{tmp_path / 'a.db'}", agency=PK, user="pk-officer"))
    b = Workspace.create(Settings(database_url=f"sqlite:///{tmp_path / 'b.db'}", agency=US, user="us-desk"))
    ids = {}
    for ws, name in ((a, "srv-a"), (b, "srv-b")):
        with ws.session() as s:
            exchange.set_name(s, _admin(ws), name)
            ids[name] = exchange.identity(s, ws.settings.agency)["public_key"]
    with a.session() as s:
        exchange.add_peer(s, _admin(a), "srv-b", url_b, ids["srv-b"], [US])
    with b.session() as s:
        exchange.add_peer(s, _admin(b), "srv-a", url_a, ids["srv-a"], [PK])
    return a, b


def _request(a: Workspace) -> str:
    add_case(a)
    ref = tracing.create_from_recoveries(a, ["R-1"], to=US).reference
    tracing.send(a, ref)
    tracing.add_message(a, ref, "photo attached")
    return ref


def _push(ws: Workspace, ref: str) -> OutboxMessage:
    with ws.session() as s:
        return exchange.push(s, _admin(ws), ref, server_name=ws.settings.agency)


def _poster(client: TestClient) -> Callable[[str, bytes], tuple[int, dict[str, Any]]]:
    def post(url: str, data: bytes) -> tuple[int, dict[str, Any]]:
        r = client.post(exchange.PATH, content=data, headers={"content-type": "application/json"})
        return r.status_code, r.json()

    return post


def _count(ws: Workspace, model: Any) -> int:
    with ws.session() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def _actions(ws: Workspace) -> list[str]:
    with ws.session() as s:
        return [e.action for e in s.scalars(select(AuditEvent).order_by(AuditEvent.id))]


def _answer(b: Workspace, ref: str) -> None:
    tracing.acknowledge(b, ref)
    tracing.add_message(b, ref, "record found")
    tracing.answer(b, ref, last_legal_custodian=tracing.CustodyEntry("ANA 201st Corps", "AF", dt.date(2018, 1, 20)))


@pytest.fixture
def clients(tmp_path: Path) -> Iterator[tuple[Workspace, Workspace, TestClient, TestClient]]:
    a, b = _pair(tmp_path)
    with TestClient(create_app(a.settings, workspace=a)) as ca, TestClient(create_app(b.settings, workspace=b)) as cb:
        yield a, b, ca, cb
    a.close()
    b.close()


def test_round_trip_request_out_answer_back(
    clients: tuple[Workspace, Workspace, TestClient, TestClient], tmp_path: Path
) -> None:
    a, b, ca, cb = clients
    ref = _request(a)
    photo = tmp_path / "receiver.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\nthe receiver's markings")
    tracing.attach(a, ref, photo, caption="left side")
    _push(a, ref)
    assert exchange.deliver(a, post=_poster(cb)) == {"delivered": 1, "failed": 0}
    got = tracing.get(b, ref)
    assert got.box == "inbox" and got.status == "sent" and [m.body for m in got.messages] == ["photo attached"]
    [photos] = tracing.item_photos(b, ref).values()
    assert [p["data"] for p in photos] == [photo.read_bytes()]  # the attachment travelled, byte for byte
    _answer(b, ref)
    _push(b, ref)
    assert exchange.deliver(b, post=_poster(ca)) == {"delivered": 1, "failed": 0}
    back = tracing.get(a, ref)
    assert back.status == "answered" and back.answer and [m.body for m in back.messages][-1] == "record found"
    assert "exchange.applied" in _actions(a) and "exchange.applied" in _actions(b)
    assert exchange.deliver(a, post=_poster(cb)) == {"delivered": 0, "failed": 0}  # nothing left to send


def test_failed_delivery_is_retried_with_back_off_and_a_lost_answer_is_not_applied_twice(
    clients: tuple[Workspace, Workspace, TestClient, TestClient],
) -> None:
    a, b, _ca, cb = clients
    ref = _request(a)
    _push(a, ref)

    def down(url: str, data: bytes) -> tuple[int, dict[str, Any]]:
        raise ConnectionRefusedError(111, "Connection refused")

    assert exchange.deliver(a, post=down) == {"delivered": 0, "failed": 1}
    assert exchange.deliver(a, post=_poster(cb)) == {"delivered": 0, "failed": 0}  # backing off: not due yet
    with a.session() as s:
        msg = s.scalars(select(OutboxMessage)).one()
        assert msg.attempts == 1 and "refused" in (msg.last_error or "") and msg.delivered_at is None
    later = dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(seconds=5)

    def applied_then_lost(url: str, data: bytes) -> tuple[int, dict[str, Any]]:
        _poster(cb)(url, data)
        raise TimeoutError("the answer never came back")

    assert exchange.deliver(a, post=applied_then_lost, now=later) == {"delivered": 0, "failed": 1}
    much_later = later + dt.timedelta(seconds=60)
    assert exchange.deliver(a, post=_poster(cb), now=much_later) == {"delivered": 1, "failed": 0}
    assert _count(b, TraceRequest) == 1 and _count(b, TraceMessage) == 1 and _count(b, Receipt) == 1
    assert "exchange.replayed" in _actions(b)


def _signed(key: Ed25519PrivateKey, envelope: dict[str, Any]) -> dict[str, str]:
    text = exchange.canonical(envelope)
    return {"envelope": text, "signature": base64.b64encode(key.sign(text.encode())).decode()}


def test_forged_unknown_misaddressed_and_replayed_messages_are_refused_and_logged(
    clients: tuple[Workspace, Workspace, TestClient, TestClient],
) -> None:
    a, b, _ca, cb = clients
    ref = _request(a)
    msg = _push(a, ref)
    genuine = {"envelope": msg.envelope, "signature": msg.signature}
    envelope = json.loads(msg.envelope)
    tampered = dict(genuine, envelope=msg.envelope.replace("photo attached", "nothing attached"))
    r = cb.post(exchange.PATH, json=tampered)
    assert r.status_code == 401 and r.json()["error"]["code"] == "refused" and "bad signature" in r.text
    intruder = Ed25519PrivateKey.generate()
    r = cb.post(exchange.PATH, json=_signed(intruder, envelope))  # right name, wrong key
    assert r.status_code == 401 and "bad signature" in r.text
    r = cb.post(exchange.PATH, json=_signed(intruder, {**envelope, "from": "srv-x"}))
    assert r.status_code == 401 and "unknown server" in r.text
    with a.session() as s:
        key = exchange._private_key(s)
    r = cb.post(exchange.PATH, json=_signed(key, {**envelope, "to": "srv-c"}))
    assert r.status_code == 401 and "for server 'srv-c'" in r.text
    speaks_for = json.loads(json.dumps(envelope))
    speaks_for["body"]["requester"]["code"] = "XX-OTHER"
    r = cb.post(exchange.PATH, json=_signed(key, speaks_for))
    assert r.status_code == 401 and "may not speak for" in r.text
    assert _count(b, TraceRequest) == 0
    with b.session() as s:  # a request between B's agency and a third one: A may not touch it
        third = Agency(code="XX-THIRD", name="third")
        s.add(third)
        s.flush()
        s.add(TraceRequest(agency_id=b.agency().id, visibility="private", reference="US-NTC-2026-0099",
                           recipient_agency_id=third.id, status="sent", sent_at=dt.datetime(2026, 1, 2)))  # fmt: skip
    hijack = json.loads(json.dumps(envelope))
    hijack["body"]["reference"] = "US-NTC-2026-0099"
    r = cb.post(exchange.PATH, json=_signed(key, hijack))
    assert r.status_code == 401 and "may not change US-NTC-2026-0099" in r.text
    assert cb.post(exchange.PATH, json=genuine).status_code == 200
    r = cb.post(exchange.PATH, json=genuine)
    assert r.status_code == 409 and r.json()["error"]["code"] == "replayed"
    assert _count(b, TraceRequest) == 2 and _count(b, TraceMessage) == 1
    actions = _actions(b)
    assert actions.count("exchange.refused") == 6 and actions.count("exchange.replayed") == 1


def test_cli_identity_add_push_deliver(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from armstrace.cli import run

    a, b = _pair(tmp_path)
    ref = _request(a)
    db = a.settings.database_url
    assert run(["--db", db, "--agency", PK, "peer", "identity", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["name"] == "srv-a"
    assert run(["--db", db, "--agency", PK, "peer", "push", ref]) == 0
    assert run(["--db", db, "--agency", PK, "peer", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out.split("\n", 1)[1])[0]["pending"] == 1
    assert run(["--db", db, "--agency", PK, "peer", "deliver", "--json"]) == 0  # b.invalid does not resolve
    assert json.loads(capsys.readouterr().out) == {"delivered": 0, "failed": 1}
    code = run(["--db", db, "--agency", PK, "peer", "add", "srv-z", "--url", "ftp://x", "--key", "abc",
                "--agency", "ZZ"])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2 and "public key" in err and "Traceback" not in err
    a.close()
    b.close()


# -- two real servers ----------------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class _Server:
    """`armstrace serve` in a subprocess on loopback, its courier delivering every 0.2 s."""

    def __init__(self, ws: Workspace, port: int, log: Path) -> None:
        self.ws, self.port, self.log, self.proc = ws, port, log, None  # type: ignore[var-annotated]

    def start(self) -> None:
        env = {**os.environ, "ARMSTRACE_EXCHANGE_INTERVAL": "0.2", "PYTHONPATH": str(Path(__file__).parents[1] / "src")}
        cmd = [sys.executable, "-c", "from armstrace.cli import main; main()", "--db", self.ws.settings.database_url,
               "--agency", self.ws.settings.agency, "serve", "--port", str(self.port),
               "--log-level", "warning"]  # fmt: skip
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT)
        _wait(lambda: _up(self.port), f"server on {self.port} to start ({self.log.read_text()[-500:]})")

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=10)


def _up(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/openapi.json", timeout=1):
            return True
    except (OSError, urllib.error.URLError):
        return False


def _wait(ready: Callable[[], bool], what: str, limit: float = 60.0) -> None:
    """Poll until ``ready`` (a bound against a hung test, not a timed assertion)."""
    end = time.monotonic() + limit
    while not ready():
        if time.monotonic() > end:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.1)


def _status(ws: Workspace, ref: str) -> str | None:
    with ws.session() as s:
        return s.scalar(select(TraceRequest.status).where(TraceRequest.reference == ref))


def _pending(ws: Workspace) -> int:
    with ws.session() as s:
        return int(s.scalar(select(func.count()).select_from(OutboxMessage).where(
            OutboxMessage.delivered_at.is_(None))) or 0)  # fmt: skip


@pytest.mark.slow
def test_two_servers_round_trip_with_each_side_killed_mid_delivery(tmp_path: Path) -> None:
    port_a, port_b = _free_port(), _free_port()
    a, b = _pair(tmp_path, f"http://127.0.0.1:{port_a}", f"http://127.0.0.1:{port_b}")
    srv_a, srv_b = _Server(a, port_a, tmp_path / "a.log"), _Server(b, port_b, tmp_path / "b.log")
    try:
        ref = _request(a)
        _push(a, ref)
        srv_a.start()  # B is down: A's courier keeps failing and backs off; the message waits in the outbox
        _wait(lambda: _attempts(a) >= 1, "a failed attempt")
        srv_a.kill()  # killed mid-delivery; the queue is in the database
        srv_a.start()
        srv_b.start()
        _wait(lambda: _status(b, ref) == "sent" and _pending(a) == 0, "the request to reach B")
        srv_a.kill()  # now A is down while B answers
        _answer(b, ref)
        _push(b, ref)
        _wait(lambda: _attempts(b) >= 1, "B's first attempt to fail")
        srv_b.kill()  # and B is killed mid-delivery too
        srv_b.start()
        srv_a.start()
        _wait(lambda: _status(a, ref) == "answered" and _pending(b) == 0, "the answer to reach A")
        assert _count(b, TraceRequest) == 1 and _count(a, TraceRequest) == 1
        with a.session() as s:
            bodies = s.scalars(select(TraceMessage.body).order_by(TraceMessage.id)).all()
        assert bodies == ["photo attached", "record found"]  # nothing lost, nothing twice
        assert _count(a, Receipt) == 1 and _count(b, Receipt) == 1
        # a forged and a replayed message against the live server B
        with a.session() as s:
            sent = s.scalars(select(OutboxMessage)).one()
        forged = {"envelope": sent.envelope.replace("photo attached", "forged"), "signature": sent.signature}
        assert _post(port_b, forged)[0] == 401
        status, body = _post(port_b, {"envelope": sent.envelope, "signature": sent.signature})
        assert status == 409 and body["error"]["code"] == "replayed"
        assert {"exchange.refused", "exchange.replayed"} <= set(_actions(b))
    finally:
        srv_a.kill()
        srv_b.kill()
        a.close()
        b.close()


def _attempts(ws: Workspace) -> int:
    with ws.session() as s:
        return int(s.scalar(select(func.max(OutboxMessage.attempts))) or 0)


def _post(port: int, body: dict[str, str]) -> tuple[int, dict[str, Any]]:
    req = urllib.request.Request(f"http://127.0.0.1:{port}{exchange.PATH}", data=json.dumps(body).encode(),
                                 headers={"content-type": "application/json"}, method="POST")  # fmt: skip
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())
