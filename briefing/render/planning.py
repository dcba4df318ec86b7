"""What every page builder shares: the data, its links, the drawings, the site's settings,
and the few pieces many pages show (table rows, the cited sources, long lists).

One :class:`Planning` is made per build by :class:`briefing.render.plan.SitePlan` and handed
to every page builder (:mod:`briefing.render.builders`). Rows are made once per build and
reused by every page that lists the same record.
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from briefing.model.debt import SourceDebt, source_debt
from briefing.model.links import Links
from briefing.model.record_dates import NO_DATES, SiteDates
from briefing.model.records import (
    Assessment,
    Author,
    Citation,
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
from briefing.model.scope import ScopeWords, scope_and_coverage
from briefing.model.whose_word import WhoseWord, whose_word
from briefing.render import home
from briefing.render.contexts import (
    AssessmentView,
    AuthorRow,
    ClauseRef,
    IncidentRow,
    MilestoneRow,
    SourceRow,
)
from briefing.render.drawings.maps import MapSettings
from briefing.render.drawings.visuals import Visuals
from briefing.render.listing import ROWS_PER_PART, Listing, split
from briefing.render.page import record_path, relative
from briefing.render.text import LANGUAGES

#: The partial that draws each kind of long list, by the name builders give it.
TABLES = {
    "incident": "partials/incident_table.html.j2",
    "milestone": "partials/milestone_table.html.j2",
    "source": "partials/source_table.html.j2",
    "source-list": "partials/source_list.html.j2",
    "region": "partials/region_table.html.j2",
    "chronology": "partials/chronology_table.html.j2",
    "clause-incident": "partials/clause_incident_table.html.j2",
    "citing": "partials/citing_list.html.j2",
    "gap": "partials/gap_table.html.j2",
}


def hrefs(path: str) -> Callable[[Any], str]:
    """Relative links from the page at ``path``, for drawings (map marks)."""
    here = posixpath.dirname(path)

    def href(target: Any) -> str:
        return relative(target if isinstance(target, str) else record_path(target), here)
    return href


class Planning:
    """The shared planning context of one build."""

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

    # --- the sources a page cites --------------------------------------------------------

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
        authors = {a: self.data.authors[a] for s in sources.values() for a in s.named_author_ids}
        authors.update((a.id, a) for a in also)
        parties = {a.affiliation.party_id for a in authors.values() if a.affiliation.party_id}
        return {"sources": sources, "authors": dict(sorted(authors.items())),
                "publishers": {p: self.data.parties[p] for p in sorted(parties)}}

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

    @functools.cached_property
    def whose(self) -> WhoseWord:
        """Whose word the citations are, by publisher, author and both (issue 18.3), once."""
        return whose_word(self.data)

    @functools.cached_property
    def scope(self) -> ScopeWords:
        """The declared scope and the data's coverage, in words (the home and gaps pages)."""
        return scope_and_coverage(self.home.scope, self.data)

    # --- records as several pages show them ----------------------------------------------

    def party_of(self, author: Author) -> Party | None:
        party = author.affiliation.party_id
        return self.data.parties[party] if party else None

    def parties(self, ids: Iterable[str]) -> tuple[Party, ...]:
        return tuple(self.data.parties[i] for i in ids)

    def assessment_view(self, assessment: Assessment) -> AssessmentView:
        author = self.data.authors[assessment.author_id]
        return AssessmentView(assessment, author, self.party_of(author),
                              tuple(self.data.authors[o] for o in author.member_of))

    def assessments(self, record: Record) -> tuple[AssessmentView, ...]:
        return tuple(self.assessment_view(a) for a in self.links.assessments_of(record))

    def source_row(self, source: Source) -> SourceRow:
        publisher = self.data.authors[source.publisher_id]
        return SourceRow(source, publisher, self.party_of(publisher), self.debt.cited.get(source.id, 0),
                         self.data.sources[source.via.source_id] if source.via else None)

    def author_row(self, author: Author) -> AuthorRow:
        return AuthorRow(author, self.party_of(author), len(self.links.sources_by_author.get(author.id, [])),
                         len(self.links.assessments_by_author.get(author.id, [])))

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
        """Rows split into parts of ``rows_per_part``, drawn by the partial ``TABLES[table]``."""
        return split(rows, path, key, self.rows_per_part, title, TABLES[table])

    def names(self, region: Region) -> tuple[PlaceName, ...]:
        """The region's names in the languages the site shows (``languages`` option)."""
        return tuple(n for n in region.names if n.lang.split("-")[0] in self.languages or n.lang in self.languages)

    def corrections(self, record: Record) -> tuple[Correction, ...]:
        return tuple(self.links.corrections_of(record))
