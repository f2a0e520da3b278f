"""Server administration commands: serve; agency add/list; user add/list/disable/enable/password/role;
token create/list/revoke; consent grant/list/revoke; audit verify. The library checks and audits each act."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import typer
from rich.table import Table

from armstrace.exceptions import InputError, IntegrityError
from armstrace.values import Role

from .app import JsonOption, app, console, err_console, print_json, state

agency_app = typer.Typer(
    help="Agencies: the organisations that own records and answer trace requests.", no_args_is_help=True
)
user_app = typer.Typer(help="People who log in to the server, each in one agency with one role.", no_args_is_help=True)
token_app = typer.Typer(help="API tokens for systems that call the server's JSON API.", no_args_is_help=True)
audit_app = typer.Typer(help="The tamper-evident audit log.", no_args_is_help=True)
consent_app = typer.Typer(
    help="Re-sharing: the owner's consent that a partner passes a shared record on.", no_args_is_help=True
)
app.add_typer(agency_app, name="agency")
app.add_typer(consent_app, name="consent")
app.add_typer(user_app, name="user")
app.add_typer(token_app, name="token")
app.add_typer(audit_app, name="audit")

LOG_LEVELS = ("critical", "error", "warning", "info", "debug", "trace")
_HOST = re.compile(r"[A-Za-z0-9.:_%-]+")  # an IPv4 or IPv6 address or a host name, nothing else
_ANCHOR = re.compile(r"[0-9a-f]{64}")


@app.command()
def serve(
    ctx: typer.Context,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (0.0.0.0 for every interface)."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="TCP port."),
    secure_cookies: bool = typer.Option(
        False, "--secure-cookies", help="Mark cookies Secure and send HSTS (when behind HTTPS)."
    ),
    log_level: str = typer.Option("info", "--log-level", help=f"Uvicorn log level: {', '.join(LOG_LEVELS)}."),
) -> None:
    """Run the agency server: JSON API under /api/v1 and the web pages, on this workspace."""
    import uvicorn

    if log_level.lower() not in LOG_LEVELS:
        raise InputError(f"--log-level {log_level!r}: use one of {', '.join(LOG_LEVELS)}")
    if not _HOST.fullmatch(host):
        raise InputError(f"--host {host!r} is not an address or a host name (e.g. 127.0.0.1, 0.0.0.0, ::1)")

    from armstrace.web import create_app

    settings = state(ctx).settings
    web_app = create_app(settings, workspace=state(ctx).workspace(), secure_cookies=secure_cookies)
    if settings.exchange_interval > 0:  # deliver queued messages to peer servers (docs/sharing.md)
        from armstrace.sharing.exchange import Courier

        Courier(state(ctx).workspace(), settings.exchange_interval).start()
    console.print(f"armstrace serving on http://{host}:{port}/ (API: /api/v1, schema: /api/v1/openapi.json)")
    # X-Forwarded-For and -Proto are believed only from the configured proxies (ARMSTRACE_TRUSTED_PROXIES)
    proxies = ",".join(settings.trusted_proxies)
    uvicorn.run(
        web_app,
        host=host,
        port=port,
        log_level=log_level,
        proxy_headers=bool(proxies),
        forwarded_allow_ips=proxies or None,
        server_header=False,
    )


@agency_app.command("add")
def agency_add(
    ctx: typer.Context,
    code: str = typer.Argument(..., help="Short code, e.g. PK-CTD (letters, digits, '-', '_')."),
    name: str = typer.Option(..., "--name", help="Full name of the agency."),
    country: str = typer.Option(None, "--country", help="ISO 3166-1 alpha-2 country code, e.g. PK."),
    kind: str = typer.Option(
        "law_enforcement", "--kind", help="law_enforcement, tracing_desk, manufacturer, monitoring, research."
    ),
    as_json: JsonOption = False,
) -> None:
    """Add an agency to the workspace."""
    from armstrace.auth import create_agency

    st = state(ctx)
    with st.workspace().session() as s:
        agency = create_agency(s, code, name, country=country, kind=kind, actor=st.settings.user)
        result = {"id": agency.id, "code": agency.code, "name": agency.name, "country": agency.country}
    if as_json:
        print_json(result)
    else:
        console.print(f"Agency [bold]{result['code']}[/] ({result['name']}) added.")


@agency_app.command("list")
def agency_list(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """List the agencies and how many users each has."""
    from sqlalchemy import func, select

    from armstrace.model import Agency, User

    with state(ctx).workspace().session() as s:
        rows = s.execute(
            select(Agency.code, Agency.name, Agency.country, Agency.kind, func.count(User.id))
            .outerjoin(User, User.agency_id == Agency.id)
            .group_by(Agency.id)
            .order_by(Agency.code)
        ).all()
    data = [{"code": r[0], "name": r[1], "country": r[2], "kind": r[3], "users": r[4]} for r in rows]
    if as_json:
        print_json(data)
        return
    table = Table("code", "name", "country", "kind", "users")
    for d in data:
        table.add_row(*(str(d[k] or "") for k in ("code", "name", "country", "kind")), str(d["users"]))
    console.print(table)


def _read_password(password_stdin: bool) -> str | None:
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise InputError("--password-stdin: no password on standard input")
        return password
    if not sys.stdin.isatty():
        return None
    return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))


@user_app.command("add")
def user_add(
    ctx: typer.Context,
    username: str = typer.Argument(..., help="Login name."),
    agency: str | None = typer.Option(
        None, "--agency", help="Code of the user's agency (default: the agency you act for)."
    ),
    role: Role = typer.Option(Role.VIEWER, "--role", help="What the user may do.", case_sensitive=False),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="Read the password from standard input (for scripts)."
    ),
    no_password: bool = typer.Option(
        False, "--no-password", help="No password: the user acts only through API tokens."
    ),
    as_json: JsonOption = False,
) -> None:
    """Add a user (the password is prompted for, or read with --password-stdin)."""
    from armstrace.auth import create_user

    password = None if no_password else _read_password(password_stdin)
    if password is None and not no_password:
        raise InputError(
            "no password given: type it at the prompt, pipe it with --password-stdin, "
            "or use --no-password for a token-only user"
        )
    st = state(ctx)
    ws = st.workspace()
    agency = agency or st.settings.agency  # --agency before the command, $ARMSTRACE_AGENCY or the default
    with ws.session() as s:
        user = create_user(s, username, agency_code=agency, role=role, password=password, actor=st.settings.user)
        result = {"id": user.id, "username": user.username, "agency": agency.upper(), "role": user.role}
    if as_json:
        print_json(result)
    else:
        console.print(f"User [bold]{result['username']}[/] added to {result['agency']} as {result['role']}.")


@user_app.command("list")
def user_list(
    ctx: typer.Context,
    agency: str = typer.Option(None, "--agency", help="Only this agency's users."),
    as_json: JsonOption = False,
) -> None:
    """List the users: agency, role, whether enabled, whether they have a password."""
    from armstrace.auth import list_users

    with state(ctx).workspace().session() as s:
        rows = list_users(s, agency_code=agency)
    if as_json:
        print_json(rows)
        return
    table = Table("user", "agency", "role", "enabled", "password")
    for r in rows:
        table.add_row(
            r["username"],
            r["agency"],
            r["role"],
            "yes" if r["active"] else "no",
            "yes" if r["has_password"] else "tokens only",
        )
    console.print(table)


def _user_done(as_json: bool, username: str, message: str, **extra: object) -> None:
    if as_json:
        print_json({"username": username, **extra})
    else:
        console.print(message)


@user_app.command("disable")
def user_disable(
    ctx: typer.Context,
    username: str = typer.Argument(..., help="The user to disable."),
    as_json: JsonOption = False,
) -> None:
    """Disable a user: its sessions end, its password and API tokens are refused until enabled again."""
    from armstrace.auth import set_active

    st = state(ctx)
    with st.workspace().session() as s:
        user = set_active(s, username, False, actor=st.settings.user)
        name = user.username
    _user_done(as_json, name, f"User [bold]{name}[/] disabled.", active=False)


@user_app.command("enable")
def user_enable(
    ctx: typer.Context,
    username: str = typer.Argument(..., help="The user to enable again."),
    as_json: JsonOption = False,
) -> None:
    """Enable a disabled user again."""
    from armstrace.auth import set_active

    st = state(ctx)
    with st.workspace().session() as s:
        user = set_active(s, username, True, actor=st.settings.user)
        name = user.username
    _user_done(as_json, name, f"User [bold]{name}[/] enabled.", active=True)


@user_app.command("password")
def user_password(
    ctx: typer.Context,
    username: str = typer.Argument(..., help="The user whose password is reset."),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="Read the new password from standard input (for scripts)."
    ),
    as_json: JsonOption = False,
) -> None:
    """Reset a user's password (prompted for, or read with --password-stdin); its sessions end."""
    from armstrace.auth import reset_password

    password = _read_password(password_stdin)
    if password is None:
        raise InputError("no password given: type it at the prompt or pipe it with --password-stdin")
    st = state(ctx)
    with st.workspace().session() as s:
        name = reset_password(s, username, password, actor=st.settings.user).username
    _user_done(as_json, name, f"Password of [bold]{name}[/] reset; its sessions ended.", password_reset=True)


