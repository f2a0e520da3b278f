"""Candidate verification and batch look-ups that changed how they run, not what they answer: the compiled
OSA distance against RapidFuzz's, the index's sorted exact look-up against a set, and EM's E step worked
out on the forked workers' parts against the whole batch in one process."""

from __future__ import annotations

import random

import numpy as np
import pyarrow as pa
import pytest
from rapidfuzz.distance import OSA

from armstrace.linkage import Matcher, kernels, sorted_keys
from armstrace.linkage.index import SerialIndex
from armstrace.linkage.xref import cross_check


def _random_pairs(seed: int, n: int) -> tuple[list[bytes], list[bytes], np.ndarray, np.ndarray]:
    rng = random.Random(seed)
    reads = ["".join(rng.choice("AB01") for _ in range(rng.randint(0, 9))).encode() for _ in range(60)]
    keys = ["".join(rng.choice("AB01") for _ in range(rng.randint(1, 11))).encode() for _ in range(80)]
    keys += [r[:i] + r[i + 1 : i + 2] + r[i : i + 1] + r[i + 2 :] for r in reads for i in range(len(r) - 1)][:40]
    owner = np.array([rng.randrange(len(reads)) for _ in range(n)], dtype=np.int64)
    pos = np.array([rng.randrange(len(keys)) for _ in range(n)], dtype=np.int32)
    return reads, keys, owner, pos


@pytest.mark.parametrize("cutoff", [0, 1, 2, 3])
def test_compiled_osa_is_rapidfuzz_osa_with_its_cutoff(cutoff: int) -> None:
    """Every pair's distance (or cutoff + 1 beyond it) equals RapidFuzz's, in Python and compiled, on short
    strings of few letters (transpositions, repeats and length differences of every size)."""
    reads, keys, owner, pos = _random_pairs(cutoff, 3000)
    width = max(len(k) for k in keys) + 1
    grid = np.zeros((len(reads), max(len(r) for r in reads)), dtype=np.uint8)
    for i, r in enumerate(reads):
        grid[i, : len(r)] = np.frombuffer(r, dtype=np.uint8)
    lengths = np.array([len(r) for r in reads], dtype=np.int64)
    key_grid = np.array(keys, dtype=f"S{width}").view(np.uint8).reshape(len(keys), width)
    want = [OSA.distance(reads[o], keys[p], score_cutoff=cutoff) for o, p in zip(owner, pos, strict=True)]
    plain = kernels.osa_pairs(grid, lengths, key_grid, owner, pos, cutoff)
    fast = kernels.compiled().osa_pairs(grid, lengths, key_grid, owner, pos, cutoff)
    assert plain.tolist() == want and fast.tolist() == want
    assert 0 < sum(d <= cutoff for d in want) < len(want)


def test_fuzzy_lookups_verified_compiled_are_those_verified_by_rapidfuzz(monkeypatch: pytest.MonkeyPatch) -> None:
    serials = [f"KA{i:06d}" for i in range(0, 30_000, 3)] + ["K4A00017", "AK000300", "KA0000003"]
    index = SerialIndex(pa.array(serials), np.arange(len(serials)))
    rng = random.Random(3)
    skels = [s[:i] + rng.choice("0123456789AK") + s[i + 1 :] for s in rng.sample(serials, 300) for i in (2, 5)]
    skels += ["KA00001", "A000300", "KA0000003", "ZZ"]
    edits = [rng.choice([0, 1, 2]) for _ in skels]
    monkeypatch.setattr(kernels, "_COMPILED", None)
    want = index.fuzzy_many(skels, edits)
    index.compile_verify()
    assert kernels.loaded() is not None
    got = index.fuzzy_many(skels, edits)
    assert all(a.tolist() == b.tolist() for a, b in zip(want, got, strict=True))
    assert len(want[0]) > 600


