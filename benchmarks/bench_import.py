"""Import speed: rows per second into SQLite and PostgreSQL, against the 300,000 rows/s target.

    python -m benchmarks.bench_import --rows 1000000 [--postgres] [--repeat 3] [--json] [--jsonl]

Anchors measured in the same run: the bare database write of the same rows (sqlite3 executemany into a
table without indexes; PostgreSQL COPY of the CSV file), which no importer that validates can beat. The
ratio says how much validation, hashing, de-duplication and indexes cost on top of it. On a shared
machine each measure is repeated (``--repeat``, a fresh database each time) and the best run is kept, for
the import and for the anchor alike. ``--jsonl`` also imports the same rows as JSON Lines, read by Arrow
and by the Python reader (Arrow turned off) in turn.
"""

from __future__ import annotations

import argparse
import csv
import json
import sqlite3
import tempfile
import time
from pathlib import Path

import numpy as np

from armstrace.ingest import import_file, tabular
from armstrace.settings import Settings
from armstrace.store import Workspace

TARGET = 300_000


def make_registry(path: Path, rows: int, seed: int = 7) -> None:
    """A registry file shaped like a transfer record: dense serial ranges, a few makers and models."""
    rng = np.random.default_rng(seed)
    makers = [("Colt", "M4A1", "W", "carbine"), ("FN Manufacturing", "M16A4", "FN", "rifle"),
              ("Izhmash", "AKM", "ЛЕ", "rifle"), ("Norinco", "Type 56", "", "rifle")]  # fmt: skip
    pick = rng.integers(0, len(makers), rows)
    numbers = 1_000_000 + np.arange(rows) + rng.integers(0, 3, rows).cumsum()
    years = rng.integers(1970, 2021, rows)
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["record_id", "serial", "manufacturer", "model", "calibre", "weapon_type", "country", "year",
                      "status", "holder", "date", "synthetic"])  # fmt: skip
        for i in range(rows):
            maker, model, prefix, kind = makers[pick[i]]
            out.writerow([f"R{i}", f"{prefix}{numbers[i]}", maker, model, "5.56x45mm NATO", kind, "US",
                          int(years[i]), "transferred", "ANA 205th Corps", f"{2005 + i % 15}-0{1 + i % 9}-1{i % 9}",
                          "true"])  # fmt: skip


def make_jsonl(csv_path: Path, path: Path) -> None:
    """The registry file as JSON Lines: numbers and booleans as JSON values, the rest as text."""
    with csv_path.open(encoding="utf-8", newline="") as f, path.open("w", encoding="utf-8") as out:
        for row in csv.DictReader(f):
            record: dict[str, object] = dict(row)
            record["year"] = int(row["year"])
            record["synthetic"] = row["synthetic"] == "true"
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def run_jsonl(path: Path, url: str, rows: int, arrow: bool) -> float:
    """Rows/s of a first import of the JSON Lines file, read by Arrow or by the Python reader."""
    suits = tabular._arrow_jsonl_suits
    if not arrow:
        tabular._arrow_jsonl_suits = lambda _path: False
    try:
        ws = Workspace.create(Settings(database_url=url, agency="BENCH", user="bench"))
        summary = import_file(ws, "registry", path, source="bench", quarantine=path.with_suffix(".q.csv"))
        ws.close()
    finally:
        tabular._arrow_jsonl_suits = suits
    assert summary.inserted == rows
    return float(summary.rows_per_second)


def anchor_sqlite(path: Path, tmp: Path) -> float:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = list(reader)
    conn = sqlite3.connect(tmp / "anchor.db")
    conn.execute(f"CREATE TABLE t ({', '.join(header)})")
    started = time.perf_counter()
    conn.executemany(f"INSERT INTO t VALUES ({', '.join('?' * len(header))})", rows)
    conn.commit()
    seconds = time.perf_counter() - started
    conn.close()
    return len(rows) / seconds


def anchor_postgres(path: Path, url: str) -> float:
    import psycopg

    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as conn, conn.cursor() as cur:
        cur.execute("DROP TABLE IF EXISTS anchor_copy")
        cur.execute("CREATE TABLE anchor_copy (record_id text, serial text, manufacturer text, model text, "
                    "calibre text, weapon_type text, country text, year int, status text, holder text, date date, "
                    "synthetic bool)")  # fmt: skip
        started = time.perf_counter()
        with path.open("rb") as f, cur.copy("COPY anchor_copy FROM STDIN WITH (FORMAT csv, HEADER true)") as copy:
            while chunk := f.read(1 << 20):
                copy.write(chunk)
        conn.commit()
        seconds = time.perf_counter() - started
        cur.execute("SELECT count(*) FROM anchor_copy")
        count = cur.fetchone()[0]  # type: ignore[index]
        cur.execute("DROP TABLE anchor_copy")
    return float(count) / seconds


