"""`armstrace peer …`: other armstrace servers this one exchanges trace requests with, signed and pinned."""

from __future__ import annotations

import typer
from rich.table import Table

from .app import JsonOption, app, console, print_json, state

__all__ = ["peer_app"]

peer_app = typer.Typer(
    help="Server-to-server exchange: show this server's identity, pin a partner server's key, push a trace "
    "request to it and deliver the outbox. See docs/sharing.md.",
    no_args_is_help=True,
)
app.add_typer(peer_app, name="peer")


@peer_app.command("identity")
def identity(
    ctx: typer.Context,
    name: str | None = typer.Option(None, "--name", help="Set this server's name (default: the agency code)."),
    as_json: JsonOption = False,
) -> None:
    """This server's name and Ed25519 public key, to give partners out of band (made on first use)."""
    from armstrace.sharing import exchange
    from armstrace.tracing.lifecycle import actor_for

    cli = state(ctx)
    ws = cli.workspace()
    with ws.session() as s:
        if name:
            exchange.set_name(s, actor_for(s, ws.agency(), cli.settings.user), name)
        me = exchange.identity(s, cli.settings.agency)
    if as_json:
        print_json(me)
    else:
        console.print(f"name: {me['name']}\npublic key: {me['public_key']}")


@peer_app.command("add")
def add(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="The partner server's name (from its `peer identity`)."),
    url: str = typer.Option(..., "--url", help="Its base URL, e.g. https://armstrace.example.org"),
    key: str = typer.Option(..., "--key", help="Its public key (from its `peer identity`)."),
    agency: list[str] = typer.Option(..., "--agency", help="An agency code it serves (repeat for more)."),
) -> None:
    """Pin a partner server: messages from it must carry its key's signature, and go to it at URL."""
    from armstrace.sharing import exchange
    from armstrace.tracing.lifecycle import actor_for

    cli = state(ctx)
    ws = cli.workspace()
    with ws.session() as s:
        peer = exchange.add_peer(s, actor_for(s, ws.agency(), cli.settings.user), name, url, key, agency)
        console.print(f"peer {peer.name} at {peer.url} pinned, serving {peer.agencies}")


@peer_app.command("list")
def list_(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Pinned peer servers and how many messages wait for each."""
    from armstrace.sharing import exchange

    with state(ctx).workspace().session() as s:
        peers = exchange.list_peers(s)
    if as_json:
        print_json(peers)
        return
    table = Table("name", "url", "agencies", "waiting", "public key")
    for p in peers:
        table.add_row(p["name"], p["url"], ",".join(p["agencies"]), str(p["pending"]), p["public_key"])
    console.print(table)


@peer_app.command("push")
def push(ctx: typer.Context, reference: str = typer.Argument(..., help="Trace request reference.")) -> None:
    """Queue a trace request's current state (messages, attachments, answer) for the other party's server."""
    from armstrace.sharing import exchange
    from armstrace.tracing.lifecycle import actor_for

    cli = state(ctx)
    ws = cli.workspace()
    with ws.session() as s:
        msg = exchange.push(s, actor_for(s, ws.agency(), cli.settings.user), reference,
                            server_name=cli.settings.agency)  # fmt: skip
        console.print(f"{reference} queued as message {msg.message_id}")


@peer_app.command("deliver")
def deliver(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Send what is due in the outbox now (`armstrace serve` does this every ARMSTRACE_EXCHANGE_INTERVAL s)."""
    from armstrace.sharing import exchange

    counts = exchange.deliver(state(ctx).workspace())
    if as_json:
        print_json(counts)
    else:
        console.print(f"{counts['delivered']} delivered, {counts['failed']} to retry")
