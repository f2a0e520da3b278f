"""The sharded Spark engine of ``armstrace xref`` against the local engine on one generated scenario.

    python -m benchmarks.bench_spark                                   # 100k records, 2,000 recoveries
    python -m benchmarks.bench_spark --items 1000000 --shards 1,4,8    # about 20 minutes on 2 loaded cores
    python -m benchmarks.bench_spark --items 10000000 --shards 4,8 --dir /tmp/bench10m --reuse

Each engine runs in a child process (PYTHONHASHSEED=0) on the same files. Printed per run: seconds,
recoveries per second, the peak resident memory of the local process and, for Spark, of the Python
worker holding a shard (the largest), of one scoring readings on their sub-registry, and of the driver;
the records the largest shard holds, the bytes exchanged (the registry into its shards; the shards'
candidates and lookup answers), and whether OUT.csv is the local engine's byte for byte. Then the
per-record costs worked out from the runs, and a projection to 10M, 100M and 1B records (``--project``).
Spark's start-up, its shard-building pass and its ten EM rounds are in its seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from armstrace.synth import generate

_LOCAL = """
import json, resource, sys
from armstrace.linkage import xref_files
s = xref_files(sys.argv[1], sys.argv[2], sys.argv[3], workers=1)
s["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(s))
"""
_SPARK = """
import json, resource, sys
from armstrace.linkage.spark import xref_spark
s = xref_spark(sys.argv[1], sys.argv[2], sys.argv[3], partitions=int(sys.argv[4]), master=sys.argv[5],
               shards=int(sys.argv[6]))
s["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(s))
"""


def _run(code: str, *args: str) -> tuple[dict, float]:
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True)
    if done.returncode:
        sys.exit(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1]), time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--recoveries", type=int, default=2000)
    parser.add_argument("--shards", default="1,4,8", help="comma-separated shard counts (1: the whole index)")
    parser.add_argument("--partitions", type=int, default=4, help="partitions of the recoveries")
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dir", default=None, help="keep the generated files here (default: a temporary one)")
    parser.add_argument(
        "--reuse", action="store_true", help="use the scenario (and the local engine's run) already in --dir"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(args.dir or tmp)
        started = time.perf_counter()
        reg, rec = str(base / "s" / "registry.csv"), str(base / "s" / "recoveries.csv")
        if args.reuse and Path(reg).exists() and Path(rec).exists():
            print(f"reusing {base / 's'}")
        else:
            paths = generate(base / "s", items=args.items, seed=args.seed, recoveries=args.recoveries).paths
            reg, rec = str(paths["registry"]), str(paths["recoveries"])
            print(f"generated in {time.perf_counter() - started:.0f} s")
        local_out = base / "local.csv"
        if args.reuse and local_out.exists() and (base / "local.json").exists():
            summary, wall = json.loads((base / "local.json").read_text())  # the local run of an earlier run
        else:
            summary, wall = _run(_LOCAL, reg, rec, str(local_out))
            (base / "local.json").write_text(json.dumps([summary, wall]))
        n, records = summary["recoveries"], summary["registry_records"]
        print(f"{records:,} records, {n:,} recoveries, master {args.master}, {args.partitions} partitions")
        head = f"{'engine':<18}{'seconds':>8}{'rec/s':>7}{'peak MB':>9}{'scoring':>9}{'driver':>8}"
        print(head + f"{'shard recs':>12}{'reg. MB':>9}{'cand. MB':>9}{'visits':>8}  same rows")
        print(f"{'local (1 worker)':<18}{wall:>8.1f}{n / wall:>7.0f}{summary['peak_mb']:>9.0f}", flush=True)
        expected = local_out.read_bytes()
        runs = []
        for shards in [int(p) for p in args.shards.split(",") if p]:
            out = base / f"spark{shards}.csv"
            s, wall = _run(_SPARK, reg, rec, str(out), str(args.partitions), args.master, str(shards))
            same = "yes" if out.read_bytes() == expected else "NO"
            runs.append((shards, s, wall))
            print(
                f"{f'spark {shards} shards':<18}{wall:>8.1f}{n / wall:>7.0f}{s['worker_peak_mb']:>9.0f}"
                f"{s['scoring_peak_mb']:>9.0f}{s['peak_mb']:>8.0f}{max(s['shard_loaded']):>12,}"
                f"{s['shuffle_registry_bytes'] / 1e6:>9.1f}{s['shuffle_candidate_bytes'] / 1e6:>9.1f}"
                f"{sum(s.get('shard_visits', [n * shards])) / n:>8.2f}  {same}"
            )
            print(json.dumps({k: v for k, v in s.items() if k not in ("model",)}), flush=True)
        _costs(records, n, runs)


def _costs(records: int, n: int, runs: list[tuple[int, dict, float]]) -> None:
    """Per-record costs from the runs, and what they give at 10M, 100M and 1B records."""
    if len(runs) < 2:
        return
    (_, a, _), (_, b, _) = runs[0], runs[-1]
    held = max(a["shard_loaded"]) - max(b["shard_loaded"])
    if held <= 0:
        return
    per_record = (a["worker_peak_mb"] - b["worker_peak_mb"]) * 1e6 / held  # bytes a shard's worker holds
    base = a["worker_peak_mb"] - per_record * max(a["shard_loaded"]) / 1e6
    shuffle = a["shuffle_registry_bytes"] / records
    cand = sum(r[1]["shuffle_candidate_bytes"] for r in runs) / len(runs) / n
    print(f"\nper record held by a shard's worker: {per_record:.0f} bytes (worker base {base:.0f} MB)")
    print(f"registry into shards: {shuffle:.0f} bytes per record; candidates back: {cand:,.0f} bytes per reading")
    print(f"{'records':>14}{'shards':>8}{'MB per shard worker':>21}{'registry shuffle GB':>21}")
    for total in (10_000_000, 100_000_000, 1_000_000_000):
        for shards in (8, 64, 512):
            if total // shards > 50_000_000 or total // shards < 100_000:
                continue
            mb = base + per_record * total / shards / 1e6
            print(f"{total:>14,}{shards:>8}{mb:>21,.0f}{shuffle * total / 1e9:>21,.1f}")


if __name__ == "__main__":
    main()
