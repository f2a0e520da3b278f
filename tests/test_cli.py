"""The CLI's one error boundary: a user's mistake is one line and an exit code, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from armstrace.cli import run


def test_missing_workspace_says_what_to_do(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = run(["--db", str(tmp_path / "none.db"), "incident", "list"])
    err = capsys.readouterr().err
    assert code == 6
    assert "armstrace init" in err and "Traceback" not in err


def test_init_import_and_list_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "ws.db")
    assert run(["--db", db, "--agency", "PK-CTD", "init", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["agency"] == "PK-CTD"
    assert run(["--db", db, "--agency", "PK-CTD", "incident", "add", "JE-1", "--date", "2025-03-11",
                "--country", "pk", "--lat", "29.58", "--lon", "67.4"]) == 0  # fmt: skip
    rec = tmp_path / "rec.csv"
    rec.write_text("recovery_id,serial\nR1,W1004340\nR2,\n", encoding="utf-8")
    capsys.readouterr()
    code = run(["--db", db, "--agency", "PK-CTD", "import", "recoveries", str(rec), "--incident", "JE-1",
                "--quarantine", str(tmp_path / "q.csv"), "--json"])  # fmt: skip
    summary = json.loads(capsys.readouterr().out)
    assert code == 0 and (summary["inserted"], summary["quarantined"]) == (1, 1)
    assert run(["--db", db, "--agency", "PK-CTD", "incident", "list", "--json"]) == 0
    [incident] = json.loads(capsys.readouterr().out)
    assert (incident["incident_id"], incident["country"], incident["recoveries"]) == ("JE-1", "PK", 1)


def test_user_mistakes_exit_non_zero_without_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "ws.db")
    run(["--db", db, "init"])
    capsys.readouterr()
    cases = [
        (["incident", "add", "X", "--date", "2025-02-30", "--country", "PK"], 2, "not a date"),
        (["import", "registry", str(tmp_path / "nope.csv"), "--source", "s"], 2, "no such file"),
        (["import", "registry", str(tmp_path / "nope.csv"), "--source", "s", "--map", "serial"], 2, "FIELD=COLUMN"),
        (["import", "recoveries", str(tmp_path / "x.csv"), "--incident", "NOPE"], 2, "no such file"),
    ]
    for args, expected, message in cases:
        code = run(["--db", db, *args])
        err = capsys.readouterr().err
        assert code == expected, (args, err)
        assert message in err and "Traceback" not in err, err
