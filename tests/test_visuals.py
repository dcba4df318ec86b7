"""Maps and timelines, read the way a reader meets them: the SVG drawn, the facts beside it.

Unit-level stories on the minimal dataset (edited per test) and the real data; the
built-site and browser stories are in test_site_visuals.py and test_browser_visuals.py.
"""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from testdata import REAL_DATA, DataDir, load_yaml, write_yaml

from briefing.model.links import Links
from briefing.pipeline import load_dataset
from briefing.render.drawings.maps import Atlas
from briefing.render.plan import SitePlan
from briefing.render.renderer import render_pages

SVG = "{http://www.w3.org/2000/svg}"


def _svgs(markdown: str) -> list[ET.Element]:
    """Every outermost inline SVG in a generated page but the legends' keys, parsed as XML
    (fails if not well-formed)."""
    found, depth, start = [], 0, 0
    for tag in re.finditer(r"<svg[\s>]|</svg>", markdown):
        if tag.group().startswith("<svg"):
            if depth == 0:
                start = tag.start()
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                found.append(markdown[start:tag.end()])
    return [ET.fromstring(svg) for svg in found if 'class="bm bm-key"' not in svg[:200]]


def _edit_incident(data_dir: DataDir, **changes: object) -> None:
    records = load_yaml(data_dir.data, "incidents")
    for key, value in changes.items():
        if value is None:
            records[0].pop(key, None)
        else:
            records[0][key] = value
    write_yaml(data_dir.data / "incidents.yaml", records)


def _drop_region_coordinates(data_dir: DataDir) -> None:
    regions = load_yaml(data_dir.data, "regions")
    for region in regions:
        region.pop("coordinates", None)
    write_yaml(data_dir.data / "regions.yaml", regions)


def test_incident_page_map_draws_the_incident_with_title_desc_and_lists_it(data_dir: DataDir) -> None:
    pages = render_pages(data_dir.load())
    markdown = pages["incidents/2021-01-05-town-y.html"]
    [svg] = _svgs(markdown)
    assert svg.find(f"{SVG}title").text == "Locator map: Exchange of fire reported near Town Y"
    assert "near location" in svg.find(f"{SVG}desc").text
    assert svg.find(f"{SVG}image") is None, "outlines are drawn inline, so the dark scheme colours them"
    # The highlighted mark is a link to the incident page itself, with a tooltip.
    [mark] = [a for a in svg.iter(f"{SVG}a")]
    assert mark.get("href") == "2021-01-05-town-y.html"
    assert "Exchange of fire reported near Town Y" in mark.find(f"{SVG}g/{SVG}title").text
    # Paired place name as the label, and the same fact in words below the map.
    labels = [t.text for t in svg.iter(f"{SVG}text") if "bm-label" in (t.get("class") or "")]
    assert labels == ["Town Y / Town Why"]
    assert "drawn at 40.100, 45.200, near location" in markdown


def test_region_level_location_is_a_hollow_mark_in_a_dashed_area_not_a_pin(data_dir: DataDir) -> None:
    _edit_incident(data_dir, coordinates=None)
    data = data_dir.load()
    atlas = Atlas(data, Links(data))
    place = atlas.places["2021-01-05-town-y"]
    assert (place.precision, place.via_region.id) == ("region", "town-y")  # type: ignore[union-attr]
    [svg] = _svgs(render_pages(data)["incidents/2021-01-05-town-y.html"])
    group = next(g for g in svg.iter(f"{SVG}g") if "bm-mark" in (g.get("class") or ""))
    assert group.get("class") == "bm-mark bm-lit"
    symbol = group.find(f"{SVG}g[@class='bm-symbol']")
    assert [(e.tag.split("}")[1], e.get("class")) for e in symbol] == [("circle", "bm-dashed"), ("path", "bm-hollow")]


