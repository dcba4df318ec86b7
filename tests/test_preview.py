"""The preview (``mkdocs serve --dirty``) rebuilds only what an edit changed, and nothing is missed.

Each story keeps one MkDocs process (this test process) building the same project dirty,
as ``mkdocs serve --dirty`` does after every save, and compares it with a clean build of
the same data in a fresh process: the dirty site must be byte-identical, and the files
the dirty build rewrote must be exactly the files whose content a clean build changes
(plus the few that MkDocs and its plugins write on every build).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from sitetools import SOURCE_DATE_EPOCH, build_env, file_hashes, load_yaml, make_project, write_yaml

#: Written by MkDocs, Material's search and offline plugins on every build, changed or not.
ALWAYS_WRITTEN = {"404.html", "sitemap.xml", "sitemap.xml.gz", "search/search_index.json", "search/search_index.js"}


def _mtimes(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}


class Preview:
    """A project built dirty in this process, as ``mkdocs serve --dirty`` builds it."""

    def __init__(self, root: Path, data: Path) -> None:
        self.project = make_project(root / "project", data)
        self.site = root / "preview"
        self.root = root
        self.builds = 0

    def build(self) -> None:
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        config = load_config(str(self.project / "mkdocs.yml"), site_dir=str(self.site))
        config.plugins.on_startup(command="serve", dirty=True)
        build(config, dirty=True)
        self.builds += 1

    def clean_build(self) -> Path:
        """A clean build of the project as it is now, in a fresh process."""
        site = self.root / f"clean-{self.builds}"
        code = ("import sys; from mkdocs.config import load_config; from mkdocs.commands.build import build; "
                f"build(load_config({str(self.project / 'mkdocs.yml')!r}, site_dir={str(site)!r}))")
        subprocess.run([sys.executable, "-c", code], cwd=self.project, env=build_env({"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}),
                       check=True, capture_output=True)
        return site

    def edit(self, kind: str, change: Callable[[list[dict[str, object]]], None]) -> None:
        records = load_yaml(self.project / "data", kind)
        change(records)
        write_yaml(self.project / "data" / f"{kind}.yaml", records)


@pytest.fixture
def preview(tmp_path: Path, minimal_data: Path, monkeypatch: pytest.MonkeyPatch) -> Preview:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    preview = Preview(tmp_path, minimal_data)
    preview.build()
    return preview


def _rename_incident_title(records: list[dict[str, object]]) -> None:
    records[0]["title"] = "Exchange of fire reported near Town Y (title edited)"


def _add_incident(records: list[dict[str, object]]) -> None:
    records.append(dict(records[0], id="2021-01-09-town-y", date="2021-01-09", title="A second exchange of fire near Town Y"))


def _rename_source(records: list[dict[str, object]]) -> None:
    records[0]["title"] = records[0]["title"] + " (retitled)"


def _rename_region(records: list[dict[str, object]]) -> None:
    for region in records:
        if region["id"] == "town-y":
            names = region["names"]
            assert isinstance(names, list)
            names[0] = dict(names[0], name="Town Y-renamed")


EDITS: list[tuple[str, str, Callable[[list[dict[str, object]]], None]]] = [
    ("an incident's title", "incidents", _rename_incident_title),
    ("a new incident", "incidents", _add_incident),
    ("a source's title", "sources", _rename_source),
    ("a place's name", "regions", _rename_region),
]


@pytest.mark.parametrize(("what", "kind", "change"), EDITS, ids=[e[0] for e in EDITS])
def test_after_an_edit_the_preview_rewrites_exactly_the_pages_a_clean_build_changes(
    preview: Preview, what: str, kind: str, change: Callable[[list[dict[str, object]]], None],
) -> None:
    before_clean = file_hashes(preview.clean_build())
    before = _mtimes(preview.site)

    preview.edit(kind, change)
    preview.build()

    after_clean = file_hashes(preview.clean_build())
    assert file_hashes(preview.site) == after_clean, f"the preview after {what} differs from a clean build"
    changed = {path for path in after_clean if before_clean.get(path) != after_clean[path]}
    rewritten = {path for path, mtime in _mtimes(preview.site).items() if before.get(path) != mtime}
    assert changed - rewritten == set(), "a page a clean build changes was not rewritten"
    assert rewritten - changed - ALWAYS_WRITTEN == set(), "a page that did not change was rewritten"
    assert any(path.startswith(f"{kind}/") for path in rewritten)


def test_a_sequence_of_edits_and_a_removal_leave_the_preview_equal_to_a_clean_build(preview: Preview) -> None:
    for _what, kind, change in EDITS:
        preview.edit(kind, change)
        preview.build()
    preview.edit("incidents", lambda records: records.pop())  # the incident added above goes again
    preview.build()

    assert file_hashes(preview.site) == file_hashes(preview.clean_build())
    assert not (preview.site / "incidents" / "2021-01-09-town-y.html").exists()


def test_an_unchanged_save_rewrites_no_page(preview: Preview) -> None:
    before = _mtimes(preview.site)
    os.utime(preview.project / "data" / "incidents.yaml")

    preview.build()

    rewritten = {path for path, mtime in _mtimes(preview.site).items() if before.get(path) != mtime}
    assert rewritten <= ALWAYS_WRITTEN



def test_a_rebuild_lets_the_previous_build_s_pages_be_freed(preview: Preview) -> None:
    """mkdocs serve builds again and again in one process: the pages and files of a build
    refer to each other, and must be freed after the next build, never kept (frozen with
    the data, briefing/gc_pause.py) for the life of the server."""
    import gc
    import sys
    import weakref

    session = sys.modules["hooks/briefing_hook.py"]._session
    earlier = weakref.ref(session.pages[0])
    preview.edit("incidents", _rename_incident_title)
    preview.build()
    preview.build()
    gc.collect()

    assert earlier() is None
