"""PostgreSQL: what an import drops and makes again depends on how large the table is beside the import."""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, inspect, select, text

from armstrace.exceptions import BusyError
from armstrace.ingest import import_file, loader, postgres_sink, sink
from armstrace.model import Item
from armstrace.store import Workspace

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.parametrize("db_url", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True),
]


def _registry(path: Path, rows: int, prefix: str) -> Path:
    path.write_text("record_id,serial\n" + "".join(f"{prefix}{i},S{prefix}{i:05d}\n" for i in range(rows)))
    return path


def _catalog(ws: Workspace) -> tuple[set[str], dict[str, bool]]:
    """The item table's index names, and each foreign key's name with whether PostgreSQL holds it validated."""
    indexes = {str(i["name"]) for i in inspect(ws.engine).get_indexes("item")}
    with ws.session() as s:
        rows = s.execute(
            text("SELECT conname, convalidated FROM pg_constraint WHERE conrelid = 'item'::regclass AND contype = 'f'")
        ).all()
    return indexes, {str(name): bool(valid) for name, valid in rows}


def _watch(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    made: list[str] = []
    rebuild = postgres_sink._rebuild

    def watched(cursor: Any, statement: str) -> None:
        made.append(statement)
        rebuild(cursor, statement)

    monkeypatch.setattr(postgres_sink, "_rebuild", watched)
    return made


def test_a_larger_table_keeps_its_indexes_and_foreign_keys(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _catalog(workspace)
    assert len(before[1]) == 2 and all(before[1].values())  # agency_id and source_id
    made = _watch(monkeypatch)
    # an empty table: every index and foreign key is made again after the COPY
    assert import_file(workspace, "registry", _registry(tmp_path / "a.csv", 12, "A"), source="a").inserted == 12
    assert sum(s.startswith("CREATE") for s in made) == 5 and sum("FOREIGN KEY" in s for s in made) == 2
    made.clear()
    # 12 rows beside 4 new ones: everything kept, row by row (dropping a foreign key would lock the agency
    # and source tables against every reader until the import commits)
    assert import_file(workspace, "registry", _registry(tmp_path / "b.csv", 4, "B"), source="b").inserted == 4
    assert made == []
    assert import_file(workspace, "registry", _registry(tmp_path / "c.csv", 3, "C"), source="c").inserted == 3
    assert made == []
    assert _catalog(workspace) == before  # the same indexes and foreign keys, validated
    with workspace.session() as s:
        assert s.scalar(select(func.count()).select_from(Item)) == 19
        assert s.scalar(select(func.count(func.distinct(Item.id)))) == 19
        raw: Any = s.connection().connection.driver_connection
        assert sink._rows_up_to(raw, "item", 5) == 6  # counting stops once the limit is passed
        assert sink._rows_up_to(raw, "item", 100) == 19
        s.execute(text("ANALYZE item"))
        assert sink._rows_up_to(raw, "item", 9) == 10  # the planner's 19 rows are more than twice 9: no count
        with raw.cursor() as cursor:
            cursor.execute("DELETE FROM item WHERE record_id NOT LIKE 'C%'")  # 3 rows left, the estimate still 19
        assert sink._rows_up_to(raw, "item", 9) == 10
        assert sink._rows_up_to(raw, "item", 10) == 3  # 19 is not more than twice 10: counted


def test_a_foreign_key_that_fails_its_check_again_undoes_the_whole_import(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _catalog(workspace)
    rebuild = postgres_sink._rebuild

    def with_a_stray_row(cursor: Any, statement: str) -> None:
        if "(source_id)" in statement:  # a row naming no source, slipped in while the key was dropped
            columns = "record_id, synthetic, row_hash, created_at, agency_id, visibility"
            cursor.execute(f"INSERT INTO item (source_id, {columns}) SELECT 987654, {columns} FROM item LIMIT 1")
        rebuild(cursor, statement)

    monkeypatch.setattr(postgres_sink, "_rebuild", with_a_stray_row)
    with pytest.raises(Exception, match="item_source_id_fkey"):
        import_file(workspace, "registry", _registry(tmp_path / "a.csv", 12, "A"), source="a")
    assert _catalog(workspace) == before
    with workspace.session() as s:
        assert s.scalar(select(func.count()).select_from(Item)) == 0


def _other_session(ws: Workspace, statement: str) -> Any:
    """A second connection that holds what ``statement`` locks until it is rolled back."""
    connection = ws.engine.connect()
    connection.execute(text(statement))
    return connection


def test_an_import_meeting_a_readers_lock_fails_busy_and_stores_nothing(workspace: Workspace, tmp_path: Path) -> None:
    before = _catalog(workspace)
    other = _other_session(workspace, "LOCK TABLE agency IN ACCESS SHARE MODE")  # the empty table's import drops
    try:  # the foreign keys, which needs agency's strongest lock
        with pytest.raises(BusyError, match="busy with another write"):
            import_file(workspace, "registry", _registry(tmp_path / "a.csv", 12, "A"), source="a")
    finally:
        other.rollback()
        other.close()
    assert _catalog(workspace) == before
    with workspace.session() as s:
        assert s.scalar(select(func.count()).select_from(Item)) == 0
    assert import_file(workspace, "registry", _registry(tmp_path / "a.csv", 12, "A"), source="a").inserted == 12


def test_imports_take_turns_however_long_the_first_runs(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a request's lock wait of 0.2 s: the import queued behind another does not give up after it
    quick = Workspace.open(dataclasses.replace(workspace.settings, busy_timeout=0.2))
    seen: list[str] = []  # lock_timeout inside the import's transaction, once its turn came

    def serialise(session: Any, wait: float | None, waiting: Any) -> None:
        sink.serialise_imports(session, wait, waiting)
        seen.append(session.execute(text("SHOW lock_timeout")).scalar_one())

    monkeypatch.setattr(loader, "serialise_imports", serialise)
    other = _other_session(workspace, f"SELECT pg_advisory_xact_lock({sink.IMPORT_LOCK})")  # an import in progress
    done: list[int] = []
    errors: list[BaseException] = []
    told: list[str] = []

    def second() -> None:
        try:
            path = _registry(tmp_path / "b.csv", 5, "B")
            done.append(import_file(quick, "registry", path, source="b", waiting=lambda: told.append("wait")).inserted)
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=second)
    try:
        thread.start()
        thread.join(1.5)  # well past the lock timeout: still waiting its turn, nothing failed
        assert thread.is_alive() and not done and not errors
    finally:
        other.rollback()
        other.close()
    thread.join(60)
    assert (done, errors, told) == ([5], [], ["wait"])
    assert seen == ["200ms"]  # the unbounded wait did not outlive the wait
    quick.close()


def test_an_import_told_to_wait_a_bounded_time_fails_busy(workspace: Workspace, tmp_path: Path) -> None:
    other = _other_session(workspace, f"SELECT pg_advisory_xact_lock({sink.IMPORT_LOCK})")
    try:
        with pytest.raises(BusyError, match="busy with another write"):
            import_file(workspace, "registry", _registry(tmp_path / "a.csv", 12, "A"), source="a", wait=0.3)
    finally:
        other.rollback()
        other.close()
    with workspace.session() as s:
        assert s.scalar(select(func.count()).select_from(Item)) == 0
