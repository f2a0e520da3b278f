"""Private set intersection as files: bytes each way, seconds on each side, recall by reading fault.

    python -m benchmarks.bench_psi                  # 200k inventory, 3,000 readings; near on 10k (~3 min)
    python -m benchmarks.bench_psi --records 2000000 --near-records 200000    # on demand: long

Runs the four library steps of `armstrace psi offer/ask/answer/result` on files, exactly as the CLI does,
on a synthetic registry (benchmarks/registry_gen.py) and readings with known faults (benchmarks/noise.py,
equal shares of every fault). For each mode (exact skeleton; near: one edit through deletion
neighbourhoods) it prints the inventory size, the bytes of OFFER, ASK and ANSWER, the seconds each party
spends, the recall of present serials by reading fault and the false hits on absent weapons. Anchor:
handing the inventory over as a plain list of serials (what the private exchange avoids), in bytes.
Near mode blinds ~10 elements per inventory serial, so it runs on a smaller inventory by default.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from armstrace.serials import normalise, skeleton
from armstrace.sharing import psi_answer, psi_ask, psi_offer, psi_result

from .noise import FAULTS, make_recoveries
from .registry_gen import cached_registry


def _key(serial: str) -> str:
    return skeleton(normalise(serial))


def _osa(a: str, b: str) -> int:
    """Optimal string alignment distance (edits and adjacent swaps)."""
    d = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


def run_mode(records: int, readings: int, near: bool, seed: int, work: Path) -> dict[str, Any]:
    registry = pq.read_table(cached_registry(records, seed))
    rec, truth = make_recoveries(registry, readings, seed=seed)
    reg_path, rec_path = work / f"reg_{records}.parquet", work / f"rec_{records}.csv"
    pq.write_table(registry.select(["record_id", "serial", "serial_end"]), reg_path)
    pacsv.write_csv(rec.select(["recovery_id", "serial"]), rec_path)
    plain = work / "plain.txt"
    plain.write_text("\n".join(s for s in registry["serial"].to_pylist() if s), encoding="utf-8")
    f = {k: work / k for k in ("key", "offer", "state", "ask", "answer", "hits.csv")}
    offer = psi_offer(reg_path, f["key"], f["offer"], near=near, max_queries=readings)
    ask = psi_ask(rec_path, f["state"], f["ask"], near=near)
    answer = psi_answer(f["key"], f["ask"], f["answer"])
    result = psi_result(f["offer"], f["answer"], f["state"], f["hits.csv"])
    hits = {r["recovery_id"]: r["hit"] for r in pacsv.read_csv(f["hits.csv"]).to_pylist()}
    readings_by_id = dict(zip(rec["recovery_id"].to_pylist(), rec["serial"].to_pylist(), strict=True))
    by_fault: dict[str, Counter[str]] = defaultdict(Counter)
    for row in truth.to_pylist():
        c = by_fault[row["fault"]]
        c["n"] += 1
        hit = hits.get(row["recovery_id"], "miss")
        c[hit] += 1
        if hit != "miss" and row["record_id"] is not None:
            # a hit the true serial cannot explain came from another inventory serial (a dense neighbour)
            own, true = _key(readings_by_id[row["recovery_id"]]), _key(row["true_serial"])
            c["via_other"] += own != true if hit == "exact" else _osa(own, true) > 1
    recall = {
        fault: round((c["exact"] + c["near"]) / c["n"], 3)
        for fault, c in sorted(by_fault.items(), key=lambda kv: FAULTS.index(kv[0]))
        if fault != "absent"
    }
    absent = by_fault.get("absent", Counter())
    present = [c for fault, c in by_fault.items() if fault != "absent"]
    return {
        "mode": "near" if near else "exact",
        "inventory_rows": registry.num_rows,
        "inventory_skeletons": offer.items,
        "holder_elements": offer.elements,
        "readings_asked": ask.items,
        "readings_not_askable": len(ask.skipped),
        "bytes": {"offer (holder→requester)": offer.bytes, "ask (requester→holder)": ask.bytes,
                  "answer (holder→requester)": answer.bytes, "anchor: plain inventory": plain.stat().st_size},
        "seconds": {"holder offer": round(offer.seconds, 2), "holder answer": round(answer.seconds, 2),
                    "requester ask": round(ask.seconds, 2), "requester result": round(result.seconds, 2)},
        "recall_present": round(sum(c["exact"] + c["near"] for c in present) / max(1, sum(c["n"] for c in present)), 3),
        "recall_by_fault": recall,
        "near_hits_by_fault": {f: c["near"] for f, c in by_fault.items() if c["near"]},
        "present_hits_only_via_another_serial": sum(c["via_other"] for c in present),
        "false_hits_on_absent": f"{absent['exact'] + absent['near']}/{absent['n']} "
                                f"(exact {absent['exact']}, near {absent['near']})",
    }  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--records", type=int, default=200_000, help="inventory rows, exact mode")
    p.add_argument("--near-records", type=int, default=10_000, help="inventory rows, near mode (0: skip)")
    p.add_argument("--readings", type=int, default=3_000)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--json", type=Path, help="also write the figures here")
    args = p.parse_args(argv)
    out = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for records, near in ((args.records, False), (args.near_records, True)):
            if records:
                figures = run_mode(records, args.readings, near, args.seed, Path(tmp))
                print(json.dumps(figures, indent=2, ensure_ascii=False), flush=True)
                out.append(figures)
    print(f"total {time.perf_counter() - started:.0f} s")
    if args.json:
        args.json.write_text(json.dumps(out, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
