"""The data as it was at a git revision, read with ``git show`` (no checkout needed).

Used by ``check --base`` (ids that vanished since the base) and ``diff`` (what a pull
request changes). CI checkouts are often shallow, so a revision that is not in the
clone is fetched once from ``origin``; when that fails the error says what is missing
and how to get it, instead of a git traceback.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from briefing.errors import BriefingError, DataError, Location
from briefing.load.reader import KINDS, OPTIONAL_KINDS, LoadedFile, load_bytes


class RevisionError(BriefingError):
    """A revision or repository that cannot be read; the message says how to fix it."""


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, check=False, timeout=120)
    except FileNotFoundError:
        raise RevisionError("git is not installed: comparing with a revision needs git") from None
    except subprocess.TimeoutExpired:
        raise RevisionError(f"git {' '.join(args)} did not finish in 120 s") from None


def repo_root(path: Path) -> Path:
    """The top folder of the git work tree that holds ``path``."""
    done = _git(path if path.is_dir() else path.parent, "rev-parse", "--show-toplevel")
    if done.returncode != 0:
        raise RevisionError(f"{path} is not inside a git repository")
    return Path(done.stdout.decode().strip())


def resolve(root: Path, revision: str) -> str:
    """The commit id of ``revision``, fetching it from origin if the clone lacks it."""
    if revision.startswith("-"):
        raise RevisionError(f"{revision!r} is not a revision")
    probe = _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    if probe.returncode != 0:
        remote = revision.removeprefix("origin/")
        fetched = _git(root, "fetch", "--quiet", "--depth=1", "origin", remote)
        if fetched.returncode == 0:
            probe = _git(root, "rev-parse", "--verify", "--quiet", "FETCH_HEAD^{commit}")
        if probe.returncode != 0:
            raise RevisionError(
                f"revision {revision!r} is not in this clone and could not be fetched from origin "
                f"(a shallow CI checkout?): run `git fetch origin {remote}` or check out with "
                "fetch-depth: 0")
    return probe.stdout.decode().strip()


def load_revision(root: Path, revision: str, data_rel: str) -> tuple[dict[str, LoadedFile], list[DataError]]:
    """Every data file as it was at ``revision`` (already resolved), loaded like the working tree.

    Paths in errors read ``REV:data/incidents.yaml`` so a reader knows which side is meant."""
    loaded: dict[str, LoadedFile] = {}
    errors: list[DataError] = []
    short = revision[:12]
    for kind in KINDS:
        rel = f"{data_rel}/{kind}.yaml" if data_rel not in ("", ".") else f"{kind}.yaml"
        display = f"{short}:{rel}"
        shown = _git(root, "show", f"{revision}:{rel}")
        if shown.returncode != 0:
            if kind in OPTIONAL_KINDS:
                loaded[kind] = LoadedFile(kind, display, [])
            else:
                errors.append(DataError(Location(display), f"file is missing at {short}"))
            continue
        result, problems = load_bytes(shown.stdout, display, kind)
        errors.extend(problems)
        if result is not None:
            loaded[kind] = result
    return loaded, errors
