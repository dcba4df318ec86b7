"""What the maps cost per page, one version of the generator against another, side by side.

    python benchmarks/maps.py --incidents 1000 --incidents 10000 --before /tmp/before
    python benchmarks/maps.py --incidents 1000 --before /tmp/before --runs 5 --out /tmp/maps.md

A whole build at 10,000 incidents takes half an hour on a shared 2-core machine, and the
maps are a part of it; this measures that part alone. For each size it writes one
synthetic dataset (``synth.py --places real``: the synthetic districts plus the real
briefing's, so that district areas, a stretch of border and rings are all drawn) and then
starts, in turn, a process for each version (``--before DIR``: a folder holding that
version's ``briefing/`` package, e.g. a worktree of an older commit; the other version is
this checkout): before, after, after, before, … so that both see the machine alike.

Each process loads the data and plans every page of the site as the build does, with
the garbage collector paused as the build pauses it. Timed there, in CPU seconds of the
process (``time.process_time``: steady when other work shares the machine), are:

* **geometry**: building the atlas (``Atlas``, once per build: every incident's place, districts' areas
  and stretches of border) and every map a page asks for (``Visuals.overview_map``,
  ``incident_map``, ``region_map`` and, where the version has it, ``party_map``);
* **markup**: writing each page's map as the page does (``partials/map.html.j2``: the
  SVG, its legend and the list of what is drawn and what is not), and the finishing pass
  every page body goes through, over those bytes.

It reports, per kind of page with a map (home, incident, region, party), the pages, the
milliseconds per page (median of the runs) and the bytes of map markup per page; then the
ratio after / before of each pair of runs (min, median, max). Nothing here is asserted by
the test suite (tests never assert times). Results and what they mean: ``NOTES.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
sys.path.insert(0, str(HERE))

import synth  # noqa: E402

#: The methods of ``Visuals`` that draw a page's map (``party_map`` is not in every version).
MAP_METHODS = ("overview_map", "incident_map", "region_map", "party_map")
#: The kind of page each of them draws for.
METHOD_KINDS = {"overview_map": "home", "incident_map": "incident", "region_map": "region", "party_map": "party"}
#: Kinds of page with a map, by the first part of their site path.
KINDS = {"index.html": "home", "incidents": "incident", "regions": "region", "parties": "party"}
#: What each kind's page says under its map (the same words for both versions).
CAPTION = "incidents highlighted, other incidents faint."


def _kind(path: str) -> str:
    return KINDS.get(path if "/" not in path else path.split("/", 1)[0], "other")


class _Clock:
    """CPU seconds by what was timed, and wall seconds beside them."""

    def __init__(self) -> None:
        self.cpu: dict[str, float] = defaultdict(float)
        self.wall: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)

    def timed(self, what: str, function: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            cpu, wall = time.process_time(), time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.cpu[what] += time.process_time() - cpu
                self.wall[what] += time.perf_counter() - wall
                self.calls[what] += 1
        return wrapper


def measure(data_dir: Path) -> dict[str, Any]:
    """In this process, with the ``briefing`` package on the path: load, plan every page,
    and time the maps (see the module's docstring). Returns the figures as plain data."""
    import briefing
    from briefing.pipeline import load_dataset
    from briefing.render import plan as plan_module
    from briefing.render.drawings import visuals
    from briefing.render.environment import site_environment
    from briefing.render.html import finish
    from briefing.render.page import Here

    started = time.process_time()
    data = load_dataset(data_dir)
    gc.collect()
    gc.freeze()
    gc.disable()  # as the build does while it generates (briefing/gc_pause.py)
    clock = _Clock()
    patched = [(visuals.Atlas, "__init__", "atlas"),
               *((visuals.Visuals, name, METHOD_KINDS[name]) for name in MAP_METHODS if hasattr(visuals.Visuals, name))]
    originals = [getattr(owner, name) for owner, name, _ in patched]
    for owner, name, what in patched:
        setattr(owner, name, clock.timed(f"geometry {what}", getattr(owner, name)))
    try:
        contexts = plan_module.SitePlan(data, "Synthetic briefing").pages()
    finally:
        for (owner, name, _), method in zip(patched, originals, strict=True):
            setattr(owner, name, method)
    template = site_environment().get_template("partials/map.html.j2")
    pages: dict[str, int] = defaultdict(int)
    drawn: dict[str, int] = defaultdict(int)
    size: dict[str, int] = defaultdict(int)
    for path, context in contexts.items():
        view = getattr(context, "map", None)
        if view is None:
            continue
        kind = _kind(path)
        html = clock.timed(f"markup {kind}", lambda context: finish(template.render(
            page=Here(context.path, context.sources, context.authors), view=context.map, caption=CAPTION)).html)(context)
        pages[kind] += 1
        drawn[kind] += view.drawing is not None
        size[kind] += len(html.encode())
    return {
        "package": str(Path(briefing.__file__).parent), "pages_planned": len(contexts),
        "pages": dict(pages), "drawn": dict(drawn), "bytes": dict(size),
        "cpu": dict(clock.cpu), "wall": dict(clock.wall), "calls": dict(clock.calls),
        "process_cpu": time.process_time() - started,
    }


# --- the side-by-side run (parent process) ---------------------------------------------------


def _run(tree: Path, data_dir: Path) -> dict[str, Any]:
    """One measuring process with ``tree``'s ``briefing`` package first on the path."""
    env = dict(os.environ, PYTHONSAFEPATH="1", PYTHONPATH=str(tree))
    done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--measure", str(data_dir)],
                          env=env, cwd=tempfile.gettempdir(), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"maps benchmark: the run of {tree} failed:\n{done.stderr[-4000:]}")
    figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    expected = (tree / "briefing").resolve()
    if Path(figures["package"]).resolve() != expected:
        raise SystemExit(f"maps benchmark: measured {figures['package']}, not {expected}")
    return figures


