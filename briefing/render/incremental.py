"""Planning again only the pages an edit can change (``mkdocs serve --dirty``).

A :class:`Planner` lives as long as the MkDocs process. The first plan is a full one
(:meth:`SitePlan.groups`); it remembers every page's context and, for every record page,
which records its context shows (a reverse index, :func:`shown`). The next plan compares
the dataset with the previous one by identity (the model reuses an unchanged record's
object, :class:`briefing.model.build.RecordCache`) and plans again only:

* the pages that showed a changed or deleted record (the reverse index);
* the pages a changed or new record is shown on now (its own page; its regions and their
  ancestors with their year pages; the parties it names; its clauses and their
  agreements; the milestones around it; the sources it cites; for a source, its
  publisher's and authors' pages, its publisher's party and the source it is known
  through);
* the list pages and the site-wide pages (home, chronology, corrections...), every time.

Every other page keeps the context it had: the same objects, so it renders to the same
bytes. Anything whose effect is not local sends the planner back to a full plan: a change
to any kind other than incidents and sources, a source added or deleted, an incident that
moved on the map (maps frame the data's extent and show the incidents near each other),
different options or site-wide dates. The tests compare every incremental plan they make
with a full one (``tests/test_preview.py``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import msgspec

from briefing.kinds import KINDS
from briefing.model.records import Incident, Source
from briefing.render.contexts import PageContext
from briefing.render.page import record_path
from briefing.render.plan import Group, SitePlan

RecordKey = tuple[str, str]

#: The kinds whose records an incremental plan follows; a change to any other kind plans every page.
LOCAL_KINDS = ("incidents", "sources")


@dataclass
class Plan:
    """One build's pages, with the paths planned for it (``None``: every page)."""

    pages: dict[str, PageContext]
    planned: frozenset[str] | None


@dataclass
class _Memory:
    plan: SitePlan
    groups: dict[str, Group]
    frame: Hashable
    #: Records shown on each record page's group (list and site-wide pages are always planned).
    refs: dict[str, frozenset[RecordKey]] = field(default_factory=dict)
    shown_on: dict[RecordKey, set[str]] = field(default_factory=dict)

    def index(self, path: str, refs: frozenset[RecordKey]) -> None:
        for key in self.refs.get(path, ()):
            self.shown_on[key].discard(path)
        self.refs[path] = refs
        for key in refs:
            self.shown_on.setdefault(key, set()).add(path)

    def forget(self, path: str) -> None:
        for key in self.refs.pop(path, ()):
            self.shown_on[key].discard(path)


class Planner:
    """Plans every page once, then only the pages each edit can change."""

    def __init__(self) -> None:
        self._memory: _Memory | None = None

    def plan(self, plan: SitePlan) -> Plan:
        memory = self._memory
        frame = _frame(plan)
        touched = None if memory is None or memory.frame != frame else _touched(memory.plan, plan)
        if memory is None or touched is None:
            groups = plan.groups()
            memory = self._memory = _Memory(plan, groups, frame)
            for path, group in groups.items():
                if path not in _always(plan):
                    memory.index(path, shown(group[0][1]))
            return Plan(_flat(groups), None)
        wanted = _always(plan) | touched
        for key in _changed_keys(memory.plan, plan):
            wanted |= memory.shown_on.get(key, set())
        groups = plan.groups(lambda path: None if path in wanted else memory.groups.get(path))
        planned = {path for path in groups if path in wanted or path not in memory.groups}
        for path in set(memory.groups) - set(groups):
            memory.forget(path)
        for path in planned - _always(plan):
            memory.index(path, shown(groups[path][0][1]))
        memory.plan, memory.groups = plan, groups
        return Plan(_flat(groups), frozenset(p for path in planned for p, _context in groups[path]))


def _flat(groups: Mapping[str, Group]) -> dict[str, PageContext]:
    return {path: context for group in groups.values() for path, context in group}


def _always(plan: SitePlan) -> frozenset[str]:
    """The list pages and the site-wide pages: planned every time."""
    return frozenset({*(kind.index_path for kind in KINDS), *(path for path, _ in plan.global_specs()), "index.html"})


def _frame(plan: SitePlan) -> Hashable:
    """What every page may depend on besides its records: a change plans every page."""
    dates = plan.dates
    return (plan.site_name, plan.site_url, plan.rows_per_part, plan.home, plan.visuals.atlas.settings,
            tuple(plan.languages.items()), dates.data_updated, dates.uncommitted, dates.origin)


def _diff(old: Mapping[str, Any], new: Mapping[str, Any]) -> tuple[set[str], set[str], set[str]]:
    """Ids changed, added and deleted between two mappings of records (by identity)."""
    changed = {key for key, record in new.items() if key in old and old[key] is not record}
    return changed, set(new) - set(old), set(old) - set(new)


def _changed_keys(old: SitePlan, new: SitePlan) -> set[RecordKey]:
    keys: set[RecordKey] = set()
    for plural in LOCAL_KINDS:
        changed, _added, deleted = _diff(old.data.records(plural), new.data.records(plural))
        keys.update((BY_NAME_PLURAL[plural], i) for i in changed | deleted)
    return keys


BY_NAME_PLURAL = {kind.plural: kind.name for kind in KINDS}


