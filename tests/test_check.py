"""``python -m briefing check`` for reviewers: annotations on the PR diff, JSON for tools,
warnings for valid but suspicious data, and permanent ids."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from testdata import DataDir

from briefing.cli import main

ROOT = Path(__file__).resolve().parent.parent


def run_check(data_dir: DataDir, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    cwd = Path.cwd()
    os.chdir(data_dir.root)
    try:
        code = main(["check", *args])
    finally:
        os.chdir(cwd)
    out, err = capsys.readouterr()
    return code, out, err


def break_two_things(data_dir: DataDir) -> None:
    data_dir.edit("incidents", "type: exchange-of-fire", "type: exchange-of-fir")
    data_dir.edit("regions", "parent: country-x", "parent: country-z")


# --- output formats -----------------------------------------------------------------------


def test_github_format_puts_each_error_on_its_line_of_the_pull_request_diff(
        data_dir: DataDir, capsys: pytest.CaptureFixture[str]) -> None:
    break_two_things(data_dir)

    code, out, err = run_check(data_dir, capsys, "--format", "github")

    assert code == 1
    assert err == ""
    assert out.splitlines() == [
        "::error file=data/incidents.yaml,line=8,col=9,title=2021-01-05-town-y::type: 'exchange-of-fir' is not "
        "one of: exchange-of-fire, shelling, sniper-fire, attack, drone-strike, other "
        "(hint: did you mean 'exchange-of-fire'?) [not-an-option]",
        "::error file=data/regions.yaml,line=19,col=11,title=town-y::parent: unknown region 'country-z' "
        "(hint: did you mean 'country-x'?) [unknown-reference]",
        "2 problems found in the data",
    ]


def test_github_format_escapes_what_the_annotation_syntax_would_misread(
        data_dir: DataDir, capsys: pytest.CaptureFixture[str]) -> None:
    data_dir.edit("incidents", "grade: contested", "grade: '100%, sure'")

    code, out, _ = run_check(data_dir, capsys, "--format", "github")

    assert code == 1
    (annotation, _summary) = out.splitlines()
    assert annotation.startswith("::error file=data/incidents.yaml,line=51,col=10,title=2021-01-05-town-y::"
                                 "grade: '100%25, sure' is not one of:")


def test_json_format_lists_errors_with_their_place_for_tools(
        data_dir: DataDir, capsys: pytest.CaptureFixture[str]) -> None:
    break_two_things(data_dir)

    code, out, _ = run_check(data_dir, capsys, "--format", "json")
    report = json.loads(out)

    assert code == 1
    assert report["ok"] is False
    assert report["counts"] is None
    assert report["warnings"] == []
    assert report["errors"][1] == {
        "severity": "error", "code": "unknown-reference", "file": "data/regions.yaml", "line": 19, "column": 11, "record_id": "town-y",
        "message": "parent: unknown region 'country-z'", "hint": "did you mean 'country-x'?",
    }


def test_json_format_on_valid_data_gives_the_counts(data_dir: DataDir, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_check(data_dir, capsys, "--format", "json")

    report = json.loads(out)
    assert code == 0
    assert report == {"ok": True, "errors": [], "warnings": [], "counts": {
        "incidents": 1, "regions": 2, "agreements": 1, "clauses": 1, "milestones": 1, "sources": 3, "authors": 4,
        "assessments": 1, "gaps": 0, "parties": 2}, "source_debt": {
        "sources": 3, "citations": 22, "sources_read": 3, "sources_copy": 0, "sources_via": 0,
        "sources_not_located": 0, "citations_read": 22, "citations_copy": 0, "citations_via": 0,
        "citations_not_located": 0, "read_without_archive": 0}}


def test_the_real_data_has_no_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        code = main(["check", "--format", "json"])
    finally:
        os.chdir(cwd)
    report = json.loads(capsys.readouterr().out)
    # its only warnings are its source debt, which the site's "Source debt" page lists too
    assert (code, report["errors"]) == (0, [])
    assert {w["code"] for w in report["warnings"]} <= {"source-not-read", "source-read-in-copy", "read-without-archive", "via-not-read"}
    debt = report["source_debt"]
    assert debt["sources_via"] + debt["sources_not_located"] == sum(
        1 for w in report["warnings"] if w["code"] == "source-not-read")


# --- warnings: valid but suspicious --------------------------------------------------------


def test_a_source_published_before_the_incident_it_reports_is_a_warning(
        data_dir: DataDir, capsys: pytest.CaptureFixture[str]) -> None:
    data_dir.edit("sources", "  published: 2021-01-06\n  language: en\n  kind: news", "  published: 2020-12-30\n"
                  "  language: en\n  kind: news")

    code, out, err = run_check(data_dir, capsys)

    assert code == 0, err
    assert ("OK (1 incident, 1 milestone, 1 assessment, 0 gaps, 1 agreement, 1 clause, 2 regions, 3 sources, "
            "4 authors, 2 parties); 1 warning\n") in out
    # only an account (a claim) cannot predate the event: the summary may cite background
    assert err.splitlines() == [
        "data/incidents.yaml:37:19: warning: 2021-01-05-town-y: source 'source-two' was published on 2020-12-30, "
        "before the incident it is cited for (2021-01-05) (hint: check the incident's date and the source's "
        "published date) [source-before-event]",
    ]


def test_claims_from_one_side_only_with_an_unexplained_grade_are_a_warning(
        data_dir: DataDir, capsys: pytest.CaptureFixture[str]) -> None:
    data_dir.edit("incidents", "    - party: side-b\n      claimant: Spokesperson of Side B\n",
                  "    - party: side-a\n      claimant: Spokesperson of Side A\n")
    data_dir.edit("incidents", "grade: contested", "grade: fair")

    code, github, _ = run_check(data_dir, capsys, "--format", "github")
    code_json, out, _ = run_check(data_dir, capsys, "--format", "json")

    assert code == code_json == 0
    (warning,) = json.loads(out)["warnings"]
    assert warning["message"] == "every claim comes from one side (side-a) but the grade is 'fair' with no grade_note"
    assert (warning["file"], warning["line"], warning["severity"]) == ("data/incidents.yaml", 51, "warning")
    assert github.splitlines()[0].startswith("::warning file=data/incidents.yaml,line=51,col=10,title=2021-01-05-town-y::")


def test_a_grade_note_explains_a_one_sided_grade(data_dir: DataDir, capsys: pytest.CaptureFixture[str]) -> None:
    data_dir.edit("incidents", "    - party: side-b\n      claimant: Spokesperson of Side B\n",
                  "    - party: side-a\n      claimant: Spokesperson of Side A\n")
    data_dir.edit("incidents", "grade: contested", "grade: fair\n  grade_note: Corroborated by satellite imagery.")

    _, out, _ = run_check(data_dir, capsys, "--format", "json")

    assert json.loads(out)["warnings"] == []


def test_a_clause_nobody_cites_and_an_unused_source_are_warnings(
        data_dir: DataDir, capsys: pytest.CaptureFixture[str]) -> None:
    data_dir.edit("incidents", "  clauses:\n    - clause: accord-2020-clause-1\n      why: The clause declared a "
                  "ceasefire.\n      citations:\n        - {source: source-two, locator: clause 1}\n", "")
    data_dir.edit("milestones", "  clauses:\n    - {clause: accord-2020-clause-1, why: The talks were about the "
                  "ceasefire clause., citations: [{source: source-two}]}\n", "")
    data_dir.edit("assessments", "  clauses: [accord-2020-clause-1]\n", "")
    data_dir.path("sources").write_text(data_dir.text("sources") + """
