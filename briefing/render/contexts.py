"""The template contract: what each page template receives, declared once.

Every page of the site is rendered from one context object below. Its class names the
template (``template``) and its fields are the only names the template may use, besides
``page`` (:class:`briefing.render.page.Here`: the page's path, links, citations) and the
filters of :mod:`.environment`. ``tests/test_template_contract.py`` checks every page
template against its declaration.

A context holds records and the views made from them (rows of tables, parts of long
lists, map and chart drawings): all lookups, filtering and grouping happen here, never
in a template. Contexts hold records as they are, so a context compared with the one
of the previous build says whether the page can have changed (:mod:`.fingerprint`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar

from briefing.model.links import Backlink
from briefing.model.records import (
    Agreement,
    Clause,
    Correction,
    Incident,
    Milestone,
    Party,
    Record,
    Region,
    RemovedRecord,
    Source,
)
from briefing.render.charts import Chart
from briefing.render.listing import Listing, Part
from briefing.render.visuals import MapView

# --- rows of tables, shared by every page that lists the record ---------------------------


@dataclass(frozen=True, slots=True)
class IncidentRow:
    incident: Incident
    #: The most specific regions it is in (Shusha, not Karabakh).
    regions: tuple[Region, ...]


@dataclass(frozen=True, slots=True)
class MilestoneRow:
    milestone: Milestone
    parties: tuple[Party, ...]


@dataclass(frozen=True, slots=True)
class SourceRow:
    source: Source
    party: Party | None
    cited_by: int


@dataclass(frozen=True, slots=True)
class RegionRow:
    region: Region
    parent: Region | None
    incidents: int


@dataclass(frozen=True, slots=True)
class AgreementRow:
    agreement: Agreement
    parties: tuple[Party, ...]


@dataclass(frozen=True, slots=True)
class ClauseRow:
    clause: Clause
    agreement: Agreement
    incidents: int
    milestones: int


@dataclass(frozen=True, slots=True)
class PartyRow:
    party: Party
    claims: int
    sources: int


@dataclass(frozen=True, slots=True)
class ClauseRef:
    """A record's link to a clause, with the reason the record gives."""

    clause: Clause
    agreement: Agreement
    why: str


@dataclass(frozen=True, slots=True)
class RegionClause:
    """A clause that a region's incidents or milestones relate to, through which records."""

    clause: Clause
    agreement: Agreement
    records: tuple[Record, ...]
    more: int


@dataclass(frozen=True, slots=True)
class CorrectionRow:
    correction: Correction
    record: Record


@dataclass(frozen=True, slots=True)
class RemovedRow:
    entry: RemovedRecord
    replaced_by: Record | None
    #: The row's anchor: a deleted id's old address leads here.
    anchor: str


