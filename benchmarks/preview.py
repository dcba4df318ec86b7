"""The preview measured as an editor meets it: the README's command, five kinds of edit.

``python -m briefing serve`` runs in a copy of the project; once it serves the site, each
edit below is saved to ``data/incidents.yaml`` in turn, and the time from the save until
the served page shows it is measured (polling the page every 20 ms), with the CPU seconds
the server spent meanwhile. The edits are made on the text of one incident in the middle
of the file, so the rest of the file stays byte-for-byte as it was (as an editor's save
leaves it), in block YAML (the real data) or one JSON object per line (synthetic data):

* **title**: the incident's title gains a few words (its page must show them);
* **summary**: its summary text gains a sentence at the start (its page must show it);
* **new incident**: a copy of it under a new id and title is appended (the new page must
  be served with its title);
* **deleted incident**: that copy is removed again (its page must answer 404);
* **moved place**: its point moves 0.05° north, with a basis of its own (its page, whose
  locator map shows the place, must change).

The server's peak resident memory (``VmHWM``) is read at the end.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

#: The README's preview command, as an editor types it (``-a`` only to pick a free port).
COMMAND = [sys.executable, "-m", "briefing", "serve"]
MARK = "Benchmark edit"
#: (status, body, the body before the save): is the edit visible?
Shown = Callable[[int, str, str], bool]
KINDS = ("title", "summary", "new incident", "deleted incident", "moved place")


@dataclass
class PreviewRun:
    """One serve process: its first build, each edit's latency and CPU, its peak memory."""

    startup: float = 0.0
    edits: dict[str, tuple[float, float]] = field(default_factory=dict)  # kind: (seconds, CPU seconds)
    peak_mb: float = 0.0


class Records:
    """``incidents.yaml`` as its text, split at each top-level list item."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.text = path.read_text(encoding="utf-8")
        lines = self.text.splitlines(keepends=True)
        starts = [i for i, line in enumerate(lines) if line.startswith("- ")]
        self.head = "".join(lines[:starts[0]])
        self.chunks = ["".join(lines[a:b]) for a, b in zip(starts, [*starts[1:], len(lines)], strict=True)]

    def record(self, index: int) -> dict[str, object]:
        loaded = yaml.safe_load(self.chunks[index])
        assert isinstance(loaded, list) and isinstance(loaded[0], dict)
        return loaded[0]

    def save(self) -> None:
        self.path.write_text(self.head + "".join(self.chunks), encoding="utf-8")


def _replace(chunk: str, old: str, new: str) -> str:
    if old not in chunk:
        raise SystemExit(f"benchmark: {old!r} not found in the record:\n{chunk[:400]}")
    return chunk.replace(old, new, 1)


def _moved(chunk: str, coordinates: dict[str, object], source: object) -> str:
    """The record with its point 0.05° further north, said to come from its first source
    (a point given as a region's may not differ from the region's own)."""
    basis = coordinates.get("basis") or {"text": f"{MARK}: the place moved.", "citations": [{"source": source}]}
    moved = {"lat": round(float(str(coordinates["lat"])) + 0.05, 5), "lon": coordinates["lon"],
             "precision": "near", "basis": basis}
    as_json = json.dumps(coordinates, ensure_ascii=False)
    if as_json in chunk:  # one JSON object per line
        return chunk.replace(as_json, json.dumps(moved, ensure_ascii=False), 1)
    line = re.compile(r"^(\s*coordinates:\s*)\{.*\}\s*$", re.MULTILINE)  # block YAML, a flow mapping
    if not line.search(chunk):
        raise SystemExit(f"benchmark: no one-line coordinates in the record:\n{chunk[:400]}")
    return line.sub(lambda m: m.group(1) + json.dumps(moved, ensure_ascii=False), chunk, count=1)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> tuple[int, str]:
    """The page's status and text, without the live-reload call MkDocs adds to each answer
    (it names the request, so no two answers would be equal)."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            text = response.read().decode("utf-8", errors="replace")
            return int(response.status), re.sub(r"livereload\(\d+, \d+\)", "", text)
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except OSError:
        return 0, ""


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


