"""Every derived relation between records (backlinks, "cited by", the milestones around
an incident), computed once after validation, so that each link is computed in one place
and shown on both of its ends.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from briefing.kinds import KINDS, citing_kinds
from briefing.model.records import (
    Assessment,
    Author,
    Citation,
    Clause,
    Correction,
    Dataset,
    Incident,
    Milestone,
    Record,
    Region,
    Source,
)

#: Milestones within this many days of an incident are shown "around" it, and it around them.
AROUND_DAYS = 30


def shift(day: dt.date, days: int) -> dt.date:
    """``day`` moved by ``days``, held at the first or last day Python can represent
    (a record near either end of the calendar must not crash the build)."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


@dataclass(frozen=True, slots=True)
class Backlink:
    """A record that points at another, with the reason it gave (if any) and its citations."""

    record: Record
    why: str | None = None
    citations: tuple[Citation, ...] = ()


class Links:
    """Every derived relation between records, computed once after validation."""

    def __init__(self, data: Dataset) -> None:
        self._data = data
        self._ancestors: dict[str, tuple[Region, ...]] = {}
        self._most_specific: dict[tuple[str, ...], list[str]] = {}
        self.children: dict[str, list[Region]] = defaultdict(list)
        self.incidents_in_region: dict[str, list[Incident]] = defaultdict(list)
        self.milestones_in_region: dict[str, list[Milestone]] = defaultdict(list)
        self.clause_backlinks: dict[str, list[Backlink]] = defaultdict(list)
        self.agreement_milestones: dict[str, list[Milestone]] = defaultdict(list)
        self.agreement_incidents: dict[str, list[Incident]] = defaultdict(list)
        self.cited_by: dict[str, list[Record]] = defaultdict(list)
        #: Sources whose publisher's affiliation names the party (a ministry, a state agency).
        self.sources_published_by: dict[str, list[Source]] = defaultdict(list)
        #: Sources each author published or wrote.
        self.sources_by_author: dict[str, list[Source]] = defaultdict(list)
        #: Sources known only through this one (``via``).
        self.known_through: dict[str, list[Source]] = defaultdict(list)
        #: People who work for an organisation (``member_of``).
        self.members: dict[str, list[Author]] = defaultdict(list)
        self.assessments_by_author: dict[str, list[Assessment]] = defaultdict(list)
        #: Assessments about a record, by (kind, id): shown on that record's page.
        self.assessments_about: dict[tuple[str, str], list[Assessment]] = defaultdict(list)
        #: Incidents and milestones on which a party's body stayed silent.
        self.silent_on: dict[str, list[Incident | Milestone]] = defaultdict(list)
        self.incidents_claimed_by: dict[str, list[Incident]] = defaultdict(list)
        self.corrections: dict[tuple[str, str], list[Correction]] = defaultdict(list)
        for correction in data.corrections:  # already newest first
            self.corrections[correction.record_kind, correction.record_id].append(correction)
        for region in data.regions.values():
            if region.parent_id:
                self.children[region.parent_id].append(region)
        self._link_incidents(data)
        self._link_milestones(data)
        self._link_silences(data)
        self._link_people(data)
        self._link_assessments(data)
        self._link_citations(data)
        self._index_dates(data)
        self._sort()

    def _link_incidents(self, data: Dataset) -> None:
        """Each incident under its regions (and their ancestors), clauses, agreements and claimants."""
        for incident in data.incidents.values():
            for region_id in _with_ancestors(data, incident.region_ids):
                self.incidents_in_region[region_id].append(incident)
            for link in incident.clause_links:
                self.clause_backlinks[link.clause_id].append(Backlink(incident, link.why, link.citations))
            for agreement_id in sorted({data.clauses[link.clause_id].agreement_id for link in incident.clause_links}):
                self.agreement_incidents[agreement_id].append(incident)
            for party_id, _claims in incident.claims_by_party():
                self.incidents_claimed_by[party_id].append(incident)

    def _link_milestones(self, data: Dataset) -> None:
        """Each milestone under its regions (and their ancestors), clauses and agreements."""
        for milestone in data.milestones.values():
            for region_id in _with_ancestors(data, milestone.region_ids):
                self.milestones_in_region[region_id].append(milestone)
            for link in milestone.clause_links:
                self.clause_backlinks[link.clause_id].append(Backlink(milestone, link.why, link.citations))
            agreement_ids = set(milestone.agreement_ids)
            agreement_ids.update(data.clauses[link.clause_id].agreement_id for link in milestone.clause_links)
            for agreement_id in agreement_ids:
                self.agreement_milestones[agreement_id].append(milestone)

    def _link_silences(self, data: Dataset) -> None:
        """The incidents and milestones on which each party stayed silent (once per record)."""
        silent_records: list[Incident | Milestone] = [*data.incidents.values(), *data.milestones.values()]
        for record in silent_records:
            for party_id in dict.fromkeys(s.party_id for s in record.silent):
                self.silent_on[party_id].append(record)

    def _link_people(self, data: Dataset) -> None:
        """Members of organisations; sources by publishing party, by author, and by the source they came through."""
        for author in data.authors.values():
            for organisation in author.member_of:
                self.members[organisation].append(author)
        for source in data.sources.values():
            party = data.authors[source.publisher_id].affiliation.party_id
            if party:
                self.sources_published_by[party].append(source)
            for author_id in dict.fromkeys((source.publisher_id, *source.author_ids)):
                self.sources_by_author[author_id].append(source)
            if source.via:
                self.known_through[source.via.source_id].append(source)

    def _link_assessments(self, data: Dataset) -> None:
        """Assessments by their author and by each record they are about."""
        for assessment in data.assessments.values():
            self.assessments_by_author[assessment.author_id].append(assessment)
            for kind, ids in (("incident", assessment.incident_ids), ("milestone", assessment.milestone_ids),
                              ("clause", assessment.clause_ids)):
                for record_id in ids:
                    self.assessments_about[kind, record_id].append(assessment)

    def _link_citations(self, data: Dataset) -> None:
        """The "cited by" relation: every record that cites a source, once per source."""
        citing: list[Any] = [record for kind in citing_kinds(nested=True) for record in data.records(kind.plural).values()]
        for record in citing:
            for source_id in sorted({c.source_id for c in record.citations()}):
                self.cited_by[source_id].append(record)

    def _index_dates(self, data: Dataset) -> None:
        """Date-sorted views for the "around" relations (records are stored in date order)."""
        self._incident_list = list(data.incidents.values())
        self._incident_dates = [i.date for i in self._incident_list]
        self._longest_days = max(((i.date_end - i.date).days for i in self._incident_list if i.date_end), default=0)
        self._milestone_list = list(data.milestones.values())
        self._milestone_dates = [m.date for m in self._milestone_list]

    def _sort(self) -> None:
        """Every derived list in its reading order, so pages do not depend on the data's order."""
        for regions in self.children.values():
            regions.sort(key=lambda r: (r.title.casefold(), r.id))
        buckets: list[list[Incident] | list[Milestone] | list[Incident | Milestone]] = [
            *self.incidents_in_region.values(), *self.milestones_in_region.values(),
            *self.agreement_milestones.values(), *self.agreement_incidents.values(),
            *self.incidents_claimed_by.values(), *self.silent_on.values(),
        ]
        for bucket in buckets:
            bucket.sort(key=_chronological)
        for authors in self.members.values():
            authors.sort(key=Author.order)
        for backlinks in self.clause_backlinks.values():
            backlinks.sort(key=lambda b: (b.record.kind, *_chronological(b.record)))
        for records in self.cited_by.values():
            records.sort(key=lambda r: (_KIND_ORDER[r.kind], *_chronological(r)))

    def assessments_of(self, record: Record) -> list[Assessment]:
        """The assessments about a record (incident, milestone, clause), in date order."""
        return self.assessments_about.get((record.kind, record.id), [])

    def corrections_of(self, record: Record) -> list[Correction]:
        """The corrections of one record, newest first (shown on its page)."""
        return self.corrections.get((record.kind, record.id), [])

    def ancestors(self, region_id: str) -> tuple[Region, ...]:
        """The chain of larger regions, nearest first (validation guarantees no cycle).
        Remembered: every page of every incident asks for its regions' chains."""
        chain = self._ancestors.get(region_id)
        if chain is None:
            links: list[Region] = []
            parent = self._data.regions[region_id].parent_id
            while parent:
                links.append(self._data.regions[parent])
                parent = self._data.regions[parent].parent_id
            chain = self._ancestors[region_id] = tuple(links)
        return chain

    def most_specific(self, region_ids: tuple[str, ...]) -> list[str]:
        """The listed regions that do not contain another listed region (Shusha, not Karabakh)."""
        found = self._most_specific.get(region_ids)
        if found is None:
            contained = {a.id for region_id in region_ids for a in self.ancestors(region_id)}
            found = self._most_specific[region_ids] = [r for r in region_ids if r not in contained]
        return list(found)

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
        first = bisect_left(self._milestone_dates, shift(incident.date, -AROUND_DAYS))
        last = bisect_right(self._milestone_dates, shift(incident.date_end or incident.date, AROUND_DAYS))
        return [m for m in self._milestone_list[first:last] if _near(incident, m)]

    def incidents_around(self, milestone: Milestone) -> list[Incident]:
        # An incident is near if it starts at most AROUND_DAYS after the milestone and ends at
        # most AROUND_DAYS before it; the longest incident bounds how early it can start.
        first = bisect_left(self._incident_dates, shift(milestone.date, -(AROUND_DAYS + self._longest_days)))
        last = bisect_right(self._incident_dates, shift(milestone.date, AROUND_DAYS))
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


#: Records of several kinds listed together ("cited by") come in the registry's order.
_KIND_ORDER = {kind.name: order for order, kind in enumerate(KINDS)}

