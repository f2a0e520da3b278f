"""Compiled loops (numba) of EM's E step: per-reading sums over a batch's candidate rows.

NumPy does each of these as a gather and a ``bincount`` per field and level (eighteen passes over every
row per iteration, each with a temporary as long as the batch); here one pass does them all. Each sum
adds its terms in row order, one by one, as ``np.bincount`` does, so every number is the NumPy one to the
last bit. Logs and exps stay in NumPy (its own implementations, which a compiled ``math.exp`` need not
match to the last bit).

numba is imported and the loops compiled on first demand (``compiled``), and kept on disk (``cache=True``): a
later process loads them. Importing numba and loading them costs ~0.9 CPU s a process, which only a batch
of a million candidate rows or so wins back (``em.em_stats`` asks for them from that size on); below
it the same functions run as NumPy (``em._em_stats_numpy``).

The index's loops (``osa_pairs``, ``packed_bounds``, ``packed_lookup``, ``packed_walk``) do a search's
verification, its sorted-key look-ups and its wildcard walks in one pass each (``SerialIndex.compile_verify``
loads them: a large batch, or ``Matcher.search`` on a registry of 500,000 records or more, after its first
fifty searches); unloaded, the NumPy steps give the same answers. Without a writable cache folder they are
compiled for the process only.
"""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import numpy as np

__all__ = [
    "compile_loop",
    "compiled",
    "field_descriptive",
    "field_sums",
    "group_max",
    "level_sums",
    "loaded",
    "osa_pairs",
    "packed_bounds",
    "packed_lookup",
    "packed_walk",
    "preload",
]

_COMPILED: SimpleNamespace | None = None


def compiled() -> SimpleNamespace:
    """The loops of this module compiled (``.field_sums`` …), numba imported on the first call."""
    global _COMPILED
    if _COMPILED is None:
        loops = [name for name in __all__ if name not in ("compiled", "compile_loop", "loaded", "preload")]
        _COMPILED = SimpleNamespace(**{name: compile_loop(globals()[name]) for name in loops})
    return _COMPILED


def compile_loop(loop: Callable[..., Any]) -> Any:
    """``loop`` compiled by numba and kept on disk, or, where no cache folder can be written (a read-only install
    and home: "cannot cache function …: no locator available"), compiled for this process only: the same loop."""
    import numba  # optional: its import and the cached loops' load are paid by large batches only

    try:
        return numba.njit(cache=True, nogil=True)(loop)
    except RuntimeError:
        return numba.njit(cache=False, nogil=True)(loop)


def preload(em: bool) -> None:
    """``compiled`` with the loops whose argument types no index decides loaded now (numba loads a cached
    loop at its first call): verification's, and EM's with ``em``. Run in a thread beside a registry's
    build (``files.xref_files``), numba's import and loads take the core the build leaves idle, instead of
    holding up the batch before its workers fork."""
    k = compiled()
    one = np.zeros((1, 1), dtype=np.uint8)
    k.osa_pairs(one, np.zeros(1, np.int64), one, np.zeros(1, np.int64), np.zeros(1, np.int32), 0)
    if em:  # the types ``em._em_stats_compiled`` calls them with
        owner, cells, table = np.zeros(1, np.int64), np.zeros((1, 1), np.int64), np.zeros((1, 4))
        k.field_sums(owner, cells, table, 1)
        k.field_descriptive(owner, cells, table, np.zeros((1, 1)))
        k.group_max(np.zeros(1), owner, 1)
        k.level_sums(owner, cells, np.zeros(1), np.zeros((1, 1)), 1)


def loaded() -> SimpleNamespace | None:
    """The compiled loops if this process has them already (``compiled``), else None: a caller whose own
    work is too small to pay numba's import uses them only when a larger one has paid it."""
    return _COMPILED


def field_sums(owner: np.ndarray, cells: np.ndarray, tables: np.ndarray, n_rec: int) -> np.ndarray:
    """Per field ``j`` and reading: Σ ``tables[j, cells[j, i]]`` over the reading's rows ``i`` (in row order)."""
    n_fields, n_rows = cells.shape
    out = np.zeros((n_fields, n_rec))
    for j in range(n_fields):
        for i in range(n_rows):
            out[j, owner[i]] += tables[j, cells[j, i]]
    return out


def field_descriptive(owner: np.ndarray, cells: np.ndarray, tables: np.ndarray, means: np.ndarray) -> np.ndarray:
    """Per row: Σ over fields (in field order, from 0.0) of its cell's log ratio, or, where the field is
    missing (level 0: ``cells % 4 == 0``), its reading's mean ``means[j, owner]``."""
    n_fields, n_rows = cells.shape
    out = np.zeros(n_rows)
    for i in range(n_rows):
        acc = 0.0
        for j in range(n_fields):
            c = cells[j, i]
            acc += tables[j, c] if c & 3 else means[j, owner[i]]
        out[i] = acc
    return out


