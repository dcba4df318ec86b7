"""Everything the site is made of, from a validated dataset, in one call.

The MkDocs hook hands this to MkDocs; the scale benchmark writes the very same content as
plain files for its floor build. Keeping it here, not in the hook, means both build the
same site and the hook stays thin glue.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources

from briefing.config import Options
from briefing.model.record_dates import NO_DATES, SiteDates
from briefing.model.records import Dataset
from briefing.model.scope import scope_and_coverage
from briefing.publish import as_of
from briefing.publish.exports import build_exports
from briefing.publish.feed import FEED_PATH, build_feed
from briefing.publish.redirects import redirect_pages
from briefing.render.contexts import PageContext
from briefing.render.drawings.maps import MapSettings
from briefing.render.home import declared_scope, home_settings
from briefing.render.incremental import Plan, Planner
from briefing.render.plan import SitePlan
from briefing.render.renderer import render_fragment
from briefing.render.search_scope import crowded_folders


@dataclass(frozen=True, slots=True)
class SiteContent:
    """The generated part of the site.

    ``pages`` are the generated pages' contexts by site path (``incidents/x.html``),
    rendered when MkDocs needs each one (:func:`briefing.render.renderer.render`);
    ``assets`` are files copied as they are (maps, data exports, the feed, redirect pages,
    the JSON Schemas); ``crowded`` are the record folders too large to index every page
    of (:mod:`briefing.render.search_scope`).
    """

    pages: dict[str, PageContext]
    assets: dict[str, str | bytes]
    crowded: frozenset[str]
    #: The pages planned for this build (``None``: every page); the others keep the context
    #: they had in the previous build (:mod:`briefing.render.incremental`).
    planned: frozenset[str] | None = None
    #: HTML put into hand-written pages where they write ``<!-- briefing:NAME -->``
    #: (``scope``: the declared scope and the data's coverage, on the about page).
    fragments: dict[str, str] = field(default_factory=dict)


def schema_assets() -> dict[str, bytes]:
    """The JSON Schemas, published with the site at ``schema/<file>.schema.json``: a stable
    address editors and tools outside the repository can point at."""
    folder = resources.files("briefing") / "schema"
    return {
        f"schema/{entry.name}": entry.read_bytes()
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".schema.json")
    }


def generate(dataset: Dataset, options: Options, site_name: str, site_url: str | None,
             description: str, dates: SiteDates = NO_DATES, planner: Planner | None = None) -> SiteContent:
    """Plan every page and make every generated file of the site; ``dates`` are the
    records' publication dates (:mod:`briefing.model.record_dates`). A ``planner`` (kept
    from one build of ``mkdocs serve`` to the next) plans only the pages an edit can change."""
    scope = scope_and_coverage(declared_scope(options), dataset)
    maps = MapSettings(extent=options.map.extent, locator_km=options.map.locator_km)
    plan = SitePlan(dataset, site_name, options.rows_per_part, site_url=site_url, dates=dates,
                    home_settings=home_settings(options, dataset), map_settings=maps,
                    languages=options.languages)
    planned = planner.plan(plan) if planner is not None else Plan(plan.pages(), None)
    pages = planned.pages
    assets: dict[str, str | bytes] = {
        **build_exports(dataset, site_name, description, dates=dates, scope=scope),
        FEED_PATH: build_feed(dataset, site_name, site_url, " ".join(t for t in (description, scope.text) if t), dates),
        **redirect_pages(dataset),
        **schema_assets(),
        as_of.PATH: as_of.as_of_stylesheet(dataset),
    }
    fragments = {"scope": render_fragment("partials/scope.html.j2", scope=scope)}
    return SiteContent(pages, assets, frozenset(crowded_folders(pages)), planned.planned, fragments)
