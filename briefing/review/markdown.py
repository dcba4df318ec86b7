"""Markdown for pull-request comments and job summaries, with contributor text made inert.

The data diff (:mod:`.diff`) is Markdown that GitHub renders; data text in it comes from
contributors, so every value a ``cli/`` template prints is escaped by
:func:`escape_markdown` unless it is :class:`Md` built from trusted parts.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined


class Md(str):
    """Markdown built from trusted parts: printed without escaping."""

    __slots__ = ()


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")


@lru_cache(maxsize=1 << 16)
def escape_markdown(text: str) -> Md:
    """Make text inert: HTML characters become entities, Markdown syntax is backslashed,
    and all runs of white space become one space (no line can start a block)."""
    text = re.sub(r"\s+", " ", str(text))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
    return Md(_MARKDOWN_SPECIAL.sub(r"\\\1", text))


def _finalize(value: Any) -> Any:
    if value is None:
        return ""
    return value if isinstance(value, Md) else escape_markdown(str(value))


@cache
def markdown_environment() -> Environment:
    """The environment of the command-line templates in ``briefing/templates/cli/``."""
    return Environment(loader=PackageLoader("briefing", "templates"), autoescape=False, undefined=StrictUndefined,
                       finalize=_finalize, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