def side_by_side(incidents: int, before: Path, after: Path, runs: int, work: Path) -> dict[str, Any]:
    """``runs`` processes of each version on one dataset, in the order B A A B B A …"""
    data_dir = synth.write(work / f"n{incidents}", incidents, places="real")
    results: dict[str, list[dict[str, Any]]] = {"before": [], "after": []}
    load = [os.getloadavg()[0]]
    for round_ in range(runs):
        order = ("before", "after") if round_ % 2 == 0 else ("after", "before")
        for version in order:
            print(f"[{incidents:,}] run {round_ + 1} of {runs}: {version}", file=sys.stderr, flush=True)
            results[version].append(_run(before if version == "before" else after, data_dir))
            load.append(os.getloadavg()[0])
    return {"incidents": incidents, "runs": results, "load": load}


def _cpu(run: dict[str, Any], what: str = "") -> float:
    """CPU seconds of everything timed whose name starts with ``what`` ("geometry", "markup home", …)."""
    return float(sum(seconds for name, seconds in run["cpu"].items() if name.startswith(what)))


def _pages(run: dict[str, Any]) -> int:
    return int(sum(run["pages"].values()))


def _median(runs: list[dict[str, Any]], what: str = "") -> float:
    return statistics.median(_cpu(run, what) for run in runs)


