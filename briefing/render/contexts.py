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

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar

from briefing.model.debt import SourceDebt
from briefing.model.links import Backlink
from briefing.model.record_dates import Day, RecordDates
from briefing.model.records import (
    Agreement,
    Assessment,
    Author,
    Citation,
    CitedText,
    Claim,
    Clause,
    ClauseText,
    Correction,
    Incident,
    KnownGap,
    Milestone,
    Party,
    PlaceName,
    Record,
    Region,
    RemovedRecord,
    Silence,
    Source,
)
from briefing.model.scope import ScopeWords
from briefing.model.whose_word import WhoseWord
from briefing.render.accounts import Comparison, Evidence
from briefing.render.bottom_line import BottomLine
from briefing.render.cite import CiteThis
from briefing.render.drawings.charts import Chart
from briefing.render.drawings.visuals import MapView
from briefing.render.listing import Listing, Part

# --- rows of tables, shared by every page that lists the record ---------------------------


@dataclass(frozen=True, slots=True)
class GapRow:
    """A known gap with the sources that report it."""

    gap: KnownGap
    sources: tuple[Source, ...]


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
class CitingRow:
    """A record that cites a source, in the source page's "Cited by" list (undated: the
    list mixes kinds, so its parts are not labelled by month)."""

    record: Record


@dataclass(frozen=True, slots=True)
class SourceRow:
    source: Source
    #: The publisher (authors.yaml) and the party its affiliation names, if any.
    publisher: Author
    party: Party | None
    cited_by: int
    #: For a source known through another: that source.
    via: Source | None = None


@dataclass(frozen=True, slots=True)
class AuthorRow:
    author: Author
    party: Party | None
    sources: int
    assessments: int


@dataclass(frozen=True, slots=True)
class AssessmentView:
    """An assessment as a page shows it: attributed to its author, with the author's
    affiliation and, for a person, the organisations they work for."""

    assessment: Assessment
    author: Author
    party: Party | None
    organisations: tuple[Author, ...]


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
    """A record's link to a clause, with the reason the record gives and its citations."""

    clause: Clause
    agreement: Agreement
    why: str
    citations: tuple[Citation, ...] = ()


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
    #: The parties named by the affiliations of the cited sources' publishers, by party id.
    publishers: Mapping[str, Party] = field(default_factory=dict)
    #: The publishers and authors of the cited sources (authors.yaml), for the footnotes'
    #: provenance and affiliation.
    authors: Mapping[str, Author] = field(default_factory=dict)
    #: Record pages: when the record was first published and last changed.
    dates: RecordDates | None = None
    #: Record pages: "cite this record".
    cite: CiteThis | None = None
    #: The day the page's content last changed, for the sitemap: the record's last change
    #: on a record page, the data's last update on the others; None when not known exactly.
    lastmod: dt.date | None = None
    #: Language codes and the names shown for them (the ``languages`` option); read by
    #: the ``language`` filter.
    languages: Mapping[str, str] = field(default_factory=dict)
    #: Highwire ``citation_*`` meta tags (name, content) for the page's head, for the
    #: document the page is about (a source page: the original); put there by the theme.
    citation_tags: tuple[tuple[str, str], ...] = ()


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
    #: Search-only spellings of its places' names, with their ``lang`` (:mod:`.spellings`).
    search_words: tuple[tuple[str, str | None], ...] = ()
    #: The accounts lined up field by field (None with fewer than two accounts).
    comparison: Comparison | None = None
    #: Who did not comment, as the sources say (incident.silent).
    silences: tuple[Silence, ...] = ()
    assessments: tuple[AssessmentView, ...] = ()
    evidence: Evidence | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class RegionPage(PageContext):
    template: ClassVar[str] = "pages/region.html.j2"
    search_boost: ClassVar[float | None] = 2  # a place's page beside its incidents when its name is searched

    region: Region
    #: The larger regions containing it, nearest first.
    within: tuple[Region, ...]
    #: The places that may be this one (``region.possibly_same``, in its order).
    possibly_same: tuple[Region, ...]
    parties: Mapping[str, Party]
    children: tuple[Region, ...]
    map: MapView
    incidents: Listing | None
    years: tuple[int, ...]
    chart: Chart | None
    clauses: tuple[RegionClause, ...]
    milestones: Listing | None
    corrections: tuple[Correction, ...]
    #: Its names in the languages the site shows (the ``languages`` option).
    names: tuple[PlaceName, ...] = ()
    #: Search-only spellings of its names, with their ``lang`` (:mod:`.spellings`).
    search_words: tuple[tuple[str, str | None], ...] = ()


