"""Batch cross-check of recoveries against a registry, with the model re-estimated from the batch.

Every recovery is searched once (the index, not a scan); its candidates' features — operation counts of
the serial alignment, descriptive agreement levels, the background probability of the reading — are
kept as flat arrays. Expectation–maximisation then re-estimates the prior that a recovery is in the
registry, the per-character error rates and the descriptive m-probabilities from the batch itself
(the Fellegi–Sunter way), each shrunk towards the documented prior by pseudo-counts so a small or odd
batch cannot run away. The final probabilities use the estimated model; ``estimate=False`` keeps the prior.
"""

from __future__ import annotations

import csv
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa

from armstrace.exceptions import InputError, QuerySyntaxError

from .channel import OPS
from .scoring import DESCRIPTIVE_FIELDS, ScoringModel
from .tables import as_string_table, read_table

if TYPE_CHECKING:
    from .matcher import Matcher, Scored

__all__ = ["OUT_COLUMNS", "RECOVERY_REQUIRED", "XrefResult", "cross_check", "estimate_model", "xref_files"]

RECOVERY_REQUIRED = ("recovery_id", "serial")
OUT_COLUMNS = ("recovery_id", "rank", "record_id", "probability", "explanation")
Progress = Callable[[int, int], None]

_LEVEL = {"missing": 0, "agree": 1, "partial": 2, "disagree": 3}
_PSEUDO_CHARS = 2000.0  # strength of the prior on the error rates, in characters read
_PSEUDO_RECOVERIES = 20.0  # strength of the prior on P(in registry)
_PSEUDO_FIELD = 50.0  # strength of the prior on each m-probability
_MIN_BATCH = 30  # smaller batches keep the documented prior
_M_MAX = 0.97  # registries and readers both err: one disagreeing field never rules a candidate out


@dataclass
class XrefResult:
    rows: list[dict[str, Any]]
    model: ScoringModel
    recoveries: int
    matched: int  # recoveries whose best candidate is above 0.5
    seconds: float
    invalid: list[tuple[str, str]] = field(default_factory=list)  # (recovery_id, reason)

    def summary(self) -> dict[str, Any]:
        return {
            "recoveries": self.recoveries,
            "candidates": len(self.rows),
            "matched": self.matched,
            "invalid": len(self.invalid),
            "seconds": round(self.seconds, 3),
            "model": self.model.as_dict(),
        }


def cross_check(
    matcher: Matcher,
    recoveries: pa.Table,
    *,
    limit: int = 5,
    min_probability: float = 0.001,
    estimate: bool = True,
    progress: Progress | None = None,
) -> XrefResult:
    """Candidates for every recovery (at most ``limit`` each, none below ``min_probability``)."""
    if limit < 1:
        raise InputError(f"--limit must be at least 1 (got {limit})")
    if not 0.0 <= min_probability <= 1.0:
        raise InputError(f"--min-probability must be between 0 and 1 (got {min_probability})")
    started = time.perf_counter()
    table = as_string_table(recoveries, RECOVERY_REQUIRED, "recoveries")
    ids = table.column("recovery_id").to_pylist()
    serials = table.column("serial").to_pylist()
    observed_cols = {f: table.column(f).to_pylist() for f in DESCRIPTIVE_FIELDS if f in table.column_names}
    total = len(ids)
    scored: list[tuple[str, Scored]] = []
    invalid: list[tuple[str, str]] = []
    for i, (rid, text) in enumerate(zip(ids, serials, strict=True)):
        if progress is not None and i % 256 == 0:
            progress(i, total)
        rid = "" if rid is None else str(rid)
        if not text:
            invalid.append((rid, "no serial"))
            continue
        try:
            query = matcher.parse(text)
        except QuerySyntaxError as exc:
            invalid.append((rid, str(exc)))
            continue
        observed = {f: col[i] for f, col in observed_cols.items()}
        scored.append((rid, matcher.score(query, observed)))
    if progress is not None:
        progress(total, total)
    model = matcher.model
    if estimate and len(scored) >= _MIN_BATCH:
        model = estimate_model(matcher, [s for _, s in scored], model)
    rows: list[dict[str, Any]] = []
    matched = 0
    for rid, s in scored:
        cands = matcher.candidates(s, model, limit)
        if cands and cands[0].probability > 0.5:
            matched += 1
        for c in cands:
            if c.probability < min_probability:
                break
            rows.append(
                {
                    "recovery_id": rid,
                    "rank": c.rank,
                    "record_id": c.record_id,
                    "probability": round(c.probability, 6),
                    "explanation": c.explanation_text(),
                }
            )
    return XrefResult(rows, model, total, matched, time.perf_counter() - started, invalid)


