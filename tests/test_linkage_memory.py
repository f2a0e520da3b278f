"""The index's smaller memory changes what it holds, not what it answers: item ids as int32 below 2^31 rows
(int64 above), candidates verified on the registry's codes by row (no forward-position map), the density's
shape runs held as offsets, not as a code per record, and the sorted keys held as order-preserving integers
where their characters fit in 64 bits."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest

from armstrace.linkage import Matcher, kernels, record_codes, sorted_keys
from armstrace.linkage.index import SerialIndex
from armstrace.linkage.keys import code_column, normalise_column, skeleton_codes, skeleton_elements


def _registry(n: int = 2000) -> pa.Table:
    serials = [f"AB{i:06d}" if i % 7 else f"ЖБ{i % 300:05d}" for i in range(n)]
    serials[5] = serials[9]  # one weapon recorded twice
    makes = ["Colt" if i % 3 else "FN Herstal" for i in range(n)]
    return pa.table({"record_id": [f"r{i}" for i in range(n)], "serial": serials, "manufacturer": makes})


def _answers(m: Matcher) -> list[list[tuple[str, float]]]:
    readings = ["AB000123", "AB00O123", "BA000123", "ЖБ00042", "AB0001?3", "AB0000*"]
    return [[(c.record_id, round(c.probability, 12)) for c in m.search(r, limit=20)] for r in readings]


def test_item_ids_are_int32_below_the_bound_and_int64_above_with_the_same_answers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    small = Matcher(_registry())
    assert small.items.dtype == np.int32
    monkeypatch.setattr(record_codes, "INT32_ROWS", 100)  # a registry "too large" for int32 ids
    large = Matcher(_registry())
    assert large.items.dtype == np.int64
    assert np.array_equal(small.items, large.items)
    assert large.index_bytes - small.index_bytes == 4 * len(small)
    assert _answers(small) == _answers(large)


@pytest.mark.parametrize("compiled", [False, True], ids=["rapidfuzz", "compiled"])
def test_verifying_on_the_callers_codes_equals_verifying_on_the_index_keys(
    compiled: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if compiled:
        monkeypatch.setattr(kernels, "loaded", kernels.compiled)
    else:
        monkeypatch.setattr(kernels, "loaded", lambda: None)
    table = _registry()
    codes = code_column(normalise_column(table.column("serial")))
    rows = np.arange(0, len(codes), 2, dtype=np.int32)  # a row not indexed is never a candidate
    by_codes = SerialIndex(skeleton_codes(codes[rows]), rows, codes=codes)
    by_keys = SerialIndex(skeleton_codes(codes[rows]), rows)
    readings = ["AB000124", "AB00O124", "BA000124", "ЖБ00042", "AB0012", "XX999999"]
    got, want = by_codes.fuzzy_many(readings, [2] * 6), by_keys.fuzzy_many(readings, [2] * 6)
    assert len(got[0]) > len(readings)  # near serials found, so the distances were worked out
    assert all(np.array_equal(g, w) for g, w in zip(got, want, strict=True))
    assert set(got[1].tolist()) <= set(rows.tolist())
    assert by_keys.nbytes - by_codes.nbytes == (rows[-1] + 1) * codes.dtype.itemsize  # its own copy by row


def test_density_offsets_give_back_the_sorted_shape_codes() -> None:
    m = Matcher(_registry())
    d = m.density
    assert len(d.codes) == len(d.numbers) and np.all(np.diff(d.codes) >= 0)
    for shape, code in d.shapes.items():
        assert np.array_equal(np.flatnonzero(d.codes == code), np.arange(d.offsets[code], d.offsets[code + 1]))
        assert shape
    assert d.nbytes == d.numbers.nbytes + d.offsets.nbytes


def _lookups(m: Matcher) -> list[object]:
    readings = ["AB000123", "AB00O123", "ЖБ00042", "AB0001?3", "AB0000*", "*0012", "A?0000[12]?", "QQ1234"]
    skels = ["AB000123", "BA000123", "AB00012", "ZZ000123", "AB0000000", "A", "AB0001234567890", "ЖБ00042"]
    fuzzy = m.index.fuzzy_many(skels, [2] * len(skels))
    walked = m.index.patterns([skeleton_elements(m.parse(r).elements) for r in readings])
    return [
        m.index.contains(skels).tolist(),
        [a.tolist() for a in fuzzy],
        [w.tolist() for w in walked],
        [m.index.pattern(skeleton_elements(m.parse(r).elements)).tolist() for r in readings],
        _answers(m),
    ]


def test_keys_held_as_integers_answer_as_the_byte_strings(monkeypatch: pytest.MonkeyPatch) -> None:
    packed = Matcher(_registry())
    assert packed.index.forward.keys.dtype == np.uint64
    monkeypatch.setattr(sorted_keys, "_PACK_BITS", 0)  # no alphabet fits: byte strings
    strings = Matcher(_registry())
    assert strings.index.forward.keys.dtype.kind == "S"
    for a, b in zip(
        (packed.index.forward, packed.index.reverse, packed.index.rotated, packed.index.rotated4),
        (strings.index.forward, strings.index.reverse, strings.index.rotated, strings.index.rotated4),
        strict=True,
    ):
        assert np.array_equal(a.rows, b.rows)  # the same order, ties too
        assert np.array_equal(a.at(np.arange(len(a.rows))), b.keys)
    assert _lookups(packed) == _lookups(strings)
    assert packed.index.nbytes < strings.index.nbytes


def test_a_needle_with_a_character_no_key_holds_finds_nothing() -> None:
    serials = ["AB12", "AB13", "AC12", "B"]
    idx = SerialIndex(pa.array(serials), np.arange(len(serials)))
    assert idx.forward.packer is not None
    lo, hi = idx.forward.ranges([b"A", b"AB", b"AZ", b"Z", b"", b"AB12", b"AB1"])
    assert (hi - lo).tolist() == [3, 2, 0, 0, 4, 1, 2]
    assert idx.contains(["AB12", "AZ12", "B", "AB1", "Z"]).tolist() == [True, False, True, False, False]
