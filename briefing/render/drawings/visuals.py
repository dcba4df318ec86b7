"""Maps and charts for pages, with their text alternatives.

One :class:`Visuals` per build holds the :class:`~briefing.render.drawings.maps.Atlas` and the
:class:`~briefing.render.drawings.charts.Timelines`. Each method returns what a page draws (a
map's :class:`~briefing.render.drawings.maps.MapDrawing`, a chart's layout) together with the
facts the page lists beside it, so no picture is the only place a fact appears. The page
templates draw them with ``svg/map.svg.j2`` and ``svg/timeline.svg.j2``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from briefing.model.links import Links
from briefing.model.records import Clause, Dataset, Incident, Milestone, Party, Region
from briefing.render.drawings.charts import Chart, Timelines
from briefing.render.drawings.maps import PRECISION_WORDS, Atlas, MapDrawing, MapSettings, Place

Href = Callable[[Any], str]

#: Maps list their incidents in words up to this many; beyond it the page's table does.
LIST_LIMIT = 50


@dataclass(frozen=True, slots=True)
class MapView:
    """A map and the facts listed with it: which records are drawn, how, and which are not.
    ``drawing`` is None when there is nothing of the page's own to draw (an incident page
    never shows a map without its incident)."""

    drawing: MapDrawing | None
    mapped: list[Place]
    not_mapped: list[Incident]
    list_limit: int = LIST_LIMIT

    @property
    def total(self) -> int:
        return len(self.mapped) + len(self.not_mapped)


class Visuals:
    def __init__(self, data: Dataset, links: Links, map_settings: MapSettings | None = None) -> None:
        self.data = data
        self.links = links
        self.atlas = Atlas(data, links, map_settings)
        self.timelines = Timelines(data, links)

    def _view(self, incidents: Sequence[Incident], drawing: MapDrawing | None) -> MapView:
        mapped = [self.atlas.places[i.id] for i in incidents if i.id in self.atlas.places]
        not_mapped = [i for i in incidents if i.id not in self.atlas.places]
        return MapView(drawing, mapped, not_mapped)

    def overview_map(self, href: Href) -> MapView:
        incidents = list(self.data.incidents.values())
        drawing = self.atlas.overview(
            title="Map of all incidents",
            desc=f"{len(self.atlas.places)} of {len(incidents)} incidents drawn where they were reported; "
                 "the list below the map gives each one with its place and precision.",
            href=href, labels=self.atlas.labelled_regions(incidents),
        )
        return self._view(incidents, drawing)

    def incident_map(self, incident: Incident, href: Href) -> MapView:
        place = self.atlas.places.get(incident.id)
        if place is None:
            return self._view([incident], None)
        where = f"drawn at {place.lat:.3f}, {place.lon:.3f} ({PRECISION_WORDS[place.precision]})"
        drawing = self.atlas.locator(
            incident,
            title=f"Locator map: {incident.title}",
            desc=f"This incident is {where}, on a map of its neighbourhood with the other incidents near it.",
            href=href,
            labels=[*self.atlas.labelled_regions([incident]), *self.atlas.orientation_regions()],
        )
        return self._view([incident], drawing)

    def region_map(self, region: Region, href: Href) -> MapView:
        incidents = self.links.incidents_in_region.get(region.id, [])
        if not region.coordinates and not any(i.id in self.atlas.places for i in incidents):
            return self._view(incidents, None)  # nothing of the region's own to draw: no map
        area = f"the area of {region.title} is marked; " if region.coordinates else ""
        drawing = self.atlas.region_map(
            region, incidents,
            title=f"Locator map: {region.title}",
            desc=f"{area}{len(incidents)} incidents in it are highlighted, other incidents nearby shown faintly.",
            href=href,
            labels=[region, *self.atlas.labelled_regions(incidents), *self.atlas.orientation_regions()],
        )
        return self._view(incidents, drawing)

    def party_map(self, party: Party, incidents: Sequence[Incident], href: Href) -> MapView:
        """The incidents a party gave an account of; no map when none of them can be drawn."""
        if not any(i.id in self.atlas.places for i in incidents):
            return self._view(incidents, None)
        drawing = self.atlas.group_map(
            incidents,
            title=f"Map: incidents with an account by {party.name}",
            desc=f"{len(incidents)} incidents on which {party.name} gave an account are highlighted, other "
                 "incidents nearby shown faintly.",
            href=href, labels=[*self.atlas.labelled_regions(incidents), *self.atlas.orientation_regions()],
            subject=f"Incidents with an account by {party.name}",
        )
        return self._view(incidents, drawing)

    def chart(self, incidents: Sequence[Incident], title: str, small: bool = False,
              milestones: Iterable[Milestone] | None = None, whole: bool = False) -> Chart | None:
        """A timeline; small ones (region, clause pages) mark only the milestones of that
        region or clause, which the page lists in its own milestone section."""
        return self.timelines.chart(incidents, title=title, small=small, milestones=milestones, whole=whole)

    def chronology_chart(self) -> Chart | None:
        """Every dated record: incidents, milestones and agreements."""
        return self.chart(list(self.data.incidents.values()), "Incidents and the negotiation track over time",
                          whole=True)

    def region_chart(self, region: Region, year: int | None = None) -> Chart | None:
        incidents = [i for i in self.links.incidents_in_region.get(region.id, [])
                     if year is None or i.date.year == year]
        return self.chart(incidents, f"Incidents in {region.title} over time", small=True,
                          milestones=self.links.milestones_in_region.get(region.id, []))

    def clause_chart(self, clause: Clause) -> Chart | None:
        backlinks = self.links.clause_backlinks.get(clause.id, [])
        incidents = [b.record for b in backlinks if isinstance(b.record, Incident)]
        milestones = [b.record for b in backlinks if isinstance(b.record, Milestone)]
        return self.chart(incidents, f"Incidents related to clause {clause.number} over time", small=True,
                          milestones=milestones)

    def region_years(self, region: Region) -> list[int]:
        """Years with incidents in the region: each has a static, linkable page."""
        return sorted({i.date.year for i in self.links.incidents_in_region.get(region.id, [])})
