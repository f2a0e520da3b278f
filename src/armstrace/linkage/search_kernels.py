"""Compiled loops (numba) of one search's absence look-ups: is each serial a registry serial?

A single search asks about a few dozen serials (a literal reading and its one-digit neighbours), where each
NumPy step costs more in its call than in its work: ``SerialIndex.contains`` of packed keys and
``RangeIndex.holds_codes`` were about twenty array operations for seventy rows. Here each is one loop over the
rows, with the same answers (a binary search of each row's integer; a range's number read digit by digit).
They are compiled through ``kernels.compile_loop`` once the index's own loops are loaded (``kernels.loaded``: a
long-lived process or a large batch paid numba's import), and used for small look-ups only (``SMALL`` rows): a
batch's million rows sort their needles first, which keeps NumPy's binary searches in cache.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import SimpleNamespace
from typing import Any

import numpy as np

from . import kernels
from .neighbour_rows import literal_rows as literal_rows

__all__ = [
    "SMALL",
    "equal_counts",
    "flat_groups",
    "literal_rows",
    "loaded",
    "packed_contains",
    "pair_counts",
    "probe_lookup",
    "range_counts",
    "range_holds",
    "serial_numbers",
]

SMALL = 4096  # rows up to which a look-up goes to these loops (when loaded)

_LOADED: list[SimpleNamespace] = []


def loaded() -> SimpleNamespace | None:
    """This module's loops compiled, once ``kernels``' are loaded in this process, else None."""
    if kernels.loaded() is None:
        return None
    if not _LOADED:
        # numba compiles a loop's call to a compiled function only: the name the loops call is bound to the
        # compiled form of the Python one (``_GALLOP``), the same helper however often this runs
        globals()["_gallop"] = kernels.compile_loop(_GALLOP)
        _LOADED.append(
            SimpleNamespace(
                equal_counts=kernels.compile_loop(equal_counts),
                literal_rows=kernels.compile_loop(literal_rows),
                packed_contains=kernels.compile_loop(packed_contains),
                pair_counts=kernels.compile_loop(pair_counts),
                probe_lookup=kernels.compile_loop(probe_lookup),
                range_counts=kernels.compile_loop(range_counts),
                range_holds=kernels.compile_loop(range_holds),
                serial_numbers=kernels.compile_loop(serial_numbers),
            )
        )
    return _LOADED[0]


def packed_contains(
    keys: np.ndarray, grid: np.ndarray, lengths: np.ndarray, ranks: np.ndarray, bits: int, width: int
) -> np.ndarray:
    """Whether each row of ``grid`` (one-byte codes, NUL padded, ``lengths[i]`` long) is one of the sorted
    packed ``keys`` (``sorted_keys._Packer``): none as long as the key width or holding a byte no key holds.
    The rows are looked up in ascending order, each search galloping from the last one's place (a search's
    rows are one reading's neighbours: most lie a few keys apart)."""
    n, cols = grid.shape
    n_keys = keys.shape[0]
    out = np.zeros(n, dtype=np.bool_)
    if n_keys == 0:
        return out
    codes = np.zeros(n, dtype=np.uint64)
    valid = np.zeros(n, dtype=np.bool_)
    for i in range(n):
        if lengths[i] >= width:
            continue
        code = np.uint64(0)
        ok = True
        for j in range(width):
            r = ranks[grid[i, j]] if j < cols else ranks[0]
            if r == 255:
                ok = False
                break
            code = (code << np.uint64(bits)) | np.uint64(r)
        codes[i] = code
        valid[i] = ok
    at = 0
    for i in np.argsort(codes):
        if not valid[i]:
            continue
        at = _gallop(keys, codes[i], at)
        if at < n_keys and keys[at] == codes[i]:
            out[i] = True
    return out


def _gallop(keys: np.ndarray, x: np.uint64, start: int) -> int:
    """``np.searchsorted(keys, x)`` where every key before ``start`` is below x: a step of 1, 2, 4 … from
    ``start``, then a binary search within the last step (a few keys when x lies near ``start``)."""
    n_keys = keys.shape[0]
    a = start
    b = start
    step = 1
    while b < n_keys and keys[b] < x:
        a = b + 1
        b = a - 1 + step
        step *= 2
    b = min(b, n_keys)
    while a < b:
        mid = (a + b) // 2
        if keys[mid] < x:
            a = mid + 1
        else:
            b = mid
    return a


