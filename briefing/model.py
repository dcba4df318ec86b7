"""Step 3 of the data flow: typed, immutable records built from validated data.

The model is built only from data that passed :mod:`briefing.validate`, so it can trust
shapes and references. Everything a page shows about *other* records (backlinks, "cited
by", the milestones around an incident) is derived once, here, in :class:`Links`, so
that each link is computed in one place and shown on both of its ends.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

#: Milestones within this many days of an incident are shown "around" it, and it around them.
AROUND_DAYS = 30


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
    links: Links = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "links", Links(self))

    def corrections_of(self, record: Record) -> list[Correction]:
        """The corrections of one record, newest first (shown on its page)."""
        return self.links.corrections.get((record.kind, record.id), [])

    def counts(self) -> dict[str, int]:
        return {
            "incidents": len(self.incidents),
            "regions": len(self.regions),
            "agreements": len(self.agreements),
            "clauses": len(self.clauses),
            "milestones": len(self.milestones),
            "sources": len(self.sources),
        }


@dataclass(frozen=True, slots=True)
class Backlink:
    """A record that points at another, with the reason it gave (if any)."""

    record: Record
    why: str | None = None


class Links:
    """Every derived relation between records, computed once after validation."""

    def __init__(self, data: Dataset) -> None:
        self._data = data
        self.children: dict[str, list[Region]] = defaultdict(list)
        self.incidents_in_region: dict[str, list[Incident]] = defaultdict(list)
        self.milestones_in_region: dict[str, list[Milestone]] = defaultdict(list)
        self.clause_backlinks: dict[str, list[Backlink]] = defaultdict(list)
        self.agreement_milestones: dict[str, list[Milestone]] = defaultdict(list)
        self.agreement_incidents: dict[str, list[Incident]] = defaultdict(list)
        self.cited_by: dict[str, list[Record]] = defaultdict(list)
        self.sources_published_by: dict[str, list[Source]] = defaultdict(list)
        self.incidents_claimed_by: dict[str, list[Incident]] = defaultdict(list)
        self.corrections: dict[tuple[str, str], list[Correction]] = defaultdict(list)
        for correction in data.corrections:  # already newest first
            self.corrections[correction.record_kind, correction.record_id].append(correction)

        for region in data.regions.values():
            if region.parent_id:
                self.children[region.parent_id].append(region)
        for incident in data.incidents.values():
            for region_id in _with_ancestors(data, incident.region_ids):
                self.incidents_in_region[region_id].append(incident)
            for link in incident.clause_links:
                self.clause_backlinks[link.clause_id].append(Backlink(incident, link.why))
            for agreement_id in sorted({data.clauses[link.clause_id].agreement_id for link in incident.clause_links}):
                self.agreement_incidents[agreement_id].append(incident)
            for party_id, _claims in incident.claims_by_party():
                self.incidents_claimed_by[party_id].append(incident)
        for milestone in data.milestones.values():
            for region_id in _with_ancestors(data, milestone.region_ids):
                self.milestones_in_region[region_id].append(milestone)
            for link in milestone.clause_links:
                self.clause_backlinks[link.clause_id].append(Backlink(milestone, link.why))
            agreement_ids = set(milestone.agreement_ids)
            agreement_ids.update(data.clauses[link.clause_id].agreement_id for link in milestone.clause_links)
            for agreement_id in agreement_ids:
                self.agreement_milestones[agreement_id].append(milestone)
        for source in data.sources.values():
            if source.party_id:
                self.sources_published_by[source.party_id].append(source)
        citing: list[Incident | Milestone | Agreement | Clause] = [
            *data.incidents.values(), *data.milestones.values(), *data.agreements.values(), *data.clauses.values()
        ]
        for record in citing:
            for source_id in sorted({c.source_id for c in record.citations()}):
                self.cited_by[source_id].append(record)

        # Date-sorted views for the "around" relations (records are stored in date order).
        self._incident_list = list(data.incidents.values())
        self._incident_dates = [i.date for i in self._incident_list]
        self._longest_days = max(((i.date_end - i.date).days for i in self._incident_list if i.date_end), default=0)
        self._milestone_list = list(data.milestones.values())
        self._milestone_dates = [m.date for m in self._milestone_list]

        for regions in self.children.values():
            regions.sort(key=lambda r: (r.title.casefold(), r.id))
        buckets: list[list[Incident] | list[Milestone]] = [
            *self.incidents_in_region.values(), *self.milestones_in_region.values(),
            *self.agreement_milestones.values(), *self.agreement_incidents.values(),
            *self.incidents_claimed_by.values(),
        ]
        for bucket in buckets:
            bucket.sort(key=_chronological)
        for backlinks in self.clause_backlinks.values():
            backlinks.sort(key=lambda b: (b.record.kind, *_chronological(b.record)))
        for records in self.cited_by.values():
            records.sort(key=lambda r: (_KIND_ORDER[r.kind], *_chronological(r)))

    def ancestors(self, region_id: str) -> list[Region]:
        """The chain of larger regions, nearest first (validation guarantees no cycle)."""
        chain: list[Region] = []
        parent = self._data.regions[region_id].parent_id
        while parent:
            chain.append(self._data.regions[parent])
            parent = self._data.regions[parent].parent_id
        return chain

    def most_specific(self, region_ids: tuple[str, ...]) -> list[str]:
        """The listed regions that do not contain another listed region (Shusha, not Karabakh)."""
        contained = {a.id for region_id in region_ids for a in self.ancestors(region_id)}
        return [region_id for region_id in region_ids if region_id not in contained]

    def chronology(self) -> list[Incident | Milestone]:
        """Incidents and milestones on one timeline; on the same day, milestones first."""
        entries: list[Incident | Milestone] = [*self._data.incidents.values(), *self._data.milestones.values()]
        return sorted(entries, key=lambda r: (r.date, r.kind != "milestone", r.id))

    def latest_incidents(self, count: int) -> list[Incident]:
        """The ``count`` most recent incidents, newest first."""
        return sorted(self._data.incidents.values(), key=_chronological, reverse=True)[:count]

    def milestones_around(self, incident: Incident) -> list[Milestone]:
        # Bisect on the date-sorted list: a scan of every milestone for every incident
        # would make the build quadratic in the size of the data.
        first = bisect_left(self._milestone_dates, incident.date - dt.timedelta(days=AROUND_DAYS))
        last = bisect_right(self._milestone_dates, (incident.date_end or incident.date) + dt.timedelta(days=AROUND_DAYS))
        return [m for m in self._milestone_list[first:last] if _near(incident, m)]

    def incidents_around(self, milestone: Milestone) -> list[Incident]:
        # An incident is near if it starts at most AROUND_DAYS after the milestone and ends at
        # most AROUND_DAYS before it; the longest incident bounds how early it can start.
        first = bisect_left(self._incident_dates, milestone.date - dt.timedelta(days=AROUND_DAYS + self._longest_days))
        last = bisect_right(self._incident_dates, milestone.date + dt.timedelta(days=AROUND_DAYS))
        return [i for i in self._incident_list[first:last] if _near(i, milestone)]

    def clauses_for_region(self, region_id: str) -> list[tuple[Clause, list[Record]]]:
        """Clauses that the region's incidents and milestones relate to, with those records."""
        via: dict[str, list[Record]] = defaultdict(list)
        records: list[Incident | Milestone] = [*self.incidents_in_region.get(region_id, []),
                                               *self.milestones_in_region.get(region_id, [])]
        seen: set[tuple[str, str, str]] = set()  # a set, not `in list`: regions can hold thousands
        for record in records:
            for link in record.clause_links:
                if (link.clause_id, record.kind, record.id) not in seen:
                    seen.add((link.clause_id, record.kind, record.id))
                    via[link.clause_id].append(record)
        return [(self._data.clauses[cid], via[cid]) for cid in sorted(via, key=_clause_order(self._data))]


