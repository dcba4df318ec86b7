"""Author pages: who stands behind a publisher or writer, what they published; the list."""

from __future__ import annotations

from briefing.kinds import BY_NAME
from briefing.model.records import Author
from briefing.render.contexts import AuthorPage, AuthorsIndexPage
from briefing.render.page import record_path
from briefing.render.planning import Planning


def page(plan: Planning, author: Author) -> AuthorPage:
    path = record_path(author)
    data, links = plan.data, plan.links
    organisations = tuple(data.authors[o] for o in author.member_of)
    published = [plan.source_row(s) for s in links.sources_by_author.get(author.id, [])]
    assessments = tuple(plan.assessment_view(a) for a in links.assessments_by_author.get(author.id, []))
    return AuthorPage(
        path=path, title=author.name,
        **plan.cited(author.description.citations if author.description else (), also=(author, *organisations)),
        author=author,
        party=plan.party_of(author), organisations=organisations,
        members=tuple(links.members.get(author.id, [])),
        published=plan.listing(published, path, "source", f"Sources by {author.name}", "sources")
        if published else None,
        assessments=assessments, corrections=plan.corrections(author),
    )


def index(plan: Planning) -> AuthorsIndexPage:
    authors = plan.data.authors.values()
    rows = tuple(plan.author_row(a) for a in authors)
    return AuthorsIndexPage(path=BY_NAME["author"].index_path, title=BY_NAME["author"].label,
                            **plan.cited(c for a in authors for c in a.affiliation.citations), rows=rows)
