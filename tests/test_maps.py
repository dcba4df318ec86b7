"""A reader's map: sized to its job, with an inset, a scale bar and a drawn legend, marks
that never hide each other, and colours left to the stylesheet (light, dark, print).

Unit-level stories on the real data and the minimal dataset; the browser checks (label
size on a phone, tap targets, dark scheme) are in test_browser_readers.py.
"""

from __future__ import annotations

import itertools
import math
import re
import xml.etree.ElementTree as ET

import pytest
from testdata import REAL_DATA

from briefing.model.links import Links
from briefing.pipeline import load_dataset
from briefing.render.drawings.layout import GAP, Item, place_label, spread
from briefing.render.drawings.maps import Atlas, MapSettings
from briefing.render.drawings.outlines import Frame, country_at, outlines, ring_data
from briefing.render.plan import SitePlan
from briefing.render.renderer import render_pages

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def real() -> tuple[object, dict[str, str]]:
    data = load_dataset(REAL_DATA)
    return data, render_pages(data)


def _map(html: str) -> ET.Element:
    start = html.index('<svg xmlns="http://www.w3.org/2000/svg" class="bm"')
    depth, end = 0, start
    for tag in re.finditer(r"<svg[\s>]|</svg>", html[start:]):
        depth += 1 if tag.group().startswith("<svg") else -1
        if depth == 0:
            end = start + tag.end()
            break
    return ET.fromstring(html[start:end])


def _centre(group: ET.Element) -> tuple[float, float]:
    """Where a mark is drawn: a circle's centre (its tap area, fill or ring) or its count's
    anchor; else the middle of its symbol's outline (shapes start their paths at different
    corners, so a path's first point is not the centre)."""
    for element in group.iter():
        if element.get("cx") is not None:
            return float(element.get("cx") or 0), float(element.get("cy") or 0)
        if element.get("class") == "bm-count":
            return float(element.get("x") or 0), float(element.get("y") or 0)
    path = group.find(f".//{SVG}path")
    assert path is not None
    x = y = 0.0
    xs, ys = [], []
    for command, args in re.findall(r"([MLhvaz])([^MLhvaz]*)", path.get("d") or ""):
        numbers = [float(v) for v in re.findall(r"-?[\d.]+", args)]
        if command in "ML":
            x, y = numbers[0], numbers[1]
        elif command == "h":
            x += numbers[0]
        elif command == "v":
            y += numbers[0]
        elif command == "a":
            x, y = x + numbers[-2], y + numbers[-1]
        xs.append(x)
        ys.append(y)
    return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2


def _marks(svg: ET.Element) -> list[tuple[float, float, str]]:
    found = []
    for group in svg.iter(f"{SVG}g"):
        if "bm-mark" in (group.get("class") or ""):
            x, y = _centre(group)
            found.append((x, y, group.get("class") or ""))
    return found


#: West, south, east, north: the whole area of the conflict (Armenia, Azerbaijan and their
#: borders), as a briefing sets ``map.extent``. The real data's cited coordinates are only
#: Agdam's and Shusha's, about 30 km apart, so the extent computed from them is no wider
#: than one locator map.
SOUTH_CAUCASUS = (43.4, 38.3, 50.4, 42.0)


@pytest.mark.parametrize("extent", [None, SOUTH_CAUCASUS], ids=["computed-extent", "configured-extent"])
def test_an_incident_map_is_zoomed_to_its_neighbourhood_with_inset_and_scale_bar(
        real: tuple, extent: tuple[float, float, float, float] | None) -> None:
    data, pages = real
    plan = SitePlan(data, map_settings=MapSettings(extent=extent))
    atlas = plan.visuals.atlas
    drawing = plan.visuals.incident_map(data.incidents["2021-07-13-shusha"], lambda r: "x").drawing
    # About 120 km across, not the whole briefing's area.
    assert drawing.scale.text in ("20 km", "25 km")
    frame_km = drawing.width * float(drawing.scale.text.split()[0]) / drawing.scale.length
    assert 100 < frame_km < 140
    overview_km = atlas.extent.km_per_unit * atlas.extent.width
    if extent is None:  # the overview is never narrower than a locator map
        assert overview_km > 0.99 * frame_km
    else:
        assert overview_km > 1.5 * frame_km
    # The inset shows where the map lies in the briefing's area (or, when that area is about
    # as small as the map, in a wider one), with a frame on it.
    assert drawing.inset is not None and drawing.inset.land
    fx, fy, fw, fh = drawing.inset.frame
    assert fx > 0 and fx + fw < drawing.inset.width and fy > 0 and fy + fh < drawing.inset.height
    assert fw < drawing.inset.width / 2
    svg = _map(pages["incidents/2021-07-13-shusha.html"])
    assert svg.find(f".//{SVG}svg[@class='bm-inset']") is not None
    assert svg.find(f".//{SVG}g[@class='bm-scale']/{SVG}text").text == drawing.scale.text


