"""Build-time cost of the maps and timeline charts, measured side by side.

    python benchmarks/visuals.py --incidents 2000 [--incidents 10000 ...]

For a synthetic dataset (benchmarks/synth.py) this plans and renders every page twice in
the same process: once as the site does, and once with the maps and charts switched off
(the :class:`briefing.render.drawings.visuals.Visuals` methods return empty drawings). It prints
both times, their ratio, and the bytes the pictures add (every map carries its own
clipped outlines inline, so there is no shared basemap file any more). The ratio is what
to compare against the scale targets; absolute seconds depend on the machine, so no test
asserts them.

Measured on the 2-core development machine, shared and under load (render stage only,
median of 3): 2000 incidents (3108 pages) 11.59 s without pictures, 19.92 s with them
(ratio 1.72, +22.7 MB of HTML: each incident page carries its own locator map, about
11 kB with outlines, inset, legend and counted neighbours, instead of fetching a shared
37 kB basemap).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import generate

from briefing.model.links import Links
from briefing.pipeline import load_dataset
from briefing.render import plan as plan_module
from briefing.render import planning
from briefing.render.drawings import visuals
from briefing.render.renderer import render


def _off(*_args: Any, **_kwargs: Any) -> Any:
    return None


class _NoVisuals(visuals.Visuals):
    """The site without pictures: same pages, no map drawing, no charts."""

    def _empty(self, incidents: list[Any]) -> visuals.MapView:
        return visuals.MapView(_EMPTY, [], [])

    def overview_map(self, href: Any) -> visuals.MapView:
        return self._empty([])

    def incident_map(self, incident: Any, href: Any) -> visuals.MapView:
        return self._empty([])

    def region_map(self, region: Any, href: Any) -> visuals.MapView:
        return self._empty([])

    def party_map(self, party: Any, incidents: Any, href: Any) -> visuals.MapView:
        return self._empty([])

    chronology_chart = region_chart = clause_chart = _off  # type: ignore[assignment]


_EMPTY: Any = None


def _render(data: Any, with_visuals: bool) -> tuple[float, int]:
    original = planning.Visuals
    if not with_visuals:
        planning.Visuals = _NoVisuals  # type: ignore[misc]
    try:
        start = time.perf_counter()
        pages = {path: render(context).html for path, context in plan_module.SitePlan(data).pages().items()}
        elapsed = time.perf_counter() - start
    finally:
        planning.Visuals = original  # type: ignore[misc]
    return elapsed, sum(len(html.encode()) for html in pages.values())


def main() -> None:
    global _EMPTY
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--incidents", type=int, action="append", required=True)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print("incidents  pages  render_s(no visuals)  render_s(visuals)  ratio  +MB")
    for count in args.incidents:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "data"
            folder.mkdir()
            for kind, text in generate(count).items():
                (folder / f"{kind}.yaml").write_text(text, encoding="utf-8")
            data = load_dataset(folder)
        real = visuals.Visuals(data, Links(data))
        drawing = real.overview_map(lambda r: "").drawing
        from dataclasses import replace
        blank = {"zones": ()} if hasattr(drawing, "zones") else {}  # areas and stretches of border, too
        _EMPTY = replace(drawing, land=(), countries=(), marks=(), labels=(), inset=None, legend=(), area=None,
                         **blank)
        without, with_ = [], []
        size_without = size_with = 0
        for _ in range(args.repeat):  # interleaved, so both see the same machine state
            seconds, size_without = _render(data, False)
            without.append(seconds)
            seconds, size_with = _render(data, True)
            with_.append(seconds)
        a, b = statistics.median(without), statistics.median(with_)
        pages = len(plan_module.SitePlan(data).pages())
        print(f"{count:9d}  {pages:5d}  {a:20.2f}  {b:17.2f}  {b / a:5.2f}  {(size_with - size_without) / 1e6:.1f}")


if __name__ == "__main__":
    main()
