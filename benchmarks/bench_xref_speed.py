"""Speed of the file form against exhaustive RapidFuzz, in the same run, start-up and index build apart.

    python -m benchmarks.bench_xref_speed                                  # 200,000 × 3,000
    python -m benchmarks.bench_xref_speed --records 2000000 --recoveries 20000
    python -m benchmarks.bench_xref_speed --profile /tmp/xref.prof         # cProfile of the CLI run

Three timings, each in a fresh process:
1. start-up: `armstrace --help` (interpreter, imports);
2. index build: `Matcher.from_file(REG)` alone (read, parse, index; with the vocabulary cache, as the xref
   builds it), reported apart and counted in 3;
3. the whole `armstrace xref --registry REG --recoveries REC --out OUT.csv --limit 10` (both cores),
   wall and CPU seconds (the CPU ratio is steadier when other jobs share the machine).
The anchor: RapidFuzz `process.cdist` (Levenshtein distance, workers=-1: both cores) of every recovery
against every registry serial, upper-cased with separators removed, plus a top-10 per recovery — the
exhaustive search the engine's index avoids. Its time counts the normalisation, not the file read.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow.csv as pcsv
import pyarrow.parquet as pq

from .anchors import norm_column
from .noise import REALISTIC_MIX, make_recoveries
from .registry_gen import CACHE_DIR, cached_registry

__all__ = ["main", "rapidfuzz_cdist"]


def _cli() -> list[str]:
    exe = shutil.which("armstrace")
    return [exe] if exe else [sys.executable, "-m", "armstrace"]


CPU: dict[str, float] = {}  # CPU seconds (user + system) of the last command and its workers


def _timed(cmd: list[str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU["last"] = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return seconds


def rapidfuzz_cdist(choices: list[str], queries: list[str], limit: int = 10, chunk: int = 500) -> float:
    """Seconds for the exhaustive top-``limit`` (Levenshtein distance, both cores), in query chunks so the
    distance matrix stays within memory (chunk × records int32)."""
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    t0 = time.perf_counter()
    for lo in range(0, len(queries), chunk):
        dist = process.cdist(queries[lo : lo + chunk], choices, scorer=Levenshtein.distance, workers=-1,
                             dtype=np.int32)  # fmt: skip
        np.argpartition(dist, limit, axis=1)[:, :limit]
    return time.perf_counter() - t0


def phases(registry: Path, recoveries: Path, out: Path) -> dict[str, float]:
    """CPU seconds of each phase of ``xref_files`` in this process (``workers=1``): where the time goes."""
    from armstrace.linkage import files, matcher, xref

    spent: dict[str, float] = {}

    def timed(name: str, fn: Any) -> Any:
        def run(*args: Any, **kwargs: Any) -> Any:
            t0 = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + time.process_time() - t0

        return run

    saved = (matcher.Matcher._from_clean, xref._run, xref.estimate_model, files.write_lines)
    build = matcher.Matcher._from_clean.__func__
    matcher.Matcher._from_clean = classmethod(timed("index build (the files read apart)", build))
    xref.estimate_model = timed("EM", xref.estimate_model)
    files.write_lines = timed("writing OUT.csv", files.write_lines)
    run = xref._run

    def phase_run(fn: Any, *args: Any) -> Any:
        name = "search and scoring" if fn.__name__ == "_score_chunk" else "candidates and explanations"
        return timed(name, run)(fn, *args)

    xref._run = phase_run
    try:
        t0 = time.process_time()
        files.xref_files(registry, recoveries, out, limit=10, workers=1)
        spent["whole xref_files"] = time.process_time() - t0
    finally:
        matcher.Matcher._from_clean, xref._run, xref.estimate_model, files.write_lines = saved
    return spent


def main(argv: list[str] | None = None) -> dict[str, float]:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--records", type=int, default=200_000)
    ap.add_argument("--recoveries", type=int, default=3_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--cache-dir", type=Path, default=CACHE_DIR)
    ap.add_argument("--keep", type=Path, help="write REG/REC/OUT into this folder and keep them")
    ap.add_argument("--profile", type=Path, help="run the xref under cProfile, stats to this file")
    ap.add_argument("--no-anchor", action="store_true", help="skip RapidFuzz")
    ap.add_argument("--phases", action="store_true", help="also CPU seconds per phase, in this process (workers=1)")
    args = ap.parse_args(argv)

    registry = pq.read_table(cached_registry(args.records, args.seed, args.cache_dir))
    batch, _ = make_recoveries(registry, args.recoveries, seed=args.seed + 2, mix=REALISTIC_MIX)
    tmp_ctx = tempfile.TemporaryDirectory(prefix="armstrace-speed-")
    folder = args.keep or Path(tmp_ctx.name)
    folder.mkdir(parents=True, exist_ok=True)
    reg, rec, out = folder / "registry.csv", folder / "recoveries.csv", folder / "matches.csv"
    pcsv.write_csv(registry, reg)
    pcsv.write_csv(batch, rec)
    env_note = os.environ.get("NUMBA_DISABLE_JIT", "")
    fig: dict[str, float] = {}
    fig["startup_s"] = _timed([*_cli(), "--help"])
    fig["startup_cpu_s"] = CPU["last"]
    # as `armstrace xref` builds it: with the vocabulary cache of the settings (the registry's makes and calibres
    # named as last time; without it every build would prime identification, ~2 CPU s, which the xref does not)
    build = (
        "import sys; from armstrace.settings import load_settings; "
        "from armstrace.identify.vocabulary import use_cache; use_cache(load_settings().cache_dir); "
        "from armstrace.linkage.matcher import Matcher; Matcher.from_file(sys.argv[1])"
    )
    fig["index_build_s"] = _timed([sys.executable, "-c", build, str(reg)]) - fig["startup_s"]
    fig["index_build_cpu_s"] = CPU["last"] - fig["startup_cpu_s"]
    xref = [*_cli(), "xref", "--registry", str(reg), "--recoveries", str(rec), "--out", str(out),
            "--limit", "10", "--json"]  # fmt: skip
    if args.profile:
        xref = [sys.executable, "-m", "cProfile", "-o", str(args.profile), "-m", "armstrace", *xref[len(_cli()) :]]
    fig["xref_total_s"] = _timed(xref)
    fig["xref_cpu_s"] = CPU["last"]
    fig["search_and_write_s"] = fig["xref_total_s"] - fig["startup_s"] - fig["index_build_s"]
    if not args.no_anchor:
        choices = norm_column(registry.column("serial").combine_chunks()).to_pylist()
        queries = norm_column(batch.column("serial").combine_chunks()).to_pylist()
        t0, c0 = time.perf_counter(), time.process_time()
        fig["rapidfuzz_cdist_s"] = rapidfuzz_cdist([c or "" for c in choices], [q or "" for q in queries])
        fig["rapidfuzz_with_norm_s"] = time.perf_counter() - t0
        fig["rapidfuzz_cpu_s"] = time.process_time() - c0
        fig["ratio"] = fig["rapidfuzz_with_norm_s"] / fig["xref_total_s"]
        fig["ratio_cpu"] = fig["rapidfuzz_cpu_s"] / fig["xref_cpu_s"]
    if args.phases:
        for name, cpu in phases(reg, rec, folder / "phases.csv").items():
            print(f"phase, CPU s, workers=1: {name}: {cpu:.2f}")
    tmp_ctx.cleanup()
    print(f"| {args.records:,} records × {batch.num_rows:,} recoveries | seconds |")
    print("|---|---:|")
    names = {"startup_s": "start-up (`armstrace --help`)", "index_build_s": "index build (read + index)",
             "search_and_write_s": "search, EM, explanations, output",
             "xref_total_s": "**`armstrace xref` end to end** (the three above)",
             "rapidfuzz_with_norm_s": "RapidFuzz cdist, both cores (exhaustive)",
             "ratio": "**ratio** RapidFuzz / xref (wall)",
             "xref_cpu_s": "`armstrace xref` CPU seconds (all processes)",
             "startup_cpu_s": "of which start-up, CPU seconds",
             "index_build_cpu_s": "of which index build, CPU seconds",
             "rapidfuzz_cpu_s": "RapidFuzz CPU seconds (both threads)",
             "ratio_cpu": "ratio of CPU seconds (steadier on a busy machine)"}  # fmt: skip
    for k, label in names.items():
        if k in fig:
            print(f"| {label} | {fig[k]:.2f}{'×' if k.startswith('ratio') else ''} |")
    if env_note:
        print(f"(NUMBA_DISABLE_JIT={env_note})")
    return fig


if __name__ == "__main__":
    main()
