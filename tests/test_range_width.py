"""A range row whose number part int64 cannot hold (19 digits or more) is a user's mistake: one clear line
naming the file, the line, the field and what to do, from the API, the CLI and the import, never an overflow."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from armstrace.cli import run
from armstrace.exceptions import ImportFileError, InputError
from armstrace.ingest import import_file
from armstrace.linkage import Matcher, spark_tasks
from armstrace.linkage.spark import worker_error
from armstrace.store import Workspace

WIDE = "R1,1234567890123456789,1234567890123456799\n"  # 19 digits: the number part of the range


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    path = tmp_path / "reg.csv"
    path.write_text(
        "record_id,serial,serial_end\nR0,AB12,AB19\n" + WIDE + "R2,X123456789012345678,X123456789012345699\n"
    )
    return path


def test_the_matcher_names_the_file_line_and_field(registry: Path) -> None:
    with pytest.raises(InputError) as caught:
        Matcher.from_file(registry)
    text = str(caught.value)
    assert f"registry file {registry}, line 3 (record_id R1), field serial_end: range too wide to index" in text
    assert "split it or list its serials" in text and "\n" not in text


def test_eighteen_digits_are_still_a_range(tmp_path: Path) -> None:
    path = tmp_path / "reg.csv"
    path.write_text("record_id,serial,serial_end\nR2,X123456789012345678,X123456789012345699\n")
    found = Matcher.from_file(path).search("X123456789012345680", limit=1)
    assert found[0].record_id == "R2"


def test_the_cli_exits_2_with_one_line_and_writes_nothing(
    registry: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rec = tmp_path / "rec.csv"
    rec.write_text("recovery_id,serial\nV1,1234567890123456790\n")
    out = tmp_path / "out.csv"
    assert run(["xref", "--registry", str(registry), "--recoveries", str(rec), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "line 3 (record_id R1), field serial_end: range too wide" in err and "Traceback" not in err
    assert not out.exists()


def test_the_import_quarantines_the_row_and_keeps_the_others(
    sqlite_workspace: Workspace, registry: Path, tmp_path: Path
) -> None:
    summary = import_file(sqlite_workspace, "registry", registry, source="s", quarantine=tmp_path / "q.csv")
    assert (summary.inserted, summary.quarantined) == (2, 1)
    with (tmp_path / "q.csv").open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["line"], r["field"], r["record_id"]) for r in rows] == [("3", "serial_end", "R1")]
    assert "range too wide to index" in rows[0]["reason"]


def test_the_cluster_engine_refuses_the_row_on_the_worker(registry: Path, tmp_path: Path) -> None:
    """Pass 0 of the Spark engine routes each row group on a worker: the same row is refused there, as an
    ImportFileError the driver turns back into one line (``spark.worker_error``), not an overflow later."""
    with pytest.raises(ImportFileError) as caught:
        for p in spark_tasks.pieces(str(registry), str(tmp_path)):
            list(spark_tasks.piece(p, str(registry), 2, False))
    text = str(caught.value)
    assert f"registry file {registry}, line 3 (record_id R1), field serial_end: range too wide to index" in text
    carried = worker_error(RuntimeError(f"Traceback ...\narmstrace.exceptions.ImportFileError: {text}\n"))
    assert carried is not None and str(carried) == text
