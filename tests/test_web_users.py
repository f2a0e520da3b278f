"""User and token lifecycle: disable and enable, reset a password, change a role, tokens that expire, list
and revoke — in the library, over the API (two agencies, tokens and sessions) and on the command line."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from armstrace import auth
from armstrace.cli import run
from armstrace.exceptions import AuthenticationError
from armstrace.model import ApiToken, utcnow
from armstrace.store import Workspace

from .test_web_access import login
from .webkit import PASSWORD, World, build_world


@pytest.fixture
def world(workspace: Workspace) -> World:
    return build_world(workspace)


def _actions(world: World, admin: str = "a_admin") -> list[str]:
    return [e["action"] for e in world.client(admin).get("/api/v1/audit?limit=500").json()["items"]]


def test_an_agency_admin_disables_and_enables_a_user_of_its_agency(world: World) -> None:
    admin, analyst = world.client("a_admin"), world.client("a_analyst")
    pages = world.client()
    login(pages, "a_analyst")
    assert pages.get("/").status_code == 200 and analyst.get("/api/v1/me").status_code == 200
    r = admin.patch("/api/v1/users/a_analyst", json={"active": False})
    assert r.status_code == 200 and r.json()["active"] is False
    assert analyst.get("/api/v1/me").status_code == 401  # its token stops
    assert pages.get("/", follow_redirects=False).status_code == 303  # its session ends
    fresh = world.client()
    page = fresh.get("/login")
    import re

    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    r = fresh.post("/login", data={"username": "a_analyst", "password": PASSWORD, "csrf_token": csrf})
    assert r.status_code != 303  # nor may it log in
    assert admin.patch("/api/v1/users/a_analyst", json={"active": True}).status_code == 200
    assert analyst.get("/api/v1/me").status_code == 200
    assert {"user.disable", "user.enable"} <= set(_actions(world))
    # Its own agency only; never itself; an analyst manages nobody; null is not a value.
    assert admin.patch("/api/v1/users/b_analyst", json={"active": False}).status_code == 404
    assert admin.patch("/api/v1/users/a_admin", json={"active": False}).status_code == 409
    assert analyst.patch("/api/v1/users/a_viewer", json={"active": False}).status_code == 403
    assert admin.patch("/api/v1/users/a_analyst", json={"active": None}).status_code == 422
    assert [u["username"] for u in admin.get("/api/v1/users").json()] == ["a_admin", "a_analyst", "a_viewer"]


def test_a_role_change_takes_effect_at_once_and_only_a_server_admin_makes_one(world: World) -> None:
    admin, viewer = world.client("a_admin"), world.client("a_viewer")
    body = {"code": "V-1", "date": "2025-01-01", "country": "PK"}
    assert viewer.post("/api/v1/incidents", json=body).status_code == 403
    r = admin.patch("/api/v1/users/a_viewer", json={"role": "analyst"})
    assert r.status_code == 200 and r.json()["role"] == "analyst"
    assert viewer.post("/api/v1/incidents", json=body).status_code == 201
    assert admin.patch("/api/v1/users/a_viewer", json={"role": "server_admin"}).status_code == 403
    assert world.client("root").patch("/api/v1/users/a_viewer", json={"role": "server_admin"}).status_code == 200
    event = next(
        e
        for e in world.client("a_admin").get("/api/v1/audit?action=user.role").json()["items"]
        if e["detail"]["after"] == "analyst"
    )
    assert event["detail"]["before"] == "viewer" and event["actor"] == "a_admin"


def test_a_password_reset_ends_the_users_sessions(world: World) -> None:
    pages = world.client()
    login(pages, "a_analyst")
    new = "a brand new passphrase"
    assert world.client("a_admin").put("/api/v1/users/a_analyst/password", json={"password": new}).status_code == 204
    assert pages.get("/", follow_redirects=False).status_code == 303
    with world.workspace.session() as s, pytest.raises(AuthenticationError):
        auth.authenticate(s, "a_analyst", PASSWORD)
    with world.workspace.session() as s:
        assert auth.authenticate(s, "a_analyst", new).username == "a_analyst"
    # A user may change its own password; not another agency's.
    assert (
        world.client("b_analyst")
        .put("/api/v1/users/b_analyst/password", json={"password": "b's own new password"})
        .status_code
        == 204
    )
    assert (
        world.client("b_analyst")
        .put("/api/v1/users/a_analyst/password", json={"password": "b's own new password"})
        .status_code
        == 404
    )
    assert "user.password_reset" in _actions(world)


def test_tokens_expire_and_are_listed_and_revoked_by_key(world: World) -> None:
    analyst = world.client("a_analyst")
    r = analyst.post("/api/v1/tokens", json={"name": "case system", "days": 30})
    assert r.status_code == 201, r.text
    made = r.json()
    expires = dt.datetime.fromisoformat(made["expires_at"]).replace(tzinfo=None)
    assert dt.timedelta(days=29) < expires - utcnow() <= dt.timedelta(days=30)
    listed = analyst.get("/api/v1/tokens").json()
    assert {t["user"] for t in listed} == {"a_analyst"} and made["key"] in {t["key"] for t in listed}
    assert "token" not in listed[0] and "id" not in listed[0]
    new = world.client()
    new.headers["authorization"] = f"Bearer {made['token']}"
    assert new.get("/api/v1/me").json()["username"] == "a_analyst"
    with world.workspace.session() as s:
        row = s.query(ApiToken).filter(ApiToken.token_hash == auth.hash_token(made["token"])).one()
        with pytest.raises(AuthenticationError, match="expired"):
            auth.actor_from_token(s, made["token"], now=row.expires_at + dt.timedelta(seconds=1))
        row.expires_at = utcnow() - dt.timedelta(minutes=1)
    r = new.get("/api/v1/me")
    assert r.status_code == 401 and "expired" in r.json()["error"]["message"]
    # Only one's own, or one's agency's as its admin.
    assert world.client("b_analyst").delete(f"/api/v1/tokens/{made['key']}").status_code == 404
    assert world.client("a_admin").delete(f"/api/v1/tokens/{made['key']}").status_code == 204
    assert world.client("a_admin").delete(f"/api/v1/tokens/{made['key']}").status_code == 409
    assert analyst.post("/api/v1/tokens", json={"name": "x", "user": "a_viewer"}).status_code == 403
    assert {"token.create", "token.revoke"} <= set(_actions(world))


def test_the_command_line_manages_users_and_expiring_tokens(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "ws.db")
    base = ["--db", db, "--agency", "PK-CTD"]
    assert run([*base, "init"]) == 0
    assert run([*base, "user", "add", "ali", "--agency", "PK-CTD", "--role", "analyst", "--no-password"]) == 0
    capsys.readouterr()
    assert run([*base, "token", "create", "ali", "--name", "sync", "--json"]) == 0
    token = json.loads(capsys.readouterr().out)
    expires = dt.datetime.fromisoformat(token["expires_at"])
    assert dt.timedelta(days=89) < expires - utcnow() <= dt.timedelta(days=90)
    assert run([*base, "user", "role", "ali", "agency_admin", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["role"] == "agency_admin"
    assert run([*base, "user", "disable", "ali"]) == 0
    assert run([*base, "user", "disable", "ali"]) == 5  # already disabled: a conflict, no traceback
    assert "Traceback" not in capsys.readouterr().err
    assert run([*base, "user", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["active"] is False
    assert run([*base, "token", "revoke", token["key"]]) == 0
    capsys.readouterr()
    assert run([*base, "token", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["revoked"] is True
