"""The workspace's secrets and history: private files, keys outside the database, rotation, anchors."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text

from armstrace import audit, auth
from armstrace.cli import run
from armstrace.model import AuditEvent, ServerSetting, User
from armstrace.settings import Settings
from armstrace.store import Workspace, migration, staging
from armstrace.store.keys import KeyStore
from armstrace.web import create_app
from armstrace.web.security import COOKIE, SessionData, SessionSigner, password_fingerprint

from .webkit import PASSWORD, TestClient, World, build_world


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --- H3: private files ----------------------------------------------------------------------------------


def test_cli_makes_the_workspace_and_what_it_writes_private(tmp_path: Path) -> None:
    db = tmp_path / "ws.db"
    before = os.umask(0o022)
    try:
        assert run(["--db", str(db), "init"]) == 0
        assert os.umask(0o022) == 0o022  # the command's umask is given back
        assert run(["--db", str(db), "incident", "add", "I-1", "--date", "2025-01-01", "--country", "PK"]) == 0
        rows = tmp_path / "rec.csv"
        rows.write_text("incident_id,recovery_id,serial\nI-1,R-1,W1004340\nNOPE,R-2,X1\n", encoding="utf-8")
        quarantine = tmp_path / "bad.csv"
        assert run(["--db", str(db), "import", "recoveries", str(rows), "--quarantine", str(quarantine)]) == 0
        reports = tmp_path / "reports"
        assert run(["--db", str(db), "report", "--incident", "I-1", "--format", "html", "--out", str(reports)]) == 0
        assert run(["--db", str(db), "audit", "anchor", "--export", str(tmp_path / "anchors.json")]) == 0
    finally:
        os.umask(before)
    keys = tmp_path / "ws.db.keys"
    assert mode(db) == 0o600
    assert mode(keys) == 0o700
    for path in keys.iterdir():
        assert mode(path) == 0o600, path
    assert mode(tmp_path / "anchors.json") == 0o600
    assert mode(quarantine) == 0o600
    assert mode(reports) == 0o700
    written = list(reports.iterdir())
    assert written and all(mode(path) == 0o600 for path in written)


def test_wal_and_shm_files_follow_the_database_and_an_open_makes_an_old_workspace_private(tmp_path: Path) -> None:
    db = tmp_path / "ws.db"
    ws = Workspace.create(Settings(database_url=f"sqlite:///{db}", agency="T"))
    ws.close()
    os.chmod(db, 0o644)  # a workspace made by an earlier armstrace
    ws = Workspace.open(Settings(database_url=f"sqlite:///{db}", agency="T"))
    try:
        with ws.session() as s:
            audit.record(s, actor="t", action="test.write")
            for end in ("-wal", "-shm"):
                companion = db.with_name(db.name + end)
                assert companion.exists() and mode(companion) == 0o600, end
        assert mode(db) == 0o600
    finally:
        ws.close()


_HOLD = textwrap.dedent(
    """
    import sys, time
    from armstrace.store.staging import StagingDir
    d = StagingDir(sys.argv[1] + "/ws.db")
    d.file("stage.sqlite").write_bytes(b"x" * 1000)
    print(d.path, flush=True)
    time.sleep(60)
    """
)


def _holder(tmp_path: Path) -> tuple[subprocess.Popen[str], Path]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    proc = subprocess.Popen([sys.executable, "-c", _HOLD, str(tmp_path)], stdout=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None
    return proc, Path(proc.stdout.readline().strip())


def test_a_killed_imports_staging_folder_is_removed_at_the_next_open_and_a_live_one_kept(tmp_path: Path) -> None:
    ws = Workspace.create(Settings(database_url=f"sqlite:///{tmp_path / 'ws.db'}", agency="T"))
    ws.close()
    killed, stale = _holder(tmp_path)
    live, running = _holder(tmp_path)
    try:
        assert mode(stale) == 0o700 and mode(stale / "stage.sqlite") == 0o600
        killed.send_signal(signal.SIGKILL)  # an import killed with kill -9: nothing cleans up
        killed.wait()
        assert stale.exists()
        young = tmp_path / (staging.PREFIX + "old-version")  # no lock file and recent: perhaps being made
        young.mkdir()
        other = tmp_path / (staging.PREFIX + "link")
        other.symlink_to(tmp_path / "elsewhere", target_is_directory=True)
        Workspace.open(Settings(database_url=f"sqlite:///{tmp_path / 'ws.db'}", agency="T")).close()
        assert not stale.exists()
        assert running.exists() and young.exists() and other.is_symlink()
        old = time.time() - 2 * staging.UNLOCKED_AGE
        os.utime(young, (old, old))
        assert staging.clean_stale(tmp_path) == [young]
    finally:
        for proc in (killed, live):
            proc.kill()
            proc.wait()
            assert proc.stdout is not None
            proc.stdout.close()
    assert staging.clean_stale(tmp_path) == [running]


# --- H3: the session signing key is not in the database; rotation --------------------------------------


def _admin_cookie_forged_from_the_database(ws: Workspace, secret: str) -> str:
    """What a reader of the database can make: every value the cookie needs, signed with ``secret``."""
    with ws.session() as s:
        root = s.scalar(select(User).where(User.username == "root"))
        assert root is not None and root.role == "server_admin"
        key = auth.session_key(s, root.id)
        data = SessionData(user_id=root.id, fingerprint=password_fingerprint(root.password_hash, key))
    return SessionSigner(secret).dumps(data)


def _app(ws: Workspace) -> TestClient:
    settings = Settings(database_url=ws.settings.database_url, agency="A", key_dir=ws.settings.key_dir)
    return TestClient(create_app(settings, workspace=ws), follow_redirects=False)


def test_a_cookie_forged_with_the_key_a_database_held_no_longer_works(settings: Settings) -> None:
    engine = create_engine(settings.database_url)
    migration.upgrade(engine, "0003")  # a workspace made before the key left the database
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO server_setting (name, value, created_at) "
                "VALUES ('session_secret_key', 'leaked-key', CURRENT_TIMESTAMP)"
            )
        )
    engine.dispose()
    ws = Workspace.create(settings)  # `armstrace init` migrates it
    try:
        world = build_world(ws)
        with ws.session() as s:
            stored = [row.value for row in s.scalars(select(ServerSetting))]
        assert "leaked-key" not in stored
        client = _app(world.workspace)
        for secret in ["leaked-key", *stored]:
            client.cookies.set(COOKIE, _admin_cookie_forged_from_the_database(ws, secret))
            assert client.get("/api/v1/me").status_code == 401, secret
        # the same cookie signed with the key file's key is accepted: the forgery failed for want of the key
        client.cookies.set(COOKIE, _admin_cookie_forged_from_the_database(ws, ws.keys.session_secrets()[0]))
        assert client.get("/api/v1/me").json()["role"] == "server_admin"
    finally:
        ws.close()


def _logged_in(world: World) -> TestClient:
    client = _app(world.workspace)
    page = client.get("/login")
    csrf = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    r = client.post("/login", data={"username": "a_analyst", "password": PASSWORD, "csrf_token": csrf})
    assert r.status_code == 303, r.text
    assert client.get("/api/v1/me").status_code == 200
    return client


def test_rotation_keeps_sessions_for_the_grace_period_then_logs_people_out(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = build_world(workspace)
    idle, active = _logged_in(world), _logged_in(world)
    with workspace.session() as s:
        fresh = auth.rotate_session_key(s, workspace.keys, actor="admin", grace=dt.timedelta(hours=1))
    other_process = KeyStore(workspace.keys.directory)  # a second server process sees the rotation
    assert other_process.session_keys()[0].id == fresh.id and len(other_process.session_keys()) == 2
    assert idle.get("/api/v1/me").status_code == 200  # within the grace period
    assert active.get("/").status_code == 200  # a page visit re-signs the cookie with the new key
    later = dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(hours=2)
    monkeypatch.setattr("armstrace.store.keys._now", lambda: later)
    assert idle.get("/api/v1/me").status_code == 401  # logged out
    assert active.get("/api/v1/me").status_code == 200
    with workspace.session() as s:
        event = s.scalar(select(AuditEvent).where(AuditEvent.action == "key.rotate"))
        assert event is not None and event.entity_id == fresh.id and event.detail["grace_seconds"] == 3600
    with workspace.session() as s:
        auth.rotate_session_key(s, workspace.keys, actor="admin", grace=dt.timedelta(0))
    assert active.get("/api/v1/me").status_code == 401  # no grace: everyone logs in again


def test_key_rotate_and_show_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "ws.db")
    assert run(["--db", db, "init"]) == 0
    capsys.readouterr()
    assert run(["--db", db, "key", "rotate", "--grace", "0", "--json"]) == 0
    rotated = json.loads(capsys.readouterr().out)
    assert rotated["grace_seconds"] == 0
    assert run(["--db", db, "key", "show", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert [k["id"] for k in shown["session_keys"]] == [rotated["key"]]
    assert "secret" not in json.dumps(shown) and "BEGIN PUBLIC KEY" in shown["audit_public_key"]
    assert run(["--db", db, "key", "rotate", "--grace", "soon"]) == 2
    assert "--grace 'soon'" in capsys.readouterr().err


# --- audit anchors ---------------------------------------------------------------------------------------


def _events(ws: Workspace, n: int) -> None:
    for i in range(n):
        with ws.session() as s:
            audit.record(s, actor="tester", action="test.write", entity="incident", entity_id=i, detail={"i": i})


def _unguard(ws: Workspace) -> None:
    drop = (
        ["DROP TRIGGER audit_event_no_update", "DROP TRIGGER audit_event_no_delete"]
        if ws.dialect == "sqlite"
        else [
            "DROP TRIGGER audit_event_append_only ON audit_event",
            "DROP TRIGGER audit_event_no_truncate ON audit_event",
        ]
    )
    with ws.session() as s:
        for statement in drop:
            s.execute(text(statement))


def _verify(ws: Workspace) -> audit.AuditReport:
    with ws.session() as s:
        return audit.verify(s, anchors=ws.anchors)


@pytest.fixture
def anchored(settings: Settings) -> Workspace:
    from dataclasses import replace

    ws = Workspace.create(replace(settings, anchor_every=4))
    yield ws
    ws.close()


def test_anchors_are_written_automatically_and_signed(anchored: Workspace) -> None:
    _events(anchored, 10)
    assert anchored.anchors.path is not None
    lines = [json.loads(line) for line in anchored.anchors.path.read_text().splitlines()]
    assert [a["seq"] for a in lines] == [1, 5, 9]  # the first event, then every 4
    report = _verify(anchored)
    assert report.ok, report.problems
    assert report.anchors == 3 and report.anchored == 9 and report.unanchored == 1
    forged = dict(lines[1], head="f" * 64)
    with anchored.anchors.path.open("a") as fh:
        fh.write(json.dumps(forged) + "\n")
    problems = " | ".join(_verify(anchored).problems)
    assert "line 4: the signature does not match" in problems
    assert anchored.keys.directory is not None
    (anchored.keys.directory / "audit-signing.key").unlink()
    fresh = Workspace.open(anchored.settings)  # another process: no key in memory
    assert [p for p in _verify(fresh).problems if "signing key is missing" in p]
    assert not (anchored.keys.directory / "audit-signing.key").exists()  # verify made no new key
    fresh.close()


def test_a_deleted_tail_is_detected_by_the_anchors(anchored: Workspace) -> None:
    _events(anchored, 10)
    _unguard(anchored)
    with anchored.session() as s:
        s.execute(text("DELETE FROM audit_event WHERE id > 6"))
    report = _verify(anchored)
    assert not report.ok
    assert any("events 7–9 are missing at the end" in p and "the log ends at event 6" in p for p in report.problems)
    assert any("UPDATE on audit_event is missing" in p for p in report.problems)


def test_an_edit_with_every_later_hash_recomputed_is_detected_by_the_anchors(anchored: Workspace) -> None:
    _events(anchored, 10)
    _unguard(anchored)
    with anchored.session() as s:
        prev = audit.GENESIS
        for event in s.scalars(select(AuditEvent).order_by(AuditEvent.id)):
            if event.id == 7:
                event.actor = "mallory"
            event.prev_hash = prev
            event.hash = audit.event_hash(prev, event.id, audit._content(event))
            prev = event.hash
    with anchored.session() as s:
        chain_only = audit.verify(s)
    assert [p for p in chain_only.problems if "trigger" not in p] == []  # the chain alone looks whole
    problems = _verify(anchored).problems
    assert any("event 9 is not the event anchored" in p and "among 6–9" in p for p in problems), problems


def test_verify_checks_the_append_only_triggers(workspace: Workspace) -> None:
    _events(workspace, 2)
    assert _verify(workspace).ok
    if workspace.dialect == "postgresql":
        with pytest.raises(Exception, match="append-only"), workspace.session() as s:
            s.execute(text("TRUNCATE audit_event"))
        with workspace.session() as s:
            s.execute(text("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_truncate"))
        assert [p.split(" on ")[0] for p in _verify(workspace).problems] == ["the trigger refusing TRUNCATE"]
        with workspace.session() as s:  # the guard's function made a no-op that still mentions the refusal
            s.execute(
                text(
                    "CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$ "
                    "BEGIN IF false THEN RAISE EXCEPTION 'the audit log is append-only'; END IF; RETURN OLD; END; $$ "
                    "LANGUAGE plpgsql"
                )
            )
        assert len(_verify(workspace).problems) == 3
    else:
        with workspace.session() as s:
            s.execute(text("DROP TRIGGER audit_event_no_delete"))
            s.execute(text("CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event BEGIN SELECT 1; END"))
        problems = _verify(workspace).problems
        assert len(problems) == 1 and "DELETE on audit_event is missing or disabled" in problems[0]


def test_audit_commands_anchor_export_and_verify(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "ws.db")
    assert run(["--db", db, "init"]) == 0
    ws = Workspace.open(Settings(database_url=f"sqlite:///{db}"))
    _events(ws, 3)
    capsys.readouterr()
    export = tmp_path / "for-partner.json"
    assert run(["--db", db, "audit", "anchor", "--export", str(export), "--json"]) == 0
    anchor = json.loads(capsys.readouterr().out)["anchor"]
    assert anchor["seq"] == 3
    assert run(["--db", db, "audit", "verify", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["anchored"] == 3
    # whoever can write both the database and the key folder deletes the tail and the local anchors;
    # the partner's copy still shows it
    _unguard(ws)
    with ws.session() as s:
        s.execute(text("DELETE FROM audit_event WHERE id > 1"))
    assert ws.anchors.path is not None
    ws.anchors.path.unlink()
    ws.close()
    assert run(["--db", db, "audit", "verify", "--anchors", str(export), "--json"]) == 7
    result = json.loads(capsys.readouterr().out)
    assert not result["ok"] and any("events 2–3 are missing at the end" in p for p in result["problems"])
    assert run(["--db", db, "audit", "verify"]) == 7
    assert "trigger refusing UPDATE" in capsys.readouterr().err
