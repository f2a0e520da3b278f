"""Who may see what, route by route: agency A probes agency B's private records through every route.

The matrix enumerates ``app.routes``: a route added without a line here fails ``test_every_route_is_probed``.
A record another agency may not see must answer exactly like a missing one (404, same message shape),
and lists, counts, maps and search must never include it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from armstrace.auth import hash_token
from armstrace.store import Workspace

from .photos import drawing
from .webkit import PASSWORD, TestClient, World, build_world

# Strings that only agency B's private records (and B's trace to C) contain.
B_MARKERS = ("B-PRIV", "W1004341", "W1004342", "Secret depot", "B-2025-0001", "Unit 9")


def all_routes(app: Any) -> list[tuple[str, str]]:
    """(method, path) of every route, looking inside included routers."""
    out: list[tuple[str, str]] = []

    def walk(routes: list[Any]) -> None:
        for r in routes:
            if hasattr(r, "original_router"):
                walk(r.original_router.routes)
            elif hasattr(r, "methods") and r.methods:
                out.extend((m, r.path) for m in sorted(r.methods) if m != "HEAD")
            else:
                out.append(("MOUNT", r.path))

    walk(list(app.routes))
    return out


def login(client: TestClient, username: str) -> str:
    """Log in through the form; return the session's CSRF token."""
    page = client.get("/login")
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    r = client.post("/login", data={"username": username, "password": PASSWORD, "csrf_token": csrf})
    assert r.status_code == 303, r.text
    home = client.get("/")
    return re.search(r'name="csrf_token" value="([^"]+)"', home.text).group(1)  # type: ignore[union-attr]


Probe = Callable[[World], tuple[str, dict[str, Any]]]


def b_file(world: World) -> int:
    """A photo on B's private recovery (made once per world), for the file routes' probes."""
    if "file_B" not in world.ids:
        from armstrace import attachments
        from armstrace.auth import Actor

        b = Actor(None, "b_analyst", world.ids["agency_B"], "B", "analyst")
        with world.workspace.session() as s:
            found = attachments.add(
                s, b, "recovery", world.ids["recovery_B-R1"], drawing("W1004341"), file_name="b.jpg", shows="serial"
            )
        world.ids["file_B"] = found["id"]
    return world.ids["file_B"]


_PNG = drawing("SCENE", fmt="PNG", gps=None)


def _file_probe(method: str, kind: str, ref: str) -> Probe:
    def probe(w: World) -> tuple[str, dict[str, Any]]:
        b_file(w)
        upload = {"files": {"file": ("a.png", _PNG, "image/png")}, "data": {"shows": "scene"}}
        return f"/{'api/v1/' if method != 'PAGE' else ''}{kind}/{w.ids[ref]}/attachments", (
            {} if method == "GET" else upload
        )

    return probe


INC = "incident_B-PRIV"
R = "recovery_B-R1"

