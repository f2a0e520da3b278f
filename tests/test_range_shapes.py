"""A registry row whose serial_end does not continue its serial's series (written before it, of another width,
with another prefix) is bad input: it used to be indexed as its first serial alone, so every weapon after that
serial was silently missing from every search. The file form, the import and the cluster engine refuse it with
one line naming the file, line, record and field and saying what to do; a workspace's rows, checked by its
import, are searched as an older import admitted them."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from armstrace.exceptions import ImportFileError, InputError
from armstrace.ingest import import_file
from armstrace.linkage import Matcher, spark_tasks
from armstrace.linkage.range_rows import range_fault
from armstrace.store import Workspace

HEADER = "record_id,serial,serial_end\n"
PLAIN = "R0,W0095601,\nR1,FN1084920,FN1084920\nR2,AB1000,AB1999\n"
BAD = {
    "reversed": ("QA1999", "QA1000", "comes before its first: swap serial and serial_end"),
    "width": ("QA1000", "QA19999", "another width than its first: write both with the same number of digits"),
    "prefix": ("QA1000", "QB1999", "serial_end does not continue the series of serial"),
    "letters": ("QA1000", "QA19X9", "serial_end does not continue the series of serial"),
    "no number": ("QAXYZ", "QAXYZZ", "serial_end does not continue the series of serial"),
}


def _registry(tmp_path: Path, start: str, end: str) -> Path:
    path = tmp_path / "reg.csv"
    path.write_text(HEADER + PLAIN + f"BAD,{start},{end}\n")
    return path


@pytest.mark.parametrize("kind", sorted(BAD))
def test_the_file_form_names_line_record_field_and_what_to_do(tmp_path: Path, kind: str) -> None:
    start, end, reason = BAD[kind]
    path = _registry(tmp_path, start, end)
    with pytest.raises(InputError) as caught:
        Matcher.from_file(path)
    text = str(caught.value)
    assert text.startswith(f"registry file {path}, line 5 (record_id BAD), field serial_end: ")
    assert reason in text and "\n" not in text


def test_a_blank_or_repeated_end_and_a_true_range_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "reg.csv"
    path.write_text(HEADER + PLAIN)
    matcher = Matcher.from_file(path)
    assert matcher.search("FN1084920", limit=1)[0].record_id == "R1"
    assert matcher.search("AB1500", limit=1)[0].record_id == "R2"
    assert range_fault("AB1000", "", 10) is None and range_fault("AB1000", "AB1000", 10) is None


def test_separators_and_case_are_read_before_the_shape(tmp_path: Path) -> None:
    path = tmp_path / "reg.csv"
    path.write_text(HEADER + "R9,qa-1000,QA 1999\n")
    assert Matcher.from_file(path).search("QA1500", limit=1)[0].record_id == "R9"


def test_the_import_quarantines_each_row_and_keeps_the_others(sqlite_workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "reg.csv"
    lines = [f"BAD{i},{start},{end}\n" for i, (start, end, _) in enumerate(BAD.values())]
    path.write_text(HEADER + PLAIN + "".join(lines))
    summary = import_file(sqlite_workspace, "registry", path, source="s", quarantine=tmp_path / "q.csv")
    assert (summary.inserted, summary.quarantined) == (3, len(BAD))
    with (tmp_path / "q.csv").open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["line"], r["field"]) for r in rows] == [(str(5 + i), "serial_end") for i in range(len(BAD))]
    for row, (_, _, reason) in zip(rows, BAD.values(), strict=True):
        assert reason in row["reason"]


def test_the_cluster_engine_refuses_the_row_on_the_worker(tmp_path: Path) -> None:
    start, end, reason = BAD["reversed"]
    path = _registry(tmp_path, start, end)
    with pytest.raises(ImportFileError) as caught:
        for p in spark_tasks.pieces(str(path), str(tmp_path)):
            list(spark_tasks.piece(p, str(path), 2, False))
    text = str(caught.value)
    assert f"registry file {path}, line 5 (record_id BAD), field serial_end: " in text and reason in text


def test_a_workspace_searches_what_an_older_import_admitted(tmp_path: Path) -> None:
    """No limit (a workspace's matcher): the row stays its first serial, as before; searches do not fail."""
    start, end, _ = BAD["reversed"]
    matcher = Matcher.from_file(_registry(tmp_path, start, end), max_range_items=None)
    assert matcher.search(start, limit=1)[0].record_id == "BAD"