def test_incident_with_no_coordinates_anywhere_is_listed_as_not_mapped(data_dir: DataDir) -> None:
    _edit_incident(data_dir, coordinates=None)
    _drop_region_coordinates(data_dir)
    data = data_dir.load()
    assert [i.id for i in Atlas(data, Links(data)).not_mapped] == ["2021-01-05-town-y"]
    pages = render_pages(data)
    home = pages["index.html"]
    assert '0 of 1 incident drawn; 1 not drawn, because neither the incident nor any of its regions has ' \
           'cited coordinates.' in home
    assert ('Not drawn (neither the incident nor its regions have cited coordinates): '
            '<a href="incidents/2021-01-05-town-y.html">Exchange of fire reported near Town Y</a>') in home
    # the incident's own page never shows a map without its incident: no map at all, and why
    own = pages["incidents/2021-01-05-town-y.html"]
    assert 'class="briefing-visual briefing-map"' not in own and "Map of all incidents" not in own
    assert "0 of 1 incident drawn; 1 not drawn" in own
    svg = _svgs(home)[0]  # the map (the chart follows)
    assert svg.find(f"{SVG}title").text == "Map of all incidents"
    assert [g for g in svg.iter(f"{SVG}g") if "bm-mark" in (g.get("class") or "")] == []  # nothing at a made-up place


def test_the_overview_extent_is_computed_from_the_data_and_a_far_point_widens_it(data_dir: DataDir) -> None:
    data = data_dir.load()
    near = Atlas(data, Links(data)).extent
    _edit_incident(data_dir, coordinates={"lat": 43.2, "lon": 50.4, "precision": "exact",
                                          "basis": {"text": "T", "citations": [{"source": "source-two"}]}})
    data = data_dir.load()
    atlas = Atlas(data, Links(data))
    assert atlas.extent.north > 43.2 > near.north
    assert atlas.extent.east > 50.4 > near.east
    x, y = atlas.extent.project(43.2, 50.4)
    assert 0 < x < 640 and 0 < y < atlas.extent.height
    [svg, *_] = _svgs(render_pages(data)["index.html"])
    assert svg.get("viewBox") == f"0 0 640.0 {atlas.extent.height}"


def test_hostile_place_names_are_drawn_as_text_in_maps_and_charts(data_dir: DataDir) -> None:
    hostile = '<script>alert(1)</script> & "Town"'
    regions = load_yaml(data_dir.data, "regions")
    regions[1]["names"] = [{"name": hostile, "lang": "en", "citations": [{"source": "source-two"}]}]
    regions[0]["names"] = [{"name": hostile + " land", "lang": "en", "citations": [{"source": "source-two"}]}]
    # the quotes cited for the town name the old name: cite without a quote (place-not-in-quote)
    regions[1]["description"]["citations"] = regions[1]["parent_citations"] = [{"source": "source-two"}]
    write_yaml(data_dir.data / "regions.yaml", regions)
    pages = render_pages(data_dir.load())
    for path in ("incidents/2021-01-05-town-y.html", "regions/town-y.html", "clauses/accord-2020-clause-1.html"):
        svgs = _svgs(pages[path])
        assert svgs, path
        for svg in svgs:
            assert list(svg.iter(f"{SVG}script")) == []
            texts = [t.text or "" for t in svg.iter(f"{SVG}text")] + [t.text or "" for t in svg.iter(f"{SVG}title")]
            assert any(hostile in text for text in texts), path


def test_maps_draw_the_country_outlines_of_their_area_with_names_and_attribution() -> None:
    pages = render_pages(load_dataset(REAL_DATA))
    svg = _svgs(pages["index.html"])[0]
    names = {p.find(f"{SVG}title").text for p in svg.find(f"{SVG}g[@class='bm-land']")}
    assert {"Armenia", "Azerbaijan"} <= names
    assert "Natural Earth" in pages["index.html"]


