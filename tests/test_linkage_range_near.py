"""``RangeIndex.near`` of a search's few readings (set look-ups) is the batch's answer (``cdist`` over the
stems): the same yes and no for readings one edit from a range's stem, and farther, of every length."""

from __future__ import annotations

import random

import numpy as np

from armstrace.linkage import ranges as ranges_module
from armstrace.linkage.ranges import RangeIndex
from armstrace.serials import skeleton


def _index() -> RangeIndex:
    rng = random.Random(2)
    out = []
    for row in range(60):
        prefix = rng.choice(["K", "KA", "ZB", "Ω"])
        width = rng.randint(4, 7)
        lo = rng.randrange(10 ** (width - 1))
        out.append((row, prefix, lo, lo + rng.randrange(1, 5_000), width))
    return RangeIndex(out)


def _readings(rng: random.Random, index: RangeIndex, n: int) -> list[str]:
    stems = [s for group in index._stems.values() for s in group]
    out = []
    for _ in range(n):
        start = (
            rng.choice(stems) if rng.random() < 0.5 else "".join(rng.choice("KQX") for _ in range(rng.randint(0, 3)))
        )
        s = list(start + "".join(rng.choice("0123456789") for _ in range(rng.randint(0, 4))))
        for _ in range(rng.randint(0, 2)):  # substitutions, insertions, deletions, transpositions
            kind, i = rng.randrange(4), rng.randrange(len(s) + 1)
            if kind == 0 and i < len(s):
                s[i] = rng.choice("0123456789KAZΩ")
            elif kind == 1:
                s.insert(i, rng.choice("0123456789KA"))
            elif kind == 2 and i < len(s):
                del s[i]
            elif i + 1 < len(s):
                s[i], s[i + 1] = s[i + 1], s[i]
        out.append(skeleton("".join(s)))
    return [*out, "", "7", "ΩΩΩΩΩΩΩΩ", "K" * 12]


def test_near_of_few_readings_is_the_batch_answer() -> None:
    index = _index()
    skels = _readings(random.Random(9), index, 3_000)
    batch = index.near(skels, 1)  # more than _FEW: cdist
    assert len(skels) > ranges_module._FEW
    few = np.concatenate([index.near(skels[i : i + 3], 1) for i in range(0, len(skels), 3)])
    assert few.tolist() == batch.tolist()
    assert 300 < int(batch.sum()) < len(skels) - 300
