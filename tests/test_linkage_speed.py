"""The batched shortcuts of the candidate retrieval give what the one-reading-at-a-time code gives.

Speed work replaced per-reading loops with batch calls and quick rejection tests; each must return the
same candidates in the same order (ties between equally probable candidates break on that order).
"""

from __future__ import annotations

import itertools
import math
import os
import random
import re
import signal
from typing import Any

import numpy as np
import pyarrow as pa
import pytest
from benchmarks.noise import FAULTS, make_recoveries
from benchmarks.registry_gen import generate_registry
from rapidfuzz.distance import OSA

from armstrace.exceptions import ArmstraceError, QuerySyntaxError
from armstrace.linkage import Matcher, channel, em, kernels, xref
from armstrace.linkage.absence import Neighbours
from armstrace.linkage.channel import align
from armstrace.linkage.descriptor import _WORDS, LOG_PARTIAL_MAX, _leading_words
from armstrace.linkage.em import (
    EmFeatures,
    _distinct_rows,
    _em_stats_compiled,
    _em_stats_numpy,
    _estimate,
    _field_lr_compared,
    _field_lr_fixed,
    _part_features,
    em_features,
    em_stats,
    estimate_model,
    m_step,
)
from armstrace.linkage.explanation import explain, explain_many
from armstrace.linkage.index import pattern_regex, permuted, rotation
from armstrace.linkage.keys import code_column, normalise_column, skeleton_elements
from armstrace.linkage.number_variants import number_variants
from armstrace.linkage.ranges import RangeIndex, _heads
from armstrace.linkage.scoring import Background, ScoringModel
from armstrace.linkage.xref import cross_check
from armstrace.reference import load_reference
from armstrace.serials import ANY, CONFUSION_CLASSES, STAR, parse_query, skeleton


def _ranges(rng: random.Random) -> tuple[RangeIndex, list[str]]:
    spans, serials = [], []
    for r in range(rng.randint(1, 12)):
        prefix, width = rng.choice(["W", "FN", "LC", "", "A0"]), rng.choice([4, 5, 6])
        lo = rng.randrange(10**width - 600)
        hi = lo + rng.choice([0, 9, 50, 99, 500])
        spans.append((r, prefix, lo, hi, width))
        serials += [prefix + str(x).zfill(width) for x in (lo, hi, rng.randint(lo, hi))]
    return RangeIndex(spans), serials


def _misread(rng: random.Random, serial: str) -> str:
    q = list(serial)
    for _ in range(rng.choice([0, 1, 1, 2])):
        op, i = rng.choice("sdit"), rng.randrange(len(q))
        if op == "s":
            q[i] = rng.choice("0123456789WFNLCAO")
        elif op == "d" and len(q) > 1:
            del q[i]
        elif op == "t" and i + 1 < len(q):
            q[i], q[i + 1] = q[i + 1], q[i]
        else:
            q.insert(i, rng.choice("0123456789"))
    return skeleton("".join(q))


def _field_lr(levels: np.ndarray, u: np.ndarray, m: float, owner: np.ndarray, n_rec: int) -> np.ndarray:
    """The E step's field term row by row (the former code): the oracle ``_field_lr_fixed`` must equal."""
    out = np.zeros(len(levels))
    agree, part = u[:, 0], u[:, 1]
    full = np.log((m + (1 - m) * agree) / agree)
    out = np.where(levels == 1, full, out)
    out = np.where(
        levels == 2, np.minimum(np.minimum(np.log((0.3 * m + (1 - m) * part) / part), full), LOG_PARTIAL_MAX), out
    )
    out = np.where(levels == 3, math.log(1 - m), out)
    present = levels > 0
    sums = np.bincount(owner, weights=np.where(present, np.exp(out), 0.0), minlength=n_rec)
    seen = np.bincount(owner, weights=present.astype(np.float64), minlength=n_rec)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = np.where(seen > 0, np.log(sums / np.maximum(seen, 1)), 0.0)
    return np.where(present, out, mean[owner])


def test_range_search_many_is_search_reading_by_reading() -> None:
    rng = random.Random(11)
    for _ in range(60):
        index, serials = _ranges(rng)
        readings = [_misread(rng, rng.choice(serials)) for _ in range(30)]
        readings += [skeleton(str(rng.randrange(10**7))) for _ in range(10)]
        edits = [rng.choice([0, 1, 1]) for _ in readings]
        found = 0
        for reading, k, hits in zip(readings, edits, index.search_many(readings, edits), strict=True):
            assert hits == index.search(reading, k) == index.search_many([reading], [k])[0]
            found += bool(hits)
        assert found  # the quick test let the readings with hits through


