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
import functools
import posixpath
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from briefing.kinds import BY_NAME, KINDS, removed_anchor
from briefing.model.debt import SourceDebt, source_debt
from briefing.model.links import Links
from briefing.model.records import (
    RUNGS,
    Agreement,
    Assessment,
    Author,
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
from briefing.publish import references
from briefing.publish.record_dates import NO_DATES, Day, SiteDates
from briefing.render import bottom_line, home
from briefing.render.accounts import compare, evidence
from briefing.render.agreement_text import clause_list
from briefing.render.cite import cite_this
from briefing.render.contexts import (
    AgreementPage,
    AgreementRow,
    AgreementsIndexPage,
    AssessmentPage,
    AssessmentsIndexPage,
    AssessmentView,
    AuthorPage,
    AuthorRow,
    AuthorsIndexPage,
    ChronologyPage,
    CitingRow,
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
    SourceDebtPage,
    SourcePage,
    SourceRow,
    SourcesIndexPage,
)
from briefing.render.drawings.maps import MapSettings
from briefing.render.drawings.visuals import Visuals
from briefing.render.listing import ROWS_PER_PART, Listing, split
from briefing.render.page import record_path, relative
from briefing.render.spellings import search_words
from briefing.render.text import LANGUAGES

#: A page's context followed by the contexts of the further parts of its long lists.
Group = tuple[tuple[str, PageContext], ...]

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
    "citing": "partials/citing_list.html.j2",
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
        self._closures: dict[str, frozenset[str]] = {}

    # --- shared pieces ---------------------------------------------------------------------

    def _closure(self, source_id: str) -> frozenset[str]:
        """A source with every source its footnote mentions: the one it is known through,
        and those cited for its publisher's and authors' affiliations, and theirs."""
        found = self._closures.get(source_id)
        if found is None:
            seen = {source_id}
            queue = [source_id]
            while queue:
                source = self.data.sources[queue.pop()]
                related = [source.via.source_id] if source.via else []
                for author_id in (source.publisher_id, *source.author_ids):
                    related += [c.source_id for c in self.data.authors[author_id].affiliation.citations]
                for other in related:
                    if other not in seen:
                        seen.add(other)
                        queue.append(other)
            found = self._closures[source_id] = frozenset(seen)
        return found

    def cited(self, citations: Iterable[Citation], also: Iterable[Author] = ()) -> dict[str, Any]:
        """The ``sources``, ``authors`` and ``publishers`` fields of a page that makes these
        citations (and names ``also``, whose affiliations it cites)."""
        extra = [c for author in also for c in author.affiliation.citations]
        ids: set[str] = set()
        for citation in (*citations, *extra):
            if citation.source_id not in ids:
                ids.update(self._closure(citation.source_id))
        sources = {i: self.data.sources[i] for i in sorted(ids)}
        authors = {a: self.data.authors[a] for s in sources.values() for a in (s.publisher_id, *s.author_ids)}
        authors.update((a.id, a) for a in also)
        parties = {a.affiliation.party_id for a in authors.values() if a.affiliation.party_id}
        return {"sources": sources, "authors": dict(sorted(authors.items())),
                "publishers": {p: self.data.parties[p] for p in sorted(parties)}}

    def party_of(self, author: Author) -> Party | None:
        party = author.affiliation.party_id
        return self.data.parties[party] if party else None

    def assessment_view(self, assessment: Assessment) -> AssessmentView:
        author = self.data.authors[assessment.author_id]
        return AssessmentView(assessment, author, self.party_of(author),
                              tuple(self.data.authors[o] for o in author.member_of))

    def assessments(self, record: Record) -> tuple[AssessmentView, ...]:
        return tuple(self.assessment_view(a) for a in self.links.assessments_of(record))

    def cited_with(self, citations: Iterable[Citation], views: Iterable[AssessmentView]) -> dict[str, Any]:
        """:meth:`cited` for a page that also shows assessments, with their authors'
        affiliations (and their organisations') cited."""
        views = tuple(views)
        found = [*citations, *(c for view in views for c in view.assessment.citations())]
        return self.cited(found, also=[a for view in views for a in (view.author, *view.organisations)])

    @functools.cached_property
    def debt(self) -> SourceDebt:
        """The source debt, worked out once: source rows and the source debt page share it."""
        return source_debt(self.data)

    def source_row(self, source: Source) -> SourceRow:
        publisher = self.data.authors[source.publisher_id]
        return SourceRow(source, publisher, self.party_of(publisher), self.debt.cited.get(source.id, 0),
                         self.data.sources[source.via.source_id] if source.via else None)

    def parties(self, ids: Iterable[str]) -> tuple[Party, ...]:
        return tuple(self.data.parties[i] for i in ids)

    def clause_refs(self, links: Iterable[ClauseLink]) -> tuple[ClauseRef, ...]:
        refs = []
        for link in links:
            clause = self.data.clauses[link.clause_id]
            refs.append(ClauseRef(clause, self.data.agreements[clause.agreement_id], link.why, link.citations))
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
        return {path: context for group in self.groups().values() for path, context in group}

    def groups(self, reuse: Callable[[str], Group | None] | None = None) -> dict[str, Group]:
        """Every page with the further parts of its long lists (a :data:`Group`), by the
        page's path, in the order of :meth:`pages`. ``reuse(path)`` may give a group from
        an earlier plan instead of planning it again (:mod:`.incremental`)."""
        groups: dict[str, Group] = {}
        for path, make in self.specs():
            group = reuse(path) if reuse is not None else None
            groups[path] = self.group(make()) if group is None else group
        return groups

    def group(self, context: PageContext) -> Group:
        """A page's context as the site has it, followed by the further parts of its lists."""
        updated = _exact(self.dates.data_updated, self.dates.uncommitted)
        context = dataclasses.replace(context, languages=self.languages)
        if context.dates is None and updated is not None:
            context = dataclasses.replace(context, lastmod=updated)
        group: list[tuple[str, PageContext]] = [(context.path, context)]
        for listing in _listings(context):
            for part in listing.parts[1:]:
                group.append((part.path, ListingPartPage(
                    path=part.path, title=f"{listing.title}, part {part.number}", listing=listing, part=part,
                    sources=context.sources, authors=context.authors, publishers=context.publishers,
                    lastmod=updated,
                )))
        return tuple(group)

    def specs(self) -> Iterator[tuple[str, Callable[[], PageContext]]]:
        """Every page's path with the function that plans it, in the site's order."""
        builders: dict[str, Callable[[Any], PageContext]] = {
            "incident": self.incident_page, "region": self.region_page, "agreement": self.agreement_page,
            "clause": self.clause_page, "milestone": self.milestone_page, "source": self.source_page,
            "party": self.party_page, "author": self.author_page, "assessment": self.assessment_page,
        }
        indexes: dict[str, Callable[[], PageContext]] = {
            "incident": self.incidents_index, "region": self.regions_index, "agreement": self.agreements_index,
            "clause": self.clauses_index, "milestone": self.milestones_index, "source": self.sources_index,
            "party": self.parties_index, "author": self.authors_index, "assessment": self.assessments_index,
        }
        for kind in KINDS:
            build = builders[kind.name]
            for record in self.data.records(kind.plural).values():
                yield record_path(record), functools.partial(self._record_page, build, record)
            yield kind.index_path, indexes[kind.name]
        yield from ((page, make) for page, make in self.global_specs())
        for region in self.data.regions.values():
            for year in self.visuals.region_years(region):
                yield f"filters/{region.id}-{year}.html", functools.partial(self.region_year_page, region, year)
        yield "index.html", self.home_page

    def global_specs(self) -> tuple[tuple[str, Callable[[], PageContext]], ...]:
        return (("chronology.html", self.chronology_page), ("source-debt.html", self.source_debt_page),
                ("removed.html", self.removed_page), ("corrections.html", self.corrections_page),
                ("open-data.html", self.open_data_page))

    def _record_page(self, build: Callable[[Any], PageContext], record: Record) -> PageContext:
        return self.dated(build(record), record)

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
        party_ids += [s.party_id for s in incident.silent]
        parties = {p: self.data.parties[p] for p in party_ids}
        where = tuple((self.data.regions[r], *self.links.ancestors(r))
                      for r in self.links.most_specific(incident.region_ids))
        assessments = self.assessments(incident)
        cited = self.cited_with(incident.citations(), assessments)
        statements = {c.source_id for c in incident.summary.citations}
        statements.update(c.source_id for claim in incident.claims for c in claim.citations)
        return IncidentPage(
            path=path, title=incident.title, **cited, incident=incident,
            where=where, parties=parties,
            map=self.visuals.incident_map(incident, _hrefs(path)),
            clauses=self.clause_refs(incident.clause_links),
            milestones_around=tuple(self.links.milestones_around(incident)),
            corrections=self.corrections(incident),
            search_words=search_words((n.name, n.lang) for trail in where for n in self.names(trail[0])),
            comparison=compare(incident, parties), silences=incident.silent, assessments=assessments,
            evidence=evidence(incident.claims, (s.party_id for s in incident.silent), [v.assessment for v in assessments],
                              (self.data.sources[s] for s in sorted(statements)), parties),
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
            path=path, title=region.title, **self.cited(region.citations()), region=region,
            within=tuple(self.links.ancestors(region.id)),
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
        assessments = self.assessments(clause)
        why_citations = [c for b in backlinks for c in b.citations]
        return ClausePage(
            path=path, title=clause.title,
            **self.cited_with([*clause.citations(), *why_citations], assessments),
            clause=clause, assessments=assessments,
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
        assessments = self.assessments(milestone)
        everyone = {p: self.data.parties[p] for p in (*milestone.party_ids, *(s.party_id for s in milestone.silent))}
        return MilestonePage(
            path=path, title=milestone.title,
            **self.cited_with(milestone.citations(), assessments), milestone=milestone,
            parties=self.parties(milestone.party_ids), silences=milestone.silent, assessments=assessments,
            named=everyone,
            agreements=tuple(self.data.agreements[a] for a in milestone.agreement_ids),
            regions=tuple(self.data.regions[r] for r in milestone.region_ids),
            clauses=self.clause_refs(milestone.clause_links),
            incidents=self.listing((self.incident_row(i) for i in around), path, "incident",
                                   f"Incidents around {milestone.title}", "incidents") if around else None,
            corrections=self.corrections(milestone),
        )

    def source_page(self, source: Source) -> SourcePage:
        publisher = self.data.authors[source.publisher_id]
        writers = tuple(self.data.authors[a] for a in source.author_ids)
        via = self.data.sources[source.via.source_id] if source.via else None
        cited = self.cited([source.via.citation()] if source.via else [], also=(publisher, *writers))
        path, citing = record_path(source), self.links.cited_by.get(source.id, [])
        original = references.source_reference(source, self.data.authors)
        return SourcePage(
            original_formats=references.formats([original]), citation_tags=tuple(references.highwire(original)),
            path=path, title=f"{source.publisher}: {source.title}", **cited, source=source,
            publisher=publisher, writers=writers, via=via,
            known_through=tuple(self.links.known_through.get(source.id, [])),
            cited_by=self.listing((CitingRow(r) for r in citing), path, "citing", f"Cited by: {source.title}",
                                  "citing") if citing else None,
            corrections=self.corrections(source),
        )

    def party_page(self, party: Party) -> PartyPage:
        path = record_path(party)
        claimed = self.links.incidents_claimed_by.get(party.id, [])
        published = [self.source_row(s) for s in self.links.sources_published_by.get(party.id, [])]
        affiliated = tuple(self.author_row(a) for a in self.data.authors.values() if a.affiliation.party_id == party.id)
        return PartyPage(
            path=path, title=party.name, **self.cited(party.citations(), also=[r.author for r in affiliated]),
            party=party,
            claimed=self.listing((self.incident_row(i) for i in claimed), path, "incident",
                                 f"Incidents with a claim by {party.name}", "claims") if claimed else None,
            published=self.listing(published, path, "source", f"Sources whose publisher is tied to {party.name}",
                                   "sources") if published else None,
            corrections=self.corrections(party),
            silent_on=tuple(self.links.silent_on.get(party.id, [])), affiliated=affiliated,
        )

    def author_row(self, author: Author) -> AuthorRow:
        return AuthorRow(author, self.party_of(author), len(self.links.sources_by_author.get(author.id, [])),
                         len(self.links.assessments_by_author.get(author.id, [])))

    def author_page(self, author: Author) -> AuthorPage:
        path = record_path(author)
        organisations = tuple(self.data.authors[o] for o in author.member_of)
        published = [self.source_row(s) for s in self.links.sources_by_author.get(author.id, [])]
        assessments = tuple(self.assessment_view(a) for a in self.links.assessments_by_author.get(author.id, []))
        return AuthorPage(
            path=path, title=author.name,
            **self.cited(author.description.citations if author.description else (), also=(author, *organisations)),
            author=author,
            party=self.party_of(author), organisations=organisations,
            members=tuple(self.links.members.get(author.id, [])),
            published=self.listing(published, path, "source", f"Sources by {author.name}", "sources")
            if published else None,
            assessments=assessments, corrections=self.corrections(author),
        )

    def assessment_page(self, assessment: Assessment) -> AssessmentPage:
        view = self.assessment_view(assessment)
        return AssessmentPage(
            path=record_path(assessment), title=f"{view.author.name}: {assessment.title}",
            **self.cited_with((), [view]), view=view,
            incidents=tuple(self.data.incidents[i] for i in assessment.incident_ids),
            milestones=tuple(self.data.milestones[m] for m in assessment.milestone_ids),
            clauses=tuple(self.data.clauses[c] for c in assessment.clause_ids),
            corrections=self.corrections(assessment),
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
        rows = (self.source_row(s) for s in self.data.sources.values())
        return SourcesIndexPage(path=path, title="Sources", publishers=dict(self.data.parties),
                                sources_listing=self.listing(rows, path, "source", "Sources"))

    def parties_index(self) -> PartiesIndexPage:
        rows = tuple(PartyRow(p, len(self.links.incidents_claimed_by.get(p.id, [])),
                              len(self.links.sources_published_by.get(p.id, [])))
                     for p in self.data.parties.values())
        return PartiesIndexPage(path=BY_NAME["party"].index_path, title=BY_NAME["party"].label, rows=rows)

    def authors_index(self) -> AuthorsIndexPage:
        rows = tuple(self.author_row(a) for a in self.data.authors.values())
        return AuthorsIndexPage(path=BY_NAME["author"].index_path, title=BY_NAME["author"].label,
                                **self.cited(c for a in self.data.authors.values() for c in a.affiliation.citations),
                                rows=rows)

    def assessments_index(self) -> AssessmentsIndexPage:
        views = tuple(self.assessment_view(a) for a in self.data.assessments.values())
        return AssessmentsIndexPage(path=BY_NAME["assessment"].index_path, title=BY_NAME["assessment"].label,
                                    rows=views)

    def source_debt_page(self) -> SourceDebtPage:
        debt, limit = self.debt, self.rows_per_part
        tables = tuple((rung, len(debt.by_rung[rung]), tuple(self.source_row(s) for s in debt.by_rung[rung][:limit]))
                       for rung in RUNGS)
        return SourceDebtPage(path="source-debt.html", title="Source debt", debt=debt, tables=tables,
                              without_archive_count=len(debt.read_without_archive),
                              without_archive=tuple(self.source_row(s) for s in debt.read_without_archive[:limit]),
                              second_hand=tuple(debt.second_hand[:limit]),
                              parties=dict(self.data.parties), publishers=dict(self.data.parties),
                              authors=dict(self.data.authors))

    def chronology_page(self) -> ChronologyPage:
        path = "chronology.html"
        return ChronologyPage(path=path, title="Chronology", chart=self.visuals.chronology_chart(),
                              entries=self.listing(self.links.chronology(), path, "chronology", "Chronology"))

    def removed_page(self) -> RemovedPage:
        rows = []
        for entry in self.data.removed:
            kind = entry.replaced_by_kind if entry.action == "moved" and entry.replaced_by_kind else entry.record_kind
            replaced = self.data.records(BY_NAME[kind].plural).get(entry.replaced_by or "")
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
            assessment_count=len(self.data.assessments), author_count=len(self.data.authors),
            silences=sum(len(i.silent) for i in self.data.incidents.values())
            + sum(len(m.silent) for m in self.data.milestones.values()),
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
        updated = self.dates.data_updated
        line = bottom_line.bottom_line(data, self.links.most_specific, updated.day if updated else max(events, default=None),
                                       settings.scope)
        return HomePage(
            path=path, title=settings.title or self.site_name,
            **self.cited([*bottom_line.citations(line),
                          *home.page_citations(settings.intro, key_points, casualties, evidence)]),
            bottom_line=line, sources_page=BY_NAME["source"].index_path,
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
