"""Bad input to the matcher's entry points: bounded, named by file, line, field and reason, nothing lost."""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest

from armstrace.exceptions import ImportFileError, InputError, QuerySyntaxError
from armstrace.identify import identify, illegible
from armstrace.identify.engine import MAX_MARKING_LENGTH
from armstrace.identify.scan import indexes
from armstrace.linkage import Matcher, xref_files
from armstrace.linkage.input_checks import quarantine_path
from armstrace.reference import load_reference
from armstrace.serials import MAX_SERIAL_LENGTH, parse_query
from armstrace.values import MAX_CELL_LENGTH

HEADER = "record_id,serial,manufacturer,model,calibre\n"
REGISTRY = HEADER + "".join(f"R{i},W{1004000 + i},Colt,M4,5.56\n" for i in range(40))
GOOD = "recovery_id,serial,manufacturer,model,calibre\nX1,W1004003,Colt,M4,5.56\nX2,W1OO4007,Colt,,\nX3,W1004012,,,\n"


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# --- the causes: work bounded by the input's length ---------------------------------------------------


def test_gapped_words_are_found_as_the_pattern_finds_them() -> None:
    """The linear scan gives the regular expression's matches exactly, on texts mixing gaps and separators."""
    pieces = ["NOR", "[..]", "CO", " ", "/", ";", "|", "[3 letters]", "?", "*", "(?)", "…", "C", "\n", "[XX]", "x"]
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 25)))
        expected = [(m.start(), m.end()) for m in illegible._GAPPED_WORD.finditer(text)]
        assert [(m.start(), m.end()) for m in illegible._gapped_words(text)] == expected, text


def test_a_text_full_of_gaps_reads_at_most_max_gaps_of_them() -> None:
    ix = indexes(load_reference())
    text = "NOR[..]CO " * (illegible.MAX_GAPS + 10) + "C" * 100_000
    _, found = illegible.restore(text, ix)
    assert len(found) == illegible.MAX_GAPS + 10
    assert [g.reading for g in found[: illegible.MAX_GAPS]] == ["NORINCO"] * illegible.MAX_GAPS
    assert all(g.reading is None and "too many" in g.how for g in found[illegible.MAX_GAPS :])


def test_a_serial_longer_than_the_limit_is_refused_and_builds_no_probes() -> None:
    assert parse_query("W" * MAX_SERIAL_LENGTH).text == "W" * MAX_SERIAL_LENGTH
    with pytest.raises(QuerySyntaxError, match=f"2,000 characters \\(at most {MAX_SERIAL_LENGTH}\\)"):
        parse_query("1" * 2000)
    with pytest.raises(QuerySyntaxError, match="control character"):
        parse_query("W12\x0034567")
    matcher = Matcher.from_table(_table(REGISTRY))
    rows, _ = matcher.index.fuzzy("1" * 2000, 2)  # the index itself: longer than every key by more than 2
    assert len(rows) == 0 and all(n < 100 for n, _ in matcher.index._plans)


def _table(text: str):  # type: ignore[no-untyped-def]
    import io

    import pyarrow.csv as pacsv

    return pacsv.read_csv(io.BytesIO(text.encode()))


def test_search_and_identify_refuse_a_document() -> None:
    matcher = Matcher.from_table(_table(REGISTRY))
    with pytest.raises(InputError, match="manufacturer: 5,000 characters"):
        matcher.search("W1004003", manufacturer="C" * 5000)
    with pytest.raises(InputError, match="marking text of"):
        identify("C" * (MAX_MARKING_LENGTH + 1))


# --- xref on files: bad recoveries set aside and named, the rest unchanged ---------------------------


def test_bad_recoveries_are_quarantined_with_their_lines_and_the_rest_is_unchanged(tmp_path: Path) -> None:
    reg = _write(tmp_path / "reg.csv", REGISTRY)
    bad_lines = [
        "X4," + "1" * 2000 + ",Colt,M4,5.56",  # line 5
        'X5,W1004001,"Colt\nHartford",M4,5.56',  # lines 6-7: a good row with a line break in a value
        "X6,W1004002," + "C" * (MAX_CELL_LENGTH + 1) + ",M4,5.56",  # line 8
        "X7,W12\x0034567,Colt,M4,5.56",  # line 9
        "X1,W1004030,Colt,M4,5.56",  # line 10: X1 again
        "X8,AB[[C12,Colt,M4,5.56",  # line 11
    ]
    messy = _write(tmp_path / "messy.csv", GOOD + "\n".join(bad_lines) + "\n")
    summary = xref_files(reg, messy, tmp_path / "out.csv", limit=3, estimate=False)
    quarantined = _rows(quarantine_path(tmp_path / "out.csv"))
    assert [(q["line"], q["field"], q["recovery_id"]) for q in quarantined] == [
        ("5", "serial", "X4"),
        ("8", "manufacturer", "X6"),
        ("9", "serial", "X7"),
        ("10", "recovery_id", "X1"),
        ("11", "serial", "X8"),
    ]
    assert "2,000 characters (at most 40)" in quarantined[0]["reason"]
    assert "U+0000" in quarantined[2]["reason"] and "earlier row" in quarantined[3]["reason"]
    assert summary["quarantined"] == 5 and f"{messy}, line 5: field serial" in summary["quarantined_rows"][0]
    # the good rows are matched exactly as in a file without the bad ones
    xref_files(reg, _write(tmp_path / "good.csv", GOOD + bad_lines[1] + "\n"), tmp_path / "good_out.csv",
               limit=3, estimate=False)  # fmt: skip
    assert (tmp_path / "out.csv").read_bytes() == (tmp_path / "good_out.csv").read_bytes()
    assert not quarantine_path(tmp_path / "good_out.csv").exists()


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("R3,W9999999,Colt,M4,5.56", "line 42: field record_id: repeats an earlier row's id"),
        ("R98,,Colt,M4,5.56", "line 42: field serial: empty (required)"),
        ("R99,W1\x1b2345,Colt,M4,5.56", "line 42: field serial: a control character (U+001B)"),
        ("R97," + "9" * 41 + ",Colt,M4,5.56", "line 42: field serial: 41 characters (at most 40)"),
    ],
)
def test_a_bad_registry_row_stops_the_run_naming_its_line(tmp_path: Path, row: str, reason: str) -> None:
    reg = _write(tmp_path / "reg.csv", REGISTRY + row + "\n")
    rec = _write(tmp_path / "rec.csv", GOOD)
    with pytest.raises(ImportFileError, match="bad row") as err:
        xref_files(reg, rec, tmp_path / "out.csv")
    assert f"registry file {reg}, {reason}" in str(err.value)
    assert not (tmp_path / "out.csv").exists()


