"""Stage 3 of the data flow: the typed, immutable records of a briefing.

Each record kind is one frozen :class:`msgspec.Struct`. A field is declared once, here,
with the name it has in the YAML (``msgspec.field(name=...)`` where the Python name
differs); :mod:`.build` converts validated data into these records by those declarations
alone, so a new field shown on a page touches this class, its schema and its template.

Records hold the ids of the records they refer to, never the records themselves: each
record is self-contained, so an unchanged record can be reused as it is from one build of
``mkdocs serve`` to the next. :mod:`.links` derives every relation between records once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import ClassVar

from msgspec import Struct, field

from briefing.kinds import KINDS
from briefing.validate.actors import ACTOR_ROLES


class Citation(Struct, frozen=True):
    source_id: str = field(name="source")
    locator: str | None = None
    quote: str | None = None


class CitedText(Struct, frozen=True):
    text: str
    citations: tuple[Citation, ...]


class CorrectionEntry(Struct, frozen=True):
    """A dated correction or update, as written in the record it corrects."""

    date: dt.date
    correction_kind: str = field(name="kind")
    note: str


class Search(Struct, frozen=True):
    """A search that did not find an original (or an affiliation): when and where."""

    date: dt.date
    where: str


#: Affiliation kinds, from closest to a state to furthest (the order pages list them in).
AFFILIATION_KINDS = ("state-body", "state-founded", "state-funded", "party-aligned", "private",
                     "independent", "unknown")


class Affiliation(Struct, frozen=True, kw_only=True):
    """Who stands behind a publisher or an author, as a cited fact (``unknown``: searched)."""

    affiliation_kind: str = field(name="kind")
    party_id: str | None = field(name="party", default=None)
    note: str | None = None
    citations: tuple[Citation, ...] = ()
    searched: Search | None = None


class PublicationDates(Struct, frozen=True, kw_only=True):
    """A record's ``record_dates``: when it was first published and last changed, for
    builds without the data's git history (see :mod:`briefing.model.record_dates`)."""

    first_published: dt.date
    last_changed: dt.date | None = None


class Member(Struct, frozen=True, kw_only=True):
    """A party that makes up a joint body, mission or institution, cited."""

    party_id: str = field(name="party")
    citations: tuple[Citation, ...] = ()


class Party(Struct, frozen=True, kw_only=True):
    """A party to the conflict or another actor whose accounts are claims (belligerent,
    de facto authority, mediator, peacekeeper, monitor), or an actor that is not a party:
    a joint body, monitoring mission or mediators' institution, with its ``members``.
    Never an analyst or publisher."""

    kind: ClassVar[str] = "party"

    id: str
    name: str
    role: str
    description: CitedText | None = None
    members: tuple[Member, ...] = ()
    previous_ids: tuple[str, ...] = ()
    corrections: tuple[CorrectionEntry, ...] = ()
    record_dates: PublicationDates | None = None

    @property
    def title(self) -> str:
        return self.name

    @property
    def is_actor(self) -> bool:
        """A joint body, monitoring mission or mediators' institution: shown apart from the
        parties, its statements and silences its own, not its members'."""
        return self.role in ACTOR_ROLES

    @property
    def is_party_to_conflict(self) -> bool:
        """Every record of parties.yaml gives accounts that are claims: analysts, journalists
        and publishers are authors (authors.yaml), never parties."""
        return True

    def citations(self) -> Iterator[Citation]:
        if self.description:
            yield from self.description.citations
        for member in self.members:
            yield from member.citations

    @staticmethod
    def order(record: Party) -> tuple[str, str]:
        return (record.name.casefold(), record.id)


class Author(Struct, frozen=True, kw_only=True):
    """Who wrote or published a source or an assessment (organisation, person, account),
    with a cited affiliation. Authors are not parties: their conclusions are assessments."""

    kind: ClassVar[str] = "author"

    id: str
    name: str
    author_kind: str = field(name="kind")
    affiliation: Affiliation
    member_of: tuple[str, ...] = ()
    description: CitedText | None = None
    previous_ids: tuple[str, ...] = ()
    corrections: tuple[CorrectionEntry, ...] = ()
    record_dates: PublicationDates | None = None

    @property
    def title(self) -> str:
        return self.name

    def citations(self) -> Iterator[Citation]:
        if self.description:
            yield from self.description.citations
        yield from self.affiliation.citations

    @staticmethod
    def order(record: Author) -> tuple[str, str]:
        return (record.name.casefold(), record.id)


