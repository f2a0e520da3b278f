"""`armstrace ammo`: recovered ammunition, and the lot transfers a recovered lot or headstamp can come from."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import typer
from rich.table import Table

from .app import JsonOption, app, console, print_json, state

ammo_app = typer.Typer(help="Recovered ammunition: lots, headstamps and the lot transfers they match.",
                       no_args_is_help=True)  # fmt: skip
app.add_typer(ammo_app, name="ammo")


@ammo_app.command("add")
def add(
    ctx: typer.Context,
    incident: str = typer.Argument(..., help="The incident's code."),
    code: str = typer.Argument(..., help="This item's code at the incident (e.g. A-1)."),
    lot: str | None = typer.Option(None, "--lot", help="The lot number as read (packaging label or case)."),
    headstamp: str | None = typer.Option(None, "--headstamp", help="The headstamp as read, e.g. 'LC 12'."),
    calibre: str | None = typer.Option(None, "--calibre", help="Calibre, e.g. 5.56x45mm (else from the headstamp)."),
    year: int | None = typer.Option(None, "--year", help="Production year (else from the headstamp)."),
    maker: str | None = typer.Option(None, "--maker", help="Manufacturer (else from the headstamp)."),
    quantity: int | None = typer.Option(None, "--quantity", help="Rounds recovered."),
    packaging: str | None = typer.Option(None, "--packaging", help="The packaging label's text as read."),
    as_json: JsonOption = False,
) -> None:
    """Record recovered cartridges or their packaging: lot, headstamp (identified), calibre, year, quantity."""
    from armstrace.ammunition import record_ammunition

    with state(ctx).acting() as (s, actor):
        r = record_ammunition(s, actor, incident, code, lot=lot, headstamp=headstamp, calibre=calibre, year=year,
                              manufacturer=maker, quantity=quantity, packaging=packaging)  # fmt: skip
        out = {"id": r.id, "incident": incident, "recovery_code": r.recovery_code, "manufacturer": r.manufacturer,
               "calibre": r.calibre, "year": r.year, **(r.attributes or {})}  # fmt: skip
    if as_json:
        print_json(out)
        return
    console.print(f"{incident}/{code} recorded: ammunition {out['calibre'] or '?'} by {out['manufacturer'] or '?'}, "
                  f"{out['year'] or '?'}, lot {out.get('lot') or '?'}")  # fmt: skip


def _show(found: Any, as_json: bool, title: str) -> None:
    if as_json:
        print_json(found.as_dict())
        return
    table = Table("#", "p", "lot", "calibre", "year", "transferred to", "date", "rounds", title=title)
    for i, c in enumerate(found.candidates, 1):
        r = c.record
        table.add_row(str(i), f"{c.probability:.1%}", r.lot or "", r.calibre or "", str(r.year or ""),
                      f"{r.to_holder or ''} ({r.to_country or '?'})", str(r.date or ""),
                      f"{r.quantity:,}" if r.quantity else "")  # fmt: skip
    console.print(table)
    for i, c in enumerate(found.candidates, 1):
        console.print(f"{i}. {c.text}")
    console.print(f"not in these records: {found.absent_probability:.1%} ({found.searched} lot records searched)")


@ammo_app.command("match")
def match(
    ctx: typer.Context,
    recovery: str = typer.Argument(..., help="The recovered ammunition: INCIDENT/CODE or its number."),
    limit: int = typer.Option(5, "--limit", min=1, help="Most candidates to show."),
    as_json: JsonOption = False,
) -> None:
    """The lot transfers recovered ammunition can come from, each with a probability and why."""
    from armstrace.ammunition import match_recovered_lot

    with state(ctx).acting() as (s, actor):
        _show(match_recovered_lot(s, actor, recovery, limit=limit), as_json, f"lot candidates for {recovery}")


@ammo_app.command("search")
def search(
    ctx: typer.Context,
    lot: str | None = typer.Option(None, "--lot", help="The lot as read; ? for a character that cannot be read."),
    headstamp: str | None = typer.Option(None, "--headstamp", help="The headstamp as read."),
    calibre: str | None = typer.Option(None, "--calibre"),
    year: int | None = typer.Option(None, "--year"),
    limit: int = typer.Option(5, "--limit", min=1),
    as_json: JsonOption = False,
) -> None:
    """Match a lot or headstamp as read (not recorded yet) against the lot transfers your agency may see."""
    from armstrace.ammunition import lot_records
    from armstrace.linkage.lots import LotReading, match_lot

    reading = LotReading(lot=lot, headstamp=headstamp, calibre=calibre, year=year)
    with state(ctx).acting() as (s, actor):
        _show(match_lot(reading, lot_records(s, actor.scope), limit=limit), as_json, "lot candidates")


@ammo_app.command("lots")
def lots(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Lots recovered at several incidents: the same consignment of ammunition turning up again."""
    from armstrace.ammunition import lots_across_incidents

    with state(ctx).acting() as (s, actor):
        found = lots_across_incidents(s, actor)
    if as_json:
        print_json(found)
        return
    line: Callable[[dict[str, Any]], str] = lambda t: f"{t['to_holder']} ({t['to_country'] or '?'}) {t['date'] or ''}"  # noqa: E731
    table = Table("lot", "calibre", "year", "incidents", "transferred to")
    for g in found:
        table.add_row(g["lot"] or "", g["calibre"] or "", str(g["year"] or ""), ", ".join(g["incidents"]),
                      "; ".join(line(t) for t in g["transfers"]))  # fmt: skip
    console.print(table if found else "no recovered lot matched a lot transfer")
