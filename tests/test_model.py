"""Unit tests for briefing.model: typed records and the relations derived from them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import msgspec
import pytest

from briefing.model.links import AROUND_DAYS, Links
from briefing.model.records import Dataset
from briefing.pipeline import load_dataset

MINIMAL = Path(__file__).parent / "fixtures" / "minimal" / "data"


@pytest.fixture(scope="module")
def data() -> Dataset:
    return load_dataset(MINIMAL)


def test_records_are_immutable(data: Dataset) -> None:
    incident = data.incidents["2021-01-05-town-y"]
    with pytest.raises(AttributeError):
        incident.title = "changed"  # type: ignore[misc]
    with pytest.raises(TypeError):
        data.incidents["new"] = incident  # type: ignore[index]


def test_region_title_joins_the_names_each_side_uses(data: Dataset) -> None:
    assert data.regions["town-y"].title == "Town Y / Town Why"


def test_incidents_are_listed_in_their_region_and_every_larger_region(data: Dataset) -> None:
    incident = data.incidents["2021-01-05-town-y"]
    assert Links(data).incidents_in_region["town-y"] == [incident]
    assert Links(data).incidents_in_region["country-x"] == [incident]
    assert [r.id for r in Links(data).ancestors("town-y")] == ["country-x"]
    assert [r.id for r in Links(data).children["country-x"]] == ["town-y"]


def test_most_specific_drops_regions_that_contain_another_listed_one(data: Dataset) -> None:
    assert Links(data).most_specific(("country-x", "town-y")) == ["town-y"]


def test_clause_backlinks_keep_the_reason_given_by_each_record(data: Dataset) -> None:
    backlinks = Links(data).clause_backlinks["accord-2020-clause-1"]
    assert [(b.record.id, b.why) for b in backlinks] == [
        ("2021-01-05-town-y", "The clause declared a ceasefire."),
        ("2020-12-01-talks", "The talks were about the ceasefire clause."),
    ]


def test_cited_by_lists_every_record_whose_page_cites_the_source(data: Dataset) -> None:
    cited_by = {source: [r.id for r in records] for source, records in Links(data).cited_by.items()}
    assert "2021-01-05-town-y" in cited_by["source-one"]
    assert "2021-01-05-town-y" in cited_by["source-two"]
    assert "2020-12-01-talks" in cited_by["source-two"]
    agreement = data.agreements["accord-2020"]
    for citation in agreement.citations():
        assert agreement.id in cited_by[citation.source_id]


def test_claims_are_grouped_by_party_in_curated_order(data: Dataset) -> None:
    incident = data.incidents["2021-01-05-town-y"]
    assert [party for party, _ in incident.claims_by_party()] == ["side-a", "side-b"]
    assert [i.id for i in Links(data).incidents_claimed_by["side-b"]] == ["2021-01-05-town-y"]


def test_milestones_around_an_incident_and_incidents_around_a_milestone_agree(data: Dataset) -> None:
    incident = data.incidents["2021-01-05-town-y"]
    milestone = data.milestones["2020-12-01-talks"]
    gap = (incident.date - milestone.date).days
    near = gap <= AROUND_DAYS
    assert (milestone in Links(data).milestones_around(incident)) == near
    assert (incident in Links(data).incidents_around(milestone)) == near
    moved = msgspec.structs.replace(incident, date=milestone.date + dt.timedelta(days=AROUND_DAYS))
    assert milestone in Links(data).milestones_around(moved)
    moved = msgspec.structs.replace(incident, date=milestone.date + dt.timedelta(days=AROUND_DAYS + 1))
    assert milestone not in Links(data).milestones_around(moved)


def test_chronology_merges_incidents_and_milestones_by_date(data: Dataset) -> None:
    assert [r.id for r in Links(data).chronology()] == ["2020-12-01-talks", "2021-01-05-town-y"]


def test_agreement_lists_incidents_and_milestones_that_relate_to_its_clauses(data: Dataset) -> None:
    assert [i.id for i in Links(data).agreement_incidents["accord-2020"]] == ["2021-01-05-town-y"]
    assert [m.id for m in Links(data).agreement_milestones["accord-2020"]] == ["2020-12-01-talks"]