class Coordinates(Struct, frozen=True, kw_only=True):
    """A point with where it comes from: a cited ``basis``, or (incidents) the ``region``
    whose cited coordinates these are."""

    lat: float
    lon: float
    precision: str | None = None
    region_id: str | None = field(name="region", default=None)
    basis: CitedText | None = None


class PlaceName(Struct, frozen=True, kw_only=True):
    name: str
    lang: str
    citations: tuple[Citation, ...] = ()
    used_by: tuple[str, ...] = ()


class PossiblySame(Struct, frozen=True):
    """Another place that may be this one, where no source read says it is (issue 18.6)."""

    region_id: str = field(name="region")
    text: str
    citations: tuple[Citation, ...]


class Region(Struct, frozen=True, kw_only=True):
    kind: ClassVar[str] = "region"

    id: str
    kind_of_place: str = field(name="kind")
    names: tuple[PlaceName, ...]
    parent_id: str | None = field(name="parent", default=None)
    #: ISO 3166-1 alpha-2 (a country) or ISO 3166-2 (a subdivision): the exports' join key.
    iso_3166: str | None = None
    #: Where a source places it in its parent region.
    parent_citations: tuple[Citation, ...] = ()
    coordinates: Coordinates | None = None
    description: CitedText | None = None
    possibly_same: tuple[PossiblySame, ...] = ()
    previous_ids: tuple[str, ...] = ()
    corrections: tuple[CorrectionEntry, ...] = ()
    record_dates: PublicationDates | None = None

    def citations(self) -> Iterator[Citation]:
        for name in self.names:
            yield from name.citations
        yield from self.parent_citations
        if self.description:
            yield from self.description.citations
        for link in self.possibly_same:
            yield from link.citations
        if self.coordinates and self.coordinates.basis:
            yield from self.coordinates.basis.citations

    @property
    def title(self) -> str:
        """Every English name the sides use, in the curated order: "Shusha / Shushi"."""
        english: list[str] = []
        seen: set[tuple[str, ...]] = set()
        for name in self.names:
            # the same words in another order ("Armenian-Azerbaijani border" and
            # "Azerbaijani-Armenian border") are one name for a reader, shown once
            words = tuple(sorted(re.split(r"[\s\-‐–—/]+", name.name.casefold())))
            if name.lang == "en" and words not in seen:
                seen.add(words)
                english.append(name.name)
        return " / ".join(english) if english else self.names[0].name

    @staticmethod
    def order(record: Region) -> tuple[str, str]:
        return (record.title.casefold(), record.id)


class Via(Struct, frozen=True):
    """The source through which a source not read in the original is known."""

    source_id: str = field(name="source")
    locator: str = ""
    quote: str = ""

    def citation(self) -> Citation:
        """The citation of the intermediary source, where it names this one."""
        return Citation(self.source_id, self.locator, self.quote)


class Copy(Struct, frozen=True, kw_only=True):
    """The copy a source was read in, when it was not read in the original (issue 18.5):
    its kind, where it is, who publishes it and when it was captured (when known)."""

    #: ``repost``, ``listing``, ``archive`` (a public web archive's capture) or ``capture``
    #: (a stored capture of the original page at its own address, not published).
    copy_kind: str = field(name="kind")
    url: str | None = None
    identifier: str | None = None
    publisher_id: str | None = field(name="publisher", default=None)
    #: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; missing: the capture date is not known.
    captured: str | None = None
    note: str | None = None


#: The rungs of the provenance ladder, from best to worst: read in the original, read in a
#: copy, known through another source, not located.
RUNGS = ("read", "copy", "via", "not-located")


def partial_date(text: str | None) -> dt.date | None:
    """``2021-07-14`` → that day; ``2021`` or ``2021-07`` (or nothing) → ``None``."""
    if text is None or len(text) != 10:
        return None
    return dt.date.fromisoformat(text)


