"""The registry in shards (``linkage.shards``, what the Spark engine runs on each shard), in process.

Cut a registry into shards, let every shard answer a batch of readings, put the answers together as a
sub-registry with the whole-registry terms: the readings must get the candidates, probabilities and
explanations a matcher over the whole registry gives, while each shard holds only its own series.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from armstrace.linkage import shards as shards_module
from armstrace.linkage import spark_tasks
from armstrace.linkage.matcher import Matcher
from armstrace.linkage.routes import Routes, reading_shards
from armstrace.linkage.scoring import ScoringModel
from armstrace.linkage.shards import (
    RANGE_SHARD,
    Lookups,
    ShardStats,
    discover,
    requests,
    route,
    serial_shard,
    shard_of,
    shard_stats,
    sub_registry,
    whole_registry,
)
from armstrace.linkage.tables import read_table
from armstrace.synth import generate

#: range records and readings that fall in them, on top of the generated scenario
RANGES = [
    ("RNG-1", "R5000000", "R5000999", "COLT"),
    ("RNG-2", "R5002000", "R5002499", "FN"),
    ("RNG-3", "K1-100", "K1-150", ""),
]
#: a long series (Q0000000-Q0999..., every 997th number): cut into blocks of BLOCK numbers over the shards
LONG = [f"Q{n:07d}" for n in range(0, 1_000_000, 997)]
READINGS = [
    "Q0099700",
    "Q01OO705",
    "Q0199?09",
    "Q0300110",
    "Q0O00997",
    "Q05983O2",
    "R5000123",
    "R50O0124",
    "R5000?25",
    "R5001999",
    "R50022OO",
    "K1-12O",
    "R5*99",
    "W1004140",
    "ZZZ999",
]


def scenario(tmp: Path) -> tuple[Path, Path, list[str]]:
    """A generated registry (dense consignments) with range records added, and recoveries: the
    generated faulty readings plus some that hit the ranges (files, and the serials)."""
    paths = generate(tmp / "s", items=2000, seed=3).paths
    reg, rec = Path(paths["registry"]), Path(paths["recoveries"])
    for path, extra in (
        (
            reg,
            [{"record_id": r, "serial": a, "serial_end": b, "manufacturer": m} for r, a, b, m in RANGES]
            + [{"record_id": f"LONG-{i}", "serial": q, "manufacturer": "FN"} for i, q in enumerate(LONG)],
        ),
        (rec, [{"recovery_id": f"X-{i}", "serial": s} for i, s in enumerate(READINGS)]),
    ):
        with path.open(newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        fields = list(rows[0])
        rows += [{**{f: "" for f in fields}, **row} for row in extra]
        with path.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=fields)
            writer.writeheader()
            writer.writerows(rows)
    serials = read_table(rec, ("recovery_id", "serial")).column("serial").to_pylist()
    return reg, rec, [s for s in serials if s]


def sharded(table: pa.Table, serials: list[str], shards: int) -> tuple[Matcher, ShardStats, list[int], Lookups]:
    """What the Spark engine does, in process: the sub-registry matcher of a batch of readings."""
    shard, ranged, other = route(table, shards, False)
    rows = np.arange(table.num_rows)
    stats = ShardStats()
    parts = []
    for s in range(shards):
        keep = (shard == s) | ranged | (other == s)
        m = Matcher(table.filter(pa.array(keep)))
        stats = stats.add(shard_stats(m, (shard == s)[keep]))
        parts.append((m, rows[keep]))
    keys, vague = requests(serials, False, sorted(stats.alphabet), shards, stats.background_model())
    lookups = Lookups()
    tables = []
    for s, (m, g) in enumerate(parts):
        found, answers = discover(m, g, serials, keys[s], vague, s, shards, stats)
        assert all(serial_shard(k, shards) == s for k in answers)  # a shard answers for its series only
        tables.append(found)
        lookups.answers.update(answers)
    sub = whole_registry(Matcher(sub_registry(tables, table.schema)), stats, lookups)
    return sub, stats, [len(m) for m, _ in parts], lookups


@pytest.mark.parametrize("shards", [1, 4])
def test_shards_give_the_whole_registrys_answers(tmp_path: Path, shards: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shards_module, "BLOCK", 100_000)  # the long series in ten blocks
    reg, _, serials = scenario(tmp_path)
    table = read_table(reg, ("record_id", "serial"))
    whole = Matcher(table)
    sub, stats, loaded, lookups = sharded(table, serials, shards)

    # the whole-registry terms, added up from the shards
    assert stats.records == table.num_rows and stats.items == whole.n_items
    bg = stats.background_model()
    assert bg.total == whole.background.total and set(bg.by_length) == set(whole.background.by_length)
    for length, counts in whole.background.by_length.items():
        assert np.array_equal(bg.by_length[length], counts)
    for f, codes in whole.fields.items():
        assert sub.fields[f].values == codes.values and np.array_equal(sub.fields[f].counts, codes.counts)
    # every shard holds only its series (and the copies of the range records)
    _, ranged, other = route(table, shards, False)
    assert ranged.sum() >= len(RANGES)
    if shards > 1:
        # near a block's edge: copied to the neighbouring block's shard (the long series has such records)
        assert 0 < (other >= 0).sum() < len(LONG) // 3 and (other >= 0).sum() < table.num_rows // 10
        assert sum(loaded) == table.num_rows + (shards - 1) * int(ranged.sum()) + int((other >= 0).sum())
        assert max(loaded) < table.num_rows
        assert len({serial_shard(q, shards) for q in LONG}) == shards  # the long series is spread
    assert len(sub) < table.num_rows  # the sub-registry holds the candidates only

    queries = [whole.parse(s) for s in serials]
    model = ScoringModel()
    mine = sub.score_many([sub.parse(s) for s in serials], [{}] * len(serials))
    theirs = whole.score_many(queries, [{}] * len(serials))
    assert lookups.misses == 0
    same = 0
    for a, b in zip(theirs, mine, strict=True):
        ca = whole.candidates(a, model, 10)
        cb = sub.candidates(b, model, 10)
        assert [c.record_id for c in ca] == [c.record_id for c in cb]
        assert [c.probability for c in ca] == pytest.approx([c.probability for c in cb], abs=1e-12)
        assert [c.explanation_text() for c in ca] == [c.explanation_text() for c in cb]
        same += bool(ca)
    assert same > len(serials) // 2  # most readings have candidates: the comparison means something
    hits = {c.record_id for s in mine for c in sub.candidates(s, model, 3)}
    assert {"RNG-1", "RNG-2", "RNG-3"} <= hits  # the range records were found through their copies


@pytest.mark.parametrize("shards", [4, 8])
def test_a_reading_asks_only_the_shards_that_can_answer(
    tmp_path: Path, shards: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each reading is sent only to the shards holding a series block within its edits (and a shard
    returns only the records it owns): fewer shards are asked, and the rows are the whole registry's."""
    monkeypatch.setattr(shards_module, "BLOCK", 100_000)  # the long series in ten blocks
    reg, _, serials = scenario(tmp_path)
    table = read_table(reg, ("record_id", "serial"))
    whole = Matcher(table)
    shard, ranged, other = route(table, shards, False)
    rows = np.arange(table.num_rows)
    stats = ShardStats()
    parts = []
    for s in range(shards):
        keep = (shard == s) | ranged | (other == s)
        m = Matcher(table.filter(pa.array(keep)))
        owned = (shard == s)[keep]
        stats = stats.add(shard_stats(m, owned))
        parts.append((m, rows[keep], owned))
    keys, vague = requests(serials, False, sorted(stats.alphabet), shards, stats.background_model())
    asked = reading_shards(serials, False, Routes(stats.blocks, shards, stats.ranges > 0), vague)
    lookups = Lookups()
    tables = []
    for s, (m, g, owned) in enumerate(parts):
        mine = [t if s in asked[i] else None for i, t in enumerate(serials)]
        found, answers = discover(m, g, mine, keys[s], [i for i in vague if s in asked[i]], s, shards, stats, owned)
        tables.append(found)
        lookups.answers.update(answers)
    visits = sum(len(a) for a in asked)
    assert visits < len(serials) * shards  # fewer (reading, shard) pairs than every shard asked
    assert sum(len(a) < shards for a in asked) >= len(serials) // 5  # 28 of 114 readings at 4 shards
    assert all(RANGE_SHARD in a for a in asked)  # the registry has range records: their owner is asked
    # the candidates the owners returned, once each: every candidate row is returned by one shard only
    returned = np.concatenate([t.column("__row").to_numpy() for t in tables])
    assert len(returned) == len(np.unique(returned))
    sub = whole_registry(Matcher(sub_registry(tables, table.schema)), stats, lookups)
    model = ScoringModel()
    mine_scored = sub.score_many([sub.parse(s) for s in serials], [{}] * len(serials))
    theirs = whole.score_many([whole.parse(s) for s in serials], [{}] * len(serials))
    assert lookups.misses == 0
    for a, b in zip(theirs, mine_scored, strict=True):
        ca, cb = whole.candidates(a, model, 10), sub.candidates(b, model, 10)
        assert [c.record_id for c in ca] == [c.record_id for c in cb]
        assert [c.probability for c in ca] == pytest.approx([c.probability for c in cb], abs=1e-12)
        assert [c.explanation_text() for c in ca] == [c.explanation_text() for c in cb]
    # a reading far from every series asks no shard but the ranges' owner
    assert reading_shards(["QQQQQQQQQQQQ"], False, Routes(stats.blocks, shards, False)) == [set()]