# --- pages --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class PageContext:
    """Fields every page has. ``sources`` are the sources the page may cite."""

    template: ClassVar[str]
    #: Material's search ``boost`` for the page, if any.
    search_boost: ClassVar[float | None] = None

    path: str
    title: str
    sources: Mapping[str, Source] = field(default_factory=dict)
    #: The party each cited source belongs to, by party id (a ministry's government).
    publishers: Mapping[str, Party] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class IncidentPage(PageContext):
    template: ClassVar[str] = "pages/incident.html.j2"
    search_boost: ClassVar[float | None] = 2  # what readers search for: above pages that list it

    incident: Incident
    #: Each most specific region with the larger regions containing it.
    where: tuple[tuple[Region, ...], ...]
    parties: Mapping[str, Party]
    map: MapView
    clauses: tuple[ClauseRef, ...]
    milestones_around: tuple[Milestone, ...]
    corrections: tuple[Correction, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class RegionPage(PageContext):
    template: ClassVar[str] = "pages/region.html.j2"

    region: Region
    #: The larger regions containing it, nearest first.
    within: tuple[Region, ...]
    parties: Mapping[str, Party]
    children: tuple[Region, ...]
    map: MapView
    incidents: Listing | None
    years: tuple[int, ...]
    chart: Chart | None
    clauses: tuple[RegionClause, ...]
    milestones: Listing | None
    corrections: tuple[Correction, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class AgreementPage(PageContext):
    template: ClassVar[str] = "pages/agreement.html.j2"

    agreement: Agreement
    parties: tuple[Party, ...]
    incidents: Listing | None
    milestones: Listing | None
    corrections: tuple[Correction, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class ClausePage(PageContext):
    template: ClassVar[str] = "pages/clause.html.j2"

    clause: Clause
    agreement: Agreement
    incidents: Listing | None
    chart: Chart | None
    milestone_links: tuple[Backlink, ...]
    corrections: tuple[Correction, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class MilestonePage(PageContext):
    template: ClassVar[str] = "pages/milestone.html.j2"

    milestone: Milestone
    parties: tuple[Party, ...]
    agreements: tuple[Agreement, ...]
    regions: tuple[Region, ...]
    clauses: tuple[ClauseRef, ...]
    incidents: Listing | None
    corrections: tuple[Correction, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class SourcePage(PageContext):
    template: ClassVar[str] = "pages/source.html.j2"

    source: Source
    party: Party | None
    cited_by: tuple[Record, ...]
    corrections: tuple[Correction, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class PartyPage(PageContext):
    template: ClassVar[str] = "pages/party.html.j2"

    party: Party
    claimed: Listing | None
    published: Listing | None
    corrections: tuple[Correction, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class IncidentsIndexPage(PageContext):
    template: ClassVar[str] = "pages/incidents_index.html.j2"

    incidents: Listing


@dataclass(frozen=True, slots=True, kw_only=True)
class RegionsIndexPage(PageContext):
    template: ClassVar[str] = "pages/regions_index.html.j2"

    regions: Listing


@dataclass(frozen=True, slots=True, kw_only=True)
class AgreementsIndexPage(PageContext):
    template: ClassVar[str] = "pages/agreements_index.html.j2"

    rows: tuple[AgreementRow, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class ClausesIndexPage(PageContext):
    template: ClassVar[str] = "pages/clauses_index.html.j2"

    rows: tuple[ClauseRow, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class MilestonesIndexPage(PageContext):
    template: ClassVar[str] = "pages/milestones_index.html.j2"

    milestones: Listing


@dataclass(frozen=True, slots=True, kw_only=True)
class SourcesIndexPage(PageContext):
    template: ClassVar[str] = "pages/sources_index.html.j2"

    sources_listing: Listing


@dataclass(frozen=True, slots=True, kw_only=True)
class PartiesIndexPage(PageContext):
    template: ClassVar[str] = "pages/parties_index.html.j2"

    rows: tuple[PartyRow, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class ChronologyPage(PageContext):
    template: ClassVar[str] = "pages/chronology.html.j2"

    chart: Chart | None
    entries: Listing


@dataclass(frozen=True, slots=True, kw_only=True)
class CorrectionsPage(PageContext):
    template: ClassVar[str] = "pages/corrections.html.j2"

    rows: tuple[CorrectionRow, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class RemovedPage(PageContext):
    template: ClassVar[str] = "pages/removed.html.j2"

    rows: tuple[RemovedRow, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class OpenDataPage(PageContext):
    template: ClassVar[str] = "pages/open_data.html.j2"

    incidents: int
    claims: int
    source_count: int
    removed: int


@dataclass(frozen=True, slots=True, kw_only=True)
class RegionYearPage(PageContext):
    template: ClassVar[str] = "pages/region_year.html.j2"

    region: Region
    year: int
    chart: Chart | None
    incidents: Listing
    other_years: tuple[int, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class ListingPartPage(PageContext):
    """A further part of a long list (see :mod:`.listing`)."""

    template: ClassVar[str] = "pages/listing_part.html.j2"

    listing: Listing
    part: Part


@dataclass(frozen=True, slots=True, kw_only=True)
class HomePage(PageContext):
    template: ClassVar[str] = "pages/home.html.j2"

    counts: Mapping[str, int]
    map: MapView
    chart: Chart | None
    latest: tuple[IncidentRow, ...]


def template_context(context: PageContext) -> dict[str, Any]:
    """The names a template sees: the context's fields (``template`` is not one)."""
    return {f.name: getattr(context, f.name) for f in fields(context)}
