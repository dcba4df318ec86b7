"""Issue 20, class 3: every export that quotes text keeps hostile text inside its field.

The citation formats are attacked in ``test_references.py`` (BibTeX, RIS, CSL-JSON, Highwire);
here the other files a reader's tool opens: the Atom feed read by feedparser, the GeoJSON
and the whole dataset read by ``json``, and the CSV files read by the ``csv`` module, with
text written to close an element, a string or a cell and open a forged one.
"""

from __future__ import annotations

import csv
import io
import json

import feedparser
import pytest
from test_exports import exported
from testdata import DataDir

from briefing.publish.exports import FORMULA_START
from briefing.publish.feed import build_feed

ATTACKS = [
    "]]></title></entry><entry><title>forged</title><link href='https://evil.example/'/></entry>",
    '"}, {"type": "Feature", "id": "forged", "geometry": null, "properties": {}}, {"x": "',
    '","forged-cell","=HYPERLINK(""https://evil.example/"")',
    "\u2028=cmd|' /C calc'!A0", "@misc{forged, url = {https://evil.example/}}",
]


def _title(data_dir: DataDir, text: str) -> None:
    data_dir.edit("incidents", "title: Exchange of fire reported near Town Y", f"title: {json.dumps(text)}")


@pytest.mark.parametrize("attack", ATTACKS)
def test_the_atom_feed_keeps_a_hostile_title_in_its_entry(data_dir: DataDir, attack: str) -> None:
    clean = feedparser.parse(build_feed(data_dir.load(), "T", "https://site.example/"))
    _title(data_dir, attack)
    feed = feedparser.parse(build_feed(data_dir.load(), "T", "https://site.example/"))
    assert not feed.bozo and len(feed.entries) == len(clean.entries)
    assert any(e.title == f"Incident: {attack}" for e in feed.entries)
    assert all("evil.example" not in link.href for e in feed.entries for link in e.links)


@pytest.mark.parametrize("attack", ATTACKS)
def test_geojson_and_the_dataset_keep_a_hostile_title_in_its_string(data_dir: DataDir, attack: str) -> None:
    _title(data_dir, attack)
    files = exported(data_dir)
    features = json.loads(files["data/incidents.geojson"])["features"]
    assert [f["id"] for f in features] == list(data_dir.load().incidents)
    assert any(f["properties"]["title"] == attack for f in features)
    dataset = json.loads(files["data/briefing.json"])
    assert any(i["title"] == attack for i in dataset["incidents"])


@pytest.mark.parametrize("attack", ATTACKS)
def test_csv_keeps_a_hostile_title_in_its_cell_and_never_as_a_formula(data_dir: DataDir, attack: str) -> None:
    _title(data_dir, attack)
    files = exported(data_dir)
    rows = list(csv.DictReader(io.StringIO(files["data/incidents.csv"].decode("utf-8"), newline="")))
    assert len(rows) == len(data_dir.load().incidents)
    [row] = [r for r in rows if r["title"].lstrip("'") == attack]
    header = files["data/incidents.csv"].decode("utf-8").split("\r\n", 1)[0].split(",")
    assert list(row) == [h.strip('"') for h in header]  # no forged column
    for name in ("incidents", "claims", "sources"):
        for record in csv.DictReader(io.StringIO(files[f"data/{name}.csv"].decode("utf-8"), newline="")):
            assert not any(cell.startswith(FORMULA_START) for cell in record.values() if cell)
