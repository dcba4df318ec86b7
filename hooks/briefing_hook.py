"""MkDocs hook: thin glue between MkDocs events and the ``briefing`` package.

* ``on_pre_build``: load and validate ``data/`` *before* MkDocs cleans ``site/``, so a
  data error stops the build with every problem listed and the previous site untouched;
  then generate every page and file (``briefing.generate``).
* ``on_files``: add the generated pages, maps, open-data exports, the Atom feed, the
  redirect pages of renamed or removed ids, and the published JSON Schemas.
* ``on_page_markdown``: append the generated summary to the hand-written home page;
  leave the pages chosen by ``briefing.search_scope`` out of the search index; drop the
  generated source of a page once MkDocs has read it (MkDocs keeps its own copy of the
  Markdown, ``page.markdown``; with both copies the peak at 2,000 incidents was 368 MB, 315 MB
  without).
* ``on_page_content``: at scale, index generated pages by their first section only.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from briefing.errors import DataErrors
from briefing.gc_pause import collector_paused
from briefing.generate import SiteContent, generate
from briefing.mkdocs_adapter import site_swap
from briefing.mkdocs_adapter.files import generated_assets, generated_files
from briefing.pipeline import load_dataset
from briefing.publish.build_date import pin_build_date
from briefing.render.search_scope import first_section_only

_state: dict[str, SiteContent] = {}
_generated_pages: set[str] = set()


def on_pre_build(config: Any) -> None:
    project = Path(config.config_file_path).parent
    with collector_paused():
        try:
            dataset = load_dataset(project / "data", display_root=project)
        except DataErrors as exc:
            raise PluginError(f"the briefing data has problems:\n{exc}") from None
        pin_build_date(dataset)
        _state["content"] = generate(dataset, config.site_name, config.site_url, config.site_description or "")


def on_files(files: Any, config: Any) -> Any:
    content = _state["content"]
    for file in [*generated_files(config, content.pages), *generated_assets(config, content.assets)]:
        files.append(file)
    _generated_pages.clear()
    _generated_pages.update(content.pages)
    _state["content"] = dataclasses.replace(content, pages={}, assets={})  # the files hold them now
    return files


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    content = _state["content"]
    if page.file.src_uri in content.unsearched:
        page.meta["search"] = {**page.meta.get("search", {}), "exclude": True}
    if page.file.src_uri in _generated_pages:
        page.file.content_string = ""  # read: page.markdown holds the text now
    if page.file.src_uri == "index.md":
        return markdown.rstrip() + "\n\n" + content.home
    return markdown


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    if page.file.src_uri in _state["content"].first_section:
        return first_section_only(html)
    return html


# A failed or killed build leaves the previous site whole: built aside, swapped in complete.
on_startup, on_config, on_post_build, on_build_error = site_swap.EVENTS