def level_sums(
    owner: np.ndarray, cells: np.ndarray, post: np.ndarray, counts: np.ndarray, n_rec: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per reading, in row order: Σ post; Σ post × count, per operation; Σ post at level 1, at level 2 and
    at any level > 0, per field."""
    n_fields, n_rows = cells.shape
    n_ops = counts.shape[1]
    total = np.zeros(n_rec)
    expected = np.zeros((n_ops, n_rec))
    levels = np.zeros((n_fields, 3, n_rec))
    for i in range(n_rows):
        o = owner[i]
        p = post[i]
        total[o] += p
        for k in range(n_ops):
            expected[k, o] += p * counts[i, k]
        for j in range(n_fields):
            lv = cells[j, i] & 3
            if lv == 1:
                levels[j, 0, o] += p
            elif lv == 2:
                levels[j, 1, o] += p
            if lv > 0:
                levels[j, 2, o] += p
    return total, expected, levels


def group_max(values: np.ndarray, owner: np.ndarray, n: int) -> np.ndarray:
    """Per group, the largest value (``np.maximum.at`` from -inf: a NaN wins and stays)."""
    out = np.full(n, -np.inf)
    for i in range(values.shape[0]):
        o = owner[i]
        v = values[i]
        cur = out[o]
        if cur == cur and (v > cur or v != v):
            out[o] = v
    return out


def osa_pairs(
    reads: np.ndarray, read_len: np.ndarray, keys: np.ndarray, owner: np.ndarray, pos: np.ndarray, cutoff: int
) -> np.ndarray:
    """OSA distance (optimal string alignment: substitution, insertion, deletion, adjacent transposition)
    of each pair (reading ``owner[p]``: a row of ``reads``, ``read_len`` long, at most 63; key ``pos[p]``:
    a NUL-padded row of ``keys``), or ``cutoff + 1`` where it is larger, as RapidFuzz's ``OSA.distance``
    with ``score_cutoff``. Hyyrö's bit-parallel recurrence (RapidFuzz's own): one step per key character.
    The rows are read in place, no string per pair; a reading's bit masks are set once for its run of
    pairs (pairs come grouped by reading). Every word is kept to the reading's bits (bits above them
    never reach the lower ones), so the same code runs in Python without overflow."""
    n = owner.shape[0]
    width = keys.shape[1]
    out = np.empty(n, dtype=np.int32)
    pm = np.zeros(256, dtype=np.uint64)
    one = np.uint64(1)
    zero = np.uint64(0)
    current = -1
    la = 0
    mask = zero
    last = zero
    for p in range(n):
        o = owner[p]
        if o != current:
            for i in range(la):
                pm[reads[current, i]] = zero
            current = o
            la = read_len[o]
            for i in range(la):
                pm[reads[o, i]] |= one << np.uint64(i)
            mask = (one << np.uint64(la)) - one
            last = one << np.uint64(la - 1) if la > 0 else zero
        k = pos[p]
        lb = 0
        while lb < width and keys[k, lb] != 0:
            lb += 1
        if abs(la - lb) > cutoff:
            out[p] = cutoff + 1
            continue
        if la == 0:
            out[p] = lb if lb <= cutoff else cutoff + 1
            continue
        vp, vn, d0, pm_old = mask, zero, zero, zero
        dist = la
        for j in range(lb):
            pm_j = pm[keys[k, j]]
            tr = ((((~d0) & pm_j) << one) & pm_old) & mask
            d0 = ((((pm_j & vp) + vp) & mask) ^ vp) | pm_j | vn | tr
            hp = (vn | ~(d0 | vp)) & mask
            hn = d0 & vp
            if hp & last:
                dist += 1
            elif hn & last:
                dist -= 1
            hp = ((hp << one) | one) & mask
            hn = (hn << one) & mask
            vp = (hn | ~(d0 | hp)) & mask
            vn = hp & d0
            pm_old = pm_j
        out[p] = dist if dist <= cutoff else cutoff + 1
    return out


def packed_lookup(
    keys: np.ndarray,
    rows: np.ndarray,
    needles: np.ndarray,
    lengths: np.ndarray,
    exact: np.ndarray,
    must: np.ndarray,
    ranks: np.ndarray,
    chars: np.ndarray,
    bits: int,
    width: int,
    limit: int,
    cap: int,
) -> tuple[np.ndarray, np.ndarray]:
    """(needle, row) of every key of a packed sorted array (``sorted_keys._Packer``) that starts with a
    needle (equals it where ``exact``) and ends with its filter (a NUL-padded row of ``must``; empty: none),
    as ``SortedKeys.bounds``, ``positions`` (at most ``cap`` keys a needle, ``limit`` in all, in needle
    order) and the "ends with" check give them; one pass, no array per step."""
    n = needles.shape[0]
    n_keys = keys.shape[0]
    lo = np.zeros(n, dtype=np.int64)
    size = np.zeros(n, dtype=np.int64)
    total = 0
    for i in range(n):
        if lengths[i] >= width:
            continue
        low = np.uint64(0)
        ok = True
        for j in range(width):
            r = ranks[needles[i, j]]
            if r == 255:
                ok = False
                break
            low = (low << np.uint64(bits)) | np.uint64(r)
        if not ok:
            continue
        bound = np.uint64(1) if exact[i] else np.uint64(chars.shape[0])
        high = low | (bound << np.uint64((width - 1 - lengths[i]) * bits))
        start = np.searchsorted(keys, low)
        if start < n_keys and keys[start] < high:
            lo[i] = start
            size[i] = min(int(np.searchsorted(keys, high) - start), cap)
            total += size[i]
    total = min(total, limit)
    which = np.empty(total, dtype=np.int64)
    found = np.empty(total, dtype=np.int64)
    mask = np.uint64((1 << bits) - 1)
    key = np.zeros(width, dtype=np.uint8)
    kept = 0
    seen = 0
    for i in range(n):
        if seen >= total:
            break
        m_len = must.shape[1]
        while m_len > 0 and must[i, m_len - 1] == 0:
            m_len -= 1
        for p in range(lo[i], lo[i] + min(size[i], total - seen)):
            if m_len > 0:
                code = keys[p]
                k_len = 0
                for j in range(width - 1, -1, -1):
                    key[j] = chars[np.intp(code & mask)]
                    code >>= np.uint64(bits)
                    if key[j] != 0 and k_len == 0:
                        k_len = j + 1
                good = k_len >= m_len
                for j in range(m_len if good else 0):
                    if key[k_len - m_len + j] != must[i, j]:
                        good = False
                        break
                if not good:
                    continue
            which[kept] = i
            found[kept] = rows[p]
            kept += 1
        seen += min(size[i], total - seen)
    return which[:kept], found[:kept]


def packed_bounds(
    keys: np.ndarray,
    needles: np.ndarray,
    lengths: np.ndarray,
    exact: np.ndarray,
    ranks: np.ndarray,
    n_chars: int,
    bits: int,
    width: int,
) -> tuple[np.ndarray, np.ndarray]:
    """``SortedKeys.bounds`` of packed keys in one loop: [lo, hi) of the keys starting with each needle
    (equal to it where ``exact``); empty at 0 for a needle as long as a key or holding a byte no key holds."""
    n = needles.shape[0]
    n_keys = keys.shape[0]
    lo = np.zeros(n, dtype=np.int64)
    hi = np.zeros(n, dtype=np.int64)
    for i in range(n):
        if lengths[i] >= width:
            continue
        low = np.uint64(0)
        ok = True
        for j in range(width):
            r = ranks[needles[i, j]]
            if r == 255:
                ok = False
                break
            low = (low << np.uint64(bits)) | np.uint64(r)
        if not ok:
            continue
        bound = np.uint64(1) if exact[i] else np.uint64(n_chars)
        high = low | (bound << np.uint64((width - 1 - lengths[i]) * bits))
        start = np.searchsorted(keys, low)
        lo[i] = start
        hi[i] = start
        if start < n_keys and keys[start] < high:
            hi[i] = np.searchsorted(keys, high)
    return lo, hi


def packed_walk(
    keys: np.ndarray,
    chars: np.ndarray,
    offsets: np.ndarray,
    ranks: np.ndarray,
    n_chars: int,
    bits: int,
    width: int,
    cap: int,
    few: int,
) -> tuple[np.ndarray, np.ndarray]:
    """``SerialIndex._walk_many`` of one query over packed keys in one loop: its leading elements'
    characters (``chars[offsets[d]:offsets[d + 1]]`` at depth ``d``, in order) grow each live prefix, a
    depth at a time, until the elements end, more than ``cap`` prefixes would grow, or ``few`` keys or fewer
    are left; [lo, hi) of the live prefixes, in the order the NumPy walk gives them."""
    n_keys = keys.shape[0]
    pre = np.zeros(1, dtype=np.uint64)
    lo = np.zeros(1, dtype=np.int64)
    hi = np.full(1, n_keys, dtype=np.int64)
    n_pre = 1
    for d in range(offsets.shape[0] - 1):
        a = offsets[d]
        b = offsets[d + 1]
        if n_pre * (b - a) > cap:
            break
        if d + 1 >= width:  # a prefix as long as a key starts none
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        shift = np.uint64((width - 1 - d) * bits)
        bound = np.uint64(n_chars) << np.uint64((width - 2 - d) * bits)
        new_pre = np.empty(n_pre * (b - a), dtype=np.uint64)
        new_lo = np.empty(n_pre * (b - a), dtype=np.int64)
        new_hi = np.empty(n_pre * (b - a), dtype=np.int64)
        k = 0
        total = 0
        for p in range(n_pre):
            for c in range(a, b):
                r = ranks[chars[c]]
                if r == 255:  # a byte no key holds
                    continue
                low = pre[p] | (np.uint64(r) << shift)
                high = low | bound
                start = np.searchsorted(keys, low)
                if start < n_keys and keys[start] < high:
                    stop = np.searchsorted(keys, high)
                    new_pre[k] = low
                    new_lo[k] = start
                    new_hi[k] = stop
                    k += 1
                    total += stop - start
        pre = new_pre[:k]
        lo = new_lo[:k]
        hi = new_hi[:k]
        n_pre = k
        if k == 0 or total <= few:
            break
    return lo.copy(), hi.copy()
