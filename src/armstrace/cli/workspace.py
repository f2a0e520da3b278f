"""Workspace commands: init, import, incident."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from armstrace.exceptions import InputError
from armstrace.values import IncidentKind, Visibility

from .app import JsonOption, app, console, err_console, print_json, state
from .tables import fitted_table

import_app = typer.Typer(
    help="Import a file (CSV, XLSX, Parquet or JSON Lines) into the workspace.", no_args_is_help=True
)
incident_app = typer.Typer(
    help="Record and list incidents (where and when weapons were recovered).", no_args_is_help=True
)
app.add_typer(import_app, name="import")
app.add_typer(incident_app, name="incident")

MAP_HELP = "Rename a column of your file to a field: --map serial=SN (repeatable)."


@app.command()
def init(
    ctx: typer.Context,
    agency_name: str = typer.Option(None, "--agency-name", help="Full name of the acting agency."),
    as_json: JsonOption = False,
) -> None:
    """Create a workspace (default ./armstrace.db) or bring an existing one to the current schema."""
    from armstrace.store import Workspace

    settings = state(ctx).settings
    # an agency named at init (--agency or ARMSTRACE_AGENCY) becomes the one later commands act for
    ws = Workspace.create(settings, agency_name=agency_name, make_default=not settings.agency_is_fallback)
    agency = ws.settings.agency
    result = {"database": ws.engine.url.render_as_string(hide_password=True), "agency": agency}
    ws.close()
    if as_json:
        print_json(result)
    else:
        console.print(
            f"Workspace ready at [bold]{result['database']}[/], acting for agency {agency} "
            "(the default for commands that name none).",
        )


def _mapping(items: list[str] | None) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for item in items or []:
        target, sep, column = item.partition("=")
        if not sep or not target.strip() or not column.strip():
            raise InputError(f"--map {item!r}: write it as FIELD=COLUMN, e.g. --map serial=SN")
        mapping[target.strip()] = column.strip()
    return mapping


def _run_import(ctx: typer.Context, kind: str, file: Path, as_json: bool, **options: Any) -> None:
    from armstrace.ingest import import_file

    ws = state(ctx).workspace()
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
        disable=as_json,
    ) as bar:
        checked = bar.add_task(f"checking {file.name}", total=None, rate="")
        stored = bar.add_task("storing", total=None, rate="", visible=False)
        started = dt.datetime.now()

        done = {checked: 0, stored: 0}

        def advance(task: Any, rows: int) -> None:
            done[task] += rows
            seconds = (dt.datetime.now() - started).total_seconds() or 1e-9
            bar.update(task, advance=rows, visible=True, rate=f"{done[task] / seconds:,.0f} rows/s")

        def total(rows: int | None) -> None:
            bar.update(checked, total=rows)
            bar.update(stored, total=rows)

        def waiting() -> None:
            err_console.print("waiting for another import into this database to finish…")

        summary = import_file(
            ws, kind, file, progress=lambda n: advance(checked, n), stored=lambda n: advance(stored, n), total=total,
            waiting=waiting, **options,
        )  # fmt: skip
    if as_json:
        print_json(summary.as_dict())
        return
    table = Table(show_header=False, box=None)
    table.add_row("rows read", f"{summary.rows:,}")
    table.add_row("stored", f"{summary.inserted:,}")
    table.add_row("already present", f"{summary.already_present:,}")
    table.add_row("quarantined", f"{summary.quarantined:,}")
    table.add_row("speed", f"{summary.rows_per_second:,.0f} rows/s")
    console.print(table)
    for warning in summary.warnings:
        console.print(f"[yellow]{warning}[/]")
    if summary.quarantine_file:
        console.print(
            f"[yellow]{summary.quarantined} row(s) were not imported[/]: see {summary.quarantine_file} "
            "(line, field, reason). Fix them and import the file again: rows already stored are skipped."
        )


Mapping = Annotated[list[str] | None, typer.Option("--map", help=MAP_HELP)]
VisibilityOption = Annotated[
    Visibility, typer.Option("--visibility", help="Who may see the rows.", case_sensitive=False)
]
Quarantine = Annotated[
    Path | None, typer.Option("--quarantine", help="Where bad rows go (default ./FILE.quarantine.csv).")
]
Source = Annotated[str, typer.Option("--source", help="Name of the dataset, e.g. 'US transfers to ANDSF'.")]
Provenance = Annotated[str | None, typer.Option("--provenance", help="Where the data come from, for reports.")]


@import_app.command("registry")
def import_registry(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="Registry file: record_id, serial, … (see docs/formats.md).")],
    source: Source,
    provenance: Provenance = None,
    mapping: Mapping = None,
    visibility: VisibilityOption = Visibility.PRIVATE,
    quarantine: Quarantine = None,
    as_json: JsonOption = False,
) -> None:
    """Import weapons known to a registry (transferred, held, lost or stolen)."""
    _run_import(ctx, "registry", file, as_json, source=source, provenance=provenance, mapping=_mapping(mapping),
                visibility=visibility, quarantine=quarantine)  # fmt: skip


@import_app.command("transfers")
def import_transfers(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="Transfers file: transfer_id, from_holder, to_holder, date, …")],
    source: Source,
    provenance: Provenance = None,
    mapping: Mapping = None,
    visibility: VisibilityOption = Visibility.PRIVATE,
    quarantine: Quarantine = None,
    as_json: JsonOption = False,
) -> None:
    """Import custody changes: single items, serial ranges or quantities, with dates and documents."""
    _run_import(ctx, "transfers", file, as_json, source=source, provenance=provenance, mapping=_mapping(mapping),
                visibility=visibility, quarantine=quarantine)  # fmt: skip


@import_app.command("incidents")
def import_incidents(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="Incidents file: incident_id, date, country, … (see docs/formats.md).")],
    mapping: Mapping = None,
    visibility: VisibilityOption = Visibility.PRIVATE,
    quarantine: Quarantine = None,
    as_json: JsonOption = False,
) -> None:
    """Import incidents: where and when weapons were recovered."""
    _run_import(ctx, "incidents", file, as_json, mapping=_mapping(mapping), visibility=visibility,
                quarantine=quarantine)  # fmt: skip


@import_app.command("recoveries")
def import_recoveries(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="Recovered items: recovery_id, serial as read, markings, …")],
    incident: Annotated[
        str | None,
        typer.Option(
            "--incident", help="Incident ID the items were recovered at (otherwise the file's incident_id column)."
        ),
    ] = None,
    mapping: Mapping = None,
    visibility: VisibilityOption = Visibility.PRIVATE,
    quarantine: Quarantine = None,
    as_json: JsonOption = False,
) -> None:
    """Import recovered items; the serial is kept exactly as read, and markings are identified."""
    _run_import(ctx, "recoveries", file, as_json, incident=incident, mapping=_mapping(mapping),
                visibility=visibility, quarantine=quarantine)  # fmt: skip


@incident_app.command("add")
def incident_add(
    ctx: typer.Context,
    incident_id: str = typer.Argument(..., help="Your identifier for the incident, e.g. JE-2025-03-11."),
    date: str = typer.Option(..., "--date", help="Date, YYYY-MM-DD."),
    country: str = typer.Option(..., "--country", help="ISO 3166-1 alpha-2 code, e.g. PK."),
    place: str = typer.Option(None, "--place", help="Place name."),
    admin1: str = typer.Option(None, "--admin1", help="Province or state."),
    admin2: str = typer.Option(None, "--admin2", help="District."),
    latitude: float = typer.Option(None, "--lat", help="Latitude, WGS84 decimal degrees."),
    longitude: float = typer.Option(None, "--lon", help="Longitude, WGS84 decimal degrees."),
    kind: IncidentKind | None = typer.Option(None, "--kind", help="Kind of incident.", case_sensitive=False),
    title: str = typer.Option(None, "--title", help="Short title."),
    description: str = typer.Option(None, "--description", help="What happened."),
    visibility: VisibilityOption = Visibility.PRIVATE,
    as_json: JsonOption = False,
) -> None:
    """Record one incident."""
    from armstrace.records import add_incident

    incident = add_incident(
        state(ctx).workspace(),
        incident_id,
        date=date,
        country=country,
        place=place,
        admin1=admin1,
        admin2=admin2,
        latitude=latitude,
        longitude=longitude,
        kind=kind,
        title=title,
        description=description,
        visibility=visibility,
    )
    if as_json:
        print_json(incident)
    else:
        console.print(
            f"Incident [bold]{incident['incident_id']}[/] recorded ({incident['date']}, {incident['country']})."
        )
        if len(date.strip()) < len("YYYY-MM-DD"):  # 2025-03 or 2025: the stored day is a placeholder
            console.print(f"The date was given as {date.strip()}: the day stored is the first of that period.")


@incident_app.command("list")
def incident_list(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """List the incidents your agency may see, newest first, with their recovered items."""
    from armstrace.records import list_incidents

    rows = list_incidents(state(ctx).workspace())
    if as_json:
        print_json(rows)
        return
    table = fitted_table(
        ("incident", "date", "country", "place", "items", "title"),
        [(r["incident_id"], r["date"], r["country"], r["place"], r["recoveries"], r["title"]) for r in rows],
        keys=("incident",),
        drop=("title", "country"),
        console=console,
    )
    console.print(table)


@app.command()
def demo(
    out: Path = typer.Option(Path("armstrace-demo"), "--out", help="Folder for the workspace, data and reports."),
    items: int = typer.Option(20_000, "--items", help="Registry size of the synthetic scenario."),
    seed: int = typer.Option(2025, "--seed", help="Seed of the synthetic scenario."),
    as_json: JsonOption = False,
) -> None:
    """Run the synthetic Jaffar Express case end to end and write its report.

    Builds a fresh workspace in --out from a synthetic scenario, imports it, identifies the recovered
    weapons, matches their serials, sends and answers a trace request, analyses custody and diversion,
    and writes the incident report and the overview (HTML and PDF). All data are synthetic.
    """
    from armstrace.demo import run_demo

    with console.status("starting", spinner="dots") as status:

        def step(message: str) -> None:
            if not as_json:
                console.print(f"[dim]•[/] {message}")
            status.update(message)

        result = run_demo(out, items=items, seed=seed, step=step)
    if as_json:
        print_json({"out": result.out_dir, "database": result.database, "reports": result.reports,
                    "figures": result.figures, "seconds": round(result.seconds, 1)})  # fmt: skip
        return
    console.print(f"\n[bold green]Done[/] in {result.seconds:.0f} s. Synthetic data — not a real case.")
    for path in result.reports:
        console.print(f"  report: [bold]{path}[/]")
    console.print(f"  workspace: {result.database}  (try: armstrace --db {result.database} incident list)")
