"""A throw-away PostgreSQL server on loopback (Debian's binaries, run as `postgres`): the tests' fixture and
the benchmarks all start theirs here, so that one place knows how."""

from __future__ import annotations

import contextlib
import fcntl
import glob
import logging
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

__all__ = ["PostgresServer", "find_binaries", "remove_stale", "throwaway_postgres"]

PREFIX = "armstrace-pg-"
log = logging.getLogger(__name__)


def find_binaries() -> Path | None:
    for initdb in sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True):
        return Path(initdb).parent
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def _owned(found: Path) -> bool | None:
    """Whether a live process still owns a throwaway server's directory: it holds the lock on ``owner.lock``
    for the server's life (a lock is seen across PID namespaces, where a pid is not). None: no lock file."""
    try:
        fd = os.open(found / "owner.lock", os.O_RDONLY)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)
    return False


def remove_stale(under: str | None = None) -> list[Path]:
    """Remove the directories of throwaway servers nobody owns any more (a run killed before it could clean up);
    returns them. Owned means its lock held, or, for a directory without one, its ``postmaster.pid`` alive; a
    directory with neither may be a server starting."""
    removed = []
    for found in sorted(Path(under or tempfile.gettempdir()).glob(PREFIX + "*")):
        owned = _owned(found)
        if owned is None:
            try:
                pid = int((found / "data" / "postmaster.pid").read_text().split("\n", 1)[0])
            except (OSError, ValueError):
                continue
            owned = _alive(pid)
        if not owned:
            shutil.rmtree(found, ignore_errors=True)
            removed.append(found)
    return removed


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PostgresServer:
    """initdb + pg_ctl in a temporary directory; trust auth on 127.0.0.1 only. ``options``: more server
    settings (``-c name=value …``), e.g. the memory a benchmark's anchor is given."""

    def __init__(self, bindir: Path, options: str = "", wait: float = 30.0) -> None:
        self.bindir = bindir
        self.options = options
        self.wait = wait  # seconds the port may take to open once pg_ctl said it started
        self.port = _free_port()
        self.dir = Path(tempfile.mkdtemp(prefix=PREFIX))
        # held while this process lives: ``remove_stale`` leaves the server; locked before it has its name, or
        # another process's ``remove_stale`` (a second pytest-xdist worker) could find it unlocked and remove it
        self._lock = os.open(self.dir / "owner.lock.new", os.O_CREAT | os.O_RDWR, 0o644)
        fcntl.flock(self._lock, fcntl.LOCK_EX)
        os.rename(self.dir / "owner.lock.new", self.dir / "owner.lock")
        self.data = self.dir / "data"
        self._as_root = os.geteuid() == 0

    def _run(self, *args: str) -> None:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if self._as_root:  # PostgreSQL refuses to run as root
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        done = subprocess.run(cmd, capture_output=True, timeout=120, text=True, errors="replace")
        if done.returncode != 0:
            said = (done.stderr.strip() or done.stdout.strip() or "(no output)")[-2000:]
            raise RuntimeError(f"{args[0]} failed (exit {done.returncode}): {said}")

    def start(self) -> str:
        remove_stale(str(self.dir.parent))
        if self._as_root:
            shutil.chown(self.dir, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8")
        opts = f"-h 127.0.0.1 -p {self.port} -k {self.dir} -F -c fsync=off -c full_page_writes=off {self.options}"
        self._run("pg_ctl", "-D", str(self.data), "-o", opts, "-l", str(self.dir / "log"), "-w", "start")
        deadline = time.monotonic() + self.wait
        while True:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"
            if time.monotonic() >= deadline:
                raise RuntimeError(
                    f"PostgreSQL did not open port {self.port} within {self.wait:g} s (log: {self.dir / 'log'})"
                )
            time.sleep(0.1)

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)
            os.close(self._lock)


@contextlib.contextmanager
def _stop_on_sigterm(raising: type[BaseException]) -> Iterator[None]:
    """SIGTERM (``timeout``, a killed pytest) raises ``raising`` inside the block, so that its ``finally``
    stops the server; the former handler is put back after. Only the main thread may set one; a forked
    child (a benchmark's worker, which its pool ends with SIGTERM) ends as it would have."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    owner = os.getpid()

    def terminated(signum: int, frame: FrameType | None) -> None:
        if os.getpid() != owner:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        raise raising(128 + signum)

    previous = signal.signal(signal.SIGTERM, terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextlib.contextmanager
def throwaway_postgres(options: str = "", sigterm: type[BaseException] = SystemExit) -> Iterator[str]:
    """A server for the length of the block; yields its admin URL (``postgresql+psycopg://``), removes it
    afterwards, also on SIGTERM, which raises ``sigterm`` in the block (pytest's fixture asks for
    KeyboardInterrupt: pytest takes a SystemExit for one test's failure and runs on). Without the binaries:
    SystemExit with the package to install (the benchmarks' one line)."""
    bindir = find_binaries()
    if bindir is None:
        raise SystemExit("PostgreSQL binaries not found: apt-get install postgresql")
    with _stop_on_sigterm(sigterm):
        server = PostgresServer(bindir, options)
        try:
            yield server.start()
        finally:
            if threading.current_thread() is threading.main_thread():
                signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second SIGTERM must not cut the stop short
            try:
                server.stop()
            except Exception:  # the block's own error, if any, is the one to see
                log.warning("could not stop the throwaway PostgreSQL in %s", server.dir, exc_info=True)
