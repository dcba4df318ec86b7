"""Everything the site is made of, generated from a validated dataset in one call.

The MkDocs hook hands this to MkDocs; the scale benchmark writes the very same content as
plain files for its floor build. Keeping it here, not in the hook, means both build the
same site and the hook stays thin glue.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from briefing.model.records import Dataset
from briefing.publish.exports import build_exports
from briefing.publish.feed import FEED_PATH, build_feed
from briefing.publish.redirects import redirect_pages
from briefing.render.pages import Renderer
from briefing.render.search_scope import first_section_pages, unsearched_pages


@dataclass(frozen=True, slots=True)
class SiteContent:
    """The generated part of the site.

    ``pages`` are Markdown pages by docs path; ``assets`` are files copied as they are
    (maps, data exports, the feed, redirect pages, the JSON Schemas); ``home`` is appended
    to the hand-written home page; the two sets say how the search indexes pages.
    """

    pages: dict[str, str]
    assets: dict[str, str | bytes]
    home: str
    unsearched: frozenset[str]
    first_section: frozenset[str]


def schema_assets() -> dict[str, bytes]:
    """The JSON Schemas, published with the site at ``schema/<file>.schema.json``: a stable
    address editors and tools outside the repository can point at."""
    folder = resources.files("briefing") / "schema"
    return {
        f"schema/{entry.name}": entry.read_bytes()
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".schema.json")
    }


def generate(dataset: Dataset, site_name: str, site_url: str | None, description: str) -> SiteContent:
    """Render every page and generated file of the site."""
    renderer = Renderer(dataset)
    pages = renderer.pages()
    unsearched = unsearched_pages(pages)
    first_section = first_section_pages(pages)
    exports = build_exports(dataset, site_name, description)
    pages["open-data.md"] = renderer.render_page("open_data.md.j2", "open-data.md", exports=exports)
    assets: dict[str, str | bytes] = {
        **renderer.assets(),
        **exports,
        FEED_PATH: build_feed(dataset, site_name, site_url, description),
        **redirect_pages(dataset),
        **schema_assets(),
    }
    return SiteContent(pages, assets, renderer.home_summary(), frozenset(unsearched), frozenset(first_section))
