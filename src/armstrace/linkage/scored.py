"""One reading's candidates as arrays, and their probabilities under a scoring model.

``Matcher.score_many`` fills a ``Scored`` per reading (operation counts of each candidate's alignment,
descriptive agreement levels, the absent-weapon terms); the probabilities are worked out from it for
any model, so EM can re-score a batch without searching again.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from armstrace.serials import Query

from .absence import absent_weight
from .descriptor import log_lr, log_lr_levels
from .scoring import DESCRIPTIVE_FIELDS, ScoringModel

__all__ = ["Scored", "ScoredBatch", "score_batch"]


@dataclass(kw_only=True)
class Scored:
    """Everything scoring needs about one reading's candidates, as arrays (EM stacks them); built by
    keyword only (sixteen fields: a positional call would silently swap two arrays of one shape)."""

    query: Query
    rows: np.ndarray  # registry rows (int64)
    range_serials: dict[int, str]  # range rows: the serial inside the range the reading was compared with
    counts: np.ndarray  # (n, len(OPS)) operations of the most likely alignment
    hard: np.ndarray  # (n,) errors on B, N, G, Q, S
    multiplicity: np.ndarray  # serials of each candidate that fit the reading (>1: a range + wildcards)
    groups: np.ndarray  # (n,) item of each record: duplicate records of one weapon share it
    fields: tuple[str, ...]  # descriptive fields observed
    levels: np.ndarray  # (n, len(fields)) agreement level codes (descriptor.LEVELS)
    log_u: np.ndarray  # (len(fields), 2) log shares of the registry agreeing, and agreeing in part, with each value
    observed: dict[str, str]  # standardised observed values
    background: float  # log P(reading | a random serial of the registry's form)
    local: float  # P(reading | an absent neighbour of the registry's series), before the share near_registry
    known: int  # known characters in the reading
    near: int = -1  # the candidate whose neighbourhood ``local`` describes (its make, model… too)
    miss: float = 0.0  # P(reading | a near miss: an absent weapon some digits off a registry serial)

    def __len__(self) -> int:
        return len(self.rows)

    def log_weights(self, model: ScoringModel, n_items: int) -> tuple[np.ndarray, float]:
        """Natural-log weight of each candidate record and of "not in this registry"."""
        base = math.log(model.prior_in_registry) - math.log(max(n_items, 1))
        w = base + self.counts @ model.op_cost() + self.hard * math.log(model.hard_factor)
        w += np.log(self.multiplicity)
        desc = np.zeros(len(w))
        for j, f in enumerate(self.fields):
            desc += log_lr_levels(self.levels[:, j], model.m.get(f, 0.9), *np.exp(self.log_u[j]).tolist())
        w += desc
        # an unrecorded neighbour belongs to the same series: it shares the candidates' make and model
        shared = float(np.exp(desc).mean()) if self.near >= 0 else 1.0
        return w, float(absent_weight(model, self.background, self.local * shared, self.miss * shared))

    def probabilities(self, model: ScoringModel, n_items: int) -> tuple[np.ndarray, np.ndarray, float]:
        """Probability of each candidate (duplicates of one item share their item's), log weights, P(absent).

        Records of one item (the same serial and make recorded twice) are one weapon: the item's weight
        is its best record's, and every record of it carries the item's probability.
        """
        w, absent = self.log_weights(model, n_items)
        if not len(w):
            return w, w, 1.0
        uniq, inverse = np.unique(self.groups, return_inverse=True)
        item_w = np.full(len(uniq), -np.inf)
        np.maximum.at(item_w, inverse, w)
        top = max(float(item_w.max()), absent)
        total = float(np.exp(item_w - top).sum()) + math.exp(absent - top)
        prob = np.exp(item_w - top)[inverse] / total
        return prob, w, math.exp(absent - top) / total


@dataclass
class ScoredBatch:
    """``Scored.probabilities`` for many readings at once, as flat arrays (rows of reading ``k`` are
    ``bounds[k]:bounds[k + 1]``): one pass of NumPy over the batch instead of a few dozen small array
    operations per reading, which cost more than the arithmetic. ``field_lr[f]`` is each row's natural-log
    likelihood ratio of field ``f`` (as ``log_lr_levels``), kept for the explanations."""

    bounds: np.ndarray
    prob: np.ndarray
    w: np.ndarray
    p_absent: np.ndarray
    log_absent: np.ndarray
    field_lr: dict[str, np.ndarray]

    def top(self, limit: int, min_probability: float) -> list[np.ndarray]:
        """Each reading's best ``limit`` rows (local indices), by probability then weight, as
        ``np.lexsort((-w, -prob))`` per reading would order them; none below ``min_probability``."""
        n = len(self.bounds) - 1
        owner = np.repeat(np.arange(n), np.diff(self.bounds))
        order = np.lexsort((-self.w, -self.prob, owner))
        rank = np.arange(len(order)) - self.bounds[owner[order]]
        keep = order[(rank < limit) & (self.prob[order] >= min_probability)]
        cut = np.searchsorted(owner[keep], np.arange(n + 1))
        return [keep[cut[k] : cut[k + 1]] - self.bounds[k] for k in range(n)]


# ``ndarray.sum``'s and ``mean``'s own sum (a mean is it over the count), without their Python wrappers: a batch
# takes one per reading
_sum = np.add.reduce


def score_batch(scored: list[Scored], model: ScoringModel, n_items: int) -> ScoredBatch:
    """``Scored.log_weights`` and ``Scored.probabilities`` of every reading of ``scored`` at once.

    Bit for bit the same numbers: element-wise steps run over the whole batch; each sum keeps the
    per-reading order of the original (NumPy's pairwise sums, fields in the readings' order), so a tie
    between two candidates breaks the same way and the ranks do not move.
    """
    sizes = np.array([len(s.rows) for s in scored], dtype=np.int64)
    bounds = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    n, total = len(scored), int(bounds[-1])
    owner = np.repeat(np.arange(n), sizes)
    op_cost = model.op_cost()
    empty = np.zeros(0)
    cost = np.concatenate([s.counts @ op_cost for s in scored]) if total else empty
    hard = np.concatenate([s.hard for s in scored]) if total else empty
    mult = np.concatenate([s.multiplicity for s in scored]) if total else empty
    groups = np.concatenate([s.groups for s in scored]) if total else np.zeros(0, dtype=np.int64)
    w = math.log(model.prior_in_registry) - math.log(max(n_items, 1)) + cost + hard * math.log(model.hard_factor)
    w += np.log(mult)
    desc = np.zeros(total)
    field_lr: dict[str, np.ndarray] = {}
    seen_fields = {f for s in scored for f in s.fields}
    order = [f for f in DESCRIPTIVE_FIELDS if f in seen_fields] + sorted(seen_fields - set(DESCRIPTIVE_FIELDS))
    tables: dict[tuple[float, float, float], list[float]] = {}
    for f in order:
        m = model.m.get(f, 0.9)
        levels = np.zeros(total, dtype=np.int8)
        table = np.zeros((n, 4))
        for k, s in enumerate(scored):
            if f in s.fields and sizes[k]:
                j = s.fields.index(f)
                levels[bounds[k] : bounds[k + 1]] = s.levels[:, j]
                u, u_partial = np.exp(s.log_u[j]).tolist()
                row = tables.get((m, u, u_partial))
                if row is None:
                    levels_lr = (log_lr(lv, m, u, u_partial) for lv in ("agree", "partial", "disagree"))
                    row = tables[(m, u, u_partial)] = [0.0, *levels_lr]
                table[k] = row
        out = table[owner, levels]
        missing = levels == 0
        seen = np.bincount(owner, weights=~missing, minlength=n)
        for k in np.flatnonzero((seen > 0) & (seen < sizes)).tolist():
            lo, hi = int(bounds[k]), int(bounds[k + 1])
            part, gap = out[lo:hi], missing[lo:hi]
            kept = np.exp(part[~gap])
            part[gap] = math.log(float(_sum(kept)) / len(kept))
        field_lr[f] = out
        desc += out
    for k, s in enumerate(scored):  # a reading whose fields come in another order adds them in its order
        if s.fields != tuple(f for f in order if f in s.fields):
            lo, hi = int(bounds[k]), int(bounds[k + 1])
            desc[lo:hi] = 0.0
            for f in s.fields:
                desc[lo:hi] += field_lr[f][lo:hi]
    w += desc
    shared = np.ones(n)
    e_desc = np.exp(desc)
    for k, s in enumerate(scored):
        if s.near >= 0:
            lo, hi = int(bounds[k]), int(bounds[k + 1])
            shared[k] = float(_sum(e_desc[lo:hi])) / (hi - lo) if hi > lo else math.nan
    background = np.array([s.background for s in scored], dtype=np.float64)
    local = np.array([s.local for s in scored], dtype=np.float64)
    miss = np.array([s.miss for s in scored], dtype=np.float64)
    log_absent = np.asarray(absent_weight(model, background, local * shared, miss * shared), dtype=np.float64)
    # duplicate records of one item share the item's weight (its best record's)
    low = int(groups.min()) if total else 0
    span = int(groups.max()) - low + 1 if total else 1
    uniq, inverse = np.unique(owner * span + (groups - low), return_inverse=True)
    item_w = np.full(len(uniq), -np.inf)
    np.maximum.at(item_w, inverse, w)
    item_owner = uniq // span
    cut = np.searchsorted(item_owner, np.arange(n + 1))
    top = np.full(n, -np.inf)
    np.maximum.at(top, item_owner, item_w)
    top = np.maximum(top, log_absent)
    e_item = np.exp(item_w - top[item_owner])
    denom = np.ones(n)
    p_absent = np.ones(n)
    for k in np.flatnonzero(sizes).tolist():
        e_absent = math.exp(float(log_absent[k]) - float(top[k]))
        denom[k] = float(_sum(e_item[cut[k] : cut[k + 1]])) + e_absent
        p_absent[k] = e_absent / denom[k]
    prob = e_item[inverse] / denom[owner]
    return ScoredBatch(bounds, prob, w, p_absent, log_absent, field_lr)
