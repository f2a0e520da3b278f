"""The reading channel: how likely a serial *as read* is, given the serial actually stamped on the weapon.

An examiner reads each character correctly, or misreads it as a member of its confusion class (O for 0),
as a weaker lookalike (N for M, 3 for 8), as another character of the same kind (a digit for a
digit: "substitute") or of the other kind ("recast"), drops it, adds one, or swaps two
neighbours. ``align`` finds the most likely way a reading came from a serial (a weighted optimal string
alignment: Viterbi over these operations) and returns the operations, so that the same counts serve the
likelihood, the explanation and the EM re-estimation of the rates. Unknown characters (``?``, ``*``) cost
nothing and a set (``[38]``) costs nothing when the serial's character is in it: the probability of
writing "unknown" is the same whichever weapon it is, so it cancels out of every comparison.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache
from itertools import combinations

import numpy as np

from armstrace.serials import ANY, HARD_CHARACTERS, STAR, Element

from . import search_kernels
from .alignment import _OP_INDEX, _TRANSPOSE, OPS, Alignment, _kind, _literal_notes, _literal_ops, _text, sub_note
from .alignment import _literal as _literal
from .alignment import _sub_kind as _sub_kind
from .keys import decode_codes, unique

__all__ = ["OPS", "Alignment", "Reading", "align", "classify", "classify_pairs"]


def _positional(q: Sequence[Element], s: str, skip: int = -1, offset: int = 0) -> Alignment | None:
    """Readings as long as the serial (no ``*``), with few differences: classify position by position.

    ``skip``: the serial had one more character at this index (not read), so later positions of ``s``
    are one further on the serial; ``offset``: where ``s`` starts on the serial.
    """
    if len(q) != len(s):
        return None
    try:
        text = "".join(q)  # type: ignore[arg-type]
    except TypeError:  # a wildcard or a set among the elements
        text = ""
    if len(text) == len(q):
        return _literal(text, s, skip, offset)
    return _elementwise(q, s, skip, offset)


def _elementwise(q: Sequence[Element], s: str, skip: int = -1, offset: int = 0) -> Alignment | None:
    """``_positional`` element by element (wildcards, sets; ``_literal`` is the same for a literal reading)."""
    counts = dict.fromkeys(OPS, 0)
    if all(isinstance(e, str) for e in q):  # literal: a character that differs is never free or a match
        diffs = [i for i, (e, ch) in enumerate(zip(q, s, strict=True)) if e != ch]
        if len(diffs) > 3:
            return None
        kinds: dict[int, str | None] = {p: _sub_kind(str(q[p]), s[p]) for p in diffs}
        counts["match"] = len(q) - len(diffs)
    else:
        every = [_kind(e, ch) for e, ch in zip(q, s, strict=True)]
        diffs = [i for i, k in enumerate(every) if k not in (None, "match")]
        if len(diffs) > 3:
            return None
        kinds = {p: every[p] for p in diffs}
        counts["match"] = sum(k == "match" for k in every)
    notes: list[str] = []
    hard = 0
    i = 0
    while i < len(diffs):
        p = diffs[i]
        at = offset + p + 1 + (0 <= skip <= p)
        if (
            i + 1 < len(diffs)
            and diffs[i + 1] == p + 1
            and isinstance(q[p], str)
            and isinstance(q[p + 1], str)
            and q[p] == s[p + 1]
            and q[p + 1] == s[p]
        ):
            counts["transpose"] += 1
            notes.append(f"{s[p : p + 2]} read as {q[p]}{q[p + 1]} (swapped) at {at}")
            hard += (s[p] in HARD_CHARACTERS) + (s[p + 1] in HARD_CHARACTERS)
            i += 2
            continue
        kind = kinds[p]
        assert kind is not None
        counts[kind] += 1
        notes.append(sub_note(s[p], _text(q[p]), kind, at))
        hard += s[p] in HARD_CHARACTERS
        i += 1
    return Alignment(tuple(counts[o] for o in OPS), hard, tuple(notes))


def _shifted(q: Sequence[Element], s: str, log_p: dict[str, float]) -> Alignment | None:
    """Readings one character shorter or longer than the serial (no ``*``): try every place for the
    missing or extra character, position by position for the rest, and keep the most likely (no DP)."""
    if abs(len(q) - len(s)) != 1:
        return None
    dropped = len(s) > len(q)
    places = _places(q, s, dropped)
    if places is not None:
        return _shifted_literal("".join(q), s, log_p, dropped, places)  # type: ignore[arg-type]
    return _shifted_any(q, s, log_p, dropped)


def _shifted_any(q: Sequence[Element], s: str, log_p: dict[str, float], dropped: bool) -> Alignment | None:
    """``_shifted`` element by element, every place tried (wildcards, sets)."""
    best: tuple[float, Alignment] | None = None
    for j in range(max(len(q), len(s))):
        rest = _positional(q, s[:j] + s[j + 1 :], j) if dropped else _positional([*q[:j], *q[j + 1 :]], s)
        if rest is None:
            continue
        counts = list(rest.counts)
        counts[OPS.index("delete" if dropped else "insert")] += 1
        hard = rest.hard + (s[j] in HARD_CHARACTERS if dropped else 0)
        note = f"{s[j]} at {j + 1} not read" if dropped else f"extra {_text(q[j])} read after position {j}"
        found = Alignment(tuple(counts), hard, (*rest.notes, note))
        ll = found.log_likelihood(log_p, 0.0)  # as the DP: operations only
        if best is None or ll > best[0]:
            best = (ll, found)
    return None if best is None else best[1]


def _shifted_literal(text: str, s: str, log_p: dict[str, float], dropped: bool, places: set[int]) -> Alignment | None:
    """``_shifted`` of a literal reading: only the places with at most three differences (``_positional``
    would give None at the others), each compared as strings and weighed without its words; the place
    kept (the first of the most likely) is worded once."""
    op = _OP_INDEX["delete" if dropped else "insert"]
    best: tuple[float, int, list[int], int, list[tuple[int, str]], str, str] | None = None
    for j in sorted(places):
        short_q, short_s = (text, s[:j] + s[j + 1 :]) if dropped else (text[:j] + text[j + 1 :], s)
        found = _literal_ops(short_q, short_s)
        if found is None:
            continue
        counts, hard, ops = found
        counts[op] += 1
        hard += s[j] in HARD_CHARACTERS if dropped else 0
        # as ``Alignment.log_likelihood(log_p, 0.0)`` adds it (the DP's: operations only)
        ll = sum(c * log_p[o] for c, o in zip(counts, OPS, strict=True) if c) + hard * 0.0
        if best is None or ll > best[0]:
            best = (ll, j, counts, hard, ops, short_q, short_s)
    if best is None:
        return None
    _, j, counts, hard, ops, short_q, short_s = best
    note = f"{s[j]} at {j + 1} not read" if dropped else f"extra {text[j]} read after position {j}"
    return Alignment(tuple(counts), hard, (*_literal_notes(short_q, short_s, ops, j if dropped else -1, 0), note))


def _places(q: Sequence[Element], s: str, dropped: bool) -> set[int] | None:
    """For a literal reading one character off the serial's length: the places of the missing
    (``dropped``) or extra character that leave at most three differing positions, counted from the
    mismatches before and after the place (None for other readings: every place is tried)."""
    if not all(isinstance(e, str) for e in q):
        return None
    short, long_ = (q, s) if dropped else (s, q)
    n = len(short)
    # before[j]: mismatches of short[:j] against long[:j]; after[j]: of short[j:] against long[j + 1:]
    before = [0] * (n + 1)
    for k in range(n):
        before[k + 1] = before[k] + (short[k] != long_[k])
    after = [0] * (n + 1)
    for k in range(n - 1, -1, -1):
        after[k] = after[k + 1] + (short[k] != long_[k + 1])
    return {j for j in range(n + 1) if before[j] + after[j] <= 3}


def align(elements: tuple[Element, ...], s: str, log_p: dict[str, float]) -> Alignment:
    """The most likely alignment of a reading (query elements) to a normalised serial ``s``.

    Readings within one character of the serial's length are classified position by position; with
    one ``*``, the part before it lines up with the serial's start and the part after with its end (as
    the vectorised ``classify_pairs`` does); anything else runs the full weighted alignment.
    """
    stars = elements.count(STAR)  # by identity: no element compares equal to STAR
    if stars == 0:
        fast = _positional(elements, s) or _shifted(elements, s, log_p)
        if fast is not None:
            return fast
    elif stars == 1:
        cut = elements.index(STAR)
        head, tail = elements[:cut], elements[cut + 1 :]
        if len(head) + len(tail) <= len(s):
            a = _positional(head, s[: len(head)])
            b = _positional(tail, s[len(s) - len(tail) :], offset=len(s) - len(tail))
            if a is not None and b is not None:
                both = tuple(x + y for x, y in zip(a.counts, b.counts, strict=True))
                return Alignment(both, a.hard + b.hard, a.notes + b.notes)
    n, m = len(elements), len(s)
    inf = math.inf
    # cost[i][j]: best -log likelihood of reading elements[:i] from s[:j]
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int, str] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    c_ins, c_del, c_tr = -log_p["insert"], -log_p["delete"], -log_p["transpose"]
    for i in range(n + 1):
        row = cost[i]
        e = elements[i - 1] if i else None
        for j in range(m + 1):
            here = row[j]
            if i == 0 and j == 0:
                continue
            best, step = here, back[i][j]
            if i and e is STAR:
                # a star absorbs any run: from (i-1, j) (empty run) or (i, j-1) (one more character)
                for ci, cj in ((i - 1, j), (i, j - 1)):
                    if cj >= 0 and cost[ci][cj] < best:
                        best, step = cost[ci][cj], (ci, cj, "star")
            elif i and j:
                ch = s[j - 1]
                if e is ANY:
                    kind = "unknown"
                elif isinstance(e, frozenset):
                    kind = "set" if ch in e else min((_sub_kind(x, ch) for x in e), key=lambda k: -log_p[k])
                else:
                    kind = _sub_kind(e, ch)
                c = cost[i - 1][j - 1] + (0.0 if kind in ("unknown", "set") else -log_p[kind])
                if c < best:
                    best, step = c, (i - 1, j - 1, kind)
                if (
                    i > 1
                    and j > 1
                    and isinstance(e, str)
                    and isinstance(elements[i - 2], str)
                    and e == s[j - 2]
                    and elements[i - 2] == ch
                    and e != ch
                ):
                    c = cost[i - 2][j - 2] + c_tr
                    if c < best:
                        best, step = c, (i - 2, j - 2, "transpose")
            if i and e is not STAR and cost[i - 1][j] + c_ins < best:
                best, step = cost[i - 1][j] + c_ins, (i - 1, j, "insert")
            if j and cost[i][j - 1] + c_del < best:
                best, step = cost[i][j - 1] + c_del, (i, j - 1, "delete")
            row[j], back[i][j] = best, step
    counts = dict.fromkeys(OPS, 0)
    notes: list[str] = []
    hard = 0
    i, j = n, m
    while (i, j) != (0, 0):
        step = back[i][j]
        assert step is not None
        pi, pj, kind = step
        if kind in ("unknown", "set", "star"):
            pass
        elif kind == "match":
            counts["match"] += 1
        elif kind == "transpose":
            counts["transpose"] += 1
            hard += sum(c in HARD_CHARACTERS for c in s[pj:j])
            notes.append(f"{s[pj:j]} read as {s[pj:j][::-1]} (swapped) at {pj + 1}")
        elif kind == "insert":
            counts["insert"] += 1
            notes.append(f"extra {_text(elements[pi])} read after position {pj}")
        elif kind == "delete":
            counts["delete"] += 1
            hard += s[pj] in HARD_CHARACTERS
            notes.append(f"{s[pj]} at {pj + 1} not read")
        else:
            counts[kind] += 1
            hard += s[pj] in HARD_CHARACTERS
            notes.append(sub_note(s[pj], _text(elements[pi]), kind, pj + 1))
        i, j = pi, pj
    return Alignment(tuple(counts[o] for o in OPS), hard, tuple(reversed(notes)))


# -- vectorised classification ---------------------------------------------------------------------------
# Kind of reading character r for true character t, indexed by their one-byte codes (keys.char_codes):
# 0 match, 1 confusable, 2 lookalike, 3 substitute, 4 recast (the first five OPS); 5 = costs nothing
# (an unknown or a set that holds t); 6 = taken by a transposition.
_FREE, _TAKEN = 5, 6
_KINDS = 7
_PAIR_CHUNK = 1 << 17  # pairs of one group classified at once: the int64 index arrays of a block stay small
_PLACEMENT_CELLS = 1 << 20  # characters of the placements classified at once (pairs x placements x length)
_ERROR = np.array([False, True, True, True, True, False, False])  # the kinds that are a reading error
_DELETE, _INSERT = OPS.index("delete"), OPS.index("insert")


def _kind_table() -> tuple[np.ndarray, np.ndarray]:
    chars = [decode_codes(bytes([b])) if b else "\x00" for b in range(256)]
    kind = np.full((256, 256), OPS.index("recast"), dtype=np.int8)
    alnum = [b for b in range(1, 256) if chars[b].isalnum()]
    for r in alnum:
        for t in alnum:
            kind[r, t] = OPS.index(_sub_kind(chars[r], chars[t]))
    hard = np.array([chars[b] in HARD_CHARACTERS for b in range(256)], dtype=bool)
    return kind, hard


_KIND, _HARD = _kind_table()
_BASE = np.vstack([_KIND, np.full((1, 256), _FREE, dtype=np.int8)])  # the literal rows and the unknown's
_BASE.flags.writeable = False


Reading = list[int | frozenset[int] | None]  # one-byte codes of a reading: a literal, a set, or None = ``?``


def _reading_table(readings: list[Reading]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Kind rows for the readings' positions: (table, row index per position, literal code or -1, length).

    Rows 0-255 are the kinds of a literal reading character; 256 is an unknown (every character
    costs nothing); sets get rows of their own. Positions past a reading's end point at row 256.
    """
    width = max((len(r) for r in readings), default=0)
    index = np.full((len(readings), max(width, 1)), 256, dtype=np.int32)
    lit = np.full((len(readings), max(width, 1)), -1, dtype=np.int16)
    extra: dict[frozenset[int], int] = {}
    extra_rows: list[np.ndarray] = []
    for i, reading in enumerate(readings):
        for j, c in enumerate(reading):
            if c is None:
                continue
            if isinstance(c, int):
                index[i, j] = c
                lit[i, j] = c
                continue
            row = extra.get(c)
            if row is None:
                members = sorted(c)
                kinds = _KIND[members].min(axis=0)
                kinds[members] = _FREE
                row = extra[c] = 257 + len(extra_rows)
                extra_rows.append(kinds)
            index[i, j] = row
    table = np.vstack([_BASE, *extra_rows]) if extra_rows else _BASE
    return table, index, lit, np.array([len(r) for r in readings], dtype=np.int64)