# kind: "hidden" — B's private record: 404 for A; "list" — 200 without any of B's markers;
# "admin" — 403 for an analyst; "public" — reachable without login.
SPEC: dict[tuple[str, str], tuple[str, Probe]] = {
    ("GET", "/api/v1/openapi.json"): ("public", lambda w: ("/api/v1/openapi.json", {})),
    ("MOUNT", "/static"): ("public", lambda w: ("/static/style.css", {})),
    ("GET", "/api/v1/me"): ("list", lambda w: ("/api/v1/me", {})),
    ("GET", "/api/v1/agencies"): ("list", lambda w: ("/api/v1/agencies", {})),
    ("GET", "/api/v1/incidents"): ("list", lambda w: ("/api/v1/incidents?limit=500", {})),
    ("POST", "/api/v1/incidents"): (
        "list",
        lambda w: ("/api/v1/incidents", {"json": {"code": "NEW-1", "date": "2025-01-01", "country": "PK"}}),
    ),
    ("GET", "/api/v1/incidents/{incident_id}"): ("hidden", lambda w: (f"/api/v1/incidents/{w.ids[INC]}", {})),
    ("PATCH", "/api/v1/incidents/{incident_id}"): (
        "hidden",
        lambda w: (f"/api/v1/incidents/{w.ids[INC]}", {"json": {"title": "mine now"}}),
    ),
    ("PUT", "/api/v1/incidents/{incident_id}/sharing"): (
        "hidden",
        lambda w: (f"/api/v1/incidents/{w.ids[INC]}/sharing", {"json": {"visibility": "public"}}),
    ),
    ("GET", "/api/v1/incidents/{incident_id}/recoveries"): (
        "hidden",
        lambda w: (f"/api/v1/incidents/{w.ids[INC]}/recoveries", {}),
    ),
    ("POST", "/api/v1/incidents/{incident_id}/recoveries"): (
        "hidden",
        lambda w: (f"/api/v1/incidents/{w.ids[INC]}/recoveries", {"json": {"recovery_code": "X", "serial_read": "1"}}),
    ),
    ("GET", "/api/v1/recoveries"): ("list", lambda w: ("/api/v1/recoveries?limit=500", {})),
    ("GET", "/api/v1/recoveries/{recovery_id}"): ("hidden", lambda w: (f"/api/v1/recoveries/{w.ids[R]}", {})),
    ("PATCH", "/api/v1/recoveries/{recovery_id}"): (
        "hidden",
        lambda w: (f"/api/v1/recoveries/{w.ids[R]}", {"json": {"model": "x"}}),
    ),
    ("PUT", "/api/v1/recoveries/{recovery_id}/sharing"): (
        "hidden",
        lambda w: (f"/api/v1/recoveries/{w.ids[R]}/sharing", {"json": {"visibility": "public"}}),
    ),
    ("GET", "/api/v1/recoveries/{recovery_id}/matches"): (
        "hidden",
        lambda w: (f"/api/v1/recoveries/{w.ids[R]}/matches", {}),
    ),
    ("POST", "/api/v1/recoveries/{recovery_id}/matches"): (
        "hidden",
        lambda w: (f"/api/v1/recoveries/{w.ids[R]}/matches", {}),
    ),
    ("GET", "/api/v1/sources"): ("list", lambda w: ("/api/v1/sources", {})),
    ("GET", "/api/v1/items"): ("list", lambda w: ("/api/v1/items?limit=500", {})),
    ("GET", "/api/v1/items/{item_id}"): ("hidden", lambda w: (f"/api/v1/items/{w.ids['item_B']}", {})),
    ("GET", "/api/v1/items/{item_id}/custody"): ("hidden", lambda w: (f"/api/v1/items/{w.ids['item_B']}/custody", {})),
    ("PUT", "/api/v1/items/{item_id}/sharing"): (
        "hidden",
        lambda w: (f"/api/v1/items/{w.ids['item_B']}/sharing", {"json": {"visibility": "public"}}),
    ),
    ("GET", "/api/v1/transfers"): ("list", lambda w: ("/api/v1/transfers?limit=500", {})),
    ("GET", "/api/v1/search"): ("list", lambda w: ("/api/v1/search?q=W100434%3F&limit=100", {})),
    ("GET", "/api/v1/matches"): ("list", lambda w: ("/api/v1/matches?limit=500", {})),
    ("GET", "/api/v1/matches/{match_id}"): ("hidden", lambda w: (f"/api/v1/matches/{w.ids['match_B']}", {})),
    ("POST", "/api/v1/matches/{match_id}/review"): (
        "hidden",
        lambda w: (f"/api/v1/matches/{w.ids['match_B']}/review", {"json": {"decision": "rejected"}}),
    ),
    ("GET", "/api/v1/traces"): ("list", lambda w: ("/api/v1/traces?limit=500", {})),
    ("POST", "/api/v1/traces"): (
        "hidden",
        lambda w: ("/api/v1/traces", {"json": {"recipient": "C", "recovery_ids": [w.ids[R]]}}),
    ),
    ("GET", "/api/v1/traces/{trace_id}"): ("hidden", lambda w: (f"/api/v1/traces/{w.ids['trace_B']}", {})),
    ("POST", "/api/v1/traces/{trace_id}/send"): ("hidden", lambda w: (f"/api/v1/traces/{w.ids['trace_B']}/send", {})),
    ("POST", "/api/v1/traces/{trace_id}/acknowledge"): (
        "hidden",
        lambda w: (f"/api/v1/traces/{w.ids['trace_B']}/acknowledge", {}),
    ),
    ("POST", "/api/v1/traces/{trace_id}/answer"): (
        "hidden",
        lambda w: (f"/api/v1/traces/{w.ids['trace_B']}/answer", {"json": {"last_legal_custodian": "x"}}),
    ),
    ("POST", "/api/v1/traces/{trace_id}/close"): ("hidden", lambda w: (f"/api/v1/traces/{w.ids['trace_B']}/close", {})),
    ("POST", "/api/v1/traces/{trace_id}/messages"): (
        "hidden",
        lambda w: (f"/api/v1/traces/{w.ids['trace_B']}/messages", {"json": {"body": "hello"}}),
    ),
    ("GET", "/api/v1/notices"): ("list", lambda w: ("/api/v1/notices?all=true", {})),
    ("POST", "/api/v1/notices/{notice_id}/ack"): ("hidden", lambda w: (f"/api/v1/notices/{_b_notice(w)}/ack", {})),
    ("PUT", "/api/v1/incidents/{incident_id}/embargo"): (
        "hidden",
        lambda w: (f"/api/v1/incidents/{w.ids[INC]}/embargo", {"json": {"reason": "x"}}),
    ),
    ("DELETE", "/api/v1/incidents/{incident_id}/embargo"): (
        "hidden",
        lambda w: (f"/api/v1/incidents/{w.ids[INC]}/embargo", {}),
    ),
    ("GET", "/api/v1/psi/offer"): ("hidden", lambda w: ("/api/v1/psi/offer", {})),  # PSI not configured: 404
    ("POST", "/api/v1/psi/answer"): ("hidden", lambda w: ("/api/v1/psi/answer", {"content": b"x"})),
    ("POST", "/api/v1/exchange"): (
        "public",
        lambda w: ("/api/v1/exchange", {"json": {"envelope": "{}", "signature": ""}}),
    ),
    ("GET", "/api/v1/consents"): ("list", lambda w: ("/api/v1/consents", {})),
    ("POST", "/api/v1/consents"): (
        "hidden",
        lambda w: ("/api/v1/consents", {"json": {"entity": "recovery", "record_id": w.ids[R], "partner": "C"}}),
    ),
    ("DELETE", "/api/v1/consents/{consent_id}"): ("hidden", lambda w: ("/api/v1/consents/1", {})),
    ("GET", "/api/v1/users"): ("admin", lambda w: ("/api/v1/users", {})),
    ("PATCH", "/api/v1/users/{username}"): (
        "hidden",
        lambda w: ("/api/v1/users/b_analyst", {"json": {"active": False}}),
    ),
    ("PUT", "/api/v1/users/{username}/password"): (
        "hidden",
        lambda w: ("/api/v1/users/b_analyst/password", {"json": {"password": "a new password of A's"}}),
    ),
    ("GET", "/api/v1/tokens"): ("list", lambda w: ("/api/v1/tokens", {})),
    ("POST", "/api/v1/tokens"): ("hidden", lambda w: ("/api/v1/tokens", {"json": {"name": "x", "user": "b_analyst"}})),
    ("DELETE", "/api/v1/tokens/{key}"): (
        "hidden",
        lambda w: (f"/api/v1/tokens/{hash_token(w.tokens['b_analyst'])[:16]}", {}),
    ),
    ("GET", "/api/v1/audit"): ("admin", lambda w: ("/api/v1/audit", {})),
    ("GET", "/api/v1/audit/verify"): ("admin", lambda w: ("/api/v1/audit/verify", {})),
    # pages
    ("GET", "/login"): ("public", lambda w: ("/login", {})),
    ("POST", "/login"): ("public", lambda w: ("/login", {"data": {"username": "x", "password": "y"}})),
    ("POST", "/logout"): ("list", lambda w: ("/logout", {"data": {}})),
    ("GET", "/"): ("list", lambda w: ("/", {})),
    ("GET", "/map/incidents.geojson"): ("list", lambda w: ("/map/incidents.geojson", {})),
    ("GET", "/map/countries.geojson"): ("list", lambda w: ("/map/countries.geojson", {})),
    ("GET", "/search"): ("list", lambda w: ("/search?q=W100434%3F", {})),
    ("GET", "/incidents"): ("list", lambda w: ("/incidents", {})),
    ("GET", "/incidents/new"): ("list", lambda w: ("/incidents/new", {})),
    ("POST", "/incidents/new"): (
        "list",
        lambda w: ("/incidents/new", {"data": {"code": "NEW-2", "date": "2025-01-01", "country": "PK"}}),
    ),
    ("GET", "/incidents/{incident_id}"): ("hidden", lambda w: (f"/incidents/{w.ids[INC]}", {})),
    ("POST", "/incidents/{incident_id}/recoveries"): (
        "hidden",
        lambda w: (f"/incidents/{w.ids[INC]}/recoveries", {"data": {"recovery_code": "X", "serial_read": "1"}}),
    ),
    ("POST", "/incidents/{incident_id}/sharing"): (
        "hidden",
        lambda w: (f"/incidents/{w.ids[INC]}/sharing", {"data": {"visibility": "public"}}),
    ),
    ("POST", "/recoveries/{recovery_id}/sharing"): (
        "hidden",
        lambda w: (f"/recoveries/{w.ids[R]}/sharing", {"data": {"visibility": "public"}}),
    ),
    ("POST", "/items/{item_id}/sharing"): (
        "hidden",
        lambda w: (f"/items/{w.ids['item_B']}/sharing", {"data": {"visibility": "public"}}),
    ),
    ("GET", "/recoveries/{recovery_id}"): ("hidden", lambda w: (f"/recoveries/{w.ids[R]}", {})),
    ("POST", "/recoveries/{recovery_id}/match"): ("hidden", lambda w: (f"/recoveries/{w.ids[R]}/match", {"data": {}})),
    ("POST", "/matches/{match_id}/review"): (
        "hidden",
        lambda w: (f"/matches/{w.ids['match_B']}/review", {"data": {"decision": "rejected"}}),
    ),
    ("GET", "/items/{item_id}"): ("hidden", lambda w: (f"/items/{w.ids['item_B']}", {})),
    ("GET", "/traces"): ("list", lambda w: ("/traces?box=inbox", {})),
    ("GET", "/traces/new"): ("hidden", lambda w: (f"/traces/new?recovery={w.ids[R]}", {})),
    ("POST", "/traces/new"): (
        "hidden",
        lambda w: ("/traces/new", {"data": {"recovery_id": str(w.ids[R]), "recipient": "C"}}),
    ),
    ("GET", "/traces/{trace_id}"): ("hidden", lambda w: (f"/traces/{w.ids['trace_B']}", {})),
    ("POST", "/traces/{trace_id}/answer"): (
        "hidden",
        lambda w: (f"/traces/{w.ids['trace_B']}/answer", {"data": {"last_legal_custodian": "x"}}),
    ),
    ("POST", "/traces/{trace_id}/messages"): (
        "hidden",
        lambda w: (f"/traces/{w.ids['trace_B']}/messages", {"data": {"body": "x"}}),
    ),
    ("POST", "/traces/{trace_id}/send"): ("hidden", lambda w: (f"/traces/{w.ids['trace_B']}/send", {"data": {}})),
    ("POST", "/traces/{trace_id}/acknowledge"): (
        "hidden",
        lambda w: (f"/traces/{w.ids['trace_B']}/acknowledge", {"data": {}}),
    ),
    ("POST", "/traces/{trace_id}/close"): ("hidden", lambda w: (f"/traces/{w.ids['trace_B']}/close", {"data": {}})),
    ("GET", "/reports"): ("list", lambda w: ("/reports", {})),
    ("GET", "/reports/incidents/{incident_id}.{fmt}"): (
        "hidden",
        lambda w: (f"/reports/incidents/{w.ids[INC]}.html", {}),
    ),
    ("GET", "/audit"): ("admin", lambda w: ("/audit", {})),
    ("GET", "/notices"): ("list", lambda w: ("/notices?all=true", {})),
    ("POST", "/notices/{notice_id}/ack"): ("hidden", lambda w: (f"/notices/{_b_notice(w)}/ack", {"data": {}})),
    # photos and files: B's private recovery, incident and registry record, and a file on B's recovery
    **{
        (m, f"/api/v1/{kind}/{{{key}}}/attachments"): ("hidden", _file_probe(m, kind, ref))
        for kind, key, ref in (
            ("incidents", "incident_id", INC),
            ("recoveries", "recovery_id", R),
            ("items", "item_id", "item_B"),
        )
        for m in ("GET", "POST")
    },
    **{
        (m, f"/{kind}/{{{key}}}/attachments"): ("hidden", _file_probe("PAGE", kind, ref))
        for kind, key, ref in (
            ("incidents", "incident_id", INC),
            ("recoveries", "recovery_id", R),
            ("items", "item_id", "item_B"),
        )
        for m in ("POST",)
    },
    ("GET", "/api/v1/attachments/{attachment_id}"): ("hidden", lambda w: (f"/api/v1/attachments/{b_file(w)}", {})),
    ("GET", "/api/v1/attachments/{attachment_id}/content"): (
        "hidden",
        lambda w: (f"/api/v1/attachments/{b_file(w)}/content", {}),
    ),
    ("GET", "/api/v1/attachments/{attachment_id}/thumbnail"): (
        "hidden",
        lambda w: (f"/api/v1/attachments/{b_file(w)}/thumbnail", {}),
    ),
    # field sync: A's pull holds nothing of B's; B's file is neither "had" for A nor fetched; pushing B's is 403
    ("GET", "/api/v1/sync/whoami"): ("list", lambda w: ("/api/v1/sync/whoami", {})),
    ("POST", "/api/v1/sync/pull"): ("list", lambda w: ("/api/v1/sync/pull", {"json": {"cursor": 0}})),
    ("POST", "/api/v1/sync/push"): (
        "admin",
        lambda w: (
            "/api/v1/sync/push",
            {
                "json": {
                    "batch": "b",
                    "client": "x",
                    "records": [{"entity": "incident", "gid": "0" * 32, "agency": "B", "data": {"code": "X"}}],
                }
            },
        ),
    ),
    ("GET", "/api/v1/sync/files/{sha256}"): ("list", lambda w: (f"/api/v1/sync/files/{_b_sha(w)}", {})),
    ("GET", "/api/v1/sync/files/{sha256}/content"): (
        "hidden",
        lambda w: (f"/api/v1/sync/files/{_b_sha(w)}/content", {}),
    ),
    ("PUT", "/api/v1/sync/files/{sha256}"): (
        "list",
        lambda w: (f"/api/v1/sync/files/{_b_sha(w)}?offset=0", {"content": b"x"}),
    ),
}


