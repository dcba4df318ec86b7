"""A reader with no network opens the built site from disk in a real browser.

Uses Debian's Chromium through Playwright (never a downloaded browser). Skipped with a
reason when Chromium or Playwright is missing on a developer machine; in CI (CI=true)
a missing browser is a failure, not a skip.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from sitetools import parse_html
from testdata import REAL_DATA, load_yaml

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


#: One page of every kind the site has: hand-written, generated index, record page of each kind.
#: (404.html is left out: only a web server shows it, at any address, so it uses root-absolute
#: links; tests/test_site_real.py checks them against site_url.)
PAGES = [
    "index.html",
    "about.html",
    "contribute.html",
    "chronology.html",
    "removed.html",
    "open-data.html",
    "incidents/index.html",
    "incidents/2021-07-13-shusha.html",
    "regions/index.html",
    "regions/shusha.html",
    "agreements/index.html",
    "agreements/trilateral-statement-2020-11-10.html",
    "clauses/index.html",
    "clauses/trilateral-2020-clause-4.html",
    "milestones/index.html",
    "milestones/2021-01-11-trilateral-summit-working-group.html",
    "sources/index.html",
    "sources/armenianclub-armenpress-2021-05-27.html",
    "parties/index.html",
    "parties/azerbaijan.html",
]


def _ids_of(path: Path, cache: dict[Path, set[str]]) -> set[str]:
    if path not in cache:
        soup = parse_html(path.read_text(encoding="utf-8"))
        cache[path] = {tag["id"] for tag in soup.find_all(id=True)} | {tag["name"] for tag in soup.find_all("a", attrs={"name": True})}
    return cache[path]


def _broken_links(hrefs: list[str], cache: dict[Path, set[str]]) -> list[str]:
    """Internal links (as the browser resolved them) whose file or ``#anchor`` is missing."""
    broken = []
    for href in hrefs:
        parts = urlsplit(href)
        if parts.scheme != "file":
            continue
        target = Path(unquote(parts.path))
        if not target.is_file():
            broken.append(f"{href}: no such file")
        elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in _ids_of(target, cache):
            broken.append(f"{href}: no element with id {unquote(parts.fragment)!r}")
    return broken


@pytest.mark.parametrize("path", PAGES)
def test_page_opened_from_disk_loads_without_errors_or_network_and_every_link_resolves(
    browser: object, real_site: Path, path: str
) -> None:
    assert (real_site / path).is_file(), f"{path} is not in the built site"
    page, requests, errors = _open(browser, (real_site / path).as_uri())
    page.wait_for_timeout(300)  # type: ignore[attr-defined]
    # SVG links (the maps) have an SVGAnimatedString href: resolve the attribute instead.
    hrefs = page.eval_on_selector_all(  # type: ignore[attr-defined]
        "a[href]", "links => links.map(a => new URL(a.getAttribute('href'), document.baseURI).href)"
    )
    page.close()  # type: ignore[attr-defined]

    outside = [url for url in requests if not url.startswith(("file://", "data:", "blob:"))]
    internal = [href for href in hrefs if href.startswith("file:")]
    broken = _broken_links(internal, {})
    assert requests, "the page made no request at all: the recorder is not working"
    assert outside == []
    assert errors == []
    assert len(internal) > 10, "every page has at least the navigation"
    assert broken == []


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


def _search(browser: object, real_site: Path, query: str) -> list[str]:
    """Type ``query`` into the search box of the home page opened from disk; the result links."""
    page, requests, errors = _open(browser, (real_site / "index.html").as_uri())
    page.click(".md-search__input")  # type: ignore[attr-defined]
    page.keyboard.type(query, delay=20)  # type: ignore[attr-defined]
    page.wait_for_selector(".md-search-result__item", timeout=20_000)  # type: ignore[attr-defined]
    # Material shows results ten at a time and adds more as the reader scrolls the list.
    shown = -1
    while shown != (shown := page.locator(".md-search-result__item").count()):  # type: ignore[attr-defined]
        page.eval_on_selector(".md-search__scrollwrap", "el => el.scrollTo(0, el.scrollHeight)")  # type: ignore[attr-defined]
        page.wait_for_timeout(300)  # type: ignore[attr-defined]
    hrefs: list[str] = page.eval_on_selector_all(  # type: ignore[attr-defined]
        ".md-search-result__item a", "links => links.map(a => a.getAttribute('href'))"
    )
    page.close()  # type: ignore[attr-defined]
    assert [url for url in requests if not url.startswith(("file://", "data:", "blob:"))] == []
    assert errors == []
    return hrefs


def test_search_finds_an_incident_by_the_name_of_a_party_that_gave_an_account(browser: object, real_site: Path) -> None:
    parties = {p["id"]: p["name"] for p in load_yaml(REAL_DATA, "parties")}
    incidents = load_yaml(REAL_DATA, "incidents")
    # The party with the fewest incidents that still gave an account of one: its name is the query.
    claimed: dict[str, set[str]] = {}
    for incident in incidents:
        for claim in incident["claims"]:
            claimed.setdefault(claim["party"], set()).add(incident["id"])
    party_id = min(claimed, key=lambda p: (len(claimed[p]), p))

    hrefs = _search(browser, real_site, parties[party_id])

    found = {href.split("/")[-1].split(".html")[0] for href in hrefs if "incidents/" in href}
    assert found & claimed[party_id], (parties[party_id], hrefs)


AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
#: axe-core rule tags for WCAG 2.0 and 2.1, levels A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _axe_violations(browser: object, url: str, scheme: str = "light") -> list[dict[str, object]]:
    page = browser.new_page(color_scheme=scheme)  # type: ignore[attr-defined]
    page.goto(url)
    page.wait_for_load_state("load")
    page.add_script_tag(path=str(AXE))  # type: ignore[attr-defined]
    violations = page.evaluate(  # type: ignore[attr-defined]
        """tags => axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"], preload: false})
                 .then(r => r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length,
                                                    target: v.nodes[0].target.join(" ")})))""",
        WCAG_TAGS,
    )
    page.close()
    return list(violations)


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_or_critical_accessibility_violation(browser: object, real_site: Path, path: str) -> None:
    violations = _axe_violations(browser, (real_site / path).as_uri())

    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == []


@pytest.mark.parametrize("path", ["index.html", "incidents/2021-07-13-shusha.html", "regions/index.html"])
def test_dark_scheme_has_no_serious_or_critical_accessibility_violation(
    browser: object, real_site: Path, path: str
) -> None:
    violations = _axe_violations(browser, (real_site / path).as_uri(), scheme="dark")

    assert [v for v in violations if v["impact"] in ("serious", "critical")] == []


def test_axe_finds_a_planted_contrast_violation(browser: object, real_site: Path) -> None:
    """The accessibility check above can fail: light grey text on white is reported."""
    page, _, _ = _open(browser, (real_site / "about.html").as_uri())
    page.evaluate(  # type: ignore[attr-defined]
        "() => { const p = document.querySelector('article p'); p.style.color = '#ddd'; p.style.background = '#fff'; }"
    )
    page.add_script_tag(path=str(AXE))  # type: ignore[attr-defined]
    ids = page.evaluate(  # type: ignore[attr-defined]
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, preload: false}).then(r => r.violations.map(v => v.id))",
        WCAG_TAGS,
    )
    page.close()  # type: ignore[attr-defined]
    assert "color-contrast" in ids