def test_range_holds_against_brute_force() -> None:
    rng = random.Random(12)
    for _ in range(60):
        spans, members = [], set()
        for r in range(rng.randint(1, 8)):
            prefix, width = rng.choice(["W", "FN", ""]), rng.choice([4, 5])
            lo = rng.randrange(10**width - 300)
            hi = lo + rng.randrange(250)
            spans.append((r, prefix, lo, hi, width))
            members |= {skeleton(prefix + str(x).zfill(width)) for x in range(lo, hi + 1)}
        index = RangeIndex(spans)
        probe = [_misread(rng, rng.choice(sorted(members))) for _ in range(60)]
        assert index.holds(probe).tolist() == [p in members for p in probe]


def _dense_matcher() -> Matcher:
    serials = [f"W10043{i:02d}" for i in range(0, 100, 3)] + ["369257", "AB12345", "10015917"]
    n = len(serials)
    table = {
        "record_id": [f"R{i}" for i in range(n)] + ["RANGE"],
        "serial": [*serials, "C1000000"],
        "serial_end": [None] * n + ["C1000999"],
    }
    return Matcher.from_table(pa.table({k: pa.array(v, type=pa.string()) for k, v in table.items()}))


def test_absent_terms_of_a_batch_are_those_of_each_reading() -> None:
    """One lookup for a batch's serials (``look_up_many``) gives every reading the terms it gets alone,
    for literal readings, wildcard fills and readings too vague to enumerate."""
    m = _dense_matcher()
    readings = ["W1004301", "W1004399", "C1000500", "C1O00501", "369257", "W10043?5", "W1004??", "W???????", "X1"]
    queries = [m.parse(r) for r in readings]
    looked = m.absence.look_up_many([m.absence.serials(q) for q in queries])
    model = m.model
    for q, mine in zip(queries, looked, strict=True):
        for best, taken in (("W1004300", False), ("C1000500", True)):
            alone = m.absence.terms(q, best, 1.0, taken, 2.0, model)
            assert m.absence.terms(q, best, 1.0, taken, 2.0, model, mine) == alone
    assert looked[-2][0] is None  # too vague: the fills are not enumerated
    batch = m.score_many(queries, [{}] * len(queries))
    for q, s in zip(queries, batch, strict=True):
        one = m.score(q)
        assert (s.local, s.miss, s.near) == (one.local, one.miss, one.near)


def test_literal_neighbours_looked_up_as_codes_are_those_of_the_text() -> None:
    """``look_up_readings`` (a literal reading's one-digit neighbours as rows of codes) gives what
    ``look_up_many`` of ``lookup_serials``'s strings gives: registered or not (a record, a range record,
    none), the density (a digit changed in the number; before it, into another series the registry has;
    beyond its last 18 digits), and the text route for other scripts, wildcards and too vague readings."""
    serials = [f"{h}K{n}" for h in "78" for n in range(1000, 1100, 7)] + ["7K2" + "0" * 19, "AB12345"]
    table = {"record_id": [f"R{i}" for i in range(len(serials))] + ["RANGE"], "serial": [*serials, "9K100000"]}
    table["serial_end"] = [None] * len(serials) + ["9K100999"]
    heads = Matcher.from_table(pa.table({k: pa.array(v, type=pa.string()) for k, v in table.items()}))
    cases = {
        _dense_matcher(): ["W1004301", "W1004399", "C1000500", "C1O00501", "C1000999", "369257", "AB12345",
                           "1W1004301", "W10043O1", "9" * 22, "W1004301" + "1" * 15, "X1", "W10043?5", "W1004??",
                           "W???????", "ΩN0037", "٣٤٥٦"],
        heads: ["7K1007", "8K1014", "9K1014", "7K100500", "8K100999", "7K2" + "0" * 19, "7K2" + "0" * 18 + "7"],
    }  # fmt: skip
    for m, readings in cases.items():
        queries = [m.parse(r) for r in readings]
        assert m.absence._by_codes()
        text = m.absence.look_up_many([m.absence.serials(q) for q in queries])
        codes = m.absence.look_up_readings(queries)
        assert len(codes) == len(text)
        for r, (a_serials, a_reg, a_at), (b_serials, b_reg, b_at) in zip(readings, text, codes, strict=True):
            assert (a_serials is None) == (b_serials is None), r
            assert list(a_serials or []) == list(b_serials or []), r
            assert a_reg.tolist() == b_reg.tolist(), r
            assert a_at.tobytes() == b_at.tobytes(), r
        registered = np.concatenate([x[1] for x in codes])
        assert registered.any() and not registered.all()  # the cases are exercised
    near = dict(zip(heads.absence.serials(heads.parse("7K1007")) or [], codes[0][2].tolist(), strict=True))
    assert near["8K1007"] > 0 and near["6K1007"] == 0  # a changed head digit: the density of its own series
    assert isinstance(codes[0][0], Neighbours) and codes[0][0][-1] == "7K1009"  # neighbours spelt on demand


