"""MkDocs hook: thin glue between MkDocs events and the ``briefing`` package.

Every event is forwarded to one :class:`briefing.mkdocs_adapter.session.BuildSession`,
which lives as long as the MkDocs process (``mkdocs serve`` keeps it between rebuilds).
"""

from __future__ import annotations

from typing import Any

from mkdocs.plugins import event_priority

from briefing.mkdocs_adapter import site_swap
from briefing.mkdocs_adapter.session import BuildSession

_session = BuildSession()


def on_startup(command: str, dirty: bool) -> None:
    site_swap.startup(command, dirty)
    _session.startup(dirty, command)


def on_pre_build(config: Any) -> None:
    _session.pre_build(config)


def on_files(files: Any, config: Any) -> Any:
    return _session.files(files, config)


def on_env(env: Any, config: Any, files: Any) -> Any:
    _session.env(files)
    return env


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    return _session.serve(server, config)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    return _session.page_markdown(markdown)


def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    _session.page_context(page, config)
    return context


@event_priority(100)  # before the search plugin writes its index
def on_post_build(config: Any) -> None:
    _session.post_build(config)


# A failed or killed build leaves the previous site whole: built aside, swapped in complete.
on_config, on_build_error = site_swap.EVENTS
