"""Server administration commands: serve, agency add/list, user add, token create/list/revoke, audit verify."""

from __future__ import annotations

import re
import sys

import typer
from rich.table import Table

from armstrace.exceptions import InputError, IntegrityError

from .app import app, console, err_console, print_json, state

agency_app = typer.Typer(
    help="Agencies: the organisations that own records and answer trace requests.", no_args_is_help=True
)
user_app = typer.Typer(help="People who log in to the server, each in one agency with one role.", no_args_is_help=True)
token_app = typer.Typer(help="API tokens for systems that call the server's JSON API.", no_args_is_help=True)
audit_app = typer.Typer(help="The tamper-evident audit log.", no_args_is_help=True)
app.add_typer(agency_app, name="agency")
app.add_typer(user_app, name="user")
app.add_typer(token_app, name="token")
app.add_typer(audit_app, name="audit")

JSON_HELP = "Print the result as JSON (for scripts)."
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
    console.print(f"armstrace serving on http://{host}:{port}/ (API: /api/v1, schema: /api/v1/openapi.json)")
    uvicorn.run(web_app, host=host, port=port, log_level=log_level, proxy_headers=True, server_header=False)


@agency_app.command("add")
def agency_add(
    ctx: typer.Context,
    code: str = typer.Argument(..., help="Short code, e.g. PK-CTD (letters, digits, '-', '_')."),
    name: str = typer.Option(..., "--name", help="Full name of the agency."),
    country: str = typer.Option(None, "--country", help="ISO 3166-1 alpha-2 country code, e.g. PK."),
    kind: str = typer.Option(
        "law_enforcement", "--kind", help="law_enforcement, tracing_desk, manufacturer, monitoring, research."
    ),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
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
def agency_list(ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help=JSON_HELP)) -> None:
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
    role: str = typer.Option("viewer", "--role", help="viewer, analyst, agency_admin or server_admin."),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="Read the password from standard input (for scripts)."
    ),
    no_password: bool = typer.Option(
        False, "--no-password", help="No password: the user acts only through API tokens."
    ),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
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


@token_app.command("create")
def token_create(
    ctx: typer.Context,
    username: str = typer.Argument(..., help="The user the token acts as."),
    name: str = typer.Option(..., "--name", help="What system will use it, e.g. 'case-system sync'."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Create an API token. It is printed once: only its hash is stored."""
    from armstrace.auth import create_token

    st = state(ctx)
    with st.workspace().session() as s:
        row, plain = create_token(s, username, name=name, actor=st.settings.user)
        result = {"id": row.id, "user": username, "name": row.name, "token": plain}
    if as_json:
        print_json(result)
    else:
        err_console.print(
            f"Token '{result['name']}' for {username} (shown once; send it as 'Authorization: Bearer <token>'):"
        )
        console.print(plain, highlight=False, soft_wrap=True)


@token_app.command("list")
def token_list(
    ctx: typer.Context,
    user: str = typer.Option(None, "--user", help="Only this user's tokens."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """List API tokens (never their secret): id, user, name, created, last used, revoked."""
    from armstrace.auth import list_tokens

    with state(ctx).workspace().session() as s:
        rows = list_tokens(s, user)
    if as_json:
        print_json(rows)
        return
    table = Table("id", "user", "name", "created", "last used", "revoked")
    for r in rows:
        last = f"{r['last_used_at']:%Y-%m-%d %H:%M}" if r["last_used_at"] else "never"
        table.add_row(
            str(r["id"]), r["user"], r["name"], f"{r['created_at']:%Y-%m-%d}", last, "yes" if r["revoked"] else ""
        )
    console.print(table)


@token_app.command("revoke")
def token_revoke(
    ctx: typer.Context,
    token_id: int = typer.Argument(..., help="The token's id (see `armstrace token list`)."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Revoke an API token: from now on every request with it is refused (401)."""
    from armstrace.auth import revoke_token

    st = state(ctx)
    with st.workspace().session() as s:
        row = revoke_token(s, token_id, actor=st.settings.user)
        result = {"id": row.id, "name": row.name, "revoked": True}
    if as_json:
        print_json(result)
    else:
        console.print(f"Token {result['id']} ('{result['name']}') revoked.")


@audit_app.command("verify")
def audit_verify(
    ctx: typer.Context,
    anchor: str = typer.Option(None, "--anchor", help="A head hash printed earlier: events after it must remain."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Recompute the audit hash chain; exit non-zero when an event was edited or deleted."""
    from armstrace import audit

    if anchor is not None and not _ANCHOR.fullmatch(anchor):
        raise InputError(f"--anchor {anchor!r} is not a head hash (64 hexadecimal digits, as `audit verify` prints)")
    with state(ctx).workspace().session() as s:
        report = audit.verify(s, anchor=anchor)
    result = {"ok": report.ok, "events": report.events, "head": report.head, "problems": report.problems}
    if as_json:
        print_json(result)
    elif report.ok:
        console.print(
            f"Audit log intact: {report.events} events. Head (keep it as an anchor): {report.head}",
            soft_wrap=True,
            highlight=False,
        )
    if not report.ok:
        if not as_json:
            for problem in report.problems:
                err_console.print(f"  - {problem}", highlight=False)
        raise IntegrityError(
            f"the audit log fails verification ({len(report.problems)} problem(s)): history was edited or deleted"
        )
