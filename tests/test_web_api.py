"""The JSON API in process, on SQLite and PostgreSQL: flows, errors, pagination, CSRF, headers, audit."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from sqlalchemy import select

from armstrace import audit
from armstrace.model import Item, Transfer
from armstrace.serials import normalise
from armstrace.store import Workspace
from armstrace.store.workspace import DEFAULT_AGENCY_SETTING

from .test_web_access import login
from .webkit import World, build_world


@pytest.fixture
def world(workspace: Workspace) -> World:
    return build_world(workspace)


def test_incident_recovery_match_review_flow_is_audited(world: World) -> None:
    a = world.client("a_analyst")
    r = a.post(
        "/api/v1/incidents",
        json={
            "code": "QTA-1",
            "date": "2025-03-11",
            "country": "pk",
            "latitude": 29.6,
            "longitude": 67.9,
            "kind": "attack",
        },
    )
    assert r.status_code == 201, r.text
    incident = r.json()
    assert incident["country"] == "PK" and incident["agency"] == "A" and incident["visibility"] == "private"
    r = a.post(
        f"/api/v1/incidents/{incident['id']}/recoveries",
        json={"recovery_code": "R-1", "serial_read": "W10O4340", "manufacturer": "Colt", "model": "M4A1"},
    )
    assert r.status_code == 201, r.text
    recovery = r.json()
    assert recovery["serial_read"] == "W10O4340"  # kept verbatim
    assert (
        a.post(
            f"/api/v1/incidents/{incident['id']}/recoveries", json={"recovery_code": "R-1", "serial_read": "1"}
        ).status_code
        == 409
    )
    matches = a.post(f"/api/v1/recoveries/{recovery['id']}/matches").json()
    assert matches and matches[0]["matched_serial"] == "W1004340"
    assert all(m["item_id"] != world.ids["item_B"] for m in matches)
    assert abs(sum(m["probability"] for m in matches) - 1) < 0.05 or sum(m["probability"] for m in matches) <= 1
    r = a.post(f"/api/v1/matches/{matches[0]['id']}/review", json={"decision": "confirmed", "note": "photo checked"})
    assert r.status_code == 200 and r.json()["status"] == "confirmed" and r.json()["reviewed_by"] == "a_analyst"
    # Running the search again never undoes a reviewer's decision.
    again = a.post(f"/api/v1/recoveries/{recovery['id']}/matches").json()
    assert next(m for m in again if m["id"] == matches[0]["id"])["status"] == "confirmed"
    actions = [e["action"] for e in world.client("a_admin").get("/api/v1/audit?limit=100").json()["items"]]
    for action in ("incident.create", "recovery.create", "match.search", "match.review"):
        assert action in actions
    with world.workspace.session() as s:
        assert audit.verify(s).ok


def test_trace_request_lifecycle_between_agencies(world: World) -> None:
    a, b = world.client("a_analyst"), world.client("b_analyst")
    rec = world.ids["recovery_A-R1"]
    r = a.post(
        "/api/v1/traces",
        json={
            "recipient": "b",
            "recovery_ids": [rec],
            "priority": "urgent",
            "fields": {"reason": "recovered after an attack"},
        },
    )
    assert r.status_code == 422 and "must say why" in r.json()["error"]["message"]  # the library's rule
    r = a.post(
        "/api/v1/traces",
        json={
            "recipient": "b",
            "recovery_ids": [rec],
            "priority": "urgent",
            "priority_reason": "attackers at large",
            "fields": {"reason": "recovered after an attack"},
        },
    )
    assert r.status_code == 201, r.text
    trace = r.json()
    assert (
        trace["status"] == "draft"
        and trace["recipient"] == "B"
        and trace["items"][0]["description"]["serial_read"] == "W1004340"
    )
    tid = trace["id"]
    assert b.get(f"/api/v1/traces/{tid}").status_code == 404  # a draft is not sent yet
    assert b.post(f"/api/v1/traces/{tid}/acknowledge").status_code == 404
    sent = a.post(f"/api/v1/traces/{tid}/send").json()
    assert sent["status"] == "sent" and sent["due_date"]
    assert a.post(f"/api/v1/traces/{tid}/send").json()["error"]["code"] == "conflict"
    inbox = b.get("/api/v1/traces?box=inbox").json()
    assert tid in [t["id"] for t in inbox["items"]]
    assert a.post(f"/api/v1/traces/{tid}/answer", json={"last_legal_custodian": "x"}).status_code == 403
    assert b.post(f"/api/v1/traces/{tid}/acknowledge").json()["status"] == "acknowledged"
    assert b.post(f"/api/v1/traces/{tid}/messages", json={"body": "checking our records"}).status_code == 201
    answer = {
        "last_legal_custodian": "Afghan National Army",
        "custodian_country": "AF",
        "custody": [
            {"holder": "Colt", "country": "US", "date": "2017-11-02"},
            {"holder": "Afghan National Army", "country": "AF", "date": "2018-01-09"},
        ],
    }
    done = b.post(f"/api/v1/traces/{tid}/answer", json=answer).json()
    assert done["status"] == "answered"
    [entry] = done["answer"]["items"]  # the library's answer shape, the one custody analysis reads
    assert entry["last_legal_custodian"] == {
        "holder": "Afghan National Army",
        "country": "AF",
        "date": "2018-01-09",
        "document_ref": None,
        "legal": True,
        "note": None,
    }
    assert [c["holder"] for c in entry["custody_chain"]] == ["Colt", "Afghan National Army"]
    assert done["answer"]["answered_by"]["agency"] == "B"
    assert done["messages"][0]["agency"] == "B"
    assert b.post(f"/api/v1/traces/{tid}/close").status_code == 403  # only the requester closes
    assert a.post(f"/api/v1/traces/{tid}/close").json()["status"] == "closed"
    # The recipient never gained the requester's recovery record.
    assert b.get(f"/api/v1/recoveries/{rec}").status_code == 404


def test_errors_have_one_shape(world: World) -> None:
    a = world.client("a_analyst")
    r = a.post("/api/v1/incidents", json={"code": "", "date": "yesterday", "country": "Pakistan", "extra": 1})
    assert r.status_code == 422
    err = r.json()["error"]
    assert err["code"] == "invalid_input" and {d["field"] for d in err["details"]} >= {"code", "date", "country"}
    r = a.post(f"/api/v1/incidents/{world.ids['incident_A-PRIV']}/recoveries", json={"recovery_code": "R-9"})
    assert r.status_code == 422 and "obliterated" in r.json()["error"]["message"]
    r = a.get("/api/v1/search?q=W1[00")
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_query"
    for q in ("1" * 41, "W12%1B34"):  # longer than a serial can be; a control character
        assert a.get(f"/api/v1/search?q={q}").status_code == 422, q
    long = {"recovery_code": "R-9", "serial_read": "1" * 41}
    assert a.post(f"/api/v1/incidents/{world.ids['incident_A-PRIV']}/recoveries", json=long).status_code == 422
    r = world.client().get("/api/v1/incidents")
    assert r.status_code == 401 and r.json()["error"]["code"] == "unauthenticated"
    r = world.client().get("/api/v1/incidents", headers={"authorization": "Bearer atr_wrong"})
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    r = a.get("/api/v1/nothing-here")
    assert r.status_code == 404 and set(r.json()["error"]) == {"code", "message", "details"}
    r = a.delete("/api/v1/incidents")
    assert r.status_code == 405 and r.json()["error"]["code"] == "method_not_allowed"


def test_pagination_and_filters(world: World) -> None:
    a = world.client("a_analyst")
    for i in range(7):
        a.post("/api/v1/incidents", json={"code": f"P-{i}", "date": f"2024-01-0{i + 1}", "country": "AF"})
    page1 = a.get("/api/v1/incidents?country=AF&limit=3").json()
    page3 = a.get("/api/v1/incidents?country=AF&limit=3&offset=6").json()
    assert page1["total"] == 7 and len(page1["items"]) == 3 and len(page3["items"]) == 1
    assert page1["items"][0]["code"] == "P-6"  # newest first
    assert a.get("/api/v1/incidents?q=p-3").json()["total"] == 1
    assert a.get("/api/v1/incidents?country=AF&date_from=2024-01-05").json()["total"] == 3
    assert a.get("/api/v1/incidents?limit=0").status_code == 422
    assert a.get("/api/v1/items?serial=w100-4343").json()["items"][0]["record_id"] == "A-1"


def test_sharing_grants_and_revokes_visibility(world: World) -> None:
    a, c = world.client("a_analyst"), world.client("c_analyst")
    iid = world.ids["incident_A-PRIV"]
    assert c.get(f"/api/v1/incidents/{iid}").status_code == 404
    r = a.put(f"/api/v1/incidents/{iid}/sharing", json={"visibility": "shared", "shared_with": ["c"]})
    assert r.status_code == 200 and r.json()["shared_with"] == ["C"]
    assert c.get(f"/api/v1/incidents/{iid}").status_code == 200
    assert a.put(f"/api/v1/incidents/{iid}/sharing", json={"visibility": "shared"}).status_code == 422
    assert (
        a.put(f"/api/v1/incidents/{iid}/sharing", json={"visibility": "shared", "shared_with": ["NOPE"]}).status_code
        == 422
    )
    a.put(f"/api/v1/incidents/{iid}/sharing", json={"visibility": "private"})
    assert c.get(f"/api/v1/incidents/{iid}").status_code == 404


def test_search_probabilities_ignore_records_the_caller_may_not_see(world: World) -> None:
    """B's private W1004341 is one edit from A's records: it must not take part in A's ranking."""
    a = world.client("a_analyst")
    before = a.get("/api/v1/search?q=W1004341&limit=50").json()
    assert before["candidates"] and all(c["item_id"] != world.ids["item_B"] for c in before["candidates"])
    assert all(c["same_as"] is None for c in before["candidates"])  # no record of these is another's twin
    # Making B's record public changes A's view, and only then.
    world.client("b_analyst").put(f"/api/v1/items/{world.ids['item_B']}/sharing", json={"visibility": "public"})
    after = a.get("/api/v1/search?q=W1004341&limit=50").json()
    assert after["candidates"][0]["item_id"] == world.ids["item_B"]
    assert after["candidates"][1]["probability"] < before["candidates"][0]["probability"]
    b_view = world.client("b_analyst").get("/api/v1/search?q=W1004341").json()
    assert [c["item_id"] for c in b_view["candidates"]] == [world.ids["item_B"]]


