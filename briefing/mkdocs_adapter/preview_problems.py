"""While the data has problems, ``mkdocs serve`` keeps serving, and every page says so.

A build stopped by a data error used to leave ``mkdocs serve`` waiting for a good build
before answering any request: the browser's tab hung until the file was fixed, and the
error showed only in the terminal. In ``mkdocs serve`` (and only there: ``mkdocs build``
still stops with the error) the session now records the problems instead of raising, the
build goes on with the pages it can make (none of the generated ones), and this module
puts a panel listing the problems (``file:line:column``, record, message, hint and code)
at the top of every HTML page the preview's server sends, the "not found" page included,
which also gets MkDocs' live-reload script. Saving a fix rebuilds, the page reloads by
itself and the panel is gone.

The panel is added by the server as it answers, never written into the built pages, so a
preview's pages stay byte-identical to a build's. It uses two attributes of MkDocs'
``LiveReloadServer`` (``_inject_js_into_html``, ``error_handler``); without them (another
MkDocs) the problems still show in the terminal and no request hangs.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from briefing.config import ConfigError
from briefing.errors import DataErrors

log = logging.getLogger("mkdocs.plugins.briefing")

#: The panel lists at most this many problems; the terminal lists them all.
SHOWN = 50


@dataclass(frozen=True)
class Problem:
    where: str
    message: str
    record: str | None = None
    hint: str | None = None
    code: str | None = None


def problems_of(error: DataErrors | ConfigError) -> list[Problem]:
    """The problems an error carries, as the panel lists them."""
    if isinstance(error, DataErrors):
        return [Problem(str(e.location), e.message, e.record_id, e.hint, e.code) for e in error.errors]
    return [Problem(*line.split(": ", 1)) if ": " in line else Problem("mkdocs.yml", line)
            for line in str(error).splitlines() if line.strip()]


class PreviewProblems:
    """The problems of the last build of ``mkdocs serve``, shown on every page it serves."""

    def __init__(self) -> None:
        self.serving = False
        self.problems: tuple[Problem, ...] = ()
        self.said = ""

    def show(self, error: DataErrors | ConfigError, strict: bool) -> None:
        """Keep the problems for the panel, and list them in the terminal."""
        self.problems = tuple(problems_of(error))
        what = "the briefing data has problems" if isinstance(error, DataErrors) else "the briefing options are wrong"
        level = logging.INFO if strict else logging.WARNING  # a warning would make a strict preview stop
        self.said = f"{what}; every page of the preview lists them until they are fixed:\n{error}"
        log.log(level, self.said)

    def remind(self, strict: bool) -> None:
        """Say the problems again at the end of the build, below MkDocs' own warnings."""
        if self.problems:
            log.log(logging.INFO if strict else logging.WARNING, self.said)

    def clear(self) -> None:
        self.problems = ()

    def panel(self) -> bytes:
        """The panel, every value escaped (data comes from pull requests)."""
        count = len(self.problems)
        items = "".join(_item(p) for p in self.problems[:SHOWN])
        more = f"<p>… and {count - SHOWN} more: the terminal lists them all.</p>" if count > SHOWN else ""
        noun = "problem" if count == 1 else "problems"
        return (
            '<div id="briefing-problems" role="alert" style="position:fixed;top:0;left:0;right:0;z-index:100000;'
            "max-height:75vh;overflow:auto;background:#fff5f5;color:#1b1b1b;border-bottom:4px solid #b00020;"
            'padding:1rem 1.5rem;font:15px/1.5 system-ui,sans-serif;box-shadow:0 2px 12px rgba(0,0,0,.35)">'
            f'<h2 style="margin:0 0 .4rem;font-size:1.2rem;color:#b00020">The briefing has {count} {noun}: '
            "this preview is not up to date</h2>"
            f"<p style=\"margin:0 0 .6rem\">Fix {'it' if count == 1 else 'them'} and save: this page reloads by itself. "
            "<code>python -m briefing check</code> lists the same.</p>"
            f'<ol style="margin:0;padding-left:1.5rem">{items}</ol>{more}</div>'
        ).encode()

    def attach(self, server: Any) -> None:
        """Make ``server`` (MkDocs' ``LiveReloadServer``) add the panel to what it sends."""
        inject: Callable[[bytes, int], bytes] | None = getattr(server, "_inject_js_into_html", None)
        not_found: Callable[[int], bytes | None] | None = getattr(server, "error_handler", None)
        if inject is None or not_found is None:
            log.debug("The preview server has no hooks for the problem panel; problems show in the terminal only.")
            return

        def with_panel(content: bytes, epoch: int) -> bytes:
            return inject(_before_body_end(content, self.panel()) if self.problems else content, epoch)

        def error_page(code: int) -> bytes | None:
            content = not_found(code)
            if not self.problems:
                return content
            page = content or b"<!doctype html><title>Not found</title><body></body>"
            return with_panel(page, getattr(server, "_visible_epoch", 0))  # reloads once fixed

        server._inject_js_into_html = with_panel
        server.error_handler = error_page


def _item(problem: Problem) -> str:
    record = f" <strong>{html.escape(problem.record)}</strong>:" if problem.record else ""
    hint = f' <em style="color:#444">(hint: {html.escape(problem.hint)})</em>' if problem.hint else ""
    code = f" <code>[{html.escape(problem.code)}]</code>" if problem.code else ""
    return (f'<li style="margin:.25rem 0"><code>{html.escape(problem.where)}</code>:{record} '
            f"{html.escape(problem.message)}{hint}{code}</li>")


def _before_body_end(content: bytes, insert: bytes) -> bytes:
    at = content.rfind(b"</body>")
    return content + insert if at < 0 else content[:at] + insert + content[at:]