def test_explanations_of_a_reading_together_are_each_alone() -> None:
    """``explain_many`` (one slice of the scoring arrays for all of a reading's candidates) words every
    candidate as ``explain`` does alone: twins, ranges, descriptive fields and the competition alike."""
    m = _dense_matcher()
    table = m.table.to_pydict()
    table["serial"] += ["W1004303", "W1004306"]  # the same weapons recorded twice, with a make
    table["record_id"] += ["T1", "T2"]
    table["serial_end"] += [None, None]
    table["manufacturer"] = ["Colt"] * (len(table["serial"]) - 2) + ["Colt", "Norinco"]
    m = Matcher.from_table(pa.table({k: pa.array(v, type=pa.string()) for k, v in table.items()}))
    readings = ["W1004303", "W10O4306", "W1004330", "W1040330", "C1000500", "W10043?6", "W1004*"]
    for r in readings:
        s = m.score(m.parse(r), {"manufacturer": "COLT"})
        prob, _, p_absent = s.probabilities(m.model, m.n_items)
        order = np.argsort(-prob, kind="stable")[:10]
        together = explain_many(m, s, m.model, order, prob[order], prob, p_absent)
        for i, words in zip(order.tolist(), together, strict=True):
            assert words == explain(m, s, m.model, i, float(prob[i]), prob, p_absent), (r, i)
        assert together, r


def test_exact_pre_check_is_a_zero_edit_search() -> None:
    """``contains`` (the exact pre-check of retrieval) answers as a search with no edit allowed."""
    m = _dense_matcher()
    probes = ["W1004303", "W1004304", "W10043", "369257", "AB12345", "C1000500", "X" * 40, "W1OO43O3"]
    skels = [skeleton(p) for p in probes]
    zero = np.zeros(len(skels), dtype=bool)
    zero[m.index.fuzzy_many(skels, [0] * len(skels))[0]] = True
    assert m.index.contains(skels).tolist() == zero.tolist()
    assert zero.tolist()[:4] == [True, False, False, True]


def test_literal_alignment_names_each_difference_where_it_is() -> None:
    """The literal fast path of the position-by-position alignment: a confusable, a swap and a substitution,
    each named at its position; a set or ``?`` in the reading takes the general path to the same words."""
    log_p = Matcher.from_table(pa.table({"record_id": ["1"], "serial": ["W1"]})).model.log_p()
    a = align(parse_query("W1O0349").elements, "W100438", log_p)
    assert a.counts == (3, 1, 0, 1, 0, 0, 0, 1)
    assert a.notes == (
        "0 read as O (near-identical shapes) at 3",
        "43 read as 34 (swapped) at 5",
        "8 read as 9 (another digit) at 7",
    )
    b = align(parse_query("W1O0?49").elements, "W100438", log_p)
    assert b.notes == (
        "0 read as O (near-identical shapes) at 3",
        "3 read as 4 (another digit) at 6",
        "8 read as 9 (another digit) at 7",
    )
    assert b.counts == (3, 1, 0, 2, 0, 0, 0, 0)


def test_wildcard_walks_of_a_batch_find_what_a_scan_finds() -> None:
    """Wildcard readings walked down the index together (``patterns``) find, each, exactly the rows whose
    key a scan of the whole registry matches; a batch mixes stars, sets, leading ``?`` and no hit."""
    rng = random.Random(11)
    serials = sorted({f"{rng.choice(['W', 'AB', 'C', ''])}{rng.randrange(10**6):06d}" for _ in range(3000)})
    m = Matcher.from_table(pa.table({"record_id": [str(i) for i in range(len(serials))], "serial": serials}))
    readings = ["W10?4??", "?B12*", "*345", "W[38]0*1", "C??????", "Z1?", "W*", "AB1[0O]?5?7"]
    for s in rng.sample(serials, 30):
        q = list(s)
        for _ in range(rng.choice([1, 2, 3])):
            q[rng.randrange(len(q))] = "?"
        readings.append("".join(q))
    elements = [skeleton_elements(m.parse(r).elements) for r in readings]
    keys = [skeleton(s) for s in serials]
    for r, e, got in zip(readings, elements, m.index.patterns(elements), strict=True):
        regex = re.compile(pattern_regex(e).pattern.decode())
        want = sorted(i for i, k in enumerate(keys) if regex.fullmatch(k))
        assert sorted(got.tolist()) == want, r
        assert m.index.pattern(e).tolist() == got.tolist(), r


def test_density_of_a_batch_cut_by_arrow_is_each_serial_cut_alone() -> None:
    """``Density.at`` cuts a batch's serials into shape and number with Arrow; every density is the one the
    serial-by-serial cut (Python's regular expressions) gives: known series, ranges, unknown shapes, no
    digits, long numbers, a line break."""
    m = _dense_matcher()
    rng = random.Random(5)
    serials = [skeleton(f"W10043{i:02d}") for i in range(100)] + [f"C1000{i:03d}" for i in range(0, 999, 7)]
    serials += [_misread(rng, rng.choice(serials)) for _ in range(300)]
    serials += ["", "ABC", "X1", "AB12345", "12ABC", "9" * 25, "W1004\n301", "Ä12", "369257"]
    found = m.density.at(serials)
    assert found.tolist() == m.density._at_each(serials).tolist()
    assert (found > 0).sum() > 100  # the known series and the range were counted


