from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from armstrace.exceptions import ImportFileError, InputError, NotFoundError
from armstrace.incidents import add_incident
from armstrace.ingest import import_file
from armstrace.model import Item, Recovery
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
    with pytest.raises(OSError, match="disk full"):
        import_file(workspace, "registry", path, source="s")
    with workspace.session() as s:
        assert s.scalar(select(func.count()).select_from(Item)) == 0
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
