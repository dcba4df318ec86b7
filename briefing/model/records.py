"""Step 3 of the data flow: the typed, immutable records of a briefing.

The model is built only from data that passed :mod:`briefing.validate`, so it can trust
shapes and references. :mod:`.build` converts validated YAML into these records;
:mod:`.links` derives every relation between them once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType


@dataclass(frozen=True, slots=True)
class Citation:
    source_id: str
    locator: str | None = None
    quote: str | None = None


@dataclass(frozen=True, slots=True)
class CitedText:
    text: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class Party:
    id: str
    name: str
    role: str
    description: str | None = None

    kind = "party"

    @property
    def title(self) -> str:
        return self.name

    @property
    def is_party_to_conflict(self) -> bool:
        """Observers (analysts, NGOs, media) are actors but not parties to the conflict."""
        return self.role != "observer"


@dataclass(frozen=True, slots=True)
class Coordinates:
    lat: float
    lon: float
    precision: str | None = None


@dataclass(frozen=True, slots=True)
class PlaceName:
    name: str
    lang: str
    used_by: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Region:
    id: str
    kind_of_place: str
    names: tuple[PlaceName, ...]
    parent_id: str | None = None
    coordinates: Coordinates | None = None
    description: str | None = None

    kind = "region"

    @property
    def title(self) -> str:
        """Every English name the sides use, in the curated order: "Shusha / Shushi"."""
        english: list[str] = []
        for name in self.names:
            if name.lang == "en" and name.name not in english:
                english.append(name.name)
        return " / ".join(english) if english else self.names[0].name


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    publisher: str
    title: str
    url: str
    published: dt.date
    accessed: dt.date
    language: str
    source_kind: str
    archive_url: str | None = None
    party_id: str | None = None
    note: str | None = None

    kind = "source"

    @property
    def date(self) -> dt.date:
        return self.published


@dataclass(frozen=True, slots=True)
class ClauseText:
    version: str
    language: str
    text: str
    citations: tuple[Citation, ...]
    excerpt: bool = False


@dataclass(frozen=True, slots=True)
class Clause:
    id: str
    agreement_id: str
    number: str
    heading: str
    texts: tuple[ClauseText, ...]
    topics: tuple[str, ...] = ()

    kind = "clause"

    @property
    def title(self) -> str:
        return f"Clause {self.number}: {self.heading}"

    def citations(self) -> Iterator[Citation]:
        for text in self.texts:
            yield from text.citations


@dataclass(frozen=True, slots=True)
class Agreement:
    id: str
    title: str
    date: dt.date
    party_ids: tuple[str, ...]
    summary: CitedText
    clauses: tuple[Clause, ...]
    effective: str | None = None

    kind = "agreement"

    def citations(self) -> Iterator[Citation]:
        yield from self.summary.citations
        for clause in self.clauses:
            yield from clause.citations()


@dataclass(frozen=True, slots=True)
class ClauseLink:
    clause_id: str
    why: str


@dataclass(frozen=True, slots=True)
class Milestone:
    id: str
    date: dt.date
    milestone_kind: str
    title: str
    summary: CitedText
    date_precision: str = "day"
    party_ids: tuple[str, ...] = ()
    clause_links: tuple[ClauseLink, ...] = ()
    agreement_ids: tuple[str, ...] = ()
    region_ids: tuple[str, ...] = ()

    kind = "milestone"

    def citations(self) -> Iterator[Citation]:
        yield from self.summary.citations


@dataclass(frozen=True, slots=True)
class ReportedCasualties:
    """Casualties as one claimant reported them: never merged with anyone else's figures."""

    party_id: str
    killed: int | None = None
    wounded: int | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    party_id: str
    claimant: str
    text: str
    citations: tuple[Citation, ...]
    quoted: bool = False
    date: dt.date | None = None
    blames: tuple[str, ...] = ()
    casualties: tuple[ReportedCasualties, ...] = ()


@dataclass(frozen=True, slots=True)
class Figure:
    low: int
    best: int
    high: int


@dataclass(frozen=True, slots=True)
class CuratedCasualties:
    party_id: str
    killed: Figure | None = None
    wounded: Figure | None = None


@dataclass(frozen=True, slots=True)
class Incident:
    id: str
    title: str
    date: dt.date
    region_ids: tuple[str, ...]
    incident_type: str
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
    clause_links: tuple[ClauseLink, ...] = ()

    kind = "incident"

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


@dataclass(frozen=True, slots=True)
class RemovedRecord:
    """An id that was published and then deleted or merged; ids are never reused."""

    id: str
    record_kind: str
    removed: dt.date
    action: str
    reason: str
    replaced_by: str | None = None


@dataclass(frozen=True, slots=True)
class Correction:
    """A dated correction or update of a published record, kept for readers: the public
    trust log lists every one, newest first, and the record's page shows its own."""

    record_kind: str
    record_id: str
    date: dt.date
    correction_kind: str
    note: str


Record = Party | Region | Source | Agreement | Clause | Milestone | Incident


@dataclass(frozen=True, slots=True)
class Dataset:
    """All records, each kind sorted the way pages list it."""

    parties: Mapping[str, Party]
    regions: Mapping[str, Region]
    sources: Mapping[str, Source]
    agreements: Mapping[str, Agreement]
    clauses: Mapping[str, Clause]
    milestones: Mapping[str, Milestone]
    incidents: Mapping[str, Incident]
    removed: tuple[RemovedRecord, ...] = ()
    #: (kind, earlier id) → current id, from each record's ``previous_ids``.
    renamed: Mapping[tuple[str, str], str] = field(default_factory=lambda: MappingProxyType({}))
    #: Every correction and update, newest first.
    corrections: tuple[Correction, ...] = ()

    def counts(self) -> dict[str, int]:
        return {
            "incidents": len(self.incidents),
            "regions": len(self.regions),
            "agreements": len(self.agreements),
            "clauses": len(self.clauses),
            "milestones": len(self.milestones),
            "sources": len(self.sources),
        }