def test_chronology_chart_is_focused_on_the_incidents_with_the_negotiation_track_as_context() -> None:
    data = load_dataset(REAL_DATA)
    chart = SitePlan(data).visuals.chronology_chart()
    assert chart is not None
    assert sum(p.total for p in chart.periods) == len(data.incidents)
    dates = [i.date for i in data.incidents.values()] + [i.date_end for i in data.incidents.values() if i.date_end]
    step = chart.periods[1].start - chart.periods[0].start
    # the span is the incidents' period (issue 23: it was November 2020 to July 2021, with
    # every incident in the last two bars)
    assert chart.periods[0].start == min(dates) and max(dates) < chart.periods[-1].start + step
    assert chart.unit == "day"
    # every milestone and agreement is on the chart or named as its context, none twice
    track = [*data.milestones.values(), *data.agreements.values()]
    on_chart = [*chart.milestones, *chart.agreements]
    assert sorted(r.id for r in [*on_chart, *chart.before, *chart.after]) == sorted(r.id for r in track)
    assert all(r.date < chart.periods[0].start for r in chart.before) and chart.before
    assert "negotiation records before this period" in chart.drawing["before"]
    svg = _svgs(render_pages(data)["chronology.html"])[0]
    marked = [t.text for t in svg.iter(f"{SVG}title") if (t.text or "").startswith("Milestone")]
    assert len(marked) == len(chart.milestones)
    # labels are whole titles, wrapped, never cut
    texts = [" ".join(" ".join(t.itertext()).split()) for t in svg.iter(f"{SVG}text")]
    for milestone in chart.milestones:
        assert any(" ".join(milestone.title.split()) in t for t in texts), milestone.title
    assert not any("…" in t for t in texts)
    page = render_pages(data)["chronology.html"]
    for record in chart.before:
        assert f"{record.date.isoformat()}: <a " in page


def test_track_labels_never_overlap_and_series_differ_by_pattern_as_well_as_colour() -> None:
    from briefing.render.drawings.charts import FONT, GLYPH

    data = load_dataset(REAL_DATA)
    chart = SitePlan(data).visuals.chronology_chart()
    assert chart is not None
    boxes = []
    for item in chart.drawing["track"]:
        w = max(len(line) for line in item["lines"]) * FONT * GLYPH
        boxes += [(row, item["text_x"], item["text_x"] + w) for row in range(item["row"], item["row"] + len(item["lines"]))]
    for a, b in itertools.combinations(boxes, 2):
        assert a[0] != b[0] or a[2] <= b[1] or b[2] <= a[1], (a, b)
    assert all(x0 >= 0 and x1 <= chart.drawing["width"] for _, x0, x1 in boxes)
    patterns = [s.pattern for s in chart.series]
    assert len(set(patterns)) == len(patterns) == len({s.colour for s in chart.series})
    svg = _svgs(render_pages(data)["chronology.html"])[0]
    assert len(svg.findall(f"{SVG}defs/{SVG}pattern")) == len(chart.series)
    bars = [r for r in svg.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None and r.get("width") != "10"]
    assert bars and all(r.get("fill", "").startswith("url(#tl-") for r in bars)


def test_long_spans_are_charted_per_week(data_dir: DataDir) -> None:
    records = load_yaml(data_dir.data, "incidents")
    later = dict(records[0], id="2021-06-20-town-y", date="2021-06-20")
    later["claims"] = [dict(c, date="2021-06-20") if "date" in c else c for c in later["claims"]]
    write_yaml(data_dir.data / "incidents.yaml", [*records, later])
    data = data_dir.load()
    chart = SitePlan(data).visuals.chart(list(data.incidents.values()), "t", milestones=())
    assert chart is not None and chart.unit == "week"
    assert [p.label for p in chart.busy_periods] == ["week of 2021-01-04", "week of 2021-06-14"]
    assert chart.periods[0].label == "week of 2021-01-04" and len(chart.periods) == 24


def test_maps_and_charts_are_byte_identical_across_builds() -> None:
    first, second = load_dataset(REAL_DATA), load_dataset(REAL_DATA)
    assert render_pages(first) == render_pages(second)


