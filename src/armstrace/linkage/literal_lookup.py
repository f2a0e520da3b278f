"""One literal reading's fuzzy candidates in one compiled pass (``SerialIndex.fuzzy_many`` of a single reading).

A search's reading went through a compiled look-up per sorted array, then a dozen NumPy steps: owners and
rows joined, made distinct by a sort, the rows' codes skeletonised, verified by OSA distance, filtered. Each
step costs more in its call than in its work at a search's few hundred rows. Here the reading's probes of
every sorted array (``Plan``: the stacked probes of one reading length and edit budget as one set of
gathers) are looked up, the rows made distinct and verified in one loop, calling the same compiled helpers
(``search_kernels.probe_lookup``, ``kernels.osa_pairs``): the same rows and distances in the same order.
Used once the search loops are loaded (``loaded``) and the four arrays are packed alike. The reading's pairs
are then classified by ``literal_counts``: their codes read by row and counted (``search_kernels.pair_counts``)
in one call, instead of ``pairs.pair_codes``' gather and ``channel``'s per-reading tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace
from typing import TYPE_CHECKING

import numpy as np

from . import kernels, search_kernels
from .keys import _SKELETON_TABLE, allowed_edits, char_codes
from .sorted_keys import MAX_CANDIDATES

if TYPE_CHECKING:
    from .index import SerialIndex
    from .probes import Stacked
    from .sorted_keys import SortedKeys

__all__ = ["Plan", "fuzzy_one", "fuzzy_rows", "literal_counts", "loaded", "plan_of"]

_LOADED: list[SimpleNamespace] = []

# the helpers ``fuzzy_rows`` and ``literal_counts`` call: their Python forms here, bound to their compiled forms by
# ``loaded`` (numba compiles a loop's call to a compiled function only)
_probe_lookup = search_kernels.probe_lookup
_osa_pairs = kernels.osa_pairs
_pair_counts = search_kernels.pair_counts


@dataclass(frozen=True)
class Plan:
    """A reading length's stacked probes (``probes.Stacked``, in their order) as one set of gathers: those of
    its edit budget, then (from stack ``split``) those of a reading that is a key. Variants ``starts[s]`` to
    ``starts[s + 1]`` look up sorted array ``array[s]`` (0 forward, 1 reverse, 2 and 3 the rotations);
    ``src``, ``chars``, ``lengths``, ``exact``, ``must`` as ``Stacked``'s, padded alike; ``edits`` the two
    budgets."""

    split: int
    edits: np.ndarray
    array: np.ndarray
    starts: np.ndarray
    src: np.ndarray
    chars: np.ndarray
    lengths: np.ndarray
    exact: np.ndarray
    must: np.ndarray


def plan_of(
    stacks: list[Stacked], hit_stacks: list[Stacked], edits: tuple[int, int], arrays: tuple[SortedKeys, ...], small: int
) -> Plan | None:
    """``stacks`` (of ``edits[0]``) and ``hit_stacks`` (of ``edits[1]``) as one ``Plan``, or None where they do
    not go to the single reading's compiled look-up (an array not packed, or packed unlike the forward one;
    more than ``small`` variants in a stack: ``fuzzy_many``'s batch steps)."""
    first = arrays[0].packer
    if first is None:
        return None
    every = [*stacks, *hit_stacks]
    for stack in every:
        packer = stack.array.packer
        if packer is None or len(stack.src) > small or packer.bits != first.bits:
            return None
        if not np.array_equal(packer.ranks, first.ranks) or not np.array_equal(packer.chars, first.chars):
            return None
    wide = max((s.src.shape[1] for s in every), default=1)
    must_w = max((s.must.shape[1] for s in every), default=1)
    total = sum(len(s.src) for s in every)
    src = np.full((total, wide), -2, dtype=np.int16)
    chars = np.zeros((total, wide), dtype=np.uint8)
    must = np.full((total, must_w), -1, dtype=np.int64)
    at = 0
    for s in every:
        v, w = s.src.shape
        src[at : at + v, :w] = s.src
        chars[at : at + v, :w] = s.chars
        must[at : at + v, : s.must.shape[1]] = s.must
        at += v
    which = np.array([next(k for k, a in enumerate(arrays) if a is s.array) for s in every], dtype=np.int64)
    starts = np.concatenate([[0], np.cumsum([len(s.src) for s in every])]).astype(np.int64)
    lengths = np.concatenate([s.lengths for s in every] or [np.zeros(0)]).astype(np.int64)
    exact = np.concatenate([s.exact for s in every] or [np.zeros(0)]).astype(bool)
    return Plan(len(stacks), np.array(edits, dtype=np.int64), which, starts, src, chars, lengths, exact, must)


