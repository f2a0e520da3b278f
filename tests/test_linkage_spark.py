"""The Spark engine of the batch cross-check gives the local engine's rows (Spark local mode), the registry
cut into four shards by series (a worker holds one), the model estimated by EM on the whole batch from
per-partition sums, the rows written by the executors.

Ties between candidates follow Python's set order, so both engines run under PYTHONHASHSEED=0 (the
Spark engine gives its workers the driver's seed, or 0).
"""

from __future__ import annotations

import csv
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from armstrace.linkage.xref import OUT_COLUMNS
from tests.conftest import require
from tests.test_linkage_shards import READINGS, scenario

pytestmark = [pytest.mark.spark, pytest.mark.slow]

_LOCAL = """
import sys
from armstrace.linkage import xref_files
reg, rec, out0, out_em = sys.argv[1:]
xref_files(reg, rec, out0, estimate=False, workers=1)
xref_files(reg, rec, out_em, estimate=True, workers=1)
"""
_CLI = "import sys; from armstrace.cli import main; sys.argv[0] = 'armstrace'; sys.exit(main())"


def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def _same(local: Path, spark: Path | list[dict[str, str]]) -> None:
    if isinstance(spark, Path):
        header, spark_rows = _rows(spark)
        assert header == list(OUT_COLUMNS)
    else:
        spark_rows = spark
    _, local_rows = _rows(local)
    # the bar: the same rank 1 and probabilities within 0.02 for >= 99.5% of readings ...
    first = {r["recovery_id"]: r for r in local_rows if r["rank"] == "1"}
    other = {r["recovery_id"]: r for r in spark_rows if r["rank"] == "1"}
    agree = sum(
        1
        for k, r in first.items()
        if k in other
        and other[k]["record_id"] == r["record_id"]
        and abs(float(other[k]["probability"]) - float(r["probability"])) <= 0.02
    )
    assert agree >= 0.995 * len(first) and len(other) == len(first)
    # ... and in fact the very rows, in the same order
    key = [(r["recovery_id"], r["rank"], r["record_id"]) for r in local_rows]
    assert key  # the scenario has candidates
    assert [(r["recovery_id"], r["rank"], r["record_id"]) for r in spark_rows] == key
    for a, b in zip(local_rows, spark_rows, strict=True):
        assert abs(float(a["probability"]) - float(b["probability"])) <= 1e-9
        assert a["explanation"] == b["explanation"]


