"""Publishing stories on the built site: open data, the Atom feed, repeatable builds.

* A reader on any index page finds the data downloads; the files in the site are the
  exports of the real data, and the data package passes ``frictionless validate``.
* A feed reader finds the Atom feed from any page's ``<head>``; the feed is valid Atom,
  lists incidents and milestones with dates taken from the data, and links to pages that exist.
* Two builds of the same commit, with a ``site_url`` (so the sitemap lists every page)
  and no ``SOURCE_DATE_EPOCH``, are byte-identical: dates come from the data.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import feedparser
import pytest
from atom_rules import problems
from lxml import etree
from sitetools import Site, file_hashes, make_project, run_mkdocs
from testdata import REAL_DATA, load_yaml

from briefing.model.times import last_data_date
from briefing.pipeline import load_dataset
from briefing.publish.exports import build_exports

ATOM = "{http://www.w3.org/2005/Atom}"
INDEX_PAGES = [
    "index.html", "chronology.html", "incidents/index.html", "regions/index.html", "agreements/index.html",
    "clauses/index.html", "milestones/index.html", "sources/index.html", "parties/index.html", "removed.html",
]
EXPORTS = ["incidents.csv", "claims.csv", "sources.csv", "incidents.geojson", "briefing.json", "removed.csv"]


@pytest.mark.parametrize("page", INDEX_PAGES)
def test_every_index_page_links_to_the_data_downloads(real_pages: Site, page: str) -> None:
    for name in EXPORTS:
        assert real_pages.article_links_to(page, f"data/{name}"), f"{page} does not link to data/{name}"
    assert real_pages.article_links_to(page, "open-data.html")


def test_open_data_page_links_every_file_and_the_feed(real_pages: Site) -> None:
    for name in [*EXPORTS, "datapackage.json"]:
        assert real_pages.article_links_to("open-data.html", f"data/{name}")
        assert real_pages.exists(f"data/{name}")
    assert real_pages.article_links_to("open-data.html", "feed.xml")
    assert "open-data.html" in {target for _href, target in real_pages.links("index.html")}, "in the navigation"


def test_site_holds_the_exports_of_the_real_data(real_site: Path) -> None:
    expected = build_exports(load_dataset(REAL_DATA), "x", "x")
    for name, content in expected.items():
        if name.endswith(".csv"):
            assert (real_site / name).read_bytes() == content, name
    incidents = list(csv.DictReader(io.StringIO((real_site / "data/incidents.csv").read_text(encoding="utf-8"))))
    in_data = sorted((r["date"], r["id"]) for r in load_yaml(REAL_DATA, "incidents"))
    assert [row["event_id"] for row in incidents] == [record_id for _date, record_id in in_data], "every row, oldest first"
    features = json.loads((real_site / "data/incidents.geojson").read_text(encoding="utf-8"))["features"]
    assert len(features) == len(incidents)


def test_published_data_package_passes_frictionless_validate(real_site: Path) -> None:
    from frictionless import validate

    report = validate(real_site / "data" / "datapackage.json")

    assert report.valid, report.flatten(["type", "message"])
    # incidents, claims, assessments, silences, sources, authors, removed, the GeoJSON and the JSON,
    # the bibliography in three formats, the SQLite database and its Datasette metadata
    assert len(report.tasks) == 14


# --- feed -------------------------------------------------------------------------------


def feed_link(site: Site, page: str) -> str:
    links = [link for link in site.soup(page).select("head link[type='application/atom+xml']")
             if "alternate" in link.get("rel", [])]
    assert len(links) == 1, f"{page}: expected one feed link in <head>"
    return site.target(page, links[0]["href"])


@pytest.mark.parametrize("page", ["index.html", "incidents/2021-07-13-shusha.html", "regions/index.html", "about.html"])
def test_every_page_announces_the_feed_in_its_head(real_pages: Site, page: str) -> None:
    assert feed_link(real_pages, page) == "feed.xml"
    assert real_pages.exists("feed.xml")


def test_feed_is_valid_atom(real_site: Path) -> None:
    document = (real_site / "feed.xml").read_bytes()

    assert problems(document) == []
    parsed = feedparser.parse(document)
    assert parsed.version == "atom10"
    assert not parsed.bozo, parsed.get("bozo_exception")


def test_the_atom_checker_catches_an_invalid_feed(real_site: Path) -> None:
    root = etree.fromstring((real_site / "feed.xml").read_bytes())
    entry = root.find(f"{ATOM}entry")
    assert entry is not None
    entry.remove(entry.find(f"{ATOM}updated"))
    entry.find(f"{ATOM}id").text = "not-an-iri"  # type: ignore[union-attr]

    found = problems(etree.tostring(root))

    assert any("atom:updated" in p for p in found) and any("absolute IRI" in p for p in found), found


def test_feed_lists_incidents_and_milestones_with_dates_from_the_data(real_pages: Site) -> None:
    parsed = feedparser.parse(real_pages.text_of("feed.xml"))
    incidents = {str(r["id"]): r for r in load_yaml(REAL_DATA, "incidents")}
    milestones = {str(r["id"]): r for r in load_yaml(REAL_DATA, "milestones")}
    assert len(parsed.entries) == min(100, len(incidents) + len(milestones))

    seen = set()
    for entry in parsed.entries:
        match = re.fullmatch(r"(incidents|milestones)/([a-z0-9-]+)\.html", entry.link)
        assert match, entry.link
        assert real_pages.exists(entry.link), f"feed links to a missing page {entry.link}"
        record = (incidents if match.group(1) == "incidents" else milestones)[match.group(2)]
        assert entry.published.startswith(record["date"].isoformat())
        assert entry.updated >= entry.published
        assert record["title"] in entry.title
        seen.add(match.group(2))
    assert set(incidents) <= seen
    updated = [entry.updated for entry in parsed.entries]
    assert updated == sorted(updated, reverse=True), "newest first"


# --- repeatable builds ------------------------------------------------------------------


def with_site_url(project: Path, url: str) -> Path:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + f"\nsite_url: {url}\n", encoding="utf-8")
    return project


def _gzip_day(site: Path) -> dt.date:
    """The build date MkDocs writes into sitemap.xml.gz's header (its MTIME field)."""
    header = (site / "sitemap.xml.gz").read_bytes()[:8]
    return dt.datetime.fromtimestamp(int.from_bytes(header[4:8], "little"), dt.UTC).date()


