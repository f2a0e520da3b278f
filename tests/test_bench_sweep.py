"""The sweep's ECE breakdown: its bins add up to the ECE and name the faults that are wrong in them."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_matching import ece
from benchmarks.bench_sweep import _look_exact, ece_bins


def test_bins_add_up_to_the_ece_and_count_wrong_readings_by_fault() -> None:
    conf = [0.95, 0.96, 0.97, 0.94, 0.12, 0.10, 0.55]
    ok = [True, True, False, False, False, True, True]
    faults = ["exact", "exact", "substitution", "transposition", "absent", "deletion", "insertion"]
    bins = ece_bins(conf, ok, faults)
    assert sum(b["ece_share"] for b in bins) == pytest.approx(ece(conf, ok))
    top = bins[-1]
    assert top["n"] == 4
    assert top["accuracy"] == pytest.approx(0.5)
    assert top["faults"] == {"exact": 2, "substitution": 1, "transposition": 1}
    assert top["wrong"] == {"substitution": 1, "transposition": 1}
    assert [b["n"] for b in bins] == [2, 1, 4]


def test_no_readings_no_bins() -> None:
    assert ece_bins([], [], []) == []


def test_look_exact_readings_bound_what_calibration_can_give() -> None:
    # 8 exact readings and 2 misreads that landed on another registry serial, all given 0.95, in 20 readings
    group = [(0.95, True, False)] * 8 + [(0.95, False, True)] * 2
    look = _look_exact(group, 20)
    assert look["n"] == 10 and look["landed"] == 2
    assert look["best_recall_at_1"] == pytest.approx(0.8)
    assert look["mean_p1_landed"] == pytest.approx(0.95)
    assert look["floor"] == pytest.approx(10 / 20 * (0.90 - 0.8))  # p >= 0.90 over half of the readings
    assert look["p_for_ece"] == pytest.approx(0.8 + 0.03 * 20 / 10)
    assert _look_exact([(0.9, True, False)] * 4, 4)["floor"] == 0.0  # nothing landed: no floor
    assert _look_exact([], 5) == {}
