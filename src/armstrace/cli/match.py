"""`armstrace match`: the stored candidate matches, and a person's review of one (confirm or reject, with
a reason) — the same rules and audit (``match.review``) as the server's review, from ``armstrace.records``."""

from __future__ import annotations

import typer

from armstrace.values import MatchStatus

from .app import JsonOption, app, console, print_json, state
from .tables import fitted_table

match_app = typer.Typer(
    help="Candidate matches of recoveries to registry records, and their review.", no_args_is_help=True
)
app.add_typer(match_app, name="match")


@match_app.command("list")
def match_list(
    ctx: typer.Context,
    recovery: int | None = typer.Option(None, "--recovery", help="Only the matches of this recovery (its number)."),
    status: MatchStatus | None = typer.Option(None, "--status", help="Only this status.", case_sensitive=False),
    as_json: JsonOption = False,
) -> None:
    """List the stored matches your agency may see, with their numbers (to review one)."""
    from armstrace.records.workspace import list_matches

    rows = list_matches(state(ctx).workspace(), recovery=recovery, status=status)
    if as_json:
        print_json(rows)
        return
    cells = [
        (r["match_id"], r["recovery_id"], r["item_id"], r["rank"], f"{r['probability']:.3f}", r["matched_serial"],
         r["status"])
        for r in rows
    ]  # fmt: skip
    table = fitted_table(
        ("match", "recovery", "item", "rank", "probability", "serial", "status"),
        cells,
        keys=("match",),
        drop=("serial",),
        console=console,
    )
    console.print(table)


@match_app.command("review")
def match_review(
    ctx: typer.Context,
    match_id: int = typer.Argument(..., help="The match's number (`armstrace match list`)."),
    confirm: bool = typer.Option(False, "--confirm", help="The recovery is this registry record."),
    reject: bool = typer.Option(False, "--reject", help="The recovery is not this registry record."),
    reopen: bool = typer.Option(False, "--reopen", help="Undo an earlier decision: a candidate again."),
    reason: str | None = typer.Option(None, "--reason", help="Why: kept with the decision and in the audit log."),
    as_json: JsonOption = False,
) -> None:
    """Confirm or reject a candidate match, with your reason: a person decides, never the matcher."""
    from armstrace.exceptions import InputError
    from armstrace.records.workspace import review_match

    chosen = [d for d, on in (("confirmed", confirm), ("rejected", reject), ("candidate", reopen)) if on]
    if len(chosen) != 1:
        raise InputError("say what you decide: one of --confirm, --reject or --reopen")
    row = review_match(state(ctx).workspace(), match_id, chosen[0], reason)
    if as_json:
        print_json(row)
        return
    console.print(f"Match {row['match_id']} {row['status']} by {row['reviewed_by']}.", highlight=False)
