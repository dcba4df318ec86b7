"""Step 5 of the data flow: generated content → MkDocs ``File`` objects.

The only module of the package that imports MkDocs, so that moving to a maintained fork
(ProperDocs) touches one small file. Files are created with ``File.generated`` and no
inclusion level, so ``not_in_nav`` in ``mkdocs.yml`` keeps record pages out of the nav.

Every path is checked before a file is made: paths come from validated ids, and one that
is not a plain ``folder/name.ext`` is refused rather than written outside the site.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

#: ``folder/slug.md``, or a further part of a split list: ``folder/slug--2.md``, ``slug--key-2.md``.
_PAGE = re.compile(r"^(?:[a-z]+/)?[a-z0-9]+(?:-[a-z0-9]+)*(?:--(?:[a-z]+-)?[0-9]+)?\.md$")
#: Maps, data exports, the feed, redirect pages, the published schemas.
_ASSET = re.compile(r"^(?:[a-z]+/)?[a-z0-9]+(?:[-.][a-z0-9]+)*\.(?:svg|csv|json|geojson|xml|html)$")


def _generated(config: MkDocsConfig, contents: Mapping[str, str | bytes], safe: re.Pattern[str]) -> list[File]:
    files = []
    for src_uri, content in contents.items():
        if not safe.fullmatch(src_uri):
            raise ValueError(f"refusing to generate a file at unsafe path {src_uri!r}")
        files.append(File.generated(config, src_uri, content=content))
    return files


def generated_files(config: MkDocsConfig, pages: Mapping[str, str]) -> list[File]:
    """One virtual Markdown page per generated page (MkDocs renders them with the theme)."""
    return _generated(config, pages, _PAGE)


def generated_assets(config: MkDocsConfig, assets: Mapping[str, str | bytes]) -> list[File]:
    """Generated files that are not pages, copied into the site as they are."""
    return _generated(config, assets, _ASSET)
