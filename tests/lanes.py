"""The fast lane: which tests are slow, found by what they use, so that no one has to mark
a test by hand (a new test that builds a site is slow the moment it is written).

A test is ``slow`` when its function, a fixture it uses, or a helper either of them calls
(followed through the test files' own functions and classes) uses one of
:data:`SLOW_USES`: a build or a command in a subprocess, a build in process, data at
scale, a browser, killing a process. ``conftest.py`` marks them at
collection; ``pytest -m "not slow"`` is the quick lane, plain ``pytest`` runs everything.
"""

from __future__ import annotations

import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

TESTS = Path(__file__).resolve().parent

#: Names whose use makes a test slow: subprocesses (builds, the CLI, git), MkDocs builds in
#: the test's own process (``load_config``), synthetic data at scale (``synth``), browsers, kills.
SLOW_USES = frozenset({
    "subprocess", "run_mkdocs", "build_site", "load_config", "synth", "sync_playwright", "async_playwright",
    "kill", "killpg",
})


def _codes(code: types.CodeType) -> Iterator[types.CodeType]:
    yield code
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield from _codes(const)


def _function(obj: Any) -> types.FunctionType | None:
    obj = getattr(obj, "__func__", obj)
    obj = getattr(obj, "__wrapped__", obj)
    return obj if isinstance(obj, types.FunctionType) else None


def _methods(cls: type) -> list[types.FunctionType]:
    """A helper class's own functions (a fixture that returns a builder object)."""
    return [f for value in vars(cls).values() if (f := _function(value)) is not None]


def _ours(function: types.FunctionType) -> bool:
    """A function written in the tests folder (helpers are followed, libraries are not)."""
    return Path(function.__code__.co_filename).resolve().is_relative_to(TESTS)


def uses_slow(obj: Any, seen: set[types.CodeType] | None = None) -> str | None:
    """The slow thing ``obj`` uses, directly or through a helper of the tests, or ``None``."""
    function = _function(obj)
    if function is None:
        return None
    seen = set() if seen is None else seen
    for code in _codes(function.__code__):
        if code in seen:
            continue
        seen.add(code)
        names = set(code.co_names)
        found = names & SLOW_USES
        if found:
            return min(found)
        for name in sorted(names):
            value = function.__globals__.get(name)
            helpers = _methods(value) if isinstance(value, type) else [_function(value)]
            for helper in helpers:
                if helper is not None and _ours(helper) and (why := uses_slow(helper, seen)):
                    return why
    return None


def mark_slow(items: list[pytest.Item]) -> None:
    """Mark every collected test that uses something slow (itself or through a fixture)."""
    verdicts: dict[Any, str | None] = {}
    for item in items:
        if item.get_closest_marker("slow"):
            continue
        candidates = [getattr(item, "obj", None)]
        info = getattr(item, "_fixtureinfo", None)
        for name in getattr(item, "fixturenames", ()):
            for definition in (info.name2fixturedefs.get(name, ()) if info else ()):
                candidates.append(definition.func)
        for candidate in candidates:
            if candidate not in verdicts:
                verdicts[candidate] = uses_slow(candidate)
            if verdicts[candidate]:
                item.add_marker(pytest.mark.slow(reason=f"uses {verdicts[candidate]}"))
                break