def _b_sha(w: World) -> str:
    """The SHA-256 of B's private photo: A may upload a file of that hash for itself, never fetch B's."""
    from armstrace.model import Attachment

    with w.workspace.session() as s:
        found = s.get(Attachment, b_file(w))
        assert found is not None
        return found.sha256


def _b_notice(w: World) -> int:
    """A hit notice to B (C's recovery hit B's item), made on first use: A may neither see nor acknowledge it."""
    if "notice_B" not in w.ids:
        from armstrace.model import utcnow
        from armstrace.sharing.records import HitNotice

        with w.workspace.session() as s:
            n = HitNotice(
                owner_agency_id=w.ids["agency_B"],
                finder_agency_id=w.ids["agency_C"],
                item_id=w.ids["item_B"],
                recovery_id=w.ids[R],
                probability=0.9,
                sent_at=utcnow(),
            )
            s.add(n)
            s.flush()
            w.ids["notice_B"] = n.id
    return w.ids["notice_B"]


@pytest.fixture
def world(workspace: Workspace) -> World:
    return build_world(workspace)


def test_every_route_is_probed(world: World) -> None:
    app = world.client().app
    routes = set(all_routes(app))
    missing = sorted(routes - set(SPEC))
    stale = sorted(set(SPEC) - routes)
    assert not missing, f"routes without an access-control probe: {missing}"
    assert not stale, f"probes for routes that no longer exist: {stale}"


