"""The briefing's declared scope and the data's coverage, in words a reader cannot misread.

The scope is declared in ``mkdocs.yml`` (``extra: briefing: scope:``: the period, the
area, what the data is curated from); the coverage is computed from the data: the first
and last day of a recorded incident. The two differ whenever the curation is not finished,
and every page that speaks of a period (the home page's first screen and headings, the
about page, the feed, the exports' metadata) says both, from :func:`scope_and_coverage`.

:func:`named_periods` finds the periods a text names ("July 2021", "6–15 July 2021",
"15 July 2021"), so that ``check`` can warn when a site text or heading names a period the
data does not cover (:mod:`briefing.review.site_texts`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from briefing.model.records import Dataset

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
_MONTH = "(" + "|".join(MONTHS) + ")"
_DASH = r"\s*[–—-]\s*"


@dataclass(frozen=True, slots=True)
class DeclaredScope:
    """``extra: briefing: scope:`` as validated: every part optional."""

    start: dt.date | None = None
    end: dt.date | None = None
    area: str | None = None
    curated_from: str | None = None


@dataclass(frozen=True, slots=True)
class ScopeWords:
    """The scope and the coverage as dates and as words, for templates and metadata."""

    declared_start: dt.date | None
    declared_end: dt.date | None
    #: ``1–31 July 2021``, or ``None`` when no period is declared.
    declared_period: str | None
    area: str | None
    curated_from: str | None
    #: The first and last day of a recorded incident (``None`` without incidents).
    coverage_start: dt.date | None
    coverage_end: dt.date | None
    #: ``6–15 July 2021``, or ``None`` without incidents.
    coverage_period: str | None
    incidents: int
    #: Events a source reports that are recorded as known gaps, not yet curated.
    known_gaps: int

    @property
    def short_of_scope(self) -> bool:
        """True when the incidents recorded stop before, or start after, the declared period."""
        if self.coverage_start is None:
            return self.declared_start is not None
        return bool((self.declared_start and self.coverage_start > self.declared_start)
                    or (self.declared_end and self.coverage_end and self.coverage_end < self.declared_end))

    @property
    def scope_sentence(self) -> str:
        """``Scope: armed incidents ..., 1–31 July 2021; curated from ...``."""
        parts = [p for p in (self.area, self.declared_period) if p]
        text = "Scope: " + (", ".join(parts) if parts else "not declared")
        if self.curated_from:
            text += f"; curated from {self.curated_from}"
        return text + "."

    @property
    def coverage_sentence(self) -> str:
        """``The data covers 6–15 July 2021: 7 incidents reported in the sources curated so far.``"""
        if self.coverage_period is None:
            text = "No incident is recorded yet."
        else:
            noun = "incident" if self.incidents == 1 else "incidents"
            only = (f" only, not all of {self.declared_period}"
                    if self.short_of_scope and self.declared_period else "")
            text = (f"The data covers {self.coverage_period}{only}: {self.incidents} {noun} reported in "
                    "the sources curated so far.")
        if self.known_gaps:
            events = "event" if self.known_gaps == 1 else "events"
            text += f" {self.known_gaps} more reported {events} {'is' if self.known_gaps == 1 else 'are'} not yet curated."
        return text

    @property
    def text(self) -> str:
        """Both sentences: for the feed's subtitle and the exports' metadata."""
        return f"{self.scope_sentence} {self.coverage_sentence}"

    def as_json(self) -> dict[str, object]:
        """The scope and coverage as data (``briefing.json``, ``datapackage.json``)."""
        def iso(day: dt.date | None) -> str | None:
            return day.isoformat() if day else None
        return {
            "declared": {"start": iso(self.declared_start), "end": iso(self.declared_end), "area": self.area,
                         "curated_from": self.curated_from},
            "coverage": {"start": iso(self.coverage_start), "end": iso(self.coverage_end),
                         "incidents": self.incidents, "known_gaps": self.known_gaps},
            "text": self.text,
        }


def period_words(start: dt.date, end: dt.date) -> str:
    """``6–15 July 2021``; ``30 June – 15 July 2021``; ``6 July 2021`` for one day."""
    if start == end:
        return f"{start.day} {MONTHS[start.month - 1]} {start.year}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {MONTHS[end.month - 1]} {end.year}"
    if start.year == end.year:
        return f"{start.day} {MONTHS[start.month - 1]} – {end.day} {MONTHS[end.month - 1]} {end.year}"
    return f"{period_words(start, start)} – {period_words(end, end)}"


def coverage(data: Dataset) -> tuple[dt.date, dt.date] | None:
    """The first and last day of a recorded incident (a month-precise date covers its month)."""
    if not data.incidents:
        return None
    starts, ends = [], []
    for incident in data.incidents.values():
        starts.append(incident.date)
        end = incident.date_end or incident.date
        if incident.date_precision == "month":
            end = end.replace(day=calendar.monthrange(end.year, end.month)[1])
        ends.append(end)
    return min(starts), max(ends)


def scope_and_coverage(declared: DeclaredScope, data: Dataset) -> ScopeWords:
    """The one source of the scope and coverage wording on every page and export."""
    covered = coverage(data)
    period = (period_words(declared.start, declared.end) if declared.start and declared.end else None)
    return ScopeWords(
        declared_start=declared.start, declared_end=declared.end, declared_period=period,
        area=declared.area, curated_from=declared.curated_from,
        coverage_start=covered[0] if covered else None, coverage_end=covered[1] if covered else None,
        coverage_period=period_words(*covered) if covered else None,
        incidents=len(data.incidents), known_gaps=len(getattr(data, "gaps", {}) or {}),
    )


@dataclass(frozen=True, slots=True)
class NamedPeriod:
    """A period a text names: the words, where they start in the text, and the days they span."""

    words: str
    offset: int
    start: dt.date
    end: dt.date


_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"\b(\d{{1,2}}) {_MONTH}{_DASH}(\d{{1,2}}) {_MONTH},? (\d{{4}})\b"), "dmdmy"),
    (re.compile(rf"\b(\d{{1,2}}){_DASH}(\d{{1,2}}) {_MONTH},? (\d{{4}})\b"), "ddmy"),
    (re.compile(rf"\b(\d{{1,2}}) {_MONTH},? (\d{{4}})\b"), "dmy"),
    (re.compile(rf"\b{_MONTH} (\d{{1,2}}),? (\d{{4}})\b"), "mdy"),
    (re.compile(rf"\b{_MONTH},? (\d{{4}})\b"), "my"),
)


def _days(form: str, groups: tuple[str, ...]) -> tuple[dt.date, dt.date]:
    month = {name: i + 1 for i, name in enumerate(MONTHS)}
    if form == "dmdmy":
        d1, m1, d2, m2, y = groups
        return dt.date(int(y), month[m1], int(d1)), dt.date(int(y), month[m2], int(d2))
    if form == "ddmy":
        d1, d2, m, y = groups
        return dt.date(int(y), month[m], int(d1)), dt.date(int(y), month[m], int(d2))
    if form == "dmy":
        d, m, y = groups
        return (day := dt.date(int(y), month[m], int(d))), day
    if form == "mdy":
        m, d, y = groups
        return (day := dt.date(int(y), month[m], int(d))), day
    m, y = groups
    first = dt.date(int(y), month[m], 1)
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


def named_periods(text: str) -> Iterator[NamedPeriod]:
    """Every period ``text`` names, the most precise reading of each span first."""
    taken: list[tuple[int, int]] = []
    found = []
    for pattern, form in _PATTERNS:
        for match in pattern.finditer(text):
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            taken.append(match.span())
            try:
                start, end = _days(form, match.groups())
            except ValueError:  # "31 June 2021" is no day: not a period (nor is its "June 2021")
                continue
            found.append(NamedPeriod(match.group(0), match.start(), start, end))
    yield from sorted(found, key=lambda p: p.offset)
