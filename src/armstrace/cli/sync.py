"""`armstrace sync`: a field laptop's workspace and its agency's server, each sending the other what is new."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from .app import JsonOption, app, console, err_console, print_json, state

__all__ = ["sync_app"]

sync_app = typer.Typer(
    help="Sync this (laptop) workspace with the agency server: push new and changed incidents, recovered items "
    "and files, pull what the agency shares. Resumable and idempotent; conflicts kept. See docs/field.md.",
    invoke_without_command=True,
)
app.add_typer(sync_app, name="sync")

_PHASES = {"files": "uploading files", "push": "pushing records", "pull": "pulling pages"}


def _token(token_file: Path | None, env_token: str | None) -> str:
    from armstrace.exceptions import InputError

    if token_file is not None:
        try:
            token = token_file.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise InputError(f"--token-file {token_file}: cannot read it ({exc.strerror})") from exc
        if not token:
            raise InputError(f"--token-file {token_file}: the file is empty")
        return token
    if env_token:
        return env_token
    raise InputError("no API token: pass --token-file FILE or set ARMSTRACE_TOKEN (`armstrace token create` "
                     "on the server makes one)")  # fmt: skip


@sync_app.callback()
def sync(
    ctx: typer.Context,
    server: str | None = typer.Option(
        None, "--server", help="The agency server's base URL, e.g. https://armstrace.example.org"
    ),
    token_file: Path | None = typer.Option(
        None, "--token-file", help="A file holding your API token on that server (default: ARMSTRACE_TOKEN)."
    ),
    push_only: bool = typer.Option(False, "--push-only", help="Only send this laptop's changes."),
    pull_only: bool = typer.Option(False, "--pull-only", help="Only receive what the server shares."),
    as_json: JsonOption = False,
) -> None:
    """Push this workspace's new and changed records and files to the server, then pull what it shares.

    A cut connection loses nothing: run it again and it carries on (what the server acknowledged is not
    sent again; a file upload resumes). A record changed on both sides since the last sync is a conflict:
    the server's version wins, yours is kept and listed by `armstrace sync status`.
    """
    if ctx.invoked_subcommand is not None:
        return
    from armstrace.exceptions import InputError
    from armstrace.sync import sync as run_sync

    if not server:
        raise InputError("--server: give the agency server's URL (or see `armstrace sync status`)")
    if push_only and pull_only:
        raise InputError("--push-only and --pull-only: choose one (or neither, to do both)")
    cli = state(ctx)
    token = _token(token_file, cli.settings.sync_token)
    ws = cli.workspace()
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err_console, transient=True, disable=as_json) as bar:  # fmt: skip
        tasks: dict[str, TaskID] = {}

        def progress(phase: str, done: int, total: int) -> None:
            if phase not in tasks:
                tasks[phase] = bar.add_task(_PHASES.get(phase, phase), total=total)
            bar.update(tasks[phase], completed=done, total=total)

        summary = run_sync(ws, server, token, push=not pull_only, pull=not push_only, progress=progress)
    if as_json:
        print_json(summary.as_dict())
        return
    s = summary
    console.print(f"synced with {s.server} as {s.user} ({s.agency}): pushed {s.pushed}, pulled {s.pulled}, "
                  f"already the same {s.skipped}, conflicts {len(s.conflicts)}, refused {len(s.refused)}; "
                  f"files uploaded {s.files_uploaded} ({s.bytes_uploaded:,} bytes), already there "
                  f"{s.files_skipped}, downloaded {s.files_downloaded}; shared copies {s.copies}",
                  highlight=False)  # fmt: skip
    if s.conflicts:
        _conflicts(s.conflicts, "Conflicts: the server's version kept, yours saved (armstrace sync status)")
    if s.refused:
        table = Table(title="Not synced", box=None)
        for col in ("record", "local id", "reason"):
            table.add_column(col)
        for r in s.refused:
            table.add_row(r["entity"], str(r.get("local_id") or ""), str(r.get("reason") or r["status"]))
        console.print(table)


def _conflicts(rows: list[dict[str, Any]], title: str) -> None:
    table = Table(title=title, box=None)
    for col in ("id", "record", "local id", "label", "server version"):
        table.add_column(col)
    for c in rows:
        table.add_row(str(c.get("id", "")), c["entity"], str(c.get("local_id") or ""), c.get("label") or "",
                      str(c["server_version"]))  # fmt: skip
    console.print(table)


@sync_app.command("status")
def status(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """The servers this workspace syncs with (cursor, last push and pull, records waiting) and open conflicts."""
    from armstrace.sync import sync_status

    found = sync_status(state(ctx).workspace())
    if as_json:
        print_json(found)
        return
    if not found["servers"]:
        console.print("never synced: run `armstrace sync --server URL`")
    for p in found["servers"]:
        line = (f"{p['server']} ({p['agency']}): {p['synced_records']} records synced, {p['waiting']} waiting to "
                f"be pushed, pull cursor {p['cursor']}, {p['copies']} shared copies; last push "
                f"{p['pushed_at'] or 'never'}, last pull {p['pulled_at'] or 'never'}")  # fmt: skip
        console.print(line, highlight=False)
    if found["conflicts"]:
        _conflicts(
            found["conflicts"], "Open conflicts (your version kept; `armstrace sync resolve ID` when dealt with)"
        )
    else:
        console.print("no open conflicts")


@sync_app.command("resolve")
def resolve(ctx: typer.Context, conflict_id: int = typer.Argument(..., help="The conflict's id (sync status)."),
            as_json: JsonOption = False) -> None:  # fmt: skip
    """Mark a conflict dealt with; prints the version that was kept so that you can re-enter what was right."""
    from armstrace.sync import resolve_conflict

    found = resolve_conflict(state(ctx).workspace(), conflict_id)
    if as_json:
        print_json(found)
        return
    console.print(f"conflict {found['id']} resolved; the version kept was:", highlight=False)
    print_json(found["kept"])