def report(measured: list[dict[str, Any]], started: dt.datetime) -> str:
    lines = [
        f"`python benchmarks/maps.py` on {started:%Y-%m-%d %H:%M} (UTC), {os.cpu_count()} cores; CPU seconds of "
        "the measuring process, median of the runs; **ratio** = after / before, pair by pair (min, median, max).",
        "",
        "| incidents | version | pages with a map (drawn) | geometry | markup | **per page** | map bytes per page "
        "| map bytes, all pages |",
        "|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for m in measured:
        for version in ("before", "after"):
            runs = m["runs"][version]
            first = runs[0]
            pages = _pages(first)
            total_bytes = sum(first["bytes"].values())
            lines.append(
                f"| {m['incidents']:,} | {version} | {pages:,} ({sum(first['drawn'].values()):,}) | "
                f"{_median(runs, 'geometry'):.2f} s | {_median(runs, 'markup'):.2f} s | "
                f"**{1000 * _median(runs) / pages:.2f} ms** | {total_bytes / pages:,.0f} B | {total_bytes / 1e6:.2f} MB |")
    lines += ["", "| incidents | runs | ratio per page (CPU) | ratio, geometry | ratio, markup | ratio, bytes per page "
              "| load average (1 min) during the runs |", "|---:|---:|---:|---:|---:|---:|---:|"]
    for m in measured:
        pairs = list(zip(m["runs"]["before"], m["runs"]["after"], strict=True))

        def ratios(what: str, pairs: list[tuple[dict[str, Any], dict[str, Any]]] = pairs) -> str:
            found = sorted((_cpu(a, what) / _pages(a)) / (_cpu(b, what) / _pages(b)) for b, a in pairs)
            return f"{found[0]:.2f}, **{statistics.median(found):.2f}**, {found[-1]:.2f}"

        b, a = pairs[0]
        weight = (sum(a["bytes"].values()) / _pages(a)) / (sum(b["bytes"].values()) / _pages(b))
        lines.append(f"| {m['incidents']:,} | {len(pairs)} | {ratios('')} | {ratios('geometry')} | "
                     f"{ratios('markup')} | {weight:.2f} | {min(m['load']):.1f}–{max(m['load']):.1f} |")
    lines += ["", "By kind of page: pages, CPU ms per page (geometry + markup, median of the runs; the atlas, "
              "built once per build, is on a line of its own), map bytes per page.", "",
              "| incidents | kind | before: pages, ms, bytes | after: pages, ms, bytes |", "|---:|---|---:|---:|"]
    for m in measured:
        cells = [f"{1000 * _median(m['runs'][version], 'geometry atlas'):.0f} ms" for version in ("before", "after")]
        lines.append(f"| {m['incidents']:,} | atlas (once) | {cells[0]} | {cells[1]} |")
        for kind in KINDS.values():
            cells = []
            for version in ("before", "after"):
                runs = m["runs"][version]
                pages = runs[0]["pages"].get(kind, 0)
                ms = 1000 * statistics.median(_cpu(r, f"geometry {kind}") + _cpu(r, f"markup {kind}") for r in runs)
                cells.append("—" if not pages else f"{pages:,}, {ms / pages:.2f} ms, {runs[0]['bytes'][kind] / pages:,.0f} B")
            lines.append(f"| {m['incidents']:,} | {kind} | {cells[0]} | {cells[1]} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--incidents", type=int, action="append", help="dataset size (repeat for several)")
    parser.add_argument("--before", type=Path, help="a folder holding the other version's briefing/ package")
    parser.add_argument("--after", type=Path, default=PROJECT, help="the version to compare (default: this checkout)")
    parser.add_argument("--runs", type=int, default=3, help="processes per version and size (default: 3)")
    parser.add_argument("--out", type=Path, help="also write the tables here")
    parser.add_argument("--json", type=Path, help="also write every run's figures here")
    parser.add_argument("--measure", type=Path, metavar="DATA", help=argparse.SUPPRESS)  # one measuring process
    args = parser.parse_args()
    if args.measure is not None:
        print(json.dumps(measure(args.measure)))
        return
    if not args.incidents or args.before is None:
        parser.error("give --incidents N (one or more) and --before DIR")
    for tree in (args.before, args.after):
        if not (tree / "briefing" / "__init__.py").exists():
            parser.error(f"{tree}: no briefing/ package there")
    started = dt.datetime.now(dt.UTC)
    with tempfile.TemporaryDirectory(prefix="briefing-maps-") as work:
        measured = [side_by_side(n, args.before, args.after, args.runs, Path(work)) for n in args.incidents]
    text = report(measured, started)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps(measured, indent=1), encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