@user_app.command("role")
def user_role(
    ctx: typer.Context,
    username: str = typer.Argument(..., help="The user."),
    role: Role = typer.Argument(..., help="The new role.", case_sensitive=False),
    as_json: JsonOption = False,
) -> None:
    """Change a user's role."""
    from armstrace.auth import set_role

    st = state(ctx)
    with st.workspace().session() as s:
        user = set_role(s, username, role, actor=st.settings.user)
        name, new = user.username, user.role
    _user_done(as_json, name, f"User [bold]{name}[/] is now {new}.", role=new)


@consent_app.command("grant")
def consent_grant(
    ctx: typer.Context,
    entity: str = typer.Argument(..., help="incident, recovery, item, transfer or attachment."),
    record_id: int = typer.Argument(..., help="The record's number."),
    partner: str = typer.Option(..., "--partner", help="The agency it is shared with, which may pass it on."),
    to: str = typer.Option(None, "--to", help="The agency it may go to (default: any recipient)."),
    as_json: JsonOption = False,
) -> None:
    """Consent, as the record's owner (--agency), that a partner passes a shared record on."""
    from armstrace.tracing import actor_for, consent

    st = state(ctx)
    ws = st.workspace()
    with ws.session() as s:
        actor = actor_for(s, ws.agency(), st.settings.user)
        row = consent.grant(s, actor, entity, record_id, partner=partner, recipient=to)
        result = next(c for c in consent.consents(s, actor) if c["id"] == row.id)
    if as_json:
        print_json(result)
    else:
        console.print(
            f"Consent {result['id']}: {result['partner']} may pass {entity} {record_id} on to "
            f"{result['recipient'] or 'any recipient'}."
        )


