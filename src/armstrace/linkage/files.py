"""Cross-checking files: a recoveries file against a registry file, the exact form written to OUT.csv with
the model the batch estimated beside it (``xref.model_path``). Kept apart from ``xref`` (the algorithm over
tables), which the ``Matcher`` itself calls, so that neither imports the other late."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from .matcher import Matcher
from .tables import read_table
from .xref import RECOVERY_REQUIRED, Progress, cross_check, model_path, write_rows

__all__ = ["xref_files"]


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
) -> dict[str, Any]:
    """Cross-check a recoveries file against a registry file and write OUT.csv; return the summary."""
    started = time.perf_counter()
    matcher = Matcher.from_file(registry, ignore_embedded_letters=ignore_embedded_letters)
    rec = read_table(recoveries, RECOVERY_REQUIRED, "recoveries")
    result = cross_check(
        matcher,
        rec,
        limit=limit,
        min_probability=min_probability,
        estimate=estimate,
        progress=progress,
        workers=workers,
    )
    write_rows(out, result.rows)
    sidecar = model_path(out)
    sidecar.write_text(json.dumps(result.model.as_dict(), indent=2) + "\n", encoding="utf-8")
    summary = result.summary()
    summary.update(
        seconds=round(time.perf_counter() - started, 3),
        registry_records=len(matcher),
        out=str(out),
        model_file=str(sidecar),
    )
    return summary