def test_em_field_ratios_from_distinct_u_are_those_of_every_row() -> None:
    """EM's E step takes each field's logs once per distinct u-probability (``_field_lr_fixed``) and sums a
    level's posteriors over that level's rows only: the same numbers as row by row (``_field_lr``, a
    bincount over every row with zeros elsewhere), bit for bit."""
    m = _dense_matcher()
    table = m.table.to_pydict()
    n = len(table["serial"])
    table["manufacturer"] = [["Colt", "Norinco", None][i % 3] for i in range(n)]
    table["calibre"] = [["9x19", "5.56x45", "7.62x39", None][i % 4] for i in range(n)]
    m = Matcher.from_table(pa.table({k: pa.array(v, type=pa.string()) for k, v in table.items()}))
    readings = ["W1004303", "W10O4306", "W1004330", "W1040330", "C1000500", "W10043?6", "369275", "AB12354"]
    observed = [{"manufacturer": ["COLT", "NORINCO", None][i % 3], "calibre": ["9mm", None][i % 2]} for i in range(8)]
    feats = em_features(m.score_many([m.parse(r) for r in readings], observed))
    assert feats is not None and feats.fields
    fixed = feats.fixed()
    for j in range(len(feats.fields)):
        for mj in (0.5, 0.9, 0.97):
            rows = _field_lr(feats.levels[:, j], feats.u[:, j], mj, feats.owner, feats.n_rec)
            assert _field_lr_fixed(mj, feats.owner, feats.n_rec, fixed, j).tobytes() == rows.tobytes()
            # the rows of readings with the field to compare alone: the same terms there, 0.0 (+0) elsewhere
            some, terms = _field_lr_compared(mj, feats.owner, feats.n_rec, fixed, j)
            scattered = np.zeros(len(feats.owner))
            scattered[some] = terms
            assert scattered.tobytes() == rows.tobytes()
            assert len(some) < len(feats.owner)  # some readings leave the field out
    post = np.random.default_rng(4).random(len(feats.owner))
    for j in range(len(feats.fields)):
        lv = feats.levels[:, j]
        for (rows, who), mask in zip(fixed.at_level[j], (lv == 1, lv == 2, lv > 0), strict=True):
            alone = np.bincount(who, weights=post[rows], minlength=feats.n_rec)
            every = np.bincount(feats.owner, weights=np.where(mask, post, 0.0), minlength=feats.n_rec)
            assert alone.tobytes() == every.tobytes()
    stats = em_stats(feats, m.model, m.n_items)
    assert all(sum(v) > 0 for v in stats["fields"].values())


def test_distinct_u_pairs_are_numpys_distinct_rows() -> None:
    """EM's distinct u-pairs (``_distinct_rows``, by a code per column) are ``np.unique``'s rows, in its order,
    with its inverse: also with ties in one column, a zero or a NaN (numpy's own comparison then)."""
    rng = np.random.default_rng(11)
    grid = rng.random((7, 2))
    pairs = np.column_stack([grid[rng.integers(0, 7, 500), 0], grid[rng.integers(0, 7, 500), 1]])
    for case in (pairs, pairs[:, ::-1], np.vstack([pairs, [[0.0, 0.5]]]), np.vstack([pairs, [[np.nan, 0.5]]])):
        values, index = np.unique(case, axis=0, return_inverse=True)
        got_values, got_index = _distinct_rows(case)
        assert got_values.tobytes() == values.tobytes()
        assert got_index.tolist() == index.reshape(-1).tolist()
        assert got_values[got_index].tobytes() == np.ascontiguousarray(case).tobytes() or np.isnan(case).any()


def test_permuted_keys_per_length_are_the_gathered_grid() -> None:
    """The reversed and rotated keys, reordered once per key length, are those of the whole-grid gather."""
    rng = np.random.default_rng(3)
    width = 9
    lengths = rng.integers(0, width, 500)
    grid = rng.integers(0x21, 0x7F, (500, width)).astype(np.uint8)
    grid[np.arange(width)[None, :] >= lengths[:, None]] = 0
    j, n = np.arange(width)[None, :], lengths[:, None]
    for source in (lambda j, n: n - 1 - j, rotation(2), rotation(4)):
        src = np.where(j < n, source(j, n), 0)
        whole = np.where(j < n, np.take_along_axis(grid, np.clip(src, 0, width - 1), axis=1), 0).astype(np.uint8)
        assert permuted(grid, lengths, source).tolist() == whole.view(f"S{width}").ravel().tolist()


