"""`armstrace trace …`: create, send, follow and answer trace requests; exchange them as JSON; print the form."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from armstrace.exceptions import InputError
from armstrace.values import Priority, TraceStatus

from .app import JsonOption, app, console, print_json, state
from .rendering import print_trace
from .tables import fitted_table

if TYPE_CHECKING:
    from armstrace.tracing import TraceRequestView

__all__ = ["trace_app"]

trace_app = typer.Typer(
    help="Trace requests to the state of manufacture or last import: create from recoveries, send, "
    "acknowledge, answer with a custody chain, close; exchange with the other party as JSON; print the form.",
    no_args_is_help=True,
)
app.add_typer(trace_app, name="trace")


def _date(value: str | None, option: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise InputError(f"{option}: {value!r} is not a date (use YYYY-MM-DD)") from exc


def _show(view: TraceRequestView, as_json: bool, verb: str | None = None) -> None:
    if as_json:
        print_json(view.to_dict())
    else:
        print_trace(view, verb)


@trace_app.command("create")
def create(
    ctx: typer.Context,
    recovery: list[str] = typer.Option(
        ..., "--recovery", "-r", help="Recovery: number, INCIDENT/RECOVERY or code (repeat for several items)."
    ),
    to: str = typer.Option(
        ...,
        "--to",
        help="Recipient: an agency code in this workspace, or the name of a state's tracing desk or a manufacturer.",
    ),
    priority: Priority = typer.Option(
        Priority.ROUTINE, "--priority", help="Days to answer: routine 30, high 14, urgent 7.", case_sensitive=False
    ),
    reason: str = typer.Option(None, "--reason", help="Why this priority (required for high and urgent)."),
    illicit: str = typer.Option(
        None, "--illicit", help="Why the items are considered illicit (default: where they were recovered)."
    ),
    use: str = typer.Option(
        None, "--use", help="Intended use of the answer (default: criminal investigation and prosecution)."
    ),
    country: str = typer.Option(None, "--country", help="Recipient's country (ISO alpha-2)."),
    due: str = typer.Option(None, "--due", help="Due date YYYY-MM-DD (default: set when sent, by priority)."),
    notes: str = typer.Option(None, "--notes", help="Free notes for the recipient."),
    as_json: JsonOption = False,
) -> None:
    """Create a draft trace request about one or more recoveries, filled from identification and matches."""
    from armstrace import tracing

    ws = state(ctx).workspace()
    view = tracing.create_from_recoveries(
        ws,
        recovery,
        to=to,
        priority=priority,
        priority_reason=reason,
        illicit_reason=illicit,
        intended_use=use,
        recipient_country=country.upper() if country else None,
        due_date=_date(due, "--due"),
        notes=notes,
    )
    _show(view, as_json, "created as a draft; check it with `armstrace trace show`, then `armstrace trace send`")


@trace_app.command("list")
def list_(
    ctx: typer.Context,
    inbox: bool = typer.Option(False, "--inbox", help="Only requests sent to us."),
    outbox: bool = typer.Option(False, "--outbox", help="Only requests we issued."),
    overdue: bool = typer.Option(False, "--overdue", help="Only sent or acknowledged requests past their due date."),
    status: TraceStatus | None = typer.Option(None, "--status", help="Only this status.", case_sensitive=False),
    as_json: JsonOption = False,
) -> None:
    """List trace requests we issued and received."""
    from armstrace import tracing

    if inbox and outbox:
        raise InputError("--inbox and --outbox exclude each other; give neither for both")
    box = "inbox" if inbox else "outbox" if outbox else None
    views = tracing.list_requests(
        state(ctx).workspace(), box=box, status=status, overdue_on=dt.date.today() if overdue else None
    )
    if as_json:
        print_json([v.to_dict() for v in views])
        return
    rows = [
        (v.reference, v.box, v.status, v.priority, v.requester, v.recipient or v.recipient_name,
         len(v.items), f"[bold red]{v.due_date} overdue[/]" if v.is_overdue() else v.due_date)
        for v in views
    ]  # fmt: skip
    table = fitted_table(("reference", "box", "status", "priority", "from", "to", "items", "due"), rows,
                         keys=("reference",), drop=("box", "priority", "from"), console=console, box=None)  # fmt: skip
    console.print(table if views else "no trace requests")


@trace_app.command("show")
def show(
    ctx: typer.Context,
    reference: str = typer.Argument(..., help="The request's reference."),
    as_json: JsonOption = False,
) -> None:
    """Show a request: parties, items, answer and messages."""
    from armstrace import tracing

    _show(tracing.get(state(ctx).workspace(), reference), as_json)


@trace_app.command("send")
def send(
    ctx: typer.Context,
    reference: str = typer.Argument(...),
    due: str = typer.Option(None, "--due", help="Due date YYYY-MM-DD (default by priority)."),
    as_json: JsonOption = False,
) -> None:
    """Mark a draft as sent (then export it with `trace export` for a recipient in another workspace)."""
    from armstrace import tracing

    view = tracing.send(state(ctx).workspace(), reference, due_date=_date(due, "--due"))
    _show(view, as_json, f"sent, answer due {view.due_date}")


@trace_app.command("ack")
def ack(ctx: typer.Context, reference: str = typer.Argument(...), as_json: JsonOption = False) -> None:
    """Acknowledge receipt of a request (the recipient's act)."""
    from armstrace import tracing

    _show(tracing.acknowledge(state(ctx).workspace(), reference), as_json, "acknowledged")


def _entry(text: str, option: str) -> dict[str, Any]:
    parts = [p.strip() for p in text.split(";")]
    if not parts[0]:
        raise InputError(f"{option} {text!r}: give HOLDER;COUNTRY;DATE[;DOCUMENT]")
    keys = ("holder", "country", "date", "document_ref")
    return {k: v for k, v in zip(keys, parts, strict=False) if v}


@trace_app.command("answer")
def answer_(
    ctx: typer.Context,
    reference: str = typer.Argument(...),
    chain: list[str] = typer.Option(
        None, "--chain", help="One holder of the custody chain, in order: 'HOLDER;COUNTRY;DATE[;DOCUMENT]' (repeat)."
    ),
    last_legal: str = typer.Option(
        None,
        "--last-legal",
        help="The last legal custodian, 'HOLDER;COUNTRY;DATE' (default: the last holder of --chain).",
    ),
    text: str = typer.Option(None, "--text", help="The answer in words."),
    not_found: bool = typer.Option(False, "--not-found", help="We hold no record of the item(s)."),
    file: Path = typer.Option(
        None,
        "--file",
        help='A JSON answer: {"text":…, "items": [{"item": KEY, '
        '"custody_chain": […], "last_legal_custodian": {…}, "found": true}]}.',
    ),
    as_json: JsonOption = False,
) -> None:
    """Answer a request with a custody chain and the last legal custodian."""
    from armstrace import tracing

    ws = state(ctx).workspace()
    if file is not None:
        try:
            doc = json.loads(file.read_text(encoding="utf-8"))
        except OSError as exc:
            raise InputError(f"{file}: cannot read: {exc.strerror}") from exc
        except json.JSONDecodeError as exc:
            raise InputError(f"{file}: not JSON (line {exc.lineno}: {exc.msg})") from exc
        if not isinstance(doc, dict) or not isinstance(doc.get("items", []), list):
            raise InputError(f"{file}: expected an object with an 'items' list")
        items = [
            tracing.ItemAnswer(
                e.get("item"),
                [
                    tracing.CustodyEntry.from_dict(c, f"{file}: items[{n}].custody_chain[{k}]")
                    for k, c in enumerate(e.get("custody_chain") or [])
                ],
                tracing.CustodyEntry.from_dict(e["last_legal_custodian"], f"{file}: items[{n}].last_legal_custodian")
                if e.get("last_legal_custodian")
                else None,
                bool(e.get("found", True)),
                e.get("note"),
            )
            for n, e in enumerate(doc.get("items", []))
        ]
        view = tracing.answer(ws, reference, items=items, text=doc.get("text") or text)
    else:
        view = tracing.answer(
            ws,
            reference,
            custody_chain=[_entry(c, "--chain") for c in chain or []],
            last_legal_custodian=_entry(last_legal, "--last-legal") if last_legal else None,
            text=text,
            found=not not_found,
        )
    _show(view, as_json, "answered; send it back with `armstrace trace export`")


@trace_app.command("close")
def close(
    ctx: typer.Context,
    reference: str = typer.Argument(...),
    note: str = typer.Option(None, "--note", help="A closing note, kept as a message."),
    as_json: JsonOption = False,
) -> None:
    """Close a request (answered, or withdrawn)."""
    from armstrace import tracing

    _show(tracing.close(state(ctx).workspace(), reference, note=note), as_json, "closed")


@trace_app.command("message")
def message(
    ctx: typer.Context,
    reference: str = typer.Argument(...),
    text: str = typer.Argument(..., help="The message."),
    as_json: JsonOption = False,
) -> None:
    """Add a message to a request's correspondence."""
    from armstrace import tracing

    _show(tracing.add_message(state(ctx).workspace(), reference, text), as_json, "message added")


@trace_app.command("attach")
def attach(
    ctx: typer.Context,
    reference: str = typer.Argument(...),
    file: Path = typer.Argument(..., help="A photo of the markings, a scanned shipping record, …"),
    item: str | None = typer.Option(None, "--item", help="The item (INCIDENT/RECOVERY) when the request has several."),
    caption: str | None = typer.Option(None, "--caption", help="What the file shows."),
    as_json: JsonOption = False,
) -> None:
    """Attach a photo or document to an item of a request (either party); it travels with trace export."""
    from armstrace import tracing

    _show(tracing.attach(state(ctx).workspace(), reference, file, item=item, caption=caption), as_json, "file attached")


@trace_app.command("export")
def export(
    ctx: typer.Context,
    reference: str = typer.Argument(...),
    out: Path = typer.Option(..., "--out", help="The JSON file to write (give it to the other party)."),
) -> None:
    """Write a request (with its photos and files, answer and messages) as JSON for the other party's workspace."""
    from armstrace import tracing

    doc = tracing.export_json(state(ctx).workspace(), reference)
    try:
        out.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{out}: cannot write: {exc.strerror}") from exc
    console.print(f"{reference} ({doc['status']}) written to {out}")


@trace_app.command("import")
def import_(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help="A JSON file from `armstrace trace export`."),
    as_json: JsonOption = False,
) -> None:
    """Bring in a request sent to us (into the inbox), or the other party's answer to ours."""
    from armstrace import tracing

    view, outcome = tracing.import_json(state(ctx).workspace(), file)
    if as_json:
        print_json({"outcome": outcome, "request": view.to_dict()})
        return
    console.print(f"{view.reference}: {outcome} ({view.box}, status [bold]{view.status}[/])")


@trace_app.command("form")
def form(
    ctx: typer.Context,
    reference: str = typer.Argument(...),
    out: Path = typer.Option(..., "--out", help="The PDF file to write."),
) -> None:
    """Print the request as an A4 PDF form (with photos, answer and signature lines)."""
    from armstrace.tracing import form as tracing_form

    path = tracing_form.render_pdf(state(ctx).workspace(), reference, out)
    console.print(f"{reference}: form written to {path}")
