"""`armstrace psi …`: check serials against a partner's inventory without either side seeing the other's list."""

from __future__ import annotations

from pathlib import Path

import typer

from .app import JsonOption, app, console, print_json, state

__all__ = ["psi_app"]

psi_app = typer.Typer(
    help="Private set intersection as files: the holder offers its inventory blinded, the requester asks with "
    "its readings blinded, the holder answers (capped and logged), the requester reads its hits. "
    "See docs/sharing.md.",
    no_args_is_help=True,
)
app.add_typer(psi_app, name="psi")

_NEAR = typer.Option(False, "--near", help="Also find readings one edit from an inventory serial.")


def _show(summary: object, as_json: bool, what: str) -> None:
    data = summary.to_dict()  # type: ignore[attr-defined]
    if as_json:
        print_json(data)
        return
    console.print(f"{what} → {data['out']} ({data['bytes']:,} bytes, {data['seconds']:.1f} s)")


@psi_app.command("offer")
def offer(
    registry: Path = typer.Option(..., "--registry", help="Inventory file (CSV or Parquet): record_id, serial."),
    key: Path = typer.Option(..., "--key", help="Holder's key file (created or rotated; keep it private)."),
    out: Path = typer.Option(..., "--out", help="OFFER file to send to the requester."),
    near: bool = _NEAR,
    max_queries: int = typer.Option(10_000, "--max-queries", help="Readings answered under this offer, at most."),
    as_json: JsonOption = False,
) -> None:
    """Holder: blind the inventory under a new key and write OFFER (no serial in it)."""
    from armstrace.sharing import psi_offer

    s = psi_offer(registry, key, out, near=near, max_queries=max_queries)
    _show(s, as_json, f"{s.items:,} serials offered as {s.elements:,} elements")


@psi_app.command("ask")
def ask(
    ctx: typer.Context,
    recoveries: Path = typer.Option(..., "--recoveries", help="Recoveries file: recovery_id, serial."),
    state_file: Path = typer.Option(..., "--state", help="Requester's private state (key and readings)."),
    out: Path = typer.Option(..., "--out", help="ASK file to send to the holder."),
    near: bool = _NEAR,
    as_json: JsonOption = False,
) -> None:
    """Requester: blind the readings under a new key and write ASK (no serial in it)."""
    from armstrace.sharing import psi_ask

    s = psi_ask(recoveries, state_file, out, near=near, requester=state(ctx).settings.agency)
    skipped = f"; {len(s.skipped)} not asked (partial or empty readings)" if s.skipped else ""
    _show(s, as_json, f"{s.items:,} readings asked{skipped}")


@psi_app.command("answer")
def answer(
    key: Path = typer.Option(..., "--key", help="Holder's key file (from psi offer)."),
    ask_file: Path = typer.Option(..., "--ask", help="ASK file from the requester."),
    out: Path = typer.Option(..., "--out", help="ANSWER file to send back."),
    as_json: JsonOption = False,
) -> None:
    """Holder: answer an ask within the offer's budget; every answer and refusal is logged in KEY."""
    from armstrace.sharing import psi_answer

    s = psi_answer(key, ask_file, out)
    _show(s, as_json, f"{s.items:,} readings answered")


@psi_app.command("result")
def result(
    offer_file: Path = typer.Option(..., "--offer", help="OFFER file from the holder."),
    answer_file: Path = typer.Option(..., "--answer", help="ANSWER file from the holder."),
    state_file: Path = typer.Option(..., "--state", help="Requester's private state (from psi ask)."),
    out: Path = typer.Option(..., "--out", help="HITS.csv: recovery_id,serial,hit (exact or near)."),
    as_json: JsonOption = False,
) -> None:
    """Requester: which readings are in the holder's inventory (follow a hit up with a trace request)."""
    from armstrace.sharing import psi_result

    s = psi_result(offer_file, answer_file, state_file, out)
    _show(s, as_json, f"{s.hits.get('exact', 0):,} exact and {s.hits.get('near', 0):,} near hits")
