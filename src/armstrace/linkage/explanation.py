"""Candidates and their explanations: one Evidence per piece of evidence, in words a court can follow.

Each Evidence carries what was observed (on the recovered weapon), what the registry record says, and
its weight: the log10 likelihood ratio — how many times more probable the observation is if this record
*is* the weapon than if the weapon is a random one not in the registry (weight 2 = 100 times). The
weights add up, with the prior, to the candidate's odds against "not in this registry" (the serial's
against an absent weapon's serial alone, each field's, and "neighbour": what the description does to
the chance that the weapon is an unrecorded neighbour of the candidates' series); the probability then
also accounts for the other candidates that compete for the same reading.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from armstrace.serials import skeleton

from .absence import absent_weight, neighbour_reads_so
from .channel import align
from .descriptor import LEVELS, level_codes, log_lr_levels, maker_group, maker_set
from .wording import (
    consecutive,
    format_lr,
    how_often,
    lr_words,
    recorded_serial,
    registry_quote,
    same_weapon,
    serial_bound,
    with_competition,
)

if TYPE_CHECKING:
    from .descriptor import FieldCodes
    from .matcher import Matcher
    from .scored import Scored
    from .scoring import ScoringModel

__all__ = [
    "Candidate",
    "Evidence",
    "consecutive",
    "explain",
    "explain_many",
    "format_lr",
    "lr_words",
    "registry_quote",
    "same_weapon",
    "serial_bound",
    "with_competition",
]


@dataclass(frozen=True, kw_only=True)
class Evidence:
    """One piece of evidence for or against a candidate (built by keyword: observed and expected are
    both strings, and a positional call that swaps them reads right and says the opposite)."""

    name: str  # serial, manufacturer, model, calibre, weapon_type, country, year, neighbour, prior, alternatives
    observed: str | None
    expected: str | None
    weight: float  # log10 likelihood ratio (0 = neutral)
    text: str
    # log10 of the largest ratio the data support (the serial's: ``serial_bound``); a larger weight is said "over" it
    bound: float | None = None

    @property
    def likelihood_ratio(self) -> float:
        return float(10.0**self.weight)

    @property
    def lr_words(self) -> str:
        """The ratio as a line prints it: "LR 6.1", or "LR over 2.0e+05" where the model's exceeds the bound
        (``lr_words``)."""
        return lr_words(self.weight, self.bound)

    def as_dict(self) -> dict[str, Any]:
        out = {
            "name": self.name,
            "observed": self.observed,
            "expected": self.expected,
            "weight": round(self.weight, 3),
            "likelihood_ratio": float(f"{self.likelihood_ratio:.4g}"),
            "text": self.text,
        }
        if self.bound is not None and self.weight > self.bound:  # the weight is the model's, the probability's
            out["likelihood_ratio_supported"] = float(f"{10.0**self.bound:.4g}")
        return out


@dataclass
class Candidate:
    """A registry record that the reading may be, with the probability that it *is* the weapon."""

    record_id: str
    serial: str
    serial_end: str | None
    matched_serial: str
    probability: float
    rank: int
    evidence: list[Evidence] | Callable[[], list[Evidence]] = field(default_factory=list, repr=False)
    fields: dict[str, str | None] = field(default_factory=dict)
    row: int = -1
    # the rank of the first listed record of the same weapon (a weapon recorded twice), None for its first
    same_as: int | None = None
    # the one-line text worked out without the evidence objects (a batch's output rows need only it)
    text: Callable[[], str] | None = field(default=None, repr=False)

    @property
    def explanation(self) -> list[Evidence]:
        """The evidence for and against this candidate, worked out when first read (a screening search
        that only ranks need not pay for the words)."""
        if callable(self.evidence):
            self.evidence = self.evidence()
        return self.evidence

    def explanation_text(self) -> str:
        """One line: each piece of evidence with its likelihood ratio, then the competition."""
        if callable(self.evidence) and self.text is not None:
            return self.text()
        parts = []
        for ev in self.explanation:
            if ev.name == "prior":
                continue
            if ev.name == "alternatives":
                parts.append(ev.text)
            else:
                parts.append(f"{ev.text} ({ev.lr_words})")
        return "; ".join(parts)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rank": self.rank,
            "record_id": self.record_id,
            "serial": self.serial,
            "serial_end": self.serial_end,
            "matched_serial": self.matched_serial,
            "probability": round(self.probability, 6),
            "same_as": self.same_as,
            "fields": self.fields,
            "explanation": [e.as_dict() for e in self.explanation],
            "explanation_text": self.explanation_text(),
        }


def log10(x: float) -> float:
    return x / math.log(10.0)


def explain(
    matcher: Matcher, scored: Scored, model: ScoringModel, i: int, p: float, prob: np.ndarray, p_absent: float
) -> list[Evidence]:
    """The evidence behind candidate ``i`` of a scored reading (probability ``p``), strongest first after
    the serial."""
    return explain_many(matcher, scored, model, np.array([i], dtype=np.int64), np.array([p]), prob, p_absent)[0]


def explain_many(
    matcher: Matcher,
    scored: Scored,
    model: ScoringModel,
    order: np.ndarray,
    chosen: np.ndarray,
    prob: np.ndarray,
    p_absent: float,
    serials: list[str | None] | None = None,
) -> list[list[Evidence]]:
    """``explain`` for candidates ``order`` of one reading (see ``_explain_many``; ``lines`` writes the
    same words without the evidence objects)."""
    return _explain_many(matcher, scored, model, order, chosen, prob, p_absent, serials)


def _explain_many(
    matcher: Matcher,
    scored: Scored,
    model: ScoringModel,
    order: np.ndarray,
    chosen: np.ndarray,
    prob: np.ndarray,
    p_absent: float,
    serials: list[str | None] | None,
) -> list[list[Evidence]]:
    """``explain`` for candidates ``order`` of one reading (probabilities ``chosen``) at once: what they
    take from the scoring arrays is read in one slice each (per candidate, a dozen small NumPy calls cost
    more than the words), and the serial's alignment is redone only for the notes of a serial that differs.
    ``serials``: the registry's normalised serial of each candidate when the caller read them already."""
    query = scored.query
    shared = _shared(matcher, scored, model)
    order = np.asarray(order, dtype=np.int64)
    rows_at = scored.rows[order]
    rows = rows_at.tolist()
    ps = np.asarray(chosen, dtype=np.float64)
    exact = (scored.counts[order, 1:].sum(axis=1) == 0).tolist()
    counts = scored.multiplicity[order].tolist()
    levels = scored.levels[order].tolist()
    lrs = [shared.field_lrs[j][order].tolist() for j in range(len(scored.fields))]
    codes = [matcher.fields[f] for f in scored.fields]
    recorded = [c.codes[rows_at].tolist() for c in codes]
    # the competition: other weapons (items, each once) that fit better or almost as well, and twins of this one
    mine = scored.groups[order]
    twins = ((scored.groups[None, :] == mine[:, None]).sum(axis=1) - 1).tolist()
    same_as = _same_as(matcher, scored, model, order, prob) if any(twins) else [None] * len(order)
    _, first = np.unique(scored.groups, return_index=True)  # each item once
    item_p = prob[first][None, :]
    other = scored.groups[first][None, :] != mine[:, None]
    pk = ps[:, None]
    better = ((item_p > pk) & other).sum(axis=1).tolist()
    close = ((item_p >= pk / 10) & (item_p <= pk) & other).sum(axis=1).tolist()
    # the many that each fit far less well: in a dense series a misread of any of them could read like this serial
    less = ((item_p > 0) & (item_p < pk / 10) & other).sum(axis=1).tolist()
    total = float(prob[first].sum())
    agree = "agrees with every known character" if not query.is_literal else "agrees exactly"
    if serials is None:  # the registry's normalised serial of each candidate (a batch reads them together)
        serials = matcher.norm.take(rows_at).to_pylist() if len(rows) else []
    recorded_serials = recorded_serial(matcher, rows_at)
    neighbours = consecutive(matcher, serials, [0] * len(serials), [scored.rows])
    top = float(prob.max()) if len(prob) else 0.0
    said: dict[tuple[int, int, int, float, float], Evidence | None] = {}  # a field's evidence, shared by candidates
    out: list[list[Evidence]] = []
    for k, (i, p) in enumerate(zip(order.tolist(), ps.tolist(), strict=True)):
        row = rows[k]
        inside = scored.range_serials.get(row)
        matched = inside if inside is not None else str(serials[k] or "")
        serial_ll = float(scored.counts[i] @ shared.op_cost + scored.hard[i] * shared.log_hard)
        serial_w = log10(serial_ll - shared.serial_absent_ll)
        differs = False
        if exact[k]:
            how = agree
        else:
            alignment = align(query.elements, matched, shared.log_p)
            differs = alignment.errors > 0
            how = "differs: " + ", ".join(alignment.notes) if differs else "agrees"
        count = int(counts[k])
        if count > 1:
            how += f"; {count:,} serials of this range fit the reading"
        serial_w += log10(math.log(count))
        quoted = registry_quote(recorded_serials[k] if inside is None else None, matched, differs)
        serial_text = f"serial read {query.text!r} vs registry {quoted}: {how}; {shared.how_often}{shared.near}"
        bound = serial_w - shared.excess if shared.excess > 0 else None
        evidence: list[Evidence] = [
            shared.prior,
            Evidence(
                name="serial", observed=query.text, expected=matched, weight=serial_w, text=serial_text, bound=bound
            ),
        ]
        for j in range(len(scored.fields)):
            lr = lrs[j][k]
            key = (j, levels[k][j], recorded[j][k], lr, math.copysign(1.0, lr))  # -0.0 is 0.0 as a key
            if key not in said:
                said[key] = _field_evidence(scored, shared, codes, j, levels[k][j], recorded[j][k], lr)
            piece = said[key]
            if piece is not None:
                evidence.append(piece)
        if shared.neighbour is not None:
            evidence.append(shared.neighbour)
        text = f"P(not in this registry) = {p_absent:.3f}"
        text = with_competition(
            text, int(better[k]), int(close[k]), int(less[k]), int(twins[k]), total - p,
            p=p, top=top, consecutive=neighbours[k], same_as=same_as[k],
        )  # fmt: skip
        evidence.append(
            Evidence(name="alternatives", observed=f"{len(prob)} candidates", expected=None, weight=0.0, text=text)
        )
        out.append(evidence)
    return out


