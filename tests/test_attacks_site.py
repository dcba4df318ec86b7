"""Class 3 of issue 11: whatever happens to a build, the published site is whole.

Data that passed ``check`` but crashed the build (a date in 9999, or after 2106) used to
crash it after MkDocs had emptied ``site/``: 116 pages became 0. A build killed midway (a
CI timeout, the OOM killer) left a partial site that looked complete. Now the site is
built aside and swapped in only when complete (briefing/mkdocs_adapter/site_swap.py).

The main test kills ``mkdocs build`` with SIGKILL at many moments of its run and finds,
every time, either the complete previous site or the complete new one, byte for byte.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from sitetools import SOURCE_DATE_EPOCH, build_env, make_project, run_mkdocs
from testdata import MINIMAL_DATA

from briefing import limits

NEW_TITLE = "title: Exchange of fire reported near Town Y (updated)"


def manifest(site: Path) -> dict[str, str]:
    """Every file of a site and the hash of its bytes."""
    if not site.is_dir():
        return {}
    return {path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(site.rglob("*")) if path.is_file()}


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".site."))


def set_version(project: Path, new: bool) -> None:
    """The data of the previous site (the minimal data) or of the new one (a title changed)."""
    incidents = project / "data" / "incidents.yaml"
    text = (MINIMAL_DATA / "incidents.yaml").read_text(encoding="utf-8")
    if new:
        text = text.replace("title: Exchange of fire reported near Town Y", NEW_TITLE, 1)
    incidents.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], dict[str, str]]:
    """The complete previous and new sites, built once without interruption."""
    found = []
    for new in (False, True):
        project = make_project(tmp_path_factory.mktemp("reference"), MINIMAL_DATA)
        set_version(project, new)
        result = run_mkdocs(project, {"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH})
        assert result.returncode == 0, result.stderr
        found.append(manifest(project / "site"))
    assert found[0] != found[1] and len(found[0]) >= 50
    return found[0], found[1]


def _start_build(project: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project,
                            env=build_env({"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_a_build_killed_at_any_moment_leaves_the_previous_site_or_the_new_one_whole(
        tmp_path: Path, sites: tuple[dict[str, str], dict[str, str]]) -> None:
    previous, new = sites
    project = make_project(tmp_path / "project", MINIMAL_DATA)
    assert run_mkdocs(project, {"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}).returncode == 0
    assert manifest(project / "site") == previous
    # how long a whole build takes here, to spread the kills over it
    set_version(project, True)
    started = time.monotonic()
    assert _start_build(project).wait(timeout=300) == 0
    duration = time.monotonic() - started
    assert manifest(project / "site") == new

    outcomes: list[str] = []

    def kill_after(seconds: float) -> None:
        site_is_new = manifest(project / "site") == new
        set_version(project, not site_is_new)  # every build would change the site
        process = _start_build(project)
        time.sleep(seconds)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        found = manifest(project / "site")

        assert found in (previous, new), f"killed after {seconds:.2f} s: the site is neither the previous one nor the new one"
        outcomes.append("changed" if (found == new) != site_is_new else "kept")

    points = 24
    for i in range(points):  # from before the first page is written to past the end
        kill_after(duration * (0.15 + 1.0 * i / points))
    # on a busy machine a build can take much longer than the one measured: make sure the
    # kills fell both before and after the swap
    for extra in range(1, 8):
        if "changed" in outcomes:
            break
        kill_after(duration * (1.2 + extra))
    if "kept" not in outcomes:
        kill_after(0.2)
    assert "kept" in outcomes and "changed" in outcomes, outcomes

    # the next build removes what the killed ones left beside the site
    set_version(project, False)
    assert run_mkdocs(project, {"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}).returncode == 0
    assert manifest(project / "site") == previous
    assert leftovers(project) == []


CRASHING_HOOK = """
from mkdocs.plugins import get_plugin_logger
log = get_plugin_logger("crash")
pages = []