def _touched(old: SitePlan, new: SitePlan) -> set[str] | None:
    """The pages the changed, new and deleted records are shown on, before and after the
    edit (besides the reverse index); ``None`` when only a full plan will do."""
    for kind in KINDS:
        if kind.plural not in LOCAL_KINDS and any(_diff(old.data.records(kind.plural), new.data.records(kind.plural))):
            return None
    if not _same_dates(old, new):
        return None
    pages: set[str] = set()
    changed, added, deleted = _diff(old.data.incidents, new.data.incidents)
    for incident_id in changed | added | deleted:
        before, after = old.data.incidents.get(incident_id), new.data.incidents.get(incident_id)
        if _place(old, before) != _place(new, after):
            return None  # maps frame the data's extent and show the incidents near each other
        if before is not None:
            pages |= _incident_pages(before, old)
        if after is not None:
            pages |= _incident_pages(after, new)
        if before is None or after is None or _cited(before) != _cited(after):
            for plan, incident in ((old, before), (new, after)):
                for source_id in _cited(incident) if incident else ():
                    pages |= _source_row_pages(plan.data.sources[source_id], plan)
    changed, added, deleted = _diff(old.data.sources, new.data.sources)
    if added or deleted:
        return None
    for source_id in changed:
        pages |= _source_pages(old.data.sources[source_id], old) | _source_pages(new.data.sources[source_id], new)
    return pages


def _same_dates(old: SitePlan, new: SitePlan) -> bool:
    """Site-wide dates are in the frame; a record's own dates show only on its page, so
    they may differ only for records that changed."""
    before, after = old.dates.records, new.dates.records
    if before is after or before == after:
        return True
    allowed = {(BY_NAME_PLURAL[plural], i) for plural in LOCAL_KINDS
               for group in _diff(old.data.records(plural), new.data.records(plural)) for i in group}
    return all(before.get(key) == after.get(key) for key in set(before) | set(after) if key not in allowed)


def _place(plan: SitePlan, incident: Incident | None) -> Hashable:
    if incident is None:
        return None
    place = plan.visuals.atlas.places.get(incident.id)
    return None if place is None else (place.lat, place.lon, place.precision)


def _cited(incident: Incident) -> Counter[str]:
    return Counter(c.source_id for c in incident.citations())


def _incident_pages(incident: Incident, plan: SitePlan) -> set[str]:
    data, links = plan.data, plan.links
    pages = {record_path(incident)}
    regions = {r for region_id in incident.region_ids
               for r in (region_id, *(a.id for a in links.ancestors(region_id)))}
    for region_id in regions:
        region = data.regions[region_id]
        pages.add(record_path(region))
        pages.update(f"filters/{region_id}-{year}.html" for year in plan.visuals.region_years(region))
    parties = {s.party_id for s in incident.silent} | {c.party_id for c in incident.casualties}
    for claim in incident.claims:
        parties |= {claim.party_id, *claim.blames, *(c.party_id for c in claim.casualties)}
    pages.update(record_path(data.parties[p]) for p in parties)
    for link in incident.clause_links:
        clause = data.clauses[link.clause_id]
        pages |= {record_path(clause), record_path(data.agreements[clause.agreement_id])}
    pages.update(record_path(m) for m in links.milestones_around(incident))
    pages.update(record_path(data.sources[s]) for s in _cited(incident))
    pages.update(record_path(a) for a in links.assessments_of(incident))
    return pages


def _source_row_pages(source: Source, plan: SitePlan) -> set[str]:
    """The pages listing ``source`` as a row with its citation count (besides the list pages)."""
    data = plan.data
    authors = set(source.named_author_ids)
    pages = {record_path(data.authors[a]) for a in authors}
    party = data.authors[source.publisher_id].affiliation.party_id
    if party:
        pages.add(record_path(data.parties[party]))
    return pages


def _source_pages(source: Source, plan: SitePlan) -> set[str]:
    pages = {record_path(source)} | _source_row_pages(source, plan)
    if source.via:
        pages.add(record_path(plan.data.sources[source.via.source_id]))
    return pages


def shown(context: Any) -> frozenset[RecordKey]:
    """Every record a page's context holds, anywhere in it, as ``(kind, id)``."""
    return _Shown().walk(context)


class _Shown:
    def __init__(self) -> None:
        self.seen: dict[int, frozenset[RecordKey]] = {}

    def walk(self, value: Any) -> frozenset[RecordKey]:
        if isinstance(value, (str, int, float, type(None), dt.date)):
            return frozenset()
        known = self.seen.get(id(value))
        if known is None:
            known = self.seen[id(value)] = frozenset(self._walk(value))
        return known

    def _walk(self, value: Any) -> Iterable[RecordKey]:
        if isinstance(value, msgspec.Struct):
            kind = getattr(value, "kind", None)
            if kind and hasattr(value, "id"):
                return {(kind, value.id)}
            return _union(self.walk(getattr(value, f)) for f in value.__struct_fields__)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return _union(self.walk(getattr(value, f.name)) for f in dataclasses.fields(value))
        if isinstance(value, Mapping):
            return _union(self.walk(v) for v in value.values())
        if isinstance(value, (list, tuple, set, frozenset)):
            return _union(self.walk(v) for v in value)
        return ()


def _union(parts: Iterable[frozenset[RecordKey]]) -> set[RecordKey]:
    found: set[RecordKey] = set()
    for part in parts:
        found |= part
    return found
