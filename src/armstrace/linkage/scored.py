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
from .descriptor import log_lr_levels
from .scoring import ScoringModel

__all__ = ["Scored"]


@dataclass
class Scored:
    """Everything scoring needs about one reading's candidates, as arrays (EM stacks them)."""

    query: Query
    rows: np.ndarray  # registry rows (int64)
    range_serials: dict[int, str]  # range rows: the serial inside the range the reading was compared with
    counts: np.ndarray  # (n, len(OPS)) operations of the most likely alignment
    hard: np.ndarray  # (n,) errors on B, N, G, Q, S
    multiplicity: np.ndarray  # serials of each candidate that fit the reading (>1: a range + wildcards)
    groups: np.ndarray  # (n,) item of each record: duplicate records of one weapon share it
    fields: tuple[str, ...]  # descriptive fields observed
    levels: np.ndarray  # (n, len(fields)) agreement level codes (descriptor.LEVELS)
    log_u: np.ndarray  # (len(fields),) log frequency of each observed value
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
            desc += log_lr_levels(self.levels[:, j], model.m.get(f, 0.9), math.exp(self.log_u[j]))
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
