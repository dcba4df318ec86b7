"""An Atom feed (RFC 4287) of the records of every kind declared ``in_feed`` (incidents and
negotiation milestones), newest first.

Readers who follow the briefing subscribe to ``feed.xml``. Every date in it comes from
the data, never from the clock, so two builds of the same data give the same bytes:

* an entry is *published* on the day its record was first published on the site, and
  *updated* on the day of its last change, both from the data's git history or the
  record's ``record_dates`` (:mod:`briefing.model.record_dates`);
* a record without those dates (no history, no field) falls back to the date of its
  incident or milestone for *published*, and to the latest date the curators accessed
  one of its cited sources, or its own date if later, for *updated*.

Entry ids are ``urn:uuid:`` values derived from the record's kind and permanent id, so
they stay the same when the site moves to another address. Links are absolute when
``site_url`` is set, and relative to the feed (which sits at the site's root) otherwise,
as Atom allows; the relative form also works in the offline copy.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from typing import Protocol, cast

from feedgen.feed import FeedGenerator

from briefing.kinds import BY_NAME, KINDS
from briefing.model.record_dates import NO_DATES, Identified, SiteDates
from briefing.model.records import Citation, CitedText, Dataset

#: Where the feed is written in the site.
FEED_PATH = "feed.xml"

#: How many entries the feed carries (feed readers only need the recent ones).
MAX_ENTRIES = 100



class FeedRecord(Identified, Protocol):
    """What a record of a kind declared ``in_feed`` has (incidents, milestones)."""

    @property
    def title(self) -> str: ...
    @property
    def date(self) -> dt.date: ...
    @property
    def summary(self) -> CitedText: ...
    def citations(self) -> Iterator[Citation]: ...


_NAMESPACE = uuid.UUID("6f1d3d2e-0b7e-5d0c-9a55-6b1c1f0b2f11")


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def entry_id(record: FeedRecord) -> str:
    """A permanent Atom id for a record: the same for the same kind and id, forever."""
    return uuid.uuid5(_NAMESPACE, f"{record.kind}/{record.id}").urn


def updated(data: Dataset, record: FeedRecord, dates: SiteDates = NO_DATES) -> dt.date:
    """When the record last changed: its last change on the site, else its latest cited
    access date (sources not read in the original have none), or its own date, if later."""
    changed = dates.of(record).last_changed
    if changed is not None:
        return changed.day
    accessed = [a for c in record.citations() if (a := data.sources[c.source_id].accessed)]
    return max([record.date, *accessed])


def published(record: FeedRecord, dates: SiteDates = NO_DATES) -> dt.date:
    """When the record was first published on the site, else the date of its event."""
    first = dates.of(record).first_published
    return first.day if first is not None else record.date


def build_feed(data: Dataset, title: str, site_url: str | None, subtitle: str = "",
               dates: SiteDates = NO_DATES) -> bytes:
    """The Atom feed as UTF-8 bytes, or an empty feed document if there are no records."""
    base = (site_url.rstrip("/") + "/") if site_url else ""
    records = [cast(FeedRecord, record) for kind in KINDS if kind.in_feed
               for record in data.records(kind.plural).values()]
    records.sort(key=lambda r: (updated(data, r, dates), r.date, r.kind, r.id), reverse=True)
    records = records[:MAX_ENTRIES]

    feed = FeedGenerator()
    feed.id(uuid.uuid5(_NAMESPACE, f"feed/{title}").urn)
    feed.title(title)
    if subtitle:
        feed.subtitle(subtitle)
    feed.link(href=base + "index.html", rel="alternate", type="text/html")
    if base:
        feed.link(href=base + FEED_PATH, rel="self", type="application/atom+xml")
    feed.language("en")
    latest = max((updated(data, r, dates) for r in records), default=None)
    feed.updated(_midnight(latest) if latest else dt.datetime(1970, 1, 1, tzinfo=dt.UTC))
    feed.author({"name": title})
    # feedgen adds entries at the top: add oldest first so the newest comes first in the file.
    for record in reversed(records):
        entry = feed.add_entry()
        entry.id(entry_id(record))
        kind = BY_NAME[record.kind]
        entry.title(f"{kind.one}: {record.title}")
        entry.link(href=base + kind.page_path(record.id), rel="alternate", type="text/html")
        entry.published(_midnight(published(record, dates)))
        entry.updated(_midnight(updated(data, record, dates)))
        entry.summary(record.summary.text, type="text")
        entry.category(term=record.kind)
    return bytes(feed.atom_str(pretty=True))
