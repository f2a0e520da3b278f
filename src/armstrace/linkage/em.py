"""Expectation–maximisation of a batch's scoring model (the Fellegi–Sunter way).

Each reading's candidates' features — operation counts of the serial alignment, descriptive agreement
levels, the background probability of the reading — are kept as flat arrays (``EmFeatures``). EM
re-estimates the prior that a recovery is in the registry, the per-character error rates and the
descriptive m-probabilities from the batch itself, each shrunk towards the documented prior by
pseudo-counts so a small or odd batch cannot run away. The E step gives sums only (``em_stats``:
integers), so the parts of a batch (forked workers, Spark tasks) add up to the whole batch's model.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

import numpy as np

from . import kernels
from .absence import absent_weight
from .channel import OPS
from .descriptor import LOG_PARTIAL_MAX
from .scoring import ScoringModel

if TYPE_CHECKING:
    from .matcher import Matcher
    from .scored import Scored

__all__ = ["EmFeatures", "add_stats", "em_features", "em_stats", "estimate_model", "m_step"]

_PSEUDO_CHARS = 2000.0  # strength of the prior on the error rates, in characters read
_PSEUDO_RECOVERIES = 20.0  # strength of the prior on P(in registry)
_PSEUDO_FIELD = 50.0  # strength of the prior on each m-probability
_MIN_BATCH = 30  # smaller batches keep the documented prior
_M_MAX = 0.97  # registries and readers both err: one disagreeing field never rules a candidate out
_PI_MAX = 0.95  # most a batch may say about P(in registry)
# Error rates stay within [prior / _RATE_DOWN, prior * _RATE_UP]: a rate EM drives to nothing would make
# that fault read as evidence of absence, and the batch would confirm it (readings with the fault go to
# "absent", so the fault is never counted).
_RATE_DOWN, _RATE_UP = 2.0, 10.0
# EM's sums run compiled from this many candidate rows on: importing numba and loading its cached loops
# (~0.9 CPU s) pays for itself at ~0.1 µs saved per row and iteration (10 iterations)
_COMPILED_ROWS = 1_000_000
_ITERATIONS = 10  # EM iterations of a batch
_PSEUDO_ABSENT = 10.0  # strength of the prior on β and γ, in absent readings
_BETA_MIN, _BETA_MAX = 0.5, 0.995  # share of absent weapons that are neighbours of registry serials
_GAMMA_MIN, _GAMMA_MAX = 0.02, 0.9  # of those, near misses (some digits off a registry serial)


def estimate_model(
    matcher: Matcher, scored: list[Scored], start: ScoringModel, iterations: int = _ITERATIONS
) -> ScoringModel:
    """EM over a batch: P(in registry), error rates and m-probabilities.

    The shares of absent weapons that are neighbours (β) or near misses (γ) of registry serials are
    estimated too (``_absent_shares``); every estimate is shrunk towards the prior and bounded.

    P(in registry) is capped at ``_PI_MAX``: a batch where most readings match says little about the
    weapons that would not, and the cap keeps an unrecorded neighbour of a dense series plausible.

    Each iteration is an E step over the batch's features (``em_features``, ``em_stats``: sums only)
    and an M step on those sums (``m_step``), so a distributed batch adds up per-part sums and gets
    the same model (``linkage/spark.py``).
    """
    return _estimate(em_features(scored), start, matcher.n_items, iterations)


def _estimate(
    feats: EmFeatures | None, start: ScoringModel, n_items: int, iterations: int = _ITERATIONS
) -> ScoringModel:
    """``estimate_model`` on a batch's features (the start model itself when no reading has a candidate)."""
    if feats is None:
        return start
    model = start
    for _ in range(iterations):
        model = m_step(em_stats(feats, model, n_items), model, start)
    return model


