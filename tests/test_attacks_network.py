"""Class 1 of issue 20: the link checker must not reach inside the runner's network.

A cited address on loopback, link-local, private, reserved or multicast space, spelled
as a number in any form a resolver accepts, or a name that only the local network knows,
is refused by ``check`` as ``internal-url``; ``links`` refuses at fetch time whatever a
name resolves to (a fake resolver plays the public name that points inside), vets every
redirect before following or recording it, cuts a trickling response at its deadline
while a read is blocked, and never writes a report through a link.

Every server here listens on 127.0.0.1 and every name is answered by a fake resolver:
nothing leaves this machine.
"""

from __future__ import annotations

import ipaddress
import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from testdata import DataDir

from briefing.addresses import host_problem
from briefing.cli import main
from briefing.review.link_health import Cited, Policy, check_links, fetch, write_reports

INTERNAL = [
    "http://169.254.169.254/latest/meta-data/iam/security-credentials/",  # cloud metadata
    "http://0x7f.1/x", "http://2130706433/", "http://0177.0.0.1/", "http://127.1/", "http://0x7f000001/",
    "http://127.0.0.1:8080/", "http://10.0.0.5/", "http://192.168.1.1/", "http://172.16.0.1/", "http://100.64.0.1/",
    "http://0.0.0.0/", "http://224.0.0.1/", "http://240.0.0.1/", "http://255.255.255.255/", "http://192.0.2.1/",
    "http://[::1]/", "http://[::]/", "http://[::ffff:127.0.0.1]/", "http://[::ffff:8.8.8.8]/", "http://[fe80::1%25eth0]/",
    "http://[fc00::1]/", "http://[ff02::1]/", "http://[64:ff9b::a9fe:a9fe]/", "http://[2002:7f00:1::]/",
    "http://１２７.０.０.１/",  # full-width digits: NFKC makes them 127.0.0.1
    "http://localhost/", "http://LOCALHOST./", "http://app.localhost/", "http://printer.local/",
    "http://metadata.google.internal/", "http://router.home.arpa/", "http://intranet/", "http://nas.lan/",
]
PUBLIC = ["https://example.org/page", "http://8.8.8.8/", "http://[2001:4860:4860::8888]/", "https://www.mil.gov.az/x",
          "https://xn--e1afmkfd.xn--p1ai/", "http://1.1.1.1:8080/a"]


@pytest.mark.parametrize("url", INTERNAL)
def test_check_refuses_every_internal_or_disguised_host(data_dir: DataDir, url: str) -> None:
    data_dir.edit("sources", "url: https://example.com/news/town-y", f"url: {json.dumps(url)}")

    problems = [(e.code, e.record_id) for e in data_dir.errors()]

    assert ("internal-url", "source-two") in problems, url  # (an address ending in / is also an index page)


@pytest.mark.parametrize("url", PUBLIC)
def test_public_hosts_pass(url: str) -> None:
    from urllib.parse import urlsplit

    assert host_problem(urlsplit(url).hostname or "") is None


# --- links: at fetch time ----------------------------------------------------------------


class Server:
    """A server on 127.0.0.1 that records every request it gets."""

    def __init__(self, handler: Any) -> None:
        self.requests: list[str] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                owner.requests.append(self.path)
                handler(self)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = int(self.httpd.server_address[1])
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def servers() -> Iterator[list[Server]]:
    made: list[Server] = []
    yield made
    for server in made:
        server.close()


def send(request: BaseHTTPRequestHandler, code: int, body: bytes = b"", **headers: str) -> None:
    request.send_response(code)
    for name, value in headers.items():
        request.send_header(name, value)
    request.send_header("Content-Length", str(len(body)))
    request.end_headers()
    request.wfile.write(body)


def resolver(names: dict[str, list[str]]) -> Any:
    """A DNS that knows ``names`` (and IP literals); nothing goes to a real resolver."""
    def resolve(host: str, port: int, **_: object) -> list[tuple[Any, ...]]:
        try:
            found = [str(ipaddress.ip_address(host.strip("[]")))]
        except ValueError:
            found = names.get(host.lower(), [])
        if not found:
            raise socket.gaierror(f"unknown in this test: {host}")
        return [(socket.AF_INET6 if ":" in ip else socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port))
                for ip in found]
    return resolve


SECRET = b"AKIA-SECRET-TOKEN"


def secret_server(servers: list[Server]) -> Server:
    inside = Server(lambda r: send(r, 302, SECRET, Location=f"http://elsewhere.example/?leak={SECRET.decode()}"))
    servers.append(inside)
    return inside


