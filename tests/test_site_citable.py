"""A reader can cite and date every record: its page says when it was first published and
last changed, "cite this record" gives text, BibTeX and CSL-JSON with the permanent
address, and the feed and the sitemap carry each record's own dates.

The real data is built in a git repository whose commits have known dates: the data
first committed on 1 September 2021, one incident corrected on 15 September 2021.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from sitetools import SOURCE_DATE_EPOCH, BuildFailed, Site, make_project, run_mkdocs, section, squash

SITE_URL = "https://example.org/briefing/"
CORRECTED = "2021-07-13-shusha"
UNTOUCHED = "2021-07-06-agdam"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _git(project: Path, *args: str, day: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": f"{day}T09:00:00Z", "GIT_COMMITTER_DATE": f"{day}T09:00:00Z",
           "GIT_AUTHOR_NAME": "Analyst", "GIT_AUTHOR_EMAIL": "a@example.org", "GIT_COMMITTER_NAME": "Analyst",
           "GIT_COMMITTER_EMAIL": "a@example.org", "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)


@pytest.fixture(scope="module")
def dated(tmp_path_factory: pytest.TempPathFactory) -> Site:
    project = make_project(tmp_path_factory.mktemp("dated-project"))
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + f'\nsite_url: "{SITE_URL}"\n', encoding="utf-8")
    _git(project, "init", "-q", "-b", "main", day="2021-09-01")
    _git(project, "add", "-A", day="2021-09-01")
    _git(project, "commit", "-q", "-m", "The July 2021 data", day="2021-09-01")
    incidents = project / "data" / "incidents.yaml"
    text = incidents.read_text(encoding="utf-8")
    start = text.index(f"- id: {CORRECTED}")
    at = text.index("  grade: ", start)
    incidents.write_text(text[:at] + "  grade: weak\n" + text[text.index("\n", at) + 1:], encoding="utf-8")
    _git(project, "commit", "-q", "-am", "Shusha: grade", day="2021-09-15")
    result = run_mkdocs(project, {"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH})
    if result.returncode != 0:
        raise BuildFailed(result.stderr)
    return Site(project / "site")


def test_a_record_page_says_when_it_was_first_published_and_last_changed(dated: Site) -> None:
    corrected = dated.article(f"incidents/{CORRECTED}.html").select_one(".briefing-dates")
    untouched = dated.article(f"incidents/{UNTOUCHED}.html").select_one(".briefing-dates")

    assert corrected is not None and untouched is not None
    assert squash(corrected.get_text(" ")).startswith("First published 1 September 2021 · last changed 15 September 2021")
    assert squash(untouched.get_text(" ")).startswith("First published 1 September 2021 · Cite this record")
    assert [t["datetime"] for t in corrected.find_all("time")] == ["2021-09-01", "2021-09-15"]


@pytest.mark.parametrize("path", [
    "regions/shusha.html", "sources/jamestown-2021-07-21.html", "parties/armenia.html",
    "agreements/trilateral-statement-2020-11-10.html", "clauses/trilateral-2020-clause-4.html",
    "milestones/2021-01-11-trilateral-summit-working-group.html",
])
def test_every_kind_of_record_page_is_dated_and_citable(dated: Site, path: str) -> None:
    article = dated.article(path)
    dates = article.select_one(".briefing-dates")
    assert dates is not None and "First published 1 September 2021" in squash(dates.get_text(" "))
    cite = section(article, "Cite this record")
    assert SITE_URL + path in cite.get_text()


def test_cite_this_record_gives_text_bibtex_and_csl_json_with_the_permanent_address(dated: Site) -> None:
    cite = section(dated.article(f"incidents/{CORRECTED}.html"), "Cite this record")
    address = f"{SITE_URL}incidents/{CORRECTED}.html"

    text = squash(cite.select_one(".briefing-cite").get_text())
    assert text.endswith(f"Incident record {CORRECTED}, version of 15 September 2021 (first published 1 September 2021). {address}")
    bibtex, ris, csl = (code.get_text() for code in cite.select("pre code"))
    assert f"UR  - {address}" in ris
    assert f"@misc{{incident-{CORRECTED}," in bibtex
    assert re.search(r"year\s+= \{2021\}", bibtex) and re.search(r"month\s+= sep", bibtex)
    assert f"{{{address}}}" in bibtex
    [item] = json.loads(csl)
    assert item["URL"] == address
    assert item["issued"] == {"date-parts": [[2021, 9, 15]]}
    assert item["original-date"] == {"date-parts": [[2021, 9, 1]]}


def test_without_a_public_address_the_citation_gives_the_pages_path(real_pages: Site) -> None:
    cite = section(real_pages.article(f"incidents/{UNTOUCHED}.html"), "Cite this record")
    text = squash(cite.select_one(".briefing-cite").get_text())

    assert text.endswith(f"incidents/{UNTOUCHED}.html")
    assert "https://" not in text
    assert "has no public address" in cite.get_text()


def test_feed_entries_carry_each_records_own_dates(dated: Site) -> None:
    feed = ET.fromstring((dated.root / "feed.xml").read_bytes())
    entries = {e.find(f"{ATOM}link").get("href"): e for e in feed.iter(f"{ATOM}entry")}

    corrected = entries[f"{SITE_URL}incidents/{CORRECTED}.html"]
    untouched = entries[f"{SITE_URL}incidents/{UNTOUCHED}.html"]
    assert corrected.findtext(f"{ATOM}published", "").startswith("2021-09-01")
    assert corrected.findtext(f"{ATOM}updated", "").startswith("2021-09-15")
    assert untouched.findtext(f"{ATOM}updated", "").startswith("2021-09-01")
    assert feed.findtext(f"{ATOM}updated", "").startswith("2021-09-15")
    first = next(feed.iter(f"{ATOM}entry"))
    assert first is corrected  # newest change first


def test_the_sitemap_lists_pages_with_their_own_dates(dated: Site) -> None:
    sitemap = ET.fromstring((dated.root / "sitemap.xml").read_bytes())
    lastmod = {u.findtext(f"{SITEMAP}loc"): u.findtext(f"{SITEMAP}lastmod") for u in sitemap.iter(f"{SITEMAP}url")}

    assert lastmod[f"{SITE_URL}incidents/{CORRECTED}.html"] == "2021-09-15"
    assert lastmod[f"{SITE_URL}incidents/{UNTOUCHED}.html"] == "2021-09-01"
    assert lastmod[f"{SITE_URL}incidents/index.html"] == "2021-09-15"
    assert lastmod[f"{SITE_URL}about.html"] is None  # hand-written: no date rather than a wrong one
    pages = [p for p in dated.html_files if p != "404.html" and not p.startswith("search")
             and not dated.soup(p).find("meta", attrs={"http-equiv": "refresh"})]  # redirects are not pages
    assert len(lastmod) == len(pages)


def test_without_a_public_address_the_sitemap_lists_nothing(real_site: Path) -> None:
    sitemap = ET.fromstring((real_site / "sitemap.xml").read_bytes())
    assert list(sitemap.iter(f"{SITEMAP}url")) == []


def test_the_home_page_says_when_the_data_was_last_updated(dated: Site, real_pages: Site) -> None:
    updated = dated.article("index.html").select_one(".briefing-updated")
    assert updated is not None
    assert squash(updated.get_text()).startswith("Data last updated 15 September 2021; the latest event recorded is dated")
    without = real_pages.article("index.html").select_one(".briefing-updated")
    assert without is not None and "not recorded" in without.get_text()
