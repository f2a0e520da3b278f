"""Serial matching benchmark: accuracy by fault type, speed, memory, and anchors in the same run.

    python -m benchmarks.bench_matching                       # 200k records, a few minutes
    python -m benchmarks.bench_matching --records 1000000 --batch 100000
    python -m benchmarks.bench_matching --records 10000000 --batch 1000000 --splink-batch 100000  # long

Sections (each printed as a Markdown table, all figures also in --json):
1. data: registry (benchmarks/registry_gen.py, cached as Parquet), stratified queries by fault
   (benchmarks/noise.py), a batch of recoveries with a realistic fault mix;
2. index: build time, RSS growth and peak, bytes per record beyond the serial strings;
3. accuracy (Python API, `Matcher.search`, limit 10): recall@1/@10 per fault, false matches above 0.5
   on absent items, precision@1 where the reading differs only by lookalikes, expected calibration
   error (15 equal-width bins) over top-1 probabilities and over all candidates;
4. latency per query (median, p99) on the target faults (<= 2 errors or <= 3 unknown characters);
5. anchors on the same sampled queries: exhaustive RapidFuzz, PostgreSQL pg_trgm; ratios;
6. batch: `Matcher.xref` throughput and F1 (best threshold and 0.5) vs Splink on DuckDB; ratio;
7. file form: `armstrace xref --registry --recoveries --out` on the batch, timed, scored from its CSV.
Nothing is extrapolated: every figure is measured in this run at the size printed.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv
import pyarrow.parquet as pq

from .noise import FAULTS, REALISTIC_MIX, make_recoveries, skeleton, skeleton_array, strip
from .registry_gen import CACHE_DIR, cached_registry

# Faults within the speed/recall target of DESIGN.md §4 (<= 2 errors or <= 3 unknown characters).
TARGET_FAULTS = ("exact", "format", "confusable", "edit1", "edit2", "transposition", "unknown1", "unknown2",
                 "unknown3", "dense_neighbour", "range_member")  # fmt: skip
HINTS = ("manufacturer", "model", "calibre", "weapon_type", "country", "year")
BINS = 15


# ---------------------------------------------------------------------------------------------- helpers


def log(msg: str) -> None:
    """Progress on stderr (the report itself goes to stdout at the end)."""
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def rss() -> int:
    """Resident set size of this process, bytes."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def peak_rss() -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return 0


def reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def pct(values: Sequence[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q)) if len(values) else float("nan")


def ece(conf: Sequence[float], correct: Sequence[bool], bins: int = BINS) -> float:
    """Expected calibration error with equal-width bins: sum_b |B|/n * |acc(B) - conf(B)|."""
    c = np.asarray(conf, dtype=float)
    y = np.asarray(correct, dtype=float)
    if len(c) == 0:
        return float("nan")
    idx = np.minimum((c * bins).astype(int), bins - 1)
    total = 0.0
    for b in range(bins):
        m = idx == b
        if m.any():
            total += m.sum() / len(c) * abs(y[m].mean() - c[m].mean())
    return float(total)


def f1_curve(top1: Mapping[str, tuple[str, float]], truth: Mapping[str, str | None],
             accepted: Mapping[str, frozenset[str]]) -> dict[str, Any]:  # fmt: skip
    """F1 of 'link each recovery to its top-1 record when p >= t', at 0.5 and at the best t."""
    n_true = sum(1 for v in truth.values() if v is not None)
    rows = []
    for rec_id, (record_id, p) in top1.items():
        t = truth.get(rec_id)
        ok = t is not None and record_id in accepted.get(t, frozenset((t,)))
        rows.append((p, ok))
    rows.sort(key=lambda r: -r[0])

    def at(threshold: float) -> tuple[float, float, float]:
        tp = sum(1 for p, ok in rows if p >= threshold and ok)
        fp = sum(1 for p, ok in rows if p >= threshold and not ok)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / n_true if n_true else 0.0
        return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)

    best = (0.0, 0.0, 0.0, 0.0)
    tp = fp = 0
    for i, (p, ok) in enumerate(rows):  # sweep thresholds at every distinct probability
        tp, fp = tp + ok, fp + (not ok)
        if i + 1 < len(rows) and rows[i + 1][0] == p:
            continue
        prec, rec = tp / (tp + fp), tp / n_true if n_true else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        if f1 > best[3]:
            best = (p, prec, rec, f1)
    p5, r5, f5 = at(0.5)
    return {"f1_at_0.5": f5, "precision_at_0.5": p5, "recall_at_0.5": r5, "best_threshold": best[0],
            "best_f1": best[3], "precision_at_best": best[1], "recall_at_best": best[2]}  # fmt: skip


