"""Users, passwords, tokens and the permission function; the admin CLI commands."""

from __future__ import annotations

import datetime as dt
import io
import json
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text

from armstrace import auth
from armstrace.cli import run
from armstrace.exceptions import AuthenticationError, ConflictError, InputError, NotFoundError, ThrottledError
from armstrace.model import ApiToken, AuditEvent, Incident, LoginFailure, ServerSetting
from armstrace.settings import Settings
from armstrace.store import Workspace
from armstrace.store.workspace import DEFAULT_AGENCY_SETTING


def test_passwords_are_argon2_and_tokens_stored_only_as_hashes(sqlite_workspace: Workspace) -> None:
    with sqlite_workspace.session() as s:
        auth.create_agency(s, "pk-ctd", "CTD", country="pk", actor="t")
        user = auth.create_user(s, "alice", agency_code="PK-CTD", role="analyst", password="long enough pw", actor="t")
        assert user.password_hash and user.password_hash.startswith("$argon2id$")
        _, plain = auth.create_token(s, "alice", name="sync", actor="t")
    with sqlite_workspace.session() as s:
        assert auth.authenticate(s, "ALICE", "long enough pw").agency_code == "PK-CTD"
        with pytest.raises(AuthenticationError):
            auth.authenticate(s, "alice", "wrong password")
        with pytest.raises(AuthenticationError):
            auth.authenticate(s, "nobody", "long enough pw")
        stored = s.scalar(select(ApiToken.token_hash))
        assert plain not in stored and stored == auth.hash_token(plain)
        assert auth.actor_from_token(s, plain).username == "alice"
        with pytest.raises(ConflictError):
            auth.create_user(s, "Alice", agency_code="PK-CTD", actor="t")
        with pytest.raises(InputError, match="at least"):
            auth.create_user(s, "bob", agency_code="PK-CTD", password="short", actor="t")
        with pytest.raises(InputError, match="role"):
            auth.create_user(s, "carol", agency_code="PK-CTD", role="root", actor="t")


@settings(max_examples=50, deadline=None)
@given(
    role=st.sampled_from(auth.ROLES),
    own=st.booleans(),
    visibility=st.sampled_from(["private", "shared", "public"]),
    shared=st.booleans(),
)
def test_can_never_lets_another_agency_write_or_see_private(
    role: str, own: bool, visibility: str, shared: bool
) -> None:
    p = auth.Actor(1, "u", 1, "A", role)
    record = Incident(agency_id=1 if own else 2, visibility=visibility, code="x")
    shared_with = frozenset({1}) if shared else frozenset()
    readable = auth.can(p, "read", record, shared_with=shared_with)
    writable = auth.can(p, "write", record)
    if role == "server_admin":
        assert readable and writable
        return
    if not own:
        assert not writable
        assert readable == (visibility == "public" or (visibility == "shared" and shared))
    else:
        assert readable and writable == (role != "viewer")


