"""The scheduled link check keeps one GitHub issue up to date (issue 21.7): opened when an
address needs a look, updated while one does, closed with a comment when all is clean.

Against a local stand-in for GitHub's REST API on 127.0.0.1 that keeps issues in memory.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from briefing.cli import main
from briefing.review.link_issue import MARKER, TITLE

ISSUES: list[dict[str, Any]] = []
CALLS: list[tuple[str, str, str | None]] = []


class FakeGitHub(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def _answer(self, code: int, body: object) -> None:
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _body(self) -> dict[str, Any]:
        size = int(self.headers.get("Content-Length") or 0)
        return json.loads(self.rfile.read(size)) if size else {}

    def do_GET(self) -> None:
        CALLS.append(("GET", urlsplit(self.path).path, self.headers.get("Authorization")))
        query = parse_qs(urlsplit(self.path).query)
        if query.get("page") != ["1"]:
            return self._answer(200, [])
        return self._answer(200, [i for i in ISSUES if i["state"] == "open"])

    def do_POST(self) -> None:
        path, body = urlsplit(self.path).path, self._body()
        CALLS.append(("POST", path, None))
        if path.endswith("/comments"):
            number = int(path.split("/")[-2])
            next(i for i in ISSUES if i["number"] == number)["comments"].append(body["body"])
            return self._answer(201, {})
        issue = {"number": len(ISSUES) + 1, "title": body["title"], "body": body["body"], "state": "open",
                 "comments": []}
        ISSUES.append(issue)
        return self._answer(201, issue)

    def do_PATCH(self) -> None:
        path, body = urlsplit(self.path).path, self._body()
        CALLS.append(("PATCH", path, None))
        issue = next(i for i in ISSUES if i["number"] == int(path.split("/")[-1]))
        issue.update(body)
        return self._answer(200, issue)


@pytest.fixture
def github(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    ISSUES.clear()
    CALLS.clear()
    ISSUES.append({"number": 1, "title": "Someone else's issue", "body": "unrelated", "state": "open",
                   "comments": []})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FakeGitHub)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    api = f"http://127.0.0.1:{httpd.server_address[1]}"
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("GITHUB_API_URL", api)
    monkeypatch.setenv("GITHUB_TOKEN", "test-token")
    monkeypatch.setenv("GITHUB_SERVER_URL", "https://github.example")
    monkeypatch.setenv("GITHUB_RUN_ID", "42")
    try:
        yield api
    finally:
        httpd.shutdown()
        httpd.server_close()


def report(folder: Path, broken: int, blocked: int = 0, markdown: str = "# Link health\n", refused: int = 0) -> Path:
    folder.mkdir(exist_ok=True)
    summary = {"ok": 3, "redirected": 1, "blocked": blocked, "broken": broken, "unreachable": 0, "refused": refused}
    (folder / "link-health.json").write_text(json.dumps({"summary": summary, "links": []}), encoding="utf-8")
    (folder / "link-health.md").write_text(markdown, encoding="utf-8")
    return folder / "link-health.json"


def run(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["links-issue", "--report", str(path), "--repo", "owner/briefing"])
    out, err = capsys.readouterr()
    return code, out + err


def test_one_issue_is_opened_then_updated_then_closed_when_clean(
        github: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(report(tmp_path / "r", broken=2, markdown="# first\n"), capsys) == (
        0, "opened issue #2: 2 addresses need a look\n")
    ours = ISSUES[1]
    assert ours["title"] == TITLE and ours["body"].startswith(MARKER + "\n# first")
    assert "https://github.example/owner/briefing/actions/runs/42" in ours["body"]

    assert run(report(tmp_path / "r", broken=1, blocked=1, markdown="# second\n", refused=1), capsys) == (
        0, "updated issue #2: 3 addresses need a look\n")
    assert len(ISSUES) == 2 and "# second" in ours["body"] and ours["state"] == "open"

    assert run(report(tmp_path / "r", broken=0), capsys) == (0, "closed issue #2: every address answers\n")
    assert ours["state"] == "closed" and ours["comments"][0].startswith("Every cited address answers now")
    assert ISSUES[0]["state"] == "open"  # someone else's issue is left alone

    assert run(report(tmp_path / "r", broken=0), capsys) == (0, "every address answers; no issue is open\n")
    assert all(auth == "Bearer test-token" for method, _path, auth in CALLS if method == "GET")


def test_a_long_report_is_cut_to_github_s_limit(github: str, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    long = "# Link health\n" + "| broken | https://example.org/x | s.url | HTTP 404 |\n" * 5000

    run(report(tmp_path / "r", broken=5000, markdown=long), capsys)

    body = ISSUES[1]["body"]
    assert len(body) < 65_536 and "(cut here: the whole report is in the run's artifact)" in body


def test_without_a_token_it_says_what_it_needs(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    code, said = run(report(tmp_path / "r", broken=1), capsys)
    assert (code, said) == (2, "error: links-issue needs GITHUB_TOKEN, --repo (or GITHUB_REPOSITORY) and an "
                               "http(s) GITHUB_API_URL\n")


def test_a_refusal_from_github_is_one_line_not_a_traceback(github: str, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(FakeGitHub, "do_GET", lambda self: self._answer(403, {"message": "no"}))

    code, said = run(report(tmp_path / "r", broken=1), capsys)

    assert code == 2 and said.startswith("error: GitHub answered 403 to GET /issues?state=open")
