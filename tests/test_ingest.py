from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from armstrace.exceptions import ImportFileError, InputError, NotFoundError
from armstrace.ingest import import_file
from armstrace.model import Item, Recovery
from armstrace.records import add_incident
from armstrace.store import Workspace

GOOD = [
    ["R1", "W1004340", "Colt", "M4A1", "5.56x45mm NATO", "carbine", "US", "2017", "2018-01-09", "lot-7"],
    ["R2", "W1004341", "Colt", "M4A1", "5.56x45mm NATO", "Carbine", "us", "2017", "2018-01", ""],
    ["R3", "FN123456", "FN Manufacturing", "M16A4", "5.56x45mm NATO", "rifle", "US", "", "2009", ""],
]
HEADER = ["record_id", "serial", "manufacturer", "model", "calibre", "weapon_type", "country", "year", "date", "extra"]


def write_messy_csv(path: Path) -> None:
    with path.open("wb") as f:
        f.write((",".join(HEADER) + "\n").encode())
        f.write((",".join(GOOD[0]) + "\n").encode())
        f.write(b"R4,W1004342,Colt,M4A1,5.56,carbine,US,20x7,2018-01-09,\n")  # line 3: year not a number
        f.write((",".join(GOOD[1]) + "\n").encode())
        f.write(b"R5,,Colt,M4A1,5.56,carbine,US,2017,2018-01-09,\n")  # line 5: serial missing
        f.write(b"R6,W1004343,Colt,M4A1,5.56,carbine,US,2017,2018-02-30,\n")  # line 6: no such date
        f.write(b"R7,W10\xff4344,Colt,M4A1,5.56,carbine,US,2017,2018-01-09,\n")  # line 7: not UTF-8
        f.write(b"R8,W1004345,Colt\n")  # line 8: too few fields
        f.write(b"R3,FN123456,FN Manufacturing,M16A4,5.56x45mm NATO,rifle,US,,2009,\n")  # line 9: good
        f.write(b"R9,W1004346,Colt,M4A1,5.56,spaceship,USA,2017,2018-01-09,\n")  # line 10: two faults


