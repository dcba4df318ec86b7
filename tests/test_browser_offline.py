"""A reader with no network opens the built site from disk in a real browser.

Uses Debian's Chromium through Playwright (never a downloaded browser). Skipped with a
reason when Chromium or Playwright is missing on a developer machine; in CI (CI=true)
a missing browser is a failure, not a skip.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def _unavailable() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} is missing (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Python playwright is missing (pip install -e '.[test]')"
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    reason = _unavailable()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests must run in CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


def _open(browser: object, url: str) -> tuple[object, list[str], list[str]]:
    page = browser.new_page()  # type: ignore[attr-defined]
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(url)
    page.wait_for_load_state("load")
    return page, requests, errors


PAGES = [
    "index.html",
    "chronology.html",
    "incidents/index.html",
    "incidents/2021-07-13-shusha.html",
    "regions/shusha.html",
    "agreements/trilateral-statement-2020-11-10.html",
    "clauses/trilateral-2020-clause-4.html",
    "milestones/index.html",
    "sources/index.html",
    "parties/azerbaijan.html",
]


@pytest.mark.parametrize("path", PAGES)
def test_page_opened_from_disk_loads_without_errors_or_network(browser: object, real_site: Path, path: str) -> None:
    page, requests, errors = _open(browser, (real_site / path).as_uri())
    page.wait_for_timeout(300)  # type: ignore[attr-defined]
    outside = [url for url in requests if not url.startswith(("file://", "data:", "blob:"))]
    assert outside == []
    assert errors == []
    page.close()  # type: ignore[attr-defined]


def test_search_works_offline_and_finds_an_incident_by_region_name(browser: object, real_site: Path) -> None:
    page, requests, errors = _open(browser, (real_site / "index.html").as_uri())
    page.click(".md-search__input")  # type: ignore[attr-defined]
    page.keyboard.type("Kalbajar", delay=20)  # type: ignore[attr-defined]
    page.wait_for_selector(".md-search-result__item", timeout=20_000)  # type: ignore[attr-defined]
    hrefs = page.eval_on_selector_all(  # type: ignore[attr-defined]
        ".md-search-result__item a", "links => links.map(a => a.getAttribute('href'))"
    )
    assert any("incidents/2021-07-15-kalbajar" in href for href in hrefs), hrefs
    assert [url for url in requests if not url.startswith(("file://", "data:", "blob:"))] == []
    assert errors == []
    page.close()  # type: ignore[attr-defined]


def test_footnote_reference_jumps_to_its_citation_and_back(browser: object, real_site: Path) -> None:
    page, _, _ = _open(browser, (real_site / "incidents/2021-07-13-shusha.html").as_uri())
    page.click("sup#fnref\\:1 a")  # type: ignore[attr-defined]
    assert page.url.endswith("#fn:1")  # type: ignore[attr-defined]
    assert page.is_visible("li#fn\\:1")  # type: ignore[attr-defined]
    page.click("li#fn\\:1 a.footnote-backref")  # type: ignore[attr-defined]
    assert page.url.endswith("#fnref:1")  # type: ignore[attr-defined]
    page.close()  # type: ignore[attr-defined]
