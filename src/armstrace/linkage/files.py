"""Cross-checking files: a recoveries file against a registry file, the exact form written to OUT.csv with
the model the batch estimated beside it (``xref.model_path``). Kept apart from ``xref`` (the algorithm over
tables), which the ``Matcher`` itself calls, so that neither imports the other late."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from pathlib import Path
from typing import Any

from armstrace.exceptions import InputError
from armstrace.settings import DEFAULT_MAX_RANGE_ITEMS

from .descriptor import prime
from .input_checks import encoding_note, quarantine
from .inputs import Inputs
from .matcher import Matcher
from .out_rows import OUT_COLUMNS, header_line, row_lines
from .xref import Progress, cross_check, model_path, preload

__all__ = ["write_lines", "write_rows", "xref_files"]


def xref_files(
    registry: str | Path,
    recoveries: str | Path,
    out: str | Path,
    limit: int = 5,
    min_probability: float = 0.0,
    progress: Progress | None = None,
    *,
    estimate: bool = True,
    ignore_embedded_letters: bool = False,
    workers: int = 1,
    max_range_items: int | None = DEFAULT_MAX_RANGE_ITEMS,
    inputs: Inputs | None = None,
) -> dict[str, Any]:
    """Cross-check a recoveries file against a registry file and write OUT.csv; return the summary.
    ``inputs``: the two files' reads, started already (``Inputs.start``: ``armstrace xref`` starts them before
    it imports the matcher)."""
    started = time.perf_counter()
    reading = inputs or Inputs.start(registry, recoveries)
    priming = threading.Thread(target=_prime, daemon=True)  # Python work, while Arrow reads the files
    priming.start()
    files = reading.result()
    table, read, rec, bad = files.registry, files.recoveries, files.usable, files.bad
    loading = preload(table.num_rows, rec.num_rows)
    matcher = Matcher._from_clean(
        table, Path(registry), ignore_embedded_letters=ignore_embedded_letters, max_range_items=max_range_items
    )
    for thread in (priming, loading):  # done before the workers fork: no thread is mid-way in a fork
        if thread is not None:
            thread.join()
    result = cross_check(
        matcher,
        rec,
        limit=limit,
        min_probability=min_probability,
        estimate=estimate,
        progress=progress,
        workers=workers,
        as_text=True,
    )
    write_lines(out, result.lines)
    sidecar = model_path(out)
    sidecar.write_text(json.dumps(result.model.as_dict(), indent=2) + "\n", encoding="utf-8")
    summary = result.summary()
    summary.update(quarantine(out, read, Path(recoveries), bad, result.invalid))
    notes = [n for n in (encoding_note(registry, "registry"), encoding_note(recoveries, "recoveries")) if n]
    if notes:
        summary["warnings"] = notes
    summary.update(
        seconds=round(time.perf_counter() - started, 3),
        registry_records=len(matcher),
        out=str(out),
        model_file=str(sidecar),
    )
    return summary


def _prime() -> None:
    """``descriptor.prime`` in a thread: an error is left to the build, which reads the same tables and
    raises it where the user sees it."""
    with contextlib.suppress(Exception):
        prime()


def write_rows(out: str | Path, rows: list[dict[str, Any]]) -> None:
    """OUT.csv: the rows (dicts keyed by ``OUT_COLUMNS``) as ``csv.writer`` writes them."""
    write_lines(
        out,
        [row_lines([tuple(r[c] for c in OUT_COLUMNS) for r in rows])],
    )


def write_lines(out: str | Path, parts: list[str]) -> None:
    """OUT.csv: its header, then the parts' lines (``out_rows.row_lines``) as they are, in order."""
    path = Path(out)
    if path.parent and not path.parent.exists():
        raise InputError(f"output directory does not exist: {path.parent}")
    with path.open("w", newline="", encoding="utf-8") as fh:
        fh.write(header_line())
        for part in parts:
            fh.write(part)
