"""How values are written on a page: dates, languages, codes as words, paragraphs.

Pure functions of their arguments, registered as filters of the site's one Jinja
environment (:mod:`.environment`). Escaping is not done here: every template
autoescapes, and these functions return plain text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def date_text(day: dt.date | None, precision: str = "day", end: dt.date | None = None) -> str:
    """A date as readers write it, saying no more than the data knows.

    ``week`` and ``month`` precision never show a day that was not reported.
    """
    if day is None:
        return ""
    if precision == "month":
        return f"{MONTHS[day.month - 1]} {day.year}"
    text = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    if end and end != day:
        if (end.year, end.month) == (day.year, day.month):
            text = f"{day.day}–{end.day} {MONTHS[day.month - 1]} {day.year}"
        else:
            text = f"{text} – {date_text(end)}"
    return f"week of {text}" if precision == "week" else text


def iso_date(record: Any) -> str:
    """A record's date for sortable tables: ISO order, no more precise than the data."""
    if record.date_precision == "month":
        return str(record.date.strftime("%Y-%m"))
    text = record.date.isoformat()
    end = getattr(record, "date_end", None)
    if end and end != record.date:
        text += f" – {end.isoformat()}"
    return f"{text} (week)" if record.date_precision == "week" else str(text)


#: Names of the languages sources and place names commonly use here; other codes show as given.
LANGUAGES = {"en": "English", "az": "Azerbaijani", "hy": "Armenian", "ru": "Russian", "tr": "Turkish",
             "ka": "Georgian", "fa": "Persian", "fr": "French", "de": "German"}


def language(code: str, names: Mapping[str, str] | None = None) -> str:
    """``hy`` → ``Armenian`` (by ``names``, the ``languages`` option, or the defaults); an
    unknown code is shown as it is."""
    names = names or LANGUAGES
    return names.get(code, names.get(code.split("-")[0], code))


def words(code: str) -> str:
    """A data code shown as words: ``exchange-of-fire`` → ``exchange of fire``."""
    return str(code).replace("-", " ")


def paragraphs(text: str) -> list[str]:
    """Block text split at blank lines, white space inside each paragraph folded."""
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", str(text)) if p.strip()]


def one_line(text: str) -> str:
    """All white space folded to single spaces (titles, table cells)."""
    return " ".join(str(text).split())
