"""The data as it was at a git revision, read from git's object store (no checkout needed).

Used by ``check --base`` (ids that vanished since the base) and ``diff`` (what a pull
request changes). A revision name is text from outside (a CI variable, a command line a
workflow builds), so it is only ever handed to git as a *revision*:

* it is resolved with ``git rev-parse --verify --end-of-options REV^{commit}``: never
  read as an option, and it must name a commit;
* when the clone lacks it (a shallow CI checkout), only two fixed forms are fetched, and
  only into ``FETCH_HEAD`` (no branch or ref of the clone is written): ``origin/NAME``
  (a branch name git accepts, fetched as ``refs/heads/NAME``) and a full commit id. The
  user's text never becomes an option or a refspec of ``git fetch``, and a fetch into a
  complete clone never makes it shallow;
* every later command gets the resolved commit id, not the text.

The files are then read like the working tree's: each must be a regular file (not a
symbolic link) of the data folder at that commit, and its size is read from git before
its content is.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from briefing import limits
from briefing.errors import BriefingError, DataError, Location
from briefing.kinds import DATA_FILES, OPTIONAL_FILES
from briefing.load.reader import LoadedFile, load_bytes


class RevisionError(BriefingError):
    """A revision or repository that cannot be read; the message says how to fix it."""


#: A commit id as git prints it (SHA-1 or SHA-256).
_COMMIT = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")
#: The branch names ``origin/NAME`` may fetch: no option, refspec or revision syntax.
_BRANCH = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._/-]{0,199}")
#: Tree entry modes of a file git stores as it is (a symbolic link is 120000).
_REGULAR = {"100644", "100755"}


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    # never ask for a password: a fetch would wait for one forever
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_ASKPASS": "true", "SSH_ASKPASS": "true"}
    try:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, check=False,
                              timeout=limits.GIT_TIMEOUT_SECONDS, env=env, stdin=subprocess.DEVNULL)
    except FileNotFoundError:
        raise RevisionError("git is not installed: comparing with a revision needs git") from None
    except NotADirectoryError:
        raise RevisionError(f"{root} is not a folder") from None
    except subprocess.TimeoutExpired:
        raise RevisionError(f"git {args[0]} did not finish in {limits.GIT_TIMEOUT_SECONDS} s") from None


def repo_root(path: Path) -> Path:
    """The top folder of the git work tree that holds ``path``."""
    done = _git(path if path.is_dir() else path.parent, "rev-parse", "--show-toplevel")
    if done.returncode != 0:
        raise RevisionError(f"{path} is not inside a git repository")
    return Path(os.fsdecode(done.stdout.strip()))


def data_folder(data_dir: Path, root: Path) -> str:
    """The data folder's path inside the repository, as git names it."""
    try:
        return data_dir.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        raise RevisionError(f"the data folder {data_dir} is not inside the git repository {root}") from None


def _verify(root: Path, revision: str) -> str | None:
    probe = _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}")
    commit = probe.stdout.decode("ascii", "replace").strip()
    return commit if probe.returncode == 0 and _COMMIT.fullmatch(commit) else None


def fetchable(revision: str) -> str | None:
    """What may be fetched from origin for ``revision``: ``refs/heads/NAME`` for
    ``origin/NAME``, the id itself for a full commit id, else nothing."""
    if _COMMIT.fullmatch(revision):
        return revision
    name = revision.removeprefix("origin/")
    if name == revision or not _BRANCH.fullmatch(name):
        return None
    if ".." in name or "//" in name or "/." in name or name.endswith((".", "/", ".lock")) or "@{" in name:
        return None
    return f"refs/heads/{name}"


