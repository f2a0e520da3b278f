"""The serial index, the matcher's search and its probabilities."""

from __future__ import annotations

import random

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein

from armstrace.exceptions import ImportFileError, QuerySyntaxError
from armstrace.linkage import Candidate, Matcher
from armstrace.linkage.index import SerialIndex, allowed_edits
from armstrace.linkage.keys import normalise_column, skeleton_column
from armstrace.serials import skeleton


def _registry() -> pa.Table:
    serials = [f"W10043{i:02d}" for i in range(100)] + ["369257", "AB12345", "ДТ7555", "10015917", "10005917"]
    n = len(serials)
    table = {
        "record_id": [f"R{i}" for i in range(n)] + ["RANGE"],
        "serial": [*serials, "C1000000"],
        "serial_end": [None] * n + ["C1000999"],
        "manufacturer": ["Colt"] * 100 + ["Ruger", "FN", "Izhmash", "Norinco", "Norinco", "Colt"],
        "calibre": ["5.56x45mm"] * 100 + [None] * 5 + ["5.56x45mm"],
    }
    return pa.table({k: pa.array(v, type=pa.string()) for k, v in table.items()})


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher.from_table(_registry())


def _top(m: Matcher, query: str, **kw: str) -> Candidate:
    found = m.search(query, **kw)
    assert found, f"nothing found for {query}"
    return found[0]


def _misread(rng: random.Random, serial: str, edits: int, ops: str = "sdit") -> str:
    """``serial`` with ``edits`` random substitutions, deletions, insertions or transpositions."""
    q = list(serial)
    for _ in range(edits):
        i = rng.randrange(len(q))
        op = rng.choice(ops)
        if op == "s":
            q[i] = rng.choice("0123456789ABC")
        elif op == "d" and len(q) > 1:
            del q[i]
        elif op == "t" and i + 1 < len(q):
            q[i], q[i + 1] = q[i + 1], q[i]
        else:
            q.insert(i, rng.choice("0123"))
    return "".join(q)


@pytest.mark.parametrize(
    ("query", "record", "matched"),
    [
        ("W1004340", "R40", "W1004340"),  # exact
        ("w1OO4340", "R40", "W1004340"),  # confusable letters, lower case
        ("W1ОО4З40", "R40", "W1004340"),  # Cyrillic lookalikes
        ("W100-43 40", "R40", "W1004340"),  # separators
        ("ДТ7555", "R102", "ДТ7555"),
        ("L00I5917", "R103", "10015917"),  # confusable classes beat a plain substitution
        ("C1000543", "RANGE", "C1000543"),  # inside a range record
        ("C1OOO543", "RANGE", "C1000543"),
        ("*1000543", "RANGE", "C1000543"),  # unknown prefix
        ("AB1234S", "R101", "AB12345"),
    ],
)
def test_search_finds_the_record(matcher: Matcher, query: str, record: str, matched: str) -> None:
    top = _top(matcher, query)
    assert (top.record_id, top.matched_serial) == (record, matched)
    assert top.rank == 1
    others = matcher.search(query, limit=3)[1:]
    assert all(top.probability > 2 * c.probability for c in others)


def test_wildcards_and_sets(matcher: Matcher) -> None:
    found = {c.record_id for c in matcher.search("W10043?[05]", limit=50)}
    assert found == {"R0", "R5"} | {f"R{i}" for i in range(0, 100) if str(i).zfill(2)[-1] in "05"} - {"R0"} | {"R0"}
    assert {c.record_id for c in matcher.search("W10?43[0O]*", limit=50)} == {
        "R0",
        "R1",
        "R2",
        "R3",
        "R4",
        "R5",
        "R6",
        "R7",
        "R8",
        "R9",
    }


def test_dense_serials_share_the_probability(matcher: Matcher) -> None:
    # a digit was not read: any of ten real weapons of one consignment (W1004340 … W1004349) fits
    found = matcher.search("W100434", limit=20)
    assert len(found) >= 5
    assert found[0].probability < 0.5
    assert sum(c.probability for c in found) <= 1.0 + 1e-9
    assert any(e.name == "alternatives" and "other registry records" in e.text for e in found[0].explanation)