- id: source-four
  publisher: example-news
  title: Background
  url: https://example.net/background
  published: 2021-01-08
  language: en
  kind: analysis
  provenance: read
  accessed: 2021-01-09
  archive_url: https://web.archive.org/web/2021/https://example.net/background
""", encoding="utf-8")

    code, out, _ = run_check(data_dir, capsys, "--format", "github")

    assert code == 0
    assert out.splitlines()[:2] == [
        "::warning file=data/agreements.yaml,line=10,col=11,title=accord-2020-clause-1::clause "
        "'accord-2020-clause-1' is cited by no incident or milestone (hint: link it from the records it concerns "
        "(clauses: with a why), or ignore this if none does) [clause-unlinked]",
        "::warning file=data/sources.yaml,line=35,col=7,title=source-four::source 'source-four' is not cited "
        "anywhere (hint: cite it where it supports a statement, or remove it) [source-uncited]",
    ]


# --- permanent ids --------------------------------------------------------------------------


def test_a_previous_id_that_is_another_records_id_is_an_error(data_dir: DataDir) -> None:
    data_dir.edit("regions", "- id: town-y\n", "- id: town-y\n  previous_ids: [country-x]\n")

    error = data_dir.error()

    assert str(error) == ("data/regions.yaml:15:18: town-y: previous_ids: 'country-x' is the id of another region "
                          "(hint: an address can lead to one record only: remove it from previous_ids) [previous-id]")


def test_an_old_id_cannot_take_the_address_of_a_list_page(data_dir: DataDir) -> None:
    data_dir.edit("regions", "- id: town-y\n", "- id: town-y\n  previous_ids: [index]\n")

    assert data_dir.error().message == "previous_ids: 'index' is the address of the list page, not of a record"


def test_an_old_id_can_redirect_to_one_record_only(data_dir: DataDir) -> None:
    data_dir.edit("regions", "- id: town-y\n", "- id: town-y\n  previous_ids: [old-town]\n")
    data_dir.edit("regions", "- id: country-x\n", "- id: country-x\n  previous_ids: [old-town]\n")

    error = data_dir.error()

    assert error.message == "previous_ids: 'old-town' is also a previous id of region 'country-x'"


def test_a_renamed_id_is_not_also_listed_as_removed(data_dir: DataDir) -> None:
    data_dir.edit("incidents", "- id: 2021-01-05-town-y\n", "- id: 2021-01-05-town-y\n  previous_ids: [2021-01-04-x]\n")
    data_dir.write("removed", """\
        - {id: 2021-01-04-x, kind: incident, removed: 2021-02-01, action: deleted, reason: A duplicate.}
    """)

    error = data_dir.error()

    assert error.message == "previous_ids: '2021-01-04-x' is also listed in removed.yaml"


def test_a_correction_needs_a_real_date_a_kind_and_a_note(data_dir: DataDir) -> None:
    data_dir.edit("incidents", "  grade: contested\n", """\
  grade: contested
  corrections:
    - {date: 2021-02-30, kind: correction, note: Fixed the figure.}
    - {date: 2021-03-01, kind: fix, note: Fixed the place.}
