"""A researcher downloads the briefing as data: CSV, GeoJSON, JSON and a data package.

Every record arrives, whatever its text holds: commas, quotes and line breaks are
quoted, non-ASCII names stay UTF-8, an incident without coordinates keeps its row and
gets a ``null`` geometry. The data package passes ``frictionless validate``.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from testdata import DataDir

from briefing.publish.exports import build_exports

TITLE = "Test briefing"


def exported(data_dir: DataDir) -> dict[str, bytes]:
    return build_exports(data_dir.load(), TITLE, "A test dataset")


def rows(files: dict[str, bytes], name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(files[f"data/{name}.csv"].decode("utf-8"), newline="")))


def write(files: dict[str, bytes], dest: Path) -> Path:
    for name, content in files.items():
        path = dest / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return dest / "data"


def frictionless_errors(folder: Path) -> list[str]:
    from frictionless import validate

    report = validate(folder / "datapackage.json")
    return [error.message for task in report.tasks for error in task.errors] + [e.message for e in report.errors]


def test_one_row_per_incident_with_acled_and_ucdp_column_names(data_dir: DataDir) -> None:
    (row,) = rows(exported(data_dir), "incidents")

    assert row["event_id"] == "2021-01-05-town-y"
    assert (row["event_date"], row["date_start"], row["date_end"]) == ("2021-01-05", "2021-01-05", "2021-01-05")
    assert (row["time_precision"], row["date_precision"]) == ("1", "day")
    assert (row["latitude"], row["longitude"], row["geo_precision"]) == ("40.1", "45.2", "2")
    assert row["region_names"] == "Town Y / Town Why"
    assert row["claimants"] == "side-a;side-b"
    assert (row["wounded_low"], row["wounded_best"], row["wounded_high"]) == ("1", "1", "1")
    assert row["sources"] == "source-two;source-one;source-three"
    assert row["page"] == "incidents/2021-01-05-town-y.html"


def test_no_curated_death_toll_is_empty_not_zero(data_dir: DataDir) -> None:
    (row,) = rows(exported(data_dir), "incidents")

    assert (row["fatalities"], row["fatalities_low"], row["fatalities_best"], row["fatalities_high"]) == ("", "", "", "")


def test_curated_deaths_are_summed_over_parties_low_best_high(data_dir: DataDir) -> None:
    data_dir.edit("incidents", "      wounded: {low: 1, best: 1, high: 1}\n",
                  "      killed: {low: 1, best: 2, high: 3}\n"
                  "    - party: side-b\n      killed: {low: 0, best: 1, high: 4}\n")

    (row,) = rows(exported(data_dir), "incidents")

    assert (row["fatalities"], row["fatalities_low"], row["fatalities_best"], row["fatalities_high"]) == ("1", "1", "3", "7")


def test_commas_quotes_and_line_breaks_in_text_survive_the_csv(data_dir: DataDir) -> None:
    hostile = 'Side B said: "we fired, then stopped".\n\nA second paragraph, with a comma.'
    data_dir.edit("incidents", "      text: Side A opened fire first.\n",
                  "      text: |-\n" + "".join(f"        {line}\n" if line else "\n" for line in hostile.split("\n")))
    data_dir.edit("incidents", "  place: Town Y\n", '  place: "Town Y, north edge; \\"the ridge\\""\n')

    files = exported(data_dir)
    claims = rows(files, "claims")
    (incident,) = rows(files, "incidents")

    assert [c["text"] for c in claims] == ["Side B opened fire near Town Y; one soldier was wounded.", hostile]
    assert incident["location"] == 'Town Y, north edge; "the ridge"'
    raw = files["data/claims.csv"].decode("utf-8")
    assert '"Side B said: ""we fired, then stopped"".\n\nA second paragraph, with a comma."' in raw


def test_non_ascii_names_are_written_as_utf8(data_dir: DataDir) -> None:
    data_dir.edit("regions", "{name: Town Y, lang: en,", "{name: Şuşa, lang: en,")
    data_dir.edit("regions", "{name: Town Why, lang: en,", "{name: Շուշի, lang: en,")
    # each quote cited for a place names it (place-not-in-quote)
    data_dir.write("regions", data_dir.text("regions").replace("Town Why", "Շուշի").replace("Town Y", "Şuşa"))

    files = exported(data_dir)

    assert "Şuşa / Շուշի".encode() in files["data/incidents.csv"]
    assert rows(files, "incidents")[0]["region_names"] == "Şuşa / Շուշի"
    assert "Şuşa / Շուշի".encode() in files["data/incidents.geojson"], "JSON keeps the letters, not \\u escapes"


def test_an_incident_without_coordinates_keeps_its_row_and_gets_a_null_geometry(data_dir: DataDir) -> None:
    data_dir.edit("incidents", "  coordinates: {lat: 40.1, lon: 45.2, precision: near, region: town-y}\n", "")

    files = exported(data_dir)
    (row,) = rows(files, "incidents")
    (feature,) = json.loads(files["data/incidents.geojson"])["features"]

    assert (row["latitude"], row["longitude"], row["geo_precision"]) == ("", "", "")
    assert feature["geometry"] is None
    assert feature["id"] == "2021-01-05-town-y"
    assert feature["properties"]["title"] == "Exchange of fire reported near Town Y"


def test_geojson_follows_rfc_7946(data_dir: DataDir) -> None:
    collection = json.loads(exported(data_dir)["data/incidents.geojson"])

    assert collection["type"] == "FeatureCollection"
    assert "crs" not in collection, "RFC 7946 removed crs: coordinates are always WGS 84"
    (feature,) = collection["features"]
    assert feature["type"] == "Feature"
    assert feature["geometry"] == {"type": "Point", "coordinates": [45.2, 40.1]}, "longitude first"
    assert feature["properties"]["event_date"] == "2021-01-05"


def test_claims_keep_each_claimants_reported_casualties(data_dir: DataDir) -> None:
    claims = rows(exported(data_dir), "claims")

    assert [(c["event_id"], c["claim_number"], c["party"], c["claimant"]) for c in claims] == [
        ("2021-01-05-town-y", "1", "side-a", "Ministry of Defence of Side A"),
        ("2021-01-05-town-y", "2", "side-b", "Spokesperson of Side B"),
    ]
    assert json.loads(claims[0]["reported_casualties"]) == [{"party": "side-a", "killed": None, "wounded": 1}]
    assert (claims[0]["reported_wounded"], claims[0]["reported_killed"]) == ("1", "")
    assert claims[1]["reported_casualties"] == "[]"
    assert (claims[0]["quoted"], claims[1]["blames"]) == ("false", "side-a")


def test_sources_csv_lists_every_source(data_dir: DataDir) -> None:
    sources = rows(exported(data_dir), "sources")

    assert sorted(s["source_id"] for s in sources) == ["source-one", "source-three", "source-two"]
    news = next(s for s in sources if s["source_id"] == "source-two")
    assert news["archive_url"] == "https://web.archive.org/web/2021/https://example.com/news/town-y"
    assert (news["publisher"], news["publisher_id"], news["authors"]) == ("Example News", "example-news", "analyst-z")
    assert (news["provenance"], news["accessed"], news["via_source"]) == ("read", "2021-01-07", "")
    assert (news["publisher_affiliation"], news["publisher_party"]) == ("independent", "")
    ministry = next(s for s in sources if s["source_id"] == "source-one")
    assert (ministry["publisher_affiliation"], ministry["publisher_party"]) == ("state-body", "side-a")


def test_sources_csv_says_how_a_source_not_read_is_known(data_dir: DataDir) -> None:
    data_dir.edit("sources", "  provenance: read\n  accessed: 2021-01-06\n  archive_url: "
                  "https://web.archive.org/web/2021/https://example.org/side-a/press-release\n",
                  '  provenance: via\n  via: {source: source-two, locator: paragraph 2, quote: "Side A said"}\n'
                  "  searched: {date: 2021-02-01, where: the ministry's site}\n")

    one = next(s for s in rows(exported(data_dir), "sources") if s["source_id"] == "source-one")

    assert (one["provenance"], one["accessed"], one["archive_url"]) == ("via", "", "")
    assert (one["via_source"], one["via_locator"], one["searched_date"]) == ("source-two", "paragraph 2", "2021-02-01")


def test_assessments_are_their_own_table_never_claims(data_dir: DataDir) -> None:
    files = exported(data_dir)
    (assessment,) = rows(files, "assessments")
    claims = rows(files, "claims")

    assert assessment["assessment_id"] == "analyst-z-2021-01-06-escalation"
    assert (assessment["author"], assessment["author_name"], assessment["author_affiliation"]) == (
        "analyst-z", "Analyst Z", "unknown")
    assert (assessment["incidents"], assessment["clauses"], assessment["sources"]) == (
        "2021-01-05-town-y", "accord-2020-clause-1", "source-two")
    assert "analyst-z" not in {c["party"] for c in claims}
    (incident,) = rows(files, "incidents")
    assert incident["claimants"] == "side-a;side-b"


def test_claims_csv_gives_each_accounts_time_with_its_zone_and_in_utc(data_dir: DataDir) -> None:
    claims = rows(exported(data_dir), "claims")

    assert [(c["times"], c["time_zone"], c["time_zone_stated"], c["times_utc"]) for c in claims] == [
        ("21:30", "Asia/Baku", "true", "2021-01-05T17:30Z"),
        ("20:30", "Europe/Moscow", "true", "2021-01-05T17:30Z"),
    ]
    assert [(c["event_date"], c["place"], c["weapons"]) for c in claims] == [
        ("2021-01-05", "near Town Y", "mortars"), ("2021-01-05", "near Town Why", "")]


def test_a_time_whose_zone_is_not_stated_is_never_converted(data_dir: DataDir) -> None:
    data_dir.edit("incidents", "{zone: Europe/Moscow, stated: true}", "{zone: not-stated}")

    claims = rows(exported(data_dir), "claims")

    assert (claims[1]["times"], claims[1]["time_zone"], claims[1]["time_zone_stated"], claims[1]["times_utc"]) == (
        "20:30", "not-stated", "", "")


def test_silences_and_authors_are_exported(data_dir: DataDir) -> None:
    files = exported(data_dir)
    (silence,) = rows(files, "silences")
    authors = {a["author_id"]: a for a in rows(files, "authors")}

    assert (silence["record_id"], silence["record_kind"], silence["party"], silence["as_of"]) == (
        "2021-01-05-town-y", "incident", "side-b", "2021-01-06")
    assert silence["sources"] == "source-two"
    assert (authors["mod-side-a"]["affiliation"], authors["mod-side-a"]["party"]) == ("state-body", "side-a")
    assert (authors["analyst-z"]["affiliation"], authors["analyst-z"]["searched_date"]) == ("unknown", "2021-02-01")


def test_removed_ids_are_exported_like_a_deletions_list(data_dir: DataDir) -> None:
    data_dir.write("removed", """\
        - id: 2021-01-04-town-y
          kind: incident
          removed: 2021-02-01
          action: merged
          replaced_by: 2021-01-05-town-y
          reason: The same exchange of fire was reported twice, once "a day early".
        """)

    files = exported(data_dir)

    assert rows(files, "removed") == [{
        "id": "2021-01-04-town-y", "kind": "incident", "removed": "2021-02-01", "action": "merged",
        "replaced_by": "2021-01-05-town-y", "replaced_by_kind": "",
        "reason": 'The same exchange of fire was reported twice, once "a day early".',
    }]
    assert json.loads(files["data/briefing.json"])["removed"][0]["id"] == "2021-01-04-town-y"


def test_the_json_dump_holds_every_record_of_every_kind(data_dir: DataDir) -> None:
    dump = json.loads(exported(data_dir)["data/briefing.json"])

    def ids(kind: str) -> list[Any]:
        return [r["id"] for r in dump[kind]]

    assert ids("parties") == ["side-a", "side-b"]
    assert sorted(ids("regions")) == ["country-x", "town-y"]
    assert ids("incidents") == ["2021-01-05-town-y"]
    assert ids("milestones") == ["2020-12-01-talks"]
    (agreement,) = dump["agreements"]
    assert [c["id"] for c in agreement["clauses"]] == ["accord-2020-clause-1"]
    incident = dump["incidents"][0]
    assert incident["date"] == "2021-01-05"
    assert incident["claims"][1]["citations"][0] == {"source": "source-two", "locator": None,
                                                     "quote": "Side A opened fire first"}


def test_the_data_package_describes_every_file_and_passes_frictionless_validate(data_dir: DataDir, tmp_path: Path) -> None:
    files = exported(data_dir)
    package = json.loads(files["data/datapackage.json"])

    described = {resource["path"] for resource in package["resources"]}
    assert {f"data/{path}" for path in described} | {"data/datapackage.json"} == set(files)
    assert frictionless_errors(write(files, tmp_path / "out")) == []


def test_frictionless_catches_a_file_that_does_not_match_its_description(data_dir: DataDir, tmp_path: Path) -> None:
    """The check above can fail: a row whose date is not a date is reported."""
    files = exported(data_dir)
    files["data/incidents.csv"] = files["data/incidents.csv"].replace(b'"2021-01-05","2021-01-05"', b'"5 January","2021-01-05"', 1)

    errors = frictionless_errors(write(files, tmp_path / "out"))

    assert any("event_date" in error or "date" in error for error in errors), errors


def test_hostile_data_still_gives_a_valid_data_package(data_dir: DataDir, tmp_path: Path) -> None:
    data_dir.edit("incidents", "      text: Side A opened fire first.\n",
                  '      text: "Line one, \\"quoted\\"\\nline two; Շուշի"\n')
    data_dir.edit("incidents", "  coordinates: {lat: 40.1, lon: 45.2, precision: near, region: town-y}\n", "")

    assert frictionless_errors(write(exported(data_dir), tmp_path / "out")) == []


@pytest.mark.parametrize("name", ["incidents.csv", "claims.csv", "sources.csv", "removed.csv", "assessments.csv",
                                  "silences.csv", "authors.csv"])
def test_every_csv_is_utf8_without_byte_order_mark_and_has_a_header(data_dir: DataDir, name: str) -> None:
    content = exported(data_dir)[f"data/{name}"]

    assert not content.startswith(b"\xef\xbb\xbf")
    header = content.decode("utf-8").split("\r\n", 1)[0]
    assert header and "," in header


def test_sources_csv_says_which_copy_a_source_was_read_in(data_dir: DataDir) -> None:
    data_dir.edit("sources", "  provenance: read\n  accessed: 2021-01-06\n",
                  "  provenance: copy\n  accessed: 2021-01-06\n  copy: {kind: repost, url: 'https://example.net/repost', "
                  "publisher: example-news, captured: 2021-01-05, note: The whole text reposted.}\n")

    by_id = {row["source_id"]: row for row in rows(exported(data_dir), "sources")}

    copied, original = by_id["source-one"], by_id["source-two"]
    assert (copied["provenance"], copied["copy_kind"], copied["copy_url"], copied["copy_publisher"],
            copied["copy_captured"], copied["copy_note"]) == (
        "copy", "repost", "https://example.net/repost", "example-news", "2021-01-05", "The whole text reposted.")
    assert (original["provenance"], original["copy_kind"], original["copy_captured"]) == ("read", "", "")


def test_the_whole_dataset_json_joined_from_record_fragments_is_what_json_dumps_writes(data_dir: DataDir) -> None:
    """briefing.json is joined from one fragment per record (kept while the record lives,
    for the preview): byte for byte the indented dump of the whole, before and after an edit."""
    from briefing.publish.exports import _json_bytes, dataset_json, dataset_json_bytes

    head = {"scope": {"start": "2021-07-01", "area": "Lake “Victoria” — é", "gaps": [], "nested": [{"a": {}}]}}
    first = data_dir.load()
    assert dataset_json_bytes(first, head) == _json_bytes({**head, **dataset_json(first)})
    assert dataset_json_bytes(first) == _json_bytes(dataset_json(first))
    data_dir.write("incidents", data_dir.text("incidents").replace("Town Y", "Town Y (edited)"))
    edited = data_dir.load()
    assert b"Town Y (edited)" in dataset_json_bytes(edited, head)
    assert dataset_json_bytes(edited, head) == _json_bytes({**head, **dataset_json(edited)})
