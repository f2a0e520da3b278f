"""The batch cross-check on Apache Spark (``armstrace xref --engine spark``).

Three passes over the recoveries, all on the executors; the driver sees only small statistics:

1. score: partition by partition (``mapPartitionsWithIndex``), every Python worker builds the matcher
   from the registry file once (cached per process) and scores its readings under the prior, as the
   local engine does; the features are kept (persisted, memory and disk);
2. estimate: EM on the WHOLE batch, distributed: each iteration broadcasts the model, every partition
   returns the E step's sums (``xref.em_stats``), the driver adds them up and runs the M step
   (``xref.m_step``): the model the local engine estimates;
3. write: every partition turns its scored readings into rows with that model, and the executors write
   them (Parquet, or CSV parts the driver joins into OUT.csv by streaming the files, never holding rows).

The scoring code is the local engine's, so the rows are the local engine's. What is not distributed yet:
every worker still holds the WHOLE registry's index (docs/matching.md, "Spark").
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa

from armstrace.exceptions import InputError

from . import xref
from .matcher import Matcher
from .scoring import ScoringModel
from .tables import as_string_table, read_table
from .xref import (
    _MIN_BATCH,
    _SCORE_BATCH,
    OUT_COLUMNS,
    RECOVERY_REQUIRED,
    add_stats,
    em_features,
    em_stats,
    m_step,
    model_path,
)

__all__ = ["EM_ITERATIONS", "xref_spark"]

EM_ITERATIONS = 10  # as ``xref.estimate_model``
# per Python worker process: (registry path, mtime, ignore_embedded_letters) -> Matcher
_MATCHERS: dict[tuple[str, float, bool], Any] = {}


def _matcher(registry: str, ignore_embedded_letters: bool) -> Any:
    key = (registry, os.path.getmtime(registry), ignore_embedded_letters)
    if key not in _MATCHERS:
        _MATCHERS.clear()
        _MATCHERS[key] = Matcher.from_file(registry, ignore_embedded_letters=ignore_embedded_letters)
    return _MATCHERS[key]


def _score(
    index: int, rows: Iterator[Any], columns: list[str], registry: str, ignore_embedded_letters: bool
) -> Iterator[dict[str, Any]]:
    """Pass 1 on one partition: its readings scored under the prior, as ``cross_check`` scores them.

    Yields one bundle: the recovery ids, the (reading, Scored) pairs, the invalid readings, the EM
    features and the registry's counts (the driver never builds the matcher).
    """
    matcher = _matcher(registry, ignore_embedded_letters)
    chunk = list(rows)
    # CSV columns are strings; Parquet keeps its types so as_string_table casts them as it does locally
    table = pa.table(
        {c: pa.array([r[i] for r in chunk], pa.string() if not chunk else None) for i, c in enumerate(columns)}
    )
    table = as_string_table(table, RECOVERY_REQUIRED, "recoveries")
    ids = ["" if v is None else str(v) for v in table.column("recovery_id").to_pylist()]
    observed = {f: table.column(f).to_pylist() for f in xref.DESCRIPTIVE_FIELDS if f in table.column_names}
    xref._JOB = xref._Job(matcher, ids, table.column("serial").to_pylist(), observed, matcher.model, 1, 0.0, [])
    try:
        scored, invalid = xref._score_chunk(0, len(ids), None)
    finally:
        xref._JOB = None
    yield {
        "index": index,
        "ids": ids,
        "scored": scored,
        "invalid": invalid,
        "features": em_features([s for _, s in scored]),
        "n_items": matcher.n_items,
        "records": len(matcher),
        "peak_mb": _peak_mb(),
    }


def _peak_mb() -> float:
    """This process's peak resident memory in MB (0 where ``resource`` is missing)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not POSIX
        return 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def _rows(
    bundle: dict[str, Any], registry: str, ignore: bool, model: ScoringModel, limit: int, min_probability: float
) -> Iterator[tuple[Any, ...]]:
    """Pass 3 on one partition: the output rows of its scored readings under the batch's model."""
    matcher = _matcher(registry, ignore)
    ids = bundle["ids"]
    for i, s in bundle["scored"]:
        for c in matcher.candidates(s, model, limit, min_probability):
            yield (ids[i], c.rank, c.record_id, round(c.probability, 6), c.explanation_text())


def _csv_line(row: tuple[Any, ...]) -> str:
    """One row as ``xref.write_rows`` writes it, without the final newline (the text writer adds it)."""
    buf = io.StringIO()
    csv.writer(buf).writerow([row[0], row[1], row[2], f"{row[3]:.6f}", row[4]])
    return buf.getvalue()[:-1]  # "...\r\n" -> "...\r": Spark's text writer ends the line with "\n"


