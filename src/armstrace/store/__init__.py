"""Storage: the workspace database, its migrations, and the queries that respect visibility."""

from .access import visible
from .contention import busy_error, is_busy
from .workspace import Workspace

__all__ = ["Workspace", "busy_error", "is_busy", "visible"]
