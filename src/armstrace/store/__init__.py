"""Storage: the workspace database, its migrations, and the queries that respect visibility.

The names below are loaded on first use: importing a submodule (``armstrace.store.privacy`` for the
CLI's umask) must not pull SQLAlchemy and Alembic into every command's start-up.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .access import visible
    from .contention import busy_error, is_busy
    from .workspace import Workspace

__all__ = ["Workspace", "busy_error", "is_busy", "visible"]

_WHERE = {"Workspace": ".workspace", "busy_error": ".contention", "is_busy": ".contention", "visible": ".access"}


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_WHERE[name], __name__), name)
    globals()[name] = value
    return value
