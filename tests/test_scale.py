"""Scale: long lists are split into linked parts, and a dataset over the limits is refused.

Speed itself is measured by ``benchmarks/run.py`` (results in benchmarks/RESULTS.md), never
asserted here.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

import pytest
from sitetools import Site, build_site
from testdata import DataDir

from briefing import limits
from briefing.cli import main
from briefing.model.links import Links, _near
from briefing.pipeline import load_dataset
from briefing.render.listing import ROWS_PER_PART
from briefing.render.renderer import render_pages

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import synth

INCIDENTS = 600  # more than two parts of the incidents index; a country holds about half


@pytest.fixture(scope="module")
def synth_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return synth.write(tmp_path_factory.mktemp("synth"), INCIDENTS)


@pytest.fixture(scope="module")
def synth_pages(synth_data: Path) -> dict[str, str]:
    return render_pages(load_dataset(synth_data))


@pytest.fixture(scope="module")
def synth_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """A built site whose incident index has two parts (kept small: a real MkDocs build)."""
    data = synth.write(tmp_path_factory.mktemp("synth-small"), ROWS_PER_PART + 30)
    return Site(build_site(tmp_path_factory.mktemp("synth-project"), data))


def _incident_links(html: str) -> list[str]:
    return re.findall(r'href="(?:\.\./incidents/)?(incident-\d+)\.html"', html)


def test_the_incident_index_is_split_into_parts_that_together_list_every_incident_once(
    synth_pages: dict[str, str],
) -> None:
    parts = ["incidents/index.html", "incidents/index--2.html", "incidents/index--3.html"]
    assert [p for p in synth_pages if p.startswith("incidents/index")] == parts
    listed = [incident for part in parts for incident in _incident_links(synth_pages[part])]
    assert len(listed) == INCIDENTS == len(set(listed))
    assert len(_incident_links(synth_pages["incidents/index.html"])) == ROWS_PER_PART
    assert "Part 1 of 3 (600 in all" in synth_pages["incidents/index.html"]


def test_a_country_page_keeps_its_first_part_and_links_to_the_rest(synth_pages: dict[str, str]) -> None:
    page = synth_pages["regions/country-a.html"]
    assert 'href="country-a--incidents-2.html"' in page
    part2 = synth_pages["regions/country-a--incidents-2.html"]
    assert part2.startswith('<h1 id="incidents-in-azerbaijan-part-2-of-')
    assert '<a href="country-a.html">Incidents in Azerbaijan</a>' in part2
    assert "Part 2 of" in part2


def test_no_generated_page_grows_with_the_dataset(synth_pages: dict[str, str]) -> None:
    incident_pages = [len(v) for k, v in synth_pages.items() if re.fullmatch(r"incidents/incident-\d+\.html", k)]
    largest_list_part = max(len(v) for k, v in synth_pages.items() if not k.startswith("incidents/incident-"))
    # An incident page draws its own locator map (outlines, inset, legend, at most
    # MAX_CONTEXT other incidents and CONTEXT_BINS counted marks: briefing/render/drawings/maps.py) and
    # holds its accounts, their comparison, silences, assessments and each footnote's
    # provenance and affiliation: bounded per page, whatever the size of the data.
    assert max(incident_pages) < 60_000
    assert largest_list_part < 200_000, "a listing page holds more than one part's rows"


def test_same_data_gives_the_same_pages(synth_data: Path, synth_pages: dict[str, str]) -> None:
    assert render_pages(load_dataset(synth_data)) == synth_pages


def test_readers_can_walk_from_part_to_part_in_the_built_site(synth_site: Site) -> None:
    first, second = "incidents/index.html", "incidents/index--2.html"
    assert synth_site.article_links_to(first, second) and synth_site.article_links_to(second, first)
    assert "Part 2 of 2" in synth_site.article_text(second)
    # the pager leaves the table a real table
    assert len(synth_site.article(first).select("table tbody tr")) == ROWS_PER_PART
    assert len(synth_site.article(second).select("table tbody tr")) == 30
    # the hand-written nav still leads to the first part
    nav = synth_site.soup(second).select_one("nav.md-nav")
    assert synth_site.links_to(second, first, nav)


def test_a_data_file_over_the_record_limit_is_refused_at_once(data_dir: DataDir, capsys: pytest.CaptureFixture[str]) -> None:
    # Records of one field each, as dense as real records may be (one value per 7 characters):
    # a list of empty mappings ("- {}") would be refused first as too dense, a runaway list.
    data_dir.write("regions", "".join(f"- id: r{i:06}\n" for i in range(limits.MAX_RECORDS + 1)))

    assert main(["check", "--data", str(data_dir.data)]) == 1

    err = capsys.readouterr().err
    assert "regions.yaml:1:1: 100,001 records, over the limit of 100,000 records per data file" in err
    assert "[too-many-records]" in err
    assert "hint: the generator is built and measured for up to 50,000 incidents" in err


def test_a_data_file_over_the_size_limit_is_refused_before_it_is_parsed(
    data_dir: DataDir, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 1024 * 1024)
    data_dir.write("sources", "- [" * 400_000)  # would be a deeply nested mess if parsed

    assert main(["check", "--data", str(data_dir.data)]) == 1

    err = capsys.readouterr().err
    assert "sources.yaml:1:1: file is 1.1 MB, over the limit of 1.0 MB per data file" in err and "[file-too-big]" in err


def test_incidents_and_milestones_around_each_other_match_a_full_scan(tmp_path: Path) -> None:
    """The date-sorted lookups find exactly what comparing every pair finds, long incidents included."""
    data = synth.write(tmp_path, 400)
    lines = (data / "incidents.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
    for n, line in enumerate(lines):
        if n % 7 == 1:  # every seventh incident lasts 3 to 90 days
            record = json.loads(line[2:])
            start = dt.date.fromisoformat(record["date"])
            record["date_end"] = (start + dt.timedelta(days=3 + (n * 13) % 88)).isoformat()
            record["date_precision"] = "day"
            lines[n] = f"- {json.dumps(record, ensure_ascii=False)}\n"
    (data / "incidents.yaml").write_text("".join(lines), encoding="utf-8")
    dataset = load_dataset(data)
    incidents, milestones = list(dataset.incidents.values()), list(dataset.milestones.values())
    assert any(i.date_end for i in incidents)

    links = Links(dataset)
    for incident in incidents:
        assert links.milestones_around(incident) == [m for m in milestones if _near(incident, m)]
    for milestone in milestones:
        assert links.incidents_around(milestone) == [i for i in incidents if _near(i, milestone)]
