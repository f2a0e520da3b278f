"""The benchmark generators: faults are what they claim to be, and both generators are deterministic."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import OSA, Levenshtein

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.noise import FAULTS, REALISTIC_MIX, make_recoveries, skeleton, skeleton_array, strip
from benchmarks.registry_gen import generate_registry


@pytest.fixture(scope="module")
def registry() -> pa.Table:
    return generate_registry(30_000, seed=5)


@pytest.fixture(scope="module")
def readings(registry: pa.Table) -> list[dict[str, str | None]]:
    rec, truth = make_recoveries(registry, 1400, seed=9)
    assert rec["recovery_id"].to_pylist() == truth["recovery_id"].to_pylist()
    return [{**r, **t, "reading": r["serial"]} for r, t in zip(rec.to_pylist(), truth.to_pylist(), strict=True)]


def _query_regex(reading: str) -> re.Pattern[str]:
    """The query syntax as a regex over the stripped serial: ? one char, * any run, [38] one of."""
    q = strip(reading)
    out = ""
    i = 0
    while i < len(q):
        c = q[i]
        if c == "?":
            out += "."
        elif c == "*":
            out += ".*"
        elif c == "[":
            j = q.index("]", i)
            out += "[" + re.escape(q[i + 1 : j]) + "]"
            i = j
        else:
            out += re.escape(c)
        i += 1
    return re.compile(out)


def test_registry_shape_and_determinism(registry: pa.Table) -> None:
    assert registry.num_rows == 30_000
    assert pc.count_distinct(registry["record_id"]).as_py() == registry.num_rows
    assert {"record_id", "serial", "serial_end", "manufacturer", "model", "calibre", "weapon_type",
            "country", "year"} <= set(registry.column_names)  # fmt: skip
    assert all(f.type == pa.string() for f in registry.schema)
    assert generate_registry(30_000, seed=5).equals(registry)
    assert not generate_registry(30_000, seed=6).equals(registry)
    # clerical and cross-maker duplicates exist, and most fields are sometimes missing
    assert pc.count_distinct(registry["serial"]).as_py() < registry.num_rows
    assert registry["year"].null_count > 0 and registry["model"].null_count > 0


def test_range_rows_are_consistent(registry: pa.Table) -> None:
    ranges = registry.filter(pc.is_valid(registry["serial_end"])).to_pylist()
    assert ranges
    for r in ranges:
        a = re.fullmatch(r"(.*?)(\d+)", r["serial"])
        b = re.fullmatch(r"(.*?)(\d+)", r["serial_end"])
        assert a and b and a.group(1) == b.group(1)
        assert int(b.group(2)) - int(a.group(2)) + 1 == int(r["quantity"])


def test_registry_has_dense_consignments(registry: pa.Table) -> None:
    serials = set(registry["serial"].to_pylist())
    numeric = [s for s in serials if s.startswith("W")]
    assert sum(f"W{int(s[1:]) + 1:07d}" in serials for s in numeric) > 0.8 * len(numeric)


def test_every_fault_is_produced(readings: list[dict[str, str | None]]) -> None:
    assert {r["fault"] for r in readings} == set(FAULTS)


def test_faults_are_what_they_say(registry: pa.Table, readings: list[dict[str, str | None]]) -> None:
    by_id = {r["record_id"]: r for r in registry.to_pylist()}
    registry_skeletons = set(skeleton_array(registry["serial"]).to_pylist())
    for r in readings:
        reading, true, fault = str(r["reading"]), r["true_serial"], r["fault"]
        assert true is not None
        if fault != "absent":
            record = by_id[r["record_id"]]
            if fault != "range_member":
                assert record["serial"] == true
        a, b = skeleton(reading), skeleton(true)
        if fault in ("exact", "format"):
            assert strip(reading) == strip(true)
            assert fault == "exact" or reading != true
        elif fault == "confusable":
            assert a == b and strip(reading) != strip(true), (reading, true)
        elif fault == "edit1":
            assert Levenshtein.distance(a, b) == 1 and OSA.distance(a, b) == 1, (reading, true)
        elif fault == "edit2":
            assert Levenshtein.distance(a, b) == 2 and OSA.distance(a, b) == 2, (reading, true)
        elif fault == "transposition":
            assert OSA.distance(a, b) == 1 and Levenshtein.distance(a, b) == 2, (reading, true)
        elif fault.startswith("unknown"):
            k = int(fault[-1])
            assert strip(reading).count("?") + strip(reading).count("[") == k
            assert _query_regex(reading).fullmatch(strip(true)), (reading, true)
        elif fault == "prefix_unknown":
            assert strip(reading).startswith("*") and strip(true).endswith(strip(reading)[1:])
            assert len(strip(reading)) - 1 < len(strip(true))
        elif fault == "absent":
            assert r["record_id"] is None and a not in registry_skeletons
        elif fault == "dense_neighbour":
            assert len(a) == len(b) and Levenshtein.distance(a, b) == 1
            i = next(i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y)
            assert i >= len(b) - 3 and b[i].isdigit()
        elif fault == "range_member":
            record = by_id[r["record_id"]]
            lo, hi = strip(record["serial"]), strip(record["serial_end"])
            assert len(strip(reading)) == len(lo) and lo <= strip(reading) <= hi
        elif fault == "transliteration":
            assert strip(reading).isascii() and not strip(true).isascii()


def test_readings_carry_descriptive_hints(readings: list[dict[str, str | None]]) -> None:
    with_make = sum(r["manufacturer"] is not None for r in readings)
    assert 0.3 * len(readings) < with_make < 0.9 * len(readings)
    assert all(r["synthetic"] == "true" for r in readings)


@settings(max_examples=5, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_recoveries_deterministic_by_seed(registry: pa.Table, seed: int) -> None:
    small = registry
    first = make_recoveries(small, 120, seed=seed, mix=REALISTIC_MIX)
    again = make_recoveries(small, 120, seed=seed, mix=REALISTIC_MIX)
    other = make_recoveries(small, 120, seed=seed + 1, mix=REALISTIC_MIX)
    assert first[0].equals(again[0]) and first[1].equals(again[1])
    assert not first[0].equals(other[0])
    assert first[0].num_rows == 120


def test_unknown_fault_name_is_rejected(registry: pa.Table) -> None:
    with pytest.raises(ValueError, match="unknown faults"):
        make_recoveries(registry, 10, mix={"smudge": 1.0})