def test_messy_file_keeps_good_rows_quarantines_bad_and_reimports_nothing(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "registry.csv"
    write_messy_csv(path)
    quarantine = tmp_path / "bad.csv"
    summary = import_file(workspace, "registry", path, source="test", quarantine=quarantine)
    assert (summary.rows, summary.inserted, summary.quarantined) == (9, 3, 6)
    with quarantine.open(encoding="utf-8", errors="replace") as f:
        bad = {int(r["line"]): r for r in csv.DictReader(f)}
    assert sorted(bad) == [3, 5, 6, 7, 8, 10]
    assert "year" in bad[3]["field"] and "whole number" in bad[3]["reason"]
    assert bad[3]["serial"] == "W1004342"  # the original values travel with the reason
    assert bad[5]["field"] == "serial" and "required" in bad[5]["reason"]
    assert "date" in bad[6]["reason"]
    assert "UTF-8" in bad[7]["reason"]
    assert "fields" in bad[8]["reason"] and "R8" in bad[8]["raw"]
    assert "weapon_type" in bad[10]["field"] and "country" in bad[10]["field"]
    with workspace.session() as s:
        items = {i.record_id: i for i in s.scalars(select(Item))}
    assert set(items) == {"R1", "R2", "R3"}
    assert items["R2"].weapon_type == "carbine" and items["R2"].country == "US"
    assert str(items["R2"].date) == "2018-01-01"
    assert items["R1"].serial_norm == "W1004340"
    assert items["R1"].attributes == {"extra": "lot-7"}
    again = import_file(workspace, "registry", path, source="test", quarantine=quarantine)
    assert (again.inserted, again.already_present, again.quarantined) == (0, 3, 6)


def test_identical_lines_are_both_kept(sqlite_workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "dup.csv"
    path.write_text("record_id,serial\nA,123\nA,123\nB,124\n")
    assert import_file(sqlite_workspace, "registry", path, source="s").inserted == 3
    assert import_file(sqlite_workspace, "registry", path, source="s").inserted == 0


def test_column_mapping_and_formats(sqlite_workspace: Workspace, tmp_path: Path) -> None:
    rows = [
        {"ID": "X1", "SN": "AB1234", "MAKE": "Izhmash", "YR": 1978},
        {"ID": "X2", "SN": "AB1235", "MAKE": None, "YR": None},
    ]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "r.parquet")
    (tmp_path / "r.jsonl").write_text("\n".join(json.dumps({**r, "ID": r["ID"] + "j"}) for r in rows) + "\n{oops\n")
    wb = Workbook()
    ws = wb.active
    ws.append(["ID", "SN", "MAKE", "YR"])
    for r in rows:
        ws.append([r["ID"] + "x", r["SN"], r["MAKE"], r["YR"]])
    wb.save(tmp_path / "r.xlsx")
    mapping = {"record_id": "ID", "serial": "SN", "manufacturer": "MAKE", "year": "YR"}
    for name in ("r.parquet", "r.jsonl", "r.xlsx"):
        summary = import_file(
            sqlite_workspace,
            "registry",
            tmp_path / name,
            source=name,
            mapping=mapping,
            quarantine=tmp_path / f"{name}.q.csv",
        )
        assert summary.inserted == 2, name
    assert (tmp_path / "r.jsonl.q.csv").read_text().count("not a JSON object") == 1
    with sqlite_workspace.session() as s:
        assert s.scalar(select(func.count()).select_from(Item).where(Item.year == 1978)) == 3


def test_file_level_errors_are_clear(sqlite_workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("id,sn\n1,2\n")
    with pytest.raises(ImportFileError, match=r"required field\(s\) record_id, serial.*--map"):
        import_file(sqlite_workspace, "registry", path, source="s")
    with pytest.raises(ImportFileError, match="no such file"):
        import_file(sqlite_workspace, "registry", tmp_path / "missing.csv", source="s")
    with pytest.raises(ImportFileError, match="unknown file type"):
        import_file(sqlite_workspace, "registry", tmp_path / "x.doc", source="s")
    (tmp_path / "bad.parquet").write_text("not parquet")
    with pytest.raises(ImportFileError, match=r"bad.parquet: not a readable Parquet file"):
        import_file(sqlite_workspace, "registry", tmp_path / "bad.parquet", source="s")
    with pytest.raises(InputError, match="--source"):
        import_file(sqlite_workspace, "registry", path)
    with pytest.raises(InputError, match="not a field"):
        import_file(sqlite_workspace, "registry", path, source="s", mapping={"colour": "id"})


def test_recoveries_keep_serial_verbatim_and_need_an_incident(workspace: Workspace, tmp_path: Path) -> None:
    add_incident(workspace, "JE-1", date="2025-03-11", country="PK", place="Bolan")
    path = tmp_path / "rec.csv"
    path.write_text(
        "recovery_id,serial,obliterated,markings\n"
        "1,w10-0434О,false,COLT'S MFG CO / M4A1\n"  # Cyrillic О, kept as read
        "2,,true,filed off\n"
        "3,,false,no serial and not obliterated\n",
        encoding="utf-8",
    )
    with pytest.raises(NotFoundError, match="armstrace incident add"):
        import_file(workspace, "recoveries", path, incident="NOPE")
    summary = import_file(workspace, "recoveries", path, incident="JE-1", quarantine=tmp_path / "q.csv")
    assert (summary.inserted, summary.quarantined) == (2, 1)
    with workspace.session() as s:
        serials = sorted((r.serial_read or "", r.obliterated) for r in s.scalars(select(Recovery)))
    assert serials == [("", True), ("w10-0434О", False)]


def test_recoveries_by_incident_column(sqlite_workspace: Workspace, tmp_path: Path) -> None:
    add_incident(sqlite_workspace, "A", date="2024-01-02", country="PK")
    path = tmp_path / "rec.csv"
    path.write_text("recovery_id,incident_id,serial\n1,A,123\n2,B,456\n")
    summary = import_file(sqlite_workspace, "recoveries", path, quarantine=tmp_path / "q.csv")
    assert (summary.inserted, summary.quarantined) == (1, 1)
    assert "no such incident" in (tmp_path / "q.csv").read_text()


def test_a_crash_part_way_leaves_no_half_import(workspace: Workspace, tmp_path: Path, monkeypatch) -> None:
    from functools import partial

    from armstrace.ingest import loader, writer

    path = tmp_path / "r.csv"
    path.write_text("record_id,serial\n" + "".join(f"R{i},S{i:05d}\n" for i in range(10)))
    monkeypatch.setattr(loader, "read_batches", partial(loader.read_batches, batch_rows=3))
    calls = {"n": 0}
    real_write = writer.write

    def failing_write(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("disk full")
        return real_write(*args, **kwargs)

    monkeypatch.setattr(writer, "write", failing_write)
    schema = _schema(workspace, "item")
    with pytest.raises(OSError, match="disk full"):
        import_file(workspace, "registry", path, source="s")
    with workspace.session() as s:
        assert s.scalar(select(func.count()).select_from(Item)) == 0
    assert _schema(workspace, "item") == schema  # indexes and constraints a bulk import dropped are back
    assert not list(tmp_path.glob(".armstrace-import-*"))  # no staging file left behind
    monkeypatch.setattr(writer, "write", real_write)
    assert import_file(workspace, "registry", path, source="s").inserted == 10


def test_a_source_of_synthetic_rows_is_marked_synthetic(sqlite_workspace: Workspace, tmp_path: Path) -> None:
    from armstrace.model import Source

    path = tmp_path / "r.csv"
    path.write_text("record_id,serial,synthetic\nA,1,true\nB,2,false\n")
    import_file(sqlite_workspace, "registry", path, source="demo")
    (tmp_path / "real.csv").write_text("record_id,serial\nA,1\n")
    import_file(sqlite_workspace, "registry", tmp_path / "real.csv", source="real")
    with sqlite_workspace.session() as s:
        assert dict(s.execute(select(Source.name, Source.synthetic)).all()) == {"demo": True, "real": False}


# --- the import's guarantees on every format, and the pieces that make it fast -------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from sqlalchemy import inspect  # noqa: E402

from armstrace.cli import run  # noqa: E402
from armstrace.ingest.rowhash import HashSet, hash_column, reference_hash  # noqa: E402

MESSY = [  # (record_id, serial, year, date, country) and whether the row is good
    (("G1", "W2001", "2017", "2018-01-09", "US"), True),
    (("B1", "W2002", "20x7", "2018-01-09", "US"), False),  # wrong type
    (("B2", "", "2017", "2018-01-09", "US"), False),  # missing serial
    (("B3", "W2004", "2017", "2018-02-30", "US"), False),  # no such date
    (("G2", "W2005", "", "2019", "pk"), True),
    (("B4", "W2006", "2017", "2018-01-09", "USA"), False),  # not a country code
    (("G3", "W2007", "1999", "2001-05", ""), True),
]
COLUMNS = ["record_id", "serial", "year", "date", "country"]


def _write_messy(path: Path) -> dict[int, str]:
    """The same good and bad rows in the format the suffix names; returns line -> record of bad rows."""
    rows = [dict(zip(COLUMNS, values, strict=True)) for values, _ in MESSY]
    if path.suffix == ".csv":
        path.write_text("\n".join([",".join(COLUMNS), *(",".join(v) for v, _ in MESSY)]) + "\n", encoding="utf-8")
        first = 2
    elif path.suffix == ".xlsx":
        wb = Workbook()
        sheet = wb.active
        sheet.append(COLUMNS)
        for values, _ in MESSY:
            sheet.append([v or None for v in values])
        wb.save(path)
        first = 2
    elif path.suffix == ".parquet":
        pq.write_table(pa.Table.from_pylist([{k: v or None for k, v in r.items()} for r in rows]), path)
        first = 1
    else:
        path.write_text("".join(json.dumps({k: v for k, v in r.items() if v}) + "\n" for r in rows))
        first = 1
    return {first + i: values[0] for i, (values, good) in enumerate(MESSY) if not good}


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".parquet", ".jsonl"])
def test_every_format_keeps_good_rows_reports_bad_ones_and_reimports_nothing(
    workspace: Workspace, tmp_path: Path, suffix: str
) -> None:
    path = tmp_path / f"registry{suffix}"
    bad = _write_messy(path)
    quarantine = tmp_path / "q.csv"
    summary = import_file(workspace, "registry", path, source="s", quarantine=quarantine)
    assert (summary.rows, summary.inserted, summary.quarantined) == (7, 3, 4)
    with quarantine.open(encoding="utf-8") as f:
        reported = {int(r["line"]): r for r in csv.DictReader(f)}
    assert {line: r["record_id"] for line, r in reported.items()} == bad
    assert all(r["field"] and r["reason"] for r in reported.values())
    with workspace.session() as s:
        items = {i.record_id: i for i in s.scalars(select(Item))}
    assert set(items) == {"G1", "G2", "G3"}
    assert (items["G2"].country, str(items["G2"].date), items["G3"].year) == ("PK", "2019-01-01", 1999)
    again = import_file(workspace, "registry", path, source="s", quarantine=quarantine)
    assert (again.inserted, again.already_present, again.quarantined) == (0, 3, 4)


def test_csv_lines_are_the_lines_an_editor_shows(sqlite_workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes(
        b"record_id,serial,markings\n"
        b'A,1,"two\nlines"\n'  # 2-3
        b"\n"  # 4: blank, skipped
        b'B,,"three\r\nlines\nhere"\n'  # 5-7: no serial
        b"C,3\n"  # 8: short
        b"D,4,x,y\n"  # 9: long
        b'E,"\n5",ok\n'  # 10-11
        b"F,,x\n"  # 12: no serial
        b'G,7,"never closed\n'  # 13: a quote opened and never closed swallows the rest
        b"H,8,x\n"
    )
    quarantine = tmp_path / "q.csv"
    summary = import_file(sqlite_workspace, "registry", path, source="s", quarantine=quarantine)
    with quarantine.open(encoding="utf-8") as f:
        reported = {int(r["line"]): r for r in csv.DictReader(f)}
    assert sorted(reported) == [5, 8, 9, 12, 13]
    assert "has 2 fields, the header has 3" in reported[8]["reason"]
    assert "has 4 fields, the header has 3" in reported[9]["reason"]
    assert "never closed" in reported[13]["reason"] and reported[13]["raw"] == 'G,7,"never closed\nH,8,x'
    assert (summary.rows, summary.inserted) == (7, 2)


def test_files_in_another_encoding(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    rows = [b"record_id,serial,manufacturer", b"A,1,Colt", b"B,2,Fabbrica d\x92Armi", b"C,3,Steyr", b"D,4,H\xe9ckler"]
    path.write_bytes(b"\n".join(rows) + b"\n")
    quarantine = tmp_path / "q.csv"
    summary = import_file(workspace, "registry", path, source="s", quarantine=quarantine)
    assert (summary.inserted, summary.quarantined) == (2, 2)
    assert any("save the file as UTF-8" in w for w in summary.warnings)
    text = quarantine.read_bytes()
    assert b"Fabbrica d\x92Armi" in text and b"H\xe9ckler" in text  # the original bytes, unchanged
    assert b"not valid UTF-8" in text
    header_1252 = tmp_path / "h.csv"
    header_1252.write_bytes("numéro,série\n1,2\n".encode("cp1252"))
    with pytest.raises(ImportFileError, match=r"line 1: .*not UTF-8.*save it as UTF-8"):
        import_file(workspace, "registry", header_1252, source="s")


def test_a_value_beyond_the_named_columns_of_a_sheet_is_not_lost(sqlite_workspace: Workspace, tmp_path: Path) -> None:
    wb = Workbook()
    sheet = wb.active
    sheet.append(["record_id", "serial", None, "lot"])  # a column without a name keeps its values
    sheet.append(["A", "1", "kept", "L1"])
    sheet.append(["B", "2", None, None, "stray"])
    wb.save(tmp_path / "r.xlsx")
    quarantine = tmp_path / "q.csv"
    summary = import_file(sqlite_workspace, "registry", tmp_path / "r.xlsx", source="s", quarantine=quarantine)
    assert (summary.inserted, summary.quarantined) == (1, 1)
    assert "column E" in quarantine.read_text()
    with sqlite_workspace.session() as s:
        item = s.scalar(select(Item))
        assert item is not None and (item.attributes, item.lot) == ({"column 3": "kept"}, "L1")


def test_json_keys_first_seen_in_a_later_batch(workspace: Workspace, tmp_path: Path, monkeypatch) -> None:
    from functools import partial

    from armstrace.ingest import loader

    monkeypatch.setattr(loader, "read_batches", partial(loader.read_batches, batch_rows=2))
    lines = [{"record_id": f"R{i}", "serial": f"S{i}"} for i in range(4)]
    lines += [{"record_id": "R4", "serial": "S4", "model": "AKM", "colour": "green"}]
    path = tmp_path / "r.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in lines))
    assert import_file(workspace, "registry", path, source="s").inserted == 5
    with workspace.session() as s:
        item = s.scalar(select(Item).where(Item.record_id == "R4"))
    assert item is not None and (item.model, item.attributes) == ("AKM", {"colour": "green"})
    assert import_file(workspace, "registry", path, source="s").inserted == 0


def test_identical_lines_in_different_batches_are_all_kept(workspace: Workspace, tmp_path: Path, monkeypatch) -> None:
    from functools import partial

    from armstrace.ingest import loader

    monkeypatch.setattr(loader, "read_batches", partial(loader.read_batches, batch_rows=2))
    path = tmp_path / "dup.csv"
    path.write_text("record_id,serial\nA,1\nB,2\nA,1\nA,1\nC,3\n")
    assert import_file(workspace, "registry", path, source="s").inserted == 5
    assert import_file(workspace, "registry", path, source="s").inserted == 0
    path.write_text("record_id,serial\nA,1\nB,2\nA,1\nA,1\nC,3\nA,1\n")  # one more copy of a line
    assert import_file(workspace, "registry", path, source="s").inserted == 1


def _schema(ws: Workspace, table: str) -> tuple[object, ...]:
    found = inspect(ws.engine)
    return (
        sorted((i["name"], tuple(i["column_names"]), bool(i["unique"])) for i in found.get_indexes(table)),
        sorted(tuple(u["column_names"]) for u in found.get_unique_constraints(table)),
        sorted((tuple(f["constrained_columns"]), f["referred_table"]) for f in found.get_foreign_keys(table)),
    )


def test_a_large_import_into_a_small_table_keeps_its_indexes_and_constraints(
    workspace: Workspace, tmp_path: Path
) -> None:
    before = {t: _schema(workspace, t) for t in ("item", "transfer")}
    path = tmp_path / "r.csv"
    path.write_text("record_id,serial\n" + "".join(f"R{i},S{i:05d}\n" for i in range(50)))
    assert import_file(workspace, "registry", path, source="s").inserted == 50
    transfers = tmp_path / "t.csv"
    transfers.write_text("transfer_id,from_holder,to_holder,date\nT1,A,B,2020-01-01\n")
    assert import_file(workspace, "transfers", transfers, source="t").inserted == 1
    assert {t: _schema(workspace, t) for t in ("item", "transfer")} == before
    with workspace.session() as s:  # the unique constraint is back and holds
        assert s.scalar(select(func.count()).select_from(Item)) == 50
    assert import_file(workspace, "registry", path, source="s").inserted == 0


def test_progress_tells_rows_checked_and_stored(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("record_id,serial\nA,1\nB,\nC,3\n")
    checked: list[int] = []
    stored: list[int] = []
    totals: list[int | None] = []
    import_file(workspace, "registry", path, source="s", progress=checked.append, stored=stored.append,
                total=totals.append, quarantine=tmp_path / "q.csv")  # fmt: skip
    assert (sum(checked), sum(stored), totals) == (3, 2, [3])


def test_a_user_mistake_is_one_line_not_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "ws.db")
    assert run(["--db", db, "init"]) == 0
    bad = tmp_path / "h.csv"
    bad.write_bytes("numéro,série\n1,2\n".encode("cp1252"))
    capsys.readouterr()
    assert run(["--db", db, "import", "registry", str(bad), "--source", "s"]) == 2
    err = capsys.readouterr().err.strip()
    assert "Traceback" not in err and "h.csv, line 1" in err and "UTF-8" in err


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=40), min_size=1, max_size=30))
def test_row_hashes_follow_their_definition(values: list[str]) -> None:
    assert hash_column(pa.array(values)).tolist() == [reference_hash(v.encode()) for v in values]