def _rows(client: object, q: str) -> list[dict[str, object]]:
    r = client.get(f"/api/v1/search?q={q}&limit=50")  # type: ignore[attr-defined]
    assert r.status_code == 200
    return list(r.json()["candidates"])


def test_search_names_the_first_record_of_a_weapon_recorded_twice_as_the_caller_sees_it(world: World) -> None:
    """B records A's W1004343 (same serial, same make) publicly: A sees both rows, the second naming the
    first's rank; C, who sees only B's record, and A after A's record is gone get no ``same_as`` at all."""
    with world.workspace.session() as s:
        twin = Item(
            agency_id=world.ids["agency_B"],
            visibility="public",
            source_id=world.ids["source_B"],
            record_id="B-twin",
            serial="W1004343",
            serial_norm=normalise("W1004343"),
            manufacturer="Colt",
            model="M4A1",
            row_hash=12345,
        )
        s.add(twin)
        s.flush()
        twin_id = twin.id
        a1 = s.scalars(select(Item).where(Item.record_id == "A-1")).one().id
    a = world.client("a_analyst")
    rows = _rows(a, "W1004340")
    assert [c["rank"] for c in rows] == list(range(1, len(rows) + 1))
    pair = [c for c in rows if c["item_id"] in (a1, twin_id)]
    assert len(pair) == 2 and pair[0]["same_as"] is None and pair[1]["same_as"] == pair[0]["rank"]
    assert pair[0]["rank"] > 1  # the rank named is the weapon's place in this answer, not 1 by chance
    assert pair[1]["probability"] == pair[0]["probability"]
    assert f"same weapon as rank {pair[0]['rank']} " in pair[1]["explanation"]["text"]
    assert [c["same_as"] for c in rows if c["item_id"] not in (a1, twin_id)] == [None] * (len(rows) - 2)
    # C sees B's public record only: its twin is not in C's view, so nothing points at it
    c_rows = _rows(world.client("c_analyst"), "W1004340")
    assert twin_id in [c["item_id"] for c in c_rows] and a1 not in [c["item_id"] for c in c_rows]
    assert all(c["same_as"] is None for c in c_rows)
    # A's record leaves the registry behind the cached matcher's back: its row is dropped and the
    # remaining record of the weapon no longer points at a rank (nor at the row that took that rank)
    with world.workspace.session() as s:
        s.delete(s.get(Item, a1))
    builds = a.app.state.search.builds
    after = _rows(a, "W1004340")
    assert a.app.state.search.builds == builds  # answered by the matcher built before
    assert a1 not in [c["item_id"] for c in after] and twin_id in [c["item_id"] for c in after]
    assert [c["rank"] for c in after] == list(range(1, len(after) + 1))
    assert all(c["same_as"] is None for c in after)
    said = next(c["explanation"]["text"] for c in after if c["item_id"] == twin_id)
    assert "same weapon as rank" not in said and "recorded 2 times" in said