def test_probabilities_sum_to_at_most_one_and_rank_in_order(matcher: Matcher) -> None:
    for query in ("W1004340", "W10043*", "C1000?43", "369J257", "ZZ99"):
        found = matcher.search(query, limit=200)
        probs = [c.probability for c in found]
        assert sum(probs) <= 1.0 + 1e-9
        assert probs == sorted(probs, reverse=True)
        assert [c.rank for c in found] == list(range(1, len(found) + 1))


def test_descriptive_evidence_ranks_but_never_filters(matcher: Matcher) -> None:
    plain = matcher.search("10015917")
    wrong_make = matcher.search("10015917", manufacturer="Colt")
    assert wrong_make[0].record_id == plain[0].record_id == "R103"
    assert wrong_make[0].probability < plain[0].probability
    ev = {e.name: e for e in wrong_make[0].explanation}
    assert ev["manufacturer"].weight < 0 and ev["serial"].weight > 0


def test_explanation_fields(matcher: Matcher) -> None:
    top = _top(matcher, "W1OO4340", manufacturer="COLT'S MFG CO")
    names = [e.name for e in top.explanation]
    assert names[:2] == ["prior", "serial"] and "manufacturer" in names and names[-1] == "alternatives"
    serial = top.explanation[1]
    assert serial.observed == "W1OO4340" and serial.expected == "W1004340" and "near-identical shapes" in serial.text
    text = top.explanation_text()
    assert "LR" in text and "\n" not in text
    assert top.as_dict()["explanation"][1]["name"] == "serial"


def test_short_serials_prove_little() -> None:
    rng = random.Random(1)
    serials = [f"W1{rng.randrange(10**6):06d}" for _ in range(2000)] + ["12"]
    m = Matcher.from_table(pa.table({"record_id": [str(i) for i in range(len(serials))], "serial": serials}))
    assert m.search("12")[0].explanation[1].weight < m.search(serials[5])[0].explanation[1].weight


def _dense(n: int = 2000, **extra: list[str | None]) -> Matcher:
    serials = [f"W10{i:05d}" for i in range(n)]
    table = {"record_id": [f"R{i}" for i in range(n)], "serial": serials, **extra}
    return Matcher.from_table(pa.table({k: pa.array(v, type=pa.string()) for k, v in table.items()}))


def test_one_digit_neighbour_in_a_dense_series_is_weak_evidence() -> None:
    """A reading just past a dense consignment is most likely an unrecorded weapon of it."""
    m = _dense()
    absent = m.search("W1002007")  # one digit from W1000007 … but the series simply continues
    assert not absent or absent[0].probability < 0.5
    exact = m.search("W1000340")
    assert exact[0].matched_serial == "W1000340" and exact[0].probability > 0.8
    confusable = m.search("W1OOO34O")
    assert confusable[0].matched_serial == "W1000340" and confusable[0].probability > 0.7


def test_duplicate_records_of_one_weapon_share_its_probability() -> None:
    serials = ["W1004340", "W1004340", "AB12345"]
    m = Matcher.from_table(
        pa.table({"record_id": ["a", "b", "c"], "serial": serials, "manufacturer": ["Colt", "Colt", "FN"]})
    )
    found = m.search("W1004340")
    assert {c.record_id for c in found[:2]} == {"a", "b"}
    assert found[0].probability == pytest.approx(found[1].probability) and found[0].probability > 0.9
    assert "recorded 2 times" in found[0].explanation_text()


