"""The review workflow around a pull request: the GitHub workflow, the pre-commit hook and
CONTRIBUTING.md's worked example stay wired to the real commands and the real data."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def workflow() -> dict:
    return yaml.safe_load((ROOT / ".github" / "workflows" / "pull-request.yml").read_text("utf-8"))


def steps_running(text: str) -> list[dict]:
    return [s for s in workflow()["jobs"]["review"]["steps"] if text in s.get("run", "")]


def test_the_pull_request_workflow_annotates_summarises_tests_builds_and_uploads() -> None:
    flow = workflow()
    steps = flow["jobs"]["review"]["steps"]

    assert "pull_request" in flow[True]  # YAML 1.1 reads the key `on` as true
    assert steps[0]["uses"].startswith("actions/checkout@") and steps[0]["with"]["fetch-depth"] == 0
    (check,) = steps_running("briefing check")
    assert "--format github" in check["run"] and '--base "$BASE_SHA"' in check["run"]
    (diff,) = steps_running("briefing diff")
    assert "$GITHUB_STEP_SUMMARY" in diff["run"] and diff["if"] == "${{ !cancelled() }}"
    assert steps_running("bash .ci/run")
    assert steps_running("mkdocs build --strict")
    (upload,) = [s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert upload["with"]["path"] == "site/"
    assert flow["permissions"] == {"contents": "read"}


def precommit_hook() -> dict:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text("utf-8"))
    (repo,) = config["repos"]
    assert repo["repo"] == "local"
    (hook,) = [hook for hook in repo["hooks"] if hook["id"] == "briefing-check"]
    return hook


def run_hook(cwd: Path) -> subprocess.CompletedProcess[str]:
    """The hook's entry, as pre-commit runs it, with this Python as ``python``."""
    command = shlex.split(precommit_hook()["entry"])
    assert command[0] == "python"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, *command[1:]], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=60)


def test_the_pre_commit_hook_runs_check_on_data_changes() -> None:
    hook = precommit_hook()
    pattern = re.compile(hook["files"])

    assert hook["pass_filenames"] is False
    assert pattern.search("data/incidents.yaml") and pattern.search("briefing/schema/common.schema.json")
    assert not pattern.search("docs/index.md")
    assert run_hook(ROOT).returncode == 0


def test_the_pre_commit_hook_blocks_a_commit_with_bad_data(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    incidents = tmp_path / "data" / "incidents.yaml"
    incidents.write_text(incidents.read_text("utf-8").replace("grade: single-source", "grade: singel-source", 1),
                         encoding="utf-8")

    result = run_hook(tmp_path)

    assert result.returncode == 1
    assert "'singel-source' is not one of" in result.stderr
    assert "did you mean 'single-source'?" in result.stderr


def test_contributing_worked_examples_are_the_real_records() -> None:
    """Each ``yaml`` block headed ``# data/<file>.yaml`` in CONTRIBUTING.md quotes records
    exactly as they are in that file, so the example cannot drift from the data."""
    text = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    blocks = re.findall(r"```yaml\n# (data/[a-z]+\.yaml)\n(.*?)```", text, flags=re.S)

    assert {name for name, _ in blocks} >= {"data/sources.yaml", "data/incidents.yaml"}
    for name, block in blocks:
        real = {r["id"]: r for r in yaml.safe_load((ROOT / name).read_text("utf-8"))}
        for record in yaml.safe_load(block):
            assert record == real[record["id"]], f"{record['id']} in CONTRIBUTING.md differs from {name}"