def test_candidates_of_a_batch_are_worded_as_each_alone() -> None:
    """Through ``candidates_many`` (serials read in the block's take, a field's evidence shared by the
    candidates with the same recorded value) every candidate's words are ``explain``'s alone."""
    m = _dense_matcher()
    table = m.table.to_pydict()
    n = len(table["serial"])
    table["manufacturer"] = [["Colt", "Norinco"][i % 2] for i in range(n)]
    m = Matcher.from_table(pa.table({k: pa.array(v, type=pa.string()) for k, v in table.items()}))
    readings = ["W1004303", "W10O4306", "W1004330", "W1040330", "C1000500", "W10043?6", "W1004*", "369275"] * 2
    scored = m.score_many([m.parse(r) for r in readings], [{"manufacturer": "COLT"}] * len(readings))
    batch = m.candidates_many(scored, m.model, 10)
    shared = 0
    for s, cands in zip(scored, batch, strict=True):
        prob, _, p_absent = s.probabilities(m.model, m.n_items)
        for c in cands:
            i = int(np.flatnonzero(s.rows == c.row)[0]) if s.range_serials.get(c.row) is None else None
            if i is None:
                continue
            assert c.explanation == explain(m, s, m.model, i, float(prob[i]), prob, p_absent)
        words = [c.explanation for c in cands]
        shared += sum(a[2] is b[2] for a, b in itertools.pairwise(words) if len(a) > 2 and len(b) > 2)
    assert shared  # candidates with the same recorded make share one Evidence


def test_makers_named_from_a_place_by_leading_words_as_by_testing_every_name() -> None:
    """``_leading_words`` finds the makers a place's words begin a name of, as ``startswith`` on every name
    of every maker did (the ambiguous places of the reference: Izhevsk, Hartford Conn)."""
    rows = load_reference().manufacturers
    leading = _leading_words(rows)

    def spaced(text: str) -> str:
        return " " + _WORDS.sub(" ", text.upper()).strip() + " "

    names = [(m.manufacturer_id, {spaced(p) for p in (m.name, *m.variants)}) for m in rows]
    phrases = {p for m in rows for p in (*m.locations, m.name, *m.variants)}
    phrases |= {"Izhevsk", "Hartford", "Hartford Conn", "Tula", "Colt's", "Nowhere At All", "U.S."}
    found = 0
    for phrase in sorted(phrases):
        words = spaced(phrase)
        brute = {i for i, ns in names if any(n.startswith(words) for n in ns)}
        assert leading.get(words, set()) == brute, phrase
        found += bool(brute)
    assert found > 100  # the names themselves, at least


def _log_p_each(bg: Background, elements: tuple, model: ScoringModel) -> float:  # type: ignore[type-arg]
    """``Background.log_p`` as it was, every frequency worked out afresh (the reference)."""
    p_match, per_conf = 1.0 - model.p_error, model.p_confusable / 1.5
    per_sub = (model.p_substitute + model.p_recast) / 34.0
    star = any(e is STAR for e in elements)
    fixed = [e for e in elements if e is not STAR]
    by_pos = None if star else bg.by_length.get(len(fixed))
    total = 0.0
    if not star:
        n = len(fixed)
        total += math.log((bg.length_counts[n] if n < len(bg.length_counts) else 0) + 1.0) - math.log(bg.total + 40.0)
    for pos, e in enumerate(fixed):
        counts = bg.overall if by_pos is None else by_pos[pos]
        if isinstance(e, str):
            same = bg._prob(counts, e)
            conf = sum(bg._prob(counts, c) for cls in CONFUSION_CLASSES if e in cls for c in cls if c != e)
            p = same * p_match + conf * per_conf + max(0.0, 1.0 - same - conf) * per_sub
        elif isinstance(e, frozenset):
            inside = min(1.0, sum(bg._prob(counts, c) for c in e))
            p = inside + (1.0 - inside) * per_sub
        else:
            p = 1.0
        total += math.log(max(p, 1e-300))
    return total


def test_background_log_p_with_kept_frequencies_equals_working_them_out_each_time() -> None:
    """The per-position frequencies ``log_p`` keeps give the same float, bit for bit, on the first call
    and on later ones, for characters, confusables, listed alternatives, ``?``, ``*``, lengths the
    registry has and lengths it has not, under two models."""
    rng = random.Random(11)
    serials = [
        rng.choice(["AK", "B", "ZX9", ""]) + str(rng.randrange(10**6)).zfill(rng.choice([5, 6, 7])) for _ in range(400)
    ]
    bg = Background(code_column(normalise_column(pa.array(serials))))
    readings = [*serials[:60], "0O8B5S", "A?1234", "A[B8]12*", "*123", "Z(1|I)2O0", "12345678901234", "?7", "S5"]
    models = [ScoringModel(), ScoringModel().with_(p_substitute=0.02, p_confusable=0.004)]
    for _ in range(2):  # the second pass reads the kept frequencies
        for model in models:
            for text in readings:
                q = parse_query(text)
                assert bg.log_p(q.elements, model) == _log_p_each(bg, q.elements, model), text
    assert any(e is ANY for t in readings for e in parse_query(t).elements)


