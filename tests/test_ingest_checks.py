"""Rows an import must not take silently: a repeated recovery_id, a serial query that does not parse, and
dates known only to the month or year (stored, but said)."""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import select

from armstrace.ingest import import_file
from armstrace.model import Recovery
from armstrace.records import add_incident
from armstrace.store import Workspace


def _quarantined(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8") as f:
        return {row["line"]: row["reason"] for row in csv.DictReader(f)}


def test_a_recovery_id_twice_in_one_incident_is_quarantined(sqlite_workspace: Workspace, tmp_path: Path) -> None:
    add_incident(sqlite_workspace, "JE-1", date="2025-03-11", country="PK")
    add_incident(sqlite_workspace, "JE-2", date="2025-03-12", country="PK")
    path = tmp_path / "rec.csv"
    path.write_text("recovery_id,incident_id,serial\nR1,JE-1,W1004340\nR1,JE-1,W999\nR1,JE-2,W1\nR2,JE-1,W2\n")
    summary = import_file(sqlite_workspace, "recoveries", path, quarantine=tmp_path / "q.csv")
    assert (summary.inserted, summary.quarantined) == (3, 1)
    assert "unique in its incident" in _quarantined(tmp_path / "q.csv")["3"]
    with sqlite_workspace.session() as s:
        stored = sorted(s.execute(select(Recovery.recovery_code, Recovery.serial_read)).all())
    assert stored == [("R1", "W1"), ("R1", "W1004340"), ("R2", "W2")]
    again = import_file(sqlite_workspace, "recoveries", path, quarantine=tmp_path / "q.csv")
    assert (again.inserted, again.quarantined) == (0, 1)


def test_a_serial_whose_query_syntax_does_not_parse_is_quarantined(sqlite_workspace: Workspace, tmp_path: Path) -> None:
    add_incident(sqlite_workspace, "JE-1", date="2025-03-11", country="PK")
    path = tmp_path / "rec.csv"
    path.write_text("recovery_id,serial\nR1,AB[[C\nR2,W10?43[0O]*\nR3,B]1\nR4,W100\n")
    summary = import_file(sqlite_workspace, "recoveries", path, incident="JE-1", quarantine=tmp_path / "q.csv")
    assert (summary.inserted, summary.quarantined) == (2, 2)
    reasons = _quarantined(tmp_path / "q.csv")
    assert set(reasons) == {"2", "4"} and all("query syntax" in r for r in reasons.values())


def test_dates_known_to_the_month_or_year_are_said_in_the_summary(sqlite_workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "inc.csv"
    path.write_text("incident_id,date,country\nI1,2015-03,PK\nI2,2015,PK\nI3,2015-03-04,PK\n")
    summary = import_file(sqlite_workspace, "incidents", path)
    assert summary.inserted == 3
    [warning] = summary.warnings
    assert warning.startswith("2 date value(s)") and "line 2: 2015-03" in warning and "first day" in warning
    full = tmp_path / "full.csv"
    full.write_text("incident_id,date,country\nI4,2015-03-04,PK\n")
    assert import_file(sqlite_workspace, "incidents", full).warnings == []


def test_an_oversized_cell_or_a_damaged_serial_is_quarantined(sqlite_workspace: Workspace, tmp_path: Path) -> None:
    add_incident(sqlite_workspace, "JE-1", date="2025-03-11", country="PK")
    path = tmp_path / "rec.csv"
    path.write_text(
        "recovery_id,serial,manufacturer\nR1," + "1" * 41 + ",Colt\nR2,W12\x0034567,Colt\nR3,W1004340,"
        + "C" * 4097 + "\nR4,W1004341,Colt\n"
    )  # fmt: skip
    summary = import_file(sqlite_workspace, "recoveries", path, incident="JE-1", quarantine=tmp_path / "q.csv")
    assert (summary.inserted, summary.quarantined) == (1, 3)
    reasons = _quarantined(tmp_path / "q.csv")
    assert "longer than 40 characters" in reasons["2"] and "control character" in reasons["3"]
    assert "manufacturer: longer than 4,096 characters" in reasons["4"]
