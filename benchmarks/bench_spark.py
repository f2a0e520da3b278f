"""The Spark engine of ``armstrace xref`` against the local engine on one generated scenario.

    python -m benchmarks.bench_spark                         # 100k records, 5,000 recoveries: a few minutes
    python -m benchmarks.bench_spark --items 1000000 --partitions 4,8

Each engine runs in a child process (PYTHONHASHSEED=0) on the same files. Printed per run: seconds,
recoveries per second, peak resident memory (the local process; for Spark the largest Python worker's,
which holds the whole registry's index today, and the driver's), and whether OUT.csv is the local
engine's byte for byte. Spark's start-up and its ten EM rounds (one job each) are in its seconds.
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
s = xref_spark(sys.argv[1], sys.argv[2], sys.argv[3], partitions=int(sys.argv[4]), master=sys.argv[5])
s["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(s))
"""


def _run(code: str, *args: str) -> tuple[dict, float]:
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1]), time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--recoveries", type=int, default=None)
    parser.add_argument("--partitions", default="2,4", help="comma-separated partition counts for Spark")
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = generate(Path(tmp) / "s", items=args.items, seed=args.seed, recoveries=args.recoveries).paths
        reg, rec = str(paths["registry"]), str(paths["recoveries"])
        local_out = Path(tmp) / "local.csv"
        summary, wall = _run(_LOCAL, reg, rec, str(local_out))
        n = summary["recoveries"]
        print(f"{summary['registry_records']:,} records, {n:,} recoveries, master {args.master}")
        print(f"{'engine':<18}{'seconds':>9}{'rec/s':>9}{'peak MB':>10}{'driver MB':>11}  same rows")
        print(f"{'local (1 worker)':<18}{wall:>9.1f}{n / wall:>9.0f}{summary['peak_mb']:>10.0f}{'':>11}  -")
        expected = local_out.read_bytes()
        for parts in [int(p) for p in args.partitions.split(",") if p]:
            out = Path(tmp) / f"spark{parts}.csv"
            s, wall = _run(_SPARK, reg, rec, str(out), str(parts), args.master)
            same = "yes" if out.read_bytes() == expected else "NO"
            label = f"spark {parts} parts"
            print(f"{label:<18}{wall:>9.1f}{n / wall:>9.0f}{s['worker_peak_mb']:>10.0f}{s['peak_mb']:>11.0f}  {same}")


if __name__ == "__main__":
    main()