def test_exact_reading_beats_a_neighbour_with_more_recorded_fields() -> None:
    """The БР231 bug: a blank year must not let a one-digit neighbour with a matching year win."""
    n = 60
    serials = [f"БР{200 + i}" for i in range(n)]
    years = [None if i % 2 else "1975" for i in range(n)]
    table = pa.table({"record_id": [str(i) for i in range(n)], "serial": serials, "year": years})
    m = Matcher.from_table(table)
    top = m.search("БР231", year="1975", manufacturer="Kovrov")[0]
    assert top.matched_serial.endswith("231") and top.record_id == "31"


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=0, max_value=10_000))
def test_index_finds_every_record_within_two_osa_edits(seed: int) -> None:
    """Against brute force, transpositions included (optimal string alignment distance)."""
    from rapidfuzz.distance import OSA

    rng = random.Random(seed)
    serials = [f"W1{rng.randrange(10**4):04d}" for _ in range(300)]
    serials += ["".join(rng.choice("ABC0123") for _ in range(rng.randint(4, 9))) for _ in range(200)]
    skel = skeleton_column(normalise_column(pa.array(serials)))
    index = SerialIndex(skel, np.arange(len(serials)))
    keys = skel.to_pylist()
    for _ in range(10):
        q = skeleton(_misread(rng, rng.choice(serials), rng.randint(0, 2)))
        k = allowed_edits(len(q), 2)
        rows, _ = index.fuzzy(q, 2)
        expected = {i for i, s in enumerate(keys) if OSA.distance(q, s) <= k}
        assert expected <= set(rows.tolist())


def test_vectorised_classification_agrees_with_the_alignment() -> None:
    from armstrace.linkage.channel import OPS, align, classify
    from armstrace.linkage.keys import char_codes
    from armstrace.linkage.scoring import ScoringModel

    model = ScoringModel()
    reading = "W1OO4340"
    cands = ["W1004340", "W1004304", "W1004341", "W100434", "W10043400", "W1003340"]
    width = 12
    grid = np.array([char_codes(c).ljust(width, b"\0") for c in cands], dtype=f"S{width}")
    counts, _hard = classify(
        [char_codes(c)[0] for c in reading],
        grid.view(np.uint8).reshape(len(cands), width),
        np.array([len(c) for c in cands]),
        model.op_cost(),
        0.7,
    )
    for i, c in enumerate(cands):
        a = align(tuple(reading), c, model.log_p())
        assert sum(a.counts[1:]) == counts[i, 1:].sum(), (c, a, counts[i])
    assert counts[1, OPS.index("transpose")] == 1


def test_absent_reading_of_a_sparse_registry_is_not_a_match(matcher: Matcher) -> None:
    assert matcher.search("QX77") == [] or matcher.search("QX77")[0].probability < 0.5


def test_embedded_letter_option() -> None:
    table = pa.table({"record_id": ["a", "b"], "serial": ["369257", "12345"]})
    m = Matcher.from_table(table, ignore_embedded_letters=True)
    top = m.search("369J257")[0]
    assert top.record_id == "a" and top.matched_serial == "369257"
    assert top.explanation[1].text.count("differs") == 0


def test_bad_query_and_bad_registry() -> None:
    m = Matcher.from_table(pa.table({"record_id": ["a"], "serial": ["X1"]}))
    with pytest.raises(QuerySyntaxError):
        m.search("W1[")
    with pytest.raises(ImportFileError, match="serial"):
        Matcher.from_table(pa.table({"record_id": ["a"], "number": ["X1"]}))


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=0, max_value=10_000), st.integers(min_value=0, max_value=2))
def test_index_finds_every_record_within_two_edits(seed: int, edits: int) -> None:
    """Against brute force: every record within the allowed Levenshtein distance is a candidate."""
    rng = random.Random(seed)
    serials = [f"W1{rng.randrange(10**5):05d}" for _ in range(300)]
    serials += ["".join(rng.choice("ABC0123") for _ in range(rng.randint(4, 9))) for _ in range(200)]
    skel = skeleton_column(normalise_column(pa.array(serials)))
    index = SerialIndex(skel, np.arange(len(serials)))
    q = skeleton(_misread(rng, rng.choice(serials), edits, "sdi"))
    k = allowed_edits(len(q), 2)
    rows, _ = index.fuzzy(q, 2)
    expected = {i for i, s in enumerate(skel.to_pylist()) if Levenshtein.distance(q, s) <= k}
    assert expected <= set(rows.tolist())


