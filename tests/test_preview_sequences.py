"""The preview stays the site after any sequence of edits (issue 20, class 8).

A Hypothesis state machine replays random sequences of the edits an editor makes while
``mkdocs serve`` runs (retitle, rewrite a summary, add, delete or move an incident, retitle
a source, rename a place) and, after every step, compares what the preview holds with what
a clean build of the same data gives:

* the planner's incremental plan against a full plan of the same dataset (every page, its
  order and its fingerprint), on a synthetic dataset: fast, so many sequences run;
* the dirty MkDocs build against a clean build in a fresh process, byte for byte, sitemap
  ``<lastmod>`` dates included: slower, so a few sequences run.

Single edits are proven in ``test_preview.py``; sequences are where a reverse index or a
memory kept from one build to the next goes stale.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test
from sitetools import SOURCE_DATE_EPOCH, site_hashes
from testdata import load_yaml, write_yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

Records = list[dict[str, Any]]


# --- the edits an editor makes, on plain data ------------------------------------------------

def _pick(records: Records, index: int) -> dict[str, Any]:
    return records[index % len(records)]


def retitle(records: Records, index: int, serial: int) -> None:
    _pick(records, index)["title"] = f"Retitled incident {serial}"


def resummarise(records: Records, index: int, serial: int) -> None:
    incident = _pick(records, index)
    incident["summary"] = dict(incident["summary"], text=f"An edited summary, number {serial}.")


def redate(records: Records, index: int, serial: int) -> None:
    incident = _pick(records, index)
    incident.update(date=f"2021-{1 + serial % 12:02d}-{1 + serial % 27:02d}", date_precision="day")


def add(records: Records, index: int, serial: int) -> None:
    model = _pick(records, index)
    records.append(dict(model, id=f"added-{serial}", title=f"An added incident {serial}"))


def add_unmapped(records: Records, index: int, serial: int) -> None:
    model = {k: v for k, v in _pick(records, index).items() if k != "coordinates"}
    records.append(dict(model, id=f"added-{serial}", title=f"An added incident {serial}, not mapped"))


def delete(records: Records, index: int, serial: int, referenced: frozenset[str] = frozenset()) -> None:
    """Delete an incident no other record refers to (a deletion that breaks a reference is a
    data error, which test_preview.py's error stories cover)."""
    free = [r for r in records if r["id"] not in referenced]
    if len(records) > 2 and free:
        records.remove(_pick(free, index))


def move(records: Records, index: int, serial: int) -> None:
    incident = _pick(records, index)
    coordinates = incident.get("coordinates")
    if coordinates:
        incident["coordinates"] = dict(coordinates, lat=round(coordinates["lat"] + 0.01 * (1 + serial % 5), 4))


def reregion(records: Records, index: int, serial: int) -> None:
    incident = _pick(records, index)
    other = _pick(records, index + 1 + serial)
    incident["regions"] = list(other["regions"])
    if "coordinates" in incident and "coordinates" in other:
        incident["coordinates"] = other["coordinates"]


INCIDENT_EDITS = [retitle, resummarise, redate, add, add_unmapped, delete, move, reregion]


def retitle_source(records: Records, index: int, serial: int) -> None:
    _pick(records, index)["title"] = f"A retitled source {serial}"


def rename_place(records: Records, index: int, serial: int) -> None:
    names = _pick(records, index)["names"]
    names[0] = dict(names[0], name=f"Renamed place {serial}")


OTHER_EDITS = {"sources": retitle_source, "regions": rename_place}


def apply(data: Path, kind: str, edit: Any, index: int, serial: int) -> None:
    records = load_yaml(data, kind)
    if edit is delete:
        others = " ".join(p.read_text(encoding="utf-8") for p in data.glob("*.yaml") if p.name != "incidents.yaml")
        delete(records, index, serial, frozenset(r["id"] for r in records if f'"{r["id"]}"' in others
                                                 or f" {r['id']}\n" in others or f"[{r['id']}" in others))
    else:
        edit(records, index, serial)
    write_yaml(data / f"{kind}.yaml", records)


EDITS = st.one_of(
    st.tuples(st.just("incidents"), st.sampled_from(INCIDENT_EDITS)),
    st.tuples(st.sampled_from(sorted(OTHER_EDITS)), st.sampled_from(sorted(OTHER_EDITS))).map(
        lambda pair: (pair[0], OTHER_EDITS[pair[0]])),
)


# --- the planner, many sequences --------------------------------------------------------------

@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import synth

    return synth.write(tmp_path_factory.mktemp("synthetic"), 60)


class PlannerSequence(RuleBasedStateMachine):
    """One planner kept across edits, as ``mkdocs serve`` keeps it, against full plans."""

    source: Path
    scratch: Path

    @initialize()
    def start(self) -> None:
        from briefing.pipeline import Reuse
        from briefing.render.incremental import Planner

        self.data = Path(shutil.copytree(self.source, self.scratch / f"data-{id(self)}", dirs_exist_ok=True))
        self.reuse, self.planner, self.serial = Reuse(), Planner(), 0
        self.plan()

    def plan(self) -> None:
        from briefing.pipeline import load_dataset
        from briefing.render.plan import SitePlan

        dataset = load_dataset(self.data, reuse=self.reuse)
        self.incremental = self.planner.plan(SitePlan(dataset, "Site"))
        self.full = SitePlan(dataset, "Site").pages()  # the same records: fingerprints compare them by identity

    @rule(edit=EDITS, index=st.integers(0, 200))
    def edit(self, edit: tuple[str, Any], index: int) -> None:
        self.serial += 1
        apply(self.data, edit[0], edit[1], index, self.serial)
        self.plan()

    @invariant()
    def the_preview_plans_what_a_full_plan_gives(self) -> None:
        from briefing.render.fingerprint import fingerprints

        if not hasattr(self, "incremental"):
            return
        assert list(self.incremental.pages) == list(self.full), "not the pages of a full plan, in its order"
        mine, theirs = fingerprints(self.incremental.pages), fingerprints(self.full)
        stale = sorted(path for path in theirs if mine.get(path) != theirs[path])
        assert not stale, f"{len(stale)} pages differ from a full plan after {self.serial} edits: {stale[:10]}"

    def teardown(self) -> None:
        shutil.rmtree(self.data, ignore_errors=True)


def test_any_sequence_of_edits_plans_what_a_full_plan_gives(synthetic: Path, tmp_path: Path) -> None:
    PlannerSequence.source, PlannerSequence.scratch = synthetic, tmp_path
    run_state_machine_as_test(PlannerSequence, settings=settings(
        max_examples=12, stateful_step_count=5, deadline=None, derandomize=True,
        suppress_health_check=list(HealthCheck)))


# --- the whole preview, a few sequences -------------------------------------------------------

class SiteSequence(RuleBasedStateMachine):
    """A project built dirty in this process, as ``mkdocs serve`` builds it, against clean
    builds of the same data in a fresh process, byte for byte."""

    source: Path
    scratch: Path

    @initialize()
    def start(self) -> None:
        from test_preview import Preview

        self.preview = Preview(Path(self.scratch) / f"site-{id(self)}", self.source)
        project = self.preview.project
        config = project / "mkdocs.yml"  # a site_url and a history: the sitemap carries dates
        config.write_text(config.read_text(encoding="utf-8") + '\nsite_url: "https://example.org/b/"\n',
                          encoding="utf-8")
        self.serial = 0
        _git(project, "init", "-q", "-b", "main", day=0)
        self.commit()
        self.preview.build()

    def commit(self) -> None:
        _git(self.preview.project, "add", "-A", day=self.serial)
        _git(self.preview.project, "commit", "-q", "--allow-empty", "-m", f"edit {self.serial}", day=self.serial)

    @rule(edit=EDITS, index=st.integers(0, 200))
    def edit(self, edit: tuple[str, Any], index: int) -> None:
        self.serial += 1
        apply(self.preview.project / "data", edit[0], edit[1], index, self.serial)
        self.commit()
        self.preview.build()
        mine, clean = site_hashes(self.preview.site), site_hashes(self.preview.clean_build())
        differ = sorted(path for path in set(mine) | set(clean) if mine.get(path) != clean.get(path))
        assert not differ, f"after {self.serial} edits the preview differs from a clean build in {differ[:10]}"

    def teardown(self) -> None:
        shutil.rmtree(self.preview.root, ignore_errors=True)


def _git(project: Path, *args: str, day: int) -> None:
    when = f"2026-01-{1 + day:02d}T09:00:00Z"
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_NAME": "Editor",
           "GIT_AUTHOR_EMAIL": "e@example.org", "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "e@example.org",
           "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)


def test_any_sequence_of_edits_leaves_the_preview_equal_to_a_clean_build(
    synthetic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    import synth

    small = synth.write(tmp_path / "small", 12)
    SiteSequence.source, SiteSequence.scratch = small, tmp_path
    run_state_machine_as_test(SiteSequence, settings=settings(
        max_examples=3, stateful_step_count=3, deadline=None, derandomize=True,
        suppress_health_check=list(HealthCheck)))
