"""A way past MkDocs 1.x: the same project builds with ProperDocs, the maintained fork.

MkDocs 1.6.1 is the last 1.x release and Material 9.x reaches end of life in May 2027.
ProperDocs keeps MkDocs' hooks and plugin events; built with it, the site must be the
same site, byte for byte except the generator named in each page's head.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import zipfile
from pathlib import Path

from sitetools import SOURCE_DATE_EPOCH, build_env, download_facts, make_project, site_hashes

from briefing.publish.download import ZIP_NAME


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


def _zip_names(site: Path) -> list[str]:
    with zipfile.ZipFile(site / ZIP_NAME) as archive:
        return archive.namelist()


def test_properdocs_builds_the_same_site(tmp_path: Path, minimal_data: Path) -> None:
    project = make_project(tmp_path / "project", minimal_data)
    by_mkdocs = _build(project, "mkdocs", "site-mkdocs")
    by_properdocs = _build(project, "properdocs", "site-properdocs")

    # The offline zip holds the pages, and each page names its generator, so the zips and
    # their facts differ: the rest is compared here, the zips below.
    files = site_hashes(by_mkdocs)
    assert set(site_hashes(by_properdocs)) == set(files)
    for path in sorted(files):
        if path.endswith(".html"):
            assert _without_generator(by_properdocs / path) == _without_generator(by_mkdocs / path), path
        else:
            assert (by_properdocs / path).read_bytes() == (by_mkdocs / path).read_bytes(), path
    assert "ProperDocs" in (by_properdocs / "index.html").read_text(encoding="utf-8")

    # Each build's zip holds the same files, and its facts state that zip's own size and hash.
    assert _zip_names(by_properdocs) == _zip_names(by_mkdocs)
    for site in (by_mkdocs, by_properdocs):
        archive = (site / ZIP_NAME).read_bytes()
        facts = download_facts(site)
        assert (facts["bytes"], facts["sha256"]) == (len(archive), hashlib.sha256(archive).hexdigest()), site.name


def _zip_names(site: Path) -> list[str]:
    with zipfile.ZipFile(site / ZIP_NAME) as archive:
        return archive.namelist()

