"""The one-line explanations of output rows, put together from a batch's arrays.

A batch's OUT.csv needs only each candidate's line, never its evidence objects. What every line prints
is worked out here for all the batch's chosen candidates at once, as arrays (how many other records fit
better, almost as well or less well, each serial's weight); the words are then put together from
templates, row by row, for the rows written. A field's words are the same for every candidate of the
reading with the same recorded value and level, and are written once. The lines are, character for
character, ``Candidate.explanation_text`` of the evidence objects (``explanation.explain_many``); the
tests hold the two to it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from .alignment import sub_note
from .channel import _literal, _sub_kind, align
from .explanation import Evidence, _field_evidence, _Shared, _shared, explain_many
from .keys import char_codes
from .wording import (
    consecutive_rows,
    format_lr,
    lr_words,
    recorded_serial,
    registry_quote,
    same_weapon,
    with_competition,
)

if TYPE_CHECKING:
    from armstrace.serials import Query

    from .descriptor import FieldCodes
    from .matcher import Matcher
    from .scored import Scored
    from .scoring import ScoringModel

__all__ = ["Explanations", "Picked", "explain_texts", "explanation_lines"]

Picked = tuple["Scored", np.ndarray, np.ndarray, float]  # a reading, its chosen candidates, probabilities, P(absent)

_LN10 = math.log(10.0)
_sum = np.add.reduce  # ``ndarray.sum`` without its Python wrapper (the same sum)


def explain_texts(
    matcher: Matcher,
    scored: Scored,
    model: ScoringModel,
    order: np.ndarray,
    prob: np.ndarray,
    p_absent: float,
    serials: list[str | None] | None = None,
) -> list[str]:
    """``Candidate.explanation_text`` of candidates ``order`` of one reading, without evidence objects."""
    return explanation_lines(matcher, [(scored, np.asarray(order, dtype=np.int64), prob, p_absent)], model, serials)[0]


def explanation_lines(
    matcher: Matcher, picked: Sequence[Picked], model: ScoringModel, serials: list[str | None] | None = None
) -> list[list[str]]:
    """The line of every chosen candidate of every reading of ``picked``; ``serials``: the registry's
    normalised serial of each chosen candidate, in order (read here when not given)."""
    picked = list(picked)
    sizes = np.array([len(p[2]) for p in picked], dtype=np.int64)
    chosen = np.array([len(p[1]) for p in picked], dtype=np.int64)
    n_chosen = int(chosen.sum())
    if n_chosen == 0:
        return [[] for _ in picked]
    bounds = np.concatenate([[0], np.cumsum(sizes)])
    owner = np.repeat(np.arange(len(picked)), chosen)
    at = np.concatenate([p[1] for p in picked]).astype(np.int64) + bounds[owner]
    readings = [p[0] for p in picked]
    rows = np.concatenate([s.rows for s in readings])[at]
    counts = np.concatenate([s.counts for s in readings]).astype(np.float64, copy=False)[at]
    hard = np.concatenate([s.hard for s in readings]).astype(np.float64, copy=False)[at]
    mult = np.concatenate([s.multiplicity for s in readings])[at].tolist()
    if serials is None:
        serials = matcher.norm.take(rows).to_pylist()
    shared = [_shared(matcher, s, model) if len(order) else None for s, order, _, _ in picked]
    with_candidates = [sh for sh in shared if sh is not None]
    weight = _serial_weights(
        counts, hard, with_candidates[0], np.array([sh.serial_absent_ll if sh else 0.0 for sh in shared])[owner]
    )
    exact = (counts[:, 1:].sum(axis=1) == 0).tolist()
    better, close, less, twins = _competition(picked, sizes, chosen, bounds, owner, at)
    totals = _totals(picked, sizes)
    tops = _tops(picked, sizes, bounds)
    keys = _field_keys(matcher, picked, shared, chosen, rows)
    first, second = _differences_at(matcher, picked, owner, rows)
    recorded = recorded_serial(matcher, rows)
    neighbours = consecutive_rows(matcher, rows, serials, owner, [s.rows for s in readings])
    row_list = rows.tolist()
    # a field's words depend on the value as read, the record's value, the level and the ratio alone: the
    # readings that read the same values share them, in this block and the next (the ratio is in the key)
    words, described = _kept_words(matcher)
    out: list[list[str]] = []
    k = 0
    for r, (s, order, prob, p_absent) in enumerate(picked):
        sh = shared[r]
        if sh is None:
            out.append([])
            continue
        query = s.query
        literal = _literal_text(query)
        agree = "agrees with every known character" if not query.is_literal else "agrees exactly"
        head = f"serial read {query.text!r} vs registry "
        tail = f"; {sh.how_often}{sh.near} ("
        neighbour = None if sh.neighbour is None else f"{sh.neighbour.text} ({sh.neighbour.lr_words})"
        end = f"P(not in this registry) = {p_absent:.3f}"
        total = totals[r]
        top = tops[r]
        codes = [matcher.fields[f] for f in s.fields]
        read_as = (s.fields, *(s.observed[f] for f in s.fields))
        same_as = same_weapon(s.groups[order])
        lines: list[str] = []
        for j, p in enumerate(prob[order].tolist()):
            row = row_list[k]
            inside = s.range_serials.get(row)
            matched = inside if inside is not None else str(serials[k] or "")
            differs = not exact[k]
            if exact[k]:
                how = agree
            elif (d := first[k]) >= 0 and inside is None and (notes := _differences(literal, matched, d, second[k])):
                how = "differs: " + notes
            else:
                alignment = _literal(literal, matched) if literal and len(matched) == len(literal) else None
                if alignment is None:
                    alignment = align(query.elements, matched, sh.log_p)
                differs = alignment.errors > 0
                how = "differs: " + ", ".join(alignment.notes) if differs else "agrees"
            count = int(mult[k])
            if count > 1:
                how += f"; {count:,} serials of this range fit the reading"
            w = weight[k] + math.log(count) / _LN10
            quoted = registry_quote(recorded[k] if inside is None else None, matched, differs)
            parts = [f"{head}{quoted}: {how}{tail}{lr_words(w, w - sh.excess if sh.excess > 0 else None)})"]
            if codes:
                key = keys[k]
                fields = described.get((read_as, key))
                if fields is None:
                    fields = described[(read_as, key)] = _field_words(s, sh, codes, key, words)
                if fields:
                    parts.append(fields)
            if neighbour is not None:
                parts.append(neighbour)
            said = end
            said = with_competition(
                said, int(better[k]), int(close[k]), int(less[k]), int(twins[k]), total - p,
                p=p, top=top, consecutive=neighbours[k], same_as=same_as[j],
            )  # fmt: skip
            parts.append(said)
            lines.append("; ".join(parts))
            k += 1
        out.append(lines)
    return out


_WORDS_MAX = 200_000  # fields' words a matcher keeps from block to block, then forgets


def _kept_words(
    matcher: Matcher,
) -> tuple[dict[tuple[str, str, int, int, float, float], str | None], dict[tuple[object, ...], str]]:
    """The fields' words a matcher's batches said (``_field_words``: each field's, and each reading's values and
    key's whole part), kept with what its readings share (``explanation._shared``'s memo)."""
    kept = matcher.__dict__.setdefault("_shared_memo", {})
    words, described = kept.setdefault("words", {}), kept.setdefault("described", {})
    if len(words) + len(described) > _WORDS_MAX:
        words.clear()
        described.clear()
    return words, described


def _literal_text(query: Query) -> str:
    """A literal reading's characters as one string, one per element ("" for a reading with wildcards)."""
    if not query.is_literal:
        return ""
    text = "".join(query.elements)  # type: ignore[arg-type]
    return text if len(text) == len(query.elements) else ""


