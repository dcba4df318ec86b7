"""Data that joins (issue 23.4): the exports carry the keys ACLED and UCDP GED users join on,
and the whole dataset comes as one SQLite file, opened here as its users open it: with
Python's ``sqlite3`` (foreign keys checked) and with Datasette.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from test_exports import exported
from testdata import REAL_DATA, DataDir, load_yaml

from briefing.model.records import Incident
from briefing.publish import join_keys

INCIDENTS = {i["id"]: i for i in load_yaml(REAL_DATA, "incidents")}


@pytest.fixture(scope="module")
def database(real_site: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(f"file:{real_site / 'data' / 'briefing.sqlite'}?mode=ro", uri=True)
    yield connection
    connection.close()


def test_the_database_holds_every_record_with_its_foreign_keys_kept(database: sqlite3.Connection) -> None:
    assert database.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert database.execute("PRAGMA foreign_key_check").fetchall() == []
    tables = {row[0] for row in database.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables >= {"incidents", "claims", "sources", "authors", "parties", "regions", "assessments", "silences",
                      "removed", "incident_sources", "incident_regions", "_columns"}
    assert database.execute("SELECT count(*) FROM incidents").fetchone()[0] == len(INCIDENTS)
    foreign = {(t, row[3], row[2]) for t in tables for row in database.execute(f"PRAGMA foreign_key_list('{t}')")}
    assert {("claims", "event_id", "incidents"), ("sources", "publisher_id", "authors"),
            ("incident_sources", "source_id", "sources"), ("regions", "parent", "regions")} <= foreign
    # the foreign keys hold when SQLite enforces them too
    database.execute("PRAGMA foreign_keys = ON")
    with pytest.raises(sqlite3.Error):
        database.execute("INSERT INTO claims (event_id, claim_number) VALUES ('no-such-incident', 1)")


def test_every_column_is_documented_in_the_file(database: sqlite3.Connection) -> None:
    documented = {(t, c): d for t, c, _, d in database.execute("SELECT * FROM _columns")}
    tables = [row[0] for row in database.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:
        if table == "_columns":
            continue
        for column in database.execute(f"PRAGMA table_info('{table}')"):
            assert documented.get((table, column[1])), (table, column[1])


def test_incidents_carry_the_keys_acled_and_ucdp_join_on(database: sqlite3.Connection) -> None:
    rows = {r[0]: r[1:] for r in database.execute(
        "SELECT event_id, country, iso, admin1_iso, year, date_prec, where_prec, time_precision, geo_precision, "
        "last_changed FROM incidents")}
    assert rows["2021-07-06-agdam"][:5] == ("Azerbaijan", "AZ", "AZ-AGM", 2021, 1)
    assert rows["2021-07-13-shusha"][2] == "AZ-SUS"  # the rayon, not Karabakh (no ISO 3166-2 code)
    # a border clash each side places on the other's side: no country is taken
    assert rows["2021-07-14-nakhchivan-yeraskh"][:3] == (None, None, None)
    assert rows["2021-07-14-nakhchivan-yeraskh"][5] == 5  # a border: UCDP's linear feature
    for values in rows.values():
        assert values[6] in (1, 2, 3)  # ACLED time_precision
        assert values[8] is None or dt.date.fromisoformat(values[8])


def test_the_csv_gets_the_same_join_keys(data_dir: DataDir) -> None:
    files = exported(data_dir)
    [row] = list(csv.DictReader(io.StringIO(files["data/incidents.csv"].decode("utf-8"), newline="")))
    assert {"country", "iso", "admin1", "admin1_iso", "year", "date_prec", "where_prec", "last_changed"} <= set(row)
    assert row["year"] == "2021"


@pytest.mark.parametrize(("precision", "end", "code"), [
    ("day", None, 1), ("day", 3, 2), ("day", 6, 2), ("day", 7, 3), ("day", 20, 4), ("week", None, 3), ("month", None, 4),
])
def test_date_precision_maps_to_ucdp_date_prec(precision: str, end: int | None, code: int) -> None:
    day = dt.date(2021, 7, 1)
    incident = Incident(id="x", title="x", date=day, region_ids=(), incident_type="other", summary=None,  # type: ignore[arg-type]
                        claims=(), grade="weak", date_precision=precision,
                        date_end=day + dt.timedelta(days=end) if end else None)
    assert join_keys.date_prec(incident) == code


def test_the_database_is_the_same_bytes_for_the_same_data(data_dir: DataDir) -> None:
    assert exported(data_dir)["data/briefing.sqlite"] == exported(data_dir)["data/briefing.sqlite"]


def test_datasette_opens_the_database_with_its_column_descriptions(real_site: Path) -> None:
    # as its users run it: the ``datasette`` command, here asked for one page at a time
    # (``--get``); in a process of its own, whose threads end with it
    def get(path: str) -> str:
        done = subprocess.run([str(Path(sys.executable).with_name("datasette")), "serve",
                               str(real_site / "data" / "briefing.sqlite"),
                               "--metadata", str(real_site / "data" / "datasette-metadata.json"), "--get", path],
                              capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, done.stderr
        return done.stdout

    rows = json.loads(get("/briefing/incidents.json?_shape=objects"))
    assert {r["event_id"] for r in rows["rows"]} == set(INCIDENTS)
    assert "UCDP GED where_prec" in get("/briefing/incidents")  # column descriptions from the metadata
    # Datasette follows the foreign key from a claim to its incident
    claim = json.loads(get("/briefing/claims.json?_shape=objects&_labels=on&_size=1"))
    assert isinstance(claim["rows"][0]["event_id"], dict) and claim["rows"][0]["event_id"]["value"] in INCIDENTS
