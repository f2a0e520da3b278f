"""Offline maps for reports: Natural Earth boundaries shipped in ``data/``, drawn with Matplotlib.

No tiles and no network: countries (1:50m) and the provinces of the region of the founding cases
(1:10m admin-1) are read from the package, clipped to the map's extent and drawn in a plate carrée
projection with its aspect corrected for latitude. Incidents are points; flows are curved arrows from
country to country (legal legs solid, illicit legs dashed), ending at the place of recovery.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterable, Sequence
from importlib import resources
from typing import Any

import matplotlib
import numpy as np
import shapely

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.collections import PatchCollection
from matplotlib.patches import FancyArrowPatch
from matplotlib.patches import Polygon as PolygonPatch
from shapely.affinity import translate
from shapely.geometry import Point, box, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union
from shapely.validation import make_valid

from .charts import ILLICIT, INK, LEGAL, MUTED, STYLE, data_uri

__all__ = ["ATTRIBUTION", "country_name", "country_point", "flow_map", "incident_map"]

MAP_DPI = 160  # maps are printed 17 cm wide: small labels stay legible on paper
ATTRIBUTION = "Boundaries: Natural Earth (public domain). Not an authority on borders."
LAND = "#eef0ec"
SEA = "#dfe8f0"
FOCUS = "#e4e0d4"
# Where a flow starts or ends for a country whose centroid is a poor anchor (overseas territories).
# States that no longer exist (ISO 3166-3 codes still stamped on weapons) have no boundary in today's map: they
# start at their main arms-making region (Soviet Union: Izhevsk and Tula side of the Volga; Yugoslavia: Kragujevac;
# Czechoslovakia: Uherský Brod; East Germany: Suhl), so their weapons stay on every map.
_ANCHORS = {"US": (-98.5, 39.5), "FR": (2.4, 46.6), "RU": (40.0, 55.7), "NO": (10.0, 61.0), "GB": (-1.5, 52.5),
            "SU": (50.0, 55.0), "YU": (20.9, 44.0), "CS": (17.6, 49.0), "DD": (10.7, 50.6)}  # fmt: skip


@functools.cache
def _layer(name: str) -> tuple[tuple[dict[str, Any], BaseGeometry], ...]:
    text = resources.files("armstrace.report").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    out = []
    for f in json.loads(text)["features"]:
        geom = shape(f["geometry"])
        if not geom.is_valid:  # rounding the shipped coordinates can pinch a ring; repair once, here
            geom = make_valid(geom)
        out.append((f["properties"], _across_antimeridian(geom)))
    return tuple(out)


_WORLD = box(-180.0, -90.0, 180.0, 90.0)


def _eastwards(xy: np.ndarray) -> np.ndarray:
    """Coordinates with western longitudes moved 360° east (a ring crossing 180° made continuous)."""
    return np.column_stack([np.where(xy[:, 0] < 0, xy[:, 0] + 360.0, xy[:, 0]), xy[:, 1]])


def _wraps(polygon: BaseGeometry) -> bool:
    """Spans more than half the globe without circling the South Pole (Antarctica does, rightly)."""
    x0, y0, x1, _ = polygon.bounds
    return bool(x1 - x0 > 180 and y0 > -60)


def _across_antimeridian(geom: BaseGeometry) -> BaseGeometry:
    """The geometry with every part that wraps the wrong way round the globe put back across 180°.

    A ring of Russia or Fiji that crosses the antimeridian comes out of the shipped data as a band spanning
    nearly 360° of longitude (drawn as a stripe across the top of a world map). Such a part is unwrapped
    (western longitudes + 360), then cut at 180° and its eastern overhang moved back west.
    """
    parts = [p for p in getattr(geom, "geoms", [geom]) if p.geom_type in ("Polygon", "MultiPolygon")]
    polygons = [q for p in parts for q in getattr(p, "geoms", [p])]
    if all(not _wraps(q) for q in polygons):
        return geom
    fixed: list[BaseGeometry] = []
    for q in polygons:
        if not _wraps(q):
            fixed.append(q)
            continue
        east = make_valid(shapely.transform(q, _eastwards))
        fixed.append(east.intersection(_WORLD))
        fixed.append(translate(east.intersection(box(180.0, -90.0, 540.0, 90.0)), xoff=-360.0))
    # the pieces of a ring cut by the bad wrap meet along hairline gaps: close them so no seam is drawn
    return unary_union([f for f in fixed if not f.is_empty]).buffer(0.05).buffer(-0.05)


# Divisions merged since Natural Earth drew them: (country, old name) → the division that absorbed it.
_MERGED: dict[tuple[Any, Any], str] = {("PK", "Federally Administered Tribal Areas"): "Khyber Pakhtunkhwa"}  # 2018


@functools.cache
def _provinces() -> tuple[tuple[dict[str, Any], BaseGeometry], ...]:
    """First-level divisions as they are today: a merged division is drawn and named as part of its new one."""
    rows = list(_layer("admin1.geojson"))
    out = []
    for props, geom in rows:
        if (props.get("iso_a2"), props.get("name")) in _MERGED:
            continue
        absorbed = [
            g for p, g in rows if _MERGED.get((p.get("iso_a2"), p.get("name"))) == props.get("name")
            and p.get("iso_a2") == props.get("iso_a2")
        ]  # fmt: skip
        out.append((props, unary_union([geom, *absorbed]) if absorbed else geom))
    return tuple(out)


@functools.cache
def _countries() -> dict[str, tuple[str, BaseGeometry]]:
    out: dict[str, tuple[str, BaseGeometry]] = {}
    for props, geom in _layer("countries.geojson"):
        code = props.get("iso_a2")
        if code and (code not in out or geom.area > out[code][1].area):
            out[code] = (props["name"], geom)
    return out


# Codes of states that no longer exist, still stamped on weapons and written in registries (ISO 3166-3).
_FORMER = {"SU": "Soviet Union", "YU": "Yugoslavia", "CS": "Czechoslovakia", "DD": "East Germany"}


def country_name(code: str | None) -> str:
    """The country's name for a reader, or the code itself when the map data do not know it."""
    if not code:
        return "unknown"
    hit = _countries().get(code.upper())
    return hit[0] if hit else _FORMER.get(code.upper(), code)