""")

    errors = data_dir.errors()

    assert [str(e) for e in errors] == [
        "data/incidents.yaml:53:14: 2021-01-05-town-y: corrections[0].date '2021-02-30' is not a real calendar "
        "date (hint: check the day and month) [bad-date]",
        "data/incidents.yaml:54:32: 2021-01-05-town-y: corrections[1].kind: 'fix' is not one of: correction, update "
        "[not-an-option]",
    ]


# --- check --base: what cannot be compared is said, never a traceback ----------------------


def test_check_base_outside_a_git_repository_says_so(data_dir: DataDir, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_check(data_dir, capsys, "--base", "main")

    assert code == 2
    assert out == ""
    assert err.startswith("error: ") and "is not inside a git repository" in err


def test_check_base_on_a_base_whose_data_does_not_parse_compares_what_it_can(
        data_dir: DataDir, capsys: pytest.CaptureFixture[str]) -> None:
    import subprocess

    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=A", "-c", "user.email=a@example.org", *args],
                       cwd=data_dir.root, check=True, capture_output=True)

    git("init", "--quiet")
    data_dir.edit("regions", "- id: town-y\n", "- id: town-y\n  kind: [\n")
    git("add", "-A")
    git("commit", "--quiet", "-m", "broken base")
    data_dir.edit("regions", "- id: town-y\n  kind: [\n", "- id: town-y\n")
    data_dir.edit("sources", "- id: source-two\n", "- id: source-2\n")
    for kind in ("incidents", "agreements", "milestones", "regions", "parties", "authors", "assessments"):
        data_dir.path(kind).write_text(data_dir.text(kind).replace("source-two", "source-2"))

    code, _, err = run_check(data_dir, capsys, "--base", "HEAD")

    assert code == 1
    lines = err.splitlines()
    assert lines[0].startswith("data/sources.yaml:12:7: source-two: source 'source-two' (line 12 at HEAD) was removed")
    assert any("warning: the data at HEAD has problems, so ids were compared only in the files that parsed "
               "[base-unreadable]" in line for line in lines)