def on_post_page(output, page, config):
    pages.append(page)
    if "{when}" == "midway" and len(pages) == 10:
        raise RuntimeError("a later step of the build crashed")
    return output

def on_post_build(config):
    if "{when}" == "at the end":
        raise ValueError("a later step of the build crashed")
    if "{when}" == "warning":
        log.warning("a warning that --strict turns into a failure")
"""


@pytest.mark.parametrize(("when", "tool"), [("midway", "mkdocs"), ("at the end", "mkdocs"), ("warning", "mkdocs"),
                                          ("warning", "properdocs")])
def test_a_build_that_crashes_after_check_passed_leaves_the_previous_site_whole(
        tmp_path: Path, sites: tuple[dict[str, str], dict[str, str]], when: str, tool: str) -> None:
    previous, _new = sites
    project = make_project(tmp_path / "project", MINIMAL_DATA)
    assert run_mkdocs(project, {"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}).returncode == 0
    (project / "hooks" / "crash.py").write_text(textwrap.dedent(CRASHING_HOOK.replace("{when}", when)))
    config = project / "mkdocs.yml"
    text, added = re.subn(r"(?m)^(\s*)- hooks/briefing_hook.py$", r"\g<0>\n\1- hooks/crash.py", config.read_text())
    assert added == 1
    config.write_text(text)
    set_version(project, True)

    result = subprocess.run([sys.executable, "-m", tool, "build", "--strict"], cwd=project, capture_output=True,
                            text=True, env=build_env({"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}), timeout=300)

    assert result.returncode != 0
    assert manifest(project / "site") == previous
    assert leftovers(project) == []


def _dates(project: Path, day: str) -> None:
    """Every date of the data set to ``day`` (the minimal data stays valid)."""
    for kind in ("sources", "incidents", "milestones", "agreements"):
        path = project / "data" / f"{kind}.yaml"
        path.write_text(re.sub(r"\b(published|accessed|date): \d{4}-\d\d-\d\d", rf"\1: {day}",
                               path.read_text(encoding="utf-8")), encoding="utf-8")


@pytest.mark.parametrize("day", [str(limits.EARLIEST_DATE), "1960-06-01", str(limits.LATEST_DATE)])
def test_every_date_check_accepts_builds(tmp_path: Path, day: str) -> None:
    # the latest date in the data stamps the build (sitemap.xml.gz): gzip holds 1970 to 2106
    # only, and the timeline reaches 30 days around each record
    project = make_project(tmp_path / "project", MINIMAL_DATA)
    _dates(project, day)

    result = run_mkdocs(project, {"SOURCE_DATE_EPOCH": ""})

    assert result.returncode == 0, result.stderr
    assert (project / "site" / "sitemap.xml.gz").is_file()


@pytest.mark.parametrize("day", ["9999-12-31", "2107-01-01", "0999-12-31"])
def test_a_date_the_build_cannot_hold_is_refused_by_check_with_its_place(
        tmp_path: Path, sites: tuple[dict[str, str], dict[str, str]], day: str) -> None:
    previous, _new = sites
    project = make_project(tmp_path / "project", MINIMAL_DATA)
    assert run_mkdocs(project, {"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}).returncode == 0
    _dates(project, day)

    result = run_mkdocs(project, {"SOURCE_DATE_EPOCH": ""})
    check = subprocess.run([sys.executable, "-m", "briefing", "check"], cwd=project, env=build_env(),
                           capture_output=True, text=True, timeout=60)

    assert result.returncode == 1 and check.returncode == 1
    expected = (f"data/incidents.yaml:3:9: 2021-01-05-town-y: date '{day}' is outside the dates this briefing "
                "can hold (1000-01-01 to 2099-12-31) (hint: check the year)")
    assert expected in check.stderr and expected in result.stderr
    assert "Traceback" not in result.stderr + check.stderr
    assert manifest(project / "site") == previous


def test_a_source_date_epoch_mkdocs_cannot_use_is_one_line_and_keeps_the_site(
        tmp_path: Path, sites: tuple[dict[str, str], dict[str, str]]) -> None:
    previous, _new = sites
    project = make_project(tmp_path / "project", MINIMAL_DATA)
    assert run_mkdocs(project, {"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}).returncode == 0

    result = run_mkdocs(project, {"SOURCE_DATE_EPOCH": "99999999999"})

    assert result.returncode == 1
    assert "SOURCE_DATE_EPOCH='99999999999' is not a time MkDocs can stamp the site with" in result.stderr
    assert "Traceback" not in result.stderr
    assert manifest(project / "site") == previous


def test_mkdocs_serve_still_builds_into_its_own_folder_and_serves(tmp_path: Path) -> None:
    import socket
    import urllib.request

    project = make_project(tmp_path / "project", MINIMAL_DATA)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "-a", f"127.0.0.1:{port}"],
                              cwd=project, env=build_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        page = b""
        while time.monotonic() < deadline and not page:
            try:
                page = urllib.request.urlopen(f"http://127.0.0.1:{port}/incidents/2021-01-05-town-y.html",
                                              timeout=5).read()
            except OSError:
                time.sleep(0.5)
        assert b"Exchange of fire reported near Town Y" in page
        assert leftovers(project) == [] and not (project / "site").exists()
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()


def test_a_link_in_docs_is_refused_so_no_outside_file_is_published(tmp_path: Path) -> None:
    secret = tmp_path / "runner-secret.txt"
    secret.write_text("TOKEN-THAT-MUST-NOT-BE-PUBLISHED")
    project = make_project(tmp_path / "project", MINIMAL_DATA)
    (project / "docs" / "notes.txt").symlink_to(secret)

    result = run_mkdocs(project)

    assert result.returncode == 1
    assert "docs/notes.txt is a symbolic link or a special file" in result.stderr
    assert "Traceback" not in result.stderr and "TOKEN" not in result.stderr
    assert not (project / "site").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_in_docs_is_refused_instead_of_hanging_the_build(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", MINIMAL_DATA)
    os.mkfifo(project / "docs" / "feed.txt")

    result = run_mkdocs(project, timeout=120)

    assert result.returncode == 1
    assert "docs/feed.txt is a symbolic link or a special file" in result.stderr


def test_leftovers_of_a_killed_build_are_kept_while_their_builder_lives(tmp_path: Path) -> None:
    """A second build beside a running one does not delete the first one's folder; a
    killed build's folder (its lock free) is removed."""
    from briefing.mkdocs_adapter import site_swap

    target = tmp_path / "site"
    target.mkdir()
    running = site_swap._start(target)
    killed = site_swap._start(target)
    os.close(killed.lock_fd)  # its process is gone: the lock is free, the mark stays
    (killed.staging / "index.html").write_text("partial")
    try:
        site_swap._remove_leftovers(target)

        assert running.staging.is_dir() and not killed.staging.exists() and not killed.lock.exists()
    finally:
        site_swap._discard(running)
    assert not running.staging.exists() and not running.lock.exists()


