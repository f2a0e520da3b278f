"""Downloads under any incident code, control characters refused in codes at every entry point, and the
smaller findings: a duplicated CSRF field, X-Forwarded-For from untrusted peers, PATCH nulling a field."""

from __future__ import annotations

import datetime as dt
import json
import re
import warnings
from pathlib import Path
from urllib.parse import unquote

import pytest
from sqlalchemy import select

from armstrace.cli import run
from armstrace.model import Incident, LoginFailure
from armstrace.settings import Settings, load_settings
from armstrace.store import Workspace
from armstrace.web import create_app

from .test_web_access import login
from .webkit import World, build_world

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient


@pytest.fixture
def world(workspace: Workspace) -> World:
    return build_world(workspace)


def _parameters(header: str) -> list[str]:
    """The parameter names of a Content-Disposition value, outside quoted strings."""
    outside = re.sub(r'"(?:[^"\\]|\\.)*"', '""', header)
    return [p.split("=", 1)[0].strip() for p in outside.split(";")[1:]]


CODES = ["حادثة-1", "ПРОИСШЕСТВИЕ-1", "🔫-1", "\u202eexe.pdf", "x\"; filename*=UTF-8''evil.exe"]


@pytest.mark.parametrize("code", CODES)
def test_a_report_downloads_under_any_incident_code(world: World, code: str) -> None:
    with world.workspace.session() as s:
        inc = s.get(Incident, world.ids["incident_A-PRIV"])
        assert inc is not None
        inc.code = code
    pages = world.client()
    login(pages, "a_analyst")
    r = pages.get(f"/reports/incidents/{world.ids['incident_A-PRIV']}.pdf")
    assert r.status_code == 200, r.text[:300]
    header = r.headers["content-disposition"]
    assert _parameters(header) == ["filename", "filename*"], header
    assert "\r" not in header and "\n" not in header and "\u202e" not in header
    shown = "".join(ch for ch in code if ch.isprintable())
    assert unquote(header.split("filename*=UTF-8''", 1)[1]) == f"armstrace-{shown}.pdf"  # nothing added, nothing lost


def test_content_disposition_is_rfc_6266_with_an_ascii_stand_in() -> None:
    from armstrace.web.security import content_disposition

    value = content_disposition("armstrace-حادثة-1.pdf")
    assert value == (
        'attachment; filename="armstrace-_____-1.pdf"; '
        "filename*=UTF-8''armstrace-%D8%AD%D8%A7%D8%AF%D8%AB%D8%A9-1.pdf"
    )
    assert content_disposition("a\r\nb.pdf") == "attachment; filename=\"ab.pdf\"; filename*=UTF-8''ab.pdf"


def test_a_stored_code_with_a_line_break_still_downloads(world: World) -> None:
    """Rows written before codes were checked: the download drops the control characters."""
    with world.workspace.session() as s:
        inc = s.get(Incident, world.ids["incident_A-PRIV"])
        assert inc is not None
        inc.code = "A\r\nSet-Cookie: x=1"
    pages = world.client()
    login(pages, "a_analyst")
    r = pages.get(f"/reports/incidents/{world.ids['incident_A-PRIV']}.pdf")
    assert r.status_code == 200
    header = r.headers["content-disposition"]
    assert "\r" not in header and "\n" not in header and "x=1" not in r.headers.get("set-cookie", "")


@pytest.mark.parametrize("bad", ["A\r\nB", "A\nB", "A\tB", "A\x1bB", "A\x85B", "A\u2028B"])
def test_control_characters_are_refused_in_codes_through_the_api_and_pages(world: World, bad: str) -> None:
    a = world.client("a_analyst")
    r = a.post("/api/v1/incidents", json={"code": bad, "date": "2025-01-01", "country": "PK"})
    assert r.status_code == 422 and "code" in r.text
    inc = world.ids["incident_A-PRIV"]
    assert a.patch(f"/api/v1/incidents/{inc}", json={"code": bad}).status_code == 422
    r = a.post(f"/api/v1/incidents/{inc}/recoveries", json={"recovery_code": bad, "serial_read": "1"})
    assert r.status_code == 422
    pages = world.client()
    csrf = login(pages, "a_analyst")
    r = pages.post("/incidents/new", data={"code": bad, "date": "2025-01-01", "country": "PK", "csrf_token": csrf})
    assert r.status_code == 422
    assert a.get("/api/v1/incidents?limit=500").json()["total"] == 3


def test_control_characters_are_refused_in_codes_on_the_command_line_and_in_imports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "ws.db")
    base = ["--db", db, "--agency", "PK-CTD"]
    assert run([*base, "init"]) == 0
    assert run([*base, "incident", "add", "BAD\r\nCODE", "--date", "2025-03-11", "--country", "PK"]) == 2
    err = capsys.readouterr().err
    assert "control characters" in err and "Traceback" not in err
    csv = tmp_path / "incidents.csv"
    csv.write_text('incident_id,date,country\n"OK-1",2025-03-11,PK\n"BAD\r\nTWO",2025-03-11,PK\n', encoding="utf-8")
    assert run([*base, "import", "incidents", str(csv), "--quarantine", str(tmp_path / "q.csv")]) == 0
    capsys.readouterr()
    assert run([*base, "incident", "list", "--json"]) == 0
    assert [i["incident_id"] for i in json.loads(capsys.readouterr().out)] == ["OK-1"]
    assert "control characters" in (tmp_path / "q.csv").read_text(encoding="utf-8")


