"""Scale and speed benchmark: the generator against plain MkDocs, side by side.

    python benchmarks/run.py --sizes 1000,10000          # the acceptance run
    python benchmarks/run.py --sizes 1000,10000 --serve-up-to 1000   # shorter
    python benchmarks/run.py --sizes 50000 --no-serve    # 50k is opt-in (much longer)
    python benchmarks/run.py --check-only --baseline /tmp/before   # `check` alone, before → after
    python benchmarks/run.py --preview-only --sizes real,1000,10000  # check, build and preview only

For each size N (``real``: the project's own data) it writes a synthetic dataset (``benchmarks/synth.py``) into a scratch
copy of the project and measures, each in its own process (time, CPU time, peak memory):

* ``python -m briefing check``, started cold as a pull-request check starts it: the median
  of ``--check-runs`` processes (default 5), for the data written one JSON object per line
  (synth's default) and the same data as block YAML (as analysts write it); with
  ``--baseline DIR`` (a folder holding another version's ``briefing/`` package, e.g. from
  ``git archive REV briefing | tar -x -C DIR``) that version too, runs interleaved;
* ``mkdocs build --strict`` of the site;
* the **reference**: plain MkDocs (same ``mkdocs.yml``, theme and plugins, no hook)
  laying out as many plain Markdown pages as our site has, each holding as much visible
  text as our mean incident page: the cost of pages with no features at all. Our maps,
  tables, footnotes and cross-links should cost nothing beyond it (**ratio** = build /
  reference, in CPU seconds);
* the old **floor**: our own generated pages written as files and built by plain MkDocs
  (what MkDocs costs for our pages as they are);
* the **preview**: the README's command (``python -m briefing serve``) running; five kinds
  of edit to one incident saved in turn (title, summary, a new incident, a deleted one, a
  moved place); the time until the served page shows each, and the server's peak memory
  (``benchmarks/preview.py``);
* page sizes: mean and largest incident page, largest page, site total, search index.

Results go to ``benchmarks/RESULTS.md`` with the machine and the versions. CPU seconds are
the steady measure on a shared machine. Nothing here is asserted by the test suite
(tests never assert times).
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import os
import platform
import random
import re
import shutil
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
from preview import KINDS, PreviewRun, measure_preview  # noqa: E402

sys.path.insert(0, str(PROJECT / "tests"))
from sitetools import make_project  # noqa: E402  (one way to copy the project, shared with the tests)

from briefing.pipeline import load_dataset  # noqa: E402
from briefing.render.renderer import render_pages  # noqa: E402

#: The size that stands for the project's own data (``--sizes real``).
REAL = 0
#: RESULTS.md's preview section: ``--preview-only`` rewrites it alone.
PREVIEW_HEADING = "## Preview, check and memory against the targets"


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


def _without_hook(project: Path, dest: Path) -> None:
    """``mkdocs.yml`` of ``project`` with no hook, written to ``dest``."""
    config, hooks_removed = re.subn(r"(?m)^hooks:\n(?: *- .*\n)+", "", (project / "mkdocs.yml").read_text(encoding="utf-8"))
    if not hooks_removed:
        raise SystemExit("benchmark: could not find the hooks: list in mkdocs.yml to remove")
    # what the adapter keeps out of the nav (briefing.mkdocs_adapter.files.in_nav), as patterns
    config += "\nnot_in_nav: |\n  /*/*.md\n  !/*/index.md\n  *--*.md\n"
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")


def _write_pages(dest: Path, pages: dict[str, str]) -> None:
    for path, body in pages.items():
        target = dest / "docs" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(body, encoding="utf-8")


def _fresh_copy(project: Path, dest: Path) -> None:
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(project / "docs", dest / "docs")
    shutil.copytree(project / "overrides", dest / "overrides")
    _without_hook(project, dest)


def generated_pages(project: Path) -> dict[str, str]:
    """Our generated pages' bodies (HTML) by site path, as the build renders them."""
    site_name = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))["site_name"]
    return render_pages(load_dataset(project / "data", display_root=project), site_name)


