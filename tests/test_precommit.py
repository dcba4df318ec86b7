"""Pre-commit from a fresh clone, exactly as CONTRIBUTING.md says (issue 21.2).

The hooks bring their own pinned dependencies (``language: python``), inside the ranges of
``pyproject.toml``; the real run clones this repository, installs pre-commit and the hook
as CONTRIBUTING.md does, and shows a commit with a data error blocked and a good one made.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent


def hooks() -> list[dict]:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text("utf-8"))
    (repo,) = config["repos"]
    assert repo["repo"] == "local"
    return repo["hooks"]


def project_requirements() -> dict[str, Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    listed = [*project["dependencies"], *project["optional-dependencies"]["lint"]]
    return {Requirement(text).name.lower(): Requirement(text) for text in listed}


def test_every_hook_brings_its_own_pinned_dependencies_inside_the_project_s_ranges() -> None:
    wanted = project_requirements()
    for hook in hooks():
        assert hook["language"] == "python", hook["id"]  # pre-commit makes its virtualenv
        pins = {Requirement(text).name.lower(): Requirement(text) for text in hook["additional_dependencies"]}
        assert set(pins) == set(wanted), hook["id"]
        for name, pin in pins.items():
            (exact,) = pin.specifier
            assert exact.operator == "==", f"{name} is not pinned"
            assert wanted[name].specifier.contains(exact.version), f"{name}=={exact.version} is outside {wanted[name]}"


def test_contributing_gives_the_set_up_the_test_below_runs() -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    assert ".venv/bin/pip install pre-commit && .venv/bin/pre-commit install" in text


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Analyst", "GIT_AUTHOR_EMAIL": "a@example.org",
           "GIT_COMMITTER_NAME": "Analyst", "GIT_COMMITTER_EMAIL": "a@example.org"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


@pytest.fixture
def clone(tmp_path: Path) -> Path:
    """A fresh clone of this repository's committed state, with the working tree's
    pre-commit configuration (what this change ships)."""
    if shutil.which("git") is None or shutil.which("pre-commit", path=str(Path(sys.executable).parent)) is None:
        pytest.skip("git, or pre-commit in this virtualenv, is not installed")
    if _git(ROOT, "rev-parse", "HEAD").returncode != 0:
        pytest.skip("not a git checkout")
    target = tmp_path / "clone"
    assert _git(tmp_path, "clone", "--quiet", str(ROOT), str(target)).returncode == 0
    shutil.copy(ROOT / ".pre-commit-config.yaml", target / ".pre-commit-config.yaml")
    assert _git(target, "commit", "--quiet", "--allow-empty", "-am", "this change's hook").returncode == 0
    return target


def test_a_fresh_clone_s_hook_blocks_bad_data_and_lets_good_data_through(clone: Path) -> None:
    pre_commit = str(Path(sys.executable).parent / "pre-commit")
    installed = subprocess.run([pre_commit, "install"], cwd=clone, capture_output=True, text=True, timeout=120)
    assert installed.returncode == 0, installed.stderr
    incidents = clone / "data" / "incidents.yaml"
    good = incidents.read_text("utf-8")

    incidents.write_text(good.replace("grade: single-source", "grade: singel-source", 1), encoding="utf-8")
    _git(clone, "add", "data/incidents.yaml")
    blocked = _git(clone, "commit", "-m", "a data error")

    assert blocked.returncode == 1, blocked.stdout + blocked.stderr
    said = blocked.stdout + blocked.stderr
    assert re.search(r"data/incidents\.yaml:\d+:10: [\w-]+: grade: 'singel-source' is not one of", said)
    assert "No module named" not in said and "not found" not in said

    incidents.write_text(good.replace("Azerbaijan reports a serviceman wounded",
                                      "Azerbaijan reports one serviceman wounded", 1), encoding="utf-8")
    _git(clone, "add", "data/incidents.yaml")
    made = _git(clone, "commit", "-m", "a good change")

    assert made.returncode == 0, made.stdout + made.stderr
    assert re.search(r"check the briefing data\.+Passed", made.stdout + made.stderr)
