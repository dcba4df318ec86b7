"""The deploy workflow does what the README promises: strict build, tests, Pages, offline copy."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

WORKFLOW = Path(__file__).resolve().parent.parent / ".github" / "workflows" / "publish.yml"


def load() -> dict[Any, Any]:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return list(job["steps"])


def uses(job: dict[str, Any], action: str) -> list[dict[str, Any]]:
    return [step for step in steps(job) if str(step.get("uses", "")).startswith(action + "@")]


def test_builds_strictly_after_running_the_tests() -> None:
    build = load()["jobs"]["build"]
    commands = [str(step.get("run", "")) for step in steps(build)]
    tests = next(i for i, run in enumerate(commands) if "bash .ci/run" in run)
    strict = next(i for i, run in enumerate(commands) if "mkdocs build --strict" in run)
    assert tests < strict
    assert "bookworm" in build["container"] or "debian" in build["container"], "Debian's chromium for browser tests"


def test_uploads_the_built_site_as_a_downloadable_offline_copy() -> None:
    (upload,) = uses(load()["jobs"]["build"], "actions/upload-artifact")
    assert upload["with"]["name"] == "briefing-site-offline"
    assert upload["with"]["path"].rstrip("/") == "site"
    assert "if" not in upload


def test_publishes_main_to_github_pages() -> None:
    workflow = load()
    (pages,) = uses(workflow["jobs"]["build"], "actions/upload-pages-artifact")
    assert pages["with"]["path"].rstrip("/") == "site"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert "refs/heads/main" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert uses(deploy, "actions/deploy-pages")
    assert "main" in workflow[True]["push"]["branches"]  # PyYAML reads the key `on` as True


def test_readme_tells_how_to_read_the_site_offline() -> None:
    readme = (WORKFLOW.parents[2] / "README.md").read_text(encoding="utf-8")
    assert "briefing-site-offline" in readme
    assert "index.html" in readme


def test_the_suite_runs_once_per_pull_request() -> None:
    workflows = sorted(WORKFLOW.parent.glob("*.yml"))
    running_the_suite_on_prs = []
    for path in workflows:
        workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
        commands = [str(step.get("run", "")) for job in workflow["jobs"].values() for step in job["steps"]]
        if "pull_request" in workflow[True] and any("bash .ci/run" in run for run in commands):
            running_the_suite_on_prs.append(path.name)
    assert running_the_suite_on_prs == ["pull-request.yml"]
    assert "pull_request" not in load()[True]


def test_pip_and_the_browser_packages_are_cached_where_the_suite_runs() -> None:
    for name in ("publish.yml", "pull-request.yml"):
        workflow = yaml.safe_load((WORKFLOW.parent / name).read_text(encoding="utf-8"))
        job_steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
        caches = {step["with"]["path"]: step for step in job_steps if str(step.get("uses", "")).startswith("actions/cache@")}
        assert set(caches) == {"~/.cache/pip", ".apt-archives"}, name
        assert "hashFiles('pyproject.toml')" in caches["~/.cache/pip"]["with"]["key"]
        suite = next(step for step in job_steps if "bash .ci/run" in str(step.get("run", "")))
        assert suite["env"]["APT_ARCHIVES"].endswith("/.apt-archives")
    script = (WORKFLOW.parents[1].parent / ".ci" / "run").read_text(encoding="utf-8")
    assert 'Dir::Cache::Archives=$APT_ARCHIVES' in script


def test_ci_runs_the_readme_s_two_commands_test_command_verbatim() -> None:
    """The README's first screen gives two commands, build and test; CI runs the second as written."""
    readme = (WORKFLOW.parents[2] / "README.md").read_text(encoding="utf-8")
    first_screen = readme.split("\n## ", 1)[0]
    commands = [block.strip() for block in first_screen.split("```sh")[1:]]
    commands = [block.split("```")[0].strip().splitlines()[-1] for block in commands]
    assert len(commands) == 2 and "mkdocs build --strict" in commands[0] and "pytest" in commands[1]
    ci = (WORKFLOW.parents[2] / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.rstrip().splitlines()[-1] == commands[1]