def test_shifted_alignment_tries_only_the_places_that_can_fit(monkeypatch: pytest.MonkeyPatch) -> None:
    """A literal reading one character short or long is aligned by trying only the places that leave at
    most three differences (``_places``): the same alignment, counts and notes as trying every place."""
    rng = random.Random(5)
    model = ScoringModel()
    pairs = []
    for _ in range(1500):
        serial = rng.choice(["", "A", "KP", "0"]) + str(rng.randrange(10**7)).zfill(rng.randint(4, 8))
        reading = list(serial)
        for _ in range(rng.randint(1, 4)):
            j = rng.randrange(len(reading) + 1)
            op = rng.choice(["sub", "del", "ins", "swap"])
            if op == "sub" and j < len(reading):
                reading[j] = rng.choice("0123456789OSBZ")
            elif op == "del" and j < len(reading):
                del reading[j]
            elif op == "ins":
                reading.insert(j, rng.choice("0123456789O"))
            elif op == "swap" and j + 1 < len(reading):
                reading[j], reading[j + 1] = reading[j + 1], reading[j]
        if abs(len(reading) - len(serial)) == 1:
            pairs.append((tuple(reading), serial))
    pairs += [(tuple("12?456"), "1234567"), (tuple("A1234"), "A123")]
    fast = [channel._shifted(q, s, model.log_p()) for q, s in pairs]
    monkeypatch.setattr(channel, "_places", lambda q, s, dropped: None)
    every = [channel._shifted(q, s, model.log_p()) for q, s in pairs]
    assert fast == every
    assert sum(a is not None for a in fast) > 300 and sum(a is None for a in fast) > 10


def test_the_parent_works_a_chunk_beside_its_forked_workers() -> None:
    """With ``workers`` > 1 this process scores and words the first chunk itself and forks one worker
    fewer: the rows and the model are those of one process, and progress only goes forward to the end."""
    serials = [f"KA{i:06d}" for i in range(0, 40_000, 7)]
    m = Matcher.from_table(pa.table({"record_id": [str(i) for i in range(len(serials))], "serial": serials}))
    readings = [s if i % 4 else s[:-2] + s[-1] + s[-2] for i, s in enumerate(serials[:900])]
    rec = pa.table({"recovery_id": [str(i) for i in range(len(readings))], "serial": readings})
    one = cross_check(m, rec, limit=3, workers=1)
    seen: list[tuple[int, int]] = []
    three = cross_check(m, rec, limit=3, workers=3, progress=lambda done, total: seen.append((done, total)))
    assert one.rows == three.rows and one.model == three.model
    assert seen[-1] == (900, 900) and all(t == 900 for _, t in seen)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def _old_number_variants(tail: str, width: int) -> list[int]:
    """The former ``number_variants`` (strings only): the oracle of the arithmetic one."""
    out: set[str] = set()
    if len(tail) == width + 1:
        out = {tail[:i] + tail[i + 1 :] for i in range(len(tail))}
    elif len(tail) == width - 1:
        out = {tail[:i] + d + tail[i:] for i in range(len(tail) + 1) for d in "0123456789"}
    elif len(tail) == width:
        out = {tail[:i] + d + tail[i + 1 :] for i in range(width) for d in "0123456789"}
        out |= {tail[:i] + tail[i + 1] + tail[i] + tail[i + 2 :] for i in range(width - 1)}
    return sorted(int(v) for v in out if v.isdigit() and len(v) == width)


def test_number_variants_by_arithmetic_are_the_string_ones() -> None:
    """A tail of ASCII digits one longer, shorter or as long as the width gets its one-edit numbers by
    arithmetic (``digit_variants``): the same numbers, ascending, once each, as the strings gave; a tail
    with letters, other scripts' digits or too many digits for int64 still goes through the strings."""
    rng = random.Random(21)
    for _ in range(5000):
        width = rng.randint(1, 19)
        n = max(0, width + rng.choice([-2, -1, 0, 1, 1, 2]))
        alphabet = "0123456789" if rng.random() < 0.8 else "00١1a"
        tail = "".join(rng.choice(alphabet) for _ in range(n))
        assert list(number_variants(tail, width)) == _old_number_variants(tail, width)
    assert list(number_variants("0000", 4))[:3] == [0, 1, 2]  # leading zeros kept as numbers of the width


