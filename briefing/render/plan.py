"""Every page of the site, by its path, with the context it is rendered from.

:class:`SitePlan` reads the dataset once and makes one context per page (see
:mod:`.contexts`): a page per record of every kind (:mod:`briefing.kinds`), a list page
per kind, the chronology, the corrections and removed-records logs, the open-data page,
a page per region and year, the home page, and a page for each further part of a long
list. Nothing is rendered here: :mod:`.renderer` renders a context when its page is
needed, so a build can render only the pages whose context changed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import posixpath
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from briefing.kinds import BY_NAME, KINDS, removed_anchor
from briefing.model.links import Links
from briefing.model.records import (
    Agreement,
    Citation,
    Clause,
    ClauseLink,
    Correction,
    Dataset,
    Incident,
    Milestone,
    Party,
    PlaceName,
    Record,
    Region,
    Source,
)
from briefing.publish.record_dates import NO_DATES, Day, SiteDates
from briefing.render import home
from briefing.render.agreement_text import clause_list
from briefing.render.cite import cite_this
from briefing.render.contexts import (
    AgreementPage,
    AgreementRow,
    AgreementsIndexPage,
    ChronologyPage,
    ClausePage,
    ClauseRef,
    ClauseRow,
    ClausesIndexPage,
    CorrectionRow,
    CorrectionsPage,
    HomePage,
    IncidentPage,
    IncidentRow,
    IncidentsIndexPage,
    ListingPartPage,
    MilestonePage,
    MilestoneRow,
    MilestonesIndexPage,
    OpenDataPage,
    PageContext,
    PartiesIndexPage,
    PartyPage,
    PartyRow,
    RegionClause,
    RegionPage,
    RegionRow,
    RegionsIndexPage,
    RegionYearPage,
    RemovedPage,
    RemovedRow,
    SourcePage,
    SourceRow,
    SourcesIndexPage,
)
from briefing.render.listing import ROWS_PER_PART, Listing, split
from briefing.render.maps import MapSettings
from briefing.render.page import record_path, relative
from briefing.render.spellings import search_words
from briefing.render.text import LANGUAGES
from briefing.render.visuals import Visuals

#: Incidents on the home page's "latest" table.
LATEST = 5
#: A region page names this many records per related clause (the clause page has all).
CLAUSE_RECORDS_SHOWN = 5

_TABLES = {
    "incident": "partials/incident_table.html.j2",
    "milestone": "partials/milestone_table.html.j2",
    "source": "partials/source_table.html.j2",
    "source-list": "partials/source_list.html.j2",
    "region": "partials/region_table.html.j2",
    "chronology": "partials/chronology_table.html.j2",
    "clause-incident": "partials/clause_incident_table.html.j2",
}


def _hrefs(path: str) -> Callable[[Any], str]:
    """Relative links from the page at ``path``, for drawings (map marks)."""
    here = posixpath.dirname(path)

    def href(target: Any) -> str:
        return relative(target if isinstance(target, str) else record_path(target), here)
    return href


class SitePlan:
    """The contexts of every page of one build."""

    def __init__(self, data: Dataset, site_name: str = "", rows_per_part: int = ROWS_PER_PART, *,
                 site_url: str | None = None, dates: SiteDates = NO_DATES,
                 home_settings: home.HomeSettings | None = None, map_settings: MapSettings | None = None,
                 languages: Mapping[str, str] | None = None) -> None:
        self.data = data
        self.site_name = site_name
        self.site_url = site_url
        self.dates = dates
        self.home = home_settings or home.HomeSettings()
        self.links = Links(data)
        self.visuals = Visuals(data, self.links, map_settings)
        #: Languages whose place names the site shows, with the name shown for each code.
        self.languages = dict(LANGUAGES if languages is None else languages)
        self.rows_per_part = rows_per_part
        self._incident_rows: dict[str, IncidentRow] = {}
        self._milestone_rows: dict[str, MilestoneRow] = {}

    # --- shared pieces ---------------------------------------------------------------------

    def cited(self, citations: Iterable[Citation]) -> dict[str, Any]:
        """The ``sources`` and ``publishers`` fields of a page that makes these citations."""
        sources = {c.source_id: self.data.sources[c.source_id] for c in citations}
        publishers = {s.party_id: self.data.parties[s.party_id] for s in sources.values() if s.party_id}
        return {"sources": sources, "publishers": publishers}

    def parties(self, ids: Iterable[str]) -> tuple[Party, ...]:
        return tuple(self.data.parties[i] for i in ids)

    def clause_refs(self, links: Iterable[ClauseLink]) -> tuple[ClauseRef, ...]:
        refs = []
        for link in links:
            clause = self.data.clauses[link.clause_id]
            refs.append(ClauseRef(clause, self.data.agreements[clause.agreement_id], link.why))
        return tuple(refs)

    def incident_row(self, incident: Incident) -> IncidentRow:
        row = self._incident_rows.get(incident.id)
        if row is None:
            regions = tuple(self.data.regions[r] for r in self.links.most_specific(incident.region_ids))
            row = self._incident_rows[incident.id] = IncidentRow(incident, regions)
        return row

    def milestone_row(self, milestone: Milestone) -> MilestoneRow:
        row = self._milestone_rows.get(milestone.id)
        if row is None:
            row = self._milestone_rows[milestone.id] = MilestoneRow(milestone, self.parties(milestone.party_ids))
        return row

    def listing(self, rows: Iterable[Any], path: str, table: str, title: str, key: str | None = None) -> Listing:
        return split(rows, path, key, self.rows_per_part, title, _TABLES[table])

    def names(self, region: Region) -> tuple[PlaceName, ...]:
        """The region's names in the languages the site shows (``languages`` option)."""
        return tuple(n for n in region.names if n.lang.split("-")[0] in self.languages or n.lang in self.languages)

    def corrections(self, record: Record) -> tuple[Correction, ...]:
        return tuple(self.links.corrections_of(record))

    # --- the pages -------------------------------------------------------------------------

    def pages(self) -> dict[str, PageContext]:
        """Every generated page's context, by site path, in a stable order."""
        pages: dict[str, PageContext] = {}
        updated = _exact(self.dates.data_updated, self.dates.uncommitted)
        for context in self._contexts():
            context = dataclasses.replace(context, languages=self.languages)
            if context.dates is None and updated is not None:
                context = dataclasses.replace(context, lastmod=updated)
            pages[context.path] = context
            for listing in _listings(context):
                for part in listing.parts[1:]:
                    pages[part.path] = ListingPartPage(
                        path=part.path, title=f"{listing.title}, part {part.number}", listing=listing, part=part,
                        lastmod=updated,
                    )
        return pages

    def _contexts(self) -> Iterator[PageContext]:
        builders: dict[str, Callable[[Any], PageContext]] = {
            "incident": self.incident_page, "region": self.region_page, "agreement": self.agreement_page,
            "clause": self.clause_page, "milestone": self.milestone_page, "source": self.source_page,
            "party": self.party_page,
        }
        indexes: dict[str, Callable[[], PageContext]] = {
            "incident": self.incidents_index, "region": self.regions_index, "agreement": self.agreements_index,
            "clause": self.clauses_index, "milestone": self.milestones_index, "source": self.sources_index,
            "party": self.parties_index,
        }
        for kind in KINDS:
            for record in self.data.records(kind.plural).values():
                yield self.dated(builders[kind.name](record), record)
            yield indexes[kind.name]()
        yield self.chronology_page()
        yield self.removed_page()
        yield self.corrections_page()
        yield self.open_data_page()
        for region in self.data.regions.values():
            for year in self.visuals.region_years(region):
                yield self.region_year_page(region, year)
        yield self.home_page()

    def dated(self, context: PageContext, record: Record) -> PageContext:
        """A record page's context with the record's dates and "cite this record"."""
        dates = self.dates.of(record)
        cite = cite_this(site_name=self.site_name, title=context.title, kind_label=record.kind.capitalize(),
                         record_id=record.id, path=context.path, site_url=self.site_url, dates=dates)
        return dataclasses.replace(context, dates=dates, cite=cite,
                                   lastmod=_exact(dates.version, dates.uncommitted))

    def incident_page(self, incident: Incident) -> IncidentPage:
        path = record_path(incident)
        party_ids: list[str] = []
        for claim in incident.claims:
            party_ids += [claim.party_id, *claim.blames, *(c.party_id for c in claim.casualties)]
        party_ids += [c.party_id for c in incident.casualties]
        where = tuple((self.data.regions[r], *self.links.ancestors(r))
                      for r in self.links.most_specific(incident.region_ids))
        return IncidentPage(
            path=path, title=incident.title, **self.cited(incident.citations()), incident=incident,
            where=where, parties={p: self.data.parties[p] for p in party_ids},
            map=self.visuals.incident_map(incident, _hrefs(path)),
            clauses=self.clause_refs(incident.clause_links),
            milestones_around=tuple(self.links.milestones_around(incident)),
            corrections=self.corrections(incident),
            search_words=search_words((n.name, n.lang) for trail in where for n in self.names(trail[0])),
        )

    def region_page(self, region: Region) -> RegionPage:
        path = record_path(region)
        incidents = self.links.incidents_in_region.get(region.id, [])
        milestones = self.links.milestones_in_region.get(region.id, [])
        clauses = tuple(
            RegionClause(clause, self.data.agreements[clause.agreement_id],
                         tuple(records[:CLAUSE_RECORDS_SHOWN]), max(0, len(records) - CLAUSE_RECORDS_SHOWN))
            for clause, records in self.links.clauses_for_region(region.id)
        )
        used_by = {p for name in region.names for p in name.used_by}
        return RegionPage(
            path=path, title=region.title, region=region, within=tuple(self.links.ancestors(region.id)),
            parties={p: self.data.parties[p] for p in sorted(used_by)},
            children=tuple(self.links.children.get(region.id, [])),
            map=self.visuals.region_map(region, _hrefs(path)),
            incidents=self.listing((self.incident_row(i) for i in incidents), path, "incident",
                                   f"Incidents in {region.title}", "incidents") if incidents else None,
            years=tuple(self.visuals.region_years(region)),
            chart=self.visuals.region_chart(region) if incidents else None,
            clauses=clauses,
            milestones=self.listing((self.milestone_row(m) for m in milestones), path, "milestone",
                                    f"Milestones in {region.title}", "milestones") if milestones else None,
            corrections=self.corrections(region),
            names=self.names(region),
            search_words=search_words((n.name, n.lang) for n in self.names(region)),
        )

    def agreement_page(self, agreement: Agreement) -> AgreementPage:
        path = record_path(agreement)
        incidents = self.links.agreement_incidents.get(agreement.id, [])
        milestones = self.links.agreement_milestones.get(agreement.id, [])
        clauses, recorded, not_recorded = clause_list(agreement)
        return AgreementPage(
            path=path, title=agreement.title, **self.cited(agreement.citations()), agreement=agreement,
            parties=self.parties(agreement.party_ids), clause_list=tuple(clauses), recorded=tuple(recorded),
            not_recorded=tuple(not_recorded),
            incidents=self.listing((self.incident_row(i) for i in incidents), path, "incident",
                                   f"Incidents related to {agreement.title}", "incidents") if incidents else None,
            milestones=self.listing((self.milestone_row(m) for m in milestones), path, "milestone",
                                    f"Milestones related to {agreement.title}", "milestones") if milestones else None,
            corrections=self.corrections(agreement),
        )

    def clause_page(self, clause: Clause) -> ClausePage:
        path = record_path(clause)
        backlinks = self.links.clause_backlinks.get(clause.id, [])
        incident_links = [b for b in backlinks if isinstance(b.record, Incident)]
        return ClausePage(
            path=path, title=clause.title, **self.cited(clause.citations()), clause=clause,
            agreement=self.data.agreements[clause.agreement_id],
            incidents=self.listing(incident_links, path, "clause-incident", f"Incidents related to {clause.title}",
                                   "incidents") if incident_links else None,
            chart=self.visuals.clause_chart(clause) if incident_links else None,
            milestone_links=tuple(b for b in backlinks if isinstance(b.record, Milestone)),
            corrections=self.corrections(clause),
        )

    def milestone_page(self, milestone: Milestone) -> MilestonePage:
        path = record_path(milestone)
        around = self.links.incidents_around(milestone)
        return MilestonePage(
            path=path, title=milestone.title, **self.cited(milestone.citations()), milestone=milestone,
            parties=self.parties(milestone.party_ids),
            agreements=tuple(self.data.agreements[a] for a in milestone.agreement_ids),
            regions=tuple(self.data.regions[r] for r in milestone.region_ids),
            clauses=self.clause_refs(milestone.clause_links),
            incidents=self.listing((self.incident_row(i) for i in around), path, "incident",
                                   f"Incidents around {milestone.title}", "incidents") if around else None,
            corrections=self.corrections(milestone),
        )

    def source_page(self, source: Source) -> SourcePage:
        return SourcePage(
            path=record_path(source), title=f"{source.publisher}: {source.title}", source=source,
            party=self.data.parties[source.party_id] if source.party_id else None,
            cited_by=tuple(self.links.cited_by.get(source.id, [])), corrections=self.corrections(source),
        )

    def party_page(self, party: Party) -> PartyPage:
        path = record_path(party)
        claimed = self.links.incidents_claimed_by.get(party.id, [])
        published = self.links.sources_published_by.get(party.id, [])
        return PartyPage(
            path=path, title=party.name, party=party,
            claimed=self.listing((self.incident_row(i) for i in claimed), path, "incident",
                                 f"Incidents with a claim by {party.name}", "claims") if claimed else None,
            published=self.listing(published, path, "source-list", f"Sources published by {party.name}",
                                   "sources") if published else None,
            corrections=self.corrections(party),
        )

    # --- list pages --------------------------------------------------------------------------

    def incidents_index(self) -> IncidentsIndexPage:
        path = BY_NAME["incident"].index_path
        rows = (self.incident_row(i) for i in self.data.incidents.values())
        return IncidentsIndexPage(path=path, title="Incidents",
                                  incidents=self.listing(rows, path, "incident", "Incidents"))

    def regions_index(self) -> RegionsIndexPage:
        path = BY_NAME["region"].index_path
        rows = (RegionRow(r, self.data.regions[r.parent_id] if r.parent_id else None,
                          len(self.links.incidents_in_region.get(r.id, [])))
                for r in self.data.regions.values())
        return RegionsIndexPage(path=path, title="Regions and places",
                                regions=self.listing(rows, path, "region", "Regions and places"))

    def agreements_index(self) -> AgreementsIndexPage:
        rows = tuple(AgreementRow(a, self.parties(a.party_ids)) for a in self.data.agreements.values())
        return AgreementsIndexPage(path=BY_NAME["agreement"].index_path, title="Agreements", rows=rows)

    def clauses_index(self) -> ClausesIndexPage:
        rows = []
        for clause in self.data.clauses.values():
            backlinks = self.links.clause_backlinks.get(clause.id, [])
            incidents = sum(1 for b in backlinks if isinstance(b.record, Incident))
            rows.append(ClauseRow(clause, self.data.agreements[clause.agreement_id], incidents,
                                  len(backlinks) - incidents))
        return ClausesIndexPage(path=BY_NAME["clause"].index_path, title="Agreement clauses", rows=tuple(rows))

    def milestones_index(self) -> MilestonesIndexPage:
        path = BY_NAME["milestone"].index_path
        rows = (self.milestone_row(m) for m in self.data.milestones.values())
        return MilestonesIndexPage(path=path, title="Negotiation milestones",
                                   milestones=self.listing(rows, path, "milestone", "Negotiation milestones"))

    def sources_index(self) -> SourcesIndexPage:
        path = BY_NAME["source"].index_path
        rows = (SourceRow(s, self.data.parties[s.party_id] if s.party_id else None,
                          len(self.links.cited_by.get(s.id, [])))
                for s in self.data.sources.values())
        return SourcesIndexPage(path=path, title="Sources",
                                sources_listing=self.listing(rows, path, "source", "Sources"))

    def parties_index(self) -> PartiesIndexPage:
        rows = tuple(PartyRow(p, len(self.links.incidents_claimed_by.get(p.id, [])),
                              len(self.links.sources_published_by.get(p.id, [])))
                     for p in self.data.parties.values())
        return PartiesIndexPage(path=BY_NAME["party"].index_path, title="Parties and observers", rows=rows)

    def chronology_page(self) -> ChronologyPage:
        path = "chronology.html"
        return ChronologyPage(path=path, title="Chronology", chart=self.visuals.chronology_chart(),
                              entries=self.listing(self.links.chronology(), path, "chronology", "Chronology"))

    def removed_page(self) -> RemovedPage:
        rows = []
        for entry in self.data.removed:
            replaced = self.data.records(BY_NAME[entry.record_kind].plural).get(entry.replaced_by or "")
            rows.append(RemovedRow(entry, replaced, removed_anchor(entry.record_kind, entry.id)))
        return RemovedPage(path="removed.html", title="Removed records", rows=tuple(rows))

    def corrections_page(self) -> CorrectionsPage:
        rows = tuple(CorrectionRow(c, self.data.records(BY_NAME[c.record_kind].plural)[c.record_id])
                     for c in self.data.corrections)
        return CorrectionsPage(path="corrections.html", title="Corrections", rows=rows)

    def open_data_page(self) -> OpenDataPage:
        return OpenDataPage(
            path="open-data.html", title="Open data", incidents=len(self.data.incidents),
            claims=sum(len(i.claims) for i in self.data.incidents.values()),
            source_count=len(self.data.sources), removed=len(self.data.removed),
        )

    def region_year_page(self, region: Region, year: int) -> RegionYearPage:
        path = f"filters/{region.id}-{year}.html"
        title = f"{region.title} in {year}"
        incidents = [i for i in self.links.incidents_in_region.get(region.id, []) if i.date.year == year]
        return RegionYearPage(
            path=path, title=title, region=region, year=year, chart=self.visuals.region_chart(region, year),
            incidents=self.listing((self.incident_row(i) for i in incidents), path, "incident", title),
            other_years=tuple(y for y in self.visuals.region_years(region) if y != year),
        )

    def home_page(self) -> HomePage:
        path = "index.html"
        data, settings = self.data, self.home
        period, key_points, more = home.period_records(data, settings.key_points)
        in_period = [r for r in key_points if isinstance(r, Incident)]
        casualties, no_figures = home.casualty_reports(data, in_period)
        columns, evidence = home.evidence_table(data, in_period)
        events = [*(i.date_end or i.date for i in data.incidents.values()), *(m.date for m in data.milestones.values())]
        return HomePage(
            path=path, title=settings.title or self.site_name,
            **self.cited(home.page_citations(settings.intro, key_points, casualties, evidence)),
            intro=settings.intro, period=period, key_points=tuple(key_points), key_points_more=more,
            casualties=tuple(casualties), no_casualty_figures=tuple(no_figures),
            evidence_parties=columns, evidence=tuple(evidence),
            balance=home.evidence_balance(data), data_updated=self.dates.data_updated,
            data_uncommitted=self.dates.uncommitted, latest_event=max(events, default=None),
            counts=data.counts(), map=self.visuals.overview_map(_hrefs(path)),
            chart=self.visuals.chronology_chart(),
            latest=tuple(self.incident_row(i) for i in self.links.latest_incidents(LATEST)),
        )


def _exact(day: Day | None, uncommitted: bool) -> dt.date | None:
    """A date for the sitemap: only an exact, committed one (never a guess)."""
    return None if day is None or day.on_or_before or uncommitted else day.day


def _listings(context: PageContext) -> Iterator[Listing]:
    for name in context.__dataclass_fields__:
        value = getattr(context, name, None)
        if isinstance(value, Listing):
            yield value
