"""Tables printed to a pipe or an 80-column terminal show identifiers and serials whole."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from armstrace.cli import run
from armstrace.cli.tables import fitted_table


def _render(table: object, width: int = 80) -> str:
    out = io.StringIO()
    Console(file=out, width=width).print(table)
    return out.getvalue()


def test_key_columns_are_whole_and_least_useful_columns_go_first() -> None:
    rows = [(f"JE25/JE25-R{i:03d}", f"W10043{i:03d}O", "carbine", "Colt's Manufacturing Company", "M4A1",
             "5.56x45mm NATO", "US", "AF", "0") for i in range(5)]  # fmt: skip
    headers = ("item", "serial as read", "type", "maker", "model", "calibre", "origin", "last import", "photos")
    table = fitted_table(headers, rows, keys=("item", "serial as read"), drop=("photos", "last import", "calibre"),
                         console=Console(width=80))  # fmt: skip
    text = _render(table)
    assert "…" not in text
    for item, serial, *_ in rows:
        assert item in text and serial in text
    assert "photos" not in text and "maker" in text


def test_incident_list_in_a_pipe_keeps_the_incident_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    db = str(tmp_path / "ws.db")
    assert run(["--db", db, "--agency", "PK-CTD", "init"]) == 0
    long_title = "Weapons seized near the road to Dera Ismail Khan after a long pursuit " * 2
    assert run(["--db", db, "incident", "add", "PK-2025-000111", "--date", "2025-06-28", "--country", "PK",
                "--place", "Dera Ismail Khan", "--title", long_title]) == 0  # fmt: skip
    capsys.readouterr()
    assert run(["--db", db, "incident", "list"]) == 0
    out = capsys.readouterr().out
    assert "PK-2025-000111" in out and "…" not in out


def test_help_names_options_whole_and_flags_without_a_type(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["search", "--help"]) == 0
    out = capsys.readouterr().out
    assert "--ignore-embedded-letters" in out and "<bool>" not in out and "…" not in out
