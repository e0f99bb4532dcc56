"""Build the map's world outline (``static/vendor/world-110m.svg``) from a TopoJSON file.

Run once when updating the outline, not at serve time::

    npm pack world-atlas@2 && tar xzf world-atlas-2.0.2.tgz
    python -m storyline.web.world package/countries-110m.json \\
        > src/storyline/web/static/vendor/world-110m.svg

Why a static SVG: the map must work offline and under a CSP that forbids inline scripts,
and an outline drawn in the same plate carrée coordinates as the event markers
(:func:`storyline.web.charts.project`) needs no JavaScript map library at all. The data is
Natural Earth's 1:110m countries (public domain) as packaged by world-atlas (ISC licence,
see ``world-atlas.LICENSE.txt``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from markupsafe import escape

from storyline.web.charts import WORLD_VIEW, project


def _arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Decode the quantised, delta-encoded arcs into longitude/latitude points."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    ring: list[tuple[float, float]] = []
    for index in indexes:
        points = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        ring.extend(points[1:] if ring else points)
    return ring


def _unwrap(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Make longitudes continuous where a ring crosses the antimeridian (Russia, Fiji)."""
    out = [ring[0]]
    for lon, lat in ring[1:]:
        previous = out[-1][0]
        while lon - previous > 180:
            lon -= 360
        while previous - lon > 180:
            lon += 360
        out.append((lon, lat))
    return out


def _path(rings: list[list[tuple[float, float]]]) -> str:
    parts = []
    for ring in rings:
        unwrapped = _unwrap(ring)
        lons = [lon for lon, _ in unwrapped]
        # A ring that crossed the antimeridian now pokes out of one side of the map; draw it
        # again shifted by a full turn so its other part shows on the opposite side.
        shifts = [0.0]
        if max(lons) > 180:
            shifts.append(-360.0)
        if min(lons) < -180:
            shifts.append(360.0)
        for shift in shifts:
            xy = [project(lat, lon + shift) for lon, lat in unwrapped]
            coords = " ".join(f"{x:.2f} {y:.2f}" for x, y in xy)
            parts.append(f"M{coords}Z")
    return "".join(parts)


def world_svg(topology: dict[str, Any]) -> str:
    """The outline of every country as one SVG document."""
    arcs = _arcs(topology)
    paths = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("properties", {}).get("name") == "Antarctica":
            continue  # a ring around the pole, outside every view the app draws
        polygons = geometry.get("arcs") or []
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        rings = [_ring(arcs, ring) for polygon in polygons for ring in polygon]
        name = escape(geometry.get("properties", {}).get("name", ""))
        paths.append(f'<path d="{_path(rings)}"><title>{name}</title></path>')
    x, y, width, height = WORLD_VIEW
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="{x} {y} {width} {height}" width="{width}" height="{height}">'
        '<g fill="#e6e2d6" stroke="#9a9486" stroke-width="0.08" stroke-linejoin="round">'
        + "".join(paths)
        + "</g></svg>\n"
    )


if __name__ == "__main__":
    sys.stdout.write(world_svg(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))))
