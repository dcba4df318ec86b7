"""Maps drawn at build time as SVG: no tile server, no network, legible in print.

The country outlines are a small clipped extract of Natural Earth (see
``briefing/render/basemap/README.md``). One *basemap* SVG file is written per build for the
map extent of the whole dataset; every map on the site is that picture with a small
inline SVG *overlay* of marks on top, drawn in the same coordinates. Sharing the basemap
keeps thousands of locator maps small (a few hundred bytes each instead of 40 kB).

How a place is drawn says how precisely it is known (ACLED-style precision): ``exact``
is a filled mark, ``near`` a filled mark with a ring, and ``region`` (only the district
or region is known) a hollow mark inside a dashed area, never a pin. An incident without
its own coordinates takes those of its most specific region that has some, as a
``region`` mark; an incident with neither is listed as "not mapped", never dropped.

Data text (labels, titles) reaches the SVG only through an autoescaping Jinja
environment, so a place name like ``<script>`` is drawn as text.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from typing import Any

from briefing.model.links import Links
from briefing.model.records import Dataset, Incident, Region
from briefing.render.environment import site_environment
from briefing.render.marks import SHAPES

#: The smallest area a map shows (west, south, east, north): Armenia, Azerbaijan and
#: their borders. Points outside it extend the map instead of falling off it.
DEFAULT_EXTENT = (43.3, 38.6, 49.0, 41.9)
#: Degrees of margin around the outermost point when a point extends the extent.
MARGIN = 0.3
#: Width of every map in SVG user units (px at 100 %); the height follows the extent.
WIDTH = 640.0
#: Longer place labels are shortened on the map (the full paired name is in the list below it).
LABEL_CHARS = 34
#: A region labels a mark when its own coordinates are this close (degrees).
NEAR_DEGREES = 0.05
#: A locator map with more highlighted incidents than this bins them into counted marks.
MAX_LINKED = 60
#: Marks closer than this many units on the overview map are drawn as one counted mark.
BIN = 6.0
#: At most about this many binned marks on one map: bins grow with the data, so a map's
#: size (bytes) does not (a country with thousands of incidents keeps a small page).
MAX_BINS = 150
_PRECISION_ORDER = ("exact", "near", "region")



@dataclass(frozen=True, slots=True)
class Extent:
    west: float
    south: float
    east: float
    north: float

    @property
    def x_scale(self) -> float:
        """Equirectangular projection, corrected for the latitude in the middle of the map."""
        return WIDTH / ((self.east - self.west) * math.cos(math.radians((self.north + self.south) / 2)))

    @property
    def height(self) -> float:
        return round((self.north - self.south) * self.x_scale, 1)

    def project(self, lat: float, lon: float) -> tuple[float, float]:
        scale = self.x_scale
        x = (lon - self.west) * scale * math.cos(math.radians((self.north + self.south) / 2))
        return round(x, 1), round((self.north - lat) * scale, 1)

    def contains(self, lat: float, lon: float) -> bool:
        return self.west <= lon <= self.east and self.south <= lat <= self.north


def extent_for(points: Iterable[tuple[float, float]]) -> Extent:
    """The default extent, grown (with a margin) to include every (lat, lon) point."""
    west, south, east, north = DEFAULT_EXTENT
    for lat, lon in points:
        west, east = min(west, lon - MARGIN), max(east, lon + MARGIN)
        south, north = min(south, lat - MARGIN), max(north, lat + MARGIN)
    return Extent(west, south, east, north)


@dataclass(frozen=True, slots=True)
class Place:
    """Where an incident is drawn, and how precisely that place is known."""

    incident: Incident
    lat: float
    lon: float
    precision: str
    via_region: Region | None = None

    @property
    def shape(self) -> str:
        return SHAPES.get(self.incident.incident_type, "circle")


@dataclass(frozen=True, slots=True)
class Mark:
    """One mark on a drawn map (projected), with what a reader needs to identify it."""

    x: float
    y: float
    shape: str
    precision: str
    title: str
    href: str | None
    highlight: bool
    count: int = 1


@dataclass(frozen=True, slots=True)
class Label:
    x: float
    y: float
    text: str


@dataclass(frozen=True, slots=True)
class MapDrawing:
    """Everything an inline map draws, projected: the template ``svg/map.svg.j2`` draws it."""

    title: str
    desc: str
    width: float
    height: float
    basemap_href: str
    context_href: str | None
    marks: tuple[Mark, ...]
    area: Label | None
    labels: tuple[Label, ...]

    @property
    def interactive(self) -> bool:
        """A map whose marks are links is a group of links, not an image."""
        return any(mark.href for mark in self.marks)


class Atlas:
    """Everything the site's maps need, computed once per build from a :class:`Dataset`."""

    def __init__(self, data: Dataset, links: Links) -> None:
        self.data = data
        self.links = links
        self.env = site_environment()
        self.places: dict[str, Place] = {}
        self.not_mapped: list[Incident] = []
        for incident in data.incidents.values():
            place = self._place(incident)
            if place is None:
                self.not_mapped.append(incident)
            else:
                self.places[incident.id] = place
        points = [(p.lat, p.lon) for p in self.places.values()]
        points += [(r.coordinates.lat, r.coordinates.lon) for r in data.regions.values() if r.coordinates]
        self.extent = extent_for(points)

    def _place(self, incident: Incident) -> Place | None:
        if incident.coordinates:
            c = incident.coordinates
            return Place(incident, c.lat, c.lon, c.precision or "exact")
        for region_id in self.links.most_specific(incident.region_ids):
            for region in [self.data.regions[region_id], *self.links.ancestors(region_id)]:
                if region.coordinates:
                    return Place(incident, region.coordinates.lat, region.coordinates.lon, "region", region)
        return None

    @cached_property
    def _basemap(self) -> dict[str, Any]:
        text = resources.files("briefing").joinpath("render/basemap/caucasus.json").read_text(encoding="utf-8")
        loaded: dict[str, Any] = json.loads(text)
        return loaded

    def basemap_svg(self) -> str:
        """The shared basemap: country outlines and names, for the extent of this dataset."""
        extent = self.extent
        countries = []
        for country in self._basemap["countries"]:
            paths = []
            inside: list[tuple[float, float]] = []
            for ring in country["rings"]:
                projected = [extent.project(lat, lon) for lon, lat in ring]
                paths.append("M" + "L".join(f"{x:g},{y:g}" for x, y in projected) + "Z")
                inside += [(x, y) for (x, y), (lon, lat) in zip(projected, ring, strict=True)
                           if extent.contains(lat, lon)]
            label = None
            if len(inside) > 20:
                label = Label(round(sum(x for x, _ in inside) / len(inside), 1),
                              round(sum(y for _, y in inside) / len(inside), 1), country["name"])
            countries.append({"name": country["name"], "path": " ".join(paths), "label": label})
        return self.env.get_template("svg/basemap.svg.j2").render(
            extent=extent, width=WIDTH, height=extent.height, countries=countries,
            attribution=self._basemap["attribution"],
        )

    def _marks(self, places: Iterable[Place], href: Callable[[Incident], str] | None, highlight: set[str],
               binned: bool) -> list[Mark]:
        marks: list[Mark] = []
        places = list(places)
        crowded = binned and len(places) > MAX_BINS
        size = max(BIN, (WIDTH * self.extent.height / MAX_BINS) ** 0.5) if crowded else BIN
        groups: dict[tuple[float, float, str, str, bool], list[Place]] = {}
        for place in places:
            x, y = self.extent.project(place.lat, place.lon)
            lit = place.incident.id in highlight
            if binned:
                x, y = round(x / size) * size, round(y / size) * size
            # A crowded map merges kinds too; the merged mark shows the least precise location.
            key = (x, y, "", "", lit) if crowded else (x, y, place.shape, place.precision, lit)
            groups.setdefault(key, []).append(place)
        for (x, y, _, _, lit), members in groups.items():
            shapes = {m.shape for m in members}
            shape = shapes.pop() if len(shapes) == 1 else "circle"
            precision = max((m.precision for m in members), key=_PRECISION_ORDER.index)
            first = members[0].incident
            if len(members) == 1:
                title = f"{first.date.isoformat()}: {first.title} ({precision} location)"
                link = href(first) if href else None
            else:
                types = {m.incident.incident_type for m in members}
                kind = types.pop().replace("-", " ") if len(types) == 1 else "several types"
                title = f"{len(members)} incidents ({kind}, {precision} location)"
                link = None
            marks.append(Mark(x, y, shape, precision, title, link, lit, len(members)))
        # Highlighted marks last, so they are drawn on top; otherwise a stable order.
        return sorted(marks, key=lambda m: (m.highlight, m.y, m.x, m.shape, m.title))

    def _label(self, region: Region) -> Label | None:
        if not region.coordinates:
            return None
        x, y = self.extent.project(region.coordinates.lat, region.coordinates.lon)
        return Label(x, y, region.title)

    def context_svg(self) -> str:
        """The shared layer of every incident drawn faintly, for orientation on locator
        maps. One file per build, so each page adds only its own highlighted marks."""
        marks = self._marks(self.places.values(), None, set(), binned=True)
        return self.env.get_template("svg/incidents_layer.svg.j2").render(
            width=WIDTH, height=self.extent.height, marks=marks, count=len(self.places))

    def overlay(self, *, title: str, desc: str, basemap_href: str, href: Callable[[Incident], str] | None = None,
                highlight: Iterable[str] = (), area: Region | None = None, context_href: str | None = None,
                labels: Iterable[Region] = ()) -> MapDrawing:
        """What an inline SVG map draws (``svg/map.svg.j2``): the basemap as an image with the marks drawn over it.

        ``highlight`` ids are drawn prominently (the record a locator map is about) and
        the other incidents come from the shared layer at ``context_href``. Without
        highlights (the overview map) every incident is drawn. Many marks are binned
        into counted marks, so a page's map stays small however much data there is.
        """
        lit = set(highlight)
        if lit:
            places = [self.places[i] for i in sorted(lit) if i in self.places]
        else:
            places = list(self.places.values())
        marks = self._marks(places, href, lit, binned=not lit or len(places) > MAX_LINKED)
        area_mark = None
        if area is not None and area.coordinates:
            area_mark = self._label(area)
        seen: set[str] = set()
        label_marks: list[Label] = []
        boxes: list[tuple[float, float, float, float]] = []
        for region in labels:
            label = self._label(region)
            if label is None or region.id in seen:
                continue
            seen.add(region.id)
            text = label.text if len(label.text) <= LABEL_CHARS else label.text[:LABEL_CHARS - 1].rstrip() + "…"
            box = (label.x + 8, label.y - 19, label.x + 12 + len(text) * 6.0, label.y - 5)
            if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in boxes):
                continue  # would overlap a label already placed: the list below names every place
            boxes.append(box)
            label_marks.append(Label(label.x, label.y, text))
        return MapDrawing(title, desc, WIDTH, self.extent.height, basemap_href, context_href,
                          tuple(marks), area_mark, tuple(label_marks))

    def labelled_regions(self, incidents: Iterable[Incident]) -> list[Region]:
        """The places the given incidents are drawn at, for labels (paired names): a
        region is labelled only where one of its incidents has a mark, so no label
        floats over an empty spot."""
        regions: dict[str, Region] = {}
        for incident in incidents:
            place = self.places.get(incident.id)
            if place is None:
                continue
            for region_id in self.links.most_specific(incident.region_ids):
                region = self.data.regions[region_id]
                c = region.coordinates
                if c and abs(c.lat - place.lat) < NEAR_DEGREES and abs(c.lon - place.lon) < NEAR_DEGREES:
                    regions.setdefault(region.id, region)
        return sorted(regions.values(), key=lambda r: (r.title.casefold(), r.id))


