"""Every record page says when the record was first published and last changed, from the
data's git history: a few git calls for the whole data, whatever its size; a shallow
clone or a build without history gives marked or fallback dates, never wrong ones."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

from briefing.load.git_history import read_history
from briefing.model.record_dates import Day, dates_of
from briefing.model.records import PublicationDates, Region

D = dt.date

HEAD = "# yaml-language-server: $schema=../briefing/schema/incidents.schema.json\n"


class Repo:
    """A scratch git repository whose commits carry chosen dates."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")
        (root / "data").mkdir()

    def git(self, *args: str, day: str = "2021-01-01") -> str:
        env = {**os.environ, "GIT_AUTHOR_DATE": f"{day}T12:00:00Z", "GIT_COMMITTER_DATE": f"{day}T12:00:00Z",
               "GIT_AUTHOR_NAME": "Analyst", "GIT_AUTHOR_EMAIL": "a@example.org",
               "GIT_COMMITTER_NAME": "Analyst", "GIT_COMMITTER_EMAIL": "a@example.org",
               "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}
        done = subprocess.run(["git", *args], cwd=self.root, env=env, capture_output=True, text=True, check=True)
        return done.stdout

    def write(self, name: str, text: str) -> None:
        (self.root / "data" / f"{name}.yaml").write_text(HEAD + textwrap.dedent(text), encoding="utf-8")

    def commit(self, day: str, message: str = "data") -> None:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message, day=day)

    def history(self, root: Path | None = None) -> dict[str, tuple[D | None, D | None, bool]]:
        found = read_history((root or self.root) / "data", ["incidents", "agreements"])
        assert found.git_calls <= 4
        return {record_id: (h.first.day if h.first else None, h.last.day if h.last else None, h.uncommitted)
                for (_stem, record_id), h in sorted(found.records.items())}


INCIDENTS = """\
- id: a
  title: First
  claims:
    - party: x
      text: one

- id: b
  title: Second
  claims:
    - party: x
      text: two
      casualties: [{party: x, killed: 1}]
"""


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    return Repo(tmp_path / "repo")


def test_a_record_is_dated_by_the_commits_that_touched_its_lines(repo: Repo) -> None:
    repo.write("incidents", INCIDENTS)
    repo.commit("2021-01-01")
    repo.write("incidents", INCIDENTS.replace("      casualties: [{party: x, killed: 1}]\n", ""))
    repo.commit("2021-02-01", "a deletion only")
    repo.write("incidents", INCIDENTS.replace("      casualties: [{party: x, killed: 1}]\n", "")
               + "\n- id: c\n  title: Third\n  claims:\n    - party: x\n      text: two\n")
    repo.commit("2021-03-01", "a record added after b, ending like b")

    assert repo.history() == {
        "a": (D(2021, 1, 1), D(2021, 1, 1), False),
        "b": (D(2021, 1, 1), D(2021, 2, 1), False),
        "c": (D(2021, 3, 1), D(2021, 3, 1), False),
    }


def test_a_merged_branch_counts_on_the_day_it_was_merged(repo: Repo) -> None:
    repo.write("incidents", INCIDENTS)
    repo.commit("2021-01-01")
    repo.git("checkout", "-q", "-b", "pr")
    repo.write("incidents", INCIDENTS.replace("text: one", "text: one, corrected"))
    repo.commit("2021-01-10", "on the branch")
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "--no-ff", "-m", "merge", "pr", day="2021-02-15")

    assert repo.history()["a"] == (D(2021, 1, 1), D(2021, 2, 15), False)


def test_a_change_inside_a_clause_changes_the_clause_and_its_agreement(repo: Repo) -> None:
    text = """\
    - id: accord
      title: Accord
      clauses:
        - id: accord-1
          number: "1"
          texts: [{text: one}]
        - id: accord-2
          number: "2"
          texts: [{text: two}]
    """
    repo.write("agreements", text)
    repo.commit("2021-01-01")
    repo.write("agreements", text.replace("text: two", "text: two, in full"))
    repo.commit("2021-04-01")

    history = repo.history()
    assert history["accord-1"] == (D(2021, 1, 1), D(2021, 1, 1), False)
    assert history["accord-2"] == (D(2021, 1, 1), D(2021, 4, 1), False)
    assert history["accord"] == (D(2021, 1, 1), D(2021, 4, 1), False)


def test_changes_not_committed_yet_are_marked(repo: Repo) -> None:
    repo.write("incidents", INCIDENTS)
    repo.commit("2021-01-01")
    repo.write("incidents", INCIDENTS.replace("text: two", "text: two, edited"))

    history = repo.history()
    assert history["b"] == (D(2021, 1, 1), D(2021, 1, 1), True)
    assert history["a"][2] is False


