"""Command line: ``python -m briefing check`` validates the data without building;
``python -m briefing diff BASE [HEAD]`` summarises what changed in the data, in words.

Whatever the data or the environment holds, the answer is lines of text and an exit code,
never a traceback: data errors exit 1, a revision or repository that cannot be read exits
2 with one ``error:`` line, and so does a fault of the environment (an unreadable folder,
a full disk, a closed pipe). Everything printed from the data is terminal-safe.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from briefing.errors import BriefingError, format_errors, printable
from briefing.pipeline import check_data
from briefing.review.report import github_line, json_report, text_line
from briefing.validate.references import SINGULAR as _SINGULAR


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m briefing", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate the data files and list every problem")
    check.add_argument("--data", type=Path, default=Path("data"), help="the data folder (default: data)")
    check.add_argument("--format", choices=("text", "github", "json"), default="text",
                       help="text (default), github (GitHub Actions annotations) or json")
    check.add_argument("--base", metavar="REV",
                       help="a git revision: also fail when an id published there vanished without a redirect")
    diff = commands.add_parser("diff", help="summarise the data changes between two git revisions as Markdown")
    diff.add_argument("base", metavar="BASE", help="the revision before the change, e.g. origin/main")
    diff.add_argument("head", metavar="HEAD", nargs="?", default=None,
                      help="the revision after the change (default: the working tree)")
    diff.add_argument("--data", type=Path, default=Path("data"), help="the data folder (default: data)")
    args = parser.parse_args(argv)
    for stream in (sys.stdout, sys.stderr):  # a terminal that cannot show Armenian still gets every line
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        return _check(args) if args.command == "check" else _diff(args)
    except BriefingError as exc:
        print(printable(f"error: {exc}"), file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. `check | head`: the reader has gone, nothing to report
        _quiet_stdout()
        return 1
    except OSError as exc:  # a fault of the environment, not of the data
        where = f": {exc.filename}" if exc.filename else ""
        print(printable(f"error: {exc.strerror or exc}{where}"), file=sys.stderr)
        return 2


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's final flush does not fail again."""
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _check(args: argparse.Namespace) -> int:
    result = check_data(args.data, display_root=Path.cwd(), base=args.base)
    counts = None
    if result.dataset is not None:
        counts = {**result.dataset.counts(), "parties": len(result.dataset.parties)}
    if args.format == "json":
        print(json_report(result.errors, result.warnings, counts))
    elif args.format == "github":
        for problem in [*result.errors, *result.warnings]:
            print(github_line(problem))
        count = len(result.errors)
        print(_summary(args.data, counts, result.warnings) if counts else
              f"{count} problem{'s' if count != 1 else ''} found in the data")
    else:
        if result.errors:
            print(format_errors(result.errors), file=sys.stderr)
        for warning in result.warnings:
            print(text_line(warning), file=sys.stderr)
        if counts is not None:
            print(_summary(args.data, counts, result.warnings))
    return 1 if result.errors else 0


def _summary(data: Path, counts: dict[str, int], warnings: Sequence[object]) -> str:
    summary = ", ".join(f"{n} {kind if n != 1 else _SINGULAR[kind]}" for kind, n in counts.items())
    noted = f"; {len(warnings)} warning{'s' if len(warnings) != 1 else ''}" if warnings else ""
    return printable(f"{data.as_posix()}: OK ({summary}){noted}")


def printable_markdown(text: str) -> str:
    """Markdown lines made terminal-safe one by one (their own line breaks kept)."""
    return "".join(printable(line.removesuffix("\n")) + "\n" * line.endswith("\n")
                   for line in text.splitlines(keepends=True))


def _diff(args: argparse.Namespace) -> int:
    from briefing.review.diff import diff_revisions

    report = diff_revisions(args.data, args.base, args.head)
    print(printable_markdown(report.markdown), end="")
    return 0 if report.ok else 1

