"""Build-time cost of the maps and timeline charts, measured side by side.

    python benchmarks/visuals.py --incidents 2000 [--incidents 10000 ...]

For a synthetic dataset (benchmarks/synth.py) this renders every page twice in the same
process: once as the site does, and once with the maps and charts switched off (the
:class:`briefing.visuals.Visuals` methods return nothing). It prints both times, their
ratio, the time to draw the shared basemap, and the bytes the pictures add. The ratio is
what to compare against the scale targets; absolute seconds depend on the machine, so no
test asserts them.

Measured on the 2-core development machine (2026-11-25, render stage only, median of 3):
2000 incidents (3013 pages) 3.88 s without pictures, 5.15 s with them (ratio 1.33,
+7.7 MB of Markdown); 10000 incidents (16962 pages, one run, machine under load)
ratio 1.49, +39.8 MB. Drawing the shared basemap and incident layer: 0.06-0.25 s.
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

from briefing.render.pages import Renderer
from synth import generate

from briefing.model.links import Links
from briefing.pipeline import load_dataset
from briefing.render import visuals


def _off(*_args: Any, **_kwargs: Any) -> Any:
    return None


class _NoVisuals(visuals.Visuals):
    """The site without pictures: same pages, no SVG, no data tables for charts."""

    def overview_map(self, href: Any) -> visuals.MapView:
        return visuals.MapView("", [], [])

    def incident_map(self, incident: Any, href: Any) -> visuals.MapView:
        return visuals.MapView("", [], [])

    def region_map(self, region: Any, href: Any) -> visuals.MapView:
        return visuals.MapView("", [], [])

    chronology_chart = region_chart = clause_chart = _off  # type: ignore[assignment]


def _render(data: Any, with_visuals: bool) -> tuple[float, int]:
    original = visuals.Visuals
    if not with_visuals:
        import briefing.render.pages as render_module
        render_module.Visuals = _NoVisuals  # type: ignore[misc]
    try:
        start = time.perf_counter()
        renderer = Renderer(data)
        pages = renderer.pages()
        home = renderer.home_summary()
        assets = renderer.assets() if with_visuals else {}
        elapsed = time.perf_counter() - start
    finally:
        import briefing.render.pages as render_module
        render_module.Visuals = original  # type: ignore[misc]
    size = sum(len(p.encode()) for p in pages.values()) + len(home.encode()) + sum(len(a.encode()) for a in assets.values())
    return elapsed, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--incidents", type=int, action="append", required=True)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print("incidents  pages  render_s(no visuals)  render_s(visuals)  ratio  basemap_s  +MB")
    for count in args.incidents:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "data"
            folder.mkdir()
            for kind, text in generate(count).items():
                (folder / f"{kind}.yaml").write_text(text, encoding="utf-8")
            data = load_dataset(folder)
        without, with_ = [], []
        size_without = size_with = 0
        for _ in range(args.repeat):  # interleaved, so both see the same machine state
            seconds, size_without = _render(data, False)
            without.append(seconds)
            seconds, size_with = _render(data, True)
            with_.append(seconds)
        start = time.perf_counter()
        visuals.Visuals(data, Links(data)).assets()
        basemap = time.perf_counter() - start
        a, b = statistics.median(without), statistics.median(with_)
        pages = len(Renderer(data).pages())
        print(f"{count:9d}  {pages:5d}  {a:20.2f}  {b:17.2f}  {b / a:5.2f}  {basemap:9.3f}  "
              f"{(size_with - size_without) / 1e6:.1f}")


if __name__ == "__main__":
    main()