def _request(client: TestClient, method: str, url: str, csrf: str | None, kw: dict[str, Any]) -> Any:
    kw = dict(kw)
    if "data" in kw and csrf is not None:
        kw["data"] = {**kw["data"], "csrf_token": csrf}
    if method == "MOUNT":
        method = "GET"
    return client.request(method, url, **kw)


def test_agency_a_cannot_reach_agency_b_private_records(world: World) -> None:
    """Every route, as A's analyst (API by token, pages by session): B's private records stay hidden."""
    api = world.client("a_analyst")
    pages = world.client()
    csrf = login(pages, "a_analyst")
    missing_shape = api.get("/api/v1/incidents/999999").json()
    for (method, path), (kind, probe) in SPEC.items():
        url, kw = probe(world)
        client = api if path.startswith("/api/") else pages
        if kind == "public":
            r = _request(world.client(), method, url, None, kw)
            assert r.status_code < 500, (method, path, r.status_code)
            continue
        if path == "/logout":
            continue  # would end the session used by the other probes; covered in test_web_api
        r = _request(client, method, url, csrf, kw)
        where = f"{method} {path} -> {r.status_code}"
        if kind == "hidden":
            assert r.status_code == 404, where + " " + r.text[:200]
            if path.startswith("/api/"):
                body = r.json()
                assert set(body) == {"error"} and body["error"]["code"] == "not_found", where
                assert set(body["error"]) == set(missing_shape["error"]), where
        elif kind == "admin":
            assert r.status_code == 403, where
        else:
            assert r.status_code in (200, 201, 303), where + " " + r.text[:300]
        for marker in B_MARKERS:
            assert marker not in r.text, f"{where}: leaks {marker!r}"
    # The agency admin's audit views, too, hold nothing of B's.
    admin = world.client("a_admin")
    for url in ("/api/v1/audit?limit=500",):
        r = admin.get(url)
        assert r.status_code == 200
        assert all(e["entity_id"] != str(world.ids[INC]) or e["entity"] != "incident" for e in r.json()["items"])


