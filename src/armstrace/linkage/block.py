"""A block of readings scored at once: one ``Scored`` per reading from the block's arrays.

``Matcher.score_many`` classifies every (reading, candidate) pair of a block together; what each reading's
``Scored`` needs beyond that (the field levels, the best candidate, the exact count, the absent-neighbour
look-ups) is worked out here for the whole block, by one gather a field and grouped reductions, each number
the one the reading alone would get.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa

from armstrace.serials import Query, skeleton

from .absence import Ask
from .descriptor import FieldCodes, agreement_u, level_codes, standardise
from .scored import Scored
from .scoring import ScoringModel

if TYPE_CHECKING:
    from .matcher import Matcher

__all__ = ["scored_block"]

_FEW_ROWS = 8  # rows up to which the best candidates' serials are read one by one


def scored_block(
    matcher: Matcher,
    queries: list[Query],
    observed: Sequence[Mapping[str, Any]],
    owner: np.ndarray,
    rows: np.ndarray,
    counts: np.ndarray,
    hard: np.ndarray,
    multiplicity: np.ndarray,
    inside: Mapping[int, str],
    model: ScoringModel,
) -> list[Scored]:
    """One ``Scored`` per reading from the batch's arrays (pairs sorted by reading): the field levels,
    the best candidate, the exact count and the absent-neighbour look-ups are worked out for the whole
    batch at once, each element by element or summed in the reading's own order, so every number is
    the one the reading alone would get (``tests/test_linkage_batch.py`` keeps the former per-reading
    code as its oracle)."""
    n = len(queries)
    bounds = np.searchsorted(owner, np.arange(n + 1))
    sizes = np.diff(bounds)
    # the absent-neighbour terms of the whole batch look their serials up together (``Absence.look_up_readings``)
    need = [i for i, q in enumerate(queries) if sizes[i] and not q.has_star]
    looked = dict(zip(need, matcher.absence.look_up_readings([queries[i] for i in need]), strict=True))
    fields, levels = _field_levels(matcher.fields, observed, owner, rows)
    groups = matcher.items[rows]
    op_cost, log_hard = model.op_cost(), math.log(model.hard_factor)
    weight = counts @ op_cost + hard * log_hard
    errors = counts[:, 2:].sum(axis=1)  # anything but a confusable character
    some_exact = np.bincount(owner, weights=errors == 0, minlength=n) > 0
    exact = np.bincount(owner, weights=np.where(counts[:, 1:].sum(axis=1) == 0, multiplicity, 0.0), minlength=n)
    best = _group_argmax(weight, bounds) if np.isfinite(weight).all() else None
    where = [i for i in need if best is not None]
    best_rows = rows[best[where]] if best is not None else rows[:0]
    if len(where) > _FEW_ROWS:
        best_serials = matcher.norm.take(pa.array(best_rows, type=pa.int64())).to_pylist()
    else:  # a search's one row: a scalar read, not a ``take`` (its set-up costs ~0.1 ms)
        best_serials = [matcher.norm[r].as_py() for r in best_rows.tolist()]
    best_serial = dict(zip(where, best_serials, strict=True))
    by_reading: list[dict[int, str]] = [{} for _ in range(n)]
    for j, v in inside.items():
        by_reading[int(owner[j])][j] = v
    parts: list[dict[str, Any]] = []
    asks: list[Ask] = []
    asked: list[int] = []
    for i, query in enumerate(queries):
        lo, hi = int(bounds[i]), int(bounds[i + 1])
        mine = {j - lo: v for j, v in by_reading[i].items()}
        names, level, log_u, obs_std = fields[i]
        background = matcher.background.log_p(query.elements, model)
        taken = bool(some_exact[i]) and not query.has_star
        if query.is_literal and taken:
            # the reading is a registry serial up to confusable characters: uniqueness of serials
            # short serials are re-used by many makers: the chance of a collision grows as 10 ** (6 - length)
            length = len(query.elements)
            collide = model.collision * 10.0 ** max(0, 6 - length) + min(1.0, length * model.p_error)
            background += math.log(min(1.0, collide))
        near = -1
        if i in looked:
            if best is None:
                near = int(np.argmax(weight[lo:hi]))
                serial = matcher.matched(int(rows[lo + near]), mine.get(near))
            else:
                near = int(best[i]) - lo
                serial = mine.get(near, str(best_serial[i] or ""))
            asks.append((query, skeleton(serial), float(counts[lo + near, 1]), taken, float(exact[i]), looked[i]))
            asked.append(i)
        parts.append(
            dict(
                query=query,
                rows=rows[lo:hi],
                range_serials={int(rows[lo + j]): v for j, v in mine.items()},
                counts=counts[lo:hi],
                hard=hard[lo:hi],
                multiplicity=multiplicity[lo:hi],
                groups=groups[lo:hi],
                fields=names,
                levels=levels[lo:hi][:, level] if len(level) else np.zeros((hi - lo, 0), dtype=np.int8),
                log_u=log_u,
                observed=obs_std,
                background=background,
                local=0.0,
                known=query.known,
                near=near,
                miss=0.0,
            )
        )
    # the absent-neighbour terms of the whole block at once (the densities some need, looked up together)
    for i, (local, miss) in zip(asked, matcher.absence.terms_many(asks, model), strict=True):
        parts[i]["local"], parts[i]["miss"] = local, miss
    out = [Scored(**part) for part in parts]
    return out


def _field_levels(
    fields: Mapping[str, FieldCodes], observed: Sequence[Mapping[str, Any]], owner: np.ndarray, rows: np.ndarray
) -> tuple[list[tuple[tuple[str, ...], list[int], np.ndarray, dict[str, str]]], np.ndarray]:
    """Each reading's observed fields (names, their columns in the level matrix, log u, standardised
    values) and the agreement level of every pair on every field of the batch (one gather a field)."""
    columns: dict[str, int] = {}
    log_us: dict[tuple[str, str], tuple[float, float]] = {}
    per_reading: list[tuple[tuple[str, ...], list[int], np.ndarray, dict[str, str]]] = []
    values: dict[str, list[str | None]] = {}
    for i, obs in enumerate(observed):
        names: list[str] = []
        cols: list[int] = []
        log_u: list[tuple[float, float]] = []
        obs_std: dict[str, str] = {}
        for f, value in obs.items():
            codes = fields.get(f)
            std = standardise(f, None if value is None else str(value))
            if std is None or codes is None:
                continue
            obs_std[f] = std
            names.append(f)
            if f not in columns:
                columns[f] = len(columns)
                values[f] = [None] * len(observed)
            cols.append(columns[f])
            values[f][i] = std
            u = log_us.get((f, std))
            if u is None:
                agree, partial = agreement_u(codes, std)
                u = log_us[(f, std)] = (math.log(agree), math.log(partial))
            log_u.append(u)
        per_reading.append((tuple(names), cols, np.array(log_u, dtype=np.float64).reshape(-1, 2), obs_std))
    levels = np.zeros((len(rows), len(columns)), dtype=np.int8)
    for f, c in columns.items():
        codes = fields[f]
        if len(observed) == 1:  # a single search: every pair is its reading's
            levels[:, c] = level_codes(codes, values[f][0])[codes.codes[rows]]  # type: ignore[arg-type]
            continue
        distinct = [v for v in dict.fromkeys(values[f]) if v is not None]
        slot = {v: k for k, v in enumerate(distinct)}
        which = np.array([-1 if v is None else slot[v] for v in values[f]], dtype=np.int64)[owner]
        table = np.stack([level_codes(codes, v) for v in distinct])
        has = which >= 0
        levels[has, c] = table[which[has], codes.codes[rows[has]]]
    return per_reading, levels


def _group_argmax(values: np.ndarray, bounds: np.ndarray) -> np.ndarray:
    """``lo + np.argmax(values[lo:hi])`` for each group ``[bounds[k], bounds[k + 1])`` (the first of equal
    maxima; -1 for an empty group), for finite values."""
    n = len(bounds) - 1
    out = np.full(n, -1, dtype=np.int64)
    if n == 1:  # a single search
        if len(values):
            out[0] = int(np.argmax(values))
        return out
    filled = np.flatnonzero(np.diff(bounds) > 0)
    if not len(filled):
        return out
    owner = np.repeat(np.arange(n), np.diff(bounds))
    top = np.maximum.reduceat(values, bounds[filled])
    peak = np.full(n, -np.inf)
    peak[filled] = top
    at = np.flatnonzero(values == peak[owner])
    first = np.unique(owner[at], return_index=True)[1]
    out[owner[at[first]]] = at[first]
    return out