def accepted_sets(registry: pa.Table) -> dict[str, frozenset[str]]:
    """record_id -> records indistinguishable from it (clerical duplicates: same serial and make)."""
    g = registry.group_by(["serial", "manufacturer"], use_threads=False).aggregate(
        [("record_id", "list"), ("record_id", "count")]
    )
    g = g.filter(pc.greater(g["record_id_count"], 1))
    out: dict[str, frozenset[str]] = {}
    for ids in g["record_id_list"].to_pylist():
        s = frozenset(ids)
        for i in ids:
            out[i] = s
    return out


def table_md(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    def fmt(v: Any) -> str:
        if isinstance(v, float):
            return "n/a" if v != v else (f"{v:.4f}" if abs(v) < 10 else f"{v:,.1f}")
        return str(v)

    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(fmt(v) for v in r) + " |" for r in rows]
    return "\n".join(lines)


def hints(row: Mapping[str, Any]) -> dict[str, Any]:
    return {k: row.get(k) for k in HINTS}


# ---------------------------------------------------------------------------------------------- sections


def section_index(registry: pa.Table, report: dict[str, Any]) -> Any:
    from armstrace.linkage import Matcher

    gc.collect()
    peak_ok = reset_peak()
    before = rss()
    t0 = time.perf_counter()
    matcher = Matcher.from_table(registry)
    build = time.perf_counter() - t0
    gc.collect()
    grown = rss() - before
    serial_bytes = int(pc.sum(pc.binary_length(registry["serial"].cast(pa.binary()))).as_py() or 0)
    n = registry.num_rows
    report["index"] = {
        "records": n,
        "build_seconds": build,
        "rss_growth_bytes": grown,
        "peak_rss_bytes": peak_rss() if peak_ok else None,
        "serial_string_bytes": serial_bytes,
        "bytes_per_record_total": grown / n,
        "bytes_per_record_beyond_serials": (grown - serial_bytes) / n,
        "engine_index_bytes": getattr(matcher, "index_bytes", None),
    }
    return matcher


def run_queries(
    matcher: Any, rec: pa.Table, limit: int = 10, cpu: list[float] | None = None
) -> tuple[list[list[tuple[str, float]]], list[float]]:
    """Candidates and wall seconds of each search (and its CPU seconds into ``cpu``: steadier when other jobs
    share the machine)."""
    results, times = [], []
    for row in rec.to_pylist():
        kw = hints(row)
        c0, t0 = time.process_time(), time.perf_counter()
        cands = matcher.search(row["serial"], **kw, limit=limit)
        times.append(time.perf_counter() - t0)
        if cpu is not None:
            cpu.append(time.process_time() - c0)
        results.append([(c.record_id, float(c.probability)) for c in cands])
    return results, times


def dump_answers(matcher: Any, rec: pa.Table, path: Path, limit: int = 10) -> None:
    """Every candidate of each query, with its explanation text: two engines' files compare with ``cmp``."""
    out = []
    for row in rec.to_pylist():
        cands = matcher.search(row["serial"], **hints(row), limit=limit)
        found = [[c.record_id, c.matched_serial, repr(float(c.probability)), c.explanation_text()] for c in cands]
        out.append({"query": row["serial"], "candidates": found})
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(out, indent=0, ensure_ascii=False))


def profile_queries(matcher: Any, rec: pa.Table, path: Path) -> None:
    """cProfile of these searches (the ranking only, as the latency section times them)."""
    import cProfile

    prof = cProfile.Profile(time.process_time)  # CPU time: other jobs share the machine
    prof.enable()
    run_queries(matcher, rec)
    prof.disable()
    prof.dump_stats(str(path))


def accuracy(results: Sequence[Sequence[tuple[str, float]]], truth: pa.Table,
             accepted: Mapping[str, frozenset[str]]) -> dict[str, Any]:  # fmt: skip
    per: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    top_conf, top_ok, all_conf, all_ok = [], [], [], []
    for cands, t in zip(results, truth.to_pylist(), strict=True):
        fault, rid = t["fault"], t["record_id"]
        ok_set = accepted.get(rid, frozenset((rid,))) if rid else frozenset()
        hit1 = bool(cands) and cands[0][0] in ok_set
        hit10 = any(c[0] in ok_set for c in cands[:10])
        p1 = cands[0][1] if cands else 0.0
        d = per[fault]
        d["hit1"].append(hit1)
        d["hit10"].append(hit10)
        d["p1"].append(p1)
        d["answered"].append(bool(cands))
        d["n_cands"].append(len(cands))
        top_conf.append(p1)
        top_ok.append(hit1)
        for rec_id, p in cands:
            all_conf.append(p)
            all_ok.append(rec_id in ok_set)
    table: dict[str, Any] = {}
    for fault in [f for f in FAULTS if f in per] + sorted(set(per) - set(FAULTS)):
        d = per[fault]
        n = len(d["hit1"])
        answered = sum(d["answered"])
        row = {
            "n": n,
            "recall_at_1": float(np.mean(d["hit1"])),
            "recall_at_10": float(np.mean(d["hit10"])),
            "precision_at_1": (sum(d["hit1"]) / answered) if answered else float("nan"),
            "mean_top1_probability": float(np.mean(d["p1"])),
            "top1_above_0.5": float(np.mean(np.asarray(d["p1"]) > 0.5)),
            "mean_candidates": float(np.mean(d["n_cands"])),
        }
        if fault == "absent":
            row["false_match_rate_above_0.5"] = row["top1_above_0.5"]
        table[fault] = row
    target = [f for f in TARGET_FAULTS if f in per]
    hit10_target = [h for f in target for h in per[f]["hit10"]]
    return {
        "by_fault": table,
        "target_recall_at_10": float(np.mean(hit10_target)) if hit10_target else float("nan"),
        "target_recall_at_1": float(np.mean([h for f in target for h in per[f]["hit1"]])),
        "ece_top1": ece(top_conf, top_ok),
        "ece_all_candidates": ece(all_conf, all_ok),
        "confusable_precision_at_1": table.get("confusable", {}).get("precision_at_1", float("nan")),
        "absent_false_match_rate": table.get("absent", {}).get("false_match_rate_above_0.5", float("nan")),
    }


