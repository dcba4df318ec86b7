"""Clause pages: the clause, the incidents and milestones related to it; the list."""

from __future__ import annotations

from briefing.kinds import BY_NAME
from briefing.model.records import Clause, Incident, Milestone
from briefing.render.contexts import ClausePage, ClauseRow, ClausesIndexPage
from briefing.render.page import record_path
from briefing.render.planning import Planning


def page(plan: Planning, clause: Clause) -> ClausePage:
    path = record_path(clause)
    backlinks = plan.links.clause_backlinks.get(clause.id, [])
    incident_links = [b for b in backlinks if isinstance(b.record, Incident)]
    assessments = plan.assessments(clause)
    why_citations = [c for b in backlinks for c in b.citations]
    return ClausePage(
        path=path, title=clause.title,
        **plan.cited_with([*clause.citations(), *why_citations], assessments),
        clause=clause, assessments=assessments,
        agreement=plan.data.agreements[clause.agreement_id],
        incidents=plan.listing(incident_links, path, "clause-incident", f"Incidents related to {clause.title}",
                               "incidents") if incident_links else None,
        chart=plan.visuals.clause_chart(clause) if incident_links else None,
        milestone_links=tuple(b for b in backlinks if isinstance(b.record, Milestone)),
        corrections=plan.corrections(clause),
    )


def index(plan: Planning) -> ClausesIndexPage:
    rows = []
    for clause in plan.data.clauses.values():
        backlinks = plan.links.clause_backlinks.get(clause.id, [])
        incidents = sum(1 for b in backlinks if isinstance(b.record, Incident))
        rows.append(ClauseRow(clause, plan.data.agreements[clause.agreement_id], incidents,
                              len(backlinks) - incidents))
    return ClausesIndexPage(path=BY_NAME["clause"].index_path, title="Agreement clauses", rows=tuple(rows))