def _serial_weights(counts: np.ndarray, hard: np.ndarray, shared: _Shared, absent_ll: np.ndarray) -> list[float]:
    """log10 likelihood ratio of each serial, before the range's multiplicity. The log-likelihood is each
    row's dot product as ``counts[i] @ op_cost`` adds it (a matrix product adds in another order, and a
    last bit can move a printed ratio), once per distinct row of (counts, hard)."""
    keyed = np.column_stack([counts, hard])
    small = keyed.min(initial=0) >= 0 and keyed.max(initial=0) < 32 and bool((keyed == np.rint(keyed)).all())
    if small:  # small whole counts: one integer per row, five bits a column (unique by rows is slow)
        _, first, inverse = np.unique(
            keyed.astype(np.int64) @ (32 ** np.arange(keyed.shape[1])), return_index=True, return_inverse=True
        )
        uniq = keyed[first]
    else:
        uniq, inverse = np.unique(keyed, axis=0, return_inverse=True)
    ll = np.array([float(u[:-1] @ shared.op_cost + u[-1] * shared.log_hard) for u in uniq])
    return ((ll[inverse.reshape(-1)] - absent_ll) / _LN10).tolist()  # type: ignore[no-any-return]


def _differences_at(
    matcher: Matcher, picked: list[Picked], owner: np.ndarray, rows: np.ndarray
) -> tuple[list[int], list[int]]:
    """For each chosen candidate of a literal reading as long as its registry serial, from the serials'
    one-byte codes: where the two differ when they differ at one or two positions (first, second; second
    -1 for one), else (-1, -1). A hint: ``_differences`` checks it on the strings."""
    width = matcher.codes.dtype.itemsize
    texts = [_literal_text(s.query) for s, _, _, _ in picked]
    reading = np.zeros((len(picked), width), dtype=np.uint8)
    usable = np.zeros(len(picked), dtype=bool)
    for r, text in enumerate(texts):
        if text and len(text) < width:
            reading[r, : len(text)] = np.frombuffer(char_codes(text), dtype=np.uint8)
            usable[r] = True
    serial = matcher.codes[rows].view(np.uint8).reshape(len(rows), width)
    lengths = np.array([len(t) for t in texts], dtype=np.int64)[owner]
    mismatch = reading[owner] != serial
    n = mismatch.sum(axis=1)
    few = usable[owner] & (n >= 1) & (n <= 2) & (matcher.lengths[rows] == lengths)
    first = np.where(few, mismatch.argmax(axis=1), -1)
    second = np.where(few & (n == 2), width - 1 - mismatch[:, ::-1].argmax(axis=1), -1)
    return first.tolist(), second.tolist()


