"""The batch cross-check on Apache Spark (``armstrace xref --engine spark``).

The driver builds the matcher once and estimates the scoring model by EM on a sample of the recoveries
(``cross_check`` with ``estimate=True``). Spark then reads the recoveries and, partition by partition
(``mapPartitions``; no pandas needed), every Python worker builds the matcher from the registry file
once (cached per process) and runs the same ``cross_check`` with that fixed model (``estimate=False``,
one worker): the scoring code
is the local engine's, only the distribution differs. The rows come back to the driver and are written in
input order, as the file form writes them.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from armstrace.exceptions import InputError

from .scoring import ScoringModel
from .tables import read_table
from .xref import OUT_COLUMNS, RECOVERY_REQUIRED, cross_check, model_path, write_rows

__all__ = ["ESTIMATE_SAMPLE", "xref_spark"]

ESTIMATE_SAMPLE = 2000  # recoveries the driver estimates the model on
_CHUNK = 4096  # recoveries per cross_check call on a worker
# per Python worker process: (registry path, mtime, ignore_embedded_letters) -> Matcher
_MATCHERS: dict[tuple[str, float, bool], Any] = {}


def _matcher(registry: str, ignore_embedded_letters: bool) -> Any:
    from .matcher import Matcher

    key = (registry, os.path.getmtime(registry), ignore_embedded_letters)
    if key not in _MATCHERS:
        _MATCHERS.clear()
        _MATCHERS[key] = Matcher.from_file(registry, ignore_embedded_letters=ignore_embedded_letters)
    return _MATCHERS[key]


def _partition(
    index: int,
    rows: Iterator[Any],
    columns: list[str],
    registry: str,
    model: ScoringModel,
    limit: int,
    min_probability: float,
    ignore_embedded_letters: bool,
) -> Iterator[tuple[Any, ...]]:
    """Cross-check one partition in chunks; yields (partition, seq, *OUT_COLUMNS), stats rows with rank 0."""
    matcher = _matcher(registry, ignore_embedded_letters)
    matcher.model = model  # cross_check with estimate=False scores with matcher.model
    seq = 0
    for chunk in _chunks(rows, _CHUNK):
        # CSV columns are strings; Parquet keeps its types so as_string_table casts them as it does locally
        table = pa.table({c: pa.array([r[i] for r in chunk]) for i, c in enumerate(columns)})
        result = cross_check(matcher, table, limit=limit, min_probability=min_probability, estimate=False)
        for r in result.rows:
            yield (index, seq, *(r[k] for k in OUT_COLUMNS))
            seq += 1
        stats = {"recoveries": result.recoveries, "matched": result.matched, "invalid": result.invalid}
        yield (index, seq, None, 0, None, 0.0, json.dumps(stats))
        seq += 1


def _chunks(rows: Iterator[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _session(master: str) -> Any:
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    spark = (
        SparkSession.builder.master(master)
        .appName("armstrace-xref")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        # ties between candidates follow set order: workers share one hash seed (the driver's, or 0)
        .config("spark.executorEnv.PYTHONHASHSEED", os.environ.get("PYTHONHASHSEED", "0"))
        .getOrCreate()
    )
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
    estimate: bool = True,
    model: ScoringModel | None = None,
    ignore_embedded_letters: bool = False,
) -> dict[str, Any]:
    """Cross-check a recoveries file against a registry file on Spark; write OUT.csv, return the summary.

    ``model`` fixes the scoring model; otherwise it is estimated on up to ``ESTIMATE_SAMPLE`` recoveries
    (or the documented prior with ``estimate=False``).
    """
    from .matcher import Matcher

    started = time.perf_counter()
    registry = str(Path(registry_path).resolve())
    recoveries = Path(recoveries_path)
    if Path(out_path).parent and not Path(out_path).parent.exists():
        raise InputError(f"output directory does not exist: {Path(out_path).parent}")
    matcher = Matcher.from_file(registry, ignore_embedded_letters=ignore_embedded_letters)
    if model is None:
        model = matcher.model
        if estimate:
            rec = read_table(recoveries, RECOVERY_REQUIRED, "recoveries")
            if rec.num_rows > ESTIMATE_SAMPLE:
                idx = np.linspace(0, rec.num_rows - 1, ESTIMATE_SAMPLE).astype(np.int64)
                rec = rec.take(pa.array(idx))
            model = cross_check(
                matcher, rec, limit=limit, min_probability=min_probability, estimate=True, workers=1
            ).model
    else:
        read_table(recoveries, RECOVERY_REQUIRED, "recoveries")  # same checks and errors as locally

    spark = _session(master)
    fixed, lim, minp, ign = model, limit, min_probability, ignore_embedded_letters

    df = _read(spark, recoveries)

    def run(index: int, part: Iterator[Any]) -> Iterator[tuple[Any, ...]]:
        return _partition(index, part, columns, registry, fixed, lim, minp, ign)

    columns = list(df.columns)
    collected = sorted(df.rdd.mapPartitionsWithIndex(run).collect(), key=lambda r: (r[0], r[1]))
    rows: list[dict[str, Any]] = []
    recs, matched, invalid = 0, 0, 0
    for r in collected:
        values = dict(zip(OUT_COLUMNS, r[2:], strict=True))
        if values["rank"] == 0:
            stats = json.loads(values["explanation"])
            recs += stats["recoveries"]
            matched += stats["matched"]
            invalid += len(stats["invalid"])
        else:
            rows.append(values)
    write_rows(out_path, rows)
    sidecar = model_path(out_path)
    sidecar.write_text(json.dumps(model.as_dict(), indent=2) + "\n", encoding="utf-8")
    return {
        "recoveries": recs,
        "candidates": len(rows),
        "matched": matched,
        "invalid": invalid,
        "seconds": round(time.perf_counter() - started, 3),
        "model": model.as_dict(),
        "registry_records": len(matcher),
        "out": str(out_path),
        "model_file": str(sidecar),
        "engine": "spark",
        "master": master,
    }
