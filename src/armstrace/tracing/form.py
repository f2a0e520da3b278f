"""The printable trace request: an A4 form (HTML from ``templates/trace_form.html.j2``, PDF through WeasyPrint).

Some tracing desks still take requests only on paper or as a signed PDF; the form carries every field
of the request, the photos, the answer and the correspondence, with lines for signatures.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from armstrace.exceptions import InputError
from armstrace.store import Workspace

from .workspace import get, item_photos

__all__ = ["render_html", "render_pdf"]

_env = Environment(
    loader=PackageLoader("armstrace.tracing", "templates"),
    autoescape=select_autoescape(["html", "j2"]),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


class _Attr(dict[str, Any]):
    """A dict the template can read as attributes; a missing key reads as None, not an error."""

    def __getattr__(self, name: str) -> Any:
        value = self.get(name)
        return _Attr(value) if isinstance(value, dict) else value


def _wrap(value: Any) -> Any:
    if isinstance(value, dict):
        return _Attr({k: _wrap(v) for k, v in value.items()})
    if isinstance(value, list):
        return [_wrap(v) for v in value]
    return value


def render_html(ws: Workspace, reference: str) -> str:
    """The form as one self-contained HTML page (photos inlined as data URIs)."""
    view = get(ws, reference)
    photos = item_photos(ws, reference)
    items = []
    for item in view.items:
        found = photos.get(item.key, [])
        shown = [
            {**p, "uri": f"data:{p.get('media_type') or 'image/jpeg'};base64,{base64.b64encode(p['data']).decode()}"}
            for p in found
            if (p.get("media_type") or "").startswith("image/")
        ]
        files = [p for p in found if not (p.get("media_type") or "").startswith("image/")]
        items.append({
            "description": _wrap(item.description),
            "photos": [_Attr(p) for p in shown],
            "files": [_Attr(p) for p in files],
        })  # fmt: skip
    requester = _Attr(
        (view.fields or {}).get("requesting_agency") or {"code": view.requester, "name": view.requester_name}
    )
    return _env.get_template("trace_form.html.j2").render(
        r=view,
        answer=_wrap(view.answer),
        f=_Attr(view.fields or {}),
        items=items,
        req_agency=requester,
        synthetic=view.synthetic,
    )


def render_pdf(ws: Workspace, reference: str, out: str | Path) -> Path:
    """Write the form as PDF to ``out`` and return the path."""
    from weasyprint import HTML  # imported here: it loads Pango, which costs a second

    path = Path(out)
    if path.exists() and path.is_dir():
        raise InputError(f"{path}: is a directory; give a file name such as {reference}.pdf")
    if not path.parent.exists():
        raise InputError(f"{path.parent}: no such directory")
    HTML(string=render_html(ws, reference)).write_pdf(path)
    return path
