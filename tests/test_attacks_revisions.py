"""Class 1 of issue 11: a revision name is text from outside, and it is only ever a revision.

``check --base REV`` and ``diff REV`` used to strip ``origin/`` and hand the rest to
``git fetch``: ``origin/--upload-pack=CMD`` ran CMD, and a refspec-shaped name
(``+HEAD:refs/heads/feature``) overwrote a local branch and made the clone shallow. Each
test below is one such attack against a real repository with an ``origin``: it must run
nothing, change no ref, leave a complete clone complete, and answer with one ``error:``
line and exit 2.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from sitetools import cli_in
from testdata import MINIMAL_DATA

from briefing.cli import main
from briefing.load.git_revision import fetchable

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

GIT_ENV = {"GIT_AUTHOR_NAME": "Analyst", "GIT_AUTHOR_EMAIL": "a@example.org",
           "GIT_COMMITTER_NAME": "Analyst", "GIT_COMMITTER_EMAIL": "a@example.org"}


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, env={**os.environ, **GIT_ENV}, capture_output=True,
                          text=True, check=True)
    return done.stdout.strip()


class Clone:
    """A clone of a repository (``origin``) with a local ``feature`` branch and the minimal data."""

    def __init__(self, tmp: Path, shallow: bool) -> None:
        self.tmp = tmp
        self.origin = tmp / "origin"
        shutil.copytree(MINIMAL_DATA, self.origin / "data")
        git(self.origin, "init", "--quiet", "--initial-branch=main")
        git(self.origin, "add", "-A")
        git(self.origin, "commit", "--quiet", "-m", "base")
        self.base = git(self.origin, "rev-parse", "HEAD")
        git(self.origin, "commit", "--quiet", "--allow-empty", "-m", "second")
        git(self.origin, "branch", "other")
        self.root = tmp / "clone"
        depth = ["--depth=1"] if shallow else []
        git(tmp, "clone", "--quiet", *depth, f"file://{self.origin}", str(self.root))
        git(self.root, "checkout", "--quiet", "-b", "feature")
        git(self.root, "commit", "--quiet", "--allow-empty", "-m", "work on the feature")
        git(self.root, "checkout", "--quiet", "-b", "review")  # feature is not checked out: git would let a fetch overwrite it
        self.proof = tmp / "PWNED"

    def refs(self) -> str:
        """Every ref of the clone and what it points at, and whether it is shallow."""
        shallow = (self.root / ".git" / "shallow").read_text() if (self.root / ".git" / "shallow").exists() else ""
        return git(self.root, "for-each-ref", "--format=%(refname) %(objectname)") + "\nshallow:" + shallow

    def run(self, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
        return cli_in(self.root, capsys, *args)


@pytest.fixture
def shallow_clone(tmp_path: Path) -> Clone:
    return Clone(tmp_path, shallow=True)


@pytest.fixture
def full_clone(tmp_path: Path) -> Clone:
    return Clone(tmp_path, shallow=False)


def _payloads(proof: Path) -> list[str]:
    command = f"touch {proof}"
    return [
        f"origin/--upload-pack={command}",
        f"--upload-pack={command}",
        f"origin/--upload-pack=sh -c '{command}'",
        f"origin/-u{command}",
        f"origin/--config=core.sshCommand={command}",
        f"origin/-c core.fsmonitor={command}",
        f"--output={proof}",
        f"origin/--output={proof}",
        "origin/$(touch PWNED)",
    ]


@pytest.mark.parametrize("command", ["check", "diff"])
def test_a_revision_named_like_an_option_runs_nothing(shallow_clone: Clone, capsys: pytest.CaptureFixture[str],
                                                      command: str) -> None:
    before = shallow_clone.refs()
    for payload in _payloads(shallow_clone.proof):
        # (the forms that get past argparse to the code: --base=VALUE, and -- before BASE)
        args = ["check", f"--base={payload}"] if command == "check" else ["diff", "--", payload]
        code, out, err = shallow_clone.run(capsys, *args)

        assert code == 2, (payload, out, err)
        assert not shallow_clone.proof.exists(), f"{payload!r} ran a command"
        assert (err.count("\n"), err.startswith("error: ")) == (1, True), err
        assert "Traceback" not in err
    assert not (shallow_clone.root / "PWNED").exists()
    assert shallow_clone.refs() == before


@pytest.mark.parametrize("payload", [
    "+HEAD:refs/heads/feature",
    "origin/+HEAD:refs/heads/feature",
    "origin/main:refs/heads/feature",
    "origin/+refs/heads/main:refs/heads/feature",
    "HEAD:refs/heads/feature",
    "origin/refs/heads/*:refs/heads/*",
    "origin/main:refs/remotes/origin/other",
])
def test_a_refspec_shaped_revision_changes_no_branch_and_keeps_the_clone_complete(
        full_clone: Clone, capsys: pytest.CaptureFixture[str], payload: str) -> None:
    before = full_clone.refs()
    assert "shallow:\n" not in before and before.endswith("shallow:")

    code, _out, err = full_clone.run(capsys, "check", f"--base={payload}")

    assert code == 2, err
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert full_clone.refs() == before, "a ref was written or the clone became shallow"


def test_a_branch_missing_from_a_shallow_clone_is_fetched_as_a_branch_into_fetch_head_only(
        shallow_clone: Clone, capsys: pytest.CaptureFixture[str]) -> None:
    before = shallow_clone.refs()

    code, out, err = shallow_clone.run(capsys, "check", "--base", "origin/other")

    assert (code, err) == (0, ""), err
    assert out.startswith("data: OK")
    assert shallow_clone.refs() == before  # nothing but FETCH_HEAD was written


def test_a_commit_missing_from_a_shallow_clone_is_fetched_by_its_id(
        shallow_clone: Clone, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = shallow_clone.run(capsys, "diff", shallow_clone.base)

    assert code == 0, err
    assert "No record was added, removed or changed." in out


def test_fetching_a_branch_into_a_complete_clone_does_not_make_it_shallow(
        full_clone: Clone, capsys: pytest.CaptureFixture[str]) -> None:
    git(full_clone.origin, "checkout", "--quiet", "-b", "later")
    git(full_clone.origin, "commit", "--quiet", "--allow-empty", "-m", "later")

    code, _out, err = full_clone.run(capsys, "check", "--base", "origin/later")

    assert code == 0, err
    assert not (full_clone.root / ".git" / "shallow").exists()


@pytest.mark.parametrize("revision", ["origin/main", "origin/feature/x-1.2", "origin/release_2024"])
def test_only_plain_branch_names_and_commit_ids_may_be_fetched(revision: str) -> None:
    assert fetchable(revision) == "refs/heads/" + revision.removeprefix("origin/")
    assert fetchable("a" * 40) == "a" * 40


@pytest.mark.parametrize("revision", ["main", "origin/-x", "origin/a:b", "origin/+a", "origin/a..b", "origin/a b",
                                      "origin/@{-1}", "origin/a^", "origin/a~1", "origin/*", "origin/a.lock",
                                      "origin/.hidden", "origin/a/", "origin/", "ABCDEF" * 7, "a" * 39])
def test_anything_else_is_never_fetched(revision: str) -> None:
    assert fetchable(revision) is None


def test_the_data_folder_as_a_symbolic_link_at_the_base_is_refused_not_followed(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "repo"
    shutil.copytree(MINIMAL_DATA, root / "real")
    (root / "data").symlink_to("real")
    (root / "secret").mkdir()
    (root / "secret" / "incidents.yaml").write_text("- {id: TOP-SECRET-TOKEN}\n")
    git(root, "init", "--quiet", "--initial-branch=main")
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "data is a link")
    (root / "data").unlink()
    shutil.copytree(MINIMAL_DATA, root / "data")
    cwd = Path.cwd()
    os.chdir(root)
    try:
        code = main(["check", "--base", "HEAD"])
    finally:
        os.chdir(cwd)
    out, err = capsys.readouterr()

    # the base's data cannot be read, which check --base reports as a warning
    assert code == 0
    assert "the data at HEAD has problems" in err
    assert "TOP-SECRET" not in out + err
    report = main(["diff", "HEAD", "--data", str(root / "data")])
    out, err = capsys.readouterr()
    assert report == 1
    assert "the data folder is not a folder at" in out and "symbolic link" in out
    assert "TOP-SECRET" not in out + err
