"""Bulk mode of an import: indexes dropped and built again, and the unique (source_id, row_hash) rule."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from sqlalchemy import create_engine, func, inspect, select, text
from sqlalchemy.exc import IntegrityError

from armstrace.exceptions import ConflictError
from armstrace.ingest import import_file, loader, pgbinary, postgres_sink, sink, sqlite_sink
from armstrace.ingest.rowhash import HashSet
from armstrace.model import Item, Transfer
from armstrace.settings import Settings
from armstrace.store import Workspace, migration


def _registry(path: Path, rows: int) -> Path:
    path.write_text("record_id,serial\n" + "".join(f"R{i},S{i:05d}\n" for i in range(rows)))
    return path


def test_the_unique_rule_is_a_named_index_that_holds(workspace: Workspace, tmp_path: Path) -> None:
    for table in ("item", "transfer"):
        unique = {i["name"]: i["column_names"] for i in inspect(workspace.engine).get_indexes(table) if i["unique"]}
        assert unique[f"uq_{table}_source_row_hash"] == ["row_hash", "source_id"]  # migration 0012
    import_file(workspace, "registry", _registry(tmp_path / "r.csv", 3), source="s")
    with workspace.session() as s, pytest.raises(IntegrityError):
        columns = "synthetic, row_hash, created_at, agency_id, visibility"
        s.execute(
            text(f"INSERT INTO item (source_id, record_id, {columns}) SELECT source_id, 'X', {columns} FROM item")
        )
        s.flush()


def test_appended_indexes_are_kept_the_others_built_again(
    sqlite_workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[str] = []
    create = sqlite_sink._create_index
    monkeypatch.setattr(
        sqlite_sink, "_create_index", lambda raw, name, sql: (built.append(name), create(raw, name, sql))
    )
    assert import_file(sqlite_workspace, "registry", _registry(tmp_path / "r.csv", 20), source="s").inserted == 20
    # unique first: building it is what checks that no row came twice
    assert built == ["uq_item_source_row_hash", "ix_item_serial_norm", "ix_item_source_record"]
    assert import_file(sqlite_workspace, "registry", tmp_path / "r.csv", source="s").inserted == 0


def test_which_indexes_grow_at_one_end() -> None:
    constants = {"agency_id", "visibility", "source_id"}
    assert sink.appended(["agency_id", "id"], constants)
    assert sink.appended(["visibility"], constants)
    assert sink.appended(["id"], constants)
    assert not sink.appended(["source_id", "record_id"], constants)
    assert not sink.appended(["serial_norm"], constants)
    assert not sink.appended(["id", "agency_id"], constants | {"id"} - {"id"})


def test_rows_another_import_stored_meanwhile_stop_the_import(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _registry(tmp_path / "r.csv", 5)
    assert import_file(workspace, "registry", path, source="s").inserted == 5
    # as if another process stored the same rows after this import read what the source has
    monkeypatch.setattr(loader, "existing_hashes", lambda *args: HashSet())
    with pytest.raises(ConflictError, match="another import stored rows of this source") as raised:
        import_file(workspace, "registry", path, source="s")
    # one message on both databases: what happened, that nothing was stored, and what to do
    assert str(raised.value).endswith(
        "; nothing was imported: import the file again, the rows already stored are skipped"
    )
    with workspace.session() as s:
        assert s.scalar(select(func.count()).select_from(Item)) == 5
    assert {i["name"] for i in inspect(workspace.engine).get_indexes("item")} >= {"uq_item_source_row_hash"}


def test_migration_keeps_rows_and_references_of_an_existing_workspace(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    migration.upgrade(engine, "0008_visibility")
    with engine.begin() as c:
        c.execute(
            text("INSERT INTO agency (id, code, name, kind, created_at) VALUES (1, 'A', 'A', 'police', '2026-01-01')")
        )
        c.execute(text("INSERT INTO source (id, name, kind, synthetic, created_at, agency_id, visibility) "
                       "VALUES (1, 's', 'registry', 0, '2026-01-01', 1, 'private')"))  # fmt: skip
        for i in range(3):
            c.execute(text("INSERT INTO item (source_id, record_id, synthetic, row_hash, created_at, agency_id, "
                           f"visibility) VALUES (1, 'R{i}', 0, {i}, '2026-01-01', 1, 'private')"))  # fmt: skip
    migration.upgrade(engine)
    with engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM item")).scalar() == 3
        assert c.execute(text("PRAGMA foreign_key_check")).first() is None
        names = {r[0] for r in c.execute(text("SELECT name FROM sqlite_master WHERE tbl_name = 'item'"))}
    assert "uq_item_source_row_hash" in names and not any(n.startswith("sqlite_autoindex_item") for n in names)
    assert {"ix_item_serial_norm", "ix_item_source_record", "ix_item_agency_id", "ix_item_visibility"} <= names
    with engine.begin() as c, pytest.raises(IntegrityError):
        c.execute(text("INSERT INTO item (source_id, record_id, synthetic, row_hash, created_at, agency_id, "
                       "visibility) VALUES (1, 'X', 0, 2, '2026-01-01', 1, 'private')"))  # fmt: skip
    engine.dispose()


REGISTRY = (
    "record_id,serial,quantity,year,date,country,synthetic,weapon_type,markings,note\n"
    "R1,W1,1,2017,2018-01-09,us,true,Carbine,a mark,x\n"
    "R2,W2,,1999,2001-05,,,rifle,,\n"
    "R3,W3,12,abc,2018-02-30,USA,maybe,laser,,\n"  # every checked field wrong: quarantined
    "R4,,,,,,,,,\n"  # required serial missing: quarantined
    "R5,Ж-5,0,2100,1800-01-01,PK,0,pistol,Ünïcode ✓,\n"
    "R1,W1,1,2017,2018-01-09,us,true,Carbine,a mark,x\n"  # a second copy: kept
)
INCIDENTS = (
    "incident_id,date,country,latitude,longitude,kind,title\nI1,2020-02-03,AF,34.5,-69.25,seizure,t\nI2,2021,pk,,,,\n"
)
TRANSFERS = "transfer_id,from_holder,to_holder,date,legal,quantity\nT1,A,B,2020-01-01,no,5\nT2,A,C,2020-02,,\n"


def _stored(ws: Workspace, table: str, agency: str) -> list[tuple[object, ...]]:
    """An agency's rows, without what differs between imports (ids, the source, the agency, the time)."""
    skip = {"id", "source_id", "agency_id", "created_at"}
    columns = ", ".join(c["name"] for c in inspect(ws.engine).get_columns(table) if c["name"] not in skip)
    query = f"SELECT {columns} FROM {table} WHERE agency_id = (SELECT id FROM agency WHERE code = :code)"
    with ws.session() as s:
        return sorted(tuple(r) for r in s.execute(text(query), {"code": agency}))