def _same_as(
    matcher: Matcher, scored: Scored, model: ScoringModel, order: np.ndarray, prob: np.ndarray
) -> list[int | None]:
    """``same_weapon`` of candidates ``order`` by their ranks in the reading's whole list (by probability, then
    weight, as ``Matcher.candidates`` ranks them), so one candidate explained alone says what it says listed."""
    w, _ = scored.log_weights(model, matcher.n_items)
    ranked = np.lexsort((-w, -prob))
    listed = same_weapon(scored.groups[ranked])  # in rank order
    place = np.argsort(ranked)  # each candidate's place in the list
    return [listed[k] for k in place[np.asarray(order, dtype=np.int64)].tolist()]


def _field_evidence(
    scored: Scored, shared: _Shared, codes: list[FieldCodes], j: int, level_code: int, code: int, lr: float
) -> Evidence | None:
    """The evidence of field ``j`` at one agreement level against one recorded value (None: a missing value
    whose weight is too small to say); the same for every candidate of the reading with that value and level."""
    f = scored.fields[j]
    level = LEVELS[level_code]
    w = log10(lr)
    expected = codes[j].values[code] if code >= 0 else None
    observed = scored.observed[f]
    if level == "missing":
        if abs(w) < 0.05:
            return None
        text = f"{f} {observed}: not recorded here, judged from the neighbouring records"
    else:
        word = {"agree": "=", "partial": "~", "disagree": "≠"}[level]
        why = level
        if f == "manufacturer" and expected is not None and observed != expected:
            group = maker_group(observed) or maker_group(expected)
            if level == "agree":
                why = f"agree: one maker group, {group}"
            elif level == "partial" and (named := maker_set(observed) or maker_set(expected)):
                why = f"partial: {observed if maker_set(observed) else expected} names {len(named)} makers"
            elif level == "partial" and group:
                why = f"partial: two makers of the group {group}"
        # the share a likelihood ratio divides by: the registry's records agreeing (in part) with the value as read
        share = {"agree": shared.shares[j][0], "partial": shared.shares[j][1]}.get(level)
        text = f"{f} {observed} {word} {expected} ({why}{f'; {share}' if share else ''})"
    return Evidence(name=f, observed=observed, expected=expected, weight=w, text=text)