def _pattern_regex(reading: str) -> str:
    """The query syntax as an RE2 pattern over skeletons: ? -> ., * -> .*, [38] -> a class."""
    q, out, i = strip(reading), [], 0
    while i < len(q):
        c = q[i]
        if c == "?":
            out.append(".")
        elif c == "*":
            out.append(".*")
        elif c == "[":
            j = q.index("]", i)
            out.append("[" + "".join(sorted({re.escape(skeleton(x)) for x in q[i + 1 : j]})) + "]")
            i = j
        else:
            out.append(re.escape(skeleton(c)))
        i += 1
    return "^" + "".join(out) + "$"


def oracle_ceiling(args: argparse.Namespace, registry: pa.Table, rec: pa.Table, truth: pa.Table,
                   results: Sequence[Sequence[tuple[str, float]]], accepted: Mapping[str, frozenset[str]],
                   report: dict[str, Any]) -> None:  # fmt: skip
    """Serial-only ceiling: the recall an oracle ranking by true edit distance (ties broken at random) gets.

    In a dense consignment `W68715??` matches 100 real records equally well, and `UG27054` read for
    UG27059 is itself a real record: no ranking on the serial alone can put the truth in the top 10
    every time. Descriptive fields can break such ties only across consignments.
    """
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    skels_arr = skeleton_array(registry["serial"])
    skels = skels_arr.to_pylist()
    rnd = random.Random(args.seed + 3)
    by_fault: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(truth["fault"].to_pylist()):
        if f in TARGET_FAULTS or f == "prefix_unknown":
            by_fault[f].append(i)
    out: dict[str, Any] = {}
    for fault, idx in sorted(by_fault.items(), key=lambda kv: FAULTS.index(kv[0])):
        pick = sorted(rnd.sample(idx, min(args.oracle_queries, len(idx))))
        c1, c10, o1, o10, ties = [], [], [], [], []
        for i in pick:
            reading = str(rec["serial"][i].as_py())
            true_id, true_serial = truth["record_id"][i].as_py(), str(truth["true_serial"][i].as_py())
            ok_set = accepted.get(true_id, frozenset((true_id,)))
            got = [c[0] for c in results[i]]
            o1.append(bool(got[:1]) and got[0] in ok_set)
            o10.append(bool(set(got[:10]) & ok_set))
            if fault == "range_member":  # the range row is the only record holding it
                closer, equal = 0, 1
            elif any(ch in reading for ch in "?*["):
                closer = 0
                equal = max(1, int(pc.sum(pc.match_substring_regex(skels_arr, _pattern_regex(reading))).as_py() or 0))
            else:
                q = skeleton(reading)
                d = int(OSA.distance(q, skeleton(true_serial)))
                dist = process.cdist([q], skels, scorer=OSA.distance, score_cutoff=d, dtype=np.int32, workers=1)[0]
                closer, equal = int((dist < d).sum()), max(1, int((dist == d).sum()))
            c1.append(0.0 if closer else 1.0 / equal)
            c10.append(0.0 if closer >= 10 else min(1.0, (10 - closer) / equal))
            ties.append(equal)
        out[fault] = {"n": len(pick), "ours_recall_at_1": float(np.mean(o1)), "ceiling_recall_at_1": float(np.mean(c1)),
                      "ours_recall_at_10": float(np.mean(o10)), "ceiling_recall_at_10": float(np.mean(c10)),
                      "median_equally_good_records": float(np.median(ties))}  # fmt: skip
    report["oracle"] = out


