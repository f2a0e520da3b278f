"""The server under load (issue 12): reads that do not write, contention as 503, body and rate limits,
search indexes rebuilt only for the views that changed, and visibility filters that use indexes.

Nothing here is timed: speed is measured by ``benchmarks/bench_load.py``.
"""

from __future__ import annotations

import sqlite3
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import event, select, text
from sqlalchemy.engine import make_url

from armstrace.auth import Actor
from armstrace.model import ApiToken, Item, Match
from armstrace.records import match_visible
from armstrace.settings import Settings
from armstrace.store import Workspace
from armstrace.web import create_app
from armstrace.web.search import SearchService

from .webkit import World, build_world

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient


@pytest.fixture
def world(workspace: Workspace) -> World:
    return build_world(workspace)


def app_for(world: World, **options: Any) -> FastAPI:
    settings = Settings(database_url=world.workspace.settings.database_url, secret_key="test-secret", **options)
    return create_app(settings, workspace=world.workspace)


def client(app: FastAPI, world: World, user: str | None = None) -> TestClient:
    headers = {"authorization": f"Bearer {world.tokens[user]}"} if user else {}
    return TestClient(app, headers=headers, follow_redirects=False)


@pytest.fixture
def statements(world: World) -> Iterator[list[str]]:
    """Every SQL statement the workspace's engine runs while the test holds the list."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(world.workspace.engine, "before_cursor_execute", record)
    yield seen
    event.remove(world.workspace.engine, "before_cursor_execute", record)


# --- H4: reads do not write; contention is a 503 ---------------------------------------------------------


def test_a_get_with_an_api_token_writes_nothing(world: World, statements: list[str]) -> None:
    c = client(app_for(world), world, "a_analyst")
    assert c.get("/api/v1/me").status_code == 200
    with world.workspace.session() as s:  # the first use is still recorded, after the answer
        used = s.scalars(select(ApiToken.last_used_at).where(ApiToken.last_used_at.is_not(None))).all()
    assert len(used) == 1
    statements.clear()
    for path in ("/api/v1/me", "/api/v1/incidents", "/api/v1/matches", "/api/v1/search?q=W1004340"):
        assert c.get(path).status_code == 200, path
    writes = [s for s in statements if s.lstrip().split(None, 1)[0].upper() in ("INSERT", "UPDATE", "DELETE")]
    assert writes == []


def test_a_write_while_another_holds_the_lock_is_a_503_with_retry_after(tmp_path: Path) -> None:
    ws = Workspace.create(
        Settings(database_url=f"sqlite:///{tmp_path / 'ws.db'}", agency="TEST", user="t", busy_timeout=0.2)
    )
    try:
        world = build_world(ws)
        c = client(app_for(world, busy_timeout=0.2), world, "a_analyst")
        c.get("/api/v1/me")  # the token's first use is written now, not while the lock is held
        holder = sqlite3.connect(str(make_url(ws.settings.database_url).database))
        holder.execute("BEGIN IMMEDIATE")  # e.g. a big import holding the write lock
        try:
            r = c.post(
                "/api/v1/incidents", json={"code": "X-1", "date": "2025-03-11", "country": "PK", "kind": "attack"}
            )
            assert r.status_code == 503, r.text
            assert r.json()["error"]["code"] == "busy" and int(r.headers["retry-after"]) >= 1
            assert c.get("/api/v1/incidents").status_code == 200  # reads go on meanwhile
        finally:
            holder.rollback()
            holder.close()
        r = c.post("/api/v1/incidents", json={"code": "X-1", "date": "2025-03-11", "country": "PK", "kind": "attack"})
        assert r.status_code == 201, r.text  # the 503 left nothing half done
    finally:
        ws.close()


# --- M3: body limit before parsing and authentication ----------------------------------------------------


def test_a_body_too_large_is_a_413_before_authentication(world: World) -> None:
    anonymous = client(app_for(world, max_body_bytes=1000), world)
    big = b'{"code": "' + b"x" * 5000 + b'"}'
    r = anonymous.post("/api/v1/incidents", content=big, headers={"content-type": "application/json"})
    assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"  # not 401: nothing was read

    def chunks() -> Iterator[bytes]:  # no Content-Length: refused while it is read
        yield from (big[i : i + 500] for i in range(0, len(big), 500))

    analyst = client(app_for(world, max_body_bytes=1000), world, "a_analyst")
    r = analyst.post("/api/v1/incidents", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413, r.text
    r = anonymous.post("/login", data={"username": "a_analyst", "password": "x" * 5000, "csrf_token": "t"})
    assert r.status_code == 413
    small = analyst.post(
        "/api/v1/incidents", json={"code": "OK-1", "date": "2025-03-11", "country": "PK", "kind": "attack"}
    )
    assert small.status_code == 201, small.text


def test_uploads_have_their_own_larger_limit(world: World) -> None:
    app = app_for(world, max_body_bytes=1000, max_upload_bytes=100_000)
    c = client(app, world, "a_analyst")
    r = c.post("/api/v1/incidents", files={"file": ("a.bin", b"x" * 5000)})
    assert r.status_code != 413  # under the upload limit: the route answers (here: not a JSON body)
    r = c.post("/api/v1/incidents", files={"file": ("a.bin", b"x" * 200_000)})
    assert r.status_code == 413


# --- M2: rate limit and cost bound ------------------------------------------------------------------------


def test_the_rate_limit_is_per_token_and_answers_429_with_retry_after(world: World) -> None:
    app = app_for(world, rate_per_second=0.01, rate_burst=3)
    a, b = client(app, world, "a_analyst"), client(app, world, "b_analyst")
    assert [a.get("/api/v1/me").status_code for _ in range(3)] == [200, 200, 200]
    r = a.get("/api/v1/me")
    assert r.status_code == 429 and r.json()["error"]["code"] == "too_many_requests"
    assert int(r.headers["retry-after"]) >= 1
    assert b.get("/api/v1/me").status_code == 200  # another caller keeps its own allowance


def test_a_search_costs_more_than_a_read(world: World) -> None:
    app = app_for(world, rate_per_second=0.01, rate_burst=6, search_cost=5)
    a = client(app, world, "a_analyst")
    assert a.get("/api/v1/search?q=W1004340").status_code == 200
    assert a.get("/api/v1/me").status_code == 200
    assert a.get("/api/v1/search?q=W1004340").status_code == 429


def test_a_wildcard_query_naming_too_few_characters_is_refused(world: World) -> None:
    a = client(app_for(world), world, "a_analyst")
    r = a.get("/api/v1/search", params={"q": "*[0123456789]?[0123456789]*"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "query_too_broad"
    assert "at least 3" in r.json()["error"]["message"]
    assert a.get("/api/v1/search", params={"q": "W10?43*"}).status_code == 200


# --- M1: search indexes per view ---------------------------------------------------------------------------


def test_another_agencys_share_does_not_rebuild_this_agencys_search_index(world: World) -> None:
    app = app_for(world)
    service: SearchService = app.state.search
    a, b, c = (client(app, world, u) for u in ("a_analyst", "b_analyst", "c_analyst"))
    assert b.get("/api/v1/search?q=W1004340").status_code == 200
    assert c.get("/api/v1/search?q=W1004340").status_code == 200
    built = service.builds
    share = f"/api/v1/items/{world.ids['item_A']}/sharing"
    assert a.put(share, json={"visibility": "shared", "shared_with": ["C"]}).status_code == 200
    found = b.get("/api/v1/search?q=W1004340").json()["candidates"]
    assert service.builds == built  # B sees what it saw: no rebuild
    assert world.ids["item_A"] not in [x["item_id"] for x in found]
    assert c.get("/api/v1/search?q=W1004340").status_code == 200  # C's view grew: rebuilt in the background
    service.wait()
    assert world.ids["item_A"] in [x["item_id"] for x in c.get("/api/v1/search?q=W1004340").json()["candidates"]]
    assert service.builds == built + 1
    assert a.put(share, json={"visibility": "shared", "shared_with": ["B", "C"]}).status_code == 200
    found = b.get("/api/v1/search?q=W1004340").json()["candidates"]
    assert world.ids["item_A"] in [x["item_id"] for x in found]  # now B's view changed, and was rebuilt
    assert service.builds == built + 2
    assert a.put(share, json={"visibility": "shared", "shared_with": ["C"]}).status_code == 200
    found = b.get("/api/v1/search?q=W1004340").json()["candidates"]  # withdrawn: never answered from the old one
    assert world.ids["item_A"] not in [x["item_id"] for x in found]


def test_parallel_searches_of_one_view_build_one_index(world: World) -> None:
    service = SearchService()
    p = Actor(None, "b_analyst", world.ids["agency_B"], "B", "analyst")
    errors: list[BaseException] = []

    def search() -> None:
        try:
            with world.workspace.session() as s:
                service.search(s, p, "W1004341")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=search) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and service.builds == 1


def test_a_view_that_only_grew_answers_from_its_previous_index_until_the_next_is_built(world: World) -> None:
    service = SearchService(sessions=world.workspace.session)
    b = Actor(None, "b_analyst", world.ids["agency_B"], "B", "analyst")
    with world.workspace.session() as s:
        service.search(s, b, "W1004341")
        s.add(
            Item(
                agency_id=b.agency_id,
                visibility="private",
                source_id=world.ids["source_B"],
                record_id="B-9",
                serial="W1004349",
                serial_norm="W1004349",
                row_hash=12345,
            )
        )
    with world.workspace.session() as s:
        first = [c["serial"] for c in service.search(s, b, "W1004349")[1]]
    service.wait()
    with world.workspace.session() as s:
        then = [c["serial"] for c in service.search(s, b, "W1004349")[1]]
    assert service.builds == 2 and "W1004349" in then and first != then


def test_agencies_that_see_only_the_public_registry_share_one_index(world: World) -> None:
    service = SearchService()
    with world.workspace.session() as s:
        for code in ("C", "A"):  # C owns no item and has none shared with it; A has its own
            service.search(s, Actor(None, "x", world.ids[f"agency_{code}"], code, "analyst"), "W1004341")
        root = Actor(None, "root", world.ids["agency_C"], "C", "server_admin")
        service.search(s, root, "W1004341")
        other = Actor(None, "y", world.ids["agency_C"] + 100, "Z", "analyst")  # an agency with nothing
        service.search(s, other, "W1004341")
    assert service.builds == 3  # public (C and Z), A, and the server admin's view of everything


# --- M6: visibility filters use indexes --------------------------------------------------------------------


def _plan(world: World, stmt: Any) -> str:
    ws = world.workspace
    with ws.engine.connect() as conn:
        compiled = stmt.compile(ws.engine, compile_kwargs={"literal_binds": True})
        if ws.dialect == "sqlite":
            rows = conn.execute(text(f"EXPLAIN QUERY PLAN {compiled}")).all()
            return "\n".join(str(r[-1]) for r in rows)
        conn.execute(text("SET enable_seqscan = off"))  # small tables: ask whether an index path exists
        return "\n".join(r[0] for r in conn.execute(text(f"EXPLAIN {compiled}")))


def test_visibility_filters_use_indexes(world: World) -> None:
    p = Actor(None, "b_analyst", world.ids["agency_B"], "B", "analyst")
    plan = _plan(world, select(Match.id).where(match_visible(p)))
    if world.workspace.dialect == "sqlite":
        # the registry and the recoveries are probed by primary key per match, never scanned or listed
        assert "SCAN item" not in plan and "SCAN recovery" not in plan and "LIST SUBQUERY" not in plan, plan
        assert "USING INTEGER PRIMARY KEY" in plan, plan
    else:
        assert "Seq Scan on item" not in plan and "Seq Scan on recovery" not in plan, plan
    for stmt, index in (
        (select(Item.id).where(Item.agency_id == p.agency_id).order_by(Item.id.desc()).limit(1), "ix_item_agency_id"),
        (select(Item.id).where(Item.visibility == "public").order_by(Item.id.desc()).limit(1), "ix_item_visibility"),
    ):
        assert index in _plan(world, stmt)


def test_writers_of_one_process_queue_in_turn_and_a_long_wait_is_a_503(tmp_path: Path) -> None:
    ws = Workspace.create(
        Settings(database_url=f"sqlite:///{tmp_path / 'ws.db'}", agency="TEST", user="t", busy_timeout=0.2)
    )
    try:
        world = build_world(ws)
        c = client(app_for(world, busy_timeout=0.2), world, "a_analyst")
        c.get("/api/v1/me")
        incident = {"code": "X-2", "date": "2025-03-11", "country": "PK", "kind": "attack"}
        with ws.session() as s:  # a writer of this process, in the middle of its transaction
            s.execute(text("UPDATE agency SET name = name WHERE id = 1"))
            r = c.post("/api/v1/incidents", json=incident)
            assert r.status_code == 503 and r.headers["retry-after"], r.text
        assert c.post("/api/v1/incidents", json=incident).status_code == 201  # the gate was released
        done: list[int] = []
        threads = [
            threading.Thread(target=lambda i=i: done.append(c.post("/api/v1/incidents", json={
                **incident, "code": f"Q-{i}"}).status_code)) for i in range(6)
        ]  # fmt: skip
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert done == [201] * 6
    finally:
        ws.close()


def test_server_limits_are_read_from_the_environment_and_a_bad_value_is_named() -> None:
    from armstrace.exceptions import InputError
    from armstrace.settings import load_settings

    settings = load_settings({"ARMSTRACE_RATE": "5", "ARMSTRACE_MAX_BODY": "2048", "ARMSTRACE_BUSY_TIMEOUT": "0.5"})
    assert (settings.rate_per_second, settings.max_body_bytes, settings.busy_timeout) == (5.0, 2048, 0.5)
    with pytest.raises(InputError, match="ARMSTRACE_RATE='fast'"):
        load_settings({"ARMSTRACE_RATE": "fast"})


def test_requests_beyond_the_concurrency_limit_wait_in_line_then_get_a_503() -> None:
    import asyncio

    from starlette.responses import PlainTextResponse

    from armstrace.web.limits import Admission

    async def scenario() -> tuple[list[int], list[int]]:
        release = asyncio.Event()

        async def slow(scope: Any, receive: Any, send: Any) -> None:
            await release.wait()
            await PlainTextResponse("ok")(scope, receive, send)

        gate = Admission(slow, limit=1, timeout=0.05)
        scope = {"type": "http", "method": "GET", "path": "/api/v1/me", "headers": [], "query_string": b""}
        first: list[int] = []
        second: list[int] = []

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": b""}

        def sender(into: list[int]) -> Any:
            async def send(message: dict[str, Any]) -> None:
                if message["type"] == "http.response.start":
                    into.append(message["status"])

            return send

        inside = asyncio.create_task(gate(scope, receive, sender(first)))
        await asyncio.sleep(0.01)
        await gate(scope, receive, sender(second))  # the one slot is taken: waits 0.05 s, then 503
        release.set()
        await inside
        return first, second

    first, second = asyncio.run(scenario())
    assert first == [200] and second == [503]
