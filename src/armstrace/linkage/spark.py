"""The batch cross-check on Apache Spark (``armstrace xref --engine spark``), the registry in shards.

The passes, all on the executors; the driver sees only small statistics:

0. shard: one task per row group of the registry (a CSV registry parsed once, by one task, into row
   groups) sends each record to the shard of its series block (``shards``); the file is read once in
   all, whatever the shards; each shard writes its records, builds its matcher (its index only) and returns its
   part of the whole-registry statistics, added up on the driver and broadcast;
1. ask: each reading goes for candidates only to the shards holding a series block within its edits
   (``routes.Routes``), and its absent-weapon lookups to the shard holding each one's series block; a
   shard returns the candidates it owns; the answers meet the readings (keyed by partition);
2. score: the partition's candidates from all shards make a sub-registry; a matcher over it, with the
   whole-registry terms put back, scores the readings under the prior with the local engine's code; the
   features are kept (persisted, memory and disk);
3. estimate: EM on the WHOLE batch, distributed: each iteration broadcasts the model, every partition
   returns the E step's sums (``em.em_stats``), the driver adds them up and runs the M step
   (``em.m_step``): the model the local engine estimates;
4. write: every partition turns its scored readings into rows with that model, and the executors write
   them (Parquet, or CSV parts the driver joins into OUT.csv by streaming the files, never holding rows).

The scoring code is the local engine's and its inputs are the whole registry's, so the rows are the
local engine's (docs/spark.md).
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from armstrace import exceptions
from armstrace.exceptions import ImportFileError, InputError
from armstrace.settings import DEFAULT_MAX_RANGE_ITEMS

from . import spark_tasks as tasks
from .em import _MIN_BATCH, add_stats, em_stats, m_step
from .input_checks import refuse_bad_rows
from .matcher import REGISTRY_REQUIRED
from .out_rows import OUT_SCHEMA
from .routes import Routes
from .scoring import ScoringModel
from .shards import (
    ShardStats,
    registry_batches,
)
from .tables import as_string_table, first_line, read_table
from .xref import _SCORE_BATCH, OUT_COLUMNS, RECOVERY_REQUIRED, model_path

__all__ = ["EM_ITERATIONS", "worker_error", "xref_spark"]

# "armstrace.exceptions.ImportFileError: cannot read ..." as a Python worker's traceback ends in Spark's error
_WORKER_ERROR = re.compile(r"armstrace\.exceptions\.(\w+): ([^\n]+)")

EM_ITERATIONS = 10  # as ``xref.estimate_model``


def _session(master: str, executor_memory: str | None, driver_memory: str | None = None) -> Any:
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = (
        SparkSession.builder.master(master)
        .appName("armstrace-xref")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "2")
        # ties between candidates follow set order: workers share one hash seed (the driver's, or 0)
        .config("spark.executorEnv.PYTHONHASHSEED", os.environ.get("PYTHONHASHSEED", "0"))
    )
    if executor_memory:
        builder = builder.config("spark.executor.memory", executor_memory)
    if driver_memory:  # read when the driver's JVM starts: it holds the EM sums and the shards' statistics
        builder = builder.config("spark.driver.memory", driver_memory)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def _read(spark: Any, path: Path) -> Any:
    """Recoveries as a Spark DataFrame; CSV columns as strings (names and nulls canonicalised later)."""
    if path.suffix.lower() in (".parquet", ".pq"):
        return spark.read.parquet(str(path))  # native types: as_string_table casts them as locally
    with path.open("rb") as fh:
        head = fh.read(65536)  # the separator and encoding from the start, never the whole file
    first = head.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0]
    sep = ";" if first.count(b";") > first.count(b",") else "\t" if first.count(b"\t") > first.count(b",") else ","
    try:
        head.decode("utf-8")
        encoding = "UTF-8"
    except UnicodeDecodeError as exc:
        encoding = "windows-1252" if exc.start < len(head) - 4 or len(head) < 65536 else "UTF-8"
    return spark.read.csv(
        str(path),
        header=True,
        inferSchema=False,
        sep=sep,
        encoding=encoding,
        quote='"',
        escape='"',
        multiLine=True,
        mode="FAILFAST",
    )


def xref_spark(
    registry_path: str | Path,
    recoveries_path: str | Path,
    out_path: str | Path,
    *,
    limit: int = 5,
    min_probability: float = 0.0,
    master: str = "local[2]",
    executor_memory: str | None = None,
    driver_memory: str | None = None,
    partitions: int | None = None,
    shards: int = 4,
    estimate: bool = True,
    model: ScoringModel | None = None,
    ignore_embedded_letters: bool = False,
    max_range_items: int | None = DEFAULT_MAX_RANGE_ITEMS,
) -> dict[str, Any]:
    """Cross-check a recoveries file against a registry file on Spark; write OUT, return the summary.

    The registry is cut into ``shards`` by series (``shards``); OUT ending in ``.csv`` is one CSV file as
    the local engine writes it (its parts are written by the executors, then joined); any other OUT is a
    Parquet directory written by the executors. ``model`` fixes the scoring model; otherwise EM estimates
    it on the whole batch (the prior with ``estimate=False``). ``partitions`` splits the recoveries so
    (default: as Spark reads the file). The shard files go to OUT's directory (``OUT.shards``, removed
    at the end): on a cluster, a directory every executor reads and writes.
    """
    if limit < 1:
        raise InputError(f"--limit must be at least 1 (got {limit})")
    if not 0.0 <= min_probability <= 1.0:
        raise InputError(f"--min-probability must be between 0 and 1 (got {min_probability})")
    if shards < 1:
        raise InputError(f"--shards must be at least 1 (got {shards})")
    started = time.perf_counter()
    registry = str(Path(registry_path).resolve())
    recoveries = Path(recoveries_path)
    out = Path(out_path)
    as_csv = out.suffix.lower() == ".csv"
    if not out.parent.exists():
        raise InputError(f"output directory does not exist: {out.parent}")
    # the same checks and errors as locally (a worker's would come back as a Spark traceback); the
    # registry is only opened here, never held by the driver

    columns_in = _registry_columns(registry)
    if columns_in is None:
        raise InputError("the registry has no records: nothing to search or match against")
    refuse_bad_rows(
        read_table(recoveries, RECOVERY_REQUIRED, "recoveries"), "recovery_id", recoveries, "recoveries",
        serial_required=False,
    )  # fmt: skip

    spark = _session(master, executor_memory, driver_memory)
    sc = spark.sparkContext
    work = str(out.resolve().with_name(out.name + ".shards"))
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    ign, lim, minp, n_shards, most = ignore_embedded_letters, limit, min_probability, shards, max_range_items
    from pyspark import StorageLevel

    try:
        # pass 0: the registry cut into shards by the executors (each streams its slices of the file)
        registry_bytes, candidate_bytes = sc.accumulator(0), sc.accumulator(0)
        # the file is read once in all: a CSV registry parsed by one task into row groups, then one
        # task per row group (a Parquet registry's own), so the work grows with records, not shards
        groups = sc.parallelize([0], 1).flatMap(lambda _: tasks.pieces(registry, work)).collect()
        pieces = sc.parallelize(groups, max(1, len(groups))).flatMap(
            lambda g: tasks.piece(g, registry, n_shards, ign, registry_bytes, most)
        )
        shard_info = (
            pieces.partitionBy(n_shards, lambda s: int(s))
            .mapPartitionsWithIndex(lambda s, it: tasks.write_shard(s, it, work, ign))
            .collect()
        )
        shard_info.sort(key=lambda x: x[0])
        stats = ShardStats()
        for _, part, _ in shard_info:
            stats = stats.add(part)
        n_items, records = stats.items, stats.records
        stats_b = sc.broadcast(stats)
        alphabet = sorted(stats.alphabet)
        background = stats.background_model()
        schema = pa.schema([(n, pa.string()) for n in columns_in])

        df = _read(spark, recoveries)
        columns = list(df.columns)
        rdd = _split(df.rdd, partitions or df.rdd.getNumPartitions())
        n_parts = rdd.getNumPartitions()
        routes_b = sc.broadcast(Routes(stats.blocks, n_shards, stats.ranges > 0))
        readings = rdd.mapPartitionsWithIndex(
            lambda p, it: tasks.readings(p, it, columns, ign, alphabet, background, n_shards, routes_b.value)
        ).persist(StorageLevel.MEMORY_AND_DISK)
        # pass 1: each reading to the shards that can hold its candidates, the lookups to the shard
        # that answers each
        asked = readings.flatMap(lambda pr: tasks.asked(pr[0], pr[1], n_shards))
        found = asked.partitionBy(n_shards, lambda s: int(s)).mapPartitionsWithIndex(
            lambda s, it: tasks.discover_on_shard(s, it, work, ign, n_shards, stats_b.value, candidate_bytes)
        )
        # pass 2: a partition's readings meet their shards' answers; scored there
        mine = readings.map(lambda pr: (pr[0], ("readings", pr[1])))
        bundles = (
            found.union(mine)
            .partitionBy(n_parts, lambda p: int(p))
            .mapPartitionsWithIndex(lambda p, it: tasks.score_partition(p, it, ign, stats_b.value, schema))
            .persist(StorageLevel.MEMORY_AND_DISK)
        )
        try:
            counts = bundles.map(
                lambda b: (
                    len(b["ids"]),
                    len(b["scored"]),
                    len(b["invalid"]),
                    b["sub_records"],
                    b["misses"],
                    b["peak_mb"],
                    b["features"] is not None,
                    b["visits"],
                )
            ).collect()
            recs = sum(c[0] for c in counts)
            n_scored = sum(c[1] for c in counts)
            invalid = sum(c[2] for c in counts)
            if model is None:
                prior = ScoringModel()
                model = prior
                # as ``cross_check``: a small batch, or one without any candidate, keeps the prior
                if estimate and n_scored >= _MIN_BATCH and any(c[6] for c in counts):
                    model = _estimate(spark, bundles, prior, n_items)
            fixed = model
            rows = bundles.flatMap(lambda b: tasks.rows(b, fixed, lim, minp)).persist(StorageLevel.MEMORY_AND_DISK)
            try:
                if as_csv:
                    _write_csv(rows, out)
                else:
                    spark.createDataFrame(rows, OUT_SCHEMA).write.mode("overwrite").parquet(str(out))
                candidates = rows.count()
                matched = rows.filter(lambda r: r[1] == 1 and r[3] > 0.5).count()
            finally:
                rows.unpersist()
        finally:
            bundles.unpersist()
            readings.unpersist()
    except Exception as exc:  # a user's mistake found on a worker comes back inside Spark's traceback
        found = worker_error(exc)
        if found is None:
            raise
        raise found from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    sidecar = model_path(out)
    sidecar.write_text(json.dumps(model.as_dict(), indent=2) + "\n", encoding="utf-8")
    return {
        "recoveries": recs,
        "candidates": candidates,
        "matched": matched,
        "invalid": invalid,
        "seconds": round(time.perf_counter() - started, 3),
        "model": model.as_dict(),
        "registry_records": records,
        "out": str(out),
        "model_file": str(sidecar),
        "engine": "spark",
        "master": master,
        "driver_memory": sc.getConf().get("spark.driver.memory"),  # as the driver's JVM took it (None: default)
        "partitions": n_parts,
        "shards": n_shards,
        # records each shard owns, and each shard's matcher holds (its own, and copies of range records)
        "shard_records": [info[1].records for info in shard_info],
        "shard_loaded": [info[1].loaded for info in shard_info],
        # the largest sub-registry a partition of readings scored on (the candidates of its readings)
        "sub_registry_max": max((c[3] for c in counts), default=0),
        "lookup_misses": sum(c[4] for c in counts),
        # (reading, shard) pairs asked for candidates, per shard: at most recoveries each
        "shard_visits": [sum(c[7][s] for c in counts if c[7]) for s in range(n_shards)],
        # bytes exchanged (Arrow IPC): the registry into its shards; the shards' candidates and answers
        "shuffle_registry_bytes": registry_bytes.value,
        "shuffle_candidate_bytes": candidate_bytes.value,
        # peak resident memory of a Python worker holding a shard, and of one scoring readings
        "worker_peak_mb": max((info[2] for info in shard_info), default=0.0),
        "scoring_peak_mb": max((c[5] for c in counts), default=0.0),
    }


def worker_error(exc: BaseException) -> InputError | None:
    """The armstrace input error a Python worker raised, from the text of the Spark error that carries it
    (None: not one of ours). Only input errors are unwrapped: anything else stays a Spark failure."""
    found = None
    for match in _WORKER_ERROR.finditer(str(exc)):
        found = match  # the last one: the worker's own, after any chained causes
    if found is None:
        return None
    cls = getattr(exceptions, found.group(1), None)
    if not (isinstance(cls, type) and issubclass(cls, InputError)):
        return None
    return cls(found.group(2).strip())


def _registry_columns(registry: str) -> list[str] | None:
    """The registry's canonical column names, checked as the workers check them (None: no records). A
    Parquet registry is read only as far as its first non-empty row group: the driver never reads the
    file through, and a row group that cannot be read is found by the worker given it."""
    if Path(registry).suffix.lower() in (".parquet", ".pq"):
        try:
            file = pq.ParquetFile(registry)
            groups = [g for g in range(file.metadata.num_row_groups) if file.metadata.row_group(g).num_rows]
            if not groups:
                return None
            batch = next(file.iter_batches(batch_size=1024, row_groups=groups[:1]))
        except (pa.ArrowInvalid, pa.ArrowTypeError, OSError) as exc:
            reason = first_line(exc)
            raise ImportFileError(f"cannot read registry file {registry}: {reason}") from exc
        table = as_string_table(pa.Table.from_batches([batch]), REGISTRY_REQUIRED, f"registry file {registry}")
        return list(table.column_names)
    for table in registry_batches(registry):
        if table.num_rows:
            return list(table.column_names)
    return None


def _estimate(spark: Any, bundles: Any, prior: ScoringModel, n_items: int) -> ScoringModel:
    """EM on the whole batch: per-partition E-step sums, added up on the driver, then the M step."""
    from pyspark import StorageLevel

    # the features alone, kept: an iteration then reads them, not the bundles with their matchers
    features = bundles.map(lambda b: b["features"]).filter(lambda f: f is not None)
    features = features.persist(StorageLevel.MEMORY_AND_DISK)
    model = prior
    try:
        for _ in range(EM_ITERATIONS):
            current = spark.sparkContext.broadcast(model)
            stats = features.map(lambda f, m=current: em_stats(f, m.value, n_items)).reduce(add_stats)
            current.unpersist()
            model = m_step(stats, model, prior)
    finally:
        features.unpersist()
    return model


def _split(rdd: Any, partitions: int) -> Any:
    """The rows in ``partitions`` contiguous slices, in input order, each starting at a multiple of
    ``xref._SCORE_BATCH``: the readings are then scored in the local engine's batches, and candidates
    of equal probability come in the local engine's order."""

    total = rdd.count()
    size = -(-max(1, -(-total // max(1, partitions))) // _SCORE_BATCH) * _SCORE_BATCH
    keyed = rdd.zipWithIndex().map(lambda p: (p[1] // size, (p[1], p[0])))
    return keyed.partitionBy(partitions, lambda k: int(k)).mapPartitions(
        lambda it: (row for _, row in sorted((v for _, v in it), key=lambda x: x[0]))
    )


def _write_csv(rows: Any, out: Path) -> None:
    """OUT.csv: the executors write the lines as text parts; the parts are joined in order by streaming."""
    parts = out.with_name(out.name + ".parts")
    if parts.exists():
        shutil.rmtree(parts)
    rows.map(tasks.csv_line).saveAsTextFile(str(parts))
    with out.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerow(OUT_COLUMNS)
    with out.open("ab") as fh:
        for part in sorted(parts.glob("part-*")):
            with part.open("rb") as src:
                shutil.copyfileobj(src, fh, 1 << 20)
    shutil.rmtree(parts)
