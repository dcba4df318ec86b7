"""Reviewing a data pull request: ``diff BASE [HEAD]`` says what changed in words, and
``check --base`` fails a PR that breaks a published link.

Each test crafts a real git repository in a temp folder: the minimal dataset committed
as the base, then the analyst's change committed (or left in the working tree).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import textwrap
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from sitetools import cli_in
from testdata import MINIMAL_DATA

from briefing.review.diff import diff_revisions

SECOND_INCIDENT = """\
- id: 2021-01-09-town-y
  title: Shelling reported near Town Y
  date: 2021-01-09
  regions: [town-y]
  type: shelling
  summary:
    text: Side B reported shelling near Town Y.
    citations: [{source: source-two}]
  claims:
    - party: side-b
      claimant: Spokesperson of Side B
      text: Side A shelled positions near Town Y.
      citations: [{source: source-two}]
  grade: single-source
"""


class Repo:
    """A git repository holding a project with a ``data/`` folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.data = root / "data"
        shutil.copytree(MINIMAL_DATA, self.data)
        self.git("init", "--quiet", "--initial-branch=main")
        self.commit("base data")

    def git(self, *args: str) -> str:
        env = {**os.environ, "GIT_AUTHOR_NAME": "Analyst", "GIT_AUTHOR_EMAIL": "a@example.org",
               "GIT_COMMITTER_NAME": "Analyst", "GIT_COMMITTER_EMAIL": "a@example.org"}
        done = subprocess.run(["git", *args], cwd=self.root, env=env, capture_output=True, text=True, check=True)
        return done.stdout.strip()

    def commit(self, message: str) -> str:
        self.git("add", "-A")
        self.git("commit", "--quiet", "--allow-empty", "-m", message)
        return self.git("rev-parse", "HEAD")

    def edit(self, kind: str, old: str, new: str) -> Repo:
        path = self.data / f"{kind}.yaml"
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, old
        path.write_text(text.replace(old, new), encoding="utf-8")
        return self

    def append(self, kind: str, text: str) -> Repo:
        path = self.data / f"{kind}.yaml"
        path.write_text(path.read_text(encoding="utf-8") + textwrap.dedent(text), encoding="utf-8")
        return self

    def write(self, kind: str, text: str) -> Repo:
        (self.data / f"{kind}.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
        return self

    def cli(self, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
        return cli_in(self.root, capsys, *args)


def shown(text: str) -> list[str]:
    """The report as a reviewer reads it on GitHub: each heading, paragraph and list item
    as plain text (a nested list item is its own line, indented)."""
    soup = BeautifulSoup(markdown.markdown(text), "html.parser")
    lines = []
    for element in soup.find_all(["h2", "h3", "p", "li"]):
        if element.name == "p" and element.find_parent("li"):
            continue
        own = "".join(c.get_text() for c in element.children if getattr(c, "name", None) != "ul").strip()
        indent = "  " if element.name == "li" and element.find_parent("li") else ""
        lines.extend(indent + line for line in own.splitlines())
    return lines


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    return Repo(tmp_path / "project")


def test_a_reviewer_sees_added_and_changed_records_with_the_sensitive_fields_marked(repo: Repo) -> None:
    base = repo.git("rev-parse", "HEAD")
    repo.append("incidents", SECOND_INCIDENT)
    repo.edit("incidents", "casualties: [{party: side-a, wounded: 1}]", "casualties: [{party: side-a, wounded: 2}]")
    repo.edit("incidents", "grade: contested", "grade: fair")
    repo.edit("incidents", "      date: 2021-01-05\n", "      date: 2021-01-06\n")
    repo.edit("incidents", "      citations:\n        - {source: source-one}",
              "      citations:\n        - {source: source-one}\n        - {source: source-two}")
    head = repo.commit("analyst: new incident, corrected figures")

    report = diff_revisions(repo.data, base, head)

    assert report.ok
    lines = shown(report.markdown)
    assert lines[0] == f"Data changes: {base[:12]} → {head[:12]}"
    assert "1 added, 0 renamed, 1 changed, 0 removed." in lines
    assert "incident 2021-01-09-town-y" in lines
    assert "  casualties claims[0].casualties[0].wounded: 1 → 2" in lines
    assert "  grade grade: contested → fair" in lines
    assert "  date claims[0].date: 2021-01-05 → 2021-01-06" in lines
    # the added incident cites source-two; the changed one gained no *new* source overall
    assert "  no corrections entry explains the marked changes" in lines
    added = lines.index("incident 2021-01-09-town-y")
    assert lines[added + 1] == "  new citation: source-two"


def test_a_new_citation_and_a_dropped_one_are_listed(repo: Repo) -> None:
    base = repo.git("rev-parse", "HEAD")
    repo.edit("incidents", "    citations:\n      - {source: source-two}\n  claims:",
              "    citations:\n      - {source: source-one}\n  claims:")
    repo.edit("incidents", "        - {source: source-three}\n", "")

    report = diff_revisions(repo.data, base)  # HEAD left out: the working tree

    assert "working tree" in shown(report.markdown)[0]
    assert "  dropped citation: source-three" in shown(report.markdown)


def test_removing_a_record_without_redirect_is_flagged_and_fails_check_base(
        repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.append("incidents", SECOND_INCIDENT)
    base = repo.commit("two incidents")
    repo.write("incidents", (repo.data / "incidents.yaml").read_text().split("- id: 2021-01-09-town-y")[0])
    repo.commit("drop an incident")

    report = diff_revisions(repo.data, base, "HEAD")
    code, _out, err = repo.cli("check", "--base", base, capsys=capsys)

    assert "incident 2021-01-09-town-y: no redirect: its published page will break" \
        in shown(report.markdown)
    assert code == 1
    assert err.splitlines()[0] == (
        f"data/incidents.yaml:1:1: 2021-01-09-town-y: incident '2021-01-09-town-y' (line 57 at {base}) was "
        "removed or renamed without a redirect: its published page would break (hint: if it was renamed, "
        "add it to the new record's previous_ids; if it was deleted or merged, list it in data/removed.yaml) [id-vanished]")


def test_a_merge_listed_in_removed_yaml_passes_check_base(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.append("incidents", SECOND_INCIDENT)
    base = repo.commit("two incidents")
    repo.write("incidents", (repo.data / "incidents.yaml").read_text().split("- id: 2021-01-09-town-y")[0])
    repo.write("removed", """\
        - id: 2021-01-09-town-y
          kind: incident
          removed: 2021-02-01
          action: merged
          replaced_by: 2021-01-05-town-y
          reason: The same exchange of fire was reported twice.
    """)

    code, _out, err = repo.cli("check", "--base", base, capsys=capsys)
    report = diff_revisions(repo.data, base)

    assert (code, err) == (0, "")
    assert ("incident 2021-01-09-town-y: merged into 2021-01-05-town-y (listed in "
            "removed.yaml; the old page redirects)") in shown(report.markdown)


def test_a_rename_with_previous_ids_is_shown_as_a_rename_and_passes_check_base(
        repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    base = repo.git("rev-parse", "HEAD")
    repo.edit("incidents", "- id: 2021-01-05-town-y\n",
              "- id: 2021-01-05-town-y-clash\n  previous_ids: [2021-01-05-town-y]\n")
    repo.edit("assessments", "incidents: [2021-01-05-town-y]", "incidents: [2021-01-05-town-y-clash]")
    repo.commit("rename")

    code, _out, err = repo.cli("check", "--base", base, capsys=capsys)
    report = diff_revisions(repo.data, base, "HEAD")

    assert (code, err) == (0, "")
    lines = shown(report.markdown)
    assert "0 added, 1 renamed, 1 changed, 0 removed." in lines  # the assessment follows the renamed incident
    assert ("incident 2021-01-05-town-y-clash (was 2021-01-05-town-y; "
            "the old address redirects)") in lines
    renamed = lines.index("incident 2021-01-05-town-y-clash (was 2021-01-05-town-y; the old address redirects)")
    assert lines[renamed + 1] == "Changed", "a pure rename lists no field changes"
    assert lines[-2:] == ["assessment analyst-z-2021-01-06-escalation",
                          "  incidents: [\"2021-01-05-town-y\"] → [\"2021-01-05-town-y-clash\"]"]


def test_a_rename_without_previous_ids_fails_check_base(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    base = repo.git("rev-parse", "HEAD")
    repo.edit("incidents", "- id: 2021-01-05-town-y\n", "- id: 2021-01-05-town-y-clash\n")
    repo.edit("assessments", "incidents: [2021-01-05-town-y]", "incidents: [2021-01-05-town-y-clash]")

    code, out, _err = repo.cli("check", "--base", base, "--format", "github", capsys=capsys)

    assert code == 1
    annotation = out.splitlines()[0]
    # on the line of the likely new id, which is in the pull request's diff
    assert annotation.startswith(
        "::error file=data/incidents.yaml,line=1,col=7,title=2021-01-05-town-y::incident '2021-01-05-town-y'")
    assert annotation.endswith("(hint: if it was renamed to '2021-01-05-town-y-clash', add 'previous_ids: "
                               "[2021-01-05-town-y]' to that record; if it was deleted or merged, list it in "
                               "data/removed.yaml) [id-vanished]")


def test_when_one_side_does_not_parse_the_report_says_which_and_summarises_the_other(repo: Repo) -> None:
    base = repo.git("rev-parse", "HEAD")
    repo.edit("incidents", "  grade: contested", "  grade: [contested")

    report = diff_revisions(repo.data, base)

    assert not report.ok
    lines = shown(report.markdown)
    assert "The data at working tree does not load, so records cannot be compared. 1 problem:" in lines
    assert any(line.startswith("data/incidents.yaml:") and "YAML syntax error" in line for line in lines)
    assert (f"The data at {base[:12]} loads: 1 agreement, 1 assessment, 4 authors, 1 clause, 1 incident, "
            "1 milestone, 2 parties, 2 regions, 3 sources.") in lines


def test_a_revision_missing_from_a_shallow_clone_is_named_with_the_fix(
        repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = repo.cli("diff", "0123456789abcdef0123456789abcdef01234567", capsys=capsys)

    assert code == 2
    assert "revision '0123456789abcdef0123456789abcdef01234567' is not in this clone and could not be fetched" in err
    assert "fetch-depth: 0" in err
    assert "Traceback" not in err


def test_the_shallow_clone_fetches_the_base_from_origin(repo: Repo, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    base = repo.git("rev-parse", "HEAD")
    repo.append("incidents", SECOND_INCIDENT)
    repo.commit("second incident")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", "--depth=1", f"file://{repo.root}", str(clone)], check=True)
    repo.git("-C", str(clone), "cat-file", "-e", "HEAD")
    missing = subprocess.run(["git", "cat-file", "-e", f"{base}^{{commit}}"], cwd=clone, capture_output=True)
    assert missing.returncode != 0  # the base is not in the shallow clone

    report = diff_revisions(clone / "data", base)

    assert "1 added, 0 renamed, 0 changed, 0 removed." in shown(report.markdown)


def test_a_correction_entry_is_shown_in_words_and_explains_the_marked_changes(repo: Repo) -> None:
    base = repo.git("rev-parse", "HEAD")
    repo.edit("incidents", "wounded: {low: 1, best: 1, high: 1}", "wounded: {low: 1, best: 2, high: 2}")
    repo.edit("incidents", "  grade: contested\n", "  grade: contested\n  corrections:\n"
              "    - {date: 2021-02-01, kind: correction, note: The best estimate of wounded is 2.}\n")

    lines = shown(diff_revisions(repo.data, base).markdown)

    assert lines[lines.index("incident 2021-01-05-town-y"):] == [
        "incident 2021-01-05-town-y",
        "  casualties casualties[0].wounded.best: 1 → 2",
        "  casualties casualties[0].wounded.high: 1 → 2",
        "  new correction entry (2021-02-01): The best estimate of wounded is 2.",
    ]
