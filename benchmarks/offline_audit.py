"""The offline reading numbers for a built site: requests, JS errors, links, axe findings.

    python benchmarks/offline_audit.py site/          # after mkdocs build
    python benchmarks/offline_audit.py site/ --all    # every page, not one per kind

Opens pages from file:// in Debian's Chromium (as tests/test_browser_offline.py does) and
counts, over all pages: requests made and how many left file://, JavaScript errors,
internal links checked and broken (file or #anchor missing), and axe-core WCAG 2 A/AA
findings by impact. The tests assert the zeros; this prints the totals for the record
(benchmarks/READERS.md).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
AXE = Path(__file__).resolve().parent.parent / "tests" / "vendor" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def one_per_kind(site: Path) -> list[Path]:
    """The top-level pages, and the index page plus the first record page of each folder."""
    pages = [p for p in sorted(site.glob("*.html")) if p.name != "404.html"]
    for folder in sorted(p for p in site.iterdir() if p.is_dir() and (p / "index.html").is_file()):
        pages.append(folder / "index.html")
        pages.extend([p for p in sorted(folder.glob("*.html")) if p.name != "index.html"][:1])
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path)
    parser.add_argument("--all", action="store_true", help="every page rather than one of each kind")
    args = parser.parse_args()
    site = args.site.resolve()
    pages = [p for p in sorted(site.rglob("*.html")) if p.name != "404.html"] if args.all else one_per_kind(site)

    from playwright.sync_api import sync_playwright

    totals: Counter[str] = Counter()
    axe: Counter[str] = Counter()
    ids: dict[Path, set[str]] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for path in pages:
            page = browser.new_page()
            requests: list[str] = []
            errors: list[str] = []
            page.on("request", lambda r, requests=requests: requests.append(r.url))
            page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
            page.on("console", lambda m, errors=errors: errors.append(m.text) if m.type == "error" else None)
            page.goto(path.as_uri())
            page.wait_for_load_state("load")
            page.wait_for_timeout(200)
            hrefs = [h for h in page.eval_on_selector_all("a[href]", "a => a.map(x => new URL(x.getAttribute('href'), document.baseURI).href)") if h.startswith("file:")]
            page_errors = list(errors)  # before axe is injected: only the site's own errors count
            page.add_script_tag(path=str(AXE))
            # preload: false: axe would re-fetch the stylesheets by XHR, which file:// refuses.
            found = page.evaluate("t => axe.run(document, {runOnly: {type: 'tag', values: t}, preload: false})"
                                  ".then(r => r.violations.map(v => v.impact + ' ' + v.id))", WCAG_TAGS)
            page.close()
            totals["pages"] += 1
            totals["requests"] += len(requests)
            totals["requests_outside_file"] += sum(not u.startswith(("file:", "data:", "blob:")) for u in requests)
            totals["js_errors"] += len(page_errors)
            totals["internal_links"] += len(hrefs)
            for href in hrefs:
                parts = urlsplit(href)
                target = Path(unquote(parts.path))
                if not target.is_file():
                    totals["broken_links"] += 1
                elif parts.fragment and target.suffix == ".html":
                    if target not in ids:
                        soup = BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser")
                        ids[target] = {t["id"] for t in soup.find_all(id=True)}
                    totals["broken_links"] += unquote(parts.fragment) not in ids[target]
            axe.update(found)
            for error in page_errors:
                print(f"{path.relative_to(site)}: {error}", file=sys.stderr)
        browser.close()
    print(json.dumps({**totals, "axe_findings": dict(axe)}, ensure_ascii=False))


if __name__ == "__main__":
    main()
