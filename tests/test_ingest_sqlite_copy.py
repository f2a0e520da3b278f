"""SQLite's copy from the staging file: values a batch's rows all share are bound once instead of staged,
and the rows stored are the same, value for value and type for type."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from sqlalchemy import text

from armstrace.exceptions import ConflictError
from armstrace.ingest import import_file, loader, sink, sqlite_sink, tabular
from armstrace.records import add_incident
from armstrace.settings import Settings
from armstrace.store import Workspace


def test_same_values_finds_the_columns_one_value_fills() -> None:
    table = pa.table(
        {
            "serial": ["A1", "A2", "A3", "A4"],
            "country": ["US", "US", "US", "US"],
            "year": pa.array([1990, 1990, 1990, 1990], pa.int64()),
            "synthetic": [True, True, True, True],
            "legal": [False, False, False, False],
            "weight": [1.5, 1.5, 1.5, 1.5],
            "holder": ["X", None, "X", "X"],  # a null is not the value: staged
            "lot": ["L", "L", "M", "L"],  # differs only inside: staged
            "blob": pa.array([b"x"] * 4, pa.binary()),  # a type the copy does not bind: staged
        }
    )
    same = sink.same_values(table, table.column_names)
    assert same == {"country": "US", "year": 1990, "synthetic": 1, "legal": 0}  # not a float: 0.0 equals -0.0
    assert type(same["synthetic"]) is int  # as the staging table would hold it


def test_one_column_stays_staged_to_carry_the_rows() -> None:
    table = pa.table({"a": ["x", "x"], "b": ["y", "y"]})
    assert sink.same_values(table, ["a", "b"]) == {"b": "y"}
    assert sink.same_values(table.slice(0, 1), ["a", "b"]) == {}  # one row: nothing to gain


def _rows(ws: Workspace) -> list[tuple[Any, ...]]:
    """Every stored value with its SQLite type, in id order, but the import's time."""
    with ws.engine.connect() as connection:
        names = [r[1] for r in connection.execute(text("PRAGMA table_info(item)")) if r[1] != "created_at"]
        query = f"SELECT {', '.join(f'{n}, typeof({n})' for n in names)} FROM item ORDER BY id"
        return [tuple(row) for row in connection.execute(text(query))]


REGISTRY = (
    "record_id,serial,country,year,quantity,status,holder,synthetic,model,extra\n"
    + "".join(f"R{i},S{i:04d},US,1990,1,in_service,Depot 4,true,M{i % 3},x\n" for i in range(12))
    + "R12,S0012,US,1991,,in_service,,false,M0,x\n"  # in the last batch: year, quantity, holder and synthetic vary
    + "R13,S0013,US,1991,2,in_service,Depot 4,true,M1,x\n"
)


@pytest.mark.parametrize("batch_rows", [5, 100])
def test_rows_stored_with_shared_values_bound_equal_rows_staged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batch_rows: int
) -> None:
    path = tmp_path / "r.csv"
    path.write_text(REGISTRY, encoding="utf-8")
    monkeypatch.setattr(loader, "read_batches", functools.partial(tabular.read_batches, batch_rows=batch_rows))
    bound: list[dict[str, Any]] = []
    same_values = sink.same_values
    monkeypatch.setattr(sqlite_sink, "same_values", lambda t, c: bound.append(same_values(t, c)) or bound[-1])
    stored = []
    for name in ("bound", "staged"):
        if name == "staged":
            monkeypatch.setattr(sqlite_sink, "same_values", lambda t, c: {})
        ws = Workspace.create(Settings(database_url=f"sqlite:///{tmp_path / f'{name}.db'}", agency="A", user="u"))
        try:
            assert import_file(ws, "registry", path, source="s").inserted == 14
            assert import_file(ws, "registry", path, source="s").inserted == 0  # the same hashes
            stored.append(_rows(ws))
        finally:
            ws.close()
    assert bound and all({"country", "status"} <= set(b) for b in bound)  # the rule was used
    assert stored[0] == stored[1]
    assert {row[1] for row in stored[0]} == {"integer"}  # ids


def _foreign_keys(raw: Any) -> int:
    return int(raw.execute("PRAGMA foreign_keys").fetchone()[0])


def test_foreign_keys_are_looked_up_once_during_the_copy_and_on_again_after(
    sqlite_workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[Any, int]] = []
    finish = sink.SqliteSink.finish

    def spy(self: sink.SqliteSink, stored: Any = None) -> int:
        raw = self.session.connection().connection.driver_connection
        seen.append((raw, _foreign_keys(raw)))
        return finish(self, stored)

    monkeypatch.setattr(sink.SqliteSink, "finish", spy)
    path = tmp_path / "r.csv"
    path.write_text(REGISTRY, encoding="utf-8")
    assert import_file(sqlite_workspace, "registry", path, source="s").inserted == 14
    assert import_file(sqlite_workspace, "registry", path, source="s").inserted == 0
    assert [fk for _, fk in seen] == [0, 0]
    assert all(_foreign_keys(raw) == 1 for raw, _ in seen)  # back in the pool with the lookups on


def test_a_parent_gone_stops_the_import(
    sqlite_workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What SQLite's foreign key would have refused row by row is refused: here the source of the rows."""
    init = sink.SqliteSink.__init__

    def gone(self: sink.SqliteSink, session: Any, target: Any, constants: dict[str, Any]) -> None:
        init(self, session, target, {**constants, "source_id": 10**6})

    monkeypatch.setattr(sink.SqliteSink, "__init__", gone)
    path = tmp_path / "r.csv"
    path.write_text(REGISTRY, encoding="utf-8")
    with pytest.raises(ConflictError, match=r"a source these rows refer to \(item.source_id\)"):
        import_file(sqlite_workspace, "registry", path, source="s")
    with sqlite_workspace.engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM item")).scalar() == 0
        assert c.execute(text("SELECT count(*) FROM source")).scalar() == 0  # all or nothing
        assert c.execute(text("PRAGMA foreign_keys")).scalar() == 1


@pytest.mark.parametrize("batch_rows", [2, 100])
def test_a_parent_gone_for_some_rows_of_a_varying_column_stops_the_import(
    sqlite_workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batch_rows: int
) -> None:
    add_incident(sqlite_workspace, "JE-1", date="2025-03-11", country="PK")
    add_incident(sqlite_workspace, "JE-2", date="2025-03-12", country="PK")
    incidents = loader._incidents

    def one_gone(session: Any, ctx: Any, code: str | None) -> None:
        incidents(session, ctx, code)
        ctx.incident_codes["JE-2"] = 10**6  # as if JE-2 were deleted after its code was read

    path = tmp_path / "rec.csv"
    # two rows a batch: JE-2 is the value its batch shares (bound once); in one batch: a column that varies
    path.write_text("recovery_id,incident_id,serial\nR1,JE-1,W1\nR2,JE-1,W2\nR3,JE-2,W3\nR4,JE-2,W4\nR5,JE-1,W5\n")
    monkeypatch.setattr(loader, "read_batches", functools.partial(tabular.read_batches, batch_rows=batch_rows))
    assert import_file(sqlite_workspace, "recoveries", path, quarantine=tmp_path / "q.csv").inserted == 5
    monkeypatch.setattr(loader, "_incidents", one_gone)
    path.write_text(path.read_text().replace("W", "X"))
    with pytest.raises(ConflictError, match=r"recovery.incident_id"):
        import_file(sqlite_workspace, "recoveries", path, quarantine=tmp_path / "q.csv")
    with sqlite_workspace.engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM recovery")).scalar() == 5
