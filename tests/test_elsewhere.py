"""The generator serves any conflict: a briefing about Lake Victoria, from configuration
and data alone, with no change of code (``tests/fixtures/elsewhere``, invented incidents
at real places).

Its maps cover that part of the world (Kenya, Uganda and Tanzania's outlines, none of
the Caucasus), with every incident drawn: two where they were reported, one known only to
its province as that province's area, one known only to a stretch of border as that
stretch (the same boundary data and code as the real briefing's); its timeline spans
its own records with its agreement and milestone labelled; its exports carry its
coordinates; its place names show and search in its own languages.
"""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from sitetools import make_project, run_mkdocs
from testdata import FIXTURES

ELSEWHERE = FIXTURES / "elsewhere"
SVG = "{http://www.w3.org/2000/svg}"
POINTS = {"2023-05-02-migingo": (-0.886, 33.947), "2023-06-14-usenge": (-0.07, 34.07)}
#: Incidents known only to their province, or to a stretch of border: no coordinates of their own.
SHAPES = {"2023-07-01-nyanza": "area", "2023-07-20-migingo-border": "line"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("elsewhere"), ELSEWHERE / "data")
    config = project / "mkdocs.yml"
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    # Its own name and options in place of the real briefing's (whose home page cites its data).
    settings["site_name"] = "Lake Victoria fisheries, 2023 (test briefing)"
    settings["extra"]["briefing"] = yaml.safe_load((ELSEWHERE / "options.yml").read_text(encoding="utf-8"))
    config.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run_mkdocs(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def _map(html: str) -> ET.Element:
    start = html.index('<svg xmlns="http://www.w3.org/2000/svg" class="bm"')
    depth = 0
    for tag in re.finditer(r"<svg[\s>]|</svg>", html[start:]):
        depth += 1 if tag.group().startswith("<svg") else -1
        if depth == 0:
            return ET.fromstring(html[start:start + tag.end()])
    raise AssertionError("no map")


def _countries(svg: ET.Element) -> set[str]:
    land = svg.find(f"{SVG}g[@class='bm-land']")
    assert land is not None
    return {path.find(f"{SVG}title").text or "" for path in land}


def _frame(svg: ET.Element) -> tuple[float, float]:
    _, _, width, height = (float(v) for v in svg.get("viewBox", "").split())
    return width, height


def test_its_maps_show_that_part_of_the_world_and_mark_every_incident(site: Path) -> None:
    home = _map((site / "index.html").read_text(encoding="utf-8"))
    assert {"Kenya", "Uganda"} <= _countries(home)
    assert not {"Armenia", "Azerbaijan", "Georgia"} & _countries(home)
    marks = [g for g in home.iter(f"{SVG}g") if "bm-mark" in (g.get("class") or "")]
    assert len(marks) == 4
    hrefs = sorted(a.get("href") or "" for a in home.iter(f"{SVG}a"))
    assert hrefs == [f"incidents/{i}.html" for i in sorted({**POINTS, **SHAPES})]
    width, height = _frame(home)
    for group in marks:
        x, y = (float(v) for v in re.match(r"M([\d.]+),([\d.]+)", group.find(f".//{SVG}path").get("d")).groups())  # type: ignore[union-attr]
        assert 0 < x < width and 0 < y < height
    # The locator map is zoomed to the incident's neighbourhood, with its own scale.
    incident = _map((site / "incidents" / "2023-05-02-migingo.html").read_text(encoding="utf-8"))
    assert "Kenya" in _countries(incident) or "Uganda" in _countries(incident)
    assert incident.find(f".//{SVG}svg[@class='bm-inset']") is not None
    scale = incident.find(f".//{SVG}g[@class='bm-scale']/{SVG}text").text or ""
    assert re.fullmatch(r"(10|20) km", scale), scale


def test_its_province_and_border_section_are_drawn_as_an_area_and_a_stretch(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "4 of 4 incidents drawn." in home
    svg = _map(home)
    zones = {(p.get("class"), (p.find(f"{SVG}title").text or "")) for p in svg.iter(f"{SVG}path")
             if "bm-zone" in (p.get("class") or "")}
    assert ("bm-zone bm-zone-area", "Area of Nyanza (Natural Earth admin-1 area KE-600)") in zones
    assert ("bm-zone bm-zone-line", "Stretch of border: Migingo section of the Kenya–Uganda border (state border "
            "within 10 km of its cited point)") in zones
    for incident_id, kind in SHAPES.items():
        page = (site / "incidents" / f"{incident_id}.html").read_text(encoding="utf-8")
        assert f'class="bm-zone bm-zone-{kind}"' in _map_html(page)
        assert "1 of 1 incident drawn." in page


def _map_html(html: str) -> str:
    return ET.tostring(_map(html), encoding="unicode").replace("ns0:", "").replace(":ns0", "")


def test_its_timeline_spans_its_own_records_with_agreement_and_milestone_labelled(site: Path) -> None:
    page = (site / "chronology.html").read_text(encoding="utf-8")
    start = page.index('<svg xmlns="http://www.w3.org/2000/svg" class="tl"')
    chart = ET.fromstring(page[start:page.index("</svg>", start) + 6])
    desc = chart.find(f"{SVG}desc").text or ""
    # focused on its incidents' period; the earlier agreement is named at the edge as context
    assert "4 incidents per day" in desc and "1 milestones and 0 agreements" in desc
    texts = [" ".join(" ".join(t.itertext()).split()) for t in chart.iter(f"{SVG}text")]
    assert any("1 negotiation record before this period (1 Mar 2023)" in t for t in texts)
    assert any(t.startswith("20 May 2023: Joint fisheries") for t in texts)
    assert not any("2021" in t or "2020" in t for t in texts)
    assert "Fisheries access" in page.split("</svg>", 1)[1]  # listed under the chart


def test_its_exports_carry_its_own_places(site: Path) -> None:
    with open(site / "data" / "incidents.csv", encoding="utf-8") as handle:
        rows = {row["event_id"]: row for row in csv.DictReader(handle)}
    assert set(rows) == set(POINTS) | set(SHAPES)
    assert all(rows[i]["latitude"] == "" for i in SHAPES)  # drawn as areas, exported without a point
    for incident_id, (lat, lon) in POINTS.items():
        assert (float(rows[incident_id]["latitude"]), float(rows[incident_id]["longitude"])) == (lat, lon)
    geojson = json.loads((site / "data" / "incidents.geojson").read_text(encoding="utf-8"))
    coordinates = {f["id"]: tuple(f["geometry"]["coordinates"]) for f in geojson["features"] if f["geometry"]}
    assert coordinates == {i: (lon, lat) for i, (lat, lon) in POINTS.items()}


def test_its_place_names_show_and_search_in_its_own_languages(site: Path) -> None:
    page = (site / "regions" / "lake-victoria.html").read_text(encoding="utf-8")
    assert '<td data-label="Name" lang="sw">Ziwa Viktoria</td> <td data-label="Language">Swahili</td>' in page
    assert '<td data-label="Name" lang="lg">Nnalubaale</td> <td data-label="Language">Luganda</td>' in page
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(d["text"] for d in index["docs"] if d["location"] == "regions/lake-victoria.html")
    assert "nnalubaale" in text and "viktoria" in text
