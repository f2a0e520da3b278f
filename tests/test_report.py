"""Reports: sections, probabilities and ties, the synthetic mark on every page, visibility, no network."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from armstrace import analysis, report
from armstrace.cli import run
from armstrace.exceptions import InputError, NotFoundError
from armstrace.linkage import Evidence
from armstrace.report import incident_context, incident_report, overview_context, overview_report
from armstrace.report.custody import custody_path
from armstrace.report.evidence import TIE_RATIO, evidence_columns, evidence_rows, serial_note, tie_group
from armstrace.report.maps import country_name, country_point
from armstrace.report.render import _fetcher
from armstrace.settings import Settings
from armstrace.store import Workspace

from .conftest import require
from .report_case import HIDDEN_CODE, build_case

MARK = "SYNTHETIC DATA — NOT REAL CASE DATA"


def test_incident_report_html_has_sections_probabilities_and_ties(workspace: Workspace, tmp_path: Path) -> None:
    case = build_case(workspace)
    [html_path] = incident_report(workspace, case["incident"], tmp_path, agency_id=case["agency_id"],
                                  formats=("html",))  # fmt: skip
    html = html_path.read_text(encoding="utf-8")
    for section in ('id="summary"', 'id="incident"', 'id="items"', 'id="matches"', 'id="custody"',
                    'id="patterns"', 'id="traces"', 'id="methods"'):  # fmt: skip
        assert section in html
    assert MARK in html
    assert "0.972" in html and "0.318" in html and "0.931" in html
    assert "3 candidates share the probability" in html  # dense consecutive serials, said plainly
    matches = html.split('id="matches"')[1].split("</section>")[0]
    assert "JE-05</span> (no candidate)" in matches  # listed, not discussed
    assert "×2,512" in matches and "÷16" in matches  # structured evidence: log10 weights 3.4 and -1.2
    assert "agrees with every known character" in matches and "1 time in 2,400" not in matches  # short serial note
    assert "Receiver markings checked against photos." in matches  # the reviewer's note
    assert "W100435[38]" in html  # the serial as read, verbatim
    assert "ANA 205th Corps, Kandahar" in html  # the most probable source stockpile
    assert "TR-2025-0002" in html and "overdue" in html
    assert HIDDEN_CODE not in html and "W1004322" not in html
    assert "http://" not in html.replace("http://www.w3.org", "")  # self-contained: nothing to fetch
    assert html.count("data:image/") >= 5  # maps and charts embedded


def test_incident_context_follows_analysis_custody(sqlite_workspace: Workspace) -> None:
    case = build_case(sqlite_workspace)
    with sqlite_workspace.session() as s:
        ctx = incident_context(s, case["incident"], case["agency_id"])
    by_code = {r["code"]: r for r in ctx["recoveries"]}
    je01 = by_code["JE-01"]
    assert je01["best"]["matched_serial"] == "W1004340"
    assert je01["diversion"]["custodian"] == "ANA 205th Corps, Kandahar"
    assert je01["years_to_recovery"] == pytest.approx(5.9, abs=0.1)
    assert [c["matched_serial"] for c in by_code["JE-02"]["tie"]] == ["W1004335", "W1004345", "W1004355"]
    assert by_code["JE-04"]["best"]["status"] == "confirmed" and not by_code["JE-04"]["tie"]
    assert by_code["JE-05"]["best"] is None and by_code["JE-05"]["chain"] == []
    assert ctx["counts"]["recovered"] == 5 and ctx["counts"]["tied"] == 1 and ctx["counts"]["confirmed"] == 1
    assert ctx["stockpiles"][0]["custodian"] == "ANA 205th Corps, Kandahar"
    assert ctx["synthetic"] is True
    assert [r["code"] for r in ctx["recoveries"] if not r["plausible"]] == ["JE-05"]
    assert by_code["JE-03"]["evidence"]["serial"]["log10"] == pytest.approx(3.4)
    assert by_code["JE-03"]["evidence"]["alternatives"].startswith("1 almost as well")
    assert [(h["holder"], h["legal"]) for h in je01["path"]] == [
        ("Colt", True), ("US Army TACOM", True), ("Afghan National Army, Kabul depot", True),
        ("ANA 205th Corps, Kandahar", True), ("Taliban forces (captured)", False),
        ("lost by ANA 205th Corps, Kandahar", False),
    ]  # fmt: skip


def test_pdf_has_pages_and_the_synthetic_mark_on_every_page(sqlite_workspace: Workspace, tmp_path: Path) -> None:
    require(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils)")
    case = build_case(sqlite_workspace)
    paths = incident_report(sqlite_workspace, case["incident"], tmp_path, agency_id=case["agency_id"])
    assert [p.suffix for p in paths] == [".html", ".pdf"]
    overview = overview_report(sqlite_workspace, tmp_path, agency_id=case["agency_id"], formats=("pdf",))
    for pdf, at_least in ((paths[1], 7), (overview[0], 4)):
        assert pdf.read_bytes().startswith(b"%PDF")
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout  # fmt: skip
        pages = [p for p in text.split("\f") if p.strip()]
        assert len(pages) >= at_least
        for n, page in enumerate(pages, start=1):
            assert MARK in page, f"{pdf.name} page {n} lacks the synthetic mark"
            assert f"Page {n} of {len(pages)}" in page


def test_real_data_carries_no_synthetic_mark(sqlite_workspace: Workspace, tmp_path: Path) -> None:
    case = build_case(sqlite_workspace, synthetic=False)
    [path] = incident_report(sqlite_workspace, case["incident"], tmp_path, agency_id=case["agency_id"],
                             formats=("html",))  # fmt: skip
    assert "SYNTHETIC DATA" not in path.read_text(encoding="utf-8")


def test_overview_agrees_with_the_analysis(sqlite_workspace: Workspace) -> None:
    case = build_case(sqlite_workspace)
    with sqlite_workspace.session() as s:
        ctx = overview_context(s, case["agency_id"])
    found = analysis.summary(sqlite_workspace, case["agency_id"])
    assert ctx["flows"] == [dataclasses.asdict(f) for f in found.flows]
    assert [(c["basis"], c["key"], c["size"]) for c in ctx["consignments"]] == [
        (c.basis, c.key, c.size) for c in found.consignments
    ]
    assert {s["custodian"]: s["count"] for s in ctx["stockpiles"]} == {
        unit: n for unit, n in found.counts.by_unit.items() if unit != "unknown"
    }
    assert ctx["time_to_recovery"]["count"] == found.time_to_recovery.count
    assert ctx["linked"] == found.linked


def test_overview_lists_the_largest_incidents_only(
    sqlite_workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = build_case(sqlite_workspace)
    monkeypatch.setattr(report, "MAX_INCIDENTS", 1)
    [path] = overview_report(sqlite_workspace, tmp_path, agency_id=case["agency_id"], formats=("html",))
    table = path.read_text(encoding="utf-8").split('id="incidents"')[1].split("</table>")
    assert case["incident"] in table[0] and case["seizure"] not in table[0]  # five items against one
    assert "incidents with the most recovered items, of 2" in table[1]


def test_overview_shows_only_visible_incidents(sqlite_workspace: Workspace, tmp_path: Path) -> None:
    case = build_case(sqlite_workspace)
    [path] = overview_report(sqlite_workspace, tmp_path, agency_id=case["agency_id"], formats=("html",))
    html = path.read_text(encoding="utf-8")
    assert case["incident"] in html and case["seizure"] in html
    assert HIDDEN_CODE not in html
    consignments = html.split("<h3>Consignments</h3>")[1].split("</table>")[0]
    assert "ANA-ISSUE-19-311" in consignments  # one consignment across both incidents, by its last legal transfer
    assert case["incident"] in consignments and case["seizure"] in consignments
    with pytest.raises(NotFoundError):
        incident_report(sqlite_workspace, HIDDEN_CODE, tmp_path, agency_id=case["agency_id"])


def test_unknown_format_is_an_input_error(sqlite_workspace: Workspace, tmp_path: Path) -> None:
    case = build_case(sqlite_workspace)
    with pytest.raises(InputError):
        incident_report(sqlite_workspace, case["incident"], tmp_path, formats=("docx",))


def test_renderer_fetches_data_uris_only() -> None:
    fetcher = _fetcher()
    for url in ("http://example.org/tile.png", "https://example.org/x.css", "file:///etc/passwd"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_cli_report_writes_files_and_maps_errors(tmp_path: Path) -> None:
    db = tmp_path / "ws.db"
    ws = Workspace.create(Settings(database_url=f"sqlite:///{db}", agency="TEST", user="tester"))
    case = build_case(ws)
    ws.close()
    out = tmp_path / "out"
    base = ["--db", str(db), "--agency", "TEST", "report"]
    assert run([*base, "--incident", case["incident"], "--out", str(out), "--format", "html"]) == 0
    assert (out / f"incident-{case['incident']}.html").exists()
    assert run([*base, "--overview", "--incident", case["incident"]]) == 2
    assert run([*base, "--overview", "--format", "docx"]) == 2
    assert run([*base, "--incident", HIDDEN_CODE, "--out", str(out)]) == 3


def test_cli_report_json_prints_paths(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "ws.db"
    ws = Workspace.create(Settings(database_url=f"sqlite:///{db}", agency="TEST", user="tester"))
    build_case(ws)
    ws.close()
    assert run(["--db", str(db), "--agency", "TEST", "report", "--overview", "--out", str(tmp_path),
                "--format", "html", "--json"]) == 0  # fmt: skip
    paths = json.loads(capsys.readouterr().out)["paths"]
    assert [Path(p).name for p in paths] == ["overview.html"]


def test_evidence_rows_read_the_matchers_structured_evidence() -> None:
    ev = [Evidence(name="serial", observed="W1?", expected="W12", weight=2.0,
                   text="serial read 'W1?' vs registry 'W12': agrees with every known "
                   "character; a random serial of this form reads so about 1 time in 90").as_dict(),
          Evidence(name="year", observed="1990", expected="2017", weight=-1.0,
                   text="year 1990 ≠ 2017").as_dict()]  # fmt: skip
    for layout in ({"text": "ignored when structured", "evidence": ev}, ev):
        rows = evidence_rows(layout)
        assert [(r["name"], r["weight"], r["compared"]) for r in rows] == [
            ("serial", "×100", "W1? vs W12"), ("year", "÷10", "1990 vs 2017")
        ]  # fmt: skip
        cols = evidence_columns(rows)
        assert serial_note(cols["serial"]) == "agrees with every known character" and cols["year"] is rows[1]
    assert evidence_rows({"evidence": [{"name": "serial", "weight": 9.5, "expected": "X"}]})[0]["weight"] == "×3.2×10⁹"
    assert evidence_rows("serial read 'A' vs registry 'A': agrees (LR 12)")[0]["weight"] == "×12"


def test_evidence_rows_read_several_layouts() -> None:
    rows = evidence_rows({"evidence": [{"field": "serial", "observed": "W1", "registry": "W1", "log10_lr": 2}]})
    assert rows[0]["name"] == "serial" and rows[0]["weight"] == "×100" and rows[0]["compared"] == "W1 vs W1"
    rows = evidence_rows({"maker": {"lr": 0.25, "detail": "different maker"}, "summary": "x"})
    assert rows == [{"name": "maker", "compared": "", "detail": "different maker", "weight": "÷4.0",
                     "log10": pytest.approx(-0.602, abs=1e-3)}]  # fmt: skip
    assert evidence_rows(None) == [] and evidence_rows({}) == []


@given(st.lists(st.floats(min_value=0.0, max_value=1.0), max_size=8))
def test_tie_group_is_the_best_and_its_near_equals(probabilities: list[float]) -> None:
    cands = [{"probability": p, "n": i} for i, p in enumerate(probabilities)]
    group = tie_group(cands)
    assert len(group) != 1
    if group:
        best = max(probabilities)
        assert group[0]["probability"] == best
        assert all(c["probability"] >= TIE_RATIO * best for c in group)
        assert len(group) == sum(1 for p in probabilities if p >= TIE_RATIO * best)


_STEP = st.tuples(st.sampled_from(["A", "B", "C"]), st.booleans(), st.sampled_from(["transfer", "trace_answer"]))


@given(st.lists(_STEP, max_size=12))
def test_custody_path_names_each_run_of_one_holder_once(steps: list[tuple[str, bool, str]]) -> None:
    chain = [{"kind": kind, "date": None, "from_holder": None, "from_country": None, "to_holder": holder,
              "to_country": "AF", "document_ref": None, "legal": legal} for holder, legal, kind in steps]  # fmt: skip
    path = custody_path(chain)
    assert all((a["holder"], a["legal"]) != (b["holder"], b["legal"]) for a, b in itertools.pairwise(path))
    runs = [k for i, k in enumerate((h, lg) for h, lg, _ in steps) if i == 0 or k != (steps[i - 1][0], steps[i - 1][1])]
    assert [(h["holder"], h["legal"]) for h in path] == runs


def test_map_data_know_the_countries_of_the_founding_case() -> None:
    assert country_name("PK") == "Pakistan" and country_name("AF") == "Afghanistan"
    lon, lat = country_point("AF") or (0.0, 0.0)
    assert 60 < lon < 75 and 29 < lat < 39
    assert country_name("ZZ") == "ZZ" and country_name("SU") == "Soviet Union"


def test_matcher_text_explanation_becomes_rows() -> None:
    text = (
        "serial read 'W1004340' vs registry 'W1004430': differs: 43 read as 34 (swapped) at 6; a random serial of "
        "this form reads so about 1 time in 576,866 (LR 2,579); model M4A1 = M4A1 (agree; 3% of the registry) "
        "(LR 39); other registry records: 1 fits better, 21 almost as well; P(not in this registry) = 0.000"
    )
    rows = evidence_rows({"text": text})
    assert [r["name"] for r in rows] == ["serial", "model", "other candidates", "not in registry"]
    assert rows[0]["weight"] == "×2,579" and "576,866" in rows[0]["detail"]
    assert rows[1]["detail"] == "M4A1 = M4A1 (agree; 3% of the registry)" and rows[1]["weight"] == "×39"


def test_shipped_boundaries_are_valid_geometries() -> None:
    from armstrace.report.maps import _layer

    for name in ("countries.geojson", "admin1.geojson"):
        layer = _layer(name)
        assert layer and all(g.is_valid and not g.is_empty for _, g in layer)
    provinces = {p["name"] for p, _ in _layer("admin1.geojson") if p["iso_a2"] == "PK"}
    assert {"Balochistan", "Khyber Pakhtunkhwa", "Punjab", "Sindh"} <= provinces


def test_custody_path_tells_a_loss_once_and_says_whose() -> None:
    """A registry's theft report and the same day's move to "unknown" (records, a trace answer) are one step,
    worded by whom it was stolen from; a captor is kept as its own step."""
    day = dt.date(2021, 9, 9)

    def step(kind: str, to: str | None, legal: bool, src: str | None = None) -> dict[str, Any]:
        return {"kind": kind, "date": day if not legal else None, "from_holder": src, "from_country": "PK",
                "to_holder": to, "to_country": "PK", "document_ref": None, "legal": legal}  # fmt: skip

    path = custody_path([
        step("transfer", "Khyber Pakhtunkhwa Police, Tank", True),
        step("reported_stolen", None, False, src="Khyber Pakhtunkhwa Police, Tank"),
        step("trace_answer", "unknown (reported lost or stolen)", False),
    ])  # fmt: skip
    assert [(h["holder"], h["legal"], h["traced"]) for h in path] == [
        ("Khyber Pakhtunkhwa Police, Tank", True, False),
        ("stolen from Khyber Pakhtunkhwa Police, Tank", False, True),
    ]
    reverse = custody_path([
        step("illicit_transfer", "unknown (reported lost or stolen)", False, src="ANP Kandahar"),
        step("reported_lost", None, False, src="ANP Kandahar"),
    ])  # fmt: skip
    assert [h["holder"] for h in reverse] == ["lost by ANP Kandahar"]
    captured = custody_path([
        step("illicit_transfer", "Taliban forces", False, src="ANP Kandahar"),
        step("reported_lost", None, False, src="ANP Kandahar"),
    ])  # fmt: skip
    assert [h["holder"] for h in captured] == ["Taliban forces", "lost by ANP Kandahar"]


def test_maps_draw_the_provinces_as_they_are_today() -> None:
    """Natural Earth still draws FATA, merged into Khyber Pakhtunkhwa in 2018: the maps draw and name it as KP."""
    from shapely.geometry import Point

    from armstrace.report.maps import _provinces

    pk = {p["name"]: g for p, g in _provinces() if p["iso_a2"] == "PK"}
    assert "Federally Administered Tribal Areas" not in pk
    assert pk["Khyber Pakhtunkhwa"].contains(Point(70.07, 33.0))  # Miran Shah, North Waziristan


def test_range_record_candidate_is_named_by_the_serial_the_reading_names() -> None:
    from armstrace.report.custody import _in_range

    item = analysis.LinkedItem(1, "USA-R1", "src", "BK100493", "BK100592", "Bushmaster", None, None, "US", None,
                               None, None, "transferred", None, "candidate", 0.98)  # fmt: skip
    rec = analysis.RecoveryRef(1, "R-1", "JE25", dt.date(2025, 3, 11), "PK", None, None, "BK100526", False, None,
                               None, None)  # fmt: skip
    chain = analysis.CustodyChain(recovery=rec, item=item)
    assert _in_range(chain) == "BK100493–BK100592"
    item.matched_serial, item.in_range = "BK100526", 1
    assert _in_range(chain) == "BK100526"
    item.matched_serial, item.in_range = None, 10
    assert _in_range(chain) == "BK100493–BK100592 (10 fit)"


def test_incident_report_summarises_the_trace_answer(sqlite_workspace: Workspace, tmp_path: Path) -> None:
    from sqlalchemy import select

    from armstrace.model import TraceRequest

    case = build_case(sqlite_workspace)
    with sqlite_workspace.session() as s:
        req = s.scalars(select(TraceRequest).where(TraceRequest.reference == "TR-2025-0001")).one()
        req.answer = {
            "text": "Custody from our shipment records.",
            "answered_by": {"agency": "US-NTC", "name": "US National Tracing Center"},
            "items": [
                {"item": "JE-2025-03-11/JE-01", "custody_chain": [{"holder": "ANA 205th Corps"}],
                 "last_legal_custodian": {"holder": "ANA 205th Corps"}, "found": True},
                {"item": "JE-2025-03-11/JE-04", "custody_chain": [], "last_legal_custodian": None, "found": False},
            ],
        }  # fmt: skip
    [html_path] = incident_report(sqlite_workspace, case["incident"], tmp_path, agency_id=case["agency_id"],
                                  formats=("html",))  # fmt: skip
    traces = html_path.read_text(encoding="utf-8").split('id="traces"')[1].split("</section>")[0]
    assert "Answer from US National Tracing Center" in traces
    assert "1 item with a custody chain, 1 naming the last legal" in traces
    assert "1 not found in the recipient" in traces and "Custody from our shipment records." in traces
