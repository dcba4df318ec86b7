"""The data's "as of" date for printed pages, as a generated stylesheet.

Every printed page ends with its own address and the date of the data
(``overrides/main.html``, ``.briefing-print-meta``). The date is the latest date in the
data (:func:`briefing.model.times.last_data_date`), so it changes with almost every
edit; written into each page it would make every page differ after any edit, and the
preview (``mkdocs serve --dirty``) could no longer rewrite only the pages an edit
touches. So it lives in one small stylesheet the build writes, which the print layout
reads (``content:``), and the pages stay as they are.
"""

from __future__ import annotations

from briefing.model.records import Dataset
from briefing.model.times import last_data_date

#: Where the stylesheet is written (listed under ``extra_css`` in ``mkdocs.yml``).
PATH = "assets/data-date.css"


def as_of_stylesheet(data: Dataset) -> str:
    day = last_data_date(data)
    text = f"Data as of {day.isoformat()}." if day else "The data has no dates yet."
    return ("/* Written by the build (briefing/publish/as_of.py): the data's \"as of\" date, printed at\n"
            "   the foot of every page. */\n"
            f'.briefing-print-meta::after {{ content: " {text}"; }}\n')
