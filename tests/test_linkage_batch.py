"""A batch's ``Scored`` and the literal alignment give, number for number, what the per-reading code gave.

``Matcher.score_many`` works the field levels, the best candidate, the exact count and the absent-
neighbour terms out for a whole block of readings from its arrays; the oracle below is the former
per-reading code (``_scored`` and ``_local``), kept here verbatim in substance.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping
from typing import Any

import numpy as np
import pyarrow as pa
import pytest
from benchmarks.density_oracle import per_window_density
from benchmarks.noise import FAULTS, make_recoveries
from benchmarks.registry_gen import generate_registry

from armstrace.exceptions import QuerySyntaxError
from armstrace.linkage import Matcher, channel, density, kernels
from armstrace.linkage.density import _MAX_DIGITS, _SHAPE
from armstrace.linkage.descriptor import agreement_u, level_codes, standardise
from armstrace.linkage.matcher import _group_argmax
from armstrace.linkage.number_variants import digit_variants, digit_variants_many
from armstrace.linkage.scored import Scored
from armstrace.linkage.scoring import ScoringModel
from armstrace.serials import ANY, Query, skeleton


def _alone(
    m: Matcher, query: Query, observed: Mapping[str, Any], whole: Scored, model: ScoringModel
) -> tuple[Any, ...]:
    """The former ``Matcher._scored`` and ``_local`` of one reading, from its candidates' counts."""
    rows, counts, hard, mult = whole.rows, whole.counts, whole.hard, whole.multiplicity
    inside = {j: whole.range_serials[int(r)] for j, r in enumerate(rows.tolist()) if int(r) in whole.range_serials}
    fields, levels, log_u = [], [], []
    for f, value in observed.items():
        codes = m.fields.get(f)
        std = standardise(f, None if value is None else str(value))
        if std is None or codes is None:
            continue
        fields.append(f)
        log_u.append(tuple(math.log(u) for u in agreement_u(codes, std)))
        levels.append(level_codes(codes, std)[codes.codes[rows]])
    background = m.background.log_p(query.elements, model)
    errors = counts[:, 2:].sum(axis=1)
    taken = bool(len(rows)) and bool((errors == 0).any()) and not query.has_star
    if query.is_literal and taken:
        length = len(query.elements)
        collide = model.collision * 10.0 ** max(0, 6 - length) + min(1.0, length * model.p_error)
        background += math.log(min(1.0, collide))
    local, near, miss = 0.0, -1, 0.0
    if len(rows) and not query.has_star:
        near = int(np.argmax(counts @ model.op_cost() + hard * math.log(model.hard_factor)))
        exact = float(mult[counts[:, 1:].sum(axis=1) == 0].sum())
        best = skeleton(m.matched(int(rows[near]), inside.get(near)))
        local, miss = m.absence.terms(query, best, float(counts[near, 1]), taken, exact, model)
    stacked = np.stack(levels, axis=1) if levels else np.zeros((len(rows), 0), dtype=np.int8)
    return tuple(fields), stacked, np.array(log_u).reshape(-1, 2), background, local, near, miss, m.items[rows]


def _same(s: Scored, want: tuple[Any, ...]) -> None:
    fields, levels, log_u, background, local, near, miss, groups = want
    assert s.fields == fields
    assert s.levels.dtype == levels.dtype and np.array_equal(s.levels, levels)
    assert np.array_equal(s.log_u, log_u)
    assert (s.background, s.local, s.near, s.miss) == (background, local, near, miss)
    assert np.array_equal(s.groups, groups)


