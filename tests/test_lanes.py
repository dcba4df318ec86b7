"""The fast lane finds slow tests by what they use (``tests/lanes.py``), so that a new test
that builds a site is in the slow lane without anyone marking it."""

from __future__ import annotations

import subprocess

import pytest
from lanes import uses_slow
from sitetools import build_site


def _builds(tmp: object) -> object:
    return build_site(tmp)  # type: ignore[arg-type]


def _through_a_helper() -> object:
    return _builds(None)


def _pure(x: int) -> int:
    return x + 1


def test_a_build_a_subprocess_a_browser_and_a_kill_are_slow() -> None:
    def browser() -> None:
        from playwright.sync_api import sync_playwright
        sync_playwright()

    def kill(pid: int) -> None:
        import os
        os.kill(pid, 9)

    assert uses_slow(_builds) == "build_site"
    assert uses_slow(lambda: subprocess.run(["true"], check=True)) == "subprocess"
    assert uses_slow(browser) == "sync_playwright"
    assert uses_slow(kill) == "kill"


def test_a_helper_of_the_tests_is_followed() -> None:
    assert uses_slow(_through_a_helper) == "build_site"


def test_work_in_process_is_quick() -> None:
    assert uses_slow(_pure) is None
    assert uses_slow(lambda: _pure(1)) is None


def test_the_real_site_fixture_makes_its_tests_slow(request: pytest.FixtureRequest) -> None:
    real_site = request._fixturemanager.getfixturedefs("real_site", request.node)
    assert real_site and uses_slow(real_site[-1].func) == "build_site"


class _Builder:
    def build(self) -> object:
        return subprocess.run(["true"], check=True)


def _fixture_like() -> object:
    return _Builder()


def test_a_helper_class_of_the_tests_is_followed() -> None:
    assert uses_slow(_fixture_like) == "subprocess"
