"""SQLite's copy from the staging file: values a batch's rows all share are bound once instead of staged,
and the rows stored are the same, value for value and type for type."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from sqlalchemy import text

from armstrace.ingest import import_file, loader, sink, tabular
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
    assert same == {"country": "US", "year": 1990, "synthetic": 1, "legal": 0, "weight": 1.5}
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
    monkeypatch.setattr(sink, "same_values", lambda t, c: bound.append(same_values(t, c)) or bound[-1])
    stored = []
    for name in ("bound", "staged"):
        if name == "staged":
            monkeypatch.setattr(sink, "same_values", lambda t, c: {})
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