_GALLOP = _gallop  # the Python form: ``loaded`` binds ``_gallop`` to its compiled form, which the loops call


def probe_lookup(
    keys: np.ndarray,
    rows: np.ndarray,
    reading: np.ndarray,
    src: np.ndarray,
    fill: np.ndarray,
    lengths: np.ndarray,
    exact: np.ndarray,
    must_src: np.ndarray,
    ranks: np.ndarray,
    chars: np.ndarray,
    bits: int,
    width: int,
    limit: int,
    cap: int,
) -> tuple[np.ndarray, np.ndarray]:
    """``kernels.packed_lookup`` of one reading's stacked probes (``probes.Stacked``), its needles gathered
    here: needle v's character j is ``reading[src[v, j]]`` (``fill[v, j]`` where ``src`` is negative), its
    filter's ``reading[must_src[v, j]]`` (NUL where negative). The same (needle, row) pairs in the same
    order, without the needle matrices; the needles' bounds are found in ascending order, each search
    galloping from the last one's start: a reading's thousand needles share prefixes, so most searches end
    a few keys away instead of descending a registry of millions from the top."""
    n = src.shape[0]
    n_keys = keys.shape[0]
    top = np.uint64(chars.shape[0])
    low = np.zeros(n, dtype=np.uint64)
    high = np.zeros(n, dtype=np.uint64)
    valid = np.zeros(n, dtype=np.bool_)
    for i in range(n):
        if lengths[i] >= width:
            continue
        code = np.uint64(0)
        ok = True
        for j in range(width):
            s = src[i, j]
            r = ranks[reading[s] if s >= 0 else fill[i, j]]
            if r == 255:
                ok = False
                break
            code = (code << np.uint64(bits)) | np.uint64(r)
        if not ok:
            continue
        bound = np.uint64(1) if exact[i] else top
        low[i] = code
        high[i] = code | (bound << np.uint64((width - 1 - lengths[i]) * bits))
        valid[i] = True
    lo = np.zeros(n, dtype=np.int64)
    size = np.zeros(n, dtype=np.int64)
    prev = 0
    for i in np.argsort(low):
        if not valid[i]:
            continue
        prev = lo[i] = _gallop(keys, low[i], prev)
        if prev < n_keys and keys[prev] < high[i]:
            size[i] = min(_gallop(keys, high[i], prev) - prev, cap)
    total = min(int(size.sum()), limit)
    which = np.empty(total, dtype=np.int64)
    found = np.empty(total, dtype=np.int64)
    mask = np.uint64((1 << bits) - 1)
    key = np.zeros(width, dtype=np.uint8)
    must = np.zeros(must_src.shape[1], dtype=np.uint8)
    kept = 0
    seen = 0
    for i in range(n):
        if seen >= total:
            break
        m_len = 0
        for j in range(must_src.shape[1]):
            must[j] = reading[must_src[i, j]] if must_src[i, j] >= 0 else 0
            if must[j] != 0:
                m_len = j + 1
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
                    if key[k_len - m_len + j] != must[j]:
                        good = False
                        break
                if not good:
                    continue
            which[kept] = i
            found[kept] = rows[p]
            kept += 1
        seen += min(size[i], total - seen)
    return which[:kept], found[:kept]


def equal_counts(
    table: np.ndarray,
    q: np.ndarray,
    lit: np.ndarray,
    cand: np.ndarray,
    hard_of: np.ndarray,
    error_of: np.ndarray,
    n_ops: int,
    transpose: int,
) -> tuple[np.ndarray, np.ndarray]:
    """``channel._equal`` pair by pair: operation counts (kinds 0-4 of ``table[q, cand]``, and swaps) and hard
    errors of equal-length pairs. A swap of positions j, j + 1 counts unless one was found at j - 1 (whether
    or not that one counted, as the vectorised mask reads it); its two positions are taken by it."""
    n, length = cand.shape
    counts = np.zeros((n, n_ops))
    hard = np.zeros(n)
    for i in range(n):
        found = False  # a swap at j - 1, and whether it counted
        kept_before = False
        errors = 0
        swaps = 0
        for j in range(length):
            c = cand[i, j]
            swap = False
            if j + 1 < length:
                a = lit[i, j]
                b = lit[i, j + 1]
                swap = a >= 0 and b >= 0 and a != b and c == b and cand[i, j + 1] == a
            kept = swap and not found
            if kept:
                swaps += 1
            if kept or kept_before:
                if hard_of[c]:
                    errors += 1
            else:
                kind = table[q[i, j], c]
                if kind < 5:
                    counts[i, kind] += 1
                if error_of[kind] and hard_of[c]:
                    errors += 1
            found = swap
            kept_before = kept
        counts[i, transpose] = swaps
        hard[i] = errors
    return counts, hard


