"""A pull request sees its own findings first (issue 21.1).

The base is the real data, which already carries about fifty warnings of source debt;
each test commits it, makes a change, and reads ``check --format github --base`` and
the job summary as GitHub would show them: at most 10 warning and 10 error annotations
per step, so the change's findings must come first and the debt must not be annotated.
"""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from test_diff import Repo

ROOT = Path(__file__).resolve().parent.parent

NEW_SOURCE = """
- id: newsource-2021-07-30
  publisher: meydan-tv
  title: A report read for this change
  url: https://www.meydan.tv/en/article/a-report-read-for-this-change/
  published: 2021-07-30
  language: en
  kind: news
  provenance: read
  accessed: 2026-12-01
"""


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    project = Repo(tmp_path / "project")
    shutil.rmtree(project.data)
    shutil.copytree(ROOT / "data", project.data)
    shutil.copy(ROOT / "mkdocs.yml", project.root / "mkdocs.yml")
    project.commit("the real data, with its source debt")
    return project


def base_warnings(repo: Repo, capsys: pytest.CaptureFixture[str]) -> Counter[str]:
    """The warnings of the committed data (the base), by code."""
    repo.git("stash", "--quiet")
    try:
        _code, out, _err = repo.cli("check", "--format", "json", capsys=capsys)
    finally:
        repo.git("stash", "pop", "--quiet")
    return Counter(w["code"] for w in json.loads(out)["warnings"])


def annotations(out: str) -> list[tuple[str, str, str]]:
    """(level, file:line, title) of every annotation, in the order GitHub receives them."""
    found = []
    for line in out.splitlines():
        match = re.match(r"::(error|warning|notice) (?:file=([^,]*),line=(\d+),col=\d+,)?title=([^:]*)::", line)
        if match:
            level, file, number, title = match.groups()
            found.append((level, f"{file}:{number}" if file else "", title))
    return found


def shown_by_github(out: str) -> list[tuple[str, str, str]]:
    """What reaches the pull request: the first 10 annotations of each level."""
    seen: dict[str, int] = {}
    kept = []
    for level, where, title in annotations(out):
        seen[level] = seen.get(level, 0) + 1
        if seen[level] <= 10:
            kept.append((level, where, title))
    return kept


