"""Helpers for the story tests: build a real MkDocs site and read it as a reader would.

A site is built in a scratch project folder that holds copies of ``mkdocs.yml``,
``docs/``, ``hooks/`` and a ``data/`` folder (the real data or a test dataset), by running
``python -m mkdocs build --strict`` in a subprocess, exactly as an analyst builds it.
The ``briefing`` package itself is not copied: the hook imports the installed package.

Kept out of ``conftest.py`` so that the unit-test fixtures another engineer adds there
and these helpers do not step on each other; ``conftest.py`` only wires fixtures.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml
from bs4 import BeautifulSoup
from testdata import PROJECT, REAL_DATA

from briefing.publish.download import FACTS_NAME, ZIP_NAME

#: A fixed build time, so two builds of the same data can be compared byte for byte.
SOURCE_DATE_EPOCH = "1626307200"  # 2021-07-15T00:00:00Z

_IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc")


class BuildFailed(AssertionError):
    """``mkdocs build`` exited non-zero where success was expected."""


def build_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    # ``python -m`` would put the scratch folder first on sys.path, where a folder named
    # like the package could shadow the installed ``briefing`` package.
    env["PYTHONSAFEPATH"] = "1"
    env.pop("PYTHONPATH", None)
    if extra:
        env.update(extra)
    return env


def make_project(dest: Path, data_dir: Path | None = None) -> Path:
    """A buildable copy of the project in ``dest`` with ``data_dir`` as its data/."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(PROJECT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(PROJECT / "docs", dest / "docs", ignore=_IGNORE)
    shutil.copytree(PROJECT / "hooks", dest / "hooks", ignore=_IGNORE)
    shutil.copytree(PROJECT / "overrides", dest / "overrides", ignore=_IGNORE)
    shutil.copytree(data_dir if data_dir is not None else REAL_DATA, dest / "data", ignore=_IGNORE)
    if data_dir is not None and data_dir.resolve() != REAL_DATA:
        _without_real_site_texts(dest / "mkdocs.yml")
    return dest


def _without_real_site_texts(config: Path) -> None:
    """The real site's introduction cites the real data's sources, and its scope is the real
    data's: leave both out of a project built from other data."""
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    briefing = (settings.get("extra") or {}).get("briefing") or {}
    if [briefing.pop(name, None) for name in ("home_intro", "scope")] != [None, None]:
        config.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")