def estimate_model(matcher: Matcher, scored: list[Scored], start: ScoringModel, iterations: int = 10) -> ScoringModel:
    """EM over a batch: P(in registry), per-character error rates and m-probabilities."""
    sizes = np.array([len(s.rows) for s in scored], dtype=np.int64)
    n_rec = len(scored)
    if sizes.sum() == 0:
        return start
    owner = np.repeat(np.arange(n_rec), sizes)
    counts = np.array([a.counts for s in scored for a in s.alignments], dtype=np.float64).reshape(-1, len(OPS))
    hard = np.array([a.hard for s in scored for a in s.alignments], dtype=np.float64)
    log_mult = np.concatenate([np.log(s.multiplicity) for s in scored])
    fields = sorted({f for s in scored for f in s.levels})
    levels = np.zeros((len(owner), len(fields)), dtype=np.int8)
    u = np.ones((len(owner), len(fields)), dtype=np.float64)
    offset = 0
    for s, size in zip(scored, sizes.tolist(), strict=True):
        for j, f in enumerate(fields):
            if f in s.levels:
                levels[offset : offset + size, j] = [_LEVEL[x] for x in s.levels[f]]
                u[offset : offset + size, j] = math.exp(s.log_u[f])
        offset += size
    background0 = np.array([s.background for s in scored])
    known = np.array([s.known for s in scored], dtype=np.float64)
    eps0 = math.log(1.0 - start.p_error)
    prior = start
    model = start
    for _ in range(iterations):
        log_p = model.log_p()
        w = (
            math.log(model.prior_in_registry)
            - math.log(max(matcher.n_items, 1))
            + counts @ np.array([log_p[o] for o in OPS])
            + hard * math.log(model.hard_factor)
            + log_mult
        )
        for j, f in enumerate(fields):
            m = model.m.get(f, 0.9)
            lv = levels[:, j]
            w += np.where(lv == 1, np.log((m + (1 - m) * u[:, j]) / u[:, j]), 0.0)
            w += np.where(lv == 2, np.log((0.3 * m + (1 - m) * u[:, j]) / u[:, j]), 0.0)
            w += np.where(lv == 3, math.log(1 - m), 0.0)
        absent = math.log(1 - model.prior_in_registry) + background0 + known * (math.log(1.0 - model.p_error) - eps0)
        top = np.maximum(absent, _group_max(w, owner, n_rec))
        ew = np.exp(w - top[owner])
        denom = np.bincount(owner, weights=ew, minlength=n_rec) + np.exp(absent - top)
        post = ew / denom[owner]
        # M step, shrunk towards the documented prior
        in_reg = float(post.sum())
        pi = (in_reg + _PSEUDO_RECOVERIES * prior.prior_in_registry) / (n_rec + _PSEUDO_RECOVERIES)
        expected = post @ counts
        chars = float(expected.sum()) + _PSEUDO_CHARS
        rates = {}
        for k, op in enumerate(OPS[1:], start=1):
            rates[f"p_{op}"] = (float(expected[k]) + _PSEUDO_CHARS * getattr(prior, f"p_{op}")) / chars
        m_new = dict(model.m)
        for j, f in enumerate(fields):
            lv = levels[:, j]
            agree = float(post[lv == 1].sum()) + 0.3 * float(post[lv == 2].sum())
            seen = float(post[lv > 0].sum())
            m0 = prior.m.get(f, 0.9)
            m_new[f] = min(_M_MAX, max(0.5, (agree + _PSEUDO_FIELD * m0) / (seen + _PSEUDO_FIELD)))
        model = model.with_(prior_in_registry=min(0.99, max(0.01, pi)), m=m_new, source="em", **rates)
    return model


def _group_max(values: np.ndarray, owner: np.ndarray, n: int) -> np.ndarray:
    out = np.full(n, -np.inf)
    np.maximum.at(out, owner, values)
    return out


def xref_files(
    registry: str | Path,
    recoveries: str | Path,
    out: str | Path,
    limit: int = 5,
    min_probability: float = 0.001,
    progress: Progress | None = None,
    *,
    estimate: bool = True,
    ignore_embedded_letters: bool = False,
) -> dict[str, Any]:
    """Cross-check a recoveries file against a registry file and write OUT.csv; return the summary."""
    from .matcher import Matcher

    started = time.perf_counter()
    matcher = Matcher.from_file(registry, ignore_embedded_letters=ignore_embedded_letters)
    rec = read_table(recoveries, RECOVERY_REQUIRED, "recoveries")
    result = cross_check(
        matcher, rec, limit=limit, min_probability=min_probability, estimate=estimate, progress=progress
    )
    write_rows(out, result.rows)
    summary = result.summary()
    summary.update(seconds=round(time.perf_counter() - started, 3), registry_records=len(matcher), out=str(out))
    return summary


def write_rows(out: str | Path, rows: list[dict[str, Any]]) -> None:
    path = Path(out)
    if path.parent and not path.parent.exists():
        raise InputError(f"output directory does not exist: {path.parent}")
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(OUT_COLUMNS))
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "probability": f"{row['probability']:.6f}"})
