"""What a reader gets, measured on a built site (for reviews and closing notes, not a test).

    mkdocs build --strict && python tools/reader_measures.py site audit/screenshots --label after

For the home page and every incident page: the HTML's weight, the words a reader sees, the
A4 pages Chromium prints (``page.pdf``, counted from the PDF's page objects; the incident
pages' fewest, median and most), and screenshots of the home page's first screen on a desk
(1366×900) and a phone (390×844), light and dark. With ``--print-png``, the printed pages
of the home page and of the longest incident page (by words) as PNG files
(``print-<label>-<page>-<n>.png``, rendered by ``pdftoppm`` from Debian's poppler-utils).
Debian's Chromium only (never a downloaded browser).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

SIZES = {"desk": (1366, 900), "phone": (390, 844)}
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def pdf_pages(pdf: bytes) -> int:
    """Pages of a PDF as Chromium writes it: one ``/Type /Page`` object per page."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def _print_png(pdf: bytes, prefix: Path) -> None:
    """Each page of ``pdf`` as ``<prefix>-<n>.png`` (90 dpi: footnotes' addresses readable)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        subprocess.run(["pdftoppm", "-r", "90", "-png", file.name, str(prefix)], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--label", default="after")
    parser.add_argument("--print-png", action="store_true", help="render printed pages to PNG (pdftoppm)")
    args = parser.parse_args()
    pdfs: dict[str, bytes] = {}
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
            pdfs[name] = pdf
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
    incidents = [name for name in found if name != "home"]
    counts = sorted(int(found[name]["a4_pages"]) for name in incidents)  # type: ignore[call-overload]
    if counts:
        found["incident pages"] = {"fewest": counts[0], "median": statistics.median(counts), "most": counts[-1]}
    if args.print_png:
        longest = max(incidents, key=lambda name: int(found[name]["words"]), default=None)  # type: ignore[call-overload]
        for name in ["home", *([longest] if longest else [])]:
            _print_png(pdfs[name], args.out / f"print-{args.label}-{name.split()[-1]}")
    print(json.dumps(found, indent=1))


if __name__ == "__main__":
    main()