def country_point(code: str | None) -> tuple[float, float] | None:
    """A (lon, lat) inside the country's main landmass, where its flows start and end."""
    if not code:
        return None
    code = code.upper()
    if code in _ANCHORS:
        return _ANCHORS[code]
    hit = _countries().get(code)
    if hit is None:
        return None
    geom = hit[1]
    main = max(getattr(geom, "geoms", [geom]), key=lambda g: g.area)
    p = main.representative_point() if not main.contains(main.centroid) else main.centroid
    return (p.x, p.y)


def _extent(points: Iterable[tuple[float, float]], *, pad: float, min_span: float) -> tuple[float, ...]:
    pts = list(points)
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    w = max(max(xs) - min(xs) + 2 * pad, min_span)
    h = max(max(ys) - min(ys) + 2 * pad, min_span * 0.6)
    w = max(w, h * 1.5)  # landscape maps fit the page
    h = max(h, w / 2.2)
    x0, x1 = max(cx - w / 2, -180.0), min(cx + w / 2, 180.0)
    y0, y1 = max(cy - h / 2, -85.0), min(cy + h / 2, 85.0)
    return x0, x1, y0, y1


def _patches(geom: BaseGeometry) -> list[PolygonPatch]:
    out = []
    for part in getattr(geom, "geoms", [geom]):
        if part.geom_type in ("MultiPolygon", "GeometryCollection"):
            out.extend(_patches(part))
        elif part.geom_type == "Polygon" and not part.is_empty:
            out.append(PolygonPatch(list(part.exterior.coords), closed=True))
    return out


def _aspect(extent: tuple[float, ...]) -> float:
    return 1 / max(math.cos(math.radians((extent[2] + extent[3]) / 2)), 0.3)


def _figure(extent: tuple[float, ...], width: float) -> tuple[Any, Any]:
    x0, x1, y0, y1 = extent
    height = min(width * (y1 - y0) * _aspect(extent) / (x1 - x0), 5.2)
    with plt.rc_context(STYLE):
        return plt.subplots(figsize=(width, height))


