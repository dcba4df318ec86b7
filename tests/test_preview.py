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
from sitetools import SOURCE_DATE_EPOCH, build_env, make_project, site_hashes
from testdata import load_yaml, write_yaml

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


def _move_incident_to_another_month(records: list[dict[str, object]]) -> None:
    records[0]["date"] = "2021-03-15"


def _rename_source(records: list[dict[str, object]]) -> None:
    records[0]["title"] = records[0]["title"] + " (retitled)"


def _rename_region(records: list[dict[str, object]]) -> None:
    """The place's first name changes, quoted as its source gives it; the old name stays
    as a name of the place, which the other quotes about it name (place-not-in-quote)."""
    for region in records:
        if region["id"] == "town-y":
            names = region["names"]
            assert isinstance(names, list)
            old = names[0]
            citations = [dict(c, quote=str(c["quote"]).replace(old["name"], "Town Y-renamed")) for c in old["citations"]]
            names[0] = dict(old, name="Town Y-renamed", citations=citations)
            names.append({key: value for key, value in old.items() if key != "used_by"})


EDITS: list[tuple[str, str, Callable[[list[dict[str, object]]], None]]] = [
    ("an incident's title", "incidents", _rename_incident_title),
    ("a new incident", "incidents", _add_incident),
    ("an incident's date, to another month", "incidents", _move_incident_to_another_month),
    ("a source's title", "sources", _rename_source),
    ("a place's name", "regions", _rename_region),
]


@pytest.mark.parametrize(("what", "kind", "change"), EDITS, ids=[e[0] for e in EDITS])
def test_after_an_edit_the_preview_rewrites_exactly_the_pages_a_clean_build_changes(
    preview: Preview, what: str, kind: str, change: Callable[[list[dict[str, object]]], None],
) -> None:
    before_clean = site_hashes(preview.clean_build())
    before = _mtimes(preview.site)

    preview.edit(kind, change)
    preview.build()

    after_clean = site_hashes(preview.clean_build())
    assert site_hashes(preview.site) == after_clean, f"the preview after {what} differs from a clean build"
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

    assert site_hashes(preview.site) == site_hashes(preview.clean_build())
    assert not (preview.site / "incidents" / "2021-01-09-town-y.html").exists()


def test_an_unchanged_save_rewrites_no_page(preview: Preview) -> None:
    before = _mtimes(preview.site)
    os.utime(preview.project / "data" / "incidents.yaml")

    preview.build()

    rewritten = {path for path, mtime in _mtimes(preview.site).items() if before.get(path) != mtime}
    assert rewritten <= ALWAYS_WRITTEN



def test_the_preview_keeps_the_installed_theme_s_files_but_sees_a_new_file_in_overrides(preview: Preview) -> None:
    """The session lists the installed theme's files once (briefing/mkdocs_adapter/theme_env.py);
    the project's own overrides/ is listed again on every build, so a file added there is served."""
    theme_file = "assets/javascripts/bundle.*.min.js"
    assert list(preview.site.glob(theme_file))
    (preview.project / "overrides" / "assets").mkdir(exist_ok=True)
    (preview.project / "overrides" / "assets" / "added-in-preview.txt").write_text("added\n", encoding="utf-8")

    preview.build()

    assert (preview.site / "assets" / "added-in-preview.txt").read_text(encoding="utf-8") == "added\n"
    assert list(preview.site.glob(theme_file))
    assert site_hashes(preview.site) == site_hashes(preview.clean_build())


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


# --- the incremental planner, edit by edit, against a full plan ---------------------------------

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))


def _plans(data: Path, edit: Callable[[Path], None]) -> tuple[object, object, dict[str, object], dict[str, object]]:
    """The incremental plan after ``edit`` and a full plan of the same dataset, with the
    full plans before and after (the records of both stay alive: fingerprints compare them)."""
    from briefing.pipeline import Reuse, load_dataset
    from briefing.render.incremental import Planner
    from briefing.render.plan import SitePlan

    reuse, planner = Reuse(), Planner()
    before = load_dataset(data, reuse=reuse)
    planner.plan(SitePlan(before, "Site"))
    edit(data)
    after = load_dataset(data, reuse=reuse)
    incremental = planner.plan(SitePlan(after, "Site"))
    return incremental, after, SitePlan(before, "Site").pages(), SitePlan(after, "Site").pages()


