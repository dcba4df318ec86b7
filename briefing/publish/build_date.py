"""Repeatable builds: the site's build date comes from the data, not the clock.

MkDocs stamps the sitemap's ``lastmod`` (and the gzip header of ``sitemap.xml.gz``) with
the build time unless ``SOURCE_DATE_EPOCH`` is set (reproducible-builds.org). Two builds
of the same commit must be byte-identical, so when the caller has not set it, the hook
sets it to the data's own "as of" date: the most recent date in the data.
"""

from __future__ import annotations

import calendar
import os

from briefing.errors import BriefingError
from briefing.model.records import Dataset
from briefing.model.times import last_data_date

_ENV = "SOURCE_DATE_EPOCH"
_GZIP_LATEST = 2**32 - 1
_pinned: dict[str, str] = {}


class BuildDateError(BriefingError):
    """``SOURCE_DATE_EPOCH`` is set to something MkDocs cannot stamp the site with."""


def pin_build_date(data: Dataset) -> str | None:
    """Set ``SOURCE_DATE_EPOCH`` to midnight UTC of the data's last date, unless the
    caller set it. Re-pinned on every build (``mkdocs serve`` rebuilds in one process)
    so an edit to the data moves the date. Returns the value in force."""
    if os.environ.get(_ENV) and os.environ.get(_ENV) != _pinned.get(_ENV):
        given = os.environ[_ENV]  # set by the caller: theirs wins, if MkDocs can use it
        if not given.isdigit() or int(given) > _GZIP_LATEST:
            raise BuildDateError(f"SOURCE_DATE_EPOCH={given!r} is not a time MkDocs can stamp the site with: "
                                 f"give whole seconds since 1970 up to {_GZIP_LATEST} (2106), or unset it")
        return given
    day = last_data_date(data)
    if day is None:
        os.environ.pop(_ENV, None)
        _pinned.pop(_ENV, None)
        return None
    # gzip (sitemap.xml.gz) stores the time as 32 unsigned bits: 1970-01-01 to 2106-02-07
    value = str(min(max(calendar.timegm(day.timetuple()), 0), _GZIP_LATEST))
    os.environ[_ENV] = _pinned[_ENV] = value
    return value
