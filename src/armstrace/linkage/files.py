"""Cross-checking files: a recoveries file against a registry file, the exact form written to OUT.csv with
the model the batch estimated beside it (``xref.model_path``). Kept apart from ``xref`` (the algorithm over
tables), which the ``Matcher`` itself calls, so that neither imports the other late."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from armstrace.exceptions import InputError
from armstrace.settings import DEFAULT_MAX_RANGE_ITEMS

from .input_checks import encoding_note, quarantine, set_aside
from .matcher import Matcher
from .tables import read_table
from .xref import OUT_COLUMNS, RECOVERY_REQUIRED, Progress, cross_check, model_path

__all__ = ["write_rows", "xref_files"]


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
) -> dict[str, Any]:
    """Cross-check a recoveries file against a registry file and write OUT.csv; return the summary."""
    started = time.perf_counter()
    matcher = Matcher.from_file(
        registry, ignore_embedded_letters=ignore_embedded_letters, max_range_items=max_range_items
    )
    read = read_table(recoveries, RECOVERY_REQUIRED, "recoveries")
    rec, bad = set_aside(read, Path(recoveries))
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


def write_rows(out: str | Path, rows: list[dict[str, Any]]) -> None:
    """OUT.csv: the rows as ``csv.writer`` writes them (minimal quoting, CRLF), put together as one text and
    written at once (the writer's per-field work cost as much as the explanations)."""
    path = Path(out)
    if path.parent and not path.parent.exists():
        raise InputError(f"output directory does not exist: {path.parent}")
    ids = _csv_column([r["recovery_id"] for r in rows])
    records = _csv_column([r["record_id"] for r in rows])
    texts = [_csv_field(r["explanation"]) for r in rows]
    lines = [",".join(OUT_COLUMNS)]
    lines += [
        f"{rid},{r['rank']},{record},{r['probability']:.6f},{text}"
        for rid, record, text, r in zip(ids, records, texts, rows, strict=True)
    ]
    lines.append("")
    with path.open("w", newline="", encoding="utf-8") as fh:
        fh.write("\r\n".join(lines))


def _csv_column(values: list[str]) -> list[str]:
    """``_csv_field`` of each value; a column with no comma, quote or line break anywhere as it is."""
    joined = "".join(values)
    if "," in joined or '"' in joined or "\n" in joined or "\r" in joined:
        return [_csv_field(v) for v in values]
    return values


def _csv_field(value: str) -> str:
    """A text field as ``csv.writer`` writes it: quoted, its quotes doubled, when it holds a comma, a quote
    or a line break."""
    if "," in value or '"' in value or "\n" in value or "\r" in value:
        return '"' + value.replace('"', '""') + '"'
    return value