def pair_counts(
    table: np.ndarray,
    index: np.ndarray,
    lit: np.ndarray,
    qlen: np.ndarray,
    owner: np.ndarray,
    cand: np.ndarray,
    lengths: np.ndarray,
    hard_of: np.ndarray,
    error_of: np.ndarray,
    op_cost: np.ndarray,
    hard_cost: float,
    n_ops: int,
    transpose: int,
    delete: int,
    insert: int,
) -> tuple[np.ndarray, np.ndarray]:
    """``channel.classify_pairs`` pair by pair: reading ``owner[i]`` (kind rows ``index``, literal codes ``lit``,
    ``qlen`` long) against ``cand[i]`` (``lengths[i]`` long). Equal lengths are ``equal_counts``'s pair; a
    candidate longer (shorter) by d tries every placement of its d dropped (the reading's d extra)
    characters in ``itertools.combinations`` order and keeps the first most likely (none if every one
    is NaN or -inf), as the groups' NumPy steps do, without their dozen array calls per length."""
    n = cand.shape[0]
    counts = np.zeros((n, n_ops))
    hard = np.zeros(n)
    most = max(cand.shape[1], index.shape[1]) + 1
    qb = np.zeros(most, dtype=np.int64)
    lb = np.zeros(most, dtype=np.int64)
    cb = np.zeros(most, dtype=np.int64)
    taken = np.zeros(most, dtype=np.int64)
    c = np.zeros(n_ops)
    for i in range(n):
        o = owner[i]
        length = qlen[o]
        clen = lengths[i]
        d = clen - length
        k = d if d > 0 else -d
        span = clen if d > 0 else length  # the positions the dropped (extra) ones are chosen from
        m = span - k
        for t in range(k):
            taken[t] = t
        best = -np.inf
        while True:
            # the kept positions of this placement, side by side
            t = 0
            at = 0
            for j in range(span):
                if t < k and taken[t] == j:
                    t += 1
                    continue
                if d >= 0:
                    cb[at] = cand[i, j]
                else:
                    qb[at] = index[o, j]
                    lb[at] = lit[o, j]
                at += 1
            if d >= 0:
                for j in range(m):
                    qb[j] = index[o, j]
                    lb[j] = lit[o, j]
            else:
                for j in range(m):
                    cb[j] = cand[i, j]
            for j in range(n_ops):
                c[j] = 0.0
            found = False
            kept_before = False
            errors = 0
            swaps = 0
            for j in range(m):
                ch = cb[j]
                swap = False
                if j + 1 < m:
                    a = lb[j]
                    b = lb[j + 1]
                    swap = a >= 0 and b >= 0 and a != b and ch == b and cb[j + 1] == a
                kept = swap and not found
                if kept:
                    swaps += 1
                if kept or kept_before:
                    if hard_of[ch]:
                        errors += 1
                else:
                    kind = table[qb[j], ch]
                    if kind < 5:
                        c[kind] += 1
                    if error_of[kind] and hard_of[ch]:
                        errors += 1
                found = swap
                kept_before = kept
            c[transpose] = swaps
            if k == 0:
                for j in range(n_ops):
                    counts[i, j] = c[j]
                hard[i] = errors
                break
            if d > 0:
                c[delete] += d
                for t in range(k):
                    if hard_of[cand[i, taken[t]]]:
                        errors += 1
            else:
                c[insert] += k
            ll = 0.0
            for j in range(n_ops):
                ll += c[j] * op_cost[j]
            ll += errors * hard_cost
            if ll > best:  # a NaN never is
                best = ll
                for j in range(n_ops):
                    counts[i, j] = c[j]
                hard[i] = errors
            # the next placement, in ``itertools.combinations`` order
            t = k - 1
            while t >= 0 and taken[t] == span - k + t:
                t -= 1
            if t < 0:
                break
            taken[t] += 1
            for u in range(t + 1, k):
                taken[u] = taken[u - 1] + 1
    return counts, hard


