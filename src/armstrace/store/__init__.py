"""Storage: the workspace database, its migrations, and the queries that respect visibility."""

from .access import visible
from .workspace import Workspace

__all__ = ["Workspace", "visible"]
