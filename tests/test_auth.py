"""Users, passwords, tokens and the permission function; the admin CLI commands."""

from __future__ import annotations

import io
import json
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text

from armstrace import auth
from armstrace.cli import run
from armstrace.exceptions import AuthenticationError, ConflictError, InputError
from armstrace.model import ApiToken, Incident
from armstrace.settings import Settings
from armstrace.store import Workspace


def test_passwords_are_argon2_and_tokens_stored_only_as_hashes(sqlite_workspace: Workspace) -> None:
    with sqlite_workspace.session() as s:
        auth.create_agency(s, "pk-ctd", "CTD", country="pk", actor="t")
        user = auth.create_user(s, "alice", agency_code="PK-CTD", role="analyst", password="long enough pw",
                                actor="t")
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
        assert auth.principal_from_token(s, plain).username == "alice"
        with pytest.raises(ConflictError):
            auth.create_user(s, "Alice", agency_code="PK-CTD", actor="t")
        with pytest.raises(InputError, match="at least"):
            auth.create_user(s, "bob", agency_code="PK-CTD", password="short", actor="t")
        with pytest.raises(InputError, match="role"):
            auth.create_user(s, "carol", agency_code="PK-CTD", role="root", actor="t")


@settings(max_examples=50, deadline=None)
@given(role=st.sampled_from(auth.ROLES), own=st.booleans(), visibility=st.sampled_from(["private", "shared", "public"]),
       shared=st.booleans())
def test_can_never_lets_another_agency_write_or_see_private(role: str, own: bool, visibility: str,
                                                            shared: bool) -> None:
    p = auth.Principal(1, "u", 1, "A", role)
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
