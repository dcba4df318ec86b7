"""The MUST rules of the Atom Syndication Format (RFC 4287) as a checker for tests.

No Atom validator runs offline from a package registry, so the rules a feed reader relies
on are checked here one by one, each with its section of the RFC. ``problems`` returns
every violation as text; an empty list means the feed is valid on these rules.
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

from lxml import etree

ATOM = "http://www.w3.org/2005/Atom"
_NS = {"a": ATOM}
# RFC 3339 date-time (§3.3): full date, "T", time, optional fraction, Z or offset.
_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def _count(node: etree._Element, name: str) -> int:
    return len(node.findall(f"a:{name}", _NS))


def _check_common(node: etree._Element, where: str, problems: list[str]) -> None:
    for name in ("id", "title", "updated"):
        if _count(node, name) != 1:
            problems.append(f"{where}: needs exactly one atom:{name} (§4.1.1, §4.1.2)")
    for name in ("rights", "subtitle", "icon", "logo", "generator", "published", "summary", "content", "source"):
        if _count(node, name) > 1:
            problems.append(f"{where}: more than one atom:{name}")
    for element in node.findall("a:id", _NS):
        if not urlsplit((element.text or "").strip()).scheme:
            problems.append(f"{where}: atom:id {element.text!r} is not an absolute IRI (§4.2.6)")
    for name in ("updated", "published"):
        for element in node.findall(f"a:{name}", _NS):
            if not _DATE_TIME.match((element.text or "").strip()):
                problems.append(f"{where}: atom:{name} {element.text!r} is not an RFC 3339 date-time (§3.3)")
    for name in ("title", "subtitle", "summary", "rights"):
        for element in node.findall(f"a:{name}", _NS):
            if element.get("type", "text") not in ("text", "html", "xhtml"):
                problems.append(f"{where}: atom:{name} has type {element.get('type')!r} (§3.1.1)")
    alternates: Counter[tuple[str | None, str | None]] = Counter()
    for link in node.findall("a:link", _NS):
        if not link.get("href"):
            problems.append(f"{where}: atom:link without href (§4.2.7.1)")
        if link.get("rel", "alternate") == "alternate":
            alternates[(link.get("type"), link.get("hreflang"))] += 1
    if any(n > 1 for n in alternates.values()):
        problems.append(f"{where}: two alternate links with the same type and hreflang (§4.1.1)")
    for author in node.findall("a:author", _NS):
        if _count(author, "name") != 1:
            problems.append(f"{where}: atom:author needs exactly one atom:name (§3.2.1)")


def problems(document: bytes) -> list[str]:
    """Every RFC 4287 violation found in ``document`` (an Atom feed)."""
    try:
        root = etree.fromstring(document)
    except etree.XMLSyntaxError as exc:
        return [f"not well-formed XML: {exc}"]
    if root.tag != f"{{{ATOM}}}feed":
        return [f"root element is {root.tag}, not atom:feed"]
    found: list[str] = []
    _check_common(root, "feed", found)
    entries = root.findall("a:entry", _NS)
    if _count(root, "author") == 0 and any(_count(e, "author") == 0 for e in entries):
        found.append("feed: no atom:author, and an entry has none either (§4.1.1)")
    ids = Counter((e.findtext("a:id", namespaces=_NS) or "").strip() for e in entries)
    found.extend(f"entry id {i!r} is used {n} times (§4.2.6)" for i, n in ids.items() if n > 1)
    for number, entry in enumerate(entries, start=1):
        where = f"entry {number}"
        _check_common(entry, where, found)
        has_alternate = any(link.get("rel", "alternate") == "alternate" for link in entry.findall("a:link", _NS))
        if _count(entry, "content") == 0 and not has_alternate:
            found.append(f"{where}: no atom:content and no alternate link (§4.1.2)")
        content = entry.find("a:content", _NS)
        if content is not None and (content.get("src") or content.get("type") not in (None, "text", "html", "xhtml")) \
                and _count(entry, "summary") == 0:
            found.append(f"{where}: needs atom:summary (§4.1.2)")
    return found
