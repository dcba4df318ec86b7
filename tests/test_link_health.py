"""``python -m briefing links``: the health of every cited address, for a scheduled job.

Tested against a local HTTP server on 127.0.0.1 only (never the internet): an address that
answers, one that redirects, a 404, a 500, one that never answers (timeout), a redirect
loop, a redirect to a non-web address, a closed port, and an archive lookup service that
answers like the Internet Archive's availability API.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from testdata import DataDir

from briefing.cli import main
from briefing.review import link_health
from briefing.review.link_health import Cited, Policy, Result, check_links

#: The test server's name: ``.test`` never resolves on the internet (RFC 6761); the fake
#: resolver below answers it with 127.0.0.1, which only these tests' policy allows.
HOST = "links.test"


def fake_resolver(host: str, port: int, **_: object) -> list[tuple[object, ...]]:
    if host != HOST:
        raise socket.gaierror(f"no such name in this test: {host}")
    return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]

RELEASE = threading.Event()  # lets the "slow" handler finish when the test is done
FLAKY: list[str] = []  # the "flaky" address answers 503 the first time only


class Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # quiet test output
        pass

    def _send(self, code: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.send_response(code)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if path in ("/ok", "/item", "/archived", "/site/"):
            self._send(200, b"<html>fine</html>")
        elif path == "/moved":
            self._send(301, headers={"Location": "/ok"})
        elif path == "/gone":
            self._send(404, b"not here")
        elif path == "/error":
            self._send(500, b"oops")
        elif path == "/forbidden":
            self._send(403, b"no robots")
        elif path == "/too-many":
            self._send(429, b"slow down")
        elif path == "/flaky":
            FLAKY.append(path)
            self._send(503 if len(FLAKY) == 1 else 200, b"busy" if len(FLAKY) == 1 else b"fine")
        elif path == "/slow":
            RELEASE.wait(10)
            self._send(200, b"late")
        elif path == "/loop":
            self._send(302, headers={"Location": "/loop"})
        elif path == "/to-ftp":
            self._send(302, headers={"Location": "ftp://example.org/file"})
        elif path == "/wayback":
            url = parse_qs(urlsplit(self.path).query)["url"][0]
            snapshot = {"closest": {"available": True, "url": f"http://{self.headers['Host']}/archived",
                                    "timestamp": "20210722000000", "status": "200"}} if url.endswith("/gone") else {}
            self._send(200, json.dumps({"url": url, "archived_snapshots": snapshot}).encode())
        else:
            self._send(404)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{httpd.server_address[1]}"
    finally:
        RELEASE.set()
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Requests go straight to 127.0.0.1, whatever proxy the environment names, through a
    resolver that knows only the test server's name, and a policy that allows loopback."""
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(link_health, "DEFAULT_POLICY", Policy(fake_resolver, lambda ip, port: ip.is_loopback))


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def point_sources_at(data_dir: DataDir, base: str) -> None:
    data_dir.edit("sources", "url: https://example.org/side-a/press-release", f"url: {base}/moved")
    data_dir.edit("sources", "archive_url: https://web.archive.org/web/2021/https://example.org/side-a/press-release",
                  f"archive_url: {base}/archived")
    data_dir.edit("sources", "url: https://example.com/news/town-y", f"url: {base}/gone")
    data_dir.edit("sources", "  archive_url: https://web.archive.org/web/2021/https://example.com/news/town-y\n",
                  f"  publisher_site: {base}/site/\n")
    data_dir.edit("sources", "url: https://example.net/side-b/statement", f"url: {base}/slow")
    data_dir.edit("sources", "archive_url: https://web.archive.org/web/2021/https://example.net/side-b/statement",
                  f"archive_url: http://{HOST}:{closed_port()}/archived")


def run_links(data_dir: DataDir, tmp_path: Path, *args: str) -> tuple[int, dict[str, object], str]:
    out = tmp_path / "report"
    if "--retries" not in args:
        args = ("--retries", "0", *args)
    code = main(["links", "--data", str(data_dir.data), "--out", str(out), "--timeout", "0.5", *args])
    report = json.loads((out / "link-health.json").read_text(encoding="utf-8"))
    return code, report, (out / "link-health.md").read_text(encoding="utf-8")


