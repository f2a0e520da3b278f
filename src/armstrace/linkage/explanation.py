"""Candidates and their explanations: one Evidence per piece of evidence, in words a court can follow.

Each Evidence carries what was observed (on the recovered weapon), what the registry record says, and
its weight: the log10 likelihood ratio — how many times more probable the observation is if this record
*is* the weapon than if the weapon is a random one not in the registry (weight 2 = 100 times). The
weights add up, with the prior, to the candidate's odds against "not in this registry"; the
probability then also accounts for the other candidates that compete for the same reading.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa

from armstrace.serials import skeleton

from .absence import neighbour_reads_so
from .channel import align
from .descriptor import LEVELS, level_codes, log_lr_levels, maker_group, maker_set
from .keys import char_codes

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
    "registry_quote",
    "with_competition",
]

# Other records taking this much of the probability together are named, even when each fits far less well: a serial
# read exactly in a dense series may be a misread of any of its neighbours, and a reader should see their share.
_WORTH_SAYING = 0.01


def with_competition(
    text: str,
    better: int,
    close: int,
    less: int,
    twins: int,
    rest: float,
    *,
    p: float = 0.0,
    top: float = 0.0,
    consecutive: bool = False,
) -> str:
    """``text`` after what the other registry records take of the probability, and the same weapon's twin records:
    one wording for the evidence objects, the batch's lines (``lines``) and Spark, which must agree byte for byte.
    ``p``: this record's probability; ``top``: the best record's (said when another record fits better, so a
    lower rank's line never reads as a second probability of the reading); ``consecutive``: the registry holds
    this serial's numeric neighbours (the only place "consecutive serials" explain the competition)."""
    if better or close or rest >= _WORTH_SAYING:
        fit = []
        if better:
            fit.append(f"{better} fit{'s' if better == 1 else ''} better")
        if close:
            fit.append(f"{close} almost as well")
        if not fit:
            fit.append(f"{less} fit{'s' if less == 1 else ''} less well")
        why = " (consecutive serials often differ by one digit)" if consecutive else ""
        text = (
            f"other registry records: {', '.join(fit)}{why}; together they take {rest:.3f} of the probability; " + text
        )
        if better:
            mine = f"{p:.3f}" if p >= 0.001 else "less than 0.001"
            text = f"rank 1 takes {top:.3f} of the probability, this record {mine}; " + text
    if twins:
        text = (
            f"the same weapon is recorded {twins + 1} times (same serial and make): "
            "each record carries its probability; " + text
        )
    return text


def consecutive(
    matcher: Matcher, serials: Sequence[str | None], owner: Sequence[int], pools: Sequence[np.ndarray]
) -> list[bool]:
    """Whether a serial one number before or after each normalised serial (its trailing digits minus or plus
    one, as wide) is among the candidates of its reading (``owner``: the reading of each serial; ``pools``:
    each reading's candidate rows): where a one-digit misread of a competing neighbour reads the same. Asked
    of the reading's candidates, not the whole registry, so a sharded batch says the same."""
    wanted: dict[int, set[bytes]] = {}
    needles: list[tuple[int, bytes, bytes]] = []
    for s, r in zip(serials, owner, strict=True):
        digits = _TRAILING.search(s or "")
        before = after = b""
        if digits is not None:
            n, w, head = int(digits.group()), len(digits.group()), (s or "")[: digits.start()]
            before = char_codes(f"{head}{n - 1:0{w}d}") if n > 0 else b""
            after = char_codes(f"{head}{n + 1:0{w}d}") if len(str(n + 1)) <= w else b""
            wanted.setdefault(r, set())
        needles.append((r, before, after))
    held = {r: set(matcher.codes[pools[r]].tolist()) for r in wanted}
    return [r in held and ((bool(b) and b in held[r]) or (bool(a) and a in held[r])) for r, b, a in needles]


def recorded_serial(matcher: Matcher, rows: np.ndarray) -> list[str | None]:
    """The registry's serial of each row as recorded (the explanations quote it; the compared form may differ)."""
    if not len(rows):
        return []
    return matcher.table.column("serial").take(pa.array(np.asarray(rows, dtype=np.int64))).to_pylist()  # type: ignore[no-any-return]


def registry_quote(recorded: str | None, compared: str, differs: bool) -> str:
    """The registry's serial quoted as recorded, with the form compared when they differ (separators, case);
    the notes' positions count in the compared form, said once."""
    if recorded is None or recorded == compared:
        return repr(compared)
    where = "; positions count in this form" if differs else ""
    return f"{recorded!r} (compared as {compared}{where})"


_TRAILING = re.compile(r"[0-9]+$")


@functools.lru_cache(maxsize=8192)
def format_lr(weight: float) -> str:
    """A likelihood ratio given as log10, written for people in one notation, a number: "1,200", "3.2e+07",
    "0.15", "0.025", "1.2e-07" (never "1 in 40" beside "0.15" on one line; remembered: a batch's field
    weights repeat from reading to reading)."""
    lr = 10.0**weight
    if weight >= 6:
        return f"{lr:.1e}"
    if lr >= 10:
        return f"{lr:,.0f}"
    if lr >= 0.95:
        return f"{lr:.1f}"
    return f"{lr:.2g}"


@dataclass(frozen=True, kw_only=True)
class Evidence:
    """One piece of evidence for or against a candidate (built by keyword: observed and expected are
    both strings, and a positional call that swaps them reads right and says the opposite)."""

    name: str  # serial, manufacturer, model, calibre, weapon_type, country, year, prior, alternatives
    observed: str | None
    expected: str | None
    weight: float  # log10 likelihood ratio (0 = neutral)
    text: str

    @property
    def likelihood_ratio(self) -> float:
        return float(10.0**self.weight)

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "observed": self.observed,
            "expected": self.expected,
            "weight": round(self.weight, 3),
            "likelihood_ratio": float(f"{self.likelihood_ratio:.4g}"),
            "text": self.text,
        }


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
                parts.append(f"{ev.text} (LR {format_lr(ev.weight)})")
        return "; ".join(parts)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rank": self.rank,
            "record_id": self.record_id,
            "serial": self.serial,
            "serial_end": self.serial_end,
            "matched_serial": self.matched_serial,
            "probability": round(self.probability, 6),
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
    # the competition: records of another item that fit better or almost as well, and twins of this one
    same = scored.groups[None, :] == scored.groups[order][:, None]
    other = ~same
    pk = ps[:, None]
    twins = (same.sum(axis=1) - 1).tolist()
    better = ((prob[None, :] > pk) & other).sum(axis=1).tolist()
    close = ((prob[None, :] >= pk / 10) & (prob[None, :] <= pk) & other).sum(axis=1).tolist()
    # the many that each fit far less well: in a dense series a misread of any of them could read like this serial
    less = ((prob[None, :] > 0) & (prob[None, :] < pk / 10) & other).sum(axis=1).tolist()  # records, as above
    _, first = np.unique(scored.groups, return_index=True)  # each item once
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
        serial_w = log10(serial_ll - shared.absent_ll)
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
        evidence: list[Evidence] = [
            shared.prior,
            Evidence(name="serial", observed=query.text, expected=matched, weight=serial_w, text=serial_text),
        ]
        for j in range(len(scored.fields)):
            lr = lrs[j][k]
            key = (j, levels[k][j], recorded[j][k], lr, math.copysign(1.0, lr))  # -0.0 is 0.0 as a key
            if key not in said:
                said[key] = _field_evidence(scored, shared, codes, j, levels[k][j], recorded[j][k], lr)
            piece = said[key]
            if piece is not None:
                evidence.append(piece)
        text = f"P(not in this registry) = {p_absent:.3f}"
        text = with_competition(
            text, int(better[k]), int(close[k]), int(less[k]), int(twins[k]), total - p,
            p=p, top=top, consecutive=neighbours[k],
        )  # fmt: skip
        evidence.append(
            Evidence(name="alternatives", observed=f"{len(prob)} candidates", expected=None, weight=0.0, text=text)
        )
        out.append(evidence)
    return out


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
    absent_ll: float
    how_often: str
    near: str
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
    value's share of the registry (worked out once a batch, not once a reading)."""
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
    beta = model.near_registry
    near = ""
    if beta * scored.local > (1.0 - beta) * math.exp(scored.background) * 10 and _neighbour_reads_so(matcher, scored):
        near = " (registry serials are dense here: an unrecorded neighbour would read so too)"
    memo = {} if memo is None else memo
    if memo.get("model") is not model:
        memo.clear()
        memo.update(model=model, terms=(model.log_p(), model.op_cost(), _prior(model, matcher.n_items)))
    log_p, op_cost, prior = memo["terms"]
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
        absent_ll=math.log(max(absent_p, 1e-300)),
        how_often=_how_often(1.0 / max(absent_p, 1e-300)),
        near=near,
        prior=prior,
        field_lrs=field_lrs,
        shares=shares,
    )
    scored._explain = cache  # type: ignore[attr-defined]
    return cache


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


def _how_often(odd: float) -> str:
    """How often a weapon not in the registry would be read so, in words (never "1 time in 0")."""
    if odd < 2.0:  # several serials an absent weapon could carry fit a vague reading
        return "a weapon not in the registry could as easily be read so"
    if odd >= 1e15:
        return "a weapon not in the registry would practically never be read so"
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if odd >= size:
            return f"a weapon not in the registry reads so about 1 time in {odd / size:,.1f} {word}"
    return f"a weapon not in the registry reads so about 1 time in {odd:,.0f}"