class Source(Struct, frozen=True, kw_only=True):
    """A cited source with its rung on the provenance ladder (:data:`RUNGS`): ``read``
    (the original, ``accessed``, optionally an archived copy), ``copy`` (read in a copy:
    ``accessed`` and ``copy``), ``via`` (known through another source: ``via``) or
    ``not-located`` (``searched``)."""

    kind: ClassVar[str] = "source"

    id: str
    publisher_id: str = field(name="publisher")
    #: Filled in by :mod:`.build`: the publisher's name (authors.yaml).
    publisher: str = field(name="publisher_name", default="")
    title: str
    language: str
    source_kind: str = field(name="kind")
    provenance: str
    #: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; missing only for references and datasets.
    published: str | None = None
    url: str | None = None
    url_unknown: str | None = None
    publisher_site: str | None = None
    author_ids: tuple[str, ...] = field(name="authors", default=())
    accessed: dt.date | None = None
    copy: Copy | None = None
    archive_url: str | None = None
    via: Via | None = None
    searched: Search | None = None
    note: str | None = None
    previous_ids: tuple[str, ...] = ()
    corrections: tuple[CorrectionEntry, ...] = ()
    record_dates: PublicationDates | None = None

    @property
    def published_day(self) -> dt.date | None:
        """The publication day, when the data knows it to the day."""
        return partial_date(self.published)

    @property
    def is_read(self) -> bool:
        """Whether a team member read its text, in the original or in a copy."""
        return self.provenance in ("read", "copy")

    @property
    def named_author_ids(self) -> tuple[str, ...]:
        """Every author id the source's footnote and page name: its publisher, its authors
        and the publisher of the copy it was read in."""
        copy_publisher = (self.copy.publisher_id,) if self.copy and self.copy.publisher_id else ()
        return tuple(dict.fromkeys((self.publisher_id, *self.author_ids, *copy_publisher)))

    @property
    def is_original(self) -> bool:
        """Whether a team member read the original itself (the only case with an "Original" link)."""
        return self.provenance == "read"

    @staticmethod
    def order(record: Source) -> tuple[str, str, str]:
        return (record.publisher.casefold(), record.published or "", record.id)


class ClauseText(Struct, frozen=True, kw_only=True):
    version: str
    language: str
    text: str
    citations: tuple[Citation, ...]
    excerpt: bool = False


class Clause(Struct, frozen=True, kw_only=True):
    kind: ClassVar[str] = "clause"

    id: str
    #: Filled in by :mod:`.build`: a clause is written inside its agreement.
    agreement_id: str = ""
    number: str
    heading: str = field(name="title")
    texts: tuple[ClauseText, ...]
    topics: tuple[str, ...] = ()
    previous_ids: tuple[str, ...] = ()
    corrections: tuple[CorrectionEntry, ...] = ()
    record_dates: PublicationDates | None = None

    @property
    def title(self) -> str:
        return f"Clause {self.number}: {self.heading}"

    def citations(self) -> Iterator[Citation]:
        for text in self.texts:
            yield from text.citations

    @staticmethod
    def order(record: Clause) -> tuple[str, str, str]:
        return (record.agreement_id, record.number.zfill(6), record.id)


class ClauseCount(Struct, frozen=True, kw_only=True):
    """How many clauses an agreement's text has, cited."""

    count: int
    citations: tuple[Citation, ...]


class Agreement(Struct, frozen=True, kw_only=True):
    kind: ClassVar[str] = "agreement"

    id: str
    title: str
    date: dt.date
    party_ids: tuple[str, ...] = field(name="parties")
    summary: CitedText
    clauses: tuple[Clause, ...]
    clause_count: ClauseCount | None = None
    effective: CitedText | None = None
    previous_ids: tuple[str, ...] = ()
    corrections: tuple[CorrectionEntry, ...] = ()
    record_dates: PublicationDates | None = None

    def citations(self) -> Iterator[Citation]:
        if self.effective:
            yield from self.effective.citations
        yield from self.summary.citations
        if self.clause_count:
            yield from self.clause_count.citations
        for clause in self.clauses:
            yield from clause.citations()

    @staticmethod
    def order(record: Agreement) -> tuple[dt.date, str]:
        return (record.date, record.id)


class ClauseLink(Struct, frozen=True, kw_only=True):
    """Why a record relates to a clause, cited (the clause's text and the account)."""

    clause_id: str = field(name="clause")
    why: str = ""
    citations: tuple[Citation, ...] = ()


class Silence(Struct, frozen=True, kw_only=True):
    """A party's body that did not comment on an event, as a cited source says."""

    party_id: str = field(name="party")
    actor: str
    text: str
    citations: tuple[Citation, ...]
    as_of: dt.date | None = None


