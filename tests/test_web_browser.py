"""The pages in real headless Chromium (Debian's /usr/bin/chromium driven by Playwright; no downloads).

A Uvicorn server runs the app on loopback in a thread; the tests log in, search a serial, record an
incident through the form (mistakes first), and answer a trace request as the other agency. Set
ARMSTRACE_SCREENSHOTS=DIR to keep a screenshot of each page visited.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from armstrace.settings import Settings
from armstrace.store import Workspace
from armstrace.web import create_app
from armstrace.web.loopback import served

from .conftest import require
from .webkit import PASSWORD, World, build_world

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
pytestmark = pytest.mark.browser


@pytest.fixture
def live(sqlite_workspace: Workspace) -> Iterator[tuple[str, World]]:
    world = build_world(sqlite_workspace)
    app = create_app(
        Settings(database_url=sqlite_workspace.settings.database_url, secret_key="k"), workspace=sqlite_workspace
    )
    with served(app) as url:
        yield url, world


@pytest.fixture
def browser() -> Iterator[Any]:
    require(Path(CHROMIUM).exists(), "headless Chromium (/usr/bin/chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover
        require(False, "Playwright for Python")
        raise
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield b
        finally:
            b.close()


def _shot(page: Any, name: str) -> None:
    folder = os.environ.get("ARMSTRACE_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def _login(browser: Any, base: str, username: str, width: int = 1366, height: int = 900) -> Any:
    page = browser.new_page(viewport={"width": width, "height": height})
    errors: list[str] = []
    expected = "status of 422"  # a form shown again with its mistakes answers 422 on purpose
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" and expected not in m.text else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.errors = errors
    page.goto(f"{base}/")
    assert "/login" in page.url
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(f"{base}/")
    return page


def test_dashboard_map_and_serial_search(live: tuple[str, World], browser: Any) -> None:
    base, _ = live
    page = _login(browser, base, "a_analyst")
    page.wait_for_selector("#map[data-loaded]")
    assert page.get_attribute("#map", "data-loaded") == "3"  # A's three incidents, none of B's
    assert page.locator("#map path.leaflet-interactive").count() >= 1
    _shot(page, "dashboard")
    page.click("nav >> text=Search")
    page.fill("input[name=q]", "W10043[4O]?")
    page.click("button.primary")
    rows = page.locator("table.results tbody tr")
    assert rows.count() >= 2
    text = page.locator("table.results").inner_text()
    assert "W1004340" in text and "W1004341" not in text  # B's private record never shows
    page.locator("table.results details summary").first.click()
    assert page.locator("ul.evidence li").count() >= 1
    _shot(page, "search")
    assert not page.errors, page.errors  # no CSP violation, no script error


def test_record_an_incident_with_validation(live: tuple[str, World], browser: Any) -> None:
    base, _ = live
    page = _login(browser, base, "a_analyst", width=820, height=1180)  # a tablet
    page.goto(f"{base}/incidents/new")
    page.fill("input[name=code]", "QTA-77")
    page.fill("input[name=country]", "P1")
    page.fill("input[name=latitude]", "95")
    page.click("text=Record incident")
    assert page.locator(".error-box").is_visible()
    assert page.locator(".field.invalid").count() >= 3  # date, country, latitude
    _shot(page, "incident-form-errors")
    page.fill("input[name=date]", "2025-03-11")
    page.fill("input[name=country]", "PK")
    page.fill("input[name=latitude]", "29.55")
    page.fill("input[name=longitude]", "67.88")
    page.fill("input[name=title]", "Train attack, Bolan")
    page.click("text=Record incident")
    page.wait_for_url("**/incidents/*")
    assert "Incident QTA-77 recorded" in page.inner_text(".flash")
    page.fill("input[name=recovery_code]", "R-1")
    page.fill("input[name=serial_read]", "W10O4340")
    page.fill("input[name=manufacturer]", "Colt")
    page.click("text=Add item")
    page.wait_for_selector("text=Item R-1 recorded")
    page.click("a:text('R-1')")
    page.click("text=Search the registry for this serial")
    page.wait_for_selector("text=candidate(s) from the registry")
    page.locator("form.review button:text('Confirm')").first.click()
    page.wait_for_selector("text=Match confirmed")
    _shot(page, "recovery")
    assert not page.errors, page.errors


def test_answer_a_trace_request(live: tuple[str, World], browser: Any) -> None:
    base, world = live
    page = _login(browser, base, "b_analyst")
    page.click("nav >> text=Traces")
    page.click("text=A-2025-0001")
    page.click("text=Acknowledge receipt")
    page.wait_for_selector("text=acknowledged")
    page.fill("input[name=last_legal_custodian]", "Afghan National Army")
    page.fill("input[name=custodian_country]", "AF")
    page.fill("textarea[name=custody]", "Colt; US; 2017-11-02\nUS Army; US; 2018-01-09; DD1149-42")
    page.click("text=Send answer")
    page.wait_for_selector("text=Answer to A-2025-0001 sent")
    assert page.locator(".status.big").inner_text() == "answered"
    assert page.locator(".answer ol.timeline li").count() == 2
    _shot(page, "trace-answered")
    requester = _login(browser, base, "a_analyst")
    requester.goto(f"{base}/traces/{world.ids['trace_A']}")
    assert "Afghan National Army" in requester.inner_text(".answer")
    assert not page.errors and not requester.errors


def test_long_unbroken_values_stay_inside_a_tablet_screen(live: tuple[str, World], browser: Any) -> None:
    """A 64-character code, a 5,000-character word in a message, ten stored matches: at 768 px nothing
    pushes the page sideways (a wide table scrolls inside its card), and messages keep their line breaks."""
    base, world = live
    a = world.client("a_analyst")
    long_code = "Q" * 64
    inc = a.post(
        "/api/v1/incidents",
        json={"code": long_code, "date": "2025-03-11", "country": "PK", "title": "T" * 200, "place": "P" * 200},
    ).json()
    rec = a.post(
        f"/api/v1/incidents/{inc['id']}/recoveries",
        json={"recovery_code": "R" * 64, "serial_read": "W100434?", "markings": "M" * 500},
    ).json()
    assert a.post(f"/api/v1/recoveries/{rec['id']}/matches").status_code == 200
    trace = world.ids["trace_A"]
    assert a.post(f"/api/v1/traces/{trace}/messages", json={"body": "x" * 5000 + "\nsecond line"}).status_code == 201
    page = _login(browser, base, "a_analyst", width=768, height=1024)
    for url in (
        "/",
        "/incidents",
        f"/incidents/{inc['id']}",
        f"/recoveries/{rec['id']}",
        f"/traces/{trace}",
        "/traces?box=outbox",
        "/reports",
        "/search?q=W100434%3F",
    ):
        page.goto(base + url)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 768, f"{url} is {width} px wide at 768"
        _shot(page, "tablet" + url.replace("/", "-").split("?")[0])
    page.goto(f"{base}/traces/{trace}")
    assert "second line" in page.locator(".message .prose").last.inner_text().split("\n")[-1]
    admin = _login(browser, base, "a_admin", width=768, height=1024)
    admin.goto(f"{base}/audit")
    assert admin.evaluate("document.documentElement.scrollWidth") <= 768
    assert admin.evaluate("[...document.querySelectorAll('.scroll-x')].every(e => e.scrollWidth <= e.clientWidth)")
    assert not page.errors and not admin.errors, (page.errors, admin.errors)
