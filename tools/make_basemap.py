"""Make the small world basemap the site's maps are drawn from (briefing/render/drawings/basemap/).

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python tools/make_basemap.py package/countries-50m.json briefing/render/drawings/basemap/world-50m.json.gz

world-atlas 2.0.2 redistributes Natural Earth's Admin 0 country boundaries (version 4.1.0,
public domain) as TopoJSON, ISC licence. This script decodes the 1:50m topology and
simplifies each *arc* once (Douglas–Peucker, :data:`TOLERANCE` degrees, with shapely), so
that two countries that share a border keep sharing exactly the same line; it then
assembles every country's polygons from the simplified arcs and writes them as integers
in hundredths of a degree (about 1 km), each ring delta-encoded, gzip-compressed with a
fixed timestamp (the same input gives the same bytes).

The build reads that file (:mod:`briefing.render.basemap`) and clips it to each map's
extent, so a briefing anywhere in the world gets its outlines with no change of code and
no network. Run once; the output is committed.
"""

from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path
from typing import Any

from shapely import LineString, simplify

#: Douglas–Peucker tolerance in degrees (about 1.5 km): finer than the 1:50m source's own
#: detail on most coasts and borders, coarse enough to keep the file small.
TOLERANCE = 0.015
#: Stored coordinates are integers in units of 1 / SCALE degrees.
SCALE = 100
ATTRIBUTION = "Natural Earth (public domain), 1:50m Admin 0 countries, via world-atlas 2.0.2"

Point = tuple[float, float]


def decode_arcs(topology: dict[str, Any]) -> list[list[Point]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def simplify_arc(points: list[Point]) -> list[tuple[int, int]]:
    """The arc simplified and quantised; both ends are kept, so arcs still join."""
    line = simplify(LineString(points), TOLERANCE, preserve_topology=False) if len(points) > 2 else None
    kept = list(line.coords) if line is not None and not line.is_empty else points
    out: list[tuple[int, int]] = []
    for x, y in kept:
        p = (round(x * SCALE), round(y * SCALE))
        if not out or out[-1] != p:
            out.append(p)
    return out


def ring(arcs: list[list[tuple[int, int]]], indexes: list[int]) -> list[tuple[int, int]]:
    points: list[tuple[int, int]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()
    return points


def delta(points: list[tuple[int, int]]) -> list[int]:
    """[x0, y0, dx1, dy1, ...]: small numbers, a third of the bytes of absolute ones."""
    flat: list[int] = []
    px = py = 0
    for x, y in points:
        flat += [x - px, y - py]
        px, py = x, y
    return flat


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", type=Path, help="world-atlas countries-50m.json")
    parser.add_argument("out", type=Path, help="the .json.gz to write")
    args = parser.parse_args()
    topology = json.loads(args.topojson.read_text(encoding="utf-8"))
    arcs = [simplify_arc(arc) for arc in decode_arcs(topology)]
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        shapes = []
        for polygon in polygons:
            rings = [ring(arcs, indexes) for indexes in polygon]
            if rings and len(rings[0]) >= 3:
                shapes.append([delta(r) for r in rings if len(r) >= 3])
        if shapes:
            countries.append({"name": geometry["properties"]["name"], "id": geometry.get("id", ""),
                              "polygons": shapes})
    countries.sort(key=lambda c: (c["name"], c["id"]))
    result = {"attribution": ATTRIBUTION, "scale": SCALE, "tolerance": TOLERANCE, "countries": countries}
    raw = json.dumps(result, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    with open(args.out, "wb") as handle, gzip.GzipFile(fileobj=handle, mode="wb", mtime=0, filename="") as z:
        z.write(raw)
    print(f"{len(countries)} countries, {len(raw):,} bytes of JSON, {args.out.stat().st_size:,} bytes gzipped")


if __name__ == "__main__":
    main()