def test_two_builds_without_a_build_date_are_byte_identical_sitemap_included(tmp_path: Path) -> None:
    url = "https://briefing.example.net/july-2021/"
    sites = []
    for name, seed in (("one", "1"), ("two", "2")):
        project = with_site_url(make_project(tmp_path / name), url)
        result = run_mkdocs(project, {"SOURCE_DATE_EPOCH": "", "PYTHONHASHSEED": seed})
        assert result.returncode == 0, result.stderr
        sites.append(project / "site")

    one, two = file_hashes(sites[0]), file_hashes(sites[1])
    assert sorted(one) == sorted(two)
    assert sorted(name for name in one if one[name] != two[name]) == []

    sitemap = (sites[0] / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{url}incidents/2021-07-13-shusha.html</loc>" in sitemap
    # Built outside git and without record_dates, no page has a date the build can vouch
    # for: no <lastmod> rather than the build date (tests/test_site_citable.py has the dates).
    assert re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap) == []
    as_of = last_data_date(load_dataset(REAL_DATA))
    assert as_of is not None
    assert _gzip_day(sites[0]) == as_of, "the gzip header is dated by the data"
    feed = feedparser.parse((sites[0] / "feed.xml").read_bytes())
    assert feed.entries[0].link.startswith(url + "incidents/") or feed.entries[0].link.startswith(url + "milestones/")
    assert any(link.rel == "self" and link.href == url + "feed.xml" for link in feed.feed.links)


def test_a_build_date_set_by_the_caller_wins(tmp_path: Path) -> None:
    project = with_site_url(make_project(tmp_path / "p"), "https://briefing.example.net/")
    result = run_mkdocs(project, {"SOURCE_DATE_EPOCH": "1626307200"})  # 2021-07-15
    assert result.returncode == 0, result.stderr

    assert _gzip_day(project / "site") == dt.date(2021, 7, 15)


def test_the_data_date_moves_when_the_data_changes(tmp_path: Path, minimal_data: Path) -> None:
    """The build date is the data's: a newer source access date gives a newer sitemap date."""
    def build(name: str) -> Path:
        project = with_site_url(make_project(tmp_path / name, minimal_data), "https://briefing.example.net/")
        result = run_mkdocs(project, {"SOURCE_DATE_EPOCH": ""})
        assert result.returncode == 0, result.stderr
        return project / "site"

    first = build("a")
    sources = minimal_data / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8").replace("accessed: 2021-01-07", "accessed: 2022-03-04"),
                       encoding="utf-8")
    second = build("b")

    assert _gzip_day(first) == dt.date(2021, 1, 7)
    assert _gzip_day(second) == dt.date(2022, 3, 4)
    assert b"<updated>2022-03-04T00:00:00+00:00</updated>" in (second / "feed.xml").read_bytes()
