"""Key and anchor commands: `key rotate`, `key show`, `audit anchor`."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import typer

from armstrace.exceptions import InputError

from .admin import audit_app
from .app import JsonOption, app, console, print_json, state

key_app = typer.Typer(help="The workspace's secrets, kept outside the database: session keys.", no_args_is_help=True)
app.add_typer(key_app, name="key")

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def _duration(text: str) -> dt.timedelta:
    """``90s``, ``30m``, ``12h``, ``2d`` or ``0``."""
    text = text.strip().lower()
    number, unit = (text[:-1], text[-1]) if text and text[-1] in _UNITS else (text, "s")
    try:
        value = float(number)
    except ValueError:
        value = -1.0
    if value < 0:
        raise InputError(f"--grace {text!r}: write a duration such as 0, 90s, 30m, 12h or 2d")
    return dt.timedelta(seconds=value * _UNITS[unit])


@key_app.command("rotate")
def key_rotate(
    ctx: typer.Context,
    grace: str = typer.Option(
        "1h", "--grace", help="How long cookies signed with the old key still work (0: log everyone out now)."
    ),
    as_json: JsonOption = False,
) -> None:
    """Make a new session signing key; sessions signed with the old one end after the grace period (audited)."""
    from armstrace import auth

    st = state(ctx)
    if st.settings.secret_key:
        raise InputError("the session key comes from ARMSTRACE_SECRET_KEY: change it there to rotate it")
    period = _duration(grace)
    ws = st.workspace()
    with ws.session() as s:
        fresh = auth.rotate_session_key(s, ws.keys, actor=st.settings.user, grace=period)
    result = {"key": fresh.id, "grace_seconds": int(period.total_seconds()), "key_dir": ws.keys.directory}
    if as_json:
        print_json(result)
    else:
        console.print(
            f"New session key {fresh.id}; cookies signed with the previous key work for "
            f"{period} more, then their holders log in again.",
        )


@key_app.command("show")
def key_show(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Where the keys are, the session keys' ids and ends of grace, and the audit public key (no secret)."""
    ws = state(ctx).workspace()
    result = {
        "key_dir": ws.keys.directory,
        "session_keys": [{"id": k.id, "created": k.created, "retires": k.retires} for k in ws.keys.session_keys()],
        "audit_public_key": ws.keys.public_pem(),
    }
    if as_json:
        print_json(result)
        return
    console.print(f"Key folder: {result['key_dir']}")
    for k in ws.keys.session_keys():
        console.print(f"  session key {k.id}: " + ("current" if k.retires is None else f"accepted until {k.retires}"))
    console.print(result["audit_public_key"])


@audit_app.command("anchor")
def audit_anchor(
    ctx: typer.Context,
    export: Path = typer.Option(
        None, "--export", help="Also write every anchor and the public key to this file, for a partner to keep."
    ),
    as_json: JsonOption = False,
) -> None:
    """Sign an anchor of the audit chain's head now (they are also written automatically)."""
    ws = state(ctx).workspace()
    anchor = ws.anchors.anchor_now(ws.engine)
    result: dict[str, object] = {"anchor": anchor.to_dict() if anchor else None, "file": ws.anchors.path}
    if export is not None:
        try:
            fd = os.open(export, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        except OSError as exc:
            raise InputError(
                f"--export {export}: cannot write there ({exc.strerror}); name a file in a folder "
                "that exists and you may write to"
            ) from None
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(json.dumps(ws.anchors.export(), indent=1) + "\n")
        result["export"] = export
    if as_json:
        print_json(result)
    elif anchor is None:
        console.print("Nothing to anchor: the audit log is empty (or the workspace is in memory).")
    else:
        console.print(
            f"Anchor: event {anchor.seq}, head {anchor.head}, signed with key {anchor.key}, in "
            f"{ws.anchors.path}" + (f"; exported to {export}" if export else ""),
            soft_wrap=True,
        )
