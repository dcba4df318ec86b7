"""Timeline charts drawn at build time as inline SVG, with the same facts as a table.

A chart counts incidents per day (per week, month, quarter or year over longer spans, at
most about 130 bars, or when some dates are known only to the week or month), stacked
by area (the region just below the country level), under a lane for the negotiation
track: milestones (diamonds) and agreements (squares, with a dashed line down through
the bars), each labelled with its date and a short title, the labels stacked in rows so
that none overlaps another. The chronology's chart (and the home page's) spans every
dated record, incidents, milestones and agreements alike; a region's or a clause's
chart spans its incidents and milestones, and names an agreement outside that span at
the edge with an arrow.

Series differ by pattern as well as colour (solid, stripes, dots, hatching ...), and the
track by shape, so colour is never the only cue.

Drawn with a Jinja SVG template rather than a plotting library: the charts are simple
bar charts, must follow the site's light/dark scheme (``currentColor``), must be
byte-identical across builds, and thousands of small per-region charts must stay cheap
(matplotlib costs tens of milliseconds per figure). Colours are the Okabe-Ito palette,
distinguishable with colour-vision deficiencies; every series is also named in the
legend and the table.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from briefing.model.links import Links
from briefing.model.records import Agreement, Dataset, Incident, Milestone

PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")
OTHER_COLOUR = "#999999"
#: The fill pattern of each series, in order (drawn by ``svg/timeline.svg.j2``).
PATTERNS = ("solid", "stripes", "dots", "hatch", "cross", "bars", "solid")
#: Milestone and agreement labels are never cut: they wrap at this many characters a line.
TRACK_LABEL_CHARS = 30
#: Series names are shortened to this many characters in the chart's legend (the table has them in full).
LEGEND_CHARS = 80
MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
#: Font size of chart text in SVG units, and the average glyph width as a share of it.
FONT = 12.0
GLYPH = 0.56
#: Series beyond this many areas are counted together as "other areas".
MAX_SERIES = 5


@dataclass(frozen=True, slots=True)
class Period:
    start: dt.date
    label: str
    counts: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    colour: str
    total: int
    pattern: str = "solid"


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart's facts (for the table) and its drawing (for the picture)."""

    unit: str
    series: tuple[Series, ...]
    periods: tuple[Period, ...]
    milestones: tuple[Milestone, ...]
    agreements: tuple[Agreement, ...]
    #: What the picture draws (``svg/timeline.svg.j2``), already laid out.
    drawing: dict[str, Any]
    small: bool = False
    #: The chronology's context: milestones and agreements before and after the incidents'
    #: period, which the chart is focused on (named at its edges, listed under it).
    before: tuple[Milestone | Agreement, ...] = ()
    after: tuple[Milestone | Agreement, ...] = ()

    @property
    def mark_limit(self) -> int:
        """Up to this many milestones, the chart's table lists each one."""
        return MAX_MARKS

    @property
    def busy_periods(self) -> list[Period]:
        return [p for p in self.periods if p.total]


_UNITS = ("day", "week", "month", "quarter", "year")
#: A chart has at most about this many bars per series: a span of decades is charted per
#: quarter or year, so that the chronology page does not grow with the years it covers.
MAX_PERIODS = 130
#: Above this many milestones in a chart, they are marked one diamond per period (with
#: their count) and the chart's table counts them instead of listing each: the pages that
#: list milestones (the chronology, the milestone index) already do.
MAX_MARKS = 60


def _unit(first: dt.date, last: dt.date) -> str:
    span = (last - first).days
    if span <= 92:
        return "day"
    if span <= 2 * 366:
        return "week"
    for unit, days in (("month", 31), ("quarter", 92)):
        if span <= (MAX_PERIODS - 2) * days:
            return unit
    return "year"


def _period_start(day: dt.date, unit: str) -> dt.date:
    if unit == "week":
        return day - dt.timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    if unit == "quarter":
        return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
    if unit == "year":
        return day.replace(month=1, day=1)
    return day


def _next(day: dt.date, unit: str) -> dt.date:
    if unit in ("month", "quarter"):
        for _ in range(3 if unit == "quarter" else 1):
            day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return day
    if unit == "year":
        return day.replace(year=day.year + 1)
    return day + dt.timedelta(days=7 if unit == "week" else 1)


def _label(day: dt.date, unit: str) -> str:
    if unit == "month":
        return day.strftime("%Y-%m")
    if unit == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    if unit == "year":
        return str(day.year)
    return f"week of {day.isoformat()}" if unit == "week" else day.isoformat()


