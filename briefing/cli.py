"""Command line: ``python -m briefing check`` validates the data without building;
``python -m briefing diff BASE [HEAD]`` summarises what changed in the data, in words;
``python -m briefing links`` checks that every cited address still answers (a scheduled job);
``python -m briefing import-sources FILE`` adds a reference manager's export to sources.yaml.
``python -m briefing gazetteer REGION_ID...`` proposes cited coordinates from GeoNames.

Whatever the data or the environment holds, the answer is lines of text and an exit code,
never a traceback: data errors exit 1, a revision or repository that cannot be read exits
2 with one ``error:`` line, and so does a fault of the environment (an unreadable folder,
a full disk, a closed pipe). Everything printed from the data is terminal-safe.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import functools
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from briefing import __version__
from briefing.config import intro_citation_problems
from briefing.errors import BriefingError, Severity, format_errors, printable
from briefing.kinds import noun
from briefing.mkdocs_adapter.project import Project, read_project
from briefing.model.debt import source_debt
from briefing.pipeline import CheckResult, check_data
from briefing.review.change_report import before_words, github_lines, summary_markdown
from briefing.review.findings import Split, changed_records, split_by_change
from briefing.review.link_health import WAYBACK_API
from briefing.review.report import json_report
from briefing.review.site_texts import site_text_warnings
from briefing.validate.warnings import SOURCE_DEBT


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m briefing", description=__doc__)
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate the data files and list every problem")
    _project_arguments(check)
    check.add_argument("--format", choices=("text", "github", "json"), default="text",
                       help="text (default), github (GitHub Actions annotations) or json")
    check.add_argument("--base", metavar="REV",
                       help="a git revision: also fail when an id published there vanished without a redirect")
    check.add_argument("--strict-sources", action="store_true",
                       help="fail on source debt too: sources not read in the original, read sources "
                            "without an archived copy")
    check.add_argument("--summary", type=Path, metavar="FILE",
                       help="also append the report in Markdown to FILE (the job summary, $GITHUB_STEP_SUMMARY)")
    diff = commands.add_parser("diff", help="summarise the data changes between two git revisions as Markdown")
    diff.add_argument("base", metavar="BASE", help="the revision before the change, e.g. origin/main")
    diff.add_argument("head", metavar="HEAD", nargs="?", default=None,
                      help="the revision after the change (default: the working tree)")
    _project_arguments(diff)
    commands.add_parser("codes", help="print the table of error codes (docs/errors.md) as Markdown")
    links = commands.add_parser("links", help="check every cited web address (status, redirect, archived copy) "
                                              "and write a report in Markdown and JSON")
    _project_arguments(links)
    links.add_argument("--out", type=Path, default=Path("link-report"),
                       help="the folder for link-health.md and link-health.json (default: link-report)")
    links.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for each answer (default: 10)")
    links.add_argument("--concurrency", type=int, default=8, help="requests at once (default: 8, at most 32)")
    links.add_argument("--archive-lookup", nargs="?", const=WAYBACK_API, default=None, metavar="API",
                       help="also ask an archive for a copy of each item without one (default API: the Internet "
                            "Archive's availability API)")
    links.add_argument("--fail-on", choices=("broken", "never"), default="broken",
                       help="exit 1 when an address is broken or unreachable (default), or never")
    links.add_argument("--retries", type=int, default=2,
                       help="ask again this many times when there is no answer or a 429/502/503/504 (default: 2)")
    links.add_argument("--backoff", type=float, default=2.0,
                       help="seconds to wait before the first retry, doubled for each next one (default: 2)")
    links.add_argument("--per-host", type=int, default=2, help="requests at once to one host (default: 2)")
    issue = commands.add_parser("links-issue", help="open, update or close the one GitHub issue that follows the "
                                                     "link report (a scheduled job; token in GITHUB_TOKEN)")
    issue.add_argument("--report", type=Path, default=Path("link-report/link-health.json"),
                       help="the report of `links` (default: link-report/link-health.json; link-health.md beside it)")
    issue.add_argument("--repo", default=os.environ.get("GITHUB_REPOSITORY"),
                       help="owner/name (default: $GITHUB_REPOSITORY)")
    _import_parser(commands)
    _gazetteer_parser(commands)
    args = parser.parse_args(argv)
    return _run(args)


def _project_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("-f", "--config-file", type=Path, default=None, metavar="FILE",
                         help="the MkDocs configuration whose extra.briefing options apply (default: mkdocs.yml)")
    command.add_argument("--data", type=Path, default=None,
                         help="the data folder, instead of the one mkdocs.yml names (extra.briefing.data_dir, "
                              "default: data)")


def _gazetteer_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    gazetteer = commands.add_parser("gazetteer", help="look regions' recorded names up in GeoNames and propose "
                                                      "cited coordinates (needs the 'gazetteer' extra)")
    gazetteer.add_argument("regions", metavar="REGION_ID", nargs="*", help="the regions to look up")
    gazetteer.add_argument("--all", action="store_true", help="every region that has no coordinates")
    _project_arguments(gazetteer)
    gazetteer.add_argument("--name", action="append", default=[], metavar="REGION=NAME",
                           help="look this name up for the region instead of its recorded names")
    gazetteer.add_argument("--pick", action="append", default=[], metavar="REGION=GEONAMEID",
                           help="of several features found, the one the curator chose")
    gazetteer.add_argument("--write", action="store_true",
                           help="write the coordinates found once, and their sources, into the data")


def _run(args: argparse.Namespace) -> int:
    for stream in (sys.stdout, sys.stderr):  # a terminal that cannot show Armenian still gets every line
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        if args.command == "codes":
            from briefing.error_codes import markdown_table

            print(markdown_table(), end="")
            return 0
        if args.command == "links-issue":
            return _links_issue(args)
        project = read_project(args.config_file)
        args.data = _data_folder(args.data, project)
        if args.command == "links":
            return _links(args)
        if args.command == "import-sources":
            return _import_sources(args)
        if args.command == "gazetteer":
            from briefing.gazetteer import command

            return command(args.data, args.regions, args.all, args.name, args.pick, args.write)
        return _check(args, project) if args.command == "check" else _diff(args)
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


def _data_folder(given: Path | None, project: Project) -> Path:
    """The data folder: ``--data`` when given (saying so when it differs from the
    configuration's), else the one ``mkdocs.yml`` names, as the build reads it."""
    configured = project.data_dir
    if given is None:
        return configured
    if project.config_file is not None and given.resolve() != configured.resolve():
        print(printable(f"note: checking {given.as_posix()} as --data says, not {configured.as_posix()} "
                        f"(extra.briefing.data_dir in {project.config_file.as_posix()})"), file=sys.stderr)
    return given


def _import_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    importing = commands.add_parser(
        "import-sources", help="add the items of a CSL-JSON or BibTeX export (as Zotero writes them) to sources.yaml; "
                               "how the team knows each one stays for the editor to state")
    importing.add_argument("file", type=Path, metavar="FILE", help="the export: a .json (CSL-JSON) or .bib file")
    _project_arguments(importing)


def _import_sources(args: argparse.Namespace) -> int:
    """Append the export's new sources to sources.yaml and say what the editor must add."""
    import yaml

    from briefing.review.import_sources import ImportError_, import_sources

    def records(name: str) -> list[dict[str, object]]:
        path = args.data / f"{name}.yaml"
        found = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
        return found if isinstance(found, list) else []

    try:
        done = import_sources(args.file, args.data / "sources.yaml", records("authors"), records("sources"))
    except ImportError_ as exc:
        print(printable(f"error: {exc}"), file=sys.stderr)
        return 2
    for record in done.added:
        print(printable(f"added {record['id']}: {record['title']}"))
    for line in done.skipped:
        print(printable(f"left out {line}"))
    if done.new_authors:
        print(printable("add to authors.yaml, each with its affiliation: " + ", ".join(done.new_authors)))
    if done.added:
        print(f"{len(done.added)} source{'s' if len(done.added) > 1 else ''} added to {args.data / 'sources.yaml'}: "
              "state how the team knows each one (provenance) before `check` passes")
    return 0


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's final flush does not fail again."""
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _check(args: argparse.Namespace, project: Project) -> int:
    result = check_data(args.data, display_root=Path.cwd(), base=args.base)
    if (result.dataset is not None and not result.errors and project.config_file is not None
            and args.data.resolve() == project.data_dir.resolve()):  # the site's texts, of this data (issue 18.1)
        result.warnings.extend(site_text_warnings(project.config_file, _display(project.config_file), result.dataset))
    if args.strict_sources:  # source debt becomes an error
        owed = [w for w in result.warnings if w.code in SOURCE_DEBT]
        result.errors.extend(dataclasses.replace(w, severity=Severity.ERROR) for w in owed)
        result.warnings = [w for w in result.warnings if w.code not in SOURCE_DEBT]
    config_problem = _options_problem(result, args.data, project)
    counts = None
    debt = source_debt(result.dataset) if result.dataset is not None else None
    debt_line = debt if not result.errors else None
    if result.dataset is not None and not result.errors:
        counts = result.dataset.counts()
    split = _split(result)
    if args.summary is not None:
        with args.summary.open("a", encoding="utf-8") as summary:
            summary.write(summary_markdown(split, args.base or "nothing (no --base)", _debt_link(project)))
    if args.format == "json":
        print(json_report(result.errors, result.warnings, counts,
                          debt_line.as_json() if debt_line else None))
    elif args.format == "github":
        for line in github_lines(split, _debt_link(project)):
            print(line)
        count = len(result.errors)
        print(_summary(args.data, counts, result.warnings) if counts else
              f"{count} problem{'s' if count != 1 else ''} found in the data")
        if debt_line:
            print(debt_line.summary())
    else:
        _print_text(result, split)
        if counts is not None:
            print(_summary(args.data, counts, result.warnings))
        if debt is not None:  # valid data (with --strict-sources, maybe source debt)
            print(debt.summary())
    if config_problem:
        print(printable(f"error: {config_problem}"), file=sys.stderr)
    return 1 if result.errors or config_problem else 0


def _display(path: Path) -> str:
    """``path`` as the messages write it: relative to the working folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _split(result: CheckResult) -> Split:
    """The findings, the change's own first (all of them are, without ``--base``)."""
    problems = [*result.errors, *result.warnings]
    if result.base is None:
        return Split(problems)
    touched = changed_records(result.base.loaded, result.base.head_loaded)
    return split_by_change(problems, result.base.findings, touched)


def _print_text(result: CheckResult, split: Split) -> None:
    """Every error; the warnings of the change, and one line for those there before."""
    if result.errors:
        print(format_errors(result.errors), file=sys.stderr)
    for warning in (w for w in split.own if w.severity != Severity.ERROR):
        print(warning, file=sys.stderr)
    if split.before and any(p.severity != Severity.ERROR for p in split.before):
        print(printable(f"there before this change, in records it did not touch: {before_words(split)} "
                        "(check without --base lists them)"), file=sys.stderr)


def _options_problem(result: CheckResult, result_folder: Path, project: Project) -> str | None:
    """The build also checks the options against the data (home_intro's citations):
    so does ``check``, of the data folder the options go with."""
    if result.dataset is None or result_folder.resolve() != project.data_dir.resolve():
        return None
    config_file = (project.config_file or Path("mkdocs.yml")).as_posix()
    return "\n".join(intro_citation_problems(project.options, result.dataset.sources, config_file)) or None


def _debt_link(project: Project) -> str | None:
    """The published source debt page, when ``mkdocs.yml`` gives the site's address."""
    if project.site_url is None:
        return None
    return project.site_url.rstrip("/") + ("/source-debt/" if project.use_directory_urls else "/source-debt.html")


def _summary(data: Path, counts: dict[str, int], warnings: Sequence[object]) -> str:
    summary = ", ".join(f"{n} {kind if n != 1 else noun(kind)}" for kind, n in counts.items())
    noted = f"; {len(warnings)} warning{'s' if len(warnings) != 1 else ''}" if warnings else ""
    return printable(f"{data.as_posix()}: OK ({summary}){noted}")


def printable_markdown(text: str) -> str:
    """Markdown lines made terminal-safe one by one (their own line breaks kept)."""
    return "".join(printable(line.removesuffix("\n")) + "\n" * line.endswith("\n")
                   for line in text.splitlines(keepends=True))


def _links(args: argparse.Namespace) -> int:
    from briefing.errors import DataErrors
    from briefing.pipeline import load_dataset
    from briefing.review.link_health import check_links, check_one, cited_addresses, summary, write_reports

    try:
        data = load_dataset(args.data, display_root=Path.cwd())
    except DataErrors as exc:
        print(exc, file=sys.stderr)
        return 1
    if not 0 < args.timeout <= 120 or not args.concurrency > 0:
        print("error: --timeout must be between 0 and 120 seconds and --concurrency at least 1", file=sys.stderr)
        return 2
    if args.archive_lookup and not args.archive_lookup.startswith(("http://", "https://")):
        print("error: --archive-lookup must be an http(s) address", file=sys.stderr)
        return 2
    if not 0 <= args.retries <= 5 or not 0 <= args.backoff <= 60 or args.per_host < 1:
        print("error: --retries must be 0 to 5, --backoff 0 to 60 seconds and --per-host at least 1", file=sys.stderr)
        return 2
    checker = functools.partial(check_one, retries=args.retries, backoff=args.backoff)
    results = check_links(cited_addresses(data), args.timeout, args.concurrency, args.archive_lookup, checker,
                          args.per_host)
    try:
        paths = write_reports(results, args.out)
    except OSError as exc:
        print(f"error: the report cannot be written to {args.out.as_posix()} ({exc.strerror or exc}; "
              "a link there is refused)", file=sys.stderr)
        return 2
    counts = summary(results)
    print(f"{len(results)} addresses: {counts['ok']} ok, {counts['redirected']} redirected, {counts['blocked']} "
          f"blocked, {counts['broken']} broken, {counts['unreachable']} unreachable, {counts['refused']} refused; "
          f"report in {paths['markdown'].as_posix()} and {paths['json'].as_posix()}")
    return 1 if args.fail_on == "broken" and counts["broken"] + counts["unreachable"] + counts["refused"] else 0


def _links_issue(args: argparse.Namespace) -> int:
    from briefing.review.link_issue import GitHub, upkeep

    token, api = os.environ.get("GITHUB_TOKEN"), os.environ.get("GITHUB_API_URL", "https://api.github.com")
    if not token or not args.repo or not api.startswith(("https://", "http://")):
        print("error: links-issue needs GITHUB_TOKEN, --repo (or GITHUB_REPOSITORY) and an http(s) GITHUB_API_URL",
              file=sys.stderr)
        return 2
    server, run = os.environ.get("GITHUB_SERVER_URL"), os.environ.get("GITHUB_RUN_ID")
    run_url = f"{server}/{args.repo}/actions/runs/{run}" if server and run else None
    print(printable(upkeep(GitHub(api, args.repo, token), args.report, run_url)))
    return 0


def _diff(args: argparse.Namespace) -> int:
    from briefing.review.diff import diff_revisions

    report = diff_revisions(args.data, args.base, args.head)
    print(printable_markdown(report.markdown), end="")
    return 0 if report.ok else 1

