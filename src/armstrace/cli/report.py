"""`armstrace report`: the investigation report of one incident, or the overview, as HTML and PDF.

armstrace report --incident JE-2025-03-11 [--out reports] [--format html|pdf|both] [--json]
armstrace report --overview [--out reports] [--format both]
"""

from __future__ import annotations

from contextlib import nullcontext
from pathlib import Path

import typer

from armstrace.exceptions import InputError

from .app import JsonOption, app, console, print_json, state

_FORMATS = {"html": ("html",), "pdf": ("pdf",), "both": ("html", "pdf")}


@app.command("report")
def report(
    ctx: typer.Context,
    incident: str | None = typer.Option(None, "--incident", "-i", help="Code of the incident to report on."),
    overview: bool = typer.Option(False, "--overview", help="Report across every incident your agency may see."),
    out: Path = typer.Option(Path("reports"), "--out", "-o", help="Folder to write the report files into."),
    fmt: str = typer.Option("both", "--format", "-f", help="html, pdf or both."),
    as_json: JsonOption = False,
) -> None:
    """Write an investigation report (HTML, PDF) with matches, custody, maps and charts.

    Only records your agency may see are used; every page is marked when any record shown is synthetic.
    """
    if (incident is None) == (not overview):
        raise InputError("give exactly one of --incident CODE or --overview")
    formats = _FORMATS.get(fmt.lower())
    if formats is None:
        raise InputError(f"--format {fmt!r}: use html, pdf or both")
    from armstrace.report import incident_report, overview_report

    cli = state(ctx)
    ws = cli.workspace()
    agency_id = ws.agency().id
    with console.status("Writing the report…") if not as_json else nullcontext():
        if incident is not None:
            paths = incident_report(ws, incident, out, agency_id=agency_id, formats=formats)
        else:
            paths = overview_report(ws, out, agency_id=agency_id, formats=formats)
    if as_json:
        print_json({"paths": [str(p) for p in paths]})
        return
    for p in paths:
        console.print(f"wrote [bold]{p}[/]")
