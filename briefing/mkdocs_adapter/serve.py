"""The preview: ``python -m briefing serve`` is MkDocs' development server set for the briefing.

It runs ``mkdocs serve`` (MkDocs' own command line, so its logging, warnings and options
behave as they do there) with the two settings an editor should not need to know:

* **dirty builds** (``--dirty``): after a save, the build session
  (:mod:`briefing.mkdocs_adapter.session`) rewrites only the pages the edit changed, and
  the site stays byte-identical to a clean build;
* **live reload** (``--livereload``): the open tab reloads itself once the rebuild is done;

and it looks for saved files more often than MkDocs' default (every 0.1 s instead of
0.5 s), since that wait is most of what an editor waits for after a small edit.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from pathlib import Path

#: Seconds between two looks at the watched folders (MkDocs' default is 0.5).
POLLING_INTERVAL = 0.1


def serve(config_file: Path | None = None, dev_addr: str | None = None, open_in_browser: bool = False,
          strict: bool = False) -> int:
    """Serve the site with dirty builds and live reload until interrupted; the exit code."""
    from mkdocs.__main__ import cli

    args = ["serve", "--dirty", "--livereload"]
    if config_file is not None:
        args += ["--config-file", str(config_file)]
    if dev_addr is not None:
        args += ["--dev-addr", dev_addr]
    if open_in_browser:
        args.append("--open")
    if strict:
        args.append("--strict")
    with _polling_every(POLLING_INTERVAL):
        try:
            cli.main(args=args, prog_name="python -m briefing serve", standalone_mode=True)
        except SystemExit as exc:
            return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0


@contextlib.contextmanager
def _polling_every(seconds: float) -> Iterator[None]:
    """MkDocs' serve builds its server with the default polling interval and has no option
    for it: give its module a server class that polls every ``seconds`` for this call."""
    from mkdocs.commands import serve as mkdocs_serve

    original = mkdocs_serve.LiveReloadServer
    mkdocs_serve.LiveReloadServer = functools.partial(original, polling_interval=seconds)  # type: ignore[misc,assignment]
    try:
        yield
    finally:
        mkdocs_serve.LiveReloadServer = original  # type: ignore[misc]