def run_armstrace(path: Path, url: str, rows: int) -> dict[str, float]:
    """A first import into an empty workspace, then the same file again (every row already there)."""
    ws = Workspace.create(Settings(database_url=url, agency="BENCH", user="bench"))
    first = import_file(ws, "registry", path, source="bench", quarantine=path.with_suffix(".q.csv"))
    again = import_file(ws, "registry", path, source="bench", quarantine=path.with_suffix(".q.csv"))
    ws.close()
    assert first.inserted == rows and again.inserted == 0
    return {"rows_per_second": first.rows_per_second, "reimport_rows_per_second": again.rows_per_second}


def fresh_database(url: str, name: str) -> str:
    """A new, empty PostgreSQL database on the server of ``url``; returns its URL."""
    import psycopg

    admin = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return url.rsplit("/", 1)[0] + f"/{name}"


def best(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: max(r[key] for r in runs) for key in runs[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--postgres", action="store_true", help="also PostgreSQL (a server started on loopback)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measure; the best is kept")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--jsonl", action="store_true", help="also JSON Lines, read by Arrow and by Python")
    args = parser.parse_args()
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        path = tmp / "registry.csv"
        make_registry(path, args.rows)
        runs = []
        for i in range(args.repeat):  # import and anchor take turns, so that both see the same load
            run = run_armstrace(path, f"sqlite:///{tmp / f'bench{i}.db'}", args.rows)
            run["anchor_rows_per_second"] = anchor_sqlite(path, tmp)
            runs.append(run)
            (tmp / "anchor.db").unlink()
        results["sqlite"] = best(runs)
        if args.jsonl:
            jsonl = tmp / "registry.jsonl"
            make_jsonl(path, jsonl)
            runs = []
            for i in range(args.repeat):  # the two readers take turns
                runs.append({
                    "arrow_rows_per_second": run_jsonl(jsonl, f"sqlite:///{tmp / f'a{i}.db'}", args.rows, arrow=True),
                    "python_rows_per_second": run_jsonl(jsonl, f"sqlite:///{tmp / f'p{i}.db'}", args.rows, arrow=False),
                })  # fmt: skip
            results["sqlite_jsonl"] = best(runs)
        if args.postgres:
            # here, not at the top: only PostgreSQL runs need tests/ on the path
            from tests.pg import throwaway_postgres

            with throwaway_postgres() as url:
                runs = []
                for i in range(args.repeat):
                    run = run_armstrace(path, fresh_database(url, f"bench{i}"), args.rows)
                    run["anchor_rows_per_second"] = anchor_postgres(path, url)
                    runs.append(run)
                results["postgresql"] = best(runs)
    if args.json:
        print(json.dumps({"rows": args.rows, "target": TARGET, "results": results}, indent=2))
        return
    print(f"import of {args.rows:,} registry rows (12 columns), best of {args.repeat}")
    print(f"{'backend':<12}{'armstrace rows/s':>18}{'vs target':>11}{'re-import rows/s':>18}{'bare write rows/s':>19}"
          f"{'armstrace/bare':>16}")  # fmt: skip
    for backend, r in results.items():
        if backend.endswith("jsonl"):
            continue
        print(f"{backend:<12}{r['rows_per_second']:>18,.0f}{r['rows_per_second'] / TARGET:>10.2f}x"
              f"{r['reimport_rows_per_second']:>18,.0f}{r['anchor_rows_per_second']:>19,.0f}"
              f"{r['rows_per_second'] / r['anchor_rows_per_second']:>15.2f}x")  # fmt: skip

    if "sqlite_jsonl" in results:
        r = results["sqlite_jsonl"]
        arrow, python = r["arrow_rows_per_second"], r["python_rows_per_second"]
        print(f"JSON Lines into SQLite: read by Arrow {arrow:,.0f} rows/s, by the Python reader {python:,.0f} rows/s "
              f"({arrow / python:.2f}x)")  # fmt: skip


if __name__ == "__main__":
    main()
