"""The batch cross-check on files: messy input, the exact output form, the CLI."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest

from armstrace.cli import run
from armstrace.exceptions import ImportFileError
from armstrace.linkage import xref_files
from armstrace.linkage.shards import registry_batches
from armstrace.linkage.tables import read_table

REGISTRY = (
    "\ufeffrecord_id,serial,serial_end,Manufacturer ,calibre,year\n"
    '1,000123,,Colt,5.56,2018\n2,"W100-4340",,"COLT\'S MFG CO",,\n3,W1004000,W1004999,Colt,,2017\n'
    "4,ДТ7555,,Izhmash,7.62x39,1964\n"
)
RECOVERIES = (
    "recovery_id,serial,manufacturer,markings\n"
    "R1,W1OO4340,Colt,\nR2,000123,,\nR3,W1004777,,\nR4,ZZ9988776,,\nR5,W1[,,\nR6,,,\nR7,*7555,,\n"
)


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    reg, rec = tmp_path / "reg.csv", tmp_path / "rec.csv"
    reg.write_text(REGISTRY, encoding="utf-8")
    rec.write_text(RECOVERIES, encoding="utf-8")
    return reg, rec


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_xref_files_writes_the_exact_form(files: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    summary = xref_files(*files, out, limit=2)
    header = "recovery_id,rank,record_id,probability,same_as,explanation"
    assert out.read_text(encoding="utf-8").splitlines()[0] == header
    rows = _rows(out)
    by = {}
    for r in rows:
        by.setdefault(r["recovery_id"], []).append(r)
    assert by["R1"][0]["record_id"] == "2"  # W100-4340 read with O for 0
    assert by["R2"][0]["record_id"] == "1"  # leading zeros kept: serials are read as strings
    assert by["R3"][0]["record_id"] == "3"  # inside the range record
    assert by["R7"][0]["record_id"] == "4"
    assert "R4" not in by and "R5" not in by and "R6" not in by
    assert all(len(v) <= 2 for v in by.values())
    assert all([int(r["rank"]) for r in v] == list(range(1, len(v) + 1)) for v in by.values())
    assert all(0.001 <= float(r["probability"]) <= 1 and r["explanation"] for r in rows)
    assert summary["recoveries"] == 7 and summary["invalid"] == 2 and summary["candidates"] == len(rows)
    assert summary["matched"] >= 3


def test_min_probability_leaves_rows_out(files: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    xref_files(*files, out, limit=5, min_probability=0.9)
    assert all(float(r["probability"]) >= 0.9 for r in _rows(out))


def test_parquet_and_missing_columns(files: tuple[Path, Path], tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    reg = tmp_path / "reg.parquet"
    pq.write_table(pa.table({"record_id": [1, 2], "serial": [123456, 654321], "year": [2018.0, None]}), reg)
    rec = tmp_path / "rec.csv"
    rec.write_text("recovery_id,serial\na,123456\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    xref_files(reg, rec, out)
    assert _rows(out)[0]["record_id"] == "1"
    bad = tmp_path / "bad.csv"
    bad.write_text("id,serial\n1,X\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="record_id"):
        xref_files(bad, rec, out)


def test_cli_xref_and_search(files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    reg, rec = files
    out = tmp_path / "out.csv"
    code = run(["xref", "--registry", str(reg), "--recoveries", str(rec), "--out", str(out), "--json"])
    assert code == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["recoveries"] == 7 and out.exists()
    assert run(["search", "W1OO4340", "--registry", str(reg), "--json"]) == 0
    found = json.loads(capsys.readouterr().out)["candidates"]
    assert found[0]["record_id"] == "2" and found[0]["explanation"][1]["name"] == "serial"
    assert run(["search", "W1[", "--registry", str(reg)]) == 2
    assert "position 3" in capsys.readouterr().err
    assert run(["xref", "--registry", str(reg), "--recoveries", str(tmp_path / "nope.csv"), "--out", str(out)]) == 2


def test_console_script_ends_a_file_batch_with_its_output_whole(files: tuple[Path, Path], tmp_path: Path) -> None:
    """The console script ends a file-form xref without Python's teardown: what it printed, its files and its
    exit handlers' work are all there, and its exit code is the command's."""
    import subprocess
    import sys

    reg, rec = files
    out = tmp_path / "out.csv"
    probe = (
        "import atexit, sys; atexit.register(lambda: sys.stdout.write('handler ran')); "
        "from armstrace.cli import main; sys.argv = ['armstrace', *sys.argv[1:]]; main()"
    )
    args = ["xref", "--registry", str(reg), "--recoveries", str(rec), "--out", str(out), "--json"]
    done = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    printed, _, after = done.stdout.rpartition("}")
    assert json.loads(printed + "}")["candidates"] == len(_rows(out)) > 0
    assert after.strip() == "handler ran"
    assert json.loads(out.with_name("out.model.json").read_text(encoding="utf-8"))["source"]
    args[2] = str(tmp_path / "nope.csv")
    failed = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, timeout=300)
    assert failed.returncode == 2 and "not found" in failed.stderr and failed.stdout.strip() == "handler ran"


def test_file_batch_asks_for_one_blas_thread_unless_told(monkeypatch: pytest.MonkeyPatch) -> None:
    """The file-form xref asks OpenBLAS for one thread a process (its workers fill the cores), and leaves a
    number the user set alone."""
    from armstrace.cli.xref import one_blas_thread

    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    one_blas_thread()
    assert os.environ["OPENBLAS_NUM_THREADS"] == "1"
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "3")
    one_blas_thread()
    assert os.environ["OPENBLAS_NUM_THREADS"] == "3"


def test_forked_workers_give_the_same_rows() -> None:
    import pickle

    import pyarrow as pa

    from armstrace.linkage import Matcher
    from armstrace.linkage.xref import cross_check
    from armstrace.serials import ANY, STAR, parse_query

    q = pickle.loads(pickle.dumps(parse_query("W1?2*")))
    assert q.elements[2] is ANY and q.elements[-1] is STAR  # singletons survive the trip between processes
    serials = [f"W10{i:05d}" for i in range(3000)]
    m = Matcher.from_table(pa.table({"record_id": [str(i) for i in range(3000)], "serial": serials}))
    readings = [s if i % 3 else s[:-1] + "?" for i, s in enumerate(serials[::5])]
    rec = pa.table({"recovery_id": [str(i) for i in range(len(readings))], "serial": readings})
    one = cross_check(m, rec, limit=3, workers=1)
    two = cross_check(m, rec, limit=3, workers=2)
    assert one.rows == two.rows and one.model == two.model
    # OUT.csv's lines made by each part (``as_text``) are the rows' lines, whichever process made them
    from armstrace.linkage.out_rows import row_lines

    for workers in (1, 2):
        text = cross_check(m, rec, limit=3, workers=workers, as_text=True)
        assert text.rows == [] and text.candidates == len(one.rows) and text.matched == one.matched
        assert len(text.lines) == workers
        assert "".join(text.lines) == row_lines([tuple(r.values()) for r in one.rows])


def test_numba_loops_load_beside_the_build_of_a_large_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    """``xref.preload``: no thread for a small batch; for a large one a thread that leaves verification's and
    EM's loops loaded (``kernels.preload``), with the types EM calls them with."""
    from armstrace.linkage import kernels, xref

    assert xref.preload(1_000, 1_000) is None
    monkeypatch.setattr(kernels, "_COMPILED", None)
    monkeypatch.setattr(xref, "_COMPILED_WORK", 100)
    monkeypatch.setattr(xref, "_EM_COMPILED_READINGS", 10)
    thread = xref.preload(10, 10)
    assert thread is not None
    thread.join()
    loops = kernels.loaded()
    assert loops is not None
    for name in ("osa_pairs", "field_sums", "field_descriptive", "group_max", "level_sums"):
        assert getattr(loops, name).signatures, name


