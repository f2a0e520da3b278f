"""The client side of an import, made cheaper without changing a result: the text a content hash is
computed from, and the checking of a column's distinct values."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pytest
from sqlalchemy import text

from armstrace.ingest import fields, import_file, writer
from armstrace.ingest.fields import KINDS, Field
from armstrace.ingest.rowhash import reference_hash
from armstrace.store import Workspace


def _plain_join(columns: list[pa.Array]) -> list[str]:
    """Every column cast to text and joined row by row: the content of a row as the hash has always read it."""
    cast = [pc.cast(c, pa.string()) for c in columns]
    joined = pc.binary_join_element_wise(*cast, "\x1f", null_handling="replace", null_replacement="\x00")
    return list(joined.to_pylist())


SHAPES = {
    "varying": pa.array(["a", "b", "ЛЕ", "d"]),
    "one text": pa.array(["US"] * 4),
    "all null": pa.nulls(4, pa.string()),
    "one null": pa.array(["x", None, "x", "x"]),
    "one int": pa.array([1990] * 4, pa.int64()),
    "ints": pa.array([1, 2, 3, 4], pa.int64()),
    "one bool": pa.array([True] * 4),
    "bools": pa.array([True, False, None, True]),
    "one float": pa.array([1.5] * 4),
    "null int": pa.nulls(4, pa.int64()),
    "signed zeros": pa.array([0.0, -0.0, 0.0, 0.0]),  # equal as numbers, not as text
    "empty text": pa.array([""] * 4),
    "same but inside": pa.array(["p", "q", "p", "p"]),
}


@pytest.mark.parametrize(
    "names",
    [
        list(SHAPES),
        ["one text", "all null", "one int", "one bool"],  # every column a literal
        ["all null", "null int"],
        ["varying", "one text", "all null", "varying", "one float", "empty text"],
        ["one null", "same but inside", "bools", "ints"],
        ["signed zeros", "one text"],
        ["one text"],
        ["varying"],
    ],
)
def test_joined_content_is_the_plain_join(names: list[str]) -> None:
    columns = [SHAPES[name] for name in names]
    assert writer.joined_content(columns, 4).to_pylist() == _plain_join(columns)
    one = [c.slice(2, 1) for c in columns]
    assert writer.joined_content(one, 1).to_pylist() == _plain_join(one)


def test_stored_hashes_are_those_of_the_plain_join(sqlite_workspace: Workspace, tmp_path: Path) -> None:
    """Pinned against the definition: re-importing a file stored by an earlier version adds nothing."""
    path = tmp_path / "r.csv"
    rows = [("R1", "W-1", "US", "1990", "true"), ("R2", "ЛЕ 2", "US", "1990", "true"), ("R3", "3", "US", "", "true")]
    path.write_text("record_id,serial,country,year,synthetic\n" + "".join(",".join(r) + "\n" for r in rows))
    import_file(sqlite_workspace, "registry", path, source="s")
    with sqlite_workspace.engine.connect() as c:
        stored = [r[0] for r in c.execute(text("SELECT row_hash FROM item ORDER BY id"))]
    expected = []
    for record_id, serial, country, year, synthetic in rows:
        given = {"record_id": record_id, "serial": serial, "country": country, "year": year, "synthetic": synthetic}
        parts = [given.get(name) or "\x00" for name in sorted(f.name for f in KINDS["registry"])]
        expected.append(reference_hash("\x1f".join([*parts, "\x00"]).encode()))  # attributes last: none
    assert stored == expected


@pytest.mark.parametrize("kind", ["code", "int", "date", "bool", "country", "enum"])
def test_distinct_values_or_every_value_checked_alike(kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = Field("status", kind, choices=("in_service", "lost")) if kind == "enum" else Field("f", kind)
    repeated = ["1990", " 2001 ", "x", "", "2018-02-30", "2018-02", "true", "no", "US", "u s", "lost", "R\n1"] * 40
    unique = [f"{v}{i}" for i, v in enumerate(repeated)]
    for values in (repeated, unique, repeated[:20] + unique):
        column = pa.array(values, pa.string())
        checked = fields.validate(column, spec)
        monkeypatch.setattr(fields, "_repeats", lambda c: False)
        every = fields.validate(column, spec)
        monkeypatch.setattr(fields, "_repeats", lambda c: True)
        distinct = fields.validate(column, spec)
        monkeypatch.undo()
        for other in (every, distinct):
            assert other.values.to_pylist() == checked.values.to_pylist()
            assert other.bad.to_pylist() == checked.bad.to_pylist()
            assert other.reason == checked.reason


def test_an_identifier_column_builds_no_dictionary() -> None:
    assert not fields._repeats(pa.array([f"R{i}" for i in range(5000)]))
    assert fields._repeats(pa.array(["US", "PK", "US", "AF"] * 1000))
