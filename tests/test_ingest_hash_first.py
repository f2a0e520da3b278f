"""The unique rule of imported rows keyed (row_hash, source_id) (migration 0012): the same rule as before, an
index whose build compares the random hash first; a re-import still reads only its own source's hashes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from armstrace.ingest import import_file
from armstrace.store import Workspace, migration

_ITEM = (
    "INSERT INTO item (source_id, record_id, synthetic, row_hash, created_at, agency_id, visibility) "
    "VALUES (:source, :record, :no, :hash, :at, 1, 'private')"
)
_AT = dt.datetime(2026, 1, 1)


def _unique(engine: Engine, table: str) -> list[str]:
    indexes = {i["name"]: i for i in inspect(engine).get_indexes(table)}
    index = indexes[f"uq_{table}_source_row_hash"]
    assert index["unique"]
    return [str(name) for name in index["column_names"]]


def _items(engine: Engine) -> list[tuple[object, ...]]:
    with engine.connect() as c:
        return [tuple(r) for r in c.execute(text("SELECT source_id, record_id, row_hash FROM item ORDER BY id"))]


def test_the_migration_keeps_rows_and_the_rule_and_goes_back(db_url: str) -> None:
    engine = create_engine(db_url)
    migration.upgrade(engine, "0011_collate_c")
    with engine.begin() as c:
        c.execute(text("INSERT INTO agency (id, code, name, kind, created_at) VALUES (1, 'A', 'A', 'police', :at)"),
                  {"at": _AT})  # fmt: skip
        for source in (1, 2):
            c.execute(text("INSERT INTO source (id, name, kind, synthetic, created_at, agency_id, visibility) "
                           "VALUES (:id, :name, 'registry', :no, :at, 1, 'private')"),
                      {"id": source, "name": f"s{source}", "no": False, "at": _AT})  # fmt: skip
        for source, record, hash_ in ((1, "R1", 7), (1, "R2", 8), (2, "R1", 7)):
            c.execute(text(_ITEM), {"source": source, "record": record, "no": False, "hash": hash_, "at": _AT})
    before = _items(engine)
    assert _unique(engine, "item") == ["source_id", "row_hash"]
    migration.upgrade(engine)
    for table in ("item", "transfer"):
        assert _unique(engine, table) == ["row_hash", "source_id"]
    assert _items(engine) == before
    with engine.begin() as c:  # the same hash in another source is another row
        c.execute(text("INSERT INTO source (id, name, kind, synthetic, created_at, agency_id, visibility) "
                       "VALUES (3, 's3', 'registry', :no, :at, 1, 'private')"), {"no": False, "at": _AT})  # fmt: skip
        c.execute(text(_ITEM), {"source": 3, "record": "R9", "no": False, "hash": 8, "at": _AT})
    with pytest.raises(IntegrityError), engine.begin() as c:  # the same hash twice in one source is not
        c.execute(text(_ITEM), {"source": 1, "record": "R9", "no": False, "hash": 8, "at": _AT})
    config = migration.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0011_collate_c")
    assert _unique(engine, "item") == ["source_id", "row_hash"]
    assert _items(engine)[:3] == before
    engine.dispose()


def _registry(path: Path, first: int, last: int) -> Path:
    path.write_text("record_id,serial\n" + "".join(f"R{i},S{i:05d}\n" for i in range(first, last)))
    return path


def test_a_reimport_skips_only_the_rows_its_own_source_has(workspace: Workspace, tmp_path: Path) -> None:
    assert import_file(workspace, "registry", _registry(tmp_path / "a.csv", 0, 30), source="a").inserted == 30
    # the same rows in another source are that source's rows: all stored
    assert import_file(workspace, "registry", tmp_path / "a.csv", source="b").inserted == 30
    summary = import_file(workspace, "registry", _registry(tmp_path / "a2.csv", 20, 40), source="a")
    assert (summary.inserted, summary.already_present) == (10, 10)
    assert import_file(workspace, "registry", tmp_path / "a2.csv", source="b").inserted == 10


def test_reading_a_sources_hashes_searches_an_index(sqlite_workspace: Workspace) -> None:
    """Without (source_id, …) first in the unique index, a re-import's read must still not scan every row."""
    with sqlite_workspace.engine.connect() as c:
        plan = " ".join(str(r[-1]) for r in c.execute(text("EXPLAIN QUERY PLAN SELECT row_hash FROM item "
                                                            "WHERE source_id = 1")))  # fmt: skip
    assert plan.startswith("SEARCH item USING INDEX ix_item_source_record (source_id=?)"), plan
