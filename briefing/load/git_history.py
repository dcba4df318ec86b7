"""When each record was first committed and last changed, read from the data's git history.

Record pages show when the record was first published and last changed, the feed and
the sitemap carry the same dates, and "cite this record" gives the version date. They
come from the history of the data files, read in a fixed number of git calls whatever
the size of the data (never one call per record):

1. ``git rev-parse``: the repository, and whether the clone is shallow;
2. ``git log -p -U0 --first-parent`` over the data files, oldest first: every change
   that reached the branch, as it reached it (a merged pull request counts on the day it
   was merged);
3. ``git diff -U0 HEAD`` and 4. ``git ls-files --others``: what is not committed yet.

The diffs are replayed on a list that says, for each line of each data file, which
record it belongs to. A record starts at a list item whose first key is its id
(``- id: x`` or ``- {id: x, ...}``, the layout of every data file; a clause inside an
agreement starts at an indented ``- id:``), and only on a line that starts in the file's
structure: YAML's quotes, block texts and flow brackets are followed line by line
(:mod:`briefing.load.yaml_lines`), so a line of a quoted or block value that reads
``- id: zzz`` is text, not a record. A change to a line belongs to the record the line is
in; a change inside a clause is also a change of its agreement. Blank lines and comments
belong to no record. Each commit costs the span of its changes (the lexing stops where
the lines after them read as before), never a walk per hunk.

What the history cannot tell is said, never guessed:

* no git, no repository, a file never committed: no dates from history (the record's
  ``record_dates`` field is the fallback, see :mod:`briefing.model.record_dates`);
* a shallow clone: its oldest commit shows every line as new, so a record first seen
  there was first published *on or before* that day (``Touch.boundary``);
* a change in the working tree: the record's last change is "not committed yet";
* a file whose replayed history does not match its content, or with a record that does
  not start with its id: that file has no dates from history, and ``problems`` says why.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from briefing import limits
from briefing.load.yaml_lines import START, State, lex

#: How long git may take for one call before the dates are given up (the build goes on).
GIT_TIMEOUT = 300

#: A record's first line: ``- id: x``, ``- {id: x, ...}`` or ``- {"id": "x", ...}``;
#: indented, a record inside another (a clause in an agreement).
_START = re.compile(r"""^(?P<indent>\s*)-\s+(?:\{\s*)?["']?id["']?\s*:\s*["']?(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)["']?\s*[,}#]?""")
#: Any top-level list item: a record (whose id should be on this line).
_TOP_ITEM = re.compile(r"^-(?:\s|$)")
_HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")

#: Who owns a line: (top-level record id, nested record id or None). None: no record.
Owner = tuple[str, str | None]


@dataclass(frozen=True, slots=True, order=True)
class Touch:
    """A commit that changed a record: its day (UTC), and whether it is the oldest commit
    of a shallow clone (which shows everything older as new on that day)."""

    day: dt.date
    boundary: bool = False


@dataclass(slots=True)
class RecordHistory:
    """What git says about one record (by data file and id)."""

    first: Touch | None = None
    last: Touch | None = None
    #: Changed in the working tree (or in a file not committed yet).
    uncommitted: bool = False

    def touched(self, touch: Touch) -> None:
        if self.first is None:
            self.first = touch
        self.last = touch


@dataclass(slots=True)
class DataHistory:
    """The history of the data files, by ``(file stem, record id)``."""

    records: dict[tuple[str, str], RecordHistory] = field(default_factory=dict)
    #: The files whose history could be read (stems).
    files: set[str] = field(default_factory=set)
    #: The day of the latest commit that changed a data file.
    last_commit: Touch | None = None
    #: The working tree has data changes that are not committed.
    uncommitted: bool = False
    shallow: bool = False
    #: Why history is missing, for the whole data or for a file (shown by the build).
    problems: list[str] = field(default_factory=list)
    #: git calls made (the cost stays the same whatever the size of the data).
    git_calls: int = 0

    def of(self, stem: str, record_id: str) -> RecordHistory | None:
        return self.records.get((stem, record_id))


class _GitFailed(Exception):
    pass


@dataclass(slots=True)
class _Git:
    root: Path
    calls: int = 0

    def run(self, *args: str) -> str:
        self.calls += 1
        command = ["git", "-c", "core.quotepath=off", "-c", "diff.noprefix=false", *args]
        try:
            done = subprocess.run(command, cwd=self.root, capture_output=True, check=False, timeout=GIT_TIMEOUT)
        except FileNotFoundError:
            raise _GitFailed("git is not installed") from None
        except subprocess.TimeoutExpired:
            raise _GitFailed(f"git {args[0]} took longer than {GIT_TIMEOUT} s") from None
        if done.returncode != 0:
            message = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise _GitFailed(message[0] if message else f"git {args[0]} failed")
        return done.stdout.decode("utf-8", "replace")


def _marker(line: str) -> tuple[int, str] | None:
    """``(depth, id)`` when the line starts a record (depth 0 top level, 1 nested);
    ``(0, "")`` for a top-level item whose id is not on its first line."""
    match = _START.match(line)
    if match:
        return (0 if not match.group("indent") else 1, match.group("id"))
    if _TOP_ITEM.match(line):
        return (0, "")
    return None


def _significant(line: str) -> bool:
    text = line.strip()
    return bool(text) and not text.startswith("#")


@dataclass(slots=True)
class _Hunk:
    old_start: int
    old_count: int
    new_start: int
    new_count: int
    old: list[str] = field(default_factory=list)
    new: list[str] = field(default_factory=list)


class _File:
    """One data file's lines, with the lexical state each starts in and the record each
    starts (if any), replayed commit by commit. A line is a record's start only when it
    reads so *and* starts in the file's structure (:mod:`briefing.load.yaml_lines`): a
    quoted or block text whose line reads ``- id: zzz`` is text."""

    def __init__(self, lines: Iterable[str] = ()) -> None:
        self.lines: list[str] = list(lines)
        self.states: list[State | None] = [None] * len(self.lines)
        self.markers: list[tuple[int, str] | None] = [None] * len(self.lines)
        self._relex([(0, len(self.lines))])

    def _relex(self, ranges: list[tuple[int, int]]) -> None:
        """Lex again from the first changed line, through every changed range, until a
        line after the last one starts in the state it started in before."""
        if not ranges:
            return
        first, end = ranges[0][0], max(stop for _, stop in ranges)
        state = lex(self.lines[first - 1], self.states[first - 1] or START) if first else START
        for index in range(first, len(self.lines)):
            if index >= end and self.states[index] == state:
                return  # the rest reads as it did: its states and markers stand
            line = self.lines[index]
            self.states[index] = state
            self.markers[index] = _marker(line) if state.structural(line) else None
            state = lex(line, state)

    def owners(self, ranges: list[tuple[int, list[str]]]) -> set[Owner]:
        """The owners of the lines of each ``(0-based start, lines)`` range, in order: the
        record each range starts in is found by walking back at most to the range before
        (whose owners carry over), so the cost is the span, not the number of hunks."""
        found: set[Owner] = set()
        top: str | None = None
        nested: str | None = None
        done = 0  # the index after the previous range
        for start, lines in ranges:
            walked_top, walked_nested, index = None, None, start - 1
            while index >= done and walked_top is None:  # the nearest record start above
                marker = self.markers[index]
                if marker is not None:
                    if marker[0] == 0:
                        walked_top = marker[1]
                    elif walked_nested is None:
                        walked_nested = marker[1]
                index -= 1
            if walked_top is not None:
                top, nested = walked_top, walked_nested
            elif walked_nested is not None:
                nested = walked_nested
            for offset, line in enumerate(lines):
                marker = self.markers[start + offset]
                if marker is not None:
                    top, nested = (marker[1], None) if marker[0] == 0 else (top, marker[1])
                if top is not None and _significant(line):
                    found.add((top, nested))
            done = start + len(lines)
        return found

    def apply(self, hunks: list[_Hunk]) -> set[Owner]:
        """Apply one commit's hunks of this file; the owners of every changed line."""
        changed = self.owners([(h.old_start - 1, h.old) for h in hunks if h.old_count])
        for hunk in reversed(hunks):
            at = hunk.old_start - 1 if hunk.old_count else hunk.old_start
            self.lines[at:at + hunk.old_count] = hunk.new
            self.states[at:at + hunk.old_count] = [None] * len(hunk.new)
            self.markers[at:at + hunk.old_count] = [None] * len(hunk.new)
        added = [(h.new_start - 1 if h.new_count else h.new_start, h.new) for h in hunks]
        self._relex([(start, start + len(lines)) for start, lines in added])
        return changed | self.owners([(start, lines) for start, lines in added if lines])


@dataclass(slots=True)
class _Change:
    """One commit's (or the working tree's) diff of one file."""

    path: str
    deleted: bool = False
    created: bool = False
    hunks: list[_Hunk] = field(default_factory=list)


def _parse_diff(lines: Iterable[str]) -> Iterator[_Change]:
    """The file changes of a ``git diff -U0`` text."""
    change: _Change | None = None
    hunk: _Hunk | None = None
    for line in lines:
        if line.startswith("diff --git "):
            if change is not None:
                yield change
            change, hunk = _Change(path=line.split(" b/", 1)[-1]), None
        elif change is not None and hunk is None and line.startswith("--- "):
            change.created = line == "--- /dev/null"
        elif change is not None and hunk is None and line.startswith("+++ "):
            change.deleted = line == "+++ /dev/null"
        elif change is not None and line.startswith("@@"):
            match = _HUNK.match(line)
            if match:
                old_count = 1 if match.group(2) is None else int(match.group(2))
                new_count = 1 if match.group(4) is None else int(match.group(4))
                hunk = _Hunk(int(match.group(1)), old_count, int(match.group(3)), new_count)
                change.hunks.append(hunk)
        elif hunk is not None and line.startswith("-"):
            hunk.old.append(line[1:])
        elif hunk is not None and line.startswith("+"):
            hunk.new.append(line[1:])
    if change is not None:
        yield change


@dataclass(slots=True)
class _Snapshot:
    """The replayed history up to one commit, kept for the next build of the same process
    (``mkdocs serve``): a rebuild at the same commit only reads the working tree again."""

    key: tuple[object, ...]
    records: dict[tuple[str, str], RecordHistory]
    files: dict[str, tuple[list[str], list[State | None], list[tuple[int, str] | None]]]
    last_commit: Touch | None


_snapshot: list[_Snapshot] = []


def _restore(key: tuple[object, ...], history: DataHistory, files: dict[str, _File]) -> bool:
    if not _snapshot or _snapshot[0].key != key:
        return False
    snap = _snapshot[0]
    history.records = {k: RecordHistory(v.first, v.last, v.uncommitted) for k, v in snap.records.items()}
    for stem, (lines, states, markers) in snap.files.items():
        files[stem].lines, files[stem].states, files[stem].markers = list(lines), list(states), list(markers)
    history.last_commit = snap.last_commit
    return True


def _keep(key: tuple[object, ...], history: DataHistory, files: dict[str, _File]) -> None:
    _snapshot[:] = [_Snapshot(key, {k: RecordHistory(v.first, v.last, v.uncommitted) for k, v in history.records.items()},
                              {stem: (list(f.lines), list(f.states), list(f.markers)) for stem, f in files.items()},
                              history.last_commit)]


def read_history(data_dir: Path, stems: Iterable[str], today: dt.date | None = None) -> DataHistory:
    """The history of ``data_dir/<stem>.yaml`` for each stem, in four git calls (three
    when the same process read the history at the same commit before). No commit is
    dated after ``today`` (the clock's UTC day) nor before the commit it follows."""
    history = DataHistory()
    today = today or dt.datetime.now(dt.UTC).date()
    paths = {stem: data_dir / f"{stem}.yaml" for stem in sorted(stems)}
    try:
        git = _Git(data_dir.resolve())
        root_text, shallow_text, shallow_file, head = git.run(
            "rev-parse", "--path-format=absolute", "--show-toplevel", "--is-shallow-repository",
            "--git-path", "shallow", "HEAD").splitlines()[:4]
    except (_GitFailed, ValueError) as exc:
        history.problems.append(f"the data has no git history to date records from ({exc})")
        return history
    root = Path(root_text)
    git.root = root
    try:
        rel = {stem: path.resolve().relative_to(root).as_posix() for stem, path in paths.items() if path.exists()}
    except ValueError:
        history.problems.append(f"{data_dir} is not inside the git repository at {root}")
        return history
    history.shallow = shallow_text.strip() == "true"
    boundary: set[str] = set()
    if history.shallow:
        try:
            boundary = set(Path(shallow_file).read_text().split())
        except OSError:
            boundary = set()
    files = {stem: _File() for stem in rel}
    by_path = {path: stem for stem, path in rel.items()}
    key = (root, tuple(sorted(rel.items())), head, frozenset(boundary), today)
    try:
        if not _restore(key, history, files):
            log = git.run("log", "--first-parent", "--diff-merges=first-parent", "--reverse", "--no-renames",
                          "--no-color", "--no-ext-diff", "--no-textconv", "-p", "-U0", "--format=%x00%H %ct",
                          "--", *rel.values()) if rel else ""
            _replay(log, files, by_path, boundary, history, today)
            _keep(key, history, files)
        worktree = git.run("diff", "HEAD", "--no-renames", "--no-color", "--no-ext-diff", "--no-textconv",
                           "-U0", "--", *rel.values()) if history.last_commit else ""
        untracked = set(git.run("ls-files", "--others", "--exclude-standard", "--", *rel.values()).split("\n"))
    except _GitFailed as exc:
        history.problems.append(f"the data's git history could not be read ({exc})")
        history.records.clear()
        return history
    finally:
        history.git_calls = git.calls
    _apply_worktree(worktree, files, by_path, history)
    for stem, path in rel.items():
        lines = _lines(paths[stem])
        if path in untracked:
            history.uncommitted = True
            files[stem] = _File(lines)
            _mark_uncommitted(history, stem, files[stem].owners([(0, lines)]))
        _check(history, stem, files[stem], lines, path)
    return history


def _apply_worktree(worktree: str, files: dict[str, _File], by_path: dict[str, str], history: DataHistory) -> None:
    """The changes not committed yet, on top of the replayed history."""
    for change in _parse_diff(worktree.split("\n")):
        stem = by_path.get(change.path)
        if stem is not None:
            history.uncommitted = True
            owners = files[stem].apply(change.hunks) if not change.deleted else set()
            _mark_uncommitted(history, stem, owners)


def _lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []


def _ids(owners: set[Owner]) -> list[str]:
    """Every record the owners name: a change inside a clause changes its agreement too."""
    ids = {top for top, _ in owners} | {nested for _, nested in owners if nested}
    return sorted(i for i in ids if i)


def _mark_uncommitted(history: DataHistory, stem: str, owners: set[Owner]) -> None:
    for record_id in _ids(owners):
        history.records.setdefault((stem, record_id), RecordHistory()).uncommitted = True


def _touch(history: DataHistory, stem: str, owners: set[Owner], touch: Touch) -> None:
    for record_id in _ids(owners):
        history.records.setdefault((stem, record_id), RecordHistory()).touched(touch)


def _replay(log: str, files: dict[str, _File], by_path: dict[str, str], boundary: set[str],
            history: DataHistory, today: dt.date) -> None:
    """Replay the commits, oldest first. A commit's date is whatever its author's clock
    said: one is held at ``today`` (never in the future) and at the day of the commit
    before it (a commit on the branch cannot come before the one it follows), so a commit
    dated 2090, or 2001 after one of 2021, cannot become a record's or the site's date."""
    floor = limits.EARLIEST_DATE
    for commit, stamped, changes in _log_commits(log):
        day = floor = min(max(stamped, floor), today)
        touch = Touch(day, commit in boundary)
        for change in changes:
            stem = by_path.get(change.path)
            if stem is None:
                continue
            if change.deleted:
                files[stem] = _File()
                continue
            _touch(history, stem, files[stem].apply(change.hunks), touch)
            history.last_commit = touch


def _log_commits(text: str) -> Iterator[tuple[str, dt.date, list[_Change]]]:
    """Split ``git log`` output at its commit lines (``\\0<hash> <time>``)."""
    for block in text.split("\x00")[1:]:
        head, _, body = block.partition("\n")
        commit, _, stamp = head.partition(" ")
        yield commit, _commit_day(stamp), list(_parse_diff(body.split("\n")))


def _commit_day(stamp: str) -> dt.date:
    """A commit's day (UTC), held within the dates the briefing can hold
    (:data:`briefing.limits.LATEST_DATE`): a commit's time is whatever its author wrote,
    year 10000 or a number no calendar holds."""
    try:
        day = dt.datetime.fromtimestamp(int(stamp), dt.UTC).date()
    except (OverflowError, OSError, ValueError):
        return limits.EARLIEST_DATE if stamp.strip().startswith("-") else limits.LATEST_DATE
    return min(max(day, limits.EARLIEST_DATE), limits.LATEST_DATE)


def _check(history: DataHistory, stem: str, replayed: _File, lines: list[str], rel: str) -> None:
    """Keep the file's dates only if the replayed history matches its content."""
    current = _File(lines).markers
    if current != replayed.markers:
        problem = f"{rel}: its git history does not replay to its content, so its records are not dated from git"
    elif any(marker == (0, "") for marker in current):
        problem = f"{rel}: a record does not start with its id (write `- id: ...` first), so records are not dated from git"
    else:
        history.files.add(stem)
        return
    history.problems.append(problem)
    for key in [key for key in history.records if key[0] == stem]:
        del history.records[key]