def anchors_search(args: argparse.Namespace, registry: pa.Table, rec: pa.Table, truth: pa.Table,
                   our_times: Sequence[float], our_results: Sequence[Sequence[tuple[str, float]]],
                   accepted: Mapping[str, frozenset[str]], report: dict[str, Any]) -> None:  # fmt: skip
    from .anchors import PgTrgm, anchor_query, norm_column, rapidfuzz_search, start_postgres

    faults = truth["fault"].to_pylist()
    target_idx = [i for i, f in enumerate(faults) if f in TARGET_FAULTS]
    rnd = random.Random(args.seed)
    sample = sorted(rnd.sample(target_idx, min(args.anchor_queries, len(target_idx))))
    queries = [anchor_query(rec["serial"][i].as_py()) for i in sample]
    truth_ids = [truth["record_id"][i].as_py() for i in sample]
    ids = registry["record_id"]
    ours_med = pct([our_times[i] for i in sample], 50)
    out: dict[str, Any] = {"queries": len(sample), "ours_median_s": ours_med,
                           "ours_p99_s": pct([our_times[i] for i in sample], 99)}  # fmt: skip

    def recall10(hits: Sequence[Sequence[int]]) -> float:
        ok = 0
        for h, t in zip(hits, truth_ids[: len(hits)], strict=True):
            got = {ids[j].as_py() for j in h}
            ok += bool(got & accepted.get(t, frozenset((t,))))
        return ok / len(hits) if hits else float("nan")

    ours_ok = [bool({c[0] for c in our_results[i][:10]} & accepted.get(t, frozenset((t,))))
               for i, t in zip(sample, truth_ids, strict=True)]  # fmt: skip
    out["ours_recall_at_10"] = float(np.mean(ours_ok)) if ours_ok else float("nan")
    norms = norm_column(registry["serial"])
    if "rapidfuzz" in args.anchors:
        choices = norms.to_pylist()
        n_rf = min(len(queries), args.rapidfuzz_queries)
        hits, times = rapidfuzz_search(choices, queries[:n_rf])
        out["rapidfuzz"] = {
            "queries": n_rf,
            "median_s": pct(times, 50),
            "p99_s": pct(times, 99),
            "recall_at_10": recall10(hits),
            "ratio_median": pct(times, 50) / pct([our_times[i] for i in sample[:n_rf]], 50),
        }
        del choices
    if "pgtrgm" in args.anchors:
        try:
            with start_postgres() as url:
                pg = PgTrgm(url)
                pg.load(ids, norms)
                hits, times = pg.search(queries)
                out["pg_trgm"] = {"median_s": pct(times, 50), "p99_s": pct(times, 99),
                                  "recall_at_10": recall10(hits), "ratio_median": pct(times, 50) / ours_med,
                                  "load_s": pg.load_seconds, "index_build_s": pg.index_seconds,
                                  "index_bytes": pg.index_bytes()}  # fmt: skip
                pg.close()
        except Exception as exc:  # a missing server is reported, not fatal
            out["pg_trgm"] = {"error": repr(exc)}
    report["anchors_search"] = out


def top1_from_rows(rows: Iterable[Mapping[str, Any]]) -> dict[str, tuple[str, float]]:
    top: dict[str, tuple[str, float]] = {}
    for r in rows:
        rid, p = str(r["recovery_id"]), float(r["probability"])
        if rid not in top or p > top[rid][1]:
            top[rid] = (str(r["record_id"]), p)
    return top


def section_batch(args: argparse.Namespace, matcher: Any, registry: pa.Table, batch: pa.Table,
                  btruth: pa.Table, accepted: Mapping[str, frozenset[str]], build_s: float,
                  report: dict[str, Any]) -> None:  # fmt: skip
    truth = dict(zip(btruth["recovery_id"].to_pylist(), btruth["record_id"].to_pylist(), strict=True))
    t0 = time.perf_counter()
    rows = list(matcher.xref(batch, limit=10, min_probability=0.001))
    xref_s = time.perf_counter() - t0
    ours = f1_curve(top1_from_rows(rows), truth, accepted)
    out: dict[str, Any] = {
        "recoveries": batch.num_rows,
        "records": registry.num_rows,
        "ours_xref_seconds": xref_s,
        "ours_total_seconds_with_index": xref_s + build_s,
        "ours_recoveries_per_second": batch.num_rows / xref_s,
        "ours": ours,
    }
    if "splink" in args.anchors:
        from .anchors import splink_link

        log("splink")
        k = min(args.splink_batch or batch.num_rows, batch.num_rows)
        sub, sub_truth = batch.slice(0, k), {r: truth[r] for r in batch["recovery_id"].to_pylist()[:k]}
        try:
            res = splink_link(registry, sub)
            if k == batch.num_rows:  # the same job as above: reuse its timing and rows
                sub_rows, ours_sub_s = rows, xref_s
            else:
                t1 = time.perf_counter()
                sub_rows = list(matcher.xref(sub, limit=10, min_probability=0.001))
                ours_sub_s = time.perf_counter() - t1
            ours_sub = f1_curve(top1_from_rows(sub_rows), sub_truth, accepted)
            spl = f1_curve(res["top1"], sub_truth, accepted)
            out["splink"] = {
                "recoveries": k, "seconds": res["seconds"], "train_seconds": res["train_seconds"],
                "predict_seconds": res["predict_seconds"], "pairs": res["pairs_above_threshold"], **spl,
                "ours_seconds_same_subset": ours_sub_s, "ours_seconds_same_subset_with_index": ours_sub_s + build_s,
                "ours_same_subset": ours_sub,
                "ratio_seconds": res["seconds"] / (ours_sub_s + build_s),
            }  # fmt: skip
        except Exception as exc:
            out["splink"] = {"error": repr(exc)}
    report["batch"] = out


