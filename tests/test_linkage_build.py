"""The registry index build: the threaded build, the radix sort of the index keys, the NumPy parse of the density
shapes, the integer item numbering and the read-once path each give what the former code gave."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

from armstrace.identify.vocabulary import save_cache, use_cache
from armstrace.linkage import Matcher, density, index, keys, matcher, record_codes, spark_tasks, tables
from armstrace.linkage.density import Density
from armstrace.linkage.descriptor import standardise
from armstrace.linkage.keys import MAX_KEY_BYTES, char_codes, code_column
from armstrace.linkage.probes import permuted, rotation
from armstrace.linkage.ranges import RangeIndex
from armstrace.linkage.record_codes import first_seen as _first_seen
from armstrace.linkage.shards import ROW
from armstrace.linkage.sorted_keys import compiled_sorted_keys, key_lengths, sorted_keys, stable_order
from armstrace.linkage.spark_tasks import OWN
from armstrace.linkage.tables import read_table


def _registry(n: int = 3000, seed: int = 5, odd: bool = False) -> pa.Table:
    """Consecutive series with duplicates (same serial, same or another make), blank makes and serials,
    Cyrillic and lower-case serials, long digit runs, serials without digits and a few ranges; ``odd``: also
    serials with a letter outside the one-byte code table and serials longer than the index keys."""
    rng = np.random.default_rng(seed)
    makers = ["Colt Mfg Co", "COLT", "FN Herstal", "Izhmash", "", "Norinco", "Glock"]
    serials, ends, makes = [], [], []
    for i in range(n):
        kind = i % 50
        if kind == 0:
            s = f"ЖБ{i:05d}"  # Cyrillic letters, one of them without a Latin twin
        elif kind == 1:
            s = f"a1b{i:020d}"  # a number longer than 18 digits
        elif kind == 2:
            s = "NODIGITS" if i % 100 else ""
        elif kind == 3:
            s = serials[-1]  # a duplicate record
        elif kind == 5 and odd:
            s = f"ΞΩ{i}" if i % 100 == 5 else f"L{i:040d}"
        else:
            s = f"{'ABC'[i % 3]}{1000 + i}{'X' if i % 7 == 0 else ''}"
        serials.append(s)
        ends.append(f"{'ABC'[i % 3]}{1000 + i + 40}" if kind == 4 and i % 200 == 4 and not s.endswith("X") else None)
        makes.append(makers[int(rng.integers(len(makers)))] or None)
    return pa.table(
        {
            "record_id": [f"R{i}" for i in range(n)],
            "serial": serials,
            "serial_end": ends,
            "manufacturer": makes,
            "calibre": [["9mm", "5.56 NATO", None, "7,62x39"][i % 4] for i in range(n)],
            "year": [str(1990 + i % 30) if i % 5 else None for i in range(n)],
        }
    )


def _same(a: Matcher, b: Matcher) -> None:
    assert np.array_equal(a.items, b.items) and a.n_items == b.n_items
    assert np.array_equal(a.codes, b.codes) and np.array_equal(a.lengths, b.lengths)
    for name in ("forward", "reverse", "rotated", "rotated4"):
        x, y = getattr(a.index, name), getattr(b.index, name)
        assert np.array_equal(x.keys, y.keys) and np.array_equal(x.rows, y.rows)
    assert a.density.shapes == b.density.shapes and a.density.n_items == b.density.n_items
    assert np.array_equal(a.density.codes, b.density.codes) and np.array_equal(a.density.numbers, b.density.numbers)
    assert a.fields.keys() == b.fields.keys()
    for f in a.fields:
        assert a.fields[f].values == b.fields[f].values and np.array_equal(a.fields[f].codes, b.fields[f].codes)
    assert a.ranges.items == b.ranges.items and a.index_bytes == b.index_bytes


@pytest.mark.parametrize("odd", [False, True])
def test_threaded_build_equals_the_sequential_one(odd: bool) -> None:
    table = _registry(odd=odd)
    threaded, sequential = Matcher(table, threads=3), Matcher(table, threads=1)
    _same(threaded, sequential)
    assert threaded.ranges.items > 0 and len(threaded.density.shapes) > 3
    found = [(c.record_id, c.probability) for c in threaded.search("A1004", manufacturer="Colt")]
    assert found == [(c.record_id, c.probability) for c in sequential.search("A1004", manufacturer="Colt")]


def test_a_failing_part_of_the_threaded_build_raises_its_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object) -> None:
        raise RuntimeError("density failed")

    monkeypatch.setattr("armstrace.linkage.matcher.Density", broken)
    for threads in (1, 3):
        with pytest.raises(RuntimeError, match="density failed"):
            Matcher(_registry(200), threads=threads)


def test_a_read_registry_is_cleaned_once_and_indexed_as_the_same_table(tmp_path: Path) -> None:
    path = tmp_path / "registry.csv"
    table = _registry(500)
    pacsv.write_csv(table.set_column(1, "serial", pc.binary_join_element_wise("  ", table["serial"], " ", "")), path)
    _same(Matcher.from_file(path), Matcher(table))
    assert Matcher.from_file(path).table.equals(Matcher(read_table(path, ("record_id", "serial"))).table)


@pytest.mark.parametrize("odd", [False, True], ids=["sorted codes", "hashed serials"])
def test_items_are_numbered_as_the_joined_serial_and_make_were(odd: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    hashed: list[int] = []
    monkeypatch.setattr(record_codes, "first_seen", lambda column: hashed.append(1) or _first_seen(column))
    m = Matcher(_registry(odd=odd))
    assert bool(hashed) == odd  # the serials' codes hold them whole and apart unless some are odd
    key = pc.binary_join_element_wise(
        pc.fill_null(m.norm, ""), pa.array(m.fields["manufacturer"].codes.astype(str)), "\x1f"
    )
    former = pc.dictionary_encode(key).indices.to_numpy(zero_copy_only=False).astype(np.int64)
    single = m.items >= 0
    assert not single.all()  # the ranges are items of their own
    assert np.array_equal(m.items[single], former[single])


@pytest.mark.parametrize("width", [1, 2, 5, 10, 33])
def test_radix_order_is_the_stable_argsort(width: int) -> None:
    rng = np.random.default_rng(width)
    alphabet = np.frombuffer(b"019AZ\x86\xfe", dtype=np.uint8)
    for n in (0, 1, 2, 700):
        raw = [bytes(rng.choice(alphabet, size=int(rng.integers(0, width + 1)))) for _ in range(n)]
        keys = np.array(raw, dtype=f"S{width}") if n else np.zeros(0, dtype=f"S{width}")
        assert np.array_equal(stable_order(keys), np.argsort(keys, kind="stable"))


@pytest.mark.parametrize("odd", [False, True])
def test_the_compiled_index_build_equals_the_numpy_one(odd: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    table = _registry(odd=odd)
    numpy_built = Matcher(table, threads=1)
    monkeypatch.setattr(index, "COMPILED_KEYS", 1)
    monkeypatch.setattr(keys, "COMPILED_KEYS", 1)
    _same(Matcher(table, threads=3), numpy_built)


@pytest.mark.parametrize("width", [2, 5, 9, 12])
def test_compiled_sorted_keys_are_the_permuted_keys_sorted(width: int) -> None:
    rng = np.random.default_rng(width)
    sources = {0: None, -1: lambda j, n: n - 1 - j, 2: rotation(2), 4: rotation(4)}
    for n, letters in ((0, 3), (1, 3), (900, 5), (900, 30)):
        alphabet = rng.choice(np.arange(1, 256, dtype=np.uint8), size=letters, replace=False)
        grid = np.zeros((n, width), dtype=np.uint8)
        for i, length in enumerate(rng.integers(0, width, size=n)):
            grid[i, :length] = rng.choice(alphabet[: 1 + i % letters], size=length)  # duplicates among short keys
        rows = rng.permutation(n).astype(np.int32)
        lengths, present = key_lengths(grid, compiled=True)
        numpy_lengths, numpy_present = key_lengths(grid)
        assert np.array_equal(lengths, numpy_lengths) and np.array_equal(present, numpy_present)
        keys = grid.view(f"S{width}").ravel()
        for by, source in sources.items():
            want = sorted_keys(keys if source is None else permuted(grid, lengths, source), rows, present)
            got = compiled_sorted_keys(grid, lengths, rows, present, by)
            if want.packer is None:  # too many letters to pack: left to the NumPy steps
                assert got is None
                continue
            assert got is not None and got.width == want.width and got.rows.dtype == want.rows.dtype
            assert np.array_equal(got.keys, want.keys) and np.array_equal(got.rows, want.rows)


@pytest.mark.parametrize("compiled", [False, True], ids=["arrow", "compiled"])
@pytest.mark.parametrize("ascii_only", [False, True], ids=["any", "ascii"])
def test_code_column_equals_char_codes_row_by_row(
    compiled: bool, ascii_only: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if compiled:
        monkeypatch.setattr(keys, "COMPILED_KEYS", 1)
    rng = np.random.default_rng(4)
    letters = [*"AZ09"] if ascii_only else [*"AZ09", "Ж", "Д", "Ё", "中", "Ω", "é", "\U0001d538"]
    values = ["".join(rng.choice(letters, size=int(rng.choice([0, 1, 7, 31, 32, 40])))) for _ in range(400)]
    column = pa.array([None, *values], pa.string()).slice(1)
    codes = code_column(column)
    assert codes.dtype.itemsize == MAX_KEY_BYTES + 1
    assert codes.tolist() == [char_codes(v)[:MAX_KEY_BYTES] for v in values]
    short = pa.array(["", "AB", "Z09Z9"] if ascii_only else ["", "AB", "ЖZ"])
    assert code_column(short).tolist() == [char_codes(v) for v in short.to_pylist()]


@pytest.mark.parametrize("compiled", [False, True], ids=["numpy", "compiled"])
def test_density_parse_in_numpy_equals_the_regular_expression(compiled: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    if compiled:
        monkeypatch.setattr(density, "COMPILED_KEYS", 1)
    rng = np.random.default_rng(11)
    alphabet = np.frombuffer(b"0123456789ABXZ", dtype=np.uint8)
    raw = [bytes(rng.choice(alphabet, size=int(rng.integers(0, 30)))) for _ in range(3000)]
    raw += [b"A" + b"9" * 25 + b"B", b"12345678901234567890", b"", b"ABC", b"7"]
    keys = np.array(raw, dtype="S30")
    by_codes = Density(keys, RangeIndex([]), 5)
    by_text = Density(pa.array([r.decode() for r in raw]), RangeIndex([]), 5)
    assert by_codes.shapes == by_text.shapes and "A\x1f25\x1fB" in by_codes.shapes
    assert np.array_equal(by_codes.codes, by_text.codes) and np.array_equal(by_codes.numbers, by_text.numbers)
    assert np.array_equal(by_codes.offsets, by_text.offsets)
    assert np.allclose(by_codes.at(["A12", "AB123X", "9"]), by_text.at(["A12", "AB123X", "9"]))


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Path]:
    use_cache(tmp_path / "cache")
    standardise.cache_clear()
    yield tmp_path / "cache"
    use_cache(None)
    standardise.cache_clear()


def test_a_build_with_cached_names_equals_one_without_and_names_a_new_value(cache: Path) -> None:
    table = _registry(400)
    cold = Matcher(table)
    save_cache()
    use_cache(cache)  # as a new process: the names come from the file
    standardise.cache_clear()
    _same(Matcher(table), cold)
    assert "COLT" in cold.fields["manufacturer"].values  # "Colt Mfg Co" and "COLT" meet on the canonical name
    # a make the file does not hold is still worked out, to its canonical name
    fresh = table.set_column(3, "manufacturer", pa.array(["FN HERSTAL SA"] * table.num_rows))
    assert Matcher(fresh).fields["manufacturer"].values == [standardise("manufacturer", "FN Herstal")]


def test_a_serial_outside_the_code_table_is_indexed() -> None:
    """Its skeleton bytes are no UTF-8: the former cast of the keys to text failed (ArrowInvalid)."""
    m = Matcher(pa.table({"record_id": ["a", "b", "c"], "serial": ["ΞΩ12", "A1234", "A1235"]}))
    assert m.n_items == 3 and "A\x1f4\x1f" in m.density.shapes
    assert m.search("A1234")[0].record_id == "b"


def test_an_interrupted_threaded_build_does_not_wait_for_its_queued_jobs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C mid-build: the former ``with ThreadPoolExecutor`` waited for every job before the interrupt got out."""
    release, finished = threading.Event(), threading.Event()

    def slow_density(*_: object) -> None:
        release.wait(30)
        finished.set()

    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(matcher, "Density", slow_density)
    monkeypatch.setattr(matcher, "Background", interrupted)
    try:
        with pytest.raises(KeyboardInterrupt):
            Matcher(_registry(200), threads=3)
        assert not finished.is_set()  # out while the density job still ran
    finally:
        release.set()


