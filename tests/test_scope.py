"""Declared scope, honest coverage (issue 18.1): the briefing says what it declares it
covers and what its data covers, on the home page's first screen, the about page, the feed
and the exports; headings name only days the data covers; ``check`` warns when a site text
names a period beyond the coverage."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from sitetools import Site, cli_in, squash
from testdata import REAL_DATA, DataDir, load_yaml

from briefing.model.scope import DeclaredScope, named_periods, period_words, scope_and_coverage

INCIDENTS = load_yaml(REAL_DATA, "incidents")
FIRST = min(i["date"] for i in INCIDENTS)
LAST = max(i.get("date_end", i["date"]) for i in INCIDENTS)
COVERED = period_words(FIRST, LAST)
D = dt.date


@pytest.mark.parametrize(("text", "periods"), [
    ("Key points, July 2021", [("July 2021", D(2021, 7, 1), D(2021, 7, 31))]),
    ("from 6–15 July 2021 on", [("6–15 July 2021", D(2021, 7, 6), D(2021, 7, 15))]),
    ("30 June – 15 July 2021", [("30 June – 15 July 2021", D(2021, 6, 30), D(2021, 7, 15))]),
    ("first recorded on 6 July 2021, again on July 15, 2021",
     [("6 July 2021", D(2021, 7, 6), D(2021, 7, 6)), ("July 15, 2021", D(2021, 7, 15), D(2021, 7, 15))]),
    ("between 7 and 15 July", []),  # no year: no period a reader can date
    ("31 June 2021", []),  # no such day
])
def test_the_periods_a_text_names(text: str, periods: list[tuple[str, dt.date, dt.date]]) -> None:
    assert [(p.words, p.start, p.end) for p in named_periods(text)] == periods


def test_scope_and_coverage_in_words(data_dir: DataDir) -> None:
    data = data_dir.load()

    scope = scope_and_coverage(DeclaredScope(D(2021, 1, 1), D(2021, 1, 31), "Town Y", "Example News"), data)

    assert (scope.declared_period, scope.coverage_period) == ("1–31 January 2021", "5 January 2021")
    assert scope.scope_sentence == "Scope: Town Y, 1–31 January 2021; curated from Example News."
    assert scope.coverage_sentence == ("The data covers 5 January 2021 only, not all of 1–31 January 2021: "
                                       "1 incident reported in the sources curated so far.")
    whole = scope_and_coverage(DeclaredScope(D(2021, 1, 5), D(2021, 1, 5)), data)
    assert whole.coverage_sentence == "The data covers 5 January 2021: 1 incident reported in the sources curated so far."


# --- check: site texts that name a period beyond the coverage ---------------------------------


CONFIG = """site_name: "Town Y, January 2021"
extra:
  briefing:
    home_title: "Town Y on 5 January 2021"
    home_intro:
      - text: Fire was reported on 5 January 2021 and through 1–10 January 2021.
        citations: [{source: source-two}]
"""


def test_check_warns_when_a_site_text_names_a_period_the_data_does_not_cover(
        data_dir: DataDir, capsys: pytest.CaptureFixture[str]) -> None:
    (data_dir.root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")

    code, _out, err = cli_in(data_dir.root, capsys, "check")

    assert code == 0, err
    warnings = [line for line in err.splitlines() if "[period-outside-coverage]" in line]
    assert warnings == [
        "mkdocs.yml:1:12: warning: site_name names 'January 2021' (1–31 January 2021), but the data covers "
        "5 January 2021: a reader takes the counts under it for the whole period (hint: name the days the data "
        "covers ('5 January 2021'), or curate the rest of the period and record what a source reports but is not "
        "curated yet in gaps.yaml) [period-outside-coverage]",
        "mkdocs.yml:6:15: warning: extra.briefing.home_intro[0].text names '1–10 January 2021' (1–10 January 2021), "
        "but the data covers 5 January 2021: a reader takes the counts under it for the whole period (hint: name "
        "the days the data covers ('5 January 2021'), or curate the rest of the period and record what a source "
        "reports but is not curated yet in gaps.yaml) [period-outside-coverage]",
    ]


def test_the_real_site_texts_name_no_period_beyond_the_data(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = cli_in(REAL_DATA.parent, capsys, "check")

    assert code == 0
    assert "[period-outside-coverage]" not in err


# --- the real site says its scope and coverage -------------------------------------------------


def _mkdocs_scope() -> dict[str, Any]:
    import yaml

    config = yaml.safe_load((REAL_DATA.parent / "mkdocs.yml").read_text(encoding="utf-8"))
    scope: dict[str, Any] = config["extra"]["briefing"]["scope"]
    return scope


def test_the_home_page_states_the_scope_and_the_coverage_before_anything_else(real_pages: Site) -> None:
    article = real_pages.article("index.html")
    scope = _mkdocs_scope()
    declared = period_words(scope["start"], scope["end"])

    bottom_line = article.find("h1").find_next_sibling()
    assert "briefing-bottom-line" in bottom_line["class"]
    first = bottom_line.find("h2").find_next_sibling()  # the bottom line opens with the scope
    assert "briefing-scope" in first["class"]
    text = squash(first.get_text(" "))
    assert text.startswith(f"Scope: {squash(scope['area'])}, {declared}; curated from ")
    assert f"The data covers {COVERED}" in text
    assert f"{len(INCIDENTS)} incidents reported in the sources curated so far" in text
    if (scope["start"], scope["end"]) != (FIRST, LAST):
        assert f"The data covers {COVERED} only, not all of {declared}" in text


def test_no_home_heading_names_a_period_the_data_does_not_cover(real_pages: Site) -> None:
    headings = [squash(h.get_text()) for h in real_pages.article("index.html").find_all(["h1", "h2", "caption"])]

    for heading in headings:
        for period in named_periods(heading):
            assert period.start >= FIRST and period.end <= LAST, heading


def test_the_about_page_the_feed_and_the_exports_say_the_scope(real_site: Path, real_pages: Site) -> None:
    about = squash(real_pages.article_text("about.html"))
    feed = (real_site / "feed.xml").read_text(encoding="utf-8")
    package = json.loads((real_site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    whole = json.loads((real_site / "data" / "briefing.json").read_text(encoding="utf-8"))
    geojson = json.loads((real_site / "data" / "incidents.geojson").read_text(encoding="utf-8"))

    assert f"The data covers {COVERED}" in about
    assert f"The data covers {COVERED}" in feed.split("<subtitle>")[1].split("</subtitle>")[0]
    for document in (package, whole, geojson):
        assert document["scope"]["coverage"] == {"start": FIRST.isoformat(), "end": LAST.isoformat(),
                                                 "incidents": len(INCIDENTS),
                                                 "known_gaps": len(load_yaml(REAL_DATA, "gaps"))}
        assert document["scope"]["declared"]["start"] == _mkdocs_scope()["start"].isoformat()
    assert f"The data covers {COVERED}" in package["description"]
