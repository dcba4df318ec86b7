"""Milestone pages: the step in the negotiations, who took part, what happened around it; the list."""

from __future__ import annotations

from briefing.kinds import BY_NAME
from briefing.model.records import Milestone
from briefing.render.contexts import MilestonePage, MilestonesIndexPage
from briefing.render.page import record_path
from briefing.render.planning import Planning


def page(plan: Planning, milestone: Milestone) -> MilestonePage:
    path = record_path(milestone)
    data = plan.data
    around = plan.links.incidents_around(milestone)
    assessments = plan.assessments(milestone)
    everyone = {p: data.parties[p] for p in (*milestone.party_ids, *(s.party_id for s in milestone.silent))}
    return MilestonePage(
        path=path, title=milestone.title,
        **plan.cited_with(milestone.citations(), assessments), milestone=milestone,
        parties=plan.parties(milestone.party_ids), silences=milestone.silent, assessments=assessments,
        named=everyone,
        agreements=tuple(data.agreements[a] for a in milestone.agreement_ids),
        regions=tuple(data.regions[r] for r in milestone.region_ids),
        clauses=plan.clause_refs(milestone.clause_links),
        incidents=plan.listing((plan.incident_row(i) for i in around), path, "incident",
                               f"Incidents around {milestone.title}", "incidents") if around else None,
        corrections=plan.corrections(milestone),
    )


def index(plan: Planning) -> MilestonesIndexPage:
    path = BY_NAME["milestone"].index_path
    rows = (plan.milestone_row(m) for m in plan.data.milestones.values())
    return MilestonesIndexPage(path=path, title="Negotiation milestones",
                               milestones=plan.listing(rows, path, "milestone", "Negotiation milestones"))