def run_mkdocs(
    project: Path, env: Mapping[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` in ``project``; returns the finished process, never raises on failure."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project, env=build_env(env), capture_output=True, text=True, timeout=timeout, check=False,
    )


def build_site(dest: Path, data_dir: Path | None = None, env: Mapping[str, str] | None = None) -> Path:
    """Copy the project into ``dest`` with ``data_dir`` (default: the real data), build it
    strictly and return the built ``site/`` folder."""
    make_project(dest, data_dir)
    result = run_mkdocs(dest, env)
    if result.returncode != 0:
        raise BuildFailed(
            f"mkdocs build --strict failed with exit code {result.returncode}\n"
            f"--- stdout ---\n{result.stdout}\n--- stderr ---\n{result.stderr}"
        )
    return dest / "site"


# --- reading data ------------------------------------------------------------------------


# --- reading the built site --------------------------------------------------------------


def file_hashes(root: Path) -> dict[str, str]:
    """sha256 of every file below ``root``, by its POSIX path relative to ``root``."""
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*")) if path.is_file()
    }


def site_hashes(root: Path) -> dict[str, str]:
    """:func:`file_hashes` of a built site without the offline zip and its facts
    (:mod:`briefing.publish.download`): a clean build writes them once the site is complete,
    the preview (``mkdocs serve``) does not (zipping the whole site on every edit would slow
    it, and nobody downloads a preview), and they differ wherever any page does."""
    return {name: digest for name, digest in file_hashes(root).items() if name not in (ZIP_NAME, FACTS_NAME)}


def download_facts(site: Path) -> dict[str, object]:
    """The facts about the zip that ``site``'s ``FACTS_NAME`` states (size, SHA-256)."""
    text = (site / FACTS_NAME).read_text(encoding="utf-8")
    match = re.match(r"window\.briefingDownload = (\{.*?\});\n", text)
    assert match, text[:200]
    facts: dict[str, object] = json.loads(match.group(1))
    return facts


def tree(root: Path, skip: str | None = None) -> dict[str, str]:
    """Every file below ``root`` (except below ``root/skip``) with its hash."""
    return {
        name: digest for name, digest in file_hashes(root).items()
        if skip is None or not (name == skip or name.startswith(skip + "/"))
    }


def is_external(href: str) -> bool:
    scheme = urlsplit(href).scheme.lower()
    return bool(scheme) or href.startswith("//")


@dataclass
class Site:
    """A built site folder, with its pages parsed on demand (and cached)."""

    root: Path

    def __post_init__(self) -> None:
        self._soups: dict[str, BeautifulSoup] = {}

    @cached_property
    def html_files(self) -> list[str]:
        return sorted(p.relative_to(self.root).as_posix() for p in self.root.rglob("*.html"))

    def exists(self, page: str) -> bool:
        return (self.root / page).is_file()

    def text_of(self, page: str) -> str:
        return (self.root / page).read_text(encoding="utf-8")

    def soup(self, page: str) -> BeautifulSoup:
        if page not in self._soups:
            self._soups[page] = parse_html(self.text_of(page))
        return self._soups[page]

    def article(self, page: str) -> Any:
        """The page's content (what the Markdown produced), without theme chrome."""
        article = self.soup(page).select_one("article.md-content__inner")
        assert article is not None, f"{page}: no <article> content"
        return article

    def article_text(self, page: str) -> str:
        return " ".join(self.article(page).get_text(" ").split())

    def ids_in(self, page: str) -> set[str]:
        return {tag["id"] for tag in self.soup(page).find_all(id=True)}

    @cached_property
    def root_path(self) -> str:
        """The path part of ``site_url`` (``/`` without one), from the built project's mkdocs.yml."""
        with open(self.root.parent / "mkdocs.yml", encoding="utf-8") as handle:
            config = yaml.load(handle, Loader=yaml.BaseLoader)  # BaseLoader: no tags, all text
        path = urlsplit(config.get("site_url") or "/").path or "/"
        return path if path.endswith("/") else path + "/"

    def target(self, page: str, ref: str) -> str:
        """The site path an internal ``href``/``src`` on ``page`` points to.

        Relative references resolve against the page, as a browser does for a folder opened
        from disk. Only ``404.html`` (which a web server serves at any address) may use
        root-absolute references; they resolve against ``site_url``. Anywhere else a
        root-absolute reference is returned unresolved (starting with ``/``): it would
        break offline reading, and tests treat it as missing."""
        path = unquote(urlsplit(ref).path)
        if path.startswith("/"):
            if page == "404.html" and path.startswith(self.root_path):
                return resolve("index.html", path[len(self.root_path):] or "index.html")
            return path
        return resolve(page, ref)

    def links(self, page: str, scope: Any = None) -> Iterator[tuple[str, str]]:
        """``(href, target site path)`` for every internal ``a[href]`` in ``scope``."""
        node = scope if scope is not None else self.soup(page)
        for anchor in node.find_all("a", href=True):
            href = anchor["href"]
            if is_external(href):
                continue
            yield href, self.target(page, href)

    def links_to(self, page: str, target: str, scope: Any = None) -> bool:
        """Whether ``page`` (or ``scope`` in it) has a link to the page ``target``."""
        return any(resolved == target for _href, resolved in self.links(page, scope))

    def article_links_to(self, page: str, target: str) -> bool:
        return self.links_to(page, target, self.article(page))

    def section(self, page: str, heading: str) -> BeautifulSoup:
        """The content of ``page`` under the ``<h2>`` starting with ``heading``."""
        return section(self.article(page), heading)

    def section_links_to(self, page: str, heading: str, target: str) -> bool:
        """Whether the ``heading`` section of ``page`` links to the page ``target``."""
        return self.links_to(page, target, self.section(page, heading))


def resolve(page: str, href: str) -> str:
    """The site path a relative ``href`` on ``page`` points to ('' for the same page)."""
    path = unquote(urlsplit(href).path)
    if not path:
        return page
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    if path.endswith("/") or joined == ".":
        joined = posixpath.join(joined, "index.html") if joined != "." else "index.html"
    return joined


def fragment(href: str) -> str:
    return unquote(urlsplit(href).fragment)


_TITLE = re.compile(r"(<title\b[^>]*>)(.*?)(</title[\s/>])", re.IGNORECASE | re.DOTALL)


def parse_html(markup: str) -> BeautifulSoup:
    """Parse a page the way a browser does, as far as these tests need.

    Python's ``html.parser`` treats ``<title>`` content as markup, where a browser reads it
    as text up to the first ``</title`` (RCDATA; character references decoded). The title is
    rewritten to that text before parsing, so that a ``<script>`` inside a title is the text
    a reader sees in the tab, while one after a premature ``</title>`` is a real element.
    """
    def as_text(match: re.Match[str]) -> str:
        return match.group(1) + html.escape(html.unescape(match.group(2)), quote=False) + match.group(3)

    return BeautifulSoup(_TITLE.sub(as_text, markup, count=1), "html.parser")


def visible_text(node: Any) -> str:
    """The text a reader sees in ``node``, white space collapsed (scripts and styles left out)."""
    copy = parse_html(str(node))
    for tag in copy(["script", "style", "noscript", "template"]):
        tag.extract()
    return " ".join(copy.get_text(" ").split())


def heading_text(heading: Any) -> str:
    """A heading's text without its ``¶`` permalink."""
    copy = parse_html(str(heading))
    for link in copy.select("a.headerlink"):
        link.extract()
    return " ".join(copy.get_text(" ").split())


def section(article: Any, heading: str) -> BeautifulSoup:
    """The content under the ``<h2>`` whose text starts with ``heading``, up to the next ``<h2>``."""
    for h2 in article.find_all("h2"):
        if heading_text(h2).startswith(heading):
            parts = []
            for sibling in h2.find_next_siblings():
                if sibling.name == "h2":
                    break
                parts.append(str(sibling))
            return BeautifulSoup("".join(parts), "html.parser")
    raise AssertionError(f"no section {heading!r} in the page")


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def day_text(day: Any) -> str:
    """A date the way the site prints it: ``6 July 2021``."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def squash(text: str) -> str:
    return " ".join(str(text).split())


def cli_in(root: Path, capsys: Any, *args: str) -> tuple[int, str, str]:
    """``python -m briefing ARGS`` run in-process from ``root``: (exit code, stdout, stderr)."""
    from briefing.cli import main

    cwd = Path.cwd()
    os.chdir(root)
    try:
        code = main(list(args))
    finally:
        os.chdir(cwd)
    out, err = capsys.readouterr()
    return code, out, err
