"""The briefing's part of an MkDocs process, driven by the hook's events.

The hook (``hooks/briefing_hook.py``) only forwards MkDocs events to one
:class:`BuildSession`, which lives as long as the MkDocs process: ``mkdocs serve`` keeps
it from one rebuild to the next.

* ``pre_build``: load and validate the data *before* MkDocs cleans ``site/``, so a data
  error stops the build with every problem listed and the previous site untouched; then
  plan every page and make the generated files (:func:`briefing.generate.generate`).
* ``files``: add the generated pages (as :class:`~.pages.GeneratedPage`, rendered when
  MkDocs reads them) and the generated files.
* ``env``: every page is rendered by now; check that every link a generated page makes
  leads to a page or file of the site (MkDocs' strict link validation cannot see them:
  generated pages are never Markdown).

**Dirty builds** (``mkdocs serve --dirty``, ``mkdocs build --dirty``) rewrite only what
changed. The session keeps the previous build's parsed files and records (unchanged ones
are reused, see :class:`briefing.pipeline.Reuse`), each page's fingerprint
(:mod:`briefing.render.fingerprint`) and each generated file's digest. A page whose
fingerprint did not change is reported unmodified to MkDocs, which then neither reads nor
writes it; its search-index entries are taken from the previous build, so the index
written is the one a clean build writes; pages and files that no longer exist are
deleted from the site.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import logging
import re
from collections.abc import Hashable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from briefing.config import ConfigError
from briefing.errors import DataErrors
from briefing.gc_pause import collector_paused
from briefing.generate import SiteContent, generate
from briefing.kinds import DATA_FILES
from briefing.load.git_history import read_history
from briefing.mkdocs_adapter.files import asset_files, page_file
from briefing.mkdocs_adapter.options import BriefingConfig
from briefing.mkdocs_adapter.pages import GeneratedPage
from briefing.mkdocs_adapter.preview_problems import PreviewProblems
from briefing.mkdocs_adapter.project import briefing_options
from briefing.mkdocs_adapter.theme_env import ThemeEnvironments
from briefing.model.record_dates import site_dates
from briefing.pipeline import Reuse, load_dataset
from briefing.publish.build_date import pin_build_date
from briefing.render.contexts import PageContext
from briefing.render.fingerprint import fingerprints
from briefing.render.incremental import Planner
from briefing.render.renderer import RenderedPage, page_meta, render
from briefing.render.search_scope import first_section_only, scope

log = logging.getLogger("mkdocs.plugins.briefing")


@dataclass
class _Built:
    """What a build leaves for the next dirty build to compare with."""

    #: Everything outside the data that every page depends on (options, crowded kinds, site name).
    settings: Hashable
    pages: dict[str, Hashable]
    assets: dict[str, bytes]
    #: Search entries by page source path (``incidents/x.md``), for pages not rebuilt next time.
    search: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    #: A digest of each page as rendered (by site path): a page whose fingerprint changed
    #: but renders the same (it shows no part of the record that changed) is not rewritten.
    rendered: dict[str, bytes] = field(default_factory=dict)


@dataclass
class _Changes:
    pages: frozenset[str] | None  # None: everything
    assets: frozenset[str] | None
    gone: frozenset[str] = frozenset()


class BuildSession:
    """The briefing's part of one MkDocs process."""

    def __init__(self) -> None:
        self.dirty = False
        self.reuse = Reuse()
        self.planner = Planner()
        self.content: SiteContent | None = None
        self.pages: list[GeneratedPage] = []
        self._files: Files | None = None
        self.changes = _Changes(None, None)
        self._built: _Built | None = None
        self._fresh: _Built | None = None
        self._search_mark = 0
        #: Pages rendered while comparing, for MkDocs to use instead of rendering them again.
        self._prerendered: dict[str, RenderedPage] = {}
        #: The generated fragments hand-written pages ask for, as the last build wrote them.
        self._fragments: dict[str, str] = {}
        self.themes = ThemeEnvironments()
        #: In ``mkdocs serve``: the data's problems, shown on every page instead of stopping the build.
        self.preview = PreviewProblems()

    def startup(self, dirty: bool, command: str = "build") -> None:
        self.dirty = dirty
        self.preview.serving = command == "serve"

    def pre_build(self, config: MkDocsConfig) -> None:
        # Let go of the last build's pages and files first: they refer to each other, and
        # must be garbage when the collector looks (briefing.gc_pause), not frozen with the data.
        self.pages, self._files, self.content = [], None, None
        try:
            self._generate(config)
        except (DataErrors, ConfigError) as exc:
            if not self.preview.serving:
                what = "data has problems" if isinstance(exc, DataErrors) else "options are wrong"
                raise PluginError(f"the briefing {what}:\n{exc}") from None
            # mkdocs serve: the build goes on without the generated pages (a dirty build
            # keeps the last good ones), and every page served lists the problems.
            self.preview.show(exc, strict=bool(config.strict))
            self.content, self.changes, self._fresh = None, _Changes(frozenset(), frozenset()), None
            if isinstance(exc, ConfigError):  # raised while planning: plan the next build from scratch
                self.planner, self._built = Planner(), None
        else:
            self.preview.clear()
        self._search_mark = 0

    def _generate(self, config: MkDocsConfig) -> None:
        project = Path(config.config_file_path).parent
        options, folder = briefing_options(config.extra, config.config_file_path)
        if self.dirty:
            self.themes.install(config.theme, project)
        with collector_paused():
            dataset = load_dataset(folder, display_root=project, reuse=self.reuse if self.dirty else None)
            pin_build_date(dataset)
            history = read_history(folder, DATA_FILES)
            for problem in history.problems:
                log.info(f"Record dates: {problem}; dates come from the records' record_dates fields.")
            self.content = generate(dataset, options, config.site_name, config.site_url,
                                    config.site_description or "", site_dates(dataset, history),
                                    planner=self.planner if self.dirty else None)
            self._compare(config, options)

    def _compare(self, config: MkDocsConfig, options: BriefingConfig) -> None:
        """In a dirty build, find what changed since the last one."""
        content = self.content
        assert content is not None
        if not self.dirty:
            self.changes, self._fresh = _Changes(None, None), None
            return
        settings = (tuple(sorted(options.items())), content.crowded, config.site_name, config.site_url)
        built = self._built
        fresh = _Built(settings, _fingerprints(content, built),
                       {path: _digest(body) for path, body in content.assets.items()})
        self._prerendered = {}
        if built is None or built.settings != settings:
            self.changes = _Changes(None, None)
        else:
            self.changes = _Changes(
                self._changed_pages(content, built, fresh),
                frozenset(p for p, digest in fresh.assets.items() if built.assets.get(p) != digest),
                frozenset((set(built.pages) | set(built.assets)) - set(fresh.pages) - set(fresh.assets)),
            )
            fresh.search = built.search
        self._fresh = fresh

    def _changed_pages(self, content: SiteContent, built: _Built, fresh: _Built) -> frozenset[str]:
        """The pages whose fingerprint changed and that render differently; the others
        keep the last build's output."""
        changed = set()
        for path, print_ in fresh.pages.items():
            if built.pages.get(path) == print_ and path in built.rendered:
                fresh.rendered[path] = built.rendered[path]
                continue
            page = self._prerendered[path] = self._renderer(content.pages[path], content)()
            fresh.rendered[path] = _page_digest(page)
            if built.rendered.get(path) != fresh.rendered[path]:
                changed.add(path)
        return frozenset(changed)

    def serve(self, server: Any, config: MkDocsConfig) -> Any:
        """``mkdocs serve`` rebuilds when the data or a page template changes, and every
        page it serves lists the data's problems while there are any."""
        if self.preview.serving:
            self.preview.attach(server)
        with contextlib.suppress(ConfigError):  # bad options are shown; MkDocs watches mkdocs.yml itself
            server.watch(str(briefing_options(config.extra, config.config_file_path)[1]))
        server.watch(str(resources.files("briefing") / "templates"))
        return server

    def files(self, files: Files, config: MkDocsConfig) -> Files:
        content = self.content
        if content is None:  # mkdocs serve with problems in the data: no generated page
            return files
        titles = dict(_nav_titles(config.nav or []))
        self.pages = []
        changed = self.changes.pages
        if self.dirty and content.fragments != self._fragments:
            _rebuild_pages_with_fragments(files, content.fragments)
        self._fragments = dict(content.fragments)
        for path, context in content.pages.items():
            file = page_file(config, path, changed=changed is None or path in changed)
            existing = files.get_file_from_path(file.src_uri)
            if existing is not None:  # a hand-written page of the same name gives way
                files.remove(existing)
            files.append(file)
            title = titles.get(file.src_uri) or html.escape(" ".join(context.title.split()))
            self.pages.append(GeneratedPage(file, config, self._source(path, context, content), title,
                                            page_meta(context)))
        for asset in asset_files(config, content.assets, self.changes.assets):
            files.append(asset)
        self._files = files
        return files

    def _source(self, path: str, context: PageContext, content: SiteContent) -> Any:
        """What MkDocs calls to read a page: rendered while comparing, or now; its digest
        is kept for the next dirty build."""
        rendered, fresh = self._prerendered.pop(path, None), self._fresh

        def source() -> RenderedPage:
            page = rendered or self._renderer(context, content)()
            if fresh is not None:
                fresh.rendered[path] = _page_digest(page)
            return page
        return source

    @staticmethod
    def _renderer(context: PageContext, content: SiteContent) -> Any:
        def rendered() -> RenderedPage:
            page = render(context)
            setting = scope(page.path, page.html, content.crowded)
            meta = dict(page.meta)
            if setting.excluded:
                meta["search"] = {**meta.get("search", {}), "exclude": True}
            body = first_section_only(page.html) if setting.first_section_only else page.html
            return RenderedPage(page.path, page.title, body, page.toc, page.anchors, page.targets, meta)
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

    def page_markdown(self, markdown: str) -> str:
        """A hand-written page with the generated fragments it asks for (``<!-- briefing:scope -->``)."""
        for name, fragment in (self.content.fragments.items() if self.content else ()):
            # only a marker on a line of its own: the docs that name the marker keep it as text
            marker = re.compile(rf"(?m)^[ \t]*<!-- briefing:{re.escape(name)} -->[ \t]*$")
            markdown = marker.sub(fragment.replace("\\", "\\\\"), markdown)
        return markdown

    def page_context(self, page: Page, config: MkDocsConfig) -> None:
        """Keep the search entries the search plugin just made for ``page``."""
        index = _search_index(config)
        if index is None or self._fresh is None:
            return
        self._fresh.search[page.file.src_uri] = index.entries[self._search_mark:]
        self._search_mark = len(index.entries)

    def post_build(self, config: MkDocsConfig) -> None:
        """Before the search plugin writes its index: in a dirty build, the entries of the
        pages not rebuilt come from the previous build, in the order a clean build has."""
        fresh, files = self._fresh, self._files
        plugin = config.plugins.get("material/search") or config.plugins.get("search")
        if plugin is not None:
            # Material's own merge for dirty builds assumes one page changed: it would
            # reorder the index, or double it in a clean build after a dirty one.
            plugin.search_index_prev = None
        if self.content is None:  # a preview with problems: the last good build stays the reference
            self.preview.remind(strict=bool(config.strict))
            return
        if fresh is not None and files is not None:
            index = _search_index(config)
            if index is not None:
                index.entries = [entry for file in files.documentation_pages()
                                 for entry in fresh.search.get(file.src_uri, [])]
            for path in sorted(self.changes.gone):
                (Path(config.site_dir) / path).unlink(missing_ok=True)
            fresh.search = {file.src_uri: fresh.search.get(file.src_uri, []) for file in files.documentation_pages()}
        self._built = fresh


