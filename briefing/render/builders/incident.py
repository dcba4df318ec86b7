"""Incident pages: each party's account side by side, the map, the evidence; the list."""

from __future__ import annotations

from briefing.kinds import BY_NAME
from briefing.model.records import Incident
from briefing.render.accounts import compare, evidence
from briefing.render.contexts import IncidentPage, IncidentsIndexPage
from briefing.render.page import record_path
from briefing.render.planning import Planning, hrefs
from briefing.render.spellings import search_words


def page(plan: Planning, incident: Incident) -> IncidentPage:
    path = record_path(incident)
    data, links = plan.data, plan.links
    party_ids: list[str] = []
    for claim in incident.claims:
        party_ids += [claim.party_id, *claim.blames, *(c.party_id for c in claim.casualties)]
    party_ids += [c.party_id for c in incident.casualties]
    party_ids += [s.party_id for s in incident.silent]
    parties = {p: data.parties[p] for p in party_ids}
    where = tuple((data.regions[r], *links.ancestors(r)) for r in links.most_specific(incident.region_ids))
    assessments = plan.assessments(incident)
    cited = plan.cited_with(incident.citations(), assessments)
    statements = {c.source_id for c in incident.summary.citations}
    statements.update(c.source_id for claim in incident.claims for c in claim.citations)
    return IncidentPage(
        path=path, title=incident.title, **cited, incident=incident,
        where=where, parties=parties,
        map=plan.visuals.incident_map(incident, hrefs(path)),
        clauses=plan.clause_refs(incident.clause_links),
        milestones_around=tuple(links.milestones_around(incident)),
        corrections=plan.corrections(incident),
        search_words=search_words((n.name, n.lang) for trail in where for n in plan.names(trail[0])),
        comparison=compare(incident, parties), silences=incident.silent, assessments=assessments,
        evidence=evidence(incident.claims, (s.party_id for s in incident.silent), [v.assessment for v in assessments],
                          (data.sources[s] for s in sorted(statements)), parties),
    )


def index(plan: Planning) -> IncidentsIndexPage:
    path = BY_NAME["incident"].index_path
    rows = (plan.incident_row(i) for i in plan.data.incidents.values())
    return IncidentsIndexPage(path=path, title="Incidents", incidents=plan.listing(rows, path, "incident", "Incidents"))