def test_b_records_are_unchanged_after_the_probes(world: World) -> None:
    api = world.client("a_analyst")
    pages = world.client()
    csrf = login(pages, "a_analyst")
    for (method, path), (kind, probe) in SPEC.items():
        if kind == "hidden" and method != "GET":
            url, kw = probe(world)
            _request(api if path.startswith("/api/") else pages, method, url, csrf, kw)
    b = world.client("b_analyst")
    incident = b.get(f"/api/v1/incidents/{world.ids[INC]}").json()
    assert incident["visibility"] == "private" and incident["title"] == "Incident B-PRIV"
    assert b.get(f"/api/v1/incidents/{world.ids[INC]}/recoveries").json()["total"] == 2
    assert b.get(f"/api/v1/matches/{world.ids['match_B']}").json()["status"] == "candidate"
    assert b.get(f"/api/v1/items/{world.ids['item_B']}").json()["visibility"] == "private"
    trace = world.client("root").get(f"/api/v1/traces/{world.ids['trace_B']}").json()
    assert trace["status"] == "sent" and trace["messages"] == []


def test_counts_and_totals_exclude_what_a_may_not_see(world: World) -> None:
    a, b = world.client("a_analyst"), world.client("b_analyst")
    # A sees its 3 incidents; B sees its own, A's shared and A's public ones; C only the public one.
    assert a.get("/api/v1/incidents").json()["total"] == 3
    assert sorted(i["code"] for i in b.get("/api/v1/incidents").json()["items"]) == ["A-PUB", "A-SHARED", "B-PRIV"]
    assert [i["code"] for i in world.client("c_analyst").get("/api/v1/incidents").json()["items"]] == ["A-PUB"]
    assert a.get("/api/v1/items").json()["total"] == 3
    assert b.get("/api/v1/items").json()["total"] == 1
    assert world.client("root").get("/api/v1/items").json()["total"] == 4


