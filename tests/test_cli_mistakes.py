"""Every CLI command, met with empty, absent and malformed input in an empty workspace: never a traceback.

The commands are walked from the Typer app, so a new command is swept without editing this file. Each
parameter is tried in turn as the empty string and as a malformed value while the other required ones get
plausible values. An empty value is always an error (non-zero exit); a malformed one must not crash; a
refusal is one line on stderr (or Click's usage box), never a traceback.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer

from armstrace.cli import app, run

#: commands whose absent-input run would do real, long work (start a server, build the demo)
LONG_RUNNING = {("serve",), ("demo",)}


def _commands() -> Iterator[tuple[tuple[str, ...], Any]]:
    def walk(cmd: Any, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], Any]]:
        if hasattr(cmd, "commands"):
            for name, sub in cmd.commands.items():
                yield from walk(sub, (*path, name))
        else:
            yield path, cmd

    yield from walk(typer.main.get_command(app), ())


COMMANDS = dict(_commands())


def _kind(param: Any) -> str:
    annotation = getattr(param.type_descriptor, "annotation", str)
    return {int: "int", float: "float", Path: "path"}.get(annotation, "text")


def _plausible(param: Any, files: dict[str, Path]) -> str:
    kind = _kind(param)
    if kind == "int":
        return "1"
    if kind == "float":
        return "0.5"
    if kind == "path":
        return str(files["in"])
    return {"date": "2025-03-11", "due": "2025-04-11", "country": "PK", "out": str(files["out"])}.get(param.name, "X1")


def _args(path: tuple[str, ...], cmd: Any, files: dict[str, Path], tried: Any, value: str) -> list[str]:
    """The command line with ``tried`` set to ``value`` and every other required parameter plausible."""
    args: list[str] = [*path]
    for param in cmd.params:
        is_arg = param.param_type_name == "argument"
        if param is tried:
            given = value
        elif param.required or (path == ("demo",) and param.name == "items"):
            given = "1" if param.name == "items" else _plausible(param, files)
        else:
            continue
        args += [given] if is_arg else [param.opts[0], given]
    return args


def _value_params() -> list[Any]:
    cases = []
    for path, cmd in COMMANDS.items():
        for param in cmd.params:
            if getattr(param, "is_flag", False) or param.name == "help":
                continue
            cases.append(pytest.param(path, param.name, id=f"{' '.join(path)}:{param.name}"))
    return cases


@pytest.fixture
def empty_workspace(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Any:
    db = tmp_path / "ws.db"
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ARMSTRACE_AGENCY", raising=False)
    monkeypatch.delenv("ARMSTRACE_DATABASE_URL", raising=False)
    import uvicorn

    def no_server(*_a: Any, **_k: Any) -> None:
        raise AssertionError("serve started a server on a mistaken input")

    monkeypatch.setattr(uvicorn, "run", no_server)
    assert run(["--db", str(db), "init"]) == 0
    (tmp_path / "in.csv").write_text("serial\n", encoding="utf-8")
    files = {"in": tmp_path / "in.csv", "out": tmp_path / "out"}
    capsys.readouterr()
    return db, files


def _run(db: Path, args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = run(["--db", str(db), *args])  # an exception escaping here is the traceback the user would see
    err = capsys.readouterr().err
    assert "Traceback" not in err, (args, err)
    if code != 0 and "Usage:" not in err:  # Click's own usage box is several lines, and fine
        lines = [line for line in err.splitlines() if line.strip()]
        assert len(lines) == 1, (args, err)
    return code, err


def _stdin_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.StringIO(""))


@pytest.mark.parametrize(("path", "name"), _value_params())
def test_an_empty_value_is_refused_in_one_line(
    empty_workspace: Any, path: tuple[str, ...], name: str, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    db, files = empty_workspace
    _stdin_empty(monkeypatch)
    cmd = COMMANDS[path]
    [param] = [p for p in cmd.params if p.name == name]
    code, err = _run(db, _args(path, cmd, files, param, ""), capsys)
    assert code != 0, (path, name, err)


@pytest.mark.parametrize(("path", "name"), _value_params())
def test_a_malformed_value_never_crashes(
    empty_workspace: Any, path: tuple[str, ...], name: str, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    db, files = empty_workspace
    _stdin_empty(monkeypatch)
    cmd = COMMANDS[path]
    [param] = [p for p in cmd.params if p.name == name]
    kind = _kind(param)
    malformed = {"int": "x1", "float": "nan", "path": str(files["in"].parent / "missing" / "x.csv")}.get(
        kind, "[[[\t\u0000"
    )
    if path in LONG_RUNNING and kind == "path":
        malformed = str(files["in"])  # an existing file where a directory is wanted
    _run(db, _args(path, cmd, files, param, malformed), capsys)


@pytest.mark.parametrize("path", [p for p in COMMANDS if p not in LONG_RUNNING], ids=" ".join)
def test_absent_input_never_crashes(
    empty_workspace: Any, path: tuple[str, ...], capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    db, _files = empty_workspace
    _stdin_empty(monkeypatch)
    code, err = _run(db, list(path), capsys)
    if any(p.required for p in COMMANDS[path].params):
        assert code != 0, (path, err)


def test_the_sweep_finds_every_command() -> None:
    assert {("search",), ("xref",), ("identify", "text"), ("trace", "create"), ("user", "add")} <= set(COMMANDS)


@pytest.mark.parametrize("url", ["mysql://u@localhost/db", "oracle+cx_oracle://u@h/db", "sqlit:///x.db"])
def test_an_unsupported_database_is_named_in_one_line(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code = run(["--db", url, "incident", "list"])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and "sqlite" in err and "postgresql" in err, err


def test_the_workspace_acts_for_its_default_agency(
    db_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ARMSTRACE_AGENCY", raising=False)
    db = db_url
    assert run(["--db", db, "--agency", "PK-CTD", "init"]) == 0
    assert run(["--db", db, "incident", "add", "JE-1", "--date", "2025-03-11", "--country", "PK"]) == 0
    capsys.readouterr()
    assert run(["--db", db, "incident", "list", "--json"]) == 0  # no --agency, no ARMSTRACE_AGENCY
    assert [i["incident_id"] for i in json.loads(capsys.readouterr().out)] == ["JE-1"]
    assert run(["--db", db, "init", "--json"]) == 0  # init again without naming one keeps the default
    assert json.loads(capsys.readouterr().out)["agency"] == "PK-CTD"
    assert run(["--db", db, "agency", "add", "US-NTC", "--name", "desk"]) == 0
    monkeypatch.setenv("ARMSTRACE_AGENCY", "US-NTC")  # the environment still wins over the default
    capsys.readouterr()
    assert run(["--db", db, "user", "add", "ana", "--no-password", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["agency"] == "US-NTC"
    assert run(["--db", db, "incident", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_custody_says_what_to_give(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "ws.db")
    assert run(["--db", db, "--agency", "PK-CTD", "init"]) == 0
    assert run(["--db", db, "incident", "add", "JE25", "--date", "2025-03-11", "--country", "PK"]) == 0
    rec = tmp_path / "rec.csv"
    rec.write_text("recovery_id,serial\nJE25-R001,W1004340\n", encoding="utf-8")
    assert run(["--db", db, "import", "recoveries", str(rec), "--incident", "JE25"]) == 0
    capsys.readouterr()
    assert run(["--db", db, "custody", "JE25-R999"]) == 3
    assert "give a recovery as INCIDENT/RECOVERY" in capsys.readouterr().err
    assert run(["--db", db, "custody", "--item", "JE25-R001"]) == 3
    assert "is a recovery, not a registry record: leave out --item" in capsys.readouterr().err
    assert run(["--db", db, "custody", "JE25/JE25-R001"]) == 0
    assert "W1004340" in capsys.readouterr().out