def test_security_headers_and_cookie_flags(world: World) -> None:
    client = world.client()
    r = client.get("/login")
    assert "default-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-frame-options"] == "DENY" and r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "same-origin" and r.headers["cache-control"] == "no-store"
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    assert world.client("a_analyst").get("/api/v1/me").headers["x-frame-options"] == "DENY"


def test_login_session_and_csrf(world: World) -> None:
    client = world.client()
    assert client.get("/").headers["location"].startswith("/login")
    page = client.get("/login")
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    bad = client.post("/login", data={"username": "a_analyst", "password": "wrong password!", "csrf_token": csrf})
    assert bad.status_code == 401 and "wrong password" in bad.text
    assert client.post("/login", data={"username": "a_analyst", "password": "x"}).status_code == 403  # no CSRF
    token = login(client, "a_analyst")
    assert client.get("/api/v1/me").json()["username"] == "a_analyst"
    body = {"code": "S-1", "date": "2025-01-01", "country": "PK"}
    # A cookie-authenticated API write needs the CSRF header; a page form needs the field.
    assert client.post("/api/v1/incidents", json=body).status_code == 403
    assert client.post("/api/v1/incidents", json=body, headers={"x-csrf-token": token}).status_code == 201
    assert client.post("/incidents/new", data={"code": "S-2", "date": "2025-01-01", "country": "PK"}).status_code == 403
    r = client.post("/logout", data={"csrf_token": token})
    assert r.status_code == 303
    assert client.get("/api/v1/me").status_code == 401


