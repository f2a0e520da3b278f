"""What every page shares: templates, the checked form, the logged-in user, rendering and form validation.

Every form post carries the session's CSRF token; a form with mistakes is shown again with a message beside
each field (HTTP 422), never a stack trace.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, ValidationError
from sqlalchemy import select

from armstrace.auth import Principal
from armstrace.exceptions import AuthenticationError, PermissionDeniedError
from armstrace.model import Agency

from .deps import OptionalCaller
from .security import SessionData

__all__ = ["TEMPLATES", "BigId", "Form", "Id", "User", "checked_form", "redirect", "render", "render_error", "user"]

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).with_name("templates")))
Id = Annotated[int, PathParam(ge=1, le=2**31 - 1)]
BigId = Annotated[int, PathParam(ge=1, le=2**62)]


async def checked_form(request: Request) -> dict[str, Any]:
    """The posted form, after checking its CSRF token against the session's."""
    form = await request.form()
    data: dict[str, Any] = {}
    for key in form:
        values = [v.replace("\x00", "") for v in form.getlist(key) if isinstance(v, str)]
        data[key] = values if len(values) > 1 or key.endswith("[]") else (values[0] if values else "")
    session: SessionData = request.state.session
    token = data.pop("csrf_token", None)
    if isinstance(token, list):  # a form carries one token: two are a malformed (or forged) request
        raise HTTPException(status_code=400, detail="the form has more than one csrf_token field")
    if not request.app.state.signer.csrf_ok(session, token):
        raise PermissionDeniedError("the form expired or did not come from this site: reload the page and retry")
    return data


Form = Annotated[dict[str, Any], Depends(checked_form)]


def user(request: Request, caller: OptionalCaller) -> Principal:
    if caller is None:
        raise AuthenticationError("log in first")
    request.state.principal = caller
    return caller


User = Annotated[Principal, Depends(user)]


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    session: SessionData = request.state.session
    flash, session.flash = session.flash, None
    if flash:
        request.state.session_dirty = True
    context.setdefault("me", getattr(request.state, "principal", None))
    return TEMPLATES.TemplateResponse(
        request, template, {"csrf": session.csrf, "flash": flash, **context}, status_code=status_code
    )


def render_error(request: Request, status_code: int, message: str) -> HTMLResponse:
    session = getattr(request.state, "session", None)
    return TEMPLATES.TemplateResponse(
        request,
        "error.html",
        {
            "status": status_code,
            "message": message,
            "csrf": session.csrf if session else "",
            "flash": None,
            "me": getattr(request.state, "principal", None),
        },
        status_code=status_code,
    )


def redirect(request: Request, url: str, flash: str | None = None) -> RedirectResponse:
    if flash:
        request.state.session.flash = flash
        request.state.session_dirty = True
    return RedirectResponse(url, status_code=303)


def clean_form(form: dict[str, Any], fields: Any) -> dict[str, Any]:
    """Form strings to model input: empty fields dropped, checkboxes to booleans."""
    out: dict[str, Any] = {}
    for name in fields:
        value = form.get(name)
        if isinstance(value, str):
            value = value.strip()
        if value in (None, "", []):
            continue
        out[name] = value
    return out


_FRIENDLY = {
    "country": "use a two-letter ISO code, e.g. PK",
    "custodian_country": "use a two-letter ISO code, e.g. AF",
    "recipient_country": "use a two-letter ISO code, e.g. US",
    "recipient": "choose an agency from the list",
}


def lr_text(lr: float) -> str:
    """A likelihood ratio for people: 1,200 · 3.2e+07 · 1 in 40."""
    if lr >= 1e6:
        return f"{lr:.1e}"
    if lr >= 10:
        return f"{lr:,.0f}"
    if lr >= 0.95:
        return f"{lr:.1f}"
    return f"1 in {1 / lr:,.0f}" if lr > 0 else "0"


TEMPLATES.env.filters["lr"] = lr_text


def _errors(exc: ValidationError) -> dict[str, str]:
    errs: dict[str, str] = {}
    for e in exc.errors():
        field = str(e["loc"][0]) if e.get("loc") else "_form"
        message = str(e["msg"]).removeprefix("Value error, ")
        if e.get("type") == "missing":
            message = "required"
        elif e.get("type") in ("string_pattern_mismatch", "string_too_long", "literal_error") and field in _FRIENDLY:
            message = _FRIENDLY[field]
        elif e.get("type") == "date_from_datetime_parsing" or e.get("type", "").startswith("date_"):
            message = "use a date such as 2025-03-11"
        if ":" in message and field == "_form":
            field, _, message = (s.strip() for s in message.partition(":"))
        loc = e.get("loc") or ()
        if len(loc) > 1 and isinstance(loc[1], int):  # one line of a list typed one step a line (custody)
            message = f"line {loc[1] + 1}: {message}"
        errs.setdefault(field, message)
    return errs


def validate_form(model: type[BaseModel], data: dict[str, Any]) -> tuple[BaseModel | None, dict[str, str]]:
    try:
        return model.model_validate(data), {}
    except ValidationError as exc:
        return None, _errors(exc)


def form_agencies(db: Any, me: Principal) -> list[Agency]:
    return [a for a in db.scalars(select(Agency).order_by(Agency.code)) if a.id != me.agency_id]
