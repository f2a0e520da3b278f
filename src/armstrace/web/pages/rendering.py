"""What every page shares: the checked form, the logged-in actor, rendering, redirects and form validation.

Every form post carries the session's CSRF token; a form with mistakes is shown again with a message beside
each field (HTTP 422), never a stack trace.
"""

from __future__ import annotations

import math
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, ValidationError

from armstrace import records
from armstrace.auth import Actor
from armstrace.exceptions import AuthenticationError, PermissionDeniedError
from armstrace.linkage.wording import format_lr
from armstrace.model import Agency

from ..deps import OptionalActor
from ..security import SessionData
from ..templating import TEMPLATES, render_error

__all__ = [
    "TEMPLATES",
    "BigId",
    "Form",
    "Id",
    "PageActor",
    "checked_form",
    "page_actor",
    "redirect",
    "render",
    "render_error",
]

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


def page_actor(request: Request, actor: OptionalActor) -> Actor:
    if actor is None:
        raise AuthenticationError("log in first")
    request.state.actor = actor
    return actor


PageActor = Annotated[Actor, Depends(page_actor)]


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    session: SessionData = request.state.session
    flash, session.flash = session.flash, None
    if flash:
        request.state.session_dirty = True
    context.setdefault("actor", getattr(request.state, "actor", None))
    return TEMPLATES.TemplateResponse(
        request, template, {"csrf": session.csrf, "flash": flash, **context}, status_code=status_code
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
    """A likelihood ratio for people, in the explanations' one notation (``wording.format_lr``)."""
    return format_lr(math.log10(lr)) if lr > 0 else "0"


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


def form_agencies(db: Any, actor: Actor) -> list[Agency]:
    return [a for a in records.agencies(db) if a.id != actor.agency_id]
