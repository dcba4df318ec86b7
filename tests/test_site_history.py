"""Stable links and the public trust log, in a real built site.

A reader who bookmarked a record before it was renamed, merged or deleted still lands
somewhere useful, also when the site is opened from disk (file://). Corrections show on
the record's page and, newest first, on the site-wide Corrections page.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sitetools import Site, build_site
from testdata import DataDir

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


@pytest.fixture(scope="module")
def history_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal dataset after a rename, a merge, a deletion and two corrections."""
    root = tmp_path_factory.mktemp("history")
    data = DataDir(root / "input")
    data.edit("incidents", "- id: 2021-01-05-town-y\n", """\
- id: 2021-01-05-town-y-clash
  previous_ids: [2021-01-05-town-y]
  corrections:
    - {date: 2021-01-20, kind: update, note: Added Side B's account.}
    - {date: 2021-02-03, kind: correction, note: "The wounded figure was 2, not 1 <script>alert(1)</script>."}
""")
    data.edit("assessments", "incidents: [2021-01-05-town-y]", "incidents: [2021-01-05-town-y-clash]")
    data.edit("sources", "- id: source-one\n", """\
- id: source-one
  corrections:
    - {date: 2021-01-25, kind: correction, note: Fixed the publication date.}
""")
    data.write("removed", """\
        - id: 2021-01-04-town-y
          kind: incident
          removed: 2021-02-01
          action: merged
          replaced_by: 2021-01-05-town-y-clash
          reason: The same exchange of fire was reported twice.
        - id: source-nine
          kind: source
          removed: 2021-02-02
          action: deleted
          reason: The article was withdrawn by its publisher.
    """)
    return build_site(root / "project", data.data)


@pytest.fixture(scope="module")
def pages(history_site: Path) -> Site:
    return Site(history_site)


def test_a_renamed_record_keeps_its_old_address(pages: Site) -> None:
    soup = pages.soup("incidents/2021-01-05-town-y.html")

    refresh = soup.find("meta", attrs={"http-equiv": "refresh"})
    assert refresh is not None and refresh["content"] == "0; url=2021-01-05-town-y-clash.html"
    link = soup.find("a")
    assert link["href"] == "2021-01-05-town-y-clash.html"
    assert link.get_text() == "Exchange of fire reported near Town Y"
    assert pages.exists("incidents/2021-01-05-town-y-clash.html")


def test_a_merged_record_leads_to_the_record_it_became_and_a_deleted_one_to_the_removed_list(pages: Site) -> None:
    merged = pages.soup("incidents/2021-01-04-town-y.html").find("a")
    deleted = pages.soup("sources/source-nine.html").find("a")

    assert merged["href"] == "2021-01-05-town-y-clash.html"
    assert deleted["href"] == "../removed.html#removed-source-source-nine"
    row = pages.soup("removed.html").find(id="removed-source-source-nine")
    assert row.name == "tr", "the old address lands on the row itself"
    assert "source-nine" in row.get_text() and "2021-02-02" in row.get_text()


def test_redirect_pages_are_not_pages_of_the_site(pages: Site) -> None:
    index = json.loads(pages.text_of("search/search_index.json"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}

    assert "incidents/2021-01-05-town-y-clash.html" in locations
    assert "incidents/2021-01-05-town-y.html" not in locations


def test_a_record_page_shows_its_corrections_newest_first(pages: Site) -> None:
    section = pages.section("incidents/2021-01-05-town-y-clash.html", "Corrections and updates")
    items = [li.get_text(" ", strip=True) for li in section.find_all("li")]

    assert items == [
        "3 February 2021, correction: The wounded figure was 2, not 1 <script>alert(1)</script>.",
        "20 January 2021, update: Added Side B's account.",
    ]
    assert section.find("script") is None


def test_the_corrections_page_lists_every_correction_newest_first(pages: Site) -> None:
    rows = pages.article("corrections.html").find("table").find("tbody").find_all("tr")
    cells = [[td.get_text(" ", strip=True) for td in row.find_all("td")] for row in rows]

    assert [row[:3] for row in cells] == [
        ["2021-02-03", "correction", "Incident: Exchange of fire reported near Town Y"],
        ["2021-01-25", "correction", "Source: Press release on the Town Y incident"],
        ["2021-01-20", "update", "Incident: Exchange of fire reported near Town Y"],
    ]
    assert pages.article_links_to("corrections.html", "sources/source-one.html")


def test_the_real_site_has_a_corrections_page_in_the_navigation(real_pages: Site) -> None:
    # the 9 July record was updated when Armenia's denial was found (grade single-source → contested)
    text = real_pages.article_text("corrections.html")
    assert "No published record has been corrected or updated yet." not in text
    assert "the grade changed from single-source to contested" in " ".join(text.split())
    assert real_pages.article_links_to("corrections.html", "incidents/2021-07-09-gadabay.html")
    assert real_pages.links_to("index.html", "corrections.html")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing in CI")
        pytest.skip(f"{CHROMIUM} is missing")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


@pytest.mark.parametrize(("old", "lands_on"), [
    ("incidents/2021-01-05-town-y.html", "incidents/2021-01-05-town-y-clash.html"),
    ("incidents/2021-01-04-town-y.html", "incidents/2021-01-05-town-y-clash.html"),
    ("sources/source-nine.html", "removed.html#removed-source-source-nine"),
])
def test_old_addresses_redirect_in_a_browser_opened_from_disk(
        browser: object, history_site: Path, old: str, lands_on: str) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    try:
        target, _, fragment = lands_on.partition("#")
        expected = (history_site / target).as_uri() + (f"#{fragment}" if fragment else "")
        page.goto((history_site / old).as_uri())
        page.wait_for_url(expected, timeout=10_000)
        assert page.url == expected
        assert page.locator("article h1").count() == 1
    finally:
        page.close()