@dataclass
class _Shared:
    """What every candidate of one reading shares in its explanation, worked out once per reading and model
    (a reading's ten candidates were each recomputing it)."""

    model: ScoringModel
    log_p: dict[str, float]
    op_cost: np.ndarray
    log_hard: float
    absent_ll: float  # log P(reading | not in this registry), the description of an unrecorded neighbour included
    serial_absent_ll: float  # the same, of the serial alone (the serial's likelihood ratio divides by it)
    excess: float  # log10: how much rarer than ``serial_bound`` the model makes the serial (0: not rarer)
    how_often: str
    near: str
    neighbour: Evidence | None  # what an unrecorded neighbour's description does to the odds (None: nothing to say)
    prior: Evidence
    field_lrs: list[np.ndarray]
    shares: list[tuple[str, str]]  # per field: the registry's share agreeing, and agreeing in part


def _shared(
    matcher: Matcher,
    scored: Scored,
    model: ScoringModel,
    absent_w: float | None = None,
    field_lrs: list[np.ndarray] | None = None,
    memo: dict[Any, Any] | None = None,
) -> _Shared:
    """The reading's shared part, from the weights a batch worked out (``absent_w``, ``field_lrs``) or
    worked out here. ``memo``: a batch's readings share what depends on the model alone and each observed
    value's share of the registry (worked out once a model, not once a reading)."""
    cache: _Shared | None = getattr(scored, "_explain", None)
    if cache is not None and cache.model is model:
        return cache
    if absent_w is None:
        _, absent_w = scored.log_weights(model, matcher.n_items)
    if field_lrs is None:
        field_lrs = [
            log_lr_levels(scored.levels[:, j], model.m.get(f, 0.9), *np.exp(scored.log_u[j]).tolist())
            for j, f in enumerate(scored.fields)
        ]
    absent_p = math.exp(absent_w) / (1.0 - model.prior_in_registry)
    absent_ll = math.log(max(absent_p, 1e-300))
    # the serial alone: an unrecorded neighbour's make and model are the description's part, said on their own line
    serial_absent = float(absent_weight(model, scored.background, scored.local, scored.miss))
    serial_absent_ll = max(serial_absent - math.log(1.0 - model.prior_in_registry), math.log(1e-300))
    bound, why = serial_bound(scored.query, matcher.n_items)
    odd = math.exp(-serial_absent_ll)
    excess = max(0.0, log10(-serial_absent_ll) - math.log10(bound))
    neighbour_w = log10(serial_absent_ll - absent_ll)
    neighbour = None
    if abs(neighbour_w) >= 0.05:
        fits = (
            "would fit the description as well as they do"
            if neighbour_w < 0
            else "would not fit the description either"
        )
        neighbour = Evidence(
            name="neighbour",
            observed=None,
            expected=None,
            weight=neighbour_w,
            text=f"an unrecorded weapon of these records' series shares their make and model: it {fits}",
        )
    beta = model.near_registry
    near = ""
    if beta * scored.local > (1.0 - beta) * math.exp(scored.background) * 10 and _neighbour_reads_so(matcher, scored):
        near = " (registry serials are dense here: an unrecorded neighbour would read so too)"
    memo = {} if memo is None else memo
    terms = memo.get("terms")  # read once: a matcher's memo may serve two models' batches at a time
    if terms is None or terms[0] is not model or len(memo) > _MEMO_MAX:
        memo.clear()
        terms = memo["terms"] = (model, model.log_p(), model.op_cost(), _prior(model, matcher.n_items))
    _, log_p, op_cost, prior = terms
    shares: list[tuple[str, str]] = []
    for f in scored.fields:
        share = memo.get((f, scored.observed[f]))
        if share is None:
            share = memo[(f, scored.observed[f])] = _share(matcher, f, scored.observed[f])
        shares.append(share)
    cache = _Shared(
        model=model,
        log_p=log_p,
        op_cost=op_cost,
        log_hard=math.log(model.hard_factor),
        absent_ll=absent_ll,
        serial_absent_ll=serial_absent_ll,
        excess=excess,
        how_often=how_often(odd, bound, why),
        near=near,
        neighbour=neighbour,
        prior=prior,
        field_lrs=field_lrs,
        shares=shares,
    )
    scored._explain = cache  # type: ignore[attr-defined]
    return cache