def _draw_base(
    ax: Any,
    extent: tuple[float, ...],
    focus: Sequence[str],
    *,
    provinces: bool,
    labels: bool = False,
    avoid: Sequence[tuple[float, float]] = (),
) -> None:
    """Sea, countries (``focus`` shaded), optionally provinces (with names when ``labels``, away from ``avoid``)."""
    x0, x1, y0, y1 = extent
    ax.set_facecolor(SEA)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect(_aspect(extent))
    ax.grid(False)
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ax.spines.values():
        side.set_visible(True)
        side.set_color(MUTED)
    clip = box(x0 - 1, y0 - 1, x1 + 1, y1 + 1)
    plain: list[PolygonPatch] = []
    focused: list[PolygonPatch] = []
    for props, geom in _layer("countries.geojson"):
        if not geom.intersects(clip):
            continue
        part = geom.intersection(clip)
        (focused if props.get("iso_a2") in focus else plain).extend(_patches(part))
    ax.add_collection(PatchCollection(plain, facecolor=LAND, edgecolor="#9aa3ad", linewidth=0.45, zorder=1))
    ax.add_collection(PatchCollection(focused, facecolor=FOCUS, edgecolor="#7d8690", linewidth=0.6, zorder=1))
    if provinces:
        prov = [p for props, g in _provinces() if g.intersects(clip) for p in _patches(g.intersection(clip))]
        ax.add_collection(PatchCollection(prov, facecolor="none", edgecolor="#aab1b9", linewidth=0.35,
                                          linestyle=(0, (3, 2)), zorder=2))  # fmt: skip
        span, margin = x1 - x0, 0.1 * (x1 - x0)
        if labels:  # countries named where most of their visible part is
            inner = box(x0 + margin, y0 + margin / 2, x1 - margin, y1 - margin / 2)
            for _code, (name, geom) in _countries().items():
                part = geom.intersection(inner) if geom.intersects(inner) else None
                if part is None or part.area < 0.06 * inner.area:
                    continue
                main = max(getattr(part, "geoms", [part]), key=lambda g: g.area)
                # not over a labelled incident: the country's name goes where no point is named
                clear = main.difference(unary_union([Point(a).buffer(0.16 * span) for a in avoid])) if avoid else main
                where = clear if not clear.is_empty and clear.area > 0.2 * main.area else main
                inner_part = where.buffer(-0.06 * span)  # clear of the border, so the name reads as this country's
                p = (inner_part if not inner_part.is_empty else where).representative_point()
                ax.text(p.x, p.y, name.upper(), fontsize=7.5, color="#6f7882", ha="center",
                        va="center", zorder=3, fontweight="bold", alpha=0.8)  # fmt: skip
        for props, g in _provinces():
            lx, ly = props["label"]
            inside = x0 + margin < lx < x1 - margin and y0 + margin / 2 < ly < y1 - margin / 2
            near = any(abs(lx - a) < 0.12 * span and abs(ly - b) < 0.06 * span for a, b in avoid)
            if labels and props["iso_a2"] in focus and inside and span < 30 and g.area > span * 0.15 and not near:
                ax.text(lx, ly, props["name"], fontsize=6.2, color="#5d6670", ha="center", va="center",
                        style="italic", zorder=3)  # fmt: skip


def _attribute(ax: Any, *below: Any) -> None:
    """The boundaries' attribution under the map, right-aligned, clear of every panel in ``below``."""
    fig = ax.figure
    fig.canvas.draw()  # the panels' final positions
    bottom = min(a.get_position().y0 for a in (ax, *below))
    right = ax.get_position().x1
    fig.text(right, bottom - 0.01, ATTRIBUTION, fontsize=5.5, color="#5d6670", ha="right", va="top")


