"""The Typer application, its global options and the output helpers every command shares.

Command modules in this package register on `app`; `armstrace.cli.main` wraps it in the single
boundary that turns ArmstraceError into a one-line message and an exit code.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console
from typer.core import TyperGroup

from armstrace.settings import Settings, load_settings
from armstrace.store.privacy import PRIVATE_UMASK

if TYPE_CHECKING:
    from armstrace.store import Workspace

__all__ = ["CliState", "app", "console", "err_console", "print_json", "state"]

console = Console()
err_console = Console(stderr=True)

# The order a user meets the commands in: set up, investigate, trace and analyse, report, serve.
WORKFLOW = ("demo", "init", "synth", "import", "incident", "attach", "files", "ammo", "identify", "search", "xref",
            "notice", "psi", "trace", "peer", "custody", "analyse", "report", "serve", "agency", "user", "token", "key",
            "audit")  # fmt: skip


class _WorkflowGroup(TyperGroup):
    def list_commands(self, ctx: Any) -> list[str]:
        rank = {name: i for i, name in enumerate(WORKFLOW)}
        return sorted(self.commands, key=lambda name: (rank.get(name, len(rank)), name))


app = typer.Typer(
    name="armstrace",
    cls=_WorkflowGroup,
    help=(
        "Trace illicit small arms and light weapons: document recovered weapons, identify them from their "
        "markings, match serial numbers against registries, issue trace requests, analyse diversion and "
        "write reports.\n\nStart with `armstrace demo` for a synthetic worked case, or `armstrace init` "
        "for an empty workspace (./armstrace.db)."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
)


@dataclass
class CliState:
    settings: Settings
    _workspace: Workspace | None = field(default=None, repr=False)

    def workspace(self) -> Workspace:
        """The workspace named by --db or ARMSTRACE_DATABASE_URL, opened once per command."""
        if self._workspace is None:
            from armstrace.store import Workspace

            self._workspace = Workspace.open(self.settings)
        return self._workspace


def state(ctx: typer.Context) -> CliState:
    obj = ctx.find_root().obj
    if not isinstance(obj, CliState):  # a command invoked without the root callback (tests)
        obj = CliState(load_settings())
        ctx.find_root().obj = obj
    return obj


@app.callback()
def _root(
    ctx: typer.Context,
    db: str | None = typer.Option(
        None,
        "--db",
        help="Workspace: a SQLite file path or a database URL (postgresql://…). "
        "Default: $ARMSTRACE_DATABASE_URL or ./armstrace.db.",
        metavar="PATH|URL",
    ),
    agency: str | None = typer.Option(
        None, "--agency", help="Code of the agency you act for (default: $ARMSTRACE_AGENCY or LOCAL)."
    ),
) -> None:
    # every file a command writes (workspace, staging, quarantine, exports, reports) is its owner's only
    old_umask = os.umask(PRIVATE_UMASK)
    ctx.call_on_close(lambda: os.umask(old_umask))
    settings = load_settings().with_database(db)
    if agency:
        from dataclasses import replace

        settings = replace(settings, agency=agency)
    ctx.obj = CliState(settings)


def print_json(data: Any) -> None:
    """Machine-readable output for --json: plain JSON on stdout, nothing else."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=_json_default) + "\n")


def _json_default(value: Any) -> Any:
    if isinstance(value, Path):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, set | frozenset):
        return sorted(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")
