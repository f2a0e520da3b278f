"""The cross-check's inputs: both files read in threads, the same tables and errors as one read after the other,
and a module light enough to start them before the matcher is imported."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from armstrace.exceptions import ImportFileError
from armstrace.linkage.input_checks import refuse_bad_rows, set_aside
from armstrace.linkage.inputs import RECOVERY_REQUIRED, REGISTRY_REQUIRED, Inputs
from armstrace.linkage.tables import read_table


def _files(tmp_path: Path, registry: str, recoveries: str) -> tuple[Path, Path]:
    reg, rec = tmp_path / "registry.csv", tmp_path / "recoveries.csv"
    reg.write_text(registry, encoding="utf-8")
    rec.write_text(recoveries, encoding="utf-8")
    return reg, rec


def test_both_files_read_as_one_after_the_other(tmp_path: Path) -> None:
    reg, rec = _files(
        tmp_path,
        "record_id,serial,manufacturer\nR1, W123 ,Colt\nR2,W124,\n",
        "recovery_id,serial\nX1,W123\nX2,\nX1,W9\n",
    )
    read = Inputs.start(reg, rec).result()
    registry = read_table(reg, REGISTRY_REQUIRED, "registry")
    refuse_bad_rows(registry, "record_id", reg, "registry")
    recoveries = read_table(rec, RECOVERY_REQUIRED, "recoveries")
    usable, bad = set_aside(recoveries, rec)
    assert read.registry.equals(registry)
    assert read.recoveries.equals(recoveries)
    assert read.usable.equals(usable)
    assert read.bad == bad and bad  # the repeated id is set aside, named


def test_the_registry_error_comes_first(tmp_path: Path) -> None:
    reg, rec = _files(tmp_path, "record_id,serial\nR1,W1\nR1,W2\n", "serial\nW1\n")
    with pytest.raises(ImportFileError, match="registry"):
        Inputs.start(reg, rec).result()
    reg.write_text("record_id,serial\nR1,W1\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="recovery_id"):
        Inputs.start(reg, rec).result()


def test_inputs_load_neither_the_matcher_nor_parquet() -> None:
    """A fresh interpreter: the test session has imported everything already."""
    heavy = ("armstrace.linkage.matcher", "armstrace.linkage.xref", "armstrace.linkage.files", "pyarrow.parquet")
    probe = (
        "import sys; import armstrace.linkage.inputs; "
        f"sys.stdout.write(' '.join(m for m in {heavy!r} if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.split() == []


def test_package_names_are_the_real_ones() -> None:
    import armstrace.linkage as linkage
    from armstrace.linkage.files import xref_files
    from armstrace.linkage.matcher import Matcher

    assert linkage.Matcher is Matcher and linkage.xref_files is xref_files
    assert "Matcher" in dir(linkage)
    with pytest.raises(AttributeError):
        _ = linkage.no_such_name


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_a_file_in_many_blocks_reads_as_in_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encoding: str) -> None:
    """Quoted line breaks, quotes and accents across the blocks' edges: the same table as one block reads."""
    from armstrace.linkage import tables

    lines = ["record_id,serial,model,note"]
    for i in range(400):
        note = f'"line {i}\nwith ""quotes"", café"' if i % 7 == 0 else f"plain {i}"
        lines.append(f"R{i}, W{i:05d} ,Modèle {i % 13},{note}")
    path = tmp_path / "registry.csv"
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    whole = tables.read_table(path, REGISTRY_REQUIRED, "registry")
    monkeypatch.setattr(tables, "_SMALLEST_BLOCK", 512)
    monkeypatch.setattr(tables, "_BLOCKS", 40)
    assert tables._block_size(path) < path.stat().st_size // 20
    parts = tables.read_table(path, REGISTRY_REQUIRED, "registry")
    assert parts.column("serial").num_chunks > 1
    assert parts.equals(whole)
    assert parts.column("note")[7].as_py() == 'line 7\nwith "quotes", café'