XREF_ARGS = ["--limit", "10", "--min-probability", "0.001"]


def run_cli_xref(reg_path: Path, rec_path: Path, out_path: Path) -> dict[str, Any]:
    """`armstrace xref` on files in a fresh process: wall time, exit code, and the rows it wrote."""
    exe = shutil.which("armstrace")
    cmd0 = [exe] if exe else [sys.executable, "-c", "from armstrace.cli import main; main()"]
    cmd = [*cmd0, "xref", "--registry", str(reg_path), "--recoveries", str(rec_path), "--out", str(out_path),
           *XREF_ARGS]  # fmt: skip
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    out: dict[str, Any] = {"command": "armstrace xref --registry REG --recoveries REC --out OUT.csv "
                           + " ".join(XREF_ARGS), "seconds": time.perf_counter() - t0,
                           "exit_code": proc.returncode}  # fmt: skip
    if proc.returncode != 0 or not out_path.exists():
        out["stderr"] = proc.stderr[-2000:]
        return out
    got = pcsv.read_csv(out_path, convert_options=pcsv.ConvertOptions(
        column_types={"recovery_id": pa.string(), "record_id": pa.string()}))  # fmt: skip
    out["rows"] = got.select(["recovery_id", "rank", "record_id", "probability"]).to_pylist()
    return out


def score_rows(out: dict[str, Any], btruth: pa.Table, accepted: Mapping[str, frozenset[str]]) -> None:
    rows = out.pop("rows")
    by_rec: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for r in sorted(rows, key=lambda r: (r["recovery_id"], r["rank"])):
        by_rec[r["recovery_id"]].append((r["record_id"], float(r["probability"])))
    results = [by_rec.get(rid, []) for rid in btruth["recovery_id"].to_pylist()]
    truth = dict(zip(btruth["recovery_id"].to_pylist(), btruth["record_id"].to_pylist(), strict=True))
    out["accuracy"] = accuracy(results, btruth, accepted)
    out["f1"] = f1_curve(top1_from_rows(rows), truth, accepted)


def section_file_form(args: argparse.Namespace, registry: pa.Table, batch: pa.Table, btruth: pa.Table,
                      accepted: Mapping[str, frozenset[str]], report: dict[str, Any]) -> None:  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="armstrace-bench-") as tmp:
        reg_path = Path(tmp) / ("registry.csv" if args.file_format == "csv" else "registry.parquet")
        rec_path, out_path = Path(tmp) / "recoveries.csv", Path(tmp) / "matches.csv"
        if args.file_format == "csv":
            pcsv.write_csv(registry, reg_path)
        else:
            pq.write_table(registry, reg_path)
        pcsv.write_csv(batch, rec_path)
        out = run_cli_xref(reg_path, rec_path, out_path)
    out["registry_format"] = args.file_format
    if "rows" in out:
        score_rows(out, btruth, accepted)
    report["file_form"] = out


def section_synth(args: argparse.Namespace, report: dict[str, Any]) -> None:
    """The same file form on a scenario of `armstrace synth` (another engineer's independent generator)."""
    d = args.synth_dir
    reg_path = next(p for p in (d / "registry.csv", d / "registry.parquet") if p.exists())
    rec_path = next(p for p in (d / "recoveries.csv", d / "recoveries.parquet") if p.exists())
    strings = pcsv.ConvertOptions(
        strings_can_be_null=True,
        column_types={
            c: pa.string() for c in ("record_id", "recovery_id", "serial", "serial_end", "manufacturer", "year")
        },
    )

    def read(p: Path) -> pa.Table:
        return pq.read_table(p) if p.suffix == ".parquet" else pcsv.read_csv(p, convert_options=strings)

    registry, truth = read(reg_path), read(next(p for p in (d / "truth.csv", d / "truth.parquet") if p.exists()))
    truth = truth.select(["recovery_id", "record_id", "fault"])
    with tempfile.TemporaryDirectory(prefix="armstrace-bench-") as tmp:
        out = run_cli_xref(reg_path, rec_path, Path(tmp) / "matches.csv")
    out.update({"dir": str(d), "records": registry.num_rows, "recoveries": truth.num_rows})
    if "rows" in out:
        score_rows(out, truth, accepted_sets(registry))
    report["synth"] = out