@dataclass
class EmFeatures:
    """The flat candidate features of a batch (or of one part of it) that EM iterates over."""

    n_rec: int
    sizes: np.ndarray
    owner: np.ndarray
    counts: np.ndarray
    hard: np.ndarray
    log_mult: np.ndarray
    fields: list[str]
    levels: np.ndarray
    u: np.ndarray  # (rows, fields, 2): the shares agreeing and agreeing in part (``descriptor.agreement_u``)
    background: np.ndarray
    local0: np.ndarray
    miss0: np.ndarray
    has_near: np.ndarray
    keep: np.ndarray
    _fixed: _Fixed | None = field(default=None, repr=False, compare=False)

    @classmethod
    def join(cls, parts: list[EmFeatures]) -> EmFeatures | None:
        """The features of a batch from those of its consecutive parts (``_part_features``): the arrays
        ``em_features`` gives the whole batch, row for row (None when no reading has a candidate)."""
        with_rows = [p for p in parts if len(p.owner)]
        if not with_rows:
            return None
        fields = sorted({f for p in parts for f in p.fields})
        n_rows = sum(len(p.owner) for p in with_rows)
        levels = np.zeros((n_rows, len(fields)), dtype=np.int8)
        u = np.ones((n_rows, len(fields), 2), dtype=np.float64)
        owners, at, first = [], 0, 0
        for p in parts:
            if len(p.owner):
                owners.append(p.owner + first)
                for j, f in enumerate(p.fields):
                    levels[at : at + len(p.owner), fields.index(f)] = p.levels[:, j]
                    u[at : at + len(p.owner), fields.index(f)] = p.u[:, j]
                at += len(p.owner)
            first += p.n_rec

        def joined(name: str, among: list[EmFeatures]) -> np.ndarray:
            return np.concatenate([getattr(p, name) for p in among])

        return cls(
            n_rec=first,
            sizes=joined("sizes", parts),
            owner=np.concatenate(owners),
            counts=joined("counts", with_rows),
            hard=joined("hard", with_rows),
            log_mult=joined("log_mult", with_rows),
            fields=fields,
            levels=levels,
            u=u,
            background=joined("background", parts),
            local0=joined("local0", parts),
            miss0=joined("miss0", parts),
            has_near=joined("has_near", parts),
            keep=joined("keep", with_rows),
        )

    def fixed(self) -> _Fixed:
        """What every EM iteration reads the same way (worked out on the first)."""
        if self._fixed is None:
            self._fixed = _Fixed.of(self)
        return self._fixed


@dataclass
class _Fixed:
    """The parts of an E step that do not change between iterations: per field, each row's u-probability as an
    index into its distinct values (a batch has a few hundred; the logs are taken on those), which rows are
    present, how many per reading, and the rows at each agreement level; the operation counts by column."""

    u_values: list[np.ndarray]
    cell: list[np.ndarray]  # each row's (distinct u, level) cell in a table of 4 levels per u, flat
    present: list[np.ndarray]
    seen: list[np.ndarray]
    at_level: list[list[tuple[np.ndarray, np.ndarray]]]  # per field, levels 1, 2 and > 0: (rows, their readings)
    count_columns: list[np.ndarray]
    cells: np.ndarray  # ``cell`` of every field, one row each (fields x rows): the compiled loops read it
    seen_all: np.ndarray  # ``seen`` of every field (fields x readings)
    # per field, the rows of readings with a value to compare (the others' term is 0): the rows, their readings,
    # cells and presence (``_field_lr_compared`` fills it: the compiled loops go over every row)
    compared: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = field(default_factory=dict)

    @classmethod
    def of(cls, f: EmFeatures) -> _Fixed:
        u_values, cell, present, seen, at_level = [], [], [], [], []
        for j in range(len(f.fields)):
            values, index = _distinct_rows(f.u[:, j])
            lv = f.levels[:, j]
            u_values.append(values)
            cell.append(index.reshape(-1).astype(np.int64) * 4 + lv)
            present.append(lv > 0)
            seen.append(np.bincount(f.owner, weights=(lv > 0).astype(np.float64), minlength=f.n_rec))
            rows = [np.flatnonzero(mask) for mask in (lv == 1, lv == 2, lv > 0)]
            at_level.append([(r, f.owner[r]) for r in rows])
        columns = [np.ascontiguousarray(f.counts[:, k]) for k in range(f.counts.shape[1])]
        n = len(f.owner)
        cells = np.stack(cell) if cell else np.zeros((0, n), dtype=np.int64)
        seen_all = np.stack(seen) if seen else np.zeros((0, f.n_rec))
        return cls(u_values, cell, present, seen, at_level, columns, cells, seen_all)


