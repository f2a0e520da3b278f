"""The (reading, candidate) pairs of a block of readings: retrieval from the index, then classification.

``retrieve`` finds every reading's candidates (literal readings in one batched index lookup, wildcard
readings by walking the index, serials inside ranges); ``classify`` counts the reading-channel operations of
each pair (``channel.classify_pairs``), which ``block.scored_block`` turns into a ``Scored`` per reading.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from armstrace.serials import ANY, STAR, Element, Query, skeleton

from . import literal_lookup
from .alignment import _TRANSPOSE
from .channel import _BASE, _DELETE, _ERROR, _HARD, _INSERT, OPS, align, classify_pairs
from .index import allowed_edits
from .keys import char_codes, skeleton_elements
from .ranges import RangeHit
from .scoring import ScoringModel
from .search_kernels import SMALL

if TYPE_CHECKING:
    from .matcher import Matcher

__all__ = ["classify", "classify_star", "element_codes", "pair_codes", "retrieve"]


def retrieve(
    matcher: Matcher, queries: list[Query], max_edits: int | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, dict[int, str]]:
    """Candidates of many readings: (reading, registry row, serials of it that fit, inside-range serial
    by pair index). Literal readings share one batched index lookup; wildcard readings walk the index."""
    k = matcher.max_edits if max_edits is None else max_edits
    is_literal = [q.is_literal for q in queries]  # a property that walks the elements: asked once a reading
    literal = [i for i, lit in enumerate(is_literal) if lit]
    skels = [skeleton(queries[i].literal) for i in literal]
    # a reading that is a registry serial (up to confusable characters) looks one edit further only:
    # a candidate two edits away would weigh about 1e-6 of it, too little to change any probability
    one = literal_lookup.fuzzy_one(matcher.index, skels[0], k) if len(skels) == 1 else None
    if one is not None:  # a search's reading: look-ups and verification in one compiled pass
        rows = one[0]
        owner = np.zeros(len(rows), dtype=np.int64)
    else:
        hit = matcher.index.contains(skels)
        owner, rows, _ = matcher.index.fuzzy_many(skels, np.where(hit, min(k, 1), k).tolist())
    owners = [np.asarray(literal, dtype=np.int64)[owner]] if len(owner) else []
    row_parts = [rows] if len(rows) else []
    mult_parts: list[np.ndarray] = [np.ones(len(rows))] if len(rows) else []
    extra: list[tuple[int, int, str, int]] = []  # (reading, row, serial inside the range, count)
    range_hits: dict[int, list[RangeHit]] = {}
    if matcher.ranges.groups and literal:
        edits = [1 if matcher.ranges.plausible(len(s)) and allowed_edits(len(s), k) else 0 for s in skels]
        range_hits = dict(zip(literal, matcher.ranges.search_many(skels, edits), strict=True))
    wild = [i for i, lit in enumerate(is_literal) if not lit]
    walked = dict(
        zip(wild, matcher.index.patterns([skeleton_elements(queries[i].elements) for i in wild]), strict=True)
    )
    for i in range(len(queries)):
        query = queries[i]
        if not is_literal[i]:
            found = walked[i].astype(np.int64)
            owners.append(np.full(len(found), i, dtype=np.int64))
            row_parts.append(found)
            mult_parts.append(np.ones(len(found)))
        if not matcher.ranges.groups:
            continue
        hits = range_hits[i] if is_literal[i] else matcher.ranges.pattern(skeleton_elements(query.elements))
        for h in hits:
            prefix, width = matcher._range_prefix[h.row]
            extra.append((i, h.row, prefix + str(h.number).zfill(width), h.count))
    inside: dict[int, str] = {}
    if extra:
        owners.append(np.array([e[0] for e in extra], dtype=np.int64))
        row_parts.append(np.array([e[1] for e in extra], dtype=np.int64))
        mult_parts.append(np.array([e[3] for e in extra], dtype=np.float64))
    empty = np.zeros(0, dtype=np.int64)
    owner = np.concatenate(owners) if owners else empty
    rows = np.concatenate(row_parts) if row_parts else empty
    mult = np.concatenate(mult_parts) if mult_parts else np.zeros(0)
    order = np.argsort(owner, kind="stable")
    if extra:
        first_extra = len(owner) - len(extra)
        where = np.empty(len(order), dtype=np.int64)
        where[order] = np.arange(len(order))
        for j, e in enumerate(extra):
            inside[int(where[first_extra + j])] = e[2]
    return owner[order], rows[order], mult[order], inside


def pair_codes(matcher: Matcher, rows: np.ndarray, inside: Mapping[int, str]) -> tuple[np.ndarray, np.ndarray]:
    """One-byte codes (n x width) and lengths of the serial each pair compares with."""
    codes = matcher.codes[rows]
    lengths = matcher.lengths[rows].astype(np.int64)
    width = codes.dtype.itemsize
    for i, serial in inside.items():
        c = char_codes(serial)[: width - 1]
        codes[i] = c
        lengths[i] = len(c)
    return codes.view(np.uint8).reshape(len(rows), width), lengths


def classify(
    matcher: Matcher,
    queries: list[Query],
    owner: np.ndarray,
    rows: np.ndarray,
    inside: Mapping[int, str],
    model: ScoringModel,
) -> tuple[np.ndarray, np.ndarray]:
    """Operation counts and hard errors of every (reading, candidate) pair ``retrieve`` found: one
    classification for all the readings without a ``*``, ``classify_star`` for the others."""
    op_cost, hard_cost = model.op_cost(), math.log(model.hard_factor)
    if len(queries) == 1 and 0 < len(rows) <= SMALL and queries[0].is_literal:
        fused = literal_lookup.loaded()
        if fused is not None:  # a search's literal reading: its pairs' codes and counts in one compiled pass
            return _literal_counts(fused, matcher, queries[0], rows, inside, op_cost, hard_cost)
    counts = np.zeros((len(rows), len(OPS)), dtype=np.float64)
    hard = np.zeros(len(rows), dtype=np.float64)
    star = np.array([q.has_star for q in queries], dtype=bool)
    pair_star = star[owner]
    if (~pair_star).any():
        sel = np.flatnonzero(~pair_star)
        plain = [i for i in range(len(queries)) if not star[i]]
        slot = np.zeros(len(queries), dtype=np.int64)
        slot[plain] = np.arange(len(plain))
        cand, lengths = pair_codes(matcher, rows[sel], _inside_of(sel, inside))
        readings = [element_codes(queries[i].elements) for i in plain]
        counts[sel], hard[sel] = classify_pairs(readings, slot[owner[sel]], cand, lengths, op_cost, hard_cost)
    if pair_star.any():
        classify_star(matcher, queries, owner, rows, inside, pair_star, counts, hard, model)
    return counts, hard


def _literal_counts(
    fused: Any,
    matcher: Matcher,
    query: Query,
    rows: np.ndarray,
    inside: Mapping[int, str],
    op_cost: np.ndarray,
    hard_cost: float,
) -> tuple[np.ndarray, np.ndarray]:
    """``classify`` of one literal reading's pairs (``literal_lookup.literal_counts``): its kind rows are its
    codes (``channel._reading_table`` of a reading without sets or ``?``), the pairs' codes read by row."""
    reading = [char_codes(e)[0] for e in query.elements]  # type: ignore[arg-type]
    index = np.full((1, max(len(reading), 1)), 256, dtype=np.int32)
    index[0, : len(reading)] = reading
    lit = np.where(index == 256, -1, index).astype(np.int16)
    width = matcher.codes.dtype.itemsize
    over_at = np.array(list(inside), dtype=np.int64)
    over_codes = np.zeros((len(inside), width), dtype=np.uint8)
    over_len = np.zeros(len(inside), dtype=np.int64)
    for t, serial in enumerate(inside.values()):
        c = char_codes(serial)[: width - 1]
        over_codes[t, : len(c)] = np.frombuffer(c, dtype=np.uint8)
        over_len[t] = len(c)
    codes = matcher.codes.view(np.uint8).reshape(len(matcher.codes), width)
    return fused.literal_counts(  # type: ignore[no-any-return]
        codes, matcher.lengths, rows, over_at, over_codes, over_len, _BASE, index, lit,
        np.array([len(reading)], dtype=np.int64), _HARD, _ERROR, op_cost, hard_cost, len(OPS), _TRANSPOSE, _DELETE,
        _INSERT,
    )  # fmt: skip


