"""Source pages: the source, how it is known, who cites it; the list."""

from __future__ import annotations

from briefing.kinds import BY_NAME
from briefing.model.records import Source
from briefing.render import references
from briefing.render.contexts import CitingRow, SourcePage, SourcesIndexPage
from briefing.render.page import record_path
from briefing.render.planning import Planning


def page(plan: Planning, source: Source) -> SourcePage:
    data, links = plan.data, plan.links
    publisher = data.authors[source.publisher_id]
    writers = tuple(data.authors[a] for a in source.author_ids)
    via = data.sources[source.via.source_id] if source.via else None
    copier = data.authors[source.copy.publisher_id] if source.copy and source.copy.publisher_id else None
    cited = plan.cited([source.via.citation()] if source.via else [],
                       also=(publisher, *writers, *((copier,) if copier else ())))
    path, citing = record_path(source), links.cited_by.get(source.id, [])
    original = references.source_reference(source, data.authors)
    return SourcePage(
        original_formats=references.formats([original]), citation_tags=tuple(references.highwire(original)),
        path=path, title=f"{source.publisher}: {source.title}", **cited, source=source,
        publisher=publisher, writers=writers, via=via, copier=copier,
        known_through=tuple(links.known_through.get(source.id, [])),
        cited_by=plan.listing((CitingRow(r) for r in citing), path, "citing", f"Cited by: {source.title}",
                              "citing") if citing else None,
        corrections=plan.corrections(source),
    )


def index(plan: Planning) -> SourcesIndexPage:
    path = BY_NAME["source"].index_path
    rows = (plan.source_row(s) for s in plan.data.sources.values())
    return SourcesIndexPage(path=path, title="Sources", publishers=dict(plan.data.parties),
                            sources_listing=plan.listing(rows, path, "source", "Sources"))
