"""The Typer application, its global options and the output helpers every command shares.

Command modules in this package register on `app`; `armstrace.cli.main` wraps it in the single
boundary that turns ArmstraceError into a one-line message and an exit code.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from typer.core import TyperGroup

from armstrace.settings import Settings, load_settings
from armstrace.store.privacy import PRIVATE_UMASK

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from armstrace.store import Workspace

__all__ = [
    "CliState",
    "JsonOption",
    "app",
    "command",
    "console",
    "end_without_teardown",
    "err_console",
    "print_json",
    "state",
    "without_teardown",
]

# One console each for stdout and stderr. No automatic highlighting: Rich would colour the numbers and
# words it guesses at in serials, references and paths; the commands mark up what they mean to stress.
console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)

#: `--json` on every command that prints data: the same flag and the same help everywhere
JsonOption = Annotated[bool, typer.Option("--json", help="Print the result as JSON (for scripts).")]

# The order a user meets the commands in: set up, investigate, trace and analyse, report, serve.
WORKFLOW = ("demo", "init", "synth", "import", "incident", "attach", "files", "ammo", "identify", "search", "xref",
            "match", "notice", "psi", "trace", "peer", "sync", "custody", "analyse", "report", "serve", "agency",
            "user", "token", "key", "audit")  # fmt: skip


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
    # plain help: Rich's option table shows `<bool>` after every flag and cuts long option names at 80 columns
    rich_markup_mode=None,
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
            self.settings = self._workspace.settings  # with the workspace's default agency when none was named
        return self._workspace

    @contextmanager
    def acting(self) -> Iterator[tuple[Session, Any]]:
        """A session and the caller (the workspace's agency and user), for the library's ``(session, actor, …)``."""
        from armstrace.tracing.lifecycle import actor_for

        ws = self.workspace()
        with ws.session() as s:
            yield s, actor_for(s, ws.agency(), self.settings.user)

    def close(self) -> None:
        """Release the workspace's connections when the command ends (a server's pool would keep them open)."""
        if self._workspace is not None:
            self._workspace.close()
            self._workspace = None


# set by a command that leaves a large heap behind (the file-form xref): ``main`` then ends the process without
# Python's teardown, which would free its millions of objects one by one after the work is done
_HEAP = {"left": False}


def end_without_teardown() -> None:
    """Ask the console script to end the process at once when this command returns (``without_teardown``)."""
    _HEAP["left"] = True


def without_teardown() -> bool:
    """Whether a command asked for ``end_without_teardown``."""
    return _HEAP["left"]


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
        None,
        "--agency",
        help="Code of the agency you act for (default: $ARMSTRACE_AGENCY, else the workspace's default "
        "agency set by `init` or the demo).",
    ),
) -> None:
    # every file a command writes (workspace, staging, quarantine, exports, reports) is its owner's only
    old_umask = os.umask(PRIVATE_UMASK)
    ctx.call_on_close(lambda: os.umask(old_umask))
    settings = load_settings().with_database(db)
    if agency:
        from dataclasses import replace

        settings = replace(settings, agency=agency, agency_is_fallback=False)
    ctx.obj = CliState(settings)
    ctx.call_on_close(ctx.obj.close)


def command() -> Any:
    """The Click command tree of `app`, with every text and path value refusing an empty string.

    An empty value (`--country ''`, `search ''`) is never what a user means; refusing it at parsing, for
    every command at once, keeps a new command from forgetting to.
    """
    root = typer.main.get_command(app)

    def guard(cmd: Any) -> None:
        for sub in getattr(cmd, "commands", {}).values():
            if not sub.short_help and sub.help:  # Click cuts the listing at 45 characters ("write..."); wrap instead
                sub.short_help = sub.help.strip().split("\n\n")[0].replace("\n", " ").split(". ")[0].rstrip(".")
            guard(sub)
        for param in cmd.params:
            if getattr(param, "is_flag", False) or not _is_text(getattr(param.type_descriptor, "annotation", None)):
                continue
            param.process_value = _refusing_empty(param, param.process_value)

    guard(root)
    return root


def _is_text(annotation: Any) -> bool:
    """A str or Path parameter, optional or repeated."""
    from typing import get_args

    return annotation in (str, Path) or any(_is_text(arg) for arg in get_args(annotation))


def _refusing_empty(param: Any, process: Any) -> Any:
    """``process`` (Click's conversion of the raw value) preceded by a check of the raw text itself."""

    def check(ctx: Any, value: Any) -> Any:
        values = value if isinstance(value, tuple | list) else (value,)
        if any(isinstance(v, str) and not v.strip() for v in values):
            from armstrace.exceptions import InputError

            if param.param_type_name == "option":
                raise InputError(f"{param.opts[0]} is empty: give a value, or leave the option out")
            raise InputError(f"{param.name.upper()} is empty: give a value")
        return process(ctx, value)

    return check


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
