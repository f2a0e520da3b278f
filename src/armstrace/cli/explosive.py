"""`armstrace explosive`: recovered explosives and IED components, and the supply records they can come from."""

from __future__ import annotations

from typing import Any

import typer
from rich.table import Table

from .app import JsonOption, app, console, print_json, state

explosive_app = typer.Typer(
    help="Explosives and IED components: marks, lot and date-shift codes, and the supply records they match.",
    no_args_is_help=True,
)
app.add_typer(explosive_app, name="explosive")
_KINDS = "detonator, detonating-cord, commercial-explosive, military-explosive, booster, fuze, initiator"


@explosive_app.command("add")
def add(
    ctx: typer.Context,
    incident: str = typer.Argument(..., help="The incident's code."),
    code: str = typer.Argument(..., help="This item's code at the incident (e.g. EXP-1)."),
    component: str = typer.Option(..., "--component", help=f"What it is: {_KINDS}."),
    maker: str | None = typer.Option(None, "--maker", help="Manufacturer, as the marks name it."),
    marks: str | None = typer.Option(None, "--marks", help="The manufacturer's marks as printed or stamped."),
    lot: str | None = typer.Option(None, "--lot", help="The lot number as read."),
    date_shift: str | None = typer.Option(None, "--date-shift", help="The date-shift code as read, e.g. 14MAR24A."),
    year: int | None = typer.Option(None, "--year", help="Year of manufacture (else from the date-shift code)."),
    quantity: float | None = typer.Option(None, "--quantity", help="Units, metres of cord or kg of explosive."),
    packaging: str | None = typer.Option(None, "--packaging", help="The packaging label's text as read."),
    as_json: JsonOption = False,
) -> None:
    """Record a recovered component or its packaging: kind, maker's marks, lot or date-shift code, quantity."""
    from armstrace.explosives import record_component

    with state(ctx).acting() as (s, actor):
        r = record_component(s, actor, incident, code, component=component, manufacturer=maker, marks=marks,
                             lot=lot, date_shift=date_shift, year=year, quantity=quantity,
                             packaging=packaging)  # fmt: skip
        out = {"id": r.id, "incident": incident, "recovery_code": r.recovery_code, "manufacturer": r.manufacturer,
               "year": r.year, "marks": r.markings, **(r.attributes or {})}  # fmt: skip
    if as_json:
        print_json(out)
        return
    made = f", made {out['manufactured']} shift {out.get('shift') or '?'}" if out.get("manufactured") else ""
    console.print(f"{incident}/{code} recorded: {out['component']} by {out['manufacturer'] or '?'}, "
                  f"code {out.get('lot') or out.get('date_shift') or '?'}{made}")  # fmt: skip


def _show(found: Any, as_json: bool, title: str) -> None:
    if as_json:
        print_json(found.as_dict())
        return
    table = Table("#", "p", "code", "component", "maker", "from", "to", "date", "quantity", title=title)
    for i, c in enumerate(found.candidates, 1):
        r = c.record
        table.add_row(str(i), f"{c.probability:.1%}", r.lot or "", r.calibre or "", r.manufacturer or "",
                      r.from_holder or "", f"{r.to_holder or ''} ({r.to_country or '?'})", str(r.date or ""),
                      f"{r.quantity:,}" if r.quantity else "")  # fmt: skip
    console.print(table)
    for i, c in enumerate(found.candidates, 1):
        console.print(f"{i}. {c.text}")
    console.print(f"not in these records: {found.absent_probability:.1%} ({found.searched} supply records searched)")


@explosive_app.command("match")
def match(
    ctx: typer.Context,
    recovery: str = typer.Argument(..., help="The recovered component: INCIDENT/CODE or its number."),
    limit: int = typer.Option(5, "--limit", min=1, help="Most candidates to show."),
    as_json: JsonOption = False,
) -> None:
    """The supply records a recovered component can come from, each with a probability and why."""
    from armstrace.explosives import match_recovered_component

    with state(ctx).acting() as (s, actor):
        found = match_recovered_component(s, actor, recovery, limit=limit)
        _show(found, as_json, f"supply records for {recovery}")


@explosive_app.command("search")
def search(
    ctx: typer.Context,
    code: str | None = typer.Option(None, "--code", help="A lot or date-shift code as read; ? = unreadable."),
    component: str | None = typer.Option(None, "--component", help=f"One of: {_KINDS}."),
    maker: str | None = typer.Option(None, "--maker"),
    year: int | None = typer.Option(None, "--year"),
    limit: int = typer.Option(5, "--limit", min=1),
    as_json: JsonOption = False,
) -> None:
    """Match a code as read (not recorded yet) against the supply records your agency may see."""
    from armstrace.explosives import component_records, match_component
    from armstrace.linkage.lots import LotReading

    reading = LotReading(lot=code, calibre=component, manufacturer=maker, year=year)
    with state(ctx).acting() as (s, actor):
        _show(match_component(reading, component_records(s, actor.scope), limit=limit), as_json, "supply records")
