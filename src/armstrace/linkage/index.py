"""The candidate index for single serials: sorted skeleton keys, forward, reversed and rotated.

Four sorted arrays (``sorted_keys``) hold every record's skeleton key forwards, reversed, and rotated (its
last two or four characters moved to the front), as order-preserving integers where they fit in eight
bytes (else as numpy ``S`` strings), each with an int32 permutation back to the record row. Every lookup
is a vectorised ``np.searchsorted`` of prefixes; nothing scans the registry at query time. Candidates are
verified on the caller's codes of each row (``Matcher.codes``), so the index keeps no key by row.

Candidates within k edits (k <= 2; optimal string alignment on the skeleton, so confusable characters
cost nothing here) come from a pigeonhole argument. Split the query into quarters Q1..Q4: at most k
quarters hold an error, so at least 4 - k hold exactly. Each case is one probe whose prefix keeps at
least three quarters fixed (or varies one quarter by one edit, v(Q)), so that even a registry of dense
consecutive serials gives few positions per probe:

    errors in    probe                                   errors in    probe
    Q4           forward  Q1 Q2 Q3                       Q1           reverse  Q4 Q3 Q2
    Q3 (k=1)     forward  Q1 Q2 v(Q3)                    Q2 (k=1)     reverse  Q4 Q3 v(Q2)
    Q3, Q4       forward  Q1 Q2 v(Q3)                    Q1, Q2       reverse  Q4 Q3 v(Q2)
    Q3 twice     rotated  Q4' Q1 Q2, ends with Q4        Q2 twice     reverse  Q4 Q3, ends with Q1
    Q2, Q3       rotated  Q4' Q1 v(Q2), ends with Q4     Q1|Q2, Q4    forward  v(Q1 Q2) Q3
    Q1, Q3|Q4    reverse  v(Q3 Q4) Q2

(Q4' is the last two characters of Q4.) A transposition across a quarter boundary touches two quarters:
it is undone first and the one-edit probes run on the result. Candidates are then verified with
RapidFuzz's OSA distance, pairwise for a whole batch of readings in one C call. Wildcard queries walk
the sorted array from the known end: each ``?``/``[..]`` is expanded only into characters that exist
under the current prefix, and the survivors are checked with a regular expression.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from typing import Any

import numpy as np
import pyarrow as pa
from rapidfuzz.distance import OSA
from rapidfuzz.process import cpdist

from armstrace.serials import ANY, STAR, Element

from . import kernels, search_kernels
from .keys import allowed_edits, char_codes, fixed_width, skeleton_codes, unique
from .probes import Block, Probe, Stacked, Sym, compile_probes, permuted, rotation, stack, stacked, swap
from .sorted_keys import (
    COMPILED_KEYS,
    MAX_CANDIDATES,
    SortedKeys,
    compiled_sorted_keys,
    key_lengths,
    sorted_keys,
    stable_order,
)
from .wildcards import element_codes, fixed_matches, leading, pattern_regex

__all__ = ["SerialIndex", "allowed_edits"]

_WALK_CAP = 4096  # most prefixes a wildcard walk keeps alive
_FEW = 64  # a walk stops when this many keys or fewer start with its live prefixes


class SerialIndex:
    """Sorted skeleton keys of single-serial records; answers exact, fuzzy and wildcard lookups."""

    def __init__(
        self,
        skeletons: pa.Array | np.ndarray,
        rows: np.ndarray,
        pool: Executor | None = None,
        codes: np.ndarray | None = None,
    ):
        """``skeletons``: skeleton key of each indexed record (an Arrow string column, or a NUL-padded
        numpy ``S`` array); ``rows``: its row in the registry table; ``pool``: where the four sorted arrays
        are built beside each other (NumPy sorts without the GIL), else one after the other here;
        ``codes``: every registry row's one-byte codes (``keys.code_column``) whose ``skeleton_codes`` are
        ``skeletons``, kept by the caller anyway: candidates are verified on them, by row."""
        keys = skeletons if isinstance(skeletons, np.ndarray) else fixed_width(skeletons)
        rows = np.asarray(rows, dtype=np.int32)
        grid = keys.view(np.uint8).reshape(len(keys), keys.dtype.itemsize)
        compiled = len(keys) >= COMPILED_KEYS
        lengths, present = key_lengths(grid, compiled)
        orders: list[tuple[int, Callable[[np.ndarray, np.ndarray], np.ndarray] | None]] = [
            (0, None),
            (-1, lambda j, n: n - 1 - j),
            (2, rotation(2)),
            (4, rotation(4)),
        ]

        def build(order: tuple[int, Callable[[np.ndarray, np.ndarray], np.ndarray] | None]) -> SortedKeys:
            by, source = order
            done = compiled_sorted_keys(grid, lengths, rows, present, by) if compiled else None
            if done is not None:
                return done
            return sorted_keys(keys if source is None else permuted(grid, lengths, source), rows, present)

        if pool is None:
            built = [build(order) for order in orders]
        else:
            built = [job.result() for job in [pool.submit(build, order) for order in orders]]
        self.forward, self.reverse, self.rotated, self.rotated4 = built
        # each registry row's key, as the caller's codes (skeletonised per candidate: no copy, no map from
        # rows to sorted positions), or else a copy of the keys by row (skeletonising a skeleton is a no-op)
        self._own_by_row = codes is None
        if codes is None:
            codes = np.zeros(int(rows.max()) + 1 if len(rows) else 0, dtype=keys.dtype)
            codes[rows] = keys
        self.by_row = codes
        # every code a key holds (ASCII, and OTHER_CODE for a character outside the code table): '?' and
        # the fuzzy variants walk it
        self.alphabet: list[bytes] = [bytes([c]) for c in range(0x21, 0xFF) if present[c]]
        self._codes = tuple(c[0] for c in self.alphabet)
        self._alphabet_codes = np.array(self._codes, dtype=np.uint8)
        self._plans: dict[tuple[int, int], list[Probe]] = {}
        self._stacks: dict[tuple[int, int], list[Stacked]] = {}
        self.fused_plans: dict[tuple[int, int], Any] = {}  # ``literal_lookup.fuzzy_one``'s, by length and budget

    def __len__(self) -> int:
        return len(self.forward.rows)

    @property
    def nbytes(self) -> int:
        arrays = (self.forward, self.reverse, self.rotated, self.rotated4)
        return sum(a.keys.nbytes + a.rows.nbytes for a in arrays) + (self.by_row.nbytes if self._own_by_row else 0)

    # -- exact and fuzzy -------------------------------------------------------------------------
    def contains(self, skels: Sequence[str]) -> np.ndarray:
        """Whether each skeleton key is a registry key (exactly).

        The needles are sorted first (a radix sort) and looked up once each: a batch asks for a million
        serials (the absent-neighbour look-ups), and unsorted binary searches in a registry of millions
        miss the cache at every step."""
        keys, packer = self.forward.keys, self.forward.packer
        width = self.forward.width
        fits = np.fromiter(map(len, skels), dtype=np.int64, count=len(skels)) < width
        if "".join(skels).isascii():  # a byte a character: NumPy encodes them all at once (too long ones cut)
            needles = np.array(skels, dtype=f"S{width}")
            needles[~fits] = b""
        else:
            needles = np.array([char_codes(k) if ok else b"" for k, ok in zip(skels, fits, strict=True)], f"S{width}")
        found = np.zeros(len(needles), dtype=bool)
        if not len(keys) or not len(needles):
            return found
        loops = search_kernels.loaded() if packer is not None and len(needles) <= search_kernels.SMALL else None
        if loops is not None:  # a search's few needles: one loop, no sort
            assert packer is not None
            grid = needles.view(np.uint8).reshape(len(needles), width)
            lengths = np.where(fits, 0, width)  # the loop rejects a needle as long as the key width
            return loops.packed_contains(keys, grid, lengths, packer.ranks, packer.bits, width)  # type: ignore[no-any-return]
        if packer is not None:
            needles, ok = packer.pack(needles.view(np.uint8).reshape(len(needles), width))
            fits &= ok  # a byte no key holds: no key
            order = np.argsort(needles, kind="stable")
        else:
            order = stable_order(needles)
        ordered = needles[order]
        at = np.minimum(np.searchsorted(keys, ordered, "left"), len(keys) - 1)
        found[order] = keys[at] == ordered
        return fits & found

    def fuzzy(self, skel: str, max_edits: int = 2) -> tuple[np.ndarray, np.ndarray]:
        """Rows whose skeleton is within ``max_edits`` (OSA) of ``skel``, and their distances."""
        _, rows, dist = self.fuzzy_many([skel], [max_edits])
        return rows, dist

    def fuzzy_many(self, skels: Sequence[str], max_edits: Sequence[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(reading, row, distance) of every row within the allowed edits of each skeleton.

        Readings of one length share a probe plan (``_plan``): the needles of all of them are built by
        one numpy gather, go to one ``searchsorted`` per sorted array, and the candidates are verified
        pairwise in one C call, so a batch costs little Python per reading.
        """
        queries = [char_codes(s) for s in skels]  # the keys' one-byte codes, not UTF-8
        edits = np.array([allowed_edits(len(q), k) for q, k in zip(queries, max_edits, strict=True)], dtype=np.int32)
        lengths = np.array([len(q) for q in queries], dtype=np.int64)
        width = self.forward.width
        grid = np.zeros((len(queries), max(int(lengths.max(initial=0)), 1)), dtype=np.uint8)
        for i, q in enumerate(queries):
            grid[i, : len(q)] = np.frombuffer(q, dtype=np.uint8)
        arrays = (self.forward, self.reverse, self.rotated, self.rotated4)
        parts: dict[int, list[Block]] = {id(a): [] for a in arrays}
        owner_parts: list[np.ndarray] = []
        row_parts: list[np.ndarray] = []
        group = lengths * 3 + edits
        loops = search_kernels.loaded() if len(queries) == 1 else None
        for g in unique(group).tolist():
            n, k = divmod(g, 3)
            if n > width + k:
                continue  # longer than every key by more than its edits: within reach of none, and no probes built
            members = np.flatnonzero(group == g)
            for probes in self.stacked(n, k):
                arr = probes.array
                if loops is not None and arr.packer is not None and len(probes.src) <= search_kernels.SMALL:
                    # a single reading: its needles gathered, looked up and filtered in one compiled loop
                    _, found = loops.probe_lookup(
                        arr.keys,
                        arr.rows,
                        grid[0],
                        probes.src,
                        probes.chars,
                        probes.lengths,
                        probes.exact,
                        probes.must,
                        arr.packer.ranks,
                        arr.packer.chars,
                        arr.packer.bits,
                        width,
                        MAX_CANDIDATES,
                        MAX_CANDIDATES,
                    )
                    owner_parts.append(np.zeros(len(found), dtype=np.int64))
                    row_parts.append(found)
                    continue
                parts[id(arr)].append(probes.block(grid, members, n))
        compiled = kernels.loaded()
        for arr in arrays:
            if not parts[id(arr)]:
                continue
            mine = parts[id(arr)]
            if len(mine) == 1 and mine[0][0].shape[1] >= width:
                needles, need_len, owner, must, exact = mine[0]
            else:
                needles, need_len, owner, must, exact = stack(mine, width)
            if compiled is not None and arr.compiled_for(needles):  # bounds, positions and filter in one loop
                which, found = arr.lookup(compiled, needles, need_len, exact, must, MAX_CANDIDATES * len(queries))
                owner_parts.append(owner[which])
                row_parts.append(found)
                continue
            lo, hi = arr.bounds(needles, need_len, exact)
            pos, which = arr.positions(lo, hi, True, MAX_CANDIDATES * len(queries))
            if not len(pos):
                continue
            keep = np.ones(len(pos), dtype=bool)
            if must.shape[1]:
                # forward and rotated: the key ends with it; reverse: starts with it (musts are reversed)
                m = must.view(f"S{must.shape[1]}").ravel()[which]
                constrained = np.flatnonzero(np.char.str_len(m) > 0)
                keep[constrained] = np.char.endswith(arr.at(pos[constrained]), m[constrained])
            owner_parts.append(owner[which[keep]])
            row_parts.append(arr.rows[pos[keep]].astype(np.int64))
        empty = np.zeros(0, dtype=np.int64)
        owner = np.concatenate(owner_parts) if owner_parts else empty
        rows = np.concatenate(row_parts) if row_parts else empty
        if not len(rows):
            return empty, empty, empty.astype(np.int32)
        span = int(rows.max()) + 1
        pair = unique(owner * span + rows)
        owner, rows = pair // span, pair % span
        dist = self._verify(queries, grid, lengths, owner, rows, int(edits.max()))
        keep = dist <= edits[owner]
        return owner[keep], rows[keep], dist[keep]

    def compile_verify(self) -> None:
        """Load numba's compiled loops now (``kernels.compiled``), verification's and the packed look-up's
        among them, so that the searches of a large batch (or of a large registry) use them (``_verify``,
        ``SortedKeys.lookup``) and forked workers inherit them loaded."""
        one = np.zeros((1, 1), dtype=np.uint8)
        compiled = kernels.compiled()
        compiled.osa_pairs(one, np.zeros(1, np.int64), one, np.zeros(1, np.int64), np.zeros(1, np.int32), 0)
        for arr in (self.forward, self.reverse, self.rotated, self.rotated4):
            if arr.packer is not None:
                wide = np.zeros((1, arr.width), dtype=np.uint8)
                arr.lookup(compiled, wide, np.zeros(1, np.int64), np.zeros(1, bool), one, 1)
                self._packed_walk(compiled, arr, [ANY])

    def _verify(
        self,
        queries: list[bytes],
        grid: np.ndarray,
        lengths: np.ndarray,
        owner: np.ndarray,
        rows: np.ndarray,
        cutoff: int,
    ) -> np.ndarray:
        """OSA distance of each (reading, row) pair, ``cutoff + 1`` where larger: compiled over the byte rows
        in place when this process has loaded the compiled loops (``kernels.loaded``: a large batch did),
        else RapidFuzz on a string per pair; the same integers either way."""
        keys = skeleton_codes(self.by_row[rows])  # each pair's key, in pair order
        compiled = kernels.loaded()
        if compiled is not None and int(lengths.max(initial=0)) < 64:  # a reading's bits in one word
            grid_keys = keys.view(np.uint8).reshape(len(keys), keys.dtype.itemsize)
            pos = np.arange(len(keys), dtype=np.int32)  # the type compile_verify compiled for
            return np.asarray(compiled.osa_pairs(grid, lengths, grid_keys, owner, pos, cutoff))
        reads = np.array(queries, dtype=f"S{max(grid.shape[1], 1)}")[owner].tolist()
        return np.asarray(
            cpdist(reads, keys.tolist(), scorer=OSA.distance, score_cutoff=cutoff, dtype=np.int32, workers=1)
        )

    def _plan(self, n: int, k: int) -> list[Probe]:
        """The probes for a reading of length n within k edits, as gathers from the reading (cached)."""
        key = (n, k)
        plan = self._plans.get(key)
        if plan is None:
            plan = self._plans[key] = compile_probes(self._probes(tuple(range(n)), k))
        return plan

    def stacked(self, n: int, k: int) -> list[Stacked]:
        """``_plan``'s probes as one gather per sorted array (cached; none longer than every key by more than k)."""
        if n > self.forward.width + k:
            return []
        key = (n, k)
        plan = self._stacks.get(key)
        if plan is None:
            plan = self._stacks[key] = stacked(self._plan(n, k), self.forward.width)
        return plan

    def _probes(self, q: tuple[int, ...], k: int) -> list[tuple[SortedKeys, list[Sym], Sym | None]]:
        """Prefix lookups (array, prefixes, "ends with" filter) that together find every key within k edits.

        Keys are symbolic: a tuple of reading positions (>= 0) and alphabet characters (-1 - code); a
        filter of None asks for whole keys.
        """
        n = len(q)
        h = n // 2
        a, c = h // 2, h + (n - h) // 2
        q1, q2, q3, q4 = q[:a], q[a:h], q[h:c], q[c:]
        var = self._sym_variants
        if k == 0:
            return [(self.forward, [q], None)]  # the key itself, not a prefix
        probes: list[tuple[SortedKeys, list[Sym], Sym | None]] = [*self._one_edit(q)]
        if k == 1:
            return probes
        probes += [
            (self.forward, [q1 + q2 + v for v in var(q3)], ()),  # one in Q3, any in Q4
            (self.reverse, [(v + q3 + q4)[::-1] for v in var(q2)], ()),  # one in Q2, any in Q1
            (self.rotated, [q4[-2:] + q1 + q2], q4[:-2]),  # both errors in Q3
            (self.reverse, [(q3 + q4)[::-1]], q1[::-1]),  # both errors in Q2
            (self.rotated, [q4[-2:] + q1 + v for v in var(q2)], q4[:-2]),  # one in Q2, one in Q3
            (self.forward, [v + q3 for v in var(q1 + q2)], ()),  # one in Q1 or Q2, one in Q4
            (self.reverse, [(q2 + v)[::-1] for v in var(q3 + q4)], ()),  # one in Q3 or Q4, one in Q1
        ]
        # a transposition across a quarter boundary touches two quarters: undo it, one error is left
        bounds = [b for b in (a, h, c) if 0 < b < n]
        for b in bounds:
            s = swap(q, b - 1)
            probes += self._one_edit(s)
            probes += [(self.forward, [swap(s, o - 1)], ()) for o in bounds if o > b + 1]
        return probes

    def _one_edit(self, q: tuple[int, ...]) -> list[tuple[SortedKeys, list[Sym], Sym | None]]:
        """Probes for every key within one edit of q: three quarters exact, each case one lookup.

        Errors in Q4: forward Q1 Q2 Q3. In Q1: reverse Q4 Q3 Q2. In Q3: the key rotated by two starts
        with the end of Q4, then Q1 Q2. In Q2: rotated by four, it starts with the end of Q3 Q4, then Q1.
        Keys too short for a rotation vary the quarter by one edit instead. A transposition across a
        quarter boundary is looked up swapped.
        """
        n = len(q)
        h = n // 2
        a, c = h // 2, h + (n - h) // 2
        q1, q2, q3, q4 = q[:a], q[a:h], q[h:c], q[c:]
        var = self._sym_variants
        probes: list[tuple[SortedKeys, list[Sym], Sym | None]] = [
            (self.forward, [q1 + q2 + q3], ()),
            (self.reverse, [(q2 + q3 + q4)[::-1]], ()),
        ]
        if len(q4) >= 2:
            probes.append((self.rotated, [q4[-2:] + q1 + q2], q4[:-2]))
        else:
            probes.append((self.forward, [q1 + q2 + v for v in var(q3)], ()))
        back = q3 + q4
        if len(back) >= 4:
            probes.append((self.rotated4, [back[-4:] + q1], back[:-4]))
        else:
            probes.append((self.reverse, [(v + q3 + q4)[::-1] for v in var(q2)], ()))
        probes += [(self.forward, [swap(q, b - 1)], ()) for b in (a, h, c) if 0 < b < n]
        return probes

    def _sym_variants(self, part: Sym) -> list[Sym]:
        """Every symbolic key within one edit of part (substitution, deletion, insertion, transposition)."""
        chars = tuple(-1 - c for c in self._codes)
        out = {part}
        for i in range(len(part) + 1):
            head, tail = part[:i], part[i:]
            for ch in chars:
                out.add((*head, ch, *tail))
                if tail:
                    out.add((*head, ch, *tail[1:]))
            if tail:
                out.add(head + tail[1:])
                if len(tail) > 1:
                    out.add((*head, tail[1], tail[0], *tail[2:]))
        return sorted(out)

    # -- wildcards ---------------------------------------------------------------------------------
    def pattern(self, elements: Sequence[Element]) -> np.ndarray:
        """Rows whose skeleton matches a wildcard query given as skeleton elements."""
        return self.patterns([elements])[0]

    def patterns(self, queries: Sequence[Sequence[Element]]) -> list[np.ndarray]:
        """``pattern`` for many queries: their walks go down the sorted arrays together, one ``searchsorted``
        per array and depth for the whole batch."""
        heads = self._walk_many(self.forward, [leading(q) for q in queries])
        tails = self._walk_many(self.reverse, [leading(list(reversed(q))) for q in queries])
        return [self._matching(q, f, r) for q, f, r in zip(queries, heads, tails, strict=True)]

    def _matching(
        self,
        elements: Sequence[Element],
        f_ranges: tuple[np.ndarray, np.ndarray],
        r_ranges: tuple[np.ndarray, np.ndarray],
    ) -> np.ndarray:
        """Rows under the narrower walk whose key matches the query's regular expression."""
        f_size = int((f_ranges[1] - f_ranges[0]).sum())
        r_size = int((r_ranges[1] - r_ranges[0]).sum())
        if STAR not in elements:  # a fixed length: the check is column by column over the keys' bytes
            arr, ranges, ordered = (
                (self.forward, f_ranges, list(elements))
                if f_size <= r_size
                else (self.reverse, r_ranges, list(reversed(elements)))
            )
            pos = arr.positions(*ranges)
            return unique(arr.rows[pos][fixed_matches(arr.at(pos), ordered)]).astype(np.int32)
        regex = pattern_regex(elements)
        if f_size <= r_size:
            pos = self.forward.positions(*f_ranges)
            keys, rows = self.forward.at(pos).tolist(), self.forward.rows[pos]
        else:
            pos = self.reverse.positions(*r_ranges)
            keys = [k[::-1] for k in self.reverse.at(pos).tolist()]
            rows = self.reverse.rows[pos]
        match = regex.fullmatch
        keep = np.fromiter((match(k) is not None for k in keys), dtype=bool, count=len(keys))
        return unique(rows[keep]).astype(np.int32)

    def _walk_many(self, arr: SortedKeys, heads: list[list[Element]]) -> list[tuple[np.ndarray, np.ndarray]]:
        """``_walk`` of many queries' leading elements, a depth at a time for all of them (each query
        stops where it would alone: at ``*``, at the cap, or when few keys are left). Each query's live
        prefixes are rows of a byte matrix, grown a column at a time (each prefix by each of its element's
        characters, in order) and looked up as needles of the key width in one ``bounds`` call a depth."""
        compiled = kernels.loaded()
        if compiled is not None and arr.packer is not None:  # one compiled loop a query: the same ranges
            return [self._packed_walk(compiled, arr, head) for head in heads]
        width = arr.width
        prefixes = [np.zeros((1, 0), dtype=np.uint8) for _ in heads]
        out = [(np.array([0]), np.array([len(arr.rows)])) for _ in heads]
        active = list(range(len(heads)))
        depth = 0
        while active:
            grown_all: list[np.ndarray] = []
            sizes: list[tuple[int, int]] = []
            for i in active:
                if depth >= len(heads[i]) or heads[i][depth] is STAR:
                    continue
                e = heads[i][depth]
                chars = self._alphabet_codes if e is ANY else element_codes(e)
                n_pre = len(prefixes[i])
                if n_pre * len(chars) > _WALK_CAP:
                    continue
                grown = np.empty((n_pre * len(chars), width), dtype=np.uint8)
                if depth < width:
                    grown[:, :depth] = np.repeat(prefixes[i][:, :width], len(chars), axis=0)
                    grown[:, depth] = np.tile(chars, n_pre)
                    grown[:, depth + 1 :] = 0
                else:
                    grown[:] = 0  # longer than any key: matches nothing (``bounds``)
                grown_all.append(grown)
                sizes.append((i, len(grown)))
            if not sizes:
                break
            needles = np.concatenate(grown_all)
            nlo, nhi = arr.bounds(
                needles, np.full(len(needles), depth + 1, dtype=np.int64), np.zeros(len(needles), dtype=bool)
            )
            live_all = nhi > nlo
            at = 0
            active = []
            for (i, k), grown in zip(sizes, grown_all, strict=True):
                live = live_all[at : at + k]
                prefixes[i] = grown[live, : depth + 1] if depth < width else grown[live]
                lo, hi = nlo[at : at + k][live], nhi[at : at + k][live]
                at += k
                out[i] = (lo, hi)
                if len(prefixes[i]) and int((hi - lo).sum()) > _FEW:
                    active.append(i)
            depth += 1
        return out

    def _packed_walk(self, compiled: Any, arr: SortedKeys, head: list[Element]) -> tuple[np.ndarray, np.ndarray]:
        """``_walk_many`` of one query as ``kernels.packed_walk`` (packed keys, the loops loaded)."""
        packer = arr.packer
        assert packer is not None
        chars = [self._alphabet_codes if e is ANY else element_codes(e) for e in head]
        offsets = np.zeros(len(chars) + 1, dtype=np.int64)
        offsets[1:] = np.cumsum([len(c) for c in chars])
        flat = np.concatenate(chars) if chars else np.zeros(0, dtype=np.uint8)
        return compiled.packed_walk(  # type: ignore[no-any-return]
            arr.keys, flat, offsets, packer.ranks, len(packer.chars), packer.bits, arr.width, _WALK_CAP, _FEW
        )