def incident_map(incidents: Sequence[dict[str, Any]], title: str, *, label: bool = True) -> str | None:
    """Incidents as points over country and province boundaries; None when no incident has coordinates."""
    located = [i for i in incidents if i.get("latitude") is not None and i.get("longitude") is not None]
    if not located:
        return None
    pts = [(float(i["longitude"]), float(i["latitude"])) for i in located]
    extent = _extent(pts, pad=3.0, min_span=14.0)
    focus = sorted({i["country"] for i in located if i.get("country")})
    with plt.rc_context(STYLE):
        fig, ax = _figure(extent, 6.6)
        named = label and len(located) <= 12
        _draw_base(ax, extent, focus, provinces=True, labels=True, avoid=pts if named else ())
        sizes = [18 + 10 * math.sqrt(i.get("recovered") or 1) for i in located]
        ax.scatter([p[0] for p in pts], [p[1] for p in pts], s=sizes, color=ILLICIT, edgecolor="white",
                   linewidth=0.8, zorder=5)  # fmt: skip
        if named:
            for i, (x, y) in zip(located, pts, strict=True):
                name = (i.get("place") or i["code"]).split(",")[0]
                name = name if len(name) <= 30 else name[:29] + "…"
                ax.annotate(name, (x, y), xytext=(5, 4), textcoords="offset points", fontsize=7, color=INK,
                            fontweight="bold", zorder=6, annotation_clip=True, clip_on=True)  # fmt: skip
        if title:
            ax.set_title(title)
        _attribute(ax)
        return data_uri(fig, "png", dpi=MAP_DPI)


def _draw_flows(ax: Any, legs: Sequence[tuple[dict[str, Any], Any, Any]], top: int) -> None:
    for f, a, b in legs:
        lw = 0.8 + 2.6 * math.sqrt(f["count"] / top)
        colour = LEGAL if f["legal"] else ILLICIT
        ax.add_patch(FancyArrowPatch(a, b, connectionstyle="arc3,rad=-0.22", arrowstyle="-|>",
                                     mutation_scale=8 + 2 * lw, linewidth=lw, color=colour, alpha=0.85,
                                     linestyle="-" if f["legal"] else (0, (4, 2)), zorder=4,
                                     shrinkA=3, shrinkB=3))  # fmt: skip


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _draw_places(
    ax: Any,
    codes: Iterable[str],
    incidents: Sequence[dict[str, Any]],
    legs: Sequence[tuple[dict[str, Any], Any, Any]] = (),
) -> None:
    """Countries named at their anchor (a dot unless their flows end at incidents), incidents as points.

    A name goes on the side away from the country's own legs, so that it does not sit on their arrowheads,
    and moves above its point when a neighbour's name already takes the place below.
    """
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    with_incidents = {i.get("country") for i in incidents}
    ax.apply_aspect()  # the panel's drawn size, once its aspect has shrunk it
    fig_w, fig_h = ax.figure.get_size_inches()
    box_in = ax.get_position()
    pt_x, pt_y = 1 / (72 * box_in.width * fig_w), 1 / (72 * box_in.height * fig_h)  # a point, as panel fraction
    char_w, line_h, pad_x = 7 * 0.74 * pt_x, 7 * pt_y, 4 * pt_x
    placed: list[tuple[float, float, float, float]] = []
    for code in codes:
        p = country_point(code)
        if not p or not x0 <= p[0] <= x1:
            continue
        if code not in with_incidents:
            ax.scatter([p[0]], [p[1]], s=10, color=INK, zorder=5)
        ends = [b if f["from"] == code else a for f, a, b in legs if code in (f["from"], f["to"])]
        towards = sum(e[0] - p[0] for e in ends) if ends else 0.0
        prefer_right = towards <= 0 if ends else p[0] < x0 + 0.75 * (x1 - x0)
        fx, fy = (p[0] - x0) / (x1 - x0), (p[1] - y0) / (y1 - y0)
        name = country_name(code)
        width, height = len(name) * char_w + 2 * pad_x, 1.4 * line_h
        slots = [(right, dy) for dy in (-9, 5, -20, 16, -31, 27) for right in (prefer_right, not prefer_right)]
        fitting: list[tuple[tuple[bool, int], tuple[float, float, float, float]]] = []
        for right, dy in slots:
            left = fx + pad_x if right else fx - pad_x - width
            top = fy + (dy + 7) * pt_y
            box_ = (left, top - height, left + width, top)
            if box_[0] >= 0 and box_[2] <= 1 and box_[1] >= 0 and box_[3] <= 1:
                fitting.append(((right, dy), box_))
        free = [f for f in fitting if not any(_overlap(f[1], other) for other in placed)]
        chosen, taken = (free or fitting or [(slots[0], (fx, fy, fx, fy))])[0]
        placed.append(taken)
        right, dy = chosen
        ax.annotate(
            name,
            p,
            xytext=(4 if right else -4, dy),
            textcoords="offset points",
            fontsize=7,
            color=INK,
            zorder=6,
            ha="left" if right else "right",
            fontweight="bold",
            bbox={"boxstyle": "round,pad=0.12", "facecolor": "white", "alpha": 0.6, "edgecolor": "none"},
            # a name moved away from its point keeps a thin line to it, so that it names the right dot
            arrowprops=None if dy in (-9, 5) else {"arrowstyle": "-", "color": "#5d6670", "linewidth": 0.6},
        )
    if incidents:
        ax.scatter([float(i["longitude"]) for i in incidents], [float(i["latitude"]) for i in incidents], s=22,
                   color=ILLICIT, edgecolor="white", linewidth=0.6, zorder=5)  # fmt: skip


