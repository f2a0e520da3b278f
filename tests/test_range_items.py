"""A range row claiming more serial numbers than any record of transfers plausibly holds is bad input (issue 13,
review S2): each of its numbers would be an item of the registry, diluting every reading's prior (one row
RG111111111111-RG999999999999 took an exact search of W0095601 from 0.972 to 0.00044). It is refused where a
range too wide to index is: one line naming the file, line, record, field, the count and the limit, and what
to do; the limit is ARMSTRACE_MAX_RANGE_ITEMS (default 1,000,000)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from armstrace.auth import Actor
from armstrace.cli import run
from armstrace.exceptions import ImportFileError, InputError
from armstrace.ingest import import_file
from armstrace.linkage import Matcher, spark_tasks
from armstrace.linkage.workspace import workspace_matcher
from armstrace.settings import DEFAULT_MAX_RANGE_ITEMS, Settings, load_settings
from armstrace.store import Workspace
from armstrace.web import create_app

HEADER = "record_id,serial,serial_end\n"
PLAIN = "R0,W0095601,\nR1,FN1084920,\nR2,AB1000,AB1999\n"
WIDE = "BIG,RG111111111111,RG999999999999\n"  # 888,888,888,889 numbers: the review's row
COUNT = "888,888,888,889"


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    path = tmp_path / "reg.csv"
    path.write_text(HEADER + PLAIN + WIDE)
    return path


def test_the_default_is_a_million_numbers() -> None:
    assert DEFAULT_MAX_RANGE_ITEMS == 1_000_000 == Settings().max_range_items
    assert load_settings({"ARMSTRACE_MAX_RANGE_ITEMS": "2000"}).max_range_items == 2000
    with pytest.raises(InputError, match="ARMSTRACE_MAX_RANGE_ITEMS"):
        load_settings({"ARMSTRACE_MAX_RANGE_ITEMS": "0"})


def test_the_matcher_names_the_file_line_record_field_count_and_limit(registry: Path) -> None:
    with pytest.raises(InputError) as caught:
        Matcher.from_file(registry)
    text = str(caught.value)
    assert text.startswith(f"registry file {registry}, line 5 (record_id BIG), field serial_end: range of {COUNT}")
    assert "more than the 1,000,000 one range row may hold" in text
    assert "check its last serial, or split it into the ranges actually transferred" in text
    assert "ARMSTRACE_MAX_RANGE_ITEMS" in text and "\n" not in text


@pytest.mark.parametrize(("first", "last"), [("QA0000000", "QA9999999"), ("QA0000000", "QA1000000")])
def test_a_seven_digit_series_wider_than_the_limit_is_refused(tmp_path: Path, first: str, last: str) -> None:
    path = tmp_path / "reg.csv"
    path.write_text(HEADER + PLAIN + f"BIG,{first},{last}\n")
    with pytest.raises(InputError, match=r"line 5 \(record_id BIG\), field serial_end: range of 1"):
        Matcher.from_file(path)


def test_a_range_of_exactly_the_limit_is_a_range(tmp_path: Path) -> None:
    path = tmp_path / "reg.csv"
    path.write_text(HEADER + PLAIN + "BIG,QA1000000,QA1999999\n")  # 1,000,000 numbers
    found = Matcher.from_file(path).search("QA1234567", limit=1)
    assert found[0].record_id == "BIG"


def test_the_limit_is_the_callers(registry: Path) -> None:
    """A record that is right is kept when the limit is raised (or a smaller limit refuses smaller rows)."""
    matcher = Matcher.from_file(registry, max_range_items=10**12)
    assert matcher.search("RG500000000000", limit=1)[0].record_id == "BIG"
    with pytest.raises(InputError, match="range of 1,000 serial numbers, more than the 999 one"):
        Matcher.from_file(registry, max_range_items=999)


def test_the_cli_exits_2_with_one_line_and_writes_nothing(
    registry: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    rec = tmp_path / "rec.csv"
    rec.write_text("recovery_id,serial\nV1,W0095601\n")
    out = tmp_path / "out.csv"
    args = ["xref", "--registry", str(registry), "--recoveries", str(rec), "--out", str(out)]
    assert run(args) == 2
    err = capsys.readouterr().err
    assert f"line 5 (record_id BIG), field serial_end: range of {COUNT}" in err and "Traceback" not in err
    assert not out.exists()
    assert run(["search", "W0095601", "--registry", str(registry)]) == 2
    assert f"field serial_end: range of {COUNT}" in capsys.readouterr().err
    monkeypatch.setenv("ARMSTRACE_MAX_RANGE_ITEMS", str(10**12))  # the record is right: the limit raised
    assert run(args) == 0 and out.exists()
    assert run(["search", "RG500000000000", "--registry", str(registry), "--json"]) == 0
    assert '"BIG"' in capsys.readouterr().out


def test_the_import_quarantines_the_row_and_keeps_the_others(
    sqlite_workspace: Workspace, registry: Path, tmp_path: Path
) -> None:
    summary = import_file(sqlite_workspace, "registry", registry, source="s", quarantine=tmp_path / "q.csv")
    assert (summary.inserted, summary.quarantined) == (3, 1)
    with (tmp_path / "q.csv").open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["line"], r["field"], r["record_id"]) for r in rows] == [("5", "serial_end", "BIG")]
    assert f"range of {COUNT} serial numbers, more than the 1,000,000" in rows[0]["reason"]


def test_the_cluster_engine_refuses_the_row_on_the_worker(registry: Path, tmp_path: Path) -> None:
    with pytest.raises(ImportFileError) as caught:
        for p in spark_tasks.pieces(str(registry), str(tmp_path)):
            list(spark_tasks.piece(p, str(registry), 2, False))
    text = str(caught.value)
    assert f"registry file {registry}, line 5 (record_id BIG), field serial_end: range of {COUNT}" in text
    for p in spark_tasks.pieces(str(registry), str(tmp_path)):  # raised: routed, the range copied to each shard
        assert {s for s, _ in spark_tasks.piece(p, str(registry), 2, False, None, 10**12)} == {0, 1}


def test_the_agency_server_searches_with_the_workspaces_limit(registry: Path, tmp_path: Path) -> None:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'w.db'}", agency="TEST", user="t", max_range_items=10**12)
    ws = Workspace.create(settings)
    try:
        summary = import_file(ws, "registry", registry, source="s", quarantine=tmp_path / "q.csv")
        assert summary.quarantined == 0  # the record is right: the workspace's limit was raised
        service = create_app(settings, workspace=ws).state.search
        with ws.session() as db:
            agency = ws.ensure_agency("TEST")
            actor = Actor(None, "t", agency.id, "TEST", "analyst")
            _, found = service.search(db, actor, "RG555555555555")
        assert found and found[0]["record_id"] == "BIG"
    finally:
        ws.close()


def test_a_workspace_row_admitted_under_a_raised_limit_is_searched_later_under_the_default(
    registry: Path, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'w.db'}"
    ws = Workspace.create(Settings(database_url=url, agency="TEST", user="t", max_range_items=10**12))
    try:
        assert import_file(ws, "registry", registry, source="s", quarantine=tmp_path / "q.csv").quarantined == 0
    finally:
        ws.close()
    ws = Workspace.open(Settings(database_url=url, agency="TEST", user="t"))  # the default limit again
    try:
        found = workspace_matcher(ws, "TEST").search("RG555555555555", limit=1)
        assert found[0].record_id == "BIG"
    finally:
        ws.close()
