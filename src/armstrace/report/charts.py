"""The report's charts: Matplotlib (Agg) figures returned as data URIs, in one sober house style.

Charts are PNG at ``DPI`` (sharp on paper at their printed size): WeasyPrint draws an SVG chart node by
node, which cost more than a second per chart, while it embeds a PNG almost for free (measured by
``benchmarks/bench_report.py``). The caller embeds the URI in the HTML, which keeps the report one
self-contained file.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure

__all__ = [
    "DPI",
    "FORMAT",
    "ILLICIT",
    "INK",
    "LEGAL",
    "MUTED",
    "STYLE",
    "bar_chart",
    "custody_timeline",
    "data_uri",
    "histogram",
]

INK = "#1d2b3a"
LEGAL = "#2f5d8a"
ILLICIT = "#b0412e"
MUTED = "#8c96a3"
PAPER = "#ffffff"
STYLE: Any = {  # matplotlib rc settings
    "font.family": "DejaVu Sans",
    "font.size": 8.5,
    "axes.edgecolor": MUTED,
    "axes.labelcolor": INK,
    "axes.titlesize": 9.5,
    "axes.titleweight": "bold",
    "axes.titlecolor": INK,
    "axes.titlelocation": "left",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#e3e7ec",
    "grid.linewidth": 0.6,
    "xtick.color": INK,
    "ytick.color": INK,
    "svg.fonttype": "path",
    "svg.hashsalt": "armstrace",  # stable ids: the same data give the same file
    "figure.facecolor": PAPER,
}


DPI = 150  # charts are printed 8-17 cm wide: 150 dpi is sharp on paper and small in the file
FORMAT = "png"  # "svg" draws vector charts (benchmarks/bench_report.py --charts svg measures the cost)


def data_uri(fig: Figure, fmt: str | None = None, dpi: int = DPI) -> str:
    """Render and close ``fig``; return it as a data: URI (``fmt`` defaults to ``FORMAT``)."""
    fmt = fmt or FORMAT
    buf = io.BytesIO()
    metadata = {"Date": None} if fmt == "svg" else {}
    fig.savefig(buf, format=fmt, dpi=dpi, bbox_inches="tight", metadata=metadata)
    plt.close(fig)
    media = "image/svg+xml" if fmt == "svg" else f"image/{fmt}"
    return f"data:{media};base64,{base64.b64encode(buf.getvalue()).decode('ascii')}"


def _figure(width: float, height: float) -> tuple[Figure, Any]:
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(width, height))
    return fig, ax


def bar_chart(counts: Mapping[str, int], title: str, *, xlabel: str = "recovered items", limit: int = 10) -> str | None:
    """Horizontal bars, largest first; the tail beyond ``limit`` folded into 'other'. None when empty."""
    if not counts:
        return None
    ranked = Counter(counts).most_common()
    if len(ranked) > limit:
        ranked = [*ranked[: limit - 1], ("other", sum(n for _, n in ranked[limit - 1 :]))]
    labels = [k for k, _ in ranked][::-1]
    values = [n for _, n in ranked][::-1]
    with plt.rc_context(STYLE):
        fig, ax = _figure(3.0, 0.5 + 0.22 * len(labels))
        ax.barh(labels, values, color=LEGAL, height=0.62)
        ax.set_title(title)
        ax.set_xlabel(xlabel)
        ax.grid(axis="y", visible=False)
        ax.xaxis.get_major_locator().set_params(integer=True)
        for y, v in enumerate(values):
            ax.text(v, y, f" {v}", va="center", ha="left", color=INK, fontsize=7.5)
        ax.set_xlim(0, max(values) * 1.15)
        return data_uri(fig)


def histogram(years: Sequence[float], title: str, *, threshold: float = 3.0) -> str | None:
    """Distribution of years from last legal transfer to recovery, with the 3-year trafficking mark."""
    if not years:
        return None
    top = max(max(years), threshold) + 1
    width = 1.0 if top <= 25 else 2.0
    bins = [i * width for i in range(int(top / width) + 2)]
    with plt.rc_context(STYLE):
        fig, ax = _figure(6.4, 2.1)
        ax.hist(years, bins=bins, color=LEGAL, edgecolor=PAPER, linewidth=0.8)
        ax.axvline(threshold, color=ILLICIT, linestyle="--", linewidth=1)
        ax.text(threshold, ax.get_ylim()[1] * 0.95, f"  {threshold:g} years", color=ILLICIT, va="top", fontsize=7.5)
        ax.set_title(title)
        ax.set_xlabel("years from last legal transfer to recovery")
        ax.set_ylabel("recovered items")
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.grid(axis="x", visible=False)
        return data_uri(fig)


def custody_timeline(rows: Sequence[dict[str, Any]], title: str) -> str | None:
    """One lane per recovered item: legal transfers, illicit steps and the recovery on one time axis.

    ``rows``: dicts with ``label`` and ``events`` (each ``date`` and ``kind`` in legal/illicit/recovery).
    All lanes are drawn as one line collection and one scatter per kind: one artist per event made
    this chart the slowest part of a report.
    """
    rows = [r for r in rows if any(e.get("date") for e in r["events"])]
    if not rows:
        return None
    colours = {"legal": LEGAL, "illicit": ILLICIT, "recovery": INK}
    markers = {"legal": "o", "illicit": "D", "recovery": "*"}
    points: dict[str, tuple[list[float], list[int]]] = {k: ([], []) for k in colours}
    lanes = []
    for y, row in enumerate(reversed(rows)):
        xs = sorted(mdates.date2num(_as_date(e["date"])) for e in row["events"] if e.get("date"))
        lanes.append([(xs[0], y), (xs[-1], y)])
        for e in row["events"]:
            if e.get("date"):
                points[e["kind"]][0].append(mdates.date2num(_as_date(e["date"])))
                points[e["kind"]][1].append(y)
    with plt.rc_context(STYLE):
        fig, ax = _figure(6.6, 0.9 + 0.155 * len(rows))
        ax.add_collection(LineCollection(lanes, colors="#c5ccd5", linewidths=1.1, zorder=1))
        labels = {"legal": "legal transfer", "illicit": "illicit step", "recovery": "recovery"}
        for kind, (xs, ys) in points.items():
            ax.scatter(xs, ys, s=34 if kind == "recovery" else 14, marker=markers[kind], color=colours[kind],
                       zorder=2, linewidths=0, label=labels[kind])  # fmt: skip
        ax.set_yticks(range(len(rows)), [r["label"] for r in reversed(rows)], fontsize=6.5)
        ax.set_ylim(-0.7, len(rows) - 0.3)
        ax.xaxis_date()
        ax.autoscale_view(scaley=False)
        ax.xaxis.set_major_locator(mdates.YearLocator(base=_year_step(ax)))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        ax.grid(axis="y", visible=False)
        ax.set_title(title)
        ax.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), ncol=3, frameon=False, fontsize=7, borderaxespad=0.2)
        return data_uri(fig)


def _year_step(ax: Any) -> int:
    lo, hi = ax.get_xlim()
    span = (hi - lo) / 365.25
    return 1 if span <= 8 else 2 if span <= 16 else 5


def _as_date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