def test_admin_cli_agency_user_token_and_audit_verify(tmp_path, monkeypatch, capsys) -> None:
    db = str(tmp_path / "ws.db")
    assert run(["--db", db, "init"]) == 0
    assert run(["--db", db, "agency", "add", "B-1", "--name", "Agency B", "--country", "US"]) == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO("a password of length\n"))
    assert run(["--db", db, "user", "add", "bob", "--agency", "B-1", "--role", "analyst", "--password-stdin"]) == 0
    capsys.readouterr()
    assert run(["--db", db, "token", "create", "bob", "--name", "case system", "--json"]) == 0
    token = json.loads(capsys.readouterr().out)["token"]
    assert token.startswith(auth.TOKEN_PREFIX)
    assert run(["--db", db, "agency", "add", "B-1", "--name", "again"]) == 5  # conflict
    assert run(["--db", db, "audit", "verify", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] and report["events"] >= 3
    ws = Workspace.open(Settings(database_url=f"sqlite:///{db}"))
    with ws.session() as s:
        s.execute(text("DROP TRIGGER audit_event_no_update"))
        s.execute(text("UPDATE audit_event SET actor = 'mallory' WHERE id = 2"))
    ws.close()
    assert run(["--db", db, "audit", "verify"]) == 7
    err = capsys.readouterr().err
    assert "event 2" in err and "fails verification" in err


PASSWORD = "a password of length"


def _people(ws: Workspace) -> None:
    with ws.session() as s:
        auth.create_agency(s, "A", "Agency A", actor="setup")
        for name in ("alice", "bob"):
            auth.create_user(s, name, agency_code="A", role="analyst", password=PASSWORD, actor="setup")


def _try(ws: Workspace, username: str, password: str, address: str, now: dt.datetime) -> str:
    """One login attempt in its own transaction (committed, as the login page does): ok, denied or locked."""
    with ws.session() as s:
        try:
            auth.authenticate(s, username, password, address=address, now=now)
        except ThrottledError:
            return "locked"
        except AuthenticationError:
            return "denied"
    return "ok"


def test_login_throttle_locks_the_guessing_client_not_the_user(workspace: Workspace) -> None:
    """Five wrong passwords for alice from one address lock that client out — even with the right password —
    but not alice: she logs in from her own address meanwhile (a throttle per user would let anyone lock
    any user out for good by guessing)."""
    _people(workspace)
    t0 = dt.datetime(2025, 3, 11, 12, 0)
    guesser = "203.0.113.66"
    for i in range(auth.MAX_FAILURES_PER_USER):
        assert _try(workspace, "Alice", "wrong guess!", guesser, t0 + dt.timedelta(seconds=i)) == "denied"
    assert _try(workspace, "alice", PASSWORD, guesser, t0 + dt.timedelta(minutes=1)) == "locked"
    assert _try(workspace, "alice", PASSWORD, "10.9.9.9", t0 + dt.timedelta(minutes=1)) == "ok"
    assert _try(workspace, "bob", PASSWORD, "10.0.0.1", t0 + dt.timedelta(minutes=1)) == "ok"
    with workspace.session() as s, pytest.raises(ThrottledError, match="try again in 14 minutes") as locked_out:
        auth.authenticate(s, "alice", PASSWORD, address=guesser, now=t0 + dt.timedelta(minutes=1))
    assert locked_out.value.retry_after == 14 * 60  # seconds until the oldest failure leaves the window
    # alice's success elsewhere did not clear the guesser's failures; the lock ends with the window.
    assert _try(workspace, "alice", PASSWORD, guesser, t0 + dt.timedelta(minutes=2)) == "locked"
    assert _try(workspace, "alice", PASSWORD, guesser, t0 + auth.LOGIN_WINDOW + dt.timedelta(seconds=1)) == "ok"
    with workspace.session() as s:
        assert s.scalar(select(LoginFailure.id).where(LoginFailure.username == "alice")) is None
        actions = list(s.scalars(select(AuditEvent.action).where(AuditEvent.action.like("user.login%"))))
        assert actions == ["user.login_failed"] * 5 + ["user.login_locked"]
        locked = s.scalar(select(AuditEvent).where(AuditEvent.action == "user.login_locked"))
        assert locked is not None and locked.detail["username"] == "alice" and locked.agency_id is not None
        assert locked.detail["address"] == guesser


def test_login_throttle_locks_an_address_guessing_many_names(workspace: Workspace) -> None:
    _people(workspace)
    t0 = dt.datetime(2025, 3, 11, 12, 0)
    for i in range(auth.MAX_FAILURES_PER_ADDRESS):
        assert _try(workspace, f"nobody{i}", "guess", "203.0.113.7", t0 + dt.timedelta(seconds=i)) == "denied"
    assert _try(workspace, "bob", PASSWORD, "203.0.113.7", t0 + dt.timedelta(minutes=2)) == "locked"
    assert _try(workspace, "bob", PASSWORD, "198.51.100.1", t0 + dt.timedelta(minutes=2)) == "ok"
    with workspace.session() as s:
        failed = s.scalar(select(AuditEvent).where(AuditEvent.action == "user.login_failed"))
        assert failed is not None and failed.detail == {
            "username": "nobody0",
            "address": "203.0.113.7",
            "known_user": False,
        }


def test_token_revoke_cli_and_revoked_tokens_are_refused(tmp_path, monkeypatch, capsys) -> None:
    db = str(tmp_path / "ws.db")
    assert run(["--db", db, "init"]) == 0
    assert run(["--db", db, "agency", "add", "A", "--name", "Agency A"]) == 0
    assert run(["--db", db, "user", "add", "sys", "--agency", "A", "--role", "analyst", "--no-password"]) == 0
    capsys.readouterr()
    assert run(["--db", db, "token", "create", "sys", "--name", "sync", "--json"]) == 0
    created = json.loads(capsys.readouterr().out)
    assert run(["--db", db, "token", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(t["id"], t["user"], t["name"], t["revoked"]) for t in listed] == [(created["id"], "sys", "sync", False)]
    assert created["token"] not in json.dumps(listed)
    ws = Workspace.open(Settings(database_url=f"sqlite:///{db}"))
    try:
        with ws.session() as s:
            assert auth.actor_from_token(s, created["token"]).username == "sys"
        assert run(["--db", db, "token", "revoke", str(created["id"])]) == 0
        assert run(["--db", db, "token", "revoke", str(created["id"])]) == 5  # already revoked
        assert run(["--db", db, "token", "revoke", "999"]) == 3
        with ws.session() as s, pytest.raises(AuthenticationError, match="revoked"):
            auth.actor_from_token(s, created["token"])
        with ws.session() as s:
            event = s.scalar(select(AuditEvent).where(AuditEvent.action == "token.revoke"))
            assert event is not None and event.entity_id == str(created["id"])
            with pytest.raises(NotFoundError):
                auth.revoke_token(s, 12345, actor="x")
            # no key until a server needs one (the workspace's default agency is the only setting)
            assert s.scalars(select(ServerSetting.name)).all() == [DEFAULT_AGENCY_SETTING]
    finally:
        ws.close()
