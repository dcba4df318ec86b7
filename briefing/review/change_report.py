"""``check --base``'s report for a pull request: the change's own findings first.

Annotations (``--format github``): the change's findings, up to GitHub's limit per level
(:func:`briefing.review.findings.annotated`), then one notice that counts what was there
before; those findings are printed in the log inside a folded group, never as
annotations, so they cannot crowd the change's out. The job summary (``--summary``)
says the same in Markdown, every finding of the change in a table.
"""

from __future__ import annotations

from collections.abc import Sequence

from briefing.errors import DataError, Severity
from briefing.review.findings import Split, annotated, more_line
from briefing.review.markdown import escape_markdown
from briefing.review.report import escape_data, github_line


def before_words(split: Split) -> str:
    """``51 warnings (32 read-without-archive, 19 source-not-read)``."""
    counts = split.before_counts()
    total = sum(counts.values())
    kinds = ", ".join(f"{n} {code}" for code, n in sorted(counts.items(), key=lambda item: (-item[1], item[0])))
    noun = "finding" if total == 1 else "findings"
    return f"{total} {noun} ({kinds})" if total else "no findings"


def github_lines(split: Split, debt_link: str | None) -> list[str]:
    """Workflow commands and log lines, the change's own annotations first."""
    shown, rest = annotated(split.own)
    lines = [_annotation(p, split) for p in shown]
    lines += [line for level in ("error", "warning") if (line := more_line(rest, level))]
    if rest:
        lines += ["::group::The rest of this change's findings", *(str(p) for p in rest), "::endgroup::"]
    if split.before:
        where = f" See the source debt page: {debt_link}" if debt_link else " See the site's Source debt page."
        lines.append(f"::notice title=Already there before this change::{escape_data(before_words(split))} "
                     f"in records this change did not touch; not annotated.{escape_data(where)}")
        lines += [f"::group::Already there before this change ({len(split.before)})",
                  *(str(p) for p in split.before), "::endgroup::"]
    return lines


def _annotation(problem: DataError, split: Split) -> str:
    return github_line(problem, " (already there before this change)" if problem in split.touched else "")


def summary_markdown(split: Split, base: str, debt_link: str | None) -> str:
    """The job summary: the change's findings, then one paragraph on what was there before."""
    errors = sum(1 for p in split.own if p.severity == Severity.ERROR)
    warnings = len(split.own) - errors
    lines = ["## Data check: what this change brings", ""]
    if split.own:
        lines += [f"{_count(errors, 'error')} and {_count(warnings, 'warning')} in what this change added or "
                  f"touched (compared with {escape_markdown(base)}).", "",
                  "| | Where | Record | Problem | Code |", "| --- | --- | --- | --- | --- |"]
        lines += [_row(p, p in split.touched) for p in split.own]
    else:
        lines.append(f"No error or warning in what this change added or touched (compared with "
                     f"{escape_markdown(base)}).")
    if split.before:
        link = f"[the source debt page]({debt_link})" if debt_link else ("the Source debt page of the built site "
                                                                             "(`source-debt.html` in the built site the run keeps)")
        lines += ["", "### Already there before this change", "",
                  f"{escape_markdown(before_words(split))} in records this change did not touch. Most are the "
                  f"site's source debt: see {link}; `python -m briefing check` lists them all."]
    return "\n".join(lines) + "\n"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


def _row(problem: DataError, touched: bool) -> str:
    level = problem.severity + (" (already there)" if touched else "")
    hint = f" (hint: {problem.hint})" if problem.hint else ""
    cells: Sequence[str] = (level, str(problem.location), problem.record_id or "", problem.message + hint,
                            problem.code)
    return "| " + " | ".join(escape_markdown(cell) for cell in cells) + " |"
