"""``python -m briefing links-issue``: one GitHub issue kept up to date with the link report.

The scheduled link check does not fail a job (that notifies one person, and GitHub turns
off a schedule after 60 days without activity); it keeps one issue instead: opened when an
address needs a look, its text replaced by each new report while one does, and closed with
a comment when every address answers. The issue is found by a marker in its text, so
renaming it does not make a second one.

Only the standard library: the GitHub REST API over HTTPS with the workflow's token
(``GITHUB_TOKEN``, ``issues: write``), at ``GITHUB_API_URL`` (GitHub Enterprise too).
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.errors import BriefingError

TITLE = "Link health: cited addresses that need a look"
MARKER = "<!-- briefing:link-health -->"
#: GitHub refuses an issue body over 65,536 characters.
MAX_BODY = 60_000
#: What keeps the issue open; redirects are listed in it but do not.
NEEDS_A_LOOK = ("blocked", "broken", "unreachable", "refused")


class IssueError(BriefingError):
    """The GitHub API refused or could not be reached."""


@dataclass
class GitHub:
    """The few calls of the REST API this needs."""

    api: str
    repo: str
    token: str
    timeout: float = 30.0

    def call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        url = f"{self.api.rstrip('/')}/repos/{self.repo}{path}"
        data = json.dumps(body).encode("utf-8") if body is not None else None
        request = urllib.request.Request(url, data=data, method=method, headers={
            "Accept": "application/vnd.github+json", "Authorization": f"Bearer {self.token}",
            "X-GitHub-Api-Version": "2022-11-28", "User-Agent": "briefing-link-health"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                return json.loads(answer.read() or b"null")
        except urllib.error.HTTPError as exc:
            raise IssueError(f"GitHub answered {exc.code} to {method} {path}") from None
        except (urllib.error.URLError, OSError, ValueError) as exc:
            raise IssueError(f"GitHub could not be reached for {method} {path}: {exc}") from None


def find_issue(github: GitHub) -> dict[str, Any] | None:
    """The open issue this keeps, if there is one (the oldest, should there be two)."""
    for page in range(1, 11):
        issues = github.call("GET", f"/issues?state=open&per_page=100&page={page}&sort=created&direction=asc")
        for issue in issues or []:
            if "pull_request" not in issue and MARKER in (issue.get("body") or ""):
                return dict(issue)
        if not issues or len(issues) < 100:
            return None
    return None


def issue_body(markdown: str, run_url: str | None) -> str:
    """The report as the issue's text, cut to GitHub's limit, with the marker."""
    if len(markdown) > MAX_BODY:
        markdown = markdown[:MAX_BODY].rsplit("\n", 1)[0] + "\n\n(cut here: the whole report is in the run's artifact)\n"
    where = f"\n\nFrom the scheduled run {run_url}.\n" if run_url else "\n"
    return f"{MARKER}\n{markdown.rstrip()}{where}"


def upkeep(github: GitHub, report: Path, run_url: str | None = None) -> str:
    """Open, update or close the issue from ``report`` (link-health.json, with
    link-health.md beside it); says what it did."""
    try:
        summary = json.loads(report.read_text(encoding="utf-8"))["summary"]
        needing = sum(int(summary.get(status, 0)) for status in NEEDS_A_LOOK)
    except (ValueError, KeyError, TypeError, AttributeError):
        raise IssueError(f"{report} is not a report of `python -m briefing links`") from None
    issue = find_issue(github)
    if needing:
        body = issue_body(report.with_suffix(".md").read_text(encoding="utf-8"), run_url)
        if issue is None:
            made = github.call("POST", "/issues", {"title": TITLE, "body": body})
            return f"opened issue #{made['number']}: {needing} addresses need a look"
        github.call("PATCH", f"/issues/{issue['number']}", {"body": body})
        return f"updated issue #{issue['number']}: {needing} addresses need a look"
    if issue is None:
        return "every address answers; no issue is open"
    github.call("POST", f"/issues/{issue['number']}/comments",
                {"body": "Every cited address answers now" + (f" (run {run_url})." if run_url else ".")})
    github.call("PATCH", f"/issues/{issue['number']}", {"state": "closed", "state_reason": "completed"})
    return f"closed issue #{issue['number']}: every address answers"