def test_contains_is_membership() -> None:
    """The sorted single look-up answers as a set does: duplicates, unsorted needles, keys too long for the
    index's width and the empty key."""
    serials = ["KA000123", "KA000124", "B7", "KA000123", "ZZ9999999"]
    index = SerialIndex(pa.array(serials), np.arange(len(serials)))
    skels = ["ZZ9999999", "KA000123", "KA00012", "KA0001234", "B7", "B", "", "ZZ99999999", "KA000124", "B7"]
    skels += ["ZZ9999999\x00", "KA00012\x00", "Ж7"]
    assert index.contains(skels).tolist() == [s in set(serials) for s in skels]
    assert SerialIndex(pa.array([], type=pa.string()), np.zeros(0)).contains(["A1"]).tolist() == [False]


def test_em_on_the_workers_parts_is_the_whole_batchs() -> None:
    """The E step on each worker's part, summed, gives the model of the batch in one process, also when one
    part has no candidates at all and a field is observed in one part only."""
    serials = [f"KA{i:06d}" for i in range(0, 40_000, 7)]
    makers = ["Colt" if i % 3 else "Norinco" for i in range(len(serials))]
    m = Matcher.from_table(
        pa.table({"record_id": [str(i) for i in range(len(serials))], "serial": serials, "manufacturer": makers})
    )
    readings = [s if i % 4 else s[:-2] + s[-1] + s[-2] for i, s in enumerate(serials[:600])]
    readings += [f"QX{i:04d}Z" for i in range(300)]  # the last worker's: nothing near them
    observed = [makers[i] if i < 300 else None for i in range(900)]
    rec = pa.table({"recovery_id": [str(i) for i in range(900)], "serial": readings, "manufacturer": observed})
    one = cross_check(m, rec, limit=3, workers=1)
    three = cross_check(m, rec, limit=3, workers=3)
    assert one.model.source == "em" and one.model == three.model
    assert one.rows == three.rows


@pytest.mark.parametrize("packed", [False, True], ids=["byte strings", "integers"])
def test_prefix_bounds_are_two_binary_searches(packed: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """A range whose first key is not below its high needle is empty without a second search: the bounds
    are those of searching both ends, for prefixes and whole keys, present, absent and past the end (keys
    held as integers: the same ranges, but one holding a character no key holds is empty at 0)."""
    if not packed:
        monkeypatch.setattr(sorted_keys, "_PACK_BITS", 0)
    rng = random.Random(9)
    serials = sorted({"".join(rng.choice("AB019") for _ in range(rng.randint(2, 7))) for _ in range(400)})
    index = SerialIndex(pa.array(serials), np.arange(len(serials)))
    arr = index.forward
    assert (arr.packer is not None) == packed
    width = arr.width
    keys = arr.at(np.arange(len(arr.rows)))
    prefixes = ["".join(rng.choice("AB019Z") for _ in range(rng.randint(0, width + 1))) for _ in range(500)]
    prefixes += ["ZZZ", "", "99999", serials[-1]]
    needles = np.zeros((len(prefixes), width + 2), dtype=np.uint8)
    for i, p in enumerate(prefixes):
        needles[i, : len(p)] = np.frombuffer(p.encode(), dtype=np.uint8)
    lengths = np.array([len(p) for p in prefixes], dtype=np.int64)
    exact = np.array([rng.random() < 0.3 for _ in prefixes])
    lo, hi = arr.bounds(needles, lengths, exact)
    for i, p in enumerate(prefixes):
        if len(p) >= width or (packed and "Z" in p):
            assert lo[i] == hi[i] == 0
            continue
        low = p.encode()
        high = low + (b"\x01" if exact[i] else b"\xff")
        assert lo[i] == np.searchsorted(keys, np.array([low], dtype=f"S{width}"))[0]
        assert hi[i] == np.searchsorted(keys, np.array([high], dtype=f"S{width}"))[0]
    assert (hi > lo).sum() > 50 and (hi == lo).sum() > 50