# --- issue 20, class 6: the swap keeps what it should keep ---------------------------------------


def _lookalikes(parent: Path) -> dict[Path, str]:
    """A user's folders and links named like the build's own, with what each holds."""
    outside = parent / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("outside")
    made = {parent / ".site.building-mine": "mine", parent / ".site.building-0123456789ab": "no mark",
            parent / ".site.building-0123456789ab.previous": "aside, no mark",
            parent / ".site.building-fedcba987654": "a lock that is not ours"}
    for folder, text in made.items():
        folder.mkdir()
        (folder / "keep.txt").write_text(text)
    (parent / ".site.building-fedcba987654.lock").write_text("my own notes\n")
    (parent / ".site.building-linked").symlink_to(outside)
    return {**{folder / "keep.txt": text for folder, text in made.items()}, outside / "keep.txt": "outside"}


def test_a_users_folder_named_like_the_builds_is_never_deleted(tmp_path: Path) -> None:
    from briefing.mkdocs_adapter import site_swap

    target = tmp_path / "site"
    target.mkdir()
    kept = _lookalikes(tmp_path)

    site_swap._recover(target)
    site_swap._remove_leftovers(target)

    assert {path: path.read_text() for path in kept} == kept
    assert (tmp_path / ".site.building-linked").is_symlink()
    assert (tmp_path / ".site.building-fedcba987654.lock").read_text() == "my own notes\n"


