"""`armstrace xref`: cross-check recoveries against a registry in one batch."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from .app import JsonOption, app, console, end_without_teardown, err_console, print_json, state


@app.command()
def xref(
    ctx: typer.Context,
    registry: Path | None = typer.Option(
        None, "--registry", help="Registry file (CSV or Parquet): record_id, serial[, serial_end, …]."
    ),
    recoveries: Path | None = typer.Option(
        None, "--recoveries", help="Recoveries file (CSV or Parquet): recovery_id, serial[, …]."
    ),
    out: Path | None = typer.Option(
        None,
        "--out",
        help="Output CSV: recovery_id,rank,record_id,probability,same_as,explanation; same_as names the rank "
        "of the same weapon's first row when one weapon is recorded twice (its probability counts once). "
        "--engine spark: a name not ending in .csv is a Parquet directory.",
    ),
    limit: int = typer.Option(5, "--limit", min=1, help="Most candidates per recovery."),
    min_probability: float | None = typer.Option(
        None,
        "--min-probability",
        min=0.0,
        max=1.0,
        help="Leave out candidates below this probability (default: none in the file form, where --limit "
        "bounds the rows and a reading's best candidates stay listed however improbable; 0.001 for the "
        "workspace's stored matches).",
    ),
    no_estimate: bool = typer.Option(
        False, "--no-estimate", help="Keep the documented prior instead of estimating the model (EM)."
    ),
    ignore_embedded_letters: bool = typer.Option(
        False, "--ignore-embedded-letters", help="Ignore letters between digits (369J257 matches 369257)."
    ),
    workers: int = typer.Option(
        2, "--workers", min=1, help="Processes for the file form (forked; they share the index)."
    ),
    engine: str = typer.Option(
        "local", "--engine", help="File form only: local (this process, --workers) or spark (see --master)."
    ),
    master: str | None = typer.Option(
        None,
        "--master",
        help="--engine spark: the Spark master URL (local[2], spark://host:7077, yarn; "
        "default ARMSTRACE_SPARK_MASTER or local[2]).",
    ),
    executor_memory: str | None = typer.Option(
        None,
        "--executor-memory",
        help="--engine spark: memory per executor, e.g. 8g (default ARMSTRACE_SPARK_EXECUTOR_MEMORY).",
    ),
    driver_memory: str | None = typer.Option(
        None,
        "--driver-memory",
        help="--engine spark: the driver's memory, e.g. 6g for 10M records (default ARMSTRACE_SPARK_DRIVER_MEMORY).",
    ),
    partitions: int | None = typer.Option(
        None, "--partitions", min=1, help="--engine spark: split the recoveries into this many partitions."
    ),
    shards: int | None = typer.Option(
        None,
        "--shards",
        min=1,
        help="--engine spark: cut the registry into this many shards by series; a worker holds one "
        "(default ARMSTRACE_SPARK_SHARDS or 4).",
    ),
    as_json: JsonOption = False,
) -> None:
    """Cross-check recovered weapons against a registry: every plausible candidate with its probability.

    File form: `armstrace xref --registry REG --recoveries REC --out OUT.csv`. Without --registry, the
    workspace's recoveries are compared with its items and the candidates stored as matches
    (incremental: only new recoveries or new registry rows are compared again).
    """
    from armstrace.exceptions import InputError

    if engine not in ("local", "spark"):
        raise InputError(f"--engine must be local or spark (got {engine!r})")
    if engine != "spark" and (master or executor_memory or driver_memory or partitions or shards):
        raise InputError(
            "--master, --executor-memory, --driver-memory, --partitions and --shards go with --engine spark"
        )
    if registry is None:
        if engine != "local":
            raise InputError("--engine spark goes with --registry (the file form)")
        if recoveries is not None or out is not None:
            raise InputError("--recoveries and --out go with --registry (the file form)")
        from armstrace.identify.vocabulary import use_cache
        from armstrace.linkage.workspace import xref_workspace

        cli = state(ctx)
        use_cache(cli.settings.cache_dir)  # the workspace's makes and calibres named as last time
        summary = _with_progress(
            as_json,
            lambda p: xref_workspace(
                cli.workspace(),
                cli.settings.agency,
                limit=limit,
                min_probability=0.001 if min_probability is None else min_probability,
                estimate=not no_estimate,
                progress=p,
                ignore_embedded_letters=ignore_embedded_letters,
            ),
        )
    else:
        if recoveries is None or out is None:
            raise InputError("the file form needs --registry, --recoveries and --out")
        one_blas_thread()
        if engine == "spark":
            from armstrace.linkage.spark import xref_spark

            settings = state(ctx).settings
            summary = xref_spark(
                registry,
                recoveries,
                out,
                limit=limit,
                min_probability=min_probability or 0.0,
                estimate=not no_estimate,
                ignore_embedded_letters=ignore_embedded_letters,
                master=master or settings.spark_master,
                executor_memory=executor_memory or settings.spark_executor_memory,
                driver_memory=driver_memory or settings.spark_driver_memory,
                partitions=partitions,
                shards=shards or settings.spark_shards,
                max_range_items=settings.max_range_items,
            )
        else:
            # the files are read (Arrow, without the GIL) while the matcher's modules are imported
            from armstrace.linkage.inputs import Inputs

            inputs = Inputs.start(registry, recoveries)
            from armstrace.identify.vocabulary import use_cache
            from armstrace.linkage import xref_files

            use_cache(state(ctx).settings.cache_dir)  # the registry's makes and calibres named as last time
            summary = _with_progress(
                as_json,
                lambda p: xref_files(
                    registry,
                    recoveries,
                    out,
                    limit=limit,
                    min_probability=min_probability or 0.0,
                    progress=p,
                    estimate=not no_estimate,
                    ignore_embedded_letters=ignore_embedded_letters,
                    workers=workers,
                    max_range_items=state(ctx).settings.max_range_items,
                    inputs=inputs,
                ),
            )
            end_without_teardown()
    if as_json:
        print_json(summary)
        return
    console.print(
        f"{summary['recoveries']:,} recoveries, {summary['candidates']:,} candidates, "
        f"{summary['matched']:,} matched above 0.5, {summary['seconds']:.1f} s"
        + (f"; {summary['invalid']} without a usable serial" if summary.get("invalid") else "")
        + (f" → {summary['out']}" if summary.get("out") else ""),
        soft_wrap=True,  # a path is never broken by an inserted newline: it stays one string to copy
    )
    for warning in summary.get("warnings", []):
        console.print(f"[yellow]warning[/]: {warning}", highlight=False)
    if summary.get("quarantine_file"):
        console.print(
            f"[yellow]{summary['quarantined']:,} recovery row(s) were not matched[/]: see {summary['quarantine_file']}",
            soft_wrap=True,
        )
        for line in summary.get("quarantined_rows", []):
            console.print(f"  {line}", markup=False, highlight=False)
    model = summary.get("model") or {}
    if model:
        rates = ", ".join(f"{k[2:]} {v:.4f}" for k, v in model.items() if k.startswith("p_"))
        console.print(
            f"model ({model.get('source')}): P(in registry) {model.get('prior_in_registry')}, absent weapons "
            f"near the registry's series {model.get('near_registry')} (near misses {model.get('near_miss')}); "
            f"per-character rates: {rates}"
            + (f"; kept in {summary['model_file']}" if summary.get("model_file") else ""),
            soft_wrap=True,
        )
    if not summary["recoveries"]:
        console.print(
            "Nothing to compare: every recovery was compared already, or there is none yet "
            "(`armstrace import recoveries FILE --incident ID`).",
        )


def one_blas_thread() -> None:
    """One OpenBLAS thread a process unless the user set another number, before NumPy loads: the batch's
    matrix products are thin (a candidate row by eight operation costs), and the threads OpenBLAS starts for
    them, one per core in each of the workers that already fill the cores, cost about twenty times the CPU of
    the product itself (the same products, row for row)."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def _with_progress(quiet: bool, run: Callable[[Callable[[int, int], None]], dict[str, Any]]) -> dict[str, Any]:
    columns = (TextColumn("searching"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err_console, transient=True, disable=quiet) as bar:
        task = bar.add_task("xref", total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        return run(advance)