def _nice_max(value: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if value <= step * 4:
            return step * (-(-value // step) if value else 1)
    return value


class Timelines:
    """Charts for the chronology, and small ones for region and clause pages."""

    def __init__(self, data: Dataset, links: Links) -> None:
        self.data = data
        self.links = links
        self._areas: dict[str, str] = {}

    def area_of(self, incident: Incident) -> str:
        """The area an incident is counted under: the region just below the country (or
        the country itself), named as the sides name it."""
        region_id = self.links.most_specific(incident.region_ids)[0]
        area = self._areas.get(region_id)
        if area is None:
            chain = [self.data.regions[region_id], *self.links.ancestors(region_id)]
            area = self._areas[region_id] = chain[-2].title if len(chain) > 1 else chain[-1].title
        return area

    def chart(self, incidents: Sequence[Incident], *, title: str, small: bool = False,
              milestones: Iterable[Milestone] | None = None, whole: bool = False) -> Chart | None:
        """The chart of ``incidents`` (None when there is nothing to chart).

        ``whole``: the chronology: focused on the incidents' period, with the negotiation
        track's records before and after it as context at its edges (every dated record
        when there is no incident); otherwise the incidents and the given milestones."""
        chosen = tuple(self.data.milestones.values() if milestones is None else milestones)
        agreements = tuple(self.data.agreements.values())
        dates = [i.date for i in incidents] + [i.date_end for i in incidents if i.date_end]
        # Milestones chosen for this chart (a region's) widen its span; the others are
        # marked where they fall in it.
        if milestones is not None or (whole and not incidents):
            dates += [m.date for m in chosen]
        if whole and not incidents:
            dates += [a.date for a in agreements]
        if not incidents and not (whole and dates):
            return None
        first, last = min(dates), max(dates)
        # Never finer than the least precise date charted: an incident known only to the
        # month is not drawn on a day it may not have happened.
        unit = max([_unit(first, last), *(i.date_precision for i in incidents)], key=_UNITS.index)
        areas = Counter(self.area_of(i) for i in incidents)
        ranked = sorted(areas, key=lambda name: (-areas[name], name.casefold()))
        named = ranked if len(ranked) <= MAX_SERIES + 1 else ranked[:MAX_SERIES]
        series = [Series(name, PALETTE[n], areas[name], PATTERNS[n]) for n, name in enumerate(named)]
        rest = sum(areas[name] for name in ranked[len(named):])
        if rest:
            # the next pattern after the named series', so "other areas" never shares the first's
            series.append(Series("other areas", OTHER_COLOUR, rest, PATTERNS[len(named)]))
        index = {s.name: n for n, s in enumerate(series)}
        buckets: dict[dt.date, list[int]] = {}
        day = _period_start(first, unit)
        while day <= last:
            buckets[day] = [0] * len(series)
            day = _next(day, unit)
        for incident in incidents:
            name = self.area_of(incident)
            buckets[_period_start(incident.date, unit)][index.get(name, len(series) - 1)] += 1
        periods = tuple(Period(start, _label(start, unit), tuple(counts)) for start, counts in buckets.items())
        end = _next(periods[-1].start, unit)
        shown = tuple(sorted((m for m in chosen if periods[0].start <= m.date < end), key=lambda m: (m.date, m.id)))
        track: list[Milestone | Agreement] = sorted([*chosen, *agreements], key=lambda r: (r.date, r.id))
        before = tuple(r for r in track if r.date < periods[0].start) if whole else ()
        after = tuple(r for r in track if r.date >= end) if whole else ()
        drawing = self._draw(title, unit, series, periods, shown, agreements, small)
        if whole:
            drawing.update(before=_context(before, earlier=True), after=_context(after, earlier=False))
        inside = tuple(a for a in agreements if periods[0].start <= a.date < end) if whole else agreements
        return Chart(unit, tuple(series), periods, shown, inside, drawing, small, before, after)

    def _draw(self, title: str, unit: str, series: list[Series], periods: tuple[Period, ...],
              milestones: tuple[Milestone, ...], agreements: tuple[Agreement, ...], small: bool) -> dict[str, Any]:
        width = 640.0
        left, right = 34.0, 10.0
        axis = _Axis(left, width - left - right, periods[0].start, _next(periods[-1].start, unit), unit, len(periods))
        refs, before, after = _agreement_refs(agreements, axis)
        marks = _milestone_marks(milestones, axis)
        track = _negotiation_track(refs, marks)
        rows = _rows(track, left, width - right, labelled=len(marks) <= MAX_MARKS or not small)
        row_h = FONT + 4
        top = 8.0 + FONT * ((1 if before else 0) + (1 if after else 0))
        lane_y = round(top + rows * row_h + 10, 1)
        for item in track:
            if item.get("row") is not None:
                item["label_y"] = round(top + (item["row"] + 1) * row_h - 4, 1)
                item["last_y"] = round(item["label_y"] + (len(item["lines"]) - 1) * row_h, 1)
        plot_top = lane_y + 14
        plot_h = 80.0 if small else 150.0
        base = plot_top + plot_h

        y_max = _nice_max(max(p.total for p in periods) or 1)
        step = max(1, y_max // 4)
        ticks = [{"y": round(base - plot_h * v / y_max, 1), "value": v} for v in range(0, y_max + 1, step)]
        every = max(1, math.ceil(len(periods) / (4 if small else 6)))
        x_labels = [{"x": round(left + axis.slot * (n + 0.5), 1), "text": p.label.replace("week of ", "")}
                    for n, p in enumerate(periods) if n % every == 0]
        entries = [(f"{_clip(s.name, LEGEND_CHARS)} ({s.total})", "series", n) for n, s in enumerate(series)]
        if marks:
            entries.append(("Negotiation milestone", "milestone", -1))
        if refs or before or after:
            entries.append(("Agreement", "agreement", -1))
        legend, legend_rows = _legend(entries, axis, base, row_h)
        return dict(
            before=_edge(before, latest=True), after=_edge(after, latest=False),
            legend=legend, title=title, width=width, height=round(base + 22 + legend_rows * row_h + 6, 1),
            left=left, plot_top=plot_top, plot_w=axis.plot_w, plot_h=plot_h, base=base, lane_y=lane_y,
            bars=_bars(periods, series, axis, base, plot_h, y_max), ticks=ticks, x_labels=x_labels,
            track=track, milestones=len(milestones), agreements=len(refs), series=series, unit=unit,
            small=small, font=FONT,
            total=sum(p.total for p in periods), first=periods[0].label, last=periods[-1].label,
            uid=_uid(title),
        )


@dataclass(frozen=True, slots=True)
class _Axis:
    """The chart's time axis: where a day falls along the plot, in SVG units."""

    left: float
    plot_w: float
    start: dt.date
    end: dt.date  # the first day after the last period
    unit: str
    periods: int

    @property
    def slot(self) -> float:
        """The width of one period."""
        return self.plot_w / self.periods

    def x_of(self, day: dt.date) -> float:
        """Where ``day`` falls (in the middle of its slot when the periods are days)."""
        offset = self.slot / 2 if self.unit == "day" else 0.0
        return round(self.left + self.plot_w * (day - self.start).days / (self.end - self.start).days + offset, 1)


def _agreement_refs(agreements: Iterable[Agreement], axis: _Axis,
                    ) -> tuple[list[dict[str, Any]], list[Agreement], list[Agreement]]:
    """The agreements on the negotiation track, and those before and after the chart's span."""
    refs: list[dict[str, Any]] = []
    before: list[Agreement] = []
    after: list[Agreement] = []
    for agreement in sorted(agreements, key=lambda a: (a.date, a.id)):
        if agreement.date < axis.start:
            before.append(agreement)
        elif agreement.date >= axis.end:
            after.append(agreement)
        else:
            refs.append({"x": axis.x_of(agreement.date), "kind": "agreement", "date": agreement.date.isoformat(),
                         "title": agreement.title, "label": _short(agreement.date, agreement.title)})
    return refs, before, after


def _milestone_marks(milestones: Sequence[Milestone], axis: _Axis) -> list[dict[str, Any]]:
    """One diamond per milestone, or, past ``MAX_MARKS``, one per period with their count."""
    if len(milestones) <= MAX_MARKS:
        return [{"x": axis.x_of(m.date), "kind": "milestone", "date": m.date.isoformat(),
                 "title": f"Milestone, {m.date.isoformat()}: {m.title}", "label": _short(m.date, m.title)}
                for m in milestones]
    per_period = Counter(_period_start(m.date, axis.unit) for m in milestones)
    return [{"x": axis.x_of(day), "kind": "milestone", "date": day.isoformat(),
             "title": f"{count} milestone{'s' if count != 1 else ''}, {_label(day, axis.unit)}",
             "label": f"{count} milestones" if count > 1 else "1 milestone"}
            for day, count in sorted(per_period.items())]


def _negotiation_track(refs: list[dict[str, Any]], marks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Agreements and milestones in the order they are drawn, each year written once along the track."""
    track = sorted(refs + marks, key=lambda t: (t["x"], t["kind"], t["label"]))
    shown_year = ""
    for item in track:
        if item["kind"] != "count" and item["date"][:4] == shown_year:
            item["label"] = item["label"].replace(f" {shown_year}:", ":", 1)
        shown_year = item["date"][:4]
    return track


def _bars(periods: Sequence[Period], series: list[Series], axis: _Axis, base: float, plot_h: float,
          y_max: int) -> list[dict[str, Any]]:
    """The stacked bars: one segment per period and series with a count."""
    bars = []
    for position, period in enumerate(periods):
        level = base
        for n, count in enumerate(period.counts):
            if count:
                h = plot_h * count / y_max
                bars.append({"x": round(axis.left + axis.slot * position + axis.slot * 0.1, 1),
                             "y": round(level - h, 1), "w": round(max(axis.slot * 0.8, 1.0), 1), "h": round(h, 1),
                             "series": n, "title": f"{period.label}: {count} in {series[n].name}"})
                level -= h
    return bars


def _legend(entries: list[tuple[str, str, int]], axis: _Axis, base: float,
            row_h: float) -> tuple[list[dict[str, Any]], int]:
    """The legend's entries laid out in rows under the plot; the entries and how many rows they take."""
    legend: list[dict[str, Any]] = []
    x, row = 0.0, 0
    for text, kind, n in entries:
        needed = 18 + len(text) * FONT * GLYPH
        if x and x + needed > axis.plot_w:
            x, row = 0.0, row + 1
        legend.append({"x": round(axis.left + x, 1), "row": row, "text": text, "kind": kind, "series": n})
        x += needed + 12
    for item in legend:
        item["y"] = round(base + 22 + (item["row"] + 1) * row_h, 1)
    return legend, row + 1


def _short(day: dt.date, title: str, year: bool = True) -> str:
    """``11 Jan 2021: Trilateral leaders' meeting``: the date and the whole title (the year
    only where it changes along the track); :func:`label_lines` wraps it, never cuts it."""
    when = f"{day.day} {MONTH_ABBREVIATIONS[day.month - 1]}" + (f" {day.year}" if year else "")
    return f"{when}: {' '.join(title.split())}"


def label_lines(label: str, width: int = TRACK_LABEL_CHARS) -> list[str]:
    """A track label in lines of at most ``width`` characters (a longer word alone on its line)."""
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _context(records: Sequence[Milestone | Agreement], earlier: bool) -> str:
    """The negotiation track outside the chart's span, in a few words for its edge."""
    if not records:
        return ""
    first, last = records[0].date, records[-1].date
    span = f"{_short(first, '', year=True)[:-2]}" if first == last else \
        f"{_short(first, '', year=True)[:-2]} – {_short(last, '', year=True)[:-2]}"
    count = len(records)
    words = f"{count} negotiation record{'s' if count != 1 else ''}"
    return f"{words} {'before' if earlier else 'after'} this period ({span}), listed under the chart"


def _edge(agreements: list[Agreement], latest: bool) -> str:
    """An agreement outside the span, named at the edge by its date (its title is in the
    page's agreement list; a title here would have to be cut): the nearest, and how many more."""
    if not agreements:
        return ""
    nearest = agreements[-1] if latest else agreements[0]
    more = f" and {len(agreements) - 1} more" if len(agreements) > 1 else ""
    return f"{'earlier' if latest else 'later'} agreement: {nearest.date.isoformat()}{more}"


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _rows(track: list[dict[str, Any]], left: float, right: float, labelled: bool) -> int:
    """Stack the track's labels in rows so none overlaps another; returns the row count.

    A label starts at its mark and runs right, or ends at it when it would run off the
    chart; each takes the first row where it fits (greedy interval packing)."""
    if not labelled:
        return 0
    ends: list[float] = []
    for item in track:
        lines = label_lines(item["label"])
        w = max(len(line) for line in lines) * FONT * GLYPH
        # the label starts at its mark, or is moved left so that it ends inside the chart
        x0 = max(0.0, min(item["x"], right - w))
        x1 = x0 + w
        row = 0
        while any(ends[r] + 8 > x0 for r in range(row, min(row + len(lines), len(ends)))):
            row += 1
        ends.extend([float("-inf")] * (row + len(lines) - len(ends)))
        for r in range(row, row + len(lines)):
            ends[r] = x1
        item.update(row=row, anchor="start", text_x=round(x0, 1), lines=lines)
    return len(ends)


def _uid(title: str) -> str:
    """A stable id prefix for the chart's patterns (several charts may share a page)."""
    return "tl-" + hashlib.sha1(title.encode("utf-8")).hexdigest()[:8]