def _edit(kind: str, change: Callable[[list[dict[str, object]]], None]) -> Callable[[Path], None]:
    def edit(data: Path) -> None:
        records = load_yaml(data, kind)
        change(records)
        write_yaml(data / f"{kind}.yaml", records)
    return edit


def _incident(records: list[dict[str, object]], number: int) -> dict[str, object]:
    return next(r for r in records if r["id"] == f"incident-{number}")


def _set(number: int, **values: object) -> Callable[[list[dict[str, object]]], None]:
    return lambda records: _incident(records, number).update(values)


def _summary_text(records: list[dict[str, object]]) -> None:
    summary = _incident(records, 40)["summary"]
    assert isinstance(summary, dict)
    summary["text"] = "An edited summary."


def _other_sources(records: list[dict[str, object]]) -> None:
    summary = _incident(records, 40)["summary"]
    assert isinstance(summary, dict)
    summary["citations"] = [{"source": "source-3", "locator": "paragraph 9"}]


def _new_unmapped_incident(records: list[dict[str, object]]) -> None:
    new = {k: v for k, v in _incident(records, 40).items() if k != "coordinates"}
    records.append(dict(new, id="incident-new", title="A new incident with no coordinates"))


def _moved_region(records: list[dict[str, object]]) -> None:
    incident = _incident(records, 40)
    others = [r["regions"] for r in records if r["regions"] != incident["regions"]]
    incident["regions"] = others[0]


def _new_claimant(records: list[dict[str, object]]) -> None:
    claims = _incident(records, 40)["claims"]
    assert isinstance(claims, list)
    claims[0] = dict(claims[0], party="russia", claimant="Ministry of Defence (russia)", blames=[])


def _retitled_source(records: list[dict[str, object]]) -> None:
    records[3]["title"] = "A retitled source"


def _renamed_region(records: list[dict[str, object]]) -> None:
    names = records[-1]["names"]
    assert isinstance(names, list)
    names[0] = dict(names[0], name="Renamed place")


#: (what, kind, change, planned incrementally: False when a full plan is expected)
PLANNER_EDITS: list[tuple[str, str, Callable[[list[dict[str, object]]], None], bool]] = [
    ("an incident's title", "incidents", _set(40, title="An edited title"), True),
    ("an incident's summary", "incidents", _summary_text, True),
    ("an incident's date, to another month", "incidents", _set(40, date="2021-05-20", date_precision="day"), True),
    ("an incident's date, to another year", "incidents", _set(40, date="2022-03-02", date_precision="day"), True),
    ("an incident's region", "incidents", _moved_region, True),
    ("an incident's sources", "incidents", _other_sources, True),
    ("a claim by another party", "incidents", _new_claimant, True),
    ("a new incident with no coordinates of its own", "incidents", _new_unmapped_incident, False),
    ("a new incident on the map", "incidents", lambda rs: rs.append(dict(_incident(rs, 41), id="incident-new")), False),
    ("a deleted incident", "incidents", lambda rs: rs.remove(_incident(rs, 40)), False),
    ("a source's title", "sources", _retitled_source, True),
    ("a region's name", "regions", _renamed_region, False),
]


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import synth

    return synth.write(tmp_path_factory.mktemp("synthetic"), 120)


@pytest.mark.parametrize(("what", "kind", "change", "local"), PLANNER_EDITS, ids=[e[0] for e in PLANNER_EDITS])
def test_the_incremental_plan_equals_a_full_plan_and_plans_every_page_that_changes(
    synthetic: Path, tmp_path: Path, what: str, kind: str, change: Callable[[list[dict[str, object]]], None],
    local: bool,
) -> None:
    import shutil

    from briefing.render.fingerprint import fingerprints

    data = Path(shutil.copytree(synthetic, tmp_path / "data"))
    incremental, _after, before, after = _plans(data, _edit(kind, change))

    assert list(incremental.pages) == list(after), f"after {what}: not the pages of a full plan, in its order"
    assert fingerprints(incremental.pages) == fingerprints(after), f"after {what}: a page differs from a full plan"
    if not local:
        return
    assert incremental.planned is not None, f"{what} should be planned incrementally"
    old, new = fingerprints(before), fingerprints(after)
    changed = {path for path in new if old.get(path) != new[path]}
    assert changed - incremental.planned == set(), f"after {what}: a page that changed was not planned again"
    assert len(incremental.planned) < len(after) / 2, "an incremental plan plans a few pages, not most of them"
