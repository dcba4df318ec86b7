"""Class 10 of issue 11: the workflows that run pull requests.

They ran untrusted PR code the safe way (``pull_request``, ``contents: read``), but
``zizmor --offline`` reported 7 actions not pinned to a commit (a moved tag would run
other code with the job's token) and 2 checkouts that persist credentials into the
workspace (where the PR's own code runs). Now every action is pinned to a full commit id
with its version in a comment, no checkout keeps the token, and ``.ci/run`` runs zizmor.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(?:/[\w./-]+)?@[0-9a-f]{40}$")


def _steps(workflow: Path) -> list[dict[str, Any]]:
    loaded = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    return [step for job in loaded["jobs"].values() for step in job.get("steps", [])]


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=[w.name for w in WORKFLOWS])
def test_every_action_is_pinned_to_a_commit_with_its_version_named(workflow: Path) -> None:
    lines = workflow.read_text(encoding="utf-8").splitlines()
    uses = [line for line in lines if re.match(r"^\s*(?:-\s+)?uses:", line)]
    assert uses
    for line in uses:
        reference, _, comment = line.split("uses:", 1)[1].strip().partition("#")
        assert PINNED.match(reference.strip()), line
        assert re.fullmatch(r"\s*v\d+(\.\d+)*", comment), f"no version comment: {line}"


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=[w.name for w in WORKFLOWS])
def test_no_checkout_leaves_the_token_in_the_workspace(workflow: Path) -> None:
    checkouts = [step for step in _steps(workflow) if str(step.get("uses", "")).startswith("actions/checkout@")]
    assert checkouts
    assert all(step.get("with", {}).get("persist-credentials") is False for step in checkouts)


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=[w.name for w in WORKFLOWS])
def test_pull_requests_run_without_write_access_or_secrets(workflow: Path) -> None:
    loaded = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    triggers = loaded[True]  # PyYAML reads the key `on` as True
    assert "pull_request_target" not in triggers and "workflow_run" not in triggers
    assert loaded["permissions"] == {"contents": "read"}
    text = workflow.read_text(encoding="utf-8")
    if "pull_request" in triggers:
        assert "secrets." not in text
    else:  # a job of main's own code may have the workflow's token, and says what it may do with it
        for job in loaded["jobs"].values():
            job_text = yaml.safe_dump(job)
            if "secrets." in job_text:
                assert re.findall(r"secrets\.\w+", job_text) == ["secrets.GITHUB_TOKEN"]
                assert set(job.get("permissions", {})) <= {"contents", "issues"}, job.get("permissions")
    # untrusted values reach commands through the environment, never spliced into a script
    for step in _steps(workflow):
        assert "${{" not in str(step.get("run", "")), step


def test_ci_runs_the_workflow_linter() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "zizmor --offline .github/workflows" in script
    assert script.index("zizmor --offline") < script.index("-m pytest")


def _zizmor() -> str | None:
    beside = Path(sys.executable).parent / "zizmor"
    return str(beside) if beside.exists() else shutil.which("zizmor")


@pytest.mark.skipif(_zizmor() is None, reason="zizmor is not installed (.ci/run installs it)")
def test_zizmor_finds_nothing() -> None:
    result = subprocess.run([str(_zizmor()), "--offline", ".github/workflows"], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr
