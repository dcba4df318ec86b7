"""Areas and lines for places known only to their district or to a stretch of border.

An incident known only to its district is drawn as that district's area; one known only
to a stretch of border, as that stretch; a precise place stays a point (:mod:`.maps`).

* **Areas** come from Natural Earth's first-order administrative areas (public domain),
  reduced to the briefings' extents by ``tools/make_boundaries.py`` into
  ``basemap/admin1.json.gz``. A region is drawn as an area only when the data says enough
  to be sure it is that area: its kind is an administrative one (:data:`AREA_KINDS`), it
  has cited coordinates (its seat), the area contains that seat, and one of the region's
  recorded names is one of the area's names (compared without case, accents and words
  like "District"). The area is drawn cut to its country's outline, so that it meets the
  border the map draws. Anything less and no area is drawn: the map rings the seat instead
  and its legend says that no boundary was available.
* **Lines**: a region of kind ``border-section`` with a cited point is drawn as the state
  border within :data:`STRETCH_KM` of that point, taken from the country outlines the
  maps already draw (:mod:`.outlines`: neighbours share their border line exactly), between
  the countries the briefing records (regions of kind ``country``; any neighbours if it
  records none).

Both are worked out once per region and cached; their SVG paths once per map frame.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import combinations
from typing import Any

import shapely
from shapely import affinity
from shapely.geometry import LineString, Point
from shapely.geometry.base import BaseGeometry

from briefing.model.records import Region
from briefing.render.drawings.outlines import KM_PER_DEGREE, Frame, path_data, read_packed, unpack, world
from briefing.render.spellings import fold

AREAS_FILE = "render/drawings/basemap/admin1.json.gz"
#: Shown under a map that draws a district's area.
AREA_ATTRIBUTION = "district areas: Natural Earth admin-1 (public domain)"
#: Kinds of region that may be drawn as an administrative area.
#: (The schema's kinds of place that are administrative areas; cities, towns, villages stay points.)
AREA_KINDS = frozenset({"district", "region", "autonomous-republic", "area"})
BORDER_KINDS = frozenset({"border-section"})
#: A border section is drawn as the state border this close to its cited point (km).
STRETCH_KM = 10.0
#: Words that say what kind of area a name is, left out when names are compared.
GENERIC = frozenset({"district", "province", "county", "rayon", "rayonu", "region", "marz", "marzi",
                     "municipality", "sahari", "oblast", "state", "raion", "район", "область"})


@dataclass(frozen=True, slots=True)
class Boundary:
    """One first-order administrative area of the boundaries file, by its names; its
    shape is unpacked when a region's names first match it (:func:`area_shape`)."""

    index: int
    code: str
    iso: str
    kind: str
    keys: frozenset[str]


@dataclass(frozen=True, slots=True)
class Zone:
    """How a region is drawn when it is more than a point: ``area`` or ``line``."""

    kind: str
    region: Region
    shape: BaseGeometry
    #: Where the shape comes from, in words (for the mark's title and the page's list).
    source: str


def name_key(name: str) -> str:
    """A name as compared with an area's names: "Tovuz District" and "tovuz" are one key."""
    words = fold(name).casefold().replace("-", " ").split()
    return " ".join(w for w in words if w not in GENERIC)


@cache
def _packed() -> tuple[list[dict[str, Any]], int]:
    loaded, scale = read_packed(AREAS_FILE)
    return loaded["areas"], scale


@cache
def boundaries() -> tuple[Boundary, ...]:
    """Every area of the boundaries file, in the file's order."""
    areas, _ = _packed()
    return tuple(Boundary(index, entry["id"], entry["iso"], entry["kind"],
                          frozenset(k for k in (name_key(n) for n in entry["names"]) if k))
                 for index, entry in enumerate(areas))


@cache
def area_shape(area: Boundary) -> BaseGeometry:
    """An area's shape, unpacked once (a build needs the few its regions name, not all)."""
    areas, scale = _packed()
    return unpack(areas[area.index]["polygons"], scale)


def area_of(region: Region) -> Zone | None:
    """The region's administrative area, when its kind, seat and names all agree with one
    (the first such area in the file's order)."""
    c = region.coordinates
    if region.kind_of_place not in AREA_KINDS or c is None:
        return None
    keys = {k for k in (name_key(n.name) for n in region.names) if k}
    seat = Point(c.lon, c.lat)
    for area in boundaries():
        if keys & area.keys and area_shape(area).intersects(seat):
            return Zone("area", region, _within_country(area_shape(area), seat),
                        f"Natural Earth admin-1 area {area.iso or area.code}")
    return None


def _within_country(shape: BaseGeometry, seat: Point) -> BaseGeometry:
    """The area cut to the outline of the country its seat is in, as the maps draw it (the
    1:10m areas and the 1:50m outlines differ by up to a few kilometres along borders)."""
    countries, tree = world()
    for index in tree.query(seat, predicate="intersects"):
        cut = shape.intersection(countries[int(index)].shape)
        return cut if not cut.is_empty else shape
    return shape


def stretch_of(region: Region, countries: frozenset[str]) -> Zone | None:
    """The state border within :data:`STRETCH_KM` of a border section's cited point."""
    c = region.coordinates
    if region.kind_of_place not in BORDER_KINDS or c is None:
        return None
    radius = STRETCH_KM / KM_PER_DEGREE
    circle = affinity.scale(Point(c.lon, c.lat).buffer(radius, 32),
                            xfact=1 / max(math.cos(math.radians(c.lat)), 0.05), yfact=1.0)
    shapes, tree = world()
    near = [shapes[int(i)] for i in sorted(tree.query(circle, predicate="intersects"))]
    if countries:
        near = [s for s in near if s.name in countries]
    lines = []
    for a, b in combinations(near, 2):
        shared = a.shape.boundary.intersection(b.shape.boundary).intersection(circle)
        lines += [g for g in getattr(shared, "geoms", [shared]) if isinstance(g, LineString) and g.length > 0]
    if not lines:
        return None
    return Zone("line", region, shapely.line_merge(shapely.union_all(lines)),
                f"state border within {STRETCH_KM:g} km of its cited point")


@lru_cache(maxsize=4096)
def zone_path(zone: Zone, frame: Frame) -> str:
    """SVG path data of the zone clipped to the frame and projected (0.1 unit)."""
    clipped = shapely.clip_by_rect(zone.shape, frame.west, frame.south, frame.east, frame.north)
    if clipped.is_empty:
        return ""
    return path_data(shapely.simplify(clipped, 0.5 / frame.x_scale, preserve_topology=True), frame)