def _clause_order(data: Dataset) -> Any:
    def key(clause_id: str) -> tuple[str, str, str]:
        clause = data.clauses[clause_id]
        return (clause.agreement_id, clause.number.zfill(6), clause.id)
    return key


def _with_ancestors(data: Dataset, region_ids: tuple[str, ...]) -> list[str]:
    seen: list[str] = []
    for region_id in region_ids:
        current: str | None = region_id
        while current and current not in seen:
            seen.append(current)
            current = data.regions[current].parent_id
    return seen


def _near(incident: Incident, milestone: Milestone) -> bool:
    end = incident.date_end or incident.date
    return (incident.date - milestone.date).days <= AROUND_DAYS and (milestone.date - end).days <= AROUND_DAYS


def _chronological(record: Any) -> tuple[dt.date, str]:
    """Date order for records that have a date; clauses (undated) keep id order."""
    return (getattr(record, "date", dt.date.min), record.id)


_KIND_ORDER = {"incident": 0, "milestone": 1, "agreement": 2, "clause": 3, "region": 4, "source": 5, "party": 6}


# --- building from validated data --------------------------------------------------------


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _citations(items: list[dict[str, Any]]) -> tuple[Citation, ...]:
    return tuple(Citation(c["source"], c.get("locator"), c.get("quote")) for c in items)


def _cited(item: dict[str, Any]) -> CitedText:
    return CitedText(item["text"], _citations(item["citations"]))


def _coordinates(item: dict[str, Any] | None) -> Coordinates | None:
    return Coordinates(float(item["lat"]), float(item["lon"]), item.get("precision")) if item else None


def _clause_links(items: list[dict[str, Any]] | None) -> tuple[ClauseLink, ...]:
    return tuple(ClauseLink(link["clause"], link["why"]) for link in items or [])


def _figure(item: dict[str, Any] | None) -> Figure | None:
    return Figure(item["low"], item["best"], item["high"]) if item else None


def _frozen(records: list[Any], key: Any) -> Mapping[str, Any]:
    return MappingProxyType({r.id: r for r in sorted(records, key=key)})


