"""`armstrace notice …`: hit notices — records of yours that other agencies' recoveries matched."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import typer
from rich.table import Table

from .app import JsonOption, app, console, print_json, state

__all__ = ["notice_app"]

notice_app = typer.Typer(
    help="Hit notices: when another agency's recovery matches one of your records you are told (list, ack); "
    "a finder may embargo an incident's notices (embargo, lift); set your threshold and e-mail.",
    no_args_is_help=True,
)
app.add_typer(notice_app, name="notice")


def _in_session(ctx: typer.Context, act: Callable[[Any, Any], Any]) -> Any:
    from armstrace.tracing.lifecycle import actor_for

    cli = state(ctx)
    ws = cli.workspace()
    agency = ws.agency()
    with ws.session() as s:
        return act(s, actor_for(s, agency, cli.settings.user))


@notice_app.command("list")
def list_(
    ctx: typer.Context,
    all_: bool = typer.Option(False, "--all", help="Include acknowledged notices."),
    as_json: JsonOption = False,
) -> None:
    """Notices sent to your agency, newest first."""
    from armstrace.sharing import notices

    views = _in_session(ctx, lambda s, a: notices.list_notices(s, a, include_acknowledged=all_))
    if as_json:
        print_json([v.to_dict() for v in views])
        return
    if not views:
        console.print("No notices.")
        return
    table = Table("#", "record", "serial", "hit by", "when", "p", "recovery", "ack")
    for v in views:
        rec = v.recovery["code"] if v.recovery else "(not shared)"
        table.add_row(str(v.id), str(v.record["record_id"]), str(v.record["serial"]), v.finder["code"], v.hit_at,
                      f"{v.probability:.2f}", rec, v.acknowledged_at or "")  # fmt: skip
    console.print(table)


@notice_app.command("ack")
def ack(ctx: typer.Context, notice_id: int = typer.Argument(..., help="Notice number.")) -> None:
    """Acknowledge a notice (recorded in the audit log)."""
    from armstrace.sharing import notices

    view = _in_session(ctx, lambda s, a: notices.acknowledge(s, a, notice_id))
    console.print(f"notice {view.id} acknowledged")


@notice_app.command("embargo")
def embargo(
    ctx: typer.Context,
    incident: str = typer.Argument(..., help="Your incident's id."),
    reason: str | None = typer.Option(None, "--reason", help="Why (recorded)."),
) -> None:
    """Withhold the notices this incident's recoveries would send, until `notice lift`."""
    from armstrace.sharing import notices

    _in_session(ctx, lambda s, a: notices.embargo(s, a, incident, reason))
    console.print(f"notices of incident {incident} are under embargo")


@notice_app.command("lift")
def lift(ctx: typer.Context, incident: str = typer.Argument(..., help="Your incident's id.")) -> None:
    """End an incident's embargo and send the notices it withheld."""
    from armstrace.sharing import notices

    released = _in_session(ctx, lambda s, a: len(notices.lift_embargo(s, a, incident)))
    console.print(f"embargo on {incident} lifted; {released} withheld notice(s) sent")


@notice_app.command("threshold")
def threshold(ctx: typer.Context, value: float = typer.Argument(..., help="Probability, e.g. 0.5.")) -> None:
    """The match probability at or above which your agency is told of a hit on its records."""
    from armstrace.sharing import notices

    _in_session(ctx, lambda s, a: notices.set_threshold(s, a, value))
    console.print(f"notice threshold set to {value}")


@notice_app.command("email")
def email(ctx: typer.Context, address: str = typer.Argument(..., help='Address ("" turns e-mail off).')) -> None:
    """Where your agency's notices are e-mailed (through ARMSTRACE_SMTP_HOST of the finder's server)."""
    from armstrace.sharing import notices

    _in_session(ctx, lambda s, a: notices.set_email(s, a, address))
    console.print(f"notices will be e-mailed to {address}" if address else "notice e-mail turned off")