class Milestone(Struct, frozen=True, kw_only=True):
    kind: ClassVar[str] = "milestone"

    id: str
    date: dt.date
    milestone_kind: str = field(name="kind")
    title: str
    summary: CitedText
    date_precision: str = "day"
    party_ids: tuple[str, ...] = field(name="parties", default=())
    clause_links: tuple[ClauseLink, ...] = field(name="clauses", default=())
    agreement_ids: tuple[str, ...] = field(name="agreements", default=())
    region_ids: tuple[str, ...] = field(name="regions", default=())
    silent: tuple[Silence, ...] = ()
    previous_ids: tuple[str, ...] = ()
    corrections: tuple[CorrectionEntry, ...] = ()
    record_dates: PublicationDates | None = None

    def citations(self) -> Iterator[Citation]:
        yield from self.summary.citations
        for silence in self.silent:
            yield from silence.citations
        for link in self.clause_links:
            yield from link.citations

    @staticmethod
    def order(record: Milestone) -> tuple[dt.date, str]:
        return (record.date, record.id)


class ReportedCasualties(Struct, frozen=True, kw_only=True):
    """Casualties as one claimant reported them: never merged with anyone else's figures."""

    party_id: str = field(name="party")
    killed: int | None = None
    wounded: int | None = None


class ClockTime(Struct, frozen=True, kw_only=True):
    """A clock time as an account writes it (``HH:MM``), a moment or a span."""

    start: str
    end: str | None = None


class TimeZone(Struct, frozen=True, kw_only=True):
    """The zone of an account's clock times: an IANA name or ``not-stated``; ``stated``
    false means the zone is inferred, on a cited ``basis``."""

    zone: str
    stated: bool | None = None
    basis: CitedText | None = None

    @property
    def known(self) -> bool:
        return self.zone != "not-stated"


class Claim(Struct, frozen=True, kw_only=True):
    """One party's account of an incident, with the particulars it gives (each optional)."""

    party_id: str = field(name="party")
    claimant: str
    text: str
    citations: tuple[Citation, ...]
    quoted: bool = False
    #: When the account was issued.
    date: dt.date | None = None
    #: The date the account gives for the event.
    event_date: dt.date | None = None
    times: tuple[ClockTime, ...] = ()
    time_of_day: str | None = None
    time_zone: TimeZone | None = None
    place: str | None = None
    weapons: tuple[str, ...] = ()
    blames: tuple[str, ...] = ()
    blamed_as: str | None = None
    casualties: tuple[ReportedCasualties, ...] = ()

    def all_citations(self) -> Iterator[Citation]:
        yield from self.citations
        if self.time_zone and self.time_zone.basis:
            yield from self.time_zone.basis.citations


class Figure(Struct, frozen=True):
    low: int
    best: int
    high: int


class CuratedCasualties(Struct, frozen=True, kw_only=True):
    party_id: str = field(name="party")
    killed: Figure | None = None
    wounded: Figure | None = None


class Incident(Struct, frozen=True, kw_only=True):
    kind: ClassVar[str] = "incident"

    id: str
    title: str
    date: dt.date
    region_ids: tuple[str, ...] = field(name="regions")
    incident_type: str = field(name="type")
    summary: CitedText
    claims: tuple[Claim, ...]
    grade: str
    date_end: dt.date | None = None
    date_precision: str = "day"
    place: str | None = None
    coordinates: Coordinates | None = None
    weapons: tuple[str, ...] = ()
    casualties: tuple[CuratedCasualties, ...] = ()
    casualty_rule: str | None = None
    grade_note: str | None = None
    clause_links: tuple[ClauseLink, ...] = field(name="clauses", default=())
    silent: tuple[Silence, ...] = ()
    previous_ids: tuple[str, ...] = ()
    corrections: tuple[CorrectionEntry, ...] = ()
    record_dates: PublicationDates | None = None

    def citations(self) -> Iterator[Citation]:
        yield from self.summary.citations
        for claim in self.claims:
            yield from claim.all_citations()
        for silence in self.silent:
            yield from silence.citations
        for link in self.clause_links:
            yield from link.citations
        if self.coordinates and self.coordinates.basis:
            yield from self.coordinates.basis.citations

    def claims_by_party(self) -> list[tuple[str, list[Claim]]]:
        """Claims grouped by the party that made them, in the order the curator gave."""
        grouped: dict[str, list[Claim]] = {}
        for claim in self.claims:
            grouped.setdefault(claim.party_id, []).append(claim)
        return list(grouped.items())

    @staticmethod
    def order(record: Incident) -> tuple[dt.date, str]:
        return (record.date, record.id)


