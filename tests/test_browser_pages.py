"""The home page's briefing, record dates, "cite this record" and the agreement and
incident pages, read in a real browser from disk: on a desk (1366×900) and a phone
(390×844), in light and dark, and printed; axe finds no serious or critical issue.

Debian's Chromium through Playwright (never a downloaded browser); skipped with a reason
when it is missing on a developer machine, a failure in CI (CI=true).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

DESK = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
HOME = "index.html"
INCIDENT = "incidents/2021-07-13-shusha.html"
AGREEMENT = "agreements/trilateral-statement-2020-11-10.html"
#: A record page of every kind (each has the dates line and "cite this record").
RECORDS = [INCIDENT, AGREEMENT, "clauses/trilateral-2020-clause-4.html", "regions/shusha.html",
           "sources/jamestown-2021-07-21.html", "parties/armenia.html",
           "milestones/2021-01-11-trilateral-summit-working-group.html"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests must run in CI: {CHROMIUM} is missing")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


def _page(browser: Any, site: Path, path: str, viewport: dict[str, int], scheme: str = "light",
          media: str = "screen") -> Any:
    page = browser.new_page(viewport=viewport, color_scheme=scheme)
    page.goto((site / path).as_uri())
    page.wait_for_load_state("load")
    page.emulate_media(media=media)
    return page


def _serious(page: Any) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        """tags => axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"], preload: false})
                 .then(r => r.violations.map(v => ({id: v.id, impact: v.impact, target: v.nodes[0].target.join(" ")})))""",
        WCAG_TAGS)
    return [v for v in violations if v["impact"] in ("serious", "critical")]


def _overflowing(page: Any, selector: str) -> list[str]:
    """Elements matching ``selector`` that stick out of the viewport's width."""
    return list(page.evaluate(
        """selector => [...document.querySelectorAll(selector)]
              .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
              .map(e => e.outerHTML.slice(0, 80))""", selector))


@pytest.mark.parametrize("path", [HOME, *RECORDS])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_or_critical_accessibility_issue_on_a_desk(browser: Any, real_site: Path, path: str,
                                                              scheme: str) -> None:
    page = _page(browser, real_site, path, DESK, scheme)
    assert _serious(page) == []
    page.close()


@pytest.mark.parametrize("path", [HOME, INCIDENT, AGREEMENT])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_or_critical_accessibility_issue_on_a_phone(browser: Any, real_site: Path, path: str,
                                                               scheme: str) -> None:
    page = _page(browser, real_site, path, PHONE, scheme)
    assert _serious(page) == []
    page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_on_a_phone_the_briefing_fits_the_screen_and_each_cell_names_its_party(browser: Any, real_site: Path,
                                                                               scheme: str) -> None:
    page = _page(browser, real_site, HOME, PHONE, scheme)

    assert _overflowing(page, ".briefing-key-points li, .briefing-casualties li, .briefing-evidence-table td, "
                              ".briefing-evidence-table th, .briefing-updated") == []
    labels = page.evaluate("""() => [...document.querySelectorAll('.briefing-evidence-table td')]
        .map(td => [td.dataset.party, getComputedStyle(td, '::before').content])""")
    assert labels and all(content == f'"{party}: "' for party, content in labels)
    assert page.evaluate("() => getComputedStyle(document.querySelector('.briefing-evidence-table thead th')).width") == "1px" \
        or page.evaluate("() => document.querySelector('.briefing-evidence-table thead').getBoundingClientRect().width") <= 1
    page.close()


def test_on_a_desk_the_evidence_balance_is_a_table_with_a_column_per_party(browser: Any, real_site: Path) -> None:
    page = _page(browser, real_site, HOME, DESK)
    headers = page.evaluate("""() => [...document.querySelectorAll('.briefing-evidence-table thead th')]
        .map(th => th.getBoundingClientRect().width)""")
    before = page.evaluate("() => getComputedStyle(document.querySelector('.briefing-evidence-table td'), '::before').content")

    assert len(headers) >= 3 and all(width > 40 for width in headers)
    assert before in ("none", "normal")
    assert _overflowing(page, ".briefing-evidence-table") == []
    page.close()


@pytest.mark.parametrize("viewport", [DESK, PHONE])
def test_an_incident_page_shows_the_summary_and_accounts_before_the_map(browser: Any, real_site: Path,
                                                                        viewport: dict[str, int]) -> None:
    page = _page(browser, real_site, INCIDENT, viewport)
    top = page.evaluate("""() => Object.fromEntries(['summary', 'claims-side-by-side', 'on-the-map']
        .map(id => [id, document.getElementById(id).getBoundingClientRect().top + window.scrollY]))""")

    assert top["summary"] < top["claims-side-by-side"] < top["on-the-map"]
    if viewport is DESK:
        assert top["summary"] < DESK["height"]  # what happened is on the first screen
    page.close()


@pytest.mark.parametrize("viewport", [DESK, PHONE])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_record_pages_dates_and_citation_are_readable(browser: Any, real_site: Path, viewport: dict[str, int],
                                                        scheme: str) -> None:
    page = _page(browser, real_site, INCIDENT, viewport, scheme)
    page.click(".briefing-dates a[href='#cite-this-record']")
    page.click("details.briefing-cite-formats summary")

    assert page.evaluate("() => location.hash") == "#cite-this-record"
    assert page.is_visible("details.briefing-cite-formats pre")
    assert _overflowing(page, ".briefing-dates, .briefing-cite, .briefing-cite-formats pre") == []
    page.close()


def test_a_printed_record_keeps_its_dates_and_citation_but_not_the_raw_formats(browser: Any, real_site: Path) -> None:
    page = _page(browser, real_site, INCIDENT, DESK, media="print")

    assert page.is_visible(".briefing-dates")
    assert page.is_visible(".briefing-cite")
    assert not page.is_visible("details.briefing-cite-formats")
    page.close()


@pytest.mark.parametrize("viewport", [DESK, PHONE])
def test_an_agreement_page_lists_clauses_not_recorded_between_the_recorded_ones(browser: Any, real_site: Path,
                                                                                viewport: dict[str, int]) -> None:
    page = _page(browser, real_site, AGREEMENT, viewport)
    order = page.evaluate("""() => [...document.querySelectorAll('#clauses ~ h3, #clauses ~ p.briefing-clause-not-recorded')]
        .map(e => e.textContent.trim().split(':')[0])""")

    assert order[:3] == ["Clause 1", "Clause 2", "Clause 3"]
    assert _overflowing(page, "#clauses ~ blockquote, #clauses ~ p") == []
    page.close()
