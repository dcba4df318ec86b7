"""Scale benchmark: the generator against the floor of plain MkDocs, side by side.

    python benchmarks/run.py --sizes 1000,10000          # the acceptance run
    python benchmarks/run.py --sizes 1000,10000 --serve-up-to 1000   # about half the time
    python benchmarks/run.py --sizes 50000 --no-serve    # 50k is opt-in (much longer)
    python benchmarks/run.py --check-only --baseline /tmp/before   # `check` alone, before → after


A 10k build costs about ten 1k builds and the run makes six of them (build, floor, and a
first build plus a rebuild of each under ``mkdocs serve``): plan for half an hour or more
on an idle 2-core machine, far longer on a shared one.

For each size N it writes a synthetic dataset (``benchmarks/synth.py``) into a scratch
copy of the project and measures, each in its own process:

* ``python -m briefing check``, started cold as a pull request's check is: the median of
  ``--check-runs`` processes (default 5), for the data written one JSON object per line
  (synth's default) and the same data as block YAML (as analysts write it); with
  ``--baseline DIR`` (a folder holding another version's ``briefing/`` package, e.g. from
  ``git archive REV briefing | tar -x -C DIR``) that version too, runs interleaved;
* ``mkdocs build --strict`` of the generated site: time and peak memory;
* the **floor**: the very same generated Markdown written as plain files into ``docs/``
  and built by MkDocs with the same ``mkdocs.yml`` minus the hook (same theme, plugins,
  Markdown extensions), so ``build / floor`` is what our code costs;
* page sizes: mean and largest incident page, largest page of the site, total site
  size, search index size;
* ``mkdocs serve`` rebuild: time from editing one incident (``data/incidents.yaml``,
  or its Markdown file for the floor) to the "Documentation built" log line.

Results go to ``benchmarks/RESULTS.md`` with the machine and the versions. Timings are
wall-clock on whatever else the machine is doing: run it on a quiet machine. Nothing here
is asserted by the test suite (tests never assert times).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
sys.path.insert(0, str(HERE))

import synth  # noqa: E402

sys.path.insert(0, str(PROJECT / "tests"))
from sitetools import make_project  # noqa: E402  (one way to copy the project, shared with the tests)

from briefing.generate import generate  # noqa: E402
from briefing.pipeline import load_dataset  # noqa: E402

#: Incident pages edited in the serve measurement (one in the middle of the dataset).
EDIT_MARK = "benchmark edit"


@dataclass
class Run:
    """One measured process: wall time and peak resident memory (of that process alone)."""

    seconds: float
    peak_mb: float
    returncode: int
    output: str = ""
    cpu: float = 0.0  # user + system seconds: robust when other work shares the machine


#: GNU time reports the peak memory of the process it runs. Measured from this process
#: instead, a small child's peak would be this process's own size: Linux counts the
#: memory of the parent a child is forked from until it execs (ru_maxrss).
GNU_TIME = Path("/usr/bin/time")


def measure(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run ``command`` and measure it; ``os.wait4`` gives the rusage of this child (and of
    any process it waited for) only."""
    with tempfile.TemporaryFile(mode="w+") as log, tempfile.NamedTemporaryFile(mode="r", suffix=".kb") as peak:
        timed = [str(GNU_TIME), "-f", "%M", "-o", peak.name, *command] if GNU_TIME.exists() else command
        started = time.perf_counter()
        process = subprocess.Popen(timed, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read()
        reported = peak.read().strip().splitlines()
    peak_mb = int(reported[-1]) / 1024 if reported and reported[-1].isdigit() else usage.ru_maxrss / 1024
    return Run(seconds, peak_mb, process.returncode, output, usage.ru_utime + usage.ru_stime)


def mkdocs_env() -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONSAFEPATH="1")
    env.pop("PYTHONPATH", None)
    return env


def make_synthetic_project(dest: Path, incidents: int) -> Path:
    """A buildable copy of the project with a synthetic dataset of ``incidents`` incidents."""
    if dest.exists():
        shutil.rmtree(dest)
    data = synth.write(dest / "synthetic", incidents)
    make_project(dest, data)
    shutil.rmtree(dest / "synthetic")
    return dest