def classify_star(
    matcher: Matcher,
    queries: list[Query],
    owner: np.ndarray,
    rows: np.ndarray,
    inside: Mapping[int, str],
    pair_star: np.ndarray,
    counts: np.ndarray,
    hard: np.ndarray,
    model: ScoringModel,
) -> None:
    """Counts of readings with a ``*``. The index found them by pattern, so with one ``*`` the part
    before it lines up with the serial's start and the part after with its end: both are classified
    position by position; readings with several ``*`` are aligned one by one."""
    op_cost, hard_cost = model.op_cost(), math.log(model.hard_factor)
    single = np.array([sum(e is STAR for e in q.elements) == 1 for q in queries], dtype=bool)
    sel = np.flatnonzero(pair_star & single[owner])
    if len(sel):
        cand, lengths = pair_codes(matcher, rows[sel], _inside_of(sel, inside))
        plain = sorted(set(owner[sel].tolist()))
        slot = np.zeros(len(queries), dtype=np.int64)
        slot[plain] = np.arange(len(plain))
        cut = [queries[i].elements.index(STAR) for i in plain]
        heads = [element_codes(queries[i].elements[:c]) for i, c in zip(plain, cut, strict=True)]
        tails = [element_codes(queries[i].elements[c + 1 :]) for i, c in zip(plain, cut, strict=True)]
        mine = slot[owner[sel]]
        head_len = np.array([len(h) for h in heads], dtype=np.int64)[mine]
        tail_len = np.array([len(t) for t in tails], dtype=np.int64)[mine]
        c1, h1 = classify_pairs(heads, mine, cand, np.minimum(head_len, lengths), op_cost, hard_cost)
        # the serial's last characters, as many as the part after the star
        at = (lengths - tail_len)[:, None] + np.arange(cand.shape[1])[None, :]
        shifted = np.take_along_axis(cand, np.clip(at, 0, cand.shape[1] - 1), axis=1)
        c2, h2 = classify_pairs(tails, mine, shifted, np.minimum(tail_len, lengths), op_cost, hard_cost)
        counts[sel], hard[sel] = c1 + c2, h1 + h2
    log_p = model.log_p()
    for j in np.flatnonzero(pair_star & ~single[owner]).tolist():
        a = align(queries[int(owner[j])].elements, matcher.matched(int(rows[j]), inside.get(j)), log_p)
        counts[j], hard[j] = a.counts, a.hard


def _inside_of(sel: np.ndarray, inside: Mapping[int, str]) -> dict[int, str]:
    """The inside-range serials of the chosen pairs (``sel``), by their place among them (none: no walk)."""
    return {j: inside[int(p)] for j, p in enumerate(sel) if p in inside} if inside else {}


def element_codes(elements: tuple[Element, ...]) -> list[int | frozenset[int] | None]:
    """Reading elements (no ``*``) as one-byte codes: a literal, a set of codes, or None for ``?``."""
    out: list[int | frozenset[int] | None] = []
    for e in elements:
        if e is ANY:
            out.append(None)
        elif isinstance(e, str):
            out.append(char_codes(e)[0])
        else:
            out.append(frozenset(char_codes(c)[0] for c in e))  # type: ignore[union-attr]
    return out
