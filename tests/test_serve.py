"""``python -m briefing serve``, the README's preview command: a real server on 127.0.0.1
that builds dirty, serves each edit once it is saved, and stops cleanly on Ctrl-C."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sitetools import SOURCE_DATE_EPOCH, build_env, make_project
from testdata import load_yaml, write_yaml

#: Generous: a loaded machine; the benchmark (benchmarks/run.py) measures the real latency.
WAIT = 180.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return int(response.status), response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except OSError:
        return 0, ""


class Server:
    def __init__(self, project: Path, process: subprocess.Popen[str], log: Path, port: int) -> None:
        self.project, self.process, self.log, self.port = project, process, log, port

    def wait_for(self, page: str, condition: Callable[[int, str], bool]) -> str:
        deadline = time.monotonic() + WAIT
        while True:
            status, body = _get(f"http://127.0.0.1:{self.port}/{page}")
            if condition(status, body):
                return body
            if self.process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the preview never served {page} as expected:\n{self.log.read_text()}")
            time.sleep(0.2)

    def edit(self, change: Callable[[list[dict[str, object]]], None]) -> None:
        records = load_yaml(self.project / "data", "incidents")
        change(records)
        write_yaml(self.project / "data" / "incidents.yaml", records)


@pytest.fixture
def server(tmp_path: Path, minimal_data: Path) -> Iterator[Server]:
    project = make_project(tmp_path / "project", minimal_data)
    port, log = _free_port(), tmp_path / "serve.log"
    with open(log, "w", encoding="utf-8") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "briefing", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project, env=build_env({"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}), stdout=out,
            stderr=subprocess.STDOUT, text=True, start_new_session=True,
        )
    running = Server(project, process, log, port)
    try:
        yield running
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def test_the_preview_serves_each_saved_edit_built_dirty_and_stops_on_ctrl_c(server: Server) -> None:
    first = load_yaml(server.project / "data", "incidents")[0]
    page = f"incidents/{first['id']}.html"
    server.wait_for(page, lambda status, body: status == 200 and str(first["title"]) in body)

    server.edit(lambda records: records[0].update(title="Exchange of fire, title edited in the preview"))
    server.wait_for(page, lambda status, body: "title edited in the preview" in body)

    added = dict(first, id="2021-01-09-town-y", date="2021-01-09", title="A second exchange near Town Y")
    server.edit(lambda records: records.append(added))
    server.wait_for("incidents/2021-01-09-town-y.html", lambda status, body: status == 200 and "A second exchange" in body)
    server.wait_for("incidents/index.html", lambda status, body: "A second exchange near Town Y" in body)

    server.edit(lambda records: records.pop())
    server.wait_for("incidents/2021-01-09-town-y.html", lambda status, body: status == 404)
    server.wait_for("incidents/index.html", lambda status, body: status == 200 and "A second exchange" not in body)

    log = server.log.read_text()
    assert "A 'dirty' build is being performed" in log  # MkDocs' own words for --dirty
    assert "Serving on http://127.0.0.1:" in log
    os.killpg(server.process.pid, signal.SIGINT)
    assert server.process.wait(timeout=30) == 0