def test_routes_keep_every_candidate_of_a_head_with_digits() -> None:
    """A series' head may hold digits ('86P' of 86P460): the bound per series reads them as digits too,
    so a reading one edit away (86460, Cyrillic ВБ460) still asks the shard holding it (a bug: it asked
    none); every candidate the whole registry gives lies in a shard the reading asks."""
    serials = ["86P460", "8A460", "86460", "W1004340", "W1904340", "AB12345", "AB12346", "BCF168", "BCF683", "X7"]
    table = pa.table({"record_id": [f"r{i}" for i in range(len(serials))], "serial": serials})
    whole = Matcher(table)
    for shards in (4, 8):
        shard, _, _ = route(table, shards, False)
        stats = shard_stats(whole, np.ones(len(serials), dtype=bool))
        routes = Routes(stats.blocks, shards, False)
        readings = ["ВБ460", "86460", "8P460", "W1004304", "W1O04340", "AB1234", "BCF68", "W10?4340", "QQQQQQQQQQQQ"]
        asked = reading_shards(readings, False, routes)
        owner, rows, _, _ = whole._retrieve([whole.parse(r) for r in readings])
        assert len(rows) > len(readings)
        for o, r in zip(owner.tolist(), rows.tolist(), strict=True):
            assert shard[r] in asked[o], (readings[o], serials[r])
        assert asked[-1] == set()


