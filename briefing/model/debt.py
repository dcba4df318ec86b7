"""The site's source debt: how much of the briefing rests on sources nobody on the team
read in the original (``audit/design.md`` §9).

One computation, used by ``python -m briefing check`` (its summary line) and by the
"Source debt" page: sources and citations by rung of the provenance ladder (sources read
only in a copy are a debt of their own kind, counted apart from those nobody read), read
sources without an archived copy, citations by the affiliation of the publisher (whose word the
site relies on), and the records that rest on second-hand knowledge only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

# Still importable from here for briefing.validate.warnings until it imports briefing.locators
# (tests/test_code_structure.py: KNOWN_STAGE_IMPORTS).
from briefing.kinds import citing_kinds
from briefing.model.records import (
    AFFILIATION_KINDS,
    RUNGS,
    Assessment,
    Citation,
    Dataset,
    Incident,
    Milestone,
    Source,
)

#: The rungs on which nobody on the team read the source (a copy read is a debt of its own kind).
NOT_READ = ("via", "not-located")


def _citing(data: Dataset) -> Iterator[Iterable[Citation]]:
    """The citations of every record that cites, one iterable per record."""
    for kind in citing_kinds():
        for record in data.records(kind.plural).values():
            yield record.citations()  # type: ignore[union-attr]


def citation_counts(data: Dataset) -> Counter[str]:
    """How many citations name each source, over the whole dataset."""
    counts: Counter[str] = Counter()
    for citations in _citing(data):
        counts.update(c.source_id for c in citations)
    return counts


def _statements(record: Incident | Milestone | Assessment) -> Iterator[Citation]:
    """The citations of what a record reports (not of its clause links or silences)."""
    if isinstance(record, Incident):
        yield from record.summary.citations
        for claim in record.claims:
            yield from claim.citations
    elif isinstance(record, Milestone):
        yield from record.summary.citations
    else:
        yield from record.citations()


@dataclass(frozen=True, slots=True)
class AffiliationRow:
    """Citations resting on publishers of one affiliation kind (and party)."""

    affiliation_kind: str
    party_id: str | None
    sources: int
    citations: int


@dataclass(frozen=True, slots=True)
class SourceDebt:
    total_sources: int
    total_citations: int
    #: Sources on each rung (every rung present, possibly empty), in the site's source order.
    by_rung: dict[str, tuple[Source, ...]]
    citations_by_rung: dict[str, int]
    read_without_archive: tuple[Source, ...]
    #: Citations of each source.
    cited: dict[str, int]
    by_affiliation: tuple[AffiliationRow, ...]
    #: Incidents, milestones and assessments whose statements rest only on sources nobody
    #: read, in the original or in a copy (and on the sources those are known through).
    second_hand: tuple[Incident | Milestone | Assessment, ...] = field(default=())

    @property
    def not_read(self) -> int:
        """Sources nobody on the team read (via, not located); copies are counted apart."""
        return sum(len(self.by_rung[r]) for r in NOT_READ)

    @property
    def citations_not_read(self) -> int:
        return sum(self.citations_by_rung[r] for r in NOT_READ)

    def summary(self) -> str:
        """The line ``check`` prints after its warnings."""
        return (f"source debt: {len(self.by_rung['copy'])} read only in a copy, {len(self.by_rung['via'])} via, "
                f"{len(self.by_rung['not-located'])} not located, "
                f"{len(self.read_without_archive)} read without archived copy, of {self.total_sources} sources; "
                f"{self.citations_not_read} of {self.total_citations} citations rest on sources not read, "
                f"{self.citations_by_rung['copy']} on sources read only in a copy")

    def as_json(self) -> dict[str, int]:
        return {
            "sources": self.total_sources, "citations": self.total_citations,
            **{f"sources_{rung.replace('-', '_')}": len(self.by_rung[rung]) for rung in RUNGS},
            **{f"citations_{rung.replace('-', '_')}": self.citations_by_rung[rung] for rung in RUNGS},
            "read_without_archive": len(self.read_without_archive),
        }


def source_debt(data: Dataset) -> SourceDebt:
    cited = citation_counts(data)
    by_rung = {rung: tuple(s for s in data.sources.values() if s.provenance == rung) for rung in RUNGS}
    citations_by_rung = {rung: sum(cited[s.id] for s in by_rung[rung]) for rung in RUNGS}

    per_affiliation: dict[tuple[str, str | None], list[int]] = {}
    for source in data.sources.values():
        affiliation = data.authors[source.publisher_id].affiliation
        row = per_affiliation.setdefault((affiliation.affiliation_kind, affiliation.party_id), [0, 0])
        row[0] += 1
        row[1] += cited[source.id]
    rows = tuple(
        AffiliationRow(kind, party, sources, citations)
        for (kind, party), (sources, citations) in sorted(
            per_affiliation.items(), key=lambda item: (AFFILIATION_KINDS.index(item[0][0]), item[0][1] or ""))
    )

    second_hand: list[Incident | Milestone | Assessment] = []
    records: list[Incident | Milestone | Assessment] = [
        *data.incidents.values(), *data.milestones.values(), *data.assessments.values()]
    for record in records:
        used = {c.source_id for c in _statements(record)}
        unread = {s for s in used if not data.sources[s].is_read}
        through = {v.source_id for s in unread if (v := data.sources[s].via) is not None}
        if unread and used <= unread | through:
            second_hand.append(record)

    return SourceDebt(
        total_sources=len(data.sources), total_citations=sum(cited.values()), by_rung=by_rung,
        citations_by_rung=citations_by_rung,
        read_without_archive=tuple(s for rung in ("read", "copy") for s in by_rung[rung] if not s.archive_url),
        cited=dict(sorted(cited.items())), by_affiliation=rows, second_hand=tuple(second_hand),
    )