def test_a_change_s_own_warnings_reach_the_diff_and_the_debt_is_counted_once(
        repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    base = repo.git("rev-parse", "HEAD")
    repo.append("sources", NEW_SOURCE)
    summary = repo.root / "summary.md"

    code, out, _err = repo.cli("check", "--format", "github", "--base", base, "--summary", str(summary),
                               capsys=capsys)

    assert code == 0
    line = next(n for n, text in enumerate((repo.data / "sources.yaml").read_text("utf-8").splitlines(), 1)
                if text == "- id: newsource-2021-07-30")
    assert shown_by_github(out) == [
        ("warning", f"data/sources.yaml:{line}", "newsource-2021-07-30"),
        ("warning", f"data/sources.yaml:{line + 7}", "newsource-2021-07-30"),
        ("notice", "", "Already there before this change"),
    ]
    at_base = base_warnings(repo, capsys)
    notice = next(text for text in out.splitlines() if text.startswith("::notice"))
    kinds = ", ".join(f"{n} {code}" for code, n in sorted(at_base.items(), key=lambda item: (-item[1], item[0])))
    assert {"read-without-archive", "source-read-in-copy", "source-not-read"} <= set(at_base)
    assert notice.endswith(f"::{sum(at_base.values())} findings ({kinds}) in records this "
                           "change did not touch; not annotated. See the site's Source debt page.")
    assert f"::group::Already there before this change ({sum(at_base.values())})" in out  # in the log, folded
    report = summary.read_text("utf-8")
    assert report.startswith("## Data check: what this change brings\n\n0 errors and 2 warnings in what this "
                             "change added or touched")
    rows = [row for row in report.splitlines() if row.startswith("| warning |")]
    assert len(rows) == 2 and all("| newsource\\-2021\\-07\\-30 |" in row for row in rows)
    assert "### Already there before this change" in report and "source\\-not\\-read" in report


def test_more_than_ten_new_warnings_fill_nine_places_and_say_how_many_more(
        repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    base = repo.git("rev-parse", "HEAD")
    for n in range(7):  # two warnings each: 14 in all
        repo.append("sources", NEW_SOURCE.replace("newsource-2021-07-30", f"newsource-2021-07-3{n}")
                    .replace("this-change/", f"this-change-{n}/"))

    _code, out, _err = repo.cli("check", "--format", "github", "--base", base, capsys=capsys)

    shown = shown_by_github(out)
    warnings = [entry for entry in shown if entry[0] == "warning"]
    assert len(warnings) == 10
    assert all(title.startswith("newsource-") for _level, _where, title in warnings[:9])
    assert warnings[9] == ("warning", "", "5 more warnings")
    assert shown[-1] == ("notice", "", "Already there before this change")


def test_a_finding_already_there_in_a_record_the_change_edits_is_annotated_and_says_so(
        repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    base = repo.git("rev-parse", "HEAD")
    repo.edit("sources", "  title: Incident reported near Agdam, both sides report injured\n",
              "  title: Incident reported near Agdam; both sides report injured\n")

    _code, out, _err = repo.cli("check", "--format", "github", "--base", base, capsys=capsys)

    assert shown_by_github(out)[0] == ("warning", shown_by_github(out)[0][1],
                                       "meydan-2021-07-06-agdam (already there before this change)")
    # the source read in a stored copy: no archived copy, and read only in a copy
    assert [entry[0] for entry in shown_by_github(out)] == ["warning", "warning", "notice"]


def test_a_new_error_comes_before_everything_and_fails_the_check(
        repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    base = repo.git("rev-parse", "HEAD")
    repo.append("sources", NEW_SOURCE.replace("  kind: news\n", "  kind: newz\n"))

    code, out, _err = repo.cli("check", "--format", "github", "--base", base, capsys=capsys)

    assert code == 1
    assert annotations(out)[0][0] == "error" and "newz" in out.splitlines()[0]


def test_the_text_report_lists_the_change_and_counts_what_was_there(
        repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    base = repo.git("rev-parse", "HEAD")
    repo.append("sources", NEW_SOURCE)

    code, _out, err = repo.cli("check", "--base", base, capsys=capsys)

    lines = err.splitlines()
    assert code == 0 and len(lines) == 3
    assert all("newsource-2021-07-30" in line for line in lines[:2])
    assert re.fullmatch(rf"there before this change, in records it did not touch: "
                        rf"{sum(base_warnings(repo, capsys).values())} findings \(.*\) "
                        r"\(check without --base lists them\)", lines[2])


def test_without_base_the_first_findings_are_annotated_and_the_rest_counted(
        capsys: pytest.CaptureFixture[str]) -> None:
    from sitetools import cli_in

    _code, out, _err = cli_in(ROOT, capsys, "check", "--format", "github")

    found = annotations(out)
    assert "::notice" not in out and len(found) == 10
    assert [where for _level, where, _title in found[:9]] == sorted(
        (where for _level, where, _title in found[:9]), key=lambda w: int(w.rpartition(":")[2]))
    assert re.fullmatch(r"\d+ more warnings", found[9][2])
    assert "::group::The rest of this change's findings" in out


def test_with_the_site_s_address_in_mkdocs_yml_the_debt_links_to_its_page(
        repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    config = repo.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "\nsite_url: https://briefing.example.org/july-2021/\n",
                      encoding="utf-8")
    base = repo.commit("the site's address")
    repo.append("sources", NEW_SOURCE)
    summary = repo.root / "summary.md"

    _code, out, _err = repo.cli("check", "--format", "github", "--base", base, "--summary", str(summary),
                                capsys=capsys)

    page = "https://briefing.example.org/july-2021/source-debt.html"  # use_directory_urls: false
    assert next(line for line in out.splitlines() if line.startswith("::notice")).endswith(
        f"See the source debt page: {page}")
    assert f"[the source debt page]({page})" in summary.read_text("utf-8")
