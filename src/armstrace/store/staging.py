"""The scratch folders an import stages its rows in, beside the workspace, and their cleanup.

A folder is ``.armstrace-import-XXXX`` (0700) holding a ``lock`` file that its import holds with an
exclusive ``flock`` while it runs. An import killed with ``kill -9`` leaves the folder behind, but
the operating system releases its lock: the next open of the workspace, or the next import, removes
folders of this user whose lock is free. A folder without a lock file (made by an older armstrace,
or one being set up this instant) is removed only once it is an hour old.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
import time
from pathlib import Path
from typing import IO

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: stale folders are left alone
    fcntl = None  # type: ignore[assignment]

__all__ = ["PREFIX", "StagingDir", "clean_stale"]

PREFIX = ".armstrace-import-"
LOCK = "lock"
UNLOCKED_AGE = 3600.0


class StagingDir:
    """A private scratch folder beside ``database`` (or in the system's temporary folder), locked while used."""

    def __init__(self, database: str | None) -> None:
        beside = Path(database).parent if database and database != ":memory:" else None
        if beside is not None:
            clean_stale(beside)
        try:  # next to the workspace: the staged rows need about as much room as they will take there
            self.path = Path(tempfile.mkdtemp(prefix=PREFIX, dir=beside))
        except OSError:  # a folder the workspace may not write to: the system's temporary folder
            self.path = Path(tempfile.mkdtemp(prefix=PREFIX))
        self._lock: IO[bytes] | None = open(  # noqa: SIM115 - held until remove()
            os.open(self.path / LOCK, os.O_CREAT | os.O_WRONLY, 0o600), "wb"
        )
        if fcntl is not None:
            fcntl.flock(self._lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def file(self, name: str) -> Path:
        """A new empty file in the folder, 0600."""
        path = self.path / name
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        return path

    def remove(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
        if self._lock is not None:
            self._lock.close()  # releases the lock
            self._lock = None


def clean_stale(directory: Path) -> list[Path]:
    """Remove the staging folders in ``directory`` left by killed imports of this user; return them."""
    removed: list[Path] = []
    if fcntl is None:  # pragma: no cover
        return removed
    try:
        candidates = [p for p in directory.iterdir() if p.name.startswith(PREFIX)]
    except OSError:
        return removed
    for path in candidates:
        with contextlib.suppress(OSError):
            info = path.lstat()
            if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
                continue  # only our own real folders, never a link or another user's
            if _stale(path, info.st_mtime):
                shutil.rmtree(path, ignore_errors=True)
                removed.append(path)
    return removed


def _stale(path: Path, mtime: float) -> bool:
    try:
        fd = os.open(path / LOCK, os.O_RDONLY | os.O_NOFOLLOW)
    except FileNotFoundError:
        return time.time() - mtime > UNLOCKED_AGE
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False  # an import is using it
    finally:
        os.close(fd)  # closing releases the lock we may have taken
    return True
