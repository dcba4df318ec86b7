"""The maps benchmark (benchmarks/maps.py) runs, side by side, and prints its figures; its
data draws every kind of map shape. The figures themselves are never asserted (times
depend on the machine): benchmarks/NOTES.md has them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from briefing.cli import main
from briefing.model.links import Links
from briefing.pipeline import load_dataset
from briefing.render.drawings.maps import Atlas

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "benchmarks"))
import synth  # noqa: E402


def test_the_maps_benchmark_times_both_versions_in_turn_and_prints_per_page_figures(tmp_path: Path) -> None:
    out, figures = tmp_path / "maps.md", tmp_path / "maps.json"
    done = subprocess.run(
        [sys.executable, str(PROJECT / "benchmarks" / "maps.py"), "--incidents", "40", "--before", str(PROJECT),
         "--runs", "2", "--out", str(out), "--json", str(figures)],
        capture_output=True, text=True, timeout=600, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert [line for line in done.stderr.splitlines() if line.startswith("[40]")] == [
        "[40] run 1 of 2: before", "[40] run 1 of 2: after", "[40] run 2 of 2: after", "[40] run 2 of 2: before"]
    printed = done.stdout
    assert printed.strip() == out.read_text(encoding="utf-8").strip()
    rows = [line for line in printed.splitlines() if line.startswith("| 40 |")]
    assert rows[0].startswith("| 40 | before | ") and rows[1].startswith("| 40 | after | ")
    assert " ms** | " in rows[0] and rows[0].endswith(" MB |")
    assert rows[2].startswith("| 40 | 2 | ")  # the ratios, pair by pair
    assert [row.split(" | ")[1] for row in rows[3:]] == ["atlas (once)", "home", "incident", "region", "party"]
    runs = json.loads(figures.read_text(encoding="utf-8"))[0]["runs"]
    for version in ("before", "after"):
        assert len(runs[version]) == 2
        for run in runs[version]:
            assert run["package"] == str(PROJECT / "briefing")
            assert run["pages"]["incident"] == 40 and run["pages"]["home"] == 1
            assert run["calls"]["geometry incident"] == 40 and run["calls"]["markup incident"] == 40
            assert run["bytes"]["incident"] > 40 * 1000 and run["cpu"]["geometry incident"] > 0


def test_the_benchmark_data_has_district_areas_a_stretch_of_border_and_rings(tmp_path: Path) -> None:
    folder = synth.write(tmp_path, 60, places="real")
    assert main(["check", "--data", str(folder)]) == 0  # valid data: every coordinate cited
    data = load_dataset(folder)
    atlas = Atlas(data, Links(data))
    drawn_as = {place.precision for place in atlas.places.values()}
    assert drawn_as == {"exact", "near", "area", "line", "region"}
    # the synthetic districts alone match no boundary: without the real places, no shapes
    plain = load_dataset(synth.write(tmp_path / "plain", 60))
    assert {place.precision for place in Atlas(plain, Links(plain)).places.values()} == {"exact", "near", "region"}
