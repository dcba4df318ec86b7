"""Search stays usable offline at scale: what goes into the search index.

At the size of the real data every page is searchable. At thousands of records, record
pages of a crowded kind and very long listing pages are left out of the index (they stay
on the site), so that the index a reader's browser builds at every page load from disk
stays small. Time to first result is measured in benchmarks/search_latency.py.
"""

from __future__ import annotations

import json
from pathlib import Path

from briefing.search_scope import RECORD_PAGE_BUDGET, TEXT_BUDGET, unsearched_pages


def pages_of(incidents: int, sources: int = 3, regions: int = 3) -> dict[str, str]:
    pages = {f"incidents/i-{n}.md": "# Incident\n" for n in range(incidents)}
    pages |= {f"sources/s-{n}.md": "# Source\n" for n in range(sources)}
    pages |= {f"regions/r-{n}.md": "# Region\n" for n in range(regions)}
    pages |= {"incidents/index.md": "# Incidents\n", "sources/index.md": "# Sources\n", "chronology.md": "# C\n"}
    return pages


def test_at_a_small_size_every_page_is_searchable() -> None:
    assert unsearched_pages(pages_of(incidents=RECORD_PAGE_BUDGET, sources=RECORD_PAGE_BUDGET)) == set()


def test_a_crowded_kind_leaves_its_record_pages_out_but_keeps_its_index_page() -> None:
    pages = pages_of(incidents=RECORD_PAGE_BUDGET + 1)

    left_out = unsearched_pages(pages)

    assert left_out == {path for path in pages if path.startswith("incidents/i-")}
    assert "incidents/index.md" not in left_out
    assert not any(path.startswith(("sources/", "regions/")) for path in left_out)


def test_a_very_long_listing_page_is_left_out() -> None:
    pages = pages_of(incidents=3)
    pages["chronology.md"] = "| row |\n" * (TEXT_BUDGET // 8 + 1)

    assert unsearched_pages(pages) == {"chronology.md"}


def test_the_real_site_indexes_every_page(real_site: Path) -> None:
    index = json.loads((real_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    indexed = {doc["location"].split("#")[0] for doc in index["docs"]}
    pages = {p.relative_to(real_site).as_posix() for p in real_site.rglob("*.html")} - {"404.html"}

    assert pages - indexed == set()