def test_pages_render_for_a_logged_in_user(world: World) -> None:
    client = world.client()
    csrf = login(client, "a_analyst")
    for url in (
        "/",
        "/search?q=W100434%3F",
        "/incidents",
        f"/incidents/{world.ids['incident_A-PRIV']}",
        f"/recoveries/{world.ids['recovery_A-R1']}",
        f"/items/{world.ids['item_A']}",
        "/traces?box=outbox",
        f"/traces/{world.ids['trace_A']}",
        "/reports",
        "/incidents/new",
        f"/traces/new?recovery={world.ids['recovery_A-R1']}",
    ):
        r = client.get(url)
        assert r.status_code == 200, (url, r.text[:300])
        assert "Traceback" not in r.text
    r = client.post(
        "/incidents/new", data={"code": "", "date": "", "country": "Pakistan", "latitude": "200", "csrf_token": csrf}
    )
    assert r.status_code == 422 and "Please correct" in r.text and 'aria-invalid="true"' in r.text
    r = client.get("/search?q=W1[00")
    assert r.status_code == 422 and "not closed" in r.text
    r = client.get("/search?q=" + "1" * 2000)  # refused as a whole, not cut to a shorter serial
    assert r.status_code == 422 and "2,000 characters" in r.text
    r = client.get("/search?q=W1004341&manufacturer=" + "C" * 300)
    assert r.status_code == 422 and "300 characters" in r.text
    assert "US Army" in client.get(f"/items/{world.ids['item_A']}").text  # custody timeline


def test_incident_report_opens_as_html_over_the_callers_view(sqlite_workspace: Workspace) -> None:
    world = build_world(sqlite_workspace)
    r = world.client("a_analyst").get(f"/reports/incidents/{world.ids['incident_A-PRIV']}.html")
    assert r.status_code == 200 and r.text.lstrip().lower().startswith("<!doctype html")
    assert "default-src 'none'" in r.headers["content-security-policy"]  # self-contained document
    assert "W1004341" not in r.text and "B-PRIV" not in r.text
    assert world.client("a_analyst").get(f"/reports/incidents/{world.ids['incident_A-PRIV']}.doc").status_code == 404