def test_a_batch_scored_together_is_each_reading_scored_alone() -> None:
    """Every fault kind (ranges, wildcards, ``*``, dense neighbours, absent weapons, Cyrillic), with the
    observed fields in varying order and some missing: the batch's numbers are the per-reading ones, and
    a batch gives each reading what a batch of one gives it."""
    registry = generate_registry(3000, seed=11)
    m = Matcher(registry)
    batch, _ = make_recoveries(registry, 400, seed=12, mix={f: 1.0 for f in FAULTS})
    rng = random.Random(4)
    serials = batch.column("serial").to_pylist()
    queries = []
    for text in serials:
        try:
            queries.append(m.parse(text))
        except QuerySyntaxError:
            continue
    queries += [m.parse(t) for t in ("W1*", "*0?1", "W" + "?" * 6, "A[0O]1234*5")]
    present = [f for f in ("manufacturer", "model", "calibre", "year") if f in batch.column_names]
    columns = {f: batch.column(f).to_pylist() for f in present}
    observed: list[dict[str, Any]] = []
    for i in range(len(queries)):
        names = rng.sample(present, rng.randint(0, len(present)))  # a varying order, some fields left out
        observed.append({f: columns[f][i % len(columns[f])] if rng.random() < 0.8 else "NOTAMAKE" for f in names})
    model = ScoringModel()
    together = m.score_many(queries, observed, model=model)
    kinds = {(q.is_literal, q.has_star, bool(len(s))) for q, s in zip(queries, together, strict=True)}
    assert {(True, False, True), (False, False, True), (False, True, True)} <= kinds
    assert any(s.range_serials for s in together) and any(s.miss > 0 for s in together)
    for q, obs, s in zip(queries, observed, together, strict=True):
        _same(s, _alone(m, q, obs, s, model))
        one = m.score_many([q], [obs], model=model)[0]
        assert np.array_equal(one.rows, s.rows) and np.array_equal(one.counts, s.counts)
        _same(one, _alone(m, q, obs, s, model))


def test_a_field_no_reading_observes_and_an_empty_batch() -> None:
    registry = pa.table({"record_id": ["1", "2", "3"], "serial": ["AB1234", "AB1235", "ZZ9"], "model": ["X", "", "Y"]})
    m = Matcher(registry)
    assert m.score_many([], []) == []
    got = m.score_many([m.parse("AB1234"), m.parse("QQ"), m.parse("AB1236")], [{"model": "X"}, {}, {"model": None}])
    assert got[0].fields == ("model",) and got[0].levels.shape == (len(got[0].rows), 1)
    assert len(got[1].rows) == 0 and got[1].levels.shape == (0, 0) and got[1].near == -1
    assert got[2].fields == () and got[2].levels.shape == (len(got[2].rows), 0)


def test_grouped_argmax_is_the_first_maximum_of_each_group() -> None:
    rng = np.random.default_rng(3)
    for _ in range(200):
        sizes = rng.integers(0, 5, rng.integers(1, 12))
        bounds = np.concatenate([[0], np.cumsum(sizes)])
        values = rng.integers(-3, 3, int(bounds[-1])).astype(np.float64)  # many ties
        got = _group_argmax(values, bounds)
        for k in range(len(sizes)):
            lo, hi = int(bounds[k]), int(bounds[k + 1])
            assert got[k] == (lo + int(np.argmax(values[lo:hi])) if hi > lo else -1)


def test_literal_alignment_by_string_comparison_is_the_element_by_element_one() -> None:
    """Random misreadings of every kind (substitutions, lookalikes, confusables, swaps, several at once),
    with and without a skipped place and an offset: the same counts, hard count and notes."""
    rng = random.Random(9)
    pairs = 0
    for _ in range(4000):
        serial = rng.choice(["", "A", "KP", "0", "BN"]) + str(rng.randrange(10**7)).zfill(rng.randint(3, 8))
        reading = list(serial)
        for _ in range(rng.randint(0, 5)):
            j = rng.randrange(len(reading))
            if rng.random() < 0.3 and j + 1 < len(reading):
                reading[j], reading[j + 1] = reading[j + 1], reading[j]
            else:
                reading[j] = rng.choice("0123456789OSBZGQINMDA8")
        skip, offset = rng.choice([-1, -1, 0, 3]), rng.choice([0, 0, 2])
        want = channel._elementwise(tuple(reading), serial, skip, offset)
        assert channel._literal("".join(reading), serial, skip, offset) == want
        assert channel._positional(tuple(reading), serial, skip, offset) == want
        pairs += want is not None and want.errors > 0
    assert pairs > 1500
    # wildcards and sets still go element by element
    q = (*"AB12", ANY, frozenset("38"), "7")
    assert channel._positional(q, "AB12987") == channel._elementwise(q, "AB12987")


