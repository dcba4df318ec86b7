"""Search stays usable offline at scale: what goes into the search index.

At the size of the real data every page is searchable. At thousands of records, record
pages of a crowded kind and very long listing pages are left out of the index (they stay
on the site), so that the index a reader's browser builds at every page load from disk
stays small. Time to first result is measured in benchmarks/search_latency.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sitetools import Site, make_project

from briefing.render import search_scope
from briefing.render.search_scope import (
    RECORD_PAGE_BUDGET,
    TEXT_BUDGET,
    crowded_folders,
    first_section_only,
    scope,
)


def pages_of(incidents: int, sources: int = 3, regions: int = 3) -> dict[str, str]:
    pages = {f"incidents/i-{n}.html": "<h1>Incident</h1>" for n in range(incidents)}
    pages |= {f"sources/s-{n}.html": "<h1>Source</h1>" for n in range(sources)}
    pages |= {f"regions/r-{n}.html": "<h1>Region</h1>" for n in range(regions)}
    pages |= {"incidents/index.html": "<h1>Incidents</h1>", "sources/index.html": "<h1>Sources</h1>",
              "chronology.html": "<h1>C</h1>"}
    return pages


def unsearched_pages(pages: dict[str, str]) -> set[str]:
    crowded = frozenset(crowded_folders(pages))
    return {path for path, html in pages.items() if scope(path, html, crowded).excluded}


def first_section_pages(pages: dict[str, str]) -> set[str]:
    crowded = frozenset(crowded_folders(pages))
    return {path for path, html in pages.items() if scope(path, html, crowded).first_section_only}


def test_at_a_small_size_every_page_is_searchable() -> None:
    assert unsearched_pages(pages_of(incidents=RECORD_PAGE_BUDGET, sources=RECORD_PAGE_BUDGET)) == set()


def test_a_crowded_kind_leaves_its_record_pages_out_but_keeps_its_index_page() -> None:
    pages = pages_of(incidents=RECORD_PAGE_BUDGET + 1)

    left_out = unsearched_pages(pages)

    assert left_out == {path for path in pages if path.startswith("incidents/i-")}
    assert "incidents/index.html" not in left_out
    assert not any(path.startswith(("sources/", "regions/")) for path in left_out)


def test_a_very_long_listing_page_is_left_out() -> None:
    pages = pages_of(incidents=3)
    pages["chronology.html"] = "<tr><td>row</td></tr>" * (TEXT_BUDGET // 20 + 1)

    assert unsearched_pages(pages) == {"chronology.html"}


def test_a_long_home_page_stays_searchable() -> None:
    # the home page's lists are cut at its key points; long verbatim quotes in its footnotes
    # must not take it out of the search, while a listing of the same length is left out
    pages = pages_of(incidents=3)
    pages["index.html"] = "<p>quote</p>" * (TEXT_BUDGET // 12 + 1)
    pages["chronology.html"] = pages["index.html"]

    assert unsearched_pages(pages) == {"chronology.html"}


def test_the_real_site_indexes_every_page(real_site: Path) -> None:
    index = json.loads((real_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    indexed = {doc["location"].split("#")[0] for doc in index["docs"]}
    pages = {p.relative_to(real_site).as_posix() for p in real_site.rglob("*.html")
             if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")} - {"404.html"}  # redirects are not pages

    assert pages - indexed == set()


def test_at_a_small_size_every_page_is_indexed_in_full() -> None:
    assert first_section_pages(pages_of(incidents=3)) == set()


def test_once_a_kind_is_crowded_the_other_pages_are_indexed_by_their_first_section() -> None:
    pages = pages_of(incidents=RECORD_PAGE_BUDGET + 1)

    assert first_section_pages(pages) == set(pages) - unsearched_pages(pages)
    assert "regions/r-0.html" in first_section_pages(pages)


def test_first_section_only_leaves_out_listings_maps_and_charts_in_the_first_section() -> None:
    html = ('<h1>Region</h1><p>Names</p><table><tr><td>incident</td></tr></table>'
            '<svg viewBox="0 0 1 1"><title>map</title></svg><details><summary>data</summary></details><p>end</p>')

    assert first_section_only(html) == (
        '<h1>Region</h1><p>Names</p><table data-search-exclude><tr><td>incident</td></tr></table>'
        '<svg data-search-exclude viewBox="0 0 1 1"><title>map</title></svg>'
        '<details data-search-exclude><summary>data</summary></details><p>end</p>'
    )


def test_first_section_only_marks_subheadings_and_nothing_else() -> None:
    html = '<h1 id="t">Title</h1><p>h2 text</p><h2 id="a">A</h2><p>x</p><h3>B</h3><header>h</header>'

    assert first_section_only(html) == (
        '<h1 id="t">Title</h1><p>h2 text</p><h2 data-search-exclude id="a">A</h2><p>x</p>'
        '<h3 data-search-exclude>B</h3><header>h</header>'
    )


def test_at_scale_the_built_index_skips_crowded_pages_and_keeps_first_sections(
    tmp_path: Path, minimal_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real build (in this process, so the budget can be lowered to the minimal dataset's
    size): sources are crowded and left out, other pages keep only their first section,
    and every page is still on the site."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    monkeypatch.setattr(search_scope, "RECORD_PAGE_BUDGET", 1)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1626307200")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    project = make_project(tmp_path / "project", minimal_data)
    build(load_config(str(project / "mkdocs.yml")))

    site = Site(project / "site")
    docs = json.loads(site.text_of("search/search_index.json"))["docs"]
    locations = [doc["location"] for doc in docs]
    assert site.exists("sources/source-one.html") and site.exists("regions/town-y.html")
    crowded = ("sources/source-", "regions/town-y", "regions/country-x", "parties/side-")
    assert not any(location.startswith(crowded) for location in locations)
    assert "regions/index.html" in locations, "index pages stay searchable"
    assert "incidents/2021-01-05-town-y.html" in locations, "one kind alone is not crowded"
    assert not any(location.startswith("incidents/2021-01-05-town-y.html#") for location in locations)
    assert any(location.startswith("about.html#") for location in locations), "hand-written pages in full"
    assert site.soup("incidents/2021-01-05-town-y.html").find("h2", id="summary") is not None


def test_at_scale_only_the_first_part_of_a_split_list_is_searchable() -> None:
    pages = pages_of(incidents=RECORD_PAGE_BUDGET + 1)
    pages |= {"regions/r-0--incidents-2.html": "<h1>R, part 2</h1>", "incidents/index--2.html": "<h1>I, part 2</h1>"}

    left_out = unsearched_pages(pages)

    assert {"regions/r-0--incidents-2.html", "incidents/index--2.html"} <= left_out
    assert "regions/r-0.html" not in left_out and "incidents/index.html" not in left_out
    assert unsearched_pages(pages_of(incidents=3) | {"regions/r-0--incidents-2.html": "<h1>R</h1>"}) == set()
