"""Timeline charts drawn at build time as inline SVG, with the same facts as a table.

A chronology chart counts incidents per day (per week, month, quarter or year over
longer spans, at most about 130 bars, or when some dates are known only to the week or
month),
stacked by area (the region just below the country level), with negotiation milestones
as marks along the top and agreements as labelled reference lines. An agreement that
falls before or after the charted span is named at the edge with an arrow rather than
stretching the axis until the incidents become a sliver.

Drawn with a Jinja SVG template rather than a plotting library: the charts are simple
bar charts, must follow the site's light/dark scheme (``currentColor``), must be
byte-identical across builds, and thousands of small per-region charts must stay cheap
(matplotlib costs tens of milliseconds per figure). Colours are the Okabe-Ito palette,
distinguishable with colour-vision deficiencies; every series is also named in the
legend and the table.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from briefing.model.links import Links
from briefing.model.records import Agreement, Dataset, Incident, Milestone

PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")
OTHER_COLOUR = "#999999"
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
              milestones: Iterable[Milestone] | None = None) -> Chart | None:
        """The chart of ``incidents`` (None when there are none to chart)."""
        if not incidents:
            return None
        first = min(i.date for i in incidents)
        last = max(i.date for i in incidents)
        # Never finer than the least precise date charted: an incident known only to the
        # month is not drawn on a day it may not have happened.
        unit = max([_unit(first, last), *(i.date_precision for i in incidents)], key=_UNITS.index)
        areas = Counter(self.area_of(i) for i in incidents)
        ranked = sorted(areas, key=lambda name: (-areas[name], name.casefold()))
        named = ranked if len(ranked) <= MAX_SERIES + 1 else ranked[:MAX_SERIES]
        series = [Series(name, PALETTE[n], areas[name]) for n, name in enumerate(named)]
        rest = sum(areas[name] for name in ranked[len(named):])
        if rest:
            series.append(Series("other areas", OTHER_COLOUR, rest))
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
        chosen = self.data.milestones.values() if milestones is None else milestones
        shown = tuple(m for m in chosen if periods[0].start <= m.date < end)
        agreements = tuple(self.data.agreements.values())
        drawing = self._draw(title, unit, series, periods, shown, agreements, small)
        return Chart(unit, tuple(series), periods, shown, agreements, drawing, small)

    def _draw(self, title: str, unit: str, series: list[Series], periods: tuple[Period, ...],
              milestones: tuple[Milestone, ...], agreements: tuple[Agreement, ...], small: bool) -> dict[str, Any]:
        width, height = (640.0, 150.0) if small else (640.0, 260.0)
        left, right, top, bottom = 34.0, 10.0, 32.0, 34.0
        plot_w, plot_h = width - left - right, height - top - bottom
        start, end = periods[0].start, _next(periods[-1].start, unit)
        span = (end - start).days

        def x_of(day: dt.date) -> float:
            return round(left + plot_w * (day - start).days / span, 1)

        y_max = _nice_max(max(p.total for p in periods))
        step = max(1, y_max // 4)
        bars = []
        slot = plot_w / len(periods)
        for position, period in enumerate(periods):
            base = top + plot_h
            for n, count in enumerate(period.counts):
                if count:
                    h = plot_h * count / y_max
                    bars.append({"x": round(left + slot * position + slot * 0.1, 1),
                                 "y": round(base - h, 1), "w": round(slot * 0.8, 1), "h": round(h, 1),
                                 "colour": series[n].colour,
                                 "title": f"{period.label}: {count} in {series[n].name}"})
                    base -= h
        ticks = [{"y": round(top + plot_h - plot_h * v / y_max, 1), "value": v} for v in range(0, y_max + 1, step)]
        every = max(1, len(periods) // (4 if small else 8))
        x_labels = [{"x": round(left + slot * (n + 0.5), 1), "text": p.label.replace("week of ", "")}
                    for n, p in enumerate(periods) if n % every == 0]
        refs, before, after = [], [], []
        for agreement in agreements:
            if agreement.date < start:
                before.append(agreement)
            elif agreement.date >= end:
                after.append(agreement)
            else:
                refs.append({"x": x_of(agreement.date), "title": agreement.title, "date": agreement.date.isoformat()})
        if len(milestones) <= MAX_MARKS:
            marks = [{"x": x_of(m.date) + round(slot / 2, 1) if unit == "day" else x_of(m.date),
                      "title": f"Milestone, {m.date.isoformat()}: {m.title}"} for m in milestones]
        else:  # one diamond per period that has milestones, with their count
            per_period = Counter(_period_start(m.date, unit) for m in milestones)
            marks = [{"x": round(x_of(day) + slot / 2, 1),
                      "title": f"{count} milestone{'s' if count != 1 else ''}, {_label(day, unit)}"}
                     for day, count in sorted(per_period.items())]
        legend: list[dict[str, Any]] = []
        x, row = 0.0, 0
        for s in series:
            text = f"{s.name} ({s.total})"
            needed = 14 + len(text) * 5.6
            if x and x + needed > plot_w:
                x, row = 0.0, row + 1
            legend.append({"x": round(left + x, 1), "row": row, "text": text, "colour": s.colour})
            x += needed + 10
        height += 14 * row
        for item in legend:
            item["y"] = round(height - 8 - 14 * (row - item["row"]), 1)
        return dict(
            legend=legend, title=title, width=width, height=height, left=left, top=top, plot_w=plot_w,
            plot_h=plot_h, bars=bars, ticks=ticks, x_labels=x_labels, refs=refs, marks=marks,
            milestones=len(milestones), series=series, unit=unit, before=before, after=after, small=small,
            total=sum(p.total for p in periods), first=periods[0].label, last=periods[-1].label,
        )
