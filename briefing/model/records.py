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
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import ClassVar

from msgspec import Struct, field


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


class PublicationDates(Struct, frozen=True, kw_only=True):
    """A record's ``record_dates``: when it was first published and last changed, for
    builds without the data's git history (see :mod:`briefing.publish.record_dates`)."""

    first_published: dt.date
    last_changed: dt.date | None = None


class Party(Struct, frozen=True, kw_only=True):
    kind: ClassVar[str] = "party"

    id: str
    name: str
    role: str
    description: str | None = None
    previous_ids: tuple[str, ...] = ()
    corrections: tuple[CorrectionEntry, ...] = ()
    record_dates: PublicationDates | None = None

    @property
    def title(self) -> str:
        return self.name

    @property
    def is_party_to_conflict(self) -> bool:
        """Observers (analysts, NGOs, media) are actors but not parties to the conflict."""
        return self.role != "observer"

    @staticmethod
    def order(record: Party) -> tuple[str, str]:
        return (record.name.casefold(), record.id)


class Coordinates(Struct, frozen=True):
    lat: float
    lon: float
    precision: str | None = None


class PlaceName(Struct, frozen=True):
    name: str
    lang: str
    used_by: tuple[str, ...] = ()


class Region(Struct, frozen=True, kw_only=True):
    kind: ClassVar[str] = "region"

    id: str
    kind_of_place: str = field(name="kind")
    names: tuple[PlaceName, ...]
    parent_id: str | None = field(name="parent", default=None)
    coordinates: Coordinates | None = None
    description: str | None = None
    previous_ids: tuple[str, ...] = ()
    corrections: tuple[CorrectionEntry, ...] = ()
    record_dates: PublicationDates | None = None

    @property
    def title(self) -> str:
        """Every English name the sides use, in the curated order: "Shusha / Shushi"."""
        english: list[str] = []
        for name in self.names:
            if name.lang == "en" and name.name not in english:
                english.append(name.name)
        return " / ".join(english) if english else self.names[0].name

    @staticmethod
    def order(record: Region) -> tuple[str, str]:
        return (record.title.casefold(), record.id)


class Source(Struct, frozen=True, kw_only=True):
    kind: ClassVar[str] = "source"

    id: str
    publisher: str
    title: str
    url: str
    published: dt.date
    accessed: dt.date
    language: str
    source_kind: str = field(name="kind")
    archive_url: str | None = None
    party_id: str | None = field(name="party", default=None)
    note: str | None = None
    previous_ids: tuple[str, ...] = ()
    corrections: tuple[CorrectionEntry, ...] = ()
    record_dates: PublicationDates | None = None

    @property
    def date(self) -> dt.date:
        return self.published

    @staticmethod
    def order(record: Source) -> tuple[str, dt.date, str]:
        return (record.publisher.casefold(), record.published, record.id)


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
    effective: str | None = None
    previous_ids: tuple[str, ...] = ()
    corrections: tuple[CorrectionEntry, ...] = ()
    record_dates: PublicationDates | None = None

    def citations(self) -> Iterator[Citation]:
        yield from self.summary.citations
        if self.clause_count:
            yield from self.clause_count.citations
        for clause in self.clauses:
            yield from clause.citations()

    @staticmethod
    def order(record: Agreement) -> tuple[dt.date, str]:
        return (record.date, record.id)


class ClauseLink(Struct, frozen=True):
    clause_id: str = field(name="clause")
    why: str = ""


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
    previous_ids: tuple[str, ...] = ()
    corrections: tuple[CorrectionEntry, ...] = ()
    record_dates: PublicationDates | None = None

    def citations(self) -> Iterator[Citation]:
        yield from self.summary.citations

    @staticmethod
    def order(record: Milestone) -> tuple[dt.date, str]:
        return (record.date, record.id)


class ReportedCasualties(Struct, frozen=True, kw_only=True):
    """Casualties as one claimant reported them: never merged with anyone else's figures."""

    party_id: str = field(name="party")
    killed: int | None = None
    wounded: int | None = None


class Claim(Struct, frozen=True, kw_only=True):
    party_id: str = field(name="party")
    claimant: str
    text: str
    citations: tuple[Citation, ...]
    quoted: bool = False
    date: dt.date | None = None
    blames: tuple[str, ...] = ()
    casualties: tuple[ReportedCasualties, ...] = ()


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
    previous_ids: tuple[str, ...] = ()
    corrections: tuple[CorrectionEntry, ...] = ()
    record_dates: PublicationDates | None = None

    def citations(self) -> Iterator[Citation]:
        yield from self.summary.citations
        for claim in self.claims:
            yield from claim.citations

    def claims_by_party(self) -> list[tuple[str, list[Claim]]]:
        """Claims grouped by the party that made them, in the order the curator gave."""
        grouped: dict[str, list[Claim]] = {}
        for claim in self.claims:
            grouped.setdefault(claim.party_id, []).append(claim)
        return list(grouped.items())

    @staticmethod
    def order(record: Incident) -> tuple[dt.date, str]:
        return (record.date, record.id)


class RemovedRecord(Struct, frozen=True, kw_only=True):
    """An id that was published and then deleted or merged; ids are never reused."""

    id: str
    record_kind: str = field(name="kind")
    removed: dt.date
    action: str
    reason: str
    replaced_by: str | None = None


class Correction(Struct, frozen=True, kw_only=True):
    """A correction or update of a published record, kept for readers: the public trust
    log lists every one, newest first, and the record's page shows its own."""

    record_kind: str
    record_id: str
    date: dt.date
    correction_kind: str
    note: str


Record = Party | Region | Source | Agreement | Clause | Milestone | Incident

_EMPTY: Mapping[tuple[str, str], str] = MappingProxyType({})


class Dataset(Struct, frozen=True, kw_only=True):
    """All records, each kind in the order its pages list it (by each class's ``order``)."""

    parties: Mapping[str, Party]
    regions: Mapping[str, Region]
    sources: Mapping[str, Source]
    agreements: Mapping[str, Agreement]
    clauses: Mapping[str, Clause]
    milestones: Mapping[str, Milestone]
    incidents: Mapping[str, Incident]
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
        return {
            "incidents": len(self.incidents),
            "regions": len(self.regions),
            "agreements": len(self.agreements),
            "clauses": len(self.clauses),
            "milestones": len(self.milestones),
            "sources": len(self.sources),
        }
