"""The batch cross-check's output is pinned by a golden run: speed work must not change a candidate, a
probability (beyond 1e-9 on the six decimals written), an explanation or the estimated model.

Regenerate only for a deliberate change of the model: ``PYTHONPATH=src python -m tests.test_linkage_golden``.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

from benchmarks.noise import REALISTIC_MIX, make_recoveries
from benchmarks.registry_gen import generate_registry

from armstrace.linkage import Matcher
from armstrace.linkage.xref import cross_check

GOLDEN = Path(__file__).parent / "data" / "xref_golden.json.gz"


def _run(workers: int = 1) -> dict[str, Any]:
    registry = generate_registry(4000, seed=3)
    batch, _ = make_recoveries(registry, 240, seed=5, mix=REALISTIC_MIX)
    result = cross_check(Matcher(registry), batch, limit=10, min_probability=0.001, workers=workers)
    return {"rows": result.rows, "model": result.model.as_dict(), "matched": result.matched}


def _same_model(got: Any, want: Any, path: str = "model") -> None:
    if isinstance(want, dict):
        assert set(got) == set(want), path
        for k in want:
            _same_model(got[k], want[k], f"{path}.{k}")
    elif isinstance(want, float):
        assert abs(got - want) <= 1e-9, (path, got, want)
    else:
        assert got == want, path


def test_cross_check_matches_the_golden_run() -> None:
    want = json.loads(gzip.decompress(GOLDEN.read_bytes()))
    got = _run()
    assert got["matched"] == want["matched"]
    _same_model(got["model"], want["model"])
    assert len(got["rows"]) == len(want["rows"])
    for g, w in zip(got["rows"], want["rows"], strict=True):
        assert (g["recovery_id"], g["rank"], g["record_id"]) == (w["recovery_id"], w["rank"], w["record_id"])
        assert abs(g["probability"] - w["probability"]) <= 1e-9, (g, w)
        assert g["explanation"] == w["explanation"], (g, w)


def test_forked_workers_write_what_one_process_writes() -> None:
    assert _run(workers=2)["rows"] == _run(workers=1)["rows"]


if __name__ == "__main__":
    GOLDEN.write_bytes(gzip.compress(json.dumps(_run(), sort_keys=True).encode(), mtime=0))


def test_batch_probabilities_are_the_readings_own_bit_for_bit() -> None:
    """Ties between consecutive serials are common: a last-bit difference would reorder the ranks."""
    import numpy as np

    from armstrace.linkage.scored import score_batch

    registry = generate_registry(4000, seed=3)
    batch, _ = make_recoveries(registry, 120, seed=5, mix=REALISTIC_MIX)
    matcher = Matcher(registry)
    rows = batch.to_pylist()
    fields = ("manufacturer", "model", "calibre", "weapon_type", "country", "year")
    # every other reading gives its descriptive fields in reverse order (the sums must follow each reading)
    observed = [{f: r.get(f) for f in (fields if k % 2 else fields[::-1]) if r.get(f)} for k, r in enumerate(rows)]
    scored = matcher.score_many([matcher.parse(r["serial"]) for r in rows], observed)
    got = score_batch(scored, matcher.model, matcher.n_items)
    assert sum(len(s.fields) > 1 for s in scored) > 20
    for k, s in enumerate(scored):
        lo, hi = got.bounds[k], got.bounds[k + 1]
        if not len(s.rows):
            continue
        prob, w, p_absent = s.probabilities(matcher.model, matcher.n_items)
        assert np.array_equal(prob, got.prob[lo:hi]) and np.array_equal(w, got.w[lo:hi]), k
        assert p_absent == got.p_absent[k], k