@dataclass(frozen=True, slots=True)
class AgreementClause:
    """A clause of an agreement's text as its page lists it: recorded, with its fullest
    cited text, or a clause (or run of clauses) that this briefing does not record."""

    #: ``4``; for clauses not recorded, one number or a run: ``6–8``.
    number: str
    clause: Clause | None = None
    #: The first full text a cited source gives, else the first excerpt.
    text: ClauseText | None = None
    #: The clause's other published versions (the clause page shows their text).
    others: tuple[ClauseText, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class AgreementPage(PageContext):
    template: ClassVar[str] = "pages/agreement.html.j2"

    agreement: Agreement
    parties: tuple[Party, ...]
    #: Every clause in order, with the runs of clauses not recorded between them.
    clause_list: tuple[AgreementClause, ...]
    #: The numbers of the recorded clauses, and of those not recorded (runs: ``6–8``).
    recorded: tuple[str, ...]
    not_recorded: tuple[str, ...]
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
    assessments: tuple[AssessmentView, ...] = ()


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
    silences: tuple[Silence, ...] = ()
    #: Every party named on the page (milestone parties and silent parties), by id.
    named: Mapping[str, Party] = field(default_factory=dict)
    assessments: tuple[AssessmentView, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class SourcePage(PageContext):
    template: ClassVar[str] = "pages/source.html.j2"

    source: Source
    publisher: Author
    #: Named authors of the item (people), each with their affiliation.
    writers: tuple[Author, ...]
    #: The source this one is known through (provenance ``via``).
    via: Source | None
    #: Whoever publishes the copy the team read (provenance ``copy``), if named.
    copier: Author | None
    #: Sources known only through this one.
    known_through: tuple[Source, ...]
    #: Every record that cites it, in parts of ``rows_per_part`` rows (CitingRow).
    cited_by: Listing | None
    corrections: tuple[Correction, ...]
    #: The original as a reference manager takes it: ``bib``, ``ris`` and ``json``
    #: (CSL-JSON) text (:mod:`briefing.render.references`).
    original_formats: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class PartyPage(PageContext):
    template: ClassVar[str] = "pages/party.html.j2"

    party: Party
    claimed: Listing | None
    published: Listing | None
    corrections: tuple[Correction, ...]
    #: Incidents and milestones on which a body of the party stayed silent, as cited.
    silent_on: tuple[Incident | Milestone, ...] = ()
    #: Publishers whose affiliation names the party, by affiliation kind.
    affiliated: tuple[AuthorRow, ...] = ()
    #: For a joint body, mission or institution: its members, each with its citations.
    members: tuple[tuple[Party, tuple[Citation, ...]], ...] = ()
    #: The joint bodies, missions and institutions the party is a member of.
    member_of: tuple[Party, ...] = ()
    #: The incidents it gave an account of, on a map (None when it gave none).
    map: MapView | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class AuthorPage(PageContext):
    template: ClassVar[str] = "pages/author.html.j2"

    author: Author
    party: Party | None
    organisations: tuple[Author, ...]
    members: tuple[Author, ...]
    published: Listing | None
    assessments: tuple[AssessmentView, ...]
    corrections: tuple[Correction, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class AssessmentPage(PageContext):
    template: ClassVar[str] = "pages/assessment.html.j2"

    view: AssessmentView
    incidents: tuple[Incident, ...]
    milestones: tuple[Milestone, ...]
    clauses: tuple[Clause, ...]
    corrections: tuple[Correction, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class AuthorsIndexPage(PageContext):
    template: ClassVar[str] = "pages/authors_index.html.j2"

    rows: tuple[AuthorRow, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class GapPage(PageContext):
    """A known gap: an event a cited source reports that is not curated yet (issue 18.1)."""

    template: ClassVar[str] = "pages/gap.html.j2"

    gap: KnownGap
    regions: tuple[Region, ...]
    corrections: tuple[Correction, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class GapsIndexPage(PageContext):
    """Every known gap: reported, not yet curated."""

    template: ClassVar[str] = "pages/gaps_index.html.j2"

    gaps: Listing
    #: The declared scope and the data's coverage (the backlog is part of it).
    scope: ScopeWords


@dataclass(frozen=True, slots=True, kw_only=True)
class AssessmentsIndexPage(PageContext):
    template: ClassVar[str] = "pages/assessments_index.html.j2"

    rows: tuple[AssessmentView, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceDebtPage(PageContext):
    """How much of the briefing rests on sources not read in the original."""

    template: ClassVar[str] = "pages/source_debt.html.j2"

    debt: SourceDebt
    #: Citations by the affiliation of publisher, author and both (whose word), and the
    #: largest single source's share (:mod:`briefing.model.whose_word`).
    whose: WhoseWord
    #: One table per rung: (rung, how many sources, the first rows_per_part of them): the
    #: page stays the same size whatever the data holds; the rest are on the sources list.
    tables: tuple[tuple[str, int, tuple[SourceRow, ...]], ...]
    #: Sources read without an archived copy: how many, and the first rows_per_part.
    without_archive_count: int
    without_archive: tuple[SourceRow, ...]
    #: Records resting on second-hand knowledge only: the first rows_per_part.
    second_hand: tuple[Record, ...]
    parties: Mapping[str, Party]


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
    assessment_count: int = 0
    silences: int = 0
    author_count: int = 0


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


# --- the home page's briefing (built by :mod:`.home`) ---------------------------------------


@dataclass(frozen=True, slots=True)
class ReportedFigures:
    """One side's casualties as one account gave them, in words: ``1 killed``."""

    party: Party
    words: str


@dataclass(frozen=True, slots=True)
class CasualtyReport:
    """The casualties one account of an incident reported, attributed to who reported them."""

    claim: Claim
    #: The party whose account it is.
    party: Party
    figures: tuple[ReportedFigures, ...]


@dataclass(frozen=True, slots=True)
class IncidentCasualties:
    incident: Incident
    reports: tuple[CasualtyReport, ...]


@dataclass(frozen=True, slots=True)
class PartySilence:
    """A party that did not comment, as a cited source says (``silent`` in the data), with
    the party's record (the data's entry is :class:`briefing.model.records.Silence`)."""

    party: Party
    actor: str
    text: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class EvidenceCell:
    """One party and one incident: its accounts, or its recorded silence, or neither."""

    party: Party
    claims: tuple[Claim, ...]
    silent: tuple[PartySilence, ...]
    #: Whether an account is cited from the party's own publication (a source published by
    #: one of its bodies), not only as others report it.
    own: bool = False


@dataclass(frozen=True, slots=True)
class EvidenceRow:
    """Whose accounts of an incident exist and who is recorded as silent: a cell per
    party of :attr:`HomePage.evidence_parties`."""

    incident: Incident
    cells: tuple[EvidenceCell, ...]
    #: A cell per actor that is not a party (:attr:`HomePage.evidence_actors`), shown apart.
    actor_cells: tuple[EvidenceCell, ...] = ()


@dataclass(frozen=True, slots=True)
class SingleSource:
    """Incidents known from one party's accounts only, for one party."""

    party: Party
    incidents: int
    #: Who gave those accounts (at most a few names), and how many more there are.
    claimants: tuple[str, ...]
    more_claimants: int


@dataclass(frozen=True, slots=True)
class EvidenceBalance:
    """For every incident of the data: how many rest on one party's accounts alone."""

    incidents: int
    single_party: tuple[SingleSource, ...]
    #: Incidents with accounts from two parties or more.
    several_parties: int
    #: Incidents with no party's account (only analysts or none).
    no_party: int
    #: Incidents with at least one recorded silence.
    with_silences: int


@dataclass(frozen=True, slots=True, kw_only=True)
class HomePage(PageContext):
    template: ClassVar[str] = "pages/home.html.j2"

    #: ``home_intro`` from ``mkdocs.yml``: cited paragraphs.
    intro: tuple[CitedText, ...]
    #: The month the key points cover (the latest month with records), as a date in it.
    period: dt.date | None
    #: The days the records of that month span, in words (``6–15 July 2021``): what the
    #: headings name, never a longer period than the data covers.
    period_span: str | None
    #: The declared scope and the data's coverage, in words (:mod:`briefing.model.scope`).
    scope: ScopeWords
    #: Incidents and milestones of that month, oldest first (the latest ``home_key_points``).
    key_points: tuple[Incident | Milestone, ...]
    #: Records of that month left out of the key points.
    key_points_more: int
    casualties: tuple[IncidentCasualties, ...]
    #: Incidents of the period whose accounts give no casualty figures.
    no_casualty_figures: tuple[Incident, ...]
    #: The columns of the evidence table: the sides of the conflict, every party that gave
    #: an account of some incident, and every party recorded as silent in these rows.
    evidence_parties: tuple[Party, ...]
    evidence: tuple[EvidenceRow, ...]
    #: The columns of the actors that are not parties (joint bodies, monitoring missions,
    #: mediators' institutions), after the parties' and apart from them.
    evidence_actors: tuple[Party, ...]
    balance: EvidenceBalance
    #: Whose word the citations are (publisher and author together), and concentration.
    whose: WhoseWord
    #: Known gaps, newest first (the first ``home_key_points``): reported, not yet curated.
    gaps: tuple[KnownGap, ...]
    #: The latest change to the data, and the date of the latest event in it.
    data_updated: Day | None
    data_uncommitted: bool
    latest_event: dt.date | None
    counts: Mapping[str, int]
    map: MapView
    chart: Chart | None
    latest: tuple[IncidentRow, ...]
    #: The bottom line, first on the page (:mod:`briefing.render.bottom_line`).
    bottom_line: BottomLine
    #: Where the page's full source list is (its own page, :class:`HomeSourcesPage`).
    sources_page: str


def template_context(context: PageContext) -> dict[str, Any]:
    """The names a template sees: the context's fields (``template`` is not one)."""
    return {f.name: getattr(context, f.name) for f in fields(context)}