def test_server_and_workspace_share_one_trace_lifecycle(world: World) -> None:
    """A request created on the server moves on through the library as agency B, and back: same rules."""
    from dataclasses import replace

    from sqlalchemy import select

    from armstrace import tracing
    from armstrace.model import AuditEvent

    a, viewer = world.client("a_analyst"), world.client("a_viewer")
    body = {"recipient": "B", "recovery_ids": [world.ids["recovery_A-R1"]]}
    assert viewer.post("/api/v1/traces", json=body).status_code == 403  # viewers read, never act
    trace = a.post("/api/v1/traces", json=body).json()
    ref = trace["reference"]
    assert trace["items"][0]["description"]["key"] == "A-PRIV/A-R1"  # the library's trace-form content
    a.post(f"/api/v1/traces/{trace['id']}/send")
    as_b = Workspace(replace(world.workspace.settings, agency="B", user="b-desk"), world.workspace.engine)
    assert tracing.get(as_b, ref).box == "inbox"
    tracing.acknowledge(as_b, ref)  # on the command line, as the recipient
    r = a.post(f"/api/v1/traces/{trace['id']}/answer", json={"last_legal_custodian": "x"})
    assert r.status_code == 403  # the requester may not answer for an agency on this server
    tracing.answer(as_b, ref, last_legal_custodian={"holder": "ANA", "country": "AF"})
    shown = a.get(f"/api/v1/traces/{trace['id']}").json()
    assert shown["status"] == "answered" and shown["answer"]["items"][0]["last_legal_custodian"]["holder"] == "ANA"
    assert a.post(f"/api/v1/traces/{trace['id']}/close").json()["status"] == "closed"
    r = a.post(f"/api/v1/traces/{trace['id']}/messages", json={"body": "too late"})
    assert r.status_code == 409 and r.json()["error"]["code"] == "conflict"
    with world.workspace.session() as s:
        events = s.execute(
            select(AuditEvent.action, AuditEvent.actor)
            .where(AuditEvent.entity == "trace_request", AuditEvent.entity_id == ref)
            .order_by(AuditEvent.id)
        ).all()
    assert [tuple(e) for e in events] == [
        ("trace.create", "a_analyst"),
        ("trace.send", "a_analyst"),
        ("trace.acknowledge", "b-desk"),
        ("trace.answer", "b-desk"),
        ("trace.close", "a_analyst"),
    ]


def test_outside_recipient_answer_is_recorded_by_the_requester(world: World) -> None:
    a = world.client("a_analyst")
    r = a.post(
        "/api/v1/traces",
        json={
            "recipient_name": "Colt's Manufacturing",
            "recipient_country": "US",
            "recovery_ids": [world.ids["recovery_A-R1"]],
            "priority": "high",
            "priority_reason": "cross-border supply",
        },
    )
    assert r.status_code == 201, r.text
    tid = r.json()["id"]
    assert r.json()["recipient"] is None and r.json()["recipient_name"] == "Colt's Manufacturing"
    assert a.post("/api/v1/traces", json={"recipient": "NOPE", "recovery_ids": [1]}).status_code == 422
    sent = a.post(f"/api/v1/traces/{tid}/send").json()
    assert sent["due_date"]  # high: 14 days
    done = a.post(f"/api/v1/traces/{tid}/answer", json={"found": False, "note": "no record"}).json()
    assert done["status"] == "answered" and done["answer"]["answered_by"]["recorded_by"] == "A"
    assert done["answer"]["items"][0]["found"] is False and done["answer"]["text"] == "no record"


def test_head_answers_like_get_without_a_body(world: World) -> None:
    anonymous, a = world.client(), world.client("a_analyst")
    for client, url in (
        (anonymous, "/login"),
        (anonymous, "/static/style.css"),
        (a, "/api/v1/me"),
        (a, f"/api/v1/incidents/{world.ids['incident_A-PRIV']}"),
    ):
        got, head = client.get(url), client.head(url)
        assert head.status_code == got.status_code == 200, url
        assert head.content == b"" and head.headers["content-type"] == got.headers["content-type"], url
        assert head.headers["x-frame-options"] == "DENY"
    assert a.head(f"/api/v1/incidents/{world.ids['incident_B-PRIV']}").status_code == 404  # same rules as GET
    assert anonymous.head("/").status_code == 303  # a page asks for login, as GET does
    assert a.head("/api/v1/traces/1/send").status_code == 405  # HEAD is GET, never a POST


