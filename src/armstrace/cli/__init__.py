"""The `armstrace` command line: a thin shell over the library.

Every command parses its input, calls the library and prints; `main` is the one boundary where an
ArmstraceError becomes a one-line message on stderr and the exit code the error class names.
"""

from __future__ import annotations

import atexit
import os
import sys

from armstrace.exceptions import ArmstraceError

from . import admin as _admin  # noqa: F401
from . import ammo as _ammo  # noqa: F401
from . import analysis as _analysis  # noqa: F401
from . import attach as _attach  # noqa: F401
from . import explosive as _explosive  # noqa: F401
from . import identify as _identify  # noqa: F401
from . import keys as _keys  # noqa: F401
from . import match as _match  # noqa: F401
from . import notice as _notice  # noqa: F401
from . import peer as _peer  # noqa: F401
from . import psi as _psi  # noqa: F401
from . import report as _report  # noqa: F401
from . import search as _search  # noqa: F401
from . import sync as _sync  # noqa: F401
from . import synth as _synth  # noqa: F401
from . import trace as _trace  # noqa: F401
from . import workspace as _workspace  # noqa: F401  (registers init, import, incident, demo)
from . import xref as _xref  # noqa: F401
from .app import app, command, err_console, without_teardown

__all__ = ["app", "main", "run"]


def run(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code (tests call this; the console script calls `main`).

    Typer reports usage mistakes itself (exit 2); library errors are turned into one line here.
    """
    try:
        command().main(args=argv, prog_name="armstrace", standalone_mode=True)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except ArmstraceError as exc:
        err_console.print(f"[bold red]error:[/] {exc}", soft_wrap=True)
        return exc.exit_code
    except KeyboardInterrupt:
        err_console.print("interrupted")
        return 130
    return 0


def main() -> None:
    code = run()
    if without_teardown():
        # a batch's heap (the index, millions of small objects) freed object by object, and the collector's
        # last passes over it, take tenths of a second of one core after the answers are written: the exit
        # handlers run and the streams are flushed, then the process ends without them
        atexit._run_exitfuncs()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)