# ---------------------------------------------------------------------------------------------- printing


def print_report(r: dict[str, Any]) -> None:
    d = r["data"]
    print(f"\n## Serial matching benchmark — {d['records']:,} records, seed {d['seed']}, "
          f"{d['machine']}\n")  # fmt: skip
    if "index" in r:
        i = r["index"]
        print(table_md(["index build s", "RSS growth MB", "bytes/record total", "bytes/record beyond serials",
                        "peak RSS MB"],
                       [[i["build_seconds"], i["rss_growth_bytes"] / 2**20, i["bytes_per_record_total"],
                         i["bytes_per_record_beyond_serials"], (i["peak_rss_bytes"] or 0) / 2**20]]))  # fmt: skip
    if "accuracy" in r:
        a = r["accuracy"]
        print(f"\n### Accuracy by fault (Python API, {d['queries_per_fault']} queries per fault, limit 10)\n")
        rows = []
        for f, v in a["by_fault"].items():
            rows.append([f, v["n"], v["recall_at_1"], v["recall_at_10"], v["precision_at_1"],
                         v["mean_top1_probability"], v["top1_above_0.5"]])  # fmt: skip
        print(table_md(["fault", "n", "recall@1", "recall@10", "precision@1", "mean p(top1)", "p(top1)>0.5"],
                       rows))  # fmt: skip
        print()
        print(table_md(["metric", "value", "target"], [
            ["recall@10, faults <= 2 errors / 3 unknowns", a["target_recall_at_10"], ">= 0.995"],
            ["recall@1, same faults", a["target_recall_at_1"], ""],
            ["precision@1, confusable-only readings", a["confusable_precision_at_1"], ">= 0.995"],
            ["false matches p>0.5 on absent items", a["absent_false_match_rate"], "low"],
            [f"ECE top-1 ({BINS} bins)", a["ece_top1"], "<= 0.02"],
            [f"ECE all candidates ({BINS} bins)", a["ece_all_candidates"], "<= 0.02"],
        ]))  # fmt: skip
    if "oracle" in r:
        print("\n### Ambiguity: armstrace vs a serial-only oracle (exhaustive true distance, random tie-break)\n")
        rows = [
            [
                f,
                v["n"],
                v["ours_recall_at_1"],
                v["ceiling_recall_at_1"],
                v["ours_recall_at_10"],
                v["ceiling_recall_at_10"],
                v["median_equally_good_records"],
            ]
            for f, v in r["oracle"].items()
        ]
        print(table_md(["fault", "n", "ours r@1", "ceiling r@1", "ours r@10", "ceiling r@10",
                        "median records as close as the truth"], rows))  # fmt: skip
    if "latency" in r:
        lat = r["latency"]
        print("\n### Query latency (Python API, one query at a time)\n")
        print(table_md(["queries", "median ms", "p99 ms", "mean ms", "max ms"], [
            [f"target faults ({lat['target']['n']})", lat["target"]["median_s"] * 1e3, lat["target"]["p99_s"] * 1e3,
             lat["target"]["mean_s"] * 1e3, lat["target"]["max_s"] * 1e3],
            [f"all faults ({lat['all']['n']})", lat["all"]["median_s"] * 1e3, lat["all"]["p99_s"] * 1e3,
             lat["all"]["mean_s"] * 1e3, lat["all"]["max_s"] * 1e3],
        ]))  # fmt: skip
        if "target_cpu" in lat:
            c = lat["target_cpu"]
            load = ", ".join(f"{x:.1f}" for x in lat["load_average"])
            print(f"\nTarget faults, wall p95 {lat['target_p95_s'] * 1e3:.1f} ms; CPU ms per search: median "
                  f"{c['median_s'] * 1e3:.1f}, p95 {c['p95_s'] * 1e3:.1f}, p99 {c['p99_s'] * 1e3:.1f}, mean "
                  f"{c['mean_s'] * 1e3:.1f} (load average {load})")  # fmt: skip
    if "anchors_search" in r:
        s = r["anchors_search"]
        rows = [["armstrace", s["queries"], s["ours_median_s"] * 1e3, s["ours_p99_s"] * 1e3,
                 s["ours_recall_at_10"], "1"]]  # fmt: skip
        for name in ("rapidfuzz", "pg_trgm"):
            v = s.get(name)
            if v and "error" not in v:
                rows.append([name, v.get("queries", s["queries"]), v["median_s"] * 1e3, v["p99_s"] * 1e3,
                             v["recall_at_10"], f"{v['ratio_median']:,.1f}x slower"])  # fmt: skip
            elif v:
                rows.append([name, "-", "-", "-", "-", v["error"][:80]])
        print("\n### Search anchors (same sampled target-fault queries)\n")
        print(table_md(["system", "queries", "median ms", "p99 ms", "recall@10", "median vs armstrace"], rows))
    if "batch" in r:
        b = r["batch"]
        o = b["ours"]
        print(f"\n### Batch: {b['recoveries']:,} recoveries vs {b['records']:,} records (realistic fault mix)\n")
        rows = [["armstrace xref (API)", b["recoveries"], b["ours_xref_seconds"], b["ours_total_seconds_with_index"],
                 o["best_f1"], o["best_threshold"], o["f1_at_0.5"]]]  # fmt: skip
        sp = b.get("splink")
        if sp and "error" not in sp:
            so = sp["ours_same_subset"]
            rows.append(["armstrace on Splink's subset", sp["recoveries"], sp["ours_seconds_same_subset"],
                         sp["ours_seconds_same_subset_with_index"], so["best_f1"], so["best_threshold"],
                         so["f1_at_0.5"]])  # fmt: skip
            rows.append(["Splink 5 on DuckDB", sp["recoveries"], sp["seconds"], sp["seconds"], sp["best_f1"],
                         sp["best_threshold"], sp["f1_at_0.5"]])  # fmt: skip
        print(table_md(["system", "recoveries", "match s", "total s (with index/training)", "best F1",
                        "at threshold", "F1 at 0.5"], rows))  # fmt: skip
        if sp and "error" not in sp:
            print(f"\nSplink / armstrace time (same subset, armstrace including index build): "
                  f"{sp['ratio_seconds']:.1f}x")  # fmt: skip
        elif sp:
            print(f"\nSplink failed: {sp['error']}")
    if "file_form" in r:
        f = r["file_form"]
        print(f"\n### File form: `{f['command']}` ({f['registry_format']} registry)\n")
        if f["exit_code"] != 0 or "accuracy" not in f:
            print(f"exit code {f['exit_code']}: {f.get('stderr', '')}")
        else:
            a = f["accuracy"]
            rows = [[k, v["n"], v["recall_at_1"], v["recall_at_10"], v["mean_top1_probability"]]
                    for k, v in a["by_fault"].items()]  # fmt: skip
            print(f"wall time {f['seconds']:.1f} s (process start, index build, matching, CSV out); "
                  f"best F1 {f['f1']['best_f1']:.4f} at {f['f1']['best_threshold']:.3f}, "
                  f"F1 at 0.5 {f['f1']['f1_at_0.5']:.4f}; ECE top-1 {a['ece_top1']:.4f}\n")  # fmt: skip
            print(table_md(["fault", "n", "recall@1", "recall@10", "mean p(top1)"], rows))
    if "synth" in r:
        f = r["synth"]
        print(f"\n### File form on an `armstrace synth` scenario ({f['records']:,} registry rows, "
              f"{f['recoveries']:,} recoveries, {f['dir']})\n")  # fmt: skip
        if "accuracy" not in f:
            print(f"exit code {f['exit_code']}: {f.get('stderr', '')}")
        else:
            a = f["accuracy"]
            print(f"wall time {f['seconds']:.1f} s; best F1 {f['f1']['best_f1']:.4f} at "
                  f"{f['f1']['best_threshold']:.3f}, F1 at 0.5 {f['f1']['f1_at_0.5']:.4f}; "
                  f"ECE top-1 {a['ece_top1']:.4f}; false matches p>0.5 on absent "
                  f"{a['absent_false_match_rate']:.4f}\n")  # fmt: skip
            rows = [[k, v["n"], v["recall_at_1"], v["recall_at_10"], v["mean_top1_probability"]]
                    for k, v in a["by_fault"].items()]  # fmt: skip
            print(table_md(["fault", "n", "recall@1", "recall@10", "mean p(top1)"], rows))