def test_login_page_locks_after_five_failures(world: World) -> None:
    client = world.client()
    page = client.get("/login")
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    form = {"username": "a_analyst", "password": "not the password", "csrf_token": csrf}
    assert [client.post("/login", data=form).status_code for _ in range(5)] == [401] * 5
    r = client.post("/login", data={**form, "password": "correct horse battery staple"})
    assert r.status_code == 429 and "too many failed logins" in r.text
    # Retry-After says when the lock ends (about 15 minutes), as the message does — not a minute.
    assert 14 * 60 < int(r.headers["retry-after"]) <= 15 * 60 and "try again in 15 minutes" in r.text
    other = world.client()
    assert other.get("/login").status_code == 200
    events = world.client("a_admin").get("/api/v1/audit?action=user.login_locked").json()["items"]
    assert len(events) == 1 and events[0]["detail"]["address"] == "testclient"


def test_revoked_token_is_refused(world: World) -> None:
    from armstrace import auth
    from armstrace.model import ApiToken

    a = world.client("a_analyst")
    assert a.get("/api/v1/me").status_code == 200
    with world.workspace.session() as s:
        token = s.scalar(select(ApiToken).where(ApiToken.token_hash == auth.hash_token(world.tokens["a_analyst"])))
        assert token is not None
        auth.revoke_token(s, token.id, actor="admin")
    r = a.get("/api/v1/me")
    assert r.status_code == 401 and "revoked" in r.json()["error"]["message"]


def test_generated_secret_key_survives_a_restart(sqlite_workspace: Workspace) -> None:
    """Without ARMSTRACE_SECRET_KEY the key is made once and kept in the key folder, never in the database."""
    from armstrace.model import ServerSetting
    from armstrace.settings import Settings
    from armstrace.web import create_app

    from .webkit import TestClient

    settings = Settings(database_url=sqlite_workspace.settings.database_url, secret_key=None)
    first = TestClient(create_app(settings, workspace=sqlite_workspace), follow_redirects=False)
    first.get("/login")
    cookie = first.cookies.get("armstrace_session")
    assert cookie
    second = create_app(settings, workspace=sqlite_workspace)  # a restart, or another worker
    assert second.state.signer.loads(cookie) is not None
    with sqlite_workspace.session() as s:
        assert s.scalars(select(ServerSetting).where(ServerSetting.name != DEFAULT_AGENCY_SETTING)).all() == []
    other = create_app(Settings(database_url=settings.database_url, secret_key="explicit"), workspace=sqlite_workspace)
    assert other.state.signer.loads(cookie) is None  # an explicit key wins


def test_incident_report_names_the_incident_by_id_never_a_namesake(world: World, monkeypatch, tmp_path) -> None:
    """B's own incident and A's public one share a code: each report is of the incident asked for, by id."""
    from pathlib import Path

    from armstrace.report.context import incident_context
    from armstrace.web import reports

    def fake_render(ws: Workspace, key: str, out: str, *, agency_id: int | None, formats: list[str]) -> list[Path]:
        with ws.session() as s:  # the report package's own lookup, without rendering
            inc = incident_context(s, key, agency_id)["incident"]
        path = Path(out) / "report.html"
        path.write_text(f"<!doctype html>{inc['id']}|{inc['title']}", encoding="utf-8")
        return [path]

    monkeypatch.setattr(reports.report, "incident_report", fake_render)
    b, root = world.client("b_analyst"), world.client("root")
    mine = b.post(
        "/api/v1/incidents", json={"code": "A-PUB", "date": "2025-02-01", "country": "US", "title": "B's namesake"}
    ).json()
    public = world.ids["incident_A-PUB"]
    assert b.get(f"/reports/incidents/{public}.html").text.endswith(f"{public}|Incident A-PUB")
    assert b.get(f"/reports/incidents/{mine['id']}.html").text.endswith(f"{mine['id']}|B's namesake")
    for iid in (public, mine["id"]):  # a server admin sees both namesakes and still gets the one asked for
        assert root.get(f"/reports/incidents/{iid}.html").text.split(">")[-1].startswith(f"{iid}|")
    # An incident coded like the other's number cannot be told apart by the package: refused, not confused.
    b.post("/api/v1/incidents", json={"code": str(public), "date": "2025-02-02", "country": "US"})
    r = b.get(f"/reports/incidents/{public}.html")
    assert r.status_code == 409 and "cannot be told apart" in r.text


