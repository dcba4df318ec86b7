"""MkDocs hook: thin glue between MkDocs events and the ``briefing`` package.

* ``on_pre_build``: load and validate ``data/`` *before* MkDocs cleans ``site/``, so a
  data error stops the build with every problem listed and the previous site untouched.
* ``on_files``: add the generated pages, the redirects of renamed and removed ids, and
  the JSON Schemas (``schema/``).
* ``on_page_markdown``: append the generated summary to the hand-written home page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from briefing.errors import DataErrors
from briefing.pipeline import load_dataset
from briefing.redirects import redirect_pages
from briefing.render import Renderer
from briefing.site import generated_assets, generated_files, redirect_files, schema_files

_state: dict[str, Any] = {}


def on_pre_build(config: Any) -> None:
    project = Path(config.config_file_path).parent
    try:
        dataset = load_dataset(project / "data", display_root=project)
    except DataErrors as exc:
        raise PluginError(f"the briefing data has problems:\n{exc}") from None
    renderer = Renderer(dataset)
    _state["pages"] = renderer.pages()
    _state["home"] = renderer.home_summary()
    _state["redirects"] = redirect_pages(dataset)
    _state["assets"] = renderer.assets()


def on_files(files: Any, config: Any) -> Any:
    for file in generated_files(config, _state["pages"]):
        files.append(file)
    for file in [
        *redirect_files(config, _state["redirects"]),
        *schema_files(config),
        *generated_assets(config, _state["assets"]),
    ]:
        files.append(file)
    return files


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    if page.file.src_uri == "index.md":
        return markdown.rstrip() + "\n\n" + _state["home"]
    return markdown
