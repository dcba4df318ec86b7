"""Country outlines for any map extent, clipped at build time from a small world file.

The world file (``briefing/render/drawings/basemap/world-50m.json.gz``, made by
``tools/make_basemap.py``) holds Natural Earth's 1:50m Admin 0 country polygons
(public domain), simplified once so that neighbours share their border line exactly. A
map asks for the outlines of its own extent: the countries whose bounding box meets it
are clipped to it (shapely's ``clip_by_rect``), simplified to what the map can show
(a fraction of a drawn unit) and projected. So a briefing about any part of the world
gets its outlines from configuration and data alone, and a locator map zoomed to a
neighbourhood carries only the few border lines that cross it.

Results are cached per extent: many pages share a map extent (incidents at one place).
"""

from __future__ import annotations

import gzip
import json
import math
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import numpy
import shapely
from shapely.geometry import LineString, MultiPolygon, Polygon, box
from shapely.geometry.base import BaseGeometry

WORLD_FILE = "render/drawings/basemap/world-50m.json.gz"
#: Shown under every map (the licence asks for nothing; readers should know the source).
ATTRIBUTION = "Country outlines: Natural Earth (public domain)"
#: Kilometres per degree of latitude (mean Earth radius 6,371 km).
KM_PER_DEGREE = 111.195



@dataclass(frozen=True, slots=True)
class Frame:
    """A map's extent in degrees drawn ``width`` units wide: an equirectangular projection
    corrected for the latitude in the middle of the map (true to scale along that parallel,
    which is close enough for the few hundred kilometres a briefing's map spans)."""

    west: float
    south: float
    east: float
    north: float
    width: float
    #: Units per degree of longitude and of latitude (computed once: every point uses them).
    _kx: float = field(init=False, repr=False, compare=False)
    _ky: float = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        cos = math.cos(math.radians((self.north + self.south) / 2))
        ky = self.width / ((self.east - self.west) * cos)
        object.__setattr__(self, "_ky", ky)
        object.__setattr__(self, "_kx", ky * cos)

    @property
    def x_scale(self) -> float:
        """Drawn units per degree of latitude."""
        return self._ky

    @property
    def height(self) -> float:
        return round((self.north - self.south) * self._ky, 1)

    @property
    def km_per_unit(self) -> float:
        return KM_PER_DEGREE / self._ky

    def project(self, lat: float, lon: float) -> tuple[float, float]:
        return round((lon - self.west) * self._kx, 1), round((self.north - lat) * self._ky, 1)

    def contains(self, lat: float, lon: float) -> bool:
        return self.west <= lon <= self.east and self.south <= lat <= self.north

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        return self.west, self.south, self.east, self.north


@dataclass(frozen=True, slots=True)
class Country:
    name: str
    shape: BaseGeometry


@dataclass(frozen=True, slots=True)
class Outline:
    """One country's visible part, as SVG path data, with a point to label it (or None)."""

    name: str
    path: str
    label_at: tuple[float, float] | None
    #: Share of the map's area the country covers (0–1): small slivers are not labelled.
    share: float


def _ring(flat: list[int], scale: int) -> list[tuple[float, float]]:
    points = []
    x = y = 0
    for i in range(0, len(flat), 2):
        x += flat[i]
        y += flat[i + 1]
        points.append((x / scale, y / scale))
    return points


def read_packed(name: str) -> tuple[dict[str, Any], int]:
    """A gzipped JSON file of the basemap folder, and its coordinate scale."""
    raw = resources.files("briefing").joinpath(name).read_bytes()
    loaded: dict[str, Any] = json.loads(gzip.decompress(raw))
    return loaded, int(loaded["scale"])


def unpack(polygons: list[list[list[int]]], scale: int) -> BaseGeometry:
    """Delta-encoded rings (exterior first, then holes, per polygon) as one valid shape."""
    shapes = []
    for rings in polygons:
        exterior, *holes = (_ring(r, scale) for r in rings)
        shapes.append(Polygon(exterior, holes))
    return shapely.make_valid(MultiPolygon(shapes))