def test_405_names_every_method_of_the_path(world: World) -> None:
    """Allow lists what the path takes (RFC 9110): /incidents takes GET and POST, not only the first route's GET."""
    a = world.client("a_analyst")
    r = a.delete("/api/v1/incidents")
    assert r.status_code == 405 and r.json()["error"]["code"] == "method_not_allowed"
    assert r.headers["allow"] == "GET, HEAD, POST"
    r = a.options(f"/api/v1/incidents/{world.ids['incident_A-PRIV']}")
    assert r.status_code == 405 and r.headers["allow"] == "GET, HEAD, PATCH"
    pages = world.client()
    login(pages, "a_analyst")
    r = pages.delete("/incidents/new")
    assert r.status_code == 405 and set(r.headers["allow"].split(", ")) == {"GET", "HEAD", "POST"}


def test_unexpected_error_is_a_generic_500_with_the_security_headers(world: World, monkeypatch) -> None:
    """A bug answers 500 with no traceback — from inside the middleware, so the headers are on it."""
    from armstrace.web import api
    from armstrace.web.pages import home as pages_home

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret internals /srv/armstrace.db")

    monkeypatch.setattr(api.records.lists, "incident_page", broken)
    monkeypatch.setattr(pages_home.records, "dashboard_counts", broken)
    a = world.client("a_analyst")
    r = a.get("/api/v1/incidents")
    assert r.status_code == 500 and r.json()["error"]["code"] == "internal"
    pages = world.client()
    login(pages, "a_analyst")
    page = pages.get("/")
    assert page.status_code == 500 and "internal server error" in page.text
    for response in (r, page):
        assert "secret internals" not in response.text and "Traceback" not in response.text
        assert "default-src 'self'" in response.headers["content-security-policy"]
        assert response.headers["x-frame-options"] == "DENY" and response.headers["cache-control"] == "no-store"
    assert pages.get("/traces").status_code == 200  # the session goes on


def test_trace_form_with_a_malformed_recovery_id_answers_404(world: World) -> None:
    """The id posted in the trace form is checked like a path id: too big or not ASCII digits is no record."""
    pages = world.client()
    csrf = login(pages, "a_analyst")
    for value in ("9" * 30, str(2**63), "²", "١٢", "-1", " 1", ""):
        r = pages.post("/traces/new", data={"recovery_id": value, "recipient": "B", "csrf_token": csrf})
        assert r.status_code == 404, (value, r.status_code)
    ok = pages.post(
        "/traces/new", data={"recovery_id": str(world.ids["recovery_A-R1"]), "recipient": "B", "csrf_token": csrf}
    )
    assert ok.status_code == 303


def test_logout_ends_the_session_even_for_a_copied_cookie(world: World) -> None:
    """Logging out ends the user's sessions on the server: a cookie copied before the logout is refused."""
    laptop, tablet = world.client(), world.client()
    csrf = login(laptop, "a_analyst")
    login(tablet, "a_analyst")
    copied = laptop.cookies.get("armstrace_session")
    thief = world.client()
    thief.cookies.set("armstrace_session", copied)
    assert thief.get("/api/v1/me").json()["username"] == "a_analyst"
    assert laptop.post("/logout", data={"csrf_token": csrf}).status_code == 303
    assert thief.get("/api/v1/me").status_code == 401
    assert thief.get("/").status_code == 303  # to the login page
    assert tablet.get("/api/v1/me").status_code == 401  # "log out" ends every session of the user
    login(tablet, "a_analyst")  # and a new login works at once
    assert tablet.get("/api/v1/me").json()["username"] == "a_analyst"
    assert world.client("a_analyst").get("/api/v1/me").status_code == 200  # API tokens are not sessions
    events = world.client("a_admin").get("/api/v1/audit?action=user.logout").json()["items"]
    assert len(events) == 1 and events[0]["actor"] == "a_analyst"


