"""Benchmark: synthetic scenario generation (speed, memory, bytes) against a plain-Python anchor.

    python benchmarks/bench_synth.py                     # 100k and 1M items
    python benchmarks/bench_synth.py --sizes 100000 1000000 10000000

Each size runs in a fresh process (so peak memory is its own). "registry s" is the time to plan and
write the registry and the legal transfers (the part that scales with --items); the rest is the
recoveries, truth and illicit transfers (one recovery per 20 items, a Python loop per recovery for
the reading faults). The anchor, run in the same session, writes the same number of plain registry
rows (no duplicates, no transfers) with a Python loop and csv.writer — what a first, unvectorised
generator would do; the ratio compares it with the registry stage. Files go to benchmarks/.data/
(ignored by git) and are removed.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

DATA = Path(__file__).resolve().parent / ".data" / "synth"


def one(items: int, out: Path) -> dict[str, float]:
    from armstrace.synth import generate

    stages: dict[str, float] = {}

    def progress(stage: str, done: int, total: int) -> None:
        stages.setdefault(stage, time.perf_counter())

    started = time.perf_counter()
    scenario = generate(out, items=items, seed=1, progress=progress)
    seconds = time.perf_counter() - started
    registry_s = stages.get("recoveries", time.perf_counter()) - started
    size = sum(p.stat().st_size for p in scenario.paths.values())
    return {"items": items, "seconds": seconds, "registry_s": registry_s, "rows": scenario.counts["registry_rows"],
            "recoveries": scenario.counts["recoveries_rows"], "bytes": size,
            "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}  # fmt: skip


def anchor(items: int, out: Path) -> float:
    """Plain Python: one row at a time, the same registry columns, csv.writer."""
    import random

    rnd = random.Random(1)
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with (out / "registry.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["record_id", "serial", "serial_end", "quantity", "manufacturer", "model", "calibre",
                    "weapon_type", "country", "year", "nsn", "lot", "markings", "status", "holder",
                    "holder_country", "date", "synthetic"])  # fmt: skip
        for i in range(items):
            status = "in_inventory" if rnd.random() < 0.72 else "lost"
            date = None if rnd.random() < 0.1 else f"20{10 + i % 11:02d}-0{1 + i % 9}-1{i % 9}"
            w.writerow([f"USA-{i:010d}", f"W{1_000_000 + i:07d}", None, None, "Colt's Mfg Co", "M4",
                        "5.56x45mm NATO", "carbine", "US", 2010 + i % 11, None, None, None, status,
                        f"{1 + i % 6}th Kandak, 1st Brigade, 205th Corps, ANA", "AF", date, "true"])  # fmt: skip
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one, DATA / str(args.one))))
        return
    print(f"{'items':>12} {'total s':>8} {'registry s':>10} {'items/s':>10} {'registry rows':>14} {'recoveries':>11} "
          f"{'MB written':>10} {'peak MiB':>9} {'anchor s':>9} {'registry vs anchor':>18}")  # fmt: skip
    for items in args.sizes:
        res = subprocess.run([sys.executable, __file__, "--one", str(items)], capture_output=True, text=True,
                             check=True)  # fmt: skip
        r = json.loads(res.stdout.strip().splitlines()[-1])
        anchor_items = min(items, 1_000_000)  # the anchor is slow; scale it linearly beyond 1M
        a = anchor(anchor_items, DATA / f"anchor-{items}") * items / anchor_items
        print(f"{items:>12,} {r['seconds']:>8.1f} {r['registry_s']:>10.1f} {items / r['registry_s']:>10,.0f} "
              f"{r['rows']:>14,} {r['recoveries']:>11,} {r['bytes'] / 1e6:>10,.0f} {r['peak_mib']:>9,.0f} "
              f"{a:>9.1f} {a / r['registry_s']:>17.1f}x")  # fmt: skip
        if not args.keep:
            shutil.rmtree(DATA / str(items), ignore_errors=True)
        shutil.rmtree(DATA / f"anchor-{items}", ignore_errors=True)


if __name__ == "__main__":
    main()