def make_floor(project: Path, dest: Path, pages: dict[str, str]) -> Path:
    """Our own generated pages written as files (their HTML in Markdown files), built by
    plain MkDocs: the old floor, what MkDocs costs for our pages as they are."""
    _fresh_copy(project, dest)
    _write_pages(dest, {path.removesuffix(".html") + ".md": body for path, body in pages.items()})
    return dest


_WORDS = ["ceasefire", "positions", "direction", "village", "border", "section", "reported", "ministry", "statement", "soldiers", "wounded", "district", "artillery", "peacekeepers", "line", "contact", "agreement", "clause", "milestone", "source"]


def _plain_text(rng: random.Random, chars: int) -> str:
    """Plain Markdown of about ``chars`` visible characters: a title, sections, paragraphs."""
    lines, size, section = [f"# {' '.join(rng.choice(_WORDS) for _ in range(6)).capitalize()}", ""], 0, 0
    while size < chars:
        if size >= section * 800:
            section += 1
            heading = f"Section {section} {rng.choice(_WORDS)}"
            lines += [f"## {heading}", ""]
            size += len(heading)
        paragraph = " ".join(rng.choice(_WORDS) for _ in range(40)).capitalize() + "."
        lines += [paragraph, ""]
        size += len(paragraph)
    return "\n".join(lines)


def make_reference(project: Path, dest: Path, paths: list[str], chars: int) -> Path:
    """As many plain Markdown pages as our site has, each with ``chars`` visible characters,
    at the same addresses (so ``not_in_nav`` applies as for ours), built by plain MkDocs."""
    _fresh_copy(project, dest)
    rng = random.Random(1)
    _write_pages(dest, {path.removesuffix(".html") + ".md": _plain_text(rng, chars) for path in paths})
    return dest


_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)


def visible_chars(page: Path) -> int:
    """Characters a reader sees in a page's article (tags and runs of white space removed)."""
    match = _ARTICLE.search(page.read_text(encoding="utf-8"))
    text = re.sub(r"<[^>]+>", " ", match.group(1) if match else "")
    return len(" ".join(html.unescape(text).split()))


