"""The single search's look-up chain: a plan's probes as one gather a sorted array (``probes.Stacked``)
and the compiled packed look-up (``kernels.packed_lookup``) give exactly what the NumPy steps give."""

from __future__ import annotations

import random
from types import SimpleNamespace

import numpy as np
import pyarrow as pa
import pytest

from armstrace.linkage import kernels
from armstrace.linkage.index import SerialIndex
from armstrace.linkage.probes import stacked
from armstrace.linkage.sorted_keys import MAX_CANDIDATES
from armstrace.linkage.wildcards import leading
from armstrace.serials import ANY, STAR, Element


def _index() -> SerialIndex:
    rng = random.Random(5)
    serials = [f"KA{i:06d}" for i in range(0, 30_000, 3)]
    serials += ["".join(rng.choice("0123456789ABKZ") for _ in range(rng.randint(3, 10))) for _ in range(3_000)]
    return SerialIndex(pa.array(serials), np.arange(len(serials)))


def _per_probe(
    index: SerialIndex, grid: np.ndarray, members: np.ndarray, n: int, k: int
) -> dict[int, list[tuple[np.ndarray, ...]]]:
    """The former construction, a probe at a time (the oracle)."""
    out: dict[int, list[tuple[np.ndarray, ...]]] = {}
    for probe in index._plan(n, k):
        block = grid[members][:, :n]
        src = probe.src
        needles = np.where(src >= 0, block[:, np.maximum(src, 0)], probe.chars).reshape(-1, src.shape[1])
        must = block[:, probe.must] if len(probe.must) else np.zeros((len(members), 0), dtype=np.uint8)
        owner = np.repeat(members, src.shape[0])
        lengths = np.tile(probe.lengths, len(members))
        exact = np.full(len(owner), probe.exact)
        out.setdefault(id(probe.array), []).append(
            (needles, lengths, owner, np.repeat(must, src.shape[0], axis=0), exact)
        )
    return out


def _strings(matrix: np.ndarray) -> list[bytes]:
    return [bytes(row).rstrip(b"\0") for row in matrix]


@pytest.mark.parametrize("k", [0, 1, 2])
@pytest.mark.parametrize("count", [1, 3])
def test_stacked_probes_are_the_probes_one_by_one_in_plan_order(k: int, count: int) -> None:
    """One reading or several: the same needles, lengths, owners, filters and exactness, in the same order
    (the order decides which candidates survive the cap), as the probes built one at a time."""
    index = _index()
    n = 8
    grid = np.frombuffer(b"KA000123KA000456KA029997", dtype=np.uint8).reshape(3, n).copy()
    members = np.arange(count)
    want = _per_probe(index, grid, members, n, k)
    for probes in stacked(index._plan(n, k)):
        parts = want.pop(id(probes.array))
        needles, lengths, owner, must, exact = probes.block(grid, members, n)
        assert _strings(needles) == [s for p in parts for s in _strings(p[0])]
        assert _strings(must) == [s for p in parts for s in _strings(p[3])]
        assert lengths.tolist() == np.concatenate([p[1] for p in parts]).tolist()
        assert owner.tolist() == np.concatenate([p[2] for p in parts]).tolist()
        assert exact.tolist() == np.concatenate([p[4] for p in parts]).tolist()
    assert not want


@pytest.mark.parametrize("limit", [7, MAX_CANDIDATES])
def test_packed_lookup_is_bounds_positions_and_the_end_filter(limit: int) -> None:
    """Compiled and as plain Python: the (needle, row) pairs of ``bounds``, ``positions`` (capped at
    ``limit`` in needle order) and the "ends with" filter, in their order."""
    index = _index()
    arr = index.forward
    assert arr.packer is not None
    rng = random.Random(2)
    width = arr.width
    prefixes = ["".join(rng.choice("0123456789AKZ") for _ in range(rng.randint(0, width + 1))) for _ in range(300)]
    prefixes += ["KA0", "KA00", "", "KA0299"]
    ends = [rng.choice(["", "", "3", "97", "Z"]) for _ in prefixes]
    needles = np.zeros((len(prefixes), width + 2), dtype=np.uint8)
    must = np.zeros((len(prefixes), 2), dtype=np.uint8)
    for i, (p, e) in enumerate(zip(prefixes, ends, strict=True)):
        needles[i, : len(p)] = np.frombuffer(p.encode(), dtype=np.uint8)
        must[i, : len(e)] = np.frombuffer(e.encode(), dtype=np.uint8)
    lengths = np.array([len(p) for p in prefixes], dtype=np.int64)
    exact = np.array([rng.random() < 0.2 for _ in prefixes])
    lo, hi = arr.bounds(needles, lengths, exact)
    pos, which = arr.positions(lo, hi, True, limit)
    keys = arr.at(pos)
    keep = [not ends[w] or key.endswith(ends[w].encode()) for w, key in zip(which.tolist(), keys, strict=True)]
    want = (which[keep].tolist(), arr.rows[pos[keep]].tolist())
    for loops in (SimpleNamespace(packed_lookup=kernels.packed_lookup), kernels.compiled()):
        got = arr.lookup(loops, needles, lengths, exact, must, limit)
        assert (got[0].tolist(), got[1].tolist()) == want
    assert len(want[0]) >= (7 if limit == 7 else 100)