def test_range_stems_cover_every_serial_and_rule_out_only_the_far() -> None:
    """Ranges are cut into at most a few blocks for ``near``'s stems (a range across a decade, 0999990 to
    1000009, no longer has the empty stem every reading starts with): every serial of a range starts
    with one of its heads, ``near`` never rules out a reading one edit from a range serial, and the
    search of many equals the search of each."""
    rng = random.Random(22)
    for first, last in [("0999990", "1000009"), ("0045167", "0049092"), ("123", "123"), ("0", "9"), ("00", "99")]:
        heads = _heads(first, last)
        assert len(heads) <= 8 or heads == [""]
        for v in range(int(first), int(last) + 1):
            assert any(str(v).zfill(len(first)).startswith(h) for h in heads)
    assert _heads("0999990", "1000009") == ["099999", "100000"]
    for _ in range(40):
        spans, members = [], []
        for r in range(rng.randint(1, 8)):
            prefix, width = rng.choice(["W", "FN", "", "A0"]), rng.choice([5, 6, 7])
            lo = rng.randrange(10**width - 3000)
            hi = lo + rng.choice([0, 9, 250, 2999]) if rng.random() < 0.8 else 10**width - 1 - rng.randrange(50)
            spans.append((r, prefix, lo, hi, width))
            members += [skeleton(prefix + str(rng.randint(lo, hi)).zfill(width)) for _ in range(20)]
        index = RangeIndex(spans)
        near_one = [_misread(rng, rng.choice(members)) for _ in range(80)]
        exact_or_one = [r for r in near_one if any(_osa(r, s) <= 1 for s in members)]
        assert index.near(exact_or_one, 1).all()
        assert index.near(members, 0).all()
        readings = near_one + [skeleton(str(rng.randrange(10**7))) for _ in range(20)]
        edits = [rng.choice([0, 1, 1]) for _ in readings]
        for reading, k, hits in zip(readings, edits, index.search_many(readings, edits), strict=True):
            assert hits == index.search(reading, k)


def _osa(a: str, b: str) -> int:
    return int(OSA.distance(a, b))


def test_range_holds_as_arrays_is_holds_one_by_one() -> None:
    """``holds`` cuts a batch of ASCII skeletons as one array of codes; it answers as ``_holds_each``
    (the former code) on misreadings of every kind, and a batch with other characters (other scripts'
    digits, a NUL) is answered one by one."""
    rng = random.Random(23)
    for _ in range(40):
        index, serials = _ranges(rng)
        probe = [_misread(rng, rng.choice(serials)) for _ in range(150)]
        probe += [*serials, "", "W", "12", "9" * 25, "W00012A"]
        assert index.holds(probe).tolist() == index._holds_each(probe).tolist()
        assert index.holds(probe).any()
        odd = [*probe[:20], "W١٢٣٤", "W0001\x00"]
        assert index.holds(odd).tolist() == index._holds_each(odd).tolist()
    assert RangeIndex([]).holds(["W0001"]).tolist() == [False]


def test_em_compiled_sums_are_the_numpy_ones() -> None:
    """EM's per-row sums compiled (``kernels``, numba) and run as plain Python give the statistics of the
    NumPy E step to the last bit, on a batch of every fault kind with fields observed, missing and
    unknown; so does a whole estimate with the compiled loops forced on."""
    registry = generate_registry(3000, seed=31)
    m = Matcher(registry)
    batch, _ = make_recoveries(registry, 300, seed=32, mix={f: 1.0 for f in FAULTS})
    present = [f for f in ("manufacturer", "model", "calibre", "year") if f in batch.column_names]
    rng = random.Random(5)
    queries, observed = [], []
    for i, text in enumerate(batch.column("serial").to_pylist()):
        try:
            queries.append(m.parse(text))
        except QuerySyntaxError:
            continue
        names = rng.sample(present, rng.randint(0, len(present)))
        observed.append({f: batch.column(f)[i].as_py() if rng.random() < 0.8 else "NOTAMAKE" for f in names})
    scored = m.score_many(queries, observed)
    feats = em_features(scored)
    assert feats is not None and len(feats.fields) >= 2
    model = m.model
    for _ in range(3):
        want = _em_stats_numpy(feats, model, m.n_items)
        assert _em_stats_compiled(feats, model, m.n_items, kernels.compiled()) == want
        assert _em_stats_compiled(feats, model, m.n_items, kernels) == want
        model = m_step(want, model, m.model)
    values = np.array([1.0, np.nan, -np.inf, 3.0, 2.0, -1.0, -np.inf])
    owner = np.array([0, 1, 1, 0, 2, 2, 4])
    expect = np.full(5, -np.inf)
    with np.errstate(invalid="ignore"):
        np.maximum.at(expect, owner, values)
    assert kernels.compiled().group_max(values, owner, 5).tobytes() == expect.tobytes()
    plain = estimate_model(m, scored, m.model)
    saved = em._COMPILED_ROWS
    em._COMPILED_ROWS = 0
    try:
        assert estimate_model(m, scored, m.model) == plain
    finally:
        em._COMPILED_ROWS = saved