def fuzzy_one(index: SerialIndex, skel: str, max_edits: int) -> tuple[np.ndarray, np.ndarray] | None:
    """``SerialIndex.fuzzy_many`` of one reading (rows, distances), looking ``min(max_edits, 1)`` edits away
    when it is a key (``contains``: ``pairs.retrieve``'s rule): the reading's ``Plan`` (kept by the index per
    length and budget), then ``fuzzy_rows`` compiled; None before the loops are loaded, for a reading of 64
    codes or more (verification's bits in one word) and where ``plan_of`` gives no plan."""
    fused = loaded()
    if fused is None:
        return None
    q = char_codes(skel)
    n = len(q)
    if n >= 64:
        return None
    key = (n, max_edits)
    plans = index.fused_plans
    arrays = (index.forward, index.reverse, index.rotated, index.rotated4)
    if key not in plans:
        budgets = (allowed_edits(n, max_edits), allowed_edits(n, min(max_edits, 1)))
        stacks = (index.stacked(n, budgets[0]), index.stacked(n, budgets[1]))
        plans[key] = plan_of(*stacks, budgets, arrays, search_kernels.SMALL)
    plan = plans[key]
    if plan is None:
        return None
    packer = index.forward.packer
    assert packer is not None
    reading = np.zeros(max(n, 1), dtype=np.uint8)
    reading[:n] = np.frombuffer(q, dtype=np.uint8)
    by_row = index.by_row
    codes = by_row.view(np.uint8).reshape(len(by_row), by_row.dtype.itemsize)
    return fused.fuzzy_rows(  # type: ignore[no-any-return]
        tuple(a.keys for a in arrays), tuple(a.rows for a in arrays), reading, n, plan.edits, plan.split, plan.array,
        plan.starts, plan.src, plan.chars, plan.lengths, plan.exact, plan.must, packer.ranks, packer.chars,
        packer.bits, index.forward.width, MAX_CANDIDATES, codes, _SKELETON_TABLE,
    )  # fmt: skip


def loaded() -> SimpleNamespace | None:
    """``fuzzy_rows`` compiled, once the search loops are loaded in this process (``search_kernels.loaded``)."""
    loops = search_kernels.loaded()
    if loops is None:
        return None
    if not _LOADED:
        globals()["_probe_lookup"] = loops.probe_lookup
        globals()["_osa_pairs"] = kernels.compiled().osa_pairs
        globals()["_pair_counts"] = loops.pair_counts
        _LOADED.append(
            SimpleNamespace(
                fuzzy_rows=kernels.compile_loop(fuzzy_rows), literal_counts=kernels.compile_loop(literal_counts)
            )
        )
    return _LOADED[0]


