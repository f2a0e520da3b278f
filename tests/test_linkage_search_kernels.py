"""A search's compiled look-ups (``search_kernels``) give what the NumPy steps give, serial by serial."""

from __future__ import annotations

import random
from types import SimpleNamespace
from typing import Any

import numpy as np
import pyarrow as pa
import pytest
from benchmarks.registry_gen import generate_registry

from armstrace.linkage import Matcher, kernels, search_kernels
from armstrace.serials import parse_query, skeleton


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    registry = generate_registry(3000, seed=61)
    ranges = pa.table(
        {
            "record_id": ["G1", "G2", "G3"],
            "serial": ["W1004000", "FN20500", "7700100"],
            "serial_end": ["W1004999", "FN20599", "7700350"],
        }
    )
    table = pa.concat_tables([registry.select(["record_id", "serial"]), ranges.select(["record_id", "serial"])])
    ends = [None] * registry.num_rows + ranges.column("serial_end").to_pylist()
    return Matcher.from_table(table.append_column("serial_end", pa.array(ends, type=pa.string())))


def _serials(m: Matcher) -> list[str]:
    """Registry serials, some with a digit changed or cut short, range members and odd shapes."""
    rng = random.Random(5)
    out = []
    for s in [skeleton(x) for x in m.norm.to_pylist()[:400] if x]:
        chars = list(s)
        if rng.random() < 0.6:
            chars[rng.randrange(len(chars))] = str(rng.randrange(10))
        out.append("".join(chars[: -1 if rng.random() < 0.1 else None]))
    out += ["W1004000", "W1004999", "W1005000", "W1003999", "FN20550", "FN2055", "7700350", "7700351", "7700099"]
    out += ["X", "AB", "12AB", "A1B2C3", "0" * 25 + "17", "W10O4001", "123456789012345678901"]
    return out


def _alike(m: Matcher, loops: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    serials = _serials(m)
    literals = [s for s in serials if s.isascii()]
    fills = m.absence.serials(parse_query("W10040?3")) or []
    asks = [serials[k : k + 7] for k in range(0, len(serials), 7)] + [fills]
    monkeypatch.setattr(search_kernels, "loaded", lambda: loops)
    fast = (
        [m.index.contains(a) for a in asks],
        [m.ranges.holds(a) for a in asks],
        [m.density.at(a) for a in asks],
        [m.absence._look_up_literals([s]) for s in literals],
        [m.index.fuzzy_many([s], [k]) for s in literals[::6] for k in (1, 2)],
    )
    monkeypatch.setattr(search_kernels, "loaded", lambda: None)
    slow = (
        [m.index.contains(a) for a in asks],
        [m.ranges.holds(a) for a in asks],
        [m.density.at(a) for a in asks],
        [m.absence._look_up_literals([s]) for s in literals],
        [m.index.fuzzy_many([s], [k]) for s in literals[::6] for k in (1, 2)],
    )
    for got, want in zip(fast[:3], slow[:3], strict=True):
        assert all(np.array_equal(a, b) for a, b in zip(got, want, strict=True))
    for [(_, reg_a, at_a)], [(_, reg_b, at_b)] in zip(fast[3], slow[3], strict=True):
        assert np.array_equal(reg_a, reg_b) and np.array_equal(at_a, at_b)
    for found, expected in zip(fast[4], slow[4], strict=True):  # a single reading's probes (``probe_lookup``)
        assert all(np.array_equal(a, b) for a, b in zip(found, expected, strict=True))
    assert sum(len(rows) for _, rows, _ in slow[4]) > len(slow[4])
    assert any(h.any() for h in slow[1]) and any(c.any() for c in slow[0]) and any(d.any() for d in slow[2])


def test_the_loops_in_python_answer_as_numpy(matcher: Matcher, monkeypatch: pytest.MonkeyPatch) -> None:
    """The loops' own logic, run as plain Python (no numba)."""
    loops = SimpleNamespace(**{name: getattr(search_kernels, name) for name in search_kernels.__all__})
    _alike(matcher, loops, monkeypatch)


def test_the_compiled_loops_answer_as_numpy(matcher: Matcher, monkeypatch: pytest.MonkeyPatch) -> None:
    kernels.compiled()
    loops = search_kernels.loaded()
    assert loops is not None
    _alike(matcher, loops, monkeypatch)