_MEMO_MAX = 100_000  # observed values' shares a matcher keeps from batch to batch (``memo``), then forgets


def _neighbour_reads_so(matcher: Matcher, scored: Scored) -> bool:
    """Whether an unrecorded neighbour of the best candidate's series can carry the reading as read
    (``absence.neighbour_reads_so``; a wildcard reading's free fills are such serials themselves)."""
    if not scored.query.is_literal or scored.near < 0:
        return True
    row = int(scored.rows[scored.near])
    return neighbour_reads_so(
        skeleton(scored.query.literal), skeleton(matcher.matched(row, scored.range_serials.get(row)))
    )


def _prior(model: ScoringModel, n: int) -> Evidence:
    """The evidence before the evidence: one of ``n`` registry items, and P(in this registry)."""
    return Evidence(
        name="prior",
        observed=f"{n:,} registry items",
        expected=None,
        weight=log10(math.log(model.prior_in_registry / (1 - model.prior_in_registry)) - math.log(n)),
        text=f"before the evidence: 1 of {n:,} registry items, P(in this registry) = "
        f"{model.prior_in_registry:.2f} ({'estimated from the batch' if model.source == 'em' else 'default'})",
    )


def _share(matcher: Matcher, field: str, observed: str) -> tuple[str, str]:
    """How many of the registry's records agree with the value as read, and how many agree in part, in words
    (the shares its likelihood ratios divide by: ``descriptor.agreement_u``); never a rounded "0%"."""
    codes = matcher.fields[field]
    levels = level_codes(codes, observed)[:-1]
    agree, partial = (int(codes.counts[levels == LEVELS.index(lv)].sum()) for lv in ("agree", "partial"))
    return _in_words(agree, codes.present), f"{_in_words(partial, codes.present)} in part"


def _in_words(count: int, present: int) -> str:
    if count == 0:
        return "in no registry record"
    share = count / max(present, 1)
    if share < 0.01:
        return f"in {count:,} of {present:,} registry records"
    return f"{share:.0%} of the registry"