def resolve(root: Path, revision: str) -> str:
    """The commit id of ``revision``, fetching it from origin if the clone lacks it."""
    if not revision or revision.startswith("-") or len(revision) > 256 or any(ord(c) < 32 for c in revision):
        raise RevisionError(f"{revision!r} is not a revision")
    commit = _verify(root, revision)
    if commit is not None:
        return commit
    ref = fetchable(revision)
    if ref is not None:
        shallow = _git(root, "rev-parse", "--is-shallow-repository").stdout.strip() == b"true"
        depth = ["--depth=1"] if shallow else []  # a complete clone stays complete
        fetched = _git(root, "fetch", "--quiet", "--no-tags", "--no-recurse-submodules", *depth,
                       "--end-of-options", "origin", ref)
        if fetched.returncode == 0:
            commit = _verify(root, "FETCH_HEAD")
            if commit is not None:
                return commit
    how = (f"run `git fetch origin {ref.removeprefix('refs/heads/')}`" if ref
           else "give a commit id, a branch or tag of this clone, or origin/BRANCH")
    raise RevisionError(f"revision {revision!r} is not in this clone and could not be fetched from origin "
                        f"(a shallow CI checkout?): {how}, or check out with fetch-depth: 0")


def _tree(root: Path, commit: str, data_rel: str, short: str) -> tuple[dict[str, tuple[str, str, int]], DataError | None]:
    """The entries of the data folder at ``commit``: name → (mode, object id, size)."""
    where = f"{short}:{data_rel}" if data_rel not in ("", ".") else short
    if data_rel not in ("", "."):
        listed = _git(root, "ls-tree", "-z", "--full-tree", "--end-of-options", commit, "--", data_rel)
        entry = listed.stdout.split(b"\0")[0].decode("utf-8", "replace")
        if listed.returncode == 0 and entry and not entry.startswith("040000 tree "):
            return {}, DataError(Location(where), f"the data folder is not a folder at {short} "
                                 "(a symbolic link?): the data must be files inside the repository", code="data-folder")
    tree = f"{commit}:{data_rel}" if data_rel not in ("", ".") else commit
    listed = _git(root, "ls-tree", "-l", "-z", "--end-of-options", tree)
    entries: dict[str, tuple[str, str, int]] = {}
    if listed.returncode != 0:
        return entries, None  # no data folder at that revision: every file is reported missing
    for line in listed.stdout.split(b"\0"):
        info, _, name = line.decode("utf-8", "replace").partition("\t")
        parts = info.split()
        if len(parts) == 4:
            mode, _kind, obj, size = parts
            entries[name] = (mode, obj, int(size) if size.isdigit() else -1)
    return entries, None


def load_revision(root: Path, revision: str, data_rel: str) -> tuple[dict[str, LoadedFile], list[DataError]]:
    """Every data file as it was at ``revision`` (already resolved), loaded like the working tree.

    Paths in errors read ``REV:data/incidents.yaml`` so a reader knows which side is meant."""
    loaded: dict[str, LoadedFile] = {}
    short = revision[:12]
    entries, problem = _tree(root, revision, data_rel, short)
    errors: list[DataError] = [problem] if problem else []
    if problem:
        return loaded, errors
    for kind in DATA_FILES:
        rel = f"{data_rel}/{kind}.yaml" if data_rel not in ("", ".") else f"{kind}.yaml"
        display = f"{short}:{rel}"
        entry = entries.get(f"{kind}.yaml")
        if entry is None:
            if kind in OPTIONAL_FILES:
                loaded[kind] = LoadedFile(kind, display, [])
            else:
                errors.append(DataError(Location(display), f"file is missing at {short}", code="file-missing"))
            continue
        mode, obj, size = entry
        if mode not in _REGULAR or not _COMMIT.fullmatch(obj):
            what = "a symbolic link" if mode == "120000" else "not a regular file"
            errors.append(DataError(Location(display), f"file is {what} at {short}: data files must be regular "
                                    "files inside the data folder", code="not-a-regular-file"))
            continue
        if size > limits.MAX_FILE_BYTES:
            errors.append(DataError(Location(display), f"file is {size / 1024**2:,.1f} MB, over the limit of "
                                    f"{limits.MAX_FILE_BYTES / 1024**2:,.1f} MB per data file", code="file-too-big"))
            continue
        shown = _git(root, "cat-file", "blob", obj)
        if shown.returncode != 0:
            errors.append(DataError(Location(display), f"cannot read the file at {short}", code="file-unreadable"))
            continue
        result, problems = load_bytes(shown.stdout, display, kind)
        errors.extend(problems)
        if result is not None:
            loaded[kind] = result
    return loaded, errors
