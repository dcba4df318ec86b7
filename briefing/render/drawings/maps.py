"""Maps drawn at build time as inline SVG: no tile server, no network, legible in print.

Every map is drawn for its own job:

* the **overview** (home page) covers the briefing's extent: ``map.extent`` in
  ``mkdocs.yml``, or else every mapped point with a margin;
* an **incident's locator map** is zoomed to the incident's neighbourhood
  (``map.locator_km`` across), with the other incidents near it;
* a **region's map** covers the region's own incidents and places.

Each carries a small overview inset (where this is in the wider area), a scale bar, and
country outlines clipped at build time from a small Natural Earth world file
(:mod:`.outlines`), drawn inline so that the site's light and dark schemes colour them
(``visuals.css``: CSS custom properties). Its legend is drawn beside it
(:attr:`MapDrawing.legend`), naming only what the map shows.

How a place is drawn says how precisely it is known (ACLED-style precision, in the
classes the data records): ``exact`` is a filled mark, ``near`` a filled mark with a
ring. A place known only to its district or to a stretch of border (``region``) is drawn
as that district's area (``area``) or that stretch of border (``line``) with a hollow mark
at its cited point (:mod:`.areas`); where no boundary can be had, as a hollow mark inside a
dashed ring around that point (``region``), never a pin. An incident without its own
coordinates takes its most specific region that has some; an incident with neither is
listed as "not drawn" with the reason, never dropped.
Marks never hide each other (:mod:`.layout`): two incidents at one place are drawn
apart with leader lines to the place, and a crowd is one mark showing its count.

Data text (labels, titles) reaches the SVG only through an autoescaping Jinja
environment, so a place name like ``<script>`` is drawn as text.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import cast

from briefing.model.links import Links
from briefing.model.records import Dataset, Incident, Region
from briefing.render.drawings.areas import AREA_ATTRIBUTION, Zone, area_of, stretch_of, zone_path
from briefing.render.drawings.layout import (
    GAP,
    LABEL_SIZE,
    Box,
    Item,
    mark_box,
    place_label,
    spread,
)
from briefing.render.drawings.marks import SHAPES
from briefing.render.drawings.outlines import ATTRIBUTION, KM_PER_DEGREE, Frame, Outline, outlines

#: The smallest area a map may show, across and high (km): a configured extent is refused
#: below it (``map.extent``; ``map.locator_km`` has the same minimum), and a frame is never
#: drawn smaller (a frame rounded to nothing divided by zero).
MIN_MAP_KM = 5.0
#: Width of every map in SVG units; the height follows the extent.
WIDTH = 640.0
#: Height of a locator map in SVG units (a landscape frame of 16:10).
LOCATOR_HEIGHT = 400.0
#: Width of the overview inset in SVG units.
INSET_WIDTH = 150.0
INSET_HEIGHT = 110.0
#: Longer place labels are shortened on the map (the full paired name is in the list below it).
LABEL_CHARS = 34
#: A map tries to label at most this many places (the ones it is about first).
MAX_LABELS = 10
#: A region labels a mark when its own coordinates are this close (degrees).
NEAR_DEGREES = 0.05
#: A map with more highlighted incidents than this bins them into counted marks.
MAX_LINKED = 60
#: At most about this many binned marks on one map: bins grow with the data, so a map's
#: size (bytes) does not.
MAX_BINS = 150
#: A locator map draws up to this many other incidents one by one (each a link); more are
#: counted in at most about :data:`CONTEXT_BINS` marks, so an incident page stays small
#: however crowded its neighbourhood.
MAX_CONTEXT = 8
CONTEXT_BINS = 12
#: Margin around the outermost points of an extent computed from the data (share of the span).
PADDING = 0.12
#: Height : width of maps whose extent comes from the data, kept within this range.
ASPECT = (0.55, 0.9)
#: The inset shows the briefing's extent when it is at least this many times wider than
#: the map; otherwise a wider area around the map (this many times its width).
INSET_ZOOM = 2.5
INSET_CONTEXT = 8.0
#: Scale bar lengths are one of these, times a power of ten (km).
NICE = (1, 2, 5)
_PRECISION_ORDER = ("exact", "near", "line", "area", "region")
#: The legend's symbol for precisions drawn as shapes (``area`` is the region map's circle).
_KEYS = {"area": "zone", "line": "stretch"}
#: How precisely a drawn place is known, in words (marks' titles, maps' descriptions).
PRECISION_WORDS = {"exact": "exact location", "near": "near location", "line": "only the stretch of border known",
                   "area": "only the district known", "region": "only the district or region known"}


@dataclass(frozen=True, slots=True)
class MapSettings:
    """The map options of ``mkdocs.yml`` (``extra: briefing: map:``)."""

    #: West, south, east, north in degrees; None: computed from the data.
    extent: tuple[float, float, float, float] | None = None
    #: How many kilometres across an incident's locator map shows.
    locator_km: float = 120.0


@dataclass(frozen=True, slots=True)
class Place:
    """Where an incident is drawn, and how precisely that place is known."""

    incident: Incident
    lat: float
    lon: float
    precision: str
    via_region: Region | None = None
    #: The district's area or the border's stretch it is drawn as (precision area or line).
    zone: Zone | None = None

    @property
    def shape(self) -> str:
        return SHAPES.get(self.incident.incident_type, "circle")


@dataclass(frozen=True, slots=True)
class Mark:
    """One mark on a drawn map (projected), with what a reader needs to identify it.

    (``x``, ``y``) is where it is drawn; (``true_x``, ``true_y``) where it was reported:
    they differ when marks were moved apart, and a leader line joins them."""

    x: float
    y: float
    true_x: float
    true_y: float
    shape: str
    precision: str
    title: str
    href: str | None
    #: ``lit``: what the map is about; ``other``: other incidents, for orientation.
    role: str
    count: int = 1
    #: The incident type, when every incident of the mark has the same one.
    kind: str | None = None
    #: The incidents whose title, date, type or precision the mark shows (none for other
    #: incidents only counted): a page's context names every record it shows, so the
    #: preview plans the page again when one of them changes (briefing.render.incremental).
    shows: tuple[Incident, ...] = ()

    @property
    def moved(self) -> bool:
        return (self.x, self.y) != (self.true_x, self.true_y)

    @property
    def highlight(self) -> bool:
        return self.role == "lit"


@dataclass(frozen=True, slots=True)
class Label:
    x: float
    y: float
    text: str
    #: SVG text-anchor: start, end or middle.
    anchor: str = "start"
    #: A dot at the place itself, when no mark is drawn there.
    dot: tuple[float, float] | None = None


@dataclass(frozen=True, slots=True)
class Inset:
    """The small overview map in a corner: the wider area, with this map's frame on it."""

    x: float
    y: float
    width: float
    height: float
    land: tuple[str, ...]
    #: This map's frame drawn on the inset (x, y, width, height, in inset units).
    frame: tuple[float, float, float, float]
    title: str


