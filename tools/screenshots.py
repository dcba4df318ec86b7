"""Screenshots of the built site for reviews and release notes (not a test).

    mkdocs build --strict && python tools/screenshots.py site screenshots

Opens pages from disk in Debian's Chromium (never a downloaded browser) and saves the
part of each page with its map and timeline: home, a region page and an incident page.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

PAGES = {
    "home": ("index.html", "#where-and-when"),
    "region": ("regions/shusha.html", "#map"),
    "incident": ("incidents/2021-07-13-shusha.html", "h1"),
}
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 1500})
        for name, (path, anchor) in PAGES.items():
            page.goto((args.site / path).resolve().as_uri())
            page.wait_for_load_state("load")
            page.eval_on_selector(anchor, "e => window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - 70)")
            page.wait_for_timeout(300)
            page.screenshot(path=str(args.out / f"{name}.png"))
        browser.close()


if __name__ == "__main__":
    main()
