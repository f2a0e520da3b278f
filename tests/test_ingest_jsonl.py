"""JSON Lines read by Arrow give what the Python reader gives: the same keys, lines, text and malformed rows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from armstrace.ingest import import_file, tabular
from armstrace.model import Item, Source
from armstrace.store import Workspace

FILES = {
    # Arrow reads the whole file: numbers, booleans, nulls, date-like text (Arrow would make it a timestamp)
    "plain": '{"b": 1, "a": "2020-01-01", "c": 1.0, "d": true, "e": null}\n'
    '{"a": "x", "b": 2, "c": 2.5e-7, "d": false, "f": ""}\n{"a": "ü", "b": -3, "c": 12.5}',
    # Arrow cannot give the Python reader's answer: the Python reader takes over where Arrow stops
    "blank line": '{"a": 1}\n\n{"a": 2}\n',
    "spaces line": '{"a": 1}\n  \t\n{"a": 2}\n',
    "malformed": '{"a": 1}\n{oops\n{"a": 3}\n',
    "type changes": '{"a": 1}\n{"a": "x"}\n',
    "nested": '{"a": {"x": 1}, "b": [1, 2]}\n',
    "past double precision": '{"a": 99999999999999999999}\n',
    "not an object": '{"a": 1}\n[1, 2]\n',
    "repeated key": '{"a": 1, "a": 2}\n',
    "not utf-8": '{"a": "\udcff"}\n',
}


def _rows(batches: Any) -> tuple[list[list[str]], list[tuple[int, dict[str, Any]]], list[tuple[int, str, str]]]:
    headers: list[list[str]] = []
    rows: list[tuple[int, dict[str, Any]]] = []
    malformed: list[tuple[int, str, str]] = []
    for batch in batches:
        headers.append(batch.header)
        values = {name: column.to_pylist() for name, column in batch.columns.items()}
        for i, line in enumerate(batch.lines.tolist()):
            rows.append((line, {name: values[name][i] for name in batch.header if name in values}))
        malformed.extend((m.line, m.reason, m.raw) for m in batch.malformed)
    return headers, rows, malformed


@pytest.mark.parametrize("name", list(FILES))
def test_arrow_and_python_readers_agree(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "f.jsonl"
    path.write_bytes(FILES[name].encode("utf-8", "surrogateescape"))
    arrow_rows: list[int] = []
    columns = tabular._json_column

    def counted(column: Any) -> Any:
        arrow_rows.append(len(column))
        return columns(column)

    monkeypatch.setattr(tabular, "_json_column", counted)
    both = _rows(tabular._jsonl(path, 2))
    python = _rows(tabular._python_jsonl(path, 2, 0, []))
    assert both[1:] == python[1:]
    assert both[0][-1] == python[0][-1]  # the same keys in the same order
    if name == "plain":
        assert arrow_rows and python[1][1] == (
            2,
            {"b": "2", "a": "x", "c": "2.5e-07", "d": "false", "e": None, "f": ""},
        )
    tried = tabular._arrow_jsonl_suits(path)
    assert tried == ("blank" not in name and "spaces" not in name)  # Arrow skips blank lines without a trace


def test_the_python_reader_resumes_after_the_rows_arrow_gave(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tabular, "JSON_BLOCK_BYTES", 64)  # Arrow reads a few lines a block
    lines = [f'{{"record_id": "R{i}", "serial": "S{i}"}}' for i in range(20)]
    lines[15] = '{"record_id": "R15", "serial": 15}'  # a number where the earlier blocks had text
    path = tmp_path / "f.jsonl"
    path.write_text("\n".join(lines) + "\n")
    given: list[int] = []
    python = tabular._python_jsonl

    def resumed(p: Path, b: int, skip: int, h: list[str]) -> Any:
        given.append(skip)
        return python(p, b, skip, h)

    monkeypatch.setattr(tabular, "_python_jsonl", resumed)
    _, rows, _ = _rows(tabular._jsonl(path, 3))
    assert 0 < given[0] <= 15  # Arrow gave the first blocks, the Python reader the rest
    assert [line for line, _ in rows] == list(range(1, 21))
    assert rows[15][1] == {"record_id": "R15", "serial": "15"}


def _stored(ws: Workspace, source: str) -> list[tuple[Any, ...]]:
    with ws.session() as s:
        query = select(Item.record_id, Item.serial, Item.year, Item.attributes, Item.row_hash)
        query = query.join(Source, Source.id == Item.source_id).where(Source.name == source)
        return sorted(tuple(r) for r in s.execute(query))


def test_an_import_by_arrow_stores_what_the_python_reader_stores(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = "".join(
        f'{{"record_id": "R{i}", "serial": "W{1000 + i}", "year": {1990 + i % 3}, "colour": "green", "flag": true}}\n'
        for i in range(8)
    )
    body += '{"record_id": "R8", "serial": "W1", "year": "19x0"}\n'  # quarantined
    body += '{"record_id": "R1", "serial": "W1001", "year": 1991, "colour": "green", "flag": true}\n'  # a repeat
    path = tmp_path / "r.jsonl"
    path.write_text(body)
    results = []
    for arrow in (True, False):
        monkeypatch.setattr(tabular, "_arrow_jsonl_suits", lambda p, a=arrow: a)
        quarantine = tmp_path / f"q{arrow}.csv"
        summary = import_file(workspace, "registry", path, source=f"s{arrow}", quarantine=quarantine)
        results.append(
            ((summary.inserted, summary.quarantined), quarantine.read_text(), _stored(workspace, f"s{arrow}"))
        )
    assert results[0] == results[1]
    assert results[0][0] == (9, 1) and "19x0" in results[0][1]
    assert results[0][2][0][2:4] == (1990, {"colour": "green", "flag": "true"})