def _distinct_rows(pairs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(pairs, axis=0, return_inverse=True)`` of (rows, 2) positive floats, from a code per column:
    the same distinct rows in the same (column-wise) order, without sorting the rows as records (~20× slower)."""
    pairs = np.ascontiguousarray(pairs)
    if not (pairs > 0).all() or not np.isfinite(pairs).all():  # a zero's sign or a NaN: as numpy compares rows
        values, index = np.unique(pairs, axis=0, return_inverse=True)
        return values, index.reshape(-1)
    _, firsts_index = np.unique(pairs[:, 0], return_inverse=True)
    seconds, seconds_index = np.unique(pairs[:, 1], return_inverse=True)
    key = firsts_index.reshape(-1).astype(np.int64) * len(seconds) + seconds_index.reshape(-1)
    _, first, index = np.unique(key, return_index=True, return_inverse=True)
    return pairs[first], index.reshape(-1)


def em_features(scored: list[Scored]) -> EmFeatures | None:
    """Flat arrays of a batch's candidates (None when no reading has a candidate)."""
    feats = _part_features(scored)
    return feats if len(feats.owner) else None


def _part_features(scored: list[Scored]) -> EmFeatures:
    """``em_features`` of one part of a batch, also when none of its readings has a candidate (its readings
    still count, as absent): ``EmFeatures.join`` puts the parts together."""
    sizes = np.array([len(s.rows) for s in scored], dtype=np.int64)
    n_rec = len(scored)
    owner = np.repeat(np.arange(n_rec), sizes)
    rows = [s for s in scored if len(s.rows)]
    counts = np.concatenate([s.counts for s in rows]).reshape(-1, len(OPS)) if rows else np.zeros((0, len(OPS)))
    hard = np.concatenate([s.hard for s in rows]) if rows else np.zeros(0)
    log_mult = np.concatenate([np.log(s.multiplicity) for s in rows]) if rows else np.zeros(0)
    groups = np.concatenate([s.groups for s in rows]) if rows else np.zeros(0, dtype=np.int64)
    fields = sorted({f for s in scored for f in s.fields})
    levels = np.zeros((len(owner), len(fields)), dtype=np.int8)
    u = np.ones((len(owner), len(fields), 2), dtype=np.float64)
    offset = 0
    for s, size in zip(scored, sizes.tolist(), strict=True):
        for j, f in enumerate(fields):
            if f in s.fields:
                k = s.fields.index(f)
                levels[offset : offset + size, j] = s.levels[:, k]
                u[offset : offset + size, j] = np.exp(s.log_u[k])
        offset += size
    keep = np.zeros(len(owner), dtype=bool)
    if len(owner):
        # one weight per item: duplicate records of one weapon must not count twice
        key = owner.astype(np.int64) * (int(groups.max()) - int(groups.min()) + 2) + (groups - int(groups.min()))
        _, first = np.unique(key, return_index=True)
        keep[first] = True
    return EmFeatures(
        n_rec=n_rec,
        sizes=sizes,
        owner=owner,
        counts=counts,
        hard=hard,
        log_mult=log_mult,
        fields=fields,
        levels=levels,
        u=u,
        background=np.array([s.background for s in scored], dtype=np.float64),
        local0=np.array([s.local for s in scored], dtype=np.float64),
        miss0=np.array([s.miss for s in scored], dtype=np.float64),
        has_near=np.array([s.near >= 0 for s in scored], dtype=bool),
        keep=keep,
    )


def em_stats(f: EmFeatures, model: ScoringModel, n_items: int) -> dict[str, Any]:
    """The E step's sufficient statistics (sums over readings: parts of a batch add up).

    From ``_COMPILED_ROWS`` candidate rows on, the per-row sums run as compiled loops (``kernels``), each in
    row order as ``np.bincount`` adds: the statistics are ``_em_stats_numpy``'s to the last bit (the tests
    hold them to it); a smaller batch does not win back numba's import and runs ``_em_stats_numpy``.
    """
    if len(f.owner) < _COMPILED_ROWS:
        return _em_stats_numpy(f, model, n_items)
    return _em_stats_compiled(f, model, n_items, kernels.compiled())


def _em_stats_compiled(f: EmFeatures, model: ScoringModel, n_items: int, k: Any) -> dict[str, Any]:
    """``em_stats`` with ``k``'s loops (``kernels.compiled()``, or the module itself: the same in Python)."""
    owner, n_rec = f.owner, f.n_rec
    fixed = f.fixed()
    w = _serial_weight(f, model, n_items)
    logs, exps = _field_tables(model, f.fields, fixed)
    sums = k.field_sums(owner, fixed.cells, exps, n_rec)
    with np.errstate(divide="ignore", invalid="ignore"):
        means = np.where(fixed.seen_all > 0, np.log(sums / np.maximum(fixed.seen_all, 1)), 0.0)
    desc = k.field_descriptive(owner, fixed.cells, logs, means)
    post, absent_post, local, miss = _posterior(f, model, w + desc, desc, k.group_max)
    total, expected, levels = k.level_sums(owner, fixed.cells, post, f.counts, n_rec)
    return {
        "n_rec": n_rec,
        "in_reg": _exact(total),
        "expected": [_exact(row) for row in expected],
        "absent": _absent_sums(model, f.background, local, miss, absent_post),
        "fields": {name: [_exact(row) for row in levels[j]] for j, name in enumerate(f.fields)},
    }


def _field_tables(model: ScoringModel, fields: list[str], fixed: _Fixed) -> tuple[np.ndarray, np.ndarray]:
    """Each field's log ratio and its exp (0 for a missing value) per cell (distinct u × level), as
    ``_field_lr_fixed`` works them out, one row per field (padded) for the compiled loops."""
    width = 4 * max((len(u) for u in fixed.u_values), default=0)
    logs, exps = np.zeros((len(fields), width)), np.zeros((len(fields), width))
    for j, name in enumerate(fields):
        table, exp = _field_table(model.m.get(name, 0.9), fixed.u_values[j])
        logs[j, : table.size] = table.reshape(-1)
        exps[j, : exp.size] = exp.reshape(-1)
    return logs, exps


def _em_stats_numpy(f: EmFeatures, model: ScoringModel, n_items: int) -> dict[str, Any]:
    """``em_stats`` in NumPy alone (the former code, kept as the tests' oracle)."""
    owner, n_rec = f.owner, f.n_rec
    fixed = f.fixed()
    w = _serial_weight(f, model, n_items)
    desc = np.zeros(len(owner))
    for j, name in enumerate(f.fields):
        rows, terms = _field_lr_compared(model.m.get(name, 0.9), owner, n_rec, fixed, j)
        desc[rows] += terms  # the other rows' term is 0.0, which adds nothing
    post, absent_post, local, miss = _posterior(f, model, w + desc, desc, _group_max)
    per = partial(np.bincount, owner, minlength=n_rec)
    fields = {}
    for j, name in enumerate(f.fields):
        # the rows of a level alone: a bincount adds the others' zeros, which leave every sum as it was
        fields[name] = [
            _exact(np.bincount(who, weights=post[rows], minlength=n_rec)) for rows, who in fixed.at_level[j]
        ]
    return {
        "n_rec": n_rec,
        "in_reg": _exact(per(weights=post)),
        "expected": [_exact(per(weights=post * column)) for column in fixed.count_columns],
        "absent": _absent_sums(model, f.background, local, miss, absent_post),
        "fields": fields,
    }


def _serial_weight(f: EmFeatures, model: ScoringModel, n_items: int) -> np.ndarray:
    """Each candidate row's log weight from the prior and its serial's misreads (before the descriptive fields)."""
    return np.asarray(
        math.log(model.prior_in_registry)
        - math.log(max(n_items, 1))
        + f.counts @ model.op_cost()
        + f.hard * math.log(model.hard_factor)
        + f.log_mult
    )


def _posterior(
    f: EmFeatures,
    model: ScoringModel,
    w: np.ndarray,
    desc: np.ndarray,
    group_max: Callable[[np.ndarray, np.ndarray, int], np.ndarray],
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Each row's posterior and each reading's "absent" posterior, with the absence terms' local and near-miss
    parts (the reading's descriptive agreement shared by its unrecorded neighbours)."""
    owner, n_rec = f.owner, f.n_rec
    mean_desc = np.bincount(owner, weights=np.exp(desc), minlength=n_rec) / np.maximum(f.sizes, 1)
    shared = np.where(f.has_near, mean_desc, 1.0)
    local, miss = f.local0 * shared, f.miss0 * shared
    w = np.where(f.keep, w, -np.inf)
    log_absent = absent_weight(model, f.background, local, miss)
    top = np.maximum(log_absent, group_max(w, owner, n_rec))
    ew = np.exp(w - top[owner])
    p_absent = np.exp(log_absent - top)
    denom = np.bincount(owner, weights=ew, minlength=n_rec) + p_absent
    return ew / denom[owner], p_absent / denom, local, miss


_FIXED = 2.0**32  # sums over readings are kept in fixed point: exact, so in any order and any split


def _exact(per_reading: np.ndarray) -> int:
    """Σ of per-reading values, the same however the readings are split and added up (``add_stats``).

    Float sums depend on the order of the terms; a model a few ulps off breaks ties between candidates
    of equal probability differently, so the Spark engine would rank them otherwise than the local one.
    Each reading's value is rounded to 2⁻³² and the sum is kept as an integer count of 2⁻³² (``m_step``
    divides).
    """
    ticks = np.rint(per_reading * _FIXED).astype(np.int64)
    return sum(int(ticks[i : i + (1 << 20)].sum()) for i in range(0, len(ticks), 1 << 20))


def add_stats(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """The statistics of two parts of a batch, together (integers: exact in any order)."""
    fields = {k: list(v) for k, v in a["fields"].items()}
    for k, v in b["fields"].items():
        old = fields.setdefault(k, [0, 0, 0])
        fields[k] = [x + y for x, y in zip(old, v, strict=True)]
    return {
        "n_rec": a["n_rec"] + b["n_rec"],
        "in_reg": a["in_reg"] + b["in_reg"],
        "expected": [x + y for x, y in zip(a["expected"], b["expected"], strict=True)],
        "absent": [x + y for x, y in zip(a["absent"], b["absent"], strict=True)],
        "fields": fields,
    }


def m_step(stats: dict[str, Any], model: ScoringModel, prior: ScoringModel) -> ScoringModel:
    """The M step on a batch's statistics, shrunk towards the documented prior and kept within bounds."""
    n_rec = stats["n_rec"]
    in_reg = stats["in_reg"] / _FIXED
    pi_new = (in_reg + _PSEUDO_RECOVERIES * prior.prior_in_registry) / (n_rec + _PSEUDO_RECOVERIES)
    expected = [x / _FIXED for x in stats["expected"]]
    chars = sum(stats["expected"]) / _FIXED + _PSEUDO_CHARS
    rates = {}
    for k, op in enumerate(OPS[1:], start=1):
        p0 = getattr(prior, f"p_{op}")
        rate = (float(expected[k]) + _PSEUDO_CHARS * p0) / chars
        rates[f"p_{op}"] = min(p0 * _RATE_UP, max(p0 / _RATE_DOWN, rate))
    beta, gamma = _absent_shares(model, prior, *(x / _FIXED for x in stats["absent"]))
    m_new = dict(model.m)
    for name in sorted(stats["fields"]):
        ones, partials, present = stats["fields"][name]
        agree, seen = ones / _FIXED + 0.3 * (partials / _FIXED), present / _FIXED
        m0 = prior.m.get(name, 0.9)
        m_new[name] = min(_M_MAX, max(0.5, (agree + _PSEUDO_FIELD * m0) / (seen + _PSEUDO_FIELD)))
    return model.with_(
        prior_in_registry=min(_PI_MAX, max(0.05, pi_new)),
        near_registry=beta,
        near_miss=gamma,
        m=m_new,
        source="em",
        **rates,
    )


def _absent_sums(
    model: ScoringModel, background: np.ndarray, local: np.ndarray, miss: np.ndarray, absent_post: np.ndarray
) -> list[float]:
    """Each absent kind's expected count (random serial, neighbour, near miss) for ``_absent_shares``."""
    beta, gamma = model.near_registry, model.near_miss
    rand = (1.0 - beta) * np.exp(background)
    near = beta * (1.0 - gamma) * local
    far = beta * gamma * miss
    total = rand + near + far
    ok = total > 0
    share = np.where(ok, absent_post / np.where(ok, total, 1.0), 0.0)
    return [_exact(share * rand), _exact(share * near), _exact(share * far)]  # in 2⁻³² (``_exact``)


def _absent_shares(
    model: ScoringModel, prior: ScoringModel, r_rand: float, r_near: float, r_far: float
) -> tuple[float, float]:
    """M step of the absent weapons' kinds: β (unrecorded neighbours of the registry's series, against
    random serials) and γ (near misses among the neighbours), from each reading's share of "absent".

    A reading far from every registry serial is explained only by a random serial, one next to a
    registry serial by a neighbour or a misread: the batch tells them apart. Without this, a batch
    whose absent weapons are all neighbours keeps a fifth of "absent" on random serials, and a reading
    one character off a registry serial (an insertion, say) looks like a random weapon's rather than a
    misread (P(absent) 0.99 where rank 1 was right 77% of the time).
    """
    gamma = model.near_miss
    b0, g0 = prior.near_registry, prior.near_miss
    beta_new = (r_near + r_far + _PSEUDO_ABSENT * b0) / (r_rand + r_near + r_far + _PSEUDO_ABSENT)
    gamma_new = (r_far + _PSEUDO_ABSENT * g0) / (r_near + r_far + _PSEUDO_ABSENT)
    del gamma_new  # γ is not identifiable: a near miss and a misread digit of the registry serial read alike
    return min(_BETA_MAX, max(_BETA_MIN, beta_new)), gamma


def _field_lr_fixed(m: float, owner: np.ndarray, n_rec: int, fixed: _Fixed, j: int) -> np.ndarray:
    """``descriptor.log_lr_levels`` of field ``j`` for a whole batch (a missing value borrows its recovery's mean),
    from its fixed parts (``EmFeatures.fixed``): each log and exp taken once per distinct u-probability."""
    table, exp = _field_table(m, fixed.u_values[j])
    cell = fixed.cell[j]
    out = table.reshape(-1).take(cell)
    present, seen = fixed.present[j], fixed.seen[j]
    sums = np.bincount(owner, weights=exp.reshape(-1).take(cell), minlength=n_rec)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = np.where(seen > 0, np.log(sums / np.maximum(seen, 1)), 0.0)
    return np.where(present, out, mean[owner])


def _field_lr_compared(m: float, owner: np.ndarray, n_rec: int, fixed: _Fixed, j: int) -> tuple[np.ndarray, np.ndarray]:
    """``_field_lr_fixed`` of the rows of readings with a value of field ``j`` to compare (``_Fixed.compared``),
    and those rows: the same numbers, without the other rows' zeros (most readings leave most fields out)."""
    if j not in fixed.compared:
        some = np.flatnonzero(fixed.seen[j][owner] > 0)
        fixed.compared[j] = (some, owner[some], fixed.cell[j][some], fixed.present[j][some])
    table, exp = _field_table(m, fixed.u_values[j])
    rows, owner, cell, present = fixed.compared[j]
    out = table.reshape(-1).take(cell)
    seen = fixed.seen[j]
    sums = np.bincount(owner, weights=exp.reshape(-1).take(cell), minlength=n_rec)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = np.where(seen > 0, np.log(sums / np.maximum(seen, 1)), 0.0)
    return rows, np.where(present, out, mean[owner])


def _field_table(m: float, u: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A field's log likelihood ratio per (distinct u pair: agreeing, agreeing in part; ``descriptor.log_lr``)
    and level, and its exp (0 at level 0, a missing value)."""
    agree, part = u[:, 0], u[:, 1]
    table = np.zeros((len(u), 4))
    table[:, 1] = np.log((m + (1 - m) * agree) / agree)
    table[:, 2] = np.minimum(np.minimum(np.log((0.3 * m + (1 - m) * part) / part), table[:, 1]), LOG_PARTIAL_MAX)
    table[:, 3] = math.log(1 - m)
    exp = np.exp(table)
    exp[:, 0] = 0.0  # a missing value counts for nothing in its reading's mean
    return table, exp


def _group_max(values: np.ndarray, owner: np.ndarray, n: int) -> np.ndarray:
    out = np.full(n, -np.inf)
    np.maximum.at(out, owner, values)
    return out
