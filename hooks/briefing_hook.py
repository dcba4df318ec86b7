"""MkDocs hook: thin glue between MkDocs events and the ``briefing`` package.

* ``on_pre_build``: load and validate ``data/`` *before* MkDocs cleans ``site/``, so a
  data error stops the build with every problem listed and the previous site untouched;
  then render every page and generated file.
* ``on_files``: add the generated pages, maps, open-data exports, the Atom feed, the
  redirect pages of renamed or removed ids, and the published JSON Schemas.
* ``on_page_markdown``: append the generated summary to the hand-written home page;
  leave the pages chosen by ``briefing.search_scope`` out of the search index.
* ``on_page_content``: at scale, index generated pages by their first section only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from briefing.errors import DataErrors
from briefing.exports import build_exports
from briefing.feed import FEED_PATH, build_feed
from briefing.pipeline import load_dataset
from briefing.publish import pin_build_date
from briefing.redirects import redirect_pages
from briefing.render import Renderer
from briefing.search_scope import first_section_only, first_section_pages, unsearched_pages
from briefing.site import generated_assets, generated_files, schema_assets

_state: dict[str, Any] = {}


def on_pre_build(config: Any) -> None:
    project = Path(config.config_file_path).parent
    try:
        dataset = load_dataset(project / "data", display_root=project)
    except DataErrors as exc:
        raise PluginError(f"the briefing data has problems:\n{exc}") from None
    pin_build_date(dataset)
    renderer = Renderer(dataset)
    pages = renderer.pages()
    _state["home"] = renderer.home_summary()
    _state["unsearched"] = unsearched_pages(pages)
    _state["first_section"] = first_section_pages(pages)
    exports = build_exports(dataset, config.site_name, config.site_description or "")
    pages["open-data.md"] = renderer.render_page("open_data.md.j2", "open-data.md", exports=exports)
    _state["pages"] = pages
    _state["assets"] = {
        **renderer.assets(),
        **exports,
        FEED_PATH: build_feed(dataset, config.site_name, config.site_url, config.site_description or ""),
        **redirect_pages(dataset),
        **schema_assets(),
    }


def on_files(files: Any, config: Any) -> Any:
    for file in [*generated_files(config, _state["pages"]), *generated_assets(config, _state["assets"])]:
        files.append(file)
    return files


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    if page.file.src_uri in _state["unsearched"]:
        page.meta["search"] = {**page.meta.get("search", {}), "exclude": True}
    if page.file.src_uri == "index.md":
        return markdown.rstrip() + "\n\n" + _state["home"]
    return markdown


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    if page.file.src_uri in _state["first_section"]:
        return first_section_only(html)
    return html
