"""A way past MkDocs 1.x: the same project builds with ProperDocs, the maintained fork.

MkDocs 1.6.1 is the last 1.x release and Material 9.x reaches end of life in May 2027.
ProperDocs keeps MkDocs' hooks and plugin events; built with it, the site must be the
same site, byte for byte except the generator named in each page's head.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sitetools import SOURCE_DATE_EPOCH, build_env, file_hashes, make_project


def _build(project: Path, tool: str, site: str) -> Path:
    result = subprocess.run(
        [sys.executable, "-m", tool, "build", "--strict", "-f", "mkdocs.yml", "-d", site],
        cwd=project, env=build_env({"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}), capture_output=True, text=True,
        timeout=300, check=False,
    )
    assert result.returncode == 0, f"{tool} build failed:\n{result.stderr[-3000:]}"
    return project / site


def _without_generator(page: Path) -> str:
    return "\n".join(line for line in page.read_text(encoding="utf-8").splitlines() if 'name="generator"' not in line)


def test_properdocs_builds_the_same_site(tmp_path: Path, minimal_data: Path) -> None:
    project = make_project(tmp_path / "project", minimal_data)
    by_mkdocs = _build(project, "mkdocs", "site-mkdocs")
    by_properdocs = _build(project, "properdocs", "site-properdocs")

    files = file_hashes(by_mkdocs)
    assert set(file_hashes(by_properdocs)) == set(files)
    for path in sorted(files):
        if path.endswith(".html"):
            assert _without_generator(by_properdocs / path) == _without_generator(by_mkdocs / path), path
        else:
            assert (by_properdocs / path).read_bytes() == (by_mkdocs / path).read_bytes(), path
    assert "ProperDocs" in (by_properdocs / "index.html").read_text(encoding="utf-8")