@cache
def world() -> tuple[tuple[Country, ...], shapely.STRtree]:
    """Every country of the world file, and a spatial index of their shapes."""
    loaded, scale = read_packed(WORLD_FILE)
    countries = [Country(entry["name"], unpack(entry["polygons"], scale)) for entry in loaded["countries"]]
    ordered = tuple(countries)
    return ordered, shapely.STRtree([c.shape for c in ordered])


def _tenths(value: int) -> str:
    """A number of tenths as SVG reads it, shortest: 25 → "2.5", -3 → "-.3", 40 → "4"."""
    whole, tenth = divmod(abs(value), 10)
    sign = "-" if value < 0 else ""
    return f"{sign}{whole}" if not tenth else f"{sign}{whole or ''}.{tenth}"


def ring_data(coords: Any, frame: Frame, closed: bool = True) -> str:
    """One ring (``closed``) or line as SVG path data, projected and rounded to 0.1 unit:
    its first point, then each step from the point before (relative steps are about a third
    shorter than positions). Steps are taken between rounded points, so rounding never adds
    up along a ring; repeated points after rounding are dropped (numpy, one pass)."""
    array = numpy.asarray(coords, dtype=float)
    if closed:
        array = array[:-1]
    if len(array) < (3 if closed else 2):
        return ""
    xs = numpy.rint((array[:, 0] - frame.west) * frame._kx * 10).astype(numpy.int64)
    ys = numpy.rint((frame.north - array[:, 1]) * frame._ky * 10).astype(numpy.int64)
    keep = numpy.ones(len(xs), dtype=bool)
    keep[1:] = (xs[1:] != xs[:-1]) | (ys[1:] != ys[:-1])
    xs, ys = xs[keep], ys[keep]
    if len(xs) < (3 if closed else 2):
        return ""
    steps = " ".join(f"{_tenths(dx)},{_tenths(dy)}" for dx, dy in zip(numpy.diff(xs).tolist(), numpy.diff(ys).tolist(),
                                                                      strict=True))
    return f"M{_tenths(int(xs[0]))},{_tenths(int(ys[0]))}l{steps.replace(' -', '-')}" + ("z" if closed else "")


def path_data(geometry: BaseGeometry, frame: Frame, lines: bool = True) -> str:
    """SVG path data of the polygons' rings (and of the lines, with ``lines``) of
    ``geometry`` (:func:`ring_data`)."""
    parts: list[str] = []
    for part in getattr(geometry, "geoms", [geometry]):
        if part.is_empty:
            continue
        if isinstance(part, Polygon):
            parts += [ring_data(ring.coords, frame) for ring in (part.exterior, *part.interiors)]
        elif lines and isinstance(part, LineString):
            parts.append(ring_data(part.coords, frame, closed=False))
    return "".join(parts)


@lru_cache(maxsize=4096)
def outlines(frame: Frame, detail: float = 0.5) -> tuple[Outline, ...]:
    """The countries visible in the frame, clipped to it, simplified to ``detail`` drawn
    units and projected, sorted by name."""
    countries, tree = world()
    west, south, east, north = frame.bounds
    tolerance = detail / frame.x_scale
    window = box(west, south, east, north)
    result = []
    for index in sorted(int(i) for i in tree.query(window)):
        country = countries[index]
        clipped = shapely.clip_by_rect(country.shape, west, south, east, north)
        if clipped.is_empty:
            continue
        shown = shapely.simplify(clipped, tolerance, preserve_topology=True)
        path = path_data(shown, frame, lines=False)
        if not path:
            continue
        share = clipped.area / window.area
        largest = max(getattr(clipped, "geoms", [clipped]), key=lambda g: g.area)
        point = largest.point_on_surface() if largest.area > 0 else None
        label_at = frame.project(point.y, point.x) if point is not None and not point.is_empty else None
        result.append(Outline(country.name, path, label_at, share))
    return tuple(sorted(result, key=lambda o: o.name))


def country_at(lat: float, lon: float) -> str | None:
    """The name of the country a point lies in (for tests and descriptions)."""
    countries, tree = world()
    point = shapely.Point(lon, lat)
    for index in tree.query(point, predicate="intersects"):
        return countries[int(index)].name
    return None