def _differences(q: str, s: str, p: int, r: int) -> str | None:
    """``channel._literal``'s notes of a literal reading ``q`` that differs from the serial ``s`` at ``p``
    alone (``r`` -1) or at ``p`` and ``r`` (two neighbours read the other way round are one swap); None when
    the strings do not differ just there."""
    if len(q) != len(s) or q[p] == s[p] or q[:p] != s[:p]:
        return None
    if r < 0:
        if q[p + 1 :] != s[p + 1 :]:
            return None
        return sub_note(s[p], q[p], _sub_kind(q[p], s[p]), p + 1)
    if q[r] == s[r] or q[p + 1 : r] != s[p + 1 : r] or q[r + 1 :] != s[r + 1 :]:
        return None
    if r == p + 1 and q[p] == s[r] and q[r] == s[p]:
        return f"{s[p : p + 2]} read as {q[p]}{q[r]} (swapped) at {p + 1}"
    first = sub_note(s[p], q[p], _sub_kind(q[p], s[p]), p + 1)
    return f"{first}, {sub_note(s[r], q[r], _sub_kind(q[r], s[r]), r + 1)}"


def _field_keys(
    matcher: Matcher, picked: list[Picked], shared: list[_Shared | None], chosen: np.ndarray, rows: np.ndarray
) -> list[tuple[float, ...]]:
    """Per chosen candidate: its agreement levels, recorded value codes and likelihood ratios of the
    reading's fields, as one tuple (the candidates of a reading with the same tuple have the same words);
    readings that observed the same fields are read together."""
    keys: list[tuple[float, ...]] = [()] * len(rows)
    start = np.concatenate([[0], np.cumsum(chosen)])
    together: dict[tuple[str, ...], list[int]] = {}
    for r, (s, order, _, _) in enumerate(picked):
        if len(order) and s.fields:
            together.setdefault(s.fields, []).append(r)
    for fields, members in together.items():
        mine = chosen[members]
        local_bounds = np.concatenate([[0], np.cumsum([len(picked[r][2]) for r in members])])
        own = np.repeat(np.arange(len(members)), mine)
        local = np.concatenate([picked[r][1] for r in members]).astype(np.int64) + local_bounds[own]
        pos = start[members][own] + np.arange(len(own)) - (np.cumsum(mine) - mine)[own]
        levels = np.concatenate([picked[r][0].levels for r in members])[local]
        lrs = [np.concatenate([shared[r].field_lrs[j] for r in members])[local] for j in range(len(fields))]  # type: ignore[union-attr]
        recorded = [matcher.fields[f].codes[rows[pos]] for f in fields]
        table = np.column_stack([levels, *recorded, *lrs]).astype(np.float64).tolist()
        for p, key in zip(pos.tolist(), table, strict=True):
            keys[p] = tuple(key)
    return keys


def _totals(picked: list[Picked], sizes: np.ndarray) -> list[float]:
    """Each reading's probability over its items (each item's records carry the item's probability: its
    first record counted, items in the order of their numbers, summed as ``prob[first].sum()`` of the
    reading alone sums them)."""
    owner = np.repeat(np.arange(len(picked)), sizes)
    prob = np.concatenate([p[2] for p in picked]).astype(np.float64, copy=False)
    first = _first_records(picked, sizes)
    cut = np.searchsorted(owner[first], np.arange(len(picked) + 1)).tolist()
    return [float(_sum(prob[first[cut[r] : cut[r + 1]]])) for r in range(len(picked))]