# ---------------------------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--records", type=int, default=200_000, help="registry rows (10M takes long: opt in)")
    ap.add_argument("--queries-per-fault", type=int, default=300)
    ap.add_argument("--batch", type=int, default=20_000, help="recoveries in the batch section")
    ap.add_argument("--splink-batch", type=int, default=0, help="cap Splink's recoveries (0: the whole batch)")
    ap.add_argument("--oracle-queries", type=int, default=40, help="per fault, for the ambiguity ceiling")
    ap.add_argument("--anchor-queries", type=int, default=200, help="sampled queries for pg_trgm")
    ap.add_argument("--rapidfuzz-queries", type=int, default=50, help="of those, how many RapidFuzz runs")
    ap.add_argument("--anchors", default="rapidfuzz,pgtrgm,splink", help="comma list, or 'none'")
    ap.add_argument("--sections", default="accuracy,oracle,anchors,batch,file", help="comma list")
    ap.add_argument("--file-format", choices=("csv", "parquet"), default="csv")
    ap.add_argument("--synth-dir", type=Path, help="also run the file form on an `armstrace synth --out DIR`")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--cache-dir", type=Path, default=CACHE_DIR)
    ap.add_argument("--json", type=Path, help="write every figure to this JSON file")
    ap.add_argument("--dump", type=Path, help="write the first --dump-queries searches' candidates (ids, serials, "
                    "probabilities, explanation text) to this JSON file, to compare engines' answers")  # fmt: skip
    ap.add_argument("--dump-queries", type=int, default=2000)
    ap.add_argument("--profile", type=Path, help="cProfile of 1,000 searches (after the timed ones) to this file")
    args = ap.parse_args(argv)
    args.anchors = set(args.anchors.split(",")) - {"none"}
    sections = set(args.sections.split(","))

    report: dict[str, Any] = {}
    t0 = time.perf_counter()
    registry = pq.read_table(cached_registry(args.records, args.seed, args.cache_dir))
    gen_s = time.perf_counter() - t0
    rec, truth = make_recoveries(registry, args.queries_per_fault * len(FAULTS), seed=args.seed + 1)
    batch, btruth = make_recoveries(registry, args.batch, seed=args.seed + 2, mix=REALISTIC_MIX)
    accepted = accepted_sets(registry)
    report["data"] = {"records": registry.num_rows, "seed": args.seed, "registry_seconds": gen_s,
                      "queries_per_fault": args.queries_per_fault, "batch": batch.num_rows,
                      "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
                      "command": "python -m benchmarks.bench_matching " + " ".join(argv or sys.argv[1:])}  # fmt: skip

    log(f"data ready: {registry.num_rows:,} records, {rec.num_rows} queries, {batch.num_rows:,} batch")
    matcher = None
    try:
        matcher = section_index(registry, report)
    except ImportError as exc:
        print(f"armstrace.linkage.Matcher is not available ({exc}); engine sections skipped", file=sys.stderr)
    if matcher is not None and "accuracy" in sections:
        log(f"index built in {report['index']['build_seconds']:.1f} s; running queries")
        run_queries(matcher, rec.slice(0, 50))  # warm-up (caches, lazy structures), not measured
        cpu: list[float] = []
        results, times = run_queries(matcher, rec, cpu=cpu)
        report["accuracy"] = accuracy(results, truth, accepted)
        if args.dump:
            dump_answers(matcher, rec.slice(0, args.dump_queries), args.dump)
        if args.profile:
            profile_queries(matcher, rec.slice(0, 1000), args.profile)
        faults = truth["fault"].to_pylist()
        tgt = [t for t, f in zip(times, faults, strict=True) if f in TARGET_FAULTS]
        tgt_cpu = [t for t, f in zip(cpu, faults, strict=True) if f in TARGET_FAULTS]
        report["latency"] = {
            "target": {"n": len(tgt), "median_s": pct(tgt, 50), "p99_s": pct(tgt, 99),
                       "mean_s": float(np.mean(tgt)), "max_s": max(tgt)},
            "all": {"n": len(times), "median_s": pct(times, 50), "p99_s": pct(times, 99),
                    "mean_s": float(np.mean(times)), "max_s": max(times)},
            "target_cpu": {"n": len(tgt_cpu), "median_s": pct(tgt_cpu, 50), "p95_s": pct(tgt_cpu, 95),
                           "p99_s": pct(tgt_cpu, 99), "mean_s": float(np.mean(tgt_cpu)), "max_s": max(tgt_cpu)},
            "target_p95_s": pct(tgt, 95),
            "load_average": os.getloadavg(),
        }  # fmt: skip
        if "oracle" in sections:
            log("serial-only oracle ceiling")
            oracle_ceiling(args, registry, rec, truth, results, accepted, report)
        if "anchors" in sections and args.anchors & {"rapidfuzz", "pgtrgm"}:
            log("search anchors")
            anchors_search(args, registry, rec, truth, times, results, accepted, report)
    if matcher is not None and "batch" in sections:
        log("batch")
        section_batch(args, matcher, registry, batch, btruth, accepted, report["index"]["build_seconds"], report)
    del matcher
    gc.collect()
    if "file" in sections:
        log("file form")
        section_file_form(args, registry, batch, btruth, accepted, report)
    if args.synth_dir:
        log("armstrace synth scenario")
        section_synth(args, report)
    report["data"]["total_seconds"] = time.perf_counter() - t0
    print_report(report)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2, default=str))
    return report


if __name__ == "__main__":
    with contextlib.suppress(BrokenPipeError):
        main()