def test_the_constructor_has_no_way_to_skip_the_cleaning() -> None:
    with pytest.raises(TypeError):
        Matcher(_registry(20), _checked=True)  # type: ignore[call-arg]


def test_a_spark_task_builds_its_matcher_in_one_thread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A task is one of many parallel units: three build threads each would oversubscribe the cores."""
    built: list[int] = []

    def recording(table: pa.Table, **options: Any) -> Matcher:
        built.append(options["threads"])
        return Matcher(table, **options)

    monkeypatch.setattr(spark_tasks, "Matcher", recording)
    path = tmp_path / "shard.parquet"
    table = _registry(50).select(["record_id", "serial"])
    pq.write_table(table.append_column(ROW, pa.array(range(50))).append_column(OWN, pa.array([True] * 50)), path)
    spark_tasks._SHARD.clear()
    try:
        found = spark_tasks.shard_matcher(str(path), False)
    finally:
        spark_tasks._SHARD.clear()
    assert found is not None and len(found[0]) == 50 and built == [1]


def test_a_serial_with_a_letter_outside_the_code_table_builds_and_leaves_ascii_serials_alone() -> None:
    """Such letters share one code (docs/matching.md, "Limits"): a reading of ``Ä1100`` ties ``Ä1100`` with
    ``X1100`` and ``Ö1100`` reads the same, while an ASCII serial is scored as beside an ASCII ``Y1100``
    (formerly: an Arrow error stopped the build)."""
    ids, serials = ["a", "b", "c", "d", "e"], ["A1234", "A1235", "B7788", "X1100"]
    odd = Matcher(pa.table({"record_id": ids, "serial": [*serials, "Ä1100"]}))
    plain = Matcher(pa.table({"record_id": ids, "serial": [*serials, "Y1100"]}))
    assert [(c.record_id, c.probability) for c in odd.search("A1234")] == [
        (c.record_id, c.probability) for c in plain.search("A1234")
    ]
    read = [(c.record_id, c.probability) for c in odd.search("Ä1100")]
    assert sorted(r for r, _ in read) == ["d", "e"] and read[0][1] == read[1][1]
    assert [(c.record_id, c.probability) for c in odd.search("Ö1100")] == read


def test_cleaned_columns_are_trimmed_with_empty_values_null_in_threads_or_not(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(9)
    values = ["", " ", "a", " b ", None, "\u00a0x\u2003", "\t", "ÄÖ ", "  ", "z"]
    chunks = []
    for i in range(40):
        chunk = pa.array(
            [values[int(v)] for v in rng.integers(len(values), size=int(rng.integers(0, 12)))], pa.string()
        )
        chunks.append(chunk.slice(int(rng.integers(0, len(chunk) + 1))) if i % 3 == 0 else chunk)
    column = pa.chunked_array(chunks, type=pa.string())
    raw = pa.table({"Serial ": column, "record_id": column, "year": pa.array(np.arange(len(column)) * 1.5)})
    want = [None if v is None or not v.strip() else v.strip() for v in column.to_pylist()]
    one = tables.as_string_table(raw, ("record_id", "serial"))
    monkeypatch.setattr(tables, "_THREADED_ROWS", 1)
    threaded = tables.as_string_table(raw, ("record_id", "serial"))
    assert one.column_names == ["serial", "record_id", "year"] and threaded.equals(one)
    assert one.column("serial").to_pylist() == want and one.column("serial").null_count == want.count(None)
    assert one.column("year").to_pylist()[:3] == ["0", "1.5", "3"]
    for chunk in one.column("serial").chunks:
        chunk.validate(full=True)