def test_spark_engine_matches_local(tmp_path: Path) -> None:
    require(
        importlib.util.find_spec("pyspark") is not None and shutil.which("java") is not None, "Spark (pyspark + Java)"
    )
    from armstrace.linkage.spark import xref_spark

    # dense consignments, faulty and wildcard readings, range records (copied to every shard)
    reg, rec, _ = scenario(tmp_path)
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    local0, local_em = tmp_path / "local0.csv", tmp_path / "local_em.csv"
    subprocess.run([sys.executable, "-c", _LOCAL, reg, rec, local0, local_em], check=True, env=env)

    # the documented prior, Parquet written by the executors from three partitions
    spark0 = tmp_path / "spark0.parquet"
    summary = xref_spark(reg, rec, spark0, estimate=False, partitions=3, shards=4, master="local[2]")
    assert spark0.is_dir() and summary["partitions"] == 3 and summary["shards"] == 4
    # each shard's worker held only its series (and copies of the few range records): no shard holds
    # the registry, the shards together own every record once
    records = summary["registry_records"]
    assert sum(summary["shard_records"]) == records and len(summary["shard_loaded"]) == 4
    assert max(summary["shard_loaded"]) < records and min(summary["shard_records"]) > 0
    assert sum(summary["shard_loaded"]) - records < 4 * 10  # only the range records are copied
    assert summary["lookup_misses"] == 0 and summary["sub_registry_max"] < records
    assert not (tmp_path / "spark0.parquet.shards").exists()
    table = pq.read_table(spark0)
    assert table.column_names == list(OUT_COLUMNS)
    parquet_rows = [{**r, "rank": str(r["rank"]), "probability": f"{r['probability']:.6f}"} for r in table.to_pylist()]
    _same(local0, parquet_rows)
    assert summary["recoveries"] == 100 + len(READINGS) and summary["candidates"] == len(_rows(local0)[1])

    # the CLI with EM on the whole batch (two partitions): the local engine's model and rows
    spark_em = tmp_path / "spark_em.csv"
    cmd = [sys.executable, "-c", _CLI, "xref", "--registry", str(reg), "--recoveries", str(rec)]
    spark_opts = ["--engine", "spark", "--master", "local[2]", "--executor-memory", "1g", "--partitions", "2"]
    spark_opts += ["--shards", "4", "--driver-memory", "1536m"]
    done = subprocess.run(
        [*cmd, "--out", str(spark_em), *spark_opts, "--json"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout)["engine"] == "spark" and json.loads(done.stdout)["shards"] == 4
    assert json.loads(done.stdout)["driver_memory"] == "1536m"  # read when the driver's JVM started
    spark_model = json.loads((tmp_path / "spark_em.model.json").read_text(encoding="utf-8"))
    assert spark_model["source"] == "em"
    assert spark_model == json.loads((tmp_path / "local_em.model.json").read_text(encoding="utf-8"))
    _same(local_em, spark_em)
    assert spark_em.read_bytes() == local_em.read_bytes()  # the same file, byte for byte
    assert not (tmp_path / "spark_em.csv.parts").exists()
    bad = subprocess.run([sys.executable, "-c", _CLI, "xref", "--engine", "spark"], capture_output=True)
    assert bad.returncode == 2
    local_master = subprocess.run([*cmd, "--out", str(tmp_path / "x.csv"), "--master", "local[1]"], capture_output=True)
    assert local_master.returncode == 2 and b"go with --engine spark" in local_master.stderr


def test_spark_parquet_registry_and_unreadable_row_group(tmp_path: Path) -> None:
    """A Parquet registry of several row groups (one task each in pass 0) gives the rows the local engine
    gives from the same records as CSV; a row group that cannot be read is one line naming the file and the
    row group, not Spark's traceback."""
    require(
        importlib.util.find_spec("pyspark") is not None and shutil.which("java") is not None, "Spark (pyspark + Java)"
    )
    from armstrace.exceptions import ImportFileError
    from armstrace.linkage.spark import xref_spark
    from armstrace.linkage.tables import read_table

    reg, rec, _ = scenario(tmp_path)
    table = read_table(reg, ("record_id", "serial"))
    reg_pq = tmp_path / "registry.parquet"
    pq.write_table(table, reg_pq, row_group_size=table.num_rows // 3 + 1)
    assert pq.ParquetFile(reg_pq).metadata.num_row_groups == 3
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    local0, local_em = tmp_path / "local0.csv", tmp_path / "local_em.csv"
    subprocess.run([sys.executable, "-c", _LOCAL, reg, rec, local0, local_em], check=True, env=env)
    out = tmp_path / "spark.csv"
    xref_spark(reg_pq, rec, out, estimate=False, partitions=2, shards=3, master="local[2]")
    assert out.read_bytes() == local0.read_bytes()

    # the third row group's first data page overwritten: pass 0's task for it fails on a worker
    meta = pq.ParquetFile(reg_pq).metadata
    at = meta.row_group(2).column(1).data_page_offset
    data = bytearray(reg_pq.read_bytes())
    data[at : at + 40] = b"\xff" * 40
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(bytes(data))
    with pytest.raises(ImportFileError) as err:
        xref_spark(broken, rec, tmp_path / "x.csv", estimate=False, shards=2, master="local[2]")
    message = str(err.value)
    assert message.startswith(f"cannot read registry file {broken.resolve()}, row group 3: ")
    assert "\n" not in message and "Traceback" not in message
    assert not (tmp_path / "x.csv.shards").exists()
