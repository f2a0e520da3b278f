"""A search's compiled look-ups (``search_kernels``) give what the NumPy steps give, serial by serial."""

from __future__ import annotations

import random
from types import SimpleNamespace
from typing import Any

import numpy as np
import pyarrow as pa
import pytest
from benchmarks.registry_gen import generate_registry

from armstrace.linkage import Matcher, kernels, literal_lookup, neighbour_rows, pairs, search_kernels
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


def _pairs(seed: int) -> tuple[list[Any], np.ndarray, np.ndarray, np.ndarray]:
    """Readings (literals, ``?``, sets) and candidates as ``channel.classify_pairs`` takes them: a candidate
    is a reading's copy with lookalikes, swaps (runs of them: ABAB against BABA), drops and extra characters."""
    rng = random.Random(seed)
    alphabet = "0123456789ABOSZ8IL1"
    readings: list[Any] = []
    owner, cands = [], []
    for r in range(60):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 10)))
        if rng.random() < 0.2:
            text = "AB" * rng.randrange(2, 5)
        codes: list[Any] = list(text.encode())
        for k in range(len(codes)):
            roll = rng.random()
            codes[k] = None if roll < 0.05 else frozenset(b"38") if roll < 0.1 else codes[k]
        readings.append(codes)
        for _ in range(rng.randrange(1, 40)):
            chars = list(text)
            for _ in range(rng.randrange(0, 3)):
                k = rng.randrange(len(chars))
                roll = rng.random()
                if roll < 0.4 and k + 1 < len(chars):
                    chars[k], chars[k + 1] = chars[k + 1], chars[k]
                elif roll < 0.7:
                    chars[k] = rng.choice(alphabet)
                elif roll < 0.85 and len(chars) > 1:
                    del chars[k]
                else:
                    chars.insert(k, rng.choice(alphabet))
            owner.append(r)
            cands.append("".join(chars)[:15])
    width = 16
    grid = np.zeros((len(cands), width), dtype=np.uint8)
    for i, c in enumerate(cands):
        grid[i, : len(c)] = list(c.encode())
    return readings, np.array(owner, dtype=np.int64), grid, np.array([len(c) for c in cands], dtype=np.int64)