def test_explanation_text_without_evidence_objects_is_the_evidence_joined() -> None:
    """The output rows' one-line text (``explain_texts``) is, character for character, the line the
    evidence objects give, for every candidate of a batch of every fault kind; reading the evidence after
    the text (the web does) still gives the evidence."""
    registry = generate_registry(2000, seed=21)
    m = Matcher(registry)
    batch, _ = make_recoveries(registry, 150, seed=22, mix={f: 1.0 for f in FAULTS})
    columns = [f for f in ("manufacturer", "model", "calibre", "year") if f in batch.column_names]
    queries, observed = [], []
    for i, text in enumerate(batch.column("serial").to_pylist()):
        try:
            queries.append(m.parse(text))
        except QuerySyntaxError:
            continue
        observed.append({f: batch.column(f)[i].as_py() for f in columns})
    scored = m.score_many(queries, observed)
    fast = m.candidates_many(scored, m.model, 10)
    slow = m.candidates_many(scored, m.model, 10)
    lines = 0
    for a, b in zip(fast, slow, strict=True):
        for x, y in zip(a, b, strict=True):
            assert callable(x.evidence) and x.text is not None
            text = x.explanation_text()  # worded without evidence objects
            y.text = None
            assert text == y.explanation_text()  # from the evidence objects
            assert x.explanation == y.explanation and x.explanation_text() == text
            lines += 1
    assert lines > 300


@pytest.mark.parametrize("loops", ["numpy", "python", "compiled"])
def test_densities_of_all_windows_at_once_are_the_per_window_ones(loops: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """``Density.at`` searches every bounded window of a shape's numbers at once and the whole series once:
    bit for bit the densities of the former window-by-window code, inside and around range records; so do
    the shapes of a batch in one pass of ``window_density`` (numba's, or the same loops as plain Python)."""
    kernel = {"numpy": None, "python": density.window_density, "compiled": None}[loops]
    if loops == "compiled":
        kernels.compiled()  # a large batch's numba, loaded: ``_kernel`` compiles the loops
        kernel = density._kernel()
    calls: list[int] = []

    def counted(*args: Any) -> None:
        calls.append(len(args[4]))
        assert kernel is not None
        kernel(*args)

    monkeypatch.setattr(density, "_kernel", lambda: None if kernel is None else counted)
    monkeypatch.setattr(density, "_SHAPE_ALONE", 10**9)  # every shape in the one pass, range records' too
    registry = generate_registry(3000, seed=11)
    m = Matcher(registry)
    assert m.ranges.groups
    rng = random.Random(5)
    skels = [skeleton(s) for s in m.norm.to_pylist() if s]
    asked = []
    for s in rng.sample(skels, 400):
        digits = [i for i, c in enumerate(s) if c.isdigit()]
        i = rng.choice(digits) if digits else 0
        asked += [s, s[:i] + str(rng.randrange(10)) + s[i + 1 :] if digits else s]
    for (head, width), group in list(m.ranges.groups.items())[:20]:
        for n in (int(group.starts[0]), int(group.ends[-1]) + 3, max(0, int(group.starts[0]) - 200)):
            asked.append(head + str(n).zfill(width))
    got = m.density.at(asked)
    assert (got > 0).sum() > len(asked) // 2
    assert (sum(calls) > len(asked) // 2) if kernel is not None else not calls
    for k, s in enumerate(asked):
        match = _SHAPE.match(s)
        assert match is not None
        head, digits, tail = match.groups()
        if not digits:
            continue
        shape = f"{head}\x1f{len(digits)}\x1f{tail}"
        if not (m.density.known(shape) or (not tail and (head, len(digits)) in m.ranges.groups)):
            assert got[k] == 0.0
            continue
        want = per_window_density(m.density, shape, np.array([int(digits[-_MAX_DIGITS:])]), len(digits))
        assert got[k] == want[0], s


def test_number_variants_of_many_tails_are_each_tails_own() -> None:
    """``digit_variants_many`` (a batch's range look-ups) gives each tail the numbers ``digit_variants``
    gives it alone: every width, tails one digit shorter, as long and longer, repeats dropped in order."""
    rng = random.Random(1)
    for width in range(1, 19):
        for n in (width - 1, width, width + 1):
            if not 1 <= n <= 18:
                continue
            tails = ["".join(rng.choice("0123456789") for _ in range(n)) for _ in range(30)] + ["0" * n, "9" * n]
            for tail, got in zip(tails, digit_variants_many(tails, width), strict=True):
                want = digit_variants(tail, width)
                assert got.dtype == want.dtype and got.tolist() == want.tolist(), (tail, width)