def _rebuild_pages_with_fragments(files: Files, fragments: Mapping[str, str]) -> None:
    """A hand-written page that asks for a generated fragment (``<!-- briefing:scope -->``)
    shows the data: when a fragment changed, a dirty build writes it again, as it writes a
    generated page that changed (MkDocs would skip it, its Markdown being older than its output)."""
    markers = [f"<!-- briefing:{name} -->" for name in fragments]
    for file in files.documentation_pages():
        source = file.abs_src_path
        if source and Path(source).is_file():
            lines = Path(source).read_text(encoding="utf-8").splitlines()
            if any(line.strip() in markers for line in lines):
                file.is_modified = lambda: True  # type: ignore[method-assign]


def _fingerprints(content: SiteContent, built: _Built | None) -> dict[str, Hashable]:
    """Every page's fingerprint: computed for the pages planned in this build, kept from
    the last build for the others (their contexts are the same objects)."""
    planned = content.planned
    if planned is None or built is None:
        return fingerprints(content.pages)
    fresh = fingerprints({path: content.pages[path] for path in planned})
    return {path: fresh[path] if path in planned else built.pages[path] for path in content.pages}


def _search_index(config: MkDocsConfig) -> Any:
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    return getattr(plugin, "search_index", None)


def _page_digest(page: RenderedPage) -> bytes:
    digest = hashlib.blake2b(digest_size=20)
    for part in (page.path, page.title, page.html, page.toc, sorted(page.anchors), sorted(page.targets), page.meta):
        text = (part if isinstance(part, str) else repr(part)).encode("utf-8", "surrogatepass")
        digest.update(len(text).to_bytes(8, "little"))
        digest.update(text)
    return digest.digest()


def _digest(body: str | bytes) -> bytes:
    raw = body.encode("utf-8") if isinstance(body, str) else body
    return hashlib.blake2b(raw, digest_size=20).digest()


def _nav_titles(items: list[Any]) -> Iterator[tuple[str, str]]:
    """(page source path, title) for every page ``mkdocs.yml``'s nav names with a title."""
    for item in items:
        if isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str):
                    yield value, title
                elif isinstance(value, list):
                    yield from _nav_titles(value)
