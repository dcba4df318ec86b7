"""A reader opens the built site from disk and sees the maps and charts, offline.

Every map and chart must render (a non-empty drawing, the basemap image loaded from the
site folder), with zero requests leaving the disk, in the light and the dark scheme. A
screenshot of each is saved under ``test-artifacts/visuals/`` (gitignored; CI keeps it as
an artifact) for a human to look at. Also: the table filter box and its permalink.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_browser_offline import ARGS, CHROMIUM, browser  # noqa: F401  (the shared fixture)

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "visuals"

VISUAL_PAGES = {
    "home": "index.html",
    "chronology": "chronology.html",
    "region": "regions/shusha.html",
    "incident": "incidents/2021-07-13-shusha.html",
    "clause": "clauses/trilateral-2020-clause-1.html",
    "region-year": "filters/karabakh-2021.html",
}


@pytest.fixture(scope="module", params=["light", "dark"])
def scheme_context(request: pytest.FixtureRequest, browser: object) -> Iterator[tuple[str, object]]:  # noqa: F811
    context = browser.new_context(color_scheme=request.param, viewport={"width": 1100, "height": 900})  # type: ignore[attr-defined]
    yield request.param, context
    context.close()


def _outside(requests: list[str]) -> list[str]:
    return [url for url in requests if not url.startswith(("file://", "data:", "blob:"))]


@pytest.mark.parametrize("name", VISUAL_PAGES)
def test_every_map_and_chart_renders_offline_from_disk(scheme_context: tuple[str, object], real_site: Path,
                                                        name: str) -> None:
    scheme, context = scheme_context
    page = context.new_page()  # type: ignore[attr-defined]
    requests: list[str] = []
    failed: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto((real_site / VISUAL_PAGES[name]).as_uri())
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    visuals = page.query_selector_all("figure.briefing-map > svg.bm, .briefing-chart-scroll > svg.tl")
    assert visuals, f"no map or chart on {name}"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for n, svg in enumerate(visuals):
        box = svg.bounding_box()
        assert box and box["width"] > 300 and box["height"] > 100, (name, n, box)
        # Something is drawn: bars or marks or the basemap image, not an empty frame.
        assert svg.evaluate("s => s.querySelectorAll('rect[fill^=\"url(\"], g.bm-mark, .bm-land path').length") > 0
        svg.screenshot(path=str(ARTIFACTS / f"{name}-{n}-{scheme}.png"))
    page.screenshot(path=str(ARTIFACTS / f"{name}-{scheme}.png"), full_page=True)
    if page.query_selector(".briefing-map"):
        # The outlines are drawn inline (no image to fetch), coloured by the stylesheet.
        assert page.eval_on_selector_all(".briefing-map .bm-land path", "ps => ps.length") > 0
        assert not any("/maps/" in url for url in requests)
    if scheme == "dark":
        # Chart text follows the scheme: light text on Material's dark background.
        colour = page.evaluate("() => { const c = document.querySelector('.briefing-chart svg'); return c ? getComputedStyle(c).color : null; }")
        if colour:
            channels = [int(v) for v in re.findall(r"\d+", colour)[:3]]
            assert sum(channels) > 3 * 150, colour
    assert _outside(requests) == []
    assert failed == []
    assert errors == []
    page.close()


def test_inline_svgs_in_the_built_pages_are_well_formed_with_title_and_desc(real_site: Path) -> None:
    count = 0
    for path in VISUAL_PAGES.values():
        html = (real_site / path).read_text(encoding="utf-8")
        for start in [m.start() for m in re.finditer(r'<svg xmlns="http://www.w3.org/2000/svg" class="(bm|tl)"', html)]:
            depth, end = 0, start
            for tag in re.finditer(r"<svg[\s>]|</svg>", html[start:]):
                depth += 1 if tag.group().startswith("<svg") else -1
                if depth == 0:
                    end = start + tag.end()
                    break
            svg = ET.fromstring(html[start:end])
            ns = "{http://www.w3.org/2000/svg}"
            assert (svg.find(f"{ns}title").text or "").strip(), path
            assert (svg.find(f"{ns}desc").text or "").strip(), path
            count += 1
    assert count >= len(VISUAL_PAGES)


def test_filtering_a_table_hides_other_rows_and_gives_a_permalink(browser: object, real_site: Path) -> None:  # noqa: F811
    page = browser.new_page()  # type: ignore[attr-defined]
    url = (real_site / "chronology.html").as_uri()
    page.goto(url)
    page.wait_for_load_state("load")
    table = "article table:not(details table)"
    total = page.eval_on_selector(table, "t => t.tBodies[0].rows.length")
    page.fill(".briefing-filter input", "Shusha")
    visible = page.eval_on_selector(
        table, "t => [...t.tBodies[0].rows].filter(r => !r.hidden).map(r => r.textContent)")
    assert 0 < len(visible) < total
    assert all("shusha" in row.lower() for row in visible)
    assert page.inner_text(".briefing-filter [role=status]") == f"{len(visible)} of {total} rows"
    assert page.url.endswith("#filter=Shusha")
    # The permalink opens the same filtered view.
    other = browser.new_page()  # type: ignore[attr-defined]
    other.goto(url + "#filter=Shusha")
    other.wait_for_load_state("load")
    again = other.eval_on_selector(
        table, "t => [...t.tBodies[0].rows].filter(r => !r.hidden).map(r => r.textContent)")
    assert again == visible
    # Printing shows the whole table, whatever was filtered on screen.
    other.emulate_media(media="print")
    shown = other.eval_on_selector(
        table, "t => [...t.tBodies[0].rows].filter(r => getComputedStyle(r).display !== 'none').length")
    assert shown == total
    page.close()
    other.close()


def test_tables_are_complete_with_javascript_off(browser: object, real_site: Path) -> None:  # noqa: F811
    context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto((real_site / "chronology.html").as_uri())
    assert page.query_selector(".briefing-filter") is None
    rows = page.eval_on_selector("article table:not(details table)", "t => t.tBodies[0].rows.length")
    assert rows > 10
    assert page.query_selector(".briefing-map, .briefing-chart svg") is not None
    context.close()
