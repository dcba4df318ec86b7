"""Class 2 of issue 20: dates from history are bounded, and the replay is not fooled.

A commit's date is whatever its author's clock said. A commit dated 2090 made "Data last
updated 1 January 2090"; a later commit dated 2001 became the site's last update;
``record_dates: {first_published: 1000-01-01}`` on a July 2021 incident passed ``check``.
Now every commit is held at the clock's day and at the day of the commit before it, a
record's history that predates what it records is not believed, the data's last update is
never before the latest day the data holds, and ``check`` bounds ``record_dates`` by the
record's own date and the clock. The replay attributes lines by the YAML's structure (a
quoted or block value that looks like ``- id: zzz`` is a value), and its cost does not
multiply per hunk.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_record_dates import INCIDENTS, Repo
from testdata import MINIMAL_DATA, DataDir

from briefing.load import git_history
from briefing.load.git_history import read_history
from briefing.model.record_dates import site_dates
from briefing.model.times import latest_event
from briefing.pipeline import load_dataset

D = dt.date
TODAY = D(2026, 12, 7)


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    return Repo(tmp_path / "repo")


def test_a_commit_from_the_future_is_held_at_today(repo: Repo) -> None:
    repo.write("incidents", INCIDENTS)
    repo.commit("2021-01-01")
    repo.write("incidents", INCIDENTS.replace("title: Second", "title: Second, retitled"))
    repo.commit("2090-01-01", "a clock set to 2090")

    history = read_history(repo.root / "data", ["incidents"], today=TODAY)

    assert history.last_commit is not None and history.last_commit.day == TODAY
    last = history.of("incidents", "b")
    assert last is not None and last.last is not None and last.last.day == TODAY


def test_a_later_commit_dated_earlier_cannot_move_the_dates_back(repo: Repo) -> None:
    repo.write("incidents", INCIDENTS)
    repo.commit("2021-07-20")
    repo.write("incidents", INCIDENTS.replace("title: Second", "title: Second, retitled"))
    repo.commit("2001-01-01", "a clock set to 2001")

    history = read_history(repo.root / "data", ["incidents"], today=TODAY)

    assert history.last_commit is not None and history.last_commit.day == D(2021, 7, 20)
    changed = history.of("incidents", "b")
    assert changed is not None and changed.last is not None and changed.last.day == D(2021, 7, 20)


def _minimal_repo(tmp_path: Path, day: str) -> Path:
    root = tmp_path / "project"
    shutil.copytree(MINIMAL_DATA, root / "data")
    env = {"GIT_AUTHOR_DATE": f"{day}T12:00:00Z", "GIT_COMMITTER_DATE": f"{day}T12:00:00Z",
           "GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@example.org", "GIT_COMMITTER_NAME": "A",
           "GIT_COMMITTER_EMAIL": "a@example.org", "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
           "PATH": "/usr/bin:/bin"}
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "data"]):
        subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)
    return root / "data"


def test_history_older_than_what_a_record_records_is_not_believed(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    data_dir = _minimal_repo(tmp_path, "2001-01-01")  # every record "published" 20 years before it happened
    data = load_dataset(data_dir)

    dates = site_dates(data, read_history(data_dir, ["incidents", "sources", "regions"], today=TODAY))

    incident = dates.of(data.incidents["2021-01-05-town-y"])
    assert incident.origin != "git" and (incident.first_published is None
                                         or incident.first_published.day >= D(2021, 1, 5))
    assert dates.data_updated is not None and dates.data_updated.day == latest_event(data)
    region = dates.of(data.regions["town-y"])  # a record of no date of its own keeps its history
    assert region.origin == "git" and region.first_published is not None


@pytest.mark.parametrize(("dates", "words"), [
    ("{first_published: 1000-01-01}", "record_dates.first_published 1000-01-01 is before 2021-01-05, the day of what"),
    ("{first_published: 2021-01-06, last_changed: 2090-01-01}", "record_dates.last_changed 2090-01-01 is in the future"),
    ("{first_published: 2089-01-01}", "record_dates.first_published 2089-01-01 is in the future"),
])
def test_check_bounds_record_dates_by_the_records_own_date_and_the_clock(data_dir: DataDir, dates: str,
                                                                         words: str) -> None:
    data_dir.edit("incidents", "- id: 2021-01-05-town-y\n", f"- id: 2021-01-05-town-y\n  record_dates: {dates}\n")

    errors = data_dir.errors()

    assert [e.code for e in errors] == ["record-date-bounds"], errors
    assert words in errors[0].message


def test_a_sources_record_is_not_published_before_the_source(data_dir: DataDir) -> None:
    data_dir.edit("sources", "- id: source-one\n", "- id: source-one\n  record_dates: {first_published: 2021-01-04}\n")

    assert [e.code for e in data_dir.errors()] == ["record-date-bounds"]


# --- the replay: lines attributed by the YAML's structure, at the cost of the span -----------

TWO = """\
- id: a
  title: First
  note: x
- id: b
  title: Second
  note: y
