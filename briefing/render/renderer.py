"""A page context → the finished body of the page, as HTML.

The page's template (named by its context class) writes the whole body: every value is
escaped by the environment, links and citations come from :class:`~.page.Here`, and
:func:`~.html.finish` adds heading anchors and collects the table of contents. No
Markdown is involved: the theme puts the body into the page as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from briefing.model.records import Dataset
from briefing.render.contexts import PageContext, template_context
from briefing.render.environment import site_environment
from briefing.render.html import finish
from briefing.render.page import Here
from briefing.render.plan import SitePlan
from briefing.render.table_cells import label_cells, spaced_cells


@dataclass(frozen=True, slots=True)
class RenderedPage:
    """A generated page as the theme needs it."""

    path: str
    title: str
    html: str
    #: Heading tokens, nested, in the form MkDocs' ``get_toc`` reads.
    toc: list[dict[str, Any]]
    #: Ids present on the page (for links to ``#anchor``).
    anchors: frozenset[str]
    #: Site paths the page links to.
    targets: frozenset[str]
    #: Front-matter style settings for the theme and search (``search: {boost: 2}``).
    meta: dict[str, Any]


def render(context: PageContext) -> RenderedPage:
    """Render one page from its context."""
    here = Here(context.path, context.sources, context.authors)
    body = site_environment().get_template(context.template).render(page=here, **template_context(context))
    finished = finish(spaced_cells(label_cells(body)))
    return RenderedPage(context.path, context.title, finished.html, finished.toc, frozenset(finished.anchors),
                        frozenset(here.targets), page_meta(context))


def page_meta(context: PageContext) -> dict[str, Any]:
    """A page's settings for the theme, the search and the sitemap: known from its context
    alone, so a page a dirty build does not render again keeps them (its ``<lastmod>``)."""
    meta: dict[str, Any] = {"search": {"boost": context.search_boost}} if context.search_boost else {}
    if context.citation_tags:
        meta["citation_tags"] = [list(tag) for tag in context.citation_tags]  # Highwire tags (overrides/main.html)
    if context.lastmod is not None:
        meta["lastmod"] = context.lastmod.isoformat()  # the sitemap's <lastmod> (overrides/sitemap.xml)
    return meta


def render_fragment(template: str, **context: Any) -> str:
    """A partial rendered on its own, for a hand-written page (``partials/scope.html.j2``)."""
    return site_environment().get_template(template).render(**context)


def render_pages(data: Dataset, site_name: str = "") -> dict[str, str]:
    """The body of every generated page by site path (for tests and benchmarks; a build
    renders each page when MkDocs reads it)."""
    return {path: render(context).html for path, context in SitePlan(data, site_name).pages().items()}
