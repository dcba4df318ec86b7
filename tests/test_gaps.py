"""Known gaps as data (issue 18.1): an event a source reports that the editors have not
curated yet is a record of its own (``gaps.yaml``), cited, shown to readers as "reported,
not yet curated" on the home page near the totals and on its own page, and never counted
as an incident."""

from __future__ import annotations

from pathlib import Path

import pytest
from sitetools import Site, build_site, squash
from testdata import DataDir
from validation_cases import Shown, shown

from briefing.pipeline import check_data

GAP = """- id: 2021-01-09-town-y-fire
  title: Fire reported near Town Y
  date: 2021-01-09
  regions: [town-y]
  text: Example News reports that fire was opened near Town Y on 9 January.
  citations:
    - {source: source-two, quote: "Side A opened fire first"}
"""

#: (name, gaps.yaml, every error expected)
TABLE: list[tuple[str, str, list[Shown]]] = [
    ("a known gap cited to a source is valid", GAP, []),
    ("a known gap cites a source of the data", GAP.replace("source: source-two", "source: source-nine"), [
        ("data/gaps.yaml:7:16", "2021-01-09-town-y-fire", "unknown-reference",
         "citations[0].source: unknown source 'source-nine'", "did you mean 'source-one'?"),
    ]),
    ("a known gap needs its source", GAP.split("  citations:")[0] + "  citations: []\n", [
        ("data/gaps.yaml:6:14", "2021-01-09-town-y-fire", "uncited",
         "citations needs at least one citation: every statement shown on the site must trace back to a source",
         None),
    ]),
    ("a known gap's span ends after it starts", GAP.replace("  date: 2021-01-09\n",
                                                            "  date: 2021-01-09\n  date_end: 2021-01-08\n"), [
        ("data/gaps.yaml:4:13", "2021-01-09-town-y-fire", "date-order", "date_end 2021-01-08 is before date 2021-01-09",
         "date is the first day and date_end the last: swap them?"),
    ]),
]


@pytest.mark.parametrize(("name", "gaps", "errors"), TABLE, ids=[row[0] for row in TABLE])
def test_gap_rules(data_dir: DataDir, name: str, gaps: str, errors: list[Shown]) -> None:
    data_dir.write("gaps", gaps)

    if errors:
        assert [shown(e) for e in data_dir.errors()] == errors
    else:
        assert len(data_dir.load().gaps) == 1


def test_a_gap_that_an_incident_of_the_same_day_already_cites_may_be_curated(data_dir: DataDir) -> None:
    data_dir.write("gaps", GAP.replace("2021-01-09", "2021-01-05"))

    warnings = [w for w in check_data(data_dir.data, display_root=data_dir.root).warnings if w.code == "gap-curated"]

    assert [shown(w) for w in warnings] == [(
        "data/gaps.yaml:1:7", "2021-01-05-town-y-fire", "gap-curated",
        "known gap '2021-01-05-town-y-fire' cites 'source-two', which incident '2021-01-05-town-y' of the same day "
        "already cites: it may be curated already",
        "if it is the same event, delete the gap and add it to removed.yaml (action: moved, "
        "replaced_by: 2021-01-05-town-y, replaced_by_kind: incident)")]


@pytest.fixture(scope="module")
def gap_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    root = tmp_path_factory.mktemp("gaps")
    data = DataDir(root).write("gaps", GAP).data
    return Site(build_site(root / "project", data))


def test_the_home_page_shows_the_backlog_near_the_totals_and_counts_it_in_no_total(gap_site: Site) -> None:
    home = gap_site.article("index.html")
    scope = squash(home.select_one(".briefing-scope").get_text())
    items = home.select("ul.briefing-gaps > li")

    assert "The data covers 5 January 2021: 1 incident reported in the sources curated so far." in scope
    assert "1 more reported event is not yet curated." in scope
    assert [squash(li.find("a").get_text()) for li in items] == ["Fire reported near Town Y"]
    assert items[0].select_one("a.footnote-ref") is not None  # cited
    heading = home.find("h3", id="not-yet-curated")
    assert heading.find_previous("h2").get("id") == "evidence-balance"  # near the totals
    assert "Incidents (1)" in squash(home.get_text())


def test_the_gap_has_its_own_page_and_a_list(gap_site: Site) -> None:
    page = squash(gap_site.article_text("gaps/2021-01-09-town-y-fire.html"))
    listing = gap_site.article("gaps/index.html")

    assert page.startswith("Reported, not yet curated: Fire reported near Town Y")
    assert "A cited source reports this event; the editors have not curated it yet" in page
    assert "Example News reports that fire was opened near Town Y on 9 January." in page
    rows = listing.select("table tbody tr")
    assert [squash(r.find_all("td")[1].get_text()) for r in rows] == ["Fire reported near Town Y"]
    assert "Example News" in squash(rows[0].find_all("td")[2].get_text())


def test_gaps_are_in_the_exports_apart_from_incidents(gap_site: Site) -> None:
    import json

    whole = json.loads((Path(gap_site.root) / "data" / "briefing.json").read_text(encoding="utf-8"))

    assert [g["id"] for g in whole["gaps"]] == ["2021-01-09-town-y-fire"]
    assert [i["id"] for i in whole["incidents"]] == ["2021-01-05-town-y"]
    assert whole["scope"]["coverage"]["known_gaps"] == 1
