"""The site's one Jinja environment: pages, partials and SVG drawings.

Templates live in ``briefing/templates/``: ``pages/`` (one per kind of page, see
:mod:`.contexts` for what each receives), ``partials/`` (pieces pages include), ``svg/``
(maps and charts) and ``cli/`` (Markdown for the command line, rendered by
:mod:`briefing.review.diff` with an environment of its own, since Markdown is escaped
differently from HTML).

Data text is untrusted: every value a template prints is HTML-escaped (autoescape), so a
claim containing ``<script>`` reaches the reader as text. Only :class:`markupsafe.Markup`
made by :mod:`.page` and :mod:`.citations` (links, footnote markers) passes as markup.
"""

from __future__ import annotations

from functools import cache
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context
from jinja2.runtime import Context

from briefing.render.drawings.marks import mark_path
from briefing.render.provenance_text import affiliation, copy_kind, paragraph_sign, partial_date_text, rung
from briefing.render.text import date_text, iso_date, language, one_line, paragraphs, words


def web_address(url: str) -> str:
    """A validated http(s) address, for ``href``: anything else is refused here too."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise ValueError(f"not a web address: {url!r}")
    return url


def _finalize(value: Any) -> Any:
    return "" if value is None else value


@pass_context
def _language(context: Context, code: str) -> str:
    """The ``language`` filter: a code's name as the page's ``languages`` give it."""
    return language(code, context.get("languages"))


@cache
def site_environment() -> Environment:
    """The environment every page, partial and SVG drawing of the site is rendered with."""
    env = Environment(
        loader=PackageLoader("briefing", "templates"),
        autoescape=True,
        finalize=_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        date_text=date_text, iso_date=iso_date, words=words, language=_language, paragraphs=paragraphs,
        one_line=one_line, url=web_address,
    )
    env.filters.update(rung=rung, affiliation=affiliation, partial_date=partial_date_text, paragraph=paragraph_sign,
                       copy_kind=copy_kind)
    env.globals.update(mark_path=mark_path)
    return env
