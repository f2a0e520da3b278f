"""A throw-away PostgreSQL server on loopback (Debian's binaries, run as `postgres`): the tests' fixture and
the benchmarks all start theirs here, so that one place knows how."""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

__all__ = ["PostgresServer", "find_binaries", "throwaway_postgres"]


def find_binaries() -> Path | None:
    for initdb in sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True):
        return Path(initdb).parent
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PostgresServer:
    """initdb + pg_ctl in a temporary directory; trust auth on 127.0.0.1 only. ``options``: more server
    settings (``-c name=value …``), e.g. the memory a benchmark's anchor is given."""

    def __init__(self, bindir: Path, options: str = "") -> None:
        self.bindir = bindir
        self.options = options
        self.port = _free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="armstrace-pg-"))
        self.data = self.dir / "data"
        self._as_root = os.geteuid() == 0

    def _run(self, *args: str) -> None:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if self._as_root:  # PostgreSQL refuses to run as root
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        subprocess.run(cmd, check=True, capture_output=True, timeout=120)

    def start(self) -> str:
        if self._as_root:
            shutil.chown(self.dir, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8")
        opts = f"-h 127.0.0.1 -p {self.port} -k {self.dir} -F -c fsync=off -c full_page_writes=off {self.options}"
        self._run("pg_ctl", "-D", str(self.data), "-o", opts, "-l", str(self.dir / "log"), "-w", "start")
        deadline = time.time() + 30
        while time.time() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    break
            time.sleep(0.1)
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


@contextlib.contextmanager
def throwaway_postgres(options: str = "") -> Iterator[str]:
    """A server for the length of the block; yields its admin URL (``postgresql+psycopg://``), removes it
    afterwards. Without the binaries: SystemExit with the package to install (the benchmarks' one line)."""
    bindir = find_binaries()
    if bindir is None:
        raise SystemExit("PostgreSQL binaries not found: apt-get install postgresql")
    server = PostgresServer(bindir, options)
    try:
        yield server.start()
    finally:
        server.stop()
