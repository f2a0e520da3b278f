"""Investigation reports as HTML and PDF: an incident report and an overview across incidents.

    incident_report(ws, "JE-2025-03-11", out_dir)  ->  [incident-JE-2025-03-11.html, ….pdf]
    overview_report(ws, out_dir)                   ->  [overview.html, overview.pdf]

A report shows only what the agency may see (``agency_id``; None means no restriction, as for a
server administrator), marks every page when any record shown is synthetic, embeds its charts and
maps (drawn offline from shipped Natural Earth boundaries) and fetches nothing.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from importlib.metadata import version
from pathlib import Path
from typing import Any

from armstrace.exceptions import InputError, NotFoundError
from armstrace.store import Workspace

from . import charts, maps
from .context import PLAUSIBLE, PROBABLE, flow_legs, incident_context
from .findings import incident_findings, overview_findings
from .overview import MAX_INCIDENTS, overview_context
from .render import render_html, write_pdf

__all__ = ["FORMATS", "MAX_INCIDENTS", "incident_context", "incident_report", "overview_context", "overview_report"]

FORMATS = ("html", "pdf")
_URGENCY = {"overdue": 0, "sent": 1, "acknowledged": 2, "draft": 3, "answered": 4, "closed": 5}


def _version() -> str:
    try:
        return version("armstrace")
    except Exception:  # pragma: no cover - running from a source tree without metadata
        return "dev"


def _check_formats(formats: Sequence[str]) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(f.lower() for f in formats))
    bad = [f for f in chosen if f not in FORMATS]
    if bad or not chosen:
        raise InputError(f"unknown report format {', '.join(bad) or '(none)'}: use html, pdf or both")
    return chosen


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-") or "incident"


def _common_figures(ctx: dict[str, Any]) -> dict[str, Any]:
    recs = ctx["recoveries"]
    if "analysis_counts" in ctx:  # the overview counts as the analysis does
        origin: Counter[str] = Counter()
        for code, n in ctx["analysis_counts"]["by_origin"].items():
            origin[maps.country_name(code) if code != "unknown" else "not known"] += n
        types = Counter({k.replace("_", " ").replace("unknown", "not known"): n
                         for k, n in ctx["analysis_counts"]["by_type"].items()})  # fmt: skip
    else:
        origin = Counter(maps.country_name(r["country"]) if r["country"] else "not known" for r in recs)
        types = Counter((r["weapon_type"] or "not known").replace("_", " ") for r in recs)
    years = [y for r in recs if (y := r.get("years_to_recovery")) is not None and y >= 0]
    return {
        "origin": charts.bar_chart(origin, "Country of manufacture"),
        "types": charts.bar_chart(types, "Type"),
        "years": charts.histogram(years, "Time from last legal transfer to recovery"),
    }


def _timeline_rows(ctx: dict[str, Any], limit: int = 40) -> list[dict[str, Any]]:
    when = ctx["incident"]["date"]
    rows = []
    for r in ctx["recoveries"]:
        if not r.get("best") or not r["chain"]:
            continue
        events = [{"date": s["date"], "kind": "legal" if s["legal"] else "illicit"}
                  for s in r["chain"] if s["kind"] != "recovery"]  # fmt: skip
        if not any(e["date"] for e in events):
            continue  # not followed, or no dated custody: nothing to draw but the recovery (the table says so)
        events.append({"date": when, "kind": "recovery"})
        rows.append({"label": f"{r['code']}  {r['best']['matched_serial']}", "events": events})
    return rows[:limit]


def _write(template: str, stem: str, out_dir: Path, formats: tuple[str, ...], data: dict[str, Any]) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    html = render_html(template, version=_version(), probable=PROBABLE, plausible=PLAUSIBLE, **data)
    paths = []
    if "html" in formats:
        path = out_dir / f"{stem}.html"
        path.write_text(html, encoding="utf-8")
        paths.append(path)
    if "pdf" in formats:
        paths.append(write_pdf(html, out_dir / f"{stem}.pdf"))
    return paths


def _frame(ctx: dict[str, Any], short_title: str, reference: str) -> dict[str, Any]:
    footer = f"Prepared for {ctx['agency']['name']} · {ctx['generated_at']:%d %b %Y} · armstrace"
    if ctx["synthetic"]:
        footer = "SYNTHETIC DATA — NOT REAL CASE DATA · " + footer
    return {"ctx": ctx, "synthetic": ctx["synthetic"], "short_title": short_title, "reference": reference,
            "footer": footer}  # fmt: skip


def incident_report(ws: Workspace, incident_code: str, out_dir: Path | str, *, agency_id: int | None = None,
                    formats: Sequence[str] = FORMATS) -> list[Path]:  # fmt: skip
    """Write the investigation report of one incident; return the paths written (HTML, then PDF)."""
    chosen = _check_formats(formats)
    with ws.session() as session:
        ctx = incident_context(session, incident_code, agency_id)
    inc = ctx["incident"]
    figures = {
        "incident_map": maps.incident_map([{**inc, "recovered": len(ctx["recoveries"])}], ""),
        "flow_map": maps.flow_map(flow_legs(ctx["flows"]), [inc], "Supply routes"),
        "timeline": charts.custody_timeline(_timeline_rows(ctx), "Custody timelines"),
        **_common_figures(ctx),
    }
    reference = f"AT-{_slug(inc['code'])}-{ctx['generated_at']:%Y%m%d}"
    title = f"Investigation report: {inc['title'] or inc['code']}"
    data = {**_frame(ctx, f"Incident {inc['code']}", reference), "figures": figures,
            "findings": incident_findings(ctx), "title": title}  # fmt: skip
    return _write("incident.html", f"incident-{_slug(inc['code'])}", Path(out_dir), chosen, data)


def overview_report(ws: Workspace, out_dir: Path | str, *, agency_id: int | None = None,
                    formats: Sequence[str] = FORMATS) -> list[Path]:  # fmt: skip
    """Write the overview report across every incident the agency may see; return the paths written."""
    chosen = _check_formats(formats)
    with ws.session() as session:
        ctx = overview_context(session, agency_id)
    if not ctx["incidents"]:  # six pages of empty tables say nothing a line cannot
        raise NotFoundError(
            f"no incident that {ctx['agency']['code']} may see: nothing to put in an overview yet (record incidents "
            "with `armstrace incident add` or `armstrace import incidents`)"
        )
    figures = {
        "incident_map": maps.incident_map(ctx["incidents"], "", label=len(ctx["incidents"]) <= 12),
        "flow_map": maps.flow_map(flow_legs(ctx["flows"]), ctx["incidents"], "Supply routes"),
        **_common_figures(ctx),
    }
    dates = sorted(i["date"] for i in ctx["incidents"] if i["date"])
    period = f"{dates[0]:%b %Y} – {dates[-1]:%b %Y}" if dates else ""
    status = Counter(t["status"] for t in ctx["trace_requests"])
    shown = sorted(ctx["incidents"], key=lambda i: (-i["recovered"], -i["probable"], str(i["date"])))[:MAX_INCIDENTS]
    reference = f"AT-OVERVIEW-{ctx['generated_at']:%Y%m%d}"
    data = {**_frame(ctx, "Overview", reference), "figures": figures, "findings": overview_findings(ctx),
            "title": "Overview report: recovered weapons, sources and routes", "period": period,
            "trace_status": sorted(status.items(), key=lambda kv: -kv[1]), "top_incidents": shown,
            "traces_shown": sorted(ctx["trace_requests"], key=lambda t: _URGENCY.get(t["status"], 9))[:MAX_INCIDENTS],
            "max_incidents": MAX_INCIDENTS}  # fmt: skip
    return _write("overview.html", "overview", Path(out_dir), chosen, data)
