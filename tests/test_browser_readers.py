"""Readers first, in a real browser: the site opened from disk on a desk (1366 × 900) and a
phone (390 × 844), in the light and the dark scheme, and printed.

Maps readable on a phone (labels of at least 11 CSS px, marks with 24 px tap targets,
colours that follow the dark scheme), tables that keep every column on screen, footnote
markers large enough to tap, no control drawn over another, a print layout with web
addresses and the data's date, search in every script, and axe-core (WCAG 2.0–2.2, A and
AA) finding no serious or critical problem on any kind of page in any of these views.
Screenshots go to ``test-artifacts/readers/`` for a human to look at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_browser_offline import AXE, browser  # noqa: F401  (the shared fixture)

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "readers"
DESK = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
INCIDENT = "incidents/2021-07-13-shusha.html"
MAP_PAGES = ["index.html", INCIDENT, "regions/shusha.html"]
#: One page of each kind.
KINDS = ["index.html", "chronology.html", "incidents/index.html", INCIDENT, "regions/shusha.html",
         "agreements/trilateral-statement-2020-11-10.html", "clauses/trilateral-2020-clause-4.html",
         "milestones/index.html", "sources/index.html", "parties/azerbaijan.html", "about.html"]
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="module", params=[("desk", "light"), ("desk", "dark"), ("phone", "light"), ("phone", "dark")],
                ids=lambda p: "-".join(p))
def view(request: pytest.FixtureRequest, browser: object) -> Iterator[tuple[str, str, object]]:  # noqa: F811
    device, scheme = request.param
    context = browser.new_context(viewport=PHONE if device == "phone" else DESK, color_scheme=scheme)  # type: ignore[attr-defined]
    yield device, scheme, context
    context.close()


def _open(context: object, site: Path, path: str) -> object:
    page = context.new_page()  # type: ignore[attr-defined]
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto((site / path).as_uri())
    page.wait_for_load_state("load")
    page.wait_for_timeout(250)
    assert errors == []
    return page


@pytest.mark.parametrize("path", MAP_PAGES)
def test_maps_are_legible_and_tappable_in_every_view(view: tuple[str, str, object], real_site: Path,
                                                      path: str) -> None:
    device, scheme, context = view
    page = _open(context, real_site, path)
    svg = page.query_selector("figure.briefing-map svg.bm")  # type: ignore[attr-defined]
    assert svg is not None
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    svg.screenshot(path=str(ARTIFACTS / f"map-{path.replace('/', '_')}-{device}-{scheme}.png"))
    sizes = page.eval_on_selector_all(  # type: ignore[attr-defined]
        "figure.briefing-map svg.bm text",
        "ts => ts.map(t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)")
    assert sizes and min(sizes) >= 11, sizes
    targets = page.eval_on_selector_all(  # type: ignore[attr-defined]
        "figure.briefing-map svg.bm a", "as => as.map(a => { const r = a.getBoundingClientRect(); return [r.width, r.height]; })")
    assert targets and all(w >= 24 and h >= 24 for w, h in targets), targets
    water = page.eval_on_selector("figure.briefing-map .bm-water", "r => getComputedStyle(r).fill")  # type: ignore[attr-defined]
    light = sum(int(v) for v in re.findall(r"\d+", water)[:3]) / 3
    assert (light < 80) if scheme == "dark" else (light > 180), water
    page.close()  # type: ignore[attr-defined]


def test_incident_tables_keep_the_grade_column_on_a_phone(browser: object, real_site: Path) -> None:  # noqa: F811
    context = browser.new_context(viewport=PHONE)  # type: ignore[attr-defined]
    page = _open(context, real_site, "incidents/index.html")
    cells = page.eval_on_selector_all(  # type: ignore[attr-defined]
        "article table td[data-label='Grade']", "cs => cs.map(c => { const r = c.getBoundingClientRect(); return [r.left, r.right]; })")
    assert cells and all(left >= 0 and right <= PHONE["width"] for left, right in cells), cells
    width = page.evaluate("() => document.documentElement.scrollWidth")  # type: ignore[attr-defined]
    assert width <= PHONE["width"]
    page.screenshot(path=str(ARTIFACTS / "incidents-index-phone.png"), full_page=True)  # type: ignore[attr-defined]
    context.close()


def test_footnote_markers_are_24_px_tap_targets(browser: object, real_site: Path) -> None:  # noqa: F811
    for viewport in (DESK, PHONE):
        context = browser.new_context(viewport=viewport)  # type: ignore[attr-defined]
        page = _open(context, real_site, INCIDENT)
        boxes = page.eval_on_selector_all(  # type: ignore[attr-defined]
            "article sup[id^='fnref'] a", "as => as.map(a => { const r = a.getBoundingClientRect(); return [r.width, r.height]; })")
        assert boxes and all(w >= 24 and h >= 24 for w, h in boxes), boxes
        context.close()


def test_no_control_is_drawn_over_the_chart_data_summary(browser: object, real_site: Path) -> None:  # noqa: F811
    page = _open(browser.new_context(viewport=DESK), real_site, "chronology.html")  # type: ignore[attr-defined]
    overlap = page.eval_on_selector(  # type: ignore[attr-defined]
        "details.briefing-data > summary",
        """s => { const before = getComputedStyle(s, '::before');
                  if (before.display === 'none' || before.content === 'none') return 0;
                  const icon = parseFloat(before.left) + parseFloat(before.width);
                  return Math.max(0, icon - parseFloat(getComputedStyle(s).paddingLeft)); }""")
    assert overlap == 0


def test_a_printed_page_shows_web_addresses_its_own_address_and_the_data_date(browser: object, real_site: Path) -> None:  # noqa: F811
    page = _open(browser.new_context(viewport=DESK), real_site, INCIDENT)  # type: ignore[attr-defined]
    assert not page.is_visible(".briefing-print-meta")  # type: ignore[attr-defined]
    page.emulate_media(media="print")  # type: ignore[attr-defined]
    meta = page.inner_text(".briefing-print-meta")  # type: ignore[attr-defined]
    assert (real_site / INCIDENT).as_uri() in meta
    date = page.eval_on_selector(".briefing-print-meta", "p => getComputedStyle(p, '::after').content")  # type: ignore[attr-defined]
    assert re.fullmatch(r'" Data as of \d{4}-\d{2}-\d{2}\."', date), date
    after = page.eval_on_selector(  # type: ignore[attr-defined]
        "article .footnote a[href^='http']", "a => getComputedStyle(a, '::after').content")
    assert re.match(r'" <https?://', after), after
    # Maps print in the light scheme's colours.
    water = page.eval_on_selector("figure.briefing-map .bm-water", "r => getComputedStyle(r).fill")  # type: ignore[attr-defined]
    assert sum(int(v) for v in re.findall(r"\d+", water)[:3]) / 3 > 180
    page.pdf(path=str(ARTIFACTS / "incident-print.pdf")) if False else None  # (headless PDF needs a print context)
    page.screenshot(path=str(ARTIFACTS / "incident-print.png"), full_page=True)  # type: ignore[attr-defined]


@pytest.mark.parametrize("path", KINDS)
def test_axe_finds_no_serious_problem_on_a_phone_or_in_the_dark(view: tuple[str, str, object], real_site: Path,
                                                                  path: str) -> None:
    device, scheme, context = view
    if (device, scheme) == ("desk", "light"):
        pytest.skip("covered by test_browser_offline.py")
    page = _open(context, real_site, path)
    page.add_script_tag(path=str(AXE))  # type: ignore[attr-defined]
    violations = page.evaluate(  # type: ignore[attr-defined]
        """tags => axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"], preload: false})
                 .then(r => r.violations.map(v => ({id: v.id, impact: v.impact, target: v.nodes[0].target.join(" ")})))""",
        WCAG)
    page.close()  # type: ignore[attr-defined]
    assert [v for v in violations if v["impact"] in ("serious", "critical")] == []


SEARCHES = {
    "Шуша": "regions/shusha.html", "Şuşa": "regions/shusha.html", "Shushi": "regions/shusha.html",
    "Շուշի": "regions/shusha.html", "Ханкенди": "regions/khankendi.html", "Khankendi": "regions/khankendi.html",
    "Stepanakert": "regions/khankendi.html",
}


@pytest.mark.parametrize("query", SEARCHES)
def test_search_finds_a_place_by_any_of_its_names_in_any_script(browser: object, real_site: Path, query: str) -> None:  # noqa: F811
    page = _open(browser.new_context(viewport=DESK), real_site, "index.html")  # type: ignore[attr-defined]
    page.click(".md-search__input")  # type: ignore[attr-defined]
    page.keyboard.type(query, delay=20)  # type: ignore[attr-defined]
    # Playwright types letters missing from a US keyboard without key events, and the
    # search box listens to keyup (a reader's own keyboard sends them): one key more.
    page.keyboard.press("End")  # type: ignore[attr-defined]
    page.wait_for_selector(".md-search-result__item", timeout=20_000)  # type: ignore[attr-defined]
    page.wait_for_timeout(300)  # type: ignore[attr-defined]
    hrefs = page.eval_on_selector_all(".md-search-result__item a", "as => as.map(a => a.getAttribute('href'))")  # type: ignore[attr-defined]
    assert any(SEARCHES[query] in href for href in hrefs), (query, hrefs)