def test_shared_record_is_readable_but_not_writable_by_the_partner(world: World) -> None:
    b = world.client("b_analyst")
    shared = world.ids["incident_A-SHARED"]
    assert b.get(f"/api/v1/incidents/{shared}").status_code == 200
    r = b.patch(f"/api/v1/incidents/{shared}", json={"title": "changed by B"})
    assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
    assert world.client("a_analyst").get(f"/api/v1/incidents/{shared}").json()["title"] == "Incident A-SHARED"
    # A draft trace request is not visible to its recipient until it is sent.
    assert b.get(f"/api/v1/traces/{world.ids['trace_A_draft']}").status_code == 404
    assert b.get(f"/api/v1/traces/{world.ids['trace_A']}").status_code == 200


def test_viewer_may_read_but_not_write(world: World) -> None:
    v = world.client("a_viewer")
    assert v.get(f"/api/v1/incidents/{world.ids['incident_A-PRIV']}").status_code == 200
    r = v.post("/api/v1/incidents", json={"code": "V-1", "date": "2025-01-01", "country": "PK"})
    assert r.status_code == 403
    r = v.post(f"/api/v1/matches/{world.ids['match_A']}/review", json={"decision": "confirmed"})
    assert r.status_code == 403
    assert v.get("/api/v1/audit").status_code == 403


