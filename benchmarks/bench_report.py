"""Rendering the investigation reports: time per report and per phase, pages, against WeasyPrint anchors.

    python -m benchmarks.bench_report                      # the demo workspace (20,000 registry items)
    python -m benchmarks.bench_report --items 100000       # a larger synthetic workspace
    python -m benchmarks.bench_report --db WS.db --incident JE25 --agency PK-CTD   # an existing workspace
    python -m benchmarks.bench_report --charts svg         # the same with vector charts

Builds the worked case of `armstrace demo` (synthetic scenario imported, matched, traced) unless
``--db`` names a workspace, then renders the incident report (the incident with the most recovered
items, or ``--incident``) and the overview, ``--repeat`` times each, and prints the median wall and
CPU time of: the HTML alone (queries, custody analysis, charts, maps, template) and HTML + PDF, and
so the PDF (WeasyPrint) share, with the page count. Anchors measured in the same run: WeasyPrint's
first call in the process (its one-off start-up, paid by whichever report comes first) and
WeasyPrint on a one-page document after start-up; a report's PDF time divided by the one-page time
says how many "plain pages" it costs.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from armstrace.model import Incident, Recovery
from armstrace.report import charts, incident_report, overview_report
from armstrace.report.render import write_pdf
from armstrace.settings import Settings, database_url
from armstrace.store import Workspace

ONE_PAGE = "<!DOCTYPE html><html><body><h1>One page</h1><p>A paragraph of text.</p></body></html>"


def _timed(fn: Callable[[], Any]) -> tuple[float, float]:
    w, c = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - w, time.process_time() - c


def _median(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=False).stdout
    return next((int(line.split()[-1]) for line in info.splitlines() if line.startswith("Pages:")), -1)


def _workspace(args: argparse.Namespace, tmp: Path) -> tuple[Workspace, str | None]:
    if args.db:
        return Workspace.open(Settings(database_url=database_url(args.db), agency=args.agency, user="bench")), None
    from armstrace.demo import CASE, INVESTIGATORS, run_demo

    t = time.perf_counter()
    run_demo(tmp / "demo", items=args.items, seed=args.seed)
    print(f"workspace: armstrace demo --items {args.items:,} built in {time.perf_counter() - t:.1f} s")
    settings = Settings(database_url=database_url(tmp / "demo" / "armstrace.db"), agency=INVESTIGATORS[0], user="bench")
    return Workspace.open(settings), CASE


def _largest_incident(ws: Workspace, agency_id: int) -> str:
    with ws.session() as s:
        q = (
            select(Incident.code, func.count(Recovery.id))
            .join(Recovery, Recovery.incident_id == Incident.id)
            .where(Incident.agency_id == agency_id)
            .group_by(Incident.code)
            .order_by(func.count(Recovery.id).desc(), Incident.code)
        )
        row = s.execute(q).first()
        if row is None:
            raise SystemExit("no incident with recovered items in this workspace")
        return str(row[0])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--items", type=int, default=20_000, help="registry items of the synthetic scenario")
    ap.add_argument("--seed", type=int, default=2025)
    ap.add_argument("--db", default=None, help="an existing workspace (path or URL) instead of building one")
    ap.add_argument("--agency", default="PK-CTD", help="agency to act as with --db")
    ap.add_argument("--incident", default=None, help="incident code (default: the demo case, else the largest)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--charts", choices=("png", "svg"), default="png", help="chart image format")
    args = ap.parse_args()
    charts.FORMAT = args.charts
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        ws, case = _workspace(args, tmp)
        agency_id = ws.agency().id
        code = args.incident or case or _largest_incident(ws, agency_id)
        with ws.session() as s:
            n_inc = s.scalar(select(func.count(Incident.id))) or 0
            n_rec = s.scalar(select(func.count(Recovery.id))) or 0
            n_case = s.scalar(
                select(func.count(Recovery.id))
                .join(Incident, Incident.id == Recovery.incident_id)
                .where(Incident.code == code)
            )
        print(f"{n_inc:,} incidents, {n_rec:,} recovered items; incident report on {code} ({n_case} items)")
        print(f"charts: {args.charts}; median of {args.repeat} runs; wall and CPU seconds\n")

        first = _timed(lambda: write_pdf(ONE_PAGE, tmp / "first.pdf"))
        one = _median([_timed(lambda: write_pdf(ONE_PAGE, tmp / "one.pdf")) for _ in range(5)])
        print(f"anchor  WeasyPrint first call in the process: {first[0]:.2f} s wall, {first[1]:.2f} s CPU")
        ms = (one[0] * 1000, one[1] * 1000)
        print(f"anchor  WeasyPrint one-page document:         {ms[0]:.0f} ms wall, {ms[1]:.0f} ms CPU\n")

        reports: dict[str, Callable[[tuple[str, ...], Path], list[Path]]] = {
            "incident": lambda f, out: incident_report(ws, code, out, agency_id=agency_id, formats=f),
            "overview": lambda f, out: overview_report(ws, out, agency_id=agency_id, formats=f),
        }
        print(f"{'report':<9} {'pages':>5} {'HTML only':>17} {'HTML + PDF':>17} {'PDF share':>9} {'PDF / 1 page':>12}")
        total = [0.0, 0.0]
        for label, make in reports.items():
            out = tmp / label
            html = _median([_timed(lambda m=make, o=out: m(("html",), o)) for _ in range(args.repeat)])  # type: ignore[misc]
            both = _median([_timed(lambda m=make, o=out: m(("html", "pdf"), o)) for _ in range(args.repeat)])  # type: ignore[misc]
            pages = _pages(next(out.glob("*.pdf")))
            pdf_cpu = max(both[1] - html[1], 0.0)
            total = [total[0] + both[0], total[1] + both[1]]
            print(
                f"{label:<9} {pages:>5} {html[0]:>7.2f} / {html[1]:>5.2f} s {both[0]:>7.2f} / {both[1]:>5.2f} s "
                f"{pdf_cpu / both[1]:>8.0%} {pdf_cpu / one[1]:>11.0f}×"
            )
        print(f"\nboth reports: {total[0]:.2f} s wall, {total[1]:.2f} s CPU (plus WeasyPrint's start-up once)")
        ws.close()


if __name__ == "__main__":
    main()
