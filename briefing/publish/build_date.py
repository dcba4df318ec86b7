"""Repeatable builds: the site's build date comes from the data, not the clock.

MkDocs stamps the sitemap's ``lastmod`` (and the gzip header of ``sitemap.xml.gz``) with
the build time unless ``SOURCE_DATE_EPOCH`` is set (reproducible-builds.org). Two builds
of the same commit must be byte-identical, so when the caller has not set it, the hook
sets it to the data's own "as of" date: the most recent date in the data.
"""

from __future__ import annotations

import calendar
import os

from briefing.model.records import Dataset
from briefing.publish.exports import last_data_date

_ENV = "SOURCE_DATE_EPOCH"
_pinned: dict[str, str] = {}


def pin_build_date(data: Dataset) -> str | None:
    """Set ``SOURCE_DATE_EPOCH`` to midnight UTC of the data's last date, unless the
    caller set it. Re-pinned on every build (``mkdocs serve`` rebuilds in one process)
    so an edit to the data moves the date. Returns the value in force."""
    if os.environ.get(_ENV) and os.environ.get(_ENV) != _pinned.get(_ENV):
        return os.environ[_ENV]  # set by the caller: theirs wins
    day = last_data_date(data)
    if day is None:
        os.environ.pop(_ENV, None)
        _pinned.pop(_ENV, None)
        return None
    value = str(calendar.timegm(day.timetuple()))
    os.environ[_ENV] = _pinned[_ENV] = value
    return value