def test_packed_bounds_are_the_numpy_bounds(monkeypatch: pytest.MonkeyPatch) -> None:
    """``SortedKeys.bounds`` with the compiled loops loaded, and the plain-Python loop, are the NumPy
    ranges: prefixes and whole keys, present, absent, too long, holding a byte no key holds."""
    arr = _index().forward
    rng = random.Random(4)
    width = arr.width
    prefixes = ["".join(rng.choice("0123456789AKZQ") for _ in range(rng.randint(0, width + 1))) for _ in range(400)]
    needles = np.zeros((len(prefixes), width + 1), dtype=np.uint8)
    for i, p in enumerate(prefixes):
        needles[i, : len(p)] = np.frombuffer(p.encode(), dtype=np.uint8)
    lengths = np.array([len(p) for p in prefixes], dtype=np.int64)
    exact = np.array([rng.random() < 0.3 for _ in prefixes])
    monkeypatch.setattr(kernels, "_COMPILED", None)
    lo, hi = arr.bounds(needles, lengths, exact)
    assert (hi > lo).sum() > 20
    for loops in (SimpleNamespace(packed_bounds=kernels.packed_bounds), kernels.compiled()):
        monkeypatch.setattr(kernels, "_COMPILED", loops)
        got = arr.bounds(needles, lengths, exact)
        assert got[0].tolist() == lo.tolist() and got[1].tolist() == hi.tolist()


def test_packed_walk_is_the_numpy_walk(monkeypatch: pytest.MonkeyPatch) -> None:
    """``SerialIndex.patterns`` walking each query in one compiled loop (``kernels.packed_walk``, compiled
    and as plain Python) gives the NumPy walk's ranges and rows: ``?``, sets, ``*``, characters no key
    holds, queries longer than a key, walks stopped by the prefix cap or by few keys left."""
    index = _index()
    rng = random.Random(9)
    pick = "0123456789ABKZQ"

    def element() -> Element:
        roll = rng.random()
        if roll < 0.3:
            return ANY
        if roll < 0.45:
            return frozenset(rng.sample(pick, rng.randint(2, 5)))
        if roll < 0.5:
            return STAR
        return rng.choice(pick)

    queries: list[list[Element]] = [[element() for _ in range(rng.randint(1, 13))] for _ in range(300)]
    queries += [["K", "A", *[ANY] * 6], [ANY] * 4, ["Q", ANY], [*"KA0012", ANY, ANY, ANY, ANY, ANY, ANY]]
    monkeypatch.setattr(kernels, "_COMPILED", None)
    heads = [leading(q) for q in queries]
    tails = [leading(list(reversed(q))) for q in queries]
    want = [index._walk_many(arr, h) for arr, h in ((index.forward, heads), (index.reverse, tails))]
    rows = [r.tolist() for r in index.patterns(queries)]
    assert sum(len(r) > 0 for r in rows) > 30
    for loops in (SimpleNamespace(packed_walk=kernels.packed_walk), kernels.compiled()):
        monkeypatch.setattr(kernels, "_COMPILED", loops)
        got = [index._walk_many(arr, h) for arr, h in ((index.forward, heads), (index.reverse, tails))]
        for w, g in zip(want, got, strict=True):
            assert [(a.tolist(), b.tolist()) for a, b in w] == [(a.tolist(), b.tolist()) for a, b in g]
        assert [r.tolist() for r in index.patterns(queries)] == rows
