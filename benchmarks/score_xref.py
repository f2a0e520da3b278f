"""Score an OUT.csv of `armstrace xref` against a truth file: recall by fault, false matches, calibration.

    python -m benchmarks.noise --registry registry.csv --n 3000 --mix equal --out readings/
    armstrace xref --registry registry.csv --recoveries readings/recoveries.csv --out out.csv --limit 10
    python -m benchmarks.score_xref --registry registry.csv --truth readings/truth.csv --out out.csv

The truth file needs ``recovery_id``, ``record_id`` (empty when the weapon is not in the registry) and
``fault``; the registry is read only to treat clerical duplicates (same serial and maker) as one weapon.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pcsv
import pyarrow.parquet as pq

from .bench_matching import accepted_sets, accuracy, f1_curve, table_md, top1_from_rows

_STRINGS = ("record_id", "recovery_id", "serial", "serial_end", "manufacturer", "year", "fault")


def read(path: Path) -> pa.Table:
    if path.suffix == ".parquet":
        return pq.read_table(path)
    header = pcsv.read_csv(path, read_options=pcsv.ReadOptions(block_size=1 << 16)).column_names
    return pcsv.read_csv(
        path,
        convert_options=pcsv.ConvertOptions(
            strings_can_be_null=True, column_types={c: pa.string() for c in _STRINGS if c in header}
        ),
    )


def score(registry: Path, truth: Path, out: Path) -> dict[str, object]:
    """Accuracy by fault and F1 of one OUT.csv (the figures of bench_matching's file-form section)."""
    btruth = read(truth).select(["recovery_id", "record_id", "fault"])
    rows = read(out).select(["recovery_id", "rank", "record_id", "probability"]).to_pylist()
    accepted = accepted_sets(read(registry).select(["record_id", "serial", "manufacturer"]))
    by_rec: dict[str, list[tuple[str, float]]] = {}
    for r in sorted(rows, key=lambda r: (r["recovery_id"], r["rank"])):
        by_rec.setdefault(r["recovery_id"], []).append((r["record_id"], float(r["probability"])))
    results = [by_rec.get(rid, []) for rid in btruth["recovery_id"].to_pylist()]
    truth_map = dict(zip(btruth["recovery_id"].to_pylist(), btruth["record_id"].to_pylist(), strict=True))
    return {"accuracy": accuracy(results, btruth, accepted), "f1": f1_curve(top1_from_rows(rows), truth_map, accepted)}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--registry", type=Path, required=True)
    ap.add_argument("--truth", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True, help="OUT.csv written by armstrace xref")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    result = score(args.registry, args.truth, args.out)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    acc = result["accuracy"]
    assert isinstance(acc, dict)
    rows = [
        (fault, d["n"], d["recall_at_1"], d["recall_at_10"], d["mean_top1_probability"], d["top1_above_0.5"])
        for fault, d in acc["by_fault"].items()
    ]
    print(table_md(("fault", "n", "recall@1", "recall@10", "mean p(top1)", "share p(top1) > 0.5"), rows))
    f1 = result["f1"]
    assert isinstance(f1, dict)
    print(
        f"\nECE top-1 {acc['ece_top1']:.4f}, all candidates {acc['ece_all_candidates']:.4f}; "
        f"false matches > 0.5 on absent {acc['absent_false_match_rate']:.3f}; "
        f"F1 at 0.5 {f1['f1_at_0.5']:.3f}, best {f1['best_f1']:.3f} at {f1['best_threshold']:.3f}"
    )


if __name__ == "__main__":
    main()