def test_one_line_records_of_the_synthetic_data_are_dated_too(repo: Repo) -> None:
    repo.write("incidents", '- {"id": "a", "title": "A"}\n- {"id": "b", "title": "B"}\n')
    repo.commit("2021-01-01")
    repo.write("incidents", '- {"id": "a", "title": "A"}\n- {"id": "b", "title": "B, edited"}\n')
    repo.commit("2021-05-01")

    assert repo.history() == {"a": (D(2021, 1, 1), D(2021, 1, 1), False),
                              "b": (D(2021, 1, 1), D(2021, 5, 1), False)}


def test_a_shallow_clone_marks_what_it_cannot_know(repo: Repo, tmp_path: Path) -> None:
    repo.write("incidents", INCIDENTS)
    repo.commit("2021-01-01")
    repo.write("incidents", INCIDENTS.replace("text: two", "text: two, edited"))
    repo.commit("2021-06-01")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", repo.root.as_uri(), str(clone)], check=True,
                   capture_output=True)

    found = read_history(clone / "data", ["incidents"])

    assert found.shallow
    a, b = found.of("incidents", "a"), found.of("incidents", "b")
    assert a is not None and b is not None
    assert a.first is not None and a.first.boundary and a.first.day == D(2021, 6, 1)
    region = Region(id="a", kind_of_place="town", names=())
    assert dates_of(region, "incidents", found).first_published == Day(D(2021, 6, 1), on_or_before=True)
    with_field = Region(id="a", kind_of_place="town", names=(),
                        record_dates=PublicationDates(first_published=D(2021, 1, 1)))
    assert dates_of(with_field, "incidents", found).first_published == Day(D(2021, 1, 1))


def test_without_git_history_the_records_field_gives_the_dates(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "regions.yaml").write_text("- id: a\n", encoding="utf-8")
    found = read_history(tmp_path / "data", ["regions"])

    assert found.records == {} and found.problems
    bare = Region(id="a", kind_of_place="town", names=())
    assert dates_of(bare, "regions", found).first_published is None
    dated = Region(id="a", kind_of_place="town", names=(),
                   record_dates=PublicationDates(first_published=D(2021, 7, 22), last_changed=D(2021, 8, 3)))
    dates = dates_of(dated, "regions", found)
    assert (dates.first_published, dates.last_changed, dates.origin) == (Day(D(2021, 7, 22)), Day(D(2021, 8, 3)), "data")


def test_a_renamed_record_keeps_the_history_of_its_earlier_id(repo: Repo) -> None:
    repo.write("incidents", INCIDENTS)
    repo.commit("2021-01-01")
    repo.write("incidents", INCIDENTS.replace("- id: a\n", "- id: a-renamed\n  previous_ids: [a]\n"))
    repo.commit("2021-03-03")

    found = read_history(repo.root / "data", ["incidents"])
    renamed = Region(id="a-renamed", kind_of_place="town", names=(), previous_ids=("a",))
    dates = dates_of(renamed, "incidents", found)
    assert (dates.first_published, dates.last_changed) == (Day(D(2021, 1, 1)), Day(D(2021, 3, 3)))


def test_a_record_that_does_not_start_with_its_id_is_not_dated_from_git(repo: Repo) -> None:
    repo.write("incidents", "- title: First\n  id: a\n")
    repo.commit("2021-01-01")

    found = read_history(repo.root / "data", ["incidents"])
    assert found.of("incidents", "a") is None
    assert any("does not start with its id" in p for p in found.problems)


def test_the_cost_is_a_few_git_calls_whatever_the_number_of_records(repo: Repo) -> None:
    records = "".join(f'- {{"id": "r-{n}", "title": "T {n}"}}\n' for n in range(3000))
    repo.write("incidents", records)
    repo.commit("2021-01-01")
    repo.write("incidents", records.replace('"T 17"', '"T 17, edited"'))
    repo.commit("2021-02-01")

    found = read_history(repo.root / "data", ["incidents", "agreements"])
    assert found.git_calls == 4
    assert len(found.records) == 3000
    edited = found.of("incidents", "r-17")
    assert edited is not None and edited.last is not None and edited.last.day == D(2021, 2, 1)


def test_a_rebuild_at_the_same_commit_reads_only_the_working_tree(repo: Repo) -> None:
    repo.write("incidents", INCIDENTS)
    repo.commit("2021-01-01")
    first = read_history(repo.root / "data", ["incidents"])
    repo.write("incidents", INCIDENTS.replace("text: two", "text: two, edited"))
    second = read_history(repo.root / "data", ["incidents"])
    repo.write("incidents", INCIDENTS)
    third = read_history(repo.root / "data", ["incidents"])

    assert (first.git_calls, second.git_calls, third.git_calls) == (4, 3, 3)
    b2, b3 = second.of("incidents", "b"), third.of("incidents", "b")
    assert b2 is not None and b2.uncommitted and b3 is not None and not b3.uncommitted
    assert third.records == first.records