def test_two_incidents_at_shusha_are_drawn_apart_never_as_one_mark(real: tuple) -> None:
    data, pages = real
    at_shusha = [i for i in Links(data).incidents_in_region["shusha"]]
    assert len(at_shusha) >= 2
    for path in ("regions/shusha.html", "index.html", f"incidents/{at_shusha[0].id}.html"):
        svg = _map(pages[path])
        marks = _marks(svg)
        for (ax, ay, _), (bx, by, _) in itertools.combinations(marks, 2):
            assert math.dist((ax, ay), (bx, by)) >= GAP - 0.2, path
        # Each moved mark has a leader line back to the reported place; where more than RING
        # incidents crowd the place (five at Shusha since 9 and 13 August were curated, with
        # their neighbours on a locator map), the others are one mark that shows its count.
        leaders = svg.findall(f"{SVG}line[@class='bm-leader']")
        counts = [int(t.text or 0) for t in svg.iter(f"{SVG}text") if t.get("class") == "bm-count"]
        assert len(leaders) >= 2 or any(n >= 2 for n in counts), path
    # On the region's map every incident at Shusha is lit: each its own mark, or, in a crowd of
    # more than RING, counted in a lit mark (never one mark standing for several uncounted).
    region = _map(pages["regions/shusha.html"])
    lit = [g for g in region.iter(f"{SVG}g") if "bm-lit" in (g.get("class") or "").split()]
    counted = [int(t.text) for g in lit for t in g.iter(f"{SVG}text") if t.get("class") == "bm-count" and t.text]
    assert len(lit) - len(counted) + sum(counted) == len(at_shusha)


def test_a_crowd_at_one_place_becomes_one_mark_that_shows_its_count() -> None:
    items = [Item(100.0, 100.0, False, (f"{n}",), [f"incident-{n}"]) for n in range(9)]
    items.append(Item(101.0, 100.0, True, ("lit",), ["the incident"]))
    laid = spread(items, 640, 400)
    assert sorted(i.count for i in laid) == [1, 9]
    assert [i.lit for i in laid if i.count == 1] == [True]
    for a, b in itertools.combinations(laid, 2):
        assert math.dist((a.at_x, a.at_y), (b.at_x, b.at_y)) >= GAP - 0.2


@pytest.mark.parametrize("others", range(1, 6))
@pytest.mark.parametrize("where", [(330.0, 173.0), (20.0, 20.0), (630.0, 390.0)])
def test_a_few_incidents_at_one_spot_are_drawn_one_by_one_on_a_ring(others: int, where: tuple[float, float]) -> None:
    # up to six at one spot get a mark each, the map's subject apart, in the middle and at
    # the edges alike (a ring of four, rounded to 0.1, once drew its marks 46.95 apart and
    # was counted as one mark, the 13 July page's own incident inside it)
    items = [Item(*where, False, (f"{n}",), [f"incident-{n}"]) for n in range(others)]
    items.append(Item(*where, True, ("lit",), ["the incident"]))
    laid = spread(items, 640, 400)
    assert [i.count for i in laid] == [1] * (others + 1)
    assert [i.members for i in laid if i.lit] == [["the incident"]]
    for a, b in itertools.combinations(laid, 2):
        assert math.dist((a.at_x, a.at_y), (b.at_x, b.at_y)) >= GAP - 0.2