def test_region_year_pages_are_permalinks_of_the_region_incident_list() -> None:
    data = load_dataset(REAL_DATA)
    pages = render_pages(data)
    years = {path for path in pages if path.startswith("filters/")}
    expected = {f"filters/{region_id}-{i.date.year}.html"
                for region_id, incidents in Links(data).incidents_in_region.items() for i in incidents}
    assert years == expected
    page = pages["filters/shusha-2021.html"]
    listed = set(re.findall(r'href="\.\./incidents/([a-z0-9-]+)\.html"', page.split("<details", 1)[0] + page.split("</details>")[-1]))
    assert listed == {i.id for i in Links(data).incidents_in_region["shusha"]}
    assert '<a href="../filters/shusha-2021.html">2021</a>' in pages["regions/shusha.html"]


def test_the_world_basemap_is_small_and_attributed_with_the_script_that_made_it() -> None:
    basemap = Path(__file__).resolve().parent.parent / "briefing" / "render" / "drawings" / "basemap"
    assert (basemap / "world-50m.json.gz").stat().st_size < 200_000
    readme = (basemap / "README.md").read_text(encoding="utf-8")
    assert "world-atlas" in readme and "tools/make_basemap.py" in readme and "Natural Earth" in readme


def test_a_chart_is_never_finer_than_the_least_precise_date_it_counts() -> None:
    """An incident known only to the month is counted in its month, not on a day."""
    import msgspec

    from briefing.pipeline import load_dataset
    from briefing.render.drawings.charts import Timelines

    data = load_dataset(Path(__file__).parent.parent / "data")
    incidents = list(data.incidents.values())
    assert Timelines(data, Links(data)).chart(incidents, title="t").unit == "day"
    vague = [*incidents[1:], msgspec.structs.replace(incidents[0], date_precision="month")]
    chart = Timelines(data, Links(data)).chart(vague, title="t")
    assert chart.unit == "month"
    assert sum(sum(p.counts) for p in chart.periods) == len(incidents)


def test_a_span_of_decades_is_charted_per_quarter_or_year_so_the_chart_stays_small() -> None:
    import msgspec

    from briefing.render.drawings.charts import MAX_PERIODS, Timelines

    data = load_dataset(REAL_DATA)
    incidents = list(data.incidents.values())
    for years, unit, first in [(12, "quarter", "2021-Q3"), (40, "year", "2021")]:
        later = msgspec.structs.replace(incidents[0], date=incidents[0].date.replace(year=2021 + years))
        chart = Timelines(data, Links(data)).chart([*incidents, later], title="t")
        assert chart is not None and chart.unit == unit
        assert chart.periods[0].label == first and len(chart.periods) <= MAX_PERIODS
        assert sum(p.total for p in chart.periods) == len(incidents) + 1


def test_many_milestones_are_marked_per_period_and_counted_not_listed(data_dir: DataDir) -> None:
    from briefing.render.drawings.charts import MAX_MARKS

    milestones = load_yaml(data_dir.data, "milestones")
    many = [dict(milestones[0], id=f"talks-{n}", date="2021-01-05") for n in range(MAX_MARKS + 1)]  # the incident's day
    write_yaml(data_dir.data / "milestones.yaml", [*milestones, *many])
    data = data_dir.load()

    chart = SitePlan(data).visuals.chronology_chart()
    page = render_pages(data)["chronology.html"]

    # the chart is focused on the incident's day; the talks of 2020-12-01 are its context
    assert chart is not None and len(chart.milestones) == MAX_MARKS + 1
    assert "2020-12-01-talks" in [m.id for m in chart.before]
    svg = _svgs(page)[0]
    marks = [t.text or "" for t in svg.iter(f"{SVG}title") if "milestone" in (t.text or "")]
    assert marks == [f"{MAX_MARKS + 1} milestones, 2021-01-05"]
    assert f'{MAX_MARKS + 1} milestones fall in this span: <a href="milestones/index.html">the milestone list</a>' in page
    assert "talks-7.html" not in page.split("</details>")[0].split("<details")[-1], "not listed one by one"