@dataclass(frozen=True, slots=True)
class ScaleBar:
    x: float
    y: float
    length: float
    text: str


@dataclass(frozen=True, slots=True)
class LegendEntry:
    """One line of a map's legend: the symbol drawn (``symbol``) and what it means."""

    symbol: str
    text: str
    shape: str = "circle"


@dataclass(frozen=True, slots=True)
class ZoneShape:
    """A district's area or a stretch of border drawn under the marks."""

    path: str
    kind: str
    title: str


@dataclass(frozen=True, slots=True)
class MapDrawing:
    """Everything an inline map draws, projected: the template ``svg/map.svg.j2`` draws it."""

    title: str
    desc: str
    width: float
    height: float
    land: tuple[Outline, ...]
    countries: tuple[Label, ...]
    marks: tuple[Mark, ...]
    area: Label | None
    labels: tuple[Label, ...]
    inset: Inset | None
    scale: ScaleBar
    legend: tuple[LegendEntry, ...]
    attribution: str = ATTRIBUTION
    zones: tuple[ZoneShape, ...] = ()

    @property
    def interactive(self) -> bool:
        """A map whose marks are links is a group of links, not an image."""
        return any(mark.href for mark in self.marks)


#: Degrees per cell of the index of places (:meth:`Atlas.places_in`).
GRID = 0.25


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / GRID), math.floor(lon / GRID)