def flow_map(flows: Sequence[dict[str, Any]], incidents: Sequence[dict[str, Any]], title: str) -> str | None:
    """Country-to-country legs as curved arrows (width by items), incidents as points; None without legs.

    When the legs span the world (a supplier far away), a second panel zooms on the region of the
    incidents so that the last, usually illicit, legs stay readable.
    """
    located = [i for i in incidents if i.get("latitude") is not None and i.get("longitude") is not None]
    here = [(float(i["longitude"]), float(i["latitude"])) for i in located]
    at: dict[str, list[tuple[float, float]]] = {}
    for i, p in zip(located, here, strict=True):
        at.setdefault(i.get("country") or "", []).append(p)

    def point(code: str) -> tuple[float, float] | None:  # a flow into an incident's country ends at it
        if code in at:
            return (sum(p[0] for p in at[code]) / len(at[code]), sum(p[1] for p in at[code]) / len(at[code]))
        return country_point(code)

    legs: list[tuple[dict[str, Any], tuple[float, float], tuple[float, float]]] = []
    for f in flows:
        a, b = point(f["from"]), point(f["to"])
        if a and b:
            legs.append((f, a, b))
    if not legs:
        return None
    pts = [p for _, a, b in legs for p in (a, b)] + here
    extent = _extent(pts, pad=8.0, min_span=40.0)
    top = max(f["count"] for f, _, _ in legs)
    codes = sorted({c for f, _, _ in legs for c in (f["from"], f["to"])})
    anchor = here or [b for _, _, b in legs]
    cx, cy = sum(p[0] for p in anchor) / len(anchor), sum(p[1] for p in anchor) / len(anchor)
    near = [(f, a, b) for f, a, b in legs if all(abs(p[0] - cx) < 18 and abs(p[1] - cy) < 14 for p in (a, b))]
    zoom = extent[1] - extent[0] > 70 and near
    with plt.rc_context(STYLE):
        if zoom:
            regional = _extent([p for _, a, b in near for p in (a, b)] + here, pad=3.0, min_span=16.0)
            fig, (ax, bx) = plt.subplots(1, 2, figsize=(6.8, 2.9), gridspec_kw={"width_ratios": [1.65, 1]})
        else:
            fig, ax = _figure(extent, 6.6)
        _draw_base(ax, extent, codes, provinces=False)
        _draw_flows(ax, legs, top)
        _draw_places(ax, codes, located, legs)
        ax.plot([], [], color=LEGAL, linewidth=2, label="legal transfer")
        ax.plot([], [], color=ILLICIT, linewidth=2, linestyle=(0, (4, 2)), label="illicit movement")
        ax.scatter([], [], s=22, color=ILLICIT, label="incident")
        ax.legend(loc="lower left", fontsize=6.5, frameon=True, framealpha=0.9, edgecolor=MUTED)
        ax.set_title(title)
        if zoom:
            _draw_base(bx, regional, codes, provinces=True)
            _draw_flows(bx, near, top)
            _draw_places(bx, sorted({c for f, _, _ in near for c in (f["from"], f["to"])}), located, near)
            bx.set_title("Region of recovery")
            fig.tight_layout(w_pad=0.6)
        if zoom:
            _attribute(bx, ax)
        else:
            _attribute(ax)
        return data_uri(fig, "png", dpi=MAP_DPI)
