"""A registry's serial shapes as integer codes (``shape_codes``): each row's shape, number and density are those
its shape name gives, in plain Python and compiled alike."""

from __future__ import annotations

import random
import re
from types import SimpleNamespace

import numpy as np
import pyarrow as pa
import pytest
from benchmarks.registry_gen import generate_registry

from armstrace.linkage import Matcher, density, kernels, shape_codes
from armstrace.linkage.neighbour_rows import literal_rows_numpy
from armstrace.linkage.shape_codes import ShapeCodes
from armstrace.serials import skeleton

_SHAPE = re.compile(r"^(.*?)([0-9]*)([^0-9]*)$")


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    registry = generate_registry(3000, seed=67)
    ranges = pa.table(
        {
            "record_id": ["G1", "G2", "G3", "G4"],
            "serial": ["W1004000", "FN20500", "7700100", "QZ10"],
            "serial_end": ["W1004999", "FN20599", "7700350", "QZ99"],
        }
    )
    table = pa.concat_tables([registry.select(["record_id", "serial"]), ranges.select(["record_id", "serial"])])
    ends = [None] * registry.num_rows + ranges.column("serial_end").to_pylist()
    return Matcher.from_table(table.append_column("serial_end", pa.array(ends, type=pa.string())))


def _loops(compiled: bool) -> SimpleNamespace:
    if compiled:
        kernels.compiled()
        loops = shape_codes.loaded()
        assert loops is not None
        return loops
    return SimpleNamespace(
        row_densities=shape_codes.row_densities, row_shapes=shape_codes.row_shapes, shape_table=shape_codes.shape_table
    )


def _readings(m: Matcher) -> list[str]:
    """Registry serials, some with a digit changed, a digit before the number, or cut; range members, odd shapes."""
    rng = random.Random(11)
    out = []
    for s in [skeleton(x) for x in m.norm.to_pylist()[:300] if x]:
        chars = list(s)
        if rng.random() < 0.5:
            chars[rng.randrange(len(chars))] = str(rng.randrange(10))
        if rng.random() < 0.2:
            chars.insert(rng.randrange(len(chars)), str(rng.randrange(10)))
        out.append("".join(chars[: -1 if rng.random() < 0.1 else None]))
    out += ["W1004000", "W1005000", "FN20550", "7700350", "7700351", "QZ42", "Q7Z42", "X", "12AB", "A1B2C3"]
    return [*out, "0" * 25 + "17", "123456789012345678901", "W10O4001", "A-1/B 22"]


def _grid(skels: list[str]) -> tuple[np.ndarray, ...]:
    lengths = np.fromiter(map(len, skels), dtype=np.int64)
    base = np.array(skels, dtype=f"S{int(lengths.max())}").view(np.uint8).reshape(len(skels), -1)
    rows = literal_rows_numpy(base)
    return (*rows, lengths[rows[1]])


@pytest.mark.parametrize("compiled", [False, True])
def test_each_rows_shape_code_names_its_shape_and_number(matcher: Matcher, compiled: bool) -> None:
    """A row's code is its shape's (head, digit count, tail: the last run of digits) when the density knows the
    shape or a range group has it, else -1; its number is the run's last 18 digits."""
    loops = _loops(compiled)
    codes = ShapeCodes(matcher.density, loops)
    skels = [s for s in _readings(matcher) if s.isascii()]
    grid, *_, lengths = _grid(skels)
    got, numbers = codes.codes(loops, grid, lengths, 18)
    seen = set()
    for row, length, code, number in zip(grid, lengths.tolist(), got.tolist(), numbers.tolist(), strict=True):
        head, digits, tail = _SHAPE.match(bytes(row[:length]).decode()).groups()  # type: ignore[union-attr]
        name = f"{head}\x1f{len(digits)}\x1f{tail}"
        known = bool(digits) and (
            matcher.density.known(name) or (not tail and (head, len(digits)) in matcher.ranges.groups)
        )
        assert (codes.names[code] if code >= 0 else None) == (name if known else None)
        assert number == (int(digits[-18:]) if digits else 0)
        seen.add(known)
    assert seen == {True, False}


@pytest.mark.parametrize("compiled", [False, True])
def test_rows_densities_by_shape_code_are_those_by_shape_name(matcher: Matcher, compiled: bool) -> None:
    """``_density_shapes`` (codes, one loop) gives ``_density_codes``' densities (names, groups) to the last bit:
    a search's reading at a time and several together, shapes with range records and without."""
    loops = _loops(compiled)
    codes = ShapeCodes(matcher.density, loops)
    skels = [s for s in _readings(matcher) if s.isascii()]
    for k in range(0, len(skels), 3):
        for asks in (skels[k : k + 1], skels[k : k + 3]):
            grid, owner, _, reading, pos, rows, was, now, lengths = _grid(asks)
            want = matcher.absence._density_codes(asks, grid, owner, reading, pos, rows, was, now)
            got = matcher.absence._density_shapes(loops, codes, grid, lengths)
            assert got.tobytes() == want.tobytes(), asks
    read = codes.state == 1
    assert (codes.group[read] >= 0).any() and (codes.group[read] < 0).any()  # both kinds of series exercised


@pytest.mark.parametrize("compiled", [False, True])
def test_density_at_by_shape_code_is_at_by_name(
    matcher: Matcher, compiled: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``Density.at`` of a few serials by their shape codes gives what the shape names give."""
    kernels.compiled()
    loops = _loops(compiled)
    codes = ShapeCodes(matcher.density, loops)
    skels = [s for s in _readings(matcher) if s.isascii()]
    asks = [skels[k : k + 9] for k in range(0, len(skels), 9)]
    monkeypatch.setattr(density, "shape_codes", lambda d: None)
    want = [matcher.density.at(a) for a in asks]
    monkeypatch.setattr(density, "shape_codes", lambda d: (loops, codes))
    got = [matcher.density.at(a) for a in asks]
    assert all(g.tobytes() == w.tobytes() for g, w in zip(got, want, strict=True))
    assert np.concatenate(want).any()


def test_a_shard_density_is_not_coded() -> None:
    """A density that counts series its own way (a subclass: a shard's) keeps its own look-ups."""
    kernels.compiled()
    m = Matcher.from_table(pa.table({"record_id": ["R1"], "serial": ["W0095601"]}))
    assert shape_codes.shape_codes(m.density) is not None
    m.density.__class__ = type("Counted", (density.Density,), {})
    assert shape_codes.shape_codes(m.density) is None