_NOUNS = {"parties": "party", "regions": "region", "sources": "source", "agreements": "agreement",
           "milestones": "milestone", "incidents": "incident"}


def build_dataset(raw: Mapping[str, list[dict[str, Any]]]) -> Dataset:
    """Build the typed model from data that :func:`briefing.validate.validate` accepted."""
    parties = [Party(p["id"], p["name"], p["role"], p.get("description")) for p in raw["parties"]]
    regions = [
        Region(
            r["id"], r["kind"],
            tuple(PlaceName(n["name"], n["lang"], tuple(n.get("used_by", []))) for n in r["names"]),
            r.get("parent"), _coordinates(r.get("coordinates")), r.get("description"),
        )
        for r in raw["regions"]
    ]
    sources = [
        Source(
            s["id"], s["publisher"], s["title"], s["url"], dt.date.fromisoformat(s["published"]),
            dt.date.fromisoformat(s["accessed"]), s["language"], s["kind"], s.get("archive_url"),
            s.get("party"), s.get("note"),
        )
        for s in raw["sources"]
    ]
    agreements: list[Agreement] = []
    clauses: list[Clause] = []
    for a in raw["agreements"]:
        own = tuple(
            Clause(
                c["id"], a["id"], c["number"], c["title"],
                tuple(ClauseText(t["version"], t["language"], t["text"], _citations(t["citations"]),
                                 bool(t.get("excerpt", False))) for t in c["texts"]),
                tuple(c.get("topics", [])),
            )
            for c in a["clauses"]
        )
        clauses.extend(own)
        agreements.append(Agreement(a["id"], a["title"], dt.date.fromisoformat(a["date"]),
                                    tuple(a["parties"]), _cited(a["summary"]), own, a.get("effective")))
    milestones = [
        Milestone(
            m["id"], dt.date.fromisoformat(m["date"]), m["kind"], m["title"], _cited(m["summary"]),
            m.get("date_precision", "day"), tuple(m.get("parties", [])), _clause_links(m.get("clauses")),
            tuple(m.get("agreements", [])), tuple(m.get("regions", [])),
        )
        for m in raw["milestones"]
    ]
    incidents = [
        Incident(
            id=i["id"], title=i["title"], date=dt.date.fromisoformat(i["date"]),
            region_ids=tuple(i["regions"]), incident_type=i["type"], summary=_cited(i["summary"]),
            claims=tuple(
                Claim(
                    c["party"], c["claimant"], c["text"], _citations(c["citations"]),
                    bool(c.get("quoted", False)), _date(c.get("date")), tuple(c.get("blames", [])),
                    tuple(ReportedCasualties(x["party"], x.get("killed"), x.get("wounded"))
                          for x in c.get("casualties", [])),
                )
                for c in i["claims"]
            ),
            grade=i["grade"], date_end=_date(i.get("date_end")), date_precision=i.get("date_precision", "day"),
            place=i.get("place"), coordinates=_coordinates(i.get("coordinates")),
            weapons=tuple(i.get("weapons", [])),
            casualties=tuple(CuratedCasualties(x["party"], _figure(x.get("killed")), _figure(x.get("wounded")))
                             for x in i.get("casualties", [])),
            casualty_rule=i.get("casualty_rule"), grade_note=i.get("grade_note"),
            clause_links=_clause_links(i.get("clauses")),
        )
        for i in raw["incidents"]
    ]
    renamed: dict[tuple[str, str], str] = {}
    corrections: list[Correction] = []
    for kind, noun in _NOUNS.items():
        for r in raw.get(kind, []):
            nested = [(noun, r)] + [("clause", c) for c in (r.get("clauses") or []) if kind == "agreements"]
            for record_noun, item in nested:
                for old in item.get("previous_ids", []):
                    renamed[record_noun, old] = item["id"]
                corrections.extend(
                    Correction(record_noun, item["id"], dt.date.fromisoformat(c["date"]), c["kind"], c["note"])
                    for c in item.get("corrections", [])
                )
    return Dataset(
        renamed=MappingProxyType(dict(sorted(renamed.items()))),
        corrections=tuple(sorted(corrections, key=lambda c: (c.date, c.record_kind, c.record_id), reverse=True)),
        parties=_frozen(parties, lambda p: (p.name.casefold(), p.id)),
        regions=_frozen(regions, lambda r: (r.title.casefold(), r.id)),
        sources=_frozen(sources, lambda s: (s.publisher.casefold(), s.published, s.id)),
        agreements=_frozen(agreements, _chronological),
        clauses=_frozen(clauses, lambda c: (c.agreement_id, c.number.zfill(6), c.id)),
        milestones=_frozen(milestones, _chronological),
        incidents=_frozen(incidents, _chronological),
        removed=tuple(sorted(
            (RemovedRecord(r["id"], r["kind"], dt.date.fromisoformat(r["removed"]), r["action"], r["reason"],
                           r.get("replaced_by")) for r in raw.get("removed", [])),
            key=lambda r: (r.removed, r.record_kind, r.id), reverse=True,
        )),
    )