class Assessment(Struct, frozen=True, kw_only=True):
    """What an analyst, journalist or researcher concluded: attributed to its author,
    shown apart from the parties' claims, on every page it is about."""

    kind: ClassVar[str] = "assessment"

    id: str
    author_id: str = field(name="author")
    #: Filled in by :mod:`.build`: the author's name (authors.yaml).
    author: str = field(name="author_name", default="")
    #: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.
    published: str = field(name="date")
    text: str
    citations_: tuple[Citation, ...] = field(name="citations")
    quoted: bool = False
    incident_ids: tuple[str, ...] = field(name="incidents", default=())
    milestone_ids: tuple[str, ...] = field(name="milestones", default=())
    clause_ids: tuple[str, ...] = field(name="clauses", default=())
    previous_ids: tuple[str, ...] = ()
    corrections: tuple[CorrectionEntry, ...] = ()
    record_dates: PublicationDates | None = None

    @property
    def title(self) -> str:
        """The start of the text, cut at a word: a heading that says no more than it."""
        text = " ".join(self.text.split())
        if len(text) <= 90:
            return text
        return text[:90].rsplit(" ", 1)[0].rstrip(",;:") + "…"

    @property
    def date(self) -> dt.date:
        """A day to sort and place it by: the first day of its (partial) date."""
        parts = [int(p) for p in self.published.split("-")]
        return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)

    def citations(self) -> Iterator[Citation]:
        yield from self.citations_

    @staticmethod
    def order(record: Assessment) -> tuple[str, str, str]:
        return (record.published, record.author.casefold(), record.id)


class KnownGap(Struct, frozen=True, kw_only=True):
    """An event the editors know a cited source reports but have not curated yet (issue
    18.1): shown to readers as "reported, not yet curated", so that the backlog is seen
    instead of an absence. Never counted as an incident."""

    kind: ClassVar[str] = "gap"

    id: str
    title: str
    date: dt.date
    date_end: dt.date | None = None
    date_precision: str = "day"
    region_ids: tuple[str, ...] = field(name="regions", default=())
    #: What the source reports, attributed to it ("Armenpress reports ...").
    text: str
    citations_: tuple[Citation, ...] = field(name="citations")
    previous_ids: tuple[str, ...] = ()
    corrections: tuple[CorrectionEntry, ...] = ()
    record_dates: PublicationDates | None = None

    def citations(self) -> Iterator[Citation]:
        yield from self.citations_

    @staticmethod
    def order(record: KnownGap) -> tuple[dt.date, str]:
        return (record.date, record.id)


class RemovedRecord(Struct, frozen=True, kw_only=True):
    """An id that was published and then deleted, merged or moved; ids are never reused."""

    id: str
    record_kind: str = field(name="kind")
    removed: dt.date
    action: str
    reason: str
    replaced_by: str | None = None
    #: For a moved record: the kind of the record it became (``author``, ``assessment``).
    replaced_by_kind: str | None = None


class Correction(Struct, frozen=True, kw_only=True):
    """A correction or update of a published record, kept for readers: the public trust
    log lists every one, newest first, and the record's page shows its own."""

    record_kind: str
    record_id: str
    date: dt.date
    correction_kind: str
    note: str


Record = Party | Author | Region | Source | Agreement | Clause | Milestone | Incident | Assessment | KnownGap

_EMPTY: Mapping[tuple[str, str], str] = MappingProxyType({})
_EMPTY_GAPS: Mapping[str, KnownGap] = MappingProxyType({})


class Dataset(Struct, frozen=True, kw_only=True):
    """All records, each kind in the order its pages list it (by each class's ``order``)."""

    parties: Mapping[str, Party]
    authors: Mapping[str, Author]
    regions: Mapping[str, Region]
    sources: Mapping[str, Source]
    agreements: Mapping[str, Agreement]
    clauses: Mapping[str, Clause]
    milestones: Mapping[str, Milestone]
    incidents: Mapping[str, Incident]
    assessments: Mapping[str, Assessment]
    #: Events a source reports that are not curated yet (``gaps.yaml``, optional).
    gaps: Mapping[str, KnownGap] = _EMPTY_GAPS
    removed: tuple[RemovedRecord, ...] = ()
    #: (kind, earlier id) → current id, from each record's ``previous_ids``.
    renamed: Mapping[tuple[str, str], str] = _EMPTY
    #: Every correction and update, newest first.
    corrections: tuple[Correction, ...] = ()

    def records(self, plural: str) -> Mapping[str, Record]:
        """The records of one kind by its plural name (``incidents``)."""
        records: Mapping[str, Record] = getattr(self, plural)
        return records

    def counts(self) -> dict[str, int]:
        """How many records of each kind, by plural, in the registry's order."""
        return {kind.plural: len(self.records(kind.plural)) for kind in KINDS}
