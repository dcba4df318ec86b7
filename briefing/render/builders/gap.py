"""Known gap pages: an event a cited source reports that is not curated yet; the list
(issue 18.1)."""

from __future__ import annotations

from briefing.kinds import BY_NAME
from briefing.model.records import KnownGap
from briefing.render.contexts import GapPage, GapRow, GapsIndexPage
from briefing.render.page import record_path
from briefing.render.planning import Planning


def page(plan: Planning, gap: KnownGap) -> GapPage:
    return GapPage(path=record_path(gap), title=f"Reported, not yet curated: {gap.title}",
                   **plan.cited(gap.citations()), gap=gap,
                   regions=tuple(plan.data.regions[r] for r in gap.region_ids), corrections=plan.corrections(gap))


def index(plan: Planning) -> GapsIndexPage:
    path, sources = BY_NAME["gap"].index_path, plan.data.sources
    rows = (GapRow(g, tuple(sources[s] for s in dict.fromkeys(c.source_id for c in g.citations())))
            for g in sorted(plan.data.gaps.values(), key=lambda g: (g.date, g.id)))
    return GapsIndexPage(path=path, title=BY_NAME["gap"].label,
                         gaps=plan.listing(rows, path, "gap", BY_NAME["gap"].label), scope=plan.scope)
