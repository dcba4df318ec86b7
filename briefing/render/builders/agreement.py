"""Agreement pages: the document's clauses in order, what relates to it; the list."""

from __future__ import annotations

from briefing.kinds import BY_NAME
from briefing.model.records import Agreement
from briefing.render.agreement_text import clause_list
from briefing.render.contexts import AgreementPage, AgreementRow, AgreementsIndexPage
from briefing.render.page import record_path
from briefing.render.planning import Planning


def page(plan: Planning, agreement: Agreement) -> AgreementPage:
    path = record_path(agreement)
    incidents = plan.links.agreement_incidents.get(agreement.id, [])
    milestones = plan.links.agreement_milestones.get(agreement.id, [])
    clauses, recorded, not_recorded = clause_list(agreement)
    return AgreementPage(
        path=path, title=agreement.title, **plan.cited(agreement.citations()), agreement=agreement,
        parties=plan.parties(agreement.party_ids), clause_list=tuple(clauses), recorded=tuple(recorded),
        not_recorded=tuple(not_recorded),
        incidents=plan.listing((plan.incident_row(i) for i in incidents), path, "incident",
                               f"Incidents related to {agreement.title}", "incidents") if incidents else None,
        milestones=plan.listing((plan.milestone_row(m) for m in milestones), path, "milestone",
                                f"Milestones related to {agreement.title}", "milestones") if milestones else None,
        corrections=plan.corrections(agreement),
    )


def index(plan: Planning) -> AgreementsIndexPage:
    rows = tuple(AgreementRow(a, plan.parties(a.party_ids)) for a in plan.data.agreements.values())
    return AgreementsIndexPage(path=BY_NAME["agreement"].index_path, title="Agreements", rows=rows)
