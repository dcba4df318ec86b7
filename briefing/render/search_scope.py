"""What goes into the site search, so that search stays usable offline at scale.

Opened from disk, Material's search rebuilds its lunr index in the page at every page
load, and the reader waits for it: measured from file:// in Chromium, a cost per indexed
document plus time proportional to the indexed text, so indexing every record page of a
large briefing keeps a reader waiting far too long (benchmarks/READERS.md has the
numbers). So the index is shaped:

* record pages of one kind are indexed while that kind has at most
  :data:`RECORD_PAGE_BUDGET` records. Above it, its records are found through the pages
  that list them (a region's page lists its incidents, a party's page the incidents it
  gave an account of), which stay indexed;
* a generated page whose HTML exceeds :data:`TEXT_BUDGET` characters (a listing of
  thousands of rows) is left out: its text would dominate the index, and every record
  it lists is reachable from a smaller page. The home page is never left out: its lists
  are cut at ``home_key_points`` records whatever the size of the data, and what makes it
  long is the verbatim quotes of its footnotes, not rows;
* once any kind is crowded, the generated pages that stay searchable are indexed by
  their first section only (title, introduction and facts: a region's names, a party's
  name), not by their long lists of related records, and only the first part of a
  split list is searchable. Searching a region's or a party's name then finds its page,
  which lists its incidents.

At the size of the real dataset nothing is left out. Pages left out are still on the
site, linked and in the sitemap; only the search index skips them (Material's
``search: {exclude: true}`` page setting).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

#: Record pages of a kind are searchable while the kind has at most this many records.
RECORD_PAGE_BUDGET = 1000
#: Generated pages whose HTML is longer than this are not searchable (the home page excepted).
TEXT_BUDGET = 180_000
#: The home page: always searchable, however long its footnotes.
HOME = "index.html"


def _kind_folder(path: str) -> str | None:
    """``incidents`` for ``incidents/some-id.html``; ``None`` for index pages and top-level pages."""
    folder, _, name = path.rpartition("/")
    return folder if folder and name != "index.html" else None


def crowded_folders(paths: Iterable[str]) -> set[str]:
    """The record folders with more pages than the search indexes one by one."""
    per_kind = Counter(folder for path in paths if (folder := _kind_folder(path)))
    return {folder for folder, count in per_kind.items() if count > RECORD_PAGE_BUDGET}


def _is_later_part(path: str) -> bool:
    """``regions/x--incidents-2.html``: a further part of a split list."""
    return "--" in path.rpartition("/")[2]


@dataclass(frozen=True, slots=True)
class SearchScope:
    """How the search indexes one generated page."""

    excluded: bool
    first_section_only: bool


def scope(path: str, html: str, crowded: frozenset[str]) -> SearchScope:
    """The search setting of the generated page at ``path`` with body ``html``."""
    excluded = (_kind_folder(path) in crowded or (len(html) > TEXT_BUDGET and path != HOME)
                or bool(crowded and _is_later_part(path)))
    return SearchScope(excluded, bool(crowded) and not excluded)


_SUBHEADING = re.compile(r"<h([2-6])(?=[\s>])")
#: Long blocks that may stand in the first section too: listings, maps, charts and their data.
_BLOCK = re.compile(r"<(table|details|svg)(?=[\s>])")


def first_section_only(html: str) -> str:
    """Mark every heading below the title, and every table, chart and map, with Material's
    ``data-search-exclude``: the search then indexes the page's title and introduction
    only (a region's names, a party's name). What readers see is unchanged."""
    return _BLOCK.sub(r"<\1 data-search-exclude", _SUBHEADING.sub(r"<h\1 data-search-exclude", html))
