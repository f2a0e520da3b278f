"""Synthetic scenario generator: registries, custody chains, incidents, recoveries and ground truth.

It writes the files of docs/formats.md (`registry`, `transfers`, `incidents`, `recoveries`, and
`truth`, which is never imported), every row marked `synthetic=true`, for the demo, the tests and the
benchmarks. The shape follows published figures (see docs/synthetic.md for the full list):

- Over 427,000 weapons were provided by the US to Afghan forces 2002–2021, and 316,260 small arms
  were in Afghan inventory at the collapse in August 2021 (US DoD/SIGAR reporting) — so most of the
  US-supplied share of the registry is recorded `in_inventory` with an Afghan unit.
- SIGAR 14-84 (July 2014): of 474,823 serial numbers, 43% had missing data or duplicates, serials were
  recorded two or three times (24,520), 50,304 weapons lacked shipping/receipt dates — reproduced as
  duplicate rows and missing fields; SCIP (shipping) and OVERLORD (receipt) were keyed by hand.
- A US records request showed a Colt M4A1, serial W1004340, shipped 9 January 2018, recovered in
  Pakistan — the scenario contains that consignment and that recovery (JE25-R001).
- The Jaffar Express attack, Bolan (Kachhi) district, Balochistan, 11 March 2025: the train was
  stopped in tunnel No. 8 near Pehro Kunri and Gudalar in the Bolan Pass (press reports); the
  coordinates used (29.58 N, 67.40 E) are approximate.

Determinism: the same (items, recoveries, seed, format) gives byte-identical files. Per-item facts are
hashes of (seed, item index), so the registry writer (in chunks) and the recovery sampler agree
without sharing state; memory is bounded by one chunk (500,000 items), so 10 million items stream
in minutes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from armstrace.exceptions import InputError

from .faults import FAULTS
from .incidents import write_incidents
from .plan import plan
from .registry import write_registry
from .tables import FORMATS, SCHEMAS, TableWriter

__all__ = ["DEFAULT_ITEMS", "FAULTS", "FORMATS", "SCHEMAS", "Scenario", "generate"]

DEFAULT_ITEMS = 20_000
TABLES = ("registry", "transfers", "incidents", "recoveries", "truth")


@dataclass(frozen=True)
class Scenario:
    """What `generate` wrote: the paths of the five files and the row counts."""

    out_dir: Path
    fmt: str
    seed: int
    items: int
    paths: dict[str, Path] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"out_dir": str(self.out_dir), "format": self.fmt, "seed": self.seed, "items": self.items,
                "paths": {k: str(v) for k, v in self.paths.items()}, "counts": dict(self.counts)}  # fmt: skip


Progress = Callable[[str, int, int], None]


def generate(
    out_dir: str | Path,
    items: int = DEFAULT_ITEMS,
    seed: int = 0,
    fmt: str = "csv",
    recoveries: int | None = None,
    progress: Progress | None = None,
) -> Scenario:
    """Write a synthetic scenario of `items` registry weapons into `out_dir` (created if missing).

    `recoveries` defaults to one recovered weapon per 20 registry items (at least 60). `progress`,
    if given, is called as progress(stage, done, total) with stage "registry" or "recoveries".
    """
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    if seed < 0:
        raise InputError(f"--seed must not be negative (got {seed})")
    n_rec = max(60, items // 20) if recoveries is None else recoveries
    if n_rec < 1:
        raise InputError(f"--recoveries must be at least 1 (got {n_rec})")
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError(f"{out}: exists and is not a directory")
    out.mkdir(parents=True, exist_ok=True)
    skeleton = plan(items, seed)
    writers = {name: TableWriter(out, name, fmt) for name in TABLES}
    try:
        done = [0, 0]

        def reg_step(n: int) -> None:
            done[0] += n
            if progress:
                progress("registry", done[0], items)

        def rec_step(n: int) -> None:
            done[1] += n
            if progress:
                progress("recoveries", done[1], n_rec)

        counts = write_registry(skeleton, writers["registry"], writers["transfers"], progress=reg_step)
        rec_step(0)
        counts.update(write_incidents(
            skeleton, n_rec, writers["incidents"], writers["recoveries"], writers["truth"],
            writers["transfers"], progress=rec_step,
        ))  # fmt: skip
    finally:
        for w in writers.values():
            w.close()
    counts.update({f"{name}_rows": w.rows for name, w in writers.items()})
    counts["consignments"] = skeleton.consignments
    return Scenario(out, fmt, seed, items, {n: w.path for n, w in writers.items()}, counts)
