"""What every page template gets as ``page``: where the page is, and how to link and cite
from there.

``page.href`` and ``page.link`` write links relative to the page (the site works from
disk), and remember every page they point at, so that a link to a page that is not in
the site is reported like MkDocs' strict link validation reports it. ``page.cite`` numbers
the page's citations (:mod:`.citations`).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from markupsafe import Markup, escape

from briefing.kinds import BY_NAME
from briefing.model.records import Citation, Source
from briefing.render.citations import Footnotes


@lru_cache(maxsize=1 << 18)
def relative(target: str, here: str) -> str:
    """The link from a page in folder ``here`` to ``target``; cached because listings
    link the same few thousand pages from every part (``relpath`` is slow)."""
    return posixpath.relpath(target, here or ".")


def record_path(record: Any) -> str:
    """The site path of a record's page."""
    return BY_NAME[record.kind].page_path(record.id)


@dataclass(slots=True)
class Here:
    """One page being rendered: its path in the site, its footnotes, its outgoing links."""

    path: str
    sources: Mapping[str, Source]
    footnotes: Footnotes = field(init=False)
    #: Every site path this page links to (for link validation).
    targets: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.footnotes = Footnotes(self.sources)

    def href(self, target: Any) -> str:
        """A relative link to a record's page or to a site path (``incidents/index.html``)."""
        path = target if isinstance(target, str) else record_path(target)
        page, _, anchor = path.partition("#")
        self.targets.add(path)
        link = relative(page, posixpath.dirname(self.path))
        return f"{link}#{anchor}" if anchor else link

    def link(self, target: Any, text: str | None = None) -> Markup:
        """``<a href="...">title</a>`` for a record (or a site path, with ``text``)."""
        label = text if text is not None else target.title
        return Markup('<a href="{}">{}</a>').format(self.href(target), label)

    def link_all(self, records: Iterable[Any], separator: str = ", ") -> Markup:
        return Markup(escape(separator)).join(self.link(r) for r in records)

    def cite(self, citations: Iterable[Citation]) -> Markup:
        """Footnote markers for the citations of a statement."""
        return self.footnotes.ref(citations)
