"""Generated content → MkDocs ``File`` objects.

Pages are virtual Markdown files (``incidents/x.md``, so MkDocs treats them as pages and
writes ``incidents/x.html``) whose body is never Markdown: :mod:`.pages` hands MkDocs the
finished HTML. Record pages, the further parts of long lists and the region-year views are
created out of the navigation (:func:`in_nav`), whatever their kind: ``mkdocs.yml`` lists no
folder of records, and a kind added to the registry needs no line there.

Every path is checked before a file is made: paths come from validated ids, and one that
is not a plain ``folder/name.ext`` is refused rather than written outside the site.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, InclusionLevel

#: ``folder/slug.html``, or a further part of a split list: ``folder/slug--2.html``, ``slug--key-2.html``.
_PAGE = re.compile(r"^(?:[a-z]+/)?[a-z0-9]+(?:-[a-z0-9]+)*(?:--(?:[a-z]+-)?[0-9]+)?\.html$")
#: Maps, data exports, the feed, redirect pages, the published schemas.
_ASSET = re.compile(r"^(?:[a-z]+/)?[a-z0-9]+(?:[-.][a-z0-9]+)*\.(?:svg|csv|json|geojson|xml|html|css|bib|ris|sqlite|zip)$")


class GeneratedFile(File):
    """A generated file that says whether its content changed since the previous build,
    so a dirty build (``mkdocs serve --dirty``) rewrites only what changed."""

    changed: bool = True

    def is_modified(self) -> bool:
        return self.changed


def _checked(path: str, safe: re.Pattern[str]) -> str:
    if not safe.fullmatch(path):
        raise ValueError(f"refusing to generate a file at unsafe path {path!r}")
    return path


def in_nav(path: str) -> bool:
    """Whether a generated page may appear in the navigation: a kind's list page
    (``incidents/index.html``) or a site-wide page (``chronology.html``); never a record's
    page, a further part of a list (``--2``) or a view in ``filters/``."""
    folder, _, name = path.rpartition("/")
    return "--" not in name and (not folder or name == "index.html")


def page_file(config: MkDocsConfig, path: str, changed: bool = True) -> GeneratedFile:
    """The virtual page file of the generated page at site path ``path``."""
    source = _checked(path, _PAGE).removesuffix(".html") + ".md"
    inclusion = InclusionLevel.UNDEFINED if in_nav(path) else InclusionLevel.NOT_IN_NAV
    file = GeneratedFile.generated(config, source, content="", inclusion=inclusion)
    assert isinstance(file, GeneratedFile)
    file.changed = changed
    return file


def asset_files(config: MkDocsConfig, assets: Mapping[str, str | bytes],
                changed: frozenset[str] | None = None) -> list[GeneratedFile]:
    """Generated files that are not pages, copied into the site as they are; with
    ``changed``, only those paths count as modified."""
    files = []
    for path, content in assets.items():
        file = GeneratedFile.generated(config, _checked(path, _ASSET), content=content)
        assert isinstance(file, GeneratedFile)
        file.changed = changed is None or path in changed
        files.append(file)
    return files
