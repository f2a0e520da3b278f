"""In-process A/B of the batch's batched steps against their former per-item code, in CPU seconds.

    PYTHONPATH=src:. python -m benchmarks.bench_batch_steps --keep DIR    # DIR from bench_xref_speed --keep

One process, the old and new code alternated three times (best of three): steadier than whole runs on a
shared machine. ``RangeIndex.search_many`` against one ``search`` per reading; ``Density.at`` against the
former window-by-window ``_shape_density`` (both shape by shape, NumPy); the shapes of a block in one compiled
pass (numba loaded, as a large batch has it) against shape by shape; single ``Density.at`` calls against blocks of
them; the absent-neighbour look-ups of a block's readings as strings (``look_up_many`` of ``serials``) against
codes (``look_up_readings``).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow.csv as pcsv

from armstrace.exceptions import QuerySyntaxError
from armstrace.identify.vocabulary import use_cache
from armstrace.linkage import density, kernels
from armstrace.linkage.density import Density
from armstrace.linkage.index import allowed_edits
from armstrace.linkage.matcher import Matcher
from armstrace.linkage.ranges import RangeHit, RangeIndex
from armstrace.serials import skeleton
from armstrace.settings import load_settings
from benchmarks.density_oracle import per_window_density

__all__ = ["main"]

_BLOCK = 512  # readings a block (``xref._SCORE_BATCH``)


def _search_each(r: RangeIndex, skels: list[str], edits: list[int]) -> list[list[RangeHit]]:
    """The former ``RangeIndex.search_many``: one ``search`` per reading the quick test lets through."""
    out: list[list[RangeHit]] = [[] for _ in skels]
    for k in sorted(set(edits)):
        idx = [i for i, e in enumerate(edits) if e == k]
        maybe = r.near([skels[i] for i in idx], min(k, 1))
        for i in np.asarray(idx, dtype=np.int64)[maybe].tolist():
            out[i] = r.search(skels[i], k)
    return out


def _cpu(fn: Callable[[], Any]) -> float:
    t0 = time.process_time()
    fn()
    return time.process_time() - t0


def main(argv: list[str] | None = None) -> dict[str, float]:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--keep", type=Path, required=True, help="a folder with registry.csv and recoveries.csv")
    args = ap.parse_args(argv)
    use_cache(load_settings().cache_dir)
    m = Matcher.from_file(args.keep / "registry.csv")
    queries = []
    for text in pcsv.read_csv(args.keep / "recoveries.csv").column("serial").to_pylist():
        try:
            queries.append(m.parse(str(text)))
        except QuerySyntaxError:
            continue
    skels = [skeleton(q.literal) for q in queries if q.is_literal]
    edits = [allowed_edits(len(s), m.max_edits) for s in skels]
    flat = [x for q in queries if not q.has_star for x in m.absence.serials(q) or ()]
    plain = [q for q in queries if not q.has_star]
    b, d = _BLOCK, _BLOCK * 30  # a block's absent-neighbour serials: ~30 a reading
    new_density = Density.shape_density
    compiled_kernel = density._kernel

    def numpy_only() -> None:
        return None

    density._kernel = numpy_only  # shape by shape (NumPy) but where the compiled pass is timed
    times: dict[str, list[float]] = {}

    def run(name: str, fn: Callable[[], Any]) -> None:
        times.setdefault(name, []).append(_cpu(fn))

    few = flat[:: max(1, len(flat) // 1000)][:1000]
    starts = range(0, len(skels), b)
    blocks = range(0, len(plain), b)
    for _ in range(3):
        run("ranges, search each", lambda: [_search_each(m.ranges, skels[i : i + b], edits[i : i + b]) for i in starts])
        run("ranges, search_many", lambda: [m.ranges.search_many(skels[i : i + b], edits[i : i + b]) for i in starts])
        Density.shape_density = per_window_density  # type: ignore[method-assign]
        run("density, window by window", lambda: [m.density.at(flat[i : i + d]) for i in range(0, len(flat), d)])
        Density.shape_density = new_density  # type: ignore[method-assign]
        run("density, windows at once", lambda: [m.density.at(flat[i : i + d]) for i in range(0, len(flat), d)])
        kernels.compiled()  # numba loaded, as a large batch has it: ``Density.at``'s shapes in one compiled pass
        density._kernel = compiled_kernel
        run(
            "density, shapes in one compiled pass",
            lambda: [m.density.at(flat[i : i + d]) for i in range(0, len(flat), d)],
        )
        density._kernel = numpy_only
        run(
            "absence, look_up_many of the serials (text)",
            lambda: [m.absence.look_up_many([m.absence.serials(q) for q in plain[i : i + b]]) for i in blocks],
        )
        run("absence, look_up_readings (codes)", lambda: [m.absence.look_up_readings(plain[i : i + b]) for i in blocks])
        run("density, 1,000 single calls", lambda: [m.density.at([x]) for x in few])
        run("density, the same in blocks of 30", lambda: [m.density.at(few[i : i + 30]) for i in range(0, 1000, 30)])
    print(f"{len(m):,} records, {len(skels):,} literal readings, {len(flat):,} absent-neighbour serials")
    best = {name: min(v) for name, v in times.items()}
    for name, v in times.items():
        print(f"| {name} | {best[name]:.3f} CPU s | runs {', '.join(f'{x:.3f}' for x in v)} |")
    return best


if __name__ == "__main__":
    main()
