"""`armstrace synth`: write a synthetic scenario (registry, transfers, incidents, recoveries, truth)."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from .app import JsonOption, app, console, err_console, print_json

__all__ = ["synth"]


@app.command()
def synth(
    out: Path = typer.Option(..., "--out", help="Directory to write the five files into (created if missing)."),
    items: int = typer.Option(20_000, "--items", help="Number of weapons in the registries (up to about 10 million)."),
    seed: int = typer.Option(0, "--seed", help="Random seed: the same seed writes byte-identical files."),
    fmt: str = typer.Option("csv", "--format", help="csv or parquet."),
    recoveries: int = typer.Option(
        None, "--recoveries", help="Number of recovered weapons (default: one per 20 items, at least 60)."
    ),
    as_json: JsonOption = False,
) -> None:
    """Write a synthetic scenario: US-supplied and other registries with realistic defects, custody
    chains, incidents in Pakistan (the Jaffar Express attack among them), recovered weapons with
    misread serials, and truth.csv, the ground truth for tests and benchmarks. Every row is marked
    synthetic=true. See docs/synthetic.md."""
    from armstrace.synth import generate

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
        disable=as_json,
    ) as bar:
        tasks: dict[str, TaskID] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(f"writing {stage}", total=total)
            bar.update(tasks[stage], completed=done)

        scenario = generate(out, items=items, seed=seed, fmt=fmt.lower(), recoveries=recoveries, progress=progress)
    if as_json:
        print_json(scenario.to_dict())
        return
    table = Table(title=f"Synthetic scenario in {scenario.out_dir} (seed {seed})", box=None)
    table.add_column("file")
    table.add_column("rows", justify="right")
    for name, path in scenario.paths.items():
        table.add_row(path.name, f"{scenario.counts[f'{name}_rows']:,}")
    console.print(table)
    c = scenario.counts
    console.print(
        f"{c['item_records']:,} itemised weapons in {c['consignments']:,} consignments, "
        f"{c['range_records']:,} range records, {c['duplicate_rows']:,} duplicate rows; "
        f"{c['recoveries']:,} recoveries at {c['incidents']:,} incidents ({c['absent']:,} absent from every registry)."
    )