def test_a_duplicated_or_strange_csrf_field_is_a_clear_refusal_not_a_500(world: World) -> None:
    pages = world.client()
    page = pages.get("/login")
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    body = f"username=a_analyst&password=x&csrf_token={csrf}&csrf_token={csrf}"
    headers = {"content-type": "application/x-www-form-urlencoded"}
    assert pages.post("/login", content=body, headers=headers).status_code == 400
    csrf = login(pages, "a_analyst")
    body = f"code=N-1&date=2025-01-01&country=PK&csrf_token={csrf}&csrf_token=other"
    assert pages.post("/incidents/new", content=body, headers=headers).status_code == 400
    assert pages.post("/incidents/new", data={"code": "N-2", "csrf_token": "é"}).status_code == 403
    r = pages.post(
        "/api/v1/incidents",
        json={"code": "N-3", "date": "2025-01-01", "country": "PK"},
        headers={"x-csrf-token": "\u00e9t\u00e9".encode("latin-1")},
    )  # type: ignore[dict-item]
    assert r.status_code == 403


def _failure_address(ws: Workspace) -> str | None:
    with ws.session() as s:
        return s.scalar(select(LoginFailure.address).order_by(LoginFailure.id.desc()))


@pytest.mark.parametrize(
    ("trusted", "expected"), [((), "127.0.0.1"), (("127.0.0.1",), "198.51.100.9"), (("10.0.0.0/8",), "127.0.0.1")]
)
def test_x_forwarded_for_is_believed_only_from_configured_proxies(
    world: World, trusted: tuple[str, ...], expected: str
) -> None:
    settings = Settings(database_url=world.workspace.settings.database_url, secret_key="k", trusted_proxies=trusted)
    client = TestClient(
        create_app(settings, workspace=world.workspace), client=("127.0.0.1", 5000), follow_redirects=False
    )
    page = client.get("/login")
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    r = client.post(
        "/login",
        data={"username": "a_analyst", "password": "wrong password!", "csrf_token": csrf},
        headers={"x-forwarded-for": "203.0.113.1, 198.51.100.9"},
    )
    assert r.status_code == 401
    assert _failure_address(world.workspace) == expected


def test_trusted_proxies_and_token_days_are_typed_settings() -> None:
    s = load_settings({"ARMSTRACE_TRUSTED_PROXIES": "10.0.0.1, 192.168.0.0/16", "ARMSTRACE_TOKEN_DAYS": "30"})
    assert s.trusted_proxies == ("10.0.0.1", "192.168.0.0/16") and s.token_days == 30
    assert load_settings({}).trusted_proxies == () and load_settings({}).token_days == 90
    from armstrace.exceptions import InputError

    with pytest.raises(InputError, match="ARMSTRACE_TRUSTED_PROXIES"):
        load_settings({"ARMSTRACE_TRUSTED_PROXIES": "proxy.local"})
    with pytest.raises(InputError, match="ARMSTRACE_TOKEN_DAYS"):
        load_settings({"ARMSTRACE_TOKEN_DAYS": "soon"})


def test_patch_cannot_null_a_field_that_post_requires(world: World) -> None:
    a = world.client("a_analyst")
    inc, rec = world.ids["incident_A-PRIV"], world.ids["recovery_A-R1"]
    for field in ("date", "country", "code"):
        r = a.patch(f"/api/v1/incidents/{inc}", json={field: None})
        assert r.status_code == 422, (field, r.text)
    got = a.get(f"/api/v1/incidents/{inc}").json()
    assert (got["date"], got["country"], got["code"]) == (dt.date(2025, 3, 11).isoformat(), "PK", "A-PRIV")
    r = a.patch(f"/api/v1/recoveries/{rec}", json={"serial_read": None})
    assert r.status_code == 422 and "serial_read" in r.text
    assert a.get(f"/api/v1/recoveries/{rec}").json()["serial_read"] == "W1004340"
    r = a.patch(f"/api/v1/recoveries/{rec}", json={"serial_read": None, "obliterated": True})
    assert r.status_code == 200  # obliterated: no serial is the truth


def test_ids_an_agency_sees_do_not_count_other_agencies_records(world: World) -> None:
    """Between two of A's incidents (or trace requests, or recoveries) B creates three: A's ids must not say so."""
    a, b = world.client("a_analyst"), world.client("b_analyst")

    def incident(client: TestClient, code: str) -> int:
        r = client.post("/api/v1/incidents", json={"code": code, "date": "2025-01-01", "country": "PK"})
        assert r.status_code == 201, r.text
        return int(r.json()["id"])

    def trace(client: TestClient, recovery: int) -> int:
        r = client.post("/api/v1/traces", json={"recipient_name": "Some Body", "recovery_ids": [recovery]})
        assert r.status_code == 201, r.text
        return int(r.json()["id"])

    def recovery(client: TestClient, inc: int, code: str) -> int:
        r = client.post(f"/api/v1/incidents/{inc}/recoveries", json={"recovery_code": code, "serial_read": "W1"})
        assert r.status_code == 201, r.text
        return int(r.json()["id"])

    first = incident(a, "A-1")
    b_incidents = [incident(b, f"B-{n}") for n in range(3)]
    second = incident(a, "A-2")
    assert second - first != len(b_incidents) + 1 and min(first, second, *b_incidents) >= 2**30
    ra1 = recovery(a, first, "R1")
    b_recoveries = [recovery(b, b_incidents[0], f"R{n}") for n in range(3)]
    ra2 = recovery(a, first, "R2")
    assert abs(ra2 - ra1) != len(b_recoveries) + 1 and ra1 >= 2**40 and ra2 < 2**53
    t1 = trace(a, ra1)
    for r in b_recoveries:
        trace(b, r)
    t2 = trace(a, ra2)
    assert abs(t2 - t1) != 4 and min(t1, t2) >= 2**30
    assert [t["id"] for t in a.get("/api/v1/traces?box=outbox").json()["items"]][:2] == [t2, t1]  # newest first