def test_a_real_build_keeps_a_users_lookalike_folders(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", MINIMAL_DATA)
    kept = _lookalikes(project)

    result = run_mkdocs(project, {"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH})

    assert result.returncode == 0, result.stderr[-2000:]
    assert {path: path.read_text() for path in kept} == kept
    assert (project / "site" / "index.html").is_file()


def test_a_site_folder_that_is_a_link_stays_a_link_and_its_target_gets_the_new_site(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", MINIMAL_DATA)
    served = tmp_path / "www" / "briefing"
    served.mkdir(parents=True)
    (served / "old.html").write_text("the previous deployment")
    (project / "site").symlink_to(served)

    for new in (False, True):
        set_version(project, new)
        result = run_mkdocs(project, {"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH})
        assert result.returncode == 0, result.stderr[-2000:]

        assert (project / "site").is_symlink() and os.readlink(project / "site") == str(served)
        page = (served / "incidents" / "2021-01-05-town-y.html").read_text(encoding="utf-8")
        assert ("(updated)" in page) is new
        assert not (served / "old.html").exists()
        assert leftovers(project) == [] and sorted(p.name for p in served.parent.iterdir()) == ["briefing"]


def test_a_site_link_to_the_project_itself_is_refused(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", MINIMAL_DATA)
    (project / "site").symlink_to(project)

    result = run_mkdocs(project, {"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH})

    assert result.returncode == 1
    assert "holds the project or its docs" in result.stderr
    assert (project / "mkdocs.yml").is_file() and (project / "data" / "incidents.yaml").is_file()


@pytest.mark.parametrize("stamp", ["253402300800", "99999999999999999"])
def test_a_commit_dated_beyond_the_calendar_does_not_crash_the_build(tmp_path: Path, stamp: str) -> None:
    """Record dates come from the data's git history, and a commit's time is whatever its
    author wrote: year 10000, or a number no calendar holds."""
    project = make_project(tmp_path / "project", MINIMAL_DATA)
    env = {"GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@example.org", "GIT_COMMITTER_NAME": "A",
           "GIT_COMMITTER_EMAIL": "a@example.org"}
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run(["git", "add", "-A"], cwd=project, check=True)
    tree = subprocess.run(["git", "write-tree"], cwd=project, check=True, capture_output=True, text=True).stdout.strip()
    commit = subprocess.run(["git", "hash-object", "-t", "commit", "-w", "--stdin"], cwd=project, check=True,
                            capture_output=True, text=True,
                            input=f"tree {tree}\nauthor A <a@example.org> {stamp} +0000\n"
                                  f"committer A <a@example.org> {stamp} +0000\n\nfrom the future\n").stdout.strip()
    subprocess.run(["git", "update-ref", "HEAD", commit], cwd=project, check=True, env={**os.environ, **env})

    result = run_mkdocs(project, {"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH})

    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    page = (project / "site" / "incidents" / "2021-01-05-town-y.html").read_text(encoding="utf-8")
    # held at the clock's day (issue 20.2): never a date in the future, never the calendar's end
    assert str(dt.datetime.now(dt.UTC).year) in page and str(limits.LATEST_DATE.year) not in page
