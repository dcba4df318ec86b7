"""Moments in the data that several stages need: an account's clock times in UTC (the
pages' comparison and the claims export) and the data's own latest date (the exports,
the printed pages' "as of" and the build date)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from briefing.model.records import Claim, Dataset


def utc_times(claim: Claim, day: dt.date) -> list[tuple[dt.datetime, dt.datetime | None]] | None:
    """The claim's clock times in UTC, or ``None`` when the zone is not known (never guessed)."""
    if not claim.times or claim.time_zone is None or not claim.time_zone.known:
        return None
    zone = ZoneInfo(claim.time_zone.zone)
    day = claim.event_date or day
    converted = []
    for time in claim.times:
        def at(text: str) -> dt.datetime:
            hours, minutes = (int(p) for p in text.split(":"))
            return dt.datetime(day.year, day.month, day.day, hours, minutes, tzinfo=zone).astimezone(dt.UTC)
        converted.append((at(time.start), at(time.end) if time.end else None))
    return converted


def latest_event(data: Dataset) -> dt.date | None:
    """The day of the latest event the data records (an incident's end or day, a
    milestone): the home page says it, and the data cannot have been updated before it."""
    events = [*(i.date_end or i.date for i in data.incidents.values()), *(m.date for m in data.milestones.values())]
    return max(events, default=None)


def last_data_date(data: Dataset) -> dt.date | None:
    """The most recent date anywhere in the data (a publication, access, event or removal):
    the data's own "as of" date, used instead of the build time so builds are repeatable."""
    dates: list[dt.date] = [s.accessed for s in data.sources.values() if s.accessed]
    dates += [s.searched.date for s in data.sources.values() if s.searched]
    dates += [d for s in data.sources.values() if (d := s.published_day)]
    dates += [i.date_end or i.date for i in data.incidents.values()]
    dates += [m.date for m in data.milestones.values()]
    dates += [r.removed for r in data.removed]
    return max(dates) if dates else None