def test_a_registry_encoded_while_priming_runs_is_encoded_as_without(files: tuple[Path, Path]) -> None:
    """``descriptor.prime`` in a thread while a registry's descriptive columns are encoded: the same codes."""
    import threading

    from armstrace.linkage import descriptor

    table = read_table(files[0], ("record_id", "serial"))
    before = {f: descriptor.FieldCodes.build(f, table.column(f)) for f in ("manufacturer", "calibre", "year")}
    priming = threading.Thread(target=descriptor.prime)
    priming.start()
    during = {f: descriptor.FieldCodes.build(f, table.column(f)) for f in before}
    priming.join()
    for f, codes in before.items():
        assert during[f].values == codes.values and during[f].codes.tolist() == codes.codes.tolist()


def test_em_statistics_of_parts_add_up_to_the_whole_batch(tmp_path: Path) -> None:
    """The Spark engine estimates the model from per-partition E-step sums: they must give the model
    EM gives on the whole batch at once, however the batch is cut (uneven parts, a part of no readings)."""
    from armstrace.linkage import Matcher
    from armstrace.linkage.em import add_stats, em_features, em_stats, estimate_model, m_step
    from armstrace.linkage.tables import read_table
    from armstrace.linkage.xref import _score_chunk
    from armstrace.synth import generate

    paths = generate(tmp_path / "s", items=2000, seed=5).paths
    m = Matcher.from_file(paths["registry"])
    rec = read_table(paths["recoveries"], ("recovery_id", "serial"))
    from armstrace.linkage import xref

    xref._JOB = xref._Job(
        m, [str(i) for i in range(rec.num_rows)], rec.column("serial").to_pylist(), {}, m.model, 5, 0.0, []
    )
    try:
        scored = [s for _, s in _score_chunk(0, rec.num_rows, None)[0]]
    finally:
        xref._JOB = None
    whole = estimate_model(m, scored, m.model)
    assert whole.source == "em" and whole != m.model
    cuts = [scored[:7], scored[7:61], scored[61:]]
    parts = [f for f in (em_features(c) for c in cuts) if f is not None]
    model = m.model
    for _ in range(10):
        stats = [em_stats(f, model, m.n_items) for f in parts]
        total = stats[0]
        for s in stats[1:]:
            total = add_stats(total, s)
        model = m_step(total, model, m.model)
    # equal to the last bit: a model some ulps off would order candidates of equal probability otherwise
    assert model == whole


def test_small_windows_1252_file_whose_last_byte_is_accented_is_read(tmp_path: Path) -> None:
    """A file shorter than the 64 KiB sample is whole: a byte not UTF-8 at its very end is not a character cut by
    the sample, so the file is Windows-1252 (it was read as UTF-8 and failed)."""
    path = tmp_path / "registry.csv"
    path.write_bytes("record_id,serial,holder\n1,AB123,José".encode("cp1252"))
    assert read_table(path, ("record_id", "serial")).column("holder").to_pylist() == ["José"]
    assert [t.column("holder").to_pylist() for t in registry_batches(path)] == [["José"]]
