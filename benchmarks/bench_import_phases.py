"""Where a PostgreSQL import's time goes: building rows on the client, the server's COPY, the index rebuild.

    python -m benchmarks.bench_import_phases --rows 300000 [--repeat 2]

Wall seconds of each phase of a first import of the registry file of ``bench_import`` into a fresh
database, by wrapping the sink's functions: the client's reading, checking and hashing of each batch
(``loader._load``) and within it the binary COPY encoding (``pgbinary.Encoder.rows``); the wait for the
server to store the rows sent after the last batch (``PostgresSink._close_copy``); and each statement that
makes again an index or constraint the bulk mode dropped (``sink._rebuild``). The server's COPY of the
earlier batches runs while the client checks the next ones, so it shows only as that final wait.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from armstrace.ingest import import_file, loader, pgbinary, sink
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
    args = parser.parse_args()
    loader._load = _timed(loader._load, lambda *a: "client: read each batch, check, hash, encode, send")
    pgbinary.Encoder.rows = _timed(pgbinary.Encoder.rows, lambda *a: "client: of that, the binary COPY encoding")
    sink.PostgresSink._close_copy = _timed(
        sink.PostgresSink._close_copy, lambda *a: "server: COPY after the last batch"
    )
    sink._rebuild = _timed(sink._rebuild, lambda _cursor, statement: f"rebuild: {statement[:70]}")
    from tests.pg import PostgresServer, find_binaries

    bindir = find_binaries()
    if bindir is None:
        raise SystemExit("PostgreSQL binaries not found: apt-get install postgresql")
    server = PostgresServer(bindir)
    url = server.start()
    try:
        with tempfile.TemporaryDirectory() as tmpdir:
            path = Path(tmpdir) / "registry.csv"
            make_registry(path, args.rows)
            for i in range(args.repeat):
                PHASES.clear()
                ws = Workspace.create(Settings(database_url=fresh_database(url, f"phases{i}"), agency="B", user="b"))
                started = time.perf_counter()
                summary = import_file(ws, "registry", path, source="bench", quarantine=path.with_suffix(".q.csv"))
                wall = time.perf_counter() - started
                ws.close()
                rebuild = sum(v for k, v in PHASES.items() if k.startswith("rebuild"))
                print(f"run {i + 1}: {summary.inserted:,} rows in {wall:.2f} s wall; index and constraint rebuild "
                      f"{rebuild:.2f} s")  # fmt: skip
                for phase, seconds in sorted(PHASES.items()):
                    print(f"  {phase:<80}{seconds:6.2f} s")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
