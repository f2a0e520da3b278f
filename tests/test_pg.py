"""The throw-away PostgreSQL helper (tests/pg.py): it cleans up after a killed run and says why it failed."""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import ClassVar

import pytest

from tests import pg
from tests.conftest import require

ROOT = Path(__file__).resolve().parent.parent


class _Fake(pg.PostgresServer):
    """A server whose start and stop only record that they ran (``stop_fails``: stop raises)."""

    stop_fails = False
    stopped: ClassVar[list[Path]] = []

    def start(self) -> str:
        return "postgresql+psycopg://fake"

    def stop(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)
        self.stopped.append(self.dir)
        if self.stop_fails:
            raise RuntimeError("pg_ctl failed (exit 1): no server running")


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> type[_Fake]:
    monkeypatch.setattr(pg, "find_binaries", lambda: tmp_path)
    monkeypatch.setattr(pg, "PostgresServer", _Fake)
    monkeypatch.setattr(_Fake, "stopped", [])
    return _Fake


def test_sigterm_inside_the_block_stops_the_server_and_the_handler_is_put_back(fake: type[_Fake]) -> None:
    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(SystemExit) as stopped, pg.throwaway_postgres():
        assert signal.getsignal(signal.SIGTERM) is not before
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(5)  # the handler raises before this ends
    assert stopped.value.code == 128 + signal.SIGTERM and len(fake.stopped) == 1
    assert signal.getsignal(signal.SIGTERM) is before


def test_a_failing_stop_is_logged_and_does_not_replace_the_blocks_error(
    fake: type[_Fake], monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(fake, "stop_fails", True)
    with caplog.at_level(logging.WARNING), pytest.raises(ValueError, match="the real error"), pg.throwaway_postgres():
        raise ValueError("the real error")
    assert "could not stop the throwaway PostgreSQL" in caplog.text and "no server running" in caplog.text


def _server(tmp_path: Path, **options: float) -> pg.PostgresServer:
    server = pg.PostgresServer(tmp_path, **options)  # type: ignore[arg-type]
    server._as_root = False
    return server


def test_a_failing_command_raises_with_what_it_wrote_on_stderr(tmp_path: Path) -> None:
    script = tmp_path / "initdb"
    script.write_text("#!/bin/sh\necho 'initdb: error: directory exists but is not empty' >&2\nexit 1\n")
    script.chmod(0o755)
    server = _server(tmp_path)
    try:
        with pytest.raises(RuntimeError, match=r"initdb failed .*directory exists but is not empty"):
            server._run("initdb", "-D", str(server.data))
    finally:
        shutil.rmtree(server.dir)


def test_a_port_that_never_opens_raises_instead_of_returning_the_url(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = _server(tmp_path, wait=0.3)
    monkeypatch.setattr(server, "_run", lambda *_: None)  # "started", yet nothing listens on the port
    try:
        with pytest.raises(RuntimeError, match=f"did not open port {server.port} within 0.3 s"):
            server.start()
    finally:
        shutil.rmtree(server.dir)


def _dead_pid() -> int:
    done = subprocess.Popen(["true"])
    done.wait()
    return done.pid


def test_stale_data_directories_of_dead_servers_are_removed(tmp_path: Path) -> None:
    dead, alive, starting, other = (tmp_path / n for n in ("armstrace-pg-1", "armstrace-pg-2", "armstrace-pg-3", "x"))
    for d, pid in ((dead, _dead_pid()), (alive, os.getpid()), (other, _dead_pid())):
        (d / "data").mkdir(parents=True)
        (d / "data" / "postmaster.pid").write_text(f"{pid}\n/some/data\n")
    (starting / "data").mkdir(parents=True)  # no postmaster.pid yet: may be a server starting
    assert pg.remove_stale(str(tmp_path)) == [dead]
    assert not dead.exists() and alive.exists() and starting.exists() and other.exists()


def _port_line(postmaster_pid: Path) -> list[str]:
    """The port line of a server's ``postmaster.pid``; none for a server that stopped meanwhile (another
    worker's or another run's)."""
    try:
        return postmaster_pid.read_text().splitlines()[3:4]
    except OSError:
        return []


@pytest.mark.postgres
def test_a_terminated_run_leaves_no_server_behind() -> None:
    """``timeout`` around a benchmark: the former helper left the server running and its directory behind."""
    if pg.find_binaries() is None:
        require("PostgreSQL binaries")
    script = "import time\nfrom tests.pg import throwaway_postgres\n"
    script += "with throwaway_postgres() as url:\n    print(url, flush=True)\n    time.sleep(120)\n"
    with subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, text=True) as child:
        try:
            assert child.stdout is not None
            port = int(child.stdout.readline().rsplit(":", 1)[1].split("/")[0])
            found = [
                p for p in Path(pg.tempfile.gettempdir()).glob("armstrace-pg-*/data/postmaster.pid")
                if _port_line(p) == [str(port)]
            ]  # fmt: skip
            assert len(found) == 1
            postmaster = int(found[0].read_text().split("\n", 1)[0])
            child.terminate()
            assert child.wait(60) == 128 + signal.SIGTERM
        finally:
            if child.poll() is None:
                child.kill()
    assert not found[0].parent.parent.exists()
    for _ in range(300):  # pg_ctl has stopped it; whoever adopted it may take a moment to reap it
        if not pg._alive(postmaster):
            break
        time.sleep(0.1)
    assert not pg._alive(postmaster)
    with socket.socket() as s:
        assert s.connect_ex(("127.0.0.1", port)) != 0


def test_a_server_directory_is_owned_while_its_lock_is_held_whatever_its_pid_says(tmp_path: Path) -> None:
    held, freed = tmp_path / "armstrace-pg-held", tmp_path / "armstrace-pg-freed"
    for d in (held, freed):
        (d / "data").mkdir(parents=True)
        (d / "data" / "postmaster.pid").write_text(f"{_dead_pid()}\n")  # a pid another namespace cannot see
        (d / "owner.lock").touch()
    fd = os.open(held / "owner.lock", os.O_RDWR)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        assert pg.remove_stale(str(tmp_path)) == [freed]
        assert held.exists() and not freed.exists()
    finally:
        os.close(fd)