@pytest.mark.parametrize("db_url", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True)
def test_binary_and_csv_copy_store_the_same_rows(
    db_url: str, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The binary COPY (PostgreSQL's only) stores what the CSV COPY stores."""
    files = (("registry", REGISTRY, "r"), ("transfers", TRANSFERS, "t"), ("incidents", INCIDENTS, None))
    encoded: list[int] = []
    rows = pgbinary.Encoder.rows
    monkeypatch.setattr(pgbinary.Encoder, "rows", lambda self, t, c: (encoded.append(t.num_rows), rows(self, t, c))[1])
    results = []
    for binary in (True, False):
        monkeypatch.setattr(sink.PostgresSink, "binary", binary)
        agency = f"A{int(binary)}"
        ws = Workspace.create(replace(settings, agency=agency))
        out: list[object] = []
        for kind, body, source in files:
            path = tmp_path / f"{kind}.csv"
            path.write_text(body, encoding="utf-8")
            quarantine = tmp_path / f"{kind}.{binary}.q.csv"
            summary = import_file(ws, kind, path, source=source, quarantine=quarantine)
            out.append((summary.inserted, summary.quarantined, quarantine.read_text() if summary.quarantined else ""))
        out.extend(_stored(ws, table, agency) for table in ("item", "transfer", "incident"))
        results.append(out)
        ws.close()
    assert results[0] == results[1]
    assert encoded == [4, 2, 2]  # every kind went through the binary form in the first run, none in the second
    assert results[0][:3] == [(4, 2, results[0][0][2]), (2, 0, ""), (2, 0, "")]
    assert len(results[0][3]) == 4


def test_ids_follow_the_file_and_later_rows_get_new_ones(workspace: Workspace, tmp_path: Path) -> None:
    assert import_file(workspace, "registry", _registry(tmp_path / "a.csv", 6), source="a").inserted == 6  # bulk
    assert import_file(workspace, "registry", _registry(tmp_path / "b.csv", 2), source="b").inserted == 2  # not bulk
    with workspace.session() as s:
        rows = s.execute(select(Item.id, Item.record_id, Item.source_id).order_by(Item.id)).all()
    assert len({r.id for r in rows}) == 8
    assert [r.record_id for r in rows] == [f"R{i}" for i in range(6)] + ["R0", "R1"]
    assert rows[-1].source_id != rows[0].source_id


def test_hash_set_membership_in_the_order_asked() -> None:
    rng = np.random.default_rng(3)
    stored = rng.integers(-(2**62), 2**62, 1000, dtype=np.int64)
    hashes = HashSet(stored[:500])
    hashes.add(stored[500:800])
    asked = rng.permutation(np.concatenate([stored[::7], rng.integers(-(2**62), 2**62, 300, dtype=np.int64)]))
    assert (hashes.contains(asked) == np.isin(asked, stored[:800])).all()


def test_sort_memory_follows_the_rows_within_bounds() -> None:
    assert sink.sort_memory(10) == 256 << 20
    assert sink.sort_memory(4_000_000) == 4_000_000 * sink.SORT_BYTES_PER_ROW
    assert sink.sort_memory(100_000_000) == 1 << 30


@pytest.mark.parametrize("db_url", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True)
def test_the_rebuild_sorts_with_memory_for_its_rows_in_the_import_only(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(postgres_sink, "SORT_BYTES_PER_ROW", 2 << 20)  # 300 rows: 600 MB, inside the bounds
    seen: list[str] = []
    rebuild = postgres_sink._rebuild

    def watched(cursor: object, statement: str) -> None:
        cursor.execute("SHOW maintenance_work_mem")  # type: ignore[attr-defined]
        seen.append(cursor.fetchone()[0])  # type: ignore[attr-defined]
        rebuild(cursor, statement)

    monkeypatch.setattr(postgres_sink, "_rebuild", watched)
    assert import_file(workspace, "registry", _registry(tmp_path / "r.csv", 300), source="s").inserted == 300
    assert seen and set(seen) == {"600MB"}
    with workspace.session() as s:  # SET LOCAL: the import's transaction only
        assert s.execute(text("SHOW maintenance_work_mem")).scalar() != "600MB"


def _orm_rows(ws: Workspace, model: type[Any]) -> list[tuple[object, ...]]:
    """Every row of a table through the ORM (the same Python types on both backends), without ids and times."""
    skip = {"id", "source_id", "agency_id", "created_at"}
    names = [c.name for c in model.__table__.columns if c.name not in skip]
    with ws.session() as s:
        return sorted((tuple(repr(getattr(r, n)) for n in names) for r in s.scalars(select(model))), key=str)


@pytest.mark.parametrize("db_url", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True)
def test_both_backends_store_the_same_rows_hashes_and_quarantine(
    workspace: Workspace, sqlite_workspace: Workspace, tmp_path: Path
) -> None:
    """SQLite (ADBC staging, INSERT … SELECT) and PostgreSQL (binary COPY, bulk rebuild) from one file."""
    registry = REGISTRY + "R6,AB-100,,,,,,,,\nR7,ab 100,,,,,,,,\n"
    out = []
    for ws in (sqlite_workspace, workspace):
        found: list[object] = []
        for kind, body, source in (("registry", registry, "r"), ("transfers", TRANSFERS, "t")):
            path = tmp_path / f"{kind}.csv"
            path.write_text(body, encoding="utf-8")
            quarantine = tmp_path / f"{kind}.{ws.engine.dialect.name}.q.csv"
            summary = import_file(ws, kind, path, source=source, quarantine=quarantine)
            found.append((summary.inserted, summary.quarantined, quarantine.read_text() if summary.quarantined else ""))
        found.extend((_orm_rows(ws, Item), _orm_rows(ws, Transfer)))
        out.append(found)
    assert out[0] == out[1]
    assert out[0][0][:2] == (6, 2) and len(out[0][2]) == 6