def test_the_schema_says_what_the_api_takes(world: World) -> None:
    """Found by schemathesis: what the schema allows is accepted and what it forbids is refused (422)."""
    a = world.client("a_analyst")
    schema = a.get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert schema["IncidentPatch"]["properties"]["code"]["type"] == "string"  # not nullable: null is refused
    assert schema["RecoveryPatch"]["properties"]["obliterated"]["type"] == "boolean"
    latitude = schema["IncidentIn"]["properties"]["latitude"]["anyOf"][0]  # bounds as JSON Schema says them
    assert (latitude["minimum"], latitude["maximum"]) == (-90, 90) and "ge" not in latitude
    inc, rec = world.ids["incident_A-PRIV"], world.ids["recovery_A-R1"]
    for url, body, field in (
        (f"/api/v1/incidents/{inc}", {"code": None}, "code"),
        (f"/api/v1/recoveries/{rec}", {"obliterated": None}, "obliterated"),
        (f"/api/v1/recoveries/{rec}", {"obliterated": 0}, "obliterated"),
        (f"/api/v1/incidents/{inc}", {"longitude": False}, "longitude"),
        (f"/api/v1/incidents/{inc}", {"date": 0}, "date"),
        (f"/api/v1/incidents/{inc}", {"date": "20250311"}, "date"),
    ):
        r = a.patch(url, json=body)
        assert r.status_code == 422, (body, r.text)
        assert [d["field"] for d in r.json()["error"]["details"]] == [field], (body, r.text)
    assert a.patch(f"/api/v1/incidents/{inc}", json={"code": "A-PRIV-2", "latitude": 30}).status_code == 200
    assert a.patch(f"/api/v1/recoveries/{rec}", json={"obliterated": True}).json()["obliterated"] is True
    assert a.get("/api/v1/incidents?date_to=0").status_code == 422
    assert a.get("/api/v1/incidents?date_to=2025-12-31").json()["total"] == 3
    trace = world.ids["trace_A"]
    b = world.client("b_analyst")
    for body in ({"found": 0}, {"custody": [{"holder": "  "}]}):
        r = b.post(f"/api/v1/traces/{trace}/answer", json=body)
        assert r.status_code == 422 and r.json()["error"]["details"], (body, r.text)


def test_a_match_stored_without_its_serial_shows_the_registry_serial(world: World) -> None:
    """Matches stored by `armstrace xref` carry no matched_serial: pages show the record's serial, not 'None'."""
    from armstrace.model import Match

    with world.workspace.session() as s:
        match = s.get(Match, world.ids["match_A"])
        assert match is not None
        match.matched_serial = None
    client = world.client()
    login(client, "a_analyst")
    for url in (f"/incidents/{world.ids['incident_A-PRIV']}", f"/recoveries/{world.ids['recovery_A-R1']}"):
        text = client.get(url).text
        assert f'<a href="/items/{world.ids["item_A"]}"' in text and ">None<" not in text, url
        assert "W1004340</a>" in text, url


def test_a_custody_mistake_names_its_line(world: World) -> None:
    pages = world.client()
    csrf = login(pages, "b_analyst")
    r = pages.post(
        f"/traces/{world.ids['trace_A']}/answer",
        data={"csrf_token": csrf, "custody": "Colt; US; 2017-11-02\nUS Army; US; 2018-13-45"},
    )
    assert r.status_code == 422 and "line 2: use a date such as 2025-03-11" in r.text


def test_every_list_endpoint_pages_the_same_way(world: World) -> None:
    """Transfers, matches, traces and audit events answer in the one ``Page`` shape, a page being a slice."""
    a = world.client("a_admin")
    with world.workspace.session() as s:
        for n in range(3):
            s.add(Transfer(agency_id=world.ids["agency_A"], visibility="private", source_id=world.ids["source_A"],
                           transfer_id=f"TP{n}", from_holder="Colt", to_holder=f"Holder {n}",
                           date=dt.date(2020, 1, n + 1), row_hash=n + 1))  # fmt: skip
        s.commit()
    assert world.client("a_analyst").post(f"/api/v1/recoveries/{world.ids['recovery_A-R1']}/matches").json()
    body = {"recipient": "B", "recovery_ids": [world.ids["recovery_A-R1"]]}
    for _ in range(2):
        assert a.post("/api/v1/traces", json=body).status_code == 201
    for path in ("/api/v1/transfers", "/api/v1/matches", "/api/v1/traces", "/api/v1/audit"):
        whole = a.get(f"{path}?limit=500").json()
        assert list(whole) == ["items", "total", "limit", "offset"] and whole["total"] == len(whole["items"]) >= 2
        page = a.get(f"{path}?limit=1&offset=1")
        expected = {"items": whole["items"][1:2], "total": whole["total"], "limit": 1, "offset": 1}
        assert page.content == json.dumps(expected, ensure_ascii=False, separators=(",", ":")).encode(), path
