"""Workspace files are private to their owner: files 0600, folders 0700.

The database holds every agency's records and the audit log; its WAL and shared-memory files, the
import's staging copy, quarantine files, exports and reports hold the same data. SQLite gives a
database's -wal, -shm and -journal files the mode of the database file, so creating the database
0600 covers them. ``PRIVATE_UMASK`` is set by the CLI for the whole command (and so for ``serve``):
every file it writes — quarantine CSVs, exports, reports — is then created 0600 without each writer
having to remember it.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

__all__ = ["PRIVATE_UMASK", "create_private_file", "make_private", "private_dir"]

PRIVATE_UMASK = 0o077
_SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")


def private_dir(path: Path) -> Path:
    """Make the folder (and missing parents) and make it 0700 when this user owns it."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    _restrict(path, 0o700)
    return path


def create_private_file(path: Path) -> None:
    """Create ``path`` empty and 0600 unless it exists (then only take group and others' access away)."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        _restrict(path, 0o600)
        return
    os.close(fd)


def make_private(database: Path) -> None:
    """Take group and others' access from a SQLite workspace and its companion files (ours only)."""
    for path in (database, *(database.with_name(database.name + end) for end in _SQLITE_COMPANIONS)):
        _restrict(path, 0o600)


def _restrict(path: Path, mode: int) -> None:
    with contextlib.suppress(FileNotFoundError, PermissionError):
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode) or info.st_uid != os.getuid():
            return
        if stat.S_IMODE(info.st_mode) & 0o077:
            os.chmod(path, stat.S_IMODE(info.st_mode) & mode)
