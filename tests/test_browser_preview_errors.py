"""Errors in the preview tab (issue 21.3): a real ``mkdocs serve`` on 127.0.0.1, read in a
real browser (Debian's Chromium through Playwright).

While the data has errors, every page the preview serves lists them (``file:line:column``,
record, message, hint, code) and no request hangs; saving the fix brings the page back by
itself (MkDocs' live reload). With the README's command, and with ``--dirty`` when the data
is already broken as the preview starts.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from sitetools import build_env, make_project
from test_browser_offline import browser  # noqa: F401  (the shared fixture)

SHOTS = Path(__file__).resolve().parent.parent / "screenshots"
INCIDENT = "incidents/2021-01-05-town-y.html"
GOOD, BAD = "type: exchange-of-fire", "type: exchange-of-fir"
WHERE = "data/incidents.yaml:8:9"


class Serve:
    """``mkdocs serve`` of a project, in its own process, on a free port of 127.0.0.1."""

    def __init__(self, project: Path, *flags: str) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{port}/"
        self.project = project
        self.log = project / "serve.log"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", *flags, "-a", f"127.0.0.1:{port}"], cwd=project,
            env=build_env({"NO_MKDOCS_2_WARNING": "1"}), stdout=self.log.open("wb"), stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 120
        while "Serving on" not in self.log.read_text("utf-8", "replace"):
            assert self.process.poll() is None, self.log.read_text("utf-8", "replace")
            assert time.monotonic() < deadline, "mkdocs serve did not start"
            time.sleep(0.2)

    def edit(self, old: str, new: str) -> None:
        path = self.project / "data" / "incidents.yaml"
        path.write_text(path.read_text("utf-8").replace(old, new, 1), encoding="utf-8")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(20)


@pytest.fixture
def project(tmp_path: Path, minimal_data: Path) -> Path:
    return make_project(tmp_path / "project", minimal_data)


def answered_within(url: str, seconds: float) -> int:
    """The HTTP status of ``url``, which must answer within ``seconds`` (no hanging request)."""
    try:
        with urllib.request.urlopen(url, timeout=seconds) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as exc:
        return exc.code


def panel_text(page: Any) -> str:
    panel = page.wait_for_selector("#briefing-problems", state="visible", timeout=90_000)
    return str(panel.inner_text())


def assert_lists_the_problem(text: str) -> None:
    assert "The briefing has 1 problem: this preview is not up to date" in text
    assert WHERE in text and "2021-01-05-town-y" in text
    assert "type: 'exchange-of-fir' is not one of:" in text
    assert "(hint: did you mean 'exchange-of-fire'?)" in text and "[not-an-option]" in text


def test_a_data_error_shows_in_the_open_tab_and_the_fix_brings_the_page_back(
        browser: Any, project: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    serve = Serve(project, "--livereload")  # the README's command
    try:
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        page.goto(serve.url + INCIDENT)
        assert page.locator("#briefing-problems").count() == 0
        heading = page.locator("h1").first.inner_text()

        serve.edit(GOOD, BAD)
        assert_lists_the_problem(panel_text(page))  # the tab reloaded by itself
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / "preview-error-desk.png"))
        for path in ("", INCIDENT, "about.html", "no-such-page.html"):  # every page says so, none hangs
            assert answered_within(serve.url + path, 10) in (200, 404)
            other = browser.new_page()
            other.goto(serve.url + path, timeout=15_000)
            assert_lists_the_problem(panel_text(other))
            other.close()

        serve.edit(BAD, GOOD)
        page.wait_for_selector("#briefing-problems", state="detached", timeout=90_000)
        page.wait_for_load_state("load")
        assert page.locator("h1").first.inner_text() == heading
    finally:
        serve.stop()
    log = serve.log.read_text("utf-8", "replace")
    assert "the briefing data has problems; every page of the preview lists them" in log
    assert f"{WHERE}: 2021-01-05-town-y: type:" in log and "Traceback" not in log


def test_a_preview_started_on_broken_data_serves_the_problems_and_then_the_site(
        browser: Any, project: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    (project / "data" / "incidents.yaml").write_text(
        (project / "data" / "incidents.yaml").read_text("utf-8").replace(GOOD, BAD, 1), encoding="utf-8")
    serve = Serve(project, "--livereload", "--dirty")
    try:
        page = browser.new_page(viewport={"width": 390, "height": 844}, color_scheme="dark")
        started = time.monotonic()
        page.goto(serve.url + INCIDENT, timeout=15_000)
        assert time.monotonic() - started < 15
        assert_lists_the_problem(panel_text(page))
        page.screenshot(path=str(SHOTS / "preview-error-phone-dark.png"))

        serve.edit(BAD, GOOD)
        page.wait_for_selector("#briefing-problems", state="detached", timeout=90_000)
        page.wait_for_selector("h1", timeout=30_000)
        assert "Town Y" in page.locator("h1").first.inner_text()
    finally:
        serve.stop()


def test_a_build_still_stops_on_the_same_error(project: Path) -> None:
    from sitetools import run_mkdocs

    (project / "data" / "incidents.yaml").write_text(
        (project / "data" / "incidents.yaml").read_text("utf-8").replace(GOOD, BAD, 1), encoding="utf-8")

    result = run_mkdocs(project)

    assert result.returncode != 0
    assert "the briefing data has problems:" in result.stderr and WHERE in result.stderr
