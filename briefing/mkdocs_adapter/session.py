"""One build of the site inside MkDocs, driven by the hook's events.

The hook (``hooks/briefing_hook.py``) only forwards MkDocs events to a
:class:`BuildSession`, which lives as long as the MkDocs process: ``mkdocs serve`` keeps
it from one rebuild to the next.

* ``pre_build``: load and validate ``data/`` *before* MkDocs cleans ``site/``, so a data
  error stops the build with every problem listed and the previous site untouched; then
  plan every page and make the generated files (:func:`briefing.generate.generate`).
* ``files``: add the generated pages (as :class:`~.pages.GeneratedPage`, rendered when
  MkDocs reads them) and the generated files.
* ``env``: every page is rendered by now; check that every link a generated page makes
  leads to a page or file of the site (MkDocs' strict link validation cannot see them:
  generated pages are never Markdown).
"""

from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from briefing.config import ConfigError, data_dir, load_options
from briefing.errors import DataErrors
from briefing.gc_pause import collector_paused
from briefing.generate import SiteContent, generate
from briefing.mkdocs_adapter.files import asset_files, page_file
from briefing.mkdocs_adapter.pages import GeneratedPage
from briefing.pipeline import load_dataset
from briefing.publish.build_date import pin_build_date
from briefing.publish.exports import last_data_date
from briefing.render.contexts import PageContext
from briefing.render.renderer import RenderedPage, render
from briefing.render.search_scope import first_section_only, scope

log = logging.getLogger("mkdocs.plugins.briefing")


class BuildSession:
    """The briefing's part of one MkDocs process."""

    def __init__(self) -> None:
        self.content: SiteContent | None = None
        self.pages: list[GeneratedPage] = []

    def pre_build(self, config: MkDocsConfig) -> None:
        project = Path(config.config_file_path).parent
        try:
            options = load_options(config.extra.get("briefing"), Path(config.config_file_path).name)
        except ConfigError as exc:
            raise PluginError(f"the briefing options are wrong:\n{exc}") from None
        with collector_paused():
            try:
                dataset = load_dataset(data_dir(options, project), display_root=project)
            except DataErrors as exc:
                raise PluginError(f"the briefing data has problems:\n{exc}") from None
            pin_build_date(dataset)
            as_of = last_data_date(dataset)
            # The data's "as of" date, printed at the foot of every page (overrides/main.html).
            config.extra["briefing_data_as_of"] = as_of.isoformat() if as_of else ""
            self.content = generate(dataset, options, config.site_name, config.site_url,
                                    config.site_description or "")

    def serve(self, server: Any, config: MkDocsConfig) -> Any:
        """``mkdocs serve`` rebuilds when the data or a page template changes."""
        project = Path(config.config_file_path).parent
        options = load_options(config.extra.get("briefing"), Path(config.config_file_path).name)
        server.watch(str(data_dir(options, project)))
        server.watch(str(resources.files("briefing") / "templates"))
        return server

    def files(self, files: Files, config: MkDocsConfig) -> Files:
        content = self.content
        assert content is not None, "pre_build comes first"
        self.pages = []
        for path, context in content.pages.items():
            file = page_file(config, path)
            existing = files.get_file_from_path(file.src_uri)
            if existing is not None:  # a hand-written page of the same name gives way
                files.remove(existing)
            files.append(file)
            self.pages.append(GeneratedPage(file, config, self._renderer(context, content)))
        for asset in asset_files(config, content.assets):
            files.append(asset)
        return files

    @staticmethod
    def _renderer(context: PageContext, content: SiteContent) -> Any:
        def rendered() -> RenderedPage:
            page = render(context)
            setting = scope(page.path, page.html, content.crowded)
            meta = dict(page.meta)
            if setting.excluded:
                meta["search"] = {**meta.get("search", {}), "exclude": True}
            html = first_section_only(page.html) if setting.first_section_only else page.html
            return RenderedPage(page.path, page.title, html, page.toc, page.anchors, page.targets, meta)
        return rendered

    def env(self, files: Files) -> None:
        """Every link a generated page makes must lead somewhere in the site."""
        known = {file.dest_uri: file for file in files}
        for page in self.pages:
            if page.rendered is None:
                continue  # not read in this build (a dirty build skips unchanged pages)
            for target in sorted(page.rendered.targets):
                path, _, anchor = target.partition("#")
                file = known.get(path)
                if file is None:
                    log.warning(f"Generated page '{page.file.dest_uri}' links to '{target}', "
                                "which is not a page or file of the site.")
                elif anchor and file.page is not None and file.page.present_anchor_ids is not None \
                        and anchor not in file.page.present_anchor_ids:
                    log.warning(f"Generated page '{page.file.dest_uri}' links to '{target}', "
                                f"but there is no anchor '#{anchor}' on '{path}'.")
