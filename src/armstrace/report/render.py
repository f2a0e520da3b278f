"""Templates to HTML, HTML to PDF: the Jinja2 environment, its filters, and WeasyPrint without network.

The HTML is one self-contained file (styles inline, figures as data: URIs); the PDF is rendered from
the same HTML with print styles: page margins carrying the header, the page numbers and, when any
record shown is synthetic, the synthetic-data band on every page. The URL fetcher accepts data: URIs
only, so rendering never reaches the network or the file system whatever a record contains.
"""

from __future__ import annotations

import base64
import datetime as dt
import logging
from collections.abc import Iterable, Mapping
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from armstrace.reference.states import country_at

from .evidence import serial_note, summary_text
from .maps import country_name

__all__ = ["environment", "refuse_remote", "render_html", "serial_font_css", "write_pdf"]


def _date(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return f"{value.day} {value:%b %Y}"
    return str(value)


def _datetime(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return f"{value.day} {value:%b %Y %H:%M}"
    return _date(value)


def _country(code: Any) -> str:
    if not code:
        return "—"
    name = country_name(str(code))
    return name if name == code else f"{name} ({code})"


def _place(inc: Mapping[str, Any]) -> str:
    parts = [inc.get("place"), inc.get("admin2"), inc.get("admin1")]
    names = [str(p) for p in parts if p]
    if inc.get("country"):
        names.append(country_name(str(inc["country"])))
    return ", ".join(dict.fromkeys(names)) or "place not recorded"


def _coords(inc: Mapping[str, Any]) -> str:
    lat, lon = inc.get("latitude"), inc.get("longitude")
    if lat is None or lon is None:
        return "not recorded"
    return f"{abs(lat):.4f}° {'N' if lat >= 0 else 'S'}, {abs(lon):.4f}° {'E' if lon >= 0 else 'W'}"


def _label(value: Any) -> str:
    return str(value).replace("_", " ") if value else "—"


def _join_present(values: Iterable[Any], sep: str = " · ") -> str:
    text = sep.join(str(v) for v in values if v not in (None, ""))
    return text or "—"


def _identification(ident: Mapping[str, Any] | None) -> str:
    """One line from an identification result: the standard description and its confidence."""
    if not ident:
        return "not identified"
    maker = ident.get("manufacturer")
    where = country_at(ident.get("country"), ident.get("year"))  # an Izhevsk AKM of 1980: Soviet Union
    parts = [f"{maker} ({where})" if maker and where else maker or where, ident.get("model"), ident.get("calibre")]
    text = _join_present(parts, " ")
    if ident.get("year"):
        text += f", {ident['year']}"
    if ident.get("importer"):
        text += f"; importer {ident['importer']}"
    conf = ident.get("confidence")
    if isinstance(conf, int | float):
        text += f" · confidence {conf:.2f}"
    return text


_EVENTS = {
    "manufacture": "manufactured", "transfer": "legal transfer", "illicit_transfer": "illicit transfer",
    "registry": "registry holder", "reported_lost": "reported lost", "reported_stolen": "reported stolen",
    "trace_answer": "trace answer", "recovery": "recovery",
}  # fmt: skip


def _event(kind: Any) -> str:
    return _EVENTS.get(str(kind), _label(kind))


def _event_text(step: Mapping[str, Any]) -> str:
    """'reported lost by X on 15 Aug 2021', 'illicit transfer X → Y on …' for a sentence."""
    who = " → ".join(str(h) for h in (step.get("from_holder"), step.get("to_holder")) if h)
    when = f" on {_date(step['date'])}" if step.get("date") else ""
    return f"{_event(step.get('kind'))}{' (' + who + ')' if who else ''}{when}"


def _illicit_text(step: Mapping[str, Any]) -> str:
    """The first illicit step for a table cell: 'Taliban forces, 15 Aug 2021 (trace answer)'."""
    kind = str(step.get("kind") or "")
    if kind.startswith("reported_"):
        who = f"{kind.split('_', 1)[1]} from {step.get('from_holder') or 'its holder'}"
    else:
        who = str(step.get("to_holder") or step.get("from_holder") or _event(kind))
    when = f", {_date(step['date'])}" if step.get("date") else ""
    how = {"trace_answer": " (trace answer)", "registry": " (registry)"}.get(kind, "")
    return f"{who}{when}{how}"


def _print_width(uri: str) -> str:
    """CSS width at which a PNG data URI prints at its own resolution ('' when not a PNG with pHYs).

    Charts are drawn at their print size in inches; printing them at that size keeps every chart's
    text at the same point size, whatever the tight bounding box did to their widths.
    """
    if not uri.startswith("data:image/png;base64,"):
        return ""
    head = base64.b64decode(uri[22 : 22 + 4096])
    width = int.from_bytes(head[16:20], "big")
    at = head.find(b"pHYs")
    if at < 0 or not width:
        return ""
    per_metre = int.from_bytes(head[at + 4 : at + 8], "big")
    return f"{1000 * width / per_metre:.1f}mm" if per_metre else ""


@cache
def serial_font_css() -> str:
    """@font-face rules embedding the shipped DejaVu Sans Mono subset (family "armstrace serial").

    Serials are the evidence of a report about misread serials: they are set in a face whose zero is dotted
    (0 is not O or D) and whose 1, I and l differ, embedded so that no machine substitutes its own monospace.
    """
    rules = []
    for weight, name in (("normal", "DejaVuSansMono.ttf"), ("bold", "DejaVuSansMono-Bold.ttf")):
        data = base64.b64encode(files("armstrace.report").joinpath("fonts", name).read_bytes()).decode("ascii")
        rules.append(
            f'@font-face {{ font-family: "armstrace serial"; font-weight: {weight}; '
            f'src: url(data:font/ttf;base64,{data}) format("truetype"); }}'
        )
    return "\n".join(rules)


def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("armstrace.report", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        date=_date, datetime=_datetime, country=_country, place=_place, coords=_coords, label=_label,
        join_present=_join_present, identification=_identification, summary=summary_text, event=_event,
        event_text=_event_text, serial_note=serial_note, illicit_text=_illicit_text, print_width=_print_width,
        country_only=lambda code: country_name(str(code)) if code and code != 'unknown' else '—',
    )  # fmt: skip
    env.globals["serial_font_css"] = serial_font_css
    return env


def render_html(template: str, **data: Any) -> str:
    return environment().get_template(template).render(**data)


def refuse_remote(url: str, *args: Any, **kwargs: Any) -> Any:
    """URL fetcher for WeasyPrint < 66 (a function): data: URIs only; anything else is refused."""
    if not url.startswith("data:"):
        raise ValueError(f"refused {url[:80]!r}: reports embed everything and fetch nothing")
    from weasyprint import default_url_fetcher  # type: ignore[attr-defined,unused-ignore]

    return default_url_fetcher(url, *args, **kwargs)


def _fetcher() -> Any:
    """The fetcher this WeasyPrint takes: a URLFetcher allowing only data: (newer), else the function."""
    from weasyprint import urls

    if hasattr(urls, "URLFetcher"):
        return urls.URLFetcher(allowed_protocols=("data",))
    return refuse_remote  # pragma: no cover - older WeasyPrint


def write_pdf(html: str, path: Path) -> Path:
    """Render ``html`` to a PDF at ``path`` (A4, DejaVu fonts from the system, no network)."""
    from weasyprint import HTML  # imported here: it loads Pango, which costs a second

    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # its CSS notes are not the reader's business
    HTML(string=html, url_fetcher=_fetcher(), base_url=None).write_pdf(path)
    return path
