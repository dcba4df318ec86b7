"""Every incident on the map, at the precision its sources give: a district as its area,
a border section as its stretch of border, a place as a point, and a ring around a seat
where no boundary can be had; the home map and each incident's own map show it.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from msgspec.structs import replace
from shapely.geometry import Point
from sitetools import Site

from briefing.model.links import Links
from briefing.model.records import Coordinates, Dataset, Region
from briefing.pipeline import load_dataset
from briefing.render.drawings.areas import STRETCH_KM, area_of, name_key, stretch_of
from briefing.render.drawings.maps import Atlas
from briefing.render.drawings.outlines import KM_PER_DEGREE, world

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def real() -> Dataset:
    return load_dataset(DATA)


def test_area_names_are_compared_without_case_accents_or_the_kind_of_area() -> None:
    assert name_key("Tovuz District") == name_key("tovuz") == "tovuz"
    assert name_key("Gədəbəy") == name_key("Gedebey")
    assert name_key("Sadarak Rayon") == "sadarak"


@pytest.mark.parametrize(("region_id", "iso"), [("tovuz", "AZ-TOV"), ("gadabay", "AZ-GAD"), ("kalbajar", "AZ-KAL"),
                                                ("agdam", "AZ-AGM"), ("sadarak", "AZ-SAD")])
def test_a_district_with_a_cited_seat_and_a_matching_name_is_drawn_as_its_area(real: Dataset, region_id: str,
                                                                              iso: str) -> None:
    zone = area_of(real.regions[region_id])
    assert zone is not None and zone.kind == "area" and zone.source.endswith(iso)
    c = real.regions[region_id].coordinates
    assert c is not None and zone.shape.contains(Point(c.lon, c.lat))


def test_no_area_is_guessed_when_the_boundary_data_disagrees_or_is_missing(real: Dataset) -> None:
    # Natural Earth labels the polygon around Lachin's seat "Şuşa": no recorded name matches
    assert area_of(real.regions["lachin"]) is None
    tovuz = real.regions["tovuz"]
    renamed = replace(tovuz, names=(replace(tovuz.names[0], name="Somewhere Else"),))
    assert area_of(renamed) is None
    assert tovuz.coordinates is not None
    moved = replace(tovuz, coordinates=replace(tovuz.coordinates, lat=39.0, lon=49.0))
    assert area_of(moved) is None  # the name matches, the seat is not inside: no area
    assert area_of(replace(tovuz, coordinates=None)) is None
    assert area_of(replace(tovuz, kind_of_place="city")) is None


def test_a_border_section_is_drawn_as_the_state_border_near_its_cited_point(real: Dataset) -> None:
    section = real.regions["yeraskh-border-section"]
    zone = stretch_of(section, frozenset({"Armenia", "Azerbaijan"}))
    assert zone is not None and zone.kind == "line" and zone.shape.length > 0
    c = section.coordinates
    assert c is not None
    for lon, lat in _coords(zone.shape):
        km = math.hypot((lon - c.lon) * math.cos(math.radians(c.lat)), lat - c.lat) * KM_PER_DEGREE
        assert km <= STRETCH_KM + 0.1
    shapes = {country.name: country.shape for country in world()[0]}
    assert zone.shape.distance(shapes["Armenia"].boundary) < 1e-9
    assert zone.shape.distance(shapes["Azerbaijan"].boundary) < 1e-9
    # a section with no cited point, or a region that is no border section, is no line
    assert stretch_of(real.regions["armenia-azerbaijan-border"], frozenset()) is None
    assert stretch_of(real.regions["tovuz"], frozenset()) is None


def _coords(geometry: object) -> list[tuple[float, float]]:
    parts = getattr(geometry, "geoms", [geometry])
    return [point for part in parts for point in part.coords]  # type: ignore[attr-defined]


def test_a_district_without_a_boundary_is_a_ring_around_its_seat_and_the_legend_says_so(real: Dataset) -> None:
    lachin = real.regions["lachin"]
    incident = next(iter(real.incidents.values()))
    moved = replace(incident, id="test-lachin", region_ids=("lachin",), coordinates=None)
    data = replace(real, incidents={**real.incidents, moved.id: moved})
    atlas = Atlas(data, Links(data))
    place = atlas.places["test-lachin"]
    assert (place.precision, place.zone, place.via_region) == ("region", None, lachin)
    drawing = atlas.locator(moved, title="t", desc="d", href=lambda i: "", labels=[])
    texts = [entry.text for entry in drawing.legend]
    assert any("no boundary is available here" in text for text in texts), texts


def _places(real: Dataset) -> Atlas:
    return Atlas(real, Links(real))


def test_every_real_incident_is_drawn_on_the_home_map(real: Dataset, real_pages: Site) -> None:
    atlas = _places(real)
    n = len(real.incidents)
    assert atlas.not_mapped == [] and len(atlas.places) == n
    home = real_pages.article("index.html")
    assert f"{n} of {n} incidents drawn." in " ".join(home.select_one(".briefing-map-count").get_text().split())
    marks = home.select("figure.briefing-map > svg.bm a")
    linked = {a["href"].removeprefix("incidents/").removesuffix(".html") for a in marks}
    counted = [g for g in home.select("figure.briefing-map > svg.bm g.bm-mark") if g.parent.name != "a"]
    # one linked mark per incident, or (many incidents at one spot) a mark that counts them
    assert linked == set(real.incidents) or (len(linked) < n and counted)


def test_each_incident_page_shows_its_own_incident_at_its_precision(real: Dataset, real_pages: Site) -> None:
    atlas = _places(real)
    for incident_id, place in atlas.places.items():
        page = real_pages.article(f"incidents/{incident_id}.html")
        figure = page.select_one("figure.briefing-map > svg.bm")  # the map, not its legend's keys
        assert figure is not None, incident_id
        lit = figure.select("g.bm-mark.bm-lit")
        assert len(lit) == 1, incident_id
        assert lit[0].select_one("title").get_text().startswith(f"{place.incident.date.isoformat()}: ")
        zones = figure.select("path.bm-zone")
        if place.zone is None:
            assert zones == [], incident_id
        else:
            assert [z["class"] for z in zones] == [["bm-zone", f"bm-zone-{place.zone.kind}"]], incident_id
            assert place.zone.region.title in zones[0].select_one("title").get_text()
        assert "1 of 1 incident drawn." in page.select_one(".briefing-map-count").get_text()


def test_the_14_july_page_draws_the_yeraskh_stretch_not_other_incidents_alone(real_pages: Site) -> None:
    page = real_pages.article("incidents/2021-07-14-nakhchivan-yeraskh.html")
    [zone] = page.select("figure.briefing-map > svg.bm path.bm-zone-line")
    assert "Yeraskh section" in zone.select_one("title").get_text()
    legend = [li.get_text(" ", strip=True) for li in page.select("figure.briefing-map .briefing-legend li")]
    assert "Only the stretch of border is known: that stretch is drawn (hollow mark at its named place)" in legend


def test_region_pages_say_how_many_of_their_incidents_are_drawn(real: Dataset, real_pages: Site) -> None:
    links = Links(real)
    for region in real.regions.values():
        incidents = links.incidents_in_region.get(region.id, [])
        if not incidents:
            continue
        text = " ".join(real_pages.article(f"regions/{region.id}.html").select_one(".briefing-map-count")
                        .get_text().split())
        n = len(incidents)
        assert text.startswith(f"{n} of {n} incident"), (region.id, text)


def test_coordinates_with_region_precision_are_drawn_as_that_regions_area(real: Dataset) -> None:
    agdam = real.incidents["2021-07-06-agdam"]
    assert agdam.coordinates == Coordinates(lat=39.99096, lon=46.92736, precision="region", region_id="agdam")
    place = _places(real).places[agdam.id]
    assert place.precision == "area" and place.zone is not None and isinstance(place.zone.region, Region)
    assert place.via_region is None  # it has coordinates of its own (its region's)


def test_a_region_with_nothing_to_draw_shows_no_map_and_says_why(real: Dataset, real_pages: Site) -> None:
    corridor = real.regions["lachin-corridor"]
    assert corridor.coordinates is None and not Links(real).incidents_in_region.get(corridor.id)
    page = real_pages.article("regions/lachin-corridor.html")
    assert page.select_one("figure.briefing-map") is None
    assert page.select_one(".briefing-map-count").get_text() == "No map: nothing recorded here has cited coordinates."
    # a region with a cited seat and no boundary keeps its map, its seat circled and said so
    lachin = real_pages.article("regions/lachin.html")
    legend = [li.get_text(" ", strip=True) for li in lachin.select("figure.briefing-map .briefing-legend li")]
    assert any(text.startswith("Area of Lachin: no boundary of it is available here") for text in legend), legend


def test_party_pages_map_the_incidents_the_party_gave_an_account_of(real: Dataset, real_pages: Site) -> None:
    links = Links(real)
    for party in real.parties.values():
        page = real_pages.article(f"parties/{party.id}.html")
        claimed = links.incidents_claimed_by.get(party.id, [])
        if not claimed:
            assert page.select_one("figure.briefing-map") is None, party.id
            continue
        n = len(claimed)
        count = " ".join(page.select_one(".briefing-map-count").get_text().split())
        assert count.startswith(f"{n} of {n} incident"), (party.id, count)
        svg = page.select_one("figure.briefing-map > svg.bm")
        hrefs = {a["href"] for a in svg.select("a") if a.select_one("g.bm-mark.bm-lit")}
        # where many places share a spot they are drawn as one lit mark with a count (of places,
        # an incident may have several) and no link (Armenia's page, once 6 and 11 August at
        # Yeraskh were curated): every claimed incident is still lit, linked alone or in a group
        grouped = sum(int(g.select_one("text.bm-count").get_text()) for g in svg.select("g.bm-mark.bm-lit")
                      if g.parent.name != "a" and g.select_one("text.bm-count") is not None)
        assert hrefs <= {f"../incidents/{i.id}.html" for i in claimed}, party.id
        assert n - len(hrefs) <= grouped, (party.id, len(hrefs), grouped)
        if not grouped:
            assert hrefs == {f"../incidents/{i.id}.html" for i in claimed}, party.id