def _ranking(client: TestClient, q: str) -> list[tuple[int, float]]:
    r = client.get("/api/v1/search", params={"q": q, "limit": 100})
    assert r.status_code == 200, r.text
    return [(c["item_id"], c["probability"]) for c in r.json()["candidates"]]


def test_search_forgets_a_record_made_private_even_when_counts_stay_the_same(world: World) -> None:
    """A hides one record and shows another between two of B's searches: B's count and highest visible
    id do not change, yet B's cached matcher must not keep ranking the hidden record (a lower probability
    for the others would betray it) and must rank the newly public one."""
    a = world.client("a_analyst")
    b = world.client("b_analyst")  # one app, one search cache, for the whole test
    first, second = world.ids["item_A"], world.ids["item_A"] + 1  # W1004340, W1004343: A's private records
    assert a.put(f"/api/v1/items/{first}/sharing", json={"visibility": "public"}).status_code == 200
    assert _ranking(b, "W1004340")[0][0] == first
    assert a.put(f"/api/v1/items/{first}/sharing", json={"visibility": "private"}).status_code == 200
    assert a.put(f"/api/v1/items/{second}/sharing", json={"visibility": "public"}).status_code == 200
    fresh = world.client("b_analyst")  # a new server process: no cache
    for q in ("W1004340", "W1004343", "W100434?"):
        cached = _ranking(b, q)
        assert first not in [i for i, _ in cached], q
        assert cached == _ranking(fresh, q), q
    assert _ranking(b, "W1004343")[0][0] == second


def test_a_partner_does_not_learn_whom_else_a_record_is_shared_with(world: World) -> None:
    a, b, c = world.client("a_analyst"), world.client("b_analyst"), world.client("c_analyst")
    shared = world.ids["incident_A-SHARED"]
    r = a.put(f"/api/v1/incidents/{shared}/sharing", json={"visibility": "shared", "shared_with": ["B", "C"]})
    assert r.status_code == 200 and r.json()["shared_with"] == ["B", "C"]
    assert a.get(f"/api/v1/incidents/{shared}").json()["shared_with"] == ["B", "C"]
    assert b.get(f"/api/v1/incidents/{shared}").json()["shared_with"] == ["B"]
    assert c.get(f"/api/v1/incidents/{shared}").json()["shared_with"] == ["C"]
    assert world.client("root").get(f"/api/v1/incidents/{shared}").json()["shared_with"] == ["B", "C"]


