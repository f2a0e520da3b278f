"""The Spark engine of the batch cross-check gives the local engine's rows (Spark local mode).

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

import pytest

from armstrace.linkage.xref import OUT_COLUMNS
from armstrace.synth import generate
from tests.conftest import require

pytestmark = [pytest.mark.spark, pytest.mark.slow]

_LOCAL = """
import sys
from armstrace.linkage import Matcher, cross_check, xref_files
from armstrace.linkage.tables import read_table
from armstrace.linkage.xref import write_rows
reg, rec, out0, out_em = sys.argv[1:]
xref_files(reg, rec, out0, estimate=False, workers=1)
m = Matcher.from_file(reg)
t = read_table(rec, ("recovery_id", "serial"))
m.model = cross_check(m, t, estimate=True).model  # the EM model, then fixed: as the Spark workers use it
write_rows(out_em, cross_check(m, t, estimate=False, workers=1).rows)
"""
_CLI = "import sys; from armstrace.cli import main; sys.argv[0] = 'armstrace'; sys.exit(main())"


def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def _same(local: Path, spark: Path) -> None:
    header, spark_rows = _rows(spark)
    assert header == list(OUT_COLUMNS)
    _, local_rows = _rows(local)
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

    paths = generate(tmp_path / "s", items=2000, seed=1).paths
    reg, rec = paths["registry"], paths["recoveries"]
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    local0, local_em = tmp_path / "local0.csv", tmp_path / "local_em.csv"
    subprocess.run([sys.executable, "-c", _LOCAL, reg, rec, local0, local_em], check=True, env=env)

    # the documented prior on both sides (only the workers score: their seed is pinned)
    spark0 = tmp_path / "spark0.csv"
    summary = xref_spark(reg, rec, spark0, estimate=False)
    _same(local0, spark0)
    assert summary["recoveries"] == 100 and summary["candidates"] == len(_rows(local0)[1])

    # the CLI with the estimated model (the sample is all 100 recoveries here, as locally)
    spark_em = tmp_path / "spark_em.csv"
    cmd = [sys.executable, "-c", _CLI, "xref", "--registry", str(reg), "--recoveries", str(rec)]
    done = subprocess.run(
        [*cmd, "--out", str(spark_em), "--engine", "spark", "--json"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout)["engine"] == "spark"
    assert json.loads((tmp_path / "spark_em.model.json").read_text(encoding="utf-8"))["source"] == "em"
    _same(local_em, spark_em)
    bad = subprocess.run([sys.executable, "-c", _CLI, "xref", "--engine", "spark"], capture_output=True)
    assert bad.returncode == 2
