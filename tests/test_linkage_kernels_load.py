"""When numba's compiled loops are loaded, and what happens when they cannot be kept on disk (review M)."""

from __future__ import annotations

from typing import Any

import numba
import numpy as np
import pyarrow as pa
import pytest

from armstrace.linkage import Matcher, density, kernels, literal_lookup, matcher, search_kernels, shape_codes


@pytest.fixture
def no_cache_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    """numba as it behaves when no cache folder can be written (a read-only install and home): "cannot cache
    function …: no locator available" for every loop asked with cache=True; nothing compiled yet."""
    real: Any = numba.njit

    def njit(*args: Any, cache: bool = False, **kw: Any) -> Any:
        if cache and not args:  # the decorator form this project uses (numba's own modules call njit too)
            raise RuntimeError("cannot cache function 'field_sums': no locator available for file '…'")
        return real(*args, cache=cache, **kw)

    monkeypatch.setattr(numba, "njit", njit)
    monkeypatch.setattr(kernels, "_COMPILED", None)
    monkeypatch.setattr(density, "_KERNEL", [])
    monkeypatch.setattr(search_kernels, "_LOADED", [])
    monkeypatch.setattr(literal_lookup, "_LOADED", [])
    monkeypatch.setattr(shape_codes, "_LOADED", [])


@pytest.mark.usefixtures("no_cache_folder")
def test_without_a_writable_cache_folder_the_loops_are_compiled_for_the_process() -> None:
    loops = kernels.compiled()
    owner, cells = np.array([0, 1, 1]), np.array([[0, 1, 2]])
    tables = np.array([[0.5, 1.5, 2.5]])
    assert loops.field_sums(owner, cells, tables, 2).tolist() == kernels.field_sums(owner, cells, tables, 2).tolist()


def test_a_large_registry_loads_the_loops_after_fifty_searches_not_for_the_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Loading costs ~0.9 CPU s, which one search does not win back: a one-shot `armstrace search` never pays."""
    m = Matcher.from_table(pa.table({"record_id": ["R1", "R2"], "serial": ["W0095601", "FN1084920"]}))
    loads: list[int] = []
    monkeypatch.setattr(matcher, "_COMPILED_RECORDS", 1)
    monkeypatch.setattr(m.index, "compile_verify", lambda: loads.append(1))
    for _ in range(matcher._COMPILED_AFTER):
        m.search("W0095601")
    assert loads == []
    m.search("W0095601")
    m.search("W0095601")
    assert loads == [1]


@pytest.mark.usefixtures("no_cache_folder")
def test_without_a_writable_cache_folder_a_search_after_the_loops_load_still_answers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every compiled loop (kernels' and the densities' window loop) falls back alike: the searches after the
    fiftieth of a large registry's Matcher, which load them, answer as the first fifty did (review N)."""
    m = Matcher.from_table(pa.table({"record_id": ["R1", "R2"], "serial": ["W0095601", "W0095611"]}))
    monkeypatch.setattr(matcher, "_COMPILED_RECORDS", 1)
    first = [(c.record_id, c.probability) for c in m.search("W0095610")]
    for _ in range(matcher._COMPILED_AFTER):
        m.search("W0095610")
    assert kernels.loaded() is not None and density._kernel() is not None and search_kernels.loaded() is not None
    assert literal_lookup.loaded() is not None and literal_lookup.fuzzy_one(m.index, "W0095610", 2) is not None
    assert shape_codes.loaded() is not None
    assert [(c.record_id, c.probability) for c in m.search("W0095610")] == first
    assert "_shape_codes" in m.density.__dict__  # the search's densities went by shape codes


@pytest.mark.usefixtures("no_cache_folder")
def test_the_search_loops_compiled_again_for_the_process_share_one_search_helper(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The look-ups' galloping search is one helper the loops call, compiled from its Python form each time the
    loops are: loops dropped and compiled again (here without a cache folder) answer as the NumPy steps do."""
    m = Matcher.from_table(
        pa.table({"record_id": [f"R{k}" for k in range(40)], "serial": [f"W00956{k:02d}" for k in range(40)]})
    )
    asks = ["W0095601", "W0095639", "W0095640", "W009560", "W00956011", "X"]
    load = search_kernels.loaded
    monkeypatch.setattr(search_kernels, "loaded", lambda: None)
    want = (m.index.contains(asks), m.index.fuzzy_many(["W0095651"], [1]))
    monkeypatch.setattr(search_kernels, "loaded", load)
    kernels.compiled()
    for _ in range(2):
        monkeypatch.setattr(search_kernels, "_LOADED", [])
        assert search_kernels.loaded() is not None
        got = (m.index.contains(asks), m.index.fuzzy_many(["W0095651"], [1]))
        assert np.array_equal(got[0], want[0]) and want[0].any() and not want[0].all()
        assert all(np.array_equal(a, b) for a, b in zip(got[1], want[1], strict=True)) and len(want[1][1]) > 0
