"""Each record's publication dates: first published, last changed, and the data's last update.

Record pages, "cite this record", the feed and the sitemap all read the dates made here,
from two places:

* the data's git history (:mod:`briefing.load.git_history`): the day the record was
  first committed to the branch the site is built from, and the day of its latest
  change (a record renamed with ``previous_ids`` keeps the history of its earlier ids);
* the record's own ``record_dates`` field (``{first_published: YYYY-MM-DD,
  last_changed: YYYY-MM-DD}``), the fallback for builds without history (a tarball, a
  folder copied out of the repository). A ``first_published`` earlier than the history
  also wins: the record was published before it came into this repository.

Dates from history are bounded (:func:`briefing.load.git_history.read_history` holds
every commit at the clock's day and at the day of the commit before it): a record whose
history says it was published before the day of what it records (an incident before it
happened, a source's record before the source) has no dates from history, only its
field's; and the data's last update is never before the latest event the data records
(up to today), whatever the commits say.

A date is never guessed. In a shallow clone a record first seen in its oldest commit was
published *on or before* that day, and the page says so (``on_or_before``) unless the
record's field gives the day; a change not committed yet is "not committed yet"; a
record with neither history nor field has no date, and its page says that.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Protocol

from briefing.kinds import BY_NAME, KINDS
from briefing.load.git_history import DataHistory, RecordHistory, Touch
from briefing.model.records import Assessment, Dataset, Record, Source, partial_date
from briefing.model.times import latest_event


class Identified(Protocol):
    """A record of any kind, as far as dates need it: its kind and id."""

    @property
    def kind(self) -> str: ...
    @property
    def id(self) -> str: ...


@dataclass(frozen=True, slots=True)
class Day:
    """A publication date, exact or known only as a latest possible day."""

    day: dt.date
    #: True when the history says only that it was on or before ``day`` (a shallow clone).
    on_or_before: bool = False


@dataclass(frozen=True, slots=True)
class RecordDates:
    """When a record was first published and last changed, and how the dates are known."""

    first_published: Day | None = None
    last_changed: Day | None = None
    #: Changed in the working tree since the last commit (a preview build).
    uncommitted: bool = False
    #: Where the dates come from: ``git``, ``data`` (the record's field) or ``none``.
    origin: str = "none"

    @property
    def version(self) -> Day | None:
        """The version a citation refers to: the last change, else the first publication."""
        return self.last_changed or self.first_published


@dataclass(frozen=True, slots=True)
class SiteDates:
    """The dates of every record, by ``(kind, id)``, and of the data as a whole."""

    records: Mapping[tuple[str, str], RecordDates]
    #: The latest change to the data (any record, added, changed or removed).
    data_updated: Day | None = None
    #: The data has changes that are not committed yet (a preview build).
    uncommitted: bool = False
    #: Where the dates come from, in words (shown on the methodology of dates).
    origin: str = "none"

    def of(self, record: Record | Identified) -> RecordDates:
        return self.records.get((record.kind, record.id), _NONE)


_NONE = RecordDates()
NO_DATES = SiteDates(MappingProxyType({}))


def _merged(histories: list[RecordHistory]) -> RecordHistory | None:
    firsts = [h.first for h in histories if h.first]
    lasts = [h.last for h in histories if h.last]
    if not firsts and not any(h.uncommitted for h in histories):
        return None
    return RecordHistory(
        first=min(firsts, key=lambda t: t.day) if firsts else None,
        last=max(lasts, key=lambda t: t.day) if lasts else None,
        uncommitted=any(h.uncommitted for h in histories),
    )


def _day(touch: Touch | None, field_day: dt.date | None) -> Day | None:
    """A day from history; at a shallow clone's boundary, the field's day if it fits."""
    if touch is None:
        return Day(field_day) if field_day else None
    if touch.boundary:
        if field_day is not None and field_day <= touch.day:
            return Day(field_day)
        return Day(touch.day, on_or_before=True)
    return Day(touch.day)


def dates_of(record: Record, stem: str, history: DataHistory) -> RecordDates:
    """The dates of one record, from its history in data file ``stem`` and its field."""
    field = record.record_dates
    first_field = field.first_published if field else None
    last_field = (field.last_changed or field.first_published) if field else None
    found = [h for i in (record.id, *record.previous_ids) if (h := history.of(stem, i)) is not None]
    merged = _merged(found) if stem in history.files else None
    own = own_day(record)
    if merged is not None and merged.first is not None and own is not None and merged.first.day < own:
        merged = None  # "published" before what it records: the commit's date is not believable
    if merged is None:
        if first_field is None:
            return _NONE
        return RecordDates(Day(first_field), Day(last_field or first_field), origin="data")
    first = _day(merged.first, first_field)
    if first is not None and first_field is not None and first_field < first.day:
        first = Day(first_field)  # published before it came into this repository
    last = _day(merged.last, last_field)
    return RecordDates(first, last, uncommitted=merged.uncommitted, origin="git")


def own_day(record: Record) -> dt.date | None:
    """The day of what the record records (an event, a signing, a source's publication):
    the record cannot have been published before it. ``None`` for a record of no date."""
    if isinstance(record, Source | Assessment):
        return partial_date(record.published) if record.published else None
    day = getattr(record, "date", None)
    return day if isinstance(day, dt.date) else None


def site_dates(data: Dataset, history: DataHistory) -> SiteDates:
    """The dates of every record of ``data``, from ``history`` and the records' fields."""
    records: dict[tuple[str, str], RecordDates] = {}
    for kind in KINDS:
        stem = kind.data_file or BY_NAME[kind.nested_in or kind.name].plural
        for record in data.records(kind.plural).values():
            records[kind.name, record.id] = dates_of(record, stem, history)
    if history.last_commit is not None:
        touch = history.last_commit
        updated: Day | None = Day(touch.day, on_or_before=touch.boundary)
        latest = latest_event(data)
        if latest is not None and latest > touch.day:  # the data records a later event than its last commit
            updated = Day(min(latest, dt.datetime.now(dt.UTC).date()))
        origin = "git"
    else:
        days = [d.last_changed.day for d in records.values() if d.last_changed]
        updated = Day(max(days)) if days else None
        origin = "data" if days else "none"
    return SiteDates(MappingProxyType(records), updated, history.uncommitted, origin)