def _tops(picked: list[Picked], sizes: np.ndarray, bounds: np.ndarray) -> list[float]:
    """Each reading's best probability (0 for a reading without candidates)."""
    out = np.zeros(len(picked))
    some = np.flatnonzero(sizes > 0)
    if len(some):
        prob = np.concatenate([p[2] for p in picked]).astype(np.float64, copy=False)
        out[some] = np.maximum.reduceat(prob, bounds[some])
    return out.tolist()


def _first_records(picked: list[Picked], sizes: np.ndarray) -> np.ndarray:
    """Flat over the batch's candidates, the index of each reading's first record of each item, by
    reading then item number."""
    owner = np.repeat(np.arange(len(picked)), sizes)
    groups = np.concatenate([p[0].groups for p in picked]).astype(np.int64)
    low = int(groups.min()) if len(groups) else 0
    span = int(groups.max()) - low + 1 if len(groups) else 1
    _, first = np.unique(owner * span + (groups - low), return_index=True)
    return first  # type: ignore[no-any-return]


def _competition(
    picked: list[Picked], sizes: np.ndarray, chosen: np.ndarray, bounds: np.ndarray, owner: np.ndarray, at: np.ndarray
) -> tuple[list[int], list[int], list[int], list[int]]:
    """For every chosen candidate (``at``, flat over the batch): the other items (weapons, each counted
    once) of its reading that fit better, almost as well (at least a tenth of its probability) and far
    less well (but not zero), and its item's other records. Every record of an item carries the item's
    probability, so the pairs (chosen, each candidate of its reading) are compared in one pass over the
    batch, an item by its first record."""
    prob = np.concatenate([p[2] for p in picked]).astype(np.float64, copy=False)
    groups = np.concatenate([p[0].groups for p in picked])
    first = np.zeros(len(groups), dtype=bool)
    first[_first_records(picked, sizes)] = True
    lens = sizes[owner]
    starts = np.cumsum(lens) - lens
    pair = np.repeat(np.arange(len(at)), lens)
    cand = np.arange(int(lens.sum())) - starts[pair] + bounds[owner][pair]
    pk, p = prob[at][pair], prob[cand]
    same_item = groups[cand] == groups[at][pair]
    other = ~same_item & first[cand]
    tenth = pk / 10

    def per(mask: np.ndarray) -> list[int]:
        return np.add.reduceat(mask.astype(np.int64), starts).tolist()  # type: ignore[no-any-return]

    same = per(same_item)
    return (
        per((p > pk) & other),
        per((p >= tenth) & (p <= pk) & other),
        per((p > 0) & (p < tenth) & other),
        [k - 1 for k in same],
    )


def _field_words(
    scored: Scored,
    shared: _Shared,
    codes: list[FieldCodes],
    key: tuple[float, ...],
    words: dict[tuple[str, str, int, int, float, float], str | None],
) -> str:
    """The descriptive fields' part of a line (``key`` from ``_field_keys``): each field's words with its
    ratio, joined."""
    said = []
    n = len(codes)
    for j in range(n):
        level, code, lr = int(key[j]), int(key[n + j]), key[2 * n + j]
        f = scored.fields[j]
        one = (f, scored.observed[f], level, code, lr, math.copysign(1.0, lr))  # -0.0 is 0.0 as a key
        if one not in words:
            piece = _field_evidence(scored, shared, codes, j, level, code, lr)
            words[one] = None if piece is None else f"{piece.text} (LR {format_lr(piece.weight)})"
        if (w := words[one]) is not None:
            said.append(w)
    return "; ".join(said)


class Explanations:
    """The explanations of one reading's chosen candidates, worked out together when the first is read (a
    screening search that only ranks never pays for the words)."""

    def __init__(
        self,
        matcher: Matcher,
        scored: Scored,
        model: ScoringModel,
        order: np.ndarray,
        prob: np.ndarray,
        p_absent: float,
        serials: list[str | None] | None = None,
    ):
        self._args = (matcher, scored, model, order, prob, p_absent, serials)
        self._done: list[list[Evidence]] | None = None
        self._texts: list[str] | None = None

    def __call__(self, k: int) -> list[Evidence]:
        """The evidence of the ``k``-th chosen candidate."""
        if self._done is None:
            matcher, scored, model, order, prob, p_absent, serials = self._args
            self._done = explain_many(matcher, scored, model, order, prob[order], prob, p_absent, serials)
        return self._done[k]

    def text(self, k: int) -> str:
        """The one-line explanation of the ``k``-th chosen candidate (no evidence objects made for it)."""
        if self._texts is None:
            self._texts = explain_texts(*self._args)
        return self._texts[k]