def test_every_cited_address_is_checked_and_reported(data_dir: DataDir, tmp_path: Path, server: str,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    point_sources_at(data_dir, server)

    code, report, markdown = run_links(data_dir, tmp_path)

    assert code == 1, "a broken or unreachable address fails the scheduled job"
    links = {link["url"]: link for link in report["links"]}  # type: ignore[index, union-attr]
    assert list(links) == sorted(links), "sorted by address: two reports compare line by line"
    moved = links[f"{server}/moved"]
    assert (moved["status"], moved["http_status"], moved["final_url"]) == ("redirected", 200, f"{server}/ok")
    assert moved["redirects"] == [f"{server}/ok"]
    assert (moved["places"], moved["archive_recorded"]) == (["source-one.url"], f"{server}/archived")
    gone = links[f"{server}/gone"]
    assert (gone["status"], gone["http_status"], gone["places"]) == ("broken", 404, ["source-two.url"])
    assert links[f"{server}/site/"]["status"] == "ok"
    assert links[f"{server}/site/"]["places"] == ["source-two.publisher_site"]
    slow = links[f"{server}/slow"]
    assert (slow["status"], slow["error"]) == ("unreachable", "no answer within 0.5 s")
    refused = next(link for url, link in links.items() if url.endswith("/archived") and url != f"{server}/archived")
    assert refused["status"] == "unreachable" and refused["places"] == ["source-three.archive_url"]
    assert report["summary"] == {"ok": 2, "redirected": 1, "blocked": 0, "broken": 1, "unreachable": 2,  # type: ignore[index]
                                 "refused": 0, "items": 3,
                                 "items_with_archive_recorded": 2, "items_with_archive_found": 0}
    assert markdown.startswith("# Link health of the cited sources\n")
    assert f"| broken | {server}/gone | source-two.url | HTTP 404 |" in markdown
    assert "6 addresses: 2 ok, 1 redirected, 0 blocked, 1 broken, 2 unreachable, 0 refused" in capsys.readouterr().out


@pytest.mark.parametrize(("path", "error"), [
    ("/loop", "a redirect loop (or more than 5 redirects)"),
    ("/to-ftp", "redirect to a non-web address: ftp://example.org/file"),
    ("/error", None),
])
def test_bad_redirects_and_server_errors_are_reported_not_followed(
        data_dir: DataDir, tmp_path: Path, server: str, path: str, error: str | None) -> None:
    data_dir.edit("sources", "url: https://example.com/news/town-y", f"url: {server}{path}")

    _code, report, _ = run_links(data_dir, tmp_path, "--fail-on", "never")

    link = next(link for link in report["links"] if link["url"] == f"{server}{path}")  # type: ignore[union-attr]
    if error:
        assert (link["status"], link["error"]) == ("unreachable", error)
    else:
        assert (link["status"], link["http_status"]) == ("broken", 500)


def test_an_archive_lookup_finds_a_copy_for_an_item_without_one(data_dir: DataDir, tmp_path: Path,
                                                                 server: str) -> None:
    data_dir.edit("sources", "url: https://example.com/news/town-y", f"url: {server}/gone")
    data_dir.edit("sources", "  archive_url: https://web.archive.org/web/2021/https://example.com/news/town-y\n", "")

    code, report, markdown = run_links(data_dir, tmp_path, "--archive-lookup", f"{server}/wayback", "--fail-on", "never")

    assert code == 0
    gone = next(link for link in report["links"] if link["url"] == f"{server}/gone")  # type: ignore[union-attr]
    assert (gone["archive_recorded"], gone["archive_found"]) == (None, f"{server}/archived")
    assert f"- source-two.url: {server}/archived" in markdown


def test_at_most_concurrency_requests_run_at_once() -> None:
    running = peak = 0
    lock = threading.Lock()
    gate = threading.Barrier(2, timeout=5)

    def checker(cited: Cited, timeout: float, api: str | None) -> Result:
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        with contextlib.suppress(threading.BrokenBarrierError):
            gate.wait()  # two run together...
        with lock:
            running -= 1
        return Result(cited.url, [], "ok")

    addresses = [Cited(f"http://127.0.0.1/{n}", ()) for n in range(10)]
    results = check_links(addresses, concurrency=2, checker=checker)

    assert peak == 2  # ...never three
    assert [r.url for r in results] == [a.url for a in addresses]


def test_links_on_bad_data_lists_the_problems_and_checks_nothing(data_dir: DataDir, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    data_dir.edit("sources", "  publisher: mod-side-a\n", "  publisher: nobody\n")

    code = main(["links", "--data", str(data_dir.data), "--out", str(tmp_path / "report")])

    assert code == 1
    assert "the publisher 'nobody' is not in authors.yaml" in capsys.readouterr().err
    assert not (tmp_path / "report").exists()


def test_the_scheduled_workflow_runs_the_command_with_pinned_actions() -> None:
    import re

    import yaml

    root = Path(__file__).resolve().parent.parent
    text = (root / ".github" / "workflows" / "link-health.yml").read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    assert "schedule" in workflow[True]  # PyYAML reads the key "on" as True
    assert workflow["permissions"] == {"contents": "read"}
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    uses = [step["uses"] for step in steps if "uses" in step]
    assert uses and all(re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", u) for u in uses), uses
    checkout = next(step for step in steps if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False
    check = next(step for step in steps if "python -m briefing links " in step.get("run", ""))
    assert "--fail-on never" in check["run"] and "--per-host" in check["run"] and "--retries" in check["run"]
    issue = workflow["jobs"]["issue"]
    assert issue["needs"] == "links" and issue["permissions"] == {"contents": "read", "issues": "write"}
    assert any("python -m briefing links-issue" in step.get("run", "") for step in issue["steps"])
    assert "permissions" not in workflow["jobs"]["links"], "the job that fetches addresses has no write access"


@pytest.mark.parametrize(("path", "code"), [("/forbidden", 403), ("/too-many", 429)])
def test_a_site_that_refuses_the_checker_is_blocked_not_broken_and_fails_nothing(
        data_dir: DataDir, tmp_path: Path, server: str, path: str, code: int) -> None:
    data_dir.edit("sources", "url: https://example.com/news/town-y", f"url: {server}{path}")
    data_dir.edit("sources", "url: https://example.org/side-a/press-release", f"url: {server}/item")
    data_dir.edit("sources", "url: https://example.net/side-b/statement", f"url: {server}/archived?item=2")
    for address in ("https://web.archive.org/web/2021/https://example.org/side-a/press-release",
                    "https://web.archive.org/web/2021/https://example.com/news/town-y",
                    "https://web.archive.org/web/2021/https://example.net/side-b/statement"):
        data_dir.edit("sources", f"archive_url: {address}", f"archive_url: {server}/archived")

    exit_code, report, markdown = run_links(data_dir, tmp_path)

    link = next(link for link in report["links"] if link["url"] == f"{server}{path}")  # type: ignore[union-attr]
    assert (link["status"], link["http_status"]) == ("blocked", code)
    assert exit_code == 0, "only broken or unreachable addresses fail the command"
    assert f"| blocked | {server}{path} | source-two.url | HTTP {code} |" in markdown
    assert "*Blocked*: the site refused the checker (HTTP 401, 403 or 429)" in markdown


def test_an_answer_that_may_pass_is_asked_again_after_a_wait(data_dir: DataDir, tmp_path: Path, server: str) -> None:
    FLAKY.clear()
    data_dir.edit("sources", "url: https://example.com/news/town-y", f"url: {server}/flaky")

    _code, report, _ = run_links(data_dir, tmp_path, "--retries", "1", "--backoff", "0", "--fail-on", "never")

    link = next(link for link in report["links"] if link["url"] == f"{server}/flaky")  # type: ignore[union-attr]
    assert (link["status"], link["http_status"], len(FLAKY)) == ("ok", 200, 2)


@pytest.mark.parametrize(("answers", "asked", "waits"), [
    ([(None, None, [], "no answer within 1 s")] * 2 + [(200, "u", [], None)], 3, [2.0, 4.0]),
    ([(503, None, [], None), (429, None, [], None), (503, None, [], None)], 3, [2.0, 4.0]),
    ([(404, None, [], None)], 1, []),
    ([(403, None, [], None)], 1, []),
    ([(500, None, [], None)], 1, []),
])
def test_retries_back_off_twice_as_long_each_time_and_only_for_answers_that_may_pass(
        answers: list[tuple[object, ...]], asked: int, waits: list[float]) -> None:
    from briefing.review.link_health import fetch_with_retries

    calls: list[str] = []
    slept: list[float] = []

    def fetcher(url: str, timeout: float) -> tuple[object, ...]:
        calls.append(url)
        return answers[len(calls) - 1]

    answer = fetch_with_retries("http://x/", 1.0, retries=2, backoff=2.0, fetcher=fetcher, sleep=slept.append)

    assert (len(calls), slept, answer) == (asked, waits, answers[asked - 1])


def test_at_most_per_host_requests_go_to_one_host_at_once() -> None:
    running: dict[str, int] = {}
    peak: dict[str, int] = {}
    overall = [0, 0]
    lock = threading.Lock()

    def checker(cited: Cited, timeout: float, api: str | None) -> Result:
        host = urlsplit(cited.url).hostname or ""
        with lock:
            running[host] = running.get(host, 0) + 1
            peak[host] = max(peak.get(host, 0), running[host])
            overall[0] += 1
            overall[1] = max(overall[1], overall[0])
        threading.Event().wait(0.05)
        with lock:
            running[host] -= 1
            overall[0] -= 1
        return Result(cited.url, [], "ok")

    addresses = [Cited(f"http://host-{n % 3}.example/{n}", ()) for n in range(24)]
    check_links(addresses, concurrency=8, checker=checker, per_host=2)

    assert peak == {"host-0.example": 2, "host-1.example": 2, "host-2.example": 2}
    assert overall[1] == 6  # the three hosts in parallel