def flat_groups(groups: Mapping[tuple[str, int], Any]) -> tuple[np.ndarray, ...]:
    """A ``RangeIndex``'s groups as flat arrays for ``range_holds``: prefix length, width, prefix codes (a row a
    group), where each group's ranges start, and all groups' starts, running maximum ends, ends."""
    items = list(groups.items())
    heads = np.zeros((len(items), max((len(p) for p, _ in groups), default=0)), dtype=np.int64)
    for g, ((pskel, _), _) in enumerate(items):
        heads[g, : len(pskel)] = [ord(c) for c in pskel]
    sizes = [len(group.starts) for _, group in items]
    return (
        np.array([len(p) for (p, _), _ in items], dtype=np.int64),
        np.array([w for (_, w), _ in items], dtype=np.int64),
        heads,
        np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64),
        *(
            np.concatenate([getattr(group, name) for _, group in items] or [np.zeros(0, np.int64)])
            for name in ("starts", "maxend", "ends")
        ),
    )


def range_holds(
    grid: np.ndarray,
    lengths: np.ndarray,
    plen: np.ndarray,
    width: np.ndarray,
    heads: np.ndarray,
    offsets: np.ndarray,
    starts: np.ndarray,
    maxend: np.ndarray,
    ends: np.ndarray,
) -> np.ndarray:
    """Whether some range record holds each row of ``grid`` (character codes, NUL padded): group ``g``'s
    rows are ``plen[g] + width[g]`` long, start with its prefix (``heads[g]``, character codes) and end in
    ``width[g]`` ASCII digits, whose number one of its ranges (``offsets[g]`` to ``offsets[g + 1]`` of
    ``starts``, ``maxend``, ``ends``) covers, as ``_Group.contains_many`` finds it."""
    n = grid.shape[0]
    out = np.zeros(n, dtype=np.bool_)
    for i in range(n):
        for g in range(plen.shape[0]):
            p = plen[g]
            w = width[g]
            if lengths[i] != p + w:
                continue
            ok = True
            for j in range(p):
                if grid[i, j] != heads[g, j]:
                    ok = False
                    break
            if not ok:
                continue
            number = 0
            for j in range(p, p + w):
                c = grid[i, j]
                if c < 48 or c > 57:
                    ok = False
                    break
                number = number * 10 + (int(c) - 48)
            if not ok:
                continue
            a = offsets[g]
            b = offsets[g + 1]
            first = a + np.searchsorted(maxend[a:b], number)
            last = a + np.searchsorted(starts[a:b], number, side="right")
            for j in range(first, last):
                if ends[j] >= number:
                    out[i] = True
                    break
            if out[i]:
                break
    return out


def serial_numbers(grid: np.ndarray, lengths: np.ndarray, most: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Where each row's number starts and ends (its last run of ASCII digits, as ``^(.*?)([0-9]*)([^0-9]*)$``
    reads it: -1, -1 without one) and the number of its last ``most`` digits."""
    n = grid.shape[0]
    first = np.full(n, -1, dtype=np.int64)
    last = np.full(n, -1, dtype=np.int64)
    number = np.zeros(n, dtype=np.int64)
    for i in range(n):
        j = lengths[i] - 1
        while j >= 0 and not (48 <= grid[i, j] <= 57):
            j -= 1
        if j < 0:
            continue
        k = j
        while k >= 0 and 48 <= grid[i, k] <= 57:
            k -= 1
        first[i] = k + 1
        last[i] = j
        x = 0
        for t in range(max(k + 1, j - most + 1), j + 1):
            x = x * 10 + (int(grid[i, t]) - 48)
        number[i] = x
    return first, last, number


def range_counts(
    starts: np.ndarray, maxend: np.ndarray, ends: np.ndarray, lo: np.ndarray, hi: np.ndarray
) -> np.ndarray:
    """Numbers of a group's ranges inside each window [lo_i, hi_i], as ``density._range_counts`` adds them
    (whole numbers: any order gives the same float)."""
    out = np.zeros(lo.shape[0])
    for i in range(lo.shape[0]):
        first = np.searchsorted(maxend, lo[i])
        last = np.searchsorted(starts, hi[i], side="right")
        for j in range(first, last):
            if ends[j] >= lo[i]:
                out[i] += min(hi[i], ends[j]) - max(lo[i], starts[j]) + 1
    return out
