"""The benchmarks need tests/ (its PostgreSQL helper) only for a PostgreSQL run: ``--help`` and SQLite runs
work from anywhere."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
USING_PG = ["anchors", "bench_import", "bench_import_larger", "bench_import_phases", "bench_load"]


def _python(code: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, *code], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def test_the_import_benchmark_runs_as_a_script_from_elsewhere(tmp_path: Path) -> None:
    done = _python([str(ROOT / "benchmarks" / "bench_import.py"), "--help"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert "--postgres" in done.stdout


def test_the_benchmarks_import_without_the_tests_package(tmp_path: Path) -> None:
    imports = "; ".join(f"import benchmarks.{name}" for name in USING_PG)
    code = f"import sys; sys.path.insert(0, {str(ROOT)!r}); sys.modules['tests'] = None; {imports}"
    done = _python(["-c", code], tmp_path)
    assert done.returncode == 0, done.stderr