@consent_app.command("list")
def consent_list(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """List the consents the acting agency granted and those granted to it."""
    from armstrace.tracing import actor_for, consent

    st = state(ctx)
    ws = st.workspace()
    with ws.session() as s:
        rows = consent.consents(s, actor_for(s, ws.agency(), st.settings.user))
    if as_json:
        print_json(rows)
        return
    table = Table("id", "record", "owner", "partner", "to", "granted by")
    for r in rows:
        table.add_row(
            str(r["id"]),
            f"{r['entity']} {r['record_id']}",
            r["owner"] or "",
            r["partner"] or "",
            r["recipient"] or "anyone",
            r["granted_by"],
        )
    console.print(table)


@consent_app.command("revoke")
def consent_revoke(
    ctx: typer.Context,
    consent_id: int = typer.Argument(..., help="The consent's id (see `armstrace consent list`)."),
    as_json: JsonOption = False,
) -> None:
    """Withdraw a consent: requests not yet sent may no longer carry the record."""
    from armstrace.tracing import actor_for, consent

    st = state(ctx)
    ws = st.workspace()
    with ws.session() as s:
        consent.revoke(s, actor_for(s, ws.agency(), st.settings.user), consent_id)
    if as_json:
        print_json({"id": consent_id, "revoked": True})
    else:
        console.print(f"Consent {consent_id} withdrawn.")


@token_app.command("create")
def token_create(
    ctx: typer.Context,
    username: str = typer.Argument(..., help="The user the token acts as."),
    name: str = typer.Option(..., "--name", help="What system will use it, e.g. 'case-system sync'."),
    days: int = typer.Option(
        None, "--days", min=0, max=3650, help="Days until it expires (default ARMSTRACE_TOKEN_DAYS, 90; 0: never)."
    ),
    as_json: JsonOption = False,
) -> None:
    """Create an API token that expires. It is printed once: only its hash is stored."""
    from armstrace.auth import create_token, token_key

    st = state(ctx)
    with st.workspace().session() as s:
        row, plain = create_token(
            s, username, name=name, actor=st.settings.user, days=st.settings.token_days if days is None else days
        )
        expires = row.expires_at.isoformat() if row.expires_at else None
        result = {
            "id": row.id,
            "key": token_key(row),
            "user": username,
            "name": row.name,
            "token": plain,
            "expires_at": expires,
        }
    if as_json:
        print_json(result)
    else:
        until = f"expires {expires[:10]}" if expires else "never expires"
        err_console.print(
            f"Token '{result['name']}' for {username}, {until} (shown once; send it as "
            "'Authorization: Bearer <token>'):"
        )
        console.print(plain, soft_wrap=True)


@token_app.command("list")
def token_list(
    ctx: typer.Context,
    user: str = typer.Option(None, "--user", help="Only this user's tokens."),
    as_json: JsonOption = False,
) -> None:
    """List API tokens (never their secret): id, key, user, name, created, last used, expires, revoked."""
    from armstrace.auth import list_tokens

    with state(ctx).workspace().session() as s:
        rows = list_tokens(s, user)
    if as_json:
        print_json(rows)
        return
    table = Table("id", "key", "user", "name", "created", "last used", "expires", "revoked")
    for r in rows:
        last = f"{r['last_used_at']:%Y-%m-%d %H:%M}" if r["last_used_at"] else "never"
        expires = f"{r['expires_at']:%Y-%m-%d}" if r["expires_at"] else "never"
        table.add_row(
            str(r["id"]),
            r["key"],
            r["user"],
            r["name"],
            f"{r['created_at']:%Y-%m-%d}",
            last,
            expires,
            "yes" if r["revoked"] else "",
        )
    console.print(table)


@token_app.command("revoke")
def token_revoke(
    ctx: typer.Context,
    token_id: str = typer.Argument(..., help="The token's id or key (see `armstrace token list`)."),
    as_json: JsonOption = False,
) -> None:
    """Revoke an API token: from now on every request with it is refused (401)."""
    from armstrace.auth import revoke_token

    st = state(ctx)
    with st.workspace().session() as s:
        row = revoke_token(s, int(token_id) if token_id.isdigit() else token_id, actor=st.settings.user)
        result = {"id": row.id, "name": row.name, "revoked": True}
    if as_json:
        print_json(result)
    else:
        console.print(f"Token {result['id']} ('{result['name']}') revoked.")


@audit_app.command("verify")
def audit_verify(
    ctx: typer.Context,
    anchor: str = typer.Option(None, "--anchor", help="A head hash printed earlier: events after it must remain."),
    anchors_file: Path = typer.Option(
        None, "--anchors", help="Anchors kept elsewhere (an `audit anchor --export` file, e.g. a partner's copy)."
    ),
    as_json: JsonOption = False,
) -> None:
    """Recompute the audit hash chain and check it against every signed anchor and the append-only triggers;
    exit non-zero naming each edited, rewritten or deleted event."""
    from armstrace import audit

    if anchor is not None and not _ANCHOR.fullmatch(anchor):
        raise InputError(f"--anchor {anchor!r} is not a head hash (64 hexadecimal digits, as `audit verify` prints)")
    ws = state(ctx).workspace()
    extra, bad = ([], []) if anchors_file is None else ws.anchors.read_export(anchors_file)
    with ws.session() as s:
        report = audit.verify(s, anchor=anchor, anchors=ws.anchors, extra=extra)
    report.problems[:0] = bad
    result = {
        "ok": report.ok,
        "events": report.events,
        "head": report.head,
        "anchors": report.anchors,
        "anchored": report.anchored,
        "unanchored": report.unanchored,
        "problems": report.problems,
    }
    if as_json:
        print_json(result)
    elif report.ok:
        console.print(
            f"Audit log intact: {report.events} events, {report.anchors} signed anchor(s) hold "
            f"(the last covers event {report.anchored}). Head: {report.head}",
            soft_wrap=True,
        )
    if not report.ok:
        if not as_json:
            for problem in report.problems:
                err_console.print(f"  - {problem}", soft_wrap=True)
        raise IntegrityError(
            f"the audit log fails verification ({len(report.problems)} problem(s)): "
            "history was edited or deleted, or its guards removed"
        )
