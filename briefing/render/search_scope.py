"""What goes into the site search, so that search stays usable offline at scale.

Opened from disk, Material's search rebuilds its lunr index in the page at every page
load, and the reader waits for it: measured from file:// in Chromium, about 0.25 ms per
indexed document plus time proportional to the indexed text (benchmarks/results.md).
At 10,000 incidents, indexing every record page (≈14,000 pages, ≈100,000 sections)
takes tens of seconds. So the index is shaped:

* record pages of one kind are indexed while that kind has at most
  :data:`RECORD_PAGE_BUDGET` records. Above it, its records are found through the pages
  that list them (a region's page lists its incidents, a party's page the incidents it
  gave an account of), which stay indexed;
* a generated page whose Markdown exceeds :data:`TEXT_BUDGET` characters (a listing of
  thousands of rows) is left out: its text would dominate the index, and every record
  it lists is reachable from a smaller page;
* once any kind is crowded, the generated pages that stay searchable are indexed by
  their first section only (title, introduction and facts: a region's names, a party's
  name), not by their long lists of related records. Searching a region's or a party's
  name then finds its page, which lists its incidents.

At the size of the real dataset nothing is left out. Pages left out are still on the
site, linked and in the sitemap; only the search index skips them (Material's
``search: {exclude: true}`` page setting).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping

#: Record pages of a kind are searchable while the kind has at most this many records.
RECORD_PAGE_BUDGET = 1000
#: Generated pages whose Markdown is longer than this are not searchable.
TEXT_BUDGET = 60_000


def _kind_folder(path: str) -> str | None:
    """``incidents`` for ``incidents/some-id.md``; ``None`` for index pages and top-level pages."""
    folder, _, name = path.rpartition("/")
    return folder if folder and name != "index.md" else None


def _crowded(pages: Mapping[str, str]) -> set[str]:
    per_kind = Counter(folder for path in pages if (folder := _kind_folder(path)))
    return {folder for folder, count in per_kind.items() if count > RECORD_PAGE_BUDGET}


def unsearched_pages(pages: Mapping[str, str]) -> set[str]:
    """The generated pages (by path) to leave out of the search index."""
    crowded = _crowded(pages)
    return {
        path for path, markdown in pages.items()
        if _kind_folder(path) in crowded or len(markdown) > TEXT_BUDGET
        or (crowded and _is_later_part(path))
    }


def _is_later_part(path: str) -> bool:
    """``regions/x--incidents-2.md``: a further part of a split list. Once the site is
    crowded, only a list's first part (which links to the others) is searchable."""
    return "--" in path.rpartition("/")[2]


def first_section_pages(pages: Mapping[str, str]) -> set[str]:
    """The generated pages to index by their first section only: every searchable one
    once some kind is crowded, none otherwise."""
    if not _crowded(pages):
        return set()
    return set(pages) - unsearched_pages(pages)


_SUBHEADING = re.compile(r"<h([2-6])(?=[\s>])")
#: Long blocks that may stand in the first section too: listings, maps, charts and their data.
_BLOCK = re.compile(r"<(table|details|svg)(?=[\s>])")


def first_section_only(html: str) -> str:
    """Mark every heading below the title, and every table, chart and map, with Material's
    ``data-search-exclude``: the search then indexes the page's title and introduction
    only (a region's names, a party's name). What readers see is unchanged."""
    return _BLOCK.sub(r"<\1 data-search-exclude", _SUBHEADING.sub(r"<h\1 data-search-exclude", html))
