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
    assert "if" not in upload, "pull requests get the offline copy too"


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