def test_marks_near_the_edge_or_each_other_settle_without_overlap() -> None:
    items = [Item(5.0 + 20 * (n % 4), 5.0 + 25 * (n // 4), n % 3 == 0, (n,), [n]) for n in range(12)]
    laid = spread(items, 640, 400)
    assert sum(i.count for i in laid) == 12
    for a, b in itertools.combinations(laid, 2):
        assert math.dist((a.at_x, a.at_y), (b.at_x, b.at_y)) >= GAP - 0.2
    assert all(GAP / 2 - 0.1 <= i.at_x <= 640 - GAP / 2 + 0.1 for i in laid)


def test_labels_never_overlap_and_are_dropped_rather_than_crowded() -> None:
    taken: list[tuple[float, float, float, float]] = []
    placed = [place_label(300, 200, "Khankendi / Stepanakert", taken, 640, 400) for _ in range(12)]
    kept = [p for p in placed if p is not None]
    assert 2 <= len(kept) < 12
    for a, b in itertools.combinations(kept, 2):
        assert not (a.box[0] < b.box[2] and b.box[0] < a.box[2] and a.box[1] < b.box[3] and b.box[1] < a.box[3])


def test_the_legend_is_drawn_and_names_only_what_the_map_shows(real: tuple) -> None:
    _, pages = real
    page = pages["incidents/2021-07-13-shusha.html"]
    legend = page.split('<ul class="briefing-legend"', 1)[1].split("</ul>", 1)[0]
    items = re.findall(r"<li><svg class=\"bm bm-key\".*?</svg><span>(.*?)</span></li>", legend, flags=re.S)
    assert items[0] == "This incident"
    assert "Exchange of fire" in items or "Shelling" in items
    assert "Drone strike" not in items  # no drone strike near Shusha
    # No paragraph of prose legend any more.
    assert "Shapes: circle exchange of fire" not in page


def test_map_colours_come_from_the_stylesheet_so_dark_mode_and_print_can_change_them(real: tuple) -> None:
    _, pages = real
    for path in ("index.html", "regions/shusha.html", "incidents/2021-07-13-shusha.html"):
        svg_text = ET.tostring(_map(pages[path]), encoding="unicode")
        assert not re.search(r'(fill|stroke)="#', svg_text), path
        assert "<image" not in svg_text, path
    css = (REAL_DATA.parent / "docs" / "assets" / "stylesheets" / "visuals.css").read_text(encoding="utf-8")
    assert '[data-md-color-scheme="slate"] .briefing-map' in css
    for name in ("--bm-water", "--bm-land", "--bm-lit", "--bm-text"):
        assert css.count(name + ":") >= 3, name  # light, dark and print


def test_a_configured_extent_is_used_for_the_overview(real: tuple) -> None:
    data, _ = real
    atlas = Atlas(data, Links(data), MapSettings(extent=(40.0, 37.0, 52.0, 44.0)))
    assert atlas.extent.west <= 40.0 and atlas.extent.east >= 52.0
    assert atlas.extent.south <= 37.0 and atlas.extent.north >= 44.0


def test_outlines_are_clipped_from_the_world_file_for_any_extent() -> None:
    lake_victoria = Frame(32.5, -2.0, 35.0, 0.6, 640)
    names = {o.name for o in outlines(lake_victoria)}
    assert {"Kenya", "Uganda", "Tanzania"} <= names
    assert "Armenia" not in names
    assert country_at(40.18, 44.51) == "Armenia"
    for outline in outlines(lake_victoria):
        for x, y in (point for ring in path_points(outline.path) for point in ring):
            assert -0.5 <= x <= 640.5 and -0.5 <= y <= lake_victoria.height + 0.5


def path_points(path: str) -> list[list[tuple[float, float]]]:
    """The points of each ring or line of SVG path data as the browser reads it (``M`` a
    position, ``l`` steps from the point before, ``z`` the ring closed)."""
    rings: list[list[tuple[float, float]]] = []
    relative = False
    numbers = re.findall(r"[MLlz]|-?(?:\d+\.?\d*|\.\d+)", path)
    values: list[float] = []
    for token in [*numbers, "M"]:
        if token in "MLlz":
            for x, y in zip(values[::2], values[1::2], strict=True):
                last = rings[-1][-1] if relative and rings[-1] else (0.0, 0.0)
                rings[-1].append((round(last[0] + x, 1), round(last[1] + y, 1)))
            values = []
            if token == "M":
                rings.append([])
            relative = token == "l" or (relative and token not in "MLz")
        else:
            values.append(float(token))
    return [ring for ring in rings if ring]


def test_path_data_steps_from_point_to_point_without_rounding_adding_up() -> None:
    frame = Frame(0.0, 0.0, 1.0, 1.0, 1000)
    # 400 points, each twice over: 399 steps of about 0.13 units
    wiggle = [(0.00013 * (i // 2), 0.5 + 0.0001 * (i // 2 % 3)) for i in range(800)]
    line = ring_data(wiggle, frame, closed=False)
    assert line.startswith("M0,") and "l" in line and "z" not in line
    drawn = path_points(line)[0]
    true = [((lon - frame.west) * frame._kx, (frame.north - lat) * frame._ky) for lon, lat in wiggle]
    assert len(drawn) == 400  # points that round to the one before are dropped
    # every point, the last as much as the first, lies within half a tenth of where it belongs
    for x, y in drawn:
        assert min(math.hypot(x - tx, y - ty) for tx, ty in true) <= 0.05 * math.sqrt(2) + 1e-9
    assert math.hypot(drawn[-1][0] - true[-1][0], drawn[-1][1] - true[-1][1]) <= 0.05 * math.sqrt(2) + 1e-9
    square = ring_data([(0.1, 0.1), (0.2, 0.1), (0.2, 0.2), (0.1, 0.2), (0.1, 0.1)], frame)
    assert square == "M100,900l100,0 0,-100-100,0z"
    assert ring_data([(0.1, 0.1), (0.1000001, 0.1), (0.1, 0.1)], frame) == ""  # a ring of one point after rounding
