"""The background model ("a random serial like the registry's") counts items, as N and the prior do: each
number of a range record is one serial. Counted once, by its first serial, a wide range grew N (and so
shrank every record's prior) without making "absent" any likelier in step: a 1e7-number range took an exact
serial's probability from 0.97 to 0.80 (review S2). The range's digits are counted in closed form, never by
listing the range: the counts must be those of the list."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest

from armstrace.linkage import Matcher
from armstrace.linkage.keys import code_column
from armstrace.linkage.scoring import Background, Spans

# (prefix, first, last, width): across a carry, from 0, a one-digit range, a width-18 number
RANGES = [
    ("W", 1004000, 1004999, 7),
    ("FN", 5, 1234, 6),
    ("", 0, 9, 1),
    ("Q", 99, 101, 3),
    ("K7", 0, 37, 2),
    ("ZZ", 123456, 200001, 6),
    ("AB", 10**17 - 3, 10**17 + 2, 18),
]
SINGLES = ["AB123", "X99", "W0001234", "ZZ000001"]


def _spans(ranges: list[tuple[str, int, int, int]]) -> Spans:
    first = code_column(pa.array([p + str(lo).zfill(w) for p, lo, _, w in ranges]))
    lo, hi, width = (np.array([r[k] for r in ranges], dtype=np.int64) for k in (1, 2, 3))
    return first, lo, hi, width


def _same(fast: Background, listed: Background) -> None:
    assert fast.total == listed.total
    n = max(len(fast.length_counts), len(listed.length_counts))
    assert np.array_equal(
        np.pad(fast.length_counts, (0, n - len(fast.length_counts))),
        np.pad(listed.length_counts, (0, n - len(listed.length_counts))),
    )
    assert fast.by_length.keys() == listed.by_length.keys()
    for length, counts in listed.by_length.items():
        assert np.array_equal(fast.by_length[length], counts), length
    assert np.array_equal(fast.overall, listed.overall)


def test_a_range_counts_as_the_list_of_its_serials() -> None:
    listed = SINGLES + [p + str(x).zfill(w) for p, lo, hi, w in RANGES for x in range(lo, hi + 1)]
    fast = Background(code_column(pa.array(SINGLES)), _spans(RANGES))
    _same(fast, Background(code_column(pa.array(listed))))
    assert fast.by_length[8][1:, ord("0") : ord("9") + 1].sum() > 0  # the digits counted, not only the prefix


def test_random_small_ranges_count_as_their_lists() -> None:
    rng = random.Random(7)
    for _ in range(20):
        ranges = []
        for _ in range(rng.randint(1, 5)):
            width = rng.randint(1, 5)
            lo = rng.randrange(10**width)
            ranges.append(
                (rng.choice(["", "A", "XY", "B9"]), lo, rng.randint(lo, min(10**width - 1, lo + 3000)), width)
            )
        listed = [p + str(x).zfill(w) for p, lo, hi, w in ranges for x in range(lo, hi + 1)]
        _same(
            Background(code_column(pa.array(SINGLES)), _spans(ranges)),
            Background(code_column(pa.array(SINGLES + listed))),
        )


def _registry(tmp_path: Path, extra: str) -> Path:
    rng = random.Random(3)
    rows = ["R0,W0095601,", "R1,FN1084920,"]
    rows += [f"S{k},{rng.choice(['W', 'FN', 'KA'])}{rng.randrange(10**7):07d}," for k in range(2, 3000)]
    path = tmp_path / "reg.csv"
    path.write_text("record_id,serial,serial_end\n" + "\n".join(rows) + "\n" + extra)
    return path


@pytest.mark.parametrize("reading", ["W0095601", "FN1084920"])
def test_a_wide_range_leaves_an_ordinary_exact_serial_its_probability(tmp_path: Path, reading: str) -> None:
    """Review case: a 1e6-number range elsewhere in the registry (another series) took an exact serial from
    0.97 to 0.95 in a 160,000-record registry; counted as items, the absent weapon's background shrinks in
    step with the prior (the registry's serials are mostly the range's), and the probability stays."""
    plain = Matcher.from_file(_registry(tmp_path, ""))
    wide = Matcher.from_file(_registry(tmp_path, "BIG,QA1000000,QA1999999\n"))
    assert wide.n_items == plain.n_items + 1_000_000
    p_plain = plain.search(reading, limit=1)[0].probability
    got = wide.search(reading, limit=1)[0]
    assert got.record_id == ("R0" if reading.startswith("W") else "R1")
    assert p_plain > 0.99
    # odds of the record against the rest: counted once, the range cut them 2.6-fold here (0.9987 -> 0.9966)
    ratio = (got.probability / (1 - got.probability)) / (p_plain / (1 - p_plain))
    assert 0.9 < ratio < 1.1
    assert got.probability == pytest.approx(p_plain, abs=5e-4)