def _equal(table: np.ndarray, q: np.ndarray, lit: np.ndarray, cand: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Operation counts and hard-character errors of equal-length pairs: reading positions ``q`` (kind
    rows, n x L), their literal codes ``lit`` (-1 when not a literal) and candidates ``cand`` (n x L uint8).
    A search's few pairs go through one compiled loop when loaded (``search_kernels.equal_counts``)."""
    n, length = cand.shape
    loops = search_kernels.loaded() if n <= search_kernels.SMALL else None
    if loops is not None:
        return loops.equal_counts(table, q, lit, cand, _HARD, _ERROR, len(OPS), _TRANSPOSE)  # type: ignore[no-any-return]
    kinds = table[q, cand]  # (n, L)
    hard_mask = _HARD[cand]
    hard = np.zeros(n, dtype=np.int64)
    transposed = None
    if length > 1:
        a, b = lit[:, :-1], lit[:, 1:]
        swap = (cand[:, :-1] == b) & (cand[:, 1:] == a) & (a >= 0) & (b >= 0) & (a != b)
        if swap.any():
            swap[:, 1:] &= ~swap[:, :-1]
            transposed = swap.sum(axis=1)
            touched = np.zeros_like(kinds, dtype=bool)
            touched[:, :-1] |= swap
            touched[:, 1:] |= swap
            kinds = np.where(touched, _TAKEN, kinds)
            hard = (hard_mask & touched).sum(axis=1)
    # each pair's count of every kind in one pass (a bincount over pair x kind), not a pass a kind
    tally = np.bincount((kinds + (np.arange(n) * _KINDS)[:, None]).ravel(), minlength=n * _KINDS)
    counts = np.zeros((n, len(OPS)), dtype=np.float64)
    counts[:, :5] = tally.reshape(n, _KINDS)[:, :5]
    if transposed is not None:
        counts[:, OPS.index("transpose")] = transposed
    hard = hard + (hard_mask & _ERROR[kinds]).sum(axis=1)
    return counts, np.asarray(hard, dtype=np.float64)


def classify(
    codes: Reading,
    cand: np.ndarray,
    lengths: np.ndarray,
    op_cost: np.ndarray,
    hard_cost: float,
) -> tuple[np.ndarray, np.ndarray]:
    """``classify_pairs`` for one reading against every candidate."""
    return classify_pairs([codes], np.zeros(len(cand), dtype=np.int64), cand, lengths, op_cost, hard_cost)


def classify_pairs(
    readings: list[Reading],
    owner: np.ndarray,
    cand: np.ndarray,
    lengths: np.ndarray,
    op_cost: np.ndarray,
    hard_cost: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Operation counts (n x len(OPS)) and hard-character errors of the most likely alignment of each
    pair: reading ``readings[owner[i]]`` (no ``*``) against candidate ``cand[i]`` (n x width uint8
    codes, ``lengths`` their lengths).

    Equal lengths are classified position by position; a candidate one or two characters longer or
    shorter tries every placement of the dropped or extra characters and keeps the most likely.
    """
    n = len(cand)
    counts = np.zeros((n, len(OPS)), dtype=np.float64)
    hard = np.zeros(n, dtype=np.float64)
    if n == 0:
        return counts, hard
    table, index, lit, qlen = _reading_table(readings)
    loops = search_kernels.loaded() if n <= search_kernels.SMALL else None
    if loops is not None:  # a search's pairs: every length and placement in one compiled loop
        return loops.pair_counts(  # type: ignore[no-any-return]
            table, index, lit, qlen, owner, cand, lengths, _HARD, _ERROR, op_cost, hard_cost, len(OPS),
            _TRANSPOSE, _DELETE, _INSERT,
        )  # fmt: skip
    width = cand.shape[1]
    group = qlen[owner] * (width + 1) + lengths
    for g in unique(group).tolist():
        chosen = np.flatnonzero(group == g)
        for start in range(0, len(chosen), _PAIR_CHUNK):  # the pairs too: every array below is per pair
            sel = chosen[start : start + _PAIR_CHUNK]
            _classify_group(table, index, lit, owner, cand, sel, g, width, op_cost, hard_cost, counts, hard)
    return counts, hard


def _classify_group(
    table: np.ndarray,
    index: np.ndarray,
    lit: np.ndarray,
    owner: np.ndarray,
    cand: np.ndarray,
    sel: np.ndarray,
    g: int,
    width: int,
    op_cost: np.ndarray,
    hard_cost: float,
    counts: np.ndarray,
    hard: np.ndarray,
) -> None:
    """``classify_pairs`` of the pairs ``sel`` of one (reading length, candidate length) group ``g``, into
    ``counts`` and ``hard``."""
    length, clen = divmod(g, width + 1)
    block = cand[sel, :clen]
    q, lt = index[owner[sel], :length], lit[owner[sel], :length]
    d = clen - length
    if d == 0:
        counts[sel], hard[sel] = _equal(table, q, lt, block)
        return
    combos = _combos(clen, d) if d > 0 else _combos(length, -d)
    best = np.full(len(sel), -np.inf)
    step = max(1, _PLACEMENT_CELLS // max(len(sel) * max(clen, length), 1))
    for at in range(0, len(combos), step):  # every placement at once, as far as the memory budget goes
        # (P, |d|) the dropped (or extra) positions of each placement, (P, kept) the others
        part, keep = _placements(clen if d > 0 else length, abs(d), at, step)
        m, places = len(sel), len(part)
        if d > 0:  # the reading missed d characters of the serial
            shown = block[:, keep].reshape(m * places, -1)
            c, h = _equal(table, np.repeat(q, places, axis=0), np.repeat(lt, places, axis=0), shown)
            c[:, OPS.index("delete")] += d
            h += _HARD[block[:, part]].sum(axis=2).ravel()
        else:  # the reading has -d extra characters
            read_q = q[:, keep].reshape(m * places, -1)
            read_lt = lt[:, keep].reshape(m * places, -1)
            c, h = _equal(table, read_q, read_lt, np.repeat(block, places, axis=0))
            c[:, OPS.index("insert")] += -d
        _keep_best_of(c.reshape(m, places, -1), h.reshape(m, places), op_cost, hard_cost, best, counts, hard, sel)


def _keep_best_of(
    c: np.ndarray,
    h: np.ndarray,
    op_cost: np.ndarray,
    hard_cost: float,
    best: np.ndarray,
    counts: np.ndarray,
    hard: np.ndarray,
    sel: np.ndarray,
) -> None:
    """Of each pair's placements (``c``: pairs x placements x OPS), the first most likely one, kept where
    it beats ``best``: what trying the placements one after the other and keeping a strictly better one
    gives."""
    m, places = h.shape
    ll = (c.reshape(m * places, -1) @ op_cost + h.ravel() * hard_cost).reshape(m, places)
    ll = np.where(np.isnan(ll), -np.inf, ll)  # a NaN is never better than anything
    first = np.argmax(ll, axis=1)
    top = ll[np.arange(m), first]
    better = top > best
    if better.any():
        best[better] = top[better]
        counts[sel[better]] = c[better, first[better]]
        hard[sel[better]] = h[better, first[better]]


@lru_cache(maxsize=1024)
def _placements(n: int, k: int, at: int, step: int) -> tuple[np.ndarray, np.ndarray]:
    """Placements ``at:at + step`` of ``_combos(n, k)``: the k positions each takes out, and the others."""
    part = _combos(n, k)[at : at + step]
    keep = [[i for i in range(n) if i not in p] for p in part]
    return np.array(part, dtype=np.int64).reshape(len(part), k), np.array(keep, dtype=np.int64).reshape(
        len(part), n - k
    )


@lru_cache(maxsize=256)
def _combos(n: int, k: int) -> tuple[tuple[int, ...], ...]:
    return tuple(combinations(range(n), k))