def test_csv_faults_are_named_by_the_line_an_editor_shows(tmp_path: Path) -> None:
    rec = _write(tmp_path / "rec.csv", GOOD)
    quoted = HEADER + 'R1,W1004001,"Colt\nHartford",M4,5.56\n'  # one record on lines 2-3
    extra = _write(tmp_path / "extra.csv", quoted + "R2,W1004002,Colt,M4,5.56,EXTRA,MORE\n")
    with pytest.raises(ImportFileError, match=r"extra.csv: nothing read .*line 4: 7 field\(s\) where the header has 5"):
        xref_files(extra, rec, tmp_path / "out.csv")
    unclosed = _write(tmp_path / "unclosed.csv", quoted + 'R2,"W1004002,Colt,M4,5.56\nR3,W1004003,Colt,M4,5.56\n')
    with pytest.raises(ImportFileError, match="line 4: a quote opened on this line is never closed"):
        xref_files(unclosed, rec, tmp_path / "out.csv")


def test_a_file_that_is_not_utf8_is_read_with_a_warning(tmp_path: Path) -> None:
    reg = _write(tmp_path / "reg.csv", REGISTRY)
    rec = _write(tmp_path / "rec.csv", GOOD + "X9,W1004009,Fabrique Nationale – Liège,FAL,7.62\n", "cp1252")
    summary = xref_files(reg, rec, tmp_path / "out.csv", limit=1, estimate=False)
    assert summary["recoveries"] == 4
    [warning] = summary["warnings"]
    assert f"recoveries file {rec} is not UTF-8" in warning
    assert "warnings" not in xref_files(reg, _write(tmp_path / "u.csv", GOOD), tmp_path / "o2.csv", estimate=False)


@pytest.mark.parametrize(
    "ids",
    [
        ["R01", "R02", "R03", "R04"],  # one width, in order
        ["R03", "R01", "R04", "R02"],  # one width, shuffled
        ["R1", "R20", "R300", "R4"],  # widths differ
    ],
)
def test_repeated_ids_are_found_however_the_ids_are_written(ids: list[str]) -> None:
    import pyarrow as pa

    from armstrace.linkage.input_checks import bad_rows

    serials = [f"W{i}00000" for i in range(len(ids) + 2)]
    clean = pa.table({"record_id": [*ids, "X9", "X8"], "serial": serials})
    assert bad_rows(clean, "record_id", None, serial_required=True) == []
    repeated = pa.table({"record_id": [*ids, ids[2], ids[0]], "serial": serials})
    found = bad_rows(repeated, "record_id", None, serial_required=True)
    assert [(b.row, b.line, b.row_id, b.field) for b in found] == [
        (4, 5, ids[2], "record_id"),
        (5, 6, ids[0], "record_id"),
    ]


def test_spark_passes_refuse_the_same_bad_rows_without_a_cluster(tmp_path: Path) -> None:
    """Pass 0 (a registry piece) and the driver's check of the recoveries name the line as locally."""
    from armstrace.linkage import spark_tasks
    from armstrace.linkage.spark import xref_spark

    reg = _write(tmp_path / "reg.csv", REGISTRY + "R98,,Colt,M4,5.56\n")
    with pytest.raises(ImportFileError, match="line 42: field serial: empty"):
        for piece in spark_tasks.pieces(str(reg), str(tmp_path)):
            list(spark_tasks.piece(piece, str(reg), 2, False))
    good = _write(tmp_path / "good.csv", REGISTRY)
    rec = _write(tmp_path / "rec.csv", GOOD + "X9,W12\x0034567,Colt,M4,5.56\n")
    with pytest.raises(ImportFileError, match="line 5: field serial: a control character"):
        xref_spark(good, rec, tmp_path / "out.csv")
