"""A reader opens the real site from disk and sees every incident on the maps: the home map,
each incident's own map, a region's and a party's map show their incidents, its district's area or its stretch of
border inside the drawn frame, on a desk and a phone, in light and dark, and printed.
Screenshots go to ``test-artifacts/maps/`` (gitignored) for a human to look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_browser_offline import browser  # noqa: F401  (the shared fixture)

from briefing.pipeline import load_dataset

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "maps"
DATA = Path(__file__).resolve().parent.parent / "data"
VIEWS = {"desk-light": ({"width": 1366, "height": 900}, "light"), "phone-light": ({"width": 390, "height": 844}, "light"),
         "desk-dark": ({"width": 1366, "height": 900}, "dark"), "phone-dark": ({"width": 390, "height": 844}, "dark")}
INCIDENTS = sorted(load_dataset(DATA).incidents)
PAGES = ["index.html", *(f"incidents/{i}.html" for i in INCIDENTS), "regions/tovuz.html",
         "regions/armenia-azerbaijan-border.html", "parties/armenia.html", "parties/azerbaijan.html"]


@pytest.fixture(scope="module", params=list(VIEWS))
def view(request: pytest.FixtureRequest, browser: Any) -> Iterator[tuple[str, Any]]:  # noqa: F811
    viewport, scheme = VIEWS[request.param]
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    yield request.param, context
    context.close()


def _inside(inner: dict[str, float], outer: dict[str, float]) -> bool:
    return (inner["x"] >= outer["x"] - 1 and inner["y"] >= outer["y"] - 1
            and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + 1
            and inner["y"] + inner["height"] <= outer["y"] + outer["height"] + 1)


def _check_map(page: Any, name: str) -> None:
    svg = page.query_selector("figure.briefing-map > svg.bm")
    assert svg is not None, f"{name}: no map"
    frame = svg.bounding_box()
    assert frame and frame["width"] > 300, (name, frame)
    lit = page.query_selector_all("figure.briefing-map > svg.bm g.bm-mark.bm-lit")
    assert lit, f"{name}: the map shows none of its incidents"
    for mark in lit:
        box = mark.bounding_box()
        assert box and box["width"] > 0 and _inside(box, frame), (name, box, frame)
    for zone in page.query_selector_all("figure.briefing-map > svg.bm path.bm-zone"):
        box = zone.bounding_box()
        assert box and (box["width"] > 0 or box["height"] > 0), name
        assert zone.evaluate("z => getComputedStyle(z).stroke") not in ("none", ""), name
    count = page.inner_text(".briefing-map-count")
    assert " of " in count and "drawn" in count, (name, count)


@pytest.mark.parametrize("path", PAGES)
def test_every_incident_is_on_its_map_on_desk_and_phone_in_light_and_dark(view: tuple[str, Any], real_site: Path,
                                                                         path: str) -> None:
    name, context = view
    page = context.new_page()
    page.goto((real_site / path).as_uri())
    page.wait_for_load_state("load")
    _check_map(page, f"{path} ({name})")
    if path == "index.html":
        n = len(INCIDENTS)
        assert page.inner_text(".briefing-map-count").strip() == f"{n} of {n} incidents drawn."
    if path in ("index.html", "incidents/2021-07-14-nakhchivan-yeraskh.html"):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.query_selector("figure.briefing-map").screenshot(
            path=str(ARTIFACTS / f"{Path(path).stem}-{name}.png"))
    page.close()


@pytest.mark.parametrize("path", ["index.html", "incidents/2021-07-14-nakhchivan-yeraskh.html",
                                  "incidents/2021-07-07-tovuz.html"])
def test_a_printed_map_keeps_its_incident_area_and_legend(browser: Any, real_site: Path, path: str) -> None:  # noqa: F811
    page = browser.new_page(viewport={"width": 1000, "height": 1400})
    page.emulate_media(media="print")
    page.goto((real_site / path).as_uri())
    page.wait_for_load_state("load")
    _check_map(page, f"{path} (print)")
    legend = page.query_selector("figure.briefing-map .briefing-legend")
    assert legend is not None and legend.is_visible()
    page.close()
