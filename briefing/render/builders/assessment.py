"""Assessment pages: an analyst's conclusion, attributed, and what it is about; the list."""

from __future__ import annotations

from briefing.kinds import BY_NAME
from briefing.model.records import Assessment
from briefing.render.contexts import AssessmentPage, AssessmentsIndexPage
from briefing.render.page import record_path
from briefing.render.planning import Planning


def page(plan: Planning, assessment: Assessment) -> AssessmentPage:
    view = plan.assessment_view(assessment)
    data = plan.data
    return AssessmentPage(
        path=record_path(assessment), title=f"{view.author.name}: {assessment.title}",
        **plan.cited_with((), [view]), view=view,
        incidents=tuple(data.incidents[i] for i in assessment.incident_ids),
        milestones=tuple(data.milestones[m] for m in assessment.milestone_ids),
        clauses=tuple(data.clauses[c] for c in assessment.clause_ids),
        corrections=plan.corrections(assessment),
    )


def index(plan: Planning) -> AssessmentsIndexPage:
    views = tuple(plan.assessment_view(a) for a in plan.data.assessments.values())
    return AssessmentsIndexPage(path=BY_NAME["assessment"].index_path, title=BY_NAME["assessment"].label,
                                rows=views)
