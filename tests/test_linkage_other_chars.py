"""Serials holding a character outside the one-byte code table (``keys.OTHER_CODE``: Ω, 中, Arabic letters)
are found by the same reading: the index keys hold the code byte, so readings are encoded the same way
(``keys.char_codes``) in exact, fuzzy and wildcard lookups (review M, finding 1). The local and Spark engines
then give the same file, byte for byte.
"""

from __future__ import annotations

import csv
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pytest

from armstrace.linkage import Matcher
from armstrace.linkage.keys import OTHER_CODE, char_codes, keyed_text
from armstrace.linkage.tables import read_table
from tests.conftest import require
from tests.test_linkage_shards import sharded

_REGISTRY = pa.table({"record_id": ["R0", "R1", "R2"], "serial": ["ΩN39", "AN39", "中501"]})


def _found(matcher: Matcher, reading: str) -> list[str]:
    return [c.record_id for c in matcher.search(reading)]


@pytest.mark.parametrize(
    ("reading", "record"),
    [("ΩN39", "R0"), ("?501", "R2"), ("中50?", "R2"), ("[中A]501", "R2"), ("*501", "R2"), ("?N39", "R0")],
)
def test_other_character_serial_found_by_its_reading(reading: str, record: str) -> None:
    assert record in _found(Matcher(_REGISTRY), reading)


def test_index_lookups_use_the_key_codes() -> None:
    m = Matcher(_REGISTRY)
    assert char_codes("ΩN39") == bytes([OTHER_CODE]) + b"N39"
    assert m.index.contains(["ΩN39", "中501", "AN39", "ΩN38"]).tolist() == [True, True, True, False]
    owner, rows, dist = m.index.fuzzy_many(["ΩN39", "中5011", "中502"], [0, 1, 1])
    found = {(int(o), int(r), int(d)) for o, r, d in zip(owner, rows, dist, strict=True)}
    assert found == {(0, 0, 0), (1, 2, 1), (2, 2, 1)}  # ΩN39 itself; 中501 one edit from the others
    assert bytes([OTHER_CODE]) in m.index.alphabet  # '?' can stand for an "other" character


def test_other_characters_are_one_class_at_the_index() -> None:
    """Ω and 中 share one code: at the index a reading's Ω finds a key's 中 (the scoring sees them alike too,
    an "other" character being a recast against any true character, so both records tie)."""
    m = Matcher(pa.table({"record_id": ["R0", "R1"], "serial": ["ΩN39", "中N39"]}))
    assert set(_found(m, "ΩN39")) == {"R0", "R1"}


def _write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(header)
        out.writerows(rows)
    return path


def _files(tmp_path: Path) -> tuple[Path, Path]:
    """A small registry with Greek, CJK, Arabic and Cyrillic serials among ASCII ones, and readings of them
    (exact, one edit, wildcards)."""
    heads = ["ΩN", "AN", "中5", "ЖK", "سA", "KB", "GX", "ΩΩ"]
    serials = [f"{h}{n:04d}" for h in heads for n in range(0, 400, 37)]
    reg = _write(
        tmp_path / "reg.csv",
        ["record_id", "serial", "manufacturer"],
        [[f"R{i}", s, "COLT" if i % 3 else "NORINCO"] for i, s in enumerate(serials)],
    )
    readings = ["ΩN0037", "ΩN003?", "?N0074", "中50111", "中5011?", "[中A]50148", "سA0185", "سA018", "ΩΩ0222"]
    readings += ["ЖK0259", "ΩN*", "*0296", "KB0333", "GX037", "中N0000", "ΩΩ0?22"]
    rec = _write(
        tmp_path / "rec.csv",
        ["recovery_id", "serial", "manufacturer"],
        [[f"Q{i}", r, "Colt"] for i, r in enumerate(readings)],
    )
    return reg, rec


_LOCAL = """
import sys
from armstrace.linkage import xref_files
reg, rec, out0, out_em = sys.argv[1:]
xref_files(reg, rec, out0, estimate=False, workers=1)
xref_files(reg, rec, out_em, estimate=True, workers=1)
"""


def _local(tmp_path: Path) -> tuple[Path, Path]:
    reg, rec = _files(tmp_path)
    out0, out_em = tmp_path / "local0.csv", tmp_path / "local_em.csv"
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    subprocess.run([sys.executable, "-c", _LOCAL, reg, rec, out0, out_em], check=True, env=env)
    return out0, out_em


def test_file_form_finds_other_character_serials(tmp_path: Path) -> None:
    out0, _ = _local(tmp_path)
    with out0.open(newline="", encoding="utf-8") as fh:
        first = {r["recovery_id"]: r["record_id"] for r in csv.DictReader(fh) if r["rank"] == "1"}
    assert first["Q0"] == "R1"  # ΩN0037, exactly
    assert first["Q3"] == first["Q4"] == "R25"  # 中50111 and 中5011?
    assert first["Q6"] == "R49"  # سA0185


def test_density_and_registered_of_other_character_serials_as_the_shards_answer(tmp_path: Path) -> None:
    """The absent-neighbour terms: the local density knows the series of "ΩN0037" (its shapes are named
    from codes, a reading's shape spelt so by ``keyed_text``) and gives what the shard holding it answers."""
    assert keyed_text("ΩN0037") == keyed_text("中N0037") == "\ufffdN0037" and keyed_text("AN1") == "AN1"
    reg, rec = _files(tmp_path)
    table = read_table(reg, ("record_id", "serial"))
    serials = [s for s in read_table(rec, ("recovery_id", "serial")).column("serial").to_pylist() if s]
    whole = Matcher(table)
    _, _, _, lookups = sharded(table, serials, 3)
    keys = [k for q in ("ΩN0037", "中50111", "سA0185") for k in whole.absence.serials(whole.parse(q)) or []]
    looked = whole.absence.look_up_many([keys])[0]
    assert looked[1][0] and looked[2][0] > 0  # ΩN0037 is registered, its series known
    assert [lookups.answers[k] for k in keys] == [
        (bool(r), pytest.approx(float(d), abs=1e-15)) for r, d in zip(looked[1], looked[2], strict=True)
    ]


@pytest.mark.spark
@pytest.mark.slow
def test_spark_engine_gives_the_local_file_with_other_characters(tmp_path: Path) -> None:
    require(
        importlib.util.find_spec("pyspark") is not None and shutil.which("java") is not None, "Spark (pyspark + Java)"
    )
    out0, out_em = _local(tmp_path)
    reg, rec = tmp_path / "reg.csv", tmp_path / "rec.csv"
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    cli = "import sys; from armstrace.cli import main; sys.argv[0] = 'armstrace'; sys.exit(main())"
    cmd = [sys.executable, "-c", cli, "xref", "--registry", str(reg), "--recoveries", str(rec)]
    opts = ["--engine", "spark", "--master", "local[2]", "--shards", "3", "--partitions", "2"]
    for local, extra in ((out0, ["--no-estimate"]), (out_em, [])):
        spark = tmp_path / f"spark_{local.name}"
        done = subprocess.run([*cmd, "--out", str(spark), *opts, *extra], env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr[-2000:]
        assert spark.read_bytes() == local.read_bytes()
