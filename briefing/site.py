"""Step 5 of the data flow: generated Markdown → MkDocs ``File`` objects.

The only module of the package that imports MkDocs, so that moving to a maintained fork
(ProperDocs) touches one small file. Files are created with ``File.generated`` and no
inclusion level, so ``not_in_nav`` in ``mkdocs.yml`` keeps record pages out of the nav.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from importlib import resources

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

_SAFE_PATH = re.compile(r"^(?:[a-z]+/)?[a-z0-9]+(?:-[a-z0-9]+)*\.md$")


def generated_files(config: MkDocsConfig, pages: Mapping[str, str]) -> list[File]:
    """One virtual file per generated page. Paths come from validated ids; a path that is
    not a plain ``folder/slug.md`` is refused rather than written outside the docs."""
    files = []
    for src_uri, markdown in pages.items():
        if not _SAFE_PATH.fullmatch(src_uri):
            raise ValueError(f"refusing to generate a page at unsafe path {src_uri!r}")
        files.append(File.generated(config, src_uri, content=markdown))
    return files


_SAFE_REDIRECT = re.compile(r"^[a-z]+/[a-z0-9]+(?:-[a-z0-9]+)*\.html$")


def redirect_files(config: MkDocsConfig, pages: Mapping[str, str]) -> list[File]:
    """The redirect pages of renamed and removed ids, copied to the site as static HTML."""
    files = []
    for src_uri, html in pages.items():
        if not _SAFE_REDIRECT.fullmatch(src_uri):
            raise ValueError(f"refusing to generate a redirect at unsafe path {src_uri!r}")
        files.append(File.generated(config, src_uri, content=html))
    return files


def schema_files(config: MkDocsConfig) -> list[File]:
    """The JSON Schemas, published with the site at ``schema/<file>.schema.json``: a stable
    address editors and tools outside the repository can point at."""
    folder = resources.files("briefing") / "schema"
    return [
        File.generated(config, f"schema/{entry.name}", content=entry.read_bytes())
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".schema.json")
    ]


_SAFE_ASSET = re.compile(r"^maps/[a-z0-9]+(?:-[a-z0-9]+)*\.svg$")


def generated_assets(config: MkDocsConfig, assets: Mapping[str, str]) -> list[File]:
    """Generated non-page files (the maps' basemap SVG), copied to the site as they are."""
    files = []
    for src_uri, content in assets.items():
        if not _SAFE_ASSET.fullmatch(src_uri):
            raise ValueError(f"refusing to generate a file at unsafe path {src_uri!r}")
        files.append(File.generated(config, src_uri, content=content))
    return files
