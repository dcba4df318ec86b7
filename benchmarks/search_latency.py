"""Time to first search result in the offline site (file://), at a given dataset size.

    python benchmarks/search_latency.py                     # the real data
    python benchmarks/search_latency.py --incidents 10000   # synthetic (benchmarks/synth.py)
    python benchmarks/search_latency.py --site DIR          # an already built site/ folder

Opened from disk, Material's search builds its lunr index in a web worker at every page
load, so a reader who opens a page and types at once waits for that build. This script
builds the site once (``mkdocs build --strict``), then for each query opens
``index.html`` from ``file://`` in Debian's Chromium, types the query as soon as the
page has loaded and records:

* ``first_result_s``: from navigation start to the first result on screen (what the
  reader waits), and
* ``after_typing_s``: from the last keystroke to that result.

It also reports the index size and how many documents it holds. The median of
``--repeat`` runs is printed as one JSON object (append it to benchmarks/READERS.md).
Machine speed varies, so compare numbers measured side by side on one machine.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def build(data: Path, dest: Path) -> tuple[Path, float]:
    """A copy of the project with ``data`` as its data/, built strictly; returns site/ and seconds."""
    for name in ("docs", "hooks", "overrides"):
        shutil.copytree(PROJECT / name, dest / name)
    shutil.copytree(PROJECT / "briefing" / "templates", dest / "briefing" / "templates")
    shutil.copy2(PROJECT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(data, dest / "data")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONSAFEPATH": "1"}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=dest, env=env, check=True)
    return dest / "site", time.perf_counter() - start


def queries(data: Path) -> list[str]:
    """A region's name and a party's name taken from the data, as a reader would type them."""
    import yaml

    regions = yaml.load((data / "regions.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    incidents = yaml.load((data / "incidents.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    parties = yaml.load((data / "parties.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    last = incidents[-1]
    region = next(r for r in regions if r["id"] == last["regions"][0])
    party = next(p for p in parties if p["id"] == last["claims"][0]["party"])
    return [region["names"][0]["name"].split()[0], party["name"].split()[0]]


def measure(site: Path, query: str, browser: Any) -> dict[str, float]:
    page = browser.new_page()
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("file:", "data:", "blob:")) else None)
    start = time.perf_counter()
    page.goto((site / "index.html").as_uri())
    page.wait_for_load_state("load")
    page.click(".md-search__input")
    page.keyboard.type(query)
    # Letters missing from a US keyboard are typed without key events; the search box
    # listens to keyup, which a reader's own keyboard sends: one key more.
    page.keyboard.press("End")
    typed = time.perf_counter()
    page.wait_for_selector(".md-search-result__item", timeout=120_000)
    done = time.perf_counter()
    page.close()
    if outside:
        raise SystemExit(f"requests left file://: {outside}")
    return {"first_result_s": done - start, "after_typing_s": done - typed}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--incidents", type=int, help="build a synthetic dataset of this many incidents")
    parser.add_argument("--site", type=Path, help="measure an already built site/ (its project holds data/)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--queries", nargs="+", help="the queries to time (default: a region's and a party's "
                        "name from the data), e.g. a place's names in every script: Шуша Şuşa Shushi Շուշի")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="search-latency-") as scratch:
        work = Path(scratch)
        build_s = None
        if args.site:
            site = args.site.resolve()
            data = site.parent / "data"
        else:
            data = PROJECT / "data"
            if args.incidents:
                data = _synth(work, args.incidents)
            site, build_s = build(data, work / "project")
        index = site / "search" / "search_index.json"
        docs = len(json.loads(index.read_text(encoding="utf-8"))["docs"])
        result: dict[str, Any] = {
            "data": f"synthetic, {args.incidents} incidents" if args.incidents else str(data),
            "incident_pages": sum(1 for p in (site / "incidents").glob("*.html") if p.name != "index.html"),
            "html_pages": sum(1 for _ in site.rglob("*.html")),
            "index_bytes": index.stat().st_size,
            "index_docs": docs,
            "build_s": round(build_s, 1) if build_s else None,
        }
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for query in args.queries or queries(data):
                runs = [measure(site, query, browser) for _ in range(args.repeat)]
                result[query] = {key: round(statistics.median(r[key] for r in runs), 3) for key in runs[0]}
            browser.close()
        print(json.dumps(result, ensure_ascii=False))


def _synth(work: Path, incidents: int) -> Path:
    out = work / "synth"
    subprocess.run([sys.executable, str(PROJECT / "benchmarks" / "synth.py"), "--incidents", str(incidents),
                    "--out", str(out)], check=True)
    return out / "data"


if __name__ == "__main__":
    main()
