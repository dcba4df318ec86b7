"""Step 5 of the data flow: generated Markdown → MkDocs ``File`` objects.

The only module of the package that imports MkDocs, so that moving to a maintained fork
(ProperDocs) touches one small file. Files are created with ``File.generated`` and no
inclusion level, so ``not_in_nav`` in ``mkdocs.yml`` keeps record pages out of the nav.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

#: ``folder/slug.md``, or a further part of a split list: ``folder/slug--2.md``, ``slug--key-2.md``.
_SAFE_PATH = re.compile(r"^(?:[a-z]+/)?[a-z0-9]+(?:-[a-z0-9]+)*(?:--(?:[a-z]+-)?[0-9]+)?\.md$")


def generated_files(config: MkDocsConfig, pages: Mapping[str, str]) -> list[File]:
    """One virtual file per generated page. Paths come from validated ids; a path that is
    not a plain ``folder/slug.md`` is refused rather than written outside the docs."""
    files = []
    for src_uri, markdown in pages.items():
        if not _SAFE_PATH.fullmatch(src_uri):
            raise ValueError(f"refusing to generate a page at unsafe path {src_uri!r}")
        files.append(File.generated(config, src_uri, content=markdown))
    return files
