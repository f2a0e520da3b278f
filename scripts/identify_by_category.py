"""Accuracy of identification per category of a test set whose cases carry a `category` field.

`armstrace identify evaluate` reports a set as a whole; a held-out set mixes firearms, headstamps, ordnance and
hard cases whose difficulty differs, so its figures are only useful split by that field. Cases without a
category are counted under "-". Run: python scripts/identify_by_category.py tests/data/markings_blind3.yaml
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import yaml

from armstrace.identify.evaluation import evaluate, load_cases

__all__ = ["main"]

FIELDS = ("country", "manufacturer", "model", "year", "kind")


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: identify_by_category.py SET.yaml", file=sys.stderr)
        return 2
    path = Path(argv[0])
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    cases = load_cases(path)
    groups: dict[str, list[int]] = defaultdict(list)
    for i, item in enumerate(raw):
        groups[str(item.get("category") or "-")].append(i)
    groups["all"] = list(range(len(cases)))
    for name, idx in groups.items():
        report = evaluate([cases[i] for i in idx])
        cells = [
            f"{f} {report.correct.get(f, 0)}/{report.checked[f]} ({report.correct.get(f, 0) / report.checked[f]:.0%})"
            for f in FIELDS
            if report.checked.get(f)
        ]
        print(f"{name:10} {len(idx):4} cases  " + "  ".join(cells))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
