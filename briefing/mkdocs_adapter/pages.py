"""A generated page: MkDocs gets its finished HTML and table of contents, no Markdown.

:class:`GeneratedPage` replaces the two steps in which MkDocs reads Markdown and converts
it (``read_source`` and ``render``): the page's body comes from
:func:`briefing.render.renderer.render`, rendered when MkDocs asks for it. Everything
after that (the theme, the search index, the sitemap, plugins' ``on_page_*`` events) is
MkDocs' own.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from briefing.render.renderer import RenderedPage


class GeneratedPage(Page):
    """A page whose body is rendered by the briefing package."""

    def __init__(self, file: File, config: MkDocsConfig, source: Callable[[], RenderedPage], title: str,
                 meta: dict[str, Any] | None = None) -> None:
        super().__init__(title, file, config)
        self._source = source
        self.rendered: RenderedPage | None = None
        # Known before rendering: a page a dirty build skips keeps its sitemap date.
        self.meta = dict(meta or {})

    def read_source(self, config: MkDocsConfig) -> None:
        rendered = self.rendered = self._source()
        self.markdown = ""
        self.meta = dict(rendered.meta)
        if not self.is_homepage:
            # The theme prints the title into <title> and the header without escaping.
            self.meta["title"] = html.escape(" ".join(rendered.title.split()))

    def render(self, config: MkDocsConfig, files: Files) -> None:
        rendered = self.rendered
        assert rendered is not None, "read_source() comes first"
        self.content = rendered.html
        self.toc = get_toc(rendered.toc)  # type: ignore[arg-type]
        self._title_from_render = html.escape(" ".join(rendered.title.split()))
        self.present_anchor_ids = set(rendered.anchors)
        self.links_to_anchors = None