def make_floor(project: Path, dest: Path) -> Path:
    """The same pages as plain Markdown files, and the same ``mkdocs.yml`` without the hook."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(project / "docs", dest / "docs")
    shutil.copytree(project / "overrides", dest / "overrides")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    site_name = yaml.safe_load(config)["site_name"]
    content = generate(load_dataset(project / "data", display_root=project), site_name, None, "")
    for path, body in [*content.pages.items(), *content.assets.items()]:
        if path in content.unsearched and isinstance(body, str) and body.startswith("---\n"):
            # the hook leaves these out of the search index: so does the floor
            body = "---\nsearch:\n  exclude: true\n" + body[4:]
        target = dest / "docs" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(body, bytes):
            target.write_bytes(body)
        else:
            target.write_text(body, encoding="utf-8")
    home = dest / "docs" / "index.md"
    home.write_text(home.read_text(encoding="utf-8").rstrip() + "\n\n" + content.home, encoding="utf-8")
    config, hooks_removed = re.subn(r"(?m)^hooks:\n(?:  - .*\n)+", "", config)
    config = re.sub(r"(?m)^watch:\n(?:  - .*\n)+", "", config)
    if not hooks_removed:
        raise SystemExit("benchmark: could not find the hooks: list in mkdocs.yml to remove")
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    return dest


def site_sizes(site: Path) -> dict[str, float]:
    """Sizes a reader downloads: incident pages, the largest page, everything, search index."""
    incident_pages = [p.stat().st_size for p in (site / "incidents").glob("*.html")
                      if not p.name.startswith("index")]
    pages = [(p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html")]
    largest = max(pages)
    index = site / "search" / "search_index.json"
    return {
        "pages": len(pages),
        "incident_mean_kb": sum(incident_pages) / len(incident_pages) / 1024,
        "incident_max_kb": max(incident_pages) / 1024,
        "largest_page_kb": largest[0] / 1024,
        "largest_page": largest[1],  # type: ignore[dict-item]
        "total_mb": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1024**2,
        "search_index_mb": index.stat().st_size / 1024**2 if index.exists() else 0.0,
    }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


_BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds a running process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def serve_rebuild(project: Path, edit: Path, old: str, new: str, timeout: float = 1800) -> tuple[float, float]:
    """Wall and CPU seconds from saving ``edit`` (``old`` replaced by ``new``) to the rebuilt preview.

    Starts ``mkdocs serve --livereload``, waits for the first build, edits the file and
    waits for the next "Documentation built" line in the log.
    """
    port = _free_port()
    with tempfile.NamedTemporaryFile(mode="w+", suffix=".log") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
            cwd=project, env=mkdocs_env(), stdout=log, stderr=subprocess.STDOUT, text=True,
            start_new_session=True,
        )
        try:
            def builds() -> int:
                return len(_BUILT.findall(Path(log.name).read_text(encoding="utf-8", errors="replace")))

            deadline = time.monotonic() + timeout
            while builds() < 1 or f":{port}" not in Path(log.name).read_text(errors="replace"):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("mkdocs serve did not start:\n" + Path(log.name).read_text())
                time.sleep(0.2)
            time.sleep(1.5)  # let the file watcher settle after the first build
            text = edit.read_text(encoding="utf-8")
            if text.count(old) < 1:
                raise RuntimeError(f"benchmark: {old!r} not found in {edit}")
            started, cpu_before = time.perf_counter(), _cpu_seconds(process.pid)
            edit.write_text(text.replace(old, new, 1), encoding="utf-8")
            while builds() < 2:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("mkdocs serve did not rebuild:\n" + Path(log.name).read_text())
                time.sleep(0.05)
            return time.perf_counter() - started, _cpu_seconds(process.pid) - cpu_before
        finally:
            os.killpg(process.pid, signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


@dataclass
class CheckRuns:
    """Cold ``check`` processes of one version on one dataset; medians reported."""

    runs: list[Run] = field(default_factory=list)

    def median(self, what: str) -> float:
        return statistics.median(getattr(run, what) for run in self.runs)

    def cell(self) -> str:
        return f"{self.median('seconds'):.2f} s ({self.median('cpu'):.2f}) | {self.median('peak_mb'):.0f} MB"


@dataclass
class Result:
    size: int
    check: Run | None = None
    checks: dict[tuple[str, str], CheckRuns] = field(default_factory=dict)  # (version, style)
    build: Run | None = None
    floor: Run | None = None
    sizes: dict[str, float] = field(default_factory=dict)
    floor_sizes: dict[str, float] = field(default_factory=dict)
    serve: tuple[float, float] | None = None
    floor_serve: tuple[float, float] | None = None


def _require(run: Run, what: str) -> Run:
    if run.returncode != 0:
        raise SystemExit(f"benchmark: {what} failed (exit {run.returncode}):\n{run.output[-4000:]}")
    return run


def measure_checks(result: Result, project: Path, work: Path, runs: int, baseline: Path | None) -> None:
    """Cold ``check`` runs of this version (and of ``baseline``), on both data styles, interleaved."""
    block = synth.write(work / f"n{result.size}" / "block", result.size, style="block")
    versions = {"this": mkdocs_env()}
    if baseline is not None:
        versions["baseline"] = dict(mkdocs_env(), PYTHONPATH=str(baseline.resolve()))
    for _ in range(runs):
        for version, env in versions.items():
            for style, data in (("json", project / "data"), ("block", block)):
                command = [sys.executable, "-m", "briefing", "check", "--data", str(data)]
                run = _require(measure(command, project, env), f"check ({version}, {style})")
                result.checks.setdefault((version, style), CheckRuns()).runs.append(run)
    result.check = min(result.checks["this", "json"].runs, key=lambda run: abs(run.seconds - result.checks[
        "this", "json"].median("seconds")))  # the median run, for the main table


def bench(size: int, work: Path, serve: bool, check_runs: int = 5, baseline: Path | None = None,
          check_only: bool = False) -> Result:
    result = Result(size)
    print(f"[{size}] writing the dataset", flush=True)
    project = make_synthetic_project(work / f"n{size}" / "project", size)
    env = mkdocs_env()
    print(f"[{size}] check ({check_runs} cold runs of each version and data style)", flush=True)
    measure_checks(result, project, work, check_runs, baseline)
    assert result.check is not None
    if check_only:
        return result
    print(f"[{size}] build ({result.check.seconds:.1f} s check)", flush=True)
    result.build = _require(measure([sys.executable, "-m", "mkdocs", "build", "--strict"], project, env), "build")
    result.sizes = site_sizes(project / "site")
    print(f"[{size}] floor ({result.build.seconds:.1f} s build)", flush=True)
    floor = make_floor(project, work / f"n{size}" / "floor")
    result.floor = _require(measure([sys.executable, "-m", "mkdocs", "build", "--strict"], floor, env), "floor build")
    result.floor_sizes = site_sizes(floor / "site")
    print(f"[{size}] floor built in {result.floor.seconds:.1f} s", flush=True)
    if serve:
        victim = f"incident-{size // 2}"
        incidents = project / "data" / "incidents.yaml"
        title = _title_of(incidents, victim)
        print(f"[{size}] serve rebuild", flush=True)
        result.serve = serve_rebuild(project, incidents, f'"title": "{title}"', f'"title": "{title} ({EDIT_MARK})"')
        page = floor / "docs" / "incidents" / f"{victim}.md"
        result.floor_serve = serve_rebuild(floor, page, f"# {_escaped_heading(page)}", f"# {_escaped_heading(page)} ({EDIT_MARK})")
        print(f"[{size}] serve {result.serve}, floor {result.floor_serve} (wall, CPU s)", flush=True)
    shutil.rmtree(project / "site", ignore_errors=True)
    shutil.rmtree(floor / "site", ignore_errors=True)
    return result


def _title_of(incidents: Path, record_id: str) -> str:
    needle = f'"id": "{record_id}", "title": '
    for line in incidents.read_text(encoding="utf-8").splitlines():
        if needle in line:
            return str(json.loads(line[2:])["title"])
    raise SystemExit(f"benchmark: no incident {record_id}")


def _escaped_heading(page: Path) -> str:
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:]
    raise SystemExit(f"benchmark: no heading in {page}")


def machine() -> list[str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem = next(line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
        memory = f"{int(mem.split()[1]) / 1024**2:.1f} GB"
    except (OSError, StopIteration):
        memory = "unknown"
    versions = ", ".join(f"{name} {metadata.version(name)}" for name in
                         ("mkdocs", "mkdocs-material", "Markdown", "Jinja2", "jsonschema", "fastjsonschema", "PyYAML"))
    return [
        f"- Machine: {os.cpu_count()} cores ({cpu}), {memory} RAM, {platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}; {versions}; libyaml {'yes' if yaml.__with_libyaml__ else 'no'}",
        f"- Load average when the results were written: {', '.join(f'{x:.1f}' for x in os.getloadavg())}",
    ]


def _cell(value: tuple[float, float] | None) -> str:
    return "—" if value is None else f"{value[0]:.1f} s ({value[1]:.1f})"


def check_report(results: list[Result], runs: int, baseline: Path | None) -> list[str]:
    """The cold ``check`` table: median wall (CPU) seconds and peak memory, per version and style."""
    versions = ["this", "baseline"] if baseline is not None else ["this"]
    header = " | ".join(f"{style} {version} | peak" for version in versions for style in ("json", "block"))
    lines = [
        f"`python -m briefing check`, started cold: median of {runs} processes, wall seconds with CPU seconds "
        "(user + system, both processes when the reading is split) in brackets. **json**: the synthetic data "
        "as written by `synth.py` (one JSON object per line); **block**: the same records as block YAML, "
        "as analysts write them."
        + (f" **baseline**: `{baseline}`, run interleaved with this version." if baseline is not None else ""),
        "",
        f"| Incidents | {header} |",
        "|---:|" + "---:|---:|" * len(versions) * 2,
    ]
    for r in results:
        cells = " | ".join(r.checks[version, style].cell() for version in versions for style in ("json", "block"))
        lines.append(f"| {r.size:,} | {cells} |")
    return lines


def report(results: list[Result], started: dt.datetime, runs: int = 5, baseline: Path | None = None,
           check_only: bool = False) -> str:
    if check_only:
        return "\n".join([
            "# `check` benchmark results",
            "",
            f"Written by `python benchmarks/run.py --check-only --sizes {','.join(str(r.size) for r in results)}"
            f"{' --baseline ' + str(baseline) if baseline else ''} --check-runs {runs}` on {started:%Y-%m-%d %H:%M} (UTC).",
            "",
            *machine(),
            "",
            *check_report(results, runs, baseline),
        ]) + "\n"
    lines = [
        "# Scale benchmark results",
        "",
        f"Written by `python benchmarks/run.py --sizes {','.join(str(r.size) for r in results)}` "
        f"on {started:%Y-%m-%d} (UTC); the whole run took "
        f"{(dt.datetime.now(dt.UTC) - started).total_seconds() / 60:.0f} minutes. Synthetic data from "
        "`benchmarks/synth.py` (about 3 KB of YAML per incident, like the real data).",
        "",
        *machine(),
        "",
        "**Floor** = the same generated Markdown written as plain files and built by MkDocs with the "
        "same `mkdocs.yml` minus the hook. **Ratio** = generator build / floor build.",
        "",
        "Wall-clock seconds, with CPU seconds (user + system) in brackets: the machine may be shared, "
        "so the CPU ratio is the steadier measure of what our code costs.",
        "",
        "| Incidents | check | check peak | build | build peak | floor | floor peak | ratio (CPU ratio) |"
        " build per incident | floor per incident |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        assert r.check and r.build and r.floor
        lines.append(
            f"| {r.size:,} | {r.check.seconds:.2f} s ({r.check.cpu:.2f}) | {r.check.peak_mb:.0f} MB | "
            f"{r.build.seconds:.1f} s ({r.build.cpu:.1f}) | {r.build.peak_mb:.0f} MB | "
            f"{r.floor.seconds:.1f} s ({r.floor.cpu:.1f}) | {r.floor.peak_mb:.0f} MB | "
            f"{r.build.seconds / r.floor.seconds:.2f} ({r.build.cpu / r.floor.cpu:.2f}) | "
            f"{1000 * r.build.seconds / r.size:.1f} ms | {1000 * r.floor.seconds / r.size:.1f} ms |"
        )
    lines += [
        "",
        "| Incidents | pages | incident page (mean / max) | largest page | site total | search index |"
        " serve rebuild | floor serve rebuild |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        s = r.sizes
        lines.append(
            f"| {r.size:,} | {s['pages']:,.0f} | {s['incident_mean_kb']:.1f} / {s['incident_max_kb']:.1f} KB | "
            f"{s['largest_page_kb']:.0f} KB (`{s['largest_page']}`) | {s['total_mb']:.0f} MB | "
            f"{s['search_index_mb']:.1f} MB | {_cell(r.serve)} | {_cell(r.floor_serve)} |"
        )
    lines += ["", *check_report(results, runs, baseline)]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated incident counts (default: 1000,10000)")
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (default: a temporary folder)")
    parser.add_argument("--no-serve", action="store_true", help="skip the mkdocs serve rebuild measurement")
    parser.add_argument("--serve-up-to", type=int, default=None, metavar="N",
                        help="measure the serve rebuild only for sizes up to N (it costs four more builds)")
    parser.add_argument("--out", type=Path, default=None,
                        help="where to write the results (default: RESULTS.md; with --check-only: check.md)")
    parser.add_argument("--check-runs", type=int, default=5, metavar="N", help="cold check processes per version "
                        "and data style; the median is reported (default: 5)")
    parser.add_argument("--check-only", action="store_true", help="measure `check` only (no build, floor, serve)")
    parser.add_argument("--baseline", type=Path, default=None, metavar="DIR",
                        help="a folder with another version's briefing/ package, measured in the same run")
    args = parser.parse_args()
    if args.out is None:
        args.out = HERE / ("check.md" if args.check_only else "RESULTS.md")
    if args.baseline is not None and not (args.baseline / "briefing" / "__init__.py").exists():
        parser.error(f"--baseline {args.baseline}: no briefing/ package there")
    sizes = [int(s.replace("_", "").replace("k", "000")) for s in args.sizes.split(",") if s.strip()]
    started = dt.datetime.now(dt.UTC)
    work = args.work or Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    results = []
    try:
        for size in sizes:
            serve = not args.no_serve and (args.serve_up_to is None or size <= args.serve_up_to)
            results.append(bench(size, work, serve=serve, check_runs=args.check_runs, baseline=args.baseline,
                                 check_only=args.check_only))
            args.out.write_text(report(results, started, args.check_runs, args.baseline, args.check_only),
                                encoding="utf-8")
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    print(args.out.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
