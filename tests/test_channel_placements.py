"""The vectorised steps of a single search give the numbers of the step-by-step forms they replaced.

``channel.classify_pairs`` classifies every placement of a dropped or extra character at once, within a
memory budget (``_PLACEMENT_CELLS``): any budget gives the counts of one placement at a time (the former
loop, which kept a strictly better placement). ``_Packer.pack`` packs a search's few
needles as one matrix and a registry's keys a column at a time: the same integers either way.
"""

from __future__ import annotations

import math
import tracemalloc

import numpy as np
import pytest

from armstrace.linkage import channel, sorted_keys
from armstrace.linkage.alignment import OPS
from armstrace.linkage.keys import char_codes
from armstrace.linkage.scoring import ScoringModel

_ALPHABET = "0123456789ABCDEFGHMNOQSZ"


def _pairs(seed: int) -> tuple[list[str], list[str], np.ndarray, np.ndarray, np.ndarray]:
    """Readings, and serials one or two characters longer or shorter (or swapped, or changed) than them."""
    rng = np.random.default_rng(seed)
    readings = ["".join(rng.choice(list(_ALPHABET), int(rng.integers(3, 11)))) for _ in range(5)]
    owner = rng.integers(0, len(readings), 120)
    serials = []
    for i in owner.tolist():
        s = list(readings[i])
        for _ in range(int(rng.integers(1, 3))):
            at = int(rng.integers(0, len(s)))
            edit = int(rng.integers(0, 4))
            if edit == 0 and len(s) > 1:
                del s[at]
            elif edit == 1:
                s.insert(at, str(rng.choice(list(_ALPHABET))))
            elif edit == 2:
                s[at] = str(rng.choice(list(_ALPHABET)))
            elif at + 1 < len(s):
                s[at], s[at + 1] = s[at + 1], s[at]
        serials.append("".join(s))
    width = max(map(len, serials)) + 1
    cand = np.zeros((len(serials), width), dtype=np.uint8)
    for j, serial in enumerate(serials):
        cand[j, : len(serial)] = np.frombuffer(char_codes(serial), dtype=np.uint8)
    lengths = np.array([len(serial) for serial in serials], dtype=np.int64)
    return readings, serials, owner, cand, lengths


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_placements_classified_at_once_give_the_one_by_one_counts(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    model = ScoringModel()
    op_cost, hard_cost = model.op_cost(), math.log(model.hard_factor)
    readings, _, owner, cand, lengths = _pairs(seed)
    codes: list[channel.Reading] = [list(char_codes(r)) for r in readings]
    together = channel.classify_pairs(codes, owner, cand, lengths, op_cost, hard_cost)
    monkeypatch.setattr(channel, "_PLACEMENT_CELLS", 1)  # one placement at a time
    one_by_one = channel.classify_pairs(codes, owner, cand, lengths, op_cost, hard_cost)
    assert np.array_equal(together[0], one_by_one[0]) and np.array_equal(together[1], one_by_one[1])
    assert (lengths != np.array([len(readings[i]) for i in owner.tolist()])).sum() > 20  # placements were tried
    assert together[0][:, OPS.index("delete")].sum() > 0 and together[0][:, OPS.index("insert")].sum() > 0


def test_a_search_s_needles_pack_as_a_registry_s_keys() -> None:
    present = np.zeros(256, dtype=bool)
    present[[0, *range(0x30, 0x3A), *range(0x41, 0x5B)]] = True
    packer = sorted_keys._Packer.fitting(present, 10)
    assert packer is not None
    rng = np.random.default_rng(5)
    grid = rng.choice(np.flatnonzero(present).astype(np.uint8), size=(300, 10))
    grid[::7, 4] = 0xC8  # a byte no key holds: no key, no key's prefix
    small = packer.pack(grid)
    column_by_column = packer.pack(np.tile(grid, (sorted_keys._SMALL // len(grid) + 1, 1)))
    n = len(grid)
    assert np.array_equal(small[0], column_by_column[0][:n]) and np.array_equal(small[1], column_by_column[1][:n])
    assert not small[1][::7].any() and small[1][1::7].all()
    assert np.array_equal(packer.unpack(small[0][1:2]), grid[1:2].view("S10").ravel())


@pytest.mark.parametrize("seed", [1, 2])
def test_pairs_classified_in_chunks_give_the_same_counts(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    model = ScoringModel()
    op_cost, hard_cost = model.op_cost(), math.log(model.hard_factor)
    readings, _, owner, cand, lengths = _pairs(seed)
    codes: list[channel.Reading] = [list(char_codes(r)) for r in readings]
    whole = channel.classify_pairs(codes, owner, cand, lengths, op_cost, hard_cost)
    monkeypatch.setattr(channel, "_PAIR_CHUNK", 3)  # a group's pairs three at a time
    chunked = channel.classify_pairs(codes, owner, cand, lengths, op_cost, hard_cost)
    assert np.array_equal(whole[0], chunked[0]) and np.array_equal(whole[1], chunked[1])


def test_a_large_block_needs_little_more_memory_than_its_answers() -> None:
    """The per-pair working arrays (int64 indices, kinds, the bincount's keys) are chunked: at 600,000 pairs
    the peak stays within three times the answers' own arrays (over five times before the pairs were chunked)."""
    model = ScoringModel()
    n, length = 600_000, 12
    rng = np.random.default_rng(0)
    codes: list[channel.Reading] = [
        list(char_codes("".join(rng.choice(list("0123456789AB"), length)))) for _ in range(50)
    ]
    owner = rng.integers(0, 50, n)
    cand = rng.choice(np.frombuffer(b"0123456789AB", dtype=np.uint8), size=(n, length + 3))
    cand[:, length:] = 0
    lengths = np.full(n, length)
    tracemalloc.start()
    try:
        channel.classify_pairs(codes, owner, cand, lengths, model.op_cost(), math.log(model.hard_factor))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    answers = n * 8 * (len(OPS) + 1)
    assert peak < 3 * answers, (peak, answers)
