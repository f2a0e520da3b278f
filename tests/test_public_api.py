"""The public surface: every name in __all__ resolves, and the CLI documents every command."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from typing import Any

import pytest
import typer.main

import armstrace
from armstrace.cli import app, run

ROOT = Path(__file__).resolve().parent.parent


def test_every_exported_name_resolves() -> None:
    assert sorted(armstrace.__all__) == sorted(armstrace._EXPORTS)
    for name in armstrace.__all__:
        assert getattr(armstrace, name) is not None, name
    with pytest.raises(AttributeError):
        _ = armstrace.no_such_thing  # type: ignore[attr-defined]


def _commands(group: Any, prefix: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    found = []
    if hasattr(group, "commands"):  # a group (Typer vendors its own click)
        for name, command in group.commands.items():
            found.append(((*prefix, name), command))
            found.extend(_commands(command, (*prefix, name)))
    return found


COMMANDS = _commands(typer.main.get_command(app))


def test_there_are_commands() -> None:
    names = {" ".join(path) for path, _ in COMMANDS}
    assert {"init", "import registry", "import recoveries", "incident add", "demo"} <= names


@pytest.mark.parametrize("path", [p for p, _ in COMMANDS], ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_has_help_and_a_docs_entry(path: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> None:
    assert run([*path, "--help"]) == 0
    out = capsys.readouterr().out
    assert "Usage" in out
    command = dict(COMMANDS)[path]
    assert (command.help or command.short_help or "").strip(), f"`armstrace {' '.join(path)}` has no help text"
    docs = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert re.search(rf"^#+ `armstrace {re.escape(' '.join(path))}`", docs, re.M), (
        f"docs/cli.md has no section for `armstrace {' '.join(path)}`"
    )


def test_cli_docs_are_the_commands_own_help() -> None:
    """docs/cli.md is generated: a command or help text changed without regenerating it fails here."""
    spec = importlib.util.spec_from_file_location("cli_docs", ROOT / "scripts" / "cli_docs.py")
    assert spec is not None and spec.loader is not None
    cli_docs = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(cli_docs)
    written = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert cli_docs.render() == written, "docs/cli.md is out of date: run `python scripts/cli_docs.py` and commit it"
