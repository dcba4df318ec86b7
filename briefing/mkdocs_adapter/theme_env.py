"""The theme's Jinja environment, with what does not change kept between rebuilds.

MkDocs makes a new environment for the theme on every build, so in ``serve`` every
rebuild compiles the theme's templates again and lists the installed theme's files again
(thousands of them, matched against MkDocs' patterns one by one) to find its static files.
:class:`ThemeEnvironments` lives as long as the build session and gives each build's
environment

* a **bytecode cache**: a template compiled once is loaded from memory after; Jinja keys
  each entry by the template's name and a checksum of its source, so an edited template
  (``overrides/``) is compiled again;
* a **listing cache** for folders outside the project (the installed theme, which
  ``serve`` does not watch): listed and filtered once per session. Folders inside the
  project (``overrides/``) are listed afresh on every build.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.theme import Theme


class _MemoryBytecode(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


class ThemeEnvironments:
    """Makes each build's theme environment; holds the caches for the session."""

    def __init__(self) -> None:
        self._bytecode = _MemoryBytecode()
        self._listed: dict[tuple[Any, ...], list[str]] = {}

    def install(self, theme: Theme, project: Path) -> None:
        """Make ``theme.get_env`` (called by MkDocs' build) return a cached environment."""
        def get_env() -> jinja2.Environment:
            env = Theme.get_env(theme)
            env.bytecode_cache = self._bytecode
            env.list_templates = self._lister(env, theme, project)  # type: ignore[method-assign]
            return env
        theme.get_env = get_env  # type: ignore[method-assign]

    def _lister(self, env: jinja2.Environment, theme: Theme, project: Path) -> Callable[..., list[str]]:
        own = [d for d in theme.dirs if Path(d).resolve().is_relative_to(project.resolve())]
        installed = [d for d in theme.dirs if d not in own]
        full = env.list_templates

        def list_templates(extensions: Any = None, filter_func: Callable[[str], bool] | None = None) -> list[str]:
            if extensions is not None or filter_func is None:
                return full(extensions, filter_func)
            key = (tuple(installed), tuple(theme.static_templates), filter_func.__code__)
            if key not in self._listed:
                names = jinja2.FileSystemLoader(installed).list_templates()
                self._listed[key] = [name for name in names if filter_func(name)]
            found = set(self._listed[key])
            if own:
                found.update(name for name in jinja2.FileSystemLoader(own).list_templates() if filter_func(name))
            return sorted(found)
        return list_templates