class _Server:
    def __init__(self, process: subprocess.Popen[str], port: int, log: Path, timeout: float) -> None:
        self.process, self.port, self.log, self.timeout = process, port, log, timeout

    def until(self, page: str, shown: Callable[[int, str], bool], poll: float = 0.02) -> None:
        deadline = time.monotonic() + self.timeout
        while not shown(*_get(f"http://127.0.0.1:{self.port}/{page}")):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the preview did not show {page}:\n" + self.log.read_text(errors="replace")[-4000:])
            time.sleep(poll)

    def timed(self, save: Callable[[], None], page: str, shown: Shown) -> tuple[float, float]:
        time.sleep(1.5)  # the watcher and the last rebuild settle first
        before = _get(f"http://127.0.0.1:{self.port}/{page}")[1]
        started, cpu = time.perf_counter(), _cpu_seconds(self.process.pid)
        save()
        self.until(page, lambda status, body: shown(status, body, before))
        return time.perf_counter() - started, _cpu_seconds(self.process.pid) - cpu


def _edits(records: Records, index: int) -> list[tuple[str, Callable[[], None], str, Shown]]:
    """(kind, save, page to read, shown) for each kind of edit, in the order they are made."""
    record = records.record(index)
    victim, title = str(record["id"]), str(record["title"])
    summary = record["summary"]
    assert isinstance(summary, dict)
    first_words = " ".join(str(summary["text"]).split()[:3])
    coordinates = record["coordinates"]
    assert isinstance(coordinates, dict) and isinstance(summary["citations"], list)
    source = summary["citations"][0]["source"]
    copy_id, original = f"{victim}-bis", records.chunks[index]

    def edit(change: Callable[[str], str], at: int = index) -> Callable[[], None]:
        def save() -> None:
            records.chunks[at] = change(records.chunks[at])
            records.save()
        return save

    def add() -> None:
        chunk = _replace(_replace(original, victim, copy_id), title, f"{title} ({MARK} copy)")
        records.chunks.append(chunk)
        records.save()

    def delete() -> None:
        records.chunks.pop()
        records.save()

    def move() -> None:
        records.chunks[index] = _moved(records.chunks[index], coordinates, source)
        records.save()

    return [
        ("title", edit(lambda c: _replace(c, title, f"{title} ({MARK} title)")), victim,
         lambda status, body, before: f"{MARK} title" in body),
        ("summary", edit(lambda c: _replace(c, first_words, f"{MARK} summary. {first_words}")), victim,
         lambda status, body, before: f"{MARK} summary" in body),
        ("new incident", add, copy_id, lambda status, body, before: status == 200 and f"{MARK} copy" in body),
        ("deleted incident", delete, copy_id, lambda status, body, before: status == 404),
        ("moved place", move, victim, lambda status, body, before: status == 200 and body != before),
    ]


def measure_preview(project: Path, timeout: float = 3600) -> PreviewRun:
    """Start the README's preview command in ``project`` and measure each kind of edit to
    the incident nearest the middle of the file that has a summary and a place on the map."""
    records = Records(project / "data" / "incidents.yaml")
    middle = len(records.chunks) // 2
    index = next(i for i in sorted(range(len(records.chunks)), key=lambda i: abs(i - middle))
                 if {"summary", "coordinates"} <= set(records.record(i)))
    victim = str(records.record(index)["id"])
    port, run = _free_port(), PreviewRun()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONSAFEPATH="1")
    env.pop("PYTHONPATH", None)
    with tempfile.NamedTemporaryFile(mode="w+", suffix=".log") as log:
        started = time.perf_counter()
        process = subprocess.Popen([*COMMAND, "--dev-addr", f"127.0.0.1:{port}"], cwd=project, env=env,
                                   stdout=log, stderr=subprocess.STDOUT, text=True, start_new_session=True)
        server = _Server(process, port, Path(log.name), timeout)
        try:
            page = f"incidents/{victim}.html"
            server.until(page, lambda status, body: status == 200, poll=0.2)
            run.startup = time.perf_counter() - started
            for kind, save, shown_on, shown in _edits(records, index):
                run.edits[kind] = server.timed(save, f"incidents/{shown_on}.html", shown)
                print(f"  preview: {kind} {run.edits[kind][0]:.2f} s", flush=True)
            run.peak_mb = _peak_mb(process.pid)
        finally:
            records.path.write_text(records.text, encoding="utf-8")
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGINT)
                try:
                    process.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
    return run

