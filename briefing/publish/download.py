"""The whole briefing to download: a zip of the built site, for reading with no network.

Every build zips the finished site (:data:`ZIP_NAME`, without itself) and writes
:data:`FACTS_NAME`, a small script with the zip's size and SHA-256 that every page loads
to show them beside its download link (``overrides/main.html``). A page cannot carry the
hash of a zip that holds the page, so the facts live in that one file, left out of the
zip: the zip holds a stand-in of it saying the copy was downloaded.

The zip is deterministic, so that two builds of the same data stay byte-identical: files
in sorted order, every entry stamped with the build date (``SOURCE_DATE_EPOCH``, which the
build pins to the data's date; 1 January 1980 without it, ZIP's earliest), the same
permissions and the same compression level. Only regular files are zipped (never a link),
under the folder name :data:`FOLDER`, so that unzipping makes one folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import time
import zipfile
from pathlib import Path

ZIP_NAME = "briefing-offline.zip"
FACTS_NAME = "briefing-download.js"
#: The folder the zip unpacks into.
FOLDER = "briefing"
_EARLIEST = (1980, 1, 1, 0, 0, 0)
_LEVEL = 6

_FILL = """
(function () {
  function fill() {
    var facts = window.briefingDownload;
    document.querySelectorAll(".briefing-download-facts").forEach(function (span) {
      span.textContent = facts ? " (" + facts.size + ", SHA-256 " + facts.sha256 + ")"
                               : " (this copy was downloaded: see the site for the latest)";
    });
  }
  if (typeof document$ !== "undefined") document$.subscribe(fill);
  else document.addEventListener("DOMContentLoaded", fill);
})();
"""
#: The stand-in for the facts inside the zip.
STAND_IN = "// The downloaded copy of the briefing: the zip's own size and hash are on the site.\n" \
           "window.briefingDownload = null;\n" + _FILL


def _stamp() -> tuple[int, int, int, int, int, int]:
    given = os.environ.get("SOURCE_DATE_EPOCH", "")
    if not given.isdigit():
        return _EARLIEST
    moment = time.gmtime(int(given))
    return max(_EARLIEST, (moment.tm_year, moment.tm_mon, moment.tm_mday, moment.tm_hour, moment.tm_min,
                           moment.tm_sec))


def _entry(name: str, stamp: tuple[int, int, int, int, int, int]) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(f"{FOLDER}/{name}", date_time=stamp)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = (stat.S_IFREG | 0o644) << 16
    info.create_system = 3
    return info


def size_words(size: int) -> str:
    """``3.2 MB``: the size as a reader reads it (decimal units, like browsers)."""
    for unit, scale in (("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} bytes"


def make_download(site: Path) -> dict[str, object]:
    """Zip ``site`` into ``site/ZIP_NAME`` and write ``site/FACTS_NAME``; the facts."""
    stamp = _stamp()
    skip = {ZIP_NAME, FACTS_NAME}
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*")
                   if p.is_file() and not p.is_symlink() and p.relative_to(site).as_posix() not in skip)
    partial = site / (ZIP_NAME + ".part")
    with zipfile.ZipFile(partial, "w", compresslevel=_LEVEL) as archive:
        for name in sorted([*files, FACTS_NAME]):
            data = STAND_IN.encode("utf-8") if name == FACTS_NAME else (site / name).read_bytes()
            archive.writestr(_entry(name, stamp), data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=_LEVEL)
    digest = hashlib.sha256()
    with partial.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    size = partial.stat().st_size
    partial.replace(site / ZIP_NAME)
    facts = {"file": ZIP_NAME, "bytes": size, "size": size_words(size), "sha256": digest.hexdigest()}
    (site / FACTS_NAME).write_text(f"window.briefingDownload = {json.dumps(facts)};\n{_FILL}", encoding="utf-8")
    return facts