@pytest.mark.parametrize("answers", [["127.0.0.1"], ["93.184.216.34", "127.0.0.1"]])
def test_a_public_name_resolving_inside_is_refused_before_any_connection(servers: list[Server],
                                                                        answers: list[str]) -> None:
    inside = secret_server(servers)
    policy = Policy(resolver({"news.example.org": answers}))  # the real rule: nothing allowed

    status, final, hops, error, refused = fetch(f"http://news.example.org:{inside.port}/x", 2, policy)

    assert refused and status is None and final is None and hops == []
    assert error == "not fetched: the host is the name resolves to an internal address (loopback)"
    assert inside.requests == [], "the internal server was never contacted"


def test_a_redirect_inside_is_neither_followed_nor_reported(servers: list[Server], tmp_path: Path) -> None:
    inside = secret_server(servers)
    targets = {"/meta": "http://169.254.169.254/latest/meta-data/", "/name": f"http://db.example.org:{inside.port}/",
               "/hex": f"http://0x7f.1:{inside.port}/", "/v6": f"http://[::ffff:127.0.0.1]:{inside.port}/"}
    public = Server(lambda r: send(r, 301, Location=targets[r.path]))
    servers.append(public)
    # the test's "public" server is the one loopback port allowed; the rest is the real rule
    policy = Policy(resolver({"news.example.org": ["127.0.0.1"], "db.example.org": ["127.0.0.1"]}),
                    lambda ip, port: port == public.port)

    results = check_links([Cited(f"http://news.example.org:{public.port}{path}", (("s", "url"),))
                           for path in targets], 2, 1, None,
                          checker=lambda cited, timeout, api: _checked(cited, timeout, policy))
    paths = write_reports(results, tmp_path / "report")

    assert [r.status for r in results] == ["refused"] * 4
    assert all(r.redirects == [] and r.final_url is None for r in results)
    assert inside.requests == []
    for path in paths.values():
        text = path.read_text(encoding="utf-8")
        assert "169.254" not in text and str(inside.port) not in text and "leak" not in text and "0x7f" not in text
        assert "redirected to an internal address" in text


def _checked(cited: Cited, timeout: float, policy: Policy) -> Any:
    from briefing.review import link_health

    original = link_health.DEFAULT_POLICY
    link_health.DEFAULT_POLICY = policy
    try:
        return link_health.check_one(cited, timeout, None)
    finally:
        link_health.DEFAULT_POLICY = original


@pytest.mark.parametrize("where", ["headers", "body"])
def test_a_trickling_server_is_cut_off_at_the_deadline_during_a_read(servers: list[Server], where: str) -> None:
    sent: list[int] = []
    stop = threading.Event()

    def trickle(request: BaseHTTPRequestHandler) -> None:
        try:
            if where == "body":
                request.send_response(200)
                request.send_header("Content-Length", "200")
                request.end_headers()
                request.wfile.flush()
            else:
                request.wfile.write(b"HTTP/1.1 200 OK\r\n")
            for _ in range(200):  # one byte each 0.1 s: every read answers within the timeout
                if stop.wait(0.1):
                    break
                request.wfile.write(b"X-Slow: 1\r\n"[:1] if where == "headers" else b"x")
                request.wfile.flush()
                sent.append(1)
        except OSError:
            pass

    server = Server(trickle)
    servers.append(server)
    policy = Policy(resolver({"slow.example.org": ["127.0.0.1"]}), lambda ip, port: port == server.port)

    started = time.monotonic()
    _status, _final, _hops, error, refused = fetch(f"http://slow.example.org:{server.port}/", 0.5, policy)
    took = time.monotonic() - started
    stop.set()

    assert (error, refused) == ("the response took longer than 1.5 s", False)
    assert len(sent) < 100, "cut off long before the server was done"
    assert took < 10  # 20 s of trickle without the deadline


def test_a_report_is_never_written_through_a_link(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    out = tmp_path / "report"
    out.mkdir()
    (out / "link-health.json").symlink_to(victim)
    (out / "link-health.md").symlink_to(victim)

    paths = write_reports([], out)

    assert victim.read_text(encoding="utf-8") == "keep me"
    assert all(not p.is_symlink() and p.is_file() for p in paths.values())
    assert sorted(os.listdir(out)) == ["link-health.json", "link-health.md"]


def test_a_report_folder_that_is_a_link_is_refused(data_dir: DataDir, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    from briefing.review import link_health

    monkeypatch.setattr(link_health, "DEFAULT_POLICY", Policy(resolver({})))  # no name resolves: no lookup leaves
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "report").symlink_to(elsewhere)
    for old in ("https://example.org/side-a/press-release", "https://example.com/news/town-y",
                "https://example.net/side-b/statement"):
        data_dir.edit("sources", f"url: {old}", "url: http://unknown.test/x")
    data_dir.write("sources", "\n".join(line for line in data_dir.text("sources").splitlines()
                                        if "archive_url" not in line and "publisher_site" not in line) + "\n")

    code = main(["links", "--data", str(data_dir.data), "--out", str(tmp_path / "report"), "--timeout", "0.2"])

    assert code == 2
    assert "cannot be written" in capsys.readouterr().err
    assert list(elsewhere.iterdir()) == []
