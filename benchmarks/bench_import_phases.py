"""Where an import's time goes: building rows on the client, the database's copy, the index rebuild.

    python -m benchmarks.bench_import_phases --rows 300000 [--repeat 2] [--sqlite]

Wall seconds of each phase of a first import of the registry file of ``bench_import`` into a fresh
database, by wrapping the sink's functions: the client's reading, checking and hashing of each batch
(``loader._load``) and within it the binary COPY encoding (``pgbinary.Encoder.rows``); the wait for the
server to store the rows sent after the last batch (``PostgresSink._close_copy``); and each statement that
makes again an index or constraint the bulk mode dropped (``postgres_sink._rebuild``). The server's COPY of the
earlier batches runs while the client checks the next ones, so it shows only as that final wait.

``--collation``: the CPU seconds of the PostgreSQL backend (read from /proc, parallel workers off, so the
figure holds on a loaded machine) building the indexes on ``serial_norm`` and ``(source_id, record_id)`` of
the imported rows under the database's collation and under ``"C"`` (migration 0011), taking turns.

``--sqlite``: the same file into a fresh SQLite workspace: the reading of the file (``loader._read`` less
``_load``), the checking and hashing of each batch (``_load``; the ADBC staging runs in its own thread and
shows as waits for it, ``SqliteSink._wait``), the copy from the staging file (``SqliteSink.finish`` less the
index builds) and each index built again (``sqlite_sink._create_index``), then the rest (the audit record with the
file's SHA-256, the commit).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from armstrace.ingest import import_file, loader, pgbinary, postgres_sink, sink, sqlite_sink
from armstrace.settings import Settings
from armstrace.store import Workspace

from .bench_import import fresh_database, make_registry

PHASES: defaultdict[str, float] = defaultdict(float)


def _timed(function: Callable[..., Any], phase: Callable[..., str]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            PHASES[phase(*args)] += time.perf_counter() - started

    return wrapper


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=300_000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--sqlite", action="store_true", help="into SQLite instead of PostgreSQL")
    parser.add_argument("--collation", action="store_true", help="index builds: database collation against C")
    args = parser.parse_args()
    if args.sqlite:
        sqlite_phases(args.rows, args.repeat)
        return
    loader._load = _timed(loader._load, lambda *a: "client: read each batch, check, hash, encode, send")
    pgbinary.Encoder.rows = _timed(pgbinary.Encoder.rows, lambda *a: "client: of that, the binary COPY encoding")
    sink.PostgresSink._close_copy = _timed(
        sink.PostgresSink._close_copy, lambda *a: "server: COPY after the last batch"
    )
    postgres_sink._rebuild = _timed(postgres_sink._rebuild, lambda _cursor, statement: f"rebuild: {statement[:70]}")
    # here, not at the top: only PostgreSQL runs need tests/ on the path
    from tests.pg import throwaway_postgres

    with throwaway_postgres() as url, tempfile.TemporaryDirectory() as tmpdir:
        path = Path(tmpdir) / "registry.csv"
        make_registry(path, args.rows)
        for i in range(args.repeat):
            PHASES.clear()
            database = fresh_database(url, f"phases{i}")
            ws = Workspace.create(Settings(database_url=database, agency="B", user="b"))
            started = time.perf_counter()
            summary = import_file(ws, "registry", path, source="bench", quarantine=path.with_suffix(".q.csv"))
            wall = time.perf_counter() - started
            ws.close()
            if args.collation:
                collation_builds(database, args.repeat)
                return
            rebuild = sum(v for k, v in PHASES.items() if k.startswith("rebuild"))
            print(f"run {i + 1}: {summary.inserted:,} rows in {wall:.2f} s wall; index and constraint rebuild "
                  f"{rebuild:.2f} s")  # fmt: skip
            for phase, seconds in sorted(PHASES.items()):
                print(f"  {phase:<80}{seconds:6.2f} s")


def collation_builds(url: str, repeat: int) -> None:
    """Backend CPU seconds of building each text index under the database's collation and under "C"."""
    import psycopg

    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as conn:
        pid = conn.execute("SELECT pg_backend_pid()").fetchone()[0]  # type: ignore[index]
        collation = conn.execute("SELECT datcollate FROM pg_database WHERE datname = current_database()").fetchone()
        conn.execute("SET max_parallel_maintenance_workers = 0")
        conn.execute("SET maintenance_work_mem = '256MB'")  # as the import sets it for its rebuild
        conn.execute("SET trace_sort = on")  # the server says whether each sort stayed in memory, and how much
        conn.execute("SET client_min_messages = log")
        sorts: list[str] = []
        conn.add_notice_handler(lambda notice: sorts.append(str(notice.message_primary)))
        print(f"index builds on the imported rows, backend CPU s (database collation {collation[0]!r}):")  # type: ignore[index]
        for columns in (["serial_norm"], ["source_id", "record_id"]):
            for _ in range(repeat):
                for name in ("default", "C"):
                    keys = ", ".join(c if c == "source_id" else f'{c} COLLATE "{name}"' for c in columns)
                    cpu, started = _cpu(pid), time.perf_counter()
                    conn.execute(f"CREATE INDEX bench_ix ON item ({keys})")
                    cpu, wall = _cpu(pid) - cpu, time.perf_counter() - started
                    conn.execute("DROP INDEX bench_ix")
                    ended = [m.split(":", 1)[0].replace(" of worker -1", "") for m in sorts if " ended, " in m][-1:]
                    sorts.clear()
                    print(f"  ({keys}){'':<{50 - len(keys)}}{cpu:6.2f} CPU s{wall:7.2f} s wall  {'; '.join(ended)}")


def _cpu(pid: int) -> float:
    """User and system CPU seconds of a process on this machine."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def sqlite_phases(rows: int, repeat: int) -> None:
    """The phases of a first import into SQLite (see the module's docstring)."""
    loader._read = _timed(loader._read, lambda *a: _READ)
    loader._load = _timed(loader._load, lambda *a: "  check, hash each batch, hand it to the staging thread")
    sink.SqliteSink._wait = _timed(sink.SqliteSink._wait, lambda *a: "    of which waiting for the staging thread")
    sink.SqliteSink.finish = _timed(sink.SqliteSink.finish, lambda *a: _FINISH)
    sqlite_sink._create_index = _timed(
        sqlite_sink._create_index, lambda _raw, name, _sql: f"  of which building {name}"
    )
    with tempfile.TemporaryDirectory() as tmpdir:
        path = Path(tmpdir) / "registry.csv"
        make_registry(path, rows)
        for i in range(repeat):
            PHASES.clear()
            ws = Workspace.create(Settings(database_url=f"sqlite:///{Path(tmpdir) / f'p{i}.db'}", agency="B", user="b"))
            started, cpu = time.perf_counter(), time.process_time()
            summary = import_file(ws, "registry", path, source="bench", quarantine=path.with_suffix(".q.csv"))
            wall, cpu = time.perf_counter() - started, time.process_time() - cpu
            ws.close()
            print(f"run {i + 1}: {summary.inserted:,} rows in {wall:.2f} s wall ({cpu:.2f} CPU s, all threads)")
            for phase, seconds in PHASES.items():
                print(f"  {phase:<80}{seconds:6.2f} s")
            print(
                f"  {'the rest (audit record, file hash, commit)':<80}{wall - PHASES[_READ] - PHASES[_FINISH]:6.2f} s"
            )


_READ = "read the file (parse, decode; includes the next line)"
_FINISH = "copy from the staging file, build indexes"


if __name__ == "__main__":
    main()
