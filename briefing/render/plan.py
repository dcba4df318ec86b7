"""Every page of the site, by its path, with the context it is rendered from.

:class:`SitePlan` walks the registry of kinds (:mod:`briefing.kinds`) and asks each kind's
page builder (:mod:`briefing.render.builders`, found by the kind's name) for a page per
record and the kind's list page; then the site-wide pages (:mod:`.builders.site`): the
chronology, the source debt, the removed-records and corrections logs, the open-data page,
a page per region and year, and the home page; and a page for each further part of a long
list. The builders share one :class:`~briefing.render.planning.Planning` (the data, its
links, drawings, dates, settings and rows). Nothing is rendered here: :mod:`.renderer`
renders a context when its page is needed, so a build can render only the pages whose
context changed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Callable, Iterator
from typing import Any

from briefing.kinds import KINDS
from briefing.model.record_dates import Day
from briefing.model.records import Record
from briefing.render.builders import KindBuilder, builder, site
from briefing.render.cite import cite_this
from briefing.render.contexts import ListingPartPage, PageContext
from briefing.render.listing import Listing
from briefing.render.page import record_path
from briefing.render.planning import Planning

#: A page's context followed by the contexts of the further parts of its long lists.
Group = tuple[tuple[str, PageContext], ...]


class SitePlan(Planning):
    """The contexts of every page of one build: the shared planning context
    (:class:`Planning`, made with the same arguments) that walks every page builder."""

    def pages(self) -> dict[str, PageContext]:
        """Every generated page's context, by site path, in a stable order."""
        return {path: context for group in self.groups().values() for path, context in group}

    def groups(self, reuse: Callable[[str], Group | None] | None = None) -> dict[str, Group]:
        """Every page with the further parts of its long lists (a :data:`Group`), by the
        page's path, in the order of :meth:`pages`. ``reuse(path)`` may give a group from
        an earlier plan instead of planning it again (:mod:`.incremental`)."""
        groups: dict[str, Group] = {}
        for path, make in self.specs():
            group = reuse(path) if reuse is not None else None
            groups[path] = self.group(make()) if group is None else group
        return groups

    def group(self, context: PageContext) -> Group:
        """A page's context as the site has it, followed by the further parts of its lists."""
        updated = _exact(self.dates.data_updated, self.dates.uncommitted)
        context = dataclasses.replace(context, languages=self.languages)
        if context.dates is None and updated is not None:
            context = dataclasses.replace(context, lastmod=updated)
        group: list[tuple[str, PageContext]] = [(context.path, context)]
        for listing in _listings(context):
            for part in listing.parts[1:]:
                group.append((part.path, ListingPartPage(
                    path=part.path, title=f"{listing.title}, part {part.number}", listing=listing, part=part,
                    sources=context.sources, authors=context.authors, publishers=context.publishers,
                    lastmod=updated,
                )))
        return tuple(group)

    def specs(self) -> Iterator[tuple[str, Callable[[], PageContext]]]:
        """Every page's path with the function that plans it, in the site's order."""
        for kind in KINDS:
            pages = builder(kind)
            for record in self.data.records(kind.plural).values():
                yield record_path(record), functools.partial(self._record_page, pages, record)
            yield kind.index_path, functools.partial(pages.index, self)
        yield from self.global_specs()
        yield from site.region_years(self)
        yield "index.html", functools.partial(site.home_page, self)

    def global_specs(self) -> tuple[tuple[str, Callable[[], PageContext]], ...]:
        return tuple((path, functools.partial(make, self)) for path, make in site.GLOBAL)

    def _record_page(self, pages: KindBuilder, record: Any) -> PageContext:
        return self.dated(pages.page(self, record), record)

    def dated(self, context: PageContext, record: Record) -> PageContext:
        """A record page's context with the record's dates and "cite this record"."""
        dates = self.dates.of(record)
        cite = cite_this(site_name=self.site_name, title=context.title, kind_label=record.kind.capitalize(),
                         record_id=record.id, path=context.path, site_url=self.site_url, dates=dates)
        return dataclasses.replace(context, dates=dates, cite=cite,
                                   lastmod=_exact(dates.version, dates.uncommitted))


def _exact(day: Day | None, uncommitted: bool) -> dt.date | None:
    """A date for the sitemap: only an exact, committed one (never a guess)."""
    return None if day is None or day.on_or_before or uncommitted else day.day


def _listings(context: PageContext) -> Iterator[Listing]:
    for name in context.__dataclass_fields__:
        value = getattr(context, name, None)
        if isinstance(value, Listing):
            yield value