"""


@pytest.mark.parametrize("value", [
    '"a quoted value over two lines\n- id: zzz"',  # the audit's example
    "'single quotes, it''s\n  - id: zzz'",
    "|\n    a block text\n    - id: zzz\n  more: z",
    ">-\n\n    - id: zzz\n",
    "[one,\n  - id: zzz]",
])
def test_a_value_that_looks_like_a_record_start_does_not_take_the_changes(repo: Repo, value: str) -> None:
    repo.write("incidents", TWO.replace("note: x", f"note: {value}"))
    repo.commit("2021-01-01")
    repo.write("incidents", TWO.replace("note: x", f"note: {value}").replace("title: First", "title: First, changed"))
    repo.commit("2021-02-01", "a's title changed, below its two-line note? no: above it")
    text = TWO.replace("note: x", f"note: {value}").replace("title: First", "title: First, changed")
    repo.write("incidents", text.replace("- id: b\n", "- id: b\n  extra: added\n").replace(
        value.split("\n")[-1] + "\n", value.split("\n")[-1] + "\n  after: added\n", 1))
    repo.commit("2021-03-01", "a line after the value: a's; and one in b")

    history = read_history(repo.root / "data", ["incidents"], today=TODAY)

    assert not history.problems, history.problems
    assert ("incidents", "zzz") not in history.records
    a, b = history.of("incidents", "a"), history.of("incidents", "b")
    assert a is not None and a.last is not None and a.last.day == D(2021, 3, 1)
    assert b is not None and b.first is not None and b.first.day == D(2021, 1, 1)


def test_one_commit_changing_every_other_line_costs_the_span_not_a_walk_per_hunk(repo: Repo,
                                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    lines = "".join(f"  f{i}: value {i}\n" for i in range(4_000))
    repo.write("incidents", f"- id: long\n{lines}- id: next\n  title: x\n")
    repo.commit("2021-01-01")
    changed = "".join(f"  f{i}: value {i}{' changed' if i % 2 else ''}\n" for i in range(4_000))
    repo.write("incidents", f"- id: long\n{changed}- id: next\n  title: x\n")
    repo.commit("2021-02-01", "every other line")
    looked = [0]

    class Counted(list):  # type: ignore[type-arg]
        def __getitem__(self, index: object) -> object:
            looked[0] += 1
            return super().__getitem__(index)  # type: ignore[index]

    made = git_history._File.__init__

    def counting(self: git_history._File, lines: object = ()) -> None:
        made(self, lines)  # type: ignore[arg-type]
        self.markers = Counted(self.markers)

    monkeypatch.setattr(git_history._File, "__init__", counting)
    history = read_history(repo.root / "data", ["incidents"], today=TODAY)

    long = history.of("incidents", "long")
    assert long is not None and long.last is not None and long.last.day == D(2021, 2, 1)
    nxt = history.of("incidents", "next")
    assert nxt is not None and nxt.last is not None and nxt.last.day == D(2021, 1, 1)
    # 2,000 hunks: each walk back stops at the hunk before, so the markers looked at stay
    # within a few times the file's 4,003 lines (a walk to the record's start per hunk: 8 million)
    assert 0 < looked[0] < 5 * 4_003, looked


_TEXT = st.lists(st.sampled_from([*"ab -:'\"#|>[]{},\n\\", "\n- id: zzz", "\n  - id: zzz", "- id: zzz"]),
                 max_size=25).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_TEXT, _TEXT), min_size=1, max_size=5), st.sampled_from([None, '"', "'", "|", ">"]),
       st.integers(10, 80), st.booleans())
def test_record_starts_are_the_yaml_parsers_own(values: list[tuple[str, str]], style: str | None, width: int,
                                                flow: bool) -> None:
    """Whatever the values hold and however PyYAML writes them (quoted, block or plain,
    folded at any width, block or flow records), the lines the replay takes for record
    starts are exactly the lines where PyYAML's parser starts a record."""
    import yaml

    records = [{"id": f"r{i}", "title": title, "note": note} for i, (title, note) in enumerate(values)]
    text = yaml.safe_dump(records, default_style=style, width=width, sort_keys=False, allow_unicode=True,
                          default_flow_style=None if flow else False)
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    truth = {item.start_mark.line: f"r{i}" for i, item in enumerate(root.value)}

    lines = text.split("\n")
    markers = git_history._File(lines).markers
    found = {line: marker[1] for line, marker in enumerate(markers) if marker is not None and marker[0] == 0
             and marker[1]}  # (an item whose id is not on its first line leaves the file undated)

    assert all(truth.get(line) == record_id for line, record_id in found.items()), (text, found, truth)
    nested = [marker for marker in markers if marker is not None and marker[0] == 1]
    assert nested == [], (text, nested)  # these records hold no list of records: any is a value's line
    written_as_starts = {line: rid for line, rid in truth.items() if git_history._marker(lines[line]) == (0, rid)}
    assert written_as_starts.items() <= found.items(), (text, found, truth)
