"""The site-wide pages: home, chronology, source debt, removed records, corrections, open
data, and a page per region and year (``filters/``)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator

from briefing.kinds import BY_NAME, removed_anchor
from briefing.model.records import RUNGS, Incident, Region
from briefing.model.times import latest_event
from briefing.render import bottom_line, home
from briefing.render.contexts import (
    ChronologyPage,
    CorrectionRow,
    CorrectionsPage,
    HomePage,
    OpenDataPage,
    PageContext,
    RegionYearPage,
    RemovedPage,
    RemovedRow,
    SourceDebtPage,
)
from briefing.render.planning import Planning, hrefs

#: Incidents on the home page's "latest" table.
LATEST = 5


def source_debt_page(plan: Planning) -> SourceDebtPage:
    debt, limit, data = plan.debt, plan.rows_per_part, plan.data
    tables = tuple((rung, len(debt.by_rung[rung]), tuple(plan.source_row(s) for s in debt.by_rung[rung][:limit]))
                   for rung in RUNGS)
    return SourceDebtPage(path="source-debt.html", title="Source debt", debt=debt, tables=tables, whose=plan.whose,
                          without_archive_count=len(debt.read_without_archive),
                          without_archive=tuple(plan.source_row(s) for s in debt.read_without_archive[:limit]),
                          second_hand=tuple(debt.second_hand[:limit]),
                          parties=dict(data.parties), publishers=dict(data.parties),
                          authors=dict(data.authors))


def chronology_page(plan: Planning) -> ChronologyPage:
    path = "chronology.html"
    return ChronologyPage(path=path, title="Chronology", chart=plan.visuals.chronology_chart(),
                          entries=plan.listing(plan.links.chronology(), path, "chronology", "Chronology"))


def removed_page(plan: Planning) -> RemovedPage:
    rows = []
    for entry in plan.data.removed:
        kind = entry.replaced_by_kind if entry.action == "moved" and entry.replaced_by_kind else entry.record_kind
        replaced = plan.data.records(BY_NAME[kind].plural).get(entry.replaced_by or "")
        rows.append(RemovedRow(entry, replaced, removed_anchor(entry.record_kind, entry.id)))
    return RemovedPage(path="removed.html", title="Removed records", rows=tuple(rows))


def corrections_page(plan: Planning) -> CorrectionsPage:
    rows = tuple(CorrectionRow(c, plan.data.records(BY_NAME[c.record_kind].plural)[c.record_id])
                 for c in plan.data.corrections)
    return CorrectionsPage(path="corrections.html", title="Corrections", rows=rows)


def open_data_page(plan: Planning) -> OpenDataPage:
    data = plan.data
    return OpenDataPage(
        path="open-data.html", title="Open data", incidents=len(data.incidents),
        claims=sum(len(i.claims) for i in data.incidents.values()),
        source_count=len(data.sources), removed=len(data.removed),
        assessment_count=len(data.assessments), author_count=len(data.authors),
        silences=sum(len(i.silent) for i in data.incidents.values())
        + sum(len(m.silent) for m in data.milestones.values()),
    )


#: The site-wide pages with one path each, in the site's order.
GLOBAL: tuple[tuple[str, Callable[[Planning], PageContext]], ...] = (
    ("chronology.html", chronology_page), ("source-debt.html", source_debt_page),
    ("removed.html", removed_page), ("corrections.html", corrections_page), ("open-data.html", open_data_page),
)


def region_year_page(plan: Planning, region: Region, year: int) -> RegionYearPage:
    path = f"filters/{region.id}-{year}.html"
    title = f"{region.title} in {year}"
    incidents = [i for i in plan.links.incidents_in_region.get(region.id, []) if i.date.year == year]
    return RegionYearPage(
        path=path, title=title, region=region, year=year, chart=plan.visuals.region_chart(region, year),
        incidents=plan.listing((plan.incident_row(i) for i in incidents), path, "incident", title),
        other_years=tuple(y for y in plan.visuals.region_years(region) if y != year),
    )


def region_years(plan: Planning) -> Iterator[tuple[str, Callable[[], PageContext]]]:
    """A fixed view per region and year with incidents (``filters/<region>-<year>.html``)."""
    for region in plan.data.regions.values():
        for year in plan.visuals.region_years(region):
            yield f"filters/{region.id}-{year}.html", functools.partial(region_year_page, plan, region, year)


def home_page(plan: Planning) -> HomePage:
    path = "index.html"
    data, settings = plan.data, plan.home
    period, key_points, more = home.period_records(data, settings.key_points)
    in_period = [r for r in key_points if isinstance(r, Incident)]
    casualties, no_figures = home.casualty_reports(data, in_period)
    columns, evidence, actors = home.evidence_table(data, in_period)
    gaps = tuple(sorted(data.gaps.values(), key=lambda g: (g.date, g.id), reverse=True)[:settings.key_points])
    updated = plan.dates.data_updated
    line = bottom_line.bottom_line(data, plan.links.most_specific, updated.day if updated else latest_event(data),
                                   plan.scope)
    return HomePage(
        path=path, title=settings.title or plan.site_name,
        **plan.cited([*bottom_line.citations(line),
                      *home.page_citations(settings.intro, key_points, casualties, evidence, gaps)]),
        bottom_line=line, sources_page=BY_NAME["source"].index_path,
        intro=settings.intro, period=period, period_span=home.period_span(data, period), scope=plan.scope,
        key_points=tuple(key_points), key_points_more=more,
        casualties=tuple(casualties), no_casualty_figures=tuple(no_figures),
        evidence_parties=columns, evidence=tuple(evidence), evidence_actors=actors,
        balance=home.evidence_balance(data), whose=plan.whose, gaps=gaps, data_updated=plan.dates.data_updated,
        data_uncommitted=plan.dates.uncommitted, latest_event=latest_event(data),
        counts=data.counts(), map=plan.visuals.overview_map(hrefs(path)),
        chart=plan.visuals.chronology_chart(),
        latest=tuple(plan.incident_row(i) for i in plan.links.latest_incidents(LATEST)),
    )