def test_row_hashes_do_not_change_between_versions() -> None:
    """Stored hashes must match those of a re-import made by any later version."""
    assert reference_hash(b"W1004340\x1fColt") == 4665202390151741486
    assert hash_column(pa.array(["", "W1004340\x1fColt"])).tolist() == [2757052693204669760, 4665202390151741486]


def test_hash_set_gives_each_repeat_its_own_hash() -> None:
    seen = HashSet()
    first = seen.assign(np.array([5, 6, 5], dtype=np.int64))
    second = seen.assign(np.array([5, 7], dtype=np.int64))
    assert len({*first.tolist(), *second.tolist()}) == 5 and first[0] == 5 and first[1] == 6
    again = HashSet()  # the same rows in the same order get the same hashes
    assert again.assign(np.array([5, 6, 5], dtype=np.int64)).tolist() == first.tolist()
    assert again.assign(np.array([5, 7], dtype=np.int64)).tolist() == second.tolist()
    assert seen.contains(np.array([6, 8], dtype=np.int64)).tolist() == [True, False]


def test_a_new_sqlite_workspace_has_large_pages(sqlite_workspace: Workspace) -> None:
    """Bulk imports split and write fewer pages of 16 KiB (docs/benchmarks.md, Import)."""
    with sqlite_workspace.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA page_size").scalar() == 16384


@settings(max_examples=80, deadline=None)
@given(st.lists(st.none() | st.text(alphabet="aZ09-/ .\nОЛЕéßＡ１İ\u0301", max_size=12), min_size=1, max_size=40))
def test_serials_are_normalised_as_one_at_a_time(values: list[str | None]) -> None:
    from armstrace.ingest.writer import _normalise
    from armstrace.serials import normalise

    expected = [None if v is None else normalise(v) or None for v in values]
    assert _normalise(pa.array(values, pa.string())).to_pylist() == expected


def test_a_wrong_required_value_is_reported_once(sqlite_workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("transfer_id,from_holder,to_holder,date\nT1,A,B,2010-13-01\nT2,A,B,\n")
    quarantine = tmp_path / "q.csv"
    import_file(sqlite_workspace, "transfers", path, source="t", quarantine=quarantine)
    with quarantine.open(encoding="utf-8") as f:
        reasons = {r["transfer_id"]: r["reason"] for r in csv.DictReader(f)}
    assert reasons == {"T1": "date: not a date: write it as YYYY-MM-DD (or YYYY-MM, or YYYY)",
                       "T2": "date: required, but empty"}  # fmt: skip