def _fit(west: float, south: float, east: float, north: float, width: float,
         aspect: tuple[float, float] = ASPECT, min_km: float = 0.0) -> Frame:
    """The frame around a box: at least ``min_km`` wide, its height:width within ``aspect``."""
    lat = (south + north) / 2
    cos = max(math.cos(math.radians(lat)), 0.05)
    span_x = max((east - west) * cos, min_km / KM_PER_DEGREE)  # degrees of latitude, east–west
    span_y = north - south
    if span_y < span_x * aspect[0]:
        span_y = span_x * aspect[0]
    elif span_y > span_x * aspect[1]:
        span_x = span_y / aspect[1]
    cx, cy = (west + east) / 2, lat
    half_lon, half_lat = span_x / cos / 2, span_y / 2
    return Frame(round(cx - half_lon, 4), round(max(cy - half_lat, -85.0), 4), round(cx + half_lon, 4),
                 round(min(cy + half_lat, 85.0), 4), width)


def _around(lat: float, lon: float, km: float, width: float, height: float) -> Frame:
    """A frame ``km`` across centred on a point, ``width`` × ``height`` units."""
    cos = max(math.cos(math.radians(lat)), 0.05)
    half_lon = km / KM_PER_DEGREE / cos / 2
    half_lat = km * height / width / KM_PER_DEGREE / 2
    return Frame(round(lon - half_lon, 4), round(max(lat - half_lat, -85.0), 4), round(lon + half_lon, 4),
                 round(min(lat + half_lat, 85.0), 4), width)


def _padded(points: Sequence[tuple[float, float]]) -> tuple[float, float, float, float]:
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    pad_lat = max((max(lats) - min(lats)) * PADDING, 0.05)
    pad_lon = max((max(lons) - min(lons)) * PADDING, 0.05)
    return min(lons) - pad_lon, min(lats) - pad_lat, max(lons) + pad_lon, max(lats) + pad_lat


def _corners(zone: Zone) -> list[tuple[float, float]]:
    """A district's or a stretch's whole extent, as two (lat, lon) corners."""
    west, south, east, north = zone.shape.bounds
    return [(south, west), (north, east)]


def _nice_km(target: float) -> float:
    power = 10 ** math.floor(math.log10(target)) if target > 0 else 1
    best = power
    for step in NICE:
        if step * power <= target:
            best = step * power
    return best


def _scale_bar(frame: Frame, height: float) -> ScaleBar:
    km = _nice_km(frame.km_per_unit * frame.width * 0.22)
    length = round(km / frame.km_per_unit, 1)
    text = f"{km:g} km"
    return ScaleBar(12.0, round(height - 14, 1), length, text)


