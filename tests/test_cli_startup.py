"""The CLI starts without loading the heavy libraries a command may never use.

Every `armstrace` call pays for the imports of its package at start-up; the database layer, NumPy and
Arrow are loaded by the commands that use them. A fresh interpreter is the only honest check (the test
session has imported everything already).
"""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("sqlalchemy", "alembic", "numpy", "pyarrow", "armstrace.linkage", "armstrace.store.workspace")


def _loaded_after(code: str) -> list[str]:
    probe = f"import sys; {code}; sys.__stdout__.write(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return out.stdout.split()


def test_cli_import_loads_no_heavy_library() -> None:
    assert _loaded_after("import armstrace.cli") == []


def test_help_loads_no_heavy_library() -> None:
    code = "from armstrace.cli import run; sys.stdout = open('/dev/null', 'w'); run(['--help'])"
    assert _loaded_after(code) == []


def test_store_names_still_resolve() -> None:
    """The store package loads its names on first use, and they are the real ones."""
    from armstrace.store import Workspace, busy_error, is_busy, visible
    from armstrace.store.access import visible as visible_direct
    from armstrace.store.workspace import Workspace as workspace_direct

    assert Workspace is workspace_direct and visible is visible_direct
    assert callable(busy_error) and callable(is_busy)
