"""Serials and record ids are compared byte by byte on PostgreSQL (COLLATE "C", migration 0011), which makes
a bulk import's index rebuild cheaper; every query on those columns must still be able to use its index."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import create_engine, event, select, text

from armstrace.analysis.chain import LinkedItem
from armstrace.analysis.transfers import TransferIndex
from armstrace.auth import Actor
from armstrace.ingest import import_file
from armstrace.model import Item
from armstrace.records import items, lists
from armstrace.store import Workspace, migration

pytestmark = pytest.mark.postgres
POSTGRES = [pytest.param("postgresql", marks=pytest.mark.postgres)]
BYTEWISE = {("item", "serial_norm"), ("item", "serial_end"), ("item", "record_id")}
BYTEWISE |= {("transfer", column) for _, column in BYTEWISE}


def _collations(url: str) -> dict[tuple[str, str], str | None]:
    engine = create_engine(url)
    with engine.connect() as c:
        rows = c.execute(
            text(
                "SELECT table_name, column_name, collation_name FROM information_schema.columns "
                "WHERE table_name IN ('item', 'transfer') AND data_type IN ('text', 'character varying')"
            )
        ).all()
    engine.dispose()
    return {(table, column): collation for table, column, collation in rows}


@pytest.mark.parametrize("db_url", POSTGRES, indirect=True)
def test_serials_and_record_ids_are_bytewise_and_other_text_is_not(workspace: Workspace, db_url: str) -> None:
    collations = _collations(db_url)
    assert {key for key, collation in collations.items() if collation == "C"} == BYTEWISE
    assert collations[("item", "manufacturer")] is None  # names keep the database's collation


@pytest.mark.parametrize("db_url", POSTGRES, indirect=True)
def test_the_migration_keeps_rows_and_goes_back(db_url: str) -> None:
    engine = create_engine(db_url)
    migration.upgrade(engine, "0010_import_unique")
    with engine.begin() as c:
        c.execute(text("INSERT INTO agency (id, code, name, kind, created_at) VALUES (1, 'A', 'A', 'police', now())"))
        c.execute(text("INSERT INTO source (id, name, kind, synthetic, created_at, agency_id, visibility) "
                       "VALUES (1, 's', 'registry', false, now(), 1, 'private')"))  # fmt: skip
        c.execute(text("INSERT INTO item (source_id, record_id, serial_norm, synthetic, row_hash, created_at, "
                       "agency_id, visibility) VALUES (1, 'R1', 'AB12', false, 1, now(), 1, 'private')"))  # fmt: skip
    assert _collations(db_url)[("item", "serial_norm")] is None
    migration.upgrade(engine, "0011_collate_c")
    assert _collations(db_url)[("item", "serial_norm")] == "C"
    with engine.connect() as c:
        assert c.execute(text("SELECT record_id, serial_norm FROM item")).all() == [("R1", "AB12")]
        assert c.execute(text("SELECT count(*) FROM item WHERE serial_norm LIKE 'AB%'")).scalar() == 1
    config = migration.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0010_import_unique")
    assert _collations(db_url)[("item", "serial_norm")] is None
    with engine.connect() as c:
        assert c.execute(text("SELECT record_id, serial_norm FROM item")).all() == [("R1", "AB12")]
    engine.dispose()


@contextmanager
def _statements(ws: Workspace) -> Iterator[list[tuple[str, Any]]]:
    """The SQL statements (and parameters) the library sends meanwhile."""
    seen: list[tuple[str, Any]] = []

    def listen(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        seen.append((statement, parameters))

    event.listen(ws.engine, "before_cursor_execute", listen)
    try:
        yield seen
    finally:
        event.remove(ws.engine, "before_cursor_execute", listen)


def _linked(item: Item) -> LinkedItem:
    return LinkedItem(
        item.id, item.record_id, None, item.serial, item.serial_end, None, None, None, None, None, None, None,
        None, None, "subject",
    )  # fmt: skip


@pytest.mark.parametrize("db_url", POSTGRES, indirect=True)
def test_every_query_on_serials_and_record_ids_can_use_its_index(workspace: Workspace, tmp_path: Path) -> None:
    registry = tmp_path / "r.csv"
    registry.write_text("record_id,serial\n" + "".join(f"R{i},W{i:06d}\n" for i in range(3000)))
    transfers = tmp_path / "t.csv"
    transfers.write_text(
        "transfer_id,record_id,serial,serial_end,from_holder,to_holder,date\n"
        + "".join(f"T{i},R{i},W{i:06d},{f'W{i + 9:06d}' if i % 2 else ''},A,B,2020-01-01\n" for i in range(3000))
    )
    assert import_file(workspace, "registry", registry, source="r").inserted == 3000  # bulk: indexes rebuilt
    assert import_file(workspace, "transfers", transfers, source="t").inserted == 3000
    with workspace.session() as s:
        s.execute(text("ANALYZE item"))
        s.execute(text("ANALYZE transfer"))
    actor = Actor(None, "tester", workspace.agency().id, "TEST", "analyst")
    with workspace.session() as s, _statements(workspace) as sent:
        item = s.scalars(select(Item).where(Item.record_id == "R1500")).one()
        lists.item_page(s, actor, limit=10, serial="w001500")
        lists.transfer_page(s, actor, limit=10, serial="W001500")
        assert {t.transfer_id for t in items.custody(s, actor, item)} >= {"T1500", "T1491"}
        TransferIndex.load(s, actor.agency_id, [_linked(item)])
        statements = [(q, p) for q, p in sent if "serial_norm" in q.split("FROM", 1)[-1] or "record_id IN" in q]
        assert len(statements) >= 6
        raw: Any = s.connection().connection.driver_connection
        with raw.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")  # an index that cannot serve the query shows
            for statement, parameters in statements:
                cursor.execute(f"EXPLAIN {statement}", parameters)
                plan = "\n".join(row[0] for row in cursor.fetchall())
                table = "transfer" if "FROM transfer" in statement else "item"
                assert f"Seq Scan on {table}" not in plan, (statement, plan)
                assert f"ix_{table}_serial_norm" in plan or f"ix_{table}_record_id" in plan, (statement, plan)
                assert re.search(r"Index Cond: \(+(serial_norm|record_id)\)", plan), (statement, plan)