def test_a_series_has_one_shard() -> None:
    """Serials of one shape (a series: head, digit count, tail) go to one shard, whatever the number."""
    for shards in (2, 4, 8):
        assert len({shard_of(b"W100%04d" % n, shards) for n in range(500)}) == 1  # within one block
        assert serial_shard("W1004140", shards) == shard_of(b"W1004140", shards)
    assert len({shard_of(s, 8) for s in (b"W1004140", b"AB12345", b"X1-77", b"K2000", b"ZZ9")}) > 1


def test_shard_count_from_settings() -> None:
    """``xref --engine spark`` takes its shard count from ARMSTRACE_SPARK_SHARDS; a wrong one is named."""
    from armstrace.exceptions import InputError
    from armstrace.settings import load_settings

    assert load_settings({}).spark_shards == 4
    assert load_settings({"ARMSTRACE_SPARK_SHARDS": "16"}).spark_shards == 16
    with pytest.raises(InputError, match="ARMSTRACE_SPARK_SHARDS"):
        load_settings({"ARMSTRACE_SPARK_SHARDS": "0"})


def test_the_spark_first_pass_reads_the_registry_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pass 0 of the Spark engine: a CSV registry is parsed once, into row groups; one task per row group
    sends each record to its shard. Together the tasks send every record where routing the whole file
    would, with its row in the file, however many shards (before, every shard's task parsed the file)."""
    monkeypatch.setattr(shards_module, "BLOCK", 100_000)
    reg, _, _ = scenario(tmp_path)
    parsed = []

    def batches(path: str) -> Iterator[pa.Table]:  # the file in batches of 500 records, each parse counted
        parsed.append(path)
        for table in shards_module.registry_batches(path):
            for at in range(0, table.num_rows, 500):
                yield table.slice(at, 500)

    monkeypatch.setattr(spark_tasks, "registry_batches", batches)
    work = tmp_path / "work"
    work.mkdir()
    table = read_table(reg, ("record_id", "serial"))
    pieces = spark_tasks.pieces(str(reg), str(work))
    assert len(pieces) == -(-table.num_rows // 500) and [p[2] for p in pieces] == list(range(0, table.num_rows, 500))
    assert parsed == [str(reg)]  # the file was parsed once in all
    # a Parquet registry: its own row groups, never parsed into another file
    pq.write_table(table, tmp_path / "registry.parquet", row_group_size=700)
    own = spark_tasks.pieces(str(tmp_path / "registry.parquet"), str(work))
    assert [p[1:] for p in own] == [(g, at) for g, at in enumerate(range(0, table.num_rows, 700))]
    assert parsed == [str(reg)]
    for shards, given in ((4, pieces), (8, pieces), (8, own)):
        parts: list[list[pa.Table]] = [[] for _ in range(shards)]
        for piece in given:
            for s, data in spark_tasks.piece(piece, piece[0], shards, False):
                parts[s].append(spark_tasks.arrow_table(data))
        shard, ranged, other = route(table, shards, False)
        for s in range(shards):
            keep = (shard == s) | ranged | (other == s)
            got = pa.concat_tables(parts[s])
            assert got.column(shards_module.ROW).to_pylist() == np.flatnonzero(keep).tolist()
            assert got.column(spark_tasks.OWN).to_pylist() == (shard == s)[keep].tolist()
            for name in ("record_id", "serial", "serial_end"):
                assert got.column(name).to_pylist() == table.filter(pa.array(keep)).column(name).to_pylist()