def fuzzy_rows(
    keys: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
    rows: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
    reading: np.ndarray,
    n: int,
    edits: np.ndarray,
    split: int,
    array: np.ndarray,
    starts: np.ndarray,
    src: np.ndarray,
    chars_of: np.ndarray,
    lengths: np.ndarray,
    exact: np.ndarray,
    must: np.ndarray,
    ranks: np.ndarray,
    chars: np.ndarray,
    bits: int,
    width: int,
    limit: int,
    by_row: np.ndarray,
    skeleton: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Rows within the allowed edits (OSA, on their skeleton codes: ``skeleton[by_row[row]]``) of ``reading``
    (its first ``n`` codes), ascending, and their distances. A reading that is a key (``keys[0]``, forward)
    looks ``edits[1]`` edits away with the plan's stacks from ``split``, any other ``edits[0]`` with those
    before it (``retrieve``'s rule). Each stack's ``probe_lookup`` (``limit`` rows each), the rows made
    distinct, then verified as ``SerialIndex._verify`` verifies them."""
    hit = False
    if n < width:  # ``SerialIndex.contains`` of the reading: its packed integer among the forward keys
        code = np.uint64(0)
        ok = True
        for j in range(width):
            r = ranks[reading[j]] if j < n else ranks[0]
            if r == 255:
                ok = False
                break
            code = (code << np.uint64(bits)) | np.uint64(r)
        if ok:
            place = np.searchsorted(keys[0], code)
            hit = place < keys[0].shape[0] and keys[0][place] == code
    first, last = (split, array.shape[0]) if hit else (0, split)
    allowed = edits[1] if hit else edits[0]
    total = 0
    parts = []
    for s in range(first, last):
        a, b = starts[s], starts[s + 1]
        _, found = _probe_lookup(
            keys[array[s]], rows[array[s]], reading, src[a:b], chars_of[a:b], lengths[a:b], exact[a:b],
            must[a:b], ranks, chars, bits, width, limit, limit,
        )  # fmt: skip
        parts.append(found)
        total += found.shape[0]
    joined = np.empty(total, dtype=np.int64)
    at = 0
    for found in parts:
        joined[at : at + found.shape[0]] = found
        at += found.shape[0]
    joined.sort()
    distinct = 0
    for i in range(total):
        if i == 0 or joined[i] != joined[i - 1]:
            joined[distinct] = joined[i]
            distinct += 1
    found_rows = joined[:distinct]
    cols = by_row.shape[1]
    grid = np.empty((distinct, cols), dtype=np.uint8)
    for i in range(distinct):
        for j in range(cols):
            grid[i, j] = skeleton[by_row[found_rows[i], j]]
    read = np.zeros((1, max(n, 1)), dtype=np.uint8)
    read[0, :n] = reading[:n]
    read_len = np.full(1, n, dtype=np.int64)
    owner = np.zeros(distinct, dtype=np.int64)
    pos = np.arange(distinct).astype(np.int32)
    dist = _osa_pairs(read, read_len, grid, owner, pos, allowed)
    kept = 0
    out_rows = np.empty(distinct, dtype=np.int64)
    out_dist = np.empty(distinct, dtype=np.int32)
    for i in range(distinct):
        if dist[i] <= allowed:
            out_rows[kept] = found_rows[i]
            out_dist[kept] = dist[i]
            kept += 1
    return out_rows[:kept], out_dist[:kept]


def literal_counts(
    codes: np.ndarray,
    code_lengths: np.ndarray,
    rows: np.ndarray,
    over_at: np.ndarray,
    over_codes: np.ndarray,
    over_len: np.ndarray,
    table: np.ndarray,
    index: np.ndarray,
    lit: np.ndarray,
    qlen: np.ndarray,
    hard_of: np.ndarray,
    error_of: np.ndarray,
    op_cost: np.ndarray,
    hard_cost: float,
    n_ops: int,
    transpose: int,
    delete: int,
    insert: int,
) -> tuple[np.ndarray, np.ndarray]:
    """``search_kernels.pair_counts`` of one reading against registry rows ``rows``: each pair's codes read from
    ``codes`` (a row's one-byte codes, NUL padded) and ``code_lengths`` here, those of the pairs ``over_at``
    (inside a range) from ``over_codes`` and ``over_len`` instead, as ``pairs.pair_codes`` gives them."""
    n = rows.shape[0]
    width = codes.shape[1]
    cand = np.empty((n, width), dtype=np.uint8)
    lengths = np.empty(n, dtype=np.int64)
    for i in range(n):
        r = rows[i]
        for j in range(width):
            cand[i, j] = codes[r, j]
        lengths[i] = code_lengths[r]
    for t in range(over_at.shape[0]):
        i = over_at[t]
        for j in range(width):
            cand[i, j] = over_codes[t, j]
        lengths[i] = over_len[t]
    owner = np.zeros(n, dtype=np.int64)
    return _pair_counts(
        table, index, lit, qlen, owner, cand, lengths, hard_of, error_of, op_cost, hard_cost, n_ops, transpose,
        delete, insert,
    )  # fmt: skip