def _session(master: str, executor_memory: str | None) -> Any:
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
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def _read(spark: Any, path: Path) -> Any:
    """Recoveries as a Spark DataFrame; CSV columns as strings (names and nulls canonicalised later)."""
    if path.suffix.lower() in (".parquet", ".pq"):
        return spark.read.parquet(str(path))  # native types: as_string_table casts them as locally
    first = path.read_bytes()[:65536].lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0]
    sep = ";" if first.count(b";") > first.count(b",") else "\t" if first.count(b"\t") > first.count(b",") else ","
    try:
        path.read_bytes()[:65536].decode("utf-8")
        encoding = "UTF-8"
    except UnicodeDecodeError as exc:
        encoding = "windows-1252" if exc.start < 65536 - 4 else "UTF-8"
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
    partitions: int | None = None,
    estimate: bool = True,
    model: ScoringModel | None = None,
    ignore_embedded_letters: bool = False,
) -> dict[str, Any]:
    """Cross-check a recoveries file against a registry file on Spark; write OUT, return the summary.

    OUT ending in ``.csv`` is one CSV file as the local engine writes it (its parts are written by the
    executors, then joined); any other OUT is a Parquet directory written by the executors. ``model``
    fixes the scoring model; otherwise EM estimates it on the whole batch (the prior with
    ``estimate=False``). ``partitions`` splits the recoveries so (default: as Spark reads the file).
    """
    if limit < 1:
        raise InputError(f"--limit must be at least 1 (got {limit})")
    if not 0.0 <= min_probability <= 1.0:
        raise InputError(f"--min-probability must be between 0 and 1 (got {min_probability})")
    started = time.perf_counter()
    registry = str(Path(registry_path).resolve())
    recoveries = Path(recoveries_path)
    out = Path(out_path)
    as_csv = out.suffix.lower() == ".csv"
    if not out.parent.exists():
        raise InputError(f"output directory does not exist: {out.parent}")
    # the same checks and errors as locally (a worker's would come back as a Spark traceback)
    if read_table(registry, ("record_id", "serial"), "registry").num_rows == 0:
        raise InputError("the registry has no records: nothing to search or match against")
    read_table(recoveries, RECOVERY_REQUIRED, "recoveries")

    spark = _session(master, executor_memory)
    df = _read(spark, recoveries)
    columns = list(df.columns)
    ign, lim, minp = ignore_embedded_letters, limit, min_probability
    rdd = _split(df.rdd, partitions or df.rdd.getNumPartitions())

    def score(index: int, part: Iterator[Any]) -> Iterator[dict[str, Any]]:
        return _score(index, part, columns, registry, ign)

    from pyspark import StorageLevel

    bundles = rdd.mapPartitionsWithIndex(score).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        counts = bundles.map(
            lambda b: (
                len(b["ids"]),
                len(b["scored"]),
                len(b["invalid"]),
                b["n_items"],
                b["records"],
                b["peak_mb"],
                b["features"] is not None,
            )
        ).collect()
        recs = sum(c[0] for c in counts)
        n_scored = sum(c[1] for c in counts)
        invalid = sum(c[2] for c in counts)
        n_items, records = (counts[0][3], counts[0][4]) if counts else _registry_counts(registry, ign)
        if model is None:
            prior = ScoringModel()
            model = prior
            # as ``cross_check``: a small batch, or one without any candidate, keeps the prior
            if estimate and n_scored >= _MIN_BATCH and any(c[6] for c in counts):
                model = _estimate(spark, bundles, prior, n_items)
        fixed = model
        rows = bundles.flatMap(lambda b: _rows(b, registry, ign, fixed, lim, minp)).persist(
            StorageLevel.MEMORY_AND_DISK
        )
        try:
            if as_csv:
                _write_csv(rows, out)
            else:
                schema = "recovery_id string, rank int, record_id string, probability double, explanation string"
                spark.createDataFrame(rows, schema).write.mode("overwrite").parquet(str(out))
            candidates = rows.count()
            matched = rows.filter(lambda r: r[1] == 1 and r[3] > 0.5).count()
        finally:
            rows.unpersist()
    finally:
        bundles.unpersist()
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
        "partitions": rdd.getNumPartitions(),
        "worker_peak_mb": max((c[5] for c in counts), default=0.0),
    }


def _estimate(spark: Any, bundles: Any, prior: ScoringModel, n_items: int) -> ScoringModel:
    """EM on the whole batch: per-partition E-step sums, added up on the driver, then the M step."""
    features = bundles.map(lambda b: b["features"]).filter(lambda f: f is not None)
    model = prior
    for _ in range(EM_ITERATIONS):
        current = spark.sparkContext.broadcast(model)
        stats = features.map(lambda f, m=current: em_stats(f, m.value, n_items)).reduce(add_stats)
        current.unpersist()
        model = m_step(stats, model, prior)
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


def _registry_counts(registry: str, ignore: bool) -> tuple[int, int]:
    matcher = _matcher(registry, ignore)
    return matcher.n_items, len(matcher)


def _write_csv(rows: Any, out: Path) -> None:
    """OUT.csv: the executors write the lines as text parts; the parts are joined in order by streaming."""
    parts = out.with_name(out.name + ".parts")
    if parts.exists():
        shutil.rmtree(parts)
    rows.map(_csv_line).saveAsTextFile(str(parts))
    with out.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerow(OUT_COLUMNS)
    with out.open("ab") as fh:
        for part in sorted(parts.glob("part-*")):
            with part.open("rb") as src:
                shutil.copyfileobj(src, fh, 1 << 20)
    shutil.rmtree(parts)
