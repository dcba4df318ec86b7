"""What a reader gets, measured on a built site (for reviews and closing notes, not a test).

    mkdocs build --strict && python tools/reader_measures.py site audit/screenshots --label after

For the home page and every incident page: the HTML's weight, the words a reader sees, the
A4 pages Chromium prints (``page.pdf``, counted from the PDF's page objects), and
screenshots of the home page's first screen on a desk (1366×900) and a phone (390×844),
light and dark. Debian's Chromium only (never a downloaded browser).
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from playwright.sync_api import sync_playwright

SIZES = {"desk": (1366, 900), "phone": (390, 844)}
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def pdf_pages(pdf: bytes) -> int:
    """Pages of a PDF as Chromium writes it: one ``/Type /Page`` object per page."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--label", default="after")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    found: dict[str, dict[str, object]] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        pages = {"home": "index.html"}
        pages.update((f"incident {f.stem}", f"incidents/{f.name}")
                     for f in sorted((args.site / "incidents").glob("2*.html")))
        for name, path in pages.items():
            file = args.site / path
            page = browser.new_page()
            page.goto(file.resolve().as_uri())
            page.wait_for_load_state("load")
            words = len(page.inner_text("article").split())
            page.emulate_media(media="print")
            pdf = page.pdf(format="A4", print_background=False)
            found[name] = {"html_bytes": file.stat().st_size, "words": words, "a4_pages": pdf_pages(pdf)}
            page.close()
        for size, (width, height) in SIZES.items():
            for scheme in ("light", "dark"):
                page = browser.new_page(viewport={"width": width, "height": height}, color_scheme=scheme)
                page.goto((args.site / "index.html").resolve().as_uri())
                page.wait_for_load_state("load")
                page.wait_for_timeout(200)
                page.screenshot(path=str(args.out / f"home-first-screen-{size}-{scheme}-{args.label}.png"))
                page.close()
        browser.close()
    print(json.dumps(found, indent=1))


if __name__ == "__main__":
    main()
