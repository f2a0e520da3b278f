"""PostgreSQL: an import into a registry table that already holds more rows than the import adds.

    python -m benchmarks.bench_import_larger --existing 400000 --rows 200000 [--repeat 2]

A first import of ``--existing`` rows (one source), then the timed one: ``--rows`` rows of another source
into the same table. Prints the timed import's wall seconds and rows/s, and the CPU seconds of the
PostgreSQL backend that ran it (from /proc; its parallel workers, if any, not counted), which hold better
than wall seconds on a loaded machine. Which indexes and constraints the import drops and makes again
follows ``ingest.postgres_sink.BREAK_EVEN``.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from armstrace.ingest import import_file, sink
from armstrace.settings import Settings
from armstrace.store import Workspace

from .bench_import import fresh_database, make_registry


def _cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--existing", type=int, default=400_000)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    backend: dict[str, Any] = {}
    start = sink.PostgresSink._start

    def watched(self: sink.PostgresSink, columns: list[str]) -> None:
        backend["pid"] = self.raw.info.backend_pid
        backend["cpu"] = _cpu(backend["pid"])
        start(self, columns)

    sink.PostgresSink._start = watched
    # here, not at the top: only PostgreSQL runs need tests/ on the path
    from tests.pg import throwaway_postgres

    with throwaway_postgres() as url, tempfile.TemporaryDirectory() as tmpdir:
        old, new = Path(tmpdir) / "old.csv", Path(tmpdir) / "new.csv"
        make_registry(old, args.existing, seed=1)
        make_registry(new, args.rows, seed=2)
        for i in range(args.repeat):
            ws = Workspace.create(Settings(database_url=fresh_database(url, f"larger{i}"), agency="B", user="b"))
            import_file(ws, "registry", old, source="old", quarantine=old.with_suffix(".q.csv"))
            started = time.perf_counter()
            summary = import_file(ws, "registry", new, source="new", quarantine=new.with_suffix(".q.csv"))
            wall = time.perf_counter() - started
            cpu = _cpu(backend["pid"]) - backend["cpu"]
            ws.close()
            assert summary.inserted == args.rows
            print(f"run {i + 1}: {args.rows:,} rows into a table of {args.existing:,}: {wall:.2f} s wall, "
                  f"{summary.rows_per_second:,.0f} rows/s, PostgreSQL backend {cpu:.2f} CPU s")  # fmt: skip


if __name__ == "__main__":
    main()