def site_sizes(site: Path) -> dict[str, float]:
    """Sizes a reader downloads: incident pages, the largest page, everything, search index."""
    incident_pages = [p for p in (site / "incidents").glob("*.html") if not p.name.startswith("index")]
    sizes = [p.stat().st_size for p in incident_pages]
    pages = [(p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html")]
    largest = max(pages)
    index = site / "search" / "search_index.json"
    return {
        "pages": len(pages),
        "incident_mean_kb": sum(sizes) / len(sizes) / 1024,
        "incident_max_kb": max(sizes) / 1024,
        "incident_visible_chars": sum(visible_chars(p) for p in incident_pages[:200]) / min(200, len(incident_pages)),
        "largest_page_kb": largest[0] / 1024,
        "largest_page": largest[1],  # type: ignore[dict-item]
        "total_mb": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1024**2,
        "search_index_mb": index.stat().st_size / 1024**2 if index.exists() else 0.0,
    }


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
    reference: Run | None = None
    floor: Run | None = None
    sizes: dict[str, float] = field(default_factory=dict)
    preview: PreviewRun | None = None


def _require(run: Run, what: str) -> Run:
    if run.returncode != 0:
        raise SystemExit(f"benchmark: {what} failed (exit {run.returncode}):\n{run.output[-4000:]}")
    return run


def measure_checks(result: Result, project: Path, work: Path, runs: int, baseline: Path | None) -> None:
    """Cold ``check`` runs of this version (and of ``baseline``), on both data styles, interleaved."""
    styles = {"json": project / "data"}
    if result.size == REAL:
        styles = {"block": project / "data"}
    else:
        styles["block"] = synth.write(work / f"n{result.size}" / "block", result.size, style="block")
    versions = {"this": mkdocs_env()}
    if baseline is not None:
        versions["baseline"] = dict(mkdocs_env(), PYTHONPATH=str(baseline.resolve()))
    for _ in range(runs):
        for version, env in versions.items():
            for style, data in styles.items():
                command = [sys.executable, "-m", "briefing", "check", "--data", str(data)]
                run = _require(measure(command, project, env), f"check ({version}, {style})")
                result.checks.setdefault((version, style), CheckRuns()).runs.append(run)
    ours = result.checks["this", next(iter(styles))]
    result.check = min(ours.runs, key=lambda run: abs(run.seconds - ours.median("seconds")))  # for the main table


def bench(size: int, work: Path, serve: bool, check_runs: int = 5, baseline: Path | None = None,
          check_only: bool = False, preview_only: bool = False) -> Result:
    result = Result(size)
    name = _name(size)
    print(f"[{name}] writing the dataset", flush=True)
    if size == REAL:
        project = work / "real" / "project"
        shutil.rmtree(project, ignore_errors=True)
        make_project(project)
    else:
        project = make_synthetic_project(work / f"n{size}" / "project", size)
    env = mkdocs_env()
    build = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    print(f"[{name}] check ({check_runs} cold runs of each version and data style)", flush=True)
    measure_checks(result, project, work, check_runs, baseline)
    assert result.check is not None
    if check_only:
        return result
    print(f"[{name}] build ({result.check.seconds:.1f} s check)", flush=True)
    result.build = _require(measure(build, project, env), "build")
    result.sizes = site_sizes(project / "site")
    if not preview_only:
        _measure_references(result, project, work)
    shutil.rmtree(project / "site", ignore_errors=True)
    if serve:
        print(f"[{name}] preview", flush=True)
        result.preview = measure_preview(project)
    return result


def _name(size: int) -> str:
    return "real data" if size == REAL else f"{size:,}"


def _measure_references(result: Result, project: Path, work: Path) -> None:
    """The reference and floor builds beside ours (see the module's docstring)."""
    env, size = mkdocs_env(), result.size
    build = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    ours = sorted(p.relative_to(project / "site").as_posix() for p in (project / "site").rglob("*.html")
                  if p.name != "404.html")
    generated = [path for path in ours if path not in ("about.html", "contribute.html")]
    assert result.build is not None
    print(f"[{size}] reference ({result.build.seconds:.1f} s build, {len(ours)} pages)", flush=True)
    reference = make_reference(project, work / f"n{size}" / "reference", generated, int(result.sizes["incident_visible_chars"]))
    result.reference = _require(measure(build, reference, env), "reference build")
    shutil.rmtree(reference, ignore_errors=True)
    print(f"[{size}] floor ({result.reference.seconds:.1f} s reference)", flush=True)
    floor = make_floor(project, work / f"n{size}" / "floor", generated_pages(project))
    result.floor = _require(measure(build, floor, env), "floor build")
    shutil.rmtree(floor, ignore_errors=True)


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


def check_report(results: list[Result], runs: int, baseline: Path | None) -> list[str]:
    """The cold ``check`` table: median wall (CPU) seconds and peak memory, per version and style."""
    versions = ["this", "baseline"] if baseline is not None else ["this"]
    header = " | ".join(f"{style} {version} | peak" for version in versions for style in ("json", "block"))
    lines = [
        f"`python -m briefing check`, started cold: median of {runs} processes, wall seconds with CPU seconds "
        "(user + system, both processes when a file is read in two halves) in brackets. **json**: the synthetic "
        "data as written by `synth.py` (one JSON object per line); **block**: the same records as block YAML, "
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
        "# Scale and speed benchmark results",
        "",
        f"Written by `python benchmarks/run.py --sizes {','.join(str(r.size) for r in results)}` "
        f"on {started:%Y-%m-%d} (UTC); the whole run took "
        f"{(dt.datetime.now(dt.UTC) - started).total_seconds() / 60:.0f} minutes. Synthetic data from "
        "`benchmarks/synth.py` (about 3 KB of YAML per incident, like the real data).",
        "",
        *machine(),
        "",
        "**Reference** = plain MkDocs with the same `mkdocs.yml` (theme, plugins) and no hook, laying out as many "
        "plain Markdown pages as our site has, each with as much visible text as our mean incident page. "
        "**Floor** = our generated pages written as files and built by plain MkDocs. **Ratio** = our build / "
        "reference, in CPU seconds (user + system: the steady measure on a shared machine; wall seconds beside).",
        "",
        "| Incidents | pages | check (peak) | build CPU (wall, peak) | reference CPU (wall, peak) | **ratio** |"
        " floor CPU (wall, peak) | build / floor | preview (`python -m briefing serve`, a title edited) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        assert r.check and r.build and r.reference and r.floor
        preview = "—" if r.preview is None else _latency(r.preview, "title")
        lines.append(
            f"| {r.size:,} | {r.sizes['pages']:,.0f} | {r.check.seconds:.2f} s ({r.check.peak_mb:.0f} MB) | "
            f"{r.build.cpu:.1f} s ({r.build.seconds:.1f} s, {r.build.peak_mb:.0f} MB) | "
            f"{r.reference.cpu:.1f} s ({r.reference.seconds:.1f} s, {r.reference.peak_mb:.0f} MB) | "
            f"**{r.build.cpu / r.reference.cpu:.2f}** | "
            f"{r.floor.cpu:.1f} s ({r.floor.seconds:.1f} s, {r.floor.peak_mb:.0f} MB) | "
            f"{r.build.cpu / r.floor.cpu:.2f} | {preview} |"
        )
    lines += [
        "",
        "| Incidents | build per page | reference per page | incident page (mean / max) | visible text per incident page |"
        " largest page | site total | search index |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        s = r.sizes
        assert r.build and r.reference
        lines.append(
            f"| {r.size:,} | {1000 * r.build.cpu / s['pages']:.2f} ms | {1000 * r.reference.cpu / s['pages']:.2f} ms | "
            f"{s['incident_mean_kb']:.1f} / {s['incident_max_kb']:.1f} KB | {s['incident_visible_chars']:,.0f} chars | "
            f"{s['largest_page_kb']:.0f} KB (`{s['largest_page']}`) | {s['total_mb']:.0f} MB | {s['search_index_mb']:.2f} MB |"
        )
    lines += ["", *check_report(results, runs, baseline), "", *preview_report(results, runs)]
    return "\n".join(lines) + "\n"


def _latency(run: PreviewRun, kind: str) -> str:
    seconds, cpu = run.edits[kind]
    return f"{seconds:.2f} s ({cpu:.2f})"


#: The targets (issue 21, point 4): an edit shown within these seconds, by size.
PREVIEW_TARGET = {REAL: 1.0, 1000: 2.0, 10000: 3.0}


def preview_report(results: list[Result], runs: int) -> list[str]:
    """The section on the targets: the README's preview command, ``check``, peak memory."""
    lines = [
        PREVIEW_HEADING,
        "",
        "The preview as the README starts it (`python -m briefing serve`, `benchmarks/preview.py`): once it "
        "serves the site, five edits to one incident are saved in turn, and each cell is the wall seconds from "
        "the save until the served page shows the edit (CPU seconds of the server meanwhile in brackets); "
        "**first build** is from the command's start until the page is served. **check**: the median of "
        f"{runs} cold `python -m briefing check` processes. Peaks are resident memory (the build by GNU time, "
        "the preview's `VmHWM` after the five edits). Targets: an edit shown within 1 s on the real data, "
        "2 s at 1,000 incidents, 3 s at 10,000; `check` under 2 s at 10,000; both peaks under 1 GB at 10,000.",
        "",
        "| Incidents | target | " + " | ".join(KINDS) + " | first build | preview peak | build wall (CPU, peak) "
        "| check (peak) |",
        "|---|---:|" + "---:|" * len(KINDS) + "---:|---:|---:|---:|",
    ]
    for r in results:
        if r.preview is None or r.build is None or r.check is None:
            continue
        target = PREVIEW_TARGET.get(r.size)
        lines.append(
            f"| {_name(r.size)} | {'—' if target is None else f'{target:.0f} s'} | "
            + " | ".join(_latency(r.preview, kind) for kind in KINDS)
            + f" | {r.preview.startup:.1f} s | {r.preview.peak_mb:.0f} MB | {r.build.seconds:.1f} s "
            f"({r.build.cpu:.1f} s, {r.build.peak_mb:.0f} MB) | {r.check.seconds:.2f} s ({r.check.peak_mb:.0f} MB) |"
        )
    return lines


def write_preview_section(out: Path, results: list[Result], runs: int, started: dt.datetime) -> None:
    """``--preview-only``: replace RESULTS.md's preview section (or add it) and keep the rest;
    rows for sizes this run did not measure stay, with the line saying when they were written."""
    text = out.read_text(encoding="utf-8") if out.exists() else "# Scale and speed benchmark results\n"
    head, _, rest = text.partition(PREVIEW_HEADING)
    tail = rest[rest.find("\n## "):] if "\n## " in rest else ""
    ours = {_name(r.size) for r in results}
    kept = [line for line in rest[:len(rest) - len(tail)].splitlines()
            if (line.startswith("| ") and line.split("|")[1].strip() not in ours | {"Incidents"})
            or line.startswith("Rows for ")]
    sizes = ",".join("real" if r.size == REAL else str(r.size) for r in results)
    table = preview_report(results, runs)
    section = "\n".join([
        PREVIEW_HEADING, "", *table[2:6],
        *[line for line in kept if not line.startswith("Rows for ")], *table[6:], "",
        *[line for line in kept if line.startswith("Rows for ")],
        f"Rows for {', '.join(sorted(ours))} written by `python benchmarks/run.py --preview-only --sizes {sizes} "
        f"--check-runs {runs}` on {started:%Y-%m-%d %H:%M} (UTC) in "
        f"{(dt.datetime.now(dt.UTC) - started).total_seconds() / 60:.0f} minutes; load average then "
        f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}.",
        "", *machine()[:2],
    ]) + "\n"
    out.write_text(head.rstrip("\n") + "\n\n" + section + tail, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated incident counts (default: 1000,10000)")
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (default: a temporary folder)")
    parser.add_argument("--no-serve", action="store_true", help="skip the preview (python -m briefing serve) measurement")
    parser.add_argument("--preview-only", action="store_true", help="measure check, build and the preview only, and "
                        "rewrite only the preview section of RESULTS.md")
    parser.add_argument("--serve-up-to", type=int, default=None, metavar="N",
                        help="measure the preview only for sizes up to N")
    parser.add_argument("--out", type=Path, default=None,
                        help="where to write the results (default: RESULTS.md; with --check-only: check.md)")
    parser.add_argument("--check-runs", type=int, default=5, metavar="N", help="cold check processes per version "
                        "and data style; the median is reported (default: 5)")
    parser.add_argument("--check-only", action="store_true", help="measure `check` only (no build, reference, floor, preview)")
    parser.add_argument("--baseline", type=Path, default=None, metavar="DIR",
                        help="a folder with another version's briefing/ package, measured in the same run")
    args = parser.parse_args()
    if args.out is None:
        args.out = HERE / ("check.md" if args.check_only else "RESULTS.md")
    if args.baseline is not None and not (args.baseline / "briefing" / "__init__.py").exists():
        parser.error(f"--baseline {args.baseline}: no briefing/ package there")
    sizes = [REAL if s.strip() == "real" else int(s.replace("_", "").replace("k", "000"))
             for s in args.sizes.split(",") if s.strip()]
    started = dt.datetime.now(dt.UTC)
    work = args.work or Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    results = []
    try:
        for size in sizes:
            serve = not args.no_serve and (args.serve_up_to is None or size <= args.serve_up_to)
            results.append(bench(size, work, serve=serve, check_runs=args.check_runs, baseline=args.baseline,
                                 check_only=args.check_only, preview_only=args.preview_only))
            if args.preview_only:
                write_preview_section(args.out, results, args.check_runs, started)
            else:
                args.out.write_text(report(results, started, args.check_runs, args.baseline, args.check_only),
                                    encoding="utf-8")
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    print(args.out.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