@settings(max_examples=15, deadline=None)
@given(st.integers(min_value=0, max_value=10_000))
def test_batched_lookup_finds_exactly_the_records_within_the_allowed_edits(seed: int) -> None:
    """Many readings of several lengths in one call, dense consecutive serials included: against brute force."""
    from rapidfuzz.distance import OSA

    rng = random.Random(seed)
    serials = [f"W1{rng.randrange(2000, 2400):04d}" for _ in range(300)]
    serials += ["".join(rng.choice("ABC0123") for _ in range(rng.randint(3, 11))) for _ in range(300)]
    skel = skeleton_column(normalise_column(pa.array(serials)))
    index = SerialIndex(skel, np.arange(len(serials)))
    keys = skel.to_pylist()
    readings = [skeleton(_misread(rng, rng.choice(serials), rng.randint(0, 2))) for _ in range(30)]
    edits = [rng.choice((0, 1, 2)) for _ in readings]
    owner, rows, dist = index.fuzzy_many(readings, edits)
    for j, (q, k) in enumerate(zip(readings, edits, strict=True)):
        allowed = allowed_edits(len(q), k)
        expected = {i for i, s in enumerate(keys) if OSA.distance(q, s) <= allowed}
        assert set(rows[owner == j].tolist()) == expected
        assert all(OSA.distance(q, keys[r]) == d for r, d in zip(rows[owner == j], dist[owner == j], strict=True))


def test_ranges_overlapping_an_interval_against_brute_force() -> None:
    from armstrace.linkage.ranges import RangeIndex

    rng = random.Random(5)
    for _ in range(50):
        spans = []
        for r in range(rng.randint(1, 30)):
            a = rng.randrange(1000)
            spans.append((r, "W", a, a + rng.randrange(200), 4))
        group = RangeIndex(spans).groups[("W", 4)]
        lo = np.array([rng.randrange(1200) for _ in range(40)])
        hi = lo + np.array([rng.randrange(100) for _ in range(40)])
        which, js = group.overlapping_many(lo, hi)
        got = set(zip(which.tolist(), js.tolist(), strict=True))
        pairs = zip(group.starts.tolist(), group.ends.tolist(), strict=True)
        shared = [(j, a, b) for j, (a, b) in enumerate(pairs)]
        assert got == {(i, j) for i in range(40) for j, a, b in shared if a <= hi[i] and b >= lo[i]}


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet="W0123456789AB", min_size=4, max_size=9),
    st.lists(st.tuples(st.sampled_from("sdi?"), st.integers(0, 20), st.sampled_from("0123456789OB")), max_size=1),
)
def test_fast_alignment_is_as_likely_as_the_full_one(serial: str, edits: list[tuple[str, int, str]]) -> None:
    """Position-by-position alignment (one character dropped or added at most) never does worse than
    the weighted edit alignment for readings with one error, and gives the same operations' likelihood."""
    from armstrace.linkage import channel
    from armstrace.linkage.scoring import ScoringModel
    from armstrace.serials import parse_query

    q = list(serial)
    for op, at, ch in edits:
        i = at % len(q)
        if op == "s":
            q[i] = ch
        elif op == "d" and len(q) > 1:
            del q[i]
        elif op == "i":
            q.insert(i, ch)
        else:
            q[i] = "?"
    elements = parse_query("".join(q)).elements
    log_p = ScoringModel().log_p()
    fast = channel.align(elements, serial, log_p)
    saved = channel._positional, channel._shifted
    channel._positional, channel._shifted = (lambda *a, **k: None), (lambda *a: None)  # type: ignore[assignment]
    try:
        full = channel.align(elements, serial, log_p)
    finally:
        channel._positional, channel._shifted = saved
    assert fast.log_likelihood(log_p, 0.0) == pytest.approx(full.log_likelihood(log_p, 0.0))


