"""Region pages: what happened there, its names, its map and years; the list."""

from __future__ import annotations

from briefing.kinds import BY_NAME
from briefing.model.records import Region
from briefing.render.contexts import RegionClause, RegionPage, RegionRow, RegionsIndexPage
from briefing.render.page import record_path
from briefing.render.planning import Planning, hrefs
from briefing.render.spellings import search_words

#: A region page names this many records per related clause (the clause page has all).
CLAUSE_RECORDS_SHOWN = 5


def page(plan: Planning, region: Region) -> RegionPage:
    path = record_path(region)
    data, links = plan.data, plan.links
    incidents = links.incidents_in_region.get(region.id, [])
    milestones = links.milestones_in_region.get(region.id, [])
    clauses = tuple(
        RegionClause(clause, data.agreements[clause.agreement_id],
                     tuple(records[:CLAUSE_RECORDS_SHOWN]), max(0, len(records) - CLAUSE_RECORDS_SHOWN))
        for clause, records in links.clauses_for_region(region.id)
    )
    used_by = {p for name in region.names for p in name.used_by}
    return RegionPage(
        path=path, title=region.title, **plan.cited(region.citations()), region=region,
        within=tuple(links.ancestors(region.id)),
        possibly_same=tuple(data.regions[link.region_id] for link in region.possibly_same),
        parties={p: data.parties[p] for p in sorted(used_by)},
        children=tuple(links.children.get(region.id, [])),
        map=plan.visuals.region_map(region, hrefs(path)),
        incidents=plan.listing((plan.incident_row(i) for i in incidents), path, "incident",
                               f"Incidents in {region.title}", "incidents") if incidents else None,
        years=tuple(plan.visuals.region_years(region)),
        chart=plan.visuals.region_chart(region) if incidents else None,
        clauses=clauses,
        milestones=plan.listing((plan.milestone_row(m) for m in milestones), path, "milestone",
                                f"Milestones in {region.title}", "milestones") if milestones else None,
        corrections=plan.corrections(region),
        names=plan.names(region),
        search_words=search_words((n.name, n.lang) for n in plan.names(region)),
    )


def index(plan: Planning) -> RegionsIndexPage:
    path = BY_NAME["region"].index_path
    regions = plan.data.regions
    rows = (RegionRow(r, regions[r.parent_id] if r.parent_id else None,
                      len(plan.links.incidents_in_region.get(r.id, [])))
            for r in regions.values())
    return RegionsIndexPage(path=path, title="Regions and places",
                            regions=plan.listing(rows, path, "region", "Regions and places"))