def test_output_rows_of_a_batch_are_the_candidates_rows() -> None:
    """``output_rows_many`` (OUT.csv's rows without the candidates' records) gives each candidate's record
    id, rank, probability and one-line text as ``candidates_many``'s candidates do, on readings of every
    fault kind (ranges, wildcards, absent weapons) with observed fields, in batches and alone."""
    registry = generate_registry(3000, seed=41)
    m = Matcher(registry)
    batch, _ = make_recoveries(registry, 200, seed=42, mix={f: 1.0 for f in FAULTS})
    queries, observed = [], []
    for i, text in enumerate(batch.column("serial").to_pylist()):
        try:
            queries.append(m.parse(text))
        except QuerySyntaxError:
            continue
        observed.append({f: batch.column(f)[i].as_py() for f in ("manufacturer", "calibre") if f in batch.column_names})
    queries += [m.parse(t) for t in ("W1*", "*0?1")]
    observed += [{}, {}]
    scored = m.score_many(queries, observed)
    assert sum(len(c) for c in m.candidates_many(scored, m.model, 10)) > 100
    for part in (scored, scored[:3]):
        for limit, floor in ((10, 0.0), (3, 0.01)):
            want = [
                [(c.record_id, c.rank, c.probability, c.same_as, c.explanation_text()) for c in cands]
                for cands in m.candidates_many(part, m.model, limit, floor)
            ]
            assert m.output_rows_many(part, m.model, limit, floor) == want


def test_em_features_of_parts_joined_are_the_whole_batch() -> None:
    """Forked workers send their part's EM features, not their readings: the parts joined are the whole
    batch's features array by array (a part whose readings have no candidate, an empty part, fields
    observed in one part only), and the model estimated from them is the whole batch's."""
    registry = generate_registry(3000, seed=51)
    m = Matcher(registry)
    batch, _ = make_recoveries(registry, 200, seed=52, mix={f: 1.0 for f in FAULTS})
    queries = []
    for text in batch.column("serial").to_pylist():
        try:
            queries.append(m.parse(text))
        except QuerySyntaxError:
            continue
    far = [m.parse(t) for t in ("QQQQQQQQQQQQ", "ZZZZYYYYXXXX")]  # no candidate at all
    observed = [
        {"manufacturer": "Colt"} if i < 60 else {"calibre": "9x19"} if i < 120 else {} for i in range(len(queries))
    ]
    scored = m.score_many(queries, observed)
    none = m.score_many(far, [{"year": "1990"}, {}])
    assert not any(len(s.rows) for s in none)
    whole = [*scored[:50], *none, *scored[50:]]
    want = em_features(whole)
    assert want is not None
    cuts = [whole[:50], whole[50:52], [], whole[52:140], whole[140:]]
    got = EmFeatures.join([_part_features(c) for c in cuts])
    assert got is not None and got.fields == want.fields == ["calibre", "manufacturer", "year"]
    for name in ("sizes", "owner", "counts", "hard", "log_mult", "levels", "u", "background", "local0", "miss0"):
        a, b = getattr(got, name), getattr(want, name)
        assert a.dtype == b.dtype and a.tobytes() == b.tobytes(), name
    assert got.has_near.tolist() == want.has_near.tolist() and got.keep.tolist() == want.keep.tolist()
    assert got.n_rec == want.n_rec == len(whole)
    assert EmFeatures.join([_part_features(none), _part_features([])]) is None
    assert _estimate(got, m.model, m.n_items) == estimate_model(m, whole, m.model)


def test_a_forked_worker_s_error_is_raised_in_the_parent(monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker that fails sends its error back: the batch fails with it instead of waiting."""
    serials = [f"KA{i:06d}" for i in range(0, 20_000, 7)]
    m = Matcher.from_table(pa.table({"record_id": [str(i) for i in range(len(serials))], "serial": serials}))
    rec = pa.table({"recovery_id": [str(i) for i in range(600)], "serial": serials[:600]})
    real = xref._score_chunk

    def failing(lo: int, hi: int, progress: Any) -> Any:
        if lo > 0:
            raise RuntimeError("worker broke")
        return real(lo, hi, progress)

    monkeypatch.setattr(xref, "_score_chunk", failing)
    with pytest.raises(RuntimeError, match="worker broke"):
        cross_check(m, rec, limit=3, workers=2)


@pytest.mark.parametrize("how", ["killed", "unpicklable"])
def test_a_forked_worker_that_dies_or_cannot_say_why_ends_the_batch_with_one_clear_error(
    monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    serials = [f"KA{i:06d}" for i in range(0, 20_000, 7)]
    m = Matcher.from_table(pa.table({"record_id": [str(i) for i in range(len(serials))], "serial": serials}))
    rec = pa.table({"recovery_id": [str(i) for i in range(600)], "serial": serials[:600]})
    real = xref._score_chunk

    class Unpicklable(Exception):
        def __init__(self, text: str, hook: Any) -> None:
            super().__init__(text)
            self.hook = hook

    def failing(lo: int, hi: int, progress: Any) -> Any:
        if lo > 0:
            if how == "killed":
                os.kill(os.getpid(), signal.SIGKILL)
            raise Unpicklable("odd failure", lambda: None)
        return real(lo, hi, progress)

    monkeypatch.setattr(xref, "_score_chunk", failing)
    expected = (ArmstraceError, "ended without an answer") if how == "killed" else (RuntimeError, "odd failure")
    with pytest.raises(expected[0], match=expected[1]):
        cross_check(m, rec, limit=3, workers=2)