def test_a_server_admins_trace_request_carries_only_what_its_agency_may_see(world: World) -> None:
    """A request speaks for the requesting agency: a server admin (of C) cannot describe B's private item to
    another agency, nor put A's private registry record into the description as a registry link."""
    root = world.client("root")
    r = root.post("/api/v1/traces", json={"recipient": "A", "recovery_ids": [world.ids[R]]})
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    inc = root.post("/api/v1/incidents", json={"code": "C-1", "date": "2025-03-11", "country": "AF"}).json()
    rec = root.post(
        f"/api/v1/incidents/{inc['id']}/recoveries", json={"recovery_code": "C-R1", "serial_read": "W1004340"}
    ).json()  # A's private record's serial
    r = root.post("/api/v1/traces", json={"recipient": "B", "recovery_ids": [rec["id"]]})
    assert r.status_code == 201, r.text
    description = r.json()["items"][0]["description"]
    assert description["registry_matches"] == [], description["registry_matches"]
    assert "A-0" not in r.text and "registry A" not in r.text


def test_a_server_admins_change_is_audited_for_the_owner_not_the_admins_agency(world: World) -> None:
    """root is a server admin of agency C: editing B's private incident, reviewing B's match or answering
    B's inbox must not put B's data into C's audit log (C's agency admins read it), but into B's."""
    from armstrace import auth

    with world.workspace.session() as s:
        for name, code in (("c_admin", "C"), ("b_admin", "B")):
            auth.create_user(s, name, agency_code=code, role="agency_admin", actor="setup")
            world.tokens[name] = auth.create_token(s, name, name="tests", actor="setup")[1]
    root = world.client("root")
    assert root.patch(f"/api/v1/incidents/{world.ids[INC]}", json={"title": "Renamed by root"}).status_code == 200
    assert root.put(f"/api/v1/incidents/{world.ids[INC]}/sharing", json={"visibility": "private"}).status_code == 200
    assert root.post(f"/api/v1/matches/{world.ids['match_B']}/review", json={"decision": "rejected"}).status_code == 200
    assert root.post(f"/api/v1/traces/{world.ids['trace_A']}/acknowledge").status_code == 200  # A's request to B
    r = root.post(f"/api/v1/incidents/{world.ids[INC]}/recoveries", json={"recovery_code": "B-R9", "serial_read": "1"})
    assert r.status_code == 201 and r.json()["agency"] == "B"  # an item belongs with its incident
    c_log = world.client("c_admin").get("/api/v1/audit?limit=500").json()["items"]
    assert not [e for e in c_log if e["actor"] == "root"], c_log
    assert "Renamed by root" not in str(c_log) and "A-2025-0001" not in str(c_log)
    b_log = world.client("b_admin").get("/api/v1/audit?limit=500").json()["items"]
    assert {e["action"] for e in b_log if e["actor"] == "root"} == {
        "incident.update",
        "incident.share",
        "match.review",
        "trace.acknowledge",
        "recovery.create",
    }
    assert world.client("c_analyst").get(f"/api/v1/recoveries/{r.json()['id']}").status_code == 404


def test_a_draft_withdrawn_before_it_was_sent_stays_hidden_from_its_recipient(world: World) -> None:
    """Closing a draft (withdrawing it) must not deliver it: the recipient never sees a request never sent."""
    a, b = world.client("a_analyst"), world.client("b_analyst")
    draft = world.ids["trace_A_draft"]
    r = a.post(f"/api/v1/traces/{draft}/close")
    assert r.status_code == 200 and r.json()["status"] == "closed" and r.json()["sent_at"] is None
    assert b.get(f"/api/v1/traces/{draft}").status_code == 404
    assert b.post(f"/api/v1/traces/{draft}/messages", json={"body": "x"}).status_code == 404
    for box in ("all", "inbox"):
        assert draft not in [t["id"] for t in b.get(f"/api/v1/traces?box={box}&limit=500").json()["items"]], box
    pages = world.client()
    login(pages, "b_analyst")
    assert pages.get(f"/traces/{draft}").status_code == 404
    assert "A-2025-0002" not in pages.get("/traces?box=inbox").text
    # A request that was sent and then closed stays in the recipient's records.
    sent = world.ids["trace_A"]
    assert a.post(f"/api/v1/traces/{sent}/close").status_code == 200
    assert b.get(f"/api/v1/traces/{sent}").json()["status"] == "closed"