class Atlas:
    """Everything the site's maps need, computed once per build from a :class:`Dataset`."""

    def __init__(self, data: Dataset, links: Links, settings: MapSettings | None = None) -> None:
        self.data = data
        self.links = links
        self.settings = settings or MapSettings()
        self.places: dict[str, Place] = {}
        self.not_mapped: list[Incident] = []
        self._zones: dict[str, Zone | None] = {}
        self._label_texts: dict[str, str] = {}
        self._countries = frozenset(n.name for r in data.regions.values() if r.kind_of_place == "country"
                                    for n in r.names if n.lang == "en")
        for incident in data.incidents.values():
            place = self._place(incident)
            if place is None:
                self.not_mapped.append(incident)
            else:
                self.places[incident.id] = place
        self._grid: dict[tuple[int, int], list[Place]] = {}
        for place in self.places.values():
            self._grid.setdefault(_cell(place.lat, place.lon), []).append(place)
        # Other incidents on locator maps are counted per cell of a quarter of the map's
        # width, worked out once per build: a crowded neighbourhood costs a page no more
        # than an empty one.
        self._context_size = self.settings.locator_km / KM_PER_DEGREE / 4
        self._context: dict[tuple[int, int], list[Place]] = {}
        for place in self.places.values():
            self._context.setdefault(self._context_cell(place), []).append(place)
        self._centres = {key: (sum(p.lat for p in ps) / len(ps), sum(p.lon for p in ps) / len(ps))
                         for key, ps in self._context.items()}
        self.frame = self._overview_frame()

    def _place(self, incident: Incident) -> Place | None:
        if incident.coordinates:
            c = incident.coordinates
            precision = c.precision or "exact"
            zone = self._zone(self.data.regions[c.region_id]) if precision == "region" and c.region_id else None
            return Place(incident, c.lat, c.lon, zone.kind if zone else precision, zone=zone)
        for region_id in self.links.most_specific(incident.region_ids):
            for region in [self.data.regions[region_id], *self.links.ancestors(region_id)]:
                if region.coordinates:
                    zone = self._zone(region)
                    return Place(incident, region.coordinates.lat, region.coordinates.lon,
                                 zone.kind if zone else "region", region, zone)
        return None

    def _zone(self, region: Region) -> Zone | None:
        """The region's area or stretch of border, worked out once per build."""
        if region.id not in self._zones:
            self._zones[region.id] = stretch_of(region, self._countries) or area_of(region)
        return self._zones[region.id]

    def _points(self) -> list[tuple[float, float]]:
        points = [(p.lat, p.lon) for p in self.places.values()]
        for zone in {p.zone.region.id: p.zone for p in self.places.values() if p.zone}.values():
            points += _corners(zone)
        points += [(r.coordinates.lat, r.coordinates.lon) for r in self.data.regions.values() if r.coordinates]
        return points

    def _overview_frame(self) -> Frame:
        """The briefing's extent: as configured, or around every mapped point."""
        if self.settings.extent:
            west, south, east, north = self.settings.extent
            return _fit(west, south, east, north, WIDTH, aspect=(0.3, 1.4), min_km=MIN_MAP_KM)
        points = self._points()
        if not points:  # nothing to map: a neutral frame around 0, 0 (the page says so)
            return _around(0.0, 0.0, self.settings.locator_km * 4, WIDTH, WIDTH * 0.6)
        return _fit(*_padded(points), WIDTH, min_km=self.settings.locator_km)

    @property
    def extent(self) -> Frame:
        return self.frame

    def places_in(self, frame: Frame) -> list[Place]:
        """Every mapped incident inside the frame, in a stable order (the layout sorts)."""
        found: list[Place] = []
        (south, west), (north, east) = _cell(frame.south, frame.west), _cell(frame.north, frame.east)
        for lat in range(south, north + 1):
            for lon in range(west, east + 1):
                cell = self._grid.get((lat, lon), ())
                inner = south < lat < north and west < lon < east
                found += cell if inner else [p for p in cell if frame.contains(p.lat, p.lon)]
        return found  # in the data's order, cell by cell: stable from build to build

    # --- the three kinds of map ----------------------------------------------------------------

    def overview(self, *, title: str, desc: str, href: Callable[[Incident], str],
                 labels: Iterable[Region]) -> MapDrawing:
        """Every incident of the briefing, on its whole extent."""
        frame = self.frame
        return self._draw(frame, frame.height, title, desc, list(self.places.values()), [], href,
                          labels, None, subject="Incident")

    def locator(self, incident: Incident, *, title: str, desc: str, href: Callable[[Incident], str],
                labels: Iterable[Region]) -> MapDrawing:
        """The incident's neighbourhood, with the incidents near it."""
        place = self.places.get(incident.id)
        if place is None:
            frame = self.frame
            height = frame.height
        else:
            # Centres snapped to a grid of a tenth of the map's width: incidents near one
            # another share a frame, so its outlines are clipped once (cached).
            step = self.settings.locator_km / KM_PER_DEGREE / 10
            frame = _around(round(round(place.lat / step) * step, 4), round(round(place.lon / step) * step, 4),
                            self.settings.locator_km, WIDTH, LOCATOR_HEIGHT)
            height = LOCATOR_HEIGHT
        lit = [place] if place else []
        return self._draw(frame, height, title, desc, lit, [], href, labels, None, subject="This incident",
                          context=self._context_items(frame, incident))

    def _context_items(self, frame: Frame, incident: Incident) -> list[Item]:
        """The other incidents of a locator map: one by one when few, else counted per cell."""
        size = self._context_size
        cells = []
        for i in range(math.floor(frame.south / size), math.floor(frame.north / size) + 1):
            for j in range(math.floor(frame.west / size), math.floor(frame.east / size) + 1):
                members = self._context.get((i, j))
                if members:
                    cells.append(((i, j), members))
        near = self._near(cells, frame, incident)
        if len(near) <= MAX_CONTEXT:
            return self._items(frame, near, False, MAX_CONTEXT)
        place = self.places.get(incident.id)
        own = self._context_cell(place) if place else None
        items = []
        for key, members in cells:
            lat, lon = self._centres[key]
            if not frame.contains(lat, lon):
                continue
            # members are only read from here on: the incident's own cell alone is copied
            counted = [p for p in members if p.incident.id != incident.id] if key == own else members
            if counted:
                x, y = frame.project(lat, lon)
                items.append(Item(x, y, False, (counted[0].incident.date, counted[0].incident.id), cast("list[object]", counted)))
        return items

    def _context_cell(self, place: Place) -> tuple[int, int]:
        """The cell of the locator maps' context grid that holds ``place``."""
        return math.floor(place.lat / self._context_size), math.floor(place.lon / self._context_size)

    @staticmethod
    def _near(cells: list[tuple[tuple[int, int], list[Place]]], frame: Frame, incident: Incident) -> list[Place]:
        """The other incidents in the frame, in cell order, up to one more than
        :data:`MAX_CONTEXT`: past that they are counted per cell, so the search stops
        there (a dense briefing would otherwise cost every locator map a pass over all)."""
        near: list[Place] = []
        for _, members in cells:
            for p in members:
                if p.incident.id != incident.id and frame.contains(p.lat, p.lon):
                    near.append(p)
                    if len(near) > MAX_CONTEXT:
                        return near
        return near

    def region_map(self, region: Region, incidents: Sequence[Incident], *, title: str, desc: str,
                   href: Callable[[Incident], str], labels: Iterable[Region]) -> MapDrawing:
        """The region's incidents and places, with other incidents near them."""
        points = []
        for child in [region, *self.links.children.get(region.id, [])]:
            if child.coordinates:
                points.append((child.coordinates.lat, child.coordinates.lon))
        zone = self._zone(region)
        return self.group_map(incidents, title=title, desc=desc, href=href, labels=labels,
                              subject=f"Incidents in {region.title}", area=region,
                              extra=points + (_corners(zone) if zone else []))

    def group_map(self, incidents: Sequence[Incident], *, title: str, desc: str, href: Callable[[Incident], str],
                  labels: Iterable[Region], subject: str, area: Region | None = None,
                  extra: Sequence[tuple[float, float]] = ()) -> MapDrawing:
        """A group of incidents (a region's, a party's) framed together, other incidents faint."""
        lit = [self.places[i.id] for i in incidents if i.id in self.places]
        points = [(p.lat, p.lon) for p in lit] + list(extra)
        for zone in {p.zone.region.id: p.zone for p in lit if p.zone}.values():
            points += _corners(zone)
        frame = _fit(*_padded(points), WIDTH, min_km=self.settings.locator_km) if points else self.frame
        ids = {p.incident.id for p in lit}
        others = [p for p in self.places_in(frame) if p.incident.id not in ids]
        return self._draw(frame, frame.height, title, desc, lit, others, href, labels, area, subject=subject)

    # --- drawing -----------------------------------------------------------------------------

    def _items(self, frame: Frame, places: Sequence[Place], lit: bool, limit: int,
               cells: int = MAX_BINS) -> list[Item]:
        """Places as layout items; beyond ``limit`` they are binned on a grid first, in
        about ``cells`` cells."""
        items: list[Item] = []
        if len(places) <= limit:
            for place in places:
                x, y = frame.project(place.lat, place.lon)
                items.append(Item(x, y, lit, (place.incident.date, place.incident.id), [place]))
            return items
        size = max(GAP, (frame.width * frame.height / cells) ** 0.5)
        bins: dict[tuple[int, int], list[tuple[float, float, Place]]] = {}
        for place in places:
            x, y = frame.project(place.lat, place.lon)
            bins.setdefault((int(x // size), int(y // size)), []).append((x, y, place))
        for members in bins.values():
            x = round(sum(m[0] for m in members) / len(members), 1)
            y = round(sum(m[1] for m in members) / len(members), 1)
            first = members[0][2]
            items.append(Item(x, y, lit, (first.incident.date, first.incident.id), [m[2] for m in members]))
        return items

    def _mark(self, item: Item, href: Callable[[Incident], str]) -> Mark:
        members: list[Place] = item.members  # type: ignore[assignment]
        if len(members) > 1 and not item.lit:  # other incidents counted: drawn plain, one title
            return Mark(item.at_x, item.at_y, item.x, item.y, "circle", "exact",
                        f"{len(members)} other incidents around here", None, "other", len(members))
        shapes = {m.shape for m in members}
        shape = shapes.pop() if len(shapes) == 1 else "circle"
        precision = max((m.precision for m in members), key=_PRECISION_ORDER.index)
        first = members[0].incident
        if len(members) == 1:
            title = f"{first.date.isoformat()}: {first.title} ({PRECISION_WORDS[precision]})"
            link: str | None = href(first)
        else:
            types = {m.incident.incident_type for m in members}
            kind = types.pop().replace("-", " ") if len(types) == 1 else "several types"
            title = f"{len(members)} incidents ({kind}, {PRECISION_WORDS[precision]})"
            link = None
        types = {m.incident.incident_type for m in members}
        return Mark(item.at_x, item.at_y, item.x, item.y, shape, precision, title, link,
                    "lit" if item.lit else "other", len(members), types.pop() if len(types) == 1 else None,
                    tuple(m.incident for m in members))

    def _draw(self, frame: Frame, height: float, title: str, desc: str, lit: Sequence[Place],
              others: Sequence[Place], href: Callable[[Incident], str], labels: Iterable[Region],
              area: Region | None, subject: str, context: list[Item] | None = None) -> MapDrawing:
        width = frame.width
        items = self._items(frame, lit, True, MAX_LINKED)
        items += context if context is not None else self._items(frame, others, False, MAX_CONTEXT, CONTEXT_BINS)
        marks = tuple(self._mark(item, href) for item in spread(items, width, height))
        area_label = None
        if area is not None and area.coordinates and self._zone(area) is None:
            ax, ay = frame.project(area.coordinates.lat, area.coordinates.lon)
            area_label = Label(ax, ay, area.title)
        taken: list[Box] = [mark_box(m.x, m.y) for m in marks]
        if area_label:
            taken.append(mark_box(area_label.x, area_label.y, 24))
        scale = _scale_bar(frame, height)
        taken.append((0, scale.y - LABEL_SIZE * 1.3, scale.x + max(scale.length, 110) + 8, height))
        inset = self._inset(frame, height, taken)
        place_labels = self._labels(frame, labels, taken, width, height,
                                    [(m.true_x, m.true_y) for m in marks] + ([(area_label.x, area_label.y)] if area_label else []))
        land = outlines(frame)
        countries = self._country_labels(land, taken, width, height)
        legend = self._legend(marks, subject, area if area_label else None)
        own = self._zone(area) if area is not None else None
        zones = self._zone_shapes(frame, items, own)
        if own is not None and area is not None:
            what = "Area of" if own.kind == "area" else "Stretch of border:"
            legend = (*legend, LegendEntry(_KEYS[own.kind], f"{what} {area.title} ({own.source})"))
        attribution = ATTRIBUTION + (f"; {AREA_ATTRIBUTION}" if any(z.kind == "area" for z in zones) else "")
        return MapDrawing(title, desc, width, height, land, countries, marks, area_label, place_labels,
                          inset, scale, legend, attribution, zones)

    @staticmethod
    def _zone_shapes(frame: Frame, items: Sequence[Item], own: Zone | None = None) -> tuple[ZoneShape, ...]:
        """The areas and stretches of the incidents a map is about (and of the region a
        region map is about), each drawn once."""
        zones: dict[str, Zone] = {own.region.id: own} if own else {}
        for item in items:
            if item.lit:
                for place in item.members:
                    zone = cast("Place", place).zone
                    if zone is not None:
                        zones.setdefault(zone.region.id, zone)
        shapes = []
        for zone in sorted(zones.values(), key=lambda z: (z.kind, z.region.id)):
            path = zone_path(zone, frame)
            if path:
                what = "Area of" if zone.kind == "area" else "Stretch of border:"
                shapes.append(ZoneShape(path, zone.kind, f"{what} {zone.region.title} ({zone.source})"))
        return tuple(shapes)

    def _labels(self, frame: Frame, regions: Iterable[Region], taken: list[Box], width: float,
                height: float, marked: Sequence[tuple[float, float]]) -> tuple[Label, ...]:
        placed: list[Label] = []
        chosen: dict[str, Region] = {}
        for region in regions:
            c = region.coordinates
            if c and region.id not in chosen and frame.contains(c.lat, c.lon):
                chosen[region.id] = region
        # Places for orientation beyond the first few are not tried (the list names them all).
        chosen = dict(list(chosen.items())[:MAX_LABELS])
        # Every labelled point is kept clear first, so no label is drawn over another's place.
        for region in chosen.values():
            assert region.coordinates
            taken.append(mark_box(*frame.project(region.coordinates.lat, region.coordinates.lon), 4.0))
        for region in chosen.values():
            assert region.coordinates
            x, y = frame.project(region.coordinates.lat, region.coordinates.lon)
            text = self._label_text(region)
            bare = not any(abs(mx - x) < 4 and abs(my - y) < 4 for mx, my in marked)
            spot = place_label(x, y, text, taken, width, height, offset=8.0 if bare else 14.0)
            if spot is not None:
                placed.append(Label(spot.x, spot.y, text, spot.anchor, (x, y) if bare else None))
        return tuple(placed)

    def _label_text(self, region: Region) -> str:
        """A place's label, cut to :data:`LABEL_CHARS`: worked out once per build (each
        locator map labels the places around it, and a title joins every English name)."""
        text = self._label_texts.get(region.id)
        if text is None:
            title = region.title
            text = title if len(title) <= LABEL_CHARS else title[:LABEL_CHARS - 1].rstrip() + "…"
            self._label_texts[region.id] = text
        return text

    @staticmethod
    def _country_labels(land: Sequence[Outline], taken: list[Box], width: float, height: float) -> tuple[Label, ...]:
        placed = []
        for outline in sorted(land, key=lambda o: (-o.share, o.name)):
            if outline.share < 0.06 or outline.label_at is None:
                continue
            text = outline.name.upper()
            x, y = outline.label_at
            spot = place_label(x, y, text, taken, width, height, size=LABEL_SIZE, spacing=2.0,
                               centred=True)
            if spot is not None:
                placed.append(Label(spot.x, spot.y, text, spot.anchor))
        return tuple(placed)

    def _inset(self, frame: Frame, height: float, taken: list[Box]) -> Inset | None:
        """The overview inset, in the first corner that hides no mark; None if none is free."""
        big = self.frame
        if (big.east - big.west) >= INSET_ZOOM * (frame.east - frame.west):
            wide = _fit(*big.bounds, INSET_WIDTH, aspect=(INSET_HEIGHT / INSET_WIDTH,) * 2)
            name = "the briefing's whole area"
        else:
            lat, lon = (frame.south + frame.north) / 2, (frame.west + frame.east) / 2
            km = (frame.east - frame.west) * KM_PER_DEGREE * math.cos(math.radians(lat)) * INSET_CONTEXT
            wide = _around(lat, lon, km, INSET_WIDTH, INSET_HEIGHT)
            name = "the wider region"
        w, h = INSET_WIDTH, wide.height
        margin = 6.0
        for x, y in ((frame.width - w - margin, margin), (margin, margin), (frame.width - w - margin, height - h - margin)):
            box = (x - 2, y - 2, x + w + 2, y + h + 2)
            if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in taken):
                continue
            taken.append(box)
            left, top = wide.project(frame.north, frame.west)
            right, bottom = wide.project(frame.south, frame.east)
            fw, fh = max(right - left, 4.0), max(bottom - top, 4.0)
            fx, fy = (left + right - fw) / 2, (top + bottom - fh) / 2
            land = tuple(o.path for o in outlines(wide, detail=0.8))
            return Inset(x, y, w, round(h, 1), land, (round(fx, 1), round(fy, 1), round(fw, 1), round(fh, 1)),
                         f"Overview: where this map lies in {name}")
        return None

    @staticmethod
    def _legend(marks: Sequence[Mark], subject: str, area: Region | None) -> tuple[LegendEntry, ...]:
        entries: list[LegendEntry] = []
        roles = {m.role for m in marks}
        if "lit" in roles:
            entries.append(LegendEntry("lit", subject))
        if "other" in roles:
            entries.append(LegendEntry("other", "Other incidents nearby" if "lit" in roles else "Incidents"))
        if area is not None and area.coordinates:
            entries.append(LegendEntry("area", f"Area of {area.title}: no boundary of it is available here, "
                                               "so a circle around its cited point"))
        types = sorted({m.kind for m in marks if m.kind})
        for kind in types:
            entries.append(LegendEntry("shape", kind.replace("-", " ").capitalize(), SHAPES.get(kind, "circle")))
        precisions = {m.precision for m in marks}
        texts = {"exact": "Reported place (filled)", "near": "Near the reported place (ringed)",
                 "line": "Only the stretch of border is known: that stretch is drawn (hollow mark at its named place)",
                 "area": "Only the district is known: its area is shaded (hollow mark at its cited point)",
                 "region": "Only the district or region is known and no boundary is available here: "
                           "a dashed ring around its cited point (hollow)"}
        for precision in _PRECISION_ORDER:
            if precision in precisions:
                entries.append(LegendEntry(_KEYS.get(precision, precision), texts[precision]))
        if any(m.count > 1 for m in marks):
            entries.append(LegendEntry("count", "Several incidents at about one place: their number"))
        if any(m.moved for m in marks):
            entries.append(LegendEntry("moved", "Moved apart so that no mark hides another: the line leads to the place"))
        return tuple(entries)

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

    @cached_property
    def _orientation(self) -> list[Region]:
        return sorted((r for r in self.data.regions.values() if r.coordinates and r.kind_of_place != "country"),
                      key=lambda r: (r.title.casefold(), r.id))

    def orientation_regions(self) -> list[Region]:
        """Places with coordinates that are not countries: labels for orientation, after
        the places a map is about (a label that would overlap is left out)."""
        return self._orientation