@pytest.mark.parametrize("compiled", [False, True])
def test_pair_counts_answer_as_numpy(compiled: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """``pair_counts`` (run as plain Python, and compiled) gives ``channel.classify_pairs`` the counts and hard
    errors of its NumPy steps, for equal lengths and for every placement of dropped or extra characters
    (the first most likely kept), also where an operation cannot happen (a cost of -inf: NaN placements)."""
    from armstrace.linkage import channel

    if compiled:
        kernels.compiled()
        loops = search_kernels.loaded()
    else:
        loops = SimpleNamespace(equal_counts=search_kernels.equal_counts, pair_counts=search_kernels.pair_counts)
    costs = np.log([0.9, 0.05, 0.02, 0.01, 0.005, 0.01, 0.01, 0.02])
    never = costs.copy()
    never[channel.OPS.index("insert")] = -np.inf  # every pair with an extra character: no placement is kept
    delete = channel.OPS.index("delete")
    dropped_two = False  # two dropped characters: placements of pairs of positions
    for seed, op_cost in [(0, costs), (1, costs), (2, costs), (3, costs), (4, never)]:
        readings, owner, grid, lengths = _pairs(seed)
        monkeypatch.setattr(search_kernels, "loaded", lambda: None)
        with np.errstate(invalid="ignore"):  # 0 x -inf: NumPy warns of the NaN the loop reads as not kept
            want = channel.classify_pairs(readings, owner, grid, lengths, op_cost, np.log(0.5))
        monkeypatch.setattr(search_kernels, "loaded", lambda: loops)
        with np.errstate(invalid="ignore"):
            got = channel.classify_pairs(readings, owner, grid, lengths, op_cost, np.log(0.5))
        assert np.array_equal(got[0], want[0]) and np.array_equal(got[1], want[1])
        transpose = channel.OPS.index("transpose")
        assert (want[0][:, transpose] > 0).any() and (want[1] > 0).any() and (want[0][:, 1:5] > 0).any()
        dropped_two |= bool((want[0][:, delete] == 2).any())
    assert dropped_two


@pytest.mark.parametrize("compiled", [False, True])
def test_literal_rows_are_the_numpy_steps_rows(compiled: bool) -> None:
    """A reading's rows and its digits' bookkeeping (``literal_rows``) equal NumPy's, type and shape included,
    for readings with no digit, all digits, and several readings at once."""
    if compiled:
        kernels.compiled()
    loop = search_kernels.loaded().literal_rows if compiled else search_kernels.literal_rows  # type: ignore[union-attr]
    rng = random.Random(3)
    batches = [["ABC"], ["0123456789"], ["W1004000", "X", "12-A7/B0"]]
    batches += [[rng.choice(["", "7"]) + "".join(rng.choice("09AB-") for _ in range(rng.randrange(1, 11)))
                 for _ in range(rng.randrange(1, 6))] for _ in range(40)]  # fmt: skip
    for skels in batches:
        width = max(map(len, skels))
        base = np.array(skels, dtype=f"S{width}").view(np.uint8).reshape(len(skels), width)
        for got, want in zip(loop(base), neighbour_rows.literal_rows_numpy(base), strict=True):
            assert got.dtype == want.dtype and np.array_equal(got, want)


@pytest.mark.parametrize("compiled", [False, True])
def test_a_single_readings_fused_look_up_answers_as_contains_and_fuzzy_many(
    matcher: Matcher, compiled: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``literal_lookup.fuzzy_one`` (``fuzzy_rows`` as plain Python, and compiled) gives the rows
    and distances ``contains`` then ``fuzzy_many`` give (one edit away at most for a registry key)."""
    kernels.compiled()
    assert search_kernels.loaded() is not None
    fused = literal_lookup.loaded() if compiled else SimpleNamespace(fuzzy_rows=literal_lookup.fuzzy_rows)
    monkeypatch.setattr(literal_lookup, "loaded", lambda: fused)
    monkeypatch.setattr(matcher.index, "fused_plans", {})
    found = 0
    for s in [x for x in _serials(matcher) if x.isascii()]:
        for k in (0, 1, 2):
            got = literal_lookup.fuzzy_one(matcher.index, s, k)
            hit = matcher.index.contains([s])[0]
            _, rows, dist = matcher.index.fuzzy_many([s], [min(k, 1) if hit else k])
            assert got is not None
            assert np.array_equal(got[0], rows) and np.array_equal(got[1], dist)
            assert got[0].dtype == rows.dtype and got[1].dtype == dist.dtype
            found += len(rows)
    assert found > 0


def test_a_single_readings_fused_look_up_waits_for_the_loops(matcher: Matcher, monkeypatch: pytest.MonkeyPatch) -> None:
    """Before the search loops are loaded (a short-lived process) the caller's NumPy steps answer."""
    monkeypatch.setattr(search_kernels, "loaded", lambda: None)
    assert literal_lookup.fuzzy_one(matcher.index, "W1004000", 2) is None


@pytest.mark.parametrize("compiled", [False, True])
def test_a_single_literal_readings_fused_counts_answer_as_classify_pairs(
    matcher: Matcher, compiled: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``pairs.classify`` of one literal reading (``literal_lookup.literal_counts`` as plain Python, and compiled:
    pairs' codes read by row, those inside a range from their serial) gives ``classify_pairs``' counts."""
    kernels.compiled()
    loops = search_kernels.loaded()
    assert loops is not None
    fused = literal_lookup.loaded()
    assert fused is not None
    if not compiled:
        fused = SimpleNamespace(literal_counts=literal_lookup.literal_counts, fuzzy_rows=literal_lookup.fuzzy_rows)
    inside_seen = 0
    for s in [x for x in _serials(matcher) if x.isascii()][::3]:
        queries = [parse_query(s)]
        owner, rows, _, inside = pairs.retrieve(matcher, queries, 2)
        monkeypatch.setattr(literal_lookup, "loaded", lambda: None)
        want = pairs.classify(matcher, queries, owner, rows, inside, matcher.model)
        monkeypatch.setattr(literal_lookup, "loaded", lambda: fused)
        got = pairs.classify(matcher, queries, owner, rows, inside, matcher.model)
        assert all(np.array_equal(a, b) for a, b in zip(got, want, strict=True))
        inside_seen += len(inside)
    assert inside_seen > 0
