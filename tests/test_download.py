"""The briefing to download (issue 23.3): every build zips the whole site, and every page
links to the zip with its size and SHA-256. A reader downloads it, unzips it anywhere and
reads it from disk, search included; two builds of the same data give the same zip.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import zipfile
from pathlib import Path

import pytest
from sitetools import Site, download_facts
from test_browser_offline import _open, browser  # noqa: F401  (the shared fixture)

from briefing.publish.download import FACTS_NAME, FOLDER, STAND_IN, ZIP_NAME, make_download


def test_the_zip_holds_the_whole_site_but_itself_and_its_facts_are_true(real_site: Path) -> None:
    archive = real_site / ZIP_NAME
    facts = download_facts(real_site)
    assert facts["bytes"] == archive.stat().st_size
    assert facts["sha256"] == hashlib.sha256(archive.read_bytes()).hexdigest()
    on_disk = {p.relative_to(real_site).as_posix() for p in real_site.rglob("*") if p.is_file()}
    with zipfile.ZipFile(archive) as zipped:
        names = zipped.namelist()
        assert names == sorted(names)
        assert {n.removeprefix(f"{FOLDER}/") for n in names} == on_disk - {ZIP_NAME}
        assert zipped.read(f"{FOLDER}/{FACTS_NAME}").decode("utf-8") == STAND_IN
        assert zipped.read(f"{FOLDER}/index.html") == (real_site / "index.html").read_bytes()
        assert {i.date_time for i in zipped.infolist()} == {zipped.infolist()[0].date_time}


def test_every_page_links_to_the_zip(real_pages: Site) -> None:
    for path in ("index.html", "incidents/2021-07-13-shusha.html", "about.html", "sources/index.html"):
        link = real_pages.soup(path).select_one(".briefing-download a[download]")
        assert link is not None, path
        target = (real_pages.root / path).parent / link["href"]
        assert target.resolve() == (real_pages.root / ZIP_NAME).resolve(), path


def test_the_zip_is_the_same_bytes_whatever_the_files_times(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text("<p>home</p>", encoding="utf-8")
    (site / "a" / "b.css").write_text("p {}", encoding="utf-8")
    os.environ["SOURCE_DATE_EPOCH"], before = "1626307200", os.environ.get("SOURCE_DATE_EPOCH")
    try:
        first = make_download(site)
        first_bytes = (site / ZIP_NAME).read_bytes()
        os.utime(site / "index.html", (1, 1))
        second = make_download(site)  # the old zip and facts are left out, not zipped again
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH")
        if before is not None:
            os.environ["SOURCE_DATE_EPOCH"] = before
    assert first == second and (site / ZIP_NAME).read_bytes() == first_bytes
    with zipfile.ZipFile(site / ZIP_NAME) as zipped:
        assert zipped.namelist() == [f"{FOLDER}/a/b.css", f"{FOLDER}/{FACTS_NAME}", f"{FOLDER}/index.html"]
        assert zipped.infolist()[0].date_time == (2021, 7, 15, 0, 0, 0)


def test_the_built_site_shows_the_zips_size_and_hash(browser: object, real_site: Path) -> None:  # noqa: F811
    page, _, errors = _open(browser, (real_site / "incidents" / "2021-07-13-shusha.html").as_uri())
    facts = download_facts(real_site)
    shown = page.inner_text(".briefing-download")  # type: ignore[attr-defined]
    assert f"({facts['size']}, SHA-256 {facts['sha256']})" in shown
    assert errors == []
    page.close()  # type: ignore[attr-defined]


def test_the_unzipped_copy_reads_from_disk_with_search(browser: object, real_site: Path,  # noqa: F811
                                                      tmp_path: Path) -> None:
    with zipfile.ZipFile(real_site / ZIP_NAME) as zipped:
        zipped.extractall(tmp_path)
    copy = tmp_path / FOLDER
    page, requests, errors = _open(browser, (copy / "index.html").as_uri())
    assert "this copy was downloaded" in page.inner_text(".briefing-download")  # type: ignore[attr-defined]
    page.click(".md-search__input")  # type: ignore[attr-defined]
    page.keyboard.type("Kalbajar", delay=20)  # type: ignore[attr-defined]
    page.wait_for_selector(".md-search-result__item", timeout=20_000)  # type: ignore[attr-defined]
    hrefs = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(a => a.href)")  # type: ignore[attr-defined]
    assert any(h.startswith(copy.as_uri()) and "incidents/2021-07-15-kalbajar" in h for h in hrefs), hrefs
    page.click(".md-search-result__item a[href*='2021-07-15-kalbajar']")  # type: ignore[attr-defined]
    page.wait_for_load_state("load")  # type: ignore[attr-defined]
    assert page.url.startswith(copy.as_uri())  # type: ignore[attr-defined]
    assert [u for u in requests if not u.startswith(("file://", "data:", "blob:"))] == []
    assert errors == []
    page.close()  # type: ignore[attr-defined]
    shutil.rmtree(copy)


@pytest.mark.parametrize("size, words", [(999, "999 bytes"), (2_365_433, "2.4 MB"), (10**9, "1.0 GB")])
def test_sizes_read_as_a_browser_shows_them(size: int, words: str) -> None:
    from briefing.publish.download import size_words

    assert size_words(size) == words
