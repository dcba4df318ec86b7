"""Story tests: building is repeatable, and bad data never replaces a good site.

* Two builds of the same data (in two folders, with different hash seeds and a fixed
  ``SOURCE_DATE_EPOCH``) produce byte-identical sites, so a published diff shows only
  what the curators changed.
* A data error stops ``mkdocs build --strict`` with the ``file:line:column: id: message``
  line an analyst can act on, no Python traceback, and the previous site/ untouched.
"""

from __future__ import annotations

import re
from pathlib import Path

from sitetools import SOURCE_DATE_EPOCH, build_site, file_hashes, make_project, run_mkdocs
from testdata import load_yaml


def test_two_builds_of_the_same_data_are_byte_identical(tmp_path: Path) -> None:
    first = build_site(tmp_path / "one", env={"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "PYTHONHASHSEED": "1"})
    second = build_site(tmp_path / "two", env={"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "PYTHONHASHSEED": "2"})
    one, two = file_hashes(first), file_hashes(second)
    assert {"sitemap.xml", "sitemap.xml.gz", "index.html", "search/search_index.json"} <= set(one)
    assert sorted(one) == sorted(two), "the two builds hold different files"
    differing = sorted(name for name in one if one[name] != two[name])
    assert differing == []


def first_incident_regions_line(text: str) -> tuple[int, str, str]:
    """The first incident's id, and the number (1-based) and text of its ``regions: [...]`` line."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("- id: "))
    incident_id = lines[start].removeprefix("- id: ").strip()
    offset = next(i for i, line in enumerate(lines[start:]) if re.match(r"^\s+regions: \[", line))
    return start + offset + 1, lines[start + offset], incident_id


def test_data_error_stops_the_build_and_keeps_the_previous_site(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    good = run_mkdocs(project)
    assert good.returncode == 0, good.stderr
    site_before = file_hashes(project / "site")
    assert "index.html" in site_before

    incidents = project / "data" / "incidents.yaml"
    text = incidents.read_text(encoding="utf-8")
    line_number, line, incident_id = first_incident_regions_line(text)
    assert incident_id == load_yaml(project / "data", "incidents")[0]["id"]
    broken_line = re.sub(r"\[\s*[a-z0-9-]+", "[atlantis", line, count=1)
    column = broken_line.index("atlantis") + 1
    lines = text.splitlines(keepends=True)
    lines[line_number - 1] = broken_line + "\n"
    incidents.write_text("".join(lines), encoding="utf-8")

    bad = run_mkdocs(project)
    output = bad.stdout + bad.stderr
    assert bad.returncode != 0
    expected = f"data/incidents.yaml:{line_number}:{column}: {incident_id}: "
    reported = [out for out in output.splitlines() if expected in out]
    assert reported, f"expected a line starting {expected!r} in:\n{output}"
    assert "unknown region 'atlantis'" in reported[0]
    assert "Traceback" not in output
    assert str(tmp_path) not in output, "paths are shown relative to the project"
    assert file_hashes(project / "site") == site_before