def test_density_counts_the_registry_numbers_in_each_window() -> None:
    """Against a direct count: single serials and range records, windows 10, 300, 10,000 and the series."""
    serials = [f"W{i:06d}" for i in range(102000, 102600)] + ["W103000", "W104000"]
    ends = [None] * 600 + ["W103099", "W104050"]
    m = Matcher.from_table(pa.table({"record_id": [str(i) for i in range(602)], "serial": serials, "serial_end": ends}))
    numbers = [*range(102000, 102600), *range(103000, 103100), *range(104000, 104051)]
    probe = {"W102299": 102299, "W102650": 102650, "W100001": 100001, "W103050": 103050, "W199999": 199999}

    def direct(n: int) -> float:
        windows = [(max(0, n - w), min(999999, n + w)) for w in (10, 300, 10_000)] + [(0, 999999)]
        return sum(sum(lo <= x <= hi for x in numbers) / (hi - lo + 1) for lo, hi in windows) / 4 / m.n_items

    assert m.density.at(list(probe)) == pytest.approx([direct(n) for n in probe.values()])
    assert m.density.at(["XX", "ZZ1"]).tolist() == [0.0, 0.0]


def test_unknown_letters_of_a_prefix_do_not_invent_absent_neighbours() -> None:
    """``??U468``: the registry has few series ending U + digits, so the unread letters point to its
    records, not to absent weapons of series that do not exist."""
    prefixes = ["VNU", "ABU", "XYU"]
    serials = [f"{p}{n:03d}" for p in prefixes for n in range(400, 520)]
    m = Matcher.from_table(pa.table({"record_id": serials, "serial": serials}))
    found = m.search("??U468", limit=10)
    assert {c.record_id for c in found} == {"VNU468", "ABU468", "XYU468"}
    assert sum(c.probability for c in found) > 0.5


def test_a_reading_with_one_star_is_scored_as_its_explanation_aligns_it() -> None:
    from armstrace.linkage.channel import align

    rng = random.Random(3)
    serials = [f"W1{rng.randrange(10**5):05d}" for _ in range(2000)]
    serials += ["".join(rng.choice("ABO0123SZ") for _ in range(rng.randint(4, 9))) for _ in range(1000)]
    m = Matcher.from_table(pa.table({"record_id": [str(i) for i in range(len(serials))], "serial": serials}))
    log_p = m.model.log_p()
    for _ in range(60):
        s = rng.choice(serials)
        i = rng.randrange(1, len(s))
        query = m.parse(("*" + s[i:]) if rng.random() < 0.5 else (s[:i] + "*"))
        scored = m.score(query)
        assert len(scored.rows)
        for j, row in enumerate(scored.rows.tolist()):
            a = align(query.elements, m.matched(row), log_p)
            assert tuple(a.counts) == tuple(scored.counts[j]) and a.hard == scored.hard[j]


def test_registered_serials_are_single_records_or_inside_ranges(matcher: Matcher) -> None:
    registered = ["W1004340", "W1004399", "C1000000", "C1000999", "1OO15917"]
    free = ["C1001000", "C0999999", "Q12"]
    assert matcher.absence.registered([skeleton(p) for p in registered + free]).tolist() == [True] * 5 + [False] * 3


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=0, max_value=10_000))
def test_range_records_within_one_edit_against_brute_force(seed: int) -> None:
    """Every range holding a serial one edit (OSA) from the reading is found, and no other."""
    from rapidfuzz.distance import OSA

    from armstrace.linkage.ranges import RangeIndex

    rng = random.Random(seed)
    spans, serials = [], {}
    for r in range(rng.randint(1, 8)):
        prefix, width = rng.choice(["W", "FN", "LC", "A"]), rng.choice([4, 5])
        lo = rng.randrange(10**width - 60)
        hi = lo + rng.randrange(50)
        spans.append((r, prefix, lo, hi, width))
        serials[r] = [prefix + str(x).zfill(width) for x in range(lo, hi + 1)]
    index = RangeIndex(spans)
    for _ in range(10):
        q = list(rng.choice(serials[rng.choice(list(serials))]))
        op, i = rng.choice("sdit"), rng.randrange(len(q))
        if op == "s":
            q[i] = rng.choice("0123456789WFNLCA")
        elif op == "d":
            del q[i]
        elif op == "t" and i + 1 < len(q):
            q[i], q[i + 1] = q[i + 1], q[i]
        else:
            q.insert(i, rng.choice("0123456789"))
        reading = skeleton("".join(q))
        expected = {r for r, ss in serials.items() if any(OSA.distance(reading, skeleton(s)) <= 1 for s in ss)}
        assert {h.row for h in index.search(reading, 1)} == expected
