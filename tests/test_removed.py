"""Removed records: ids deleted or merged stay listed, never reused, never dangling."""

from __future__ import annotations

from pathlib import Path

from testdata import DataDir

from briefing.pipeline import load_dataset

MERGED = """\
    - id: 2021-01-04-town-y
      kind: incident
      removed: 2021-02-01
      action: merged
      replaced_by: 2021-01-05-town-y
      reason: The same exchange of fire was reported twice.
"""


def test_removed_file_is_optional(data_dir: DataDir) -> None:
    assert not data_dir.path("removed").exists()
    assert data_dir.load().removed == ()


def test_a_merged_record_is_listed_with_the_record_it_now_belongs_to(data_dir: DataDir) -> None:
    data_dir.write("removed", MERGED)

    (entry,) = data_dir.load().removed

    assert (entry.id, entry.record_kind, entry.action, entry.replaced_by) == (
        "2021-01-04-town-y", "incident", "merged", "2021-01-05-town-y")


def test_a_removed_id_that_still_exists_is_an_error(data_dir: DataDir) -> None:
    data_dir.write("removed", MERGED.replace("id: 2021-01-04-town-y", "id: 2021-01-05-town-y"))

    error = data_dir.error()

    assert str(error.location) == "data/removed.yaml:1:7"
    assert error.message == "incident '2021-01-05-town-y' is listed as removed but still exists"
    assert error.code == "removed-still-exists"
    assert error.hint == "delete it from data/incidents.yaml or from removed.yaml; ids are never reused"


def test_merged_into_an_unknown_record_names_the_closest_id(data_dir: DataDir) -> None:
    data_dir.write("removed", MERGED.replace("replaced_by: 2021-01-05-town-y", "replaced_by: 2021-01-05-town"))

    error = data_dir.error()

    assert str(error.location) == "data/removed.yaml:5:16"
    assert error.message == "replaced_by: unknown incident '2021-01-05-town'"
    assert error.hint == "did you mean '2021-01-05-town-y'?"


def test_merged_without_replaced_by_is_an_error(data_dir: DataDir) -> None:
    data_dir.write("removed", MERGED.replace("      replaced_by: 2021-01-05-town-y\n", ""))

    error = data_dir.error()

    assert str(error.location) == "data/removed.yaml:1:3"
    assert error.message == "missing required field 'replaced_by'"


def test_an_id_listed_as_removed_twice_is_an_error(data_dir: DataDir) -> None:
    data_dir.write("removed", MERGED + MERGED.replace("2021-02-01", "2021-03-01"))

    error = data_dir.error()

    assert str(error.location) == "data/removed.yaml:7:7"
    assert error.message == "incident '2021-01-04-town-y' is listed as removed twice (first on line 1)"
    assert error.code == "removed-twice"


def test_the_real_data_lists_the_records_moved_out_of_parties_and_milestones() -> None:
    """The audit of issue 10 moved analysts out of parties.yaml (now authors) and their
    conclusions out of milestones.yaml (now assessments): their old ids stay listed."""
    assert (Path(__file__).parent.parent / "data" / "removed.yaml").exists()
    data = load_dataset(Path(__file__).parent.parent / "data")
    moved = {(r.record_kind, r.id): (r.replaced_by_kind, r.replaced_by) for r in data.removed if r.action == "moved"}
    assert moved[("party", "vasif-huseynov")] == ("author", "vasif-huseynov")
    assert moved[("milestone", "2021-06-09-crisis-group-report")] == (
        "assessment", "crisisgroup-2021-06-09-front-line-troops")
    for kind, target in moved.values():
        assert target in data.records(f"{kind}s" if kind != "assessment" else "assessments")
